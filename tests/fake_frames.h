/*
 * fake_frames.h - fake physical memory for host tests of page-table code:
 * a malloc'd arena of FAKE_FRAMES 4 KiB frames whose "physical" addresses
 * start at FAKE_BASE, and a frame allocator that counts live frames, catches
 * foreign or double frees, poisons freed frames and can be told to run dry.
 *
 * Define FAKE_FRAMES and FAKE_BASE, then include this once per test file.
 */
#ifndef TESTS_FAKE_FRAMES_H
#define TESTS_FAKE_FRAMES_H

#include <stdint.h>
#include <string.h>

#define FAKE_PAGE 4096ULL

static uint8_t *arena; /* FAKE_FRAMES * FAKE_PAGE bytes, page aligned */
static unsigned char frame_used[FAKE_FRAMES];
static int live_frames;       /* frames allocated and not freed */
static int bad_frees;         /* frees of foreign or free frames */
static int alloc_budget = -1; /* frames left before "out of memory"; -1 = unlimited */

static uint64_t fake_alloc(void)
{
    if (alloc_budget == 0)
        return 0;
    for (int i = 0; i < FAKE_FRAMES; i++) {
        if (!frame_used[i]) {
            frame_used[i] = 1;
            live_frames++;
            if (alloc_budget > 0)
                alloc_budget--;
            memset(arena + i * FAKE_PAGE, 0, FAKE_PAGE);
            return FAKE_BASE + i * FAKE_PAGE;
        }
    }
    return 0;
}

static void fake_free(uint64_t pa)
{
    uint64_t i = (pa - FAKE_BASE) / FAKE_PAGE;

    if (pa < FAKE_BASE || i >= FAKE_FRAMES || !frame_used[i]) {
        bad_frees++;
        return;
    }
    memset(arena + i * FAKE_PAGE, 0xAA, FAKE_PAGE); /* poison: use-after-free shows up */
    frame_used[i] = 0;
    live_frames--;
}

#endif
