/*
 * idle - does nothing, forever, without using the CPU: it blocks on a
 * semaphore of its own that nobody signals. proc_test spawns many of them
 * to fill the process table and then kills them (exit code 0xdead).
 */
#include <ysos.h>

static const struct semaphore never = SEMAPHORE(0x1d1e);

int main(void)
{
    semaphore_init(&never, 0);
    for (;;) {
        semaphore_wait(&never);
        sleep(1000); /* only if the semaphore could not be made */
    }
}
