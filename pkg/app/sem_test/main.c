/*
 * sem_test - the edges of the kernel semaphores (Sem syscall, op 0-3):
 *   - a semaphore made with the largest count (2^64 - 1) refuses a signal
 *     (result 1) instead of wrapping to 0, so the next wait does not block;
 *     after that wait one signal fits again, the next is refused;
 *   - making thousands of keys fails cleanly once the set is full, and
 *     every key made can be removed;
 *   - wait and signal on a key that does not exist return 1 at once.
 * Each check prints `sem_test: WHAT: GOT (want WANT)`; the last line is
 * `sem_test: done, N problems` and the exit code is 0 only for N = 0.
 * A wait that blocks is done by a forked child, so a wrong count shows as
 * `blocked` (the child is then killed) instead of hanging the test.
 */
#include <stdio.h>

#include <ysos.h>

#include "syscall_asm.h"

#define KEY         0x5e3a
#define MANY_KEYS   5000
#define FIRST_KEY   0x10000
#define MISSING_KEY 0x7777777
#define WAIT_MS     1000

static volatile int waited; /* set by the child (fork shares memory) */
static int problems;

static uint64_t sem(enum sem_op op, uint32_t key, uint64_t value)
{
    return syscall3(SYS_SEM, op, key, value);
}

static void check(const char *what, uint64_t got, uint64_t want)
{
    printf("sem_test: %s: %lu (want %lu)\n", what, (unsigned long)got, (unsigned long)want);
    problems += got != want;
}

/* A child waits on KEY; 1 if that returned within WAIT_MS, else 0 (the child is killed). */
static uint64_t wait_returns(void)
{
    uint16_t child;

    waited = 0;
    child = sys_fork();
    if (child == 0) {
        sem(SEM_WAIT, KEY, 0);
        waited = 1;
        sys_exit(0);
    }
    for (int ms = 0; !waited && ms < WAIT_MS; ms += 10)
        sleep(10);
    if (!waited)
        sys_kill(child);
    sys_wait_pid(child);
    return waited;
}

static void count_limit(void)
{
    sem(SEM_REMOVE, KEY, 0);
    check("new at 2^64-1", sem(SEM_NEW, KEY, UINT64_MAX), 0);
    check("signal at 2^64-1 refused", sem(SEM_SIGNAL, KEY, 0), 1);
    check("wait after it returned", wait_returns(), 1);
    check("signal back to 2^64-1", sem(SEM_SIGNAL, KEY, 0), 0);
    check("signal above 2^64-1 refused", sem(SEM_SIGNAL, KEY, 0), 1);
    check("remove", sem(SEM_REMOVE, KEY, 0), 0);
}

static void many_keys(void)
{
    int made = 0, removed = 0;

    for (uint32_t k = 0; k < MANY_KEYS; k++)
        made += sem(SEM_NEW, FIRST_KEY + k, 1) == 0;
    for (uint32_t k = 0; k < MANY_KEYS; k++)
        removed += sem(SEM_REMOVE, FIRST_KEY + k, 0) == 0;
    printf("sem_test: %d keys tried, %d made\n", MANY_KEYS, made);
    check("some keys made", made > 0, 1);
    check("keys removed = keys made", removed, made);
}

int main(void)
{
    count_limit();
    many_keys();
    check("wait on a missing key", sem(SEM_WAIT, MISSING_KEY, 0), 1);
    check("signal on a missing key", sem(SEM_SIGNAL, MISSING_KEY, 0), 1);
    printf("sem_test: done, %d problems\n", problems);
    return problems == 0 ? 0 : 1;
}
