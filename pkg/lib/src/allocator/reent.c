/*
 * allocator/reent.c - the reentrant (_r) names of the malloc family, for
 * the allocators that replace newlib's malloc (ALLOC=kernel and
 * ALLOC=buddy): newlib calls these inside stdio, strdup, dtoa ..., so
 * each forwards to the plain name the allocator defines.
 */
#include <malloc.h>
#include <reent.h>
#include <stdlib.h>

void *_malloc_r(struct _reent *reent, size_t size)
{
    (void)reent;
    return malloc(size);
}

void _free_r(struct _reent *reent, void *ptr)
{
    (void)reent;
    free(ptr);
}

void *_calloc_r(struct _reent *reent, size_t count, size_t size)
{
    (void)reent;
    return calloc(count, size);
}

void *_realloc_r(struct _reent *reent, void *ptr, size_t size)
{
    (void)reent;
    return realloc(ptr, size);
}

void *_memalign_r(struct _reent *reent, size_t align, size_t size)
{
    (void)reent;
    return memalign(align, size);
}

size_t _malloc_usable_size_r(struct _reent *reent, void *ptr)
{
    (void)reent;
    return malloc_usable_size(ptr);
}
