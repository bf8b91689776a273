/*
 * counter - 8 forked processes each add 1 to a shared counter 100 times
 * (Rust: crates/app/counter). The increment is a deliberately slow
 * read-delay-write critical section, so without the semaphore updates get
 * lost; with it the result is always 800.
 */
#include <stdio.h>

#include <ysos.h>

#define THREAD_COUNT 8
#define INCREMENTS   100

/* Shared with the children (fork shares memory). volatile: every access in
 * inc_counter really goes to memory, as the race needs. */
static volatile long counter;
static const struct semaphore mutex = SEMAPHORE(0xdeadbeef);

/* noinline: a real call between the steps of the critical section. */
static __attribute__((noinline)) void delay(void)
{
    for (int i = 0; i < 0x100; i++)
        __builtin_ia32_pause();
}

/* The critical section (keep it slow: read, wait, add, wait, write). */
static void inc_counter(void)
{
    delay();
    long value = counter;
    delay();
    value += 1;
    delay();
    counter = value;
}

#if YSOS_SOLVED >= 5
static __attribute__((noreturn)) void do_counter_inc(void)
{
    for (int i = 0; i < INCREMENTS; i++) {
        semaphore_wait(&mutex);
        inc_counter();
        semaphore_signal(&mutex);
    }
    sys_exit(0);
}
#else
static __attribute__((noreturn)) void do_counter_inc(void)
{
    /* TODO(lab 0x05): protect the critical section, inc_counter(), so that
     * the result is 800: with the semaphore `mutex` (semaphore_wait() before,
     * semaphore_signal() after), or with a spinlock shared by the processes.
     * Guide: 0x05 tasks.md "多线程计数器"; Rust: crates/app/counter main.rs do_counter_inc() */
    LAB_TODO(5, "do_counter_inc");
    for (int i = 0; i < INCREMENTS; i++)
        inc_counter();
    sys_exit(0);
}
#endif

int main(void)
{
    uint16_t pids[THREAD_COUNT];
    char pid_list[THREAD_COUNT * 8];

    semaphore_init(&mutex, 1);
    for (int i = 0; i < THREAD_COUNT; i++) {
        uint16_t pid = sys_fork();
        if (pid == 0)
            do_counter_inc();
        pids[i] = pid; /* only the parent knows its children */
    }

    uint16_t me = sys_get_pid();
    format_pid_list(pid_list, sizeof(pid_list), pids, THREAD_COUNT);
    printf("process #%u holds threads: %s\n", me, pid_list);
    sys_stat();

    for (int i = 0; i < THREAD_COUNT; i++) {
        printf("#%u Waiting for #%u...\n", me, pids[i]);
        sys_wait_pid(pids[i]);
    }
    printf("COUNTER result: %ld\n", counter);
    semaphore_free(&mutex);
    return 0;
}
