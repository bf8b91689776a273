/*
 * test_proc_sync.c - host tests of the semaphore set (proc/sync.c).
 */
#include "proc/sync.h"
#include "test.h"

static struct sem_set set;

TEST(new_and_remove)
{
    uint16_t waker;

    sem_set_init(&set);
    CHECK(sem_new(&set, 7, 1));
    CHECK(!sem_new(&set, 7, 3)); /* key taken: reported, and the count replaced (Rust) */
    CHECK_EQ(sem_wait(&set, 7, 5), SEM_OK);
    CHECK_EQ(sem_wait(&set, 7, 5), SEM_OK);
    CHECK_EQ(sem_wait(&set, 7, 5), SEM_OK);
    CHECK_EQ(sem_wait(&set, 7, 5), SEM_BLOCK);
    CHECK(!sem_new(&set, 7, 9)); /* a waiter: the count stays, nobody is stranded */
    CHECK_EQ(sem_signal(&set, 7, &waker), SEM_WAKE_UP);
    CHECK(sem_remove(&set, 7));
    CHECK(!sem_remove(&set, 7));
    CHECK(sem_new(&set, 7, 3)); /* the key is free again */
}

TEST(missing_key)
{
    uint16_t woken = 0;

    sem_set_init(&set);
    CHECK_EQ(sem_wait(&set, 1, 2), SEM_NOT_EXIST);
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_NOT_EXIST);
}

TEST(set_full)
{
    sem_set_init(&set);
    for (uint32_t k = 0; k < SEM_MAX_KEYS; k++)
        CHECK(sem_new(&set, 100 + k, 0));
    CHECK(!sem_new(&set, 999, 0));
    CHECK(sem_remove(&set, 105));
    CHECK(sem_new(&set, 999, 0));
}

TEST(count_then_block)
{
    sem_set_init(&set);
    sem_new(&set, 1, 2);
    CHECK_EQ(sem_wait(&set, 1, 10), SEM_OK);
    CHECK_EQ(sem_wait(&set, 1, 11), SEM_OK);
    CHECK_EQ(sem_wait(&set, 1, 12), SEM_BLOCK);
}

TEST(signal_at_the_largest_count_is_refused)
{
    uint16_t woken = 0;

    sem_set_init(&set);
    CHECK(sem_new(&set, 1, SEM_COUNT_MAX));
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_OVERFLOW);
    CHECK_EQ(set.sems[0].count, SEM_COUNT_MAX); /* not wrapped to 0 */
    CHECK_EQ(sem_wait(&set, 1, 10), SEM_OK);    /* so a wait does not block */
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_OK);
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_OVERFLOW);
}

TEST(thousands_of_keys)
{
    int made = 0, removed = 0;

    sem_set_init(&set);
    for (uint32_t k = 0; k < 5000; k++)
        made += sem_new(&set, 0x10000 + k, 1);
    for (uint32_t k = 0; k < 5000; k++)
        removed += sem_remove(&set, 0x10000 + k);
    CHECK_EQ(made, SEM_MAX_KEYS);
    CHECK_EQ(removed, SEM_MAX_KEYS);
}

TEST(signal_wakes_in_fifo_order)
{
    uint16_t woken = 0;

    sem_set_init(&set);
    sem_new(&set, 1, 0);
    CHECK_EQ(sem_wait(&set, 1, 3), SEM_BLOCK);
    CHECK_EQ(sem_wait(&set, 1, 4), SEM_BLOCK);
    CHECK_EQ(sem_wait(&set, 1, 5), SEM_BLOCK);
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_WAKE_UP);
    CHECK_EQ(woken, 3);
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_WAKE_UP);
    CHECK_EQ(woken, 4);
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_WAKE_UP);
    CHECK_EQ(woken, 5);
    /* Nobody waits any more: the unit is kept for the next wait. */
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_OK);
    CHECK_EQ(sem_wait(&set, 1, 6), SEM_OK);
    CHECK_EQ(sem_wait(&set, 1, 6), SEM_BLOCK);
}

TEST(ring_wraps_around)
{
    uint16_t woken = 0;

    sem_set_init(&set);
    sem_new(&set, 9, 0);
    /* One process always queued while others come and go: the ring's head
     * goes round several times. */
    CHECK_EQ(sem_wait(&set, 9, 0), SEM_BLOCK);
    for (uint16_t pid = 1; pid < 3 * SEM_MAX_WAITERS; pid++) {
        CHECK_EQ(sem_wait(&set, 9, pid), SEM_BLOCK);
        CHECK_EQ(sem_signal(&set, 9, &woken), SEM_WAKE_UP);
        CHECK_EQ(woken, pid - 1);
    }
}

TEST(queue_full_is_an_error)
{
    sem_set_init(&set);
    sem_new(&set, 1, 0);
    for (int i = 0; i < SEM_MAX_WAITERS; i++)
        CHECK_EQ(sem_wait(&set, 1, (uint16_t)(i + 2)), SEM_BLOCK);
    CHECK_EQ(sem_wait(&set, 1, 99), SEM_NOT_EXIST);
}

TEST(forget_a_killed_waiter)
{
    uint16_t woken = 0;

    sem_set_init(&set);
    sem_new(&set, 1, 0);
    sem_new(&set, 2, 0);
    sem_wait(&set, 1, 3);
    sem_wait(&set, 1, 4);
    sem_wait(&set, 1, 5);
    sem_wait(&set, 2, 4);
    sem_forget(&set, 4);
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_WAKE_UP);
    CHECK_EQ(woken, 3);
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_WAKE_UP);
    CHECK_EQ(woken, 5);
    CHECK_EQ(sem_signal(&set, 1, &woken), SEM_OK);
    CHECK_EQ(sem_signal(&set, 2, &woken), SEM_OK); /* 4 is no longer queued there */
}

int main(void)
{
    RUN(new_and_remove);
    RUN(missing_key);
    RUN(set_full);
    RUN(count_then_block);
    RUN(signal_at_the_largest_count_is_refused);
    RUN(thousands_of_keys);
    RUN(signal_wakes_in_fifo_order);
    RUN(ring_wraps_around);
    RUN(queue_full_is_an_error);
    RUN(forget_a_killed_waiter);
    return test_summary();
}
