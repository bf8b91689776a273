/*
 * proc/sync.h - kernel semaphores keyed by a u32 (Rust: proc/sync.rs).
 *
 * User programs name a semaphore by a number they agree on (counter uses
 * 0xdeadbeef); a process and its forked children share one set of them
 * (proc/data.c). A semaphore is a count plus a FIFO of the pids waiting for
 * it. The set only does the bookkeeping and says what must happen to a
 * process (block it, wake one up); the process manager does the switching.
 *
 * Portable (no kernel headers): tests/test_proc_sync.c runs it on the host.
 */
#ifndef PROC_SYNC_H
#define PROC_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#define SEM_MAX_KEYS    16         /* semaphores per set */
#define SEM_MAX_WAITERS 32         /* processes waiting on one semaphore */
#define SEM_COUNT_MAX   UINT64_MAX /* the largest count; a signal above it is refused */

/* What a wait or signal means for the processes involved (Rust SemaphoreResult). */
enum sem_result {
    SEM_OK,        /* done, nobody blocks or wakes */
    SEM_NOT_EXIST, /* no semaphore with that key (or its wait queue is full) */
    SEM_BLOCK,     /* wait: the caller is queued and must block */
    SEM_WAKE_UP,   /* signal: the returned pid was dequeued and must wake up */
    SEM_OVERFLOW,  /* signal: the count is SEM_COUNT_MAX already; refused, nothing changed */
};

struct semaphore {
    uint32_t key;
    bool used;
    uint64_t count;
    uint16_t waiters[SEM_MAX_WAITERS]; /* ring: FIFO of blocked pids */
    uint16_t head, len;
};

struct sem_set {
    struct semaphore sems[SEM_MAX_KEYS];
};

void sem_set_init(struct sem_set *set);

/* Creates semaphore `key` with `value`; false if the set is full, or if it
 * exists (then, with no waiters, its count becomes `value`, as in Rust). */
bool sem_new(struct sem_set *set, uint32_t key, uint64_t value);

/* Removes semaphore `key` (its waiters are forgotten); false if there is none. */
bool sem_remove(struct sem_set *set, uint32_t key);

/* P: takes one unit, or queues `pid` (SEM_BLOCK) when the count is 0. */
enum sem_result sem_wait(struct sem_set *set, uint32_t key, uint16_t pid);

/*
 * V: wakes the oldest waiter (SEM_WAKE_UP, *woken = its pid), or adds one
 * unit; SEM_OVERFLOW when the count is at SEM_COUNT_MAX (it must not wrap
 * to 0, which would block the next wait forever).
 */
enum sem_result sem_signal(struct sem_set *set, uint32_t key, uint16_t *woken);

/* Drops `pid` from every wait queue of the set (it was killed while waiting). */
void sem_forget(struct sem_set *set, uint16_t pid);

#endif
