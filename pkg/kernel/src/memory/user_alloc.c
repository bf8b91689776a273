/*
 * memory/user_alloc.c - first-fit allocation over a bitmap of 16-byte
 * units (see user_alloc.h).
 */
#include "memory/user_alloc.h"

static bool taken(const struct user_alloc *a, uint64_t unit)
{
    return (a->bits[unit / 64] >> (unit % 64)) & 1;
}

static void set_units(struct user_alloc *a, uint64_t first, uint64_t count, bool value)
{
    for (uint64_t u = first; u < first + count; u++) {
        if (value)
            a->bits[u / 64] |= 1ULL << (u % 64);
        else
            a->bits[u / 64] &= ~(1ULL << (u % 64));
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

uint64_t user_alloc(struct user_alloc *a, uint64_t size, uint64_t align)
{
    uint64_t need = units_for(a, size);

    if (need == 0 || !align_ok(align))
        return 0;
    uint64_t step = align > UALLOC_UNIT ? align / UALLOC_UNIT : 1;
    uint64_t start = 0;
    while (start + need <= a->units) {
        uint64_t run = 0;
        while (run < need && !taken(a, start + run))
            run++;
        if (run == need) {
            set_units(a, start, need, true);
            a->used += need * UALLOC_UNIT;
            return a->base + start * UALLOC_UNIT;
        }
        /* Skip past the taken unit, to the next aligned start. */
        start = (start + run + 1 + step - 1) / step * step;
    }
    return 0;
}

bool user_free(struct user_alloc *a, uint64_t addr, uint64_t size, uint64_t align)
{
    uint64_t count = units_for(a, size);

    if (count == 0 || !align_ok(align) || addr < a->base || (addr - a->base) % UALLOC_UNIT)
        return false;
    uint64_t first = (addr - a->base) / UALLOC_UNIT;
    if (first >= a->units || count > a->units - first)
        return false;
    for (uint64_t u = first; u < first + count; u++)
        if (!taken(a, u))
            return false;
    set_units(a, first, count, false);
    a->used -= count * UALLOC_UNIT;
    return true;
}
