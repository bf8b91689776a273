/*
 * proc/elf_load.h - putting a user program's ELF image into its page table
 * (Rust: elf::load_elf + ProcessVm::load_elf_code).
 *
 * The image is checked by pkg/elf first: an x86_64 executable whose
 * segments lie in [USER_IMAGE_LO, USER_IMAGE_HI) - the low user half, clear
 * of the brk heap, the stack slots and the Allocate region above it. Each
 * PT_LOAD segment gets fresh zeroed frames with its own rights (text R+X,
 * rodata R, data RW; never W+X unless the file asks), the file bytes are
 * copied in and the rest stays zero (bss). The page ranges are recorded so
 * that the pages can be counted (ps) and freed (exit).
 */
#ifndef PROC_ELF_LOAD_H
#define PROC_ELF_LOAD_H

#include <stdint.h>

#include "elf/elf.h"
#include "memory/paging.h"

#define USER_IMAGE_LO 0x1000ULL
#define USER_IMAGE_HI 0x200000000000ULL /* HEAP_START */
#define VM_CODE_MAX   16                /* PT_LOAD segments per program */

/* The pages of a loaded program image. */
struct vm_code {
    struct elf_page_range ranges[VM_CODE_MAX];
    unsigned count;
};

/*
 * Loads image[0..size) into p4 and records its pages in *code. Returns 0
 * and the entry point, or -1 with *why saying what is wrong with the file;
 * then nothing stays mapped (only page tables, freed with the P4).
 */
int elf_load_user(pte_t *p4, const void *image, uint64_t size, struct vm_code *code,
                  uint64_t *entry, const char **why);

/* Unmaps the recorded pages and frees their frames; returns the pages freed. */
uint64_t elf_unload_user(pte_t *p4, struct vm_code *code);

/* Pages recorded in code. */
uint64_t vm_code_pages(const struct vm_code *code);

#endif
