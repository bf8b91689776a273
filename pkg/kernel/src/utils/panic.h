/*
 * utils/panic.h - stop the kernel on an unrecoverable error
 * (Rust: the #[panic_handler] in utils/macros.rs).
 *
 *   panic("bad frame %lx", pa);
 *
 * prints "[PANIC] file.c:LINE: bad frame ...", the CPU's control registers
 * and a frame-pointer backtrace, then halts forever with interrupts off.
 */
#ifndef UTILS_PANIC_H
#define UTILS_PANIC_H

#define panic(...) panic_at(__FILE__, __LINE__, __VA_ARGS__)

__attribute__((noreturn, format(printf, 3, 4))) void panic_at(const char *file, int line,
                                                              const char *fmt, ...);

/* Halts forever with interrupts off (the end of panic and of fatal faults). */
__attribute__((noreturn)) void halt_forever(void);

#endif
