/*
 * memory/memory.c - memory bring-up (Rust: memory/mod.rs): records where
 * physical memory is mapped, logs how much there is, then starts the frame
 * allocator and the kernel heap (which needs frames to grow).
 */
#include "memory/memory.h"

#include "memory/address.h"
#include "memory/allocator.h"
#include "memory/frames.h"
#include "memory/kstack.h"
#include "memory/size.h"
#include "utils/logger.h"

/* Logs "<label>: <size>" the way the Rust kernel does ({:>7.3} {unit}). */
static void log_size(const char *label, uint64_t bytes)
{
    char num[16];
    const char *unit = size_scale(bytes, 3, num, sizeof(num));
    log_info("%s: %7s %s", label, num, unit);
}

/* Pages the kernel occupies outside the frame allocator: its image and its mapped stack. */
static uint64_t kernel_pages(const struct boot_info *bi)
{
    uint64_t pages = kstack_mapped_pages(); /* kstack_init() has run first */
    for (uint64_t i = 0; i < bi->kernel_pages_len; i++)
        pages += bi->kernel_pages[i].count;
    return pages;
}

/* Physical, usable and kernel memory, as the Rust kernel reports them at boot. */
static void log_memory_sizes(const struct boot_info *bi)
{
    uint64_t all = 0, usable = 0;
    for (uint64_t i = 0; i < bi->memory_map_len; i++) {
        all += bi->memory_map[i].page_count;
        if (bi->memory_map[i].type == BOOT_MEM_CONVENTIONAL)
            usable += bi->memory_map[i].page_count;
    }
    log_size("Physical Memory    ", all * PAGE_SIZE);
    log_size("Free Usable Memory ", usable * PAGE_SIZE);
    log_size("Kernel Used Memory ", kernel_pages(bi) * PAGE_SIZE);
}

void memory_init(const struct boot_info *bi)
{
    address_init(bi);
    log_memory_sizes(bi);
    frames_init(bi);
    log_info("Frame Allocator initialized.");
    kheap_init();
    log_size("Kernel Heap Size ", kheap_stats().mapped_bytes);
    log_info("Kernel Heap Initialized.");
}
