/*
 * alloc/buddy.h - power-of-two blocks over an arena that grows at its top.
 *
 * Block sizes are 2^order bytes, BUDDY_MIN_ORDER <= order <= BUDDY_MAX_ORDER;
 * a block of order k lies at an arena offset that is a multiple of 2^k, and
 * its "buddy" is the block at offset ^ 2^k. The arena [0, size) is always
 * tiled by blocks; every block starts with a struct buddy_block, free or
 * not, so the block holding any arena address can be found by walking down
 * from the top (buddy_find) without a side table: this is what lets free()
 * tell a real block from a stray pointer.
 */
#ifndef ALLOC_BUDDY_H
#define ALLOC_BUDDY_H

#include <stddef.h>
#include <stdint.h>

#define BUDDY_MIN_ORDER   12 /* one page: slabs and the smallest large block */
#define BUDDY_MAX_ORDER   36 /* 64 GiB: the largest block, no merge beyond */
#define BUDDY_MIN_BLOCK   ((size_t)1 << BUDDY_MIN_ORDER)
#define BUDDY_HEADER_SIZE 16 /* sizeof(struct buddy_block), keeps 16-byte alignment */

/*
 * Asks the arena's owner to make the arena new_size bytes long (larger or
 * smaller; always a multiple of BUDDY_MIN_BLOCK). 0 on success; anything
 * else leaves the arena as it was (out of memory, or the owner will not
 * shrink).
 */
typedef int (*alloc_grow_fn)(void *ctx, size_t new_size);

enum buddy_kind {
    BUDDY_FREE = 0,  /* on a free list */
    BUDDY_LARGE = 1, /* one malloc'd block; `offset` leads to the user's pointer */
    BUDDY_SLAB = 2,  /* a slab of small objects (slab.h) */
};

/* The first 16 bytes of every block. */
struct buddy_block {
    uint32_t magic; /* BUDDY_MAGIC mixed with the block's address */
    uint8_t order;
    uint8_t kind; /* enum buddy_kind */
    uint16_t unused;
    uint32_t offset; /* BUDDY_LARGE: user pointer - block start */
    uint32_t unused2;
};

/* A free block: the header, then its free-list links. */
struct buddy_free {
    struct buddy_block head;
    struct buddy_free *next, *prev;
};

struct buddy {
    uintptr_t base;        /* arena start, BUDDY_MIN_BLOCK-aligned */
    size_t size;           /* arena bytes, a multiple of BUDDY_MIN_BLOCK */
    size_t grow_step;      /* growth granularity */
    size_t trim_threshold; /* shrink once this much is free at the top */
    alloc_grow_fn grow;
    void *grow_ctx;
    size_t free_bytes; /* in the blocks on the free lists */
    struct buddy_free *free_lists[BUDDY_MAX_ORDER + 1];
};

/* An empty arena at base; -1 if base is misaligned or grow is NULL. */
int buddy_init(struct buddy *b, uintptr_t base, alloc_grow_fn grow, void *ctx, size_t grow_step,
               size_t trim_threshold);

/* Smallest order whose block holds bytes; 0 when no block is that large. */
unsigned buddy_order_for(size_t bytes);

/* A block of that order and kind (offset 0), growing the arena if need be;
 * NULL when the arena cannot grow. */
struct buddy_block *buddy_alloc(struct buddy *b, unsigned order, enum buddy_kind kind);

/* Frees a block buddy_alloc returned (merging it with its free buddies) and
 * shrinks the arena when enough of its top is free. */
void buddy_free(struct buddy *b, struct buddy_block *block);

/* The block containing ptr, free or not, in *out: 0, or -1 when ptr is
 * outside the arena, -2 when a header on the way is damaged. */
int buddy_find(const struct buddy *b, const void *ptr, struct buddy_block **out);

/* Whether a header is intact for a block at its own address. */
int buddy_header_ok(const struct buddy *b, const struct buddy_block *block);

static inline size_t buddy_block_size(const struct buddy_block *block)
{
    return (size_t)1 << block->order;
}

#endif
