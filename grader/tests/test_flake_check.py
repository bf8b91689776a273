"""scripts/flake-check: the comparison of runs, and whole runs on the fake
console, stable and flaky (a fake that breaks every other boot)."""
import os
import subprocess
import sys

from conftest import fake_cmd

from grader.script import load_script
from grader.settings import ROOT

SCRIPT = ROOT / "scripts" / "flake-check"


def load():
    return load_script(SCRIPT, "flake_check")


def test_flips_are_the_tests_whose_results_differ():
    flake = load()
    runs = [{"a": True, "b": True, "c": False}, {"a": True, "b": False, "c": False},
            {"a": True, "c": False}]
    assert flake.flips(runs) == {"b": [True, False, None]}
    assert flake.describe("b", [True, False, None]) == \
        "  b: PASS 1, FAIL 1, missing 1 (not passed in runs 2, 3)"


def check(fake_esp, tmp_path, scale, qemu):
    argv = [sys.executable, str(SCRIPT), "--runs", "3", "--out", str(tmp_path / "flake"),
            "--esp", str(fake_esp), "--qemu-cmd", qemu, "--timeout-scale", str(scale),
            "-k", "timer_rate_logged"]
    env = {**os.environ, "TMPDIR": str(tmp_path)}  # ESP copies stay in pytest's tmp_path
    done = subprocess.run(argv, capture_output=True, text=True, timeout=120, env=env)
    return done.returncode, done.stdout.splitlines()


def test_a_stable_system(fake_esp, tmp_path, scale):
    code, lines = check(fake_esp, tmp_path, scale, fake_cmd(end="exit"))
    assert code == 0, lines
    assert [line.split(":")[0] for line in lines[:3]] == ["run 1/3", "run 2/3", "run 3/3"]
    assert lines[-1] == "flake check: 3 runs of 1 tests: 0 with non-identical results"


def test_a_flaky_system(fake_esp, tmp_path, scale):
    qemu = fake_cmd(end="exit", flip_file=tmp_path / "boots")
    code, lines = check(fake_esp, tmp_path, scale, qemu)
    assert code == 1, lines
    assert lines[-2:] == [
        "flake check: 3 runs of 1 tests: 1 with non-identical results",
        "  timer_rate_logged: PASS 1, FAIL 2 (not passed in runs 1, 3)"]
    assert (tmp_path / "flake" / "run-1" / "timer_rate_logged.log").exists()
