/*
 * tests/alloc/arena.c - see arena.h.
 */
#include "arena.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#else
#define ASAN_POISON_MEMORY_REGION(addr, size)   ((void)(addr), (void)(size))
#define ASAN_UNPOISON_MEMORY_REGION(addr, size) ((void)(addr), (void)(size))
#endif

static int grow(void *ctx, size_t new_size)
{
    struct host_arena *a = ctx;

    if (new_size % 4096 != 0 || new_size > a->limit || (new_size < a->size && a->refuse_shrink))
        return -1;
    if (new_size > a->size) {
        ASAN_UNPOISON_MEMORY_REGION(a->mem + a->size, new_size - a->size);
        /* Not zero: the allocator must not count on fresh memory being clean. */
        memset(a->mem + a->size, 0xa5, new_size - a->size);
        a->grows++;
    } else if (new_size < a->size) {
        ASAN_POISON_MEMORY_REGION(a->mem + new_size, a->size - new_size);
        a->shrinks++;
    }
    a->size = new_size;
    return 0;
}

static void report(void *ctx, enum alloc_error error, const void *ptr)
{
    struct host_arena *a = ctx;

    a->reports++;
    a->last_error = error;
    a->last_ptr = ptr;
}

void host_arena_open(struct host_arena *a, size_t capacity, size_t grow_step, size_t trim_threshold)
{
    memset(a, 0, sizeof(*a));
    a->mem = aligned_alloc(4096, capacity);
    if (a->mem == NULL) {
        fprintf(stderr, "host_arena_open: no %zu bytes\n", capacity);
        abort();
    }
    a->capacity = a->limit = capacity;
    ASAN_POISON_MEMORY_REGION(a->mem, capacity);

    const struct alloc_config config = {
        .base = (uintptr_t)a->mem,
        .grow = grow,
        .grow_ctx = a,
        .grow_step = grow_step,
        .trim_threshold = trim_threshold,
        .report = report,
        .report_ctx = a,
    };
    if (alloc_init(&a->heap, &config) != 0) {
        fprintf(stderr, "host_arena_open: alloc_init refused the config\n");
        abort();
    }
}

void host_arena_close(struct host_arena *a)
{
    ASAN_UNPOISON_MEMORY_REGION(a->mem, a->capacity);
    free(a->mem);
    a->mem = NULL;
}

int host_arena_holds(const struct host_arena *a, const void *ptr, size_t size)
{
    const unsigned char *p = ptr;

    return p >= a->mem && (size_t)(p - a->mem) <= a->size && size <= a->size - (size_t)(p - a->mem);
}
