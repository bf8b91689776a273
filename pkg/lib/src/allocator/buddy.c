/*
 * allocator/buddy.c - the buddy/slab allocator (pkg/alloc) as the user
 * programs' malloc, built with `make ALLOC=buddy` (lab 0x08 extension).
 *
 * One heap per address space, over the Brk heap: its arena starts at the
 * break as the first malloc finds it and grows and shrinks through sys_brk.
 * The file defines every entry point of newlib's malloc family, the plain
 * and the reentrant (_r) names, so no object of newlib's malloc (mallocr.o
 * and the files that use its state) is ever linked: a program calling any
 * of them, or newlib calling _malloc_r inside stdio, gets this heap.
 *
 * Forked processes share the heap, so every call holds the heap lock
 * (lock.c). A double free or a pointer malloc never returned is reported
 * on stderr and otherwise ignored: the heap is left as it was.
 */
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdio.h>
#include <stdlib.h>

#include <alloc/alloc.h>
#include <ysos.h>

#include "lock.h"

#define PAGE_SIZE 4096
/* Grow the break by at least 64 KiB at a time; give the top back once
 * 128 KiB of it is free (newlib's malloc also trims at 128 KiB). */
#define GROW_STEP      (64 * 1024)
#define TRIM_THRESHOLD (128 * 1024)

static struct alloc_heap heap;
static bool heap_ready;
static size_t trim_threshold = TRIM_THRESHOLD; /* mallopt may change it */
static uintptr_t first_break;                  /* the break before the heap took any */
static uintptr_t arena_end;                    /* where the heap last put the break */

/*
 * The arena's grow callback. The heap owns [base, break): if someone else
 * moved the break since (a program calling brk itself), moving it again
 * would hand their memory to the heap or take it away from them, so the
 * heap is refused, and then malloc returns NULL or keeps what it has.
 */
static int brk_grow(void *ctx, size_t new_size)
{
    uintptr_t base = (uintptr_t)ctx;
    uintptr_t target = new_size ? base + new_size : first_break;

    if (sys_brk(0) != arena_end || sys_brk(target) != target)
        return -1;
    arena_end = target;
    return 0;
}

/* Appends "0x" and the hex digits of value to *at. */
static void append_hex(char **at, uintptr_t value)
{
    int shift = 60;

    *(*at)++ = '0';
    *(*at)++ = 'x';
    while (shift > 0 && (value >> shift) == 0)
        shift -= 4;
    for (; shift >= 0; shift -= 4)
        *(*at)++ = "0123456789abcdef"[(value >> shift) & 0xf];
}

static void append_text(char **at, const char *text)
{
    while (*text)
        *(*at)++ = *text++;
}

/* The report hook: one Write, no stdio, since it runs inside malloc. */
static void report(void *ctx, enum alloc_error error, const void *ptr)
{
    char line[96], *at = line;

    (void)ctx;
    append_text(&at, "malloc: ");
    append_text(&at, alloc_error_name(error));
    append_text(&at, " at ");
    append_hex(&at, (uintptr_t)ptr);
    *at++ = '\n';
    sys_write(2, line, (size_t)(at - line));
}

/* Takes the lock and returns the heap, set up on first use. */
static struct alloc_heap *locked_heap(void)
{
    heap_lock();
    if (!heap_ready) {
        first_break = arena_end = sys_brk(0);
        uintptr_t base = (first_break + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
        const struct alloc_config config = {
            .base = base,
            .grow = brk_grow,
            .grow_ctx = (void *)base,
            .grow_step = GROW_STEP,
            .trim_threshold = trim_threshold,
            .report = report,
        };
        heap_ready = first_break != BRK_FAILED && alloc_init(&heap, &config) == 0;
    }
    return &heap;
}

/* Drops the lock; NULL means out of memory (errno ENOMEM). */
static void *unlock_with(void *ptr)
{
    heap_unlock();
    if (ptr == NULL)
        errno = ENOMEM;
    return ptr;
}

static bool power_of_two(size_t value)
{
    return value != 0 && (value & (value - 1)) == 0;
}

void *malloc(size_t size)
{
    struct alloc_heap *h = locked_heap();
    return unlock_with(heap_ready ? alloc_malloc(h, size) : NULL);
}

void free(void *ptr)
{
    struct alloc_heap *h = locked_heap();
    if (heap_ready)
        alloc_free(h, ptr);
    heap_unlock();
}

void *calloc(size_t count, size_t size)
{
    struct alloc_heap *h = locked_heap();
    return unlock_with(heap_ready ? alloc_calloc(h, count, size) : NULL);
}

void *realloc(void *ptr, size_t size)
{
    struct alloc_heap *h = locked_heap();
    void *moved = heap_ready ? alloc_realloc(h, ptr, size) : NULL;

    if (ptr != NULL && size == 0) {
        heap_unlock(); /* freed: NULL is no failure */
        return NULL;
    }
    return unlock_with(moved);
}

void *memalign(size_t align, size_t size)
{
    if (!power_of_two(align)) {
        errno = EINVAL;
        return NULL;
    }
    struct alloc_heap *h = locked_heap();
    return unlock_with(heap_ready ? alloc_memalign(h, align, size) : NULL);
}

void *aligned_alloc(size_t align, size_t size)
{
    return memalign(align, size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
    if (!power_of_two(align) || align % sizeof(void *) != 0)
        return EINVAL;
    void *ptr = memalign(align, size);
    if (ptr == NULL)
        return ENOMEM;
    *out = ptr;
    return 0;
}

void *valloc(size_t size)
{
    return memalign(PAGE_SIZE, size);
}

/* valloc with the size rounded up to whole pages. */
void *pvalloc(size_t size)
{
    if (size > (size_t)-1 - PAGE_SIZE) {
        errno = ENOMEM;
        return NULL;
    }
    return memalign(PAGE_SIZE, (size + PAGE_SIZE - 1) & ~(size_t)(PAGE_SIZE - 1));
}

size_t malloc_usable_size(void *ptr)
{
    struct alloc_heap *h = locked_heap();
    size_t size = heap_ready ? alloc_usable_size(h, ptr) : 0;

    heap_unlock();
    return size;
}

/* The heap trims itself (TRIM_THRESHOLD); nothing more to give back. */
int malloc_trim(size_t pad)
{
    (void)pad;
    return 0;
}

/* What the heap holds, from a walk of the whole heap (alloc_check). */
static struct alloc_stats heap_stats(void)
{
    struct alloc_stats stats = {0};
    struct alloc_heap *h = locked_heap();

    if (heap_ready)
        alloc_check(h, &stats);
    heap_unlock();
    return stats;
}

struct mallinfo mallinfo(void)
{
    struct alloc_stats stats = heap_stats();
    struct mallinfo info = {0};

    info.arena = stats.arena_size;
    info.ordblks = stats.large_count + stats.slab_objects;
    info.uordblks = stats.arena_size - stats.free_bytes;
    info.fordblks = stats.free_bytes;
    return info;
}

void malloc_stats(void)
{
    struct alloc_stats stats = heap_stats();

    fprintf(stderr, "system bytes     = %10lu\nin use bytes     = %10lu\n",
            (unsigned long)stats.arena_size, (unsigned long)(stats.arena_size - stats.free_bytes));
}

void mstats(char *title)
{
    fprintf(stderr, "Memory allocation statistics %s\n", title);
    malloc_stats();
}

/* M_TRIM_THRESHOLD is the one setting this heap has. */
int mallopt(int param, int value)
{
    if (param != M_TRIM_THRESHOLD || value < 0)
        return 0;
    struct alloc_heap *h = locked_heap();
    trim_threshold = (size_t)value;
    h->buddy.trim_threshold = trim_threshold;
    heap_unlock();
    return 1;
}

/* The other reentrant names (allocator/reent.c has the common ones). */

void *_valloc_r(struct _reent *reent, size_t size)
{
    (void)reent;
    return valloc(size);
}

void *_pvalloc_r(struct _reent *reent, size_t size)
{
    (void)reent;
    return pvalloc(size);
}

int _malloc_trim_r(struct _reent *reent, size_t pad)
{
    (void)reent;
    return malloc_trim(pad);
}

struct mallinfo _mallinfo_r(struct _reent *reent)
{
    (void)reent;
    return mallinfo();
}

void _malloc_stats_r(struct _reent *reent)
{
    (void)reent;
    malloc_stats();
}

void _mstats_r(struct _reent *reent, char *title)
{
    (void)reent;
    mstats(title);
}

int _mallopt_r(struct _reent *reent, int param, int value)
{
    (void)reent;
    return mallopt(param, value);
}
