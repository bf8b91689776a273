/*
 * test_paging.c - host tests of the page-table walker (memory/page_table.c)
 * over fake physical memory: a malloc'd arena of 4 KiB frames whose
 * "physical" addresses start at FAKE_BASE, with a frame allocator that can
 * be told to run dry after N frames.
 */
#include "memory/page_table.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

#define FAKE_FRAMES 4096
#define FAKE_BASE   0x40000000ULL
#define PG          4096ULL

#include "fake_frames.h"

static int flushes;

static int table_reads; /* to_virt calls: how much of the tables a walk touched */

static void *fake_to_virt(uint64_t pa)
{
    table_reads++;
    if (pa < FAKE_BASE || pa >= FAKE_BASE + FAKE_FRAMES * PG) {
        printf("  to_virt of foreign address 0x%llx\n", (unsigned long long)pa);
        abort();
    }
    return arena + (pa - FAKE_BASE);
}

static void fake_flush(uint64_t va)
{
    (void)va;
    flushes++;
}

static const struct pt_ops ops = {fake_to_virt, fake_alloc, fake_free, 0};
static const struct pt_ops live_ops = {fake_to_virt, fake_alloc, fake_free, fake_flush};

/* Fresh fake memory and an empty P4. */
static pte_t *new_space(void)
{
    if (!arena)
        arena = aligned_alloc(PG, FAKE_FRAMES * PG);
    memset(frame_used, 0, sizeof(frame_used));
    live_frames = bad_frees = flushes = 0;
    alloc_budget = -1;
    return fake_to_virt(fake_alloc());
}

/* Entries below `table` (level >= 2) still carrying the PTE_FRESH mark. */
static int count_fresh(pte_t *table, int level)
{
    int n = 0;
    for (int i = 0; i < PT_ENTRIES; i++) {
        pte_t e = table[i];
        if (!(e & PTE_PRESENT) || (e & PTE_HUGE))
            continue;
        n += (e & PTE_FRESH) != 0;
        if (level > 2)
            n += count_fresh(fake_to_virt(e & PTE_ADDR), level - 1);
    }
    return n;
}

TEST(map_then_translate)
{
    pte_t *p4 = new_space();
    uint64_t va = 0x200000 - 2 * PG; /* crosses a 2 MiB boundary: two P1 tables */
    CHECK_EQ(pt_map_range(&ops, p4, va, 3, PTE_WRITABLE | PTE_USER), 0);
    CHECK_EQ(live_frames, 1 + 4 + 3); /* P4, P3, P2, 2 x P1, 3 pages */
    CHECK_EQ(count_fresh(p4, 4), 0);

    uint64_t pas[3];
    for (int i = 0; i < 3; i++) {
        uint64_t pa, flags;
        CHECK(pt_translate(&ops, p4, va + i * PG + 0x123, &pa, &flags));
        CHECK_EQ(pa & 0xFFF, 0x123);
        CHECK_EQ(flags & (PTE_PRESENT | PTE_WRITABLE | PTE_USER | PTE_NX),
                 PTE_PRESENT | PTE_WRITABLE | PTE_USER);
        pas[i] = pa & ~0xFFFULL;
        uint8_t *page = fake_to_virt(pas[i]);
        CHECK_EQ(page[0] | page[4095], 0); /* zeroed */
    }
    CHECK(pas[0] != pas[1] && pas[1] != pas[2] && pas[0] != pas[2]);
    CHECK(!pt_translate(&ops, p4, va - PG, 0, 0));
    CHECK(!pt_translate(&ops, p4, va + 3 * PG, 0, 0));
}

TEST(map_to_given_frames)
{
    pte_t *p4 = new_space();
    uint64_t va = 0x111100000000ULL, target = 0x123456000ULL;
    CHECK_EQ(pt_map_range_to(&ops, p4, va, target, 4, PTE_NX), 0);
    uint64_t pa, flags;
    CHECK(pt_translate(&ops, p4, va + 3 * PG + 8, &pa, &flags));
    CHECK_EQ(pa, target + 3 * PG + 8);
    CHECK(flags & PTE_NX);
    CHECK(!(flags & PTE_WRITABLE));
    int tables = live_frames;
    CHECK_EQ(pt_unmap_range(&ops, p4, va, 4, false), 4);
    CHECK_EQ(live_frames, tables); /* the given frames are not ours to free */
    CHECK_EQ(bad_frees, 0);
}

TEST(already_mapped_page_fails_whole_call)
{
    pte_t *p4 = new_space();
    uint64_t va = 0x500000;
    CHECK_EQ(pt_map_range(&ops, p4, va, 1, PTE_WRITABLE), 0);
    uint64_t before_pa;
    pt_translate(&ops, p4, va, &before_pa, 0);
    int before = live_frames;

    CHECK_EQ(pt_map_range(&ops, p4, va - 2 * PG, 4, PTE_WRITABLE), -1);
    CHECK_EQ(live_frames, before);
    uint64_t pa;
    CHECK(pt_translate(&ops, p4, va, &pa, 0));
    CHECK_EQ(pa, before_pa);
    CHECK(!pt_translate(&ops, p4, va - 2 * PG, 0, 0));
    CHECK(!pt_translate(&ops, p4, va - PG, 0, 0));
    CHECK(!pt_translate(&ops, p4, va + PG, 0, 0));
    CHECK_EQ(count_fresh(p4, 4), 0);
}

TEST(out_of_frames_undoes_everything)
{
    /*
     * 4 pages straddling a 512 GiB boundary; the tables of the first two
     * already exist (empty), so the call needs 4 page frames + P3, P2, P1
     * on the far side = 7 frames. Every smaller budget must fail cleanly.
     */
    uint64_t va = (1ULL << 39) - 2 * PG;
    for (int budget = 0; budget <= 7; budget++) {
        pte_t *p4 = new_space();
        /* an empty P3/P2/P1 left over from an earlier unmap must survive */
        CHECK_EQ(pt_map_range(&ops, p4, va, 1, PTE_WRITABLE), 0);
        CHECK_EQ(pt_unmap_range(&ops, p4, va, 1, true), 1);
        static pte_t snapshot[PT_ENTRIES];
        memcpy(snapshot, p4, PG);
        int before = live_frames;

        alloc_budget = budget;
        int r = pt_map_range(&ops, p4, va, 4, PTE_WRITABLE);
        if (budget < 7) {
            CHECK_EQ(r, -1);
            CHECK_EQ(live_frames, before);
            CHECK(memcmp(snapshot, p4, PG) == 0);
            CHECK(!pt_translate(&ops, p4, va + PG, 0, 0));
        } else {
            CHECK_EQ(r, 0);
            CHECK_EQ(live_frames, before + 7);
        }
        CHECK_EQ(count_fresh(p4, 4), 0);
        CHECK_EQ(bad_frees, 0);
    }
}

TEST(unmap_skips_holes_and_counts)
{
    pte_t *p4 = new_space();
    uint64_t base = 0x3FFF00000000ULL;
    uint64_t pages[] = {0, 2, 5, 0xC0000 /* 3 GiB further */};
    for (int i = 0; i < 4; i++)
        CHECK_EQ(pt_map_range(&ops, p4, base + pages[i] * PG, 1, PTE_WRITABLE), 0);
    int tables = live_frames - 4;

    struct pt_ops with_flush = live_ops;
    table_reads = 0;
    CHECK_EQ(pt_unmap_range(&with_flush, p4, base, 0x100000, true), 4); /* 4 GiB */
    /* holes are skipped a whole entry at a time: at most one walk (<= 4 table
       reads) per entry of the 2 P2 + 2 P1 tables present, not one per page */
    CHECK(table_reads <= 4 * 512 * 4);
    CHECK_EQ(live_frames, tables);
    CHECK_EQ(flushes, 4);
    CHECK_EQ(pt_unmap_range(&with_flush, p4, base, 0x100000, true), 0);
    CHECK_EQ(bad_frees, 0);

    /* without flush_page (tables not live) nothing is flushed */
    CHECK_EQ(pt_map_range(&ops, p4, base, 1, PTE_WRITABLE), 0);
    flushes = 0;
    CHECK_EQ(pt_unmap_range(&ops, p4, base, 1, true), 1);
    CHECK_EQ(flushes, 0);
}

/* Builds P4[0] -> P3 by hand; returns the P3. */
static pte_t *hand_p3(pte_t *p4, uint64_t entry_flags)
{
    uint64_t p3 = fake_alloc();
    p4[0] = p3 | PTE_PRESENT | entry_flags;
    return fake_to_virt(p3);
}

TEST(translate_huge_pages)
{
    pte_t *p4 = new_space();
    pte_t *p3 = hand_p3(p4, PTE_WRITABLE); /* not USER */
    /* P3[1]: 1 GiB page at physical 0x80000000 (va 0x40000000..) */
    p3[1] = 0x80000000ULL | PTE_PRESENT | PTE_WRITABLE | PTE_USER | PTE_HUGE;
    /* P3[2] (NX) -> P2 whose entry 3 is a read-only 2 MiB page at 0x1200000 */
    uint64_t p2pa = fake_alloc();
    p3[2] = p2pa | PTE_PRESENT | PTE_WRITABLE | PTE_USER | PTE_NX;
    pte_t *p2 = fake_to_virt(p2pa);
    p2[3] = 0x1200000ULL | PTE_PRESENT | PTE_HUGE | (1ULL << 12) /* PAT */;

    uint64_t pa, flags;
    CHECK(pt_translate(&ops, p4, 0x40000000ULL + 0x12345678, &pa, &flags));
    CHECK_EQ(pa, 0x80000000ULL + 0x12345678);
    CHECK(flags & PTE_HUGE);
    CHECK(flags & PTE_WRITABLE);
    CHECK(!(flags & PTE_USER)); /* P4 entry is kernel-only */

    uint64_t va2 = 0x80000000ULL + 3 * 0x200000ULL + 0x1ABCD;
    CHECK(pt_translate(&ops, p4, va2, &pa, &flags));
    CHECK_EQ(pa, 0x1200000ULL + 0x1ABCD);
    CHECK(flags & PTE_NX); /* from the P3 entry */
    CHECK(!(flags & PTE_WRITABLE));

    /* huge pages are left alone by unmap and refused by map */
    int before = live_frames;
    CHECK_EQ(pt_unmap_range(&ops, p4, 0x40000000ULL, 0x40000, false), 0);
    CHECK(pt_translate(&ops, p4, 0x40000000ULL, 0, 0));
    CHECK_EQ(pt_map_range(&ops, p4, 0x40000000ULL + PG, 1, PTE_WRITABLE), -1);
    CHECK_EQ(pt_map_range(&ops, p4, va2, 1, PTE_WRITABLE), -1);
    CHECK_EQ(live_frames, before);
}

TEST(free_empty_keeps_shared_tables)
{
    pte_t *p4 = new_space();
    uint64_t a = 0x400000, b = 0x5FF000, c = 0x600000; /* a, b share a P1; c has its own */
    CHECK_EQ(pt_map_range(&ops, p4, a, 1, PTE_WRITABLE), 0);
    CHECK_EQ(pt_map_range(&ops, p4, b, 1, PTE_WRITABLE), 0);
    CHECK_EQ(pt_map_range(&ops, p4, c, 1, PTE_WRITABLE), 0);
    CHECK_EQ(live_frames, 1 + 2 + 2 + 3);

    CHECK_EQ(pt_unmap_range(&ops, p4, a, 1, true), 1);
    /* a's P1 still maps b */
    CHECK_EQ(pt_free_empty(&ops, p4, a, a + PG), 0);
    CHECK_EQ(pt_unmap_range(&ops, p4, b, 1, true), 1);
    /* now empty, but it also covers addresses outside [a, a + 4K) */
    CHECK_EQ(pt_free_empty(&ops, p4, a, a + PG), 0);
    /* exactly its 2 MiB: freed; the P2 above it covers more, kept */
    CHECK_EQ(pt_free_empty(&ops, p4, a, a + 0x200000), 1);
    CHECK(pt_translate(&ops, p4, c, 0, 0));

    CHECK_EQ(pt_unmap_range(&ops, p4, c, 1, true), 1);
    CHECK_EQ(pt_free_empty(&ops, p4, 0, 0x800000000000ULL), 3); /* P1, P2, P3 */
    CHECK_EQ(live_frames, 1);                                   /* the P4 stays */
    CHECK_EQ(p4[0], 0);
    CHECK_EQ(pt_free_empty(&ops, p4, 0, 0x800000000000ULL), 0);
    CHECK_EQ(bad_frees, 0);
}

TEST(upper_half_addresses)
{
    pte_t *p4 = new_space();
    uint64_t heap = 0xFFFFFF8000000000ULL; /* P4[511], P3[0] */
    CHECK_EQ(pt_map_range(&ops, p4, heap, 16, PTE_WRITABLE | PTE_NX), 0);
    CHECK(p4[511] & PTE_PRESENT);
    CHECK_EQ(p4[256], 0);
    uint64_t pa;
    CHECK(pt_translate(&ops, p4, heap + 15 * PG, &pa, 0));
    CHECK_EQ(pt_unmap_range(&ops, p4, heap, 16, true), 16);
    /* the 512 MiB heap area frees its P1 but not the P2 (1 GiB) nor the P3 */
    CHECK_EQ(pt_free_empty(&ops, p4, heap, heap + (512ULL << 20)), 1);
    CHECK_EQ(pt_free_empty(&ops, p4, heap, heap + (1ULL << 30)), 1);
    CHECK(p4[511] & PTE_PRESENT);
    CHECK_EQ(live_frames, 2);
}

TEST(user_page_widens_intermediate_entries)
{
    pte_t *p4 = new_space();
    uint64_t va = 0x10000000;
    uint64_t flags;
    CHECK_EQ(pt_map_range(&ops, p4, va, 1, PTE_WRITABLE), 0);
    CHECK(pt_translate(&ops, p4, va, 0, &flags));
    CHECK(!(flags & PTE_USER));
    CHECK(!(p4[0] & PTE_USER));
    CHECK_EQ(pt_map_range(&ops, p4, va + PG, 1, PTE_USER), 0);
    CHECK(pt_translate(&ops, p4, va + PG, 0, &flags));
    CHECK(flags & PTE_USER);
    CHECK(!(flags & PTE_WRITABLE));
    CHECK(pt_translate(&ops, p4, va, 0, &flags));
    CHECK(!(flags & PTE_USER)); /* the kernel page's own entry still says no */
}

int main(void)
{
    RUN(map_then_translate);
    RUN(map_to_given_frames);
    RUN(already_mapped_page_fails_whole_call);
    RUN(out_of_frames_undoes_everything);
    RUN(unmap_skips_holes_and_counts);
    RUN(translate_huge_pages);
    RUN(free_empty_keeps_shared_tables);
    RUN(upper_half_addresses);
    RUN(user_page_widens_intermediate_entries);
    free(arena);
    return test_summary();
}
