/*
 * format/format.h - printf-style formatting for the kernel and the loader
 * (neither has a libc).
 *
 * One formatter, kvformat(), walks the format string and hands every output
 * character to a caller-supplied sink; kvsnprintf() is that formatter with a
 * "write into a buffer" sink, and the logger uses a "write to the serial
 * port" sink, so long messages are never truncated on the console.
 *
 * Conversions: %d %i %u %x %X %p %s %c %%
 * Length modifiers: l, ll, z     Flags: '-' (left-justify), '0' (zero-pad)
 * Width and precision: digits or '*'. Precision limits %s to N bytes and
 * gives integers at least N digits (as in C). %p prints "0x" + lowercase hex.
 * An unknown conversion is printed as written (e.g. "%q").
 *
 * Portable: the kernel (pkg/kernel), the UEFI loader (pkg/boot) and the
 * host tests (tests/test_format.c) each compile pkg/format/src/format.c
 * with their own flags (pkg/format/format.mk).
 */
#ifndef FORMAT_FORMAT_H
#define FORMAT_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_sink_fn)(char c, void *ctx);

/* Formats into `sink`; returns the number of characters produced. */
int kvformat(format_sink_fn sink, void *ctx, const char *fmt, va_list ap);

/*
 * C99 snprintf semantics: writes at most size-1 characters plus a NUL (when
 * size > 0) and returns the length the full output would have had, so
 * `ret >= size` means the output was truncated.
 */
int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int ksnprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
