/*
 * test_frames.c - host tests of the frame allocator's bitmap core
 * (memory/bitmap.c): exhaustion and reuse, double/foreign frees, next-fit
 * wrap-around, holes in the memory map, and the metadata size.
 */
#include "memory/bitmap.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define MAX_WORDS 1024
static uint64_t words[MAX_WORDS];
static struct frame_bitmap fb;

/* A bitmap spanning [base, base + n) with the given runs free. */
static void setup(uint64_t base, uint64_t n, const struct fbm_range *runs, int nruns)
{
    fbm_init(&fb, words, base, n);
    for (int i = 0; i < nruns; i++)
        CHECK_EQ(fbm_add_free(&fb, runs[i].first, runs[i].count), 0);
}

/* Allocates until exhausted, storing the frames in out[]; returns how many. */
static uint64_t alloc_all(uint64_t *out, uint64_t max)
{
    uint64_t n = 0, f;
    while ((f = fbm_alloc(&fb)) != FBM_NONE) {
        if (n < max)
            out[n] = f;
        n++;
    }
    return n;
}

static int in_runs(uint64_t f, const struct fbm_range *runs, int nruns)
{
    for (int i = 0; i < nruns; i++)
        if (f >= runs[i].first && f < runs[i].first + runs[i].count)
            return 1;
    return 0;
}

TEST(metadata_is_ceil_bytes_rounded_to_words)
{
    for (uint64_t n = 0; n < 5000; n++) {
        uint64_t bytes = (n + 7) / 8;
        uint64_t rounded = (bytes + 7) / 8 * 8;
        if (fbm_words_needed(n) * 8 != rounded) {
            CHECK_EQ(fbm_words_needed(n) * 8, rounded);
            break;
        }
    }
    CHECK_EQ(fbm_words_needed(0), 0);
    CHECK_EQ(fbm_words_needed(64), 1);
    CHECK_EQ(fbm_words_needed(65), 2);
}

TEST(exhaust_free_all_and_reallocate)
{
    static uint64_t got[4000], again[4000];
    struct fbm_range run = {0x100, 3000};
    setup(0x100, 3000, &run, 1);
    CHECK_EQ(fb.total, 3000);

    uint64_t n = alloc_all(got, 4000);
    CHECK_EQ(n, 3000);
    CHECK_EQ(fb.used, 3000);
    CHECK_EQ(fbm_alloc(&fb), FBM_NONE);

    /* every frame handed out once */
    static unsigned char seen[3000];
    memset(seen, 0, sizeof(seen));
    for (uint64_t i = 0; i < n; i++) {
        CHECK(got[i] >= 0x100 && got[i] < 0x100 + 3000);
        CHECK(!seen[got[i] - 0x100]);
        seen[got[i] - 0x100] = 1;
    }

    for (uint64_t i = 0; i < n; i++)
        CHECK_EQ(fbm_free(&fb, got[i]), FBM_FREED);
    CHECK_EQ(fb.used, 0);
    CHECK_EQ(fb.recycled, 3000);

    CHECK_EQ(alloc_all(again, 4000), 3000);
    CHECK_EQ(fb.recycled, 3000); /* cumulative: allocating does not lower it */
}

TEST(double_free_detected_and_ignored)
{
    struct fbm_range run = {1000, 100};
    setup(1000, 100, &run, 1);
    uint64_t a = fbm_alloc(&fb), b = fbm_alloc(&fb);
    CHECK_EQ(fbm_free(&fb, a), FBM_FREED);
    CHECK_EQ(fbm_free(&fb, a), FBM_DOUBLE_FREE);
    CHECK_EQ(fb.used, 1);
    CHECK_EQ(fb.recycled, 1);
    /* never-allocated frame: also a double free */
    CHECK_EQ(fbm_free(&fb, 1099), FBM_DOUBLE_FREE);
    CHECK_EQ(fbm_free(&fb, b), FBM_FREED);
    CHECK_EQ(fb.used, 0);
}

TEST(foreign_frames_rejected)
{
    struct fbm_range runs[] = {{300, 10}, {320, 10}};
    setup(300, 30, runs, 2);
    uint64_t got[64];
    CHECK_EQ(alloc_all(got, 64), 20);
    CHECK_EQ(fbm_free(&fb, 310), FBM_NOT_MANAGED); /* hole */
    CHECK_EQ(fbm_free(&fb, 299), FBM_NOT_MANAGED); /* below the span */
    CHECK_EQ(fbm_free(&fb, 330), FBM_NOT_MANAGED); /* above the span */
    CHECK_EQ(fbm_free(&fb, 0), FBM_NOT_MANAGED);
    CHECK_EQ(fb.used, 20);
    CHECK_EQ(fb.recycled, 0);
}

TEST(next_fit_hint_wraps)
{
    struct fbm_range run = {0, 256};
    setup(0, 256, &run, 1);
    for (int i = 0; i < 200; i++)
        CHECK_EQ(fbm_alloc(&fb), (uint64_t)i);
    CHECK_EQ(fbm_free(&fb, 5), FBM_FREED);
    /* next-fit: carries on after the last allocation ... */
    for (int i = 200; i < 256; i++)
        CHECK_EQ(fbm_alloc(&fb), (uint64_t)i);
    /* ... and wraps to the freed frame when the end is reached */
    CHECK_EQ(fbm_alloc(&fb), 5);
    CHECK_EQ(fbm_alloc(&fb), FBM_NONE);
    /* the hint is now in word 0: a frame freed in the last word needs a full pass */
    CHECK_EQ(fbm_free(&fb, 250), FBM_FREED);
    CHECK_EQ(fbm_alloc(&fb), 250);
}

TEST(holes_are_never_handed_out)
{
    /* odd, unaligned runs with gaps; span 5..1000 */
    struct fbm_range runs[] = {{5, 60}, {70, 1}, {130, 200}, {700, 300}};
    setup(5, 995, runs, 4);
    CHECK_EQ(fb.total, 561);
    static uint64_t got[2000];
    uint64_t n = alloc_all(got, 2000);
    CHECK_EQ(n, 561);
    int outside = 0;
    for (uint64_t i = 0; i < n; i++)
        outside += !in_runs(got[i], runs, 4);
    CHECK_EQ(outside, 0);
}

TEST(runs_merge_and_overlaps_rejected)
{
    fbm_init(&fb, words, 0, 1000);
    CHECK_EQ(fbm_add_free(&fb, 100, 50), 0);
    CHECK_EQ(fbm_add_free(&fb, 200, 50), 0);
    CHECK_EQ(fbm_add_free(&fb, 150, 50), 0); /* joins both neighbours */
    CHECK_EQ(fb.nranges, 1);
    CHECK_EQ(fb.ranges[0].first, 100);
    CHECK_EQ(fb.ranges[0].count, 150);
    CHECK_EQ(fbm_add_free(&fb, 90, 10), 0); /* joins the next run */
    CHECK_EQ(fb.ranges[0].first, 90);
    CHECK_EQ(fbm_add_free(&fb, 10, 10), 0);
    CHECK_EQ(fb.nranges, 2);
    CHECK_EQ(fbm_add_free(&fb, 120, 5), -1);  /* inside a run */
    CHECK_EQ(fbm_add_free(&fb, 80, 11), -1);  /* overlaps the start of a run */
    CHECK_EQ(fbm_add_free(&fb, 990, 20), -1); /* leaves the span */
    CHECK_EQ(fbm_add_free(&fb, 2000, 1), -1); /* outside the span */
    CHECK_EQ(fb.total, 170);
    CHECK(fbm_is_managed(&fb, 90));
    CHECK(fbm_is_managed(&fb, 249));
    CHECK(!fbm_is_managed(&fb, 250));
    CHECK(!fbm_is_managed(&fb, 89));
    CHECK(fbm_is_managed(&fb, 19));
    CHECK(!fbm_is_managed(&fb, 20));
}

TEST(take_marks_metadata_frames_used)
{
    struct fbm_range run = {50, 100};
    setup(50, 100, &run, 1);
    CHECK_EQ(fbm_take(&fb, 50, 3), 0);
    CHECK_EQ(fb.used, 3);
    CHECK_EQ(fbm_take(&fb, 52, 2), -1); /* 52 already taken: nothing changes */
    CHECK_EQ(fb.used, 3);
    CHECK_EQ(fbm_take(&fb, 149, 2), -1); /* 150 is not managed */
    CHECK_EQ(fbm_alloc(&fb), 53);
    uint64_t got[128];
    CHECK_EQ(alloc_all(got, 128), 96);
}

TEST(random_alloc_free_matches_shadow)
{
    enum { N = 5000 };
    static unsigned char shadow[N]; /* 1 = allocated */
    static uint64_t live[N];
    uint64_t nlive = 0, frees = 0;
    struct fbm_range runs[] = {{0, 1000}, {1500, 3500}};
    setup(0, N, runs, 2);
    memset(shadow, 0, sizeof(shadow));
    srand(42);
    for (int step = 0; step < 200000; step++) {
        if (nlive > 0 && rand() % 100 < 48) {
            uint64_t i = (uint64_t)rand() % nlive;
            uint64_t f = live[i];
            live[i] = live[--nlive];
            CHECK_EQ(fbm_free(&fb, f), FBM_FREED);
            shadow[f] = 0;
            frees++;
        } else {
            uint64_t f = fbm_alloc(&fb);
            if (f == FBM_NONE) {
                CHECK_EQ(nlive, 4500);
                continue;
            }
            if (!in_runs(f, runs, 2) || shadow[f]) {
                CHECK(!"bad frame");
                break;
            }
            shadow[f] = 1;
            live[nlive++] = f;
        }
        if (fb.used != nlive) {
            CHECK_EQ(fb.used, nlive);
            break;
        }
    }
    CHECK_EQ(fb.recycled, frees);
}

int main(void)
{
    RUN(metadata_is_ceil_bytes_rounded_to_words);
    RUN(exhaust_free_all_and_reallocate);
    RUN(double_free_detected_and_ignored);
    RUN(foreign_frames_rejected);
    RUN(next_fit_hint_wraps);
    RUN(holes_are_never_handed_out);
    RUN(runs_merge_and_overlaps_rejected);
    RUN(take_marks_metadata_frames_used);
    RUN(random_alloc_free_matches_shadow);
    return test_summary();
}
