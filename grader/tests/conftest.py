"""Fixtures for the grader's self-tests: a fake ESP and the scripted fake
console (fake_qemu.py) started in QEMU's place.  No emulator runs here."""
import io
import os
import struct
import select
import shlex
import sys
import tempfile
from pathlib import Path

import pytest

from grader import cli
from grader.settings import config_script, load_settings

FAKE = Path(__file__).resolve().parent / "fake_qemu.py"

# Self-tests wait at most this long (seconds) for a line that never comes.
SHORT_WAIT = 2.0


def fake_cmd(*breaks, shell=False, pidfile=None, spawn_child=False, filler=0, end="hang",
             flip_file=None, stage=None):
    """--qemu-cmd value that runs the fake console with these behaviours
    (stage: the system at the end of that lab, fake_qemu.py --stage)."""
    argv = [sys.executable, str(FAKE), f"--end={end}"]
    if stage:
        argv.append(f"--stage={stage}")
    if flip_file:
        argv.append(f"--flip-file={flip_file}")
    argv += [f"--break={b}" for b in breaks]
    if shell:
        argv.append("--shell")
    if pidfile:
        argv.append(f"--pidfile={pidfile}")
    if spawn_child:
        argv.append("--spawn-child")
    if filler:
        argv.append(f"--filler={filler}")
    return shlex.join(argv + ["--"])


@pytest.fixture(autouse=True)
def private_tmp(monkeypatch, tmp_path):
    """ESP copies go to the test's own tmp_path, even if a test breaks."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


@pytest.fixture
def fake_esp(tmp_path):
    """An ESP folder as `make build` lays it out, with a stand-in kernel."""
    esp = tmp_path / "esp"
    (esp / "EFI" / "BOOT").mkdir(parents=True)
    (esp / "EFI" / "BOOT" / "BOOTX64.EFI").write_bytes(b"MZ stand-in loader")
    conf = config_script().boot_conf(load_settings().config)
    (esp / "EFI" / "BOOT" / "boot.conf").write_text(conf)
    (esp / "KERNEL.ELF").write_bytes(elf_with_load(180 * 1024))
    return esp


def elf_with_load(memsz, pad=0):
    """An ELF header with one PT_LOAD of `memsz` bytes at 0x1000 (what ps
    must count as code), then `pad` zero bytes."""
    header = bytearray(64)
    header[0:4] = b"\x7fELF"
    struct.pack_into("<QHH", header, 32, 64, 0, 0)      # e_phoff
    struct.pack_into("<HH", header, 54, 56, 1)          # e_phentsize, e_phnum
    ph = bytearray(56)
    struct.pack_into("<I", ph, 0, 1)                    # PT_LOAD
    struct.pack_into("<QQQQQ", ph, 8, 0, 0x1000, 0x1000, memsz, memsz)
    return bytes(header + ph) + bytes(pad)


# Stand-ins for every program `make build` puts in esp/APP (only the ELF
# magic matters to the fake kernel; the sizes differ so `ls` can be checked).
APPS = ("alloc_until_null", "brk", "brk_alloc_test", "brk_test", "counter", "crash", "dinner",
        "factorial", "fork_test", "hello", "mq", "mutex", "shell", "syscall_fuzz",
        "alloc_all", "alloc_hold", "idle", "proc_test", "sem_test", "rustabi",
        "heartbeat", "hog", "spin")


@pytest.fixture
def app_esp(fake_esp):
    """fake_esp with APP/ holding a stand-in for every program."""
    apps = fake_esp / "APP"
    apps.mkdir()
    for i, name in enumerate(APPS):
        if name == "factorial":  # ps_counts_code checks its row covers its PT_LOAD pages
            (apps / name).write_bytes(elf_with_load(40960, 30000 + 997 * i - 120))
        else:
            (apps / name).write_bytes(b"\x7fELF" + bytes(30000 + 997 * i))
    return fake_esp


@pytest.fixture
def settings():
    return load_settings()


@pytest.fixture
def scale(settings):
    """--timeout-scale that turns the boot timeout into SHORT_WAIT seconds."""
    return SHORT_WAIT / settings.boot_timeout


def grader_on(esp, log_dir, scale):
    """grade(qemu_cmd, *args): the grader run in-process on `esp`;
    returns (exit code, console output)."""

    def run(qemu_cmd, *args):
        out = io.StringIO()
        argv = ["--esp", str(esp), "--log-dir", str(log_dir), "--qemu-cmd", qemu_cmd,
                "--timeout-scale", str(scale), "-j", "16", *args]
        code = cli.main(argv, out=out)
        return code, out.getvalue()

    return run


@pytest.fixture
def grade(fake_esp, tmp_path, scale):
    """The grader on the fake ESP (see grader_on)."""
    return grader_on(fake_esp, tmp_path / "logs", scale)


@pytest.fixture
def grade_os(app_esp, tmp_path, scale):
    """The grader on the fake ESP with apps (see grader_on)."""
    return grader_on(app_esp, tmp_path / "logs", scale)


def statuses(output):
    """{test name: 'PASS' | 'FAIL'} from the grader's console output."""
    found = {}
    for line in output.splitlines():
        word, _, rest = line.partition(" ")
        if word in ("PASS", "FAIL"):
            found[rest.split(" ", 1)[0]] = word
    return found


def exits_within(pid, seconds):
    """True once process `pid` has exited (zombie or gone), False if it is
    still running after `seconds`.  Waits on a pidfd: no polling."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        readable, _, _ = select.select([fd], [], [], seconds)
        return bool(readable)
    finally:
        os.close(fd)


def read_pids(pidfile):
    return [int(line) for line in Path(pidfile).read_text().split()]
