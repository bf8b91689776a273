"""Live progress of a batch (--submissions): where it is and when it ends.

Hundreds of submissions take hours, so a TA wants to see, for each worker
grading a submission: its name, what it is doing (build, then the lab of the
last test done), tests done / total, elapsed time, and an ETA for the whole
batch from the mean time of the submissions already finished.

On a terminal those lines sit under the normal output and are rewritten in
place (every event, and once a second for the clock); every other write
goes through write(), which clears them, writes, and draws them again
below.  In a CI log (not a tty) a worker's line is printed plainly once when
its submission starts and once when it ends, so the log gets no `\\r` spam.
"""
import shutil
import threading
import time
from dataclasses import dataclass

CLEAR = "\r\x1b[K"  # to the start of the line, erase it
UP = "\x1b[1A"


def duration(seconds):
    """42s, 3m05s, 2h10m"""
    s = int(round(seconds))
    if s < 3600:
        return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"
    return f"{s // 3600}h{s % 3600 // 60:02d}m"


@dataclass
class Worker:
    name: str
    number: int  # 1-based position of its submission in the batch
    stage: str
    start: float
    done: int = 0


class Progress:
    """A stream (write/flush) for the batch's output, plus its events:
    start(name, stage), stage(name, stage), tested(name, lab), finish(name)."""

    def __init__(self, out, submissions, tests, tty=None, clock=time.monotonic, width=None,
                 tick=1.0):
        self.out = out
        self.submissions = submissions
        self.tests = tests
        self.tty = out.isatty() if tty is None else tty
        self.clock = clock
        self.width = width or shutil.get_terminal_size().columns
        self.tick = tick
        self.workers = {}  # submission name -> Worker
        self.times = []  # seconds of each finished submission
        self.drawn = 0  # live lines on the screen under the output
        self.partial = False  # the output's last line is not finished
        self.lock = threading.RLock()
        self.stopped = threading.Event()
        self.ticker = None

    def start(self, name, stage):
        with self.lock:
            number = len(self.times) + len(self.workers) + 1
            self.workers[name] = Worker(name, number, stage, self.clock())
            self._changed(self.workers[name], plain=True)

    def stage(self, name, stage):
        with self.lock:
            self.workers[name].stage = stage
            self._changed(self.workers[name])

    def tested(self, name, lab):
        with self.lock:
            worker = self.workers[name]
            worker.done += 1
            worker.stage = lab
            self._changed(worker)

    def finish(self, name):
        with self.lock:
            worker = self.workers.pop(name)
            self.times.append(self.clock() - worker.start)
            worker.stage = "done"
            self._changed(worker, plain=True)

    def line(self, worker):
        eta = self.eta()
        return (f"[{worker.number}/{self.submissions}] {worker.name}: {worker.stage}, "
                f"{worker.done}/{self.tests} tests, {duration(self.clock() - worker.start)}, "
                f"batch ETA {'--' if eta is None else duration(eta)}")

    def eta(self):
        """Mean time per finished submission times those not finished, less
        what the running ones have had, shared among the workers."""
        if not self.times:
            return None
        mean = sum(self.times) / len(self.times)
        now = self.clock()
        left = mean * (self.submissions - len(self.times))
        left -= sum(min(mean, now - w.start) for w in self.workers.values())
        return max(0.0, left) / max(1, len(self.workers))

    def _changed(self, worker, plain=False):
        if self.tty:
            self._redraw()
        elif plain:
            self.out.write(self.line(worker) + "\n")
            self.out.flush()

    # -- the stream --
    def write(self, text):
        with self.lock:
            self._clear()
            self.out.write(text)
            self.partial = not text.endswith("\n")
            self._draw()

    def flush(self):
        self.out.flush()

    # -- the live lines (tty only) --
    def _clear(self):
        if self.drawn:
            self.out.write(CLEAR + (UP + CLEAR) * (self.drawn - 1))
            self.drawn = 0

    def _draw(self):
        if not self.tty or self.partial or not self.workers:
            return
        lines = [self.line(w)[:self.width - 1] for w in self.workers.values()]
        self.out.write("\n".join(lines))
        self.drawn = len(lines)
        self.out.flush()

    def _redraw(self):
        with self.lock:
            if not self.partial:
                self._clear()
                self._draw()

    def _tick(self):
        while not self.stopped.wait(self.tick):
            self._redraw()

    def __enter__(self):
        if self.tty:
            self.ticker = threading.Thread(target=self._tick, name="progress", daemon=True)
            self.ticker.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        """Stop the clock and take the live lines off the screen."""
        self.stopped.set()
        if self.ticker is not None:
            self.ticker.join()
            self.ticker = None
        with self.lock:
            self._clear()
            self.out.flush()
