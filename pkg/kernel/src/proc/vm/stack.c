/*
 * proc/vm/stack.c - user stacks: first page, growth on fault, fork copies
 * (see stack.h).
 */
#include "proc/vm/stack.h"

#include "memory/address.h"
#include "utils/string.h"
#include "utils/todo.h"

#define STACK_FLAGS (PTE_PRESENT | PTE_WRITABLE | PTE_USER | PTE_NX)

static uint64_t slot_of(uint64_t addr)
{
    return addr & STACK_START_MASK;
}

int vm_stack_init(struct vm_stack *s, pte_t *p4)
{
    if (map_range(p4, STACK_INIT_BOT, STACK_DEF_PAGES, STACK_FLAGS) != 0)
        return -1;
    *s = (struct vm_stack){.bottom = STACK_INIT_BOT, .pages = STACK_DEF_PAGES};
    return 0;
}

bool vm_stack_grow(struct vm_stack *s, pte_t *p4, uint64_t addr)
{
    if (s->pages == 0 || slot_of(addr) != slot_of(s->bottom) || addr >= s->bottom)
        return false;
    uint64_t count = (s->bottom - page_round_down(addr)) / PAGE_SIZE;
    if (count > STACK_PIECE_PAGES)
        count = STACK_PIECE_PAGES;
    uint64_t start = s->bottom - count * PAGE_SIZE;
    if (map_range(p4, start, count, STACK_FLAGS) != 0)
        return false;
    s->bottom = start;
    s->pages += count;
    return true;
}

#if YSOS_LAB >= 5
#if YSOS_SOLVED >= 5
/* A slot is taken when its top page is mapped: every stack starts there. */
static bool slot_is_free(pte_t *p4, uint64_t slot)
{
    return !translate(p4, slot + STACK_MAX_SIZE - PAGE_SIZE, 0, 0);
}

/* Copies `pages` pages from src to dst (both mapped in p4) through the physical-memory map. */
static void copy_pages(pte_t *p4, uint64_t dst, uint64_t src, uint64_t pages)
{
    for (uint64_t i = 0; i < pages; i++) {
        uint64_t from, to;
        translate(p4, src + i * PAGE_SIZE, &from, 0);
        translate(p4, dst + i * PAGE_SIZE, &to, 0);
        memcpy(phys_to_virt(to), phys_to_virt(from), PAGE_SIZE);
    }
}

int vm_stack_fork(const struct vm_stack *parent, pte_t *p4, struct vm_stack *child)
{
    uint64_t parent_slot = slot_of(parent->bottom);
    uint64_t offset_in_slot = parent->bottom - parent_slot;

    for (uint64_t slot = parent_slot - STACK_MAX_SIZE; slot >= STACK_LOWEST_SLOT;
         slot -= STACK_MAX_SIZE) {
        if (!slot_is_free(p4, slot))
            continue;
        uint64_t bottom = slot + offset_in_slot;
        if (map_range(p4, bottom, parent->pages, STACK_FLAGS) != 0)
            return -1; /* out of memory: a lower slot would not help */
        copy_pages(p4, bottom, parent->bottom, parent->pages);
        *child = (struct vm_stack){.bottom = bottom, .pages = parent->pages};
        return 0;
    }
    return -1;
}
#else
int vm_stack_fork(const struct vm_stack *parent, pte_t *p4, struct vm_stack *child)
{
    /* TODO(lab 0x05): the child's stack: find a free stack slot below the
     * parent's (a slot is free while its top page is unmapped), map as many
     * pages as the parent's stack has at the same offset in it, copy the
     * *entire* parent stack there (through the physical-memory map) and
     * describe it in *child. 0, or -1 when there is no slot or memory.
     * Guide: 0x05 tasks.md "进程管理"; Rust: crates/kernel/src/proc/vm/stack.rs fork() */
    LAB_TODO(5, "vm_stack_fork");
    (void)parent;
    (void)p4;
    (void)child;
    return -1;
}
#endif

uint64_t vm_stack_offset(const struct vm_stack *child, const struct vm_stack *parent)
{
    return parent->bottom - child->bottom;
}
#endif

uint64_t vm_stack_release_piece(struct vm_stack *s, pte_t *p4)
{
    if (s->pages <= STACK_PIECE_PAGES)
        return 0;
    uint64_t freed = unmap_range(p4, s->bottom, STACK_PIECE_PAGES, true);
    s->bottom += STACK_PIECE_PAGES * PAGE_SIZE;
    s->pages -= STACK_PIECE_PAGES;
    return freed;
}

uint64_t vm_stack_clean_up(struct vm_stack *s, pte_t *p4)
{
#if YSOS_SOLVED >= 7
    uint64_t freed = unmap_range(p4, s->bottom, s->pages, true);
    s->pages = 0;
    return freed;
#else
    /* TODO(lab 0x07): unmap the stack pages (freeing their frames) and set
     * the usage to 0. Guide: 0x07 tasks.md "内存释放的实现"; Rust:
     * crates/kernel/src/proc/vm/stack.rs Stack::clean_up */
    (void)s, (void)p4;
    LAB_TODO(7, "vm_stack_clean_up");
    return 0;
#endif
}

uint64_t vm_stack_memory_usage(const struct vm_stack *s)
{
    return s->pages * PAGE_SIZE;
}
