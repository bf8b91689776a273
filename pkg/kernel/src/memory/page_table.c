/*
 * memory/page_table.c - the 4-level page-table walker (see page_table.h).
 *
 * Two kinds of walks:
 *  - per address (walk, walk_create): down from the P4 to the entry that
 *    maps one page; used to map, unmap and translate;
 *  - per range (visit_tables): every table entry whose area overlaps a
 *    range, children first; used to free empty tables and to finish or undo
 *    a map call.
 *
 * All-or-nothing mapping: a table created during a map call is marked by
 * PTE_FRESH (a bit the CPU ignores) in the entry pointing to it. When the
 * call succeeds the marks are cleared; when it fails its pages are unmapped
 * and exactly the marked tables are freed, so tables that existed before
 * (even empty ones) are left as they were.
 */
#include "memory/page_table.h"

#define PAGE_BYTES  4096ULL
#define LINEAR_MASK ((1ULL << 48) - 1) /* canonical address without its sign extension */

/* Bytes mapped by one entry of a level-`level` table (4 KiB for a P1 entry). */
static uint64_t entry_span(int level)
{
    return 1ULL << (12 + 9 * (level - 1));
}

static unsigned entry_index(uint64_t va, int level)
{
    return (unsigned)((va >> (12 + 9 * (level - 1))) & (PT_ENTRIES - 1));
}

/* The lower table an entry points to. */
static pte_t *table_at(const struct pt_ops *ops, pte_t entry)
{
    return ops->to_virt(entry & PTE_ADDR);
}

/* ---- walking one address ---- */

struct walk {
    pte_t *entry;  /* where the walk stopped */
    int level;     /* level of the table holding *entry */
    uint64_t perm; /* WRITABLE/USER if every entry on the way allows it, NX if any sets it */
};

/*
 * Follows va down from the P4 and stops at the first entry that does not
 * lead to a lower table: a P1 entry, a non-present entry or a huge page.
 */
static struct walk walk(const struct pt_ops *ops, pte_t *p4, uint64_t va)
{
    struct walk w = {0, 4, PTE_WRITABLE | PTE_USER};
    pte_t *table = p4;

    for (;;) {
        w.entry = &table[entry_index(va, w.level)];
        pte_t e = *w.entry;
        if (!(e & PTE_PRESENT))
            return w;
        w.perm = (w.perm & e & (PTE_WRITABLE | PTE_USER)) | ((w.perm | e) & PTE_NX);
        if (w.level == 1 || (e & PTE_HUGE))
            return w;
        table = table_at(ops, e);
        w.level--;
    }
}

/* What an entry pointing to a lower table needs so that pages with `flags` work. */
static uint64_t table_flags(uint64_t flags)
{
    return PTE_PRESENT | PTE_WRITABLE | (flags & PTE_USER);
}

/*
 * The P1 entry for va, creating the missing tables on the way (marked
 * PTE_FRESH). NULL when no frame is left or a huge page covers va.
 */
static pte_t *walk_create(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t flags)
{
    pte_t *table = p4;

    for (int level = 4; level > 1; level--) {
        pte_t *e = &table[entry_index(va, level)];
        if (!(*e & PTE_PRESENT)) {
            uint64_t pa = ops->alloc_frame();
            if (!pa)
                return 0;
            *e = pa | table_flags(flags) | PTE_FRESH;
        } else if (*e & PTE_HUGE) {
            return 0;
        } else {
            *e |= table_flags(flags); /* e.g. a user page below a kernel-only table */
        }
        table = table_at(ops, *e);
    }
    return &table[entry_index(va, 1)];
}

/* ---- walking a range of tables ---- */

struct range {
    uint64_t lo, hi; /* linear addresses, hi exclusive (up to 2^48) */
};

static struct range linear_range(uint64_t va_lo, uint64_t va_hi)
{
    return (struct range){va_lo & LINEAR_MASK, ((va_hi - 1) & LINEAR_MASK) + 1};
}

/*
 * Called for an entry pointing to a lower table; `covered` tells whether
 * that table's whole area lies inside the range.
 */
typedef void (*table_visit_fn)(const struct pt_ops *ops, pte_t *entry, bool covered, void *ctx);

/*
 * Calls visit() on each present, non-huge entry of `table` (level >= 2,
 * mapping linear addresses from `base`) whose area overlaps r, after doing
 * the same inside the lower table it points to.
 */
static void visit_tables(const struct pt_ops *ops, pte_t *table, int level, uint64_t base,
                         const struct range *r, table_visit_fn visit, void *ctx)
{
    uint64_t span = entry_span(level);
    uint64_t first = r->lo > base ? (r->lo - base) / span : 0;
    uint64_t end = (r->hi - base + span - 1) / span;
    if (end > PT_ENTRIES)
        end = PT_ENTRIES;

    for (uint64_t i = first; i < end; i++) {
        pte_t e = table[i];
        if (!(e & PTE_PRESENT) || (e & PTE_HUGE))
            continue;
        uint64_t child_base = base + i * span;
        if (level > 2)
            visit_tables(ops, table_at(ops, e), level - 1, child_base, r, visit, ctx);
        visit(ops, &table[i], child_base >= r->lo && child_base + span <= r->hi, ctx);
    }
}

/* Unlinks and frees the table an entry points to. */
static void free_table(const struct pt_ops *ops, pte_t *entry)
{
    uint64_t pa = *entry & PTE_ADDR;
    *entry = 0;
    ops->free_frame(pa);
}

static bool table_is_empty(const pte_t *table)
{
    for (int i = 0; i < PT_ENTRIES; i++)
        if (table[i] & PTE_PRESENT)
            return false;
    return true;
}

/* visit_tables callback of pt_free_empty; ctx counts the tables freed. */
static void free_if_empty(const struct pt_ops *ops, pte_t *entry, bool covered, void *ctx)
{
    if (covered && table_is_empty(table_at(ops, *entry))) {
        free_table(ops, entry);
        (*(uint64_t *)ctx)++;
    }
}

/* visit_tables callback when a map call succeeded: its new tables stay. */
static void keep_fresh(const struct pt_ops *ops, pte_t *entry, bool covered, void *ctx)
{
    (void)ops, (void)covered, (void)ctx;
    *entry &= ~PTE_FRESH;
}

/* visit_tables callback when a map call failed: its new tables (now empty) go. */
static void drop_fresh(const struct pt_ops *ops, pte_t *entry, bool covered, void *ctx)
{
    (void)covered, (void)ctx;
    if (*entry & PTE_FRESH)
        free_table(ops, entry);
}

/* ---- the operations ---- */

/*
 * Maps npages pages at va; page i gets a fresh frame (fresh_frames) or
 * pa + i * 4096. Undoes everything on failure (see the top of the file).
 */
static int map_pages(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t pa, uint64_t npages,
                     uint64_t flags, bool fresh_frames)
{
    uint64_t leaf_flags = (flags & ~(PTE_ADDR | PTE_HUGE | PTE_FRESH)) | PTE_PRESENT;
    uint64_t done = 0;

    if (npages == 0)
        return 0;
    for (; done < npages; done++) {
        uint64_t page_va = va + done * PAGE_BYTES;
        pte_t *e = walk_create(ops, p4, page_va, flags);
        if (!e || (*e & PTE_PRESENT))
            break;
        uint64_t frame = fresh_frames ? ops->alloc_frame() : pa + done * PAGE_BYTES;
        if (fresh_frames && !frame)
            break;
        *e = frame | leaf_flags;
    }

    bool ok = done == npages;
    if (!ok)
        pt_unmap_range(ops, p4, va, done, fresh_frames);
    struct range r = linear_range(va, va + npages * PAGE_BYTES);
    visit_tables(ops, p4, 4, 0, &r, ok ? keep_fresh : drop_fresh, 0);
    return ok ? 0 : -1;
}

int pt_map_range(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t npages, uint64_t flags)
{
    return map_pages(ops, p4, va, 0, npages, flags, true);
}

int pt_map_range_to(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t pa, uint64_t npages,
                    uint64_t flags)
{
    return map_pages(ops, p4, va, pa, npages, flags, false);
}

/* Pages from va to the end of the area mapped by va's entry at `level`. */
static uint64_t pages_left_in_entry(uint64_t va, int level)
{
    uint64_t span = entry_span(level);
    return (span - (va & (span - 1))) / PAGE_BYTES;
}

uint64_t pt_unmap_range(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t npages,
                        bool free_frames)
{
    uint64_t unmapped = 0;

    while (npages > 0) {
        struct walk w = walk(ops, p4, va);
        uint64_t step = 1;
        if (w.level == 1 && (*w.entry & PTE_PRESENT)) {
            uint64_t frame = *w.entry & PTE_ADDR;
            *w.entry = 0;
            if (ops->flush_page)
                ops->flush_page(va);
            if (free_frames)
                ops->free_frame(frame);
            unmapped++;
        } else {
            /* a hole (or a huge page, not ours to split): skip all of it */
            step = pages_left_in_entry(va, w.level);
        }
        if (step > npages)
            step = npages;
        va += step * PAGE_BYTES;
        npages -= step;
    }
    return unmapped;
}

#if YSOS_LAB >= 8
uint64_t pt_protect_range(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t npages,
                          uint64_t flags)
{
    uint64_t leaf_flags = (flags & ~(PTE_ADDR | PTE_HUGE | PTE_FRESH)) | PTE_PRESENT;
    uint64_t changed = 0;

    while (npages > 0) {
        struct walk w = walk(ops, p4, va);
        uint64_t step = 1;
        if (w.level == 1 && (*w.entry & PTE_PRESENT)) {
            *w.entry = (*w.entry & PTE_ADDR) | leaf_flags;
            if (ops->flush_page)
                ops->flush_page(va);
            changed++;
        } else {
            step = pages_left_in_entry(va, w.level); /* a hole: skip all of it */
        }
        if (step > npages)
            step = npages;
        va += step * PAGE_BYTES;
        npages -= step;
    }
    return changed;
}
#endif

bool pt_translate(const struct pt_ops *ops, pte_t *p4, uint64_t va, uint64_t *pa, uint64_t *flags)
{
    struct walk w = walk(ops, p4, va);
    pte_t e = *w.entry;

    if (!(e & PTE_PRESENT) || w.level == 4)
        return false;
    uint64_t offset_mask = entry_span(w.level) - 1;
    if (pa)
        *pa = (e & PTE_ADDR & ~offset_mask) | (va & offset_mask);
    if (flags)
        *flags = (e & ~(PTE_ADDR | PTE_WRITABLE | PTE_USER | PTE_NX)) | w.perm;
    return true;
}

uint64_t pt_free_empty(const struct pt_ops *ops, pte_t *p4, uint64_t va_lo, uint64_t va_hi)
{
    uint64_t freed = 0;
    struct range r = linear_range(va_lo, va_hi);

    if (va_hi <= va_lo)
        return 0;
    visit_tables(ops, p4, 4, 0, &r, free_if_empty, &freed);
    return freed;
}
