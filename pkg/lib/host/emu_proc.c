/*
 * emu_proc.c - emulated YSOS processes on top of traced Linux processes.
 *
 * Every emulated system call is answered while its process is stopped on
 * its `int $0x80` (at the Linux syscall-exit stop, or at the SIGSEGV stop
 * where the host refuses the instruction: see emu_int80.c). A call that
 * must wait (WaitPid, a semaphore) simply leaves the process stopped there;
 * waking it means storing the result in rax and resuming (with no signal).
 *
 * VFork is modelled as YSOS does it: the child shares the parent's memory
 * (Linux clone with CLONE_VM) but runs on a copy of the parent's stack at
 * another address, with only rsp moved by the distance between the copies.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include "emu_internal.h"

struct emu_proc *proc_by_pid(struct emu *emu, int pid)
{
    for (int i = 0; i < EMU_MAX_PROCS; i++) {
        if (emu->procs[i].state != PROC_UNUSED && emu->procs[i].pid == pid)
            return &emu->procs[i];
    }
    return NULL;
}

struct emu_proc *proc_by_host_pid(struct emu *emu, pid_t host_pid)
{
    for (int i = 0; i < EMU_MAX_PROCS; i++) {
        struct emu_proc *p = &emu->procs[i];
        if (p->state != PROC_UNUSED && p->state != PROC_EXITED && p->host_pid == host_pid)
            return p;
    }
    return NULL;
}

int proc_count(struct emu *emu, enum proc_state state)
{
    int count = 0;

    for (int i = 0; i < EMU_MAX_PROCS; i++)
        count += emu->procs[i].state == state;
    return count;
}

/* A free slot with a new pid, or NULL when the table is full. */
static struct emu_proc *proc_alloc(struct emu *emu)
{
    for (int i = 0; i < EMU_MAX_PROCS; i++) {
        struct emu_proc *p = &emu->procs[i];
        if (p->state == PROC_UNUSED) {
            memset(p, 0, sizeof(*p));
            p->pid = emu->next_pid++;
            return p;
        }
    }
    return NULL;
}

struct emu_proc *proc_spawn(struct emu *emu, const char *host_path)
{
    struct emu_proc *p = proc_alloc(emu);
    if (p == NULL)
        return NULL;

    p->host_pid = trace_exec(host_path);
    if (p->host_pid < 0)
        return NULL;
    if (!trace_setup_space(p->host_pid)) {
        kill(p->host_pid, SIGKILL);
        waitpid(p->host_pid, NULL, __WALL);
        return NULL;
    }
    p->space = &emu->spaces[p - emu->procs];
    p->space->brk = EMU_HEAP_START;
    p->space->kalloc_next = EMU_HEAP_START + EMU_BRK_SIZE;
    p->stack_top = trace_stack_top(p->host_pid);
    p->state = PROC_RUNNING;
    trace_resume(p->host_pid, NULL);
    return p;
}

/* Copy the used part of parent's stack (rsp up to stack_top) so that it
 * ends at new_top; false if it does not fit or the copy failed. */
static bool copy_stack(struct emu_proc *parent, unsigned long new_top)
{
    unsigned long from = parent->regs.rsp & PAGE_MASK; /* sys/user.h: ~4095 */
    size_t used = parent->stack_top - from;

    if (used > EMU_CHILD_STACK_SIZE)
        return false;
    char *buf = malloc(used);
    bool ok = buf && trace_read(parent->host_pid, from, buf, used) &&
              trace_write(parent->host_pid, new_top - used, buf, used);
    free(buf);
    return ok;
}

struct emu_proc *proc_fork(struct emu *emu, struct emu_proc *parent)
{
    pid_t host = parent->host_pid;
    long stack = trace_inject(host, SYS_mmap, 0, EMU_CHILD_STACK_SIZE, PROT_READ | PROT_WRITE,
                              MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (stack < 0 && stack > -4096)
        return NULL;
    unsigned long new_top = (unsigned long)stack + EMU_CHILD_STACK_SIZE;
    if (!copy_stack(parent, new_top))
        return NULL;

    struct emu_proc *child = proc_alloc(emu);
    if (child == NULL)
        return NULL;
    unsigned long offset = parent->stack_top - new_top;
    long host_child = trace_inject(host, SYS_clone, CLONE_VM | SIGCHLD,
                                   (long)(parent->regs.rsp - offset), 0, 0, 0, 0);
    if (host_child <= 0)
        return NULL; /* the slot was never marked used */

    child->host_pid = (pid_t)host_child;
    child->space = parent->space;
    child->stack_top = new_top;
    child->start_regs = parent->regs;
    child->start_regs.rsp -= offset;
    child->start_regs.rax = 0; /* VFork returns 0 in the child */
    child->start_regs.orig_rax = ~0UL;
    child->first_stop_pending = true;
    child->state = PROC_RUNNING;
    return child;
}

void proc_start_child(struct emu_proc *child)
{
    child->first_stop_pending = false;
    trace_resume(child->host_pid, &child->start_regs);
}

void proc_return(struct emu_proc *p, unsigned long value)
{
    struct user_regs_struct regs = p->regs;

    regs.rax = value;
    regs.orig_rax = ~0UL;
    p->state = PROC_RUNNING;
    p->waiting_for = 0;
    p->waiting_sem = false;
    trace_resume(p->host_pid, &regs);
}

void proc_block(struct emu *emu, struct emu_proc *p)
{
    p->state = PROC_BLOCKED;
    p->since = ++emu->clock;
}

void proc_kill(struct emu_proc *p, long exit_code)
{
    if (p->exiting || p->state == PROC_EXITED)
        return;
    p->exiting = true;
    p->exit_code = exit_code;
    p->state = PROC_RUNNING; /* its death will be reported */
    kill(p->host_pid, SIGKILL);
}

void proc_reaped(struct emu *emu, struct emu_proc *p)
{
    if (!p->exiting)
        p->exit_code = EMU_KILLED_EXIT_CODE; /* died without Exit */
    p->state = PROC_EXITED;

    for (int i = 0; i < EMU_MAX_PROCS; i++) {
        struct emu_proc *waiter = &emu->procs[i];
        if (waiter->state == PROC_BLOCKED && waiter->waiting_for == p->pid)
            proc_return(waiter, (unsigned long)p->exit_code);
    }
}
