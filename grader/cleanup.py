"""No QEMU outlives the grader.

Every running machine is registered here.  On normal exit (atexit), on
SIGINT (Ctrl-C) and on SIGTERM (a CI timeout) all of them are killed: each
QEMU runs in its own session, so killing its process group also takes
anything it started.  Once stopping, no new machine may start, so worker
threads drain quickly instead of booting the next test.
"""
import atexit
import signal
import threading

from grader.check import Stopping

_lock = threading.Lock()
_live = set()
_stopping = False


def register(machine):
    with _lock:
        if _stopping:
            raise Stopping("grader is stopping")
        _live.add(machine)


def unregister(machine):
    with _lock:
        _live.discard(machine)


def stop_all():
    """Refuse new machines and kill the running ones (their owners close them)."""
    global _stopping
    with _lock:
        _stopping = True
        machines = list(_live)
    for machine in machines:
        machine.kill()


def reset():
    """Allow machines again (for a second grader run in the same process)."""
    global _stopping
    with _lock:
        _stopping = False


def _at_exit():
    stop_all()
    with _lock:
        machines = list(_live)
    for machine in machines:
        machine.close()


atexit.register(_at_exit)


def _on_signal(signum, _frame):
    stop_all()
    raise SystemExit(128 + signum)


class signals_handled:
    """`with signals_handled():` kills all machines on SIGINT/SIGTERM inside
    the block (main thread only) and restores the previous handlers after."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __enter__(self):
        self._saved = {s: signal.signal(s, _on_signal) for s in self.SIGNALS}
        return self

    def __exit__(self, *exc):
        for s, handler in self._saved.items():
            signal.signal(s, handler)
        return False
