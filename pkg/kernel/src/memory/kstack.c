/*
 * memory/kstack.c - kernel stack auto-grow (lab 0x07 part 4).
 *
 * With kernel_stack_auto_grow = N > 0 the loader maps only the top N pages
 * of the kernel stack region. When the kernel runs past them it takes a page
 * fault; the page-fault handler runs on its own IST stack (memory/gdt.c), so
 * it can still work, and asks kstack_grow() to map the missing pages. The
 * stack only ever grows down and is never given back: it is the one stack
 * the kernel runs interrupts and init on.
 */
#include "memory/kstack.h"

#include "memory/address.h"
#include "memory/paging.h"
#include "utils/logger.h"
#include "utils/todo.h"

static uint64_t region_lo;     /* lowest address of the region */
static uint64_t region_top;    /* one past the highest address */
static uint64_t mapped_bottom; /* lowest mapped address; [mapped_bottom, region_top) is mapped */

void kstack_init(const struct boot_info *bi)
{
    region_lo = bi->kernel_stack_address;
    region_top = region_lo + bi->kernel_stack_size * PAGE_SIZE;
    uint64_t pages =
        bi->kernel_stack_auto_grow ? bi->kernel_stack_auto_grow : bi->kernel_stack_size;
    mapped_bottom = region_top - pages * PAGE_SIZE;
}

bool kstack_grow(uint64_t addr)
{
#if YSOS_SOLVED >= 7
    if (addr < region_lo || addr >= mapped_bottom)
        return false;
    uint64_t start = page_round_down(addr);
    uint64_t npages = (mapped_bottom - start) / PAGE_SIZE;
    log_info("Page fault on kernel at 0x%lx", addr);
    if (map_range(page_table_root(), start, npages, PTE_PRESENT | PTE_WRITABLE | PTE_NX) < 0) {
        log_error("kernel stack: out of memory growing by %lu pages", npages);
        return false;
    }
    mapped_bottom = start;
    return true;
#else
    /* TODO(lab 0x07): the kernel stack (its region from the config, of
     * which the loader mapped kernel_stack_auto_grow pages) grows on a page
     * fault: if addr lies below the mapped part, map the missing pages
     * without the user flag and log "Page fault on kernel at <addr>".
     * Guide: 0x07 tasks.md "内核栈的自动增长"; Rust:
     * crates/kernel/src/proc/vm/stack.rs Stack::kstack */
    (void)addr;
    LAB_TODO(7, "kstack_grow");
    return false;
#endif
}

uint64_t kstack_mapped_pages(void)
{
    return (region_top - mapped_bottom) / PAGE_SIZE;
}
