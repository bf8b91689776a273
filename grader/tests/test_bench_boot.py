"""scripts/bench-boot on the fake console: N boots, min/median/max."""
import os
import subprocess
import sys

from conftest import fake_cmd

from grader.settings import ROOT


def bench(esp, qemu_cmd, scale):
    argv = [sys.executable, str(ROOT / "scripts" / "bench-boot"), "-n", "3", "--esp", str(esp),
            "--qemu-cmd", qemu_cmd, "--timeout-scale", str(scale)]
    env = {**os.environ, "TMPDIR": str(esp.parent)}  # ESP copies stay in pytest's tmp_path
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)
    return done.returncode, done.stdout.splitlines()


def test_three_boots_without_shell(fake_esp, scale):
    code, lines = bench(fake_esp, fake_cmd(), scale)
    assert code == 0, lines
    assert [line.split(":")[0] for line in lines[:3]] == ["boot 1", "boot 2", "boot 3"]
    assert lines[3].startswith("initialized  min ") and lines[3].endswith("(3 boots)")
    assert lines[4] == f"prompt       no shell in {fake_esp}/APP"


def test_prompt_timed_when_there_is_a_shell(fake_esp, scale):
    (fake_esp / "APP").mkdir()
    (fake_esp / "APP" / "shell").write_bytes(b"\x7fELF")
    code, lines = bench(fake_esp, fake_cmd(shell=True), scale)
    assert code == 0, lines
    assert ", prompt " in lines[0]
    assert lines[4].startswith("prompt       min ") and lines[4].endswith("(3 boots)")


def test_a_failed_boot_is_reported(fake_esp, scale):
    code, lines = bench(fake_esp, fake_cmd("panic"), scale)
    assert code == 1
    assert lines[0] == "boot 1: FAILED: kernel panic: [PANIC] src/main.c:42: fake panic"


def test_missing_prompt_is_waited_for_once(fake_esp, scale):
    (fake_esp / "APP").mkdir()
    (fake_esp / "APP" / "shell").write_bytes(b"\x7fELF")
    code, lines = bench(fake_esp, fake_cmd(), scale)
    assert code == 0, lines
    assert lines[1].startswith("boot 1: no prompt within ")
    assert sum("no prompt" in line for line in lines) == 1
    assert lines[-1] == "prompt       not seen"
