/*
 * test_alloc_trace.c - pkg/alloc against a shadow model, on random traces.
 *
 * Each trace (seeded, so a failure replays) runs TRACE_OPS operations
 * mixing malloc, memalign, calloc, realloc and free over sizes from 0 bytes
 * to 512 KiB, in phases that fill the heap and drain it again. The model knows every live block
 * (pointer, size, alignment, id); after each operation it checks that a new block is aligned,
 * inside the arena, overlaps no live block and has usable_size >= size, and before a block is freed
 * or moved that its contents (a pattern from its id) are intact. Every CHECK_EVERY operations
 * alloc_check walks the heap and its count of live blocks must equal the model's. Finally
 * everything is freed and the arena must be back within the trim threshold.
 */
#include "test.h"
#include "arena.h"

#include <stdint.h>
#include <string.h>

#define TRACE_OPS   20000
#define MAX_LIVE    512
#define CHECK_EVERY 128
#define PHASE_OPS   2500
#define ARENA_BYTES (256u << 20)

struct live {
    unsigned char *ptr;
    size_t size;
    uint64_t id;
};

struct trace {
    struct host_arena arena;
    struct live live[MAX_LIVE];
    size_t count;
    uint64_t rng, next_id;
    size_t ops, failures;
};

static uint64_t next_random(struct trace *t)
{
    /* xorshift64* */
    t->rng ^= t->rng >> 12;
    t->rng ^= t->rng << 25;
    t->rng ^= t->rng >> 27;
    return t->rng * 0x2545f4914f6cdd1dULL;
}

static size_t below(struct trace *t, size_t n)
{
    return (size_t)(next_random(t) % n);
}

/* Mostly small (slab) sizes, some pages, a few large blocks. */
static size_t random_size(struct trace *t)
{
    size_t pick = below(t, 100);

    if (pick < 45)
        return below(t, 129);
    if (pick < 75)
        return below(t, 2049);
    if (pick < 95)
        return 2049 + below(t, 64 * 1024);
    return 64 * 1024 + below(t, 448 * 1024);
}

/* The pattern: the id in the first and last 8 bytes, a byte from it between. */
static unsigned char fill_byte(uint64_t id)
{
    return (unsigned char)(id * 167 + 13);
}

static void fill(unsigned char *p, size_t size, uint64_t id)
{
    memset(p, fill_byte(id), size);
    if (size >= 8)
        memcpy(p, &id, 8);
    if (size >= 16)
        memcpy(p + size - 8, &id, 8);
}

/* Byte i of the pattern of a block of `size` bytes. */
static unsigned char pattern_at(size_t size, uint64_t id, size_t i)
{
    if (size >= 8 && i < 8)
        return (unsigned char)(id >> (8 * i));
    if (size >= 16 && i >= size - 8)
        return (unsigned char)(id >> (8 * (i - (size - 8))));
    return fill_byte(id);
}

/* Whether the first len bytes at p are those of the pattern of a block of
 * `size` bytes and this id: the id bytes one by one, the fill by memcmp. */
static int intact(const unsigned char *p, size_t len, size_t size, uint64_t id)
{
    static unsigned char expect[4096];
    size_t lo = size >= 8 ? 8 : 0, hi = size >= 16 ? size - 8 : size;
    size_t fill_end = len < hi ? len : hi;

    for (size_t i = 0; i < len && i < lo; i++)
        if (p[i] != pattern_at(size, id, i))
            return 0;
    memset(expect, fill_byte(id), sizeof(expect));
    for (size_t at = lo; at < fill_end; at += sizeof(expect)) {
        size_t n = fill_end - at < sizeof(expect) ? fill_end - at : sizeof(expect);
        if (memcmp(p + at, expect, n) != 0)
            return 0;
    }
    for (size_t i = hi; i < len; i++)
        if (p[i] != pattern_at(size, id, i))
            return 0;
    return 1;
}

static int overlaps_live(const struct trace *t, const unsigned char *p, size_t size)
{
    size_t span = size ? size : 1;

    for (size_t i = 0; i < t->count; i++) {
        const struct live *l = &t->live[i];
        size_t lspan = l->size ? l->size : 1;
        if (p < l->ptr + lspan && l->ptr < p + span)
            return 1;
    }
    return 0;
}

/* The checks every new (or moved) block must pass; then it is recorded. */
static void admit(struct trace *t, unsigned char *p, size_t size, size_t align)
{
    if (p == NULL) {
        t->failures++;
        printf("  op %zu: NULL for %zu bytes\n", t->ops, size);
        return;
    }
    if ((uintptr_t)p % align != 0 || !host_arena_holds(&t->arena, p, size) ||
        overlaps_live(t, p, size) || alloc_usable_size(&t->arena.heap, p) < size) {
        t->failures++;
        printf("  op %zu: bad block %p (%zu bytes, align %zu)\n", t->ops, (void *)p, size, align);
        return;
    }
    uint64_t id = ++t->next_id;
    fill(p, size, id);
    t->live[t->count++] = (struct live){p, size, id};
}

/* Takes a random live block out of the model, its contents checked. */
static struct live take(struct trace *t)
{
    size_t i = below(t, t->count);
    struct live l = t->live[i];

    t->live[i] = t->live[--t->count];
    if (!intact(l.ptr, l.size, l.size, l.id)) {
        t->failures++;
        printf("  op %zu: block %p (%zu bytes) overwritten\n", t->ops, (void *)l.ptr, l.size);
    }
    return l;
}

static int all_zero(const unsigned char *p, size_t size)
{
    for (size_t i = 0; i < size; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

static void step(struct trace *t)
{
    size_t pick = below(t, 100);
    struct alloc_heap *heap = &t->arena.heap;

    /* Phases of PHASE_OPS: one fills the heap, the next drains it, so the
     * arena grows and shrinks over the trace. */
    size_t free_from = (t->ops / PHASE_OPS) % 2 ? 30 : 60;

    if (t->count == MAX_LIVE || (pick >= free_from && t->count > 0)) {
        if (pick < free_from + 15 && t->count < MAX_LIVE) {
            /* realloc: the common prefix survives the move */
            size_t size = random_size(t);
            struct live l = take(t);
            unsigned char *p = alloc_realloc(heap, l.ptr, size);
            if (size == 0) {
                if (p != NULL)
                    t->failures++;
                return;
            }
            size_t keep = size < l.size ? size : l.size;
            if (p != NULL && !intact(p, keep, l.size, l.id)) {
                t->failures++;
                printf("  op %zu: realloc lost contents\n", t->ops);
            }
            admit(t, p, size, 16);
        } else {
            struct live l = take(t);
            if (alloc_free(heap, l.ptr) != ALLOC_OK)
                t->failures++;
        }
        return;
    }
    /* The allocations share out [0, free_from) in the same proportions
     * in both phases. */
    pick = pick * 100 / free_from;
    if (pick < 66) {
        size_t size = random_size(t);
        admit(t, alloc_malloc(heap, size), size, 16);
    } else if (pick < 86) {
        size_t align = (size_t)1 << below(t, below(t, 10) == 0 ? 17 : 13);
        size_t size = random_size(t);
        admit(t, alloc_memalign(heap, align, size), size, align < 16 ? 16 : align);
    } else {
        size_t count = below(t, 64), each = random_size(t) / 64 + 1;
        unsigned char *p = alloc_calloc(heap, count, each);
        if (p != NULL && !all_zero(p, count * each)) {
            t->failures++;
            printf("  op %zu: calloc not zeroed\n", t->ops);
        }
        admit(t, p, count * each, 16);
    }
}

/* alloc_check passes and counts as many live blocks as the model. */
static void check_heap(struct trace *t)
{
    struct alloc_stats stats;

    if (alloc_check(&t->arena.heap, &stats) != ALLOC_OK ||
        stats.large_count + stats.slab_objects != t->count) {
        t->failures++;
        printf("  op %zu: heap check failed (%zu live in the model)\n", t->ops, t->count);
    }
}

/* One trace; returns its failures (each printed). */
static size_t run_trace(uint64_t seed, size_t grow_step, size_t trim_threshold)
{
    static struct trace t;

    memset(&t, 0, sizeof(t));
    t.rng = seed * 0x9e3779b97f4a7c15ULL + 1;
    host_arena_open(&t.arena, ARENA_BYTES, grow_step, trim_threshold);
    for (t.ops = 0; t.ops < TRACE_OPS; t.ops++) {
        step(&t);
        if (t.ops % CHECK_EVERY == 0)
            check_heap(&t);
    }
    check_heap(&t);
    while (t.count > 0) {
        struct live l = take(&t);
        if (alloc_free(&t.arena.heap, l.ptr) != ALLOC_OK)
            t.failures++;
    }
    check_heap(&t);
    /* Everything free: what is left is under the threshold (0 with none). */
    if (t.arena.size > trim_threshold || t.arena.reports != 0) {
        t.failures++;
        printf("  seed %llu: arena %zu bytes after freeing all, %u reports\n",
               (unsigned long long)seed, t.arena.size, t.arena.reports);
    }
    printf("  seed %llu (grow_step %zu, trim %zu): %d ops, %u grows, %u shrinks, %zu failures\n",
           (unsigned long long)seed, grow_step, trim_threshold, TRACE_OPS, t.arena.grows,
           t.arena.shrinks, t.failures);
    host_arena_close(&t.arena);
    return t.failures;
}

TEST(trace_shrinking_eagerly)
{
    CHECK_EQ(run_trace(1, 0, 0), 0);
    CHECK_EQ(run_trace(2, 0, 0), 0);
}

TEST(trace_with_hysteresis)
{
    CHECK_EQ(run_trace(3, 64 * 1024, 64 * 1024), 0);
    CHECK_EQ(run_trace(4, 16 * 1024, 1 << 20), 0);
}

TEST(trace_without_shrinking)
{
    CHECK_EQ(run_trace(5, 0, (size_t)-1), 0);
}

int main(void)
{
    RUN(trace_shrinking_eagerly);
    RUN(trace_with_hysteresis);
    RUN(trace_without_shrinking);
    return test_summary();
}
