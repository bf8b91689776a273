/*
 * alloc_until_null - malloc 64 KiB blocks until malloc returns NULL, touch
 * every page, free them all, exit 0 (lab 0x07 memory test).
 *
 * With the brk allocator this grows the heap until the kernel runs out of
 * frames and refuses a Brk: the kernel must say no (not panic), and once the
 * program has exited every frame must be back. The blocks are kept in a
 * list threaded through their own first bytes, so the program needs no
 * memory of its own to remember them.
 */
#include <stdio.h>
#include <stdlib.h>

#define BLOCK_SIZE (64 * 1024)
#define PAGE_SIZE  4096

struct block {
    struct block *next;
};

/* Write one byte in every page, so the block is really in memory. */
static void touch(struct block *b)
{
    volatile unsigned char *bytes = (volatile unsigned char *)b;
    for (size_t at = PAGE_SIZE; at < BLOCK_SIZE; at += PAGE_SIZE)
        bytes[at] = 0x5a;
}

int main(void)
{
    struct block *list = NULL;
    unsigned long count = 0;
    struct block *b;

    while ((b = malloc(BLOCK_SIZE)) != NULL) {
        touch(b);
        b->next = list;
        list = b;
        count++;
    }
    printf("alloc_until_null: NULL after %lu blocks (%lu KiB)\n", count,
           count * (BLOCK_SIZE / 1024));

    unsigned long freed = 0;
    while (list != NULL) {
        b = list->next;
        free(list);
        list = b;
        freed++;
    }
    printf("alloc_until_null: freed %lu blocks\n", freed);
    return 0;
}
