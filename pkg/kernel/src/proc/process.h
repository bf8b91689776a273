/*
 * proc/process.h - the process control block (Rust: proc/process.rs).
 *
 * Everything the kernel knows about one process: who it is (pid, parent,
 * name), where it stands (status, what it waits for, exit code), its saved
 * CPU state (integer registers as a trap frame, FPU/SSE as an fxsave area),
 * its memory and its shared files and semaphores. Children are found by
 * their ppid (the table is small), so there is no separate child list.
 *
 * Lifetime: a process that exits or is killed gives everything back at
 * once, PCB included; only its exit code may stay behind for a parent that
 * has not waited yet (proc/zombie.h).
 */
#ifndef PROC_PROCESS_H
#define PROC_PROCESS_H

#include <stdbool.h>
#include <stdint.h>

#include "interrupt/trap.h"
#include "proc/context.h"
#include "proc/data.h"
#include "proc/vm/vm.h"

#define PROC_NAME_SIZE 32

enum proc_status {
    PROC_READY,
    PROC_RUNNING,
    PROC_BLOCKED,
    PROC_DEAD,
};

/* What a Blocked process waits for. */
enum proc_wait {
    WAIT_NONE,
    WAIT_INPUT,     /* a byte on the console (Read on fd 0) */
    WAIT_PROCESS,   /* the exit of process wait_pid (WaitPid) */
    WAIT_SEMAPHORE, /* a signal on semaphore wait_key of its family (Sem wait) */
};

/* A console Write going out in pieces (proc_write_console): the buffer
 * and length as the program passed them, restored when the call ends. */
struct console_write {
    bool active;
    uint64_t buf, len;
};

struct process {
    struct fx_state fx;        /* first: keeps it 16-byte aligned */
    struct trap_frame context; /* registers while not running */
    uint16_t pid;
    uint16_t ppid;             /* 0: none */
    char name[PROC_NAME_SIZE]; /* lower case, as ps shows it */
    enum proc_status status;
    enum proc_wait wait;
    uint16_t wait_pid;
    uint32_t wait_key;
    bool console_read;          /* in a Read of fd 0 not answered yet (proc/foreground.h) */
    bool console_used;          /* has read or written the console ... */
    uint64_t console_tick;      /* ... last when its `ticks` were this */
    uint64_t ticks;             /* timer ticks spent running */
    int64_t exit_code;          /* set when it dies */
    struct process_vm vm;       /* released when the process dies */
    struct process_data *data;  /* NULL for the kernel and kernel threads */
    bool kthread;               /* a kernel thread (proc/kthread.h) */
    struct process *next_ready; /* link in the ready queue */
    bool queued;                /* in the ready queue */
    bool held;                  /* spawned; not runnable until its parent blocks (manager.c) */
    uint64_t hold_until;        /* ... or its parent has run until this many ticks */
    struct console_write write; /* a long console Write in progress */
};

/* A zeroed PCB with pid, parent and name (lower-cased, truncated); NULL if out of memory. */
struct process *process_new(uint16_t pid, uint16_t ppid, const char *name);

void process_free(struct process *p);

/* Frees everything a process that never ran holds: data, memory, PCB. */
void process_discard(struct process *p);

/* "Ready", "Running", "Blocked" or "Dead" (Rust's {:?} of ProgramStatus). */
const char *process_status_name(enum proc_status status);

/* Prints the process's ps row: " #  2 | #  1 | shell        |   23458 |  40.0 KiB | Running". */
void process_print_row(const struct process *p);

#endif
