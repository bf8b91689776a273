"""scripts/bench-mem on the fake console: the idle figures and the peak of
factorial 999999, as the fake kernel accounts them."""
import os
import subprocess
import sys

from conftest import fake_cmd

from grader.settings import ROOT


def test_figures(app_esp, scale):
    argv = [sys.executable, str(ROOT / "scripts" / "bench-mem"), "--esp", str(app_esp),
            "--qemu-cmd", fake_cmd(shell=True), "--timeout-scale", str(scale)]
    env = {**os.environ, "TMPDIR": str(app_esp.parent)}
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines() == [
        "kernel row             : 2.0 MiB",
        "Memory at idle         : 1.08 MiB / 44.37 MiB (2.44%)",
        "frame metadata         : 1424 bytes for 11358 frames = 0.125 bytes/frame",
        "Kernel heap at idle    : 134.05 KiB used / 136.00 KiB mapped",
        "spike                  : 125 processes spawned and killed",
        "Kernel heap after      : 134.05 KiB used / 136.00 KiB mapped",
        "factorial 999999 peak  : row 15.3 MiB, Memory 16.40 MiB / 44.37 MiB (36.96%)",  # factorial: 10 code pages
        "after factorial        : Memory 1.08 MiB / 44.37 MiB (2.44%)",
    ]


def test_failure_is_reported(app_esp, scale):
    argv = [sys.executable, str(ROOT / "scripts" / "bench-mem"), "--esp", str(app_esp),
            "--qemu-cmd", fake_cmd("panic", shell=True), "--timeout-scale", str(scale)]
    env = {**os.environ, "TMPDIR": str(app_esp.parent)}
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)
    assert done.returncode == 1
    assert done.stdout.startswith("bench-mem: FAILED: kernel panic: [PANIC] src/main.c:42")
