/*
 * memory/bitmap.h - bookkeeping of the physical frame allocator: one bit per
 * 4 KiB frame (1 = in use or not ours, 0 = free), plus a small table of the
 * frame runs it manages so that a free of a foreign frame is caught.
 *
 * Frames are counted by number (physical address / 4096). The bitmap spans
 * the lowest to the highest managed frame; holes in between stay 1 forever
 * and are not counted in `total`. Allocation is next-fit: the search starts
 * at the word where the last one succeeded, skips full 64-bit words and
 * wraps around once, so a run of allocations costs O(1) amortised.
 *
 * Portable (no kernel headers): memory/frames.c wraps it for the kernel and
 * tests/test_frames.c drives it on the host.
 */
#ifndef MEMORY_BITMAP_H
#define MEMORY_BITMAP_H

#include <stdbool.h>
#include <stdint.h>

#define FBM_NONE       UINT64_MAX /* fbm_alloc: nothing left */
#define FBM_MAX_RANGES 128        /* managed runs after merging neighbours */

enum fbm_free_result {
    FBM_FREED,       /* ok */
    FBM_DOUBLE_FREE, /* the frame was already free */
    FBM_NOT_MANAGED, /* not a frame of ours (hole, outside the map, reserved) */
};

/* A run of managed frames [first, first + count). */
struct fbm_range {
    uint64_t first;
    uint64_t count;
};

struct frame_bitmap {
    uint64_t *words;  /* bit i of word w = frame base + 64 * w + i */
    uint64_t nwords;  /* fbm_words_needed(nframes) */
    uint64_t base;    /* frame number of bit 0 */
    uint64_t nframes; /* frames the bitmap spans, holes included */
    uint64_t hint;    /* word where the next search starts */

    struct fbm_range ranges[FBM_MAX_RANGES]; /* sorted, disjoint, never touching */
    uint64_t nranges;

    uint64_t used;     /* frames currently allocated */
    uint64_t recycled; /* frames ever freed back */
    uint64_t total;    /* frames managed */
};

/* 64-bit words needed for nframes bits: the bitmap costs 8 * this many bytes. */
uint64_t fbm_words_needed(uint64_t nframes);

/* Starts with every frame in [base, base + nframes) marked "not ours". */
void fbm_init(struct frame_bitmap *b, uint64_t *words, uint64_t base, uint64_t nframes);

/*
 * Hands the free frames [first, first + count) to the allocator.
 * Returns 0, or -1 (nothing changed) if the run leaves the span, overlaps a
 * run already added, or the range table is full.
 */
int fbm_add_free(struct frame_bitmap *b, uint64_t first, uint64_t count);

/*
 * Marks the free managed frames [first, first + count) as allocated (used at
 * init for the frames holding the bitmap itself). Returns 0, or -1 (nothing
 * changed) if one of them is not managed or not free.
 */
int fbm_take(struct frame_bitmap *b, uint64_t first, uint64_t count);

/* A free frame's number, now marked used; FBM_NONE when all are in use. */
uint64_t fbm_alloc(struct frame_bitmap *b);

/* Gives a frame back; on error nothing changes. */
enum fbm_free_result fbm_free(struct frame_bitmap *b, uint64_t frame);

/* Is the frame inside one of the managed runs? */
bool fbm_is_managed(const struct frame_bitmap *b, uint64_t frame);

#endif
