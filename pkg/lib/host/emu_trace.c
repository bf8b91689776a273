/*
 * emu_trace.c - ptrace primitives of the host emulator.
 *
 * The emulator sometimes needs a traced program to make a real Linux system
 * call (mmap for its heap and stacks, clone for VFork). It does that by
 * pointing the program's rip at a page holding "syscall; int3" with the
 * arguments in registers, letting it run until the int3 traps, and putting
 * the registers back. That page is mapped at EMU_STUB_ADDR right after
 * execve, using the same trick with the two instructions written
 * temporarily at the entry point.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emu_internal.h"

/* "syscall; int3" as the low bytes of a little-endian word. */
#define STUB_CODE 0xcc050fUL
#define STUB_MASK 0xffffffUL

pid_t trace_exec(const char *host_path)
{
    pid_t pid = fork();

    if (pid == 0) {
        struct rlimit stack = {EMU_MAIN_STACK_LIMIT, EMU_MAIN_STACK_LIMIT};
        char *argv[] = {(char *)host_path, NULL};
        char *envp[] = {NULL};

        setrlimit(RLIMIT_STACK, &stack);
        ptrace(PTRACE_TRACEME, 0, NULL, NULL);
        execve(host_path, argv, envp);
        _exit(127);
    }
    if (pid < 0)
        return -1;

    /* A traced execve stops with SIGTRAP before the first instruction. */
    int status;
    if (waitpid(pid, &status, __WALL) != pid || !WIFSTOPPED(status) ||
        WSTOPSIG(status) != SIGTRAP) {
        kill(pid, SIGKILL);
        waitpid(pid, &status, __WALL);
        return -1;
    }
    long options = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK |
                   PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL;
    ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)options);
    return pid;
}

/* Continue until the program traps on the stub's int3; false if it died. */
static bool run_to_trap(pid_t pid)
{
    for (;;) {
        int status;

        if (ptrace(PTRACE_CONT, pid, NULL, NULL) < 0 || waitpid(pid, &status, __WALL) != pid)
            return false;
        if (!WIFSTOPPED(status))
            return false;
        /* Plain SIGTRAP = our int3; fork events and SIGCHLD are skipped. */
        if (WSTOPSIG(status) == SIGTRAP && (status >> 16) == 0)
            return true;
    }
}

/* Make system call nr in pid with the stub at `stub`; its result. */
static long inject_at(pid_t pid, unsigned long stub, long nr, const long args[6])
{
    struct user_regs_struct saved, regs;

    if (ptrace(PTRACE_GETREGS, pid, NULL, &saved) < 0)
        return -ESRCH;
    regs = saved;
    regs.rip = stub;
    regs.rax = (unsigned long)nr;
    regs.orig_rax = ~0UL;
    regs.rdi = (unsigned long)args[0];
    regs.rsi = (unsigned long)args[1];
    regs.rdx = (unsigned long)args[2];
    regs.r10 = (unsigned long)args[3];
    regs.r8 = (unsigned long)args[4];
    regs.r9 = (unsigned long)args[5];
    if (ptrace(PTRACE_SETREGS, pid, NULL, &regs) < 0 || !run_to_trap(pid))
        return -ESRCH;
    ptrace(PTRACE_GETREGS, pid, NULL, &regs);
    ptrace(PTRACE_SETREGS, pid, NULL, &saved);
    return (long)regs.rax;
}

long trace_inject(pid_t pid, long nr, long a0, long a1, long a2, long a3, long a4, long a5)
{
    const long args[6] = {a0, a1, a2, a3, a4, a5};
    return inject_at(pid, EMU_STUB_ADDR, nr, args);
}

/* An anonymous private mapping at a fixed address; true if it got there. */
static bool map_fixed(pid_t pid, unsigned long stub, unsigned long addr, size_t len, int prot)
{
    const long args[6] = {
        (long)addr, (long)len,
        prot,       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE,
        -1,         0};
    return (unsigned long)inject_at(pid, stub, SYS_mmap, args) == addr;
}

bool trace_setup_space(pid_t pid)
{
    struct user_regs_struct regs;

    if (ptrace(PTRACE_GETREGS, pid, NULL, &regs) < 0)
        return false;

    /* Borrow the entry point for a moment to map the stub page. */
    errno = 0;
    long word = ptrace(PTRACE_PEEKDATA, pid, (void *)regs.rip, NULL);
    if (errno != 0)
        return false;
    long patched = (long)(((unsigned long)word & ~STUB_MASK) | STUB_CODE);
    ptrace(PTRACE_POKEDATA, pid, (void *)regs.rip, (void *)patched);
    bool stub_ok = map_fixed(pid, regs.rip, EMU_STUB_ADDR, 4096, PROT_READ | PROT_EXEC);
    ptrace(PTRACE_POKEDATA, pid, (void *)regs.rip, (void *)word);
    if (!stub_ok)
        return false;
    /* POKEDATA may write read-only pages; the program cannot. */
    ptrace(PTRACE_POKEDATA, pid, (void *)EMU_STUB_ADDR, (void *)STUB_CODE);

    if (!map_fixed(pid, EMU_STUB_ADDR, EMU_HEAP_START, EMU_BRK_SIZE + EMU_KALLOC_SIZE,
                   PROT_READ | PROT_WRITE))
        return false;

    /* YSOS stacks live in 4 GiB slots and cannot grow past the slot's
     * bottom; Linux would grow the stack there. A no-access page right
     * below the slot makes running off it fault, as on YSOS. Best effort:
     * it cannot be placed if the Linux stack itself crosses the boundary. */
    unsigned long slot_bottom = (trace_stack_top(pid) - 1) & ~(EMU_STACK_SLOT_SIZE - 1);
    map_fixed(pid, EMU_STUB_ADDR, slot_bottom - 4096, 4096, PROT_NONE);
    return true;
}

bool trace_read(pid_t pid, unsigned long addr, void *buf, size_t len)
{
    struct iovec local = {buf, len};
    struct iovec remote = {(void *)addr, len};

    return len == 0 || process_vm_readv(pid, &local, 1, &remote, 1, 0) == (ssize_t)len;
}

bool trace_write(pid_t pid, unsigned long addr, const void *buf, size_t len)
{
    struct iovec local = {(void *)buf, len};
    struct iovec remote = {(void *)addr, len};

    return len == 0 || process_vm_writev(pid, &local, 1, &remote, 1, 0) == (ssize_t)len;
}

unsigned long trace_stack_top(pid_t pid)
{
    char maps[64], line[512];
    unsigned long lo, hi, top = 0;

    snprintf(maps, sizeof(maps), "/proc/%d/maps", (int)pid);
    FILE *f = fopen(maps, "r");
    if (f == NULL)
        return 0;
    while (fgets(line, sizeof(line), f)) {
        if (strstr(line, "[stack]") && sscanf(line, "%lx-%lx", &lo, &hi) == 2)
            top = hi;
    }
    fclose(f);
    return top;
}

void trace_resume(pid_t pid, const struct user_regs_struct *regs)
{
    if (regs)
        ptrace(PTRACE_SETREGS, pid, NULL, regs);
    ptrace(PTRACE_SYSCALL, pid, NULL, NULL);
}
