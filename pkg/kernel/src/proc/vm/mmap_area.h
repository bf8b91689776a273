/*
 * proc/vm/mmap_area.h - the bookkeeping of an address space's mmap areas
 * (lab 0x08 extension; Linux: the VMA list). Portable: no page tables and
 * no files here, so tests/test_proc_mmap.c runs it on the host. The kernel
 * glue (proc/vm/mmap.c) maps and frees the pages.
 *
 * Where: every mapping lies in [MMAP_BASE, MMAP_END), 16 TiB of its own,
 * clear of the program image (0x111100000000), the brk heap and the stack
 * slots (0x200000000000 - 0x400000000000) and the shared Allocate region
 * (the P4 entry at 0x400000000000): see docs/userland.md "mmap".
 *
 * What: a sorted array of areas that never overlap. An area is a run of
 * whole pages with one protection, anonymous or backed by a file from an
 * offset. munmap and mprotect of part of an area split it; the array has a
 * fixed size, so every change first asks whether it has room and then
 * cannot fail half-way.
 */
#ifndef PROC_VM_MMAP_AREA_H
#define PROC_VM_MMAP_AREA_H

#include <stdbool.h>
#include <stdint.h>

#include "syscall/mman.h"

#define MMAP_BASE      0x500000000000ULL
#define MMAP_END       0x600000000000ULL
#define MMAP_PAGE      4096ULL
#define MMAP_AREAS_MAX 64
#define MMAP_PROT_ALL  (PROT_READ | PROT_WRITE | PROT_EXEC)

/* A mapped file, shared by the areas a split made of one mapping. */
struct mmap_file {
    unsigned refs; /* areas using it */
    void *handle;  /* the kernel's own open file (drivers/filesystem.h) */
    uint64_t size; /* bytes */
};

struct mmap_area {
    uint64_t start, end;    /* [start, end), page aligned */
    unsigned prot;          /* PROT_* */
    unsigned flags;         /* MAP_SHARED or MAP_PRIVATE, MAP_ANONYMOUS */
    struct mmap_file *file; /* NULL when anonymous */
    uint64_t offset;        /* offset in the file of start */
};

struct mmap_areas {
    unsigned count;
    struct mmap_area area[MMAP_AREAS_MAX];   /* sorted by start */
    void (*close_file)(struct mmap_file *f); /* the last area using f went */
};

/* The six arguments of mmap, as the program passed them. */
struct mmap_request {
    uint64_t addr, len, prot, flags, fd, offset;
};

void mmap_areas_init(struct mmap_areas *s, void (*close_file)(struct mmap_file *f));

/* The area holding addr, or NULL. */
struct mmap_area *mmap_area_find(struct mmap_areas *s, uint64_t addr);

/* len rounded up to whole pages; 0 when that overflows. */
uint64_t mmap_page_round_up(uint64_t len);

/*
 * The argument checks of mmap that need no state: 0, or -MMAP_EINVAL (zero
 * length, unaligned addr or offset, unknown prot or flag bits, not exactly
 * one of MAP_SHARED / MAP_PRIVATE) or -MMAP_ENOMEM (length or offset + length
 * overflowing, a MAP_FIXED range outside the mmap region).
 */
int mmap_check_request(const struct mmap_request *r);

/*
 * The same for munmap and mprotect's (addr, len): 0, -MMAP_EINVAL (unaligned
 * addr, unknown prot bits) or the error of a range outside the region
 * (-MMAP_EINVAL for munmap, -MMAP_ENOMEM for mprotect, as Linux). A zero
 * len is fine for mprotect, refused by munmap, as on Linux.
 */
int mmap_check_unmap(uint64_t addr, uint64_t len);
int mmap_check_protect(uint64_t addr, uint64_t len, uint64_t prot);

/* Where a new mapping of len bytes goes: hint if it is free, else the lowest gap; 0 if none. */
uint64_t mmap_areas_place(const struct mmap_areas *s, uint64_t hint, uint64_t len);

/* True when every page of [start, end) lies in some area. */
bool mmap_areas_cover(const struct mmap_areas *s, uint64_t start, uint64_t end);

/*
 * True when the array has room for the areas splitting at start and end
 * would add, plus `extra` new ones (an insert). Call before the changes below.
 */
bool mmap_areas_room(const struct mmap_areas *s, uint64_t start, uint64_t end, unsigned extra);

/* Adds an area over a free range (one more reference to its file). Needs room. */
void mmap_areas_insert(struct mmap_areas *s, const struct mmap_area *a);

/* Forgets [start, end): areas inside go, areas across an end are cut. Needs room. */
void mmap_areas_remove(struct mmap_areas *s, uint64_t start, uint64_t end);

/* Gives every page of [start, end) (all covered) the protection prot. Needs room. */
void mmap_areas_protect(struct mmap_areas *s, uint64_t start, uint64_t end, unsigned prot);

#endif
