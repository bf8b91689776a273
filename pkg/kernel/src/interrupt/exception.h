/*
 * interrupt/exception.h - CPU exceptions (vectors 0-31) (Rust: interrupt/exception.rs).
 */
#ifndef INTERRUPT_EXCEPTION_H
#define INTERRUPT_EXCEPTION_H

#include "interrupt/trap.h"

/*
 * The single entry point for every CPU exception: user-mode faults go to
 * the process code (stack growth or killing the process), a kernel page
 * fault below the kernel stack grows it, anything else in the kernel is
 * printed and the kernel panics.
 */
void exception_dispatch(struct trap_frame *tf);

/* "Page Fault", "General Protection Fault", ... ("Reserved" for unnamed vectors). */
const char *exception_name(uint64_t vector);

/* Prints the exception, the CPU frame, CR2 for page faults and all registers. */
void exception_dump(const struct trap_frame *tf);

#endif
