/*
 * interrupt/exception.h - CPU exceptions (vectors 0-31) (Rust: interrupt/exception.rs).
 */
#ifndef INTERRUPT_EXCEPTION_H
#define INTERRUPT_EXCEPTION_H

#include "interrupt/trap.h"

/*
 * The single entry point for every CPU exception. Today each one is fatal:
 * the frame is printed and the kernel panics. This is the place that will
 * recover from some (page faults that grow a stack, faults that kill a user
 * process) once processes exist.
 */
void exception_dispatch(struct trap_frame *tf);

/* "Page Fault", "General Protection Fault", ... ("Reserved" for unnamed vectors). */
const char *exception_name(uint64_t vector);

/* Prints the exception, the CPU frame, CR2 for page faults and all registers. */
void exception_dump(const struct trap_frame *tf);

#endif
