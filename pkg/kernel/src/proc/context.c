/*
 * proc/context.c - user frames and FPU/SSE state (see context.h).
 */
#include "proc/context.h"

#include "arch/x86.h"
#include "memory/gdt.h"
#include "utils/string.h"

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

void context_init_user(struct trap_frame *ctx, uint64_t entry, uint64_t stack_top)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->rip = entry;
    ctx->rsp = stack_top;
    ctx->cs = USER_CS;
    ctx->ss = USER_DS;
    ctx->rflags = RFLAGS_IF | RFLAGS_FIXED;
}

void context_init_kernel(struct trap_frame *ctx, uint64_t entry, uint64_t stack_top)
{
    memset(ctx, 0, sizeof(*ctx));
    ctx->rip = entry;
    ctx->rsp = stack_top;
    ctx->cs = KERNEL_CS;
    ctx->ss = KERNEL_DS;
    ctx->rflags = RFLAGS_IF | RFLAGS_FIXED;
}
