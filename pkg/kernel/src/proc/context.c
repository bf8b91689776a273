/*
 * proc/context.c - user frames and FPU/SSE state (see context.h).
 */
#include "proc/context.h"

#include "arch/x86.h"
#include "memory/gdt.h"
#include "utils/string.h"
#include "utils/todo.h"

#define CR0_MP         (1ULL << 1)
#define CR0_EM         (1ULL << 2)
#define CR0_TS         (1ULL << 3)
#define CR4_OSFXSR     (1ULL << 9)
#define CR4_OSXMMEXCPT (1ULL << 10)
#define MXCSR_DEFAULT  0x1F80      /* all SIMD exceptions masked, round to nearest */
#define RFLAGS_FIXED   (1ULL << 1) /* bit 1 always reads as 1 */

static struct fx_state clean_state;

void fpu_save(struct fx_state *fx)
{
    __asm__ volatile("fxsave %0" : "=m"(*fx));
}

void fpu_restore(const struct fx_state *fx)
{
    __asm__ volatile("fxrstor %0" : : "m"(*fx));
}

void fpu_init(void)
{
    uint32_t mxcsr = MXCSR_DEFAULT;

    write_cr0((read_cr0() | CR0_MP) & ~(CR0_EM | CR0_TS));
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    __asm__ volatile("fninit\n\t"
                     "ldmxcsr %0"
                     :
                     : "m"(mxcsr));
    fpu_save(&clean_state);
}

void fpu_state_init(struct fx_state *fx)
{
    *fx = clean_state;
}

/* A first frame: run from `entry` on `stack_top`, interrupts on, with the
 * code and stack segments of one privilege level. */
static void context_init(struct trap_frame *ctx, uint64_t entry, uint64_t stack_top, uint16_t cs,
                         uint16_t ss)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->rip = entry;
    ctx->rsp = stack_top;
    ctx->cs = cs;
    ctx->ss = ss;
    ctx->rflags = RFLAGS_IF | RFLAGS_FIXED;
}

#if YSOS_SOLVED >= 4
int context_init_user(struct trap_frame *ctx, uint64_t entry, uint64_t stack_top)
{
    context_init(ctx, entry, stack_top, USER_CS, USER_DS);
    return 0;
}
#else
int context_init_user(struct trap_frame *ctx, uint64_t entry, uint64_t stack_top)
{
    /* TODO(lab 0x04): the first frame of a user program: rip = entry, rsp =
     * stack_top, interrupts on, and the ring 3 code and stack segments from
     * the GDT (USER_CS, USER_DS in memory/gdt.h). Return 0.
     * Guide: 0x04 tasks.md "生成用户程序" (get_user_selector);
     * Rust: crates/kernel/src/proc/context.rs init_stack_frame() */
    (void)ctx;
    (void)entry;
    (void)stack_top;
    LAB_TODO(4, "context_init_user");
    return -1;
}
#endif

void context_init_kernel(struct trap_frame *ctx, uint64_t entry, uint64_t stack_top)
{
    context_init(ctx, entry, stack_top, KERNEL_CS, KERNEL_DS);
}
