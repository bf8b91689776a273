/*
 * proc/vm/heap.c - the brk heap (see heap.h).
 *
 * The pages backing [base, end) are exactly [base, round_up(end)), so
 * moving the break from `end` to `addr` maps or unmaps the pages between
 * the two rounded-up ends. map_range is all or nothing, so a grow that runs
 * out of frames half-way leaves nothing behind.
 */
#include "proc/vm/heap.h"

#include "memory/address.h"
#include "utils/todo.h"

#define HEAP_FLAGS (PTE_PRESENT | PTE_WRITABLE | PTE_USER | PTE_NX)

void vm_heap_init(struct vm_heap *h)
{
    *h = (struct vm_heap){.base = HEAP_START, .end = HEAP_START, .refs = 1};
}

uint64_t vm_heap_brk(struct vm_heap *h, pte_t *p4, uint64_t addr)
{
#if YSOS_SOLVED >= 7
    if (addr == 0)
        return h->end;
    if (addr < h->base || addr > HEAP_END)
        return HEAP_BRK_FAILED;

    uint64_t mapped_end = page_round_up(h->end);
    uint64_t wanted_end = page_round_up(addr);
    if (wanted_end > mapped_end &&
        map_range(p4, mapped_end, (wanted_end - mapped_end) / PAGE_SIZE, HEAP_FLAGS) != 0)
        return HEAP_BRK_FAILED;
    if (wanted_end < mapped_end)
        unmap_range(p4, wanted_end, (mapped_end - wanted_end) / PAGE_SIZE, true);
    h->end = addr;
    return addr;
#else
    /* TODO(lab 0x07): brk: addr 0 returns the current end; an address
     * outside [base, HEAP_END] fails; otherwise map or unmap the pages
     * between the page-aligned current end and new end, then update the
     * end. Guide: 0x07 tasks.md "用户态堆"; Rust:
     * crates/kernel/src/proc/vm/heap.rs Heap::brk */
    (void)h, (void)p4, (void)addr;
    LAB_TODO(7, "vm_heap_brk");
    return HEAP_BRK_FAILED;
#endif
}

uint64_t vm_heap_clean_up(struct vm_heap *h, pte_t *p4)
{
#if YSOS_SOLVED >= 7
    uint64_t pages = (page_round_up(h->end) - h->base) / PAGE_SIZE;
    uint64_t freed = unmap_range(p4, h->base, pages, true);

    h->end = h->base;
    return freed;
#else
    /* TODO(lab 0x07): take the current end, reset it to base, and unmap
     * the heap pages (freeing their frames). Guide: 0x07 tasks.md
     * "用户态堆"; Rust: crates/kernel/src/proc/vm/heap.rs Heap::clean_up */
    (void)h, (void)p4;
    LAB_TODO(7, "vm_heap_clean_up");
    return 0;
#endif
}

uint64_t vm_heap_memory_usage(const struct vm_heap *h)
{
    return h->end - h->base;
}
