/*
 * ysos.h - the YSOS user library: the Rust lab's `lib` crate for C programs.
 *
 * newlib provides the C library (printf, malloc, string.h ...). This header
 * adds what the Rust lab's user programs get from `use lib::*;`, under the
 * same names:
 *   syscall.rs  sys_write, sys_read, sys_open, ... (one function per syscall)
 *   sync.rs     struct spinlock, struct semaphore
 *   io.rs       read_line (stdin line editor)
 *   utils.rs    sleep (milliseconds!), format_pid_list
 *
 * Memory model to keep in mind: sys_fork() is the lab's VFork. The child
 * shares the parent's page table and heap; only the stack is copied to a new
 * slot. Globals and malloc'ed memory are therefore shared between parent and
 * child (that is how `counter` and `mq` share their counters), and a child
 * must not use pointers to the parent's stack variables.
 */
#ifndef YSOS_H
#define YSOS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <syscall/syscall.h>

/* ---- syscall.rs ---------------------------------------------------------- */

/* How sys_open opens a file (Rust lib io.rs `FileMode`, same values). */
enum file_mode {
    FILE_MODE_READ_ONLY = 0,
    FILE_MODE_READ_WRITE_APPEND = 1,
    FILE_MODE_READ_WRITE_TRUNCATE = 2,
    FILE_MODE_READ_WRITE_CREATE = 3,
    FILE_MODE_READ_WRITE_CREATE_OR_TRUNCATE = 4,
    FILE_MODE_READ_WRITE_CREATE_OR_APPEND = 5,
};

/* Result of sys_brk on failure (Rust: None). */
#define BRK_FAILED ((uintptr_t)SYSCALL_ERROR)

/* Bytes written / read, or -1 (Rust: None). */
ssize_t sys_write(int fd, const void *buf, size_t len);
ssize_t sys_read(int fd, void *buf, size_t len);

/* File descriptor >= 3, or 0 when the file cannot be opened. */
uint8_t sys_open(const char *path, enum file_mode mode);
/* true when fd was open (0, 1 and 2 cannot be closed). */
bool sys_close(int fd);

/* Move the program break to addr (0 = just ask); new break or BRK_FAILED. */
uintptr_t sys_brk(uintptr_t addr);

uint16_t sys_get_pid(void);
/* VFork: child pid in the parent, 0 in the child (see the note on top). */
uint16_t sys_fork(void);
/* Start the program at path (absolute, case-insensitive): pid, or 0. */
uint16_t sys_spawn(const char *path);
__attribute__((noreturn)) void sys_exit(long code);
/* Block until pid exits; its exit code. */
long sys_wait_pid(uint16_t pid);
/* Kill pid (its exit code becomes KILLED_EXIT_CODE; pid 1 is refused). */
void sys_kill(uint16_t pid);
/*
 * Spawn, the POSIX way (beside fork, waitpid and kill): the pid, or -1 with
 * errno ENOENT (no such file), ENOEXEC (not an ELF program) or EAGAIN (the
 * process table is full, or memory ran out).
 */
pid_t spawn(const char *path);

/* Nanoseconds since the Unix epoch (RTC). */
int64_t sys_time(void);

/*
 * YSOS-C extension (not in the Rust lib): make pid - yourself or one of
 * your children, 0 for nobody - the foreground program, the one Ctrl-C
 * stops (docs/userland.md "Ctrl-C"). Returns 0; FOREGROUND_CTRL_C (1) when
 * you made yourself the foreground and a Ctrl-C was typed since your last
 * call; -1 when refused.
 */
int sys_set_foreground(uint16_t pid);

/* The kernel prints the process table / a directory listing. */
void sys_stat(void);
void sys_list_dir(const char *path);
/* What path (absolute) names: FILE_KIND_NONE / _FILE / _DIRECTORY, or -1
 * when the kernel cannot tell (damaged volume, bad path). YSOS-C only. */
int sys_file_kind(const char *path);

/* Kernel-side user heap (the ALLOC=kernel path); NULL / no-op on failure. */
void *sys_allocate(const struct syscall_layout *layout);
void sys_deallocate(void *ptr, const struct syscall_layout *layout);

/* Named kernel semaphores: true = success. */
bool sys_new_sem(uint32_t key, size_t value);
bool sys_rm_sem(uint32_t key);
void sys_sem_signal(uint32_t key);
void sys_sem_wait(uint32_t key);

/* ---- sync.rs ------------------------------------------------------------- */

/*
 * A user-space spin lock (Rust SpinLock). It works between forked processes
 * because they share memory. Initialise with SPINLOCK_INIT.
 */
struct spinlock {
    volatile int bolt;
};
/* clang-format off */
#define SPINLOCK_INIT {0}
/* clang-format on */

void spinlock_acquire(struct spinlock *lock);
void spinlock_release(struct spinlock *lock);

/*
 * A kernel semaphore named by a key (Rust Semaphore). SEMAPHORE(key) is
 * Semaphore::new(key); semaphore_init() creates it in the kernel.
 */
struct semaphore {
    uint32_t key;
};
/* clang-format off */
#define SEMAPHORE(k) {.key = (k)}
/* clang-format on */

bool semaphore_init(const struct semaphore *sem, size_t value);
void semaphore_signal(const struct semaphore *sem); /* use after init */
void semaphore_wait(const struct semaphore *sem);   /* use after init */
bool semaphore_free(const struct semaphore *sem);

/* ---- io.rs --------------------------------------------------------------- */

/* read_line results besides a length >= 0. */
#define READ_LINE_EOF      (-1) /* Ctrl-D on an empty line, or stdin failed */
#define READ_LINE_TOO_LONG (-2) /* the line did not fit; buf holds its start */

/*
 * Read one line from stdin into buf (NUL-terminated, without the newline),
 * echoing it. Backspace/DEL erase, Ctrl-C cancels the line (prints "^C",
 * returns 0 with an empty line), Ctrl-D on an empty line is end of input.
 * Enter may be CR, LF or CRLF. Returns the length or a READ_LINE_* code.
 */
int read_line(char *buf, size_t size);

/* ---- utils.rs ------------------------------------------------------------ */

/*
 * Format pids like Rust's {:?} of an array, "[3, 4, 5]", into buf (always
 * NUL-terminated, cut short if too small). Lets a program print a whole
 * line with one printf, so lines of concurrent processes do not interleave.
 */
void format_pid_list(char *buf, size_t size, const uint16_t *pids, size_t count);

/*
 * Busy-wait for `ms` MILLISECONDS (the Rust lib's unit, not POSIX seconds).
 * The prototype matches unistd.h's `unsigned int sleep(unsigned int)`, so
 * both headers can be included; always returns 0.
 */
unsigned int sleep(unsigned int ms);

/*
 * The stub of a lab hole in user code (pkg/todo/include/todo/todo.h): says
 * "TODO(lab 0xNN): WHAT is not implemented" on stderr, once per place, in
 * one Write. The caller then returns an error; see docs/labs/README.md.
 */
void lab_todo(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#include <todo/todo.h>
#define LAB_TODO(lab, what) LAB_TODO_SAY(lab, what, lab_todo)

#endif
