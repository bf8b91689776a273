"""The contract patterns: exact values, exact line numbers, and no match on
a line that has only partly arrived."""
from grader import markers


def test_parse_logged_needs_the_whole_value():
    rx = markers.parse_logged("load_apps", "1")
    assert rx.search("[INFO ] parse load_apps = 1\n")
    assert not rx.search("[INFO ] parse load_apps = 12\n")
    assert not rx.search("[INFO ] parse load_apps = 1")  # the rest may still come
    assert markers.parse_logged("cmdline", "").search("[INFO ] parse cmdline = \n")


def test_logger_level_waits_for_the_end_of_the_line():
    assert not markers.LOGGER_LEVEL.search("[INFO ] Logger Initialized with level: inf")
    assert markers.LOGGER_LEVEL.search("[INFO ] Logger Initialized with level: info\n")[1] == "info"


def test_warnings_name_the_exact_line():
    rx = markers.unknown_key(1, "no_such_key")
    assert rx.search("[WARN ] boot.conf line 1: unknown key 'no_such_key'\n")
    assert not rx.search("[WARN ] boot.conf line 11: unknown key 'no_such_key'\n")
    bad = markers.bad_value(3, "kernel_stack_size", "lots", "512")
    line = "boot.conf line 3: bad value 'lots' for kernel_stack_size, using default 512"
    assert bad.search(line + "\n")
    assert not bad.search(line + "0\n")
    assert not bad.search(line)


def test_kernel_lines():
    assert markers.KERNEL_BANNER.search("/_/\\__,_/\\__//____/\\___/_/ /_/\\____//____/\n")
    timer = "[INFO ] APIC timer: 62.500 MHz, 100 Hz (625000 counts per tick)\n"
    assert markers.TIMER_RATE.search(timer)[1] == "100"
    assert markers.INITIALIZED.search("[INFO ] YatSenOS initialized.\n")
    assert not markers.INITIALIZED.search("[DEBUG] YatSenOS initialized.\n")
    assert markers.cannot_load_kernel("\\KERNEL.ELF").search(
        "[ERROR] cannot load kernel '\\KERNEL.ELF': file not found\n")


def test_panic_and_firmware_start():
    assert markers.PANIC.search("[PANIC] src/main.c:42: oops")
    assert markers.PANIC.search("panicked at src/lib.rs:1:1")
    assert len(markers.FIRMWARE_START.findall(
        'BdsDxe: loading Boot0002 "x"\nBdsDxe: starting Boot0002 "x"\n')) == 1
