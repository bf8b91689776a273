"""The batch's live progress line (grader/progress.py): rewritten in place on
a terminal, two plain lines per submission in a CI log, and an ETA from the
mean time of the submissions already graded."""
import io

from grader.progress import CLEAR, UP, Progress, duration


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def progress(tty, submissions=3, tests=4, width=200):
    out, clock = io.StringIO(), Clock()
    return Progress(out, submissions, tests, tty=tty, clock=clock, width=width), out, clock


def test_durations_read_at_a_glance():
    assert [duration(s) for s in (0, 59.4, 61, 3599, 3720, 90000)] == [
        "0s", "59s", "1m01s", "59m59s", "1h02m", "25h00m"]


def test_a_ci_log_gets_one_line_at_start_and_one_at_end():
    live, out, clock = progress(tty=False)
    live.start("alice", "build")
    assert out.getvalue() == "[1/3] alice: build, 0/4 tests, 0s, batch ETA --\n"
    live.stage("alice", "grade")
    clock.now = 4.0
    for lab in ("lab1", "lab1", "lab2", "lab2"):
        live.tested("alice", lab)
    live.write("PASS boot_initialized (0.1s)\n")
    clock.now = 10.0
    live.finish("alice")
    live.start("bob", "build LAB=2")
    assert out.getvalue().splitlines()[1:] == [
        "PASS boot_initialized (0.1s)",
        "[1/3] alice: done, 4/4 tests, 10s, batch ETA 20s",
        "[2/3] bob: build LAB=2, 0/4 tests, 0s, batch ETA 20s",
    ]
    assert "\r" not in out.getvalue() and "\x1b" not in out.getvalue()


def test_a_terminal_line_is_rewritten_in_place():
    live, out, clock = progress(tty=True)
    live.start("alice", "build")
    first = "[1/3] alice: build, 0/4 tests, 0s, batch ETA --"
    assert out.getvalue() == first
    clock.now = 3.0
    live.tested("alice", "lab1")
    second = "[1/3] alice: lab1, 1/4 tests, 3s, batch ETA --"
    assert out.getvalue() == first + CLEAR + second
    live.write("PASS boot_initialized (0.1s)\n")  # above the live line, which comes back under it
    passed = CLEAR + "PASS boot_initialized (0.1s)\n"
    assert out.getvalue() == first + CLEAR + second + passed + second
    live.close()
    assert out.getvalue().endswith(second + CLEAR)


def test_the_eta_counts_what_is_left_of_the_running_submission():
    live, out, clock = progress(tty=True)
    live.start("alice", "build")
    clock.now = 10.0
    live.finish("alice")
    live.start("bob", "build")
    clock.now = 14.0
    live.tested("bob", "lab1")
    # mean 10 s per submission, 2 left, bob has had 4 s of his: 16 s
    assert out.getvalue().endswith(CLEAR + "[2/3] bob: lab1, 1/4 tests, 4s, batch ETA 16s")


def test_one_line_per_worker_and_none_wider_than_the_terminal():
    live, out, clock = progress(tty=True, width=30)
    live.start("alice", "build")
    live.start("bob", "build")
    assert out.getvalue().endswith(CLEAR + "[1/3] alice: build, 0/4 tests\n"
                                   "[2/3] bob: build, 0/4 tests, ")
    out.seek(0)
    out.truncate()
    live.tested("bob", "lab1")
    assert out.getvalue().startswith(CLEAR + UP + CLEAR + "[1/3] alice")


def test_a_partial_line_is_not_interrupted():
    live, out, clock = progress(tty=True)
    live.start("alice", "build")
    live.write("[boot] Bds")
    out.seek(0)
    out.truncate()
    live.tested("alice", "lab1")
    assert out.getvalue() == ""  # the live line waits for the line's end
    live.write("Dxe\n")
    assert out.getvalue() == "Dxe\n[1/3] alice: lab1, 1/4 tests, 0s, batch ETA --"
