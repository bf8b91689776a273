/*
 * proc_test - the process table under pressure (grader: robustness of
 * fork, spawn, wait and kill). Every child's exit code must reach its
 * parent, however many children died before the parent asked, and a full
 * table must make fork/spawn fail cleanly.
 *
 * Reads one line at the `Case: ` prompt:
 *   zombies N   fork N children that exit at once with 1000 + i; once they
 *               are all dead, wait for each:
 *               `proc_test: zombies: 100/100 codes right`
 *   forkbomb    fork until fork() fails; the children wait on semaphores
 *               until the parent stops, then exit with 2000 + i; wait for each:
 *               `proc_test: forkbomb: 125 children, fork -1 (EAGAIN), 125/125 codes right`
 *   spawnkill   spawn /APP/IDLE until Spawn fails, kill them all, then wait
 *               for each: `proc_test: spawnkill: 125 children, 125/125 codes 0xdead`
 *   errno       what the POSIX calls say when they fail (one line each)
 * Exit code 0 when everything was right, 1 otherwise.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ysos.h>

#define MAX_CHILDREN 1024
#define GATES        8 /* semaphores the forkbomb's children wait on (at most 32 waiters each) */
#define GATE_KEY     0x50726f63
#define ZOMBIE_CODE  1000
#define BOMB_CODE    2000
#define IDLE_PATH    "/APP/IDLE"
#define SETTLE_MS    200 /* time for released children to run and exit */

static uint16_t pids[MAX_CHILDREN];
static const struct semaphore gates[GATES] = {
    SEMAPHORE(GATE_KEY + 0), SEMAPHORE(GATE_KEY + 1), SEMAPHORE(GATE_KEY + 2),
    SEMAPHORE(GATE_KEY + 3), SEMAPHORE(GATE_KEY + 4), SEMAPHORE(GATE_KEY + 5),
    SEMAPHORE(GATE_KEY + 6), SEMAPHORE(GATE_KEY + 7),
};

/* What a failed call left in errno, by name. */
static const char *errno_name(int e)
{
    switch (e) {
    case 0:
        return "errno 0";
    case EAGAIN:
        return "EAGAIN";
    case ECHILD:
        return "ECHILD";
    case ESRCH:
        return "ESRCH";
    case ENOENT:
        return "ENOENT";
    default:
        return strerror(e);
    }
}

/* How many of the first n children exited with first_code + i. */
static int codes_right(int n, long first_code)
{
    int right = 0;

    for (int i = 0; i < n; i++)
        right += sys_wait_pid(pids[i]) == first_code + i;
    return right;
}

static int zombies(int n)
{
    int made = 0;

    if (n < 1 || n > MAX_CHILDREN)
        n = 100;
    for (; made < n; made++) {
        pid_t pid = fork();
        if (pid == 0)
            sys_exit(ZOMBIE_CODE + made);
        if (pid < 0 || pid == 0xFFFF)
            break;
        pids[made] = (uint16_t)pid;
    }
    sleep(SETTLE_MS);
    int right = codes_right(made, ZOMBIE_CODE);
    printf("proc_test: zombies: %d/%d codes right\n", right, n);
    return right == n ? 0 : 1;
}

/*
 * Forks children that wait at a gate until released, until fork() fails or
 * MAX_CHILDREN; returns how many. *ret and *err: what the failing fork gave.
 */
static int fill_with_forks(long *ret, int *err)
{
    int n;

    for (int g = 0; g < GATES; g++)
        semaphore_init(&gates[g], 0);
    *ret = 0;
    *err = 0;
    for (n = 0; n < MAX_CHILDREN; n++) {
        errno = 0;
        pid_t pid = fork();
        if (pid == 0) {
            semaphore_wait(&gates[n % GATES]);
            sys_exit(BOMB_CODE + n);
        }
        if (pid < 0 || pid == 0xFFFF) { /* 0xFFFF: sys_fork's u16 of the error */
            *ret = pid;
            *err = errno;
            break;
        }
        pids[n] = (uint16_t)pid;
    }
    return n;
}

/* Lets the n gated children go, lets them exit, then collects their codes. */
static int release_forks(int n)
{
    for (int i = 0; i < n; i++)
        semaphore_signal(&gates[i % GATES]);
    sleep(SETTLE_MS);
    int right = codes_right(n, BOMB_CODE);
    for (int g = 0; g < GATES; g++)
        semaphore_free(&gates[g]);
    return right;
}

static int forkbomb(void)
{
    long ret;
    int err;
    int n = fill_with_forks(&ret, &err);
    int right = release_forks(n);

    printf("proc_test: forkbomb: %d children, fork %ld (%s), %d/%d codes right\n", n, ret,
           errno_name(err), right, n);
    return right == n && ret == -1 && err == EAGAIN ? 0 : 1;
}

static int spawnkill(void)
{
    int n, right = 0;

    for (n = 0; n < MAX_CHILDREN; n++) {
        uint16_t pid = sys_spawn(IDLE_PATH);
        if (pid == 0)
            break;
        pids[n] = pid;
    }
    for (int i = 0; i < n; i++)
        sys_kill(pids[i]);
    for (int i = 0; i < n; i++)
        right += sys_wait_pid(pids[i]) == KILLED_EXIT_CODE;
    printf("proc_test: spawnkill: %d children, %d/%d codes 0xdead\n", n, right, n);
    return n > 0 && right == n ? 0 : 1;
}

/* Prints `proc_test: WHAT: RET ERRNO`; true if that is -1 with `want`. */
static bool report(const char *what, long ret, int err, int want)
{
    printf("proc_test: %s: %ld %s\n", what, ret, errno_name(err));
    return ret == -1 && err == want;
}

static int posix_errors(void)
{
    bool ok = true;
    long ret;
    int err, status;

    int n = fill_with_forks(&ret, &err);
    ok &= report("fork at the limit", ret, err, EAGAIN);
    errno = 0;
    ret = spawn(IDLE_PATH);
    ok &= report("spawn at the limit", ret, errno, EAGAIN);
    ok &= release_forks(n) == n;
    errno = 0;
    ret = spawn("/APP/NO_SUCH");
    ok &= report("spawn of a missing program", ret, errno, ENOENT);

    /* A child that has been waited for is gone: no such child, no such process. */
    pid_t child = fork();
    if (child == 0)
        sys_exit(0);
    sys_wait_pid((uint16_t)child);
    errno = 0;
    ret = waitpid(child, &status, 0);
    ok &= report("waitpid of a reaped child", ret, errno, ECHILD);
    errno = 0;
    ret = kill(child, SIGTERM);
    ok &= report("kill of a reaped child", ret, errno, ESRCH);
    return ok ? 0 : 1;
}

int main(void)
{
    char line[64], name[16] = "";
    int n = 0;

    printf("Case: ");
    if (read_line(line, sizeof(line)) < 0)
        return 2;
    sscanf(line, "%15s %d", name, &n);
    if (strcmp(name, "zombies") == 0)
        return zombies(n);
    if (strcmp(name, "forkbomb") == 0)
        return forkbomb();
    if (strcmp(name, "spawnkill") == 0)
        return spawnkill();
    if (strcmp(name, "errno") == 0)
        return posix_errors();
    printf("proc_test: unknown case '%s'. Cases: zombies N, forkbomb, spawnkill, errno\n", name);
    return 2;
}
