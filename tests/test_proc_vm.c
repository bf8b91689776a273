/*
 * test_proc_vm.c - host tests of the process memory pieces: the user stack
 * (proc/vm/stack.c), the brk heap (proc/vm/heap.c) and the user pointer
 * checks (proc/user_access.c).
 *
 * They run on the real page-table walker (memory/page_table.c) over fake
 * physical memory: a malloc'd arena of frames, reached through
 * physical_memory_offset exactly as the kernel reaches RAM, with a frame
 * allocator that counts live frames and can be told to run dry.
 */
#include "memory/address.h"
#include "memory/paging.h"
#include "proc/user_access.h"
#include "proc/vm/heap.h"
#include "proc/vm/stack.h"
#include "test.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAKE_FRAMES 8192
#define FAKE_BASE   0x100000ULL

uint64_t physical_memory_offset;

#include "fake_frames.h"

static void *fake_to_virt(uint64_t pa)
{
    if (pa < FAKE_BASE || pa >= FAKE_BASE + FAKE_FRAMES * PAGE_SIZE)
        abort();
    return phys_to_virt(pa);
}

static const struct pt_ops ops = {fake_to_virt, fake_alloc, fake_free, 0};

/* memory/paging.h on top of the fake memory. */
pte_t *page_table_root(void)
{
    return 0;
}

int map_range(pte_t *p4, uint64_t va, uint64_t npages, uint64_t flags)
{
    return pt_map_range(&ops, p4, va, npages, flags);
}

int map_range_to(pte_t *p4, uint64_t va, uint64_t pa, uint64_t npages, uint64_t flags)
{
    return pt_map_range_to(&ops, p4, va, pa, npages, flags);
}

uint64_t unmap_range(pte_t *p4, uint64_t va, uint64_t npages, bool free_frames)
{
    return pt_unmap_range(&ops, p4, va, npages, free_frames);
}

bool translate(pte_t *p4, uint64_t va, uint64_t *pa, uint64_t *flags)
{
    return pt_translate(&ops, p4, va, pa, flags);
}

uint64_t page_table_free_empty(pte_t *p4, uint64_t va_lo, uint64_t va_hi)
{
    return pt_free_empty(&ops, p4, va_lo, va_hi);
}

/* Fresh fake memory and an empty P4 (which is one live frame). */
static pte_t *new_space(void)
{
    if (!arena) {
        arena = aligned_alloc(PAGE_SIZE, FAKE_FRAMES * PAGE_SIZE);
        physical_memory_offset = (uint64_t)(uintptr_t)arena - FAKE_BASE;
    }
    memset(frame_used, 0, sizeof(frame_used));
    live_frames = bad_frees = 0;
    alloc_budget = -1;
    return phys_to_virt(fake_alloc());
}

/* Frames still live besides the P4 and the page tables under it, after freeing empty tables. */
static int leftover_frames(pte_t *p4)
{
    page_table_free_empty(p4, 0, USER_SPACE_END);
    return live_frames - 1;
}

/* The byte at user address va, read through the fake physical memory. */
static uint8_t *user_byte(pte_t *p4, uint64_t va)
{
    uint64_t pa;
    if (!translate(p4, va, &pa, 0))
        return 0;
    return phys_to_virt(pa);
}

static bool mapped(pte_t *p4, uint64_t va)
{
    return translate(p4, va, 0, 0);
}

/* ---- stack ---- */

TEST(stack_starts_with_one_page_below_stack_max)
{
    pte_t *p4 = new_space();
    struct vm_stack s;
    uint64_t flags = 0;

    CHECK_EQ(vm_stack_init(&s, p4), 0);
    CHECK_EQ(s.bottom, 0x3FFFFFFFF000ULL);
    CHECK_EQ(vm_stack_memory_usage(&s), PAGE_SIZE);
    CHECK(translate(p4, STACK_INIT_TOP, 0, &flags));
    CHECK((flags & (PTE_USER | PTE_WRITABLE | PTE_NX)) == (PTE_USER | PTE_WRITABLE | PTE_NX));
    CHECK(!mapped(p4, s.bottom - 1));
}

TEST(stack_grows_inside_its_slot_only)
{
    pte_t *p4 = new_space();
    struct vm_stack s;

    vm_stack_init(&s, p4);
    /* Three pages down: everything in between gets mapped too. */
    CHECK(vm_stack_grow(&s, p4, STACK_MAX - 3 * PAGE_SIZE - 8));
    CHECK_EQ(s.pages, 4);
    CHECK(mapped(p4, STACK_MAX - 2 * PAGE_SIZE));
    CHECK(mapped(p4, STACK_MAX - 4 * PAGE_SIZE));
    /* Already mapped, above the stack, or below the slot: not ours. */
    CHECK(!vm_stack_grow(&s, p4, STACK_MAX - 8));
    CHECK(!vm_stack_grow(&s, p4, STACK_MAX + 8));
    CHECK(!vm_stack_grow(&s, p4, STACK_MAX - STACK_MAX_SIZE - 16));
    CHECK_EQ(s.pages, 4);
}

TEST(stack_never_grows_into_the_slot_below)
{
    pte_t *p4 = new_space();
    uint64_t slot = STACK_MAX - STACK_MAX_SIZE;
    /* A stack that has grown to two pages above the bottom of its slot. */
    struct vm_stack s = {.bottom = slot + 2 * PAGE_SIZE, .pages = 2};

    map_range(p4, s.bottom, 2, PTE_USER | PTE_WRITABLE);
    CHECK(!vm_stack_grow(&s, p4, slot - 8)); /* three pages away, but in the next slot */
    CHECK(!mapped(p4, slot - 8));
    CHECK(vm_stack_grow(&s, p4, slot)); /* the slot's last page is still its own */
    CHECK_EQ(s.pages, 4);
}

TEST(stack_grow_out_of_memory_changes_nothing)
{
    pte_t *p4 = new_space();
    struct vm_stack s;

    vm_stack_init(&s, p4);
    int before = live_frames;
    alloc_budget = 2;
    CHECK(!vm_stack_grow(&s, p4, STACK_MAX - 64 * PAGE_SIZE));
    CHECK_EQ(s.pages, 1);
    CHECK_EQ(live_frames, before);
}

/* A fault far below grows the stack a piece per fault until its page is in. */
TEST(stack_grows_a_piece_per_fault)
{
    pte_t *p4 = new_space();
    struct vm_stack s;
    uint64_t addr = STACK_MAX - 2500 * PAGE_SIZE - 8; /* 2500 pages below the top */
    int faults = 0;

    vm_stack_init(&s, p4);
    while (vm_stack_grow(&s, p4, addr))
        faults++;
    CHECK_EQ(faults,
             (2500 + STACK_PIECE_PAGES - 1) / STACK_PIECE_PAGES); /* pieces, then the rest */
    CHECK_EQ(s.pages, 2501);
    CHECK_EQ(s.bottom, page_round_down(addr));
    CHECK(mapped(p4, addr));
    CHECK(mapped(p4, STACK_MAX - 1500 * PAGE_SIZE));
}

/* An exit gives a big stack back a piece at a time, the rest at once. */
TEST(stack_released_in_pieces)
{
    pte_t *p4 = new_space();
    struct vm_stack s;
    uint64_t addr = STACK_MAX - 2500 * PAGE_SIZE - 8;

    vm_stack_init(&s, p4);
    while (vm_stack_grow(&s, p4, addr))
        ;
    uint64_t freed = 0, piece;
    while ((piece = vm_stack_release_piece(&s, p4)) > 0) {
        CHECK_EQ(piece, STACK_PIECE_PAGES);
        freed += piece;
    }
    CHECK(s.pages <= STACK_PIECE_PAGES); /* the rest goes in one go */
    CHECK_EQ(freed + s.pages, 2501);
    CHECK(!mapped(p4, addr));
    CHECK(mapped(p4, s.bottom));
    CHECK_EQ(vm_stack_clean_up(&s, p4), 2501 - freed);
    CHECK(!mapped(p4, STACK_INIT_BOT));
}

TEST(stack_fork_copies_into_next_free_slot)
{
    pte_t *p4 = new_space();
    struct vm_stack parent, child, grandchild;

    vm_stack_init(&parent, p4);
    vm_stack_grow(&parent, p4, STACK_MAX - 2 * PAGE_SIZE);
    *user_byte(p4, STACK_MAX - 8) = 0x42;
    *user_byte(p4, STACK_MAX - 2 * PAGE_SIZE) = 0x24;

    CHECK_EQ(vm_stack_fork(&parent, p4, &child), 0);
    CHECK_EQ(child.bottom, parent.bottom - STACK_MAX_SIZE);
    CHECK_EQ(child.pages, 2);
    CHECK_EQ(vm_stack_offset(&child, &parent), STACK_MAX_SIZE);
    CHECK_EQ(*user_byte(p4, STACK_MAX - STACK_MAX_SIZE - 8), 0x42);
    CHECK_EQ(*user_byte(p4, STACK_MAX - STACK_MAX_SIZE - 2 * PAGE_SIZE), 0x24);
    /* The copy is a copy: writing the child's does not touch the parent's. */
    *user_byte(p4, STACK_MAX - STACK_MAX_SIZE - 8) = 0x99;
    CHECK_EQ(*user_byte(p4, STACK_MAX - 8), 0x42);

    /* The parent's next child skips the taken slot. */
    CHECK_EQ(vm_stack_fork(&parent, p4, &grandchild), 0);
    CHECK_EQ(grandchild.bottom, parent.bottom - 2 * STACK_MAX_SIZE);
    /* A freed slot is reused. */
    vm_stack_clean_up(&child, p4);
    CHECK_EQ(vm_stack_fork(&parent, p4, &child), 0);
    CHECK_EQ(child.bottom, parent.bottom - STACK_MAX_SIZE);
}

TEST(stack_fork_out_of_memory)
{
    pte_t *p4 = new_space();
    struct vm_stack parent, child;

    vm_stack_init(&parent, p4);
    vm_stack_grow(&parent, p4, STACK_MAX - 8 * PAGE_SIZE);
    int before = live_frames;
    alloc_budget = 3;
    CHECK_EQ(vm_stack_fork(&parent, p4, &child), -1);
    CHECK_EQ(live_frames, before);
}

TEST(stack_clean_up_frees_everything)
{
    pte_t *p4 = new_space();
    struct vm_stack s;

    vm_stack_init(&s, p4);
    vm_stack_grow(&s, p4, STACK_MAX - 100 * PAGE_SIZE);
    CHECK_EQ(vm_stack_clean_up(&s, p4), 100);
    CHECK_EQ(vm_stack_memory_usage(&s), 0);
    CHECK_EQ(leftover_frames(p4), 0);
    CHECK_EQ(bad_frees, 0);
}

/* ---- heap ---- */

TEST(heap_query_grow_shrink)
{
    pte_t *p4 = new_space();
    struct vm_heap h;

    vm_heap_init(&h);
    CHECK_EQ(vm_heap_brk(&h, p4, 0), HEAP_START);
    CHECK_EQ(vm_heap_brk(&h, p4, HEAP_START + 0x2000), HEAP_START + 0x2000);
    CHECK(mapped(p4, HEAP_START));
    CHECK(mapped(p4, HEAP_START + 0x1FFF));
    CHECK(!mapped(p4, HEAP_START + 0x2000));
    CHECK_EQ(vm_heap_memory_usage(&h), 0x2000);

    /* The break may sit mid-page: that page stays mapped (brk_test's 0x...800). */
    CHECK_EQ(vm_heap_brk(&h, p4, HEAP_START + 0x800), HEAP_START + 0x800);
    CHECK(mapped(p4, HEAP_START));
    CHECK(!mapped(p4, HEAP_START + 0x1000));
    CHECK_EQ(vm_heap_brk(&h, p4, 0), HEAP_START + 0x800);

    /* Back to the base frees everything. */
    CHECK_EQ(vm_heap_brk(&h, p4, HEAP_START), HEAP_START);
    CHECK(!mapped(p4, HEAP_START));
    CHECK_EQ(leftover_frames(p4), 0);
}

TEST(heap_new_pages_are_zero)
{
    pte_t *p4 = new_space();
    struct vm_heap h;

    vm_heap_init(&h);
    vm_heap_brk(&h, p4, HEAP_START + 0x1000);
    *user_byte(p4, HEAP_START + 0x10) = 7;
    vm_heap_brk(&h, p4, HEAP_START);
    vm_heap_brk(&h, p4, HEAP_START + 0x1000);
    CHECK_EQ(*user_byte(p4, HEAP_START + 0x10), 0);
}

TEST(heap_out_of_range_changes_nothing)
{
    pte_t *p4 = new_space();
    struct vm_heap h;

    vm_heap_init(&h);
    vm_heap_brk(&h, p4, HEAP_START + 0x1000);
    CHECK_EQ(vm_heap_brk(&h, p4, HEAP_START - 8), HEAP_BRK_FAILED);
    CHECK_EQ(vm_heap_brk(&h, p4, HEAP_END + 1), HEAP_BRK_FAILED);
    CHECK_EQ(vm_heap_brk(&h, p4, 0), HEAP_START + 0x1000);
    CHECK(mapped(p4, HEAP_START));
}

TEST(heap_top_edge)
{
    pte_t *p4 = new_space();
    struct vm_heap h;

    /* Pretend the heap is full (its 1 Mi pages are not really mapped). */
    vm_heap_init(&h);
    h.end = HEAP_END - 8;
    CHECK_EQ(vm_heap_brk(&h, p4, HEAP_END), HEAP_END); /* the very end is allowed */
    CHECK_EQ(vm_heap_brk(&h, p4, HEAP_END + 8), HEAP_BRK_FAILED);
    CHECK(!mapped(p4, HEAP_START + HEAP_SIZE));
    CHECK_EQ(vm_heap_brk(&h, p4, 0), HEAP_END);
}

TEST(heap_out_of_memory_rolls_back)
{
    pte_t *p4 = new_space();
    struct vm_heap h;

    vm_heap_init(&h);
    vm_heap_brk(&h, p4, HEAP_START + 0x3000);
    int before = live_frames;
    alloc_budget = 5;
    CHECK_EQ(vm_heap_brk(&h, p4, HEAP_START + 0x40000), HEAP_BRK_FAILED);
    CHECK_EQ(live_frames, before);
    CHECK(!mapped(p4, HEAP_START + 0x3000));
    CHECK_EQ(vm_heap_brk(&h, p4, 0), HEAP_START + 0x3000);
}

TEST(heap_clean_up)
{
    pte_t *p4 = new_space();
    struct vm_heap h;

    vm_heap_init(&h);
    vm_heap_brk(&h, p4, HEAP_START + 0x5001);
    CHECK_EQ(vm_heap_clean_up(&h, p4), 6);
    CHECK_EQ(vm_heap_memory_usage(&h), 0);
    CHECK_EQ(leftover_frames(p4), 0);
    CHECK_EQ(bad_frees, 0);
}

/* ---- user pointers ---- */

TEST(user_range_checks)
{
    pte_t *p4 = new_space();
    uint64_t ro = 0x111100000000ULL, rw = 0x111100001000ULL, kernel_only = 0x111100002000ULL;

    map_range(p4, ro, 1, PTE_USER);
    map_range(p4, rw, 1, PTE_USER | PTE_WRITABLE);
    map_range(p4, kernel_only, 1, PTE_WRITABLE);

    CHECK(user_range_ok(p4, ro, 4096, false));
    CHECK(!user_range_ok(p4, ro, 4096, true)); /* read-only */
    CHECK(user_range_ok(p4, ro + 100, 5000, false));
    CHECK(user_range_ok(p4, rw, 4096, true));
    CHECK(!user_range_ok(p4, rw + 4000, 200, false)); /* runs into a kernel-only page */
    CHECK(!user_range_ok(p4, kernel_only, 1, false));
    CHECK(!user_range_ok(p4, 0, 8, false));           /* NULL page */
    CHECK(user_range_ok(p4, 0x10, 0, false));         /* empty range: nothing to touch */
    CHECK(!user_range_ok(p4, ro, UINT64_MAX, false)); /* wraps around */
    CHECK(!user_range_ok(p4, USER_SPACE_END - 4, 8, false));
    CHECK(!user_range_ok(p4, 0xFFFF800000000000ULL, 8, false));
}

TEST(user_copy_crosses_pages)
{
    pte_t *p4 = new_space();
    uint64_t va = 0x111100000000ULL;
    char buf[16];

    map_range(p4, va, 2, PTE_USER);
    memcpy(user_byte(p4, va + 4090), "/APP/H", 6);
    memcpy(user_byte(p4, va + 4096), "ELLO", 4);
    CHECK_EQ(user_copy_string(p4, buf, sizeof(buf), va + 4090, 10), 0);
    CHECK(strcmp(buf, "/APP/HELLO") == 0);
    CHECK_EQ(user_copy_string(p4, buf, 10, va + 4090, 10), -1);         /* no room for the NUL */
    CHECK_EQ(user_copy_string(p4, buf, sizeof(buf), va + 8190, 4), -1); /* runs off the mapping */
    *user_byte(p4, va + 4092) = 0;
    CHECK_EQ(user_copy_string(p4, buf, sizeof(buf), va + 4090, 10), -1); /* embedded NUL */
}

int main(void)
{
    RUN(stack_starts_with_one_page_below_stack_max);
    RUN(stack_grows_inside_its_slot_only);
    RUN(stack_never_grows_into_the_slot_below);
    RUN(stack_grow_out_of_memory_changes_nothing);
    RUN(stack_grows_a_piece_per_fault);
    RUN(stack_released_in_pieces);
    RUN(stack_fork_copies_into_next_free_slot);
    RUN(stack_fork_out_of_memory);
    RUN(stack_clean_up_frees_everything);
    RUN(heap_query_grow_shrink);
    RUN(heap_new_pages_are_zero);
    RUN(heap_out_of_range_changes_nothing);
    RUN(heap_top_edge);
    RUN(heap_out_of_memory_rolls_back);
    RUN(heap_clean_up);
    RUN(user_range_checks);
    RUN(user_copy_crosses_pages);
    return test_summary();
}
