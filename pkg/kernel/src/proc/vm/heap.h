/*
 * proc/vm/heap.h - a process's brk heap (Rust: proc/vm/heap.rs, lab 0x07).
 * It comes with lab 0x04, where it first holds the family's Allocate blocks.
 *
 * The heap starts empty at HEAP_START = 0x200000000000 and may reach
 * HEAP_END = HEAP_START + 4 GiB - 8. brk moves its end ("program break"):
 * growing maps fresh zeroed pages up to the new end rounded up to a page,
 * shrinking unmaps the pages that lie wholly above it and frees their
 * frames. A process and its forked children share one heap (and one page
 * table), so the object carries a reference count; the last user frees it.
 *
 * Pages are user-accessible, writable, never executable. Portable over
 * memory/paging.h: tests/test_proc_vm.c runs it on a fake page table.
 */
#ifndef PROC_VM_HEAP_H
#define PROC_VM_HEAP_H

#include <stdint.h>

#include "memory/paging.h"

#define HEAP_START      0x200000000000ULL
#define HEAP_PAGES      0x100000ULL
#define HEAP_SIZE       (HEAP_PAGES * 4096ULL)
#define HEAP_END        (HEAP_START + HEAP_SIZE - 8)
#define HEAP_BRK_FAILED (~0ULL) /* the Brk syscall's "None" */

struct user_alloc_owner;
struct vm_mmap;

struct vm_heap {
    uint64_t base; /* HEAP_START */
    uint64_t end;  /* the break: the heap is [base, end) */
    unsigned refs; /* processes sharing it */
    /* The address space's Allocate blocks (memory/user.h); NULL until its first. */
    struct user_alloc_owner *allocated;
#if YSOS_LAB >= 8
    /* The address space's mmap areas and pages (proc/vm/mmap.h); NULL until its first mmap. */
    struct vm_mmap *mappings;
#endif
};

/* An empty heap with one user. */
void vm_heap_init(struct vm_heap *h);

/*
 * brk(addr): 0 asks for the current end. Otherwise moves the end to addr and
 * returns it, or returns HEAP_BRK_FAILED with nothing changed when addr lies
 * outside [base, HEAP_END] or memory ran out.
 */
uint64_t vm_heap_brk(struct vm_heap *h, pte_t *p4, uint64_t addr);

/* Unmaps the whole heap and frees its frames (the last user exits); returns the pages freed. */
uint64_t vm_heap_clean_up(struct vm_heap *h, pte_t *p4);

/* Bytes between base and the break (what ps shows, as Rust). */
uint64_t vm_heap_memory_usage(const struct vm_heap *h);

#endif
