"""Stage-aware grading on the fake console (fake_qemu.py --stage N):
each lab's tests pass at its stage and fail at the stage before; a dead
boot is graded fast (one boot per BootSpec); a failure names the stubs
that ran; --stage builds that stage and selects labs <= N."""
import io
import time

import pytest
from conftest import fake_cmd, read_pids, statuses

from grader import cli, registry, stages

ALL = registry.all_tests()
FAST = ("--leak-rounds", "1")


def lab_tests(group):
    return {t.name for t in ALL if t.group == group}


@pytest.mark.parametrize("stage", [2, 3])
def test_a_lab_passes_at_its_stage_and_fails_before(grade_os, stage):
    lab = str(stage)
    code, out = grade_os(fake_cmd(stage=stage, shell=True), "--lab", lab, *FAST)
    assert set(statuses(out).values()) == {"PASS"} and code == 0, out
    code, out = grade_os(fake_cmd(stage=stage - 1, shell=True), "--lab", lab, *FAST)
    failed = {name for name, status in statuses(out).items() if status == "FAIL"}
    assert failed == lab_tests(lab), out


def test_lab_4_fails_on_the_kernel_console_of_stage_3(grade_os):
    code, out = grade_os(fake_cmd(stage=3, shell=True), "--lab", "4", "-j", "2")
    failed = {name for name, status in statuses(out).items() if status == "FAIL"}
    assert failed == lab_tests("4") | lab_tests("rustabi"), out
    assert "the kernel runs its own console" in out


def test_a_dead_boot_is_not_booted_again(grade_os, tmp_path):
    """Stage 1 halts after init: every test past lab 1 fails, each BootSpec
    is booted once (at -j 2, as a TA grades), and the run is quick."""
    pidfile = tmp_path / "pids"
    start = time.monotonic()
    code, out = grade_os(fake_cmd(stage=1, shell=True, pidfile=pidfile), "-j", "2", *FAST)
    took = time.monotonic() - start
    seen = statuses(out)
    assert code == 1 and len(seen) == len(ALL)
    assert {n for n, s in seen.items() if s == "PASS"} <= lab_tests("1"), out
    specs = {t.boot for t in ALL}
    assert len(read_pids(pidfile)) <= len(specs), out
    assert "[boot seen dead in " in out and "halted: no output for" in out
    # One boot per BootSpec, each ending after the idle limit (0.5 s here).
    assert took < 2 + 1.2 * len(specs), out


def test_a_panicking_kernel_is_graded_fast(grade_os, tmp_path):
    pidfile = tmp_path / "pids"
    code, out = grade_os(fake_cmd("panic", shell=True, pidfile=pidfile), "-j", "2", *FAST)
    assert code == 1
    assert len(read_pids(pidfile)) <= len({t.boot for t in ALL}), out
    assert "kernel panic: [PANIC]" in out


def test_a_failure_names_the_stubs_that_ran(grade):
    code, out = grade(fake_cmd("todo-timer", end="exit"), "-k", "timer_rate_logged")
    assert code == 1
    assert "(missing: TODO(lab 0x02): apic_timer_init)" in out.splitlines()[0], out


def test_stage_selects_its_labs_and_builds_it(monkeypatch, tmp_path):
    out = io.StringIO()
    assert cli.main(["--stage", "3", "--list"], out=out) == 0
    assert {line.split()[0] for line in out.getvalue().splitlines()} == {"lab1", "lab2", "lab3"}
    out = io.StringIO()
    cli.main(["--stage", "7", "--list"], out=out)
    assert {line.split()[0] for line in out.getvalue().splitlines()} == {
        "lab1", "lab2", "lab3", "lab4", "lab5", "lab6", "lab7", "robust"}
    out = io.StringIO()
    cli.main(["--stage", "4", "--lab", "5", "--list"], out=out)
    assert {line.split()[0] for line in out.getvalue().splitlines()} == {"lab5"}

    built = []
    monkeypatch.setattr(cli, "build", lambda stage=None: built.append(stage) or "stop here")
    cli.main(["--stage", "2", "-k", "boot_initialized", "--log-dir", str(tmp_path)],
             out=io.StringIO())
    assert built == [2]
    assert stages.build_command(2) == ["make", "--no-print-directory", "build", "LAB=2"]
    assert stages.build_command(None, werror=False)[-1] == "WERROR=0"


def test_a_loader_that_stops_is_seen_halted(grade, fake_esp):
    """A loader that stops after its error (here: no kernel) is a dead boot
    once it has been silent for a while, not a wait for the boot timeout."""
    (fake_esp / "KERNEL.ELF").unlink()
    code, out = grade(fake_cmd(), "-k", "boot_initialized")
    assert code == 1
    assert "halted: no output for" in out.splitlines()[0], out
