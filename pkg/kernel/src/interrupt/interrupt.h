/*
 * interrupt/interrupt.h - the IDT and interrupt dispatch (Rust: interrupt/mod.rs).
 *
 * Every vector enters through entry.S and trap_dispatch(); exceptions
 * (0-31) go to exception_dispatch(), other vectors to the handler
 * registered for them. Device interrupts are acknowledged (EOI) after their
 * handler returns.
 */
#ifndef INTERRUPT_INTERRUPT_H
#define INTERRUPT_INTERRUPT_H

#include <stdint.h>

#include "interrupt/trap.h"

typedef void (*interrupt_handler_fn)(struct trap_frame *tf);

/* Fills and loads the IDT (all gates DPL 0; fault vectors on their IST
 * stacks). Returns 0, or -1 when no IDT was loaded (lab hole not filled). */
int idt_init(void);

/* Routes `vector` (>= 32) to `fn`. */
void interrupt_set_handler(uint8_t vector, interrupt_handler_fn fn);

/*
 * Changes a gate's privilege (dpl 3 lets `int n` from user mode reach it)
 * and IST slot (0 = none). For the syscall gate.
 */
void interrupt_set_gate(uint8_t vector, uint8_t dpl, uint8_t ist);

/* Sets up the interrupt controllers (PIC off, local APIC, IOAPIC).
 * Returns 0, or -1 when there is no usable local APIC. */
int interrupt_controllers_init(void);

/* Unmasks ISA `irq` at the IOAPIC; it arrives as VECTOR_OF_IRQ(irq). */
void interrupt_enable_irq(uint8_t irq);

#endif
