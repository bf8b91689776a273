/*
 * memory/user.c - the kernel-managed user heap (see user.h).
 *
 * Mapped once at boot, never unmapped: like the Rust kernel's, its frames
 * are part of the baseline "Memory" figure of ps, so running a program that
 * uses it does not change that figure afterwards.
 */
#include "memory/user.h"

#include "memory/address.h"
#include "memory/paging.h"
#include "memory/size.h"
#include "memory/user_alloc.h"
#include "utils/logger.h"
#include "utils/panic.h"

static uint64_t bitmap[UALLOC_WORDS(USER_HEAP_SIZE)];
static struct user_alloc heap;

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

uint64_t user_heap_allocate(uint64_t size, uint64_t align)
{
    return user_alloc(&heap, size, align);
}

bool user_heap_deallocate(uint64_t addr, uint64_t size, uint64_t align)
{
    return user_free(&heap, addr, size, align);
}
