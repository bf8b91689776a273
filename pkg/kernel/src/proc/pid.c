/*
 * proc/pid.c - handing out process ids (see pid.h).
 */
#include "proc/pid.h"

void pid_allocator_init(struct pid_allocator *a)
{
    a->next = PID_KERNEL;
}

/* The id after pid: counting up, wrapping past PID_LAST to 2 (1 is the kernel's for good). */
static uint16_t following(uint16_t pid)
{
    return pid >= PID_LAST ? PID_KERNEL + 1 : (uint16_t)(pid + 1);
}

uint16_t pid_alloc(struct pid_allocator *a, pid_in_use_fn in_use, void *ctx)
{
    for (uint32_t tries = 0; tries < PID_LAST; tries++) {
        uint16_t pid = a->next;
        a->next = following(pid);
        if (pid <= PID_LAST && !in_use(pid, ctx))
            return pid;
    }
    return PID_NONE;
}
