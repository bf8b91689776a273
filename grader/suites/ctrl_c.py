"""Ctrl-C (docs/userland.md "Ctrl-C"): what stops a long command.

A program started with `run` is the foreground program.  Ctrl-C typed
while it runs and is not reading the console ends it: the kernel echoes
`^C`, the shell prints `程序 'spin' 已退出, 返回值: 57005` (0xdead, as
Kill) and its prompt, and `ps` shows the same processes and exactly the
same Memory line as before (lab 4).  While it is waiting for a key, Ctrl-C
is its input, as the Rust kernel delivers it: pkg/lib's read_line prints
`^C` and gives an empty line.  The shell's own long commands stop on
Ctrl-C too (lab 6): `cat /dev/random`, which never ends by itself, and
`ls` of a folder of 10000 files placed in the ESP copy.

The `spin` app is the foreground program: at its `Case: ` prompt, `loop`
spins in user mode, `sem` blocks on a semaphore, `wait` forks a spinning
child and waits for it (WaitPid); an empty line asks again.
"""
import re

from grader import markers, shell
from grader.check import CheckFailed
from grader.esp import boot
from grader.registry import test
from grader.stages import DISK_CONF, USER
from grader.suites import fs

APP = "spin"
CTRL_C = "\x03"
# Nominal seconds for Ctrl-C to take effect (it takes milliseconds).
STOP = 10
# `cat /dev/random` rows seen before Ctrl-C: a few hundred ms of dump.
CAT_ROWS = 500
# The folder `ls` lists: FOLDER_FILES empty files (QEMU's FAT16 has room for
# 65535 entries in a subfolder); Ctrl-C is typed after LS_ROWS rows.
FOLDER = "MANY"
FOLDER_FILES = 10000
LS_ROWS = 100
# `ls` of the whole folder: nominal seconds (about 2 s under TCG).
LS_ALL = 120


def many_files(folder):
    """FOLDER_FILES empty files F00000.TXT ... in `folder`."""
    for i in range(FOLDER_FILES):
        (folder / f"F{i:05d}.TXT").write_bytes(b"")


MANY = boot(conf=DISK_CONF, files={FOLDER + "/": many_files})


def expect_or_fail(m, pattern, timeout, why):
    """m.expect, with `why` as the reason when the pattern never comes."""
    try:
        return m.expect(pattern, timeout)
    except CheckFailed as e:
        if not e.reason.startswith("timeout"):
            raise
        m.fail(f"{why} ({e.reason})")


def start_spin(m):
    pid = shell.start(m, APP)
    m.expect(markers.SPIN_PROMPT)
    return pid


def spin_case(m, case):
    """Type `case` at spin's prompt; the match of its `spin: ...` line."""
    m.send_line(case)
    return m.expect(markers.SPIN_STARTED[case])


def ctrl_c_ends(m, pid, what):
    """Ctrl-C: `^C`, then `run`'s exit line with 0xdead and the prompt."""
    m.send(CTRL_C)
    expect_or_fail(m, markers.CTRL_C_LINE, STOP, f"Ctrl-C did not end {what}: no `^C` line")
    exited = expect_or_fail(m, markers.run_exited(APP), STOP,
                            f"Ctrl-C did not end {what}: `^C`, but no exit line from the shell")
    code = int(exited[1])
    m.wait_prompt(timeout=m.settings.command_timeout)
    if code != markers.KILLED_EXIT:
        m.fail(f"{what} ended by Ctrl-C: exit code {code}, expected {markers.KILLED_EXIT} "
               "(0xdead, as Kill)")


def ctrl_c_spin(m, case, what, memory):
    """spin's `case`, ended by Ctrl-C: the same processes afterwards (and,
    with `memory`, the same Memory line: lab 0x07)."""
    before = shell.ps(m)
    pid = start_spin(m)
    spin_case(m, case)
    ctrl_c_ends(m, pid, what)
    shell.expect_idle(m, before, f"after Ctrl-C ended {what}", memory=memory)


def ctrl_c_case(case, what, doc):
    def check(m):
        ctrl_c_spin(m, case, what, memory=False)

    check.__doc__ = doc
    return check


# `sem` and `wait` need lab 5's semaphores and fork: lab 5 tests (on the
# lab 4/5 machine, programs loaded by the loader).
test("4", boot=USER, name="ctrl_c_ends_spinning_program")(ctrl_c_case(
    "loop", "`spin` spinning in user mode (case loop)",
    "Ctrl-C ends the foreground program spinning: `^C`, code 0xdead, prompt"))
test("5", boot=USER, name="ctrl_c_ends_semaphore_wait")(ctrl_c_case(
    "sem", "`spin` blocked on a semaphore (case sem)",
    "Ctrl-C ends the foreground program blocked on a semaphore: `^C`, 0xdead"))
test("5", boot=USER, name="ctrl_c_ends_wait_pid_and_child")(ctrl_c_case(
    "wait", "`spin` in WaitPid for its spinning child (case wait)",
    "Ctrl-C ends the foreground program in WaitPid and its child: `^C`, 0xdead, child gone"))


# What spin does after `lo<Ctrl-C>`: asks again (it read the Ctrl-C), or ends.
READ_OR_ENDED = re.compile(r"(Case: )|^程序 '" + APP + r"' 已退出, 返回值: (-?\d+)" + markers.EOL,
                           re.M)


@test("4", boot=USER)
def ctrl_c_is_input_while_reading(m):
    """Ctrl-C is the input of a foreground program reading the console; it ends it later

    spin reads `lo<Ctrl-C>` as read_line does (`lo^C`, asked again), then
    runs `loop`, and the next Ctrl-C ends it."""
    before = shell.ps(m)
    pid = start_spin(m)
    m.send("lo" + CTRL_C)
    expect_or_fail(m, re.compile(r"lo\^C" + markers.EOL, re.M), STOP,
                   "`lo<Ctrl-C>` at spin's prompt: read_line did not echo `lo^C`")
    found = m.expect(READ_OR_ENDED)
    if found[2] is not None:
        m.fail(f"`lo<Ctrl-C>` while spin was reading its case ended it (exit code {found[2]}): "
               "Ctrl-C must be the input of a program reading the console")
    spin_case(m, "loop")
    ctrl_c_ends(m, pid, "`spin` spinning after it read its case")
    shell.expect_idle(m, before, "after Ctrl-C ended spin", memory=False)


@test("6", boot=fs.FILES)
def cat_dev_random_ctrl_c(m):
    """`cat /dev/random` (endless) stops on Ctrl-C: `^C`, the prompt"""
    before = shell.ps(m)
    m.send_line("cat /dev/random")
    for _ in range(CAT_ROWS):
        m.expect(fs.HEX_ROW)
    m.send(CTRL_C)
    expect_or_fail(m, markers.CTRL_C_LINE, STOP,
                   f"Ctrl-C after {CAT_ROWS} rows did not stop `cat /dev/random`: no `^C` line")
    expect_or_fail(m, re.escape(m.settings.prompt), STOP,
                   "`cat /dev/random` printed `^C` but no prompt came back")
    shell.expect_idle(m, before, "after Ctrl-C stopped `cat /dev/random`", memory=False)


@test("6", boot=MANY)
def ls_ctrl_c(m):
    """`ls` of a folder of 10000 files stops on Ctrl-C: `^C`, fewer rows, prompt"""
    before = shell.ps(m)
    m.send_line(f"ls /{FOLDER}")
    m.expect(markers.LS_HEADER)
    start = m.position
    for _ in range(LS_ROWS):
        m.expect(markers.LS_ROW)
    m.send(CTRL_C)
    # Not anchored: a shell that finished the listing echoes it after its prompt.
    stop = expect_or_fail(m, re.compile(r"\^C" + markers.EOL, re.M), LS_ALL,
                          f"Ctrl-C after {LS_ROWS} rows of `ls /{FOLDER}`: no `^C` line")
    m.wait_prompt(timeout=m.settings.command_timeout)
    rows = len(markers.LS_ROW.findall(m.log, start, stop.start()))
    if rows >= FOLDER_FILES:
        m.fail(f"Ctrl-C after {LS_ROWS} rows of `ls /{FOLDER}` did not stop it: "
               f"all {rows} rows were listed")
    shell.expect_idle(m, before, f"after Ctrl-C stopped `ls /{FOLDER}`", memory=False)
