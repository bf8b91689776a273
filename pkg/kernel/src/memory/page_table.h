/*
 * memory/page_table.h - x86_64 4-level page-table walker, portable.
 *
 * The walker never touches physical memory or the CPU directly: a small ops
 * struct says how to reach a table from its physical address, where new
 * table/page frames come from, and how to flush a TLB entry. The kernel
 * (memory/paging.c) plugs in the physical-memory map, frame_alloc and
 * invlpg; tests/test_paging.c plugs in malloc'd "physical memory".
 *
 * Levels are numbered like the hardware: 4 = P4 (PML4) ... 1 = P1 (PT).
 */
#ifndef MEMORY_PAGE_TABLE_H
#define MEMORY_PAGE_TABLE_H

#include <stdbool.h>
#include <stdint.h>

typedef uint64_t pte_t;

#define PTE_PRESENT  (1ULL << 0)
#define PTE_WRITABLE (1ULL << 1)
#define PTE_USER     (1ULL << 2)
#define PTE_HUGE     (1ULL << 7) /* in a P3/P2 entry: maps 1 GiB / 2 MiB directly */
#define PTE_FRESH    (1ULL << 9) /* software bit: table created by the map call running now */
#define PTE_NX       (1ULL << 63)
#define PTE_ADDR     0x000FFFFFFFFFF000ULL /* physical address bits of an entry */

#define PT_ENTRIES 512

struct pt_ops {
    void *(*to_virt)(uint64_t pa);   /* pointer through which physical pa is reached */
    uint64_t (*alloc_frame)(void);   /* a zeroed 4 KiB frame, 0 when none is left */
    void (*free_frame)(uint64_t pa); /* gives a frame back */
    void (*flush_page)(uint64_t va); /* drop va's TLB entry; NULL if the tables are not live */
};

/*
 * Maps npages pages from va to fresh zeroed frames with `flags` (PRESENT is
 * added). All or nothing: if a frame runs out or a page is already mapped
 * (or lies in a huge page), everything this call did is undone - pages,
 * frames and the intermediate tables it created - and -1 is returned.
 * Intermediate entries get PRESENT|WRITABLE, plus USER when flags has it
 * (an existing entry lacking them is widened, and stays so: the leaf
 * entries still decide each page's rights).
 */
int pt_map_range(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t npages, uint64_t flags);

/* Same, but page i maps the given frame pa + i * 4096 (which is not freed on undo). */
int pt_map_range_to(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t pa, uint64_t npages,
                    uint64_t flags);

/*
 * Unmaps the 4 KiB pages of [va, va + npages * 4096); holes are skipped and
 * huge pages left alone. Frees the frames when free_frames. Returns the
 * number of pages unmapped.
 */
uint64_t pt_unmap_range(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t npages,
                        bool free_frames);

#if YSOS_LAB >= 8
/*
 * Gives the present 4 KiB pages of [va, va + npages * 4096) the leaf flags
 * `flags` (PRESENT is kept, the frame too); holes are skipped like
 * pt_unmap_range's. Returns the number of pages changed. (mprotect.)
 */
uint64_t pt_protect_range(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t npages,
                          uint64_t flags);
#endif

/*
 * Physical address of va (4 KiB, 2 MiB or 1 GiB page) and its effective
 * flags: WRITABLE/USER only if every level allows it, NX if any level sets
 * it. Returns false when va is not mapped. pa or flags may be NULL.
 */
bool pt_translate(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t *pa, uint64_t *flags);

/*
 * Frees the P1/P2/P3 tables lying wholly inside [va_lo, va_hi) that map
 * nothing, bottom-up (a P2 whose P1s all go becomes empty too). The P4 and
 * any table that also covers addresses outside the range are kept.
 * va_hi is exclusive; both are canonical addresses in the same half.
 * Returns the number of tables freed.
 */
uint64_t pt_free_empty(const struct pt_ops *ops, pte_t *p4, uint64_t va_lo, uint64_t va_hi);

#endif
