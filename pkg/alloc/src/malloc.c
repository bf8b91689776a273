/*
 * malloc.c - the front end: the C library's malloc family over one heap.
 *
 * Requests up to SLAB_MAX_SIZE bytes (with an alignment no larger) go to a
 * slab class; anything larger gets a buddy block of its own, whose header
 * records where the user's pointer is (`offset`, 16 or the alignment), so
 * free() can check it was given exactly that pointer.
 *
 * Every pointer coming back (free, realloc, usable_size) is located first:
 * buddy_find walks the block headers to the block holding it, then the
 * block's kind says whether it is a live large block starting there or a
 * live slab object. Anything else is reported and left alone.
 */
#include <alloc/alloc.h>

#define MIN_ALIGN 16                /* what malloc guarantees on x86_64 */
#define MAX_ALIGN ((size_t)1 << 31) /* the header's 32-bit offset */

int alloc_init(struct alloc_heap *heap, const struct alloc_config *config)
{
    if (buddy_init(&heap->buddy, config->base, config->grow, config->grow_ctx, config->grow_step,
                   config->trim_threshold) != 0)
        return -1;
    slab_init(&heap->slabs);
    heap->report = config->report;
    heap->report_ctx = config->report_ctx;
    return 0;
}

static enum alloc_error misuse(struct alloc_heap *heap, enum alloc_error error, const void *ptr)
{
    if (heap->report)
        heap->report(heap->report_ctx, error, ptr);
    return error;
}

/* The live block ptr was handed out from and the bytes usable at ptr, or
 * what is wrong with ptr. */
static enum alloc_error locate(const struct alloc_heap *heap, const void *ptr,
                               struct buddy_block **block, size_t *usable)
{
    switch (buddy_find(&heap->buddy, ptr, block)) {
    case 0:
        break;
    case -1:
        return ALLOC_ERR_FOREIGN;
    default:
        return ALLOC_ERR_CORRUPT;
    }
    switch ((*block)->kind) {
    case BUDDY_FREE:
        return ALLOC_ERR_DOUBLE_FREE;
    case BUDDY_LARGE:
        if ((const char *)ptr != (const char *)*block + (*block)->offset)
            return ALLOC_ERR_FOREIGN;
        *usable = buddy_block_size(*block) - (*block)->offset;
        return ALLOC_OK;
    case BUDDY_SLAB:
        return slab_object(*block, ptr, usable);
    default:
        return ALLOC_ERR_CORRUPT;
    }
}

/* A buddy block of its own: the header, padding up to align, size bytes. */
static void *large_alloc(struct alloc_heap *heap, size_t align, size_t size)
{
    /* size 0 still needs a byte, or the pointer would be the block's end. */
    size_t need = size ? size : 1;

    if (need > (size_t)-1 - align)
        return NULL;
    unsigned order = buddy_order_for(need + align);
    if (order == 0)
        return NULL;
    struct buddy_block *block = buddy_alloc(&heap->buddy, order, BUDDY_LARGE);
    if (block == NULL)
        return NULL;
    /* At most align bytes: blocks are page-aligned, so for align <= a page
     * this is exactly max(align, header); above, the next multiple of align. */
    uintptr_t start = (uintptr_t)block;
    uintptr_t user = (start + BUDDY_HEADER_SIZE + align - 1) & ~(uintptr_t)(align - 1);
    block->offset = (uint32_t)(user - start);
    return (void *)user;
}

void *alloc_memalign(struct alloc_heap *heap, size_t align, size_t size)
{
    if (align == 0 || (align & (align - 1)) != 0 || align > MAX_ALIGN)
        return NULL;
    if (align < MIN_ALIGN)
        align = MIN_ALIGN;
    unsigned cls = slab_class_for(size, align);
    if (cls != SLAB_NONE)
        return slab_alloc(&heap->slabs, &heap->buddy, cls);
    return large_alloc(heap, align, size);
}

void *alloc_malloc(struct alloc_heap *heap, size_t size)
{
    return alloc_memalign(heap, MIN_ALIGN, size);
}

void *alloc_calloc(struct alloc_heap *heap, size_t count, size_t size)
{
    if (size != 0 && count > (size_t)-1 / size)
        return NULL;
    void *ptr = alloc_malloc(heap, count * size);
    if (ptr)
        __builtin_memset(ptr, 0, count * size);
    return ptr;
}

enum alloc_error alloc_free(struct alloc_heap *heap, void *ptr)
{
    struct buddy_block *block;
    size_t usable;

    if (ptr == NULL)
        return ALLOC_OK;
    enum alloc_error error = locate(heap, ptr, &block, &usable);
    if (error != ALLOC_OK)
        return misuse(heap, error, ptr);
    if (block->kind == BUDDY_SLAB)
        return slab_free(&heap->slabs, &heap->buddy, block, ptr);
    buddy_free(&heap->buddy, block);
    return ALLOC_OK;
}

size_t alloc_usable_size(struct alloc_heap *heap, const void *ptr)
{
    struct buddy_block *block;
    size_t usable;

    if (ptr == NULL)
        return 0;
    enum alloc_error error = locate(heap, ptr, &block, &usable);
    if (error != ALLOC_OK) {
        misuse(heap, error, ptr);
        return 0;
    }
    return usable;
}

/* Bytes a fresh malloc(size) would make usable: realloc moves a block to
 * shrink it only when that is less than what it has. */
static size_t fresh_usable(size_t size)
{
    unsigned cls = slab_class_for(size, MIN_ALIGN);

    if (cls != SLAB_NONE)
        return (size_t)1 << (SLAB_MIN_SHIFT + cls);
    unsigned order = buddy_order_for(size + MIN_ALIGN);
    return order ? ((size_t)1 << order) - MIN_ALIGN : size;
}

/*
 * In place when the block is big enough and a new one would not be
 * smaller; else a new block, the contents copied, the old block freed. On
 * failure the old block stays as it was (C's rule), except that a shrink
 * that cannot move just keeps the larger block. No in-place growth: a
 * buddy block can only grow by merging with a free buddy of its own size,
 * rare enough not to be worth the code.
 */
void *alloc_realloc(struct alloc_heap *heap, void *ptr, size_t size)
{
    struct buddy_block *block;
    size_t usable;

    if (ptr == NULL)
        return alloc_malloc(heap, size);
    enum alloc_error error = locate(heap, ptr, &block, &usable);
    if (error != ALLOC_OK) {
        misuse(heap, error, ptr);
        return NULL;
    }
    if (size == 0) {
        alloc_free(heap, ptr);
        return NULL;
    }
    if (size <= usable && fresh_usable(size) >= usable)
        return ptr;

    void *moved = alloc_malloc(heap, size);
    if (moved == NULL)
        return size <= usable ? ptr : NULL;
    __builtin_memcpy(moved, ptr, size < usable ? size : usable);
    alloc_free(heap, ptr);
    return moved;
}
