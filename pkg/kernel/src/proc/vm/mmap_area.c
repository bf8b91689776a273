/*
 * proc/vm/mmap_area.c - mmap area bookkeeping (see mmap_area.h).
 *
 * Every change that cuts areas goes through split_at(), which turns "the
 * range [start, end)" into "whole areas between two indices"; remove and
 * protect then work on whole areas only.
 */
#include "proc/vm/mmap_area.h"

#include <stddef.h>

#define MAP_KNOWN (MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS)

void mmap_areas_init(struct mmap_areas *s, void (*close_file)(struct mmap_file *f))
{
    s->count = 0;
    s->close_file = close_file;
}

/* Index of the first area ending after addr (count if none). */
static unsigned first_ending_after(const struct mmap_areas *s, uint64_t addr)
{
    unsigned i = 0;

    while (i < s->count && s->area[i].end <= addr)
        i++;
    return i;
}

struct mmap_area *mmap_area_find(struct mmap_areas *s, uint64_t addr)
{
    unsigned i = first_ending_after(s, addr);

    return i < s->count && s->area[i].start <= addr ? &s->area[i] : NULL;
}

uint64_t mmap_page_round_up(uint64_t len)
{
    return len > UINT64_MAX - (MMAP_PAGE - 1) ? 0 : (len + MMAP_PAGE - 1) & ~(MMAP_PAGE - 1);
}

static bool page_aligned(uint64_t x)
{
    return (x & (MMAP_PAGE - 1)) == 0;
}

/* [addr, addr + len) lies inside the mmap region (len already page-rounded, non-zero). */
static bool in_region(uint64_t addr, uint64_t len)
{
    return addr >= MMAP_BASE && addr < MMAP_END && len <= MMAP_END - addr;
}

int mmap_check_request(const struct mmap_request *r)
{
    uint64_t kind = r->flags & (MAP_SHARED | MAP_PRIVATE);
    uint64_t len = mmap_page_round_up(r->len);

    if (r->len == 0 || (r->prot & ~(uint64_t)MMAP_PROT_ALL) || (r->flags & ~(uint64_t)MAP_KNOWN))
        return -MMAP_EINVAL;
    if ((kind != MAP_SHARED && kind != MAP_PRIVATE) || !page_aligned(r->addr) ||
        !page_aligned(r->offset))
        return -MMAP_EINVAL;
    if (len == 0 || r->offset > UINT64_MAX - len)
        return -MMAP_ENOMEM;
    if ((r->flags & MAP_FIXED) && !in_region(r->addr, len))
        return -MMAP_ENOMEM;
    return 0;
}

int mmap_check_unmap(uint64_t addr, uint64_t len)
{
    uint64_t pages = mmap_page_round_up(len);

    if (!page_aligned(addr) || len == 0 || pages == 0 || !in_region(addr, pages))
        return -MMAP_EINVAL;
    return 0;
}

int mmap_check_protect(uint64_t addr, uint64_t len, uint64_t prot)
{
    uint64_t pages = mmap_page_round_up(len);

    if (!page_aligned(addr) || (prot & ~(uint64_t)MMAP_PROT_ALL))
        return -MMAP_EINVAL;
    if (len != 0 && (pages == 0 || !in_region(addr, pages)))
        return -MMAP_ENOMEM;
    return 0;
}

/* No area overlaps [start, end). */
static bool range_free(const struct mmap_areas *s, uint64_t start, uint64_t end)
{
    unsigned i = first_ending_after(s, start);

    return i == s->count || s->area[i].start >= end;
}

uint64_t mmap_areas_place(const struct mmap_areas *s, uint64_t hint, uint64_t len)
{
    uint64_t gap = MMAP_BASE;

    if (hint != 0 && in_region(hint, len) && range_free(s, hint, hint + len))
        return hint;
    for (unsigned i = 0; i < s->count; i++) {
        if (s->area[i].start - gap >= len)
            return gap;
        gap = s->area[i].end;
    }
    return MMAP_END - gap >= len ? gap : 0;
}

bool mmap_areas_cover(const struct mmap_areas *s, uint64_t start, uint64_t end)
{
    unsigned i = first_ending_after(s, start);

    for (; start < end; i++) {
        if (i == s->count || s->area[i].start > start)
            return false;
        start = s->area[i].end;
    }
    return true;
}

/* addr lies inside an area, not at its start: cutting there adds an area. */
static bool cuts_an_area(const struct mmap_areas *s, uint64_t addr)
{
    unsigned i = first_ending_after(s, addr);

    return i < s->count && s->area[i].start < addr;
}

bool mmap_areas_room(const struct mmap_areas *s, uint64_t start, uint64_t end, unsigned extra)
{
    unsigned need = extra + cuts_an_area(s, start) + cuts_an_area(s, end);

    return s->count + need <= MMAP_AREAS_MAX;
}

/* Opens a slot at index i (the areas from i move up one). */
static void open_slot(struct mmap_areas *s, unsigned i)
{
    for (unsigned j = s->count; j > i; j--)
        s->area[j] = s->area[j - 1];
    s->count++;
}

/* Closes slot i, dropping its file reference. */
static void close_slot(struct mmap_areas *s, unsigned i)
{
    struct mmap_file *f = s->area[i].file;

    if (f != NULL && --f->refs == 0 && s->close_file != NULL)
        s->close_file(f);
    for (unsigned j = i; j + 1 < s->count; j++)
        s->area[j] = s->area[j + 1];
    s->count--;
}

/*
 * Makes addr an area boundary: an area across it becomes two, the upper
 * one reading the file further on. Returns the index of the first area
 * starting at or after addr.
 */
static unsigned split_at(struct mmap_areas *s, uint64_t addr)
{
    unsigned i = first_ending_after(s, addr);
    struct mmap_area *low;

    if (i == s->count || s->area[i].start >= addr)
        return i;
    open_slot(s, i);
    low = &s->area[i];
    s->area[i + 1].start = addr;
    s->area[i + 1].offset += addr - low->start;
    low->end = addr;
    if (low->file != NULL)
        low->file->refs++;
    return i + 1;
}

void mmap_areas_insert(struct mmap_areas *s, const struct mmap_area *a)
{
    unsigned i = first_ending_after(s, a->start);

    open_slot(s, i);
    s->area[i] = *a;
    if (a->file != NULL)
        a->file->refs++;
}

void mmap_areas_remove(struct mmap_areas *s, uint64_t start, uint64_t end)
{
    unsigned i = split_at(s, start);

    split_at(s, end);
    while (i < s->count && s->area[i].end <= end)
        close_slot(s, i);
}

void mmap_areas_protect(struct mmap_areas *s, uint64_t start, uint64_t end, unsigned prot)
{
    unsigned i = split_at(s, start);

    split_at(s, end);
    for (; i < s->count && s->area[i].end <= end; i++)
        s->area[i].prot = prot;
}
