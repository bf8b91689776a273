/*
 * proc/sem.c - the Sem syscall (lab 0x05): the semaphore set of the
 * caller's process family (sync.c) plus blocking and waking processes.
 */
#include "proc/proc.h"

#include <stddef.h>

#include "proc/manager.h"
#include "proc/sync.h"
#include "syscall/syscall.h"
#include "utils/todo.h"

/* Wakes the process sem_signal dequeued, with `result` in its rax. */
static void wake_sem_waiter(uint16_t pid, uint64_t result)
{
    struct process *p = manager_find(pid);

    if (p != NULL && p->status == PROC_BLOCKED && p->wait == WAIT_SEMAPHORE)
        manager_wake(p, result);
}

/* Removes a semaphore; its waiters wake up with "failed" (1). */
static uint64_t sem_delete(struct sem_set *sems, uint32_t key)
{
    uint16_t waiter;

    while (sem_signal(sems, key, &waiter) == SEM_WAKE_UP)
        wake_sem_waiter(waiter, 1);
    return sem_remove(sems, key) ? 0 : 1;
}

/*
 * Sem signal: wakes the oldest waiter, or counts one more. 0, or 1 if there
 * is no such semaphore or its count is already SEM_COUNT_MAX (refused).
 */
static uint64_t sem_up(struct sem_set *sems, uint32_t key)
{
    uint16_t woken;

    switch (sem_signal(sems, key, &woken)) {
    case SEM_WAKE_UP:
        wake_sem_waiter(woken, 0);
        return 0;
    case SEM_OK:
        return 0;
    default:
        return 1;
    }
}

#if YSOS_SOLVED >= 5
/* Sem wait: takes one, or blocks until signalled (the result is then 0). */
static void sem_down(struct trap_frame *tf, struct sem_set *sems, uint32_t key)
{
    enum sem_result r = sem_wait(sems, key, proc_current_pid());

    tf->rax = r == SEM_NOT_EXIST ? 1 : 0;
    if (r == SEM_BLOCK)
        manager_block_current(tf, WAIT_SEMAPHORE, key);
}
#else
static void sem_down(struct trap_frame *tf, struct sem_set *sems, uint32_t key)
{
    /* TODO(lab 0x05): Sem wait: sem_wait() for the current pid; rax = 0, or 1
     * if there is no such semaphore; when it says SEM_BLOCK, save the caller,
     * block it (waiting on `key`) and switch to the next process.
     * Guide: 0x05 tasks.md "信号量"; Rust: crates/kernel/src/proc/mod.rs sem_wait() */
    (void)sems;
    (void)key;
    LAB_TODO(5, "sem_down");
    tf->rax = 1;
}
#endif

void proc_sem(struct trap_frame *tf, uint64_t op, uint32_t key, uint64_t value)
{
    struct process_data *data = manager_current()->data;
    /* Made on the first SEM_NEW; before that every other operation finds nothing. */
    struct sem_set *sems = op == SEM_NEW ? process_data_sems(data) : data->sems;

    if (op > SEM_WAIT) {
        tf->rax = SYSCALL_ERROR;
        return;
    }
    if (sems == NULL) {
        tf->rax = 1;
        return;
    }
    switch (op) {
    case SEM_NEW:
        tf->rax = sem_new(sems, key, value) ? 0 : 1;
        break;
    case SEM_REMOVE:
        tf->rax = sem_delete(sems, key);
        break;
    case SEM_SIGNAL:
        tf->rax = sem_up(sems, key);
        break;
    default:
        sem_down(tf, sems, key);
        break;
    }
}
