/*
 * utils/clock.h - wall-clock time (Rust: utils/clock.rs, which asked UEFI).
 *
 * The CMOS real-time clock is read once at boot; after that the time is
 * that reading plus the timer ticks since, so it has the timer's 1 ms
 * resolution and never goes backwards.
 */
#ifndef UTILS_CLOCK_H
#define UTILS_CLOCK_H

#include <stdint.h>

/* Reads the RTC and logs the boot date and time (call after timer_init). */
void clock_init(void);

/* Nanoseconds since 1970-01-01 00:00:00 UTC (the Time syscall's result). */
uint64_t clock_unix_ns(void);

#endif
