"""The contract: lines the firmware, loader and kernel print that the grader
relies on.  Everything a check matches on is named here once, with where the
promise comes from, so a change of wording is a one-line change.

All patterns are applied to the cleaned serial log (escape codes and CR
removed, see ansi.py) with re.MULTILINE.  Output arrives in pieces, so a
pattern that ends in a value the check reads or compares ends with EOL:
"level: inf" must not match before the "o" arrives.
"""
import re

from grader.settings import config_script

# End of the line, once the newline has arrived ($ would match the end of a
# partly received line).
EOL = r"[ \t]*(?=\n)"

# OVMF prints this line each time it hands control to a boot entry.  It is
# seen once per boot; a second one means the machine reset (triple fault) or
# the loader returned to the firmware.
FIRMWARE_START = re.compile(r"^BdsDxe: starting Boot", re.M)

# The loader's first line (ours and the Rust loader's): a second one without
# a second firmware line is a reset loop too.
LOADER_START = re.compile(r"^\[INFO \] Running UEFI bootloader", re.M)

# Panics: ours is "[PANIC] file:line: message" (kernel-interfaces.md); the
# Rust lab prints "panicked at".  Either ends the machine's useful life.
PANIC = re.compile(r"\[PANIC\]|panicked", re.M)

# The kernel's ASCII banner (Rust utils/mod.rs get_ascii_header), printed
# before logging starts, so at every log level.  This is its bottom row.
KERNEL_BANNER = re.compile(r"^/_/\\__,_/\\__//____/", re.M)

# Last line of kernel init (SPEC section 7, lab guide 0x01).
INITIALIZED = re.compile(r"^\[INFO \] YatSenOS initialized\.", re.M)

# Lab 0x02: the kernel enabled interrupts (Rust ysos::init, before the line above).
INTERRUPTS_ENABLED = re.compile(r"^\[INFO \] Interrupts Enabled\." + EOL, re.M)

# End of init at ANY log level: a level-independent line the kernel prints
# after init (requested from the kernel owner), or the shell's greeting once
# the kernel starts the shell.
READY = re.compile(r"^(?:\[\+\] YatSenOS ready\.|欢迎使用YSOS Shell!)", re.M)

# "[INFO ] Logger Initialized with level: info" (kernel, after the banner).
LOGGER_LEVEL = re.compile(r"^\[INFO \] Logger Initialized with level: (\w+)" + EOL, re.M)

# Any log line of a given level, e.g. LOG_LINE["DEBUG"].
LOG_LINE = {
    level: re.compile(r"^\[" + re.escape(level) + r"\] ", re.M)
    for level in ("ERROR", "WARN ", "INFO ", "DEBUG", "TRACE")
}

# The kernel logs its timer rate at init (kcore brief: "document the Hz and
# log it"), e.g. "[INFO ] APIC timer: 100 Hz".
TIMER_RATE = re.compile(r"^\[INFO \] .*(?:timer|tick|clock).*?\b(\d+)\s*Hz\b", re.M | re.I)


def parse_logged(key, value):
    """The loader logs every boot.conf key it reads: `parse KEY = VALUE`."""
    return re.compile(r"parse " + re.escape(key) + r" = " + re.escape(value) + EOL, re.M)


def unknown_key(line, key):
    """Our loader's `boot.conf line N: unknown key 'KEY'`, or the Rust guide's
    `undefined config key: KEY` (crates/boot/src/config.rs), which a student
    following the guide writes."""
    key = re.escape(key)
    return re.compile(rf"boot\.conf line {line}: unknown key '{key}'|undefined config key: {key}\b",
                      re.M)


def bad_value(line, key, value, default):
    """`boot.conf line N: bad value 'V' for KEY, using default D`, maybe with
    ` (why)` after it (a value that is fine alone but clashes with another)."""
    return re.compile(
        rf"boot\.conf line {line}: bad value '{re.escape(value)}' for {re.escape(key)}, "
        rf"using default {re.escape(default)}(?: \(.+\))?" + EOL,
        re.M,
    )


# A loader or kernel log line tag: every one must start a line, however
# long the message before it was (a cut message keeps its line end).
LOG_TAG = re.compile(r"\[(?:ERROR|WARN |INFO |DEBUG|TRACE)\] ")


def cannot_load_kernel(path):
    """`[ERROR] cannot load kernel '\\KERNEL.ELF': REASON` (boot contract)."""
    return re.compile(r"^\[ERROR\] cannot load kernel '" + re.escape(path) + r"': \S", re.M)


# The Rust loader's defaults (crates/boot/src/config.rs, SPEC section 3), as
# the loader names them in "using default ...": kept once, in scripts/config.py,
# which checks config.toml's [boot] values against the same rules.
BOOT_DEFAULTS = config_script().BOOT_DEFAULTS


# ---- kernel lines from lab 0x03 on ------------------------------------------

# Lab 0x07 kernel stack auto-grow (report section 6): the init-time test and
# the page-fault handler's line for a fault on the kernel's own stack.
STACK_GROW_START = re.compile(r"^\[INFO \] Test stack grow\." + EOL, re.M)
STACK_GROW_DONE = re.compile(r"^\[INFO \] Stack grow test done\." + EOL, re.M)
KERNEL_STACK_FAULT = re.compile(r"^\[INFO \] Page fault on kernel at 0x[0-9a-fA-F]+" + EOL, re.M)

# Lab 0x07 clean-up, at log_level=debug (SPEC section 7):
# "Recycled N(x.xxx MiB) frames, M(y.yyy MiB) frames in total."
RECYCLED = re.compile(
    r"^\[DEBUG\] Recycled (\d+)\((\d+\.\d{3}) MiB\) frames, (\d+)\((\d+\.\d{3}) MiB\) frames "
    r"in total\." + EOL, re.M)


def process_killed(pid):
    """The one `[WARN ]` line of a process killed by a fault: it names the
    pid and says `killed` (wording is the kernel's, e.g. `Process #3 (crash)
    killed: page fault at 0x0 (rip ...)`)."""
    number = rf"(?<![0-9]){pid}(?![0-9])"
    return re.compile(rf"^\[WARN \] (?=.*{number}).*\bkilled\b.*$", re.M)


# The frame allocator's boot line with its metadata cost (memory/frames.c).
FRAME_BITMAP = re.compile(
    r"^\[INFO \] Frame Bitmap\s*: (\d+) bytes for (\d+) frames \((\d+\.\d+) bytes/frame" , re.M)

# ---- the kernel console (lab 0x02 用户交互, lab 0x03 kernel threads) -----------
# pkg/kernel/src/kconsole.c: the kernel's own console at stages 2 and 3, and
# at every later stage when the ESP has no APP/shell.  Its prompt is `> `
# (the Rust lab 3 main.rs prints `[>] `), at a line start or right after a
# test thread's `N => Tick!` (which ends without a newline).
KCONSOLE_PROMPT = re.compile(r"(?:^|(?<=Tick!))(?:\[>\]|>) ", re.M)
# What it answers to a line (lab 0x02: `You said: X`; the Rust lab 3: `[=] X`).
KCONSOLE_SAID = re.compile(r"^(?:You said: |\[=\] )(.*?)" + EOL, re.M)
# Lab 0x02: the timer interrupt's counter, printed after each line.
KCONSOLE_COUNTER = re.compile(r"^The counter value is (\d+)" + EOL, re.M)
# Lab 0x03 `test`: a kernel thread named `#N_test` prints `\r<id> => Tick!`
# again and again, without a newline (the carriage returns are gone here).
TICK = re.compile(r"(\d+) +=> Tick!")  # Rust `{:-6}`: the id padded to 6 columns
TEST_THREAD = re.compile(r"#\d+_test")
# Lab 0x03 `stack`: 16 lines `0x000 == 0x000` ... `0xf00 == 0xf00`.
STACK_LINE = re.compile(r"(0x[0-9a-f]{3}) == (0x[0-9a-f]{3})" + EOL, re.M)
# The kernel's warning when there is no shell to start (stage >= 4, no APP/shell).
NO_SHELL = re.compile(r"^\[WARN \] .*shell", re.M)


def prompt(text):
    """The shell's prompt (config.toml [grader] prompt)."""
    return re.compile(re.escape(text))


def shell_or_kconsole(text):
    """The shell's prompt (group `shell`) or the kernel console's, whichever
    comes first: a kernel that runs its console will not start the shell."""
    return re.compile(rf"(?P<shell>{re.escape(text)})|{KCONSOLE_PROMPT.pattern}", re.M)


# ---- the shell (SPEC section 7, docs/userland.md) ---------------------------

GREETING = re.compile(r"^欢迎使用YSOS Shell!" + EOL, re.M)
PS_TITLE = "当前运行的进程列表:"


# What the shell says to a line meant to be `run PATH`; group 1 is the PATH
# it understood (None: it did not understand a command at all).
RUN_STARTED_OR_UNKNOWN = re.compile(r"^(?:正在运行程序: (.*?)|未知命令: .*?)" + EOL, re.M)

# After RUN_STARTED_OR_UNKNOWN: the new pid, or why the program could not start.
RUN_PID_OR_ERROR = re.compile(r"^(?:进程ID: (\d+)|无法运行程序 '(.*)': (.*?))" + EOL, re.M)


def run_exited(path):
    """`程序 'PATH' 已退出, 返回值: N`; group 1 is the exit code."""
    return re.compile(r"^程序 '" + re.escape(path) + r"' 已退出, 返回值: (-?\d+)" + EOL, re.M)


def cannot_run(path):
    return re.compile(r"^无法运行程序 '" + re.escape(path) + r"': \S.*$", re.M)


def nohup_started(path):
    return re.compile(r"^程序 '" + re.escape(path) + r"' 已在后台运行, 进程ID: (\d+)" + EOL, re.M)


def unknown_command(word):
    return re.compile(r"^未知命令: '" + re.escape(word) + r"'\n输入 help 获取可用命令列表" + EOL,
                      re.M)


UNKNOWN_COMMAND = re.compile(r"^未知命令: ", re.M)
LINE_TOO_LONG = re.compile(r"^输入过长", re.M)
CTRL_C_ECHO = "^C"
# Ctrl-C that stopped something (docs/userland.md "Ctrl-C"): `^C` on a line
# of its own, printed by the kernel when it ends the foreground program, or
# by the shell when it stops its own `cat` or `ls`.  Anchored: `^C` may also
# be two printable bytes at the end of a `cat` row's text column.
CTRL_C_LINE = re.compile(r"^\^C" + EOL, re.M)
# Exit code of a program ended by Kill or Ctrl-C (SPEC section 5).
KILLED_EXIT = 0xDEAD


def cannot_open(path):
    return re.compile(r"^无法打开文件: " + re.escape(path) + EOL, re.M)


# The kernel's one line about a damaged FAT volume (a cluster chain that
# loops or leaves the volume, an entry pointing at cluster 0), e.g.
# `[WARN ] corrupt file system: '/LOOP': cluster chain loops back to cluster 793`.
CORRUPT_FS = re.compile(r"^.*\bcorrupt file system\b.*$", re.M)

# `cd` refused (docs/userland.md): `无法切换目录 'DIR': WHY`.
CD_REFUSED = re.compile(r"^无法切换目录 '(.*)': (\S.*?)" + EOL, re.M)

# `kill 1` refused by the shell (docs/userland.md): `无法终止进程 1: WHY`.
KILL_REFUSED = re.compile(r"^无法终止进程 (\d+): (\S.*?)" + EOL, re.M)


def sum_total(path):
    """`sum PATH`'s last line: `    > Read N bytes from PATH, CRC-32 XXXXXXXX.`"""
    return re.compile(r"^    > Read (\d+) bytes from " + re.escape(path) +
                      r", CRC-32 ([0-9a-f]{8})\." + EOL, re.M)


def cat_total(count, path):
    text = f"    > Read {count} bytes from {path}."
    return re.compile("^" + re.escape(text) + EOL, re.M)


# `ls` (Rust filesystem.rs): header, then "%5.1f%s | YYYY/MM/DD hh:mm:ss | NAME[/]".
LS_HEADER = re.compile(r"^  Size \| Last Modified       \| Name" + EOL, re.M)
# A row of `ls` in either form: `SIZE | NAME` (the programs the loader
# brought, lab 0x04's list_app) or LS_ROW's `SIZE | DATE TIME | NAME` (lab 0x06).
LISTED = re.compile(r"^ *\d+(?:\.\d[BKMG])? \| (?:[\d/: ]+ \| )?(?P<name>\S+?)/?[ \t]*$", re.M)
LS_ROW = re.compile(r"^(?P<size> *\d+\.\d)(?P<unit>[BKMG]) \| "
                    r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \| (?P<name>.+?)(?P<dir>/?)" + EOL, re.M)

# ---- the apps (docs/userland.md) --------------------------------------------

HELLO_EXIT = 233
HELLO_GREETING = re.compile(r"^Hello, world!!!" + EOL, re.M)
FORK_TEST_EXIT = 1056
FACTORIAL_PROMPT = re.compile(r"Input n: ")
FACTORIAL_MOD = 1000000007
FACTORIAL_BEFORE = "Before calculating factorial:"
FACTORIAL_AFTER = "After calculating factorial:"


def factorial_result(n, result):
    return re.compile(rf"^The factorial of {n} under modulo {FACTORIAL_MOD} is {result}\."
                      + EOL, re.M)


COUNTER_RESULT = re.compile(r"^COUNTER result: (\d+)" + EOL, re.M)
DINNER_TOTAL = re.compile(r"^Total meals: (\d+)" + EOL, re.M)
DINNER_ATE = re.compile(r"^philosopher #(\d+) ate (\d+) meals" + EOL, re.M)
DINNER_EATING = re.compile(r"^philosopher #(\d+) \(\d+\) is eating\.\.\." + EOL, re.M)
MQ_FINAL = re.compile(r"^Final count: (-?\d+)" + EOL, re.M)
MQ_PRODUCED = re.compile(r"^Produced by #(\d+)\s*\(\s*\d+\s*\) count=(-?\d+)" + EOL, re.M)
MQ_CONSUMED = re.compile(r"^Consumed by #(\d+)\s*\(\s*\d+\s*\) count=(-?\d+)" + EOL, re.M)
BRK_TEST_PASSED = re.compile(r"^🎉 所有测试通过! brk 系统调用工作正常!" + EOL, re.M)
BRK_ALLOC_PASSED = re.compile(r"^🔴 所有 brk_alloc 分配器测试通过！" + EOL, re.M)
BRK_PROMPT = re.compile(r"^\$ ", re.M)
BRK_CURRENT = re.compile(r"^Current brk addr: 0x([0-9a-f]+)" + EOL, re.M)
CRASH_PROMPT = re.compile(r"Crash case: ")


def crash_committed(case):
    return re.compile(r"^crash: " + re.escape(case) + EOL, re.M)


def brk_result(addr):
    """Group 1 is None on failure, the new break (hex) on success."""
    return re.compile(rf"^Brk to 0x{addr:x} (?:failed|success, new brk addr: 0x([0-9a-f]+))"
                      + EOL, re.M)


FUZZ_PROMPT = re.compile(r"Seed: ")
FUZZ_DONE = re.compile(r"^syscall_fuzz: done, (\d+) calls, (\d+) contract violations" + EOL, re.M)
ALLOC_GOT_NULL = re.compile(r"^alloc_until_null: NULL after (\d+) blocks \((\d+) KiB\)" + EOL, re.M)
ALLOC_FREED = re.compile(r"^alloc_until_null: freed (\d+) blocks" + EOL, re.M)

# Robustness of processes and the Allocate heap (docs/userland.md: proc_test,
# sem_test, alloc_all, alloc_hold).
PROC_TEST_PROMPT = re.compile(r"Case: ")
# spin (docs/userland.md): what it does once it has read its case.
SPIN_PROMPT = re.compile(r"Case: ")
SPIN_STARTED = {
    "loop": re.compile(r"^spin: loop" + EOL, re.M),
    "sem": re.compile(r"^spin: sem" + EOL, re.M),
    "wait": re.compile(r"^spin: wait for #(\d+)" + EOL, re.M),
}
PROC_ZOMBIES = re.compile(r"^proc_test: zombies: (\d+)/(\d+) codes right" + EOL, re.M)
PROC_FORKBOMB = re.compile(r"^proc_test: forkbomb: (\d+) children, fork (-?\d+) \(([^)]*)\), "
                           r"(\d+)/(\d+) codes right" + EOL, re.M)
PROC_SPAWNKILL = re.compile(r"^proc_test: spawnkill: (\d+) children, (\d+)/(\d+) codes 0xdead"
                            + EOL, re.M)


def proc_errno(what):
    """`proc_test: WHAT: RESULT ERRNO` of its errno case (ERRNO is a name, e.g. EAGAIN)."""
    return re.compile(r"^proc_test: " + re.escape(what) + r": (-?\d+) (.+?)" + EOL, re.M)


SEM_TEST_CHECK = re.compile(r"^sem_test: (.+): (\d+) \(want (\d+)\)" + EOL, re.M)
SEM_TEST_DONE = re.compile(r"^sem_test: done, (\d+) problems" + EOL, re.M)
ALLOC_ALL = re.compile(r"^alloc_all: (\d+) blocks of \d+ bytes, (\d+) bytes not zero, "
                       r"(\d+) given back" + EOL, re.M)
# Printed by a background process: maybe right after the shell's prompt.
ALLOC_HOLDING = re.compile(r"alloc_hold: holding (\d+) blocks of \d+ bytes" + EOL, re.M)
