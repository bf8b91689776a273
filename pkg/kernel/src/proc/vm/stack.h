/*
 * proc/vm/stack.h - a user process's stack (Rust: proc/vm/stack.rs).
 *
 * Layout (SPEC section 4): every stack owns a 4 GiB slot (0x100000 pages)
 * and grows down from the top of it. The first process's slot ends at
 * STACK_MAX = 0x400000000000; it starts with one page (0x3FFFFFFFF000) and
 * rsp = 0x3FFFFFFFFFF8. A page fault below the mapped part but inside the
 * slot maps the missing pages; anything outside the slot is a real fault.
 * A growth (or, at exit, a release) of more than STACK_PIECE_PAGES is done
 * a piece at a time: the faulting access repeats until its page is mapped,
 * so a fault 3 GiB down does not keep the CPU from everyone else for seconds.
 * A forked child gets a copy of its parent's stack in the next lower slot
 * that is free, at the same offset, so only rsp has to move.
 *
 * Pages are user-accessible, writable, never executable. Portable over
 * memory/paging.h: tests/test_proc_vm.c runs it on a fake page table.
 */
#ifndef PROC_VM_STACK_H
#define PROC_VM_STACK_H

#include <stdbool.h>
#include <stdint.h>

#include "memory/paging.h"

#define STACK_MAX        0x400000000000ULL
#define STACK_MAX_PAGES  0x100000ULL
#define STACK_MAX_SIZE   (STACK_MAX_PAGES * 4096ULL)
#define STACK_START_MASK (~(STACK_MAX_SIZE - 1))
#define STACK_DEF_PAGES  1ULL
#define STACK_INIT_BOT   (STACK_MAX - STACK_DEF_PAGES * 4096ULL)
#define STACK_INIT_TOP   (STACK_MAX - 8)
/* Most pages one fault maps, or one step of an exit unmaps: ~10 ms under TCG. */
#define STACK_PIECE_PAGES 512ULL
/* Slots stop above the brk heap's 4 GiB (proc/vm/heap.h: 0x200000000000). */
#define STACK_LOWEST_SLOT 0x200100000000ULL

/* The mapped pages [bottom, bottom + pages * 4096); empty when pages == 0. */
struct vm_stack {
    uint64_t bottom;
    uint64_t pages;
};

/* Maps the first page of the first stack slot; 0, or -1 when out of memory. */
int vm_stack_init(struct vm_stack *s, pte_t *p4);

/*
 * A not-present page fault at addr: if addr lies in this stack's slot below
 * the mapped part, maps the missing pages below the stack's bottom, down to
 * addr's page or STACK_PIECE_PAGES of them, whichever is fewer, and returns
 * true (the access then repeats, and faults again while addr is not mapped).
 * False when addr is not ours to grow into, or no memory is left.
 */
bool vm_stack_grow(struct vm_stack *s, pte_t *p4, uint64_t addr);

/*
 * Gives a forked child a copy of `parent` (both in the shared table p4) in
 * the highest free slot below the parent's. 0, or -1 if no slot or memory.
 */
int vm_stack_fork(const struct vm_stack *parent, pte_t *p4, struct vm_stack *child);

/* How far below the parent's the child's stack lies (subtract it from rsp). */
uint64_t vm_stack_offset(const struct vm_stack *child, const struct vm_stack *parent);

/*
 * For an exiting process: while the stack has more than STACK_PIECE_PAGES
 * pages, unmaps that many from its bottom and returns how many were freed;
 * 0 once what is left can go at once (vm_stack_clean_up).
 */
uint64_t vm_stack_release_piece(struct vm_stack *s, pte_t *p4);

/* Unmaps the stack and frees its frames; returns the pages freed. */
uint64_t vm_stack_clean_up(struct vm_stack *s, pte_t *p4);

/* Bytes mapped. */
uint64_t vm_stack_memory_usage(const struct vm_stack *s);

#endif
