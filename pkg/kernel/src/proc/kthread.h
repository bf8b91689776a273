/*
 * proc/kthread.h - kernel threads (Rust: proc/mod.rs spawn_kernel_thread,
 * proc/manager.rs spawn_kernel_thread and handle_page_fault, proc/vm
 * init_proc_stack, proc/vm/stack.rs grow_stack; lab 0x03).
 *
 * A kernel thread is a process that runs a kernel function in ring 0 on
 * the kernel's page table, with a stack of its own. It is scheduled by the
 * timer like every other process, shows in ps, and ends by returning from
 * its function or calling kthread_exit(), which frees its stack and PCB.
 *
 * Stacks (SPEC terms, section 4 "memory layout"): every pid n owns the
 * 4 GiB slot [KTHREAD_STACK_BASE + (n-1) * 4 GiB, + 4 GiB) of the kernel
 * half. Pid 1's slot is the kernel's own stack region (config.toml
 * kernel_stack_address = 0xFFFFFF0100000000); a thread's slot lies above
 * it, below 0xFFFFFF8000000000 (one P4 entry, 510, which every user page
 * table shares: a thread's stack stays mapped when the timer switches to a
 * user program on it). A thread starts with KTHREAD_STACK_DEF_PAGES at the
 * top of its slot (rsp = top - 8, where a return address to kthread_exit
 * sits) and grows on page fault: a not-present fault inside its slot maps
 * the pages down to the faulting one and KTHREAD_STACK_SLACK more.
 * Pids above KTHREAD_STACK_SLOTS share slots modulo their count; a thread
 * whose slot is in use is not started.
 */
#ifndef PROC_KTHREAD_H
#define PROC_KTHREAD_H

#include <stdbool.h>
#include <stdint.h>

#include "interrupt/trap.h"

#define KTHREAD_STACK_BASE      0xFFFFFF0100000000ULL /* pid 1's slot: the kernel stack */
#define KTHREAD_STACK_SLOT_SIZE 0x100000000ULL        /* 4 GiB, as a user stack slot */
#define KTHREAD_STACK_SLOTS     126                   /* pids 2..127: up to 0xFFFFFF8000000000 */
#define KTHREAD_STACK_DEF_PAGES 4 /* kprintf's frames plus an interrupt's must fit */
#define KTHREAD_STACK_SLACK     2 /* pages mapped below a fault, for the next interrupt */

typedef void (*kthread_entry_fn)(uint64_t arg);

/* Hooks the exit vector (from proc_init, before any thread runs). */
void kthread_init(void);

/*
 * Starts a kernel thread running entry(arg), child of the kernel, named
 * `name` in ps. Returns its pid, or 0 after a warning.
 */
uint16_t spawn_kernel_thread(kthread_entry_fn entry, const char *name, uint64_t arg);

/* Ends the calling kernel thread with `code` (interrupts may be on). */
__attribute__((noreturn)) void kthread_exit(int64_t code);

/*
 * A page fault in kernel mode: true when it was the running kernel
 * thread's and has been dealt with (its stack grew, or the thread was
 * killed with a warning and the next process runs in tf); false when it is
 * not a kernel thread's (the caller reports it as a kernel bug).
 */
bool kthread_page_fault(struct trap_frame *tf, uint64_t addr);

#endif
