/*
 * syscall.c - one C function per YSOS syscall (Rust: crates/lib/src/syscall.rs).
 *
 * Each wrapper only converts between C types and the raw ABI: arguments go
 * in as 64-bit integers, and the kernel's error conventions (-1, 0, !0) are
 * turned into the C results documented in ysos.h.
 */
#include <string.h>

#include <ysos.h>

#include "syscall_asm.h"

ssize_t sys_write(int fd, const void *buf, size_t len)
{
    return (ssize_t)syscall3(SYS_WRITE, (uint8_t)fd, (uintptr_t)buf, len);
}

ssize_t sys_read(int fd, void *buf, size_t len)
{
    return (ssize_t)syscall3(SYS_READ, (uint8_t)fd, (uintptr_t)buf, len);
}

uint8_t sys_open(const char *path, enum file_mode mode)
{
    return (uint8_t)syscall3(SYS_OPEN, (uintptr_t)path, strlen(path), mode);
}

bool sys_close(int fd)
{
    return syscall3(SYS_CLOSE, (uint8_t)fd, 0, 0) != 0;
}

uintptr_t sys_brk(uintptr_t addr)
{
    return syscall3(SYS_BRK, addr, 0, 0);
}

uint16_t sys_get_pid(void)
{
    return (uint16_t)syscall3(SYS_GETPID, 0, 0, 0);
}

#if YSOS_LAB >= 5
uint16_t sys_fork(void)
{
    return (uint16_t)syscall3(SYS_VFORK, 0, 0, 0);
}
#endif

uint16_t sys_spawn(const char *path)
{
    return (uint16_t)syscall3(SYS_SPAWN, (uintptr_t)path, strlen(path), 0);
}

void sys_exit(long code)
{
    syscall3(SYS_EXIT, (uint64_t)code, 0, 0);
    __builtin_trap(); /* the kernel never returns from Exit; if it does (a lab stub), fault */
}

long sys_wait_pid(uint16_t pid)
{
    return (long)syscall3(SYS_WAITPID, pid, 0, 0);
}

void sys_kill(uint16_t pid)
{
    syscall3(SYS_KILL, pid, 0, 0);
}

int64_t sys_time(void)
{
    return (int64_t)syscall3(SYS_TIME, 0, 0, 0);
}

int sys_set_foreground(uint16_t pid)
{
    uint64_t r = syscall3(SYS_FOREGROUND, pid, 0, 0);

    return r == SYSCALL_ERROR ? -1 : (int)r;
}

void sys_stat(void)
{
    syscall3(SYS_STAT, 0, 0, 0);
}

void sys_list_dir(const char *path)
{
    syscall3(SYS_LISTDIR, (uintptr_t)path, strlen(path), 0);
}

int sys_file_kind(const char *path)
{
    uint64_t kind = syscall3(SYS_FILEKIND, (uintptr_t)path, strlen(path), 0);

    return kind <= FILE_KIND_DIRECTORY ? (int)kind : -1;
}

void *sys_allocate(const struct syscall_layout *layout)
{
    return (void *)(uintptr_t)syscall3(SYS_ALLOCATE, (uintptr_t)layout, 0, 0);
}

void sys_deallocate(void *ptr, const struct syscall_layout *layout)
{
    syscall3(SYS_DEALLOCATE, (uintptr_t)ptr, (uintptr_t)layout, 0);
}

#if YSOS_LAB >= 5
/* The Sem syscall: op in rdi, key in rsi, value in rdx; 0 means success. */
static uint64_t sem_call(enum sem_op op, uint32_t key, size_t value)
{
    return syscall3(SYS_SEM, op, key, value);
}

bool sys_new_sem(uint32_t key, size_t value)
{
    return sem_call(SEM_NEW, key, value) == 0;
}

bool sys_rm_sem(uint32_t key)
{
    return sem_call(SEM_REMOVE, key, 0) == 0;
}

void sys_sem_signal(uint32_t key)
{
    sem_call(SEM_SIGNAL, key, 0);
}

void sys_sem_wait(uint32_t key)
{
    sem_call(SEM_WAIT, key, 0);
}
#endif
