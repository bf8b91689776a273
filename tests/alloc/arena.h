/*
 * tests/alloc/arena.h - the host side of a pkg/alloc heap in the tests: a
 * reserved buffer standing for the program break, a grow callback that
 * refuses beyond a limit, and a report hook that counts misuses.
 *
 * Under ASan the reserved part above the arena's end is poisoned, so an
 * allocator access past the arena (as past a real break) is a test failure.
 */
#ifndef TESTS_ALLOC_ARENA_H
#define TESTS_ALLOC_ARENA_H

#include <stddef.h>

#include <alloc/alloc.h>

struct host_arena {
    unsigned char *mem;
    size_t capacity;         /* reserved bytes */
    size_t limit;            /* grow refuses a size beyond this (exhaustion tests) */
    size_t size;             /* the arena's current end */
    int refuse_shrink;       /* grow refuses to make the arena smaller */
    unsigned grows, shrinks; /* calls that succeeded */
    /* The report hook's record. */
    unsigned reports;
    enum alloc_error last_error;
    const void *last_ptr;
    struct alloc_heap heap;
};

/* Reserves capacity bytes (limit = capacity) and sets up a heap over them
 * with that grow step and trim threshold; aborts on failure. */
void host_arena_open(struct host_arena *a, size_t capacity, size_t grow_step,
                     size_t trim_threshold);
void host_arena_close(struct host_arena *a);

/* Whether [ptr, ptr + size) lies inside the arena as it is now. */
int host_arena_holds(const struct host_arena *a, const void *ptr, size_t size);

#endif
