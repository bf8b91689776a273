/*
 * emu_internal.h - the pieces of the host emulator (see emu.h) and the
 * state they share:
 *   emu_trace.c    ptrace primitives: start a program, run a syscall inside
 *                  it, read and write its memory
 *   emu_proc.c     emulated processes: spawn, VFork, exit, block and wake
 *   emu_int80.c    recognise an `int $0x80` the host refused (#GP)
 *   emu_syscall.c  the YSOS system calls
 *   emu_fs.c       YSOS paths -> files under the host root folder
 *   emu.c          emu_run(): the event loop
 */
#ifndef YSOS_EMU_INTERNAL_H
#define YSOS_EMU_INTERNAL_H

#include <signal.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include <console/console.h>

#include "emu.h"

#define EMU_MAX_PROCS        64
#define EMU_MAX_SEMS         32
#define EMU_MAX_FILES        16
#define EMU_KILLED_EXIT_CODE 0xdead
#define EMU_SYSCALL_ERROR    (~0UL)

/* Fixed places in every emulated address space. */
#define EMU_STUB_ADDR        0x100000000000UL /* page with "syscall; int3" */
#define EMU_HEAP_START       0x200000000000UL /* HEAP_START, as in YSOS */
#define EMU_BRK_SIZE         (128UL << 20)    /* how far brk may grow */
#define EMU_KALLOC_SIZE      (64UL << 20)     /* Allocate arena, right after */
#define EMU_CHILD_STACK_SIZE (64UL << 20)     /* stack of a VFork child */
#define EMU_MAIN_STACK_LIMIT (256UL << 20)    /* factorial recurses 16 MiB deep */
#define EMU_STACK_SLOT_SIZE  (4UL << 30)      /* a YSOS stack slot: 4 GiB */

enum proc_state {
    PROC_UNUSED,
    PROC_RUNNING, /* will report an event: not blocked, not reaped */
    PROC_BLOCKED, /* stopped at a syscall exit until woken */
    PROC_EXITED,
};

/* One address space: a spawned program and its VFork children. */
struct emu_space {
    unsigned long brk;
    unsigned long kalloc_next;
};

struct emu_proc {
    enum proc_state state;
    pid_t host_pid;
    int pid; /* YSOS pid */
    struct emu_space *space;
    unsigned long stack_top; /* end of its stack region (VFork copies up to it) */

    bool in_syscall;              /* entry stop seen, exit stop not yet */
    struct user_regs_struct regs; /* user registers at the syscall */

    /* A VFork child starts with these registers at its first stop. */
    bool first_stop_pending;
    struct user_regs_struct start_regs;

    int waiting_for;     /* blocked in WaitPid on this pid (0 = not) */
    bool waiting_sem;    /* blocked in a semaphore wait ... */
    uint32_t sem_key;    /* ... on this key */
    unsigned long since; /* when it blocked, to wake in FIFO order */

    bool exiting; /* killed by us, waiting to be reaped */
    long exit_code;
};

struct emu_sem {
    bool used;
    uint32_t key;
    unsigned long value;
};

struct emu {
    struct emu_run *run;
    struct emu_proc procs[EMU_MAX_PROCS];
    struct emu_space spaces[EMU_MAX_PROCS];
    struct emu_sem sems[EMU_MAX_SEMS];
    int files[EMU_MAX_FILES];          /* YSOS fd -> host fd (-1 closed; 0-2 console) */
    size_t input_pos;                  /* raw input bytes decoded so far */
    struct console_decoder decoder;    /* ... into characters */
    uint8_t pending[CONSOLE_CHAR_MAX]; /* the next character, or what a */
    size_t pending_len;                /* short Read left of it */
    int next_pid;
    unsigned long clock; /* counts blockings, for FIFO wake-up */
    struct emu_proc *root;
    size_t output_cap;
};

/* emu_trace.c */
pid_t trace_exec(const char *host_path);
bool trace_setup_space(pid_t pid);
long trace_inject(pid_t pid, long nr, long a0, long a1, long a2, long a3, long a4, long a5);
bool trace_read(pid_t pid, unsigned long addr, void *buf, size_t len);
bool trace_write(pid_t pid, unsigned long addr, const void *buf, size_t len);
unsigned long trace_stack_top(pid_t pid);
void trace_resume(pid_t pid, const struct user_regs_struct *regs);

/* emu_proc.c */
struct emu_proc *proc_by_pid(struct emu *emu, int pid);
struct emu_proc *proc_by_host_pid(struct emu *emu, pid_t host_pid);
struct emu_proc *proc_spawn(struct emu *emu, const char *host_path);
struct emu_proc *proc_fork(struct emu *emu, struct emu_proc *parent);
void proc_start_child(struct emu_proc *child);
void proc_return(struct emu_proc *p, unsigned long value);
void proc_block(struct emu *emu, struct emu_proc *p);
void proc_kill(struct emu_proc *p, long exit_code);
void proc_reaped(struct emu *emu, struct emu_proc *p);
int proc_count(struct emu *emu, enum proc_state state);

/* emu_int80.c: true when the stop is a refused `int $0x80`; then regs is
 * rewritten as a syscall-exit stop shows it (rip past it, orig_rax = nr). */
bool int80_from_fault(const siginfo_t *info, const unsigned char insn[2],
                      struct user_regs_struct *regs);

/* emu_syscall.c */
void syscall_emulate(struct emu *emu, struct emu_proc *p);

/* emu_fs.c */
bool fs_host_path(const char *root, const char *ysos_path, char *out, size_t size);

/* emu.c */
void emu_output(struct emu *emu, const char *text, size_t len);

#endif
