/*
 * memory/heap_core.c - first-fit heap with an address-ordered free list
 * (see heap_core.h).
 *
 * Allocation takes the first free block big enough and splits off the
 * rest when the rest can still hold a free block. Freeing walks the list to
 * the block's place, which also yields both neighbours to merge with and a
 * cheap sanity check (a block inside a free block is a double free).
 */
#include "memory/heap_core.h"

#include <stdbool.h>

#define HEADER_SIZE    sizeof(struct heap_block)
#define MIN_BLOCK_SIZE 32 /* header + link, rounded to HEAP_ALIGN */

static size_t round_up(size_t x, size_t unit)
{
    return (x + unit - 1) / unit * unit;
}

static uintptr_t block_end(const struct heap_free *b)
{
    return (uintptr_t)b + b->hdr.size;
}

/* Block size for a request of `size` bytes; 0 when it can never fit. */
static size_t block_size_for(const struct heap *h, size_t size)
{
    if (size > h->limit - h->start)
        return 0;
    size_t need = round_up(size + HEADER_SIZE, HEAP_ALIGN);
    return need < MIN_BLOCK_SIZE ? MIN_BLOCK_SIZE : need;
}

/*
 * Puts block b (its size set) into the free list, merging it with the
 * free blocks right before and after it. Returns false, changing nothing,
 * when b overlaps a free block.
 */
static bool insert_free(struct heap *h, struct heap_free *b)
{
    struct heap_free *prev = 0, *next = h->free_list;
    while (next && next < b) {
        prev = next;
        next = next->next;
    }
    if ((prev && block_end(prev) > (uintptr_t)b) || (next && block_end(b) > (uintptr_t)next))
        return false;

    b->hdr.magic = HEAP_MAGIC_FREE;
    b->next = next;
    if (next && block_end(b) == (uintptr_t)next) {
        b->hdr.size += next->hdr.size;
        b->next = next->next;
    }
    if (!prev) {
        h->free_list = b;
    } else if (block_end(prev) == (uintptr_t)b) {
        prev->hdr.size += b->hdr.size;
        prev->next = b->next;
    } else {
        prev->next = b;
    }
    return true;
}

/*
 * Makes at least `need` more contiguous free bytes at the top of the heap:
 * grows by what the last free block (if it touches the end) lacks, rounded
 * up to grow_unit. Returns false when the region is exhausted.
 */
static bool extend(struct heap *h, size_t need)
{
    size_t have = 0;
    for (struct heap_free *b = h->free_list; b; b = b->next)
        if (block_end(b) == h->end)
            have = b->hdr.size;

    size_t bytes = round_up(need - have, h->grow_unit);
    if (bytes > h->limit - h->end || h->grow(h->grow_ctx, h->end, bytes) != 0)
        return false;

    struct heap_free *fresh = (struct heap_free *)h->end;
    fresh->hdr.size = bytes;
    h->end += bytes;
    insert_free(h, fresh); /* cannot overlap: it lies past every block */
    return true;
}

/* Allocates `need` bytes from free block b, *link being the pointer to b. */
static void *take(struct heap *h, struct heap_free **link, struct heap_free *b, size_t need)
{
    if (b->hdr.size - need >= MIN_BLOCK_SIZE) {
        struct heap_free *rest = (struct heap_free *)((uintptr_t)b + need);
        rest->hdr.size = b->hdr.size - need;
        rest->hdr.magic = HEAP_MAGIC_FREE;
        rest->next = b->next;
        *link = rest;
        b->hdr.size = need;
    } else {
        *link = b->next;
    }
    b->hdr.magic = HEAP_MAGIC_USED;
    h->used_bytes += b->hdr.size;
    return (uint8_t *)b + HEADER_SIZE;
}

void *heap_alloc(struct heap *h, size_t size)
{
    size_t need = block_size_for(h, size);
    if (need == 0)
        return 0;

    do {
        for (struct heap_free **link = &h->free_list; *link; link = &(*link)->next)
            if ((*link)->hdr.size >= need)
                return take(h, link, *link, need);
    } while (extend(h, need));
    return 0;
}

#if YSOS_LAB >= 8
/*
 * After a free: if the last free block reaches the end of the heap and
 * more than the reserve (one grow_unit) of it lies above what the heap
 * keeps, shrink the heap to keep just the reserve. The block's header and
 * link stay inside, so it remains a valid free block.
 */
static void trim_top(struct heap *h)
{
    struct heap_free *top = h->free_list;

    if (h->shrink == 0 || top == 0)
        return;
    while (top->next)
        top = top->next;
    if (block_end(top) != h->end)
        return;
    uintptr_t keep = (uintptr_t)top + MIN_BLOCK_SIZE;
    if (keep < h->start + h->floor)
        keep = h->start + h->floor;
    uintptr_t new_end = round_up(keep, h->grow_unit) + h->grow_unit;
    if (new_end >= h->end)
        return;
    h->shrink(h->grow_ctx, new_end, h->end - new_end);
    top->hdr.size -= h->end - new_end;
    h->end = new_end;
}
#endif

enum heap_free_result heap_free(struct heap *h, void *p)
{
    uintptr_t addr = (uintptr_t)p;
    if (addr % HEAP_ALIGN || addr < h->start + HEADER_SIZE || addr >= h->end)
        return HEAP_BAD_POINTER;

    struct heap_free *b = (struct heap_free *)(addr - HEADER_SIZE);
    if (b->hdr.magic == HEAP_MAGIC_FREE)
        return HEAP_DOUBLE_FREE;
    if (b->hdr.magic != HEAP_MAGIC_USED || b->hdr.size % HEAP_ALIGN ||
        b->hdr.size < MIN_BLOCK_SIZE || b->hdr.size > h->end - (uintptr_t)b)
        return HEAP_BAD_POINTER;

    size_t size = b->hdr.size;
    if (!insert_free(h, b))
        return HEAP_DOUBLE_FREE; /* stale header inside a free block */
    h->used_bytes -= size;
#if YSOS_LAB >= 8
    trim_top(h);
#endif
    return HEAP_FREED;
}

#if YSOS_LAB >= 8
void heap_set_shrink(struct heap *h, heap_shrink_fn shrink)
{
    h->shrink = shrink;
    h->floor = h->end - h->start;
}
#endif

int heap_init(struct heap *h, uintptr_t start, size_t initial, size_t max_bytes, size_t grow_unit,
              heap_grow_fn grow, void *grow_ctx)
{
    *h = (struct heap){
        .start = start,
        .end = start,
        .limit = start + max_bytes,
        .grow_unit = grow_unit,
        .grow = grow,
        .grow_ctx = grow_ctx,
    };
    return initial == 0 || extend(h, initial) ? 0 : -1;
}
