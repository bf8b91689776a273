/*
 * interrupt/consts.h - interrupt vector numbers (Rust: interrupt/consts.rs).
 *
 * Vectors 0-31 are CPU exceptions. Device interrupts (IRQs) start at
 * IRQ_BASE: the IOAPIC delivers ISA IRQ n as vector IRQ_BASE + n, and the
 * local APIC's own sources (timer, error, spurious) use the same numbering.
 */
#ifndef INTERRUPT_CONSTS_H
#define INTERRUPT_CONSTS_H

/* CPU exceptions. */
enum exception_vector {
    EXC_DIVIDE_ERROR = 0,
    EXC_DEBUG = 1,
    EXC_NMI = 2,
    EXC_BREAKPOINT = 3,
    EXC_OVERFLOW = 4,
    EXC_BOUND_RANGE = 5,
    EXC_INVALID_OPCODE = 6,
    EXC_DEVICE_NOT_AVAILABLE = 7,
    EXC_DOUBLE_FAULT = 8,
    EXC_COPROCESSOR_SEGMENT = 9,
    EXC_INVALID_TSS = 10,
    EXC_SEGMENT_NOT_PRESENT = 11,
    EXC_STACK_SEGMENT = 12,
    EXC_GENERAL_PROTECTION = 13,
    EXC_PAGE_FAULT = 14,
    EXC_X87_FLOATING_POINT = 16,
    EXC_ALIGNMENT_CHECK = 17,
    EXC_MACHINE_CHECK = 18,
    EXC_SIMD_FLOATING_POINT = 19,
    EXC_VIRTUALIZATION = 20,
    EXC_CONTROL_PROTECTION = 21,
    EXC_SECURITY = 30,
    EXC_COUNT = 32,
};

#define IRQ_BASE 0x20

/* IRQ numbers, added to IRQ_BASE to get the vector. */
enum irq {
    IRQ_TIMER = 0,
    IRQ_KEYBOARD = 1,
    IRQ_SERIAL1 = 3,
    IRQ_SERIAL0 = 4, /* COM1 */
    IRQ_FLOPPY = 6,
    IRQ_PARALLEL = 7,
    IRQ_RTC = 8,
    IRQ_IDE0 = 14,
    IRQ_IDE1 = 15,
    IRQ_ERROR = 19,    /* local APIC error */
    IRQ_SPURIOUS = 31, /* local APIC spurious interrupt */
    IRQ_COUNT = 32,
};

#define VECTOR_OF_IRQ(irq) (IRQ_BASE + (irq))

/* `int 0x80`, the system call gate (interrupt/syscall/syscall.c). */
#define VECTOR_SYSCALL 0x80

/* `int 0x81` from the kernel process: give the CPU to the next ready process (proc/proc.c). */
#define VECTOR_YIELD 0x81

/* `int 0x82` from a kernel thread: it ends (proc/kthread.c). */
#define VECTOR_KTHREAD_EXIT 0x82

#endif
