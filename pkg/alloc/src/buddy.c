/*
 * buddy.c - the buddy allocator: blocks, their headers and the free lists.
 *
 * Every block, free or allocated, starts with a struct buddy_block whose
 * magic is mixed with the block's own address, so a header copied
 * elsewhere (or user data that happens to look like one) is not taken for
 * a block. Free blocks are merged with their buddy as soon as both are
 * free ("eager merging"): then any aligned free range of 2^k bytes is one
 * block, which both arena.c (growing) and buddy_find rely on.
 *
 * Growing and shrinking the arena itself is arena.c's job.
 */
#include "buddy_internal.h"

#define BUDDY_MAGIC 0xb0dd1e5aU

/* The header keeps the user data after it 16-byte aligned. */
_Static_assert(sizeof(struct buddy_block) == BUDDY_HEADER_SIZE, "buddy header size");

/* How many list entries buddy_alloc looks at to pick the lowest block. */
#define LOWEST_OF 8

static uint32_t magic_for(const void *block)
{
    return BUDDY_MAGIC ^ (uint32_t)((uintptr_t)block >> BUDDY_MIN_ORDER);
}

static void write_header(struct buddy_block *block, unsigned order, enum buddy_kind kind)
{
    block->magic = magic_for(block);
    block->order = (uint8_t)order;
    block->kind = (uint8_t)kind;
    block->unused = 0;
    block->offset = 0;
    block->unused2 = 0;
}

int buddy_init(struct buddy *b, uintptr_t base, alloc_grow_fn grow, void *ctx, size_t grow_step,
               size_t trim_threshold)
{
    if (grow == NULL || base % BUDDY_MIN_BLOCK != 0)
        return -1;
    __builtin_memset(b, 0, sizeof(*b));
    b->base = base;
    b->grow = grow;
    b->grow_ctx = ctx;
    /* A step that is not a whole number of pages would leave a partial page. */
    if (grow_step < BUDDY_MIN_BLOCK)
        grow_step = BUDDY_MIN_BLOCK;
    b->grow_step = (grow_step + BUDDY_MIN_BLOCK - 1) & ~(BUDDY_MIN_BLOCK - 1);
    b->trim_threshold = trim_threshold;
    return 0;
}

unsigned buddy_order_for(size_t bytes)
{
    if (bytes <= BUDDY_MIN_BLOCK)
        return BUDDY_MIN_ORDER;
    if (bytes > ((size_t)1 << BUDDY_MAX_ORDER))
        return 0;
    /* bytes - 1 has its top bit one below the order wanted */
    return 64 - (unsigned)__builtin_clzll((unsigned long long)(bytes - 1));
}

int buddy_header_ok(const struct buddy *b, const struct buddy_block *block)
{
    size_t offset = buddy_offset(b, block);

    if (block->magic != magic_for(block) || block->order < BUDDY_MIN_ORDER ||
        block->order > BUDDY_MAX_ORDER || block->kind > BUDDY_SLAB)
        return 0;
    /* Aligned to its size and wholly inside the arena. */
    return offset % buddy_block_size(block) == 0 && buddy_block_size(block) <= b->size - offset;
}

static void push(struct buddy *b, size_t offset, unsigned order)
{
    struct buddy_free *block = (struct buddy_free *)buddy_at(b, offset);

    write_header(&block->head, order, BUDDY_FREE);
    block->prev = NULL;
    block->next = b->free_lists[order];
    if (block->next)
        block->next->prev = block;
    b->free_lists[order] = block;
    b->free_bytes += (size_t)1 << order;
}

void buddy_unlink(struct buddy *b, struct buddy_free *block)
{
    unsigned order = block->head.order;

    if (block->prev)
        block->prev->next = block->next;
    else
        b->free_lists[order] = block->next;
    if (block->next)
        block->next->prev = block->prev;
    b->free_bytes -= (size_t)1 << order;
    /* No longer a free block: a stale pointer to it is not a free block either. */
    block->head.kind = BUDDY_LARGE;
}

void buddy_insert_free(struct buddy *b, size_t offset, unsigned order)
{
    while (order < BUDDY_MAX_ORDER) {
        size_t half = (size_t)1 << order;
        size_t buddy = offset ^ half;

        /* The buddy must lie wholly in the arena; then a block starts at
         * it (the arena is tiled by aligned blocks no larger than ours
         * there, else one would contain us). */
        if (buddy > b->size || half > b->size - buddy)
            break;
        struct buddy_block *other = buddy_at(b, buddy);
        if (other->kind != BUDDY_FREE || other->order != order)
            break;
        buddy_unlink(b, (struct buddy_free *)other);
        offset &= ~half;
        order++;
    }
    push(b, offset, order);
}

/*
 * Of the first few blocks on a list, the lowest: allocating low keeps the
 * top of the arena free, so it can be given back (arena.c). Looking at the
 * whole list would make an allocation linear in the number of free blocks.
 */
static struct buddy_free *lowest_free(struct buddy_free *list)
{
    struct buddy_free *best = list;

    for (unsigned i = 0; list != NULL && i < LOWEST_OF; i++, list = list->next)
        if (list < best)
            best = list;
    return best;
}

/* A free block of order >= order, or NULL. */
static struct buddy_free *take_free(struct buddy *b, unsigned order)
{
    for (unsigned k = order; k <= BUDDY_MAX_ORDER; k++) {
        if (b->free_lists[k] != NULL) {
            struct buddy_free *block = lowest_free(b->free_lists[k]);
            buddy_unlink(b, block);
            return block;
        }
    }
    return NULL;
}

struct buddy_block *buddy_alloc(struct buddy *b, unsigned order, enum buddy_kind kind)
{
    if (order < BUDDY_MIN_ORDER || order > BUDDY_MAX_ORDER || kind == BUDDY_FREE)
        return NULL;

    struct buddy_free *block = take_free(b, order);
    if (block == NULL) {
        if (buddy_grow_for(b, order) != 0)
            return NULL;
        block = take_free(b, order);
        if (block == NULL)
            return NULL; /* cannot happen: buddy_grow_for made one */
    }

    /* Split: keep the lower half, free the upper one, until it fits. */
    size_t offset = buddy_offset(b, &block->head);
    for (unsigned k = block->head.order; k > order; k--)
        push(b, offset + ((size_t)1 << (k - 1)), k - 1);

    write_header(&block->head, order, kind);
    return &block->head;
}

void buddy_free(struct buddy *b, struct buddy_block *block)
{
    size_t offset = buddy_offset(b, block);

    buddy_insert_free(b, offset, block->order);
    buddy_trim(b);
}

/*
 * Walks down from the largest block that could contain ptr: at each level
 * the header at the start of the current region belongs to the block that
 * starts there; if that block is the whole region it contains ptr, else the
 * region is split and ptr is in one of its halves. Every header read is at
 * a block start inside the arena, so a stray pointer reads nothing but
 * headers: it cannot make the walk touch user data or leave the arena.
 */
int buddy_find(const struct buddy *b, const void *ptr, struct buddy_block **out)
{
    uintptr_t addr = (uintptr_t)ptr;

    if (addr < b->base || addr - b->base >= b->size)
        return -1;

    size_t offset = addr - b->base;
    unsigned order = BUDDY_MAX_ORDER;
    size_t start = offset & ~(((size_t)1 << order) - 1);
    for (;;) {
        struct buddy_block *block = buddy_at(b, start);
        if (block->magic != magic_for(block) || block->order > order ||
            block->order < BUDDY_MIN_ORDER)
            return -2;
        if (block->order == order) {
            *out = block;
            return 0;
        }
        order--;
        if (offset - start >= ((size_t)1 << order))
            start += (size_t)1 << order;
    }
}
