/*
 * syscall.h - syscall numbers shared by the kernel and pkg/lib
 * (Rust: crates/syscall/src/lib.rs). Binary-compatible with the Rust labs.
 *
 * ABI: `int 0x80`; rax = number; rdi, rsi, rdx = arguments; result in rax.
 * Every other register is preserved across the call.
 */
#ifndef SYSCALL_SYSCALL_H
#define SYSCALL_SYSCALL_H

enum syscall_no {
    SYS_READ = 0,
    SYS_WRITE = 1,
    SYS_OPEN = 2,
    SYS_CLOSE = 3,
    SYS_BRK = 12,
    SYS_GETPID = 39,
    SYS_VFORK = 58,
    SYS_SPAWN = 59,
    SYS_EXIT = 60,
    SYS_WAITPID = 61,
    SYS_KILL = 62,
    SYS_SEM = 66,
    SYS_TIME = 201,
    SYS_FILEKIND = 65520,   /* YSOS-C, beyond the labs: what a path names */
    SYS_FOREGROUND = 65529, /* YSOS-C extension (not in the Rust labs): see below */
    SYS_STAT = 65530,
    SYS_LISTDIR = 65531,
    SYS_ALLOCATE = 65533,
    SYS_DEALLOCATE = 65534,
};

/*
 * SYS_FOREGROUND(pid): the process Ctrl-C is for (docs/userland.md
 * "Ctrl-C"). pid 0 = none; else the caller itself or one of its children.
 * Refused (SYSCALL_ERROR) for any other pid, and while a foreground is set,
 * unless the caller set it, belongs to its job or is an ancestor. Ctrl-C
 * ends a foreground child and its descendants (exit code KILLED_EXIT_CODE)
 * unless one of them is reading the console; a process that made itself
 * the foreground is not ended: it gets FOREGROUND_CTRL_C from its next
 * SYS_FOREGROUND call instead (0 otherwise).
 */
#define FOREGROUND_CTRL_C 1

/* Operations of SYS_SEM (first argument). */
enum sem_op {
    SEM_NEW = 0,    /* key, initial value */
    SEM_REMOVE = 1, /* key */
    SEM_SIGNAL = 2, /* key */
    SEM_WAIT = 3,   /* key */
};

/*
 * Argument of SYS_ALLOCATE / SYS_DEALLOCATE: a Rust `core::alloc::Layout`
 * as rustc lays it out (checked with rustc 1.85-1.97): the alignment in
 * word 0, the size in word 1. Size 24, align 8 is stored as {8, 0x18}.
 */
struct syscall_layout {
    unsigned long align;
    unsigned long size;
};

/* Results of SYS_FILEKIND (path, len); SYSCALL_ERROR for a bad argument, a
 * damaged volume or a device error. */
enum file_kind {
    FILE_KIND_NONE = 0, /* no such file or directory */
    FILE_KIND_FILE = 1,
    FILE_KIND_DIRECTORY = 2,
};

/* Longest path (bytes, without a NUL) Open, Spawn, ListDir and FileKind take. */
#define SYSCALL_PATH_MAX 256

/* Error result of calls that return an address or a size ("!0"). */
#define SYSCALL_ERROR (~0UL)

/* Exit code a killed process reports (Kill syscall, Rust lab value). */
#define KILLED_EXIT_CODE 0xdead

#endif
