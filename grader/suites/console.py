"""Labs 2 and 3 at the kernel's own console (grader/kconsole.py).

Lab 0x02 (用户交互): the kernel reads a line with get_line (echoed as typed,
0x08 and 0x7F erase), answers `You said: LINE` and prints the timer
interrupt's counter; `exit` shuts down.
Lab 0x03 (kernel threads): `ps` from the kernel in the SPEC's exact format,
`test` spawns a kernel thread that ticks alongside the others, `stack` runs
one whose huge stack grows by page faults and prints 16 lines.

All of them boot the ESP without APP/shell (KCONSOLE), so they run on the
same console at stage 2, 3 and every later stage.  A `test` thread never
ends: the Tick test is the last one on the machine.
"""
import time

from grader import kconsole, markers
from grader.check import CheckFailed
from grader.ps import HEADER, format_errors
from grader.registry import test

KCONSOLE = kconsole.KCONSOLE
KERNEL_PID = 1
# Every size in `ps` is printed with 2 decimals: a value may be off by this
# much in its unit.
ROUNDING = 0.005
DEL, BACKSPACE = "\x7f", "\x08"
THREADS = 3  # `test` typed this many times
TICKS_EACH = 2  # Tick lines each thread must print


def expect_said(m, line, want, typed=None):
    """Type `line`; the console must answer that it read `want`.  Returns
    the output (echo included)."""
    output = kconsole.command(m, line)
    got = kconsole.said(output)
    typed = typed or repr(line)
    if got is None:
        m.fail(f"typed {typed} at the kernel console: no `You said: ...` line, got "
               f"{output.strip()[:200]!r}")
    if got != want:
        m.fail(f"typed {typed} at the kernel console: it read {got!r}, expected {want!r}")
    return output


# ---- lab 2: get_line and the counter ------------------------------------------


@test("2", boot=KCONSOLE)
def kconsole_echo(m):
    """kernel console: a typed line is echoed as typed, then `You said: LINE`"""
    line = "hello ysos 123"
    output = expect_said(m, line, line)
    answer = output.find("You said: ")
    if line not in output[: answer if answer >= 0 else len(output)]:
        m.fail(f"the typed line was not echoed before the answer: {output.strip()[:200]!r}")


@test("2", boot=KCONSOLE)
def kconsole_backspace(m):
    """kernel console: 0x7F and 0x08 erase the last character (`helx<DEL>lo` reads `hello`)"""
    expect_said(m, f"helx{DEL}lo", "hello", "helx<DEL>lo")
    expect_said(m, f"ab{BACKSPACE}{BACKSPACE}{BACKSPACE}cd", "cd", "ab<BS><BS><BS>cd")


@test("2", boot=KCONSOLE)
def kconsole_counter_grows(m):
    """kernel console: `The counter value is N` after each line, N grows (the timer ticks)"""
    first = kconsole.counter(kconsole.command(m, "one"))
    if first is None:
        m.fail("no `The counter value is N` line after a typed line")
    deadline = time.monotonic() + m.settings.command_timeout * m.timeout_scale
    while True:
        later = kconsole.counter(kconsole.command(m, "two"))
        if later is None:
            m.fail("no `The counter value is N` line after the second line")
        if later < first:
            m.fail(f"the counter went down from {first} to {later}")
        if later > first:
            return
        if time.monotonic() > deadline:
            m.fail(f"the counter stayed at {first} for {m.settings.command_timeout:g}s of lines")


@test("2", boot=KCONSOLE, own_machine=True)
def kconsole_exit_shuts_down(m):
    """kernel console: `exit` shuts the machine down (QEMU exits, no panic)"""
    kconsole.at_prompt(m)
    m.send_line("exit")
    m.expect_exit()


# ---- lab 3: the kernel's ps ----------------------------------------------------


def _percent_bounds(memory):
    """Lowest and highest used/total percentage the rounded values allow."""
    used, used_unit, total, total_unit = memory["shown"]
    scale = {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}
    lo_used = (used - ROUNDING) * scale[used_unit]
    hi_used = (used + ROUNDING) * scale[used_unit]
    lo_total = (total - ROUNDING) * scale[total_unit]
    hi_total = (total + ROUNDING) * scale[total_unit]
    return 100 * lo_used / hi_total - ROUNDING, 100 * hi_used / lo_total + ROUNDING


def memory_shown(table):
    used, used_unit, total, total_unit = table["memory"]["shown"]
    return f"{used:.2f} {used_unit} / {total:.2f} {total_unit} ({table['memory']['percent']:.2f}%)"


def format_problem(table):
    """Why a parsed `ps` is not in the SPEC's exact format, or ""."""
    if HEADER not in table["text"].splitlines():
        return f"`ps` header is not exactly {HEADER!r}"
    errors = format_errors(table["text"])
    if errors:
        seen, expected = errors[0]
        return f"`ps` line {seen!r} is not in the SPEC format, expected {expected!r}"
    if table["queue"] is None or table["cpus"] is None:
        return "`ps` lacks the `Queue  : [...]` or the `CPUs   : [0: pid]` line"
    lo, hi = _percent_bounds(table["memory"])
    if not lo <= table["memory"]["percent"] <= hi:
        return f"Memory line {memory_shown(table)}: the percentage is not used/total"
    return ""


@test("3", boot=KCONSOLE)
def ps_format(m):
    """kernel `ps`: header, rows and Memory line in the SPEC's exact format, Queue and CPUs"""
    problem = format_problem(kconsole.ps(m))
    if problem:
        m.fail(problem)


def row(table, pid):
    return next((p for p in table["processes"] if p["pid"] == pid), None)


@test("3", boot=KCONSOLE)
def ps_kernel_heap(m):
    """kernel `ps`: a `Kernel : used / size (pct%)` line for the kernel heap, used <= size"""
    heap = kconsole.ps(m)["kernel_heap"]
    if heap is None:
        m.fail("`ps` has no `Kernel : USED / SIZE (PCT%)` line (the kernel heap's usage, "
               "guide 0x03: print memory usage of kernel heap)")
    if not 0 < heap["used"] <= heap["total"]:
        m.fail(f"the Kernel line says {heap['shown']}: expected 0 < used <= size")


@test("3", boot=KCONSOLE)
def ps_kernel_row(m):
    """kernel `ps`: the kernel is pid 1, parent 0, named `kernel`"""
    kernel = row(kconsole.ps(m), KERNEL_PID)
    if kernel is None:
        m.fail(f"`ps` has no row for pid {KERNEL_PID}")
    seen = (kernel["ppid"], kernel["name"])
    if seen != (0, "kernel") or kernel["status"] not in ("Running", "Ready"):
        m.fail(f"pid 1 row has ppid/name/status {seen + (kernel['status'],)}, expected "
               "(0, 'kernel', 'Running')")


def kernel_ticks(m, table):
    kernel = row(table, KERNEL_PID)
    if kernel is None:
        m.fail(f"`ps` has no row for pid {KERNEL_PID}")
    return kernel["ticks"]


@test("3", boot=KCONSOLE)
def ps_ticks_advance(m):
    """kernel `ps` again and again: the kernel's Ticks grow, no process loses ticks"""
    first = previous = kconsole.ps(m)
    deadline = time.monotonic() + m.settings.command_timeout * m.timeout_scale
    while True:
        table = kconsole.ps(m)
        for p in previous["processes"]:
            later = row(table, p["pid"])
            if later is not None and later["ticks"] < p["ticks"]:
                m.fail(f"pid {p['pid']} Ticks went down from {p['ticks']} to {later['ticks']}")
        if kernel_ticks(m, table) > kernel_ticks(m, first):
            return
        if time.monotonic() > deadline:
            m.fail(f"the kernel's Ticks stayed at {kernel_ticks(m, first)} for "
                   f"{m.settings.command_timeout:g}s of `ps` commands")
        previous = table


# ---- lab 3: kernel threads -------------------------------------------------------


@test("3", boot=KCONSOLE)
def kthread_stack(m):
    """`stack`: a kernel thread's huge stack grows on page faults: 16 lines 0x000 == 0x000 .. 0xf00"""
    output = kconsole.command(m, "stack")
    problem = kconsole.stack_errors(output)
    if problem:
        m.fail(f"`stack`: {problem} (got {output.strip()[-200:]!r})")
    if kconsole.said(output) is not None:
        m.fail("`stack` was read as an unknown line (`You said: stack`)")


def thread_rows(table):
    return [p for p in table["processes"] if markers.TEST_THREAD.fullmatch(p["name"])]


@test("3", boot=KCONSOLE)
def kthread_test_ticks(m):
    """`test` 3 times: 3 `#N_test` threads in `ps`, each printing `N => Tick!` concurrently"""
    start = m.position
    for _ in range(THREADS):
        output = kconsole.command(m, "test")
        if kconsole.said(output) is not None:
            m.fail("`test` was read as an unknown line (`You said: test`)")
    rows = thread_rows(kconsole.ps(m))
    if len(rows) < THREADS:
        m.fail(f"`ps` after `test` x{THREADS} lists {len(rows)} `#N_test` threads: "
               f"{[p['name'] for p in rows]}")
    deadline = time.monotonic() + m.settings.command_timeout * m.timeout_scale
    while True:
        ids = kconsole.tick_ids(m.log[start:])
        if sum(1 for n in ids.values() if n >= TICKS_EACH) >= THREADS:
            return
        if time.monotonic() > deadline:
            m.fail(f"Tick lines per thread id after `test` x{THREADS}: {ids or 'none'}; expected "
                   f"{THREADS} ids ticking (at least {TICKS_EACH} lines each)")
        try:
            m.expect(markers.TICK, timeout=1)
        except CheckFailed:  # no new Tick within a second: look again until the deadline
            pass
