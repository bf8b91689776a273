"""Robustness of the process table: fork bombs and failing POSIX calls.

- a fork bomb (fork until fork() fails, then reap every child), twice: the
  failing fork() says -1 with errno EAGAIN, both rounds reach the same
  count, every exit code arrives, and Memory is back exactly after each;
- the POSIX calls' failures as newlib programs see them: fork and spawn at
  the limit (-1, EAGAIN), spawn of a missing program (-1, ENOENT), waitpid
  and kill of a child already reaped (-1, ECHILD / ESRCH).
Each ends with `ps`: the same processes and the same Memory line as before.
"""
from grader import markers, shell
from grader.registry import test
from grader.suites.sync import MIN_CHILDREN, proc_test

POOL = "robust_proc"
BOMB_ROUNDS = 2
ERRNO_CASES = (
    ("fork at the limit", "EAGAIN"),
    ("spawn at the limit", "EAGAIN"),
    ("spawn of a missing program", "ENOENT"),
    ("waitpid of a reaped child", "ECHILD"),
    ("kill of a reaped child", "ESRCH"),
)


@test("robust", machine=POOL)
def fork_bomb_twice(m):
    """proc_test forkbomb twice: fork() -1/EAGAIN at the same count, every code right, memory back"""
    before = shell.ps(m)
    counts = []
    for round_no in range(1, BOMB_ROUNDS + 1):
        result = proc_test(m, "forkbomb")
        found = shell.expect_in(m, result, markers.PROC_FORKBOMB, "the `forkbomb: N children` line")
        count, ret, err, right = int(found[1]), int(found[2]), found[3], int(found[4])
        if count < MIN_CHILDREN or right != count or (ret, err) != (-1, "EAGAIN") or result.code:
            m.fail(f"fork bomb round {round_no}: {count} children (want >= {MIN_CHILDREN}), the "
                   f"failing fork() gave {ret} ({err}), want -1 (EAGAIN); {right} of {count} "
                   f"exit codes right (exit code {result.code})")
        shell.expect_idle(m, before, f"after fork bomb round {round_no}")
        counts.append(count)
    if len(set(counts)) != 1:
        m.fail(f"the fork bombs made {counts} children: the second round differs from the first")


@test("robust", machine=POOL)
def posix_error_results(m):
    """proc_test errno: fork/spawn at the limit, spawn missing, waitpid/kill reaped: -1 + errno"""
    before = shell.ps(m)
    result = proc_test(m, "errno")
    wrong = []
    for what, want in ERRNO_CASES:
        found = markers.proc_errno(what).search(m.log, result.start, result.end)
        if found is None:
            wrong.append(f"{what}: not printed")
        elif (int(found[1]), found[2]) != (-1, want):
            wrong.append(f"{what}: {found[1]} {found[2]}, want -1 {want}")
    if wrong or result.code != 0:
        m.fail(f"proc_test errno: {'; '.join(wrong) or 'all right'} (exit code {result.code})")
    shell.expect_idle(m, before, "after proc_test errno")
