"""Talking to the kernel's own console (pkg/kernel/src/kconsole.c).

Lab 0x02's 用户交互 step and lab 0x03's kernel threads happen at a console
the kernel runs itself: prompt `> `, the typed line echoed, then
`You said: LINE` and `The counter value is N`; from lab 0x03 on also `ps`
(the process table, as the shell prints it), `test` (a kernel thread
`#N_test` printing `\\r<id> => Tick!` again and again) and `stack` (a kernel
thread with a huge stack printing 16 lines `0x000 == 0x000` ...).  From
stage 4 on the kernel runs it when the ESP has no APP/shell, so these tests
boot with the shell deleted (KCONSOLE).

The parsing is in small functions of text (self-tested on transcripts in
grader/tests/test_kconsole.py); the Machine helpers only type and wait.
"""
import re

from grader import markers
from grader.check import CheckFailed
from grader.ps import parse_ps
from grader.stages import KCONSOLE  # noqa: F401 (the console tests' BootSpec)

STACK_VALUES = [f"{i * 256:#05x}" for i in range(16)]  # 0x000 ... 0xf00


def at_prompt(m):
    """Wait for the kernel console's first prompt, once per machine.  A
    machine that never shows it is a dead boot for the console tests."""
    if not m.shell_ready:
        try:
            m.expect(markers.KCONSOLE_PROMPT, m.settings.boot_timeout, boot=True)
        except CheckFailed as e:
            m.mark_dead(e.reason)
            raise
        m.shell_ready = True


def command(m, line, timeout=None):
    """Type `line` at the kernel console; its output (echo included) up to
    the next prompt."""
    at_prompt(m)
    start = m.position
    m.send_line(line)
    found = m.expect(markers.KCONSOLE_PROMPT, timeout)
    return m.log[start : found.start()]


def without_ticks(text):
    """`text` without the test threads' `N => Tick!` pieces (they end without
    a newline and may land inside any other line)."""
    return re.sub(r" *" + markers.TICK.pattern, "", text)


def said(text):
    """What the console answered the line was (`You said: X` or `[=] X`), or None."""
    found = markers.KCONSOLE_SAID.search(without_ticks(text))
    return found[1] if found else None


def counter(text):
    """The `The counter value is N` value in `text`, or None."""
    found = markers.KCONSOLE_COUNTER.search(without_ticks(text))
    return int(found[1]) if found else None


def tick_ids(text):
    """{thread id: number of `id => Tick!` lines} in `text`."""
    ids = {}
    for found in markers.TICK.finditer(text):
        ids[int(found[1])] = ids.get(int(found[1]), 0) + 1
    return ids


def stack_lines(text):
    """The `0xNNN == 0xNNN` pairs of `stack`, in order."""
    return [(a, b) for a, b in markers.STACK_LINE.findall(without_ticks(text))]


def stack_errors(text):
    """Why `text` is not the 16 lines of lab 0x03's stack test, or ""."""
    pairs = stack_lines(text)
    want = [(v, v) for v in STACK_VALUES]
    if pairs == want:
        return ""
    if not pairs:
        return "no `0x000 == 0x000` lines"
    wrong = [f"{a} == {b}" for a, b in pairs if a != b]
    if wrong:
        return f"{len(wrong)} lines differ, e.g. `{wrong[0]}`"
    return f"{len(pairs)} lines from {pairs[0][0]} to {pairs[-1][0]}, expected 0x000 ... 0xf00"


def table(m, text, what="`ps` at the kernel console"):
    """The process table in a kernel `ps` output (ticks removed): at least one
    row and the Memory line are required."""
    parsed = parse_ps(without_ticks(text))
    if not parsed["processes"]:
        m.fail(f"{what}: no process rows in {text.strip()[:200]!r}")
    if parsed["memory"] is None:
        m.fail(f"{what}: no `Memory : used / total (percent)` line")
    parsed["text"] = without_ticks(text)
    return parsed


def ps(m):
    return table(m, command(m, "ps"))
