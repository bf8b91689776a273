/*
 * proc/context.h - a process's saved CPU state (Rust: proc/context.rs).
 *
 * The integer registers are a struct trap_frame (interrupt/trap.h): every
 * interrupt entry builds one on the stack, so switching processes means
 * copying the running process's frame into its PCB and the next process's
 * frame over it before `iretq`. The FPU/SSE registers are not in the frame
 * (the kernel never touches them: it is built with -mgeneral-regs-only), so
 * they are saved and restored with fxsave/fxrstor around each switch; user
 * code needs them (newlib's printf("%f"), gcc's memcpy).
 */
#ifndef PROC_CONTEXT_H
#define PROC_CONTEXT_H

#include <stdint.h>

#include "interrupt/trap.h"

/* The 512-byte fxsave area; the instruction wants it 16-byte aligned. */
struct fx_state {
    uint8_t bytes[512];
} __attribute__((aligned(16)));

/*
 * Turns SSE on for user code (CR0.MP set, EM and TS clear; CR4.OSFXSR and
 * OSXMMEXCPT set) and records the clean FPU state new processes start with.
 */
void fpu_init(void);

/* The state a freshly loaded program starts with (x87 reset, MXCSR default). */
void fpu_state_init(struct fx_state *fx);

void fpu_save(struct fx_state *fx);
void fpu_restore(const struct fx_state *fx);

/*
 * A ring-3 frame for a new program: rip = entry, rsp = stack_top, user code
 * and data selectors, RFLAGS = IF only (IOPL 0: cli, hlt, in/out fault), all
 * general registers zero.
 */
int context_init_user(struct trap_frame *ctx, uint64_t entry, uint64_t stack_top);

/*
 * A ring-0 frame for a kernel thread (Rust: ProcessContext::init_stack_frame):
 * rip = entry, rsp = stack_top, kernel code and data selectors, RFLAGS = IF,
 * all general registers zero.
 */
void context_init_kernel(struct trap_frame *ctx, uint64_t entry, uint64_t stack_top);

#endif
