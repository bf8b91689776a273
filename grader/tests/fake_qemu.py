"""A scripted stand-in for QEMU + OVMF + loader + kernel, for the grader's
self-tests (no emulator, runs in milliseconds).

    fake_qemu.py [--break WHAT]... [--shell] [--pidfile F] [--spawn-child]
                 [--filler N] [--end hang|exit] -- QEMU-ARGUMENTS...

It is started exactly like QEMU (the grader appends QEMU's arguments after
`--`), finds the ESP folder in `-drive format=raw,file=fat:DIR`, and prints
what a correct system would: the firmware's boot lines (with escape codes),
the loader's log of DIR/EFI/BOOT/boot.conf with its warnings, an error for a
missing or corrupt DIR/KERNEL.ELF, the kernel banner and log filtered by
log_level, and optionally a shell.  Each --break makes it behave like one
particular broken system, so the self-tests can check that every boot check
notices that defect.
"""
import argparse
import os
import signal
import subprocess
import sys
import time
import tty

BREAKS = {
    "silent": "print nothing at all",
    "panic": "the kernel panics during init",
    "reboot": "the machine resets after the loader (firmware banner again)",
    "exit": "QEMU exits right after the kernel banner",
    "no-init": "init never finishes (no `YatSenOS initialized.`, no ready line)",
    "no-warn": "the loader ignores unknown keys and bad values silently",
    "warn-line-off": "the loader's warnings name the wrong line",
    "no-parse-log": "the loader does not log the keys it parses",
    "no-load-error": "the loader boots a missing or corrupt kernel without an error",
    "all-levels": "the kernel prints every log level whatever log_level says",
    "info-only": "the kernel logs at info whatever log_level says",
    "no-timer": "the kernel does not log its timer rate",
    "zero-hz": "the kernel logs a timer rate of 0 Hz",
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
PS_TABLE = """当前运行的进程列表:
  PID | PPID | Process Name |  Ticks  |   Memory  | Status
 #  1 | #  0 | kernel       |   23526 |   2.0 MiB | Ready
 #  2 | #  1 | shell        |   23458 |  40.0 KiB | Running
Memory :   1.08 MiB /  44.37 MiB ( 2.43%)
Queue  : [1]
CPUs   : [0: 2]"""


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


def check_value(key, value):
    """The default to use instead when `value` is bad for `key`, else None."""
    if key in NUMBER_KEYS and not value.isdigit():
        return NUMBER_KEYS[key]
    if key in HEX_KEYS and not (value.startswith("0x") and set(value[2:]) <= HEX_DIGITS):
        return HEX_KEYS[key]
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
    shift = 1 if "warn-line-off" in breaks else 0
    text = open(os.path.join(esp, "EFI", "BOOT", "boot.conf"), errors="replace").read()
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = (part.strip().strip("\"'") for part in line.split("=", 1))
        if "no-parse-log" not in breaks:
            say(f"[INFO ] parse {key} = {value}")
        default = check_value(key, value) if key in known else None
        if "no-warn" in breaks:
            pass
        elif key not in known:
            say(f"[WARN ] boot.conf line {number + shift}: unknown key '{key}'")
            continue
        elif default is not None:
            where = f"boot.conf line {number + shift}"
            say(f"[WARN ] {where}: bad value '{value}' for {key}, using default {default}")
            value = default
        conf[key] = value
    return conf


def load_kernel(esp, conf, breaks):
    path = os.path.join(esp, conf["kernel_path"].lstrip("\\"))
    if not os.path.exists(path):
        reason = "file not found"
    elif open(path, "rb").read(4) != b"\x7fELF":
        reason = "bad ELF magic"
    else:
        return
    if "no-load-error" not in breaks:
        say(f"[ERROR] cannot load kernel '{conf['kernel_path']}': {reason}")
        hang()


def kernel(conf, breaks):
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
    log("debug", "DEBUG", "Frames: 11264 usable")
    log("trace", "TRACE", "IDT loaded")
    if "no-timer" not in breaks:
        hz = 0 if "zero-hz" in breaks else 100
        log("info", "INFO ", f"APIC timer: {hz} Hz (calibrated against the PIT)")
    if "panic" in breaks:
        say("[PANIC] src/main.c:42: fake panic")
        hang()
    if "no-init" in breaks:
        hang()
    log("info", "INFO ", "YatSenOS initialized.")
    say("[+] YatSenOS ready.")


def run_command(line):
    """The shell's answer to one command line; False means exit."""
    if line == "exit":
        return False
    if line == "ps":
        for row in PS_TABLE.splitlines():
            say(row)
    elif line.startswith("echo "):
        say(line[5:])
    elif line:
        say(f"未知命令: '{line}'")
        say("输入 help 获取可用命令列表")
    return True


def shell():
    """Echo what is typed; run a line on CR or LF, like the real shell."""
    say("欢迎使用YSOS Shell!")
    say("输入 help 获取帮助信息")
    sys.stdout.write("ysos> ")
    sys.stdout.flush()
    line = b""
    while True:
        c = os.read(0, 1)
        if not c:
            return
        if c not in b"\r\n":
            line += c
            sys.stdout.buffer.write(c)
            sys.stdout.flush()
            continue
        say()
        if not run_command(line.decode(errors="replace")):
            return
        line = b""
        sys.stdout.write("ysos> ")
        sys.stdout.flush()


def esp_from(qemu_args):
    for i, arg in enumerate(qemu_args):
        if arg == "-drive" and "file=fat:" in qemu_args[i + 1]:
            return qemu_args[i + 1].split("file=fat:", 1)[1]
    sys.exit("fake_qemu: no -drive ...,file=fat:DIR")


def main():
    argv = sys.argv[1:]
    split = argv.index("--") if "--" in argv else len(argv)
    p = argparse.ArgumentParser()
    p.add_argument("--break", dest="breaks", action="append", default=[], choices=sorted(BREAKS))
    p.add_argument("--shell", action="store_true")
    p.add_argument("--pidfile")
    p.add_argument("--spawn-child", action="store_true",
                   help="leave a `sleep` running in our session")
    p.add_argument("--filler", type=int, default=0,
                   help="print N numbered lines after init, then halt")
    p.add_argument("--end", choices=("hang", "exit"), default="hang",
                   help="what halting looks like")
    args = p.parse_args(argv[:split])
    global END
    END = args.end
    esp = esp_from(argv[split + 1 :])
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
    kernel(conf, args.breaks)
    for i in range(1, args.filler + 1):
        say(f"filler line {i}")
    if args.shell:
        shell()
        return
    hang()


if __name__ == "__main__":
    main()
