/*
 * memory/heap_core.h - a first-fit heap over one growing region, portable.
 *
 * The region [start, end) is carved into blocks, each starting with a
 * 16-byte header (size + magic). Free blocks are kept in a list sorted by
 * address, so freeing a block finds its neighbours on the way and merges
 * with them: no two free blocks ever touch. When no free block fits, the
 * heap asks its owner to make more of the region usable (the kernel maps
 * fresh frames there) and carries on.
 *
 * From lab 0x08 the heap also gives memory back: once the free block at
 * its top spans more than a page beyond what it keeps (its size when
 * shrinking was switched on, and a one-page reserve), the owner unmaps
 * those pages, so a spike of allocations does not leave the heap at its
 * high-water mark.
 *
 * The magic numbers catch frees of pointers that are not live blocks (wild
 * pointers, double frees); such frees change nothing.
 *
 * memory/allocator.c runs it as the kernel heap; tests/test_kheap.c on the host.
 */
#ifndef MEMORY_HEAP_CORE_H
#define MEMORY_HEAP_CORE_H

#include <stddef.h>
#include <stdint.h>

#define HEAP_ALIGN      16
#define HEAP_MAGIC_USED 0x6b68656170555345ULL /* "kheapUSE" */
#define HEAP_MAGIC_FREE 0x6b68656170465245ULL /* "kheapFRE" */

/* In front of every block; the caller's memory starts right after it. */
struct heap_block {
    uint64_t size;  /* whole block in bytes, header included; multiple of 16 */
    uint64_t magic; /* HEAP_MAGIC_USED or HEAP_MAGIC_FREE */
};

/* A free block keeps its list link where the caller's data would be. */
struct heap_free {
    struct heap_block hdr;
    struct heap_free *next; /* next free block, at a higher address */
};

/* Makes [at, at + bytes) usable; returns 0 on success. */
typedef int (*heap_grow_fn)(void *ctx, uintptr_t at, size_t bytes);

#if YSOS_LAB >= 8
/* Gives [at, at + bytes) back; the heap no longer touches it. */
typedef void (*heap_shrink_fn)(void *ctx, uintptr_t at, size_t bytes);
#endif

struct heap {
    uintptr_t start, end; /* usable region so far */
    uintptr_t limit;      /* end never passes it */
    size_t grow_unit;     /* growth is a multiple of this (the page size) */
    heap_grow_fn grow;
    void *grow_ctx; /* for grow (and shrink) */
#if YSOS_LAB >= 8
    heap_shrink_fn shrink; /* NULL: the heap never shrinks */
    size_t floor;          /* end never drops below start + floor */
#endif
    struct heap_free *free_list;
    size_t used_bytes; /* bytes in allocated blocks, headers included */
};

enum heap_free_result {
    HEAP_FREED,
    HEAP_DOUBLE_FREE, /* the block is already free */
    HEAP_BAD_POINTER, /* not the start of a block of this heap */
};

/*
 * Sets up an empty heap at start (16-byte aligned), able to grow to
 * start + max_bytes, and grows it to `initial` bytes (rounded up to
 * grow_unit). Returns 0, or -1 if that first growth failed.
 */
int heap_init(struct heap *h, uintptr_t start, size_t initial, size_t max_bytes, size_t grow_unit,
              heap_grow_fn grow, void *grow_ctx);

#if YSOS_LAB >= 8
/*
 * Lets the heap give back free pages at its top through `shrink` (same ctx
 * as grow), keeping at least the size it has now plus one grow_unit of
 * free space at the top, so an alloc/free pair at the boundary does not
 * map and unmap a page each time.
 */
void heap_set_shrink(struct heap *h, heap_shrink_fn shrink);
#endif

/* size bytes, 16-byte aligned; NULL when the region cannot hold them. */
void *heap_alloc(struct heap *h, size_t size);

/* Frees p; on error (reported in the result) nothing changes. */
enum heap_free_result heap_free(struct heap *h, void *p);

#endif
