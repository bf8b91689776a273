/*
 * syscall_asm.h - the one place user space enters the kernel.
 *
 * ABI (SPEC section 5): `int $0x80`, rax = syscall number, rdi/rsi/rdx =
 * arguments, result in rax, every other register preserved. The "memory"
 * clobber tells gcc the kernel may read or write any memory we pointed it
 * at (buffers, the layout struct), so values are in memory before the call
 * and re-read after it.
 */
#ifndef YSOS_SYSCALL_ASM_H
#define YSOS_SYSCALL_ASM_H

#include <stdint.h>

static inline uint64_t syscall3(uint64_t no, uint64_t arg0, uint64_t arg1, uint64_t arg2)
{
    uint64_t ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(no), "D"(arg0), "S"(arg1), "d"(arg2) : "memory");
    return ret;
}

#if YSOS_LAB >= 8
/*
 * Six arguments (the mmap family, lab 0x08): the fourth to sixth travel in
 * r10, r8 and r9 as on Linux; the kernel preserves them like the others.
 */
static inline uint64_t syscall6(uint64_t no, uint64_t arg0, uint64_t arg1, uint64_t arg2,
                                uint64_t arg3, uint64_t arg4, uint64_t arg5)
{
    register uint64_t r10 __asm__("r10") = arg3;
    register uint64_t r8 __asm__("r8") = arg4;
    register uint64_t r9 __asm__("r9") = arg5;
    uint64_t ret;

    __asm__ volatile("int $0x80"
                     : "=a"(ret)
                     : "a"(no), "D"(arg0), "S"(arg1), "d"(arg2), "r"(r10), "r"(r8), "r"(r9)
                     : "memory");
    return ret;
}
#endif

#endif
