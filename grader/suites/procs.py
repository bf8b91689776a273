"""Lab 3 (processes): the process table as the shell's `ps` shows it.

SPEC section 7 gives the exact formats:

    当前运行的进程列表:
      PID | PPID | Process Name |  Ticks  |   Memory  | Status
     #  1 | #  0 | kernel       |   23526 |   2.0 MiB | Ready
     #  2 | #  1 | shell        |   23458 |  40.0 KiB | Running
    Memory :   1.08 MiB /  44.37 MiB ( 2.43%)
    Queue  : [1]
    CPUs   : [0: 2]

These tests run on the machine the lab 4 tests share (the default boot).
"""
import time

from grader import markers, shell
from grader.ps import HEADER, format_errors
from grader.registry import test

KERNEL_PID = 1
# Every size in `ps` is printed with 2 decimals: a value may be off by this
# much in its unit.
ROUNDING = 0.005


def _percent_bounds(memory):
    """Lowest and highest used/total percentage the rounded values allow."""
    used, used_unit, total, total_unit = memory["shown"]
    scale = {"B": 1, "KiB": 1024, "MiB": 1024**2, "GiB": 1024**3}
    lo_used = (used - ROUNDING) * scale[used_unit]
    hi_used = (used + ROUNDING) * scale[used_unit]
    lo_total = (total - ROUNDING) * scale[total_unit]
    hi_total = (total + ROUNDING) * scale[total_unit]
    return 100 * lo_used / hi_total - ROUNDING, 100 * hi_used / lo_total + ROUNDING


@test("3")
def ps_format(m):
    """`ps`: title, header, rows and Memory line in the SPEC's exact format, Queue and CPUs"""
    table = shell.ps(m)
    lines = table["text"].splitlines()
    if HEADER not in lines:
        m.fail(f"`ps` header is not exactly {HEADER!r}")
    errors = format_errors(table["text"])
    if errors:
        seen, expected = errors[0]
        m.fail(f"`ps` line {seen!r} is not in the SPEC format, expected {expected!r}")
    if table["queue"] is None or table["cpus"] is None:
        m.fail("`ps` lacks the `Queue  : [...]` or the `CPUs   : [0: pid]` line")
    lo, hi = _percent_bounds(table["memory"])
    if not lo <= table["memory"]["percent"] <= hi:
        m.fail(f"Memory line {shell.memory_shown(table)}: the percentage is not used/total")


@test("3")
def ps_kernel_row(m):
    """`ps`: the kernel is pid 1, parent 0, named `kernel`, Ready"""
    table = shell.ps(m)
    kernel = shell.row(table, KERNEL_PID)
    if kernel is None:
        m.fail(f"`ps` has no row for pid {KERNEL_PID}")
    seen = (kernel["ppid"], kernel["name"], kernel["status"])
    if seen != (0, "kernel", "Ready"):
        m.fail(f"pid 1 row has ppid/name/status {seen}, expected (0, 'kernel', 'Ready')")


@test("3")
def ps_shell_row(m):
    """`ps`: the shell is Running on CPU 0, a child of the kernel; Queue = the Ready pids"""
    table = shell.ps(m)
    sh = shell.shell_row(table)
    if sh is None:
        m.fail("`ps` has no row named `shell`")
    if (sh["ppid"], sh["status"]) != (KERNEL_PID, "Running"):
        m.fail(f"shell row has ppid {sh['ppid']}, status {sh['status']!r}; "
               f"expected ppid {KERNEL_PID}, 'Running'")
    if table["cpus"] != {0: sh["pid"]}:
        m.fail(f"CPUs line says {table['cpus']}, but the shell (pid {sh['pid']}) is running")
    ready = sorted(p["pid"] for p in table["processes"] if p["status"] == "Ready")
    if sorted(table["queue"] or []) != ready:
        m.fail(f"Queue lists {table['queue']}, but the Ready processes are {ready}")


def kernel_ticks(m, table):
    kernel = shell.row(table, KERNEL_PID)
    if kernel is None:
        m.fail(f"`ps` has no row for pid {KERNEL_PID}")
    return kernel["ticks"]


@test("3")
def ps_ticks_advance(m):
    """`ps` again and again: the kernel's Ticks grow (it idles), no process loses ticks"""
    first = previous = shell.ps(m)
    deadline = time.monotonic() + m.settings.command_timeout * m.timeout_scale
    while True:
        table = shell.ps(m)
        for p in previous["processes"]:
            later = shell.row(table, p["pid"])
            if later is not None and later["ticks"] < p["ticks"]:
                m.fail(f"pid {p['pid']} Ticks went down from {p['ticks']} to {later['ticks']}")
        if kernel_ticks(m, table) > kernel_ticks(m, first):
            return
        # A `ps` takes about a millisecond: a 1000 Hz tick may not fall in
        # between two of them, but it must come within the command timeout.
        if time.monotonic() > deadline:
            m.fail(f"the kernel's Ticks stayed at {kernel_ticks(m, first)} for "
                   f"{m.settings.command_timeout:g}s of `ps` commands")
        previous = table


@test("3")
def ps_during_run(m):
    """a program's own table (factorial): its row is Running on CPU 0, child of the shell"""
    before = shell.ps(m)
    sh = shell.shell_row(before)
    result = shell.run_ok(m, "factorial", 0, [(markers.FACTORIAL_PROMPT, "10")])
    text = result.output.split(markers.FACTORIAL_AFTER)[0]
    table = shell.table(m, text, "factorial's table before calculating")
    me = shell.row(table, result.pid)
    if me is None:
        m.fail(f"factorial's table has no row for its pid {result.pid}")
    if sh is not None and me["ppid"] != sh["pid"]:
        m.fail(f"factorial's parent is {me['ppid']}, expected the shell {sh['pid']}")
    if me["status"] != "Running" or table["cpus"] != {0: result.pid}:
        m.fail(f"factorial is {me['status']!r} with CPUs {table['cpus']}; "
               f"expected Running on CPU 0")
    if shell.row(table, KERNEL_PID) is None or (sh and shell.row(table, sh["pid"]) is None):
        m.fail("factorial's table lacks the kernel or the shell")
