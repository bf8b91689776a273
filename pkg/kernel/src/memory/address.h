/*
 * memory/address.h - page size and the physical-memory map (Rust:
 * memory/address.rs).
 *
 * The loader maps all physical memory at physical_memory_offset, so the
 * kernel reaches physical address pa at virtual address pa + offset. Page
 * tables, the frame bitmap and freshly allocated frames are all touched
 * through this window.
 */
#ifndef MEMORY_ADDRESS_H
#define MEMORY_ADDRESS_H

#include <stdint.h>

#include "boot/bootinfo.h"

#define PAGE_SIZE 4096ULL

extern uint64_t physical_memory_offset;

/* Records bi->physical_memory_offset and logs it. */
void address_init(const struct boot_info *bi);

static inline void *phys_to_virt(uint64_t pa)
{
    return (void *)(pa + physical_memory_offset);
}

static inline uint64_t page_round_up(uint64_t x)
{
    return (x + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
}

static inline uint64_t page_round_down(uint64_t x)
{
    return x & ~(PAGE_SIZE - 1);
}

#endif
