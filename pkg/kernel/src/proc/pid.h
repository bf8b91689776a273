/*
 * proc/pid.h - process ids (Rust: proc/pid.rs).
 *
 * Pids are 16-bit, as in the Rust lab (the syscall ABI passes them as u16).
 * 0 means "no process", 1 is the kernel. New ids count up from there, so a
 * pid is not reused soon after its process ends (a late WaitPid or Kill
 * cannot hit a newcomer); after 65534 the count wraps to 2 and skips ids
 * still in use. 65535 is never a pid: it is what the Rust lib's
 * `sys_fork() -> u16` makes of the error result (!0) when fork fails, so
 * a program can tell the two apart.
 *
 * Portable (no kernel headers): tests/test_proc_pid.c runs it on the host.
 */
#ifndef PROC_PID_H
#define PROC_PID_H

#include <stdbool.h>
#include <stdint.h>

#define PID_NONE   0
#define PID_KERNEL 1
#define PID_LAST   0xFFFE /* the highest pid; 0xFFFF is u16(!0), fork's error */

/* Tells whether a pid still belongs to a process. */
typedef bool (*pid_in_use_fn)(uint16_t pid, void *ctx);

struct pid_allocator {
    uint16_t next; /* the next id to try; starts at PID_KERNEL */
};

void pid_allocator_init(struct pid_allocator *a);

/* The next free pid (PID_KERNEL the very first time); PID_NONE if all are taken. */
uint16_t pid_alloc(struct pid_allocator *a, pid_in_use_fn in_use, void *ctx);

#endif
