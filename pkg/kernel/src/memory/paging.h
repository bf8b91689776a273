/*
 * memory/paging.h - the kernel's page-table helpers: one set used by
 * everyone (kernel heap now, user stack/heap/ELF later). Thin wrappers that
 * run the portable walker of memory/page_table.c with the kernel's physical
 * memory map, frame allocator and invlpg.
 *
 * Tables are passed as the P4's virtual address (in the physical-memory map).
 * These helpers do not lock: callers serialise changes to one address space.
 */
#ifndef MEMORY_PAGING_H
#define MEMORY_PAGING_H

#include <stdbool.h>
#include <stdint.h>

#include "memory/page_table.h" /* pte_t, PTE_* */

/* The P4 currently in CR3. */
pte_t *page_table_root(void);

/* Fresh zeroed frames; all or nothing: on failure undoes what it did and returns -1. */
int map_range(pte_t *p4, uint64_t va, uint64_t npages, uint64_t flags);

/* Maps page i to pa + i * 4096; all or nothing. */
int map_range_to(pte_t *p4, uint64_t va, uint64_t pa, uint64_t npages, uint64_t flags);

/* Returns the pages actually unmapped; holes are skipped; invlpg when p4 is live. */
uint64_t unmap_range(pte_t *p4, uint64_t va, uint64_t npages, bool free_frames);

#if YSOS_LAB >= 8
/* New leaf flags for the present pages (mprotect); returns the pages changed. */
uint64_t protect_range(pte_t *p4, uint64_t va, uint64_t npages, uint64_t flags);
#endif

/* Physical address and effective flags of va (4 KiB, 2 MiB or 1 GiB pages). */
bool translate(pte_t *p4, uint64_t va, uint64_t *pa, uint64_t *flags);

/* Frees the P1..P3 tables inside [va_lo, va_hi) that map nothing; returns frames freed. */
uint64_t page_table_free_empty(pte_t *p4, uint64_t va_lo, uint64_t va_hi);

#endif
