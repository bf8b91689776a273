/*
 * emu.c - emu_run(): start the first program and answer the stops of all
 * traced processes until it exits (see emu.h for what is emulated).
 *
 * A YSOS system call arrives in one of two ways (see emu_int80.c): on hosts
 * with IA-32 emulation it shows up twice, at the Linux syscall-entry stop
 * (where it is cancelled: orig_rax = -1, so Linux never runs it under its
 * i386 meaning) and at the exit stop (where it is emulated); on hosts
 * without, as a SIGSEGV on the `int $0x80` itself, emulated at once with
 * the signal suppressed. A program that faults anywhere else (SIGSEGV,
 * SIGILL, SIGFPE, SIGBUS, SIGTRAP) is killed like YSOS would.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emu_internal.h"

#define DEFAULT_TIMEOUT_S 20
#define OUTPUT_LIMIT      (4UL << 20)

static volatile sig_atomic_t timed_out;

static void on_alarm(int sig)
{
    (void)sig;
    timed_out = 1;
}

void emu_output(struct emu *emu, const char *text, size_t len)
{
    struct emu_run *run = emu->run;

    if (run->output_len + len + 1 > emu->output_cap) {
        size_t cap = emu->output_cap * 2 > run->output_len + len + 1 ? emu->output_cap * 2
                                                                     : run->output_len + len + 1;
        char *bigger = cap <= OUTPUT_LIMIT ? realloc(run->output, cap) : NULL;
        if (bigger == NULL)
            return; /* drop output beyond the limit */
        run->output = bigger;
        emu->output_cap = cap;
    }
    memcpy(run->output + run->output_len, text, len);
    run->output_len += len;
    run->output[run->output_len] = '\0';
}

static void on_syscall_stop(struct emu *emu, struct emu_proc *p)
{
    if (!p->in_syscall) {
        struct user_regs_struct cancelled;

        p->in_syscall = true;
        ptrace(PTRACE_GETREGS, p->host_pid, NULL, &p->regs);
        cancelled = p->regs;
        cancelled.orig_rax = ~0UL;
        trace_resume(p->host_pid, &cancelled);
        return;
    }
    p->in_syscall = false;
    syscall_emulate(emu, p);
}

/* A SIGSEGV stop: a refused `int $0x80` to emulate, or a real fault. */
static bool on_int80_fault(struct emu *emu, struct emu_proc *p)
{
    siginfo_t info;
    struct user_regs_struct regs;
    unsigned char insn[2];

    if (ptrace(PTRACE_GETSIGINFO, p->host_pid, NULL, &info) < 0 ||
        ptrace(PTRACE_GETREGS, p->host_pid, NULL, &regs) < 0 ||
        !trace_read(p->host_pid, regs.rip, insn, sizeof(insn)) ||
        !int80_from_fault(&info, insn, &regs))
        return false;
    p->regs = regs;
    syscall_emulate(emu, p); /* resuming it with signal 0 drops the SIGSEGV */
    return true;
}

static bool is_fault(int sig)
{
    return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

static void on_fault(struct emu *emu, struct emu_proc *p, int sig)
{
    char line[64];
    int n = snprintf(line, sizeof(line), "[fault SIG%s]\n", sigabbrev_np(sig));

    emu_output(emu, line, (size_t)n);
    proc_kill(p, EMU_KILLED_EXIT_CODE);
}

/* Handle one waitpid() report about host pid. */
static void on_status(struct emu *emu, pid_t pid, int status)
{
    struct emu_proc *p = proc_by_host_pid(emu, pid);

    if (p == NULL) {
        if (WIFSTOPPED(status))
            ptrace(PTRACE_CONT, pid, NULL, NULL);
        return;
    }
    if (WIFEXITED(status) || WIFSIGNALED(status)) {
        proc_reaped(emu, p);
        return;
    }
    int sig = WSTOPSIG(status);
    if (sig == (SIGTRAP | 0x80))
        on_syscall_stop(emu, p);
    else if (p->first_stop_pending && sig == SIGSTOP)
        proc_start_child(p);
    else if ((status >> 16) == 0 && is_fault(sig)) {
        if (sig != SIGSEGV || !on_int80_fault(emu, p))
            on_fault(emu, p, sig);
    } else
        trace_resume(pid, NULL); /* events and stray signals: just go on */
}

static void kill_all(struct emu *emu)
{
    for (int i = 0; i < EMU_MAX_PROCS; i++) {
        struct emu_proc *p = &emu->procs[i];
        if (p->state != PROC_UNUSED && p->state != PROC_EXITED) {
            kill(p->host_pid, SIGKILL);
            while (waitpid(p->host_pid, NULL, __WALL) < 0 && errno == EINTR)
                ;
            p->state = PROC_EXITED;
        }
    }
}

/* Answer stops until the first program exits; an error message or NULL. */
static const char *event_loop(struct emu *emu)
{
    while (emu->root->state != PROC_EXITED) {
        int status;

        if (proc_count(emu, PROC_RUNNING) == 0)
            return "deadlock: every process is blocked";
        pid_t pid = waitpid(-1, &status, __WALL);
        if (timed_out)
            return "timeout";
        if (pid < 0 && errno != EINTR)
            return "waitpid failed";
        if (pid > 0)
            on_status(emu, pid, status);
    }
    return NULL;
}

static void init_emu(struct emu *emu, struct emu_run *run)
{
    memset(emu, 0, sizeof(*emu));
    emu->run = run;
    emu->next_pid = 2; /* pid 1 is the kernel */
    for (int fd = 0; fd < EMU_MAX_FILES; fd++)
        emu->files[fd] = -1;
    run->output = NULL;
    run->output_len = 0;
    run->exit_code = 0;
    run->error = NULL;
    emu_output(emu, "", 0);
}

bool emu_run(struct emu_run *run)
{
    struct emu *emu = malloc(sizeof(*emu));
    char host[1024];

    if (emu == NULL)
        return false;
    init_emu(emu, run);
    if (!fs_host_path(run->root, run->program, host, sizeof(host)))
        run->error = "program not found";
    else if ((emu->root = proc_spawn(emu, host)) == NULL)
        run->error = "cannot start the program";

    if (run->error == NULL) {
        struct sigaction alarm_action = {.sa_handler = on_alarm}, old;
        timed_out = 0;
        sigaction(SIGALRM, &alarm_action, &old); /* no SA_RESTART: waitpid returns */
        alarm(run->timeout_s ? run->timeout_s : DEFAULT_TIMEOUT_S);
        run->error = event_loop(emu);
        alarm(0);
        sigaction(SIGALRM, &old, NULL);
        run->exit_code = emu->root->exit_code;
    }

    kill_all(emu);
    for (int fd = 3; fd < EMU_MAX_FILES; fd++) {
        if (emu->files[fd] >= 0)
            close(emu->files[fd]);
    }
    free(emu);
    return run->error == NULL;
}

void emu_free(struct emu_run *run)
{
    free(run->output);
    run->output = NULL;
}
