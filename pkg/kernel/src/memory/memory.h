/*
 * memory/memory.h - memory bring-up (Rust: memory/mod.rs).
 */
#ifndef MEMORY_MEMORY_H
#define MEMORY_MEMORY_H

#include "boot/bootinfo.h"

/* Physical-memory map offset, frame allocator, kernel heap; logs the sizes. */
void memory_init(const struct boot_info *bi);

#endif
