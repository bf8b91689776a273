/*
 * drivers/pit.h - the 8254 PIT as a one-shot stopwatch (channel 2).
 *
 * Its 1.193182 MHz clock is the one rate every PC (and QEMU) agrees on, so
 * the APIC timer, whose rate is unknown, is measured against it at boot.
 */
#ifndef DRIVERS_PIT_H
#define DRIVERS_PIT_H

#include <stdbool.h>
#include <stdint.h>

#define PIT_HZ 1193182

/* Starts a one-shot countdown of `us` microseconds (at most 54925). */
void pit_oneshot_start(uint32_t us);

/* True once the countdown has reached zero. */
bool pit_oneshot_done(void);

#endif
