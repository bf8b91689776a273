/*
 * alloc_all - takes every block the Allocate syscall gives (4 KiB each),
 * checks that each arrives zeroed, fills it, gives every other block back
 * with Deallocate and exits holding the rest.
 *
 * Blocks belong to the program that took them: once it has exited (or was
 * killed, see alloc_hold) the next program must get them all again, and
 * must not find the previous program's bytes in them, whether they were
 * given back or left behind. Prints
 * `alloc_all: 256 blocks of 4096 bytes, 0 bytes not zero, 128 given back`.
 */
#include <stdio.h>
#include <string.h>

#include <ysos.h>

#define BLOCK_SIZE 4096
#define MAX_BLOCKS 1024
#define FILL       0xA5

static unsigned char *blocks[MAX_BLOCKS];

int main(void)
{
    /* Designated fields: the struct's order is the syscall ABI's business. */
    const struct syscall_layout layout = {.size = BLOCK_SIZE, .align = 16};
    unsigned long count = 0, dirty = 0, back = 0;
    unsigned char *block;

    while (count < MAX_BLOCKS && (block = sys_allocate(&layout)) != NULL) {
        for (int i = 0; i < BLOCK_SIZE; i++)
            dirty += block[i] != 0;
        memset(block, FILL, BLOCK_SIZE);
        blocks[count++] = block;
    }
    for (unsigned long i = 0; i < count; i += 2, back++)
        sys_deallocate(blocks[i], &layout);
    printf("alloc_all: %lu blocks of %d bytes, %lu bytes not zero, %lu given back\n", count,
           BLOCK_SIZE, dirty, back);
    return 0;
}
