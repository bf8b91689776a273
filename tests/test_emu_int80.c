/*
 * test_emu_int80.c - the host emulator recognises a YSOS system call on a
 * host whose kernel refuses `int $0x80` (pkg/lib/host/emu_int80.c).
 *
 * This machine may take either path, so the refused path is tested with
 * the stop it produces: a SIGSEGV with si_code SI_KERNEL and rip on CD 80.
 * The shape of that stop is also captured for real here: `int $0x81` has no
 * user gate on any Linux, so it raises the same #GP; only its second byte
 * differs. Faults that are not a refused `int $0x80` must stay faults.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "emu_internal.h"
#include "test.h"

static siginfo_t fault_info(int signo, int code)
{
    siginfo_t info;

    memset(&info, 0, sizeof(info));
    info.si_signo = signo;
    info.si_code = code;
    return info;
}

static struct user_regs_struct call_regs(void)
{
    struct user_regs_struct regs;

    memset(&regs, 0, sizeof(regs));
    regs.rip = 0x111100001234UL;
    regs.rax = 59; /* Spawn */
    regs.orig_rax = ~0UL;
    regs.rdi = 0x3ffffffff000UL;
    regs.rsi = 10;
    regs.rdx = 7;
    regs.rsp = 0x3fffffffff00UL;
    return regs;
}

static const unsigned char INT80[2] = {0xcd, 0x80};

TEST(refused_int80_becomes_a_call)
{
    siginfo_t info = fault_info(SIGSEGV, SI_KERNEL);
    struct user_regs_struct regs = call_regs(), before = regs;

    CHECK(int80_from_fault(&info, INT80, &regs));
    CHECK_EQ(regs.rip, before.rip + 2);
    CHECK_EQ(regs.orig_rax, 59);
    /* Arguments and everything else as the program left them. */
    CHECK_EQ(regs.rax, before.rax);
    CHECK_EQ(regs.rdi, before.rdi);
    CHECK_EQ(regs.rsi, before.rsi);
    CHECK_EQ(regs.rdx, before.rdx);
    CHECK_EQ(regs.rsp, before.rsp);
}

/* Each case must be reported as a fault, with the registers untouched. */
static void check_not_a_call(int signo, int code, const unsigned char insn[2])
{
    siginfo_t info = fault_info(signo, code);
    struct user_regs_struct regs = call_regs();

    CHECK(!int80_from_fault(&info, insn, &regs));
    CHECK_EQ(regs.rip, call_regs().rip);
    CHECK_EQ(regs.orig_rax, ~0UL);
}

TEST(other_faults_stay_faults)
{
    static const unsigned char hlt[2] = {0xf4, 0x90}, cli[2] = {0xfa, 0x90},
                               int81[2] = {0xcd, 0x81}, out[2] = {0xe6, 0x80};

    check_not_a_call(SIGSEGV, SEGV_MAPERR, INT80); /* a bad address, not #GP */
    check_not_a_call(SIGSEGV, SEGV_ACCERR, INT80); /* jumped into a no-exec page */
    check_not_a_call(SIGSEGV, SI_USER, INT80);     /* kill(pid, SIGSEGV) */
    check_not_a_call(SIGILL, SI_KERNEL, INT80);
    check_not_a_call(SIGSEGV, SI_KERNEL, hlt);   /* privileged: #GP too */
    check_not_a_call(SIGSEGV, SI_KERNEL, cli);   /* privileged: #GP too */
    check_not_a_call(SIGSEGV, SI_KERNEL, out);   /* I/O port: #GP too */
    check_not_a_call(SIGSEGV, SI_KERNEL, int81); /* another vector */
}

/* Run `insn` (int $0x80 or int $0x81) in a traced child with rax = 39 and
 * return the first stop after the child's SIGSTOP: its status, siginfo,
 * registers and the two bytes at rip. */
struct stop {
    int sig;
    bool syscall_stop;
    siginfo_t info;
    struct user_regs_struct regs;
    unsigned char insn[2];
};

static void child_int80(void)
{
    __asm__ volatile("int $0x80" : : "a"(39L) : "rcx", "r11", "memory");
}

static void child_int81(void)
{
    __asm__ volatile("int $0x81" : : "a"(39L) : "rcx", "r11", "memory");
}

static bool traced_stop(void (*body)(void), struct stop *out)
{
    pid_t pid = fork();
    int status;

    if (pid == 0) {
        ptrace(PTRACE_TRACEME, 0, NULL, NULL);
        raise(SIGSTOP);
        body();
        _exit(0);
    }
    memset(out, 0, sizeof(*out));
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFSTOPPED(status))
        return false;
    ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL));
    ptrace(PTRACE_SYSCALL, pid, NULL, NULL);
    bool ok = waitpid(pid, &status, 0) == pid && WIFSTOPPED(status);
    if (ok) {
        out->sig = WSTOPSIG(status);
        out->syscall_stop = out->sig == (SIGTRAP | 0x80);
        ptrace(PTRACE_GETSIGINFO, pid, NULL, &out->info);
        ptrace(PTRACE_GETREGS, pid, NULL, &out->regs);
        long word = ptrace(PTRACE_PEEKDATA, pid, (void *)out->regs.rip, NULL);
        memcpy(out->insn, &word, sizeof(out->insn));
    }
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    return ok;
}

TEST(real_gp_stop_has_the_recognised_shape)
{
    struct stop s;

    CHECK(traced_stop(child_int81, &s));
    CHECK_EQ(s.sig, SIGSEGV);
    CHECK_EQ(s.info.si_code, SI_KERNEL);
    CHECK_EQ(s.insn[0], 0xcd);
    CHECK_EQ(s.insn[1], 0x81);
    /* int $0x81 itself is a fault; the same stop on CD 80 is a call. */
    struct user_regs_struct regs = s.regs;
    CHECK(!int80_from_fault(&s.info, s.insn, &regs));
    CHECK(int80_from_fault(&s.info, INT80, &regs));
    CHECK_EQ(regs.rip, s.regs.rip + 2);
    CHECK_EQ(regs.orig_rax, 39);
}

/* What this host does with `int $0x80`: either path must be recognised. */
TEST(this_host_int80_is_recognised)
{
    struct stop s;

    CHECK(traced_stop(child_int80, &s));
    if (s.syscall_stop) {
        printf("  this host: int $0x80 is a syscall stop (IA-32 emulation on)\n");
        CHECK_EQ(s.regs.orig_rax, 39);
    } else {
        printf("  this host: int $0x80 raises SIGSEGV (IA-32 emulation off)\n");
        struct user_regs_struct regs = s.regs;
        CHECK(int80_from_fault(&s.info, s.insn, &regs));
        CHECK_EQ(regs.orig_rax, 39);
    }
}

int main(void)
{
    RUN(refused_int80_becomes_a_call);
    RUN(other_faults_stay_faults);
    RUN(real_gp_stop_has_the_recognised_shape);
    RUN(this_host_int80_is_recognised);
    return test_summary();
}
