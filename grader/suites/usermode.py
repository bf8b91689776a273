"""Lab 4 (user mode, syscalls): running programs from the shell, the shell's
line editing, and faults in user programs.

A user program that faults (the `crash` app, one test per kind of fault)
must be killed alone: one `[WARN ]` line with its pid and `killed`, a
negative exit code for the shell's `run`, and afterwards `ps` shows the
shell alive and the victim gone.  That its memory comes back is lab 0x07's
(`crash_memory_back`, in suites/memory.py).

The lab 4 tests boot with load_apps=1 (USER): the loader loads the
programs, so they do not need lab 6's disk.
"""
from grader import markers, shell
from grader.registry import test
from grader.stages import USER

# The shell's line buffer is 512 bytes (docs/userland.md); this is well over.
OVERLONG = 600
DEL, BACKSPACE, CTRL_C = "\x7f", "\x08", "\x03"

# crash app cases (docs/userland.md): each commits one kind of fault.
CRASH_CASES = ("null", "write_text", "exec_data", "kernel_read", "cli", "hlt", "io", "div0", "ud2",
               "int3", "stack_overflow")


def expect_shell_works(m, after):
    """The next command after `after` still works: `ps` prints its table."""
    table = shell.ps(m)
    if shell.shell_row(table) is None:
        m.fail(f"after {after}, `ps` shows no shell")


def refuse_unknown(m, output, line):
    if markers.UNKNOWN_COMMAND.search(output):
        m.fail(f"{line!r} was run as a command: {output.strip()[:120]!r}")


@test("4", boot=USER)
def hello_exit_code(m):
    """`run hello` prints its greeting and exits with 233"""
    result = shell.run_ok(m, "hello", markers.HELLO_EXIT)
    shell.expect_in(m, result, markers.HELLO_GREETING, "`Hello, world!!!`")


@test("4", boot=USER)
def ls_lists_programs(m):
    """`ls /APP` lists the programs (the guide's list_app): hello and shell among them"""
    output = shell.command(m, "ls /APP")
    names = {found["name"].lower() for found in markers.LISTED.finditer(output)}
    missing = sorted({"hello", "shell"} - names)
    if missing:
        m.fail(f"`ls /APP` does not list {', '.join(missing)}; it printed {output.strip()[:200]!r}")


@test("4", boot=USER)
def run_missing_program(m):
    """`run` of a missing program: `无法运行程序 'X': ...`, then the shell goes on"""
    output = shell.command(m, "run no_such_program")
    if not markers.cannot_run("no_such_program").search(output):
        m.fail(f"no `无法运行程序 'no_such_program': ...` line, got {output.strip()[:200]!r}")
    expect_shell_works(m, "a failed run")


@test("4", boot=USER)
def shell_unknown_command(m):
    """`PS` -> `未知命令: 'PS'` + `输入 help 获取可用命令列表` (SPEC transcript)"""
    output = shell.command(m, "PS")
    if not markers.unknown_command("PS").search(output):
        m.fail(f"unexpected answer to `PS`: {output.strip()[:200]!r}")
    expect_shell_works(m, "an unknown command")


@test("4", boot=USER)
def shell_empty_line(m):
    """an empty line gives a new prompt and prints nothing"""
    output = shell.command(m, "")
    if output.strip():
        m.fail(f"an empty line printed {output.strip()[:200]!r}")
    expect_shell_works(m, "an empty line")


@test("4", boot=USER)
def shell_overlong_line(m):
    """a 600-character line: `输入过长 ...`, not run as a command; the shell goes on"""
    line = "x" * OVERLONG
    output = shell.command(m, line)
    if not markers.LINE_TOO_LONG.search(output):
        m.fail(f"a {OVERLONG}-character line got no `输入过长` answer")
    refuse_unknown(m, output, "the overlong line")
    expect_shell_works(m, "an overlong line")


@test("4", boot=USER)
def shell_backspace(m):
    """DEL and Backspace erase: `pq<DEL>s` runs ps, `run hx<BS>ello` runs hello"""
    output = shell.command(m, f"pq{DEL}s")
    refuse_unknown(m, output, "pq<DEL>s")
    if markers.PS_TITLE not in output:
        m.fail(f"`pq<DEL>s` did not run ps: {output.strip()[:200]!r}")
    pid = shell.start(m, "hello", typed=f"run hx{BACKSPACE}ello")
    result = shell.finish(m, "hello", pid)
    if result.code != markers.HELLO_EXIT:
        m.fail(f"hello exited with {result.code}, expected {markers.HELLO_EXIT}")


@test("4", boot=USER)
def shell_ctrl_c(m):
    """Ctrl-C prints ^C and drops the line: `psxyz^C` then `ps` runs ps"""
    shell.at_prompt(m)
    m.send("psxyz" + CTRL_C)
    m.expect(r"\^C")
    m.wait_prompt(timeout=m.settings.command_timeout)
    output = m.run_command("ps")
    refuse_unknown(m, output, "psxyz^C then ps")
    if markers.PS_TITLE not in output:
        m.fail(f"`ps` after Ctrl-C did not run ps: {output.strip()[:200]!r}")


def crash(m, case, memory):
    """`run crash` with `case`: killed alone (WARN line, negative code), the
    same processes afterwards (and, with `memory`, the same Memory line)."""
    before = shell.ps(m)
    result = shell.run(m, "crash", [(markers.CRASH_PROMPT, case)])
    shell.expect_in(m, result, markers.crash_committed(case), f"`crash: {case}`")
    shell.expect_in(m, result, markers.process_killed(result.pid),
                    f"a `[WARN ]` line with `killed` and pid {result.pid}")
    if result.code >= 0:
        m.fail(f"crash {case}: `run` shows exit code {result.code}, expected a negative one")
    shell.expect_idle(m, before, f"after crash {case}", memory=memory)


def crash_test(case):
    def check(m):
        crash(m, case, memory=False)

    check.__doc__ = (f"crash `{case}`: the process alone is killed (WARN line, negative code), "
                     "shell alive")
    return check


for _case in CRASH_CASES:
    test("4", boot=USER, name=f"crash_{_case}")(crash_test(_case))


# ---- refusals the shell states in one line (issue "robustness") ------------


def one_line(m, line):
    """The output of `line`: exactly one non-empty line, returned."""
    output = shell.command(m, line)
    lines = [text for text in output.splitlines() if text.strip()]
    if len(lines) != 1:
        m.fail(f"`{line}` printed {len(lines)} lines, expected one saying why: "
               f"{output.strip()[:200]!r}")
    return lines[0] + "\n"


@test("4", boot=USER)
def kill_kernel_refused(m):
    """`kill 1` is refused in one line (`无法终止进程 1: ...`); kernel and shell go on"""
    found = markers.KILL_REFUSED.search(one_line(m, "kill 1"))
    if found is None or found[1] != "1":
        m.fail("`kill 1` did not answer `无法终止进程 1: ...`")
    table = shell.ps(m)
    if shell.row(table, 1) is None or shell.shell_row(table) is None:
        m.fail("after `kill 1`, `ps` does not show both the kernel and the shell")


@test("4", boot=USER, own_machine=True)
def kill_shell_shuts_down(m):
    """`kill` of the shell's own pid ends the shell like `exit`: QEMU powers off, no panic"""
    me = shell.shell_row(shell.ps(m))
    if me is None:
        m.fail("`ps` shows no shell row to take its pid from")
    m.send_line(f"kill {me['pid']}")
    m.expect_exit()
