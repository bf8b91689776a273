/*
 * test_proc_zombie.c - host tests of the uncollected exit codes (proc/zombie.c).
 */
#include "proc/zombie.h"
#include "test.h"

static struct zombie_table t;

TEST(parent_collects_once)
{
    int64_t code = 0;

    zombie_table_init(&t);
    zombie_add(&t, 5, 2, 233);
    CHECK(zombie_exists(&t, 5));
    CHECK(zombie_collect(&t, 5, 2, &code));
    CHECK_EQ(code, 233);
    CHECK(!zombie_exists(&t, 5));
    CHECK(!zombie_collect(&t, 5, 2, &code));
}

TEST(others_only_read)
{
    int64_t code = 0;

    zombie_table_init(&t);
    zombie_add(&t, 5, 2, -142);
    CHECK(zombie_collect(&t, 5, 9, &code));
    CHECK_EQ(code, -142);
    CHECK(zombie_exists(&t, 5)); /* still there for the parent */
    CHECK(zombie_collect(&t, 5, 2, &code));
    CHECK(!zombie_exists(&t, 5));
}

TEST(orphans_are_dropped)
{
    zombie_table_init(&t);
    zombie_add(&t, 5, 2, 0);
    zombie_add(&t, 6, 2, 0);
    zombie_add(&t, 7, 3, 0);
    zombie_orphan(&t, 2);
    CHECK(!zombie_exists(&t, 5));
    CHECK(!zombie_exists(&t, 6));
    CHECK(zombie_exists(&t, 7));
}

TEST(hundreds_kept_until_collected)
{
    int64_t code = 0;
    int right = 0;

    zombie_table_init(&t);
    for (uint16_t pid = 10; pid < 10 + 250; pid++)
        CHECK(zombie_add(&t, pid, 2, 1000 + pid));
    CHECK_EQ(zombie_count(&t), 250);
    for (uint16_t pid = 10; pid < 10 + 250; pid++)
        right += zombie_collect(&t, pid, 2, &code) && code == 1000 + pid;
    CHECK_EQ(right, 250);
    CHECK_EQ(zombie_count(&t), 0);
}

TEST(full_table_refuses_and_drops_nothing)
{
    int64_t code = 0;

    zombie_table_init(&t);
    for (uint16_t pid = 10; pid < 10 + ZOMBIE_MAX; pid++)
        CHECK(zombie_add(&t, pid, 2, pid));
    CHECK(!zombie_add(&t, 501, 2, 501)); /* full: refused ... */
    CHECK(!zombie_exists(&t, 501));
    for (uint16_t pid = 10; pid < 10 + ZOMBIE_MAX; pid++) /* ... and nobody's code is lost */
        CHECK(zombie_exists(&t, pid));
    zombie_collect(&t, 12, 2, &code); /* frees a slot in the middle */
    CHECK(zombie_add(&t, 500, 2, 500));
    CHECK(zombie_collect(&t, 500, 2, &code));
    CHECK_EQ(code, 500);
}

TEST(room_counts_live_processes_and_codes)
{
    zombie_table_init(&t);
    CHECK(zombie_room(&t, ZOMBIE_MAX - 1));
    CHECK(!zombie_room(&t, ZOMBIE_MAX));
    zombie_add(&t, 5, 2, 0);
    zombie_add(&t, 6, 2, 0);
    CHECK(zombie_room(&t, ZOMBIE_MAX - 3));
    CHECK(!zombie_room(&t, ZOMBIE_MAX - 2));
    zombie_orphan(&t, 2); /* the parent died: both slots free again */
    CHECK_EQ(zombie_count(&t), 0);
    CHECK(zombie_room(&t, ZOMBIE_MAX - 1));
}

TEST(pid_zero_is_never_a_zombie)
{
    zombie_table_init(&t);
    CHECK(!zombie_add(&t, 0, 2, 0));
    CHECK(!zombie_exists(&t, 0));
}

int main(void)
{
    RUN(parent_collects_once);
    RUN(others_only_read);
    RUN(orphans_are_dropped);
    RUN(hundreds_kept_until_collected);
    RUN(full_table_refuses_and_drops_nothing);
    RUN(room_counts_live_processes_and_codes);
    RUN(pid_zero_is_never_a_zombie);
    return test_summary();
}
