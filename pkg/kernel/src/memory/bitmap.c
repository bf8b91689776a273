/*
 * memory/bitmap.c - the frame allocator's bitmap and run table (see bitmap.h).
 */
#include "memory/bitmap.h"

#define WORD_BITS 64
#define FULL_WORD (~0ULL)

uint64_t fbm_words_needed(uint64_t nframes)
{
    return (nframes + WORD_BITS - 1) / WORD_BITS;
}

static bool bit_is_set(const struct frame_bitmap *b, uint64_t frame)
{
    uint64_t i = frame - b->base;
    return (b->words[i / WORD_BITS] >> (i % WORD_BITS)) & 1;
}

static void set_bit(struct frame_bitmap *b, uint64_t frame, bool used)
{
    uint64_t i = frame - b->base;
    uint64_t mask = 1ULL << (i % WORD_BITS);
    if (used)
        b->words[i / WORD_BITS] |= mask;
    else
        b->words[i / WORD_BITS] &= ~mask;
}

void fbm_init(struct frame_bitmap *b, uint64_t *words, uint64_t base, uint64_t nframes)
{
    b->words = words;
    b->nwords = fbm_words_needed(nframes);
    b->base = base;
    b->nframes = nframes;
    b->hint = 0;
    b->nranges = 0;
    b->used = b->recycled = b->total = 0;
    /* everything starts as a hole; the bits past nframes stay set for good */
    for (uint64_t w = 0; w < b->nwords; w++)
        b->words[w] = FULL_WORD;
}

/* Index of the first run that starts after `frame` (binary search). */
static uint64_t first_run_after(const struct frame_bitmap *b, uint64_t frame)
{
    uint64_t lo = 0, hi = b->nranges;
    while (lo < hi) {
        uint64_t mid = (lo + hi) / 2;
        if (b->ranges[mid].first <= frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static uint64_t run_end(const struct fbm_range *r)
{
    return r->first + r->count;
}

bool fbm_is_managed(const struct frame_bitmap *b, uint64_t frame)
{
    uint64_t i = first_run_after(b, frame);
    return i > 0 && frame < run_end(&b->ranges[i - 1]);
}

/* Removes ranges[i], closing the gap. */
static void remove_run(struct frame_bitmap *b, uint64_t i)
{
    for (; i + 1 < b->nranges; i++)
        b->ranges[i] = b->ranges[i + 1];
    b->nranges--;
}

/* Inserts {first, count} as ranges[i], shifting the later ones up. */
static void insert_run(struct frame_bitmap *b, uint64_t i, uint64_t first, uint64_t count)
{
    for (uint64_t j = b->nranges; j > i; j--)
        b->ranges[j] = b->ranges[j - 1];
    b->ranges[i] = (struct fbm_range){first, count};
    b->nranges++;
}

/*
 * Records [first, end) in the sorted run table, merging it with a run that
 * ends where it starts or starts where it ends. Returns -1 on overlap or
 * when a new entry is needed and the table is full.
 */
static int add_run(struct frame_bitmap *b, uint64_t first, uint64_t end)
{
    uint64_t i = first_run_after(b, first);
    struct fbm_range *prev = i > 0 ? &b->ranges[i - 1] : 0;
    struct fbm_range *next = i < b->nranges ? &b->ranges[i] : 0;

    if ((prev && run_end(prev) > first) || (next && next->first < end))
        return -1;

    bool join_prev = prev && run_end(prev) == first;
    bool join_next = next && next->first == end;
    if (join_prev && join_next) {
        prev->count += (end - first) + next->count;
        remove_run(b, i);
    } else if (join_prev) {
        prev->count += end - first;
    } else if (join_next) {
        next->count += next->first - first;
        next->first = first;
    } else {
        if (b->nranges == FBM_MAX_RANGES)
            return -1;
        insert_run(b, i, first, end - first);
    }
    return 0;
}

int fbm_add_free(struct frame_bitmap *b, uint64_t first, uint64_t count)
{
    if (count == 0)
        return 0;
    if (first < b->base || first - b->base > b->nframes || count > b->nframes - (first - b->base))
        return -1;
    if (add_run(b, first, first + count) < 0)
        return -1;
    for (uint64_t f = first; f < first + count; f++)
        set_bit(b, f, false);
    b->total += count;
    return 0;
}

int fbm_take(struct frame_bitmap *b, uint64_t first, uint64_t count)
{
    for (uint64_t f = first; f < first + count; f++) {
        if (!fbm_is_managed(b, f) || bit_is_set(b, f))
            return -1;
    }
    for (uint64_t f = first; f < first + count; f++)
        set_bit(b, f, true);
    b->used += count;
    return 0;
}

/* Claims the lowest clear bit of word w (which must not be full). */
static uint64_t claim_in_word(struct frame_bitmap *b, uint64_t w)
{
    unsigned bit = (unsigned)__builtin_ctzll(~b->words[w]);
    b->words[w] |= 1ULL << bit;
    b->hint = w;
    b->used++;
    return b->base + w * WORD_BITS + bit;
}

uint64_t fbm_alloc(struct frame_bitmap *b)
{
    /* from the hint to the end, then wrap around to the words before it */
    for (uint64_t n = 0; n < b->nwords; n++) {
        uint64_t w = b->hint + n;
        if (w >= b->nwords)
            w -= b->nwords;
        if (b->words[w] != FULL_WORD)
            return claim_in_word(b, w);
    }
    return FBM_NONE;
}

enum fbm_free_result fbm_free(struct frame_bitmap *b, uint64_t frame)
{
    if (!fbm_is_managed(b, frame))
        return FBM_NOT_MANAGED;
    if (!bit_is_set(b, frame))
        return FBM_DOUBLE_FREE;
    set_bit(b, frame, false);
    b->used--;
    b->recycled++;
    return FBM_FREED;
}
