/*
 * proc/pid.c - handing out process ids (see pid.h).
 */
#include "proc/pid.h"

#define PID_MAX 0xFFFF

void pid_allocator_init(struct pid_allocator *a)
{
    a->next = PID_KERNEL;
}

/* The id after pid: counting up, wrapping past PID_MAX to 2 (1 is the kernel's for good). */
static uint16_t following(uint16_t pid)
{
    return pid == PID_MAX ? PID_KERNEL + 1 : (uint16_t)(pid + 1);
}

uint16_t pid_alloc(struct pid_allocator *a, pid_in_use_fn in_use, void *ctx)
{
    for (uint32_t tries = 0; tries < PID_MAX; tries++) {
        uint16_t pid = a->next;
        a->next = following(pid);
        if (!in_use(pid, ctx))
            return pid;
    }
    return PID_NONE;
}
