/*
 * proc/vm/mmap.h - mmap, mprotect and munmap of a process (lab 0x08
 * extension, beyond the Rust labs; the calls in syscall/mman.h).
 *
 * The areas (proc/vm/mmap_area.h) say what may be where; pages get frames
 * only when touched. A not-present fault in an area whose protection allows
 * the access maps one page: a zeroed frame (anonymous), or a frame filled
 * with that page of the file through the block cache (file-backed; the
 * part past the end of the file reads as zeros, a page wholly past it is a
 * fault). Any other fault in the region kills the process as usual.
 *
 * The mappings belong to the address space: a process and the children it
 * forks (VFork shares the page table) see the same areas and the same
 * pages, MAP_PRIVATE or not. They hang off the family's heap object (made
 * on the first mmap, like its Allocate owner) and go with it: the last
 * process of the family to exit or be killed frees every mapped frame, the
 * page tables of the region and the files.
 *
 * ps counts the touched pages (vm_mmap_memory_usage); page-table pages are
 * not in it but are in the Memory line, like every other page table.
 */
#ifndef PROC_VM_MMAP_H
#define PROC_VM_MMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "memory/paging.h"
#include "proc/vm/mmap_area.h"

struct process_vm;
struct kfile;

struct vm_mmap {
    struct mmap_areas areas;
    uint64_t resident; /* pages with a frame */
};

/* mmap: the address, or a negative errno. file is fd's open file (NULL: none). */
int64_t vm_mmap(struct process_vm *vm, const struct mmap_request *r, struct kfile *file);

/* munmap and mprotect: 0, or a negative errno. */
int64_t vm_munmap(struct process_vm *vm, uint64_t addr, uint64_t len);
int64_t vm_mprotect(struct process_vm *vm, uint64_t addr, uint64_t len, uint64_t prot);

/*
 * A user page fault at addr (CPU error code): true when it was a first touch
 * of a mapped page the area allows and the page is now there.
 */
bool vm_mmap_fault(struct process_vm *vm, uint64_t addr, uint64_t error_code);

/*
 * Before a syscall uses a user buffer: maps the untouched pages of
 * [ptr, ptr + len) that the program itself could touch (write or read).
 */
void vm_mmap_prefault(struct process_vm *vm, uint64_t ptr, uint64_t len, bool write);

/* Bytes of touched mapped pages (ps). */
uint64_t vm_mmap_memory_usage(const struct process_vm *vm);

/* The family is gone: frees every page, the region's page tables, the files and m. */
void vm_mmap_clean_up(struct vm_mmap *m, pte_t *p4);

#endif
