/*
 * posix/process.c - the process half of newlib's OS glue.
 *
 * Maps POSIX process calls onto YSOS syscalls. Note fork() is the lab's
 * VFork: parent and child share memory (see ysos.h). There is no exec and
 * no signal delivery; kill() of another process ends it (exit code 0xdead),
 * and raise()/abort() on ourselves exit with 128 + signal like a shell shows.
 */
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <ysos.h>

/* Programs get no environment variables. */
static char *empty_environment[1];
char **environ = empty_environment;

void _exit(int code)
{
    sys_exit(code);
}

pid_t getpid(void)
{
    return sys_get_pid();
}

pid_t fork(void)
{
    return sys_fork();
}

int kill(pid_t pid, int sig)
{
    if (pid == getpid())
        _exit(128 + sig);
    if (pid <= 0) {
        errno = EINVAL; /* no process groups */
        return -1;
    }
    sys_kill((uint16_t)pid);
    return 0;
}

/* POSIX status word: exit code in bits 8..15 (WEXITSTATUS keeps 8 bits;
 * sys_wait_pid gives the full code). */
pid_t waitpid(pid_t pid, int *status, int options)
{
    (void)options;
    if (pid <= 0) {
        errno = ECHILD; /* WaitPid needs a pid: no "any child" */
        return -1;
    }
    long code = sys_wait_pid((uint16_t)pid);
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
