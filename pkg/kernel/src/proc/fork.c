/*
 * proc/fork.c - Fork (lab 0x05): a child process that shares the parent's
 * page table, data and memory and gets its own copy of the stack.
 */
#include "proc/user.h"

#include <stddef.h>

#include "proc/manager.h"
#include "proc/pid.h"
#include "proc/proc.h"
#include "syscall/syscall.h"
#include "utils/logger.h"
#include "utils/todo.h"

#if YSOS_SOLVED >= 5
void proc_fork(struct trap_frame *tf)
{
    struct process *parent = manager_current();
    uint16_t pid = manager_alloc_pid();
    struct process *child = pid ? process_new(pid, parent->pid, parent->name) : NULL;
    const char *why = NULL;

    if (pid == PID_NONE) {
        why = "too many processes";
    } else if (child == NULL) {
        why = "out of memory";
    } else if (vm_fork(&parent->vm, &child->vm) != 0) {
        why = "no free stack slot or memory";
    } else {
        child->data = process_data_fork(parent->data);
        if (manager_add(child) != 0)
            why = "too many processes";
    }
    if (why != NULL) {
        log_warn("Fork of process #%u failed: %s", parent->pid, why);
        process_discard(child);
        tf->rax = SYSCALL_ERROR;
        return;
    }
    fpu_save(&child->fx); /* the parent's live FPU state */
    child->context = *tf;
    child->context.rsp -= vm_stack_offset(&child->vm.stack, &parent->vm.stack);
    child->context.rax = 0;
    tf->rax = pid;
    log_debug("Process %s#%u forked to #%u", parent->name, parent->pid, pid);
    /* As Rust: the child queues first, then the parent gives way. */
    manager_make_ready(child);
    manager_yield(tf);
}
#else
void proc_fork(struct trap_frame *tf)
{
    /* TODO(lab 0x05): fork the current process: a child that shares its page
     * table, data (files, semaphores) and memory but gets its own copy of the
     * stack (vm_fork()), the parent's registers with rsp moved to the copy and
     * rax = 0; the parent gets the child's pid. Queue the child, then let the
     * parent give way. Guide: 0x05 tasks.md "进程管理"; Rust:
     * crates/kernel/src/proc/mod.rs fork(), manager.rs fork(), process.rs fork() */
    LAB_TODO(5, "proc_fork");
    tf->rax = SYSCALL_ERROR;
}
#endif
