/*
 * memory/allocator.c - the kernel heap (Rust: memory/allocator.rs).
 *
 * The Rust kernel used a fixed 8 MiB array in .bss; ours starts small and
 * grows: the portable heap (heap_core.c) asks for more room and we map
 * fresh frames at its top, in the kernel's P4[511] so that every address
 * space (which shares P4[256..511]) sees them. From lab 0x08 it also gives
 * free pages at its top back (heap_core.h), so the `Kernel :` line of ps
 * falls again after a spike of processes. Interrupts are off while the
 * heap is changed, so handlers may allocate too.
 */
#include "memory/allocator.h"
#include "memory/frames.h"

#include "arch/x86.h"
#include "memory/address.h"
#include "memory/heap_core.h"
#include "memory/paging.h"
#include "utils/logger.h"
#include "utils/panic.h"
#include "utils/string.h"

static struct heap kheap;
static pte_t *kernel_p4;
static uint64_t kheap_frames; /* frames the heap holds: its pages and their page tables */

/*
 * heap_core's grow callback: back [at, at + bytes) with fresh frames. The
 * frames it takes (pages and any new page tables) are counted, so ps can
 * show them apart from the frames programs use: a heap that grew once stays
 * grown, and must not look like a leak of the program that made it grow.
 */
static int map_heap_pages(void *ctx, uintptr_t at, size_t bytes)
{
    uint64_t before = frames_stats().used;
    int r = map_range(kernel_p4, at, bytes / PAGE_SIZE, PTE_PRESENT | PTE_WRITABLE | PTE_NX);

    (void)ctx;
    kheap_frames += frames_stats().used - before;
    return r;
}

#if YSOS_LAB >= 8
/*
 * heap_core's shrink callback: unmap [at, at + bytes) and free its frames.
 * The page tables stay (the heap will likely grow there again) and stay
 * counted in kheap_frames.
 */
static void unmap_heap_pages(void *ctx, uintptr_t at, size_t bytes)
{
    (void)ctx;
    kheap_frames -= unmap_range(kernel_p4, at, bytes / PAGE_SIZE, true);
}
#endif

void kheap_init(void)
{
    kernel_p4 = page_table_root();
    if (heap_init(&kheap, KHEAP_START, KHEAP_INITIAL_SIZE, KHEAP_MAX_SIZE, PAGE_SIZE,
                  map_heap_pages, 0) != 0)
        panic("cannot map the initial kernel heap");
#if YSOS_LAB >= 8
    heap_set_shrink(&kheap, unmap_heap_pages);
#endif
    log_debug("Kernel Heap      : 0x%016llx-0x%016llx", (unsigned long long)KHEAP_START,
              (unsigned long long)(KHEAP_START + KHEAP_MAX_SIZE));
}

void *kmalloc(size_t size)
{
    uint64_t flags = irq_save();
    void *p = heap_alloc(&kheap, size);
    irq_restore(flags);
    return p;
}

void *kzalloc(size_t size)
{
    void *p = kmalloc(size);
    if (p)
        memset(p, 0, size);
    return p;
}

void kfree(void *p)
{
    if (!p)
        return;
    uint64_t flags = irq_save();
    enum heap_free_result r = heap_free(&kheap, p);
    irq_restore(flags);

    if (r == HEAP_DOUBLE_FREE)
        log_error("kfree: double free of %p ignored", p);
    else if (r == HEAP_BAD_POINTER)
        log_error("kfree: %p is not a kernel heap block, ignored", p);
}

struct kheap_stats kheap_stats(void)
{
    uint64_t flags = irq_save();
    struct kheap_stats s = {.mapped_bytes = kheap.end - kheap.start,
                            .used_bytes = kheap.used_bytes,
                            .frames = kheap_frames};
    irq_restore(flags);
    return s;
}
