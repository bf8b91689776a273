/*
 * utils/logger.h - leveled kernel log on the serial console
 * (Rust: utils/logger.rs with the `log` crate's macros).
 *
 *   log_info("Frame Allocator initialized.");   ->  "[INFO ] Frame Allocator initialized."
 *
 * Levels are boot.conf's (enum boot_log_level); a message whose level is
 * above the configured one is dropped. kprintf() prints without prefix or
 * filtering. All of these may be called from interrupt handlers.
 */
#ifndef UTILS_LOGGER_H
#define UTILS_LOGGER_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "boot/bootinfo.h"

/* Sets the level (enum boot_log_level); anything out of range means info. */
void log_init(uint32_t level);

/* The level in effect. */
uint32_t log_max_level(void);

/* "error", "warn", "info", "debug" or "trace". */
const char *log_level_name(uint32_t level);

/* True when messages of `level` are printed (to skip costly debug-only work). */
bool log_enabled(int level);

void log_write(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_error(...) log_write(BOOT_LOG_ERROR, __VA_ARGS__)
#define log_warn(...)  log_write(BOOT_LOG_WARN, __VA_ARGS__)
#define log_info(...)  log_write(BOOT_LOG_INFO, __VA_ARGS__)
#define log_debug(...) log_write(BOOT_LOG_DEBUG, __VA_ARGS__)
#define log_trace(...) log_write(BOOT_LOG_TRACE, __VA_ARGS__)

/* Raw console output (no prefix, no level filter); returns characters printed. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int kvprintf(const char *fmt, va_list ap);

#endif
