"""The boot suite against the fake console: everything passes on a correct
system, and each kind of broken system fails exactly the checks that are
about its defect.  Together the broken systems fail every boot check, so no
check passes whatever the kernel does."""
import pytest
from conftest import fake_cmd, statuses

from grader import registry

BOOT_TESTS = {t.name for t in registry.all_tests() if t.func.__module__ == "grader.suites.boot"}
# Lab 1 checks of settings that clash and of over-long lines: each boots to
# `YatSenOS initialized.` after its warnings.
LAYOUT = {"bootconf_phys_offset_unaligned", "bootconf_phys_offset_over_kernel",
          "bootconf_phys_offset_over_stack", "bootconf_bad_auto_grow_boots",
          "bootconf_auto_grow_over_size_boots", "bootconf_long_values_end_lines"}

# break -> the checks it must fail (all others must pass)
EXPECTED_FAILURES = {
    "silent": BOOT_TESTS,
    "panic": {"boot_initialized", "boot_stack_no_auto_grow", "log_level_debug",
              "log_level_info_hides_debug", "log_level_warn"} | LAYOUT,
    "reboot": BOOT_TESTS - {"bootconf_keys_logged", "boot_corrupt_kernel", "boot_missing_kernel"},
    "exit": {"boot_initialized", "boot_stack_no_auto_grow", "timer_rate_logged", "log_level_debug",
             "tss_ist_stacks",
             "log_level_info_hides_debug", "log_level_warn", "bootconf_bad_log_level"} | LAYOUT,
    "no-init": {"boot_initialized", "boot_stack_no_auto_grow", "log_level_debug",
                "log_level_info_hides_debug", "log_level_warn"} | LAYOUT,
    "no-warn": {"bootconf_unknown_key", "bootconf_bad_number", "bootconf_bad_log_level"} | LAYOUT,
    "warn-line-off": {"bootconf_unknown_key", "bootconf_bad_number", "bootconf_bad_log_level"}
    | LAYOUT,
    "no-parse-log": {"bootconf_keys_logged", "boot_stack_no_auto_grow"},
    "no-load-error": {"boot_corrupt_kernel", "boot_missing_kernel"},
    "load-error-vague": {"boot_corrupt_kernel", "boot_missing_kernel"},
    "no-ist": {"tss_ist_stacks"},
    "layout-fatal": LAYOUT - {"bootconf_long_values_end_lines"},
    "log-run-on": {"bootconf_long_values_end_lines"},
    "all-levels": {"log_level_info_hides_debug", "log_level_warn"},
    "info-only": {"log_level_debug", "log_level_warn"},
    "no-timer": {"timer_rate_logged"},
    "zero-hz": {"timer_rate_logged"},
    "todo-timer": {"timer_rate_logged"},
}


# The checks of boot.py by name (labs 1-2 have the kernel console's checks too).
ONLY_BOOT = [arg for name in sorted(BOOT_TESTS) for arg in ("-k", name)]


def test_all_pass_on_a_correct_system(grade):
    code, out = grade(fake_cmd(), *ONLY_BOOT)
    assert statuses(out) == {name: "PASS" for name in BOOT_TESTS}, out
    assert code == 0
    assert out.splitlines()[-1] == f"{len(BOOT_TESTS)} passed, 0 failed"


@pytest.mark.parametrize("defect", sorted(EXPECTED_FAILURES))
def test_a_broken_system_fails_its_checks(grade, defect):
    # end="exit": a halted fake exits, so missing lines fail at once instead of
    # after the timeout (test_machine.py covers the timeout path itself).
    code, out = grade(fake_cmd(defect, end="exit"), *ONLY_BOOT)
    failed = {name for name, status in statuses(out).items() if status == "FAIL"}
    assert failed == EXPECTED_FAILURES[defect], out
    assert set(statuses(out)) == BOOT_TESTS
    assert code == 1


def test_every_boot_check_can_fail():
    caught = set().union(*(f for d, f in EXPECTED_FAILURES.items() if d != "silent"))
    assert caught == BOOT_TESTS
