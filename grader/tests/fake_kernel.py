"""The fake console's kernel after init: processes, frames and files.

fake_qemu.py --shell plays a whole YSOS: this module is the part the
shell reaches through syscalls.  It keeps a process table and a count of
frames in use, prints the `ps` table in the SPEC's exact format, spawns
programs found in the ESP folder (QEMU would serve it as the FAT disk),
kills faulting programs with a `[WARN ]` line and recycles their frames
(with the lab 0x07 `[DEBUG] Recycled ...` line).  The numbers are made up
but consistent, so the grader's before/after comparisons mean something.
Broken behaviours (--break, see fake_qemu.BREAKS) are switched on by name.
"""
import os
import select
import struct
import threading
import time

PAGE = 4096
TOTAL_FRAMES = 11358  # 44.37 MiB managed, as in the SPEC transcript
IDLE_FRAMES = 277  # 1.08 MiB in use with only the kernel and the shell
KERNEL_MEMORY = 2 * 1024 * 1024
PAGE_TABLE_FRAMES = 4  # P4 + one P3/P2/P1 chain for a new process
CODE_PAGES = 9
HEAP_START = 0x200000000000
HEAP_END = HEAP_START + (4 << 30) - 8
LEVELS = ["error", "warn", "info", "debug", "trace"]
FAULT_CODE = -11  # exit code of a process killed by a fault
KILLED_CODE = 0xDEAD  # exit code of a process ended by Kill or Ctrl-C
LS_STEP = 50  # rows of a listing between two looks for Ctrl-C (5 ms each)
CTRL_C = b"\x03"


class Console:
    """The serial port: whole writes under a lock (background processes
    print from their own thread), raw bytes in.  A byte looked at while a
    program runs (poll_byte) and given back (unread) is read again next."""

    def __init__(self):
        self._lock = threading.Lock()
        self._unread = []

    def write(self, text):
        with self._lock:
            os.write(1, text.replace("\n", "\r\n").encode())

    def say(self, text=""):
        self.write(text + "\n")

    def read_byte(self):
        if self._unread:
            return self._unread.pop(0)
        data = os.read(0, 1)
        return data if data else None

    def poll_byte(self, timeout):
        """The next byte if one is typed within `timeout` seconds, else None."""
        if self._unread:
            return self._unread.pop(0)
        ready, _, _ = select.select([0], [], [], timeout)
        return (os.read(0, 1) or None) if ready else None

    def unread(self, byte):
        self._unread.append(byte)

    def ctrl_c_typed(self, timeout):
        """Was Ctrl-C typed (within `timeout` s)?  Other keys stay to be read."""
        byte = self.poll_byte(timeout)
        if byte is not None and byte != CTRL_C:
            self.unread(byte)
        return byte == CTRL_C


class Proc:
    def __init__(self, pid, ppid, name, code_pages=CODE_PAGES):
        self.pid, self.ppid, self.name = pid, ppid, name
        self.status = "Ready"
        self.code_pages, self.stack_pages, self.heap_bytes = code_pages, 1, 0
        self.frames = code_pages + 1 + PAGE_TABLE_FRAMES
        self.born = 0  # the kernel's tick count when it was created
        self.killed = False  # `kill PID` of a background program (it ends at its next step)

    def memory(self):
        return (self.code_pages + self.stack_pages) * PAGE + self.heap_bytes


class Killed(Exception):
    """Raised through a program when the kernel kills it."""

    def __init__(self, code):
        super().__init__(code)
        self.code = code


def size_scale(value, units=("B", "KiB", "MiB", "GiB")):
    unit = 0
    while value >= 1024 and unit < len(units) - 1:
        value /= 1024
        unit += 1
    return value, units[unit]


def short_name(name):
    """The FAT 8.3 alias VFAT gives a long name (no collisions here)."""
    base, dot, ext = name.upper().rpartition(".") if "." in name else (name.upper(), "", "")
    if len(base) <= 8 and len(ext) <= 3:
        return name.upper()
    return base[:6] + "~1" + (dot + ext[:3] if dot else "")


FREE_MEMORY = 50 << 20
FREEZE_SECONDS = 1.5  # how long a broken kernel keeps the CPU for one huge request


def elf_memory(path):
    """Bytes the PT_LOAD segments of the ELF at `path` need (0 if it has none)."""
    with open(path, "rb") as f:
        data = f.read(4096)
    if len(data) < 64:
        return 0
    phoff, = struct.unpack_from("<Q", data, 32)
    phnum, = struct.unpack_from("<H", data, 56)
    total = 0
    for i in range(phnum):
        off = phoff + 56 * i
        if off + 56 <= len(data) and struct.unpack_from("<I", data, off)[0] == 1:
            total += struct.unpack_from("<Q", data, off + 40)[0]
    return total


class Kernel:
    def __init__(self, esp, conf, breaks, console, damage=None):
        self.esp, self.breaks, self.console = esp, set(breaks), console
        self.damage = damage or {}  # path -> (kind, reason), see fake_fat.py
        self.level = LEVELS.index(conf.get("log_level", "info")) + 1
        self.used = IDLE_FRAMES
        self.recycled = 0
        self.next_pid = 3
        self.tick = 23458  # advanced by every Stat: time passes between commands
        self.lock = threading.RLock()
        self.procs = {1: Proc(1, 0, "idle" if "kernel-row-name" in breaks else "kernel", 0),
                      2: Proc(2, 1, "shell")}
        self.procs[1].frames = 0
        self.procs[2].status = "Running"
        self.runs = {}  # program name -> times spawned
        self.cpu = threading.Lock()  # held while the kernel keeps the CPU (freeze)
        self.pause_ms = 0  # longest freeze since the heartbeat last looked

    def freeze(self, seconds):
        """A broken kernel doing one long request with interrupts off."""
        with self.cpu:
            time.sleep(seconds)
            self.pause_ms = max(self.pause_ms, int(seconds * 1000))

    def take_pause(self):
        """The longest freeze since the last call (the heartbeat's report)."""
        with self.cpu:
            pause, self.pause_ms = self.pause_ms, 0
            return pause

    def broken(self, name):
        return name in self.breaks

    def log(self, level, text):
        if LEVELS.index(level) < self.level:
            self.console.say(f"[{level.upper():<5}] {text}")

    def panic(self, text):
        self.console.say(f"[PANIC] proc/fake.c:1: {text}")
        while True:
            time.sleep(3600)

    # ---- the process table -------------------------------------------------

    def ticks(self, proc):
        if self.broken("frozen-ticks"):
            return 1000
        return self.tick - proc.born

    def running(self):
        """`0: pid` of the running process, or nothing."""
        pids = [f"0: {p.pid}" for p in self.procs.values() if p.status == "Running"]
        return ", ".join(pids)

    def stat(self):
        """The Stat syscall: the table from the header on (SPEC section 7)."""
        with self.lock:
            self.tick += 37
            out = ["  PID | PPID | Process Name |  Ticks  |   Memory  | Status"]
            for p in sorted(self.procs.values(), key=lambda p: p.pid):
                mem = KERNEL_MEMORY if p.pid == 1 else p.memory()
                if self.broken("no-code-usage"):  # code pages left out of the rows
                    mem = 9 * PAGE if p.pid == 1 else mem - p.code_pages * PAGE
                value, unit = size_scale(mem)
                row = " #%3d | #%3d | %-12s | %7d | %5.1f %s | %s"
                if self.broken("ps-format"):
                    row = " #%d | #%d | %s | %d | %.1f %s | %s"
                out.append(row % (p.pid, p.ppid, p.name, self.ticks(p), value, unit, p.status))
            used, used_unit = size_scale(self.used * PAGE)
            total, total_unit = size_scale(TOTAL_FRAMES * PAGE)
            percent = 100 * self.used / TOTAL_FRAMES + (1 if self.broken("percent-wrong") else 0)
            if not self.broken("no-kernel-heap"):
                out.append("Kernel : 134.05 KiB / 136.00 KiB (98.56%)")
            out.append("%-6s : %6.2f %3s / %6.2f %3s (%5.2f%%)"
                       % ("Memory", used, used_unit, total, total_unit, percent))
            ready = [p.pid for p in self.procs.values() if p.status == "Ready"]
            queue = [] if self.broken("queue-wrong") else ready
            out.append("Queue  : [" + ", ".join(map(str, queue)) + "]")
            out.append(f"CPUs   : [{self.running()}]")
            self.console.write("\n".join(out) + "\n")

    def alloc(self, proc, frames):
        """Give `proc` more frames; False when memory is full."""
        with self.lock:
            if self.used + frames > TOTAL_FRAMES:
                return False
            self.used += frames
            proc.frames += frames
            return True

    def free(self, proc, frames):
        with self.lock:
            self.used -= frames
            proc.frames -= frames

    # ---- spawn, exit, kill -------------------------------------------------

    def fork(self, parent):
        """A VFork child of `parent` (shares its code and heap): a new Proc."""
        with self.lock:
            child = Proc(self.next_pid, parent.pid, parent.name, code_pages=0)
            child.frames = 1 + PAGE_TABLE_FRAMES  # its stack and page-table pages
            child.born = self.tick
            self.next_pid += 1
            self.procs[child.pid] = child
            self.used += child.frames
        return child

    def spawn(self, path, parent):
        """Start the program at absolute `path`: (Proc, program name) or None."""
        entry = self.lookup(path)
        if entry is None or os.path.isdir(entry):
            self.log("debug", f"spawn {path}: not found")
            return None
        with open(entry, "rb") as f:
            magic = f.read(4)
        if magic != b"\x7fELF":
            self.log("warn", f"spawn {path}: not an ELF file")
            if self.broken("run-text-leak"):
                self.used += 3
            return None
        if elf_memory(entry) > FREE_MEMORY:
            if self.broken("elf-map-all"):
                self.freeze(FREEZE_SECONDS)  # maps all free memory, then rolls back
            self.log("warn", f"Cannot spawn {path}: out of memory")
            return None
        if self.broken("pid-limit") and self.next_pid > 100:
            self.log("warn", "out of pids")
            return None
        name = os.path.basename(entry).lower()
        shown = path.rsplit("/", 1)[-1].lower()
        with self.lock:
            code = -(-elf_memory(entry) // PAGE)  # a stand-in without PT_LOAD: 0
            proc = Proc(self.next_pid, parent.pid, shown, code_pages=max(CODE_PAGES, code))
            proc.born = self.tick
            self.next_pid += 1
            self.procs[proc.pid] = proc
            self.used += proc.frames
            self.runs[name] = self.runs.get(name, 0) + 1
        return proc, name

    def schedule(self, proc):
        """`proc` runs; its parent waits (Blocked)."""
        with self.lock:
            for p in self.procs.values():
                if p.status == "Running":
                    p.status = "Blocked" if p.pid != 1 else "Ready"
            proc.status = "Running"

    def exit(self, proc, leak=0):
        """Free the process's frames (all but `leak`), drop it from the table."""
        with self.lock:
            freed = proc.frames - leak
            self.used -= freed
            self.recycled += freed
            del self.procs[proc.pid]
            parent = self.procs.get(proc.ppid)
            if parent is not None and parent.status == "Blocked":
                parent.status = "Running"
        if not self.broken("no-recycled"):
            mib = freed * 4 / 1024 + (1 if self.broken("recycled-math") else 0)
            self.log("debug", f"Recycled {freed}({mib:.3f} MiB) frames, "
                     f"{self.recycled}({self.recycled * 4 / 1024:.3f} MiB) frames in total.")

    def fault(self, proc, what):
        """A fault in user mode: the process is killed (unless broken)."""
        if self.broken("crash-panic"):
            self.panic(f"user fault in kernel mode: {what}")
        self.log("warn", f"Process #{proc.pid} ({proc.name}) killed: {what} (rip 0x111100001234)")
        raise Killed(0xDEAD if self.broken("crash-positive") else FAULT_CODE)

    # ---- files ---------------------------------------------------------------

    def damaged(self, path):
        """(kind, reason) of the first damaged part of `path`, or None."""
        parts = [p for p in path.upper().split("/") if p]
        for i in range(1, len(parts) + 1):
            found = self.damage.get("/" + "/".join(parts[:i]))
            if found and not (found[0] == "dir-loop" and i < len(parts)):
                return found
        return None

    def corrupt(self, path, why):
        """The one line about damage on the disk; True if the call must fail."""
        if not self.broken("corrupt-silent"):
            self.log("warn", f"corrupt file system: '{path}': {why}")
        return True

    def lookup(self, path):
        """The ESP file or folder at absolute `path` (long or 8.3 names,
        any case), or None."""
        here = self.esp
        for part in [p for p in path.split("/") if p]:
            if not os.path.isdir(here):
                return None
            match = None
            for name in sorted(os.listdir(here)):
                typed = part if self.broken("case-sensitive") else part.upper()
                same = typed in (name, name.upper())
                alias = not self.broken("no-short-names") and typed == short_name(name)
                if same or alias:
                    match = os.path.join(here, name)
                    break
            if match is None:
                return None
            here = match
        return here

    def list_dir(self, path, stop=None):
        """ListDir: the listing; stop() is asked every LS_STEP rows and ends
        it early (Ctrl-C).  True when it was stopped."""
        damage = self.damaged(path)
        if damage and damage[0] == "bad-entry" and self.broken("zero-is-root"):
            path, damage = "/", None
        if damage and damage[0] != "dir-loop":
            self.corrupt(path, damage[1])
            return False
        folder = self.lookup(path)
        if folder is None or not os.path.isdir(folder):
            self.log("warn", f"list_dir {path}: not a directory")
            return False
        self.console.say("  Size | Last Modified       | Name")
        if self.broken("ls-empty"):  # a list_app stub: the header, no rows
            return False
        for i, name in enumerate(sorted(os.listdir(folder))):
            if stop is not None and i % LS_STEP == 0 and stop():
                return True
            full = os.path.join(folder, name)
            size = os.path.getsize(full) if os.path.isfile(full) else 0
            if self.broken("ls-size"):
                size += 2048
            value, unit = size_scale(size, ("B", "K", "M", "G"))
            slash = "/" if os.path.isdir(full) else ""
            self.console.say(f"{value:5.1f}{unit} | 2024/05/01 12:00:00 | {name}{slash}")
        if damage:  # a looping directory: its entries once, then the damage
            if self.broken("fat-loop-endless"):
                for _ in range(50):
                    for name in sorted(os.listdir(folder)):
                        self.console.say(f"  0.0B | 2024/05/01 12:00:00 | {name}")
            self.corrupt(path, damage[1])
        return False

    def read_file(self, path):
        """The bytes of the file at `path`, or None."""
        damage = self.damaged(path)
        if damage and damage[0] == "bad-entry" and self.broken("zero-is-root"):
            path, damage = "/" + path.rstrip("/").rsplit("/", 1)[-1], None
        if damage:
            self.corrupt(path, damage[1])
            return None
        entry = self.lookup(path)
        if entry is None or not os.path.isfile(entry):
            return None
        with open(entry, "rb") as f:
            return f.read()
