"""Run selected tests: one machine per group of tests that share a boot
configuration, up to `jobs` machines at a time.

Tests on one machine run in declaration order.  When one fails, its machine
is closed and the next test of the group boots a fresh one, so one failure
(a hung shell, a panic) does not cascade into the tests after it.  The full
serial log of each failing test is saved as LOG_DIR/<test>.log.

A dead boot is not tried again: when a machine's boot was seen dead
(machine.py: a panic, reset or QEMU exit before its first prompt, a halt
while waiting for a boot line or the prompt), every later test with the same
BootSpec runs on a replay of that boot's output (Machine.replay): a boot
line it printed still matches, anything else fails at once with the reason
it died.  A failure names the stubs the
machine said it ran (`TODO(lab 0x05): proc_fork is not implemented`).
"""
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from grader.check import CheckFailed, Stopping
from grader.machine import Machine
from grader.registry import machine_groups


@dataclass
class Result:
    test: object  # registry.Test
    passed: bool
    seconds: float
    reason: str = ""
    details: str = ""
    log: str = ""  # path of the saved serial log (failures only)


@dataclass
class RunContext:
    settings: object  # settings.Settings
    esp_dir: Path
    log_dir: Path
    timeout_scale: float = 1.0
    jobs: int = 1
    echo: object = None  # function(machine, text) for -v
    qemu_cmd: str = None  # replaces qemu-system-x86_64 (self-tests)
    wrap: object = None  # function(argv, workdir) -> argv: QEMU sandboxed (batch grading)
    dead: dict = None  # BootSpec -> (dead Machine, test that saw it die)

    def __post_init__(self):
        self.dead = {} if self.dead is None else self.dead
        self.lock = threading.Lock()
        self._gates = {}  # BootSpec -> Lock held through the first test of its first boot
        self._booted = set()  # BootSpecs that came through a first test alive

    def first_boot(self, spec):
        """Wait while another machine of `spec` runs its first test: a dead
        boot is then known before this one boots again.  Returns the gate to
        release (see booted()), or None once the spec is known to boot."""
        with self.lock:
            if spec in self._booted:
                return None
            gate = self._gates.setdefault(spec, threading.Lock())
        gate.acquire()
        with self.lock:
            if spec in self._booted:
                gate.release()
                return None
        return gate

    def booted(self, spec, gate, alive):
        with self.lock:
            if alive:
                self._booted.add(spec)
        gate.release()

    def dead_boot(self, spec):
        with self.lock:
            return self.dead.get(spec)

    def note_dead(self, spec, machine, test):
        with self.lock:
            self.dead.setdefault(spec, (machine, test))

    def new_machine(self, test):
        return Machine(self.settings, self.esp_dir, test.boot, name=test.name,
                       timeout_scale=self.timeout_scale, echo=self.echo, qemu_cmd=self.qemu_cmd,
                       wrap=self.wrap)


def log_path(log_dir, test):
    return Path(log_dir) / f"{test.name}.log"


def with_todo(reason, todos):
    """`reason (missing: TODO(lab 0x05): proc_fork, ...)` when stubs ran."""
    return f"{reason} (missing: {', '.join(todos)})" if todos else reason


def _run_one(ctx, test, machine):
    """Run `test`; returns (Result, machine to keep using or None)."""
    if machine is not None:
        return _run_on(ctx, test, machine)
    gate = ctx.first_boot(test.boot)
    dead = ctx.dead_boot(test.boot)
    if dead is not None:
        if gate is not None:
            ctx.booted(test.boot, gate, alive=False)
        dead_machine, seen_by = dead
        result, replay = _run_on(ctx, test, dead_machine.replay(seen_by))
        if replay is not None:
            replay.close()
        return result, None
    if gate is None:
        return _run_on(ctx, test, None)
    alive = False
    try:
        result, machine = _run_on(ctx, test, None)
        alive = ctx.dead_boot(test.boot) is None
        return result, machine
    finally:
        ctx.booted(test.boot, gate, alive)


def _run_on(ctx, test, machine):
    """Run `test` on `machine` (None: boot one); (Result, machine or None)."""
    start = time.monotonic()
    try:
        if machine is None:
            machine = ctx.new_machine(test).start()
        test.func(machine)
        return Result(test, True, time.monotonic() - start), machine
    except Exception as e:  # a failed check, or a bug in the test: both are a FAIL
        if isinstance(e, CheckFailed):
            reason, details = e.reason, e.details
        elif isinstance(e, Stopping):
            reason, details = "grader stopped", ""
        else:
            reason, details = f"grader error: {type(e).__name__}: {e}", traceback.format_exc()
        if machine is not None:
            reason = with_todo(reason, machine.todo_lines())
            if machine.dead and not machine._replayed:
                ctx.note_dead(test.boot, machine, test.name)
        result = Result(test, False, time.monotonic() - start, reason, details)
        if machine is not None:
            path = log_path(ctx.log_dir, test)
            path.write_text(machine.log)
            result.log = str(path)
            machine.close()
        return result, None


def _run_group(ctx, tests, on_result):
    machine = None
    results = []
    try:
        for test in tests:
            result, machine = _run_one(ctx, test, machine)
            results.append(result)
            on_result(result)
    finally:
        if machine is not None:
            machine.close()
    return results


def run(ctx, tests, on_result=lambda result: None):
    """Run `tests`; call on_result(Result) as each finishes (from worker
    threads, serialised by a lock).  Returns the Results in `tests` order."""
    Path(ctx.log_dir).mkdir(parents=True, exist_ok=True)
    for test in tests:
        log_path(ctx.log_dir, test).unlink(missing_ok=True)  # no stale logs of passing tests
    lock = threading.Lock()

    def report(result):
        with lock:
            on_result(result)

    groups = machine_groups(tests)
    with ThreadPoolExecutor(max_workers=max(1, ctx.jobs)) as pool:
        futures = [pool.submit(_run_group, ctx, group, report) for group in groups]
        try:
            done = [r for f in futures for r in f.result()]
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
    order = {t.name: i for i, t in enumerate(tests)}
    return sorted(done, key=lambda r: order[r.test.name])
