/*
 * posix/process.c - the process half of newlib's OS glue.
 *
 * Maps POSIX process calls onto YSOS syscalls. Note fork() is the lab's
 * VFork: parent and child share memory (see ysos.h). There is no exec and
 * no signal delivery; kill() of another process ends it (exit code 0xdead),
 * and raise()/abort() on ourselves exit with 128 + signal like a shell shows.
 *
 * Unlike the raw sys_* calls (which return what the Rust lib's do: fork's
 * error is the pid 65535, spawn's is 0, kill says nothing), these fail the
 * POSIX way: -1 with errno (docs/userland.md lists the values).
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ysos.h>

#include "../syscall_asm.h"

#define ELF_MAGIC "\177ELF"

/* Programs get no environment variables. */
static char *empty_environment[1];
char **environ = empty_environment;

#if YSOS_SOLVED >= 4
void _exit(int code)
{
    sys_exit(code);
}
#else
void _exit(int code)
{
    /* TODO(lab 0x04): end the program with the Exit syscall (sys_exit()):
     * main's return value comes here through newlib's exit(), and abort()'s
     * 128 + signal through kill(). Guide: 0x04 tasks.md "编译用户程序" (entry!),
     * "进程的退出"; Rust: crates/lib/src/macros.rs entry!, panic() */
    (void)code;
    LAB_TODO(4, "_exit");
    __builtin_trap(); /* must not return: the kernel ends the process for the fault */
}
#endif

pid_t getpid(void)
{
    return sys_get_pid();
}

/* VFork; -1 with EAGAIN when the kernel refuses (process table full, or out of memory). */
pid_t fork(void)
{
    uint64_t pid = syscall3(SYS_VFORK, 0, 0, 0);

    if (pid == SYSCALL_ERROR) {
        errno = EAGAIN;
        return -1;
    }
    return (pid_t)pid;
}

/* Why Spawn of path failed: the kernel only says 0, so look at the file. */
static int spawn_error(const char *path)
{
    char magic[4] = "";
    uint8_t fd = sys_open(path, FILE_MODE_READ_ONLY);

    if (fd == 0)
        return ENOENT;
    ssize_t got = sys_read(fd, magic, sizeof(magic));
    sys_close(fd);
    if (got != (ssize_t)sizeof(magic) || memcmp(magic, ELF_MAGIC, sizeof(magic)) != 0)
        return ENOEXEC;
    return EAGAIN; /* a program, but no room for it (table full, out of memory) */
}

pid_t spawn(const char *path)
{
    uint16_t pid = sys_spawn(path);

    if (pid == 0) {
        errno = spawn_error(path);
        return -1;
    }
    return pid;
}

int kill(pid_t pid, int sig)
{
    if (pid == getpid())
        _exit(128 + sig);
    if (pid <= 0) {
        errno = EINVAL; /* no process groups */
        return -1;
    }
    if (pid == 1) {
        errno = EPERM; /* the kernel */
        return -1;
    }
    if (pid > UINT16_MAX || syscall3(SYS_KILL, (uint64_t)pid, 0, 0) != 0) {
        errno = ESRCH;
        return -1;
    }
    return 0;
}

/*
 * POSIX status word: exit code in bits 8..15 (WEXITSTATUS keeps 8 bits;
 * sys_wait_pid gives the full code). WaitPid answers -1 for a pid that is
 * neither alive nor holding an exit code: ECHILD. A child that exited with
 * -1 itself looks the same (the ABI has one result for both).
 */
pid_t waitpid(pid_t pid, int *status, int options)
{
    (void)options;
    if (pid <= 0 || pid > UINT16_MAX) {
        errno = ECHILD; /* WaitPid needs a pid: no "any child" */
        return -1;
    }
    long code = sys_wait_pid((uint16_t)pid);
    if (code == (long)SYSCALL_ERROR) {
        errno = ECHILD;
        return -1;
    }
    if (status)
        *status = (int)((code & 0xff) << 8);
    return pid;
}

pid_t wait(int *status)
{
    (void)status;
    errno = ECHILD;
    return -1;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
    (void)path;
    (void)argv;
    (void)envp;
    errno = ENOSYS; /* use sys_spawn() */
    return -1;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    (void)how;
    (void)set;
    if (old)
        *old = 0;
    return 0;
}
