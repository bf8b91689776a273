/*
 * test_alloc_arena.c - pkg/alloc's arena: it starts empty, grows only as
 * needed, fails cleanly when the owner refuses to grow it (and carries on
 * once memory is freed), and gives its free top back with the documented
 * hysteresis: less than trim_threshold free bytes stay at the top.
 */
#include "test.h"
#include "arena.h"

#include <stdint.h>
#include <string.h>

#define ARENA_BYTES (64u << 20)
#define BLOCK       (64 * 1024)

static struct host_arena arena;
static struct alloc_heap *heap;

static void open_heap(size_t grow_step, size_t trim)
{
    host_arena_open(&arena, ARENA_BYTES, grow_step, trim);
    heap = &arena.heap;
}

static void close_heap(void)
{
    CHECK_EQ(alloc_check(heap, NULL), ALLOC_OK);
    CHECK_EQ(arena.reports, 0);
    host_arena_close(&arena);
}

TEST(starts_empty_and_grows_on_demand)
{
    open_heap(0, 0);
    CHECK_EQ(arena.size, 0);
    CHECK_EQ(arena.grows, 0);
    void *p = alloc_malloc(heap, 16);
    CHECK_EQ(arena.size, 4096); /* one slab page */
    void *q = alloc_malloc(heap, 16);
    CHECK_EQ(arena.grows, 1); /* the same slab */
    CHECK_EQ(alloc_free(heap, p), ALLOC_OK);
    CHECK_EQ(alloc_free(heap, q), ALLOC_OK);
    CHECK_EQ(arena.size, 0);
    close_heap();
}

/* Blocks threaded through their first bytes, as alloc_until_null keeps them. */
struct node {
    struct node *next;
};

/* Allocates `size`-byte blocks until NULL; returns them as a list. */
static struct node *exhaust(size_t size, size_t *count)
{
    struct node *list = NULL, *n;

    *count = 0;
    while ((n = alloc_malloc(heap, size)) != NULL) {
        memset(n, 0x33, size);
        n->next = list;
        list = n;
        ++*count;
    }
    return list;
}

static void free_list(struct node *list)
{
    while (list != NULL) {
        struct node *next = list->next;
        CHECK_EQ(alloc_free(heap, list), ALLOC_OK);
        list = next;
    }
}

TEST(exhaustion_returns_null_and_recovers)
{
    static const size_t sizes[] = {BLOCK, 24, 3000, 200000};

    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        size_t count;
        open_heap(0, 0);
        arena.limit = 2u << 20;
        struct node *list = exhaust(sizes[i], &count);
        CHECK(count > 0);
        CHECK(arena.size <= arena.limit);
        CHECK_EQ(alloc_check(heap, NULL), ALLOC_OK);
        /* Room again once one block is freed: the same size fits. */
        struct node *next = list->next;
        CHECK_EQ(alloc_free(heap, list), ALLOC_OK);
        list = alloc_malloc(heap, sizes[i]);
        CHECK(list != NULL);
        list->next = next;
        free_list(list);
        CHECK_EQ(arena.size, 0);
        close_heap();
    }
}

/* The limit counts whole blocks: 1 MiB holds 8 blocks of 64 KiB + header
 * (128 KiB each in the buddy). */
TEST(exhaustion_is_exact)
{
    size_t count;

    open_heap(0, 0);
    arena.limit = 1u << 20;
    struct node *list = exhaust(BLOCK, &count);
    CHECK_EQ(count, 8);
    CHECK_EQ(arena.size, 1u << 20);
    free_list(list);
    close_heap();
}

TEST(freeing_everything_returns_the_arena)
{
    static void *blocks[300];
    static const size_t trims[] = {0, 64 * 1024, 1 << 20};

    for (size_t t = 0; t < sizeof(trims) / sizeof(trims[0]); t++) {
        open_heap(0, trims[t]);
        for (size_t i = 0; i < 300; i++)
            blocks[i] = alloc_malloc(heap, (i * 7919) % 40000);
        /* Free in an order unlike the allocation's. */
        for (size_t i = 0; i < 300; i++)
            CHECK_EQ(alloc_free(heap, blocks[(i * 7) % 300]), ALLOC_OK);
        struct alloc_stats stats;
        CHECK_EQ(alloc_check(heap, &stats), ALLOC_OK);
        CHECK_EQ(stats.large_count + stats.slab_count, 0);
        if (trims[t] == 0)
            CHECK_EQ(arena.size, 0);
        else
            CHECK(arena.size < trims[t]);
        close_heap();
    }
}

/* brk_alloc_test's test 6: a large block freed at the top goes back at once. */
TEST(large_block_on_top_is_given_back)
{
    open_heap(0, 128 * 1024);
    void *small = alloc_malloc(heap, 100);
    size_t before = arena.size;
    void *big = alloc_malloc(heap, 1 << 20);
    CHECK(arena.size > before);
    CHECK_EQ(alloc_free(heap, big), ALLOC_OK);
    CHECK_EQ(arena.size, before);
    CHECK_EQ(alloc_free(heap, small), ALLOC_OK);
    close_heap();
}

/* Under the threshold a block freed and allocated again costs no call to the owner. */
TEST(hysteresis_avoids_thrashing)
{
    open_heap(0, 256 * 1024);
    for (int i = 0; i < 100; i++) {
        void *p = alloc_malloc(heap, 16 * 1024);
        CHECK(p != NULL);
        CHECK_EQ(alloc_free(heap, p), ALLOC_OK);
    }
    CHECK_EQ(arena.grows, 1);
    CHECK_EQ(arena.shrinks, 0);
    close_heap();
}

TEST(grow_step_rounds_up_but_falls_back)
{
    open_heap(64 * 1024, (size_t)-1);
    void *p = alloc_malloc(heap, 16);
    CHECK_EQ(arena.size, 64 * 1024);
    CHECK_EQ(alloc_free(heap, p), ALLOC_OK);
    close_heap();

    open_heap(64 * 1024, (size_t)-1);
    arena.limit = 8192; /* the rounded size is refused; the exact one is not */
    p = alloc_malloc(heap, 16);
    CHECK(p != NULL);
    CHECK_EQ(arena.size, 4096);
    CHECK_EQ(alloc_free(heap, p), ALLOC_OK);
    close_heap();
}

/* An owner that keeps its memory mapped: the heap keeps the blocks free and uses them again. */
TEST(refused_shrink_keeps_the_memory)
{
    open_heap(0, 0);
    arena.refuse_shrink = 1;
    void *p = alloc_malloc(heap, 300000);
    size_t size = arena.size;
    CHECK_EQ(alloc_free(heap, p), ALLOC_OK);
    CHECK_EQ(arena.size, size);
    CHECK_EQ(alloc_check(heap, NULL), ALLOC_OK);
    void *q = alloc_malloc(heap, 300000);
    CHECK(q == p);
    CHECK_EQ(arena.grows, 1);
    CHECK_EQ(alloc_free(heap, q), ALLOC_OK);
    close_heap();
}

int main(void)
{
    RUN(starts_empty_and_grows_on_demand);
    RUN(exhaustion_returns_null_and_recovers);
    RUN(exhaustion_is_exact);
    RUN(freeing_everything_returns_the_arena);
    RUN(large_block_on_top_is_given_back);
    RUN(hysteresis_avoids_thrashing);
    RUN(grow_step_rounds_up_but_falls_back);
    RUN(refused_shrink_keeps_the_memory);
    return test_summary();
}
