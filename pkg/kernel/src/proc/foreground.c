/*
 * proc/foreground.c - the foreground program and Ctrl-C (see foreground.h).
 *
 * One foreground for the one console. The decision about a Ctrl-C is taken
 * the moment the key is decoded (in the console input's hook), so keys
 * typed after it in the same burst are queued behind the decision; the job
 * is ended right after the input was read, by foreground_end_job, which
 * has the trap frame needed when the process to end is the running one.
 */
#include "proc/foreground.h"

#include <stddef.h>

#include "drivers/input.h"
#include "proc/manager.h"
#include "proc/pid.h"
#include "syscall/syscall.h"
#include "utils/logger.h"

static struct {
    uint16_t pid;    /* the foreground process; 0 = none */
    uint16_t setter; /* who made it the foreground */
    bool caught;     /* a Ctrl-C for a process that is its own foreground */
} fg;

static uint16_t doomed; /* foreground whose job a Ctrl-C is ending; 0 = none */

/* Is p the process `root` or descended from it? */
static bool in_job(const struct process *p, uint16_t root)
{
    for (int depth = 0; p != NULL && depth < PROC_MAX; depth++) {
        if (p->pid == root)
            return true;
        if (p->ppid == PID_NONE || p->ppid == p->pid)
            return false;
        p = manager_find(p->ppid);
    }
    return false;
}

/* Does p read the console, for a Ctrl-C typed (or not) after other keys? */
static bool reads_console(const struct process *p, bool typed_ahead)
{
    if (p->console_read)
        return true;
    return typed_ahead && p->console_used && p->ticks - p->console_tick < CONSOLE_BUSY_TICKS;
}

/* Does a process of the job read the console (see foreground.h)? */
static bool job_reads_console(uint16_t root, bool typed_ahead)
{
    for (int i = 0; i < PROC_MAX; i++) {
        struct process *p = manager_process_at(i);
        if (p != NULL && in_job(p, root) && reads_console(p, typed_ahead))
            return true;
    }
    return false;
}

void foreground_note_console(struct process *p, bool reading)
{
    p->console_read = reading;
    p->console_used = true;
    p->console_tick = p->ticks;
}

uint64_t foreground_set(struct process *caller, uint64_t pid)
{
    struct process *target = pid != 0 && pid <= UINT16_MAX ? manager_find((uint16_t)pid) : NULL;
    bool caught = fg.caught && fg.setter == caller->pid;

    if (pid != 0 && (target == NULL || (target != caller && target->ppid != caller->pid)))
        return SYSCALL_ERROR;
    /* Only its setter, its job and the foreground's ancestors (the shell) change it. */
    if (fg.pid != 0 && caller->pid != fg.setter && !in_job(caller, fg.pid) &&
        !in_job(manager_find(fg.pid), caller->pid))
        return SYSCALL_ERROR;
    fg.pid = (uint16_t)pid;
    fg.setter = pid != 0 ? caller->pid : 0;
    fg.caught = false;
    return caught ? FOREGROUND_CTRL_C : 0;
}

bool foreground_take_ctrl_c(bool typed_ahead)
{
    bool own = fg.pid == fg.setter;
    struct process *p = manager_find(fg.pid);

    if (fg.pid == 0)
        return false;
    if (doomed == fg.pid)
        return true; /* another Ctrl-C for a job already being ended */
    /* Its own foreground only catches the key: its children do not count. */
    if (own ? p != NULL && reads_console(p, typed_ahead) : job_reads_console(fg.pid, typed_ahead))
        return false;
    if (own)
        fg.caught = true;
    else
        doomed = fg.pid;
    return true;
}

/* Kills one process of the ending job (not the running one). */
static void end_process(struct process *p)
{
    log_debug("Ctrl-C: killing process %s#%u", p->name, p->pid);
    manager_terminate(p, KILLED_EXIT_CODE);
}

void foreground_end_job(struct trap_frame *tf)
{
    uint16_t job[PROC_MAX];
    struct process *cur = manager_current();
    bool end_current = false;
    int n = 0;

    if (doomed == 0)
        return;
    /* Collected first: ending a parent hands its children to the grandparent. */
    for (int i = 0; i < PROC_MAX; i++) {
        struct process *p = manager_process_at(i);
        if (p != NULL && p->pid != PID_KERNEL && in_job(p, doomed))
            job[n++] = p->pid;
    }
    doomed = 0;
    kprintf("^C\n");
    for (int i = 0; i < n; i++) {
        struct process *p = manager_find(job[i]);
        if (p == cur)
            end_current = true;
        else if (p != NULL)
            end_process(p);
    }
    if (end_current) {
        end_process(cur);
        manager_switch_next(tf);
    }
}

bool foreground_stop_current(void)
{
    struct process *cur = manager_current();

    input_poll();
    if (fg.caught && fg.setter == cur->pid)
        return true;
    return doomed != 0 && in_job(cur, doomed);
}

void foreground_forget(uint16_t pid)
{
    if (pid != fg.pid && pid != fg.setter)
        return;
    fg.pid = 0;
    fg.setter = 0;
    fg.caught = false;
}
