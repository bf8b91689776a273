/*
 * interrupt/exception.c - what happens when the CPU raises an exception.
 *
 * In user mode an exception is the program's fault: proc/proc.c grows its
 * stack (a page fault just below it) or kills it, and the kernel goes on.
 * In kernel mode a page fault just below the kernel stack grows that stack
 * (memory/kstack.c), and one in a kernel thread's stack slot grows that
 * thread's stack or kills the thread (proc/kthread.c, from lab 0x03);
 * anything else is a kernel bug: the exception is
 * reported with its name and error code, the frame the CPU pushed, CR2 for
 * page faults (the faulting address, which is only valid until the next
 * page fault) and the general registers, and the kernel panics.
 */
#include "interrupt/exception.h"

#include <stdbool.h>
#include <stddef.h>

#include "arch/x86.h"
#include "interrupt/consts.h"
#include "utils/logger.h"
#include "utils/panic.h"
#if YSOS_LAB >= 3
#include "proc/kthread.h"
#endif
#if YSOS_LAB >= 4
#include "proc/proc.h"
#endif
#if YSOS_LAB >= 7
#include "memory/kstack.h"
#endif

static const char *const names[EXC_COUNT] = {
    [EXC_DIVIDE_ERROR] = "Divide Error",
    [EXC_DEBUG] = "Debug",
    [EXC_NMI] = "Non-Maskable Interrupt",
    [EXC_BREAKPOINT] = "Breakpoint",
    [EXC_OVERFLOW] = "Overflow",
    [EXC_BOUND_RANGE] = "Bound Range Exceeded",
    [EXC_INVALID_OPCODE] = "Invalid Opcode",
    [EXC_DEVICE_NOT_AVAILABLE] = "Device Not Available",
    [EXC_DOUBLE_FAULT] = "Double Fault",
    [EXC_COPROCESSOR_SEGMENT] = "Coprocessor Segment Overrun",
    [EXC_INVALID_TSS] = "Invalid TSS",
    [EXC_SEGMENT_NOT_PRESENT] = "Segment Not Present",
    [EXC_STACK_SEGMENT] = "Stack Segment Fault",
    [EXC_GENERAL_PROTECTION] = "General Protection Fault",
    [EXC_PAGE_FAULT] = "Page Fault",
    [EXC_X87_FLOATING_POINT] = "x87 Floating Point",
    [EXC_ALIGNMENT_CHECK] = "Alignment Check",
    [EXC_MACHINE_CHECK] = "Machine Check",
    [EXC_SIMD_FLOATING_POINT] = "SIMD Floating Point",
    [EXC_VIRTUALIZATION] = "Virtualization",
    [EXC_CONTROL_PROTECTION] = "Control Protection",
    [EXC_SECURITY] = "Security",
};

const char *exception_name(uint64_t vector)
{
    if (vector < EXC_COUNT && names[vector] != NULL)
        return names[vector];
    return "Reserved";
}

/* Page-fault error code bits, spelled out: "write, user, present". */
static void print_page_fault_cause(uint64_t err)
{
    kprintf("  cause: %s, %s mode, %s%s%s\n", (err & 2) ? "write" : "read",
            (err & 4) ? "user" : "kernel", (err & 1) ? "protection violation" : "page not present",
            (err & 8) ? ", reserved bit set" : "", (err & 16) ? ", instruction fetch" : "");
}

static void print_general_registers(const struct trap_frame *tf)
{
    kprintf("  RAX 0x%016lx  RBX 0x%016lx  RCX 0x%016lx\n", tf->rax, tf->rbx, tf->rcx);
    kprintf("  RDX 0x%016lx  RSI 0x%016lx  RDI 0x%016lx\n", tf->rdx, tf->rsi, tf->rdi);
    kprintf("  RBP 0x%016lx  R8  0x%016lx  R9  0x%016lx\n", tf->rbp, tf->r8, tf->r9);
    kprintf("  R10 0x%016lx  R11 0x%016lx  R12 0x%016lx\n", tf->r10, tf->r11, tf->r12);
    kprintf("  R13 0x%016lx  R14 0x%016lx  R15 0x%016lx\n", tf->r13, tf->r14, tf->r15);
}

void exception_dump(const struct trap_frame *tf)
{
    log_error("EXCEPTION: %s (vector %lu), error code 0x%lx", exception_name(tf->vector),
              tf->vector, tf->error_code);
    kprintf("  RIP 0x%016lx  CS  0x%04lx  RFLAGS 0x%016lx\n", tf->rip, tf->cs, tf->rflags);
    kprintf("  RSP 0x%016lx  SS  0x%04lx\n", tf->rsp, tf->ss);
    if (tf->vector == EXC_PAGE_FAULT) {
        kprintf("  CR2 0x%016lx (faulting address)\n", read_cr2());
        print_page_fault_cause(tf->error_code);
    }
    print_general_registers(tf);
}

/* Exceptions that say the machine, not the running program, is in trouble. */
#if YSOS_LAB >= 4
static bool machine_fault(uint64_t vector)
{
    return vector == EXC_NMI || vector == EXC_DOUBLE_FAULT || vector == EXC_MACHINE_CHECK;
}
#endif

void exception_dispatch(struct trap_frame *tf)
{
#if YSOS_LAB >= 4
    if (trap_from_user(tf) && !machine_fault(tf->vector)) {
        proc_user_exception(tf);
        return;
    }
#endif
#if YSOS_LAB >= 7
    if (tf->vector == EXC_PAGE_FAULT && !(tf->error_code & 1) && kstack_grow(read_cr2()))
        return;
#endif
#if YSOS_LAB >= 3
    if (tf->vector == EXC_PAGE_FAULT && kthread_page_fault(tf, read_cr2()))
        return;
#endif
    exception_dump(tf);
    panic("unhandled exception: %s in %s mode at 0x%lx", exception_name(tf->vector),
          trap_from_user(tf) ? "user" : "kernel", tf->rip);
}
