/*
 * arena.c - growing and shrinking the buddy arena at its top.
 *
 * The arena is [base, base + size) and only its end moves, as a program
 * break does. Growing appends free blocks; shrinking gives back free
 * blocks at the top. Both go through the owner's grow callback, which may
 * refuse: a refused grow is "out of memory", a refused shrink just keeps
 * the memory.
 *
 * Hysteresis: the top is given back only once at least trim_threshold
 * bytes of it are free, and then all of that free top goes. So a heap
 * keeps less than trim_threshold free bytes at its top, and a program
 * that allocates and frees a block just under the threshold over and over
 * does not pay two calls to the owner each time. Growth is rounded up to
 * grow_step for the same reason (falling back to the exact need when the
 * owner refuses the rounded size).
 */
#include "buddy_internal.h"

/*
 * Where the free space at the top of the arena begins (size when the top
 * block is in use): the start of the run of free blocks that ends at size.
 */
static size_t top_free_start(const struct buddy *b)
{
    size_t start = b->size;

    while (start > 0) {
        struct buddy_block *block;
        if (buddy_find(b, (const void *)(b->base + start - 1), &block) != 0 ||
            block->kind != BUDDY_FREE)
            break;
        start = buddy_offset(b, block);
    }
    return start;
}

/* Largest order of a block at offset that ends at or before end. */
static unsigned fitting_order(size_t offset, size_t end)
{
    unsigned order = BUDDY_MIN_ORDER;

    while (order < BUDDY_MAX_ORDER && offset % ((size_t)2 << order) == 0 &&
           ((size_t)2 << order) <= end - offset)
        order++;
    return order;
}

/*
 * Hands [size, new_size) to the free lists as the largest aligned blocks
 * that fit. size rises block by block, so a merge in buddy_insert_free
 * never looks at a buddy in the part not yet written.
 */
static void add_range(struct buddy *b, size_t new_size)
{
    while (b->size < new_size) {
        size_t offset = b->size;
        unsigned order = fitting_order(offset, new_size);
        b->size = offset + ((size_t)1 << order);
        buddy_insert_free(b, offset, order);
    }
}

static size_t round_up(size_t value, size_t step)
{
    return (value + step - 1) / step * step;
}

/*
 * A block of 2^order must start at a multiple of 2^order. The free run at
 * the top (already mapped) counts, so the arena only grows by what is
 * missing above it: new end = the first aligned start in that run + 2^order.
 */
int buddy_grow_for(struct buddy *b, unsigned order)
{
    size_t block = (size_t)1 << order;
    size_t start = round_up(top_free_start(b), block);
    size_t limit = ~(size_t)0 - b->base; /* the address space above base */

    if (start > limit || block > limit - start)
        return -1;
    size_t need = start + block;
    if (need <= b->size)
        return 0; /* eager merging makes that an existing block */

    size_t want = need;
    if (need <= limit - b->grow_step)
        want = round_up(need, b->grow_step);
    if (b->grow(b->grow_ctx, want) != 0) {
        if (want == need || b->grow(b->grow_ctx, need) != 0)
            return -1;
        want = need;
    }
    add_range(b, want);
    return 0;
}

/*
 * The free run is taken off the lists before the owner is asked, while its
 * memory is still there to write; if the owner refuses, the run goes back
 * as free blocks.
 */
void buddy_trim(struct buddy *b)
{
    size_t start = top_free_start(b), end = b->size;

    if (start == end || end - start < b->trim_threshold)
        return;
    for (size_t offset = start; offset < end;) {
        struct buddy_free *block = (struct buddy_free *)buddy_at(b, offset);
        offset += buddy_block_size(&block->head);
        buddy_unlink(b, block);
    }
    b->size = start;
    if (b->grow(b->grow_ctx, start) != 0)
        add_range(b, end); /* the owner keeps the memory mapped; so do we */
}
