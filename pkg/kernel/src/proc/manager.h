/*
 * proc/manager.h - the process table, the ready queue and the life cycle
 * of processes (Rust: proc/manager.rs, ProcessManager).
 *
 * Scheduling is round robin on the timer: the running process goes to the
 * back of the ready queue and the one at the front runs. A switch is a copy:
 * the interrupt's trap frame is saved into the running PCB and the next
 * PCB's frame is copied over it, so the `iretq` at the end of the interrupt
 * resumes the next process (with its FPU state and its CR3).
 *
 * Everything here runs with interrupts off (in an interrupt or syscall
 * handler, or inside irq_save() in the kernel process): one CPU, no locks.
 */
#ifndef PROC_MANAGER_H
#define PROC_MANAGER_H

#include <stdbool.h>
#include <stdint.h>

#include "interrupt/trap.h"
#include "proc/process.h"

#define PROC_MAX 128 /* processes alive at once, the kernel included */

/*
 * A spawned child stays off the ready queue until its parent blocks or
 * exits, or has run this many more ticks: so the shell's `run` prints
 * "进程ID: N" before the child's first output, whatever the timer does.
 */
#define SPAWN_HOLD_TICKS 20

/* Starts with the kernel process (pid 1) running. */
void manager_init(struct process *kernel);

/* True once manager_init has run. */
bool manager_ready(void);

struct process *manager_current(void);
struct process *manager_kernel(void);

/* The (live) process with this pid, or NULL. */
struct process *manager_find(uint16_t pid);

/* The process in table slot 0 .. PROC_MAX-1, or NULL: for scans of every process. */
struct process *manager_process_at(int slot);

/*
 * A pid for a new process; PID_NONE when the table is full: PROC_MAX alive,
 * or no room left in the zombie table for one more exit code (zombie.h).
 */
uint16_t manager_alloc_pid(void);

/* Enters p in the table; -1 when full. */
int manager_add(struct process *p);

/* Marks p Ready and puts it at the back of the ready queue (once). */
void manager_make_ready(struct process *p);

/* p (a child of the running process) will wait for its parent to block first. */
void manager_hold(struct process *p);

/* Makes the parent's held children runnable: all of them, or the ones whose time is up. */
void manager_release_held(struct process *parent, bool all);

/* Sets the result a Blocked process will see in rax and makes it Ready. */
void manager_wake(struct process *p, uint64_t rax);

/* Wakes every process blocked on `why` (e.g. WAIT_INPUT), leaving their rax alone. */
void manager_wake_all(enum proc_wait why);

/* Is there anyone besides the running process to run? */
bool manager_has_ready(void);

/* Timer tick: charge the running process and switch to the next ready one. */
void manager_tick(struct trap_frame *tf);

/* The running process gives up the CPU but stays Ready (fork, the kernel's yield). */
void manager_yield(struct trap_frame *tf);

/* The running process blocks on `why` (arg = pid or key) and the next one runs. */
void manager_block_current(struct trap_frame *tf, enum proc_wait why, uint64_t arg);

/*
 * Ends process p with `code`: frees its memory, data and PCB, re-parents its
 * children, wakes its waiters (rax = code) and keeps the code for its
 * parent if that one may still ask (see manager.c). If p was the running
 * process the caller must then call manager_switch_next().
 */
void manager_terminate(struct process *p, int64_t code);

/* After the running process died: runs the next one. */
void manager_switch_next(struct trap_frame *tf);

/* WaitPid on a process that is gone: its kept exit code, if any (see proc/zombie.h). */
bool manager_collect(uint16_t pid, uint16_t waiter, int64_t *code);

/* The ps table (SPEC section 7), from the header line to the CPUs line. */
void manager_print_list(void);

#endif
