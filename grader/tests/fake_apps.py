"""The fake console's user programs: what each app in pkg/app prints
(docs/userland.md), with the memory it would use, as generators.

A program is `def app(ctx)`: it prints through ctx, and `line = yield SIZE`
reads a line from the console (SIZE = its buffer; None at Ctrl-D);
`key = yield KEY` reads one character as one stdin Read returns it;
`yield RUNNING` runs a while without reading (a foreground program may then
be ended by Ctrl-C).  It returns its exit code, or the kernel kills it
(ctx.fault raises Killed).
Broken behaviours are checked with ctx.broken("name").
"""
import random
import time

from fake_kernel import FREEZE_SECONDS, HEAP_END, HEAP_START, PAGE

KEY = "key"
RUNNING = "running"
MOD = 1000000007
HEARTBEAT_S = 0.5
MUTEX_AWAY = 0.25  # seconds the mother is away (the real app: 1.5 s)
CRASH_FAULTS = {
    "null": "page fault at 0x0", "write_text": "page fault at 0x111100001000",
    "exec_data": "page fault at 0x111100004000", "kernel_read": "page fault at 0xffff800000000000",
    "cli": "general protection fault", "hlt": "general protection fault",
    "io": "general protection fault", "div0": "divide error", "ud2": "invalid opcode",
    "int3": "breakpoint", "stack_overflow": "page fault at 0x3ffefffffff8",
}


class Context:
    """What a program can do: print, read (via yield), use memory, fault."""

    def __init__(self, kernel, proc, console, editor):
        self.kernel, self.proc, self.console, self.editor = kernel, proc, console, editor
        self.leaked = 0  # frames the kernel will not get back (broken kernels)
        self.keep = False  # a background process that never leaves the table
        self.children = []  # forked children still alive (Procs)
        self.blocked = False  # waits on a semaphore or a child, not on the console
        self.brk = HEAP_START

    def say(self, text=""):
        self.console.say(text)

    def write(self, text):
        self.console.write(text)

    def broken(self, name):
        return self.kernel.broken(name)

    def runs(self, name):
        return self.kernel.runs.get(name, 0)

    def stat(self):
        self.kernel.stat()

    def grow_stack(self, pages):
        if self.kernel.alloc(self.proc, pages):
            self.proc.stack_pages += pages

    def fault(self, what):
        self.kernel.fault(self.proc, what)

    def fork(self):
        child = self.kernel.fork(self.proc)
        self.children.append(child)
        return child

    def set_brk(self, addr):
        """The Brk syscall: the new break, or None."""
        if addr == 0:
            return self.brk
        if not HEAP_START <= addr <= HEAP_END and not self.broken("brk-no-range-check"):
            return None
        old_pages = -(-(self.brk - HEAP_START) // PAGE)
        new_pages = -(-(max(addr, HEAP_START) - HEAP_START) // PAGE)
        if addr < self.brk and self.broken("brk-shrink-fails"):
            return None
        if new_pages > old_pages and not self.kernel.alloc(self.proc, new_pages - old_pages):
            return None
        if new_pages < old_pages:
            self.kernel.free(self.proc, old_pages - new_pages)
        self.brk = addr
        self.proc.heap_bytes = max(addr - HEAP_START, 0)
        return addr


def hello(ctx):
    ctx.say("Hello, world!!!")
    ctx.say("Now at: 2024-05-01 12:00:00.000000000 UTC")
    ctx.grow_stack(8)
    ctx.say("Huge stack testing...")
    for i in range(16):
        ctx.say(f"0x{i * 256:03x} == 0x{i * 256:03x}")
    ctx.say("Exiting...")
    return 0 if ctx.broken("hello-exit-0") else 233
    yield  # a generator that never reads


def factorial(ctx):
    ctx.write("Input n: ")
    line = yield 32
    if line is None or not line.isdigit():
        ctx.say(f"Invalid input: '{line}' is not a number")
        return 1
    n = int(line)
    if n > 1000000:
        ctx.say("n must be less than 1_000_000")
        return 1
    ctx.say("Before calculating factorial:")
    if ctx.broken("child-not-running"):
        ctx.proc.status = "Ready"
    ctx.stat()
    ctx.proc.status = "Running"
    if not ctx.broken("fact-small-peak"):
        ctx.grow_stack(n * 16 // PAGE)
    if n > 100000 and ctx.broken("fact-leak"):
        ctx.leaked = 16
    result = 1
    for i in range(2, n + 1):
        result = result * i % MOD
    ctx.say("After calculating factorial:")
    ctx.stat()
    ctx.say(f"The factorial of {n} under modulo {MOD} is {result}.")
    return 0


def fork_test(ctx):
    ctx.say("I am the parent process")
    ctx.stat()
    ctx.say("Waiting for child to exit...")
    ctx.say("I am the child process")
    ctx.say("child read value of M: 0xdeadbeef")
    ctx.say("child changed the value of M: 0x2333")
    ctx.say("Child exited with status 64")
    ctx.say("parent read value of M: 0x2333")
    return 0 if ctx.broken("fork-exit") else 1056
    yield


def children(ctx, count):
    """Pids the program's forked children would get."""
    first = ctx.proc.pid + 1
    return list(range(first, first + count))


def counter(ctx):
    pids = children(ctx, 8)
    me = ctx.proc.pid
    ctx.say(f"process #{me} holds threads: [{', '.join(map(str, pids))}]")
    ctx.stat()
    for pid in pids:
        ctx.say(f"#{me} Waiting for #{pid}...")
    lost = 1 if ctx.broken("counter-race") and ctx.runs("counter") == 3 else 0
    if ctx.broken("leak-slow"):
        ctx.leaked = 1
    ctx.say(f"COUNTER result: {800 - lost}")
    return 0
    yield


def mq(ctx):
    rng = random.Random(ctx.proc.pid)
    pids = children(ctx, 16)
    ctx.say(f"#{ctx.proc.pid} holds threads: [{', '.join(map(str, pids))}]")
    todo = {i: 10 for i in range(16)}
    if ctx.broken("mq-lost-item"):
        todo[1] = 9
    count = 0
    while any(todo.values()):
        can = [i for i, left in todo.items() if left and (count < 16 if i % 2 == 0 else count > 0)]
        if not can:
            break
        i = rng.choice(can)
        todo[i] -= 1
        count += 1 if i % 2 == 0 else -1
        verb = "Produced" if i % 2 == 0 else "Consumed"
        ctx.say(f"{verb} by #{i:<3}({pids[i]:<3}) count={count}")
    ctx.say(f"Final count: {count}")
    return 0 if count == 0 else 1
    yield


def dinner(ctx):
    meals = [100] * 5
    if ctx.broken("dinner-short"):
        meals[4] = 99
    pids = children(ctx, 5)
    for meal in range(100):
        for i in range(5):
            if meal < meals[i]:
                ctx.say(f"philosopher #{i} ({pids[i]}) is thinking...")
                ctx.say(f"philosopher #{i} ({pids[i]}) is eating...")
    for i in range(5):
        ctx.say(f"philosopher #{i} ate {meals[i]} meals")
    ctx.say(f"Total meals: {sum(meals)}")
    return 0 if sum(meals) == 500 else 1
    yield


def mutex(ctx):
    for kind in ("SPIN", "SEMA"):
        boy_first = kind == "SPIN" and ctx.broken("mutex-broken")
        ctx.say(f"Mother - {kind} : Start to make cheese burger, there are 0 cheese burger now")
        ctx.say(f"Mother - {kind} : Oh, I have to hang clothes out.")
        time.sleep(MUTEX_AWAY)
        if boy_first:
            ctx.say(f"Boy    - {kind} : Look what I found!")
        ctx.say(f"Mother - {kind} : Oh, Jesus! There are 10 cheese burgers")
        if not boy_first:
            ctx.say(f"Boy    - {kind} : Look what I found!")
    return 0
    yield


def brk(ctx):
    ctx.say("Welcome to Brk Test!")
    while True:
        ctx.write("$ ")
        line = yield 128
        words = (line or "exit").split()
        if not words:
            continue
        if words[0] == "exit":
            return 0
        if words[0] == "cur":
            ctx.say(f"Current brk addr: 0x{ctx.set_brk(0):x}")
        elif words[0] == "brk" and len(words) == 2:
            addr = int(words[1], 0)
            new = ctx.set_brk(addr)
            ctx.say(f"Brk to 0x{addr:x} failed" if new is None else
                    f"Brk to 0x{addr:x} success, new brk addr: 0x{new:x}")
            ctx.stat()
        else:
            ctx.say(f"Unknown command: {words[0]}")


def brk_test(ctx):
    ctx.say("🚀 开始测试 brk 系统调用...")
    start = ctx.set_brk(0)
    ctx.set_brk(start + 4096)
    ctx.say("✅ 数据写入和读取测试通过!")
    if ctx.set_brk(start + 2048) is None:
        ctx.say("❌ 堆缩小失败!")
        return 1
    ctx.say("🎉 所有测试通过! brk 系统调用工作正常!")
    return 0
    yield


def brk_alloc_test(ctx):
    ctx.say("🚀 开始测试 brk_alloc 内存分配器...")
    start = ctx.set_brk(0)
    ctx.set_brk(start + (1 << 20) + 8192)
    if ctx.set_brk(start) is None:
        ctx.say("❌ 释放后堆没有收缩!")
        return 1
    ctx.say("🔴 所有 brk_alloc 分配器测试通过！")
    return 0
    yield


def crash(ctx):
    ctx.write("Crash case: ")
    case = yield 32
    if case == "ok":
        ctx.say("crash: ok (no fault)")
        return 0
    if case not in CRASH_FAULTS:
        ctx.say(f"Unknown case '{case}'. Cases: {' '.join(CRASH_FAULTS)} ok")
        return 2
    ctx.say(f"crash: {case}")
    if ctx.broken("crash-leak"):
        ctx.leaked = 2
    if case == "int3" and ctx.broken("survive-int3"):
        ctx.say(f"crash: survived '{case}'")
        return 1
    ctx.fault(CRASH_FAULTS[case])


def alloc_until_null(ctx):
    block = 16  # pages (64 KiB)
    blocks = 0
    while ctx.set_brk(ctx.brk + block * PAGE) is not None:
        blocks += 1
    if ctx.broken("oom-panic"):
        ctx.kernel.panic("out of frames")
    ctx.say(f"alloc_until_null: NULL after {blocks} blocks ({blocks * 64} KiB)")
    ctx.set_brk(HEAP_START)
    ctx.say(f"alloc_until_null: freed {blocks} blocks")
    return 0
    yield


def syscall_fuzz(ctx):
    ctx.write("Seed: ")
    words = ((yield 64) or "").split()
    seed, calls = int(words[0]), int(words[1]) if len(words) > 1 else 10000
    ctx.say(f"syscall_fuzz: seed {seed}, {calls} calls")
    if ctx.broken("fuzz-panic"):
        ctx.kernel.panic("page fault in kernel mode at 0x0 (syscall Read)")
    for done in range(1000, calls + 1, 1000):
        ctx.say(f"syscall_fuzz: {done} calls")
    violations = 3 if ctx.broken("fuzz-violation") else 0
    ctx.say(f"syscall_fuzz: done, {calls} calls, {violations} contract violations")
    return 1 if violations else 0


PROC_CHILDREN = 125  # PROC_MAX 128 minus the kernel, the shell and proc_test
ZOMBIES_KEPT_BROKEN = 64  # the old zombie table


def proc_test(ctx):
    ctx.write("Case: ")
    words = ((yield 64) or "").split()
    case = words[0] if words else ""
    lost = ctx.broken("zombie-limit")
    posix = not ctx.broken("posix-errno")
    if case == "zombies":
        n = int(words[1])
        kept = min(n, ZOMBIES_KEPT_BROKEN) if lost else n
        ctx.say(f"proc_test: zombies: {kept}/{n} codes right")
        return 0 if kept == n else 1
    n = PROC_CHILDREN
    right = min(n, ZOMBIES_KEPT_BROKEN) if lost else n
    if case == "forkbomb":
        ret, err = (-1, "EAGAIN") if posix else (65535, "errno 0")
        ctx.say(f"proc_test: forkbomb: {n} children, fork {ret} ({err}), {right}/{n} codes right")
        return 0 if right == n and posix else 1
    if case == "spawnkill":
        ctx.say(f"proc_test: spawnkill: {n} children, {right}/{n} codes 0xdead")
        return 0 if right == n else 1
    if case == "errno":
        reaped = ctx.proc.pid + n + 1
        lines = (("fork at the limit", "-1 EAGAIN", "65535 errno 0"),
                 ("spawn at the limit", "-1 EAGAIN", "-1 EAGAIN"),
                 ("spawn of a missing program", "-1 ENOENT", "-1 ENOENT"),
                 ("waitpid of a reaped child", "-1 ECHILD", f"{reaped} errno 0"),
                 ("kill of a reaped child", "-1 ESRCH", "0 errno 0"))
        for what, right_result, broken_result in lines:
            ctx.say(f"proc_test: {what}: {right_result if posix else broken_result}")
        return 0 if posix else 1
    ctx.say(f"proc_test: unknown case '{case}'. Cases: zombies N, forkbomb, spawnkill, errno")
    return 2


def sem_test(ctx):
    wraps = ctx.broken("sem-wrap")
    checks = (("new at 2^64-1", 0, 0), ("signal at 2^64-1 refused", 0 if wraps else 1, 1),
              ("wait after it returned", 0 if wraps else 1, 1),
              ("signal back to 2^64-1", 0, 0), ("signal above 2^64-1 refused", 0 if wraps else 1, 1),
              ("remove", 0, 0))
    problems = 0
    for what, got, want in checks:
        ctx.say(f"sem_test: {what}: {got} (want {want})")
        problems += got != want
    ctx.say("sem_test: 5000 keys tried, 16 made")
    for what, got, want in (("some keys made", 1, 1), ("keys removed = keys made", 16, 16),
                            ("wait on a missing key", 1, 1), ("signal on a missing key", 1, 1)):
        ctx.say(f"sem_test: {what}: {got} (want {want})")
    ctx.say(f"sem_test: done, {problems} problems")
    return 1 if problems else 0
    yield


class AllocateRegion:
    """The kernel's Allocate region in 4 KiB blocks: who holds each and
    whether it still has an earlier program's bytes in it."""

    BLOCKS = 256

    def __init__(self):
        self.owner = {}  # block -> pid
        self.dirty = set()  # blocks with data left behind

    def take_all(self, ctx):
        """Every free block for ctx's process: (count, bytes not zero)."""
        mine = [b for b in range(self.BLOCKS) if b not in self.owner]
        dirty = sum(PAGE for b in mine if b in self.dirty and ctx.broken("alloc-dirty"))
        for b in mine:
            self.owner[b] = ctx.proc.pid
            self.dirty.add(b)
        return mine, dirty

    def give_back(self, blocks):
        for b in blocks:
            del self.owner[b]

    def owner_gone(self, ctx):
        if not ctx.broken("alloc-leak"):
            self.give_back([b for b, pid in self.owner.items() if pid == ctx.proc.pid])


def region(ctx):
    if not hasattr(ctx.kernel, "allocate_region"):
        ctx.kernel.allocate_region = AllocateRegion()
    return ctx.kernel.allocate_region


def alloc_all(ctx):
    heap = region(ctx)
    mine, dirty = heap.take_all(ctx)
    heap.give_back(mine[::2])
    ctx.say(f"alloc_all: {len(mine)} blocks of {PAGE} bytes, {dirty} bytes not zero, "
            f"{len(mine[::2])} given back")
    heap.owner_gone(ctx)
    return 0
    yield


def alloc_hold(ctx):
    heap = region(ctx)
    mine, _ = heap.take_all(ctx)
    ctx.say(f"alloc_hold: holding {len(mine)} blocks of {PAGE} bytes")
    while not ctx.proc.killed:
        time.sleep(0.02)
        yield None
    heap.owner_gone(ctx)
    return 0xDEAD


def yslib_read_line(ctx):
    """yslib's Stdin::read_line over one-character Reads (pkg/app/rustabi)."""
    line = []
    while True:
        key = yield KEY
        if key == "\n":
            ctx.write("\n")
            break
        if key == "\x03":
            line = []
            break
        if key == "\x04":
            line = ["\x04"]
            break
        if key == "\x08":
            if line:
                ctx.write("\b" if ctx.broken("bs-not-erased") else "\b \b")
                line.pop()
        elif ord(key) >= 0x20:
            ctx.write(key)
            line.append(key)
    return "".join(line)


def rustabi(ctx):
    while True:
        ctx.write("rustabi> ")
        line = yield from yslib_read_line(ctx)
        if line == "\x04":
            ctx.say("EOF")
            return 0
        if line == "quit":
            return 0
        if line == "alloc":
            ok = not ctx.broken("layout-size-align")
            for size, align in ((24, 8), (100, 16), (4000, 4096)):
                ctx.say(f"alloc {size}@{align}: {'ok' if ok else 'FAILED'}")
            ctx.say("alloc bad layouts: refused")
            ctx.say(f"alloc {'passed' if ok else 'failed'}")
        else:
            shown = "".join(c if ord(c) >= 0x20 else f"\\x{ord(c):02x}" for c in line)
            ctx.say(f"line [{shown}] {len(line)} chars")


def heartbeat(ctx):
    """Reports the kernel's longest freeze every half second until killed."""
    ctx.say("heartbeat: started")
    steps = 0
    while not ctx.proc.killed:
        time.sleep(HEARTBEAT_S / 10)
        steps += 1
        if steps % 10 == 0:
            ctx.say(f"heartbeat: longest pause {ctx.kernel.take_pause()} ms")
        yield None
    return 0xDEAD


def hog(ctx):
    ctx.write("Hog case: ")
    case = yield 32
    ctx.say(f"hog: {case}")
    if case == "stack3g":  # the grader gives this machine 4 GiB: the stack fits
        if ctx.broken("stack-grow-all"):
            ctx.kernel.freeze(FREEZE_SECONDS)
        ctx.say("hog: the write 3 GiB down succeeded")
        return 0
    if case != "write4m":
        return 2
    if ctx.broken("write-one-piece"):
        ctx.kernel.freeze(FREEZE_SECONDS)
    else:
        time.sleep(FREEZE_SECONDS)  # the Write goes out in pieces while others run
    ctx.say("hog: wrote 4194304 bytes")
    return 0


def spin(ctx):
    """pkg/app/spin: reads a case, then never reads again nor ends by itself."""
    while True:
        ctx.write("Case: ")
        case = yield 32
        if case is None:
            return 0
        if case in ("loop", "sem"):
            ctx.say(f"spin: {case}")
            break
        if case == "wait":
            ctx.say(f"spin: wait for #{ctx.fork().pid}")
            break
        if case:
            ctx.say(f"Unknown case '{case}'. Cases: loop sem wait")
            return 2
    ctx.blocked = case != "loop"
    while True:
        yield RUNNING


APPS = {"hello": hello, "factorial": factorial, "fork_test": fork_test, "counter": counter,
        "mq": mq, "dinner": dinner, "mutex": mutex, "brk": brk, "brk_test": brk_test,
        "brk_alloc_test": brk_alloc_test, "crash": crash, "alloc_until_null": alloc_until_null,
        "syscall_fuzz": syscall_fuzz, "proc_test": proc_test, "sem_test": sem_test,
        "alloc_all": alloc_all, "alloc_hold": alloc_hold, "rustabi": rustabi,
        "heartbeat": heartbeat, "hog": hog, "spin": spin}
