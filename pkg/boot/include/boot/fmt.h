/*
 * fmt.h - a small snprintf for code with no C library: the UEFI loader and
 * the boot.conf parser (which must also build on the host for its tests).
 *
 * Conversions: %s %c %d %i %u %x %X %p %%; flags '-' '0' '#'; a width;
 * a precision for %s (".N" or ".*", to print part of a buffer); the length
 * modifiers l, ll and z. Output is always NUL-terminated when size > 0.
 */
#ifndef BOOT_FMT_H
#define BOOT_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* Returns the length the full output would have had (like vsnprintf). */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
