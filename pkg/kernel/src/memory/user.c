/*
 * memory/user.c - the kernel-managed user heap (see user.h).
 *
 * Mapped once at boot, never unmapped: like the Rust kernel's, its frames
 * are part of the baseline "Memory" figure of ps, so running a program that
 * uses it does not change that figure afterwards.
 *
 * An owner is a struct user_alloc_owner with its bitmap (8 KiB for the
 * 1 MiB region) from the kernel heap, made on an address space's first
 * Allocate: programs that never call Allocate (the default brk malloc)
 * cost nothing.
 */
#include "memory/user.h"

#include "memory/address.h"
#include "memory/allocator.h"
#include "memory/paging.h"
#include "memory/size.h"
#include "memory/user_alloc.h"
#include "utils/logger.h"
#include "utils/panic.h"
#include "utils/string.h"
#include "utils/todo.h"

#define OWNER_WORDS UALLOC_WORDS(USER_HEAP_SIZE)

static uint64_t bitmap[OWNER_WORDS];
static struct user_alloc heap;
static user_heap_owner_fn current_owner;

#if YSOS_SOLVED >= 4
void user_heap_init(void)
{
    char num[16];
    const char *unit;

    if (map_range(page_table_root(), USER_HEAP_START, USER_HEAP_SIZE / PAGE_SIZE,
                  PTE_PRESENT | PTE_WRITABLE | PTE_USER | PTE_NX) != 0)
        panic("cannot map the user heap");
    user_alloc_init(&heap, USER_HEAP_START, USER_HEAP_SIZE, bitmap);
    log_debug("User Heap        : 0x%016llx-0x%016llx", USER_HEAP_START,
              USER_HEAP_START + USER_HEAP_SIZE);
    unit = size_scale(USER_HEAP_SIZE, 3, num, sizeof(num));
    log_info("User Heap Size   : %7s %s", num, unit);
    log_info("User Heap Initialized.");
}
#else
void user_heap_init(void)
{
    /* TODO(lab 0x04): map the user heap, USER_HEAP_SIZE bytes at
     * USER_HEAP_START, into the kernel page table (which every process's copies)
     * with map_range(): present, writable, user-accessible, no-execute; then
     * hand the region to the allocator (user_alloc_init() with `bitmap`).
     * Until then Allocate returns 0. Guide: 0x04 tasks.md "动态内存分配";
     * Rust: crates/kernel/src/memory/user.rs init_user_heap() */
    (void)bitmap;
    LAB_TODO(4, "user_heap_init");
}
#endif

void user_heap_set_owner_fn(user_heap_owner_fn fn)
{
    current_owner = fn;
}

/* The running process's owner; made first if `make`. NULL if none (or out of memory). */
static struct user_alloc_owner *owner_now(bool make)
{
    struct user_alloc_owner **slot = current_owner != NULL ? current_owner() : NULL;

    if (slot == NULL)
        return NULL;
    if (*slot == NULL && make) {
        struct user_alloc_owner *o = kzalloc(sizeof(*o) + OWNER_WORDS * sizeof(uint64_t));
        if (o != NULL)
            o->bits = (uint64_t *)(o + 1);
        *slot = o;
    }
    return *slot;
}

uint64_t user_heap_allocate(uint64_t size, uint64_t align)
{
    struct user_alloc_owner *o = owner_now(true);
    uint64_t addr = o != NULL ? user_alloc(&heap, o, size, align) : 0;

    /* The region is mapped in every address space: write it where it is. */
    if (addr != 0)
        memset((void *)addr, 0, (size + UALLOC_UNIT - 1) / UALLOC_UNIT * UALLOC_UNIT);
    return addr;
}

bool user_heap_deallocate(uint64_t addr, uint64_t size, uint64_t align)
{
    struct user_alloc_owner *o = owner_now(false);

    return o != NULL && user_free(&heap, o, addr, size, align);
}

void user_heap_release(struct user_alloc_owner *owner)
{
    if (owner == NULL)
        return;
    user_free_owner(&heap, owner);
    kfree(owner);
}
