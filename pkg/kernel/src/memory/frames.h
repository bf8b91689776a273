/*
 * memory/frames.h - physical frame allocator (Rust: memory/frames.rs).
 *
 * Hands out the 4 KiB frames the firmware reported as conventional memory
 * (never the loader's own data, never anything below 1 MiB), and takes them
 * back: a bitmap (memory/bitmap.c) records which are free.
 */
#ifndef MEMORY_FRAMES_H
#define MEMORY_FRAMES_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/bootinfo.h"

/* Counters with the lab 0x07 names, in frames. */
struct frame_stats {
    uint64_t used;     /* frames currently allocated */
    uint64_t recycled; /* frames ever freed back */
    uint64_t total;    /* frames managed */
};

/* Builds the bitmap from the boot memory map; needs the physical-memory map. */
void frames_init(const struct boot_info *bi);

/* Physical address of a zeroed 4 KiB frame; 0 when none is left. */
uint64_t frame_alloc(void);

/* Gives a frame back; a double free or a foreign frame logs one error and is ignored. */
void frame_free(uint64_t pa);

struct frame_stats frames_stats(void);

/*
 * True when `pages` more frames could be allocated now. Callers about to
 * map a large range ask first: refusing up front takes microseconds, while
 * mapping all free memory only to roll it back keeps the CPU for seconds.
 */
bool frames_available(uint64_t pages);

#endif
