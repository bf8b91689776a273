"""Lab 4 (user processes): the shell's `ps`.

SPEC section 7 gives the exact formats:

    当前运行的进程列表:
      PID | PPID | Process Name |  Ticks  |   Memory  | Status
     #  1 | #  0 | kernel       |   23526 |   2.0 MiB | Ready
     #  2 | #  1 | shell        |   23458 |  40.0 KiB | Running
    Memory :   1.08 MiB /  44.37 MiB ( 2.43%)
    Queue  : [1]
    CPUs   : [0: 2]

The table's format and the kernel's row are lab 3's (suites/console.py,
from the kernel's own console); these need the lab 4 shell and a user
program, and share the lab 4 machine (programs loaded by the loader).
"""
from grader import markers, shell
from grader.registry import test
from grader.stages import USER

KERNEL_PID = 1


@test("4", boot=USER)
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


@test("4", boot=USER)
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
