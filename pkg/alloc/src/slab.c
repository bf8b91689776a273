/*
 * slab.c - small objects: power-of-two size classes carved from buddy blocks.
 *
 * A slab's block is large enough for at least 15 objects (one page up to
 * 256-byte objects, 16 objects' worth above), so small requests do not pay
 * a whole buddy block each. Objects sit at multiples of their size from
 * the block's start (the first ones, covered by the slab's head, are not
 * used), which gives every object its size as alignment. A bitmap says
 * which objects are in use: that is what catches a double free, and what
 * a pointer must match to be freed at all.
 *
 * No empty slab is kept: the last object freed gives the block back to the
 * buddy allocator, which may give it back to the arena's owner. The buddy
 * layer's trim threshold is the one hysteresis.
 */
#include <alloc/slab.h>

/* Class cls holds objects of this many bytes. */
static size_t object_size(unsigned cls)
{
    return (size_t)1 << (SLAB_MIN_SHIFT + cls);
}

/* Order of the buddy block a slab of class cls takes. */
static unsigned slab_order(unsigned cls)
{
    return buddy_order_for(object_size(cls) * 16);
}

void slab_init(struct slab_set *set)
{
    __builtin_memset(set, 0, sizeof(*set));
}

unsigned slab_class_for(size_t size, size_t align)
{
    size_t want = size > align ? size : align;

    if (want > SLAB_MAX_SIZE)
        return SLAB_NONE;
    unsigned cls = 0;
    while (object_size(cls) < want)
        cls++;
    return cls;
}

static void list_add(struct slab **list, struct slab *slab)
{
    slab->prev = NULL;
    slab->next = *list;
    if (slab->next)
        slab->next->prev = slab;
    *list = slab;
}

static void list_remove(struct slab **list, struct slab *slab)
{
    if (slab->prev)
        slab->prev->next = slab->next;
    else
        *list = slab->next;
    if (slab->next)
        slab->next->prev = slab->prev;
    slab->next = slab->prev = NULL;
}

/* A fresh, empty slab of class cls, on the class's partial list. */
static struct slab *new_slab(struct slab_set *set, struct buddy *b, unsigned cls)
{
    unsigned order = slab_order(cls);
    struct buddy_block *block = buddy_alloc(b, order, BUDDY_SLAB);

    if (block == NULL)
        return NULL;
    struct slab *slab = (struct slab *)block;
    size_t size = object_size(cls);
    size_t first = (sizeof(struct slab) + size - 1) / size * size;
    size_t capacity = (((size_t)1 << order) - first) / size;

    if (capacity > SLAB_MAX_OBJS)
        capacity = SLAB_MAX_OBJS;
    slab->cls = (uint16_t)cls;
    slab->in_use = 0;
    slab->capacity = (uint16_t)capacity;
    slab->first = (uint16_t)first;
    __builtin_memset(slab->used, 0, sizeof(slab->used));
    list_add(&set->partial[cls], slab);
    return slab;
}

void *slab_alloc(struct slab_set *set, struct buddy *b, unsigned cls)
{
    if (cls >= SLAB_CLASSES)
        return NULL;
    struct slab *slab = set->partial[cls];
    if (slab == NULL && (slab = new_slab(set, b, cls)) == NULL)
        return NULL;

    /* First clear bit; a partial slab has one below capacity. */
    unsigned index = 0;
    for (unsigned w = 0; w < SLAB_MAX_OBJS / 64; w++) {
        if (~slab->used[w] != 0) {
            index = w * 64 + (unsigned)__builtin_ctzll(~slab->used[w]);
            break;
        }
    }
    slab->used[index / 64] |= 1ULL << (index % 64);
    if (++slab->in_use == slab->capacity)
        list_remove(&set->partial[cls], slab);
    return (char *)slab + slab->first + (size_t)index * object_size(cls);
}

/* Index of the object ptr points at, or -1 when it is not an object's start. */
static long object_index(const struct slab *slab, const void *ptr)
{
    size_t size = object_size(slab->cls);
    uintptr_t first = (uintptr_t)slab + slab->first;
    uintptr_t addr = (uintptr_t)ptr;

    if (addr < first || (addr - first) % size != 0 || (addr - first) / size >= slab->capacity)
        return -1;
    return (long)((addr - first) / size);
}

static int is_used(const struct slab *slab, long index)
{
    return (slab->used[index / 64] >> (index % 64)) & 1;
}

enum alloc_error slab_object(const struct buddy_block *block, const void *ptr, size_t *size)
{
    const struct slab *slab = (const struct slab *)block;
    long index = object_index(slab, ptr);

    if (index < 0)
        return ALLOC_ERR_FOREIGN;
    if (!is_used(slab, index))
        return ALLOC_ERR_DOUBLE_FREE;
    *size = object_size(slab->cls);
    return ALLOC_OK;
}

enum alloc_error slab_free(struct slab_set *set, struct buddy *b, struct buddy_block *block,
                           void *ptr)
{
    struct slab *slab = (struct slab *)block;
    size_t size;
    enum alloc_error error = slab_object(block, ptr, &size);

    if (error != ALLOC_OK)
        return error;
    long index = object_index(slab, ptr);
    if (slab->in_use == slab->capacity)
        list_add(&set->partial[slab->cls], slab); /* was full: has room again */
    slab->used[index / 64] &= ~(1ULL << (index % 64));
    if (--slab->in_use == 0) {
        list_remove(&set->partial[slab->cls], slab);
        buddy_free(b, block);
    }
    return ALLOC_OK;
}

int slab_check(const struct buddy_block *block, size_t *objects)
{
    const struct slab *slab = (const struct slab *)block;
    unsigned count = 0;

    if (slab->cls >= SLAB_CLASSES || block->order != slab_order(slab->cls) ||
        slab->first < sizeof(struct slab) || slab->capacity == 0 ||
        slab->first + (size_t)slab->capacity * object_size(slab->cls) > buddy_block_size(block))
        return -1;
    for (unsigned w = 0; w < SLAB_MAX_OBJS / 64; w++)
        count += (unsigned)__builtin_popcountll(slab->used[w]);
    for (unsigned i = slab->capacity; i < SLAB_MAX_OBJS; i++)
        if ((slab->used[i / 64] >> (i % 64)) & 1)
            return -1; /* a bit beyond the last object */
    /* Empty slabs go back to the buddy allocator at once. */
    if (count != slab->in_use || count == 0)
        return -1;
    *objects += count;
    return 0;
}
