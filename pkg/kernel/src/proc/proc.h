/*
 * proc/proc.h - processes: what the rest of the kernel calls (Rust:
 * proc/mod.rs), by the lab that brings it. The syscall services, the timer, the exception handler
 * and kernel_main come through here; proc/manager.c does the bookkeeping.
 *
 * Functions taking the trap frame may end with a different process on the
 * CPU: they store the caller's result in tf->rax, or save tf into the
 * caller's PCB and copy the next process's frame over it.
 *
 * Exit codes the kernel makes up: a killed process (Kill) exits with
 * 0xdead (KILLED_EXIT_CODE); a process killed by a CPU exception in user
 * mode exits with -(128 + vector): -142 for a page fault, -141 for a
 * general protection fault, -134 for an invalid opcode, -128 for a divide
 * error. Its parent's WaitPid returns that code.
 */
#ifndef PROC_PROC_H
#define PROC_PROC_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/bootinfo.h"
#include "interrupt/trap.h"
#include "memory/paging.h"
#include "proc/data.h"

#define FAULT_EXIT_BASE 128 /* exit code of a faulting process: -(FAULT_EXIT_BASE + vector) */

/*
 * Turns on SSE, makes the kernel process (pid 1: the boot page table,
 * kernel image and stack), and hooks the console input and the kernel's
 * yield vector. Before interrupts are enabled.
 */
void proc_init(const struct boot_info *bi);

/* The kernel process idles (giving way to anyone ready) until process pid has exited. */
void proc_wait_kernel(uint16_t pid);

/* Timer interrupt: account and switch (round robin). */
void proc_timer_tick(struct trap_frame *tf);

void proc_print_list(void);

#if YSOS_LAB >= 4
/* ---- user programs (proc/user.c) ---- */

/* Starts the shell: the loader's `shell` app if there is one, else /APP/SHELL. 0 on failure. */
uint16_t proc_spawn_init(void);

/*
 * A CPU exception in user mode: a page fault the stack can grow into (or,
 * from lab 0x08, a first touch of an mmap page) is fixed; anything else kills the process with one
 * warning and runs the next.
 */
void proc_user_exception(struct trap_frame *tf);

/* ---- for the syscall services (interrupt/syscall/service.c) ---- */

uint16_t proc_current_pid(void);
pte_t *proc_current_p4(void);
struct process_data *proc_current_data(void);

/*
 * Checks a user buffer of the running process (proc/user_access.h). A
 * buffer in the unmapped part of its stack slot first grows the stack, as
 * the program's own access there would have.
 */
bool proc_user_buffer_ok(uint64_t ptr, uint64_t len, bool write);

/*
 * Read on fd 0 into a checked user buffer: one character now (as the Rust
 * kernel's stdin, see console_read_size), or block until a key comes (the
 * Rust kernel returns 0 instead; yslib polls until it gets a character).
 */
void proc_read_stdin(struct trap_frame *tf, uint8_t *buf, uint64_t len);

/* Write on fd 1 or 2 from a checked user buffer; a large one goes out in
 * pieces with other processes running in between (see proc.c). */
void proc_write_console(struct trap_frame *tf, const char *buf, uint64_t len);

/* SYS_FOREGROUND (proc/foreground.h): 0, FOREGROUND_CTRL_C or SYSCALL_ERROR. */
uint64_t proc_set_foreground(uint64_t pid);

/*
 * For kernel loops that print for the running process with interrupts off
 * (ListDir): reads the console; true when a Ctrl-C should stop the loop.
 * The caller then calls proc_end_foreground.
 */
bool proc_ctrl_c_stops_current(void);

/*
 * After console input was read (the serial interrupt, proc_ctrl_c_stops_current):
 * ends the foreground job if a Ctrl-C asked for it. May switch processes.
 */
void proc_end_foreground(struct trap_frame *tf);

/* Spawn: the new pid, or 0 (not found: debug log; bad file: warning). */
uint16_t proc_spawn(const char *path);

void proc_exit(struct trap_frame *tf, int64_t code);
void proc_wait_pid(struct trap_frame *tf, uint16_t pid);
void proc_kill(struct trap_frame *tf, uint16_t pid);
uint64_t proc_brk(uint64_t addr); /* the heap's brk is lab 0x07's */
#endif

#if YSOS_LAB >= 8
/* The running process's memory, for the mmap family (proc/vm/mmap.h). */
struct process_vm *proc_current_vm(void);
#endif

#if YSOS_LAB >= 5
void proc_fork(struct trap_frame *tf);                                           /* proc/fork.c */
void proc_sem(struct trap_frame *tf, uint64_t op, uint32_t key, uint64_t value); /* proc/sem.c */
#endif

#endif
