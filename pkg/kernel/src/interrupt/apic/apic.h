/*
 * interrupt/apic/apic.h - interrupt controllers (Rust: interrupt/apic/mod.rs).
 *
 *   pic.c    the legacy 8259 pair: remapped and masked, we do not use it;
 *   xapic.c  this CPU's local APIC: timer, EOI, spurious/error vectors;
 *   ioapic.c routes device IRQs (the serial port's IRQ 4) to vectors.
 * Registers are memory-mapped and reached through the physical-memory map.
 */
#ifndef INTERRUPT_APIC_APIC_H
#define INTERRUPT_APIC_APIC_H

#include <stdint.h>

#include "interrupt/trap.h"

#define LAPIC_ADDR  0xFEE00000ULL
#define IOAPIC_ADDR 0xFEC00000ULL

/* ---- legacy PIC ---- */
void pic_disable(void);

/* ---- local APIC ---- */
int xapic_init(void); /* 0, or -1: no local APIC */
uint32_t xapic_id(void);
void xapic_eoi(void);
void xapic_spurious_handler(struct trap_frame *tf);
void xapic_error_handler(struct trap_frame *tf);

/*
 * Timer. The counter runs at the bus clock divided by 16; it counts down
 * from the initial count and raises `vector` at zero (reloading in
 * periodic mode). One-shot with the LVT masked is used for calibration.
 */
void xapic_timer_start_periodic(uint8_t vector, uint32_t initial_count);
void xapic_timer_start_masked(uint32_t initial_count);
uint32_t xapic_timer_current(void);

/* ---- IOAPIC ---- */
void ioapic_init(void);
void ioapic_enable(uint8_t irq, uint8_t vector, uint32_t apic_id);
void ioapic_disable(uint8_t irq);

#endif
