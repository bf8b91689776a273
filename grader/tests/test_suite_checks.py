"""The lab 3-7 and robustness suites against the fake console's shell: all
pass on a correct system, and each broken system fails exactly the checks
about its defect (within the labs those checks belong to).  Together the
broken systems fail every check, so none passes whatever the system does.
The `beyond` group (stage 8) is not played by the fake: its checks are seen
failing on the stage 7 build, in make test-stages' matrix."""
import pytest
from conftest import fake_cmd, statuses

from grader import registry

SUITES = ("console", "procs", "usermode", "rustabi", "ctrl_c", "sync", "fs", "memory", "robust",
          "robust_proc", "robust_load")
TESTS = {t.name: t for t in registry.all_tests()
         if t.func.__module__.rsplit(".", 1)[-1] in SUITES}
CRASHES = {name for name in TESTS if name.startswith("crash_")}  # crash_memory_back too
# Few leak rounds: a leak of one frame per round shows within three.
FAST = ("--leak-rounds", "3")

# break -> the checks it must fail
EXPECTED_FAILURES = {
    "no-stack-test": {"stack_grow_1", "stack_grow_4", "stack_grow_8"},
    "no-stack-fault": {"stack_grow_1", "stack_grow_4"},
    "ps-format": {"ps_format"},
    "no-code-usage": {"ps_counts_code"},
    "no-kernel-heap": {"ps_kernel_heap"},
    "ls-empty": {"ls_lists_programs", "ls_apps", "cd_refuses_file_and_missing",
                 "ls_looping_directory", "ls_ctrl_c"},
    "percent-wrong": {"ps_format"},
    "kernel-row-name": {"ps_kernel_row"},
    "queue-wrong": {"ps_shell_row"},
    "frozen-ticks": {"ps_ticks_advance"},
    "child-not-running": {"ps_during_run"},
    "hello-exit-0": {"hello_exit_code", "shell_backspace", "debug_recycled_line",
                     "hello_200_times"},
    "run-missing-silent": {"run_missing_program"},
    "unknown-silent": {"shell_unknown_command", "factorial_report"},
    "empty-line-unknown": {"shell_empty_line"},
    "long-line-run": {"shell_overlong_line"},
    "no-backspace": {"shell_backspace"},
    "no-ctrl-c": {"shell_ctrl_c", "random_lines", "ctrl_c_is_input_while_reading"},
    "ctrl-c-ignored": {"ctrl_c_ends_spinning_program", "ctrl_c_ends_semaphore_wait",
                       "ctrl_c_ends_wait_pid_and_child", "ctrl_c_is_input_while_reading",
                       "ctrl_c_memory_back"},
    "ctrl-c-blocked-kept": {"ctrl_c_ends_semaphore_wait", "ctrl_c_ends_wait_pid_and_child",
                            "ctrl_c_memory_back"},
    "ctrl-c-child-left": {"ctrl_c_ends_wait_pid_and_child", "ctrl_c_memory_back"},
    "ctrl-c-leak": {"ctrl_c_memory_back"},
    "ctrl-c-kills-reader": {"ctrl_c_is_input_while_reading", "rustabi_ctrl_c_and_ctrl_d_are_data"},
    "cd-silent": {"cd_refuses_file_and_missing"},
    "kill-1-silent": {"kill_kernel_refused"},
    "kill-self-survives": {"kill_shell_shuts_down"},
    "crash-panic": CRASHES,
    "crash-positive": CRASHES,
    "crash-leak": {"crash_memory_back"},
    "survive-int3": {"crash_int3", "crash_memory_back"},
    "fork-exit": {"fork_test", "leak_check"},
    "counter-race": {"counter_three_runs", "leak_check"},
    "mq-lost-item": {"mq_every_item"},
    "dinner-short": {"dinner_every_meal"},
    "mutex-broken": {"mutex_lock_order"},
    "nohup-orphan": {"nohup_background"},
    "ls-size": {"ls_apps"},
    "no-short-names": {"run_short_name", "factorial_report"},
    "case-sensitive": {"run_lowercase_path"},
    "cat-off-by-one": {"cat_text_file", "cat_one_mib", "cat_longest_path"},
    "cat-errors-twice": {"cat_missing_file", "cat_directory", "cat_looping_file"},
    "short-line-limit": {"cat_longest_path"},
    "cat-no-ctrl-c": {"cat_dev_random_ctrl_c"},
    "ls-no-ctrl-c": {"ls_ctrl_c"},
    "run-text-leak": {"run_not_elf_memory_back"},
    "run-text-silent": {"run_not_elf", "run_not_elf_memory_back"},
    "fat-loop-endless": {"ls_looping_directory"},
    "corrupt-silent": {"ls_looping_directory", "cat_looping_file", "ls_cluster_zero_directory"},
    "zero-is-root": {"ls_cluster_zero_directory"},
    "fact-small-peak": {"factorial_report"},
    "fact-leak": {"factorial_report"},
    "brk-shrink-fails": {"brk_test_passes", "brk_alloc_test_passes", "brk_grow_shrink",
                         "leak_check"},
    "brk-no-range-check": {"brk_grow_shrink"},
    "leak-slow": {"leak_check"},
    "no-recycled": {"debug_recycled_line"},
    "recycled-math": {"debug_recycled_line"},
    "oom-panic": {"alloc_until_null"},
    "shell-dies-on-tab": {"random_lines"},
    "fuzz-panic": {"syscall_fuzz"},
    "fuzz-violation": {"syscall_fuzz"},
    "pid-limit": {"hello_200_times"},
    "zombie-limit": {"zombies_all_collected", "spawn_kill_codes", "fork_bomb_twice"},
    "posix-errno": {"fork_bomb_twice", "posix_error_results"},
    "sem-wrap": {"sem_count_limit"},
    "alloc-leak": {"allocate_owned_and_zeroed"},
    "alloc-dirty": {"allocate_owned_and_zeroed"},
    "console-raw-cr": {"rustabi_enter_as_cr", "rustabi_typed_ahead", "rustabi_del_is_backspace",
                       "rustabi_allocate_rustc_layout"},
    "console-raw-del": {"rustabi_del_is_backspace"},
    "utf8-split": {"rustabi_typed_ahead"},
    "bs-not-erased": {"rustabi_del_is_backspace"},
    "ctrl-c-eaten": {"rustabi_ctrl_c_and_ctrl_d_are_data"},
    "layout-size-align": {"rustabi_allocate_rustc_layout"},
    "elf-map-all": {"load_elf_1tib", "load_elf_8tib"},
    "write-one-piece": {"load_write_4mib"},
    "stack-grow-all": {"load_stack_3gib"},
    "input-drops": {"load_line_10000"},
    "kc-no-echo": {"kconsole_echo"},
    "kc-no-backspace": {"kconsole_backspace"},
    "kc-frozen-counter": {"kconsole_counter_grows"},
    "kc-exit-ignored": {"kconsole_exit_shuts_down"},
    "kc-stack-short": {"kthread_stack"},
    "kc-one-thread": {"kthread_test_ticks"},
}


def labs_of(names):
    args = []
    for group in sorted({TESTS[n].group for n in names}):
        args += ["--lab", group]
    return args


def test_all_pass_on_a_correct_system(grade_os):
    code, out = grade_os(fake_cmd(shell=True), *labs_of(TESTS), *FAST)
    seen = statuses(out)  # lab 2's boot checks run too (test_boot_checks.py)
    assert set(TESTS) <= set(seen) and set(seen.values()) == {"PASS"}, out
    assert code == 0


@pytest.mark.parametrize("defect", sorted(EXPECTED_FAILURES))
def test_a_broken_system_fails_its_checks(grade_os, defect):
    expected = EXPECTED_FAILURES[defect]
    selection = labs_of(expected)
    code, out = grade_os(fake_cmd(defect, shell=True), *selection, *FAST)
    failed = {name for name, status in statuses(out).items() if status == "FAIL"}
    assert failed == expected, out
    assert code == 1


def test_every_check_can_fail():
    caught = set().union(*EXPECTED_FAILURES.values())
    assert caught == set(TESTS)
