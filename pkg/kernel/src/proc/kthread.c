/*
 * proc/kthread.c - kernel threads (see kthread.h; lab 0x03).
 *
 * A thread shares the kernel's page table (a counted reference to the
 * kernel process's), so its PCB differs from a user program's only in its
 * frame (ring 0 selectors, rip = the function, rdi = its argument), its
 * stack (a slot of the kernel half, see kthread.h) and p->kthread.
 *
 * Ending: a thread cannot free the stack it runs on, so kthread_exit()
 * raises VECTOR_KTHREAD_EXIT, whose gate switches to the syscall IST stack
 * (memory/gdt.c); there the thread is terminated like any process
 * (manager_terminate: stack frames and PCB go back) and the next process
 * is copied into the frame on that IST stack. Returning from the thread's
 * function lands in thread_return (the return address at the top of its
 * stack), which exits with 0.
 */
#include "proc/kthread.h"

#include <stddef.h>

#include "arch/x86.h"
#include "interrupt/consts.h"
#include "interrupt/interrupt.h"
#include "memory/address.h"
#include "memory/gdt.h"
#include "memory/paging.h"
#include "proc/manager.h"
#include "proc/pid.h"
#include "proc/proc.h"
#include "utils/logger.h"
#include "utils/todo.h"

#define STACK_FLAGS (PTE_PRESENT | PTE_WRITABLE | PTE_NX) /* kernel only, never executed */
#define PF_PRESENT  1 /* page-fault error code: protection violation, not a missing page */

/* Lowest address of pid's stack slot (kthread.h); pid >= 2. */
static uint64_t slot_base(uint16_t pid)
{
    return KTHREAD_STACK_BASE +
           (1 + (uint64_t)(pid - 2) % KTHREAD_STACK_SLOTS) * KTHREAD_STACK_SLOT_SIZE;
}

static pte_t *kernel_p4(void)
{
    return page_table_ctx_p4(manager_kernel()->vm.pt);
}

/* VECTOR_KTHREAD_EXIT, on the syscall IST stack: the thread ends with rdi. */
static void exit_interrupt(struct trap_frame *tf)
{
    struct process *cur = manager_current();

    if (cur == NULL || !cur->kthread) {
        log_warn("kthread_exit called outside a kernel thread (rip 0x%lx)", tf->rip);
        return;
    }
    log_debug("Kernel thread %s#%u exited with %ld", cur->name, cur->pid, (int64_t)tf->rdi);
    manager_terminate(cur, (int64_t)tf->rdi);
    manager_switch_next(tf);
}

void kthread_init(void)
{
    interrupt_set_gate(VECTOR_KTHREAD_EXIT, 0, IST_SYSCALL);
    interrupt_set_handler(VECTOR_KTHREAD_EXIT, exit_interrupt);
}

void kthread_exit(int64_t code)
{
    __asm__ volatile("int %0" : : "i"(VECTOR_KTHREAD_EXIT), "D"(code) : "memory");
    for (;;) /* not reached: the thread is gone */
        cpu_hlt();
}

/* Where a thread's function returns to (the address at the top of its stack). */
__attribute__((noreturn)) static void thread_return(void)
{
    kthread_exit(0);
}

/*
 * Guide: "calculate the stack for pid" (Rust ProcessVm::init_proc_stack).
 * Maps the first KTHREAD_STACK_DEF_PAGES of p's stack at the top of its
 * slot and records them in p->vm.stack. Returns the initial rsp (top - 8),
 * or 0 when the slot is taken or memory is out.
 */
static uint64_t stack_init(struct process *p, pte_t *p4)
{
#if YSOS_SOLVED >= 3
    uint64_t top = slot_base(p->pid) + KTHREAD_STACK_SLOT_SIZE;
    uint64_t bottom = top - KTHREAD_STACK_DEF_PAGES * PAGE_SIZE;

    if (translate(p4, top - PAGE_SIZE, NULL, NULL))
        return 0; /* a thread with a pid KTHREAD_STACK_SLOTS away still runs there */
    if (map_range(p4, bottom, KTHREAD_STACK_DEF_PAGES, STACK_FLAGS) != 0)
        return 0;
    p->vm.stack = (struct vm_stack){.bottom = bottom, .pages = KTHREAD_STACK_DEF_PAGES};
    return top - 8;
#else
    /* TODO(lab 0x03): calculate the stack for the pid: map the first pages of
     * its stack slot, record them in p->vm.stack, return the initial stack top.
     * Guide: 0x03 tasks.md "内核线程的创建" and "进程的内存布局";
     * Rust: crates/kernel/src/proc/vm/mod.rs ProcessVm::init_proc_stack */
    LAB_TODO(3, "kthread stack_init");
    (void)p;
    (void)p4;
    return 0;
#endif
}

/*
 * Guide: "set the stack frame, add to process map, push to ready queue"
 * (Rust ProcessManager::spawn_kernel_thread). NULL, or why it failed.
 */
static const char *start_thread(struct process *p, kthread_entry_fn entry, uint64_t arg,
                                uint64_t rsp)
{
#if YSOS_SOLVED >= 3
    context_init_kernel(&p->context, (uint64_t)entry, rsp);
    p->context.rdi = arg;
    fpu_state_init(&p->fx);
    if (manager_add(p) != 0)
        return "too many processes";
    manager_make_ready(p);
    return NULL;
#else
    /* TODO(lab 0x03): set the new thread's stack frame (entry, stack top,
     * ring-0 selectors, interrupts on; its argument in rdi), add it to the
     * process table and push it to the ready queue.
     * Guide: 0x03 tasks.md "内核线程的创建";
     * Rust: crates/kernel/src/proc/manager.rs spawn_kernel_thread */
    LAB_TODO(3, "spawn_kernel_thread");
    (void)p;
    (void)entry;
    (void)arg;
    (void)rsp;
    return "not implemented";
#endif
}

uint16_t spawn_kernel_thread(kthread_entry_fn entry, const char *name, uint64_t arg)
{
    uint64_t flags = irq_save();
    struct process *kernel = manager_kernel();
    uint16_t pid = manager_alloc_pid();
    struct process *p = pid ? process_new(pid, PID_KERNEL, name) : NULL;
    const char *why = NULL;
    uint64_t rsp = 0;

    if (pid == PID_NONE) {
        why = "no free pid";
    } else if (p == NULL) {
        why = "out of memory";
    } else {
        p->kthread = true;
        p->vm.pt = page_table_ctx_fork(kernel->vm.pt);
        rsp = stack_init(p, kernel_p4());
        if (rsp == 0)
            why = "no stack (slot in use or out of memory)";
    }
    if (why == NULL) {
        *(uint64_t *)rsp = (uint64_t)thread_return; /* the function's return address */
        why = start_thread(p, entry, arg, rsp);
    }
    if (why != NULL) {
        log_warn("Cannot spawn kernel thread %s: %s", name, why);
        process_discard(p);
        pid = 0;
    } else {
        log_debug("Spawned kernel thread: %s#%u", p->name, pid);
    }
    irq_restore(flags);
    return pid;
}

/*
 * Guide: "handle page fault" and "grow stack for page fault" (Rust
 * ProcessManager::handle_page_fault, Stack::grow_stack). A fault at addr
 * in p's stack slot: if it is a missing page below the stack, map the pages
 * from KTHREAD_STACK_SLACK below addr's page up to the stack's bottom and
 * record them; true when the stack grew.
 */
static bool stack_grow(struct process *p, pte_t *p4, uint64_t addr, uint64_t error_code)
{
#if YSOS_SOLVED >= 3
    struct vm_stack *s = &p->vm.stack;
    uint64_t lowest = slot_base(p->pid), start, count;

    if ((error_code & PF_PRESENT) || addr >= s->bottom)
        return false;
    start = page_round_down(addr);
    start = start - lowest >= KTHREAD_STACK_SLACK * PAGE_SIZE
                ? start - KTHREAD_STACK_SLACK * PAGE_SIZE
                : lowest;
    count = (s->bottom - start) / PAGE_SIZE;
    if (map_range(p4, start, count, STACK_FLAGS) != 0)
        return false;
    log_debug("Kernel thread #%u: stack grew by %lu pages to 0x%lx", p->pid, count, start);
    s->bottom = start;
    s->pages += count;
    return true;
#else
    /* TODO(lab 0x03): handle the page fault: a missing page (not a protection
     * violation) below the thread's stack: map the pages from there up to
     * the stack's bottom (a few more, so the next faults are fewer) and
     * update p->vm.stack. Return false otherwise.
     * Guide: 0x03 tasks.md "缺页异常的处理";
     * Rust: crates/kernel/src/proc/manager.rs handle_page_fault,
     * crates/kernel/src/proc/vm/stack.rs grow_stack */
    LAB_TODO(3, "kthread stack_grow");
    (void)p;
    (void)p4;
    (void)addr;
    (void)error_code;
    return false;
#endif
}

bool kthread_page_fault(struct trap_frame *tf, uint64_t addr)
{
    struct process *cur = manager_ready() ? manager_current() : NULL;
    uint64_t base;

    if (cur == NULL || !cur->kthread)
        return false;
    base = slot_base(cur->pid);
    if (addr < base || addr - base >= KTHREAD_STACK_SLOT_SIZE)
        return false; /* not its stack: a kernel bug */
    if (stack_grow(cur, kernel_p4(), addr, tf->error_code))
        return true;
    log_warn("Kernel thread #%u (%s) killed: page fault at 0x%lx (rip 0x%lx)", cur->pid, cur->name,
             addr, tf->rip);
    manager_terminate(cur, -(int64_t)(FAULT_EXIT_BASE + tf->vector));
    manager_switch_next(tf);
    return true;
}
