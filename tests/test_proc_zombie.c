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

TEST(full_table_drops_the_oldest)
{
    int64_t code = 0;

    zombie_table_init(&t);
    for (uint16_t pid = 10; pid < 10 + ZOMBIE_MAX; pid++)
        zombie_add(&t, pid, 2, pid);
    zombie_collect(&t, 12, 2, &code); /* frees a slot in the middle */
    zombie_add(&t, 500, 2, 500);      /* takes the free slot */
    CHECK(zombie_exists(&t, 10));
    zombie_add(&t, 501, 2, 501); /* full: the oldest (10) goes */
    CHECK(!zombie_exists(&t, 10));
    CHECK(zombie_exists(&t, 11));
    CHECK(zombie_collect(&t, 501, 2, &code));
    CHECK_EQ(code, 501);
}

TEST(pid_zero_is_never_a_zombie)
{
    zombie_table_init(&t);
    CHECK(!zombie_exists(&t, 0));
}

int main(void)
{
    RUN(parent_collects_once);
    RUN(others_only_read);
    RUN(orphans_are_dropped);
    RUN(full_table_drops_the_oldest);
    RUN(pid_zero_is_never_a_zombie);
    return test_summary();
}
