/*
 * alloc_bench - malloc throughput and heap overhead on three traces, for
 * scripts/bench-alloc (the lab 0x08 extension), which runs it once with
 * newlib's malloc (ALLOC=brk) and once with pkg/alloc (ALLOC=buddy).
 *
 * Reads `TRACE PASS` at the `Trace: ` prompt:
 *   TRACE  small   many small short-lived objects (16-128 bytes, 32 live)
 *          mixed   mixed sizes (16 B-16 KiB) in a set of 2000 long-lived
 *                  slots, one replaced per step
 *          grow    an array grown one element at a time with realloc,
 *                  with a few small objects allocated in between
 *   PASS   time    run it and print the operations per second
 *          peak    run it asking for the break after every allocation:
 *                  the peak heap (break - heap start) against the peak of
 *                  the bytes the program asked for and still holds
 * Each run is a fresh process, so a pass never starts on a heap another
 * pass has grown. The traces are deterministic (a fixed-seed generator).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ysos.h>

#define SMALL_OPS  200000
#define SMALL_LIVE 32
#define MIXED_OPS  100000
#define MIXED_LIVE 2000
#define GROW_ITEMS 200000

struct meter {
    bool peak;          /* the peak pass: sample the break */
    uintptr_t heap_lo;  /* the break before the trace */
    uintptr_t heap_max; /* the highest break seen */
    size_t live, live_max;
    long ops;
};

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

/* xorshift64: the same sequence on every run. */
static uint64_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static size_t pick(size_t lo, size_t hi)
{
    return lo + next_random() % (hi - lo + 1);
}

/* Accounts one allocation (or resize) of `delta` bytes more held. */
static void note(struct meter *m, void *p, ptrdiff_t delta)
{
    if (p == NULL) {
        printf("alloc_bench: out of memory after %ld operations\n", m->ops);
        exit(1);
    }
    m->ops++;
    m->live += delta;
    if (m->live > m->live_max)
        m->live_max = m->live;
    if (m->peak) {
        uintptr_t brk_now = (uintptr_t)sbrk(0);
        if (brk_now > m->heap_max)
            m->heap_max = brk_now;
    }
}

static void trace_small(struct meter *m)
{
    void *slot[SMALL_LIVE] = {0};
    size_t size[SMALL_LIVE] = {0};

    for (long i = 0; i < SMALL_OPS; i++) {
        int k = (int)(i % SMALL_LIVE);
        if (slot[k] != NULL) {
            free(slot[k]);
            m->live -= size[k];
            m->ops++;
        }
        size[k] = pick(16, 128);
        slot[k] = malloc(size[k]);
        note(m, slot[k], (ptrdiff_t)size[k]);
    }
    for (int k = 0; k < SMALL_LIVE; k++)
        free(slot[k]);
}

static void trace_mixed(struct meter *m)
{
    static void *slot[MIXED_LIVE];
    static size_t size[MIXED_LIVE];

    for (long i = 0; i < MIXED_OPS; i++) {
        size_t k = i < MIXED_LIVE ? (size_t)i : pick(0, MIXED_LIVE - 1);
        if (slot[k] != NULL) {
            free(slot[k]);
            m->live -= size[k];
            m->ops++;
        }
        /* mostly small, sometimes large: 16 B .. 16 KiB, log-uniform */
        size[k] = (size_t)16 << pick(0, 10);
        size[k] += pick(0, size[k] - 1);
        slot[k] = malloc(size[k]);
        note(m, slot[k], (ptrdiff_t)size[k]);
    }
    for (int k = 0; k < MIXED_LIVE; k++)
        free(slot[k]);
}

static void trace_grow(struct meter *m)
{
    long *items = NULL;
    void *small[64] = {0};

    for (long n = 1; n <= GROW_ITEMS; n++) {
        items = realloc(items, (size_t)n * sizeof(*items));
        note(m, items, sizeof(*items));
        items[n - 1] = n;
        if (n % 1000 == 0) { /* something else lives on the heap too */
            int k = (int)(n / 1000 % 64);
            free(small[k]);
            small[k] = malloc(48);
            note(m, small[k], 0);
        }
    }
    for (long n = 1; n <= GROW_ITEMS; n += GROW_ITEMS / 10)
        if (items[n - 1] != n) {
            printf("alloc_bench: grow: item %ld lost its value\n", n);
            exit(1);
        }
    free(items);
    for (int k = 0; k < 64; k++)
        free(small[k]);
}

int main(void)
{
    char line[64], trace[16], pass[16];
    struct meter m = {0};
    void (*run)(struct meter *);

    printf("Trace: ");
    if (read_line(line, sizeof(line)) < 0 || sscanf(line, "%15s %15s", trace, pass) != 2) {
        printf("alloc_bench: want `TRACE PASS`: small|mixed|grow time|peak\n");
        return 2;
    }
    if (strcmp(trace, "small") == 0)
        run = trace_small;
    else if (strcmp(trace, "mixed") == 0)
        run = trace_mixed;
    else if (strcmp(trace, "grow") == 0)
        run = trace_grow;
    else {
        printf("alloc_bench: unknown trace '%s' (small, mixed, grow)\n", trace);
        return 2;
    }
    m.peak = strcmp(pass, "peak") == 0;
    m.heap_lo = m.heap_max = (uintptr_t)sbrk(0);
    int64_t start = sys_time();
    run(&m);
    int64_t ns = sys_time() - start;
    if (m.peak)
        printf("alloc_bench: %s: peak heap %lu bytes, peak live %lu bytes\n", trace,
               (unsigned long)(m.heap_max - m.heap_lo), (unsigned long)m.live_max);
    else
        printf("alloc_bench: %s: %ld operations in %ld us = %ld ops/s\n", trace, m.ops,
               (long)(ns / 1000), (long)(m.ops * 1000000000LL / (ns ? ns : 1)));
    return 0;
}
