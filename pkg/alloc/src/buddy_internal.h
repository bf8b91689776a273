/*
 * buddy_internal.h - what buddy.c (blocks and free lists) and arena.c
 * (growing and shrinking the arena) share; not part of the package's API.
 */
#ifndef ALLOC_BUDDY_INTERNAL_H
#define ALLOC_BUDDY_INTERNAL_H

#include <alloc/buddy.h>

static inline struct buddy_block *buddy_at(const struct buddy *b, size_t offset)
{
    return (struct buddy_block *)(b->base + offset);
}

static inline size_t buddy_offset(const struct buddy *b, const struct buddy_block *block)
{
    return (uintptr_t)block - b->base;
}

/* Adds the free block [offset, offset + 2^order) to the free lists, merged
 * with its buddy as long as that buddy is free and whole. */
void buddy_insert_free(struct buddy *b, size_t offset, unsigned order);

/* Takes a free block off its list. */
void buddy_unlink(struct buddy *b, struct buddy_free *block);

/* arena.c: grows the arena so that a free block of `order` exists; 0, or
 * -1 when the owner refuses. */
int buddy_grow_for(struct buddy *b, unsigned order);

/* arena.c: gives the free top of the arena back once it is large enough. */
void buddy_trim(struct buddy *b);

#endif
