/*
 * proc/processor.h - which process each CPU is running (Rust:
 * proc/processor.rs). YSOS-C runs on one CPU, but the table and the
 * `CPUs   : [0: 2]` line of ps keep the Rust shape.
 */
#ifndef PROC_PROCESSOR_H
#define PROC_PROCESSOR_H

#include <stdbool.h>
#include <stdint.h>

#define MAX_CPUS 8

/* The pid running on this CPU (0 before the process manager starts). */
uint16_t processor_current_pid(void);

/* Makes pid the running one and starts its time slice. */
void processor_set_pid(uint16_t pid);

/*
 * Whether this CPU switched process since the last call (the timer tick's):
 * a process switched in with a tick already pending has had no time yet.
 */
bool processor_take_new_slice(void);

/* Prints "CPUs   : [0: 2]" (one [cpu: pid] per busy CPU, joined by ", ") and a newline. */
void processor_print(void);

#endif
