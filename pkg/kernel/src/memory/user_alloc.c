/*
 * memory/user_alloc.c - first-fit allocation over a bitmap of 16-byte
 * units, with a second bitmap per owner (see user_alloc.h).
 */
#include "memory/user_alloc.h"

static bool bit(const uint64_t *bits, uint64_t unit)
{
    return (bits[unit / 64] >> (unit % 64)) & 1;
}

static void set_units(uint64_t *bits, uint64_t first, uint64_t count, bool value)
{
    for (uint64_t u = first; u < first + count; u++) {
        if (value)
            bits[u / 64] |= 1ULL << (u % 64);
        else
            bits[u / 64] &= ~(1ULL << (u % 64));
    }
}

/* Units for size bytes; 0 for a bad (empty or absurd) size. */
static uint64_t units_for(const struct user_alloc *a, uint64_t size)
{
    if (size == 0 || size > a->units * UALLOC_UNIT)
        return 0;
    return (size + UALLOC_UNIT - 1) / UALLOC_UNIT;
}

static bool align_ok(uint64_t align)
{
    return align != 0 && (align & (align - 1)) == 0 && align <= UALLOC_MAX_ALIGN;
}

void user_alloc_init(struct user_alloc *a, uint64_t base, uint64_t bytes, uint64_t *bits)
{
    *a = (struct user_alloc){.base = base, .units = bytes / UALLOC_UNIT, .bits = bits};
}

/* Marks `need` units from `start` taken, by o. */
static uint64_t take(struct user_alloc *a, struct user_alloc_owner *o, uint64_t start,
                     uint64_t need)
{
    set_units(a->bits, start, need, true);
    set_units(o->bits, start, need, true);
    a->used += need * UALLOC_UNIT;
    o->used += need * UALLOC_UNIT;
    return a->base + start * UALLOC_UNIT;
}

uint64_t user_alloc(struct user_alloc *a, struct user_alloc_owner *o, uint64_t size, uint64_t align)
{
    uint64_t need = units_for(a, size);

    if (need == 0 || !align_ok(align))
        return 0;
    uint64_t step = align > UALLOC_UNIT ? align / UALLOC_UNIT : 1;
    uint64_t start = 0;
    while (start + need <= a->units) {
        uint64_t run = 0;
        while (run < need && !bit(a->bits, start + run))
            run++;
        if (run == need)
            return take(a, o, start, need);
        /* Skip past the taken unit, to the next aligned start. */
        start = (start + run + 1 + step - 1) / step * step;
    }
    return 0;
}

bool user_free(struct user_alloc *a, struct user_alloc_owner *o, uint64_t addr, uint64_t size,
               uint64_t align)
{
    uint64_t count = units_for(a, size);

    if (count == 0 || !align_ok(align) || addr < a->base || (addr - a->base) % UALLOC_UNIT)
        return false;
    uint64_t first = (addr - a->base) / UALLOC_UNIT;
    if (first >= a->units || count > a->units - first)
        return false;
    for (uint64_t u = first; u < first + count; u++)
        if (!bit(o->bits, u))
            return false;
    set_units(a->bits, first, count, false);
    set_units(o->bits, first, count, false);
    a->used -= count * UALLOC_UNIT;
    o->used -= count * UALLOC_UNIT;
    return true;
}

uint64_t user_free_owner(struct user_alloc *a, struct user_alloc_owner *o)
{
    uint64_t freed = o->used;

    for (uint64_t w = 0; w < UALLOC_WORDS(a->units * UALLOC_UNIT); w++) {
        a->bits[w] &= ~o->bits[w];
        o->bits[w] = 0;
    }
    a->used -= freed;
    o->used = 0;
    return freed;
}
