/*
 * spin - a program that never ends by itself, for trying Ctrl-C on the
 * foreground program (grader suite ctrl_c; docs/userland.md "Ctrl-C").
 *
 * Reads one line at the `Case: ` prompt, then stops reading the console:
 *   loop   spins in user mode:              `spin: loop`
 *   sem    blocks on a semaphore of its own: `spin: sem`
 *   wait   forks a child that spins, then waits for it (WaitPid):
 *          `spin: wait for #N`
 * and stays so until it is killed (Ctrl-C or `kill`; exit code 0xdead;
 * `wait` exits with 1 if its child alone is killed).
 * An empty line (Ctrl-C at the prompt clears the line, as read_line does)
 * asks again, so the program is seen getting Ctrl-C as input while it
 * reads and being ended by it once it does not. Ctrl-D ends it with 0; an
 * unknown case lists the cases and exits with 2.
 */
#include <stdio.h>
#include <string.h>

#include <ysos.h>

#define SEM_KEY 0x5350494e /* "SPIN" */

#if YSOS_LAB >= 5
static const struct semaphore never = SEMAPHORE(SEM_KEY);
#endif

/* Burns the CPU in user mode; volatile so the compiler keeps the loop. */
static __attribute__((noreturn)) void spin_forever(void)
{
    volatile unsigned long turns = 0;

    for (;;)
        turns++;
}

/* Cases sem and wait need lab 0x05 (semaphores, fork). */
#if YSOS_LAB >= 5
static __attribute__((noreturn)) void block_forever(void)
{
    semaphore_init(&never, 0);
    for (;;)
        semaphore_wait(&never);
}

/* Returns only if the child is ended alone (e.g. `kill`): 1. */
static int wait_child(void)
{
    uint16_t child = sys_fork();

    if (child == 0)
        spin_forever();
    printf("spin: wait for #%u\n", child);
    long code = sys_wait_pid(child);
    printf("spin: #%u exited with %ld\n", child, code);
    return 1;
}
#endif

int main(void)
{
    char name[32];

    for (;;) {
        printf("Case: ");
        int len = read_line(name, sizeof(name));
        if (len < 0)
            return 0;
        if (len == 0)
            continue;
        if (strcmp(name, "loop") == 0) {
            printf("spin: loop\n");
            spin_forever();
        }
#if YSOS_LAB >= 5
        if (strcmp(name, "sem") == 0) {
            printf("spin: sem\n");
            block_forever();
        }
        if (strcmp(name, "wait") == 0)
            return wait_child();
#endif
        printf("Unknown case '%s'. Cases: loop sem wait\n", name);
        return 2;
    }
}
