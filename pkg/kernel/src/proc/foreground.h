/*
 * proc/foreground.h - the foreground program and Ctrl-C (a YSOS-C
 * extension: the Rust labs cannot stop a program from the keyboard; see
 * docs/userland.md "Ctrl-C" and SYS_FOREGROUND in syscall/syscall.h).
 *
 * The shell names the program `run` started as the foreground. Its job is
 * that process and every process descended from it (VFork children too).
 * A Ctrl-C received on the console is then:
 *  - input, queued as the Rust kernel queues it, when there is no
 *    foreground or a process of the job reads the console: it is in a Read
 *    of fd 0 that has not returned yet (blocked, or woken and not yet run),
 *    or the Ctrl-C came in one burst after other keys (typed ahead, pasted)
 *    and the process used the console (Read of fd 0, Write to 1 or 2) in
 *    its last CONSOLE_BUSY_TICKS of running: it is talking with the user
 *    and has just not reached its next Read yet;
 *  - a flag, when the foreground made itself so (the shell during its own
 *    `cat` and `ls`): its next SYS_FOREGROUND call returns FOREGROUND_CTRL_C;
 *  - else the end of the job: "^C" is echoed and each of its processes is
 *    killed as by Kill (exit code 0xdead, everything it held given back).
 *
 * Everything here runs with interrupts off.
 */
#ifndef PROC_FOREGROUND_H
#define PROC_FOREGROUND_H

#include <stdbool.h>
#include <stdint.h>

#include "interrupt/trap.h"
#include "proc/process.h"

#define CONSOLE_BUSY_TICKS 10 /* timer ticks (ms) of running: see above */

/* SYS_FOREGROUND for `caller`: 0, FOREGROUND_CTRL_C, or SYSCALL_ERROR (refused). */
uint64_t foreground_set(struct process *caller, uint64_t pid);

/*
 * The console input's hook (drivers/input.h): true when it takes the Ctrl-C
 * (a flag, or the job marked for foreground_end_job), false when it is input.
 */
bool foreground_take_ctrl_c(bool typed_ahead);

/* p reads (console_read) or writes the console: notes when, in its ticks. */
void foreground_note_console(struct process *p, bool reading);

/*
 * Ends the job a Ctrl-C marked, if any. Called with the trap frame after
 * the console input was read (serial interrupt, ListDir): when the running
 * process is one to end, the next process's frame is left in tf.
 */
void foreground_end_job(struct trap_frame *tf);

/*
 * For kernel loops working for the running process with interrupts off:
 * reads the console and says whether a Ctrl-C stops the process (its job
 * is to be ended, or it caught one as its own foreground).
 */
bool foreground_stop_current(void);

/* Process pid is ending: if it is the foreground, or set it, there is none. */
void foreground_forget(uint16_t pid);

#endif
