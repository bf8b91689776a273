/*
 * check.c - alloc_check: walk the whole heap and verify its invariants.
 *
 * For tests and debugging; it only reads. The walk goes block by block
 * from the arena's start, so it sees every block exactly once; the free
 * lists and the slab lists are then checked against what it saw.
 */
#include <alloc/alloc.h>

#include "buddy_internal.h"

struct walk {
    size_t free_blocks, free_bytes;
    size_t partial_slabs; /* slabs with a free object: must be on a list */
    struct alloc_stats stats;
};

/* Eager merging: a free block's buddy, when it is a whole block of the
 * same order, is not free too. */
static int merged(const struct buddy *b, size_t offset, const struct buddy_block *block)
{
    size_t size = buddy_block_size(block);
    size_t buddy = offset ^ size;

    if (block->order == BUDDY_MAX_ORDER || buddy > b->size || size > b->size - buddy)
        return 1;
    const struct buddy_block *other = buddy_at(b, buddy);
    return !(other->kind == BUDDY_FREE && other->order == block->order);
}

static int check_block(const struct buddy *b, size_t offset, const struct buddy_block *block,
                       struct walk *w)
{
    switch (block->kind) {
    case BUDDY_FREE:
        w->free_blocks++;
        w->free_bytes += buddy_block_size(block);
        return merged(b, offset, block) ? 0 : -1;
    case BUDDY_LARGE:
        w->stats.large_count++;
        return block->offset >= BUDDY_HEADER_SIZE && block->offset < buddy_block_size(block) ? 0
                                                                                             : -1;
    default: {
        const struct slab *slab = (const struct slab *)block;
        w->stats.slab_count++;
        if (slab->in_use < slab->capacity)
            w->partial_slabs++;
        return slab_check(block, &w->stats.slab_objects);
    }
    }
}

/* Every list entry is a free block of the list's order, linked both ways;
 * the lists hold as many blocks as the walk found. */
static int check_free_lists(const struct buddy *b, const struct walk *w)
{
    size_t count = 0;

    for (unsigned order = 0; order <= BUDDY_MAX_ORDER; order++) {
        const struct buddy_free *prev = NULL;
        for (const struct buddy_free *f = b->free_lists[order]; f != NULL; f = f->next) {
            if (++count > w->free_blocks || f->prev != prev || (uintptr_t)f < b->base ||
                (uintptr_t)f - b->base >= b->size || !buddy_header_ok(b, &f->head) ||
                f->head.kind != BUDDY_FREE || f->head.order != order)
                return -1;
            prev = f;
        }
    }
    return count == w->free_blocks && w->free_bytes == b->free_bytes ? 0 : -1;
}

/* Every slab on a class's list is a live slab of that class with room. */
static int check_slab_lists(const struct alloc_heap *heap, const struct walk *w)
{
    size_t count = 0;

    for (unsigned cls = 0; cls < SLAB_CLASSES; cls++) {
        const struct slab *prev = NULL;
        for (const struct slab *s = heap->slabs.partial[cls]; s != NULL; s = s->next) {
            struct buddy_block *block;
            if (++count > w->partial_slabs || s->prev != prev ||
                buddy_find(&heap->buddy, s, &block) != 0 || block != &s->block ||
                block->kind != BUDDY_SLAB || s->cls != cls || s->in_use >= s->capacity)
                return -1;
            prev = s;
        }
    }
    return count == w->partial_slabs ? 0 : -1;
}

enum alloc_error alloc_check(const struct alloc_heap *heap, struct alloc_stats *stats)
{
    const struct buddy *b = &heap->buddy;
    struct walk w = {0};

    if (b->size % BUDDY_MIN_BLOCK != 0)
        return ALLOC_ERR_CORRUPT;
    for (size_t offset = 0; offset < b->size;) {
        const struct buddy_block *block = buddy_at(b, offset);
        if (!buddy_header_ok(b, block) || check_block(b, offset, block, &w) != 0)
            return ALLOC_ERR_CORRUPT;
        offset += buddy_block_size(block);
    }
    if (check_free_lists(b, &w) != 0 || check_slab_lists(heap, &w) != 0)
        return ALLOC_ERR_CORRUPT;
    if (stats) {
        *stats = w.stats;
        stats->arena_size = b->size;
        stats->free_bytes = b->free_bytes;
    }
    return ALLOC_OK;
}
