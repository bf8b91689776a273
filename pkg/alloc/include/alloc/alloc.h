/*
 * alloc/alloc.h - a freestanding malloc: buddy blocks + slab caches over one
 * arena that grows and shrinks at its top (lab 0x08 extension).
 *
 * The arena is [base, base + size): it starts empty and the heap asks its
 * owner for more (or gives memory back) through one callback, grow(ctx,
 * new_size), which a user program maps onto the Brk syscall and a host
 * test onto a fixed buffer. Nothing here calls libc; the heap has no lock
 * (the caller serialises calls).
 *
 *   small requests (<= 2048 bytes, alignment <= 2048): slab.c, objects of
 *   a power-of-two size class carved from buddy blocks;
 *   larger ones: buddy.c directly, one power-of-two block each.
 *
 * Misuse is detected, never acted on: freeing a pointer twice, or one the
 * heap never returned, leaves the heap untouched, calls the report hook
 * (if any) and returns an alloc_error.
 */
#ifndef ALLOC_ALLOC_H
#define ALLOC_ALLOC_H

#include <stddef.h>
#include <stdint.h>

#include <alloc/buddy.h>
#include <alloc/error.h>
#include <alloc/slab.h>

/* Called once per detected misuse, before the call returns the error. */
typedef void (*alloc_report_fn)(void *ctx, enum alloc_error error, const void *ptr);

struct alloc_config {
    uintptr_t base;     /* where the arena starts; 4096-aligned */
    alloc_grow_fn grow; /* moves the arena's end; see buddy.h */
    void *grow_ctx;
    size_t grow_step;       /* grow in multiples of this (0: 4096), fewer calls */
    size_t trim_threshold;  /* give the top back once this much of it is free */
    alloc_report_fn report; /* may be NULL */
    void *report_ctx;
};

struct alloc_heap {
    struct buddy buddy;
    struct slab_set slabs;
    alloc_report_fn report;
    void *report_ctx;
};

/* 0 on success, -1 when the config is unusable (base not aligned, no grow). */
int alloc_init(struct alloc_heap *heap, const struct alloc_config *config);

/* The C library's contracts: 16-byte alignment, NULL when out of memory. */
void *alloc_malloc(struct alloc_heap *heap, size_t size);
/* align: a power of two (any, up to 2^31); NULL otherwise. */
void *alloc_memalign(struct alloc_heap *heap, size_t align, size_t size);
/* NULL when count * size overflows. */
void *alloc_calloc(struct alloc_heap *heap, size_t count, size_t size);
/* NULL (old block kept) when out of memory or ptr is not the heap's. */
void *alloc_realloc(struct alloc_heap *heap, void *ptr, size_t size);
/* ALLOC_OK, or the misuse found (the heap is left as it was). */
enum alloc_error alloc_free(struct alloc_heap *heap, void *ptr);
/* Bytes usable at ptr (>= what was asked); 0 for NULL or a bad pointer. */
size_t alloc_usable_size(struct alloc_heap *heap, const void *ptr);

struct alloc_stats {
    size_t arena_size;   /* bytes obtained through grow */
    size_t free_bytes;   /* in free buddy blocks */
    size_t large_count;  /* live blocks handed out directly by the buddy */
    size_t slab_count;   /* buddy blocks used as slabs */
    size_t slab_objects; /* live objects in them */
};

/* Walks every block and checks every invariant the allocator relies on;
 * ALLOC_OK or ALLOC_ERR_CORRUPT. Fills *stats when not NULL. */
enum alloc_error alloc_check(const struct alloc_heap *heap, struct alloc_stats *stats);

#endif
