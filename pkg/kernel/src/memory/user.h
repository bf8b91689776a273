/*
 * memory/user.h - the kernel-managed user heap (Rust: memory/user.rs).
 *
 * One region for the whole system, at USER_HEAP_START = 0x400000000000
 * (just above the first user stack slot), USER_HEAP_SIZE bytes, mapped
 * user-writable at boot in the kernel's page table; every process page
 * table shares that mapping (proc/paging.c copies its P4 entry). Programs
 * built with ALLOC=kernel get their malloc blocks here through the
 * Allocate/Deallocate syscalls.
 *
 * Blocks belong to an address space: a spawned program and the children it
 * forks (which share its memory) form one owner. Only the owner can free a
 * block, and when its last process exits or is killed, whatever it still
 * holds goes back (user_heap_release). A block is zeroed when handed out,
 * so no program finds an earlier one's data in it. The region itself is
 * shared, as in Rust: a program that knows the address of another's live
 * block can still read it.
 */
#ifndef MEMORY_USER_H
#define MEMORY_USER_H

#include <stdbool.h>
#include <stdint.h>

#define USER_HEAP_START 0x400000000000ULL
#define USER_HEAP_SIZE  (1024 * 1024ULL) /* 1 MiB, as Rust */

struct user_alloc_owner;

/*
 * Where the running process's owner is kept (NULL until its first block; the
 * pointer is shared by its address space), or NULL if it may not allocate.
 * Set by the process manager at init.
 */
typedef struct user_alloc_owner **(*user_heap_owner_fn)(void);

/* Maps the region in the current (kernel) page table and logs its size. */
void user_heap_init(void);

/* Tells the heap how to find the running process's owner (see user_heap_owner_fn). */
void user_heap_set_owner_fn(user_heap_owner_fn fn);

/* A zeroed block of size bytes aligned to align, for the running process; 0 when none. */
uint64_t user_heap_allocate(uint64_t size, uint64_t align);

/*
 * Gives back a block of the running process (same size and align as
 * allocated); false if it was not one of its blocks.
 */
bool user_heap_deallocate(uint64_t addr, uint64_t size, uint64_t align);

/* The owner's address space is gone: its blocks go back and the owner is freed. NULL is fine. */
void user_heap_release(struct user_alloc_owner *owner);

#endif
