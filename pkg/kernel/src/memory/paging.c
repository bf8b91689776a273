/*
 * memory/paging.c - binds the portable page-table walker (page_table.c) to
 * the running kernel: tables are reached through the physical-memory map,
 * frames come from frames.c, and the TLB is flushed only when the tables
 * being changed are the ones in CR3.
 */
#include "memory/paging.h"

#include "arch/x86.h"
#include "memory/address.h"
#include "memory/frames.h"

static void *physmap(uint64_t pa)
{
    return phys_to_virt(pa);
}

static void flush_page(uint64_t va)
{
    invlpg(va);
}

pte_t *page_table_root(void)
{
    return phys_to_virt(read_cr3() & PTE_ADDR);
}

/* Ops for changing p4: flushing only matters when the CPU is using it. */
static struct pt_ops ops_for(pte_t *p4)
{
    struct pt_ops ops = {physmap, frame_alloc, frame_free, 0};
    if (p4 == page_table_root())
        ops.flush_page = flush_page;
    return ops;
}

int map_range(pte_t *p4, uint64_t va, uint64_t npages, uint64_t flags)
{
    struct pt_ops ops = ops_for(p4);
    return pt_map_range(&ops, p4, va, npages, flags);
}

int map_range_to(pte_t *p4, uint64_t va, uint64_t pa, uint64_t npages, uint64_t flags)
{
    struct pt_ops ops = ops_for(p4);
    return pt_map_range_to(&ops, p4, va, pa, npages, flags);
}

uint64_t unmap_range(pte_t *p4, uint64_t va, uint64_t npages, bool free_frames)
{
    struct pt_ops ops = ops_for(p4);
    return pt_unmap_range(&ops, p4, va, npages, free_frames);
}

#if YSOS_LAB >= 8
uint64_t protect_range(pte_t *p4, uint64_t va, uint64_t npages, uint64_t flags)
{
    struct pt_ops ops = ops_for(p4);
    return pt_protect_range(&ops, p4, va, npages, flags);
}
#endif

bool translate(pte_t *p4, uint64_t va, uint64_t *pa, uint64_t *flags)
{
    struct pt_ops ops = ops_for(p4);
    return pt_translate(&ops, p4, va, pa, flags);
}

uint64_t page_table_free_empty(pte_t *p4, uint64_t va_lo, uint64_t va_hi)
{
    struct pt_ops ops = ops_for(p4);
    uint64_t freed = pt_free_empty(&ops, p4, va_lo, va_hi);
    /* the CPU may cache upper-level entries: reloading CR3 forgets them */
    if (freed && ops.flush_page)
        write_cr3(read_cr3());
    return freed;
}
