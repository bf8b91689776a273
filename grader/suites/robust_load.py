"""Robustness: one program never stops the whole system.

A background `heartbeat` (pkg/app/heartbeat) spins on the time-stamp
counter and prints, every 500 ms, the longest time it was left without the
CPU. While another program makes the kernel do one huge thing in a single
request, the heartbeat must keep beating with pauses of at most
MAX_PAUSE_MS, and the request must finish or fail cleanly:
- an ELF whose segment has p_memsz = 1 TiB or 8 TiB (inside the image
  range): refused with `out of memory` up front;
- one 4 MiB Write to stdout: goes out in pieces;
- one write 3 GiB below the stack top, on a machine with 4 GiB of memory:
  the stack grows a piece per fault and the write succeeds; the exit gives
  the 3 GiB back a piece per turn;
- a 10 000-character line at `ysos> `: refused as too long.
Each ends with the heartbeat killed and `ps` showing the same processes and
Memory line as before.
"""
import re
import struct

from grader import markers, shell
from grader.esp import boot
from grader.registry import test

MAX_PAUSE_MS = 200
REPORTS_AFTER = 2
HEARTBEAT_STARTED = re.compile(r"heartbeat: started")
HEARTBEAT_REPORT = re.compile(r"heartbeat: longest pause (\d+) ms")
NOHUP_PID = re.compile(r"已在后台运行, 进程ID: (\d+)")
HOG_PROMPT = re.compile(r"Hog case: ")
HOG_STACK_DONE = re.compile(r"^hog: the write 3 GiB down succeeded", re.M)
LONG_LINE = 10000

USER_BASE = 0x111100000000
TIB = 1 << 40


def huge_bss_elf(memsz):
    """A valid static ELF64 for YSOS: `exit(0)` in one R+X page, and an R+W
    segment with no file bytes and p_memsz = memsz (its .bss)."""
    code = bytes.fromhex("bf00000000" "b83c000000" "cd80")  # mov edi,0; mov eax,60; int 0x80
    ehdr = struct.pack("<16sHHIQQQIHHHHHH", b"\x7fELF\x02\x01\x01" + bytes(9), 2, 0x3E, 1,
                       USER_BASE + 0x1000, 64, 0, 0, 64, 56, 2, 64, 0, 0)
    text = struct.pack("<IIQQQQQQ", 1, 5, 0, USER_BASE, USER_BASE, 0x1000 + len(code),
                       0x1000 + len(code), 0x1000)
    bss = struct.pack("<IIQQQQQQ", 1, 6, 0x2000, USER_BASE + 0x200000, USER_BASE + 0x200000, 0,
                      memsz, 0x1000)
    image = ehdr + text + bss
    return image + bytes(0x1000 - len(image)) + code + bytes(0x1000 - len(code))


def bss_1tib(_old):
    return huge_bss_elf(TIB)


def bss_8tib(_old):
    return huge_bss_elf(8 * TIB)


LOAD = boot(files={"APP/BSS1T": bss_1tib, "APP/BSS8T": bss_8tib})
POOL = "robust_load"


def start_heartbeat(m):
    output = shell.command(m, "nohup heartbeat")
    found = NOHUP_PID.search(output)
    if found is None:
        m.fail(f"`nohup heartbeat` did not start it: {output.strip()[:200]!r}")
    if not HEARTBEAT_STARTED.search(output):  # it may come before or after the prompt
        m.expect(HEARTBEAT_STARTED)
    m.expect(HEARTBEAT_REPORT)
    return int(found[1])


def check_heartbeat(m, since, what):
    """Wait for REPORTS_AFTER more reports; every report since `since` must
    show a pause of at most MAX_PAUSE_MS."""
    for _ in range(REPORTS_AFTER):
        m.expect(HEARTBEAT_REPORT)
    pauses = [int(p) for p in HEARTBEAT_REPORT.findall(m.log, since)]
    if max(pauses) > MAX_PAUSE_MS:
        m.fail(f"during {what} the heartbeat stopped for {max(pauses)} ms "
               f"(at most {MAX_PAUSE_MS} ms; its pauses: {pauses})")


def stop_heartbeat(m, pid, before, what):
    shell.command(m, f"kill {pid}")
    shell.expect_idle(m, before, f"after {what}")


def huge_elf_check(m, path, size):
    before = shell.ps(m)
    pid = start_heartbeat(m)
    mark = m.position
    output = shell.command(m, f"run {path}")
    # The kernel says why (`[WARN ] Cannot spawn PATH: out of memory`), the shell that it failed.
    if "out of memory" not in output or not markers.cannot_run(path).search(output):
        m.fail(f"`run {path}` (a {size} .bss) was not refused with `out of memory`: "
               f"{output.strip()[:200]!r}")
    check_heartbeat(m, mark, f"`run {path}`")
    stop_heartbeat(m, pid, before, f"run {path}")


@test("robust", boot=LOAD, machine=POOL)
def load_elf_1tib(m):
    """an ELF with a 1 TiB .bss is refused up front; the heartbeat never stops > 200 ms"""
    huge_elf_check(m, "/APP/BSS1T", "1 TiB")


@test("robust", boot=LOAD, machine=POOL)
def load_elf_8tib(m):
    """an ELF with an 8 TiB .bss is refused up front; the heartbeat never stops > 200 ms"""
    huge_elf_check(m, "/APP/BSS8T", "8 TiB")


@test("robust", boot=LOAD, machine=POOL)
def load_write_4mib(m):
    """one 4 MiB Write: all bytes counted; the heartbeat never stops > 200 ms"""
    before = shell.ps(m)
    pid = start_heartbeat(m)
    mark = m.position
    result = shell.run(m, "hog", [(HOG_PROMPT, "write4m")], timeout=120)
    if result.code != 0 or "hog: wrote 4194304 bytes" not in m.log[result.start : result.end]:
        m.fail(f"`hog write4m` exited with {result.code} without `hog: wrote 4194304 bytes`")
    beats = HEARTBEAT_REPORT.findall(m.log, result.start, result.end)
    if len(beats) < 2:
        m.fail(f"the heartbeat printed {len(beats)} reports during the 4 MiB Write: "
               "the Write stopped the rest of the system")
    check_heartbeat(m, mark, "the 4 MiB Write")
    stop_heartbeat(m, pid, before, "hog write4m")


# 3 GiB of stack must fit, or the fault is simply refused (at 96 MiB it is).
BIG_MEMORY = boot(memory="4G")


@test("robust", boot=BIG_MEMORY)
def load_stack_3gib(m):
    """a write 3 GiB below the stack top (4 GiB machine): it succeeds, the heartbeat never stops > 200 ms"""
    before = shell.ps(m)
    pid = start_heartbeat(m)
    mark = m.position
    result = shell.run(m, "hog", [(HOG_PROMPT, "stack3g")], timeout=120)
    shell.expect_in(m, result, HOG_STACK_DONE, "`hog: the write 3 GiB down succeeded`")
    if result.code != 0:
        m.fail(f"`hog stack3g` exited with {result.code}, expected 0")
    check_heartbeat(m, mark, "the 3 GiB stack growth and its release at exit")
    stop_heartbeat(m, pid, before, "hog stack3g")


@test("robust", boot=LOAD, machine=POOL)
def load_line_10000(m):
    """a 10 000-character line typed ahead while a program runs: `输入过长 ...`, the shell goes on"""
    before = shell.ps(m)
    pid = shell.start(m, "counter")
    m.send("y" * LONG_LINE + m.newline)  # nobody reads until counter ends
    shell.finish(m, "counter", pid)
    answer = re.compile(markers.LINE_TOO_LONG.pattern + "|" + re.escape(m.settings.prompt), re.M)
    found = m.expect(answer, timeout=60)
    if not markers.LINE_TOO_LONG.search(found.group(0)):
        m.fail(f"the {LONG_LINE}-character line typed ahead got no `输入过长` answer")
    m.wait_prompt(timeout=m.settings.command_timeout)
    shell.expect_idle(m, before, f"a {LONG_LINE}-character line")
