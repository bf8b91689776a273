"""Lab 5 (fork and synchronisation): the lab's programs give the right
answers every time, every item and meal is accounted for, and the forked
children are gone from `ps` afterwards.

These tests share their own machine ("lab5"), so they run in parallel with
the lab 3/4 ones under -j.
"""
import re
import time
from collections import Counter

from grader import markers, shell
from grader.registry import test
from grader.stages import USER

POOL = "lab5"
# Nominal seconds for one of the multi-process programs (1000 lines of output
# under TCG).
LONG_RUN = 120
COUNTER_RUNS = 3
MQ_PROCESSES, MQ_ITEMS, MQ_SLOTS = 16, 10, 16
PHILOSOPHERS, MEALS = 5, 100
FORK_LINES = ("I am the parent process", "I am the child process",
              "child read value of M: 0xdeadbeef", "child changed the value of M: 0x2333",
              "Child exited with status 64", "parent read value of M: 0x2333")
MUTEX_KINDS = ("SPIN", "SEMA")


def expect_line(m, result, text):
    shell.expect_in(m, result, re.compile("^" + re.escape(text) + markers.EOL, re.M), repr(text))


def expect_same_processes(m, before, what):
    """`ps` lists exactly the pids it listed before (children reaped)."""
    after = shell.ps(m)
    if shell.pids(after) != shell.pids(before):
        m.fail(f"{what}: `ps` lists pids {shell.pids(after)}, before {shell.pids(before)}")


def matches(m, result, rx):
    return list(rx.finditer(m.log, result.start, result.end))


@test("5", boot=USER, machine=POOL)
def fork_test(m):
    """fork_test: child and parent lines, shared M, stack copied, exit code 1056"""
    before = shell.ps(m)
    result = shell.run_ok(m, "fork_test", markers.FORK_TEST_EXIT)
    for line in FORK_LINES:
        expect_line(m, result, line)
    expect_same_processes(m, before, "after fork_test")


@test("5", boot=USER, machine=POOL)
def counter_three_runs(m):
    """counter: `COUNTER result: 800` in three runs in a row"""
    before = shell.ps(m)
    for i in range(1, COUNTER_RUNS + 1):
        result = shell.run_ok(m, "counter", 0, timeout=LONG_RUN)
        value = int(shell.expect_in(m, result, markers.COUNTER_RESULT, "`COUNTER result`")[1])
        if value != 800:
            m.fail(f"run {i} of counter: COUNTER result {value}, expected 800")
    expect_same_processes(m, before, "after counter")


def per_id(found):
    return Counter(int(x[1]) for x in found)


@test("5", boot=USER, machine=POOL)
def mq_every_item(m):
    """mq: each of 8 producers and 8 consumers handles 10 items, count stays 0..16, ends 0"""
    before = shell.ps(m)
    result = shell.run_ok(m, "mq", 0, timeout=LONG_RUN)
    final = int(shell.expect_in(m, result, markers.MQ_FINAL, "`Final count`")[1])
    produced = matches(m, result, markers.MQ_PRODUCED)
    consumed = matches(m, result, markers.MQ_CONSUMED)
    want_p = {i: MQ_ITEMS for i in range(0, MQ_PROCESSES, 2)}
    want_c = {i: MQ_ITEMS for i in range(1, MQ_PROCESSES, 2)}
    if per_id(produced) != want_p or per_id(consumed) != want_c:
        m.fail(f"items per producer {dict(per_id(produced))}, per consumer "
               f"{dict(per_id(consumed))}; expected {MQ_ITEMS} each")
    bad = [int(x[2]) for x in produced + consumed if not 0 <= int(x[2]) <= MQ_SLOTS]
    if bad or final != 0:
        m.fail(f"queue count out of 0..{MQ_SLOTS} ({bad[:5]}) or final count {final} != 0")
    expect_same_processes(m, before, "after mq")


@test("5", boot=USER, machine=POOL)
def dinner_every_meal(m):
    """dinner: 5 philosophers eat 100 meals each, `Total meals: 500`"""
    before = shell.ps(m)
    result = shell.run_ok(m, "dinner", 0, timeout=LONG_RUN)
    total = int(shell.expect_in(m, result, markers.DINNER_TOTAL, "`Total meals`")[1])
    ate = {int(x[1]): int(x[2]) for x in matches(m, result, markers.DINNER_ATE)}
    eating = per_id(matches(m, result, markers.DINNER_EATING))
    want = {i: MEALS for i in range(PHILOSOPHERS)}
    if total != PHILOSOPHERS * MEALS or ate != want or eating != want:
        m.fail(f"Total meals {total}, `ate` lines {ate}, `is eating` lines {dict(eating)}; "
               f"expected {MEALS} for each of {PHILOSOPHERS}")
    expect_same_processes(m, before, "after dinner")


def mutex_story(m, result, kind):
    """The mother holds the lock while she is away: the boy comes after."""
    start = shell.expect_in(m, result, rf"^Mother - {kind} : Start to make cheese burger, "
                            r"there are 0 cheese burger now" + markers.EOL,
                            f"mother's {kind} start")
    back = shell.expect_in(m, result, rf"^Mother - {kind} : Oh, Jesus! There are 10 cheese "
                           r"burgers" + markers.EOL, f"mother's {kind} `There are 10`")
    boy = shell.expect_in(m, result, rf"^Boy    - {kind} : Look what I found!" + markers.EOL,
                          f"the boy's {kind} line")
    if not start.start() < back.start() < boy.start():
        m.fail(f"{kind}: the boy took the burgers while the mother held the lock")


@test("5", boot=USER, machine=POOL)
def mutex_lock_order(m):
    """mutex: with a spin lock and with a semaphore the boy waits for the mother"""
    before = shell.ps(m)
    result = shell.run_ok(m, "mutex", 0, timeout=LONG_RUN)
    for kind in MUTEX_KINDS:
        mutex_story(m, result, kind)
    expect_same_processes(m, before, "after mutex")


def wait_until_pids(m, want, timeout):
    """`ps` until it lists exactly `want` (background processes finishing);
    each try is a real command, so this waits on output, not on a clock."""
    deadline = time.monotonic() + timeout * m.timeout_scale
    while True:
        table = shell.ps(m)
        if shell.pids(table) == want:
            return table
        if time.monotonic() > deadline:
            m.fail(f"background processes still listed after {timeout}s: {shell.pids(table)}")


@test("5", boot=USER, machine=POOL)
def nohup_background(m):
    """`nohup mutex`: runs in the background, listed by `ps` as the shell's child, then gone"""
    before = shell.ps(m)
    sh = shell.shell_row(before)
    at = m.position
    output = shell.command(m, "nohup mutex")
    started = markers.nohup_started("mutex").search(output)
    if not started:
        m.fail(f"no `程序 'mutex' 已在后台运行, 进程ID: N` line: {output.strip()[:200]!r}")
    pid = int(started[1])
    row = shell.row(shell.ps(m), pid)
    if row is None or (sh and row["ppid"] != sh["pid"]) or row["name"].lower() != "mutex":
        m.fail(f"`ps` right after nohup: row of pid {pid} is {row}")
    for kind in MUTEX_KINDS:
        # Not at a line start: background output may follow the shell's prompt.
        m.expect_logged(rf"Boy    - {kind} : Look what I found!" + markers.EOL, LONG_RUN, after=at)
    wait_until_pids(m, shell.pids(before), LONG_RUN)


# ---- many processes: every exit code reaches its parent ------------------------------------

ZOMBIES = 100
MIN_CHILDREN = 100  # the documented table holds 128 processes: 125 children at the prompt
PROC_TEST_TIMEOUT = 300  # nominal seconds: 125 programs spawned from the disk under TCG


def proc_test(m, case):
    """`run proc_test` with `case` typed at its `Case: ` prompt."""
    return shell.run(m, "proc_test", [(markers.PROC_TEST_PROMPT, case)], timeout=PROC_TEST_TIMEOUT)


@test("5", boot=USER, machine=POOL)
def zombies_all_collected(m):
    """proc_test: 100 children exit before their parent waits; all 100 codes collected"""
    before = shell.ps(m)
    result = proc_test(m, f"zombies {ZOMBIES}")
    found = shell.expect_in(m, result, markers.PROC_ZOMBIES, "the `zombies: N/N codes right` line")
    if (int(found[1]), int(found[2]), result.code) != (ZOMBIES, ZOMBIES, 0):
        m.fail(f"proc_test zombies {ZOMBIES}: {found[1]} of {found[2]} exit codes collected "
               f"(exit code {result.code})")
    shell.expect_idle(m, before, f"after proc_test zombies {ZOMBIES}", memory=False)


@test("5", boot=USER, machine=POOL)
def spawn_kill_codes(m):
    """proc_test: spawn idle until the table is full, kill all, each waitpid gives 0xdead"""
    before = shell.ps(m)
    result = proc_test(m, "spawnkill")
    found = shell.expect_in(m, result, markers.PROC_SPAWNKILL, "the `spawnkill: N children` line")
    count, right = int(found[1]), int(found[2])
    if count < MIN_CHILDREN or right != count or result.code != 0:
        m.fail(f"proc_test spawnkill: {count} children spawned (want >= {MIN_CHILDREN}), "
               f"{right} of them reported 0xdead to waitpid (exit code {result.code})")
    shell.expect_idle(m, before, "after proc_test spawnkill", memory=False)


@test("5", boot=USER, machine=POOL)
def sem_count_limit(m):
    """sem_test: a signal at count 2^64-1 is refused, the wait after it returns; many keys"""
    before = shell.ps(m)
    result = shell.run(m, "sem_test", timeout=LONG_RUN)
    done = shell.expect_in(m, result, markers.SEM_TEST_DONE, "the `sem_test: done` line")
    wrong = [f"{c[1]}: {c[2]} (want {c[3]})" for c in matches(m, result, markers.SEM_TEST_CHECK)
             if c[2] != c[3]]
    if wrong or int(done[1]) != 0 or result.code != 0:
        m.fail(f"sem_test: {'; '.join(wrong) or 'no wrong check printed'} "
               f"({done[1]} problems, exit code {result.code})")
    shell.expect_idle(m, before, "after sem_test", memory=False)
