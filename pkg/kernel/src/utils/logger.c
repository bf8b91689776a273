/*
 * utils/logger.c - the kernel log: level filter + "[LEVEL] " prefix, written
 * straight to the serial console through the shared printf engine.
 *
 * Each message is emitted with interrupts off, so a line logged by an
 * interrupt handler never splits another line in two.
 */
#include "utils/logger.h"

#include <stddef.h>

#include "arch/x86.h"
#include "drivers/serial.h"
#include "format/format.h"
#include "utils/todo.h"

static uint32_t max_level = BOOT_LOG_INFO; /* until log_init() is called */

static const char *const level_names[] = {
    [BOOT_LOG_ERROR] = "error", [BOOT_LOG_WARN] = "warn",   [BOOT_LOG_INFO] = "info",
    [BOOT_LOG_DEBUG] = "debug", [BOOT_LOG_TRACE] = "trace",
};

static const char *const level_prefixes[] = {
    [BOOT_LOG_ERROR] = "[ERROR] ", [BOOT_LOG_WARN] = "[WARN ] ",  [BOOT_LOG_INFO] = "[INFO ] ",
    [BOOT_LOG_DEBUG] = "[DEBUG] ", [BOOT_LOG_TRACE] = "[TRACE] ",
};

static bool level_valid(uint32_t level)
{
    return level >= BOOT_LOG_ERROR && level <= BOOT_LOG_TRACE;
}

void log_init(uint32_t level)
{
#if YSOS_SOLVED >= 1
    max_level = level_valid(level) ? level : BOOT_LOG_INFO;
#else
    /* TODO(lab 0x01): configure the logger: the highest level to print is
     * the loader's log_level (boot.conf), info when it is not valid.
     * Guide: 0x01 tasks.md "日志输出"; Rust: crates/kernel/src/utils/logger.rs init */
    (void)level;
    LAB_TODO(1, "log_init");
#endif
}

uint32_t log_max_level(void)
{
    return max_level;
}

const char *log_level_name(uint32_t level)
{
    return level_valid(level) ? level_names[level] : "unknown";
}

bool log_enabled(int level)
{
    return level >= BOOT_LOG_ERROR && (uint32_t)level <= max_level;
}

/* format_sink_fn that prints to the console. */
static void console_sink(char c, void *ctx)
{
    (void)ctx;
    serial_putc(c);
}

void log_write(int level, const char *fmt, ...)
{
#if YSOS_SOLVED >= 1
    va_list ap;
    uint64_t flags;

    if (!log_enabled(level))
        return;
    flags = irq_save();
    for (const char *p = level_prefixes[level]; *p != '\0'; p++)
        serial_putc(*p);
    va_start(ap, fmt);
    kvformat(console_sink, NULL, fmt, ap);
    va_end(ap);
    serial_putc('\n');
    irq_restore(flags);
#else
    /* TODO(lab 0x01): implement the logger with serial output: a message
     * of an enabled level (log_enabled) is printed as its level prefix
     * (level_prefixes), the formatted text (kvformat into console_sink) and
     * a newline, with interrupts off (irq_save). Until then logs are silent.
     * Guide: 0x01 tasks.md "日志输出"; Rust: crates/kernel/src/utils/logger.rs log */
    (void)level;
    (void)fmt;
    (void)level_prefixes;
    LAB_TODO(1, "log_write");
#endif
}

int kvprintf(const char *fmt, va_list ap)
{
    uint64_t flags = irq_save();
    int n = kvformat(console_sink, NULL, fmt, ap);

    irq_restore(flags);
    return n;
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvprintf(fmt, ap);
    va_end(ap);
    return n;
}
