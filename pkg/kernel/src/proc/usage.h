/*
 * proc/usage.h - the "used / total" lines under the ps table (Rust:
 * format_usage in proc/manager.rs), with integer arithmetic only.
 *
 *   "Memory :   1.08 MiB /  44.37 MiB ( 2.43%)"
 *
 * is C's "%-6s : %6.2f %3s / %6.2f %3s (%5.2f%%)" with the sizes scaled to
 * B/KiB/MiB/GiB by memory/size.c.
 *
 * Portable: tests/test_proc_usage.c compares it with the host's printf.
 */
#ifndef PROC_USAGE_H
#define PROC_USAGE_H

#include <stddef.h>
#include <stdint.h>

/*
 * used * 100 / total with two decimals, as digits: 243 for 2.43 (rounded
 * half up; 0 when total is 0).
 */
uint64_t usage_percent_hundredths(uint64_t used, uint64_t total);

/* Writes the usage line (no newline) into buf[len]; returns buf. */
char *usage_line(char *buf, size_t len, const char *name, uint64_t used, uint64_t total);

#endif
