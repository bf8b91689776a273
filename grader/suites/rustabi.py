"""Rust ABI (scored in lab 4): a program built for the Rust labs runs
unmodified, so it must get the console and Allocate exactly as the Rust
kernel gives them.

The `rustabi` app does with raw syscalls what yslib does (its lines cite
crates/lib/src/io.rs and allocator/kernel.rs): it reads lines with a 4-byte
Read per character, ending on '\\n' only, handling '\\x08', '\\x03' and
'\\x04' as yslib's `read_line` does, and prints each as `line [TEXT] N chars`.
Keys are typed as a terminal sends them: Enter as CR, Backspace as DEL,
several keys in one burst (typed ahead of the reader).
"""
import re

from grader import shell
from grader.registry import test
from grader.stages import USER

APP = "rustabi"
PROMPT = re.compile(r"rustabi> ")
CR, DEL, CTRL_C, CTRL_D = "\r", "\x7f", "\x03", "\x04"


# Not anchored at the line start: after Ctrl-C yslib's read_line writes no
# newline, so the report follows the echoed keys.
REPORT = re.compile(r"line \[.*\] \d+ chars$", re.M)


def line_report(text, chars):
    return re.compile(r"line \[" + re.escape(text) + r"\] " + str(chars) + r" chars$")


def start(m):
    pid = shell.start(m, APP)
    m.expect(PROMPT)
    return pid


def quit_app(m, pid):
    """`quit` ends the app with 0 and brings the shell's prompt back."""
    m.send("quit" + CR)
    result = shell.finish(m, APP, pid)
    if result.code != 0:
        m.fail(f"`{APP}` exited with {result.code} after `quit`, expected 0")


def expect_line(m, text, chars, typed):
    found = m.expect(REPORT)
    if not line_report(text, chars).match(found.group(0)):
        m.fail(f"typed {typed!r}: the program read {found.group(0)!r}, "
               f"expected `line [{text}] {chars} chars` as under the Rust kernel")
    m.expect(PROMPT)


@test("rustabi", boot=USER)
def rustabi_enter_as_cr(m):
    """Enter typed as CR reaches a yslib-style reader as '\\n' (Rust interrupt/serial.rs)"""
    pid = start(m)
    m.send("10" + CR)
    expect_line(m, "10", 2, "10<CR>")
    quit_app(m, pid)


@test("rustabi", boot=USER)
def rustabi_typed_ahead(m):
    """keys typed ahead in one burst: one Read = one character, nothing lost"""
    pid = start(m)
    m.send("10" + CR + "20" + CR + "中文x" + CR)
    expect_line(m, "10", 2, "10<CR> (in a burst)")
    expect_line(m, "20", 2, "20<CR> (in a burst)")
    expect_line(m, "中文x", 3, "中文x<CR> (in a burst)")
    quit_app(m, pid)


@test("rustabi", boot=USER)
def rustabi_del_is_backspace(m):
    """DEL reaches the program as '\\x08'; its '\\x08' echo is drawn as "\\b \\b" """
    pid = start(m)
    mark = m.position
    m.send("12" + DEL + "3" + CR)
    expect_line(m, "13", 2, "12<DEL>3<CR>")
    if "12\b \b3" not in m.log[mark:]:
        echo = m.log[mark:].split("\n", 1)[0]
        m.fail(f"the echo of 12<DEL>3 was {echo!r}, expected '12\\x08 \\x083' "
               "(Backspace erases the character, as the Rust kernel's uart16550 send)")
    quit_app(m, pid)


@test("rustabi", boot=USER)
def rustabi_ctrl_c_and_ctrl_d_are_data(m):
    """Ctrl-C clears yslib's line; Ctrl-D makes read_line return "\\x04" """
    pid = start(m)
    m.send("abc" + CTRL_C)
    expect_line(m, "", 0, "abc<Ctrl-C>")
    m.send(CTRL_D)
    m.expect(re.compile(r"EOF$", re.M))  # after the prompt: Ctrl-D echoes nothing
    result = shell.finish(m, APP, pid)
    if result.code != 0:
        m.fail(f"`{APP}` exited with {result.code} after Ctrl-D, expected 0")


@test("rustabi", boot=USER)
def rustabi_allocate_rustc_layout(m):
    """Allocate/Deallocate read rustc's Layout {align, size}: 24@8, 100@16, 4000@4096"""
    pid = start(m)
    m.send("alloc" + CR)
    found = m.expect(re.compile(r"^alloc (passed|failed)$", re.M))
    if found[1] != "passed":
        report = m.log[m.log.rfind("alloc\n", 0, found.start()) : found.end()]
        m.fail(f"Allocate with a rustc-ordered Layout: {report.strip()!r}")
    m.expect(PROMPT)
    quit_app(m, pid)
