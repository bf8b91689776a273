"""Run a command of untrusted origin: a submission's build, or QEMU booting it.

Why: batch grading (batch.py) compiles code a student wrote and boots the
kernel it makes.  A hostile or broken submission must not read or write
outside its own work folder, reach the network, fork without end, print
without end or eat the machine's memory, and whatever it does, the batch
goes on.  wrap() turns an argv into one that runs it so, with the best
mechanism this machine has (probed once per process, mechanism()):

  bwrap    bubblewrap: its own pid, network, IPC and UTS namespaces (and
           user namespace when not run by root), no capabilities; a root of
           read-only /usr (and a few harmless /etc files), a fresh /proc
           and /dev, small private /tmp and /var/tmp, and only the folders
           it is given (writable or not); it dies with the grader.
  unshare  util-linux `unshare`: no network and its own pid namespace, but
           the host's file system (as `nobody`, see below).
  rlimits  neither works: the limits only; the caller prints one warning.

Limits hold with every mechanism (`prlimit` right before the command): CPU
seconds per process, address space, processes, size of any file written (a
build log that grows without end is cut there and its writer killed), no
core files.  RLIMIT_NPROC counts processes per user and is not enforced for
root, so an `unprivileged` command started by root runs as SANDBOX_UID
(`nobody`, by `setpriv` inside the sandbox; hand_over() gives it its work
folder); that also keeps root-only files (/etc/shadow) out of its reach
under every mechanism.  Run by another user, the command keeps that user
and its process limit comes on top of the processes the user already has.
"""
import functools
import os
import shutil
import subprocess
from dataclasses import dataclass, replace
from pathlib import Path

SANDBOX_UID = 65534  # nobody/nogroup on Debian
MB = 1 << 20
SYSTEM_LINKS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
# Read-only in the bwrap root besides /usr: what compilers, make, python and
# QEMU may look up, and dpkg's database (scripts/setup-deps.sh asks it).
SYSTEM_FILES = ("/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
                "/etc/passwd", "/etc/group", "/etc/nsswitch.conf", "/etc/localtime",
                "/var/lib/dpkg")
TMP_DIRS = ("/tmp", "/var/tmp")
MECHANISMS = ("bwrap", "unshare", "rlimits")


@dataclass(frozen=True)
class Limits:
    """Per-process limits; None = no limit."""
    cpu_seconds: int = None
    memory_mb: int = None
    processes: int = None
    output_mb: int = None


@dataclass(frozen=True)
class Wrapped:
    argv: list
    mechanism: str  # one of MECHANISMS
    why: str = ""  # why the better mechanisms are not used ("" with bwrap)


def run_as(unprivileged):
    """The uid the command runs as, or None for our own."""
    return SANDBOX_UID if unprivileged and os.geteuid() == 0 else None


def hand_over(path, unprivileged=True):
    """Give folder `path` (recursively) to the user wrap() runs the command as."""
    uid = run_as(unprivileged)
    if uid is None:
        return
    for root, dirs, files in os.walk(path):
        for name in [root, *(os.path.join(root, n) for n in dirs + files)]:
            os.lchown(name, uid, uid)


def _own_tasks():
    """Processes and threads of our user: RLIMIT_NPROC counts them all."""
    uid, count = os.geteuid(), 0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat(f"/proc/{pid}").st_uid == uid:
                count += len(os.listdir(f"/proc/{pid}/task"))
        except OSError:
            pass  # gone meanwhile
    return count


def _prlimit(limits, uid):
    args = ["prlimit", "--core=0"]
    if limits.cpu_seconds:  # SIGXCPU at the soft limit, SIGKILL a second later
        args.append(f"--cpu={limits.cpu_seconds}:{limits.cpu_seconds + 1}")
    if limits.memory_mb:
        args.append(f"--as={limits.memory_mb * MB}")
    if limits.processes:
        extra = 0 if uid is not None or os.geteuid() == 0 else _own_tasks()
        args.append(f"--nproc={limits.processes + extra}")
    if limits.output_mb:
        args.append(f"--fsize={limits.output_mb * MB}")
    return args + ["--"]


def _user(uid):
    """setpriv: no setuid gains; as root, become `uid` with no extra groups."""
    args = ["setpriv", "--no-new-privs"]
    if uid is not None:
        args += [f"--reuid={uid}", f"--regid={uid}", "--clear-groups"]
    return args + ["--"]


def _dirs(paths, made):
    """bwrap arguments making the folders above `paths` 0755 (bwrap's own
    are 0700: the sandbox's user could not pass), each once."""
    args = []
    for path in paths:
        for parent in reversed(Path(path).parents[:-1]):  # without "/"
            if str(parent) not in made:
                made.add(str(parent))
                args += ["--perms", "0755", "--dir", str(parent)]
    return args


def _pairs(paths):
    """[(source, place in the sandbox)]: a path is bound at its own place."""
    return [tuple(map(str, p)) if isinstance(p, tuple) else (str(p), str(p)) for p in paths]


def _namespaces(uid):
    if os.geteuid() != 0:
        return ["bwrap", "--unshare-all"]
    # Root: no user namespace, so that setpriv inside can become SANDBOX_UID
    # (that one capability pair, then none); QEMU keeps root but no capability.
    args = ["bwrap", "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts",
            "--unshare-cgroup-try", "--cap-drop", "ALL"]
    setuid = ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"] if uid is not None else []
    return args + setuid


def _bwrap(limits, writable, readable, cwd, uid):
    """bwrap and its arguments: namespaces, then the root it builds."""
    args = _namespaces(uid) + ["--die-with-parent", "--ro-bind", "/usr", "/usr"]
    for path in SYSTEM_LINKS:
        if os.path.islink(path):
            args += ["--symlink", os.readlink(path), path]
        elif os.path.isdir(path):
            args += ["--ro-bind", path, path]
    made = {"/usr", *TMP_DIRS}
    args += _dirs(SYSTEM_FILES, made)
    for path in SYSTEM_FILES:
        args += ["--ro-bind-try", path, path]
    args += ["--proc", "/proc", "--dev", "/dev"]
    size = ["--size", str(limits.output_mb * MB)] if limits.output_mb else []
    for tmp in TMP_DIRS:
        args += ["--perms", "1777", *size, "--tmpfs", tmp]
    readable, writable = _pairs(readable), _pairs(writable)
    args += _dirs([dest for _, dest in readable + writable], made)  # after the tmpfs mounts
    for src, dest in readable:
        args += ["--ro-bind", src, dest]
    for src, dest in writable:
        args += ["--bind", src, dest]
    return args + ["--setenv", "TMPDIR", "/tmp", "--chdir", str(cwd or "/"), "--"]


def _unshare():
    user = ["--user", "--map-current-user"] if os.geteuid() != 0 else []
    return ["unshare", *user, "--net", "--pid", "--kill-child", "--"]


def _argv(how, argv, limits, writable, readable, cwd, unprivileged):
    """The namespaces outside (set up by us, whatever path they bind); the
    user and the limits inside, right before the command."""
    uid = run_as(unprivileged)
    inner = _user(uid) + _prlimit(limits, uid) + list(argv)
    if how == "bwrap":
        return _bwrap(limits, writable, readable, cwd, uid) + inner
    if how == "unshare":
        return _unshare() + inner
    return inner


@functools.lru_cache(maxsize=None)
def mechanism(unprivileged):
    """(the best mechanism that works here, why the better ones do not)."""
    whys = []
    for how in MECHANISMS[:-1]:
        if shutil.which(how) is None:
            whys.append(f"{how}: not installed")
            continue
        probe = subprocess.run(_argv(how, ["true"], Limits(), [], [], "/", unprivileged),
                               cwd="/", stdin=subprocess.DEVNULL, capture_output=True, text=True)
        if probe.returncode == 0:
            return how, "; ".join(whys)
        said = (probe.stderr.strip().splitlines() or [f"exit {probe.returncode}"])[-1]
        whys.append(f"{how}: {said}")
    return "rlimits", "; ".join(whys)


def wrap(argv, limits, writable=(), readable=(), cwd=None, unprivileged=False):
    """`argv` run sandboxed (see the module comment), in `cwd`, seeing the
    system and the `writable` and `readable` folders (which must exist; a
    (folder, place) pair: shown at that place, with bwrap only).  Start it
    with cwd=`cwd`: without bwrap, the command may not reach it by its path.
    unprivileged: as root, run it as SANDBOX_UID (builds: the process limit
    needs it).  Returns a Wrapped."""
    how, why = mechanism(unprivileged)
    return Wrapped(_argv(how, argv, limits, writable, readable, cwd, unprivileged), how, why)


def describe(unprivileged=True):
    """One line for the batch's console: the mechanism, or that the sandbox is off."""
    how, why = mechanism(unprivileged)
    if how == "rlimits":
        return f"WARNING: sandbox off, submissions run with limits only ({why})"
    if how == "unshare":
        return f"sandbox: unshare (no network, own pid namespace; files not hidden: {why})"
    return "sandbox: bwrap (no network, own namespaces, read-only system, limits)"


def _arg_dirs(argv):
    """Folders of the files a command line names outside /usr (the QEMU
    stand-in's script, an OVMF image elsewhere): it must read them."""
    dirs = {str(Path(a).parent) for a in argv if a.startswith("/") and os.path.isfile(a)}
    return sorted(d for d in dirs if d != "/usr" and not d.startswith("/usr/"))


def for_machine(limits):
    """Machine's argv wrapper (batch grading): QEMU sees its ESP copy
    (`workdir`, writable) and the files its command line names.  Its
    address space is limits.memory_mb on top of the guest's memory (`-m`):
    a test's 4 GiB machine needs 4 GiB more than the usual 96 MiB one."""

    def wrapper(argv, workdir):
        mine = replace(limits, memory_mb=limits.memory_mb and
                       limits.memory_mb + guest_memory_mb(argv))
        return wrap(argv, mine, writable=[workdir], readable=_arg_dirs(argv), cwd=workdir).argv

    return wrapper


def guest_memory_mb(argv):
    """MB of guest memory QEMU's argv asks for: its last `-m` (`96M`, `4G`,
    `size=4G`, a plain number of MB), else QEMU's default of 128."""
    sizes = [argv[i + 1] for i, arg in enumerate(argv[:-1]) if arg == "-m"]
    if not sizes:
        return 128
    size = sizes[-1].split(",")[0].removeprefix("size=").upper()
    unit = {"K": 1 / 1024, "M": 1, "G": 1024, "T": 1024 * 1024}.get(size[-1:], None)
    return int(float(size[:-1] if unit else size) * (unit or 1))
