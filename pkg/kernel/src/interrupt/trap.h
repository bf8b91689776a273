/*
 * interrupt/trap.h - the register snapshot every interrupt entry builds.
 *
 * interrupt/entry.S pushes all general registers below the frame the CPU
 * pushed, so the whole interrupted state is one `struct trap_frame` on the
 * stack. Handlers get a pointer to it; whatever it holds when the handler
 * returns is what `iretq` resumes. Changing the frame (e.g. copying in
 * another process's saved frame) is therefore how a context switch works.
 */
#ifndef INTERRUPT_TRAP_H
#define INTERRUPT_TRAP_H

#include <stdbool.h>
#include <stdint.h>

struct trap_frame {
    /* Saved by entry.S (the last register pushed is first here). */
    uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
    uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
    /* Pushed by the vector's stub. */
    uint64_t vector;
    uint64_t error_code; /* the CPU's, or 0 for vectors without one */
    /* Pushed by the CPU. */
    uint64_t rip, cs, rflags, rsp, ss;
};

/* Offset checks for entry.S, which relies on this exact layout. */
_Static_assert(sizeof(struct trap_frame) == 22 * 8, "trap_frame layout");
_Static_assert(__builtin_offsetof(struct trap_frame, vector) == 15 * 8, "trap_frame layout");

/* True when the interrupted code ran in ring 3. */
static inline bool trap_from_user(const struct trap_frame *tf)
{
    return (tf->cs & 3) == 3;
}

/* Called by entry.S for every interrupt and exception. */
void trap_dispatch(struct trap_frame *tf);

#endif
