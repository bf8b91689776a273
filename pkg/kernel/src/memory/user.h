/*
 * memory/user.h - the kernel-managed user heap (Rust: memory/user.rs).
 *
 * One region for the whole system, at USER_HEAP_START = 0x400000000000
 * (just above the first user stack slot), USER_HEAP_SIZE bytes, mapped
 * user-writable at boot in the kernel's page table; every process page
 * table shares that mapping (proc/paging.c copies its P4 entry). Programs
 * built with ALLOC=kernel get their malloc blocks here through the
 * Allocate/Deallocate syscalls.
 */
#ifndef MEMORY_USER_H
#define MEMORY_USER_H

#include <stdbool.h>
#include <stdint.h>

#define USER_HEAP_START 0x400000000000ULL
#define USER_HEAP_SIZE  (1024 * 1024ULL) /* 1 MiB, as Rust */

/* Maps the region in the current (kernel) page table and logs its size. */
void user_heap_init(void);

/* A block of size bytes aligned to align inside the region; 0 when none. */
uint64_t user_heap_allocate(uint64_t size, uint64_t align);

/* Gives back a block (same size and align as allocated); false if it was not one. */
bool user_heap_deallocate(uint64_t addr, uint64_t size, uint64_t align);

#endif
