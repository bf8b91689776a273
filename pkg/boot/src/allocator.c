/*
 * allocator.c - physical memory for the loader (Rust: crates/boot/src/allocator.rs).
 *
 * Everything comes from UEFI AllocatePages as EfiLoaderData: the kernel only
 * reuses EfiConventionalMemory, so the page tables, kernel image, apps and
 * boot_info we build here stay intact after the hand-off.
 *
 * Page-table and kernel frames are needed one at a time, thousands of times;
 * asking the firmware for each is slow under TCG, so single frames are cut
 * from a batch, and the unused rest of the last batch is given back before
 * the kernel starts.
 */
#include "loader.h"

#define BATCH_PAGES 64

static uint64_t batch_next; /* next unused frame of the current batch */
static uint64_t batch_left; /* frames left in it */

/* `count` zeroed, contiguous pages; 0 if the firmware has none. */
uint64_t pages_alloc(uint64_t count)
{
    EFI_PHYSICAL_ADDRESS addr = 0;
    EFI_STATUS status =
        efi_st->BootServices->AllocatePages(AllocateAnyPages, EfiLoaderData, count, &addr);
    if (EFI_ERROR(status))
        return 0;
    __builtin_memset((void *)addr, 0, count * PAGE_SIZE);
    return addr;
}

void pages_free(uint64_t addr, uint64_t count)
{
    efi_st->BootServices->FreePages(addr, count);
}

/* One zeroed 4 KiB frame; 0 when memory is exhausted. */
uint64_t frame_alloc(void)
{
    if (batch_left == 0) {
        uint64_t n = BATCH_PAGES;
        while (n > 0 && (batch_next = pages_alloc(n)) == 0)
            n /= 2; /* memory is nearly full: take what is left */
        if (n == 0)
            return 0;
        batch_left = n;
    }
    batch_left--;
    batch_next += PAGE_SIZE;
    return batch_next - PAGE_SIZE;
}

void frames_release_spare(void)
{
    if (batch_left > 0)
        pages_free(batch_next, batch_left);
    batch_left = 0;
}
