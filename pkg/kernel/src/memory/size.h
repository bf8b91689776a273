/*
 * memory/size.h - human-readable byte counts ("1.08 MiB") without floating
 * point (the kernel is built with -mgeneral-regs-only).
 *
 * Same rule as the Rust kernel's humanized_size(): divide by 1024 while the
 * value is >= 1024, up to GiB. The digits are what C's printf("%.*f") prints
 * for the exact quotient (round half to even), so the ps figures the SPEC
 * writes as "%6.2f %3s" come out the same.
 *
 * Portable: no kernel headers, host-tested by tests/test_size.c.
 */
#ifndef MEMORY_SIZE_H
#define MEMORY_SIZE_H

#include <stddef.h>
#include <stdint.h>

#define SIZE_MAX_DECIMALS 6

/*
 * Writes bytes scaled to its unit, with `decimals` digits after the point
 * (0..SIZE_MAX_DECIMALS), into num[len] (always NUL-terminated when len > 0)
 * and returns the unit: "B", "KiB", "MiB" or "GiB".
 * Use it when the number and the unit need separate field widths.
 */
const char *size_scale(uint64_t bytes, int decimals, char *num, size_t len);

/*
 * size_scale with one-letter units "B", "K", "M", "G" (the Rust kernel's
 * humanized_size_short(), used by the `ls` listing).
 */
const char *size_scale_short(uint64_t bytes, int decimals, char *num, size_t len);

/* Writes "<number> <unit>" (e.g. "1.08 MiB") into buf[len]; returns buf. */
char *format_size(uint64_t bytes, char *buf, size_t len, int decimals);

#endif
