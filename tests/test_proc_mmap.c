/*
 * test_proc_mmap.c - host tests of the mmap bookkeeping (lab 0x08
 * extension): the areas of proc/vm/mmap_area.c (argument checks,
 * placement, insert, split by munmap and mprotect, file references,
 * running out of room) and pt_protect_range of memory/page_table.c on fake
 * physical memory (mprotect's page-table half).
 */
#include "memory/page_table.h"
#include "proc/vm/mmap_area.h"
#include "test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAKE_FRAMES 256
#define FAKE_BASE   0x100000ULL
#define PG          4096ULL
#define B           MMAP_BASE

#include "fake_frames.h"

static int files_closed;

static void count_close(struct mmap_file *f)
{
    (void)f;
    files_closed++;
}

static struct mmap_areas s;

static void reset(void)
{
    mmap_areas_init(&s, count_close);
    files_closed = 0;
}

static struct mmap_area anon(uint64_t start, uint64_t pages, unsigned prot)
{
    return (struct mmap_area){start, start + pages * PG, prot, MAP_PRIVATE | MAP_ANONYMOUS, 0, 0};
}

static int request(uint64_t addr, uint64_t len, uint64_t prot, uint64_t flags, uint64_t offset)
{
    struct mmap_request r = {addr, len, prot, flags, (uint64_t)-1, offset};
    return mmap_check_request(&r);
}

TEST(check_mmap_arguments)
{
    uint64_t rw = PROT_READ | PROT_WRITE, priv = MAP_PRIVATE | MAP_ANONYMOUS;

    CHECK_EQ(request(0, 1, rw, priv, 0), 0);
    CHECK_EQ(request(0, 0, rw, priv, 0), -MMAP_EINVAL);
    CHECK_EQ(request(B + 1, PG, rw, priv | MAP_FIXED, 0), -MMAP_EINVAL);
    CHECK_EQ(request(0, PG, rw, priv, 100), -MMAP_EINVAL);
    CHECK_EQ(request(0, PG, 8, priv, 0), -MMAP_EINVAL);
    CHECK_EQ(request(0, PG, rw, priv | 0x100000, 0), -MMAP_EINVAL);
    CHECK_EQ(request(0, PG, rw, MAP_ANONYMOUS, 0), -MMAP_EINVAL);
    CHECK_EQ(request(0, PG, rw, MAP_SHARED | MAP_PRIVATE, 0), -MMAP_EINVAL);
    CHECK_EQ(request(0, UINT64_MAX, rw, priv, 0), -MMAP_ENOMEM);
    CHECK_EQ(request(0, PG, rw, MAP_PRIVATE, UINT64_MAX - PG + 1), -MMAP_ENOMEM);
    CHECK_EQ(request(0xffff800000000000ULL, PG, rw, priv | MAP_FIXED, 0), -MMAP_ENOMEM);
    CHECK_EQ(request(MMAP_END - PG, 2 * PG, rw, priv | MAP_FIXED, 0), -MMAP_ENOMEM);
    CHECK_EQ(request(MMAP_END - PG, PG, rw, priv | MAP_FIXED, 0), 0);
    CHECK_EQ(request(B - PG, PG, rw, priv | MAP_FIXED, 0), -MMAP_ENOMEM);
}

TEST(check_unmap_protect_arguments)
{
    CHECK_EQ(mmap_check_unmap(B, PG), 0);
    CHECK_EQ(mmap_check_unmap(B, 1), 0);
    CHECK_EQ(mmap_check_unmap(B + 1, PG), -MMAP_EINVAL);
    CHECK_EQ(mmap_check_unmap(B, 0), -MMAP_EINVAL);
    CHECK_EQ(mmap_check_unmap(B, UINT64_MAX), -MMAP_EINVAL);
    CHECK_EQ(mmap_check_unmap(0x3ffffffff000ULL, PG), -MMAP_EINVAL);
    CHECK_EQ(mmap_check_protect(B, 0, PROT_READ), 0);
    CHECK_EQ(mmap_check_protect(B + 8, PG, PROT_READ), -MMAP_EINVAL);
    CHECK_EQ(mmap_check_protect(B, PG, 0x10), -MMAP_EINVAL);
    CHECK_EQ(mmap_check_protect(0xffff800000000000ULL, PG, PROT_READ), -MMAP_ENOMEM);
}

TEST(place_lowest_gap_or_hint)
{
    reset();
    CHECK_EQ(mmap_areas_place(&s, 0, 4 * PG), B);
    struct mmap_area a = anon(B, 4, PROT_READ);
    mmap_areas_insert(&s, &a);
    CHECK_EQ(mmap_areas_place(&s, 0, PG), B + 4 * PG);
    a = anon(B + 8 * PG, 1, PROT_READ);
    mmap_areas_insert(&s, &a);
    CHECK_EQ(mmap_areas_place(&s, 0, 4 * PG), B + 4 * PG); /* fits the gap exactly */
    CHECK_EQ(mmap_areas_place(&s, 0, 5 * PG), B + 9 * PG);
    CHECK_EQ(mmap_areas_place(&s, B + 100 * PG, PG), B + 100 * PG); /* a free hint */
    CHECK_EQ(mmap_areas_place(&s, B + 2 * PG, PG), B + 4 * PG);     /* taken: lowest gap */
    CHECK_EQ(mmap_areas_place(&s, 0, MMAP_END - MMAP_BASE), 0);     /* no room */
    CHECK_EQ(s.count, 2);
    CHECK(s.area[0].start < s.area[1].start);
}

TEST(find_and_cover)
{
    reset();
    struct mmap_area a = anon(B, 2, PROT_READ), b = anon(B + 2 * PG, 2, PROT_WRITE);
    mmap_areas_insert(&s, &b);
    mmap_areas_insert(&s, &a);
    CHECK(mmap_area_find(&s, B - 1) == NULL);
    CHECK(mmap_area_find(&s, B + PG + 5)->prot == PROT_READ);
    CHECK(mmap_area_find(&s, B + 3 * PG)->prot == PROT_WRITE);
    CHECK(mmap_area_find(&s, B + 4 * PG) == NULL);
    CHECK(mmap_areas_cover(&s, B, B + 4 * PG));
    CHECK(!mmap_areas_cover(&s, B, B + 5 * PG));
    CHECK(!mmap_areas_cover(&s, B - PG, B + PG));
}

TEST(remove_splits_and_drops_file_references)
{
    struct mmap_file f = {0, 0, 10 * PG};
    struct mmap_area a = {B, B + 10 * PG, PROT_READ, MAP_PRIVATE, &f, 0};

    reset();
    mmap_areas_insert(&s, &a);
    CHECK_EQ(f.refs, 1);
    CHECK(mmap_areas_room(&s, B + 2 * PG, B + 4 * PG, 0));
    mmap_areas_remove(&s, B + 2 * PG, B + 4 * PG); /* a hole in the middle */
    CHECK_EQ(s.count, 2);
    CHECK_EQ(f.refs, 2);
    CHECK_EQ(s.area[0].end, B + 2 * PG);
    CHECK_EQ(s.area[1].start, B + 4 * PG);
    CHECK_EQ(s.area[1].offset, 4 * PG); /* the upper piece reads the file further on */
    CHECK(mmap_area_find(&s, B + 3 * PG) == NULL);
    mmap_areas_remove(&s, B, B + 3 * PG); /* the first piece and part of the hole */
    CHECK_EQ(s.count, 1);
    CHECK_EQ(files_closed, 0);
    mmap_areas_remove(&s, B + 9 * PG, B + 20 * PG); /* the tail */
    CHECK_EQ(s.area[0].end, B + 9 * PG);
    CHECK_EQ(s.area[0].offset, 4 * PG);
    mmap_areas_remove(&s, MMAP_BASE, MMAP_END);
    CHECK_EQ(s.count, 0);
    CHECK_EQ(f.refs, 0);
    CHECK_EQ(files_closed, 1);
}

TEST(protect_splits_across_areas)
{
    reset();
    struct mmap_area a = anon(B, 4, PROT_READ | PROT_WRITE), b = anon(B + 4 * PG, 4, PROT_READ);
    mmap_areas_insert(&s, &a);
    mmap_areas_insert(&s, &b);
    mmap_areas_protect(&s, B + PG, B + 6 * PG, PROT_NONE);
    CHECK_EQ(s.count, 4);
    CHECK_EQ(mmap_area_find(&s, B)->prot, PROT_READ | PROT_WRITE);
    CHECK_EQ(mmap_area_find(&s, B + PG)->prot, PROT_NONE);
    CHECK_EQ(mmap_area_find(&s, B + 5 * PG)->prot, PROT_NONE);
    CHECK_EQ(mmap_area_find(&s, B + 6 * PG)->prot, PROT_READ);
    CHECK_EQ(mmap_area_find(&s, B + PG)->end, B + 4 * PG);
    CHECK(mmap_areas_cover(&s, B, B + 8 * PG));
}

TEST(room_runs_out_before_any_change)
{
    reset();
    for (unsigned i = 0; i < MMAP_AREAS_MAX; i++) {
        struct mmap_area a = anon(B + 4 * i * PG, 2, PROT_READ);
        CHECK(mmap_areas_room(&s, a.start, a.end, 1));
        mmap_areas_insert(&s, &a);
    }
    CHECK_EQ(s.count, MMAP_AREAS_MAX);
    CHECK(!mmap_areas_room(&s, B + 100 * 4 * PG, B + 101 * 4 * PG, 1)); /* full */
    CHECK(!mmap_areas_room(&s, B + PG, B + 2 * PG, 0));                 /* a cut adds an area */
    CHECK(mmap_areas_room(&s, B, B + 2 * PG, 0));                       /* a whole area: no cut */
    mmap_areas_remove(&s, B, B + 2 * PG);
    CHECK_EQ(s.count, MMAP_AREAS_MAX - 1);
    CHECK(mmap_areas_room(&s, B + 5 * PG, B + 6 * PG, 0));  /* one cut, one free slot */
    CHECK(!mmap_areas_room(&s, B + 5 * PG, B + 6 * PG, 1)); /* and an insert: too many */
}

static void *fake_to_virt(uint64_t pa)
{
    if (pa < FAKE_BASE || pa >= FAKE_BASE + FAKE_FRAMES * PG)
        abort();
    return arena + (pa - FAKE_BASE);
}

static const struct pt_ops ops = {fake_to_virt, fake_alloc, fake_free, 0};

TEST(protect_range_keeps_frames_skips_holes)
{
    uint64_t va = B, pa_before, pa_after, flags;
    pte_t *p4;

    arena = aligned_alloc(PG, FAKE_FRAMES * PG);
    p4 = fake_to_virt(fake_alloc());
    CHECK_EQ(pt_map_range(&ops, p4, va, 2, PTE_USER | PTE_WRITABLE | PTE_NX), 0);
    CHECK_EQ(pt_map_range(&ops, p4, va + 1024 * PG, 1, PTE_USER | PTE_WRITABLE | PTE_NX), 0);
    CHECK(pt_translate(&ops, p4, va, &pa_before, 0));
    /* 4 GiB: the holes are skipped a table at a time */
    CHECK_EQ(pt_protect_range(&ops, p4, va, 0x100000, PTE_USER | PTE_NX), 3);
    CHECK(pt_translate(&ops, p4, va, &pa_after, &flags));
    CHECK_EQ(pa_after, pa_before);
    CHECK((flags & PTE_USER) && !(flags & PTE_WRITABLE) && (flags & PTE_NX));
    CHECK_EQ(pt_protect_range(&ops, p4, va, 1, PTE_NX), 1); /* PROT_NONE: no user access */
    CHECK(pt_translate(&ops, p4, va, 0, &flags) && !(flags & PTE_USER));
    CHECK(!pt_translate(&ops, p4, va + 2 * PG, 0, 0)); /* a hole stays a hole */
    CHECK_EQ(pt_unmap_range(&ops, p4, va, 1025, true), 3);
    CHECK_EQ(bad_frees, 0);
    free(arena);
}

int main(void)
{
    RUN(check_mmap_arguments);
    RUN(check_unmap_protect_arguments);
    RUN(place_lowest_gap_or_hint);
    RUN(find_and_cover);
    RUN(remove_splits_and_drops_file_references);
    RUN(protect_splits_across_areas);
    RUN(room_runs_out_before_any_change);
    RUN(protect_range_keeps_frames_skips_holes);
    return test_summary();
}
