/*
 * alloc/slab.h - size classes of small objects, 16 to 2048 bytes.
 *
 * A slab is one buddy block (kind BUDDY_SLAB) cut into equal objects of a
 * power-of-two size, with a bitmap of the ones in use. Objects of size s
 * sit at multiples of s inside the block, so an object is aligned to its
 * size: memalign(a, n) with a <= 2048 is served from the class max(a, n).
 * A slab that becomes empty goes straight back to the buddy allocator.
 */
#ifndef ALLOC_SLAB_H
#define ALLOC_SLAB_H

#include <stddef.h>
#include <stdint.h>

#include <alloc/buddy.h>
#include <alloc/error.h>

#define SLAB_MIN_SHIFT 4  /* 16 bytes */
#define SLAB_MAX_SHIFT 11 /* 2048 bytes */
#define SLAB_CLASSES   (SLAB_MAX_SHIFT - SLAB_MIN_SHIFT + 1)
#define SLAB_MAX_SIZE  ((size_t)1 << SLAB_MAX_SHIFT)
#define SLAB_NONE      SLAB_CLASSES /* slab_class_for: too large for a slab */
#define SLAB_MAX_OBJS  256          /* bits in struct slab's bitmap */

/* The head of a slab's block (the buddy header comes first). */
struct slab {
    struct buddy_block block;
    struct slab *next, *prev; /* the class's list of slabs with a free object */
    uint16_t cls;             /* size class: objects of 16 << cls bytes */
    uint16_t in_use;
    uint16_t capacity;
    uint16_t first; /* offset of object 0 from the block's start */
    uint64_t used[SLAB_MAX_OBJS / 64];
};

/* Per class, the slabs that still have a free object. */
struct slab_set {
    struct slab *partial[SLAB_CLASSES];
};

void slab_init(struct slab_set *set);

/* The class for size bytes aligned to align, or SLAB_NONE. */
unsigned slab_class_for(size_t size, size_t align);

/* An object of the class, NULL when the buddy allocator has no block. */
void *slab_alloc(struct slab_set *set, struct buddy *b, unsigned cls);

/* Frees ptr, inside slab block `block`: ALLOC_OK, ALLOC_ERR_FOREIGN (not an
 * object's start) or ALLOC_ERR_DOUBLE_FREE (object not in use). */
enum alloc_error slab_free(struct slab_set *set, struct buddy *b, struct buddy_block *block,
                           void *ptr);

/* Whether ptr is a live object of the slab in `block`: ALLOC_OK with its
 * size in *size, or the error slab_free would return. */
enum alloc_error slab_object(const struct buddy_block *block, const void *ptr, size_t *size);

/* Checks a slab's own invariants; 0 if sound. Adds its live objects to *objects. */
int slab_check(const struct buddy_block *block, size_t *objects);

#endif
