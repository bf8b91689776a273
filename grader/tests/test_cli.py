"""The command line end to end, on the fake console: selection, console
output, failure logs, JUnit/JSON reports, scores, -v."""
import io
import json
import xml.etree.ElementTree as ET
from types import SimpleNamespace

from conftest import exits_within, fake_cmd, read_pids, statuses

from grader import cli, registry
from grader.settings import Settings

LAB1 = [t.name for t in registry.all_tests() if t.group == "1"]


def test_list_shows_the_selection_without_running(grade):
    code, out = grade("/nonexistent/qemu", "--list", "--lab", "1")
    assert code == 0
    assert [line.split()[1] for line in out.splitlines()] == LAB1
    assert "PASS" not in out and "FAIL" not in out


def test_one_test_by_name(grade):
    code, out = grade(fake_cmd(), "-k", "bootconf_unknown_key")
    assert code == 0
    assert statuses(out) == {"bootconf_unknown_key": "PASS"}
    lines = out.splitlines()
    assert lines[-1] == "1 passed, 0 failed"
    assert lines[-3].split() == ["lab1", "1/1", "passed", "10.00", "/", "10"]


def test_failures_give_logs_and_reports(grade, tmp_path):
    junit, report = tmp_path / "j.xml", tmp_path / "r.json"
    picked = ("bootconf_keys_logged", "bootconf_unknown_key", "bootconf_bad_number",
              "bootconf_bad_log_level")
    code, out = grade(fake_cmd("no-warn", end="exit"), *(a for p in picked for a in ("-k", p)),
                      "--junit", str(junit), "--json", str(report))
    assert code == 1
    assert out.splitlines()[-1] == "1 passed, 3 failed"

    data = json.loads(report.read_text())
    assert (data["passed"], data["failed"]) == (1, 3)
    assert data["score"]["labs"]["lab1"] == {"passed": 1, "total": 4, "points": 2.5, "weight": 10.0}
    by_name = {t["name"]: t for t in data["tests"]}
    assert by_name["bootconf_keys_logged"]["passed"] and not by_name["bootconf_keys_logged"]["log"]
    unknown = by_name["bootconf_unknown_key"]
    assert unknown["reason"] == "QEMU exited with status 0"
    assert "expected: /boot\\.conf line" in unknown["details"]
    log = open(unknown["log"]).read()
    assert "parse no_such_key = 1" in log and "\x1b" not in log
    assert sorted(p.name for p in (tmp_path / "logs").glob("*.log")) == [
        "bootconf_bad_log_level.log", "bootconf_bad_number.log", "bootconf_unknown_key.log"]

    suite = ET.parse(junit).getroot().find("testsuite")
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == ("lab1", "4", "3")
    failure = suite.find("testcase[@name='bootconf_unknown_key']/failure")
    assert failure.get("message") == "QEMU exited with status 0"
    assert "full serial log:" in failure.text


def test_timeout_block_and_no_child_left(grade, tmp_path):
    pidfile = tmp_path / "pids"
    qemu = fake_cmd("no-init", pidfile=pidfile, spawn_child=True)
    code, out = grade(qemu, "-k", "boot_initialized")
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith("FAIL boot_initialized (")
    pattern = r"/^\[INFO \] YatSenOS initialized\./"
    # The kernel went silent after its banner: a halt, not the whole timeout.
    assert lines[0].endswith(f"): halted: no output for 0.5s after '[INFO ] Interrupts Enabled.' "
                             f"while waiting for {pattern}")
    assert lines[1] == f"    expected: {pattern}"
    assert lines[2].startswith("    last ")
    assert "    | [INFO ] APIC timer: 100 Hz (calibrated against the PIT)" in lines
    assert lines[-5] == f"    full serial log: {tmp_path / 'logs' / 'boot_initialized.log'}"
    assert all(exits_within(pid, 5) for pid in read_pids(pidfile))


def test_a_failure_reboots_for_the_next_test(grade, tmp_path):
    # Both tests use the default machine.
    selection = ["-k", "bootconf_keys_logged", "-k", "boot_initialized"]
    shared, fresh, dead = tmp_path / "shared", tmp_path / "fresh", tmp_path / "dead"
    grade(fake_cmd(pidfile=shared, end="exit"), *selection)
    assert len(read_pids(shared)) == 1
    _, out = grade(fake_cmd("no-parse-log", pidfile=fresh, shell=True), *selection)
    assert statuses(out) == {"bootconf_keys_logged": "FAIL", "boot_initialized": "PASS"}
    assert len(read_pids(fresh)) == 2
    # QEMU exits before any prompt: a dead boot.  The next test of the same
    # boot runs on its replay (the init line it printed still counts), no reboot.
    _, out = grade(fake_cmd("no-parse-log", pidfile=dead, end="exit"), *selection)
    assert statuses(out) == {"bootconf_keys_logged": "FAIL", "boot_initialized": "PASS"}
    assert len(read_pids(dead)) == 1


def test_stale_log_of_a_now_passing_test_is_removed(grade, tmp_path):
    stale = tmp_path / "logs" / "boot_initialized.log"
    stale.parent.mkdir()
    stale.write_text("old failure")
    code, _ = grade(fake_cmd(), "-k", "boot_initialized")
    assert code == 0 and not stale.exists()


def test_esp_without_loader_fails_everything(grade, fake_esp):
    (fake_esp / "EFI/BOOT/BOOTX64.EFI").unlink()
    code, out = grade(fake_cmd(), "--lab", "1")
    assert code == 1
    fails = [line for line in out.splitlines() if line.startswith("FAIL")]
    assert len(fails) == len(LAB1) and all("no loader in" in line for line in fails)


def test_build_failure_fails_everything(monkeypatch, tmp_path):
    monkeypatch.setattr(cli, "build", lambda stage=None: "build failed (make build exited with 2)")
    out = io.StringIO()
    argv = ["--lab", "2", "--log-dir", str(tmp_path), "--qemu-cmd", "/nonexistent/qemu"]
    code = cli.main(argv, out=out)
    assert code == 1
    assert all(line.endswith(": build failed (make build exited with 2)")
               for line in out.getvalue().splitlines() if line.startswith("FAIL"))
    assert out.getvalue().splitlines()[-1].endswith(" failed") and " 0 failed" not in out.getvalue()


def test_verbose_streams_the_console(grade):
    _, out = grade(fake_cmd(), "-v", "-j", "1", "-k", "boot_initialized")
    assert "\nBdsDxe: starting Boot0002" in out
    _, out = grade(fake_cmd(), "-v", "-j", "2", "-k", "boot_initialized", "-k", "log_level_warn")
    assert "[boot_initialized] [INFO ] YatSenOS initialized." in out
    assert "[log_level_warn] [+] YatSenOS ready." in out


def test_qemu_command_from_environment(monkeypatch, fake_esp, tmp_path):
    monkeypatch.setenv(cli.QEMU_CMD_ENV, fake_cmd())
    out = io.StringIO()
    argv = ["--esp", str(fake_esp), "--log-dir", str(tmp_path), "-k", "boot_kernel_banner"]
    code = cli.main(argv, out=out)
    assert code == 0, out.getvalue()


def test_jobs_zero_means_all_cores(monkeypatch):
    monkeypatch.setattr(cli.os, "cpu_count", lambda: 6)
    assert cli.jobs_for(SimpleNamespace(jobs=None), Settings(jobs=0)) == 6
    assert cli.jobs_for(SimpleNamespace(jobs=None), Settings(jobs=3)) == 3
    assert cli.jobs_for(SimpleNamespace(jobs=2), Settings(jobs=0)) == 2
