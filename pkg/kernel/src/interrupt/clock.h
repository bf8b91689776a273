/*
 * interrupt/clock.h - the periodic timer interrupt (Rust: interrupt/clock.rs).
 *
 * The local APIC timer interrupts TIMER_HZ times per second (calibrated
 * against the PIT at boot, so the rate is real even under QEMU's TCG);
 * every interrupt adds one to the tick counter.
 */
#ifndef INTERRUPT_CLOCK_H
#define INTERRUPT_CLOCK_H

#include <stdint.h>

#define TIMER_HZ    1000
#define NS_PER_TICK (1000000000ULL / TIMER_HZ)

/* Calibrates the APIC timer and starts it (interrupts still need sti). */
void timer_init(void);

/* Timer interrupts since timer_init(). */
uint64_t clock_ticks(void);

#endif
