/*
 * emu_syscall.c - the YSOS system calls (SPEC section 5), answered for a
 * traced program stopped on its `int $0x80` (either way emu_int80.c
 * describes: the registers are those a syscall-exit stop shows).
 *
 * Each handler returns the value for rax, or one of:
 *   NO_RETURN  the process was killed (Exit, Kill of itself)
 *   BLOCKED    the process waits (WaitPid, Sem wait); someone wakes it later
 * Console input is what the YSOS kernel delivers: the test's input is
 * decoded as a terminal's keys (pkg/console: CR -> '\n', DEL -> '\b', whole
 * UTF-8 characters) and one Read returns one character. When the test's
 * input is used up, Read fails (-1), which programs see as end of input.
 * Foreground is accepted for any live pid and changes nothing: a Ctrl-C in
 * the test's input is always input, as when no foreground is set.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <console/console.h>
#include <syscall/syscall.h>

#include "emu_internal.h"

#define NO_RETURN  (~0UL - 1)
#define BLOCKED    (~0UL - 2)
#define FAILED     EMU_SYSCALL_ERROR
#define PATH_LIMIT (SYSCALL_PATH_MAX + 1) /* buffer for a path argument, NUL included */
#define IO_LIMIT   (1UL << 20)

/* The syscall's arguments. */
struct call {
    struct emu *emu;
    struct emu_proc *p;
    unsigned long arg0, arg1, arg2;
};

static bool read_string(const struct call *c, unsigned long addr, unsigned long len, char *out)
{
    if (len >= PATH_LIMIT || !trace_read(c->p->host_pid, addr, out, len))
        return false;
    out[len] = '\0';
    return true;
}

/* Decodes the test's input up to the next whole character; false at its end. */
static bool next_input_char(struct emu *emu)
{
    const char *input = emu->run->input ? emu->run->input : "";

    while (emu->pending_len == 0 && input[emu->input_pos] != '\0') {
        uint8_t byte = (uint8_t)input[emu->input_pos++];
        emu->pending_len = console_decode(&emu->decoder, byte, emu->pending);
    }
    return emu->pending_len > 0;
}

static unsigned long console_read(const struct call *c)
{
    struct emu *emu = c->emu;

    if (c->arg2 == 0)
        return 0;
    if (!next_input_char(emu))
        return FAILED;
    size_t n = console_read_size(emu->pending[0], c->arg2);
    if (!trace_write(c->p->host_pid, c->arg1, emu->pending, n))
        return FAILED;
    emu->pending_len -= n;
    memmove(emu->pending, emu->pending + n, emu->pending_len);
    return n;
}

static int *file_slot(struct emu *emu, unsigned long fd)
{
    if (fd < 3 || fd >= EMU_MAX_FILES || emu->files[fd] < 0)
        return NULL;
    return &emu->files[fd];
}

static unsigned long sys_read(const struct call *c)
{
    static char buf[64 * 1024];
    int *file = file_slot(c->emu, c->arg0);

    if (c->arg0 == 0)
        return console_read(c);
    if (file == NULL)
        return FAILED;
    size_t want = c->arg2 < sizeof(buf) ? c->arg2 : sizeof(buf);
    ssize_t got = read(*file, buf, want);
    if (got < 0 || !trace_write(c->p->host_pid, c->arg1, buf, (size_t)got))
        return FAILED;
    return (unsigned long)got;
}

static unsigned long sys_write(const struct call *c)
{
    if ((c->arg0 != 1 && c->arg0 != 2) || c->arg2 > IO_LIMIT)
        return FAILED;
    char *buf = malloc(c->arg2 + 1);
    bool ok = buf && trace_read(c->p->host_pid, c->arg1, buf, c->arg2);
    if (ok)
        emu_output(c->emu, buf, c->arg2);
    free(buf);
    return ok ? c->arg2 : FAILED;
}

static unsigned long sys_open(const struct call *c)
{
    char path[PATH_LIMIT], host[1024];

    if (!read_string(c, c->arg0, c->arg1, path) ||
        !fs_host_path(c->emu->run->root, path, host, sizeof(host)))
        return 0;
    for (int fd = 3; fd < EMU_MAX_FILES; fd++) {
        if (c->emu->files[fd] < 0) {
            c->emu->files[fd] = open(host, O_RDONLY);
            return c->emu->files[fd] < 0 ? 0 : (unsigned long)fd;
        }
    }
    return 0;
}

static unsigned long sys_close(const struct call *c)
{
    int *file = file_slot(c->emu, c->arg0);

    if (file == NULL)
        return 0;
    close(*file);
    *file = -1;
    return 1;
}

static unsigned long page_up(unsigned long addr)
{
    return (addr + 0xfff) & ~0xfffUL;
}

/* Like the YSOS kernel: pages above a lowered break are unmapped, so they
 * come back zero-filled if the heap grows again (MADV_DONTNEED does that). */
static unsigned long sys_brk(const struct call *c)
{
    struct emu_space *space = c->p->space;
    unsigned long addr = c->arg0;

    if (addr == 0)
        return space->brk;
    if (addr < EMU_HEAP_START || addr > EMU_HEAP_START + EMU_BRK_SIZE)
        return FAILED;
    if (page_up(addr) < page_up(space->brk))
        trace_inject(c->p->host_pid, SYS_madvise, (long)page_up(addr),
                     (long)(page_up(space->brk) - page_up(addr)), MADV_DONTNEED, 0, 0, 0);
    space->brk = addr;
    return addr;
}

static unsigned long sys_fork(const struct call *c)
{
    struct emu_proc *child = proc_fork(c->emu, c->p);
    return child ? (unsigned long)child->pid : FAILED;
}

static unsigned long sys_spawn(const struct call *c)
{
    char path[PATH_LIMIT], host[1024];

    if (!read_string(c, c->arg0, c->arg1, path) ||
        !fs_host_path(c->emu->run->root, path, host, sizeof(host)))
        return 0;
    struct emu_proc *child = proc_spawn(c->emu, host);
    return child ? (unsigned long)child->pid : 0;
}

static unsigned long sys_wait_pid(const struct call *c)
{
    struct emu_proc *target = proc_by_pid(c->emu, (int)c->arg0);

    if (target == NULL)
        return FAILED;
    if (target->state == PROC_EXITED)
        return (unsigned long)target->exit_code;
    c->p->waiting_for = target->pid;
    return BLOCKED;
}

static unsigned long sys_kill(const struct call *c)
{
    struct emu_proc *target = proc_by_pid(c->emu, (int)c->arg0);

    if (c->arg0 == 1 || target == NULL)
        return 0; /* pid 1 (the kernel) is refused */
    proc_kill(target, EMU_KILLED_EXIT_CODE);
    return target == c->p ? NO_RETURN : 0;
}

static struct emu_sem *sem_find(struct emu *emu, uint32_t key)
{
    for (int i = 0; i < EMU_MAX_SEMS; i++) {
        if (emu->sems[i].used && emu->sems[i].key == key)
            return &emu->sems[i];
    }
    return NULL;
}

/* The process blocked longest on key, or NULL. */
static struct emu_proc *sem_first_waiter(struct emu *emu, uint32_t key)
{
    struct emu_proc *first = NULL;

    for (int i = 0; i < EMU_MAX_PROCS; i++) {
        struct emu_proc *p = &emu->procs[i];
        if (p->state == PROC_BLOCKED && p->waiting_sem && p->sem_key == key &&
            (first == NULL || p->since < first->since))
            first = p;
    }
    return first;
}

/* As the kernel's sem_new: an existing key gets the new count unless
 * someone waits on it, and the result says it existed (1). */
static unsigned long sem_new(struct emu *emu, uint32_t key, unsigned long value)
{
    struct emu_sem *sem = sem_find(emu, key);

    if (sem != NULL) {
        if (sem_first_waiter(emu, key) == NULL)
            sem->value = value;
        return 1;
    }
    for (int i = 0; sem == NULL && i < EMU_MAX_SEMS; i++) {
        if (!emu->sems[i].used)
            sem = &emu->sems[i];
    }
    if (sem == NULL)
        return 1;
    *sem = (struct emu_sem){.used = true, .key = key, .value = value};
    return 0;
}

static unsigned long sys_sem(const struct call *c)
{
    uint32_t key = (uint32_t)c->arg1;
    struct emu_sem *sem = sem_find(c->emu, key);

    if (c->arg0 == SEM_NEW)
        return sem_new(c->emu, key, c->arg2);
    if (c->arg0 > SEM_WAIT)
        return FAILED;
    if (sem == NULL)
        return 1;
    if (c->arg0 == SEM_REMOVE) {
        sem->used = false;
        return 0;
    }
    if (c->arg0 == SEM_SIGNAL) {
        struct emu_proc *waiter = sem_first_waiter(c->emu, key);
        if (waiter)
            proc_return(waiter, 0);
        else
            sem->value++;
        return 0;
    }
    if (sem->value > 0) { /* SEM_WAIT */
        sem->value--;
        return 0;
    }
    c->p->waiting_sem = true;
    c->p->sem_key = key;
    return BLOCKED;
}

static unsigned long sys_time(void)
{
    struct timespec now;

    clock_gettime(CLOCK_REALTIME, &now);
    return (unsigned long)now.tv_sec * 1000000000UL + (unsigned long)now.tv_nsec;
}

static unsigned long sys_list_dir(const struct call *c)
{
    char path[PATH_LIMIT], line[PATH_LIMIT + 16];

    if (!read_string(c, c->arg0, c->arg1, path))
        return FAILED;
    int n = snprintf(line, sizeof(line), "[ls %s]\n", path);
    emu_output(c->emu, line, (size_t)n);
    return 0;
}

/* FileKind: what the path names in the host folder standing for the root. */
static unsigned long sys_file_kind(const struct call *c)
{
    char path[PATH_LIMIT], host[1024];
    struct stat st;

    if (!read_string(c, c->arg0, c->arg1, path))
        return FAILED;
    if (!fs_host_path(c->emu->run->root, path, host, sizeof(host)) || stat(host, &st) != 0)
        return FILE_KIND_NONE;
    return S_ISDIR(st.st_mode) ? FILE_KIND_DIRECTORY : FILE_KIND_FILE;
}

/* Bump allocation in the Allocate arena; a Layout rustc could not make
 * (align 0 or not a power of two) or a size past the arena gets 0. */
static unsigned long sys_allocate(const struct call *c)
{
    const unsigned long end = EMU_HEAP_START + EMU_BRK_SIZE + EMU_KALLOC_SIZE;
    struct syscall_layout layout;
    struct emu_space *space = c->p->space;

    if (!trace_read(c->p->host_pid, c->arg0, &layout, sizeof(layout)) || layout.size == 0 ||
        layout.align == 0 || (layout.align & (layout.align - 1)) != 0 || layout.align > end)
        return 0;
    unsigned long ptr = (space->kalloc_next + layout.align - 1) & ~(layout.align - 1);
    if (ptr > end || layout.size > end - ptr)
        return 0;
    space->kalloc_next = ptr + layout.size;
    return ptr;
}

static unsigned long dispatch(const struct call *c, unsigned long number)
{
    switch (number) {
    case SYS_READ:
        return sys_read(c);
    case SYS_WRITE:
        return sys_write(c);
    case SYS_OPEN:
        return sys_open(c);
    case SYS_CLOSE:
        return sys_close(c);
    case SYS_BRK:
        return sys_brk(c);
    case SYS_GETPID:
        return (unsigned long)c->p->pid;
    case SYS_VFORK:
        return sys_fork(c);
    case SYS_SPAWN:
        return sys_spawn(c);
    case SYS_EXIT:
        proc_kill(c->p, (long)c->arg0);
        return NO_RETURN;
    case SYS_WAITPID:
        return sys_wait_pid(c);
    case SYS_KILL:
        return sys_kill(c);
    case SYS_SEM:
        return sys_sem(c);
    case SYS_TIME:
        return sys_time();
    case SYS_FOREGROUND:
        if (c->arg0 == 0 || (c->arg0 <= UINT16_MAX && proc_by_pid(c->emu, (int)c->arg0)))
            return 0;
        return FAILED;
    case SYS_STAT:
        emu_output(c->emu, "[stat]\n", 7);
        return 0;
    case SYS_LISTDIR:
        return sys_list_dir(c);
    case SYS_FILEKIND:
        return sys_file_kind(c);
    case SYS_ALLOCATE:
        return sys_allocate(c);
    case SYS_DEALLOCATE:
        return 0; /* the arena is only ever bumped */
    default:
        return FAILED;
    }
}

void syscall_emulate(struct emu *emu, struct emu_proc *p)
{
    const struct call c = {emu, p, p->regs.rdi, p->regs.rsi, p->regs.rdx};
    unsigned long result = dispatch(&c, p->regs.orig_rax);

    if (result == BLOCKED)
        proc_block(emu, p);
    else if (result != NO_RETURN)
        proc_return(p, result);
}
