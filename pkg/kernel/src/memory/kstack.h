/*
 * memory/kstack.h - the kernel stack region and its growth on demand
 * (Rust: proc/vm/stack.rs, Stack::kstack and the kernel branch of
 * handle_page_fault).
 */
#ifndef MEMORY_KSTACK_H
#define MEMORY_KSTACK_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/bootinfo.h"

/* Records the region [kernel_stack_address, + kernel_stack_size pages) and what the loader mapped.
 */
void kstack_init(const struct boot_info *bi);

/*
 * Called for a not-present page fault in kernel mode. If addr lies in the
 * unmapped part of the kernel stack region, maps every page from addr's page
 * up to the mapped part and returns true; otherwise returns false.
 */
bool kstack_grow(uint64_t addr);

/* Pages of the kernel stack mapped right now (for the kernel row of ps). */
uint64_t kstack_mapped_pages(void);

#endif
