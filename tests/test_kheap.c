/*
 * test_kheap.c - host tests of the kernel heap core (memory/heap_core.c).
 *
 * The heap region is an mmap'd PROT_NONE area; the grow callback makes the
 * requested pages readable/writable, so any touch past the grown part
 * crashes the test just as an unmapped page would fault in the kernel.
 */
#include "memory/heap_core.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define REGION (8u << 20)
#define PG     4096u

static uint8_t *region;
static struct heap h;
static int grow_calls;
static int grow_fail; /* make the next growth fail */

static int grow_region(void *ctx, uintptr_t at, size_t bytes)
{
    CHECK(ctx == &h);
    CHECK_EQ(at, h.end); /* always at the top */
    CHECK_EQ(bytes % PG, 0);
    if (grow_fail)
        return -1;
    grow_calls++;
    return mprotect((void *)at, bytes, PROT_READ | PROT_WRITE);
}

/* A fresh heap of `initial` bytes able to grow to `max` bytes. */
static void setup(size_t initial, size_t max)
{
    if (region)
        munmap(region, REGION);
    region = mmap(0, REGION, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    grow_calls = grow_fail = 0;
    CHECK_EQ(heap_init(&h, (uintptr_t)region, initial, max, PG, grow_region, &h), 0);
}

/*
 * Walks every block from start to end and checks the heap's invariants:
 * sizes tile the region, magics are valid, the free list is exactly the
 * free blocks in address order, no two free blocks touch, used_bytes adds up.
 */
static int heap_consistent(void)
{
    uintptr_t at = h.start;
    struct heap_free *expect = h.free_list;
    size_t used = 0;
    int prev_free = 0;

    while (at < h.end) {
        struct heap_free *b = (struct heap_free *)at;
        if (b->hdr.size < 32 || b->hdr.size % 16 || b->hdr.size > h.end - at)
            return 0;
        int is_free = b->hdr.magic == HEAP_MAGIC_FREE;
        if (!is_free && b->hdr.magic != HEAP_MAGIC_USED)
            return 0;
        if (is_free) {
            if (b != expect || prev_free)
                return 0;
            expect = b->next;
        } else {
            used += b->hdr.size;
        }
        prev_free = is_free;
        at += b->hdr.size;
    }
    return at == h.end && expect == 0 && used == h.used_bytes;
}

struct live {
    uint8_t *p;
    size_t size;
    uint8_t seed;
};

static void fill(struct live *l)
{
    for (size_t i = 0; i < l->size; i++)
        l->p[i] = (uint8_t)(l->seed + i * 7);
}

static int intact(const struct live *l)
{
    for (size_t i = 0; i < l->size; i++)
        if (l->p[i] != (uint8_t)(l->seed + i * 7))
            return 0;
    return 1;
}

static int overlaps(const struct live *a, const struct live *b)
{
    return a->p < b->p + b->size && b->p < a->p + a->size;
}

static size_t random_size(void)
{
    int r = rand() % 100;
    if (r < 70)
        return (size_t)(rand() % 128);
    if (r < 95)
        return (size_t)(rand() % 4096);
    return (size_t)(rand() % 65536);
}

TEST(random_alloc_free_keeps_blocks_apart_and_intact)
{
    enum { MAX_LIVE = 400 };
    static struct live live[MAX_LIVE];
    int nlive = 0, corrupt = 0, overlap = 0, misaligned = 0, inconsistent = 0;
    setup(16 * 1024, REGION);
    srand(1234);

    for (int step = 0; step < 30000; step++) {
        if (nlive == MAX_LIVE || (nlive > 0 && rand() % 2)) {
            int i = rand() % nlive;
            corrupt += !intact(&live[i]);
            CHECK_EQ(heap_free(&h, live[i].p), HEAP_FREED);
            live[i] = live[--nlive];
        } else {
            struct live l = {0, random_size(), (uint8_t)rand()};
            l.p = heap_alloc(&h, l.size);
            if (!l.p) {
                CHECK(!"out of memory in an 8 MiB region");
                break;
            }
            misaligned += (uintptr_t)l.p % 16 != 0;
            for (int j = 0; j < nlive; j++)
                overlap += overlaps(&l, &live[j]);
            fill(&l);
            live[nlive++] = l;
        }
        if (step % 97 == 0)
            inconsistent += !heap_consistent();
    }
    CHECK_EQ(corrupt, 0);
    CHECK_EQ(overlap, 0);
    CHECK_EQ(misaligned, 0);
    CHECK_EQ(inconsistent, 0);
    CHECK(grow_calls > 1);

    while (nlive > 0)
        CHECK_EQ(heap_free(&h, live[--nlive].p), HEAP_FREED);
    CHECK_EQ(h.used_bytes, 0);
    /* everything merged back into one block covering the whole heap */
    CHECK(h.free_list && !h.free_list->next);
    CHECK_EQ(h.free_list->hdr.size, h.end - h.start);
}

TEST(coalescing_makes_room_for_a_big_block)
{
    setup(16 * 1024, REGION);
    void *p[16];
    for (int i = 0; i < 16; i++)
        p[i] = heap_alloc(&h, 1000 - 16);
    CHECK_EQ(grow_calls, 1);
    /* free the middle eight in a scattered order: they must merge back */
    int order[] = {5, 9, 7, 4, 11, 6, 10, 8};
    for (int i = 0; i < 8; i++)
        CHECK_EQ(heap_free(&h, p[order[i]]), HEAP_FREED);
    CHECK(heap_consistent());
    void *big = heap_alloc(&h, 8 * 1008 - 16);
    CHECK(big == p[4]); /* first fit: exactly the merged hole */
    CHECK_EQ(grow_calls, 1);
    CHECK(heap_consistent());
}

TEST(grows_on_demand_up_to_the_limit)
{
    setup(16 * 1024, 256 * 1024);
    CHECK_EQ(h.end - h.start, 16 * 1024);
    void *a = heap_alloc(&h, 100 * 1024);
    CHECK(a != 0);
    CHECK_EQ(grow_calls, 2);
    CHECK(h.end - h.start >= 100 * 1024);
    CHECK_EQ((h.end - h.start) % PG, 0);
    memset(a, 1, 100 * 1024); /* really usable */

    /* growth uses the free space already at the top: no more than needed */
    size_t before = h.end - h.start;
    void *b = heap_alloc(&h, 20 * 1024);
    CHECK(b != 0);
    CHECK(h.end - h.start - before < 20 * 1024 + PG);

    CHECK(heap_alloc(&h, 200 * 1024) == 0); /* beyond the limit */
    CHECK(heap_alloc(&h, (size_t)-1) == 0);
    grow_fail = 1;
    size_t mapped = h.end - h.start;
    CHECK(heap_alloc(&h, 100 * 1024) == 0); /* owner refused to grow */
    CHECK_EQ(h.end - h.start, mapped);
    CHECK(heap_consistent());
}

TEST(bad_and_double_frees_change_nothing)
{
    setup(16 * 1024, REGION);
    char *a = heap_alloc(&h, 40), *b = heap_alloc(&h, 40), *c = heap_alloc(&h, 40);
    size_t used = h.used_bytes;
    CHECK_EQ(heap_free(&h, b), HEAP_FREED);
    CHECK_EQ(heap_free(&h, b), HEAP_DOUBLE_FREE);
    CHECK_EQ(h.used_bytes, used - 64);
    /* a merges with b's hole; freeing b again still caught (stale header) */
    CHECK_EQ(heap_free(&h, a), HEAP_FREED);
    CHECK_EQ(heap_free(&h, b), HEAP_DOUBLE_FREE);
    CHECK_EQ(heap_free(&h, a), HEAP_DOUBLE_FREE);
    CHECK_EQ(heap_free(&h, c + 16), HEAP_BAD_POINTER); /* inside a block */
    CHECK_EQ(heap_free(&h, c + 3), HEAP_BAD_POINTER);  /* misaligned */
    CHECK_EQ(heap_free(&h, (void *)16), HEAP_BAD_POINTER);
    CHECK_EQ(heap_free(&h, region), HEAP_BAD_POINTER);
    CHECK_EQ(h.used_bytes, 64);
    CHECK(heap_consistent());
    CHECK_EQ(heap_free(&h, c), HEAP_FREED);
    CHECK_EQ(h.used_bytes, 0);
}

TEST(header_inside_a_free_block_is_refused)
{
    setup(16 * 1024, REGION);
    uint8_t *a = heap_alloc(&h, 200);
    void *guard = heap_alloc(&h, 16);
    /* a block header left in a's data (say, from a copied struct) */
    struct heap_block *fake = (struct heap_block *)(a + 32);
    *fake = (struct heap_block){32, HEAP_MAGIC_USED};
    CHECK_EQ(heap_free(&h, a), HEAP_FREED);
    size_t used = h.used_bytes;
    CHECK_EQ(heap_free(&h, fake + 1), HEAP_DOUBLE_FREE);
    CHECK_EQ(h.used_bytes, used);
    CHECK(heap_consistent());
    CHECK_EQ(heap_free(&h, guard), HEAP_FREED);
}

TEST(small_requests_get_minimum_blocks)
{
    setup(16 * 1024, REGION);
    uint8_t *a = heap_alloc(&h, 0), *b = heap_alloc(&h, 1), *c = heap_alloc(&h, 17);
    CHECK(a && b && c);
    CHECK_EQ(b - a, 32);
    CHECK_EQ(c - b, 32);
    CHECK_EQ(h.used_bytes, 32 + 32 + 48);
}

#if YSOS_LAB >= 8
static size_t shrunk_bytes;

/* The shrink callback: the pages go back to PROT_NONE, so a touch crashes. */
static void shrink_region(void *ctx, uintptr_t at, size_t bytes)
{
    CHECK(ctx == &h);
    CHECK_EQ(at % PG, 0);
    CHECK_EQ(bytes % PG, 0);
    CHECK_EQ(at + bytes, h.end); /* always the top */
    shrunk_bytes += bytes;
    CHECK_EQ(mprotect((void *)at, bytes, PROT_NONE), 0);
}

TEST(a_spike_is_given_back_to_within_one_page)
{
    enum { SPIKE = 2000 };
    static void *blocks[SPIKE];

    setup(16 * 1024, REGION);
    heap_set_shrink(&h, shrink_region);
    shrunk_bytes = 0;
    void *keep = heap_alloc(&h, 100); /* a long-lived block from before the spike */
    size_t idle = h.end - h.start;
    for (int i = 0; i < SPIKE; i++)
        CHECK((blocks[i] = heap_alloc(&h, 64 + (size_t)(i % 7) * 200)) != NULL);
    CHECK(h.end - h.start > 64 * PG);
    for (int i = SPIKE - 1; i >= 0; i -= 2) /* every other one first: merges from both sides */
        CHECK_EQ(heap_free(&h, blocks[i]), HEAP_FREED);
    for (int i = SPIKE - 2; i >= 0; i -= 2)
        CHECK_EQ(heap_free(&h, blocks[i]), HEAP_FREED);
    CHECK(heap_consistent());
    CHECK(h.end - h.start <= idle + PG);
    CHECK(shrunk_bytes > 60 * PG);
    CHECK(heap_alloc(&h, 300 * 1024) != NULL); /* and it grows again */
    CHECK(heap_consistent());
    CHECK_EQ(heap_free(&h, keep), HEAP_FREED);
}

TEST(never_below_its_size_when_shrinking_began)
{
    setup(64 * 1024, REGION);
    heap_set_shrink(&h, shrink_region);
    void *a = heap_alloc(&h, 40 * 1024), *b = heap_alloc(&h, 200 * 1024);
    CHECK(a && b);
    CHECK_EQ(heap_free(&h, b), HEAP_FREED);
    CHECK_EQ(heap_free(&h, a), HEAP_FREED);
    CHECK_EQ(h.end - h.start, 64 * 1024 + PG); /* the initial size and one page of reserve */
    CHECK(heap_consistent());
}

TEST(a_live_block_at_the_top_keeps_the_pages_below_it)
{
    setup(16 * 1024, REGION);
    heap_set_shrink(&h, shrink_region);
    void *low = heap_alloc(&h, 100 * 1024), *top = heap_alloc(&h, 1000);
    size_t grown = h.end - h.start;
    CHECK_EQ(heap_free(&h, low), HEAP_FREED); /* first fit: it goes below `top` */
    CHECK_EQ(h.end - h.start, grown);
    CHECK(heap_consistent());
    CHECK_EQ(heap_free(&h, top), HEAP_FREED);
    CHECK(h.end - h.start <= 16 * 1024 + PG);
}
#endif

int main(void)
{
    RUN(random_alloc_free_keeps_blocks_apart_and_intact);
    RUN(coalescing_makes_room_for_a_big_block);
    RUN(grows_on_demand_up_to_the_limit);
    RUN(bad_and_double_frees_change_nothing);
    RUN(header_inside_a_free_block_is_refused);
    RUN(small_requests_get_minimum_blocks);
#if YSOS_LAB >= 8
    RUN(a_spike_is_given_back_to_within_one_page);
    RUN(never_below_its_size_when_shrinking_began);
    RUN(a_live_block_at_the_top_keeps_the_pages_below_it);
#endif
    munmap(region, REGION);
    return test_summary();
}
