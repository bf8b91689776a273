/*
 * proc/user_access.h - checking what user space hands the kernel.
 *
 * A syscall argument that is an address is only trusted after these checks
 * (SPEC section 5): the range lies in the user half (below
 * USER_SPACE_END, and ptr + len does not wrap around), and every page of it
 * is mapped with PTE_USER, and writable when the kernel is going to write
 * there. A range that fails gets the syscall's error result instead of a
 * kernel page fault.
 *
 * The checks walk the process's page table with memory/paging.h's
 * translate(); syscalls run with interrupts off on one CPU, so nothing can
 * unmap the range between the check and the use.
 *
 * Portable over memory/paging.h: tests/test_proc_vm.c runs it on a fake
 * page table.
 */
#ifndef PROC_USER_ACCESS_H
#define PROC_USER_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memory/paging.h"

#define USER_SPACE_END 0x0000800000000000ULL /* first non-canonical address */

/* True when [ptr, ptr + len) may be read (or written, when `write`) by the user of p4. */
bool user_range_ok(pte_t *p4, uint64_t ptr, uint64_t len, bool write);

/*
 * Copies len bytes of user memory at ptr into dst, after checking them
 * (through the physical-memory map, so p4 need not be the live table).
 * Returns 0, or -1 (dst untouched) when the range is bad.
 */
int user_copy_in(pte_t *p4, void *dst, uint64_t ptr, uint64_t len);

/*
 * A path or name argument: len bytes at ptr, copied and NUL-terminated into
 * out[cap]. -1 when the range is bad, len >= cap, or the text holds a NUL.
 */
int user_copy_string(pte_t *p4, char *out, size_t cap, uint64_t ptr, uint64_t len);

#endif
