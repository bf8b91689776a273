"""Machine: waiting and matching, failure reports, the shell helpers, the
per-machine ESP copy and clean-up, against the fake console."""
import re
import time

import pytest
from conftest import SHORT_WAIT, exits_within, fake_cmd, read_pids

from grader import markers
from grader.check import CheckFailed
from grader.esp import boot
from grader.machine import Machine


@pytest.fixture
def machine(settings, fake_esp, scale):
    """machine(qemu_cmd, boot=...) -> a started Machine, closed after the test."""
    started = []

    def start(qemu_cmd, spec=boot()):
        m = Machine(settings, fake_esp, spec, name="selftest", timeout_scale=scale,
                    qemu_cmd=qemu_cmd)
        started.append(m)
        return m.start()

    yield start
    for m in started:
        m.close()


def test_expect_moves_on_expect_logged_looks_back(machine):
    m = machine(fake_cmd(end="exit"))
    m.expect(markers.INITIALIZED, timeout=m.settings.boot_timeout)
    # Printed before the init line: found by expect_logged, not by expect.
    assert m.expect_logged(r"parse log_level = info")
    with pytest.raises(CheckFailed, match="QEMU exited with status 0"):
        m.expect(r"parse log_level = info")


def test_expect_logged_after_a_position(machine):
    m = machine(fake_cmd(end="exit"))
    banner = m.expect_boot(markers.KERNEL_BANNER)
    with pytest.raises(CheckFailed):
        m.expect_boot(r"Running UEFI bootloader", after=banner.end())


def test_timeout_shows_pattern_and_last_40_lines(machine):
    m = machine(fake_cmd(filler=100))
    m.expect_boot(r"filler line 100\n")
    wait = 1.0  # seconds, after --timeout-scale
    start = time.monotonic()
    with pytest.raises(CheckFailed) as failure:
        m.expect(r"never printed", timeout=wait / m.timeout_scale)
    waited = time.monotonic() - start
    assert wait <= waited < wait + 1.5
    reason = f"timeout after {wait:.1f}s waiting for /never printed/"
    assert failure.value.reason.startswith(reason)
    details = failure.value.details.splitlines()
    assert details[0] == "expected: /never printed/"
    assert details[1] == "last 40 lines of output:"
    assert details[2:] == [f"| filler line {i}" for i in range(61, 101)]


def test_panic_fails_at_once(machine):
    m = machine(fake_cmd("panic"))
    start = time.monotonic()
    with pytest.raises(CheckFailed, match=r"kernel panic: \[PANIC\] src/main.c:42: fake panic"):
        m.expect_boot(markers.INITIALIZED)
    assert time.monotonic() - start < SHORT_WAIT


def test_reset_fails_at_once(machine):
    m = machine(fake_cmd("reboot"))
    start = time.monotonic()
    with pytest.raises(CheckFailed, match="machine reset"):
        m.expect_boot(markers.KERNEL_BANNER)
    assert time.monotonic() - start < SHORT_WAIT


def test_output_before_a_panic_still_matches(machine):
    m = machine(fake_cmd("panic"))
    assert m.expect_boot(markers.TIMER_RATE)[1] == "100"
    with pytest.raises(CheckFailed, match="kernel panic"):
        m.expect_boot(r"fake panic", fatal=True)
    assert m.expect_boot(r"fake panic", fatal=False)


def test_qemu_exit_is_reported(machine):
    m = machine(fake_cmd("exit"))
    with pytest.raises(CheckFailed, match="QEMU exited with status 3"):
        m.expect_boot(markers.INITIALIZED)


def test_log_has_no_escape_codes_or_carriage_returns(machine):
    m = machine(fake_cmd(end="exit"))
    m.expect_boot(markers.INITIALIZED)
    assert "BdsDxe: starting Boot0002" in m.log
    assert "\x1b" not in m.log and "\r" not in m.log


def test_run_command_returns_the_output(machine):
    m = machine(fake_cmd(shell=True))
    m.wait_prompt()
    assert m.run_command("echo hello") == "hello\n"
    assert m.run_command("PS") == "未知命令: 'PS'\n输入 help 获取可用命令列表\n"
    m.newline = "\n"  # the shell takes LF as Enter too
    assert m.run_command("echo by lf") == "by lf\n"


def test_ps_is_parsed(machine):
    m = machine(fake_cmd(shell=True))
    m.wait_prompt()
    table = m.ps()
    assert [(p["pid"], p["name"], p["status"]) for p in table["processes"]] == [
        (1, "kernel", "Ready"),
        (2, "shell", "Running"),
    ]
    assert table["processes"][1]["memory"] == 40 * 1024
    assert table["memory"]["total"] == round(44.37 * 1024 * 1024)


def three_files(folder):
    for i in range(3):
        (folder / f"F{i}.TXT").write_bytes(b"x")


def test_boot_spec_changes_only_the_copy(machine, fake_esp, tmp_path):
    original = (fake_esp / "EFI/BOOT/boot.conf").read_text()
    spec = boot(conf={"log_level": "debug", "extra_key": "1"},
                files={"KERNEL.ELF": None, "SUB/MANY/": three_files})
    m = machine(fake_cmd(), spec)
    m.expect_boot(r"cannot load kernel '\\KERNEL\.ELF': file not found")
    m.expect_logged(r"parse log_level = debug")
    assert m.boot_conf.line_of("extra_key") == len(original.splitlines()) + 1
    assert (fake_esp / "EFI/BOOT/boot.conf").read_text() == original
    assert (fake_esp / "KERNEL.ELF").exists()
    copies = list(tmp_path.glob("ysos-esp-*"))
    assert len(copies) == 1
    assert sorted(p.name for p in (copies[0] / "esp/SUB/MANY").iterdir()) == [
        "F0.TXT", "F1.TXT", "F2.TXT"]
    assert not (fake_esp / "SUB").exists()
    assert spec.label() == ("log_level=debug; extra_key=1; KERNEL.ELF: deleted; "
                            "SUB/MANY/: three_files")
    m.close()
    assert not copies[0].exists()


def test_close_kills_the_whole_process_group(machine, tmp_path):
    pidfile = tmp_path / "pids"
    m = machine(fake_cmd(pidfile=pidfile, spawn_child=True))
    m.expect_boot(markers.INITIALIZED)
    pids = read_pids(pidfile)
    assert len(pids) == 2  # the fake and the `sleep` it left running
    m.close()
    assert all(exits_within(pid, 5) for pid in pids)


def test_command_is_config_args_plus_the_drive(settings, fake_esp):
    argv = Machine(settings, fake_esp).command("/tmp/x")
    qemu = settings.config["qemu"]
    assert argv[0] == "qemu-system-x86_64"
    assert argv[argv.index("-bios") + 1] == qemu["ovmf"]
    assert argv[argv.index("-m") + 1] == qemu["memory"]
    assert "-nographic" in argv and "-snapshot" in argv
    assert argv[-2:] == ["-drive", "format=raw,file=fat:/tmp/x"]


def test_missing_emulator_is_a_clean_failure(settings, fake_esp):
    m = Machine(settings, fake_esp, qemu_cmd="/nonexistent/qemu")
    with pytest.raises(CheckFailed, match=re.escape("cannot start /nonexistent/qemu")):
        m.start()
