/*
 * dinner - the dining philosophers (Rust: crates/app/dining).
 *
 * Five forked philosophers think and eat 100 times each. Each chopstick is
 * a semaphore; the waiter semaphore lets at most four sit down at once, so
 * at least one of them can always pick up both chopsticks: no deadlock.
 * Every meal is counted in shared memory (each philosopher writes only its
 * own slot) and the parent checks that all 500 meals were eaten.
 */
#include <stdio.h>

#include <ysos.h>

#define PHILOSOPHERS 5
#define MEALS        100

static const struct semaphore chopstick[PHILOSOPHERS] = {
    SEMAPHORE(0), SEMAPHORE(1), SEMAPHORE(2), SEMAPHORE(3), SEMAPHORE(4),
};
static const struct semaphore waiter = SEMAPHORE(64);
static volatile int meals_eaten[PHILOSOPHERS];

static __attribute__((noinline)) void delay(void)
{
    for (int i = 0; i < 100; i++)
        __builtin_ia32_pause();
}

static __attribute__((noreturn)) void philosopher(int id)
{
    const struct semaphore *left = &chopstick[id];
    const struct semaphore *right = &chopstick[(id + 1) % PHILOSOPHERS];
    uint16_t pid = sys_get_pid();

    for (int meal = 0; meal < MEALS; meal++) {
        printf("philosopher #%d (%u) is thinking...\n", id, pid);
        delay();

        semaphore_wait(&waiter);
        semaphore_wait(left);
        semaphore_wait(right);
        printf("philosopher #%d (%u) is eating...\n", id, pid);
        meals_eaten[id]++;
        semaphore_signal(right);
        semaphore_signal(left);
        semaphore_signal(&waiter);
    }
    sys_exit(0);
}

static void free_semaphores(void)
{
    for (int i = 0; i < PHILOSOPHERS; i++)
        semaphore_free(&chopstick[i]);
    semaphore_free(&waiter);
}

int main(void)
{
    uint16_t pids[PHILOSOPHERS];
    char pid_list[PHILOSOPHERS * 8];

    semaphore_init(&waiter, PHILOSOPHERS - 1);
    for (int i = 0; i < PHILOSOPHERS; i++)
        semaphore_init(&chopstick[i], 1);

    for (int i = 0; i < PHILOSOPHERS; i++) {
        uint16_t pid = sys_fork();
        if (pid == 0)
            philosopher(i);
        pids[i] = pid;
    }

    uint16_t me = sys_get_pid();
    format_pid_list(pid_list, sizeof(pid_list), pids, PHILOSOPHERS);
    printf("#%u holds threads: %s\n", me, pid_list);
    sys_stat();

    for (int i = 0; i < PHILOSOPHERS; i++) {
        printf("#%u Waiting for #%u...\n", me, pids[i]);
        sys_wait_pid(pids[i]);
    }

    int total = 0;
    for (int i = 0; i < PHILOSOPHERS; i++) {
        printf("philosopher #%d ate %d meals\n", i, meals_eaten[i]);
        total += meals_eaten[i];
    }
    printf("Total meals: %d\n", total);
    free_semaphores();
    return total == PHILOSOPHERS * MEALS ? 0 : 1;
}
