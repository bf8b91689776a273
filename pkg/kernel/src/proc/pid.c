/*
 * proc/pid.c - handing out process ids (see pid.h).
 */
#include "proc/pid.h"

#include "utils/todo.h"

void pid_allocator_init(struct pid_allocator *a)
{
    a->next = PID_KERNEL;
}

uint16_t pid_alloc(struct pid_allocator *a, pid_in_use_fn in_use, void *ctx)
{
#if YSOS_SOLVED >= 3
    for (uint32_t tries = 0; tries < PID_LAST; tries++) {
        uint16_t pid = a->next;
        /* Counting up, wrapping past PID_LAST to 2 (1 is the kernel's for good). */
        a->next = pid >= PID_LAST ? PID_KERNEL + 1 : (uint16_t)(pid + 1);
        if (pid <= PID_LAST && !in_use(pid, ctx))
            return pid;
    }
    return PID_NONE;
#else
    /* TODO(lab 0x03): get a unique pid: the next one counting up from the
     * last (wrapping after PID_LAST to 2) that in_use(pid, ctx) says is free;
     * PID_NONE when none is.
     * Guide: 0x03 tasks.md "进程模型设计"; Rust: crates/kernel/src/proc/pid.rs ProcessId::new */
    LAB_TODO(3, "pid_alloc");
    (void)a;
    (void)in_use;
    (void)ctx;
    return PID_NONE;
#endif
}
