/*
 * proc/proc.c - the process operations behind the timer, the kernel
 * threads and kernel_main (see proc.h; lab 0x03). Those behind user
 * programs' syscalls are in user.c (lab 0x04), fork.c and sem.c (lab 0x05).
 * Every function runs with interrupts off.
 */
#include "proc/proc.h"

#include <stddef.h>

#include "arch/x86.h"
#include "interrupt/consts.h"
#include "interrupt/interrupt.h"
#include "proc/kthread.h"
#include "proc/manager.h"
#include "proc/pid.h"
#include "utils/logger.h"
#include "utils/panic.h"
#include "utils/todo.h"
#if YSOS_LAB >= 4
#include "proc/user.h"
#endif

static void yield_interrupt(struct trap_frame *tf)
{
    manager_yield(tf);
}

void proc_init(const struct boot_info *bi)
{
    struct process *kernel = process_new(PID_KERNEL, PID_NONE, "kernel");

    fpu_init();
    if (kernel == NULL || vm_init_kernel(&kernel->vm, bi) != 0)
        panic("out of memory for the kernel process");
    fpu_state_init(&kernel->fx);
#if YSOS_LAB >= 4
    proc_user_init(bi);
#endif
    manager_init(kernel);
    interrupt_set_handler(VECTOR_YIELD, yield_interrupt);
    kthread_init();
    log_info("Process Manager Initialized.");
}

void proc_wait_kernel(uint16_t pid)
{
#if YSOS_SOLVED >= 3
    for (;;) {
        uint64_t flags = irq_save();
        bool gone = manager_find(pid) == NULL;
        bool others = manager_has_ready();

        irq_restore(flags);
        if (gone)
            return;
        if (others)
            __asm__ volatile("int %0" : : "i"(VECTOR_YIELD) : "memory");
        else
            cpu_hlt();
    }
#else
    /* TODO(lab 0x03): wait until process pid has exited: look it up with
     * interrupts off; while it is alive, give way (halt until the next
     * interrupt). Here a process that has exited is gone from the table
     * (manager_find returns NULL): the kernel keeps no exit codes.
     * Guide: 0x03 tasks.md "进程返回值"; Rust: crates/kernel/src/utils/mod.rs wait */
    LAB_TODO(3, "proc_wait_kernel");
    (void)pid;
#endif
}

/* ---- interrupts ---- */

void proc_timer_tick(struct trap_frame *tf)
{
    if (manager_ready())
        manager_tick(tf);
}

void proc_print_list(void)
{
    manager_print_list();
}
