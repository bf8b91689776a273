/*
 * alloc_hold - takes every block the Allocate syscall gives (4 KiB each),
 * fills it, says how many it holds, and then blocks forever: run it with
 * `nohup` and `kill` it. Its blocks must come back when it is killed (the
 * next alloc_all gets them all, zeroed). Prints
 * `alloc_hold: holding 256 blocks of 4096 bytes`.
 */
#include <stdio.h>
#include <string.h>

#include <ysos.h>

#define BLOCK_SIZE 4096
#define MAX_BLOCKS 4096
#define FILL       0x5A

static const struct semaphore never = SEMAPHORE(0xa110c);

int main(void)
{
    /* Designated fields: the struct's order is the syscall ABI's business. */
    const struct syscall_layout layout = {.size = BLOCK_SIZE, .align = 16};
    unsigned long blocks = 0;
    unsigned char *block;

    while (blocks < MAX_BLOCKS && (block = sys_allocate(&layout)) != NULL) {
        memset(block, FILL, BLOCK_SIZE);
        blocks++;
    }
    printf("alloc_hold: holding %lu blocks of %d bytes\n", blocks, BLOCK_SIZE);
    semaphore_init(&never, 0);
    for (;;) {
        semaphore_wait(&never);
        sleep(1000); /* only if the semaphore could not be made */
    }
}
