/*
 * emu_int80.c - recognise a YSOS system call in a traced program's stop.
 *
 * A program makes a YSOS call with `int $0x80`. How that reaches the
 * emulator depends on the host kernel, and the emulator finds out by what
 * the host does, never by asking for a version:
 *
 *  - With IA-32 emulation, Linux treats `int $0x80` as an i386 system call:
 *    the tracer sees a syscall-entry stop (cancelled there) and then an exit
 *    stop, with rip already past the instruction and the number in orig_rax.
 *  - Without it (`ia32_emulation=0`, CONFIG_IA32_EMULATION_DEFAULT_DISABLED,
 *    many hardened or VM kernels), vector 0x80 has no user gate, so the
 *    instruction raises #GP: the tracer sees a SIGSEGV delivery stop with
 *    si_code SI_KERNEL and rip still on the two bytes CD 80.
 *
 * Both are turned into one shape, the registers as the exit stop shows them,
 * so that syscall_emulate() handles them alike.
 */
#include <signal.h>

#include "emu_internal.h"

#define INT_OPCODE   0xcd
#define INT80_VECTOR 0x80
#define INT80_LENGTH 2

bool int80_from_fault(const siginfo_t *info, const unsigned char insn[2],
                      struct user_regs_struct *regs)
{
    /* SI_KERNEL: a #GP (or another kernel-raised fault), not a bad address
     * (SEGV_MAPERR/ACCERR) nor a kill() from another process (SI_USER). */
    if (info->si_signo != SIGSEGV || info->si_code != SI_KERNEL)
        return false;
    if (insn[0] != INT_OPCODE || insn[1] != INT80_VECTOR)
        return false;
    regs->rip += INT80_LENGTH;
    regs->orig_rax = regs->rax;
    return true;
}
