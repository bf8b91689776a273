/*
 * proc/sync.c - the semaphore set (see sync.h).
 *
 * A handful of semaphores per process family, so a linear search by key is
 * all it takes. Each wait queue is a small ring of pids: first come, first
 * woken, which keeps a philosopher from being passed over forever.
 */
#include "proc/sync.h"

#include <stddef.h>

#include "utils/todo.h"

void sem_set_init(struct sem_set *set)
{
    for (int i = 0; i < SEM_MAX_KEYS; i++)
        set->sems[i] = (struct semaphore){0};
}

/* inline: only the holes below use it, and a handout may have none of them yet. */
static inline struct semaphore *find(struct sem_set *set, uint32_t key)
{
    for (int i = 0; i < SEM_MAX_KEYS; i++)
        if (set->sems[i].used && set->sems[i].key == key)
            return &set->sems[i];
    return NULL;
}

#if YSOS_SOLVED >= 5
/*
 * A second `new` on a key behaves as in the Rust kernel, which replaces the
 * semaphore and reports that the key existed: the count becomes `value`
 * and the result is false. The Rust kernel also drops the old waiters, who
 * then wait for ever; here a semaphore with waiters keeps its count instead.
 */
bool sem_new(struct sem_set *set, uint32_t key, uint64_t value)
{
    struct semaphore *s = find(set, key);

    if (s != NULL) {
        if (s->len == 0)
            s->count = value;
        return false;
    }
    for (int i = 0; i < SEM_MAX_KEYS; i++) {
        if (!set->sems[i].used) {
            set->sems[i] = (struct semaphore){.key = key, .used = true, .count = value};
            return true;
        }
    }
    return false;
}
#else
bool sem_new(struct sem_set *set, uint32_t key, uint64_t value)
{
    /* TODO(lab 0x05): insert a new semaphore `key` with count `value` into the
     * set; false if the set is full or the key exists.
     * Guide: 0x05 tasks.md "信号量"; Rust: crates/kernel/src/proc/sync.rs SemaphoreSet::insert() */
    LAB_TODO(5, "sem_new");
    (void)set;
    (void)key;
    (void)value;
    return false;
}
#endif

#if YSOS_SOLVED >= 5
bool sem_remove(struct sem_set *set, uint32_t key)
{
    struct semaphore *s = find(set, key);

    if (s == NULL)
        return false;
    *s = (struct semaphore){0};
    return true;
}
#else
bool sem_remove(struct sem_set *set, uint32_t key)
{
    /* TODO(lab 0x05): remove semaphore `key` from the set; false if there is none.
     * Guide: 0x05 tasks.md "信号量"; Rust: crates/kernel/src/proc/sync.rs SemaphoreSet::remove() */
    LAB_TODO(5, "sem_remove");
    (void)set;
    (void)key;
    return false;
}
#endif

#if YSOS_SOLVED >= 5
enum sem_result sem_wait(struct sem_set *set, uint32_t key, uint16_t pid)
{
    struct semaphore *s = find(set, key);

    if (s == NULL)
        return SEM_NOT_EXIST;
    if (s->count > 0) {
        s->count--;
        return SEM_OK;
    }
    if (s->len == SEM_MAX_WAITERS)
        return SEM_NOT_EXIST;
    s->waiters[(s->head + s->len) % SEM_MAX_WAITERS] = pid;
    s->len++;
    return SEM_BLOCK;
}
#else
enum sem_result sem_wait(struct sem_set *set, uint32_t key, uint16_t pid)
{
    /* TODO(lab 0x05): find semaphore `key` (SEM_NOT_EXIST if there is none);
     * if its count is 0, push pid into its wait queue and return SEM_BLOCK,
     * else decrease the count and return SEM_OK.
     * Guide: 0x05 tasks.md "信号量"; Rust: crates/kernel/src/proc/sync.rs
     * Semaphore::wait(), SemaphoreSet::wait() */
    LAB_TODO(5, "sem_wait");
    (void)set;
    (void)key;
    (void)pid;
    return SEM_NOT_EXIST;
}
#endif

#if YSOS_SOLVED >= 5
enum sem_result sem_signal(struct sem_set *set, uint32_t key, uint16_t *woken)
{
    struct semaphore *s = find(set, key);

    if (s == NULL)
        return SEM_NOT_EXIST;
    if (s->len == 0) {
        if (s->count == SEM_COUNT_MAX)
            return SEM_OVERFLOW;
        s->count++;
        return SEM_OK;
    }
    *woken = s->waiters[s->head];
    s->head = (s->head + 1) % SEM_MAX_WAITERS;
    s->len--;
    return SEM_WAKE_UP;
}
#else
enum sem_result sem_signal(struct sem_set *set, uint32_t key, uint16_t *woken)
{
    /* TODO(lab 0x05): find semaphore `key` (SEM_NOT_EXIST if there is none);
     * if its wait queue is not empty, pop the first pid into *woken and return
     * SEM_WAKE_UP, else increase the count and return SEM_OK.
     * Guide: 0x05 tasks.md "信号量"; Rust: crates/kernel/src/proc/sync.rs
     * Semaphore::signal(), SemaphoreSet::signal() */
    LAB_TODO(5, "sem_signal");
    (void)set;
    (void)key;
    (void)woken;
    return SEM_NOT_EXIST;
}
#endif

/* Removes every occurrence of pid from s's queue, keeping the others in order. */
static void drop_waiter(struct semaphore *s, uint16_t pid)
{
    uint16_t kept = 0;

    for (uint16_t i = 0; i < s->len; i++) {
        uint16_t p = s->waiters[(s->head + i) % SEM_MAX_WAITERS];
        if (p != pid)
            s->waiters[(s->head + kept++) % SEM_MAX_WAITERS] = p;
    }
    s->len = kept;
}

void sem_forget(struct sem_set *set, uint16_t pid)
{
    for (int i = 0; i < SEM_MAX_KEYS; i++)
        if (set->sems[i].used)
            drop_waiter(&set->sems[i], pid);
}
