/*
 * test_proc_pid.c - host tests of the pid allocator (proc/pid.c).
 */
#include "proc/pid.h"
#include "test.h"

#include <string.h>

static bool used[65536];

static bool is_used(uint16_t pid, void *ctx)
{
    (void)ctx;
    return used[pid];
}

/* Allocates like the process manager: the pid is in use from now on. */
static uint16_t take(struct pid_allocator *a)
{
    uint16_t pid = pid_alloc(a, is_used, NULL);
    used[pid] = true;
    return pid;
}

TEST(kernel_first_then_counting_up)
{
    struct pid_allocator a;

    memset(used, 0, sizeof(used));
    pid_allocator_init(&a);
    CHECK_EQ(take(&a), PID_KERNEL);
    CHECK_EQ(take(&a), 2);
    CHECK_EQ(take(&a), 3);
}

TEST(freed_pid_not_reused_at_once)
{
    struct pid_allocator a;

    memset(used, 0, sizeof(used));
    pid_allocator_init(&a);
    take(&a);
    uint16_t p = take(&a);
    used[p] = false; /* the process ended */
    CHECK(take(&a) != p);
}

TEST(wraps_to_two_and_skips_live_pids)
{
    struct pid_allocator a;

    memset(used, 0, sizeof(used));
    pid_allocator_init(&a);
    used[2] = used[3] = true; /* still running */
    a.next = 0xFFFE;
    CHECK_EQ(take(&a), 0xFFFE);
    /* 0xFFFF (fork's error as a u16), 0 (no process) and 1 (the kernel)
     * are never handed out, even when free; 2 and 3 are taken. */
    CHECK_EQ(take(&a), 4);
}

TEST(never_0xffff)
{
    struct pid_allocator a;

    memset(used, 1, sizeof(used));
    used[0xFFFF] = false;
    pid_allocator_init(&a);
    CHECK_EQ(pid_alloc(&a, is_used, NULL), PID_NONE);
    a.next = 0xFFFF; /* even if asked to start there */
    CHECK_EQ(pid_alloc(&a, is_used, NULL), PID_NONE);
}

TEST(all_taken)
{
    struct pid_allocator a;

    memset(used, 1, sizeof(used));
    pid_allocator_init(&a);
    CHECK_EQ(pid_alloc(&a, is_used, NULL), PID_NONE);
    used[777] = false;
    CHECK_EQ(pid_alloc(&a, is_used, NULL), 777);
}

int main(void)
{
    RUN(kernel_first_then_counting_up);
    RUN(freed_pid_not_reused_at_once);
    RUN(wraps_to_two_and_skips_live_pids);
    RUN(all_taken);
    RUN(never_0xffff);
    return test_summary();
}
