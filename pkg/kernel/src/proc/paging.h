/*
 * proc/paging.h - a process's page table (Rust: proc/paging.rs,
 * PageTableContext).
 *
 * A spawned program gets a new P4: the kernel half (entries 256-511) is
 * copied from the kernel's, so the kernel is mapped at the same place in
 * every address space, and so is the shared Allocate region
 * (memory/user.h); the rest of the user half starts empty. A forked child
 * shares its parent's table: the context counts its users, and the last one
 * to exit frees it (after the VM has unmapped its pages).
 */
#ifndef PROC_PAGING_H
#define PROC_PAGING_H

#include <stdint.h>

#include "memory/paging.h"

struct page_table_ctx {
    uint64_t p4;   /* physical address of the P4 table */
    unsigned refs; /* processes using it */
};

/* Wraps the table in CR3 now (the loader's, the kernel process's). NULL if out of memory. */
struct page_table_ctx *page_table_ctx_current(void);

#if YSOS_LAB >= 4
/* A new table sharing the kernel half of `kernel`'s. NULL if out of memory. */
struct page_table_ctx *page_table_ctx_new(const struct page_table_ctx *kernel);
#endif

/* One more user (fork); returns ctx. */
struct page_table_ctx *page_table_ctx_fork(struct page_table_ctx *ctx);

/* How many processes use the table (Rust's using_count). */
unsigned page_table_ctx_using_count(const struct page_table_ctx *ctx);

/* The P4 as a pointer for memory/paging.h. */
pte_t *page_table_ctx_p4(const struct page_table_ctx *ctx);

/* Makes it the CPU's table (CR3), unless it already is. */
void page_table_ctx_load(const struct page_table_ctx *ctx);

/*
 * One user fewer. The last one frees the empty P1-P3 tables of the user
 * half and the P4 itself (the pages must be unmapped by then) and returns
 * the number of frames that freed; 0 otherwise. ctx must not be live (CR3).
 */
uint64_t page_table_ctx_release(struct page_table_ctx *ctx);

#endif
