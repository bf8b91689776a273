/*
 * memory/user_alloc.h - the allocator behind the Allocate/Deallocate
 * syscalls (the Rust lab's USER_ALLOCATOR, a linked-list heap).
 *
 * The memory it hands out is user-writable, so none of its bookkeeping may
 * live there (a program could corrupt it and steer the kernel): a bitmap in
 * kernel memory records which 16-byte units are taken. Callers give the
 * size and alignment back when freeing, as Rust's GlobalAlloc does, so no
 * header is needed either. First fit; fine for the few allocations of the
 * lab programs built with ALLOC=kernel.
 *
 * Every block has an owner (memory/user.c: one per address space, so a
 * process and its forked children share one). The owner's own bitmap says
 * which units it holds: only the owner can free a block, and when the
 * owner goes away user_free_owner() takes back everything it still holds,
 * so a program that exits or is killed without Deallocate leaks nothing.
 *
 * Portable: tests/test_proc_user_alloc.c runs it on the host.
 */
#ifndef MEMORY_USER_ALLOC_H
#define MEMORY_USER_ALLOC_H

#include <stdbool.h>
#include <stdint.h>

#define UALLOC_UNIT      16   /* bytes per bitmap bit; also the smallest alignment */
#define UALLOC_MAX_ALIGN 4096 /* larger alignments are refused */

struct user_alloc {
    uint64_t base;  /* first address of the region (UALLOC_MAX_ALIGN-aligned) */
    uint64_t units; /* region size / UALLOC_UNIT */
    uint64_t *bits; /* units bits, 1 = taken */
    uint64_t used;  /* bytes handed out */
};

/* What one owner holds. */
struct user_alloc_owner {
    uint64_t *bits; /* units bits like the region's, 1 = this owner's */
    uint64_t used;  /* bytes it holds */
};

/* Words of bitmap storage needed for a region of `bytes` (the region's, and each owner's). */
#define UALLOC_WORDS(bytes) (((bytes) / UALLOC_UNIT + 63) / 64)

/* Manages [base, base + bytes) with the caller's zeroed bitmap of UALLOC_WORDS(bytes) words. */
void user_alloc_init(struct user_alloc *a, uint64_t base, uint64_t bytes, uint64_t *bits);

/*
 * Address of size bytes aligned to align (a power of two), now owned by o;
 * 0 if none fits or the request is bad. o->bits has UALLOC_WORDS words.
 */
uint64_t user_alloc(struct user_alloc *a, struct user_alloc_owner *o, uint64_t size,
                    uint64_t align);

/*
 * Frees what user_alloc(o, size, align) returned at addr. False, with
 * nothing changed, if that was not a block o holds (outside the region,
 * misaligned, not all taken, or someone else's).
 */
bool user_free(struct user_alloc *a, struct user_alloc_owner *o, uint64_t addr, uint64_t size,
               uint64_t align);

/* Takes back every unit o holds (its owner is gone); returns the bytes freed. */
uint64_t user_free_owner(struct user_alloc *a, struct user_alloc_owner *o);

#endif
