/*
 * memory/frames.c - the kernel's physical frame allocator (Rust:
 * memory/frames.rs), built on the portable bitmap of memory/bitmap.c.
 *
 * At init the bitmap is sized to span the lowest to the highest usable
 * frame and stored in the first usable run big enough to hold it; those
 * frames count as used. Every call runs with interrupts off (one CPU), so an
 * interrupt handler may allocate too.
 */
#include "memory/frames.h"

#include <stdbool.h>

#include "arch/x86.h"
#include "memory/address.h"
#include "memory/bitmap.h"
#include "utils/logger.h"
#include "utils/panic.h"
#include "utils/string.h"
#include "utils/todo.h"

/* Frames below 1 MiB are never handed out (real-mode leftovers, frame 0 = NULL). */
#define LOW_MEMORY_FRAMES (0x100000 / PAGE_SIZE)

static struct frame_bitmap bitmap;

/*
 * The frames of descriptor d the allocator may use: conventional memory
 * from 1 MiB up. Returns false when there are none.
 */
static bool usable_run(const struct boot_memory_desc *d, uint64_t *first, uint64_t *count)
{
    if (d->type != BOOT_MEM_CONVENTIONAL)
        return false;
    uint64_t start = d->phys_start / PAGE_SIZE;
    uint64_t end = start + d->page_count;
    if (start < LOW_MEMORY_FRAMES)
        start = LOW_MEMORY_FRAMES;
    if (end <= start)
        return false;
    *first = start;
    *count = end - start;
    return true;
}

/* Lowest and one-past-highest usable frame; panics when there is no usable memory. */
static void usable_span(const struct boot_info *bi, uint64_t *lo, uint64_t *hi)
{
    *lo = UINT64_MAX;
    *hi = 0;
    for (uint64_t i = 0; i < bi->memory_map_len; i++) {
        uint64_t first, count;
        if (!usable_run(&bi->memory_map[i], &first, &count))
            continue;
        if (first < *lo)
            *lo = first;
        if (first + count > *hi)
            *hi = first + count;
    }
    if (*hi == 0)
        panic("no conventional memory above 1 MiB in the boot memory map");
}

/* First frame of a usable run with at least `frames` frames (for the bitmap itself). */
static uint64_t find_room(const struct boot_info *bi, uint64_t frames)
{
    for (uint64_t i = 0; i < bi->memory_map_len; i++) {
        uint64_t first, count;
        if (usable_run(&bi->memory_map[i], &first, &count) && count >= frames)
            return first;
    }
    panic("no room for the frame bitmap (%llu frames)", (unsigned long long)frames);
}

/*
 * Logs the bitmap's cost (lab 0x07 compares it with a Vec<PhysFrame>, 8
 * bytes per frame): bytes in all, and per managed frame in thousandths of a
 * byte (above 1/8 when the span has holes).
 */
static void log_bitmap_cost(void)
{
    uint64_t bytes = bitmap.nwords * sizeof(uint64_t);
    uint64_t milli = bitmap.total ? (bytes * 1000 + bitmap.total / 2) / bitmap.total : 0;
    log_info("Frame Bitmap       : %llu bytes for %llu frames (%llu.%03llu bytes/frame, "
             "span %llu frames)",
             (unsigned long long)bytes, (unsigned long long)bitmap.total,
             (unsigned long long)(milli / 1000), (unsigned long long)(milli % 1000),
             (unsigned long long)bitmap.nframes);
}

void frames_init(const struct boot_info *bi)
{
    uint64_t lo, hi;
    usable_span(bi, &lo, &hi);

    uint64_t words = fbm_words_needed(hi - lo);
    uint64_t meta_frames = page_round_up(words * sizeof(uint64_t)) / PAGE_SIZE;
    uint64_t meta_first = find_room(bi, meta_frames);

    fbm_init(&bitmap, phys_to_virt(meta_first * PAGE_SIZE), lo, hi - lo);
    for (uint64_t i = 0; i < bi->memory_map_len; i++) {
        uint64_t first, count;
        if (usable_run(&bi->memory_map[i], &first, &count) &&
            fbm_add_free(&bitmap, first, count) < 0)
            log_warn("frames: memory map entry %llu (frames 0x%llx+%llu) skipped",
                     (unsigned long long)i, (unsigned long long)first, (unsigned long long)count);
    }
    if (fbm_take(&bitmap, meta_first, meta_frames) < 0)
        panic("frame bitmap lies outside managed memory");

    log_bitmap_cost();
}

uint64_t frame_alloc(void)
{
    uint64_t flags = irq_save();
    uint64_t frame = fbm_alloc(&bitmap);
    irq_restore(flags);

    if (frame == FBM_NONE)
        return 0;
    uint64_t pa = frame * PAGE_SIZE;
    memset(phys_to_virt(pa), 0, PAGE_SIZE);
    return pa;
}

void frame_free(uint64_t pa)
{
#if YSOS_SOLVED >= 7
    enum fbm_free_result result = FBM_NOT_MANAGED;

    if (pa % PAGE_SIZE == 0) {
        uint64_t flags = irq_save();
        result = fbm_free(&bitmap, pa / PAGE_SIZE);
        irq_restore(flags);
    }

    if (result == FBM_DOUBLE_FREE)
        log_error("frame_free: double free of frame 0x%llx ignored", (unsigned long long)pa);
    else if (result == FBM_NOT_MANAGED)
        log_error("frame_free: 0x%llx is not a managed frame, ignored", (unsigned long long)pa);
#else
    /* TODO(lab 0x07): give the frame back to the allocator (the guide's
     * "push frame to recycled"; here: clear its bit, fbm_free) so that
     * frame_alloc hands it out again. Until then the frame is lost.
     * Guide: 0x07 tasks.md "帧分配器的内存回收"; Rust:
     * crates/kernel/src/memory/frames.rs deallocate_frame */
    (void)pa;
    LAB_TODO(7, "frame_free");
#endif
}

struct frame_stats frames_stats(void)
{
    uint64_t flags = irq_save();
    struct frame_stats s = {bitmap.used, bitmap.recycled, bitmap.total};
    irq_restore(flags);
    return s;
}

bool frames_available(uint64_t pages)
{
    struct frame_stats f = frames_stats();
    return pages <= f.total - f.used;
}
