"""A scripted stand-in for QEMU + OVMF + loader + kernel, for the grader's
self-tests (no emulator, runs in milliseconds).

    fake_qemu.py [--break WHAT]... [--shell] [--stage N] [--pidfile F] [--spawn-child]
                 [--filler N] [--end hang|exit] [--flip-file F] -- QEMU-ARGUMENTS...

It is started exactly like QEMU (the grader appends QEMU's arguments after
`--`), finds the ESP folder in `-drive format=raw,file=fat:DIR` (or unpacks
the raw disk of `-drive format=raw,file=IMAGE`, fake_fat.py), and prints
what a correct system would: the firmware's boot lines (with escape codes),
the loader's log of DIR/EFI/BOOT/boot.conf with its warnings, an error for a
missing or corrupt DIR/KERNEL.ELF, the kernel banner and log filtered by
log_level, and optionally (--shell) the shell with its programs, processes,
memory figures and the files of DIR (fake_kernel.py, fake_shell.py,
fake_apps.py); with DIR/APP but no DIR/APP/shell, or at --stage 2 and 3,
the kernel's own console instead (fake_kconsole.py).  --stage N plays the system at
the end of lab N: 1 halts after init, 2 has the console without ps, test
and stack.  Each --break makes it behave like one particular broken
system, so the self-tests can check that every check notices that defect.  A file DIR/fake-breaks adds the breaks it lists (each
submission of a batch-grading self-test has its own).
"""
import argparse
import os
import signal
import subprocess
import sys
import time
import tty

import fake_fat
from fake_kconsole import KernelConsole
from fake_kernel import Console, Kernel
from fake_shell import Shell

BREAKS = {
    "silent": "print nothing at all",
    "panic": "the kernel panics during init",
    "reboot": "the machine resets after the loader (firmware banner again)",
    "exit": "QEMU exits right after the kernel banner",
    "no-init": "init never finishes (no `YatSenOS initialized.`, no ready line)",
    "no-warn": "the loader ignores unknown keys and bad values silently",
    "warn-line-off": "the loader's warnings name the wrong line",
    "no-parse-log": "the loader does not log the keys it parses",
    "load-error-vague": "the loader refuses a missing or corrupt kernel without saying why",
    "no-load-error": "the loader boots a missing or corrupt kernel without an error",
    "layout-fatal": "the loader stops on an unaligned or overlapping physical_memory_offset and on "
                    "a stack too big to map, and ignores an overlap with the stack",
    "log-run-on": "a loader line over 255 characters is cut without its line end",
    "all-levels": "the kernel prints every log level whatever log_level says",
    "info-only": "the kernel logs at info whatever log_level says",
    "no-timer": "the kernel does not log its timer rate",
    "zero-hz": "the kernel logs a timer rate of 0 Hz",
    "todo-timer": "the timer is a stub: `[WARN ] TODO(lab 0x02): apic_timer_init is not "
                  "implemented` instead of its rate",
    # kernel stack (lab 7)
    "no-stack-test": "the kernel does not run the stack grow test",
    "no-stack-fault": "the kernel stack never page-faults, whatever kernel_stack_auto_grow says",
    # process table (lab 3)
    "ps-format": "`ps` rows are not padded as the SPEC's printf formats say",
    "ls-empty": "`ls` prints its header and no rows (an unwritten list_app)",
    "no-kernel-heap": "`ps` has no `Kernel :` line (lab 0x03's kernel heap usage)",
    "no-ist": "the TSS's interrupt stack table is left empty (no IST stack lines)",
    "no-code-usage": "`ps` rows leave the code pages out (lab 0x07's memory statistics)",
    "percent-wrong": "the Memory line's percentage is not used/total",
    "kernel-row-name": "the kernel's row is named `idle`",
    "queue-wrong": "the Queue line lists nothing",
    "frozen-ticks": "Ticks never change",
    "child-not-running": "a program's own table shows it Ready, not Running",
    # shell and user mode (lab 4)
    "hello-exit-0": "hello exits with 0",
    "run-missing-silent": "`run` of a missing program prints no error",
    "unknown-silent": "unknown commands are ignored silently",
    "empty-line-unknown": "an empty line is an unknown command ''",
    "long-line-run": "an overlong line is cut and run",
    "no-backspace": "DEL and Backspace are inserted instead of erasing",
    "no-ctrl-c": "Ctrl-C is ignored",
    "cd-silent": "`cd` to a file or a missing directory changes the directory, silently",
    "kill-1-silent": "`kill 1` gets only the kernel's log line, no answer from the shell",
    "kill-self-survives": "`kill` of the shell's own pid does not end it",
    "ctrl-c-ignored": "Ctrl-C does not end the foreground program",
    "ctrl-c-blocked-kept": "Ctrl-C does not end a program blocked on a semaphore or in WaitPid",
    "ctrl-c-child-left": "Ctrl-C ends the foreground program but not its forked child",
    "ctrl-c-leak": "a program ended by Ctrl-C does not give all its frames back",
    "ctrl-c-kills-reader": "Ctrl-C ends a program reading the console instead of being its input",
    "crash-panic": "a fault in a user program panics the kernel",
    "crash-positive": "a killed program's exit code is 0xdead (positive)",
    "crash-leak": "a killed program's frames are not all recycled",
    "survive-int3": "the crash app survives int3",
    # fork and sync (lab 5)
    "fork-exit": "fork_test exits with 0",
    "counter-race": "the third counter run loses an increment",
    "mq-lost-item": "one mq consumer consumes 9 items",
    "dinner-short": "one philosopher eats 99 meals",
    "mutex-broken": "the boy takes the burgers while the mother holds the spin lock",
    "nohup-orphan": "a background program never leaves the process table",
    "zombie-limit": "only 64 exit codes of dead, unwaited children are kept",
    "posix-errno": "fork() at the limit gives 65535 with errno 0; waitpid/kill of a gone pid succeed",
    "sem-wrap": "a signal at count 2^64-1 wraps it to 0 and the next wait blocks",
    # file system (lab 6)
    "ls-size": "`ls` shows sizes 2 KiB too big",
    "no-short-names": "8.3 names (FACTOR~1) are not found",
    "case-sensitive": "paths are case-sensitive",
    "cat-off-by-one": "`cat` flips one bit in the middle of the file",
    "cat-errors-twice": "`cat` errors are printed twice",
    "short-line-limit": "a shell line holds 255 bytes: `cat` of a 255-character path is refused",
    "cat-no-ctrl-c": "`cat /dev/random` goes on after Ctrl-C",
    "ls-no-ctrl-c": "`ls` of a big folder goes on to the end after Ctrl-C",
    "run-text-leak": "spawning a non-ELF file leaks frames",
    "run-text-silent": "`run` of a file that is not an ELF prints no error",
    "fat-loop-endless": "a directory whose cluster chain loops is listed round and round",
    "corrupt-silent": "damage on the disk is not reported (no `corrupt file system` line)",
    "zero-is-root": "a directory entry pointing at cluster 0 reads as the root",
    # memory (lab 7)
    "fact-small-peak": "factorial's stack growth is not counted in its row",
    "fact-leak": "factorial with a big n leaks frames",
    "brk-shrink-fails": "brk cannot shrink the heap",
    "brk-no-range-check": "brk accepts addresses outside the heap",
    "leak-slow": "every counter run leaks one frame",
    "no-recycled": "no `Recycled ...` line at log_level=debug",
    "recycled-math": "the `Recycled ...` line's MiB figure is wrong",
    "oom-panic": "the kernel panics when user programs use up memory",
    "alloc-leak": "Allocate blocks are not given back when their owner exits or is killed",
    "alloc-dirty": "Allocate hands out blocks with an earlier program's bytes in them",
    "console-raw-cr": "console input passes CR on raw instead of turning it into '\\n'",
    "console-raw-del": "console input passes DEL on raw instead of turning it into '\\b'",
    "utf8-split": "stdin Read returns a UTF-8 character byte by byte",
    "bs-not-erased": "the console prints a Backspace without erasing the character",
    "ctrl-c-eaten": "the kernel swallows Ctrl-C instead of giving it to the reader",
    "elf-map-all": "an ELF too big for memory is mapped until memory runs out, CPU kept",
    "write-one-piece": "a console Write goes out in one piece with interrupts off",
    "stack-grow-all": "a huge stack fault maps page after page with the CPU kept",
    "input-drops": "the input buffer drops keys when full, the Enter of a long line too",
    "layout-size-align": "Allocate reads the Layout as {size, align}, not rustc's {align, size}",
    # the kernel console (labs 2 and 3)
    "kc-no-echo": "the kernel console does not echo typed characters",
    "kc-no-backspace": "the kernel console keeps 0x08 and 0x7F in the line",
    "kc-frozen-counter": "the kernel console's counter never changes",
    "kc-exit-ignored": "`exit` at the kernel console does nothing",
    "kc-stack-short": "`stack` prints 15 lines",
    "kc-one-thread": "only the first `test` thread ever runs",
    # robustness
    "shell-dies-on-tab": "the shell exits when it reads a Tab",
    "fuzz-panic": "the kernel panics under the syscall fuzzer",
    "fuzz-violation": "the syscall fuzzer finds contract violations",
    "pid-limit": "no new process after pid 100",
}

NUMBER_KEYS = {"kernel_stack_size": "512", "kernel_stack_auto_grow": "0"}
HEX_KEYS = {
    "kernel_stack_address": "0xFFFFFF0100000000",
    "physical_memory_offset": "0xFFFF800000000000",
}
OTHER_KEYS = {"kernel_path", "load_apps", "log_level", "cmdline", "initramfs"}
HEX_DIGITS = set("0123456789abcdefABCDEF")
LEVELS = ["error", "warn", "info", "debug", "trace"]
BANNER = [
    r"__  __      __  _____            ____  _____",
    r"\ \/ /___ _/ /_/ ___/___  ____  / __ \/ ___/",
    r" \  / __ `/ __/\__ \/ _ \/ __ \/ / / /\__ \ ",
    r" / / /_/ / /_ ___/ /  __/ / / / /_/ /___/ /",
    r"/_/\__,_/\__//____/\___/_/ /_/\____//____/",
    r"",
    r"                                       v0.7.0",
]


def say(text=""):
    """One line on the 'serial console' (raw tty: we write the CR ourselves)."""
    sys.stdout.write(text + "\r\n")
    sys.stdout.flush()


# What a halted machine does: "hang" like a real one (prints nothing more
# until killed), or "exit" so a check waiting for a line that will never come
# fails at once with "QEMU exited" instead of after its timeout.
END = "hang"


def hang():
    if END == "exit":
        sys.exit(0)
    while True:
        time.sleep(3600)


def firmware():
    sys.stdout.write("\x1b[2J\x1b[01;01H\x1b[=3h\x1b[2J\x1b[01;01H")
    say('BdsDxe: loading Boot0002 "UEFI QEMU HARDDISK QM00001 " from PciRoot(0x0)/Pci(0x1,0x1)')
    say('BdsDxe: starting Boot0002 "UEFI QEMU HARDDISK QM00001 " from PciRoot(0x0)/Pci(0x1,0x1)')


# The loader's view of the machine (bootconf_check_layout): the kernel image,
# physical memory mapped (at least 4 GiB) and free pages under QEMU -m 96M.
KERNEL_IMAGE = (0xFFFFFFFF80000000, 0xFFFFFFFF80200000)
PHYS_SIZE = 1 << 32
FREE_PAGES = 12971
UPPER_HALF = 0xFFFF800000000000
ALIGN = {"kernel_stack_address": 1 << 12, "physical_memory_offset": 1 << 21}
SHOWN = 64  # characters of a value quoted in a loader message


def shown(text):
    return text if len(text) <= SHOWN else text[:SHOWN] + "..."


def log_line(text, breaks):
    """A loader line: printable ASCII, and always its line end (unless broken)."""
    text = "".join(c if " " <= c <= "~" else "?" for c in text)
    if "log-run-on" in breaks and len(text) > 255:
        sys.stdout.write(text[:255])  # the next line runs on
        return
    say(text[:254] if len(text) <= 255 else text[:251] + "...")


def check_value(key, value, breaks=()):
    """The default to use instead when `value` is bad for `key`, else None."""
    if key in NUMBER_KEYS and not value.isdigit():
        return NUMBER_KEYS[key]
    if key in HEX_KEYS and not (value.startswith("0x") and set(value[2:]) <= HEX_DIGITS
                                and len(value) > 2):
        return HEX_KEYS[key]
    if key in HEX_KEYS and "layout-fatal" not in breaks:
        address = int(value, 16)
        if address < UPPER_HALF or address >= 1 << 64 or address % ALIGN[key]:
            return HEX_KEYS[key]
    if key in ("kernel_path", "initramfs") and (len(value) >= 128 or key == "kernel_path"
                                                and not value):
        return "\\KERNEL.ELF" if key == "kernel_path" else '""'
    if key == "log_level" and value not in LEVELS:
        return "info"
    if key == "load_apps" and value not in ("0", "1"):
        return "0"
    return None


def loader(esp, breaks):
    """Parse boot.conf like the real loader; returns the settings."""
    say("[INFO ] Running UEFI bootloader...")
    conf = {"kernel_path": "\\KERNEL.ELF", "log_level": "info"}
    known = set(NUMBER_KEYS) | set(HEX_KEYS) | OTHER_KEYS
    lines = {}  # key -> the line that set it
    shift = 1 if "warn-line-off" in breaks else 0
    cut = (lambda text: text) if "log-run-on" in breaks else shown  # old: values whole
    text = open(os.path.join(esp, "EFI", "BOOT", "boot.conf"), errors="replace").read()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = (part.strip().strip("\"'") for part in line.split("=", 1))
        if "no-parse-log" not in breaks:
            log_line(f"[INFO ] parse {cut(key)} = {cut(value)}", breaks)
        default = check_value(key, value, breaks) if key in known else None
        lines[key] = number + shift
        if "no-warn" in breaks:
            pass
        elif key not in known:
            log_line(f"[WARN ] boot.conf line {number + shift}: unknown key '{cut(key)}'", breaks)
            continue
        elif default is not None:
            where = f"boot.conf line {number + shift}"
            log_line(f"[WARN ] {where}: bad value '{cut(value)}' for {key}, using default "
                     f"{default}", breaks)
            value = default
        conf[key] = value
    if "no-warn" not in breaks:
        layout(conf, lines, breaks)
    return conf


def layout(conf, lines, breaks):
    """bootconf_check_layout(): clashes become warnings and defaults."""
    fatal = "layout-fatal" in breaks

    def number(key):
        defaults = {**NUMBER_KEYS, **HEX_KEYS}
        return int(conf.get(key, defaults[key]), 0)

    def clash(key, default, why):
        say(f"[WARN ] boot.conf line {lines[key]}: bad value '{conf[key]}' for {key}, "
            f"using default {default} ({why})")
        conf[key] = default

    size = number("kernel_stack_size")
    if number("kernel_stack_auto_grow") > size:
        if fatal:
            grow = conf["kernel_stack_auto_grow"]
            say(f"[WARN ] boot.conf: kernel_stack_auto_grow {grow} exceeds kernel_stack_size "
                f"{size}, using default 0")
            conf["kernel_stack_auto_grow"] = "0"
        else:
            clash("kernel_stack_auto_grow", "0", f"more than kernel_stack_size {size}")
    phys = number("physical_memory_offset")
    if phys % ALIGN["physical_memory_offset"] and fatal:
        say(f"[ERROR] physical_memory_offset {phys:#x} must be 2 MiB aligned and in the upper half")
        hang()
    if phys < KERNEL_IMAGE[1] and KERNEL_IMAGE[0] < phys + PHYS_SIZE:
        if fatal:
            say(f"[ERROR] cannot map physical memory at {phys:#x}: out of memory or overlapping")
            hang()
        clash("physical_memory_offset", HEX_KEYS["physical_memory_offset"],
              "physical memory would be mapped over the kernel")
    phys, stack = number("physical_memory_offset"), number("kernel_stack_address")
    if phys < stack + size * 4096 and stack < phys + PHYS_SIZE and not fatal:
        clash("physical_memory_offset", HEX_KEYS["physical_memory_offset"],
              "physical memory would be mapped over the kernel stack")
    grow = number("kernel_stack_auto_grow")
    pages = grow or size
    if pages + pages // 512 + 8 > FREE_PAGES:
        if fatal:
            say(f"[ERROR] kernel stack of {pages} pages does not fit in memory ({FREE_PAGES} pages "
                "free); set kernel_stack_auto_grow")
            hang()
        cause = "kernel_stack_auto_grow" if grow else "kernel_stack_size"
        say(f"[WARN ] boot.conf line {lines.get(cause, 0)}: a kernel stack of {pages} pages does "
            f"not fit in memory ({FREE_PAGES} pages free), mapping its top {min(size, 512)} "
            "pages; the kernel grows the rest on demand")
        conf["kernel_stack_auto_grow"] = str(min(size, 512))


def load_kernel(esp, conf, breaks):
    path = os.path.join(esp, conf["kernel_path"].lstrip("\\"))
    if not os.path.exists(path):
        reason = "file not found"
    elif open(path, "rb").read(4) != b"\x7fELF":
        reason = "bad ELF magic"
    else:
        return
    if "load-error-vague" in breaks:  # a stub refusing every kernel alike
        reason = "not read yet"
    if "no-load-error" not in breaks:
        say(f"[ERROR] cannot load kernel '{conf['kernel_path']}': {reason}")
        hang()


def kernel(conf, breaks, stage=8):
    for line in BANNER:
        say("\x1b[32m" + line + "\x1b[0m")
    if "exit" in breaks:
        sys.exit(3)
    name = conf["log_level"] if conf["log_level"] in LEVELS else "info"  # like the Rust kernel
    if "info-only" in breaks:
        name = "info"
    level = len(LEVELS) if "all-levels" in breaks else LEVELS.index(name) + 1

    def log(lvl, tag, msg):
        if LEVELS.index(lvl) < level:
            say(f"[{tag}] {msg}")

    log("info", "INFO ", f"Logger Initialized with level: {name}")
    log("debug", "DEBUG", "boot_info at 0xffff800000f3e000")
    if stage >= 2:  # memory and interrupts: lab 0x02
        log("info", "INFO ", "Frame Bitmap       : 1424 bytes for 11358 frames (0.125 bytes/frame, "
            "span 11392 frames)")
        log("debug", "DEBUG", "Frames: 11264 usable")
        if "no-ist" not in breaks:
            log("info", "INFO ", "Double Fault IST : 0xffffffff80250000-0xffffffff80251000")
            log("info", "INFO ", "Page Fault IST   : 0xffffffff80252000-0xffffffff80253000")
        log("trace", "TRACE", "IDT loaded")
    if "todo-timer" in breaks:
        say("[WARN ] TODO(lab 0x02): apic_timer_init is not implemented")
    elif "no-timer" not in breaks and stage >= 2:
        hz = 0 if "zero-hz" in breaks else 100
        log("info", "INFO ", f"APIC timer: {hz} Hz (calibrated against the PIT)")
    if stage >= 2:
        log("info", "INFO ", "Interrupts Enabled.")
    if "panic" in breaks:
        say("[PANIC] src/main.c:42: fake panic")
        hang()
    if "no-init" in breaks:
        hang()
    log("info", "INFO ", "YatSenOS initialized.")
    if stage >= 7:
        stack_grow_test(conf, breaks, log)
    if stage == 1:
        log("info", "INFO ", "Hello World from YatSenOS v2!")
        hang()


def stack_grow_test(conf, breaks, log):
    """Lab 0x07: a 32 KiB array on a stack with auto_grow pages mapped."""
    if "no-stack-test" in breaks:
        return
    log("info", "INFO ", "Test stack grow.")
    pages = int(conf.get("kernel_stack_auto_grow", "0") or "0")
    if 0 < pages < 9 and "no-stack-fault" not in breaks:
        log("info", "INFO ", "Page fault on kernel at 0xffffff01ffff7b80")
    log("info", "INFO ", "Stack grow test done.")


def flip(path):
    """Count this boot in `path`; True on the 1st, 3rd, ... boot."""
    boots = int(open(path).read() or 0) if os.path.exists(path) else 0
    with open(path, "w") as f:
        f.write(str(boots + 1))
    return boots % 2 == 0


def esp_from(qemu_args):
    """(ESP folder, damage): the folder of `-drive ...,file=fat:DIR`, or a
    raw disk image (grader/disk.py) unpacked next to it (fake_fat.py)."""
    for i, arg in enumerate(qemu_args):
        if arg == "-drive" and "file=fat:" in qemu_args[i + 1]:
            return qemu_args[i + 1].split("file=fat:", 1)[1], {}
        if arg == "-drive" and "file=" in qemu_args[i + 1]:
            image = qemu_args[i + 1].split("file=", 1)[1]
            folder = image + ".fake-esp"
            return folder, fake_fat.unpack(image, folder)
    sys.exit("fake_qemu: no -drive ...,file=fat:DIR or file=IMAGE")


def main():
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    p = argparse.ArgumentParser()
    p.add_argument("--break", dest="breaks", action="append", default=[], choices=sorted(BREAKS))
    p.add_argument("--shell", action="store_true")
    p.add_argument("--stage", type=int, default=8, choices=range(1, 9))
    p.add_argument("--pidfile")
    p.add_argument("--spawn-child", action="store_true",
                   help="leave a `sleep` running in our session")
    p.add_argument("--filler", type=int, default=0,
                   help="print N numbered lines after init, then halt")
    p.add_argument("--end", choices=("hang", "exit"), default="hang",
                   help="what halting looks like")
    p.add_argument("--flip-file", help="count boots in this file; odd boots add --break=no-timer "
                   "(a flaky system)")
    args = p.parse_args(argv[:split])
    if args.flip_file and flip(args.flip_file):
        args.breaks.append("no-timer")
    global END
    END = args.end
    esp, damage = esp_from(argv[split + 1 :])
    # Batch-grading self-tests give each submission's ESP its own defects.
    listed = os.path.join(esp, "fake-breaks")
    if os.path.exists(listed):
        args.breaks += open(listed).read().split()
    if os.isatty(0):
        tty.setraw(0)  # like QEMU -nographic: no tty echo, no CR/LF translation
    pids = [os.getpid()]
    if args.spawn_child:
        # Ignores SIGHUP, so it outlives the pty closing: only a kill of the
        # whole process group ends it.
        nohup = lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN)  # noqa: E731
        pids.append(subprocess.Popen(["sleep", "300"], preexec_fn=nohup).pid)
    if args.pidfile:
        with open(args.pidfile, "a") as f:
            f.write("".join(f"{pid}\n" for pid in pids))
    if "silent" in args.breaks:
        hang()
    firmware()
    conf = loader(esp, args.breaks)
    load_kernel(esp, conf, args.breaks)
    say("[INFO ] Exiting boot services...")
    if "reboot" in args.breaks:
        firmware()
        hang()
    kernel(conf, args.breaks, args.stage)
    apps = os.path.join(esp, "APP")  # an ESP without APP/ at all: --shell plays it anyway
    kconsole = args.stage < 4 or (os.path.isdir(apps) and not os.path.exists(apps + "/shell"))
    if not kconsole or not (args.shell or args.stage < 7):
        say("[+] YatSenOS ready.")
    for i in range(1, args.filler + 1):
        say(f"filler line {i}")
    if args.shell or args.stage < 7:
        console = Console()
        kern = Kernel(esp, conf, args.breaks, console, damage)
        if kconsole:
            if args.stage >= 4:
                console.say("[WARN ] no APP/shell: running the kernel console")
            KernelConsole(kern, console, args.stage).loop()
        else:
            Shell(kern, console).loop()
        return
    hang()


if __name__ == "__main__":
    main()
