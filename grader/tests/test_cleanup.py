"""SIGINT and SIGTERM while a test waits: the grader kills every machine
(and what the machines started), deletes the ESP copies and exits."""
import os
import signal
import sys

import pexpect
import pytest
from conftest import exits_within, fake_cmd, read_pids

from grader.settings import ROOT


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_kills_every_machine(sig, fake_esp, tmp_path):
    pidfile, tmp = tmp_path / "pids", tmp_path / "tmp"
    tmp.mkdir()
    args = ["-m", "grader", "--esp", str(fake_esp), "--log-dir", str(tmp_path / "logs"),
            "-v", "-j", "2", "-k", "boot_initialized", "-k", "log_level_warn",
            "--qemu-cmd", fake_cmd("no-init", pidfile=pidfile, spawn_child=True)]
    env = {**os.environ, "TMPDIR": str(tmp)}
    grader = pexpect.spawn(sys.executable, args, cwd=str(ROOT), env=env, encoding="utf-8",
                           timeout=20)
    try:
        for _ in range(2):  # both machines are up and waiting for init
            grader.expect(r"\] \[INFO \] Exiting boot services")
        grader.kill(sig)
        grader.expect(pexpect.EOF)
        grader.wait()
    finally:
        grader.close(force=True)
    assert grader.exitstatus == 128 + sig
    pids = read_pids(pidfile)
    assert len(pids) == 4  # two fakes, each with a `sleep` child
    assert all(exits_within(pid, 5) for pid in pids)
    assert list(tmp.glob("ysos-esp-*")) == []
