"""Boot tests (issue "Bring-up").

Lab 1 is the UEFI loader: boot.conf parsing and its warnings, loading the
kernel (or refusing a broken one), mapping the kernel stack.  Lab 2 is the
kernel's own init: logging by level, interrupts and the timer, reaching
`YatSenOS initialized.`.

Boot-log checks use expect_boot(): it looks at everything printed since
power-on, so tests sharing the default machine pass in any order.  Any wait
fails at once on a kernel panic or a machine reset (see machine.py).
"""
import re

from grader import markers
from grader.esp import boot
from grader.registry import test

KERNEL = "KERNEL.ELF"
KERNEL_PATH = "\\KERNEL.ELF"


def corrupt_head(data):
    """Overwrite the ELF header's first 16 bytes (magic, class, ...)."""
    return b"\xde\xad\xbe\xef" * 4 + data[16:]


def expect_default_used(m, key, bad):
    """The loader warns about `key=bad` on its line and names the default."""
    default = markers.BOOT_DEFAULTS[key]
    m.expect_boot(markers.bad_value(m.boot_conf.line_of(key), key, bad, default))


def refuse_line(m, pattern, start, end, setting):
    """Fail if a line matching `pattern` lies in m.log[start:end]."""
    found = pattern.search(m.log, start, end)
    if found:
        line = m.log[found.start() :].split("\n", 1)[0]
        m.fail(f"printed at {setting}: {line!r}")


# ---- lab 1: the loader -----------------------------------------------------


@test("1")
def boot_kernel_banner(m):
    """the loader starts the kernel: its banner appears, no panic or reset"""
    m.expect_boot(markers.KERNEL_BANNER)


@test("1")
def bootconf_keys_logged(m):
    """every boot.conf key is logged as `parse KEY = VALUE`"""
    settings = m.boot_conf.items()
    if not settings:
        m.fail("the ESP's boot.conf has no settings to look for")
    for key, value in settings:
        m.expect_boot(markers.parse_logged(key, value))


UNKNOWN_KEY = "no_such_key"


@test("1", boot=boot(conf={UNKNOWN_KEY: "1"}))
def bootconf_unknown_key(m):
    """an unknown key gets a warning (`boot.conf line N: unknown key 'KEY'` or the guide's
    `undefined config key: KEY`), boot goes on"""
    m.expect_boot(markers.unknown_key(m.boot_conf.line_of(UNKNOWN_KEY), UNKNOWN_KEY))
    m.expect_boot(markers.KERNEL_BANNER)


# Two bad values in one boot.conf: both tests share this machine.
BAD_VALUES = boot(conf={"kernel_stack_size": "lots", "log_level": "loud"})


@test("1", boot=BAD_VALUES)
def bootconf_bad_number(m):
    """kernel_stack_size=lots is refused with a warning; the default boots"""
    expect_default_used(m, "kernel_stack_size", "lots")
    m.expect_boot(markers.KERNEL_BANNER)


@test("1", boot=BAD_VALUES)
def bootconf_bad_log_level(m):
    """log_level=loud is refused with a warning; the kernel logs at info"""
    expect_default_used(m, "log_level", "loud")
    level = m.expect_boot(markers.LOGGER_LEVEL)[1]
    if level != markers.BOOT_DEFAULTS["log_level"]:
        m.fail(f"kernel log level is {level!r}, expected the default 'info'")


@test("1", boot=boot(conf={"kernel_stack_auto_grow": "0", "kernel_stack_size": "512"}))
def boot_stack_no_auto_grow(m):
    """kernel_stack_auto_grow=0 (whole 512-page stack mapped) boots"""
    m.expect_boot(markers.parse_logged("kernel_stack_auto_grow", "0"))
    m.expect_boot(markers.INITIALIZED)


# Why the kernel cannot load: the reason must name the problem (a stub that
# refuses every kernel, "not read yet", is not an answer).
MISSING_REASON = re.compile(r"(?i)not found|failed to open")
CORRUPT_REASON = re.compile(r"(?i)\belf\b|magic|header")


def expect_kernel_refused(m, reason, what):
    whole_line = re.compile(markers.cannot_load_kernel(KERNEL_PATH).pattern + r".*\n", re.M)
    line = m.expect_boot(whole_line)
    if markers.KERNEL_BANNER.search(m.log):
        m.fail("the loader reported an error but started the kernel anyway")
    text = line.group(0)
    if not reason.search(text.split("': ", 1)[-1]):  # the reason, not the path
        m.fail(f"`{text.strip()}` does not say the kernel {what} "
               f"(expected a reason matching /{reason.pattern}/)")


@test("1", boot=boot(conf={"kernel_path": KERNEL_PATH}, files={KERNEL: corrupt_head}))
def boot_corrupt_kernel(m):
    """a KERNEL.ELF with a broken header gives `[ERROR] cannot load kernel ...: <ELF reason>`"""
    expect_kernel_refused(m, CORRUPT_REASON, "is not a valid ELF file")


@test("1", boot=boot(conf={"kernel_path": KERNEL_PATH}, files={KERNEL: None}))
def boot_missing_kernel(m):
    """no KERNEL.ELF gives `[ERROR] cannot load kernel ...: file not found`"""
    expect_kernel_refused(m, MISSING_REASON, "file is missing")


# ---- lab 2: kernel init, logging, interrupts --------------------------------


# The interrupt stack table (guide 0x02 "GDT 与 TSS"): the Rust kernel logs
# each IST stack's range as its gdt.rs sets it; YSOS-C logs the same lines.
IST_STACKS = ("Double Fault IST", "Page Fault IST")


@test("2")
def tss_ist_stacks(m):
    """the TSS has its interrupt stacks: `Double Fault IST : 0xLO-0xHI` (and Page Fault), HI > LO"""
    m.expect_boot(markers.INTERRUPTS_ENABLED)  # the GDT and its TSS come before
    for name in IST_STACKS:
        found = re.search(rf"^\[INFO \] {name}\s*: 0x([0-9a-fA-F]+)-0x([0-9a-fA-F]+)", m.log, re.M)
        if not found:
            m.fail(f"no `{name} : 0xLO-0xHI` line at boot: the TSS's interrupt stack table "
                   "has no stack for it")
        if int(found[2], 16) <= int(found[1], 16):
            m.fail(f"`{found[0].strip()}`: an empty stack")


@test("2")
def boot_initialized(m):
    """`[INFO ] Interrupts Enabled.`, then `[INFO ] YatSenOS initialized.`, no panic or reset"""
    enabled = m.expect_boot(markers.INTERRUPTS_ENABLED)
    m.expect_boot(markers.INITIALIZED, after=enabled.end())


@test("2")
def timer_rate_logged(m):
    """the kernel logs its timer rate (e.g. `APIC timer: 100 Hz`)"""
    hz = int(m.expect_boot(markers.TIMER_RATE)[1])
    if not 10 <= hz <= 10000:
        m.fail(f"timer rate {hz} Hz is not a plausible tick rate (10..10000)")


@test("1", boot=boot(conf={"log_level": "debug"}))
def log_level_debug(m):
    """log_level=debug: the kernel prints [DEBUG] lines and boots"""
    banner = m.expect_boot(markers.KERNEL_BANNER)
    m.expect_boot(markers.LOG_LINE["DEBUG"], after=banner.end())
    m.expect_boot(markers.INITIALIZED)


# The logger and its level from boot.conf are lab 0x01's (its 思考题 3).
@test("1", boot=boot(conf={"log_level": "info"}))
def log_level_info_hides_debug(m):
    """log_level=info: no [DEBUG] or [TRACE] line from the kernel during init"""
    banner = m.expect_boot(markers.KERNEL_BANNER)
    done = m.expect_boot(markers.INITIALIZED, after=banner.end())
    for level in ("DEBUG", "TRACE"):
        refuse_line(m, markers.LOG_LINE[level], banner.end(), done.start(), "log_level=info")


@test("2", boot=boot(conf={"log_level": "warn"}))
def log_level_warn(m):
    """log_level=warn: the kernel boots without printing [INFO ] lines"""
    banner = m.expect_boot(markers.KERNEL_BANNER)
    ready = m.expect_boot(markers.READY, after=banner.end())
    refuse_line(m, markers.LOG_LINE["INFO "], banner.end(), ready.start(), "log_level=warn")


# ---- lab 1: settings that clash, and values too long for one log line -------
# (issue "robustness": the loader warns, names the line and the default, and
# the boot goes on; every log line ends with its line end)


def expect_boots_after_warning(m, key, bad):
    """The warning about `key=bad` names its line and the default, then the
    kernel comes up."""
    expect_default_used(m, key, bad)
    m.expect_boot(markers.INITIALIZED)


PHYS_UNALIGNED = "0xFFFF800000100000"  # 1 MiB: physical memory is mapped in 2 MiB pages
# 4 GiB of physical memory from here end at 0xFFFFFFFFC0000000: over the
# kernel image, linked at 0xFFFFFFFF80000000 (pkg/kernel/kernel.ld).
PHYS_OVER_KERNEL = "0xFFFFFFFEC0000000"
# ...and from here at 0xFFFFFF0180000000: over the kernel stack, which
# starts at 0xFFFFFF0100000000 (the shipped kernel_stack_address).
PHYS_OVER_STACK = "0xFFFFFF0080000000"


@test("1", boot=boot(conf={"physical_memory_offset": PHYS_UNALIGNED}))
def bootconf_phys_offset_unaligned(m):
    """physical_memory_offset not 2 MiB aligned: a warning with the default, the kernel boots"""
    expect_boots_after_warning(m, "physical_memory_offset", PHYS_UNALIGNED)


@test("1", boot=boot(conf={"physical_memory_offset": PHYS_OVER_KERNEL}))
def bootconf_phys_offset_over_kernel(m):
    """physical memory mapped over the kernel image: a warning with the default, the kernel boots"""
    expect_boots_after_warning(m, "physical_memory_offset", PHYS_OVER_KERNEL)


@test("1", boot=boot(conf={"physical_memory_offset": PHYS_OVER_STACK}))
def bootconf_phys_offset_over_stack(m):
    """physical memory mapped over the kernel stack: a warning with the default, the kernel boots"""
    expect_boots_after_warning(m, "physical_memory_offset", PHYS_OVER_STACK)


@test("1", boot=boot(conf={"kernel_stack_auto_grow": "eight"}))
def bootconf_bad_auto_grow_boots(m):
    """kernel_stack_auto_grow=eight (4 GiB stack shipped): a warning, then the kernel boots"""
    expect_boots_after_warning(m, "kernel_stack_auto_grow", "eight")


@test("1", boot=boot(conf={"kernel_stack_auto_grow": "99999999"}))
def bootconf_auto_grow_over_size_boots(m):
    """kernel_stack_auto_grow above kernel_stack_size: a warning, then the kernel boots"""
    expect_boots_after_warning(m, "kernel_stack_auto_grow", "99999999")


LONG_KERNEL_PATH = "\\" + "K" * 299  # longer than any path the loader keeps
LONG_LINE = "x" * 10000  # no '=': not a setting at all
GARBAGE = b"\x01\x02\xfe\xff=\x00\x7f" * 20


def long_lines(conf):
    """boot.conf with a 10 000-character line and a line of binary garbage."""
    return conf + LONG_LINE.encode() + b"\n" + GARBAGE + b"\n"


@test("1", boot=boot(conf={"kernel_path": LONG_KERNEL_PATH},
                     files={"EFI/BOOT/boot.conf": long_lines}))
def bootconf_long_values_end_lines(m):
    """a 300-character kernel_path, a 10 000-character line, garbage: each warning
    names the default and ends its line; the kernel boots"""
    banner = m.expect_boot(markers.KERNEL_BANNER)
    loader_log = m.log[: banner.start()]
    for tag in markers.LOG_TAG.finditer(loader_log):
        if tag.start() > 0 and loader_log[tag.start() - 1] != "\n":
            line_start = loader_log.rfind("\n", 0, tag.start()) + 1
            shown = loader_log[line_start : tag.end() + 40]
            m.fail(f"a loader log line runs on into the next one: {shown[-120:]!r}")
    line = m.boot_conf.line_of("kernel_path")
    default = re.escape(markers.BOOT_DEFAULTS["kernel_path"])
    m.expect_boot(rf"boot\.conf line {line}: bad value '.*' for kernel_path, "
                  rf"using default {default}" + markers.EOL)
    m.expect_boot(markers.INITIALIZED)
