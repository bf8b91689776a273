"""The kernel console's parsing (grader/kconsole.py) on transcripts as the
cleaned serial log shows them (no CRs: a test thread's `\\r N => Tick!`
runs into whatever line is being printed)."""
from grader import kconsole, markers

ECHO = "hello ysos\nYou said: hello ysos\nThe counter value is 1234\n"
RUST_LAB3 = "hello\n[=] hello\n"
TICKS = "     0 => Tick!     1 => Tick!     0 => Tick!> ps\n"
PS = (" #  1 | #  0 | kernel       |    5012 |   2.0 MiB | Running     2 => Tick!\n"
      " #  3 | #  1 | #0_test      |     120 |   4.0 KiB | Ready\n"
      "Memory :   1.08 MiB /  44.37 MiB ( 2.43%)\n")
STACK = "".join(f"{i * 256:#05x} == {i * 256:#05x}\n" for i in range(16))


def test_said_and_counter():
    assert kconsole.said(ECHO) == "hello ysos"
    assert kconsole.counter(ECHO) == 1234
    assert kconsole.said(RUST_LAB3) == "hello"  # the Rust lab 3 main.rs form
    assert kconsole.said("ps\n") is None and kconsole.counter(RUST_LAB3) is None


def test_ticks_are_counted_per_id_and_removed():
    assert kconsole.tick_ids(TICKS + PS) == {0: 2, 1: 1, 2: 1}
    assert "Tick" not in kconsole.without_ticks(TICKS + PS)
    assert kconsole.without_ticks(PS).splitlines()[0].endswith("| Running")


def test_prompt_after_ticks_and_not_in_them():
    assert markers.KCONSOLE_PROMPT.search(TICKS).start() == TICKS.index("> ps")
    assert not markers.KCONSOLE_PROMPT.search("     0 => Tick!")
    assert markers.KCONSOLE_PROMPT.search("[>] ")  # the Rust lab 3 prompt
    assert not markers.KCONSOLE_PROMPT.search("ysos> ")


def test_stack_lines():
    assert kconsole.stack_errors(STACK) == ""
    assert kconsole.stack_errors(STACK.replace("0x300 == 0x300", "0x300 == 0x000")).startswith(
        "1 lines differ")
    assert "15 lines" in kconsole.stack_errors("".join(STACK.splitlines(True)[:15]))
    assert kconsole.stack_errors("You said: stack\n") == "no `0x000 == 0x000` lines"
