"""sandbox.py: under each mechanism this machine has, a command cannot fork,
compute, allocate or write without end, nor read root's files; with bwrap
and unshare it has no network, with bwrap it sees no file it was not given.
Tiny commands (python one-liners), no build."""
import socket
import subprocess
import sys
import time

import pytest

from grader import sandbox

LIMITS = sandbox.Limits(cpu_seconds=1, memory_mb=200, processes=30, output_mb=1)


def works(how):
    if how == "rlimits":
        return True
    argv = sandbox._argv(how, ["true"], sandbox.Limits(), [], [], "/", True)
    try:
        return subprocess.run(argv, cwd="/", capture_output=True).returncode == 0
    except FileNotFoundError:
        return False


@pytest.fixture(params=sandbox.MECHANISMS)
def how(request, monkeypatch):
    """Each mechanism that works here, forced."""
    if not works(request.param):
        pytest.skip(f"{request.param} does not work here")
    monkeypatch.setattr(sandbox, "mechanism", lambda unprivileged: (request.param, ""))
    return request.param


@pytest.fixture
def work(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    sandbox.hand_over(folder)
    return folder


def run(work, code, limits=LIMITS, **kwargs):
    """Python `code` sandboxed in `work`; the CompletedProcess (text)."""
    w = sandbox.wrap([sys.executable, "-c", code], limits, writable=[work], cwd=work,
                     unprivileged=True)
    kwargs = {"stdout": subprocess.PIPE, **kwargs}
    return subprocess.run(w.argv, cwd=work, stderr=subprocess.PIPE, text=True, timeout=30, **kwargs)


FORK = """
import os, time
n = 0
try:
    while n < 300:
        if os.fork() == 0:
            time.sleep(3)
            os._exit(0)
        n += 1
except OSError as e:
    print(n, e.errno)
"""


def test_a_fork_bomb_is_stopped(how, work):
    done = run(work, FORK)
    forked, errno = map(int, done.stdout.split())
    assert forked < LIMITS.processes and errno == 11  # EAGAIN


def test_a_busy_loop_is_stopped(how, work):
    start = time.monotonic()
    done = run(work, "while True: pass")
    # SIGXCPU (bwrap: 128+24; unshare 2.38 cannot pass that signal on: 1)
    assert done.returncode != 0 and time.monotonic() - start < 10


def test_memory_is_limited(how, work):
    done = run(work, "b = bytearray(400 << 20)")
    assert "MemoryError" in done.stderr


def test_output_without_end_is_cut(how, work, tmp_path):
    with open(tmp_path / "log", "wb") as log:
        done = run(work, "while True: print('spam' * 100)", stdout=log)
    assert "File too large" in done.stderr  # python ignores SIGXFSZ: the write fails
    assert (tmp_path / "log").stat().st_size == LIMITS.output_mb << 20
    done = run(work, "open('big', 'wb').write(bytes(2 << 20))")
    assert (work / "big").stat().st_size <= LIMITS.output_mb << 20


def test_root_files_are_out_of_reach(how, work):
    done = run(work, "print(open('/etc/shadow').read())")
    assert done.returncode != 0 and "root:" not in done.stdout


def test_no_network(how, work):
    if how == "rlimits":
        pytest.skip("rlimits only: the network is the host's")
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        done = run(work, f"import socket; socket.create_connection(('127.0.0.1', {port}), 2)")
    assert "ConnectionRefusedError" in done.stderr or "OSError" in done.stderr, done.stderr


def test_bwrap_shows_only_what_it_is_given(work, tmp_path, monkeypatch):
    if not works("bwrap"):
        pytest.skip("no bwrap here")
    monkeypatch.setattr(sandbox, "mechanism", lambda unprivileged: ("bwrap", ""))
    (tmp_path / "secret").write_text("other submission")
    code = (f"import os; print(os.path.exists({str(tmp_path / 'secret')!r}));"
            "open('mine', 'w').write('ok'); print(sorted(os.listdir('/')))")
    done = run(work, code)
    shown, root = done.stdout.splitlines()
    assert shown == "False" and (work / "mine").read_text() == "ok"
    assert "root" not in root and "home" not in root and "work" not in root, root


def test_the_best_mechanism_that_works_is_used(monkeypatch):
    sandbox.mechanism.cache_clear()
    try:
        monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
        assert sandbox.mechanism(True) == ("rlimits", "bwrap: not installed; "
                                                      "unshare: not installed")
        assert sandbox.describe().startswith("WARNING: sandbox off, submissions run with limits "
                                             "only (bwrap: not installed")
        assert sandbox.wrap(["true"], LIMITS, unprivileged=True).argv[-1] == "true"
    finally:
        sandbox.mechanism.cache_clear()


def test_qemu_sees_its_own_files(tmp_path):
    script = tmp_path / "qemu-stand-in.py"
    script.write_text("")
    argv = sandbox.for_machine(sandbox.Limits(memory_mb=4096))(
        ["/usr/bin/python3", str(script), "-bios", "/usr/share/ovmf/OVMF.fd"], tmp_path)
    if sandbox.mechanism(False)[0] == "bwrap":
        assert argv[argv.index("--ro-bind", argv.index("--tmpfs")) + 1] == str(tmp_path)
        assert ["--bind", str(tmp_path), str(tmp_path)] == argv[argv.index("--bind"):][:3]
    assert argv[-4:] == ["/usr/bin/python3", str(script), "-bios", "/usr/share/ovmf/OVMF.fd"]


def test_guest_memory_is_read_from_the_last_m():
    assert sandbox.guest_memory_mb(["qemu"]) == 128
    assert sandbox.guest_memory_mb(["qemu", "-m", "96M"]) == 96
    assert sandbox.guest_memory_mb(["qemu", "-m", "96M", "-m", "4G"]) == 4096
    assert sandbox.guest_memory_mb(["qemu", "-m", "size=2G,slots=2"]) == 2048
    assert sandbox.guest_memory_mb(["qemu", "-m", "512"]) == 512


def test_a_bigger_guest_gets_a_bigger_address_space(tmp_path):
    """The 4 GiB machine of load_stack_3gib did not start under a flat 4096 MB limit."""
    wrapper = sandbox.for_machine(sandbox.Limits(memory_mb=4096))
    small = wrapper(["/usr/bin/qemu-system-x86_64", "-m", "96M"], tmp_path)
    big = wrapper(["/usr/bin/qemu-system-x86_64", "-m", "96M", "-m", "4G"], tmp_path)
    assert f"--as={(4096 + 96) * 2**20}" in small
    assert f"--as={(4096 + 4096) * 2**20}" in big
