/*
 * mq - bounded producer/consumer queue (Rust: crates/app/mq).
 *
 * 16 forked processes: even ones produce 10 items each, odd ones consume
 * 10 each. `is_not_full` counts free slots, `is_not_empty` counts items and
 * `mutex` guards the shared count, which therefore stays within 0..16 and
 * returns to 0 at the end.
 */
#include <stdio.h>

#include <ysos.h>

#define QUEUE_COUNT 16
#define ITEMS_EACH  10

static volatile int count; /* items in the queue, shared by all processes */

static const struct semaphore is_not_full = SEMAPHORE(0x1000);
static const struct semaphore is_not_empty = SEMAPHORE(0x2000);
static const struct semaphore mutex = SEMAPHORE(0x6666);

static __attribute__((noinline)) void delay(void)
{
    for (int i = 0; i < 0x100; i++)
        __builtin_ia32_pause();
}

static __attribute__((noreturn)) void producer(int id)
{
    uint16_t pid = sys_get_pid();

    printf("New producer #%d(%u)\n", id, pid);
    for (int i = 0; i < ITEMS_EACH; i++) {
        delay();
        semaphore_wait(&is_not_full);
        semaphore_wait(&mutex);
        count++;
        printf("Produced by #%-3d(%-3u) count=%d\n", id, pid, count);
        semaphore_signal(&mutex);
        semaphore_signal(&is_not_empty);
    }
    sys_exit(0);
}

static __attribute__((noreturn)) void consumer(int id)
{
    uint16_t pid = sys_get_pid();

    printf("New consumer #%d(%u)\n", id, pid);
    for (int i = 0; i < ITEMS_EACH; i++) {
        delay();
        semaphore_wait(&is_not_empty);
        semaphore_wait(&mutex);
        count--;
        printf("Consumed by #%-3d(%-3u) count=%d\n", id, pid, count);
        semaphore_signal(&mutex);
        semaphore_signal(&is_not_full);
    }
    sys_exit(0);
}

int main(void)
{
    uint16_t pids[QUEUE_COUNT];
    char pid_list[QUEUE_COUNT * 8];

    semaphore_init(&is_not_empty, 0);
    semaphore_init(&is_not_full, QUEUE_COUNT);
    semaphore_init(&mutex, 1);

    for (int i = 0; i < QUEUE_COUNT; i++) {
        uint16_t pid = sys_fork();
        if (pid == 0) {
            if (i % 2 == 0)
                producer(i);
            else
                consumer(i);
        }
        pids[i] = pid;
    }

    uint16_t me = sys_get_pid();
    format_pid_list(pid_list, sizeof(pid_list), pids, QUEUE_COUNT);
    printf("#%u holds threads: %s\n", me, pid_list);
    sys_stat();

    for (int i = 0; i < QUEUE_COUNT; i++) {
        printf("#%u Waiting for #%u...\n", me, pids[i]);
        sys_wait_pid(pids[i]);
    }

    semaphore_free(&mutex);
    semaphore_free(&is_not_empty);
    semaphore_free(&is_not_full);
    printf("Final count: %d\n", count);
    return count == 0 ? 0 : 1;
}
