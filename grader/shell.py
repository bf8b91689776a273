"""Talking to the YSOS shell the way the lab 3-7 tests need it.

Machine (machine.py) knows prompts and commands; this module knows the
shell's programs: `run PATH` with its start, pid and exit lines
(SPEC section 7), answering a program's input prompts, and the process
table as a before/after picture of the machine:

    table = shell.ps(m)                     # parsed, with the title checked
    run = shell.run(m, "factorial", [(markers.FACTORIAL_PROMPT, "10")])
    run.code, run.pid, run.output           # exit code, pid, what it printed
    shell.expect_idle(m, table, "after factorial")   # same processes, same memory

Every wait is on output with a timeout; a failure says which command and
which line was missing.
"""
import re
from dataclasses import dataclass

from grader import markers
from grader.check import CheckFailed
from grader.ps import parse_ps


@dataclass
class ProgramRun:
    path: str
    pid: int
    code: int
    output: str  # between `进程ID: N` and `程序 ... 已退出`, answers included
    start: int  # m.log positions of that output
    end: int


def at_prompt(m):
    """Wait for the shell's first prompt, once per machine.

    Tests sharing a machine each start at a prompt: the previous test ended
    with one (every helper here waits for the prompt after a command).
    A machine whose shell never comes is a dead boot for the tests that
    need the shell (runner.py): they fail at once without booting again."""
    if not m.shell_ready:
        try:
            found = m.expect(markers.shell_or_kconsole(m.settings.prompt),
                             m.settings.boot_timeout, boot=True)
            if found["shell"] is None:
                m.fail("the kernel runs its own console (`> `), not the shell: no "
                       f"{m.settings.prompt.strip()!r} prompt")
        except CheckFailed as e:
            m.mark_dead(e.reason)
            raise
        m.shell_ready = True


def command(m, line, timeout=None):
    """Output of one shell command line (see Machine.run_command)."""
    at_prompt(m)
    return m.run_command(line, timeout)


def start(m, path, typed=None):
    """Type `run PATH` (or the raw line `typed`, which the shell's line
    editor must turn into it); returns the new pid.  Fails at once if the
    shell read another line or cannot start the program."""
    at_prompt(m)
    typed = f"run {path}" if typed is None else typed
    m.send_line(typed)
    found = m.expect(markers.RUN_STARTED_OR_UNKNOWN)
    if found[1] != path:
        m.fail(f"{typed!r} was read as {found.group(0).strip()!r}, not `run {path}`")
    found = m.expect(markers.RUN_PID_OR_ERROR)
    if found[1] is None:
        m.fail(f"`run {path}` did not start: {found.group(0).strip()!r}")
    return int(found[1])


def finish(m, path, pid, answers=(), timeout=None):
    """Answer the program's prompts, wait for its exit line and the prompt."""
    begin = m.position  # the program's output starts after the pid line
    for prompt, answer in answers:
        m.expect(prompt, timeout)
        m.send_line(answer)
    done = m.expect(markers.run_exited(path), timeout)
    m.wait_prompt(timeout=m.settings.command_timeout)
    return ProgramRun(path, pid, int(done[1]), m.log[begin : done.start()], begin, done.start())


def run(m, path, answers=(), timeout=None):
    """`run PATH`: start it, feed it `answers` [(prompt pattern, line)], wait
    for `程序 'PATH' 已退出, 返回值: N` (timeout: nominal seconds, default
    command_timeout) and the next prompt.  Returns a ProgramRun."""
    pid = start(m, path)
    return finish(m, path, pid, answers, timeout)


def run_ok(m, path, code, answers=(), timeout=None):
    """run() and fail unless the program exited with `code`."""
    result = run(m, path, answers, timeout)
    if result.code != code:
        m.fail(f"`run {path}` exited with {result.code}, expected {code}")
    return result


def expect_in(m, result, pattern, what):
    """The match of `pattern` in a program's output, or fail naming `what`."""
    rx = pattern if isinstance(pattern, re.Pattern) else re.compile(pattern, re.M)
    found = rx.search(m.log, result.start, result.end)
    if found is None:
        m.fail(f"`run {result.path}`: {what} not printed (expected /{rx.pattern}/)")
    return found


def table(m, text, what):
    """Parse a process table printed by the kernel (ps.parse_ps): at least
    one row and the Memory line are required.  `what` names it in failures."""
    parsed = parse_ps(text)
    if not parsed["processes"]:
        m.fail(f"{what}: no process rows")
    if parsed["memory"] is None:
        m.fail(f"{what}: no `Memory : used / total (percent)` line")
    parsed["text"] = text
    return parsed


def ps(m):
    """Run `ps`: its parsed table, with the shell's title line required."""
    output = command(m, "ps")
    if markers.PS_TITLE not in output:
        m.fail(f"`ps` did not print the title {markers.PS_TITLE!r}")
    return table(m, output, "`ps`")


def memory_shown(table):
    """The `Memory :` line as printed: the values two tables must share."""
    mem = table["memory"]
    used, used_unit, total, total_unit = mem["shown"]
    return f"{used:.2f} {used_unit} / {total:.2f} {total_unit} ({mem['percent']:.2f}%)"


def row(table, pid):
    return next((p for p in table["processes"] if p["pid"] == pid), None)


def shell_row(table):
    """The shell's row: the process named `shell`."""
    return next((p for p in table["processes"] if p["name"].lower() == "shell"), None)


def pids(table):
    return sorted(p["pid"] for p in table["processes"])


def expect_idle(m, before, what, memory=True):
    """`ps` shows what `before` showed: the same processes (the shell alive
    and Running, nothing left over) and, with `memory`, exactly the same
    Memory line (frames given back: lab 0x07).  Returns the new table."""
    after = ps(m)
    shell = shell_row(after)
    if shell is None or shell["status"] != "Running":
        m.fail(f"{what}: no running shell in `ps`")
    if pids(after) != pids(before):
        m.fail(f"{what}: `ps` lists pids {pids(after)}, before it listed {pids(before)}")
    if memory and memory_shown(after) != memory_shown(before):
        m.fail(f"{what}: Memory {memory_shown(after)}, before it was {memory_shown(before)}")
    return after
