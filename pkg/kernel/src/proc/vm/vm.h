/*
 * proc/vm/vm.h - a process's memory (Rust: proc/vm/mod.rs, ProcessVm).
 *
 * Four parts: the page table (shared with forked children, counted), the
 * stack (the process's own), the brk heap (shared with forked children,
 * counted), and the program image's pages ("code"). Only the process that
 * loaded the image shows it in ps (code_usage), as in Rust; forked children
 * keep a copy of the page list so that whichever of the family exits last
 * can free it.
 *
 * From lab 0x08 on, mmap areas (proc/vm/mmap.h) hang off the heap object
 * and are shared and freed with it.
 *
 * Exit frees the stack at once; the last user of the page table also frees
 * the heap (and gives back the Allocate blocks the family still holds,
 * memory/user.h), the image, every emptied P1-P3 table of the user half and
 * the P4, so frames in use return exactly to what they were before the
 * program ran (lab 0x07).
 *
 * The kernel process has a VM too, for ps: the loader's kernel image pages
 * and the mapped part of the kernel stack (memory/kstack.c); it is never
 * freed.
 */
#ifndef PROC_VM_VM_H
#define PROC_VM_VM_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/bootinfo.h"
#include "proc/paging.h"
#include "proc/vm/stack.h"
#if YSOS_LAB >= 4
#include "proc/elf_load.h"
#include "proc/vm/heap.h"
#endif

struct process_vm {
    struct page_table_ctx *pt;
    struct vm_stack stack;
#if YSOS_LAB >= 4
    struct vm_heap *heap; /* NULL for the kernel */
    struct vm_code code;
#endif
    uint64_t code_usage;     /* bytes of the image shown by ps */
    uint64_t released_early; /* frames an exit gave back before vm_clean_up */
    bool kernel;
};

/* The kernel's: the boot page table, the loader's kernel pages. Returns -1 if out of memory. */
int vm_init_kernel(struct process_vm *vm, const struct boot_info *bi);

/*
 * For an exiting process (proc_exit): gives back one piece of a huge stack;
 * the frames freed, 0 when the rest can be freed at once by vm_clean_up.
 */
uint64_t vm_release_piece(struct process_vm *vm);

#if YSOS_LAB >= 4
/* An empty user VM: new page table (kernel half from `kernel`), empty heap. -1 if out of memory. */
int vm_init_user(struct process_vm *vm, const struct process_vm *kernel);

/*
 * Loads a program image and maps its first stack page. Returns 0 and the
 * entry point, or -1 with why it failed (the VM is then still clean-able).
 */
int vm_load_elf(struct process_vm *vm, const void *image, uint64_t size, uint64_t *entry,
                const char **why);

/* The child's VM after fork: shared table and heap, copied stack. -1 if no slot or memory. */
int vm_fork(struct process_vm *parent, struct process_vm *child);

/* The Brk syscall. */
uint64_t vm_brk(struct process_vm *vm, uint64_t addr);
#endif

/* A not-present user page fault at addr: true if the stack grew to cover it. */
bool vm_handle_page_fault(struct process_vm *vm, uint64_t addr);

/* Bytes shown by ps: image + stack + heap (+ touched mmap pages, lab 0x08). */
uint64_t vm_memory_usage(const struct process_vm *vm);

/*
 * Frees the VM as described at the top (not the kernel's). The page table
 * must not be the live one. Logs "Recycled N(x.xxx MiB) frames, M(y.yyy
 * MiB) frames in total." at debug level.
 */
void vm_clean_up(struct process_vm *vm);

#endif
