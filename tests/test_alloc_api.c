/*
 * test_alloc_api.c - pkg/alloc's malloc family, call by call: alignment,
 * realloc and calloc contracts, and misuse (double free, pointers the heap
 * never returned) detected, reported and left without effect.
 */
#include "test.h"
#include "arena.h"

#include <stdint.h>
#include <string.h>

#define ARENA_BYTES (64u << 20)

static struct host_arena arena;
static struct alloc_heap *heap;

/* A fresh heap; no trim threshold (shrinks at once) unless trim says. */
static void open_heap(size_t trim)
{
    host_arena_open(&arena, ARENA_BYTES, 0, trim);
    heap = &arena.heap;
}

/* The heap is sound, nothing was reported, and it is closed. */
static void close_heap(unsigned reports)
{
    CHECK_EQ(alloc_check(heap, NULL), ALLOC_OK);
    CHECK_EQ(arena.reports, reports);
    host_arena_close(&arena);
}

static int aligned(const void *p, size_t align)
{
    return (uintptr_t)p % align == 0;
}

TEST(malloc_is_16_byte_aligned)
{
    static void *blocks[400];

    open_heap(0);
    for (size_t i = 0; i < 400; i++) {
        size_t size = i * i / 4; /* 0 .. ~40000, slab and buddy sizes */
        blocks[i] = alloc_malloc(heap, size);
        CHECK(blocks[i] != NULL);
        CHECK(aligned(blocks[i], 16));
        CHECK(alloc_usable_size(heap, blocks[i]) >= size);
        memset(blocks[i], (int)i, size);
    }
    /* malloc(0) gives distinct pointers too */
    CHECK(blocks[0] != blocks[1] || blocks[0] == NULL);
    for (size_t i = 0; i < 400; i++)
        CHECK_EQ(alloc_free(heap, blocks[i]), ALLOC_OK);
    CHECK_EQ(arena.size, 0);
    close_heap(0);
}

TEST(memalign_honours_every_power_of_two)
{
    static const size_t sizes[] = {0, 1, 100, 2048, 3000, 70000};

    open_heap(0);
    for (size_t align = 1; align <= 65536; align *= 2) {
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
            unsigned char *p = alloc_memalign(heap, align, sizes[i]);
            CHECK(p != NULL);
            CHECK(aligned(p, align < 16 ? 16 : align));
            CHECK(host_arena_holds(&arena, p, sizes[i]));
            CHECK(alloc_usable_size(heap, p) >= sizes[i]);
            memset(p, 0x5a, sizes[i]);
            CHECK_EQ(alloc_check(heap, NULL), ALLOC_OK);
            CHECK_EQ(alloc_free(heap, p), ALLOC_OK);
        }
    }
    /* Not a power of two: refused, nothing allocated. */
    CHECK(alloc_memalign(heap, 0, 16) == NULL);
    CHECK(alloc_memalign(heap, 24, 16) == NULL);
    CHECK(alloc_memalign(heap, 4097, 16) == NULL);
    CHECK_EQ(arena.size, 0);
    close_heap(0);
}

/* A double free is reported and changes nothing: the next two mallocs
 * still get two different blocks. */
static void double_free_of(size_t size, enum alloc_error want)
{
    void *p = alloc_malloc(heap, size);
    void *keep = alloc_malloc(heap, size); /* keeps the arena from shrinking away */

    CHECK_EQ(alloc_free(heap, p), ALLOC_OK);
    CHECK_EQ(alloc_free(heap, p), want);
    CHECK_EQ(arena.last_error, want);
    CHECK(arena.last_ptr == p);
    CHECK_EQ(alloc_check(heap, NULL), ALLOC_OK);

    void *a = alloc_malloc(heap, size), *b = alloc_malloc(heap, size);
    CHECK(a != NULL && b != NULL && a != b);
    CHECK_EQ(alloc_free(heap, a), ALLOC_OK);
    CHECK_EQ(alloc_free(heap, b), ALLOC_OK);
    CHECK_EQ(alloc_free(heap, keep), ALLOC_OK);
}

TEST(double_free_is_detected)
{
    open_heap(0);
    double_free_of(24, ALLOC_ERR_DOUBLE_FREE);     /* slab object */
    double_free_of(100000, ALLOC_ERR_DOUBLE_FREE); /* buddy block */
    /* A large block freed on the top: the arena shrank past it. */
    void *p = alloc_malloc(heap, 100000);
    CHECK_EQ(alloc_free(heap, p), ALLOC_OK);
    CHECK_EQ(arena.size, 0);
    CHECK_EQ(alloc_free(heap, p), ALLOC_ERR_FOREIGN);
    close_heap(3);
}

TEST(foreign_pointers_are_detected)
{
    int on_stack;

    open_heap(0);
    unsigned char *small = alloc_malloc(heap, 40);
    unsigned char *large = alloc_malloc(heap, 10000);
    unsigned char *before = (unsigned char *)arena.mem + arena.size;
    unsigned char *const bad[] = {
        (unsigned char *)&on_stack, /* not in the arena */
        small + 1,                  /* inside an object */
        small + 16,                 /* inside the object (class of 64 bytes) */
        large + 16,                 /* inside a large block */
        large - 16,                 /* its header */
        arena.mem,                  /* the first block's header */
        arena.mem + 48,             /* a slab's head */
        before,                     /* just past the arena */
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        unsigned reports = arena.reports;
        CHECK_EQ(alloc_free(heap, bad[i]), ALLOC_ERR_FOREIGN);
        CHECK_EQ(alloc_usable_size(heap, bad[i]), 0);
        CHECK(alloc_realloc(heap, bad[i], 10) == NULL);
        CHECK_EQ(arena.reports, reports + 3);
        CHECK(arena.last_ptr == bad[i]);
    }
    CHECK_EQ(alloc_check(heap, NULL), ALLOC_OK);
    CHECK_EQ(alloc_free(heap, NULL), ALLOC_OK);
    CHECK_EQ(alloc_free(heap, small), ALLOC_OK);
    CHECK_EQ(alloc_free(heap, large), ALLOC_OK);
    close_heap(3 * (sizeof(bad) / sizeof(bad[0])));
}

/* A damaged header (a write past the block before it) is reported, not followed. */
TEST(damaged_header_is_detected)
{
    open_heap(0);
    unsigned char *a = alloc_malloc(heap, 4000); /* one page, header included */
    unsigned char *b = alloc_malloc(heap, 4000);
    CHECK(b == a + 4096);
    memset(a, 0, 4096 + 16); /* 16 bytes too many: b's header */
    CHECK_EQ(alloc_free(heap, b), ALLOC_ERR_CORRUPT);
    CHECK_EQ(alloc_check(heap, NULL), ALLOC_ERR_CORRUPT);
    CHECK_EQ(arena.reports, 1);
    host_arena_close(&arena);
}

static void fill(unsigned char *p, size_t size)
{
    for (size_t i = 0; i < size; i++)
        p[i] = (unsigned char)(i * 7 + 3);
}

static int filled(const unsigned char *p, size_t size)
{
    for (size_t i = 0; i < size; i++)
        if (p[i] != (unsigned char)(i * 7 + 3))
            return 0;
    return 1;
}

TEST(realloc_keeps_contents)
{
    static const size_t steps[] = {1,      15,    16,   17,   100,  2048, 2049, 5000, 70000,
                                   300000, 70000, 5000, 2049, 2048, 100,  16,   1};

    open_heap(0);
    unsigned char *p = alloc_realloc(heap, NULL, steps[0]); /* realloc(NULL) mallocs */
    CHECK(p != NULL);
    fill(p, steps[0]);
    for (size_t i = 1; i < sizeof(steps) / sizeof(steps[0]); i++) {
        size_t keep = steps[i] < steps[i - 1] ? steps[i] : steps[i - 1];
        p = alloc_realloc(heap, p, steps[i]);
        CHECK(p != NULL && aligned(p, 16));
        CHECK(filled(p, keep));
        CHECK(alloc_usable_size(heap, p) >= steps[i]);
        fill(p, steps[i]);
        CHECK_EQ(alloc_check(heap, NULL), ALLOC_OK);
    }
    /* Shrinking a little stays in place; to a much smaller class moves. */
    unsigned char *q = alloc_realloc(heap, p, 1);
    CHECK(q == p);
    p = alloc_realloc(heap, alloc_malloc(heap, 1000), 10);
    CHECK(alloc_usable_size(heap, p) == 16);
    /* realloc(p, 0) frees. */
    CHECK(alloc_realloc(heap, p, 0) == NULL);
    CHECK_EQ(alloc_free(heap, q), ALLOC_OK);
    CHECK_EQ(arena.size, 0);
    close_heap(0);
}

TEST(realloc_failure_keeps_the_block)
{
    open_heap(0);
    arena.limit = 256 * 1024;
    unsigned char *p = alloc_malloc(heap, 1000);
    fill(p, 1000);
    CHECK(alloc_realloc(heap, p, 1 << 20) == NULL);
    CHECK(filled(p, 1000));
    CHECK(alloc_usable_size(heap, p) >= 1000);
    CHECK_EQ(alloc_free(heap, p), ALLOC_OK);
    close_heap(0);
}

static int zeroed(const unsigned char *p, size_t size)
{
    for (size_t i = 0; i < size; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

TEST(calloc_zeroes_reused_memory)
{
    static const size_t sizes[] = {1, 48, 2000, 5000, 200000};

    open_heap((size_t)-1); /* keep freed memory: calloc must clean it */
    for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
        unsigned char *dirty = alloc_malloc(heap, sizes[i]);
        memset(dirty, 0xff, sizes[i]);
        CHECK_EQ(alloc_free(heap, dirty), ALLOC_OK);
        unsigned char *clean = alloc_calloc(heap, sizes[i], 1);
        CHECK(clean == dirty); /* the same memory came back */
        CHECK(clean != NULL && zeroed(clean, sizes[i]));
        CHECK_EQ(alloc_free(heap, clean), ALLOC_OK);
    }
    close_heap(0);
}

TEST(calloc_overflow_returns_null)
{
    open_heap(0);
    CHECK(alloc_calloc(heap, SIZE_MAX / 2 + 1, 2) == NULL);
    CHECK(alloc_calloc(heap, (size_t)1 << 33, (size_t)1 << 31) == NULL);
    CHECK(alloc_calloc(heap, 2, SIZE_MAX) == NULL);
    void *zero = alloc_calloc(heap, 0, SIZE_MAX); /* 0 bytes: no overflow */
    CHECK(zero != NULL);
    CHECK_EQ(alloc_free(heap, zero), ALLOC_OK);
    CHECK_EQ(arena.size, 0);
    close_heap(0);
}

TEST(huge_requests_return_null)
{
    open_heap(0);
    CHECK(alloc_malloc(heap, SIZE_MAX) == NULL);
    CHECK(alloc_malloc(heap, SIZE_MAX - 8) == NULL);
    CHECK(alloc_malloc(heap, (size_t)1 << 40) == NULL); /* beyond the largest block */
    CHECK(alloc_malloc(heap, ARENA_BYTES) == NULL);     /* beyond the arena */
    CHECK(alloc_memalign(heap, (size_t)1 << 31, SIZE_MAX - 100) == NULL);
    CHECK_EQ(arena.size, 0);
    close_heap(0);
}

int main(void)
{
    RUN(malloc_is_16_byte_aligned);
    RUN(memalign_honours_every_power_of_two);
    RUN(double_free_is_detected);
    RUN(foreign_pointers_are_detected);
    RUN(damaged_header_is_detected);
    RUN(realloc_keeps_contents);
    RUN(realloc_failure_keeps_the_block);
    RUN(calloc_zeroes_reused_memory);
    RUN(calloc_overflow_returns_null);
    RUN(huge_requests_return_null);
    return test_summary();
}
