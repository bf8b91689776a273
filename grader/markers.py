"""The contract: lines the firmware, loader and kernel print that the grader
relies on.  Everything a check matches on is named here once, with where the
promise comes from, so a change of wording is a one-line change.

All patterns are applied to the cleaned serial log (escape codes and CR
removed, see ansi.py) with re.MULTILINE.  Output arrives in pieces, so a
pattern that ends in a value the check reads or compares ends with EOL:
"level: inf" must not match before the "o" arrives.
"""
import re

# End of the line, once the newline has arrived ($ would match the end of a
# partly received line).
EOL = r"[ \t]*(?=\n)"

# OVMF prints this line each time it hands control to a boot entry.  It is
# seen once per boot; a second one means the machine reset (triple fault) or
# the loader returned to the firmware.
FIRMWARE_START = re.compile(r"^BdsDxe: starting Boot", re.M)

# Panics: ours is "[PANIC] file:line: message" (kernel-interfaces.md); the
# Rust lab prints "panicked at".  Either ends the machine's useful life.
PANIC = re.compile(r"\[PANIC\]|panicked", re.M)

# The kernel's ASCII banner (Rust utils/mod.rs get_ascii_header), printed
# before logging starts, so at every log level.  This is its bottom row.
KERNEL_BANNER = re.compile(r"^/_/\\__,_/\\__//____/", re.M)

# Last line of kernel init (SPEC section 7, lab guide 0x01).
INITIALIZED = re.compile(r"^\[INFO \] YatSenOS initialized\.", re.M)

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
    return re.compile(rf"boot\.conf line {line}: unknown key '{re.escape(key)}'", re.M)


def bad_value(line, key, value, default):
    return re.compile(
        rf"boot\.conf line {line}: bad value '{re.escape(value)}' for {re.escape(key)}, "
        rf"using default {re.escape(default)}" + EOL,
        re.M,
    )


def cannot_load_kernel(path):
    """`[ERROR] cannot load kernel '\\KERNEL.ELF': REASON` (boot contract)."""
    return re.compile(r"^\[ERROR\] cannot load kernel '" + re.escape(path) + r"': \S", re.M)


# The Rust loader's defaults (crates/boot/src/config.rs, SPEC section 3), as
# the loader names them in "using default ...".
BOOT_DEFAULTS = {
    "kernel_stack_address": "0xFFFFFF0100000000",
    "kernel_stack_size": "512",
    "physical_memory_offset": "0xFFFF800000000000",
    "kernel_path": "\\KERNEL.ELF",
    "kernel_stack_auto_grow": "0",
    "load_apps": "0",
    "log_level": "info",
}
