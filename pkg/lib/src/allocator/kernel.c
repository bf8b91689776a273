/*
 * allocator/kernel.c - the kernel_alloc path (Rust:
 * crates/lib/src/allocator/kernel.rs), built with `make ALLOC=kernel`.
 *
 * Replaces newlib's malloc family: every block comes from the kernel's user
 * heap through the Allocate syscall and goes back through Deallocate. The
 * kernel wants the block's {size, align} back when freeing, but free() only
 * gets a pointer, so each block starts with `align` bytes of room whose last
 * 16 bytes hold that layout:
 *
 *     base                              ptr (returned)
 *     | ... room (align bytes) ... |layout| user data (size bytes) ... |
 *
 * The kernel serialises Allocate/Deallocate, so no user-side lock is needed.
 * newlib calls the _r ("reentrant") versions internally: allocator/reent.c
 * forwards them to these.
 */
#include <errno.h>
#include <malloc.h>
#include <reent.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ysos.h>

#define MIN_ALIGN 16 /* malloc's guarantee on x86_64; also the header size */

static struct syscall_layout *layout_of(void *ptr)
{
    return (struct syscall_layout *)ptr - 1;
}

static size_t usable_size(void *ptr)
{
    struct syscall_layout *layout = layout_of(ptr);
    return layout->size - layout->align;
}

static void *allocate(size_t size, size_t align)
{
    if (align < MIN_ALIGN)
        align = MIN_ALIGN;
    if ((align & (align - 1)) != 0 || size > SIZE_MAX - align) {
        errno = size > SIZE_MAX - align ? ENOMEM : EINVAL;
        return NULL;
    }

    struct syscall_layout layout = {.size = size + align, .align = align};
    char *base = sys_allocate(&layout);
    if (base == NULL) {
        errno = ENOMEM;
        return NULL;
    }
    char *ptr = base + align;
    *layout_of(ptr) = layout;
    return ptr;
}

void free(void *ptr)
{
    if (ptr == NULL)
        return;
    /* Copy the layout out: the kernel reads it after the block is gone. */
    struct syscall_layout layout = *layout_of(ptr);
    sys_deallocate((char *)ptr - layout.align, &layout);
}

void *malloc(size_t size)
{
    return allocate(size, MIN_ALIGN);
}

void *memalign(size_t align, size_t size)
{
    return allocate(size, align);
}

void *calloc(size_t count, size_t size)
{
    if (size != 0 && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    void *ptr = malloc(count * size);
    if (ptr)
        memset(ptr, 0, count * size);
    return ptr;
}

void *realloc(void *ptr, size_t size)
{
    if (ptr == NULL)
        return malloc(size);
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    size_t old_size = usable_size(ptr);
    if (size <= old_size)
        return ptr;

    void *bigger = malloc(size);
    if (bigger == NULL)
        return NULL; /* the old block stays valid, as C requires */
    memcpy(bigger, ptr, old_size);
    free(ptr);
    return bigger;
}

size_t malloc_usable_size(void *ptr)
{
    return ptr ? usable_size(ptr) : 0;
}
