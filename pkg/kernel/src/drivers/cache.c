/*
 * drivers/cache.c - LRU block cache.
 *
 * Entries live in a caller-supplied array and refer to each other by
 * index. Two structures index them:
 *  - a hash table (lba -> entry) with chains through hash_next, so a
 *    lookup costs a few comparisons instead of a scan of every entry;
 *  - a doubly linked recency list from newest to oldest: a hit moves the
 *    entry to the newest end, and the oldest entry is the one evicted.
 * Entries are handed out in array order until the cache is full; from
 * then on every new block reuses the oldest entry.
 */
#include "drivers/cache.h"

#include <stdbool.h>

#include "utils/string.h"

static uint32_t bucket_of(uint64_t lba)
{
    return (uint32_t)(lba & (BLOCK_CACHE_BUCKETS - 1));
}

/* The entry holding lba, or BLOCK_CACHE_NONE. */
static int32_t find(const struct block_cache *c, uint64_t lba)
{
    int32_t i = c->buckets[bucket_of(lba)];

    while (i != BLOCK_CACHE_NONE && c->entries[i].lba != lba)
        i = c->entries[i].hash_next;
    return i;
}

/* Takes entry i out of the recency list. */
static void list_unlink(struct block_cache *c, int32_t i)
{
    struct block_cache_entry *e = &c->entries[i];

    if (e->newer != BLOCK_CACHE_NONE)
        c->entries[e->newer].older = e->older;
    else
        c->newest = e->older;
    if (e->older != BLOCK_CACHE_NONE)
        c->entries[e->older].newer = e->newer;
    else
        c->oldest = e->newer;
}

/* Puts entry i at the newest end of the recency list. */
static void list_push_newest(struct block_cache *c, int32_t i)
{
    struct block_cache_entry *e = &c->entries[i];

    e->newer = BLOCK_CACHE_NONE;
    e->older = c->newest;
    if (c->newest != BLOCK_CACHE_NONE)
        c->entries[c->newest].newer = i;
    else
        c->oldest = i;
    c->newest = i;
}

/* Takes entry i out of its hash chain. */
static void hash_remove(struct block_cache *c, int32_t i)
{
    int32_t *link = &c->buckets[bucket_of(c->entries[i].lba)];

    while (*link != i)
        link = &c->entries[*link].hash_next;
    *link = c->entries[i].hash_next;
}

static void hash_insert(struct block_cache *c, int32_t i)
{
    int32_t *head = &c->buckets[bucket_of(c->entries[i].lba)];

    c->entries[i].hash_next = *head;
    *head = i;
}

/* An entry to fill: a never-used one while there are some, else the oldest (evicted). */
static int32_t take_free_entry(struct block_cache *c)
{
    int32_t i;

    if (c->stats.used < c->stats.capacity)
        return (int32_t)c->stats.used++;
    i = c->oldest;
    list_unlink(c, i);
    hash_remove(c, i);
    c->stats.evictions++;
    return i;
}

/* Remembers a copy of block lba (which is not cached yet) as the newest entry. */
static void insert(struct block_cache *c, uint64_t lba, const uint8_t *data)
{
    int32_t i;

    if (c->stats.capacity == 0)
        return; /* a cache with no room just passes reads through */
    i = take_free_entry(c);

    c->entries[i].lba = lba;
    memcpy(c->entries[i].data, data, STORAGE_BLOCK_SIZE);
    hash_insert(c, i);
    list_push_newest(c, i);
}

/* Copies block lba out of the cache and marks it most recently used; false on a miss. */
static bool lookup(struct block_cache *c, uint64_t lba, uint8_t *out)
{
    int32_t i = find(c, lba);

    if (i == BLOCK_CACHE_NONE)
        return false;
    memcpy(out, c->entries[i].data, STORAGE_BLOCK_SIZE);
    list_unlink(c, i);
    list_push_newest(c, i);
    return true;
}

/* How many of the blocks lba, lba+1, ... (at most max) are not cached, in a row. */
static uint32_t miss_run(const struct block_cache *c, uint64_t lba, uint32_t max)
{
    uint32_t n = 0;

    while (n < max && find(c, lba + n) == BLOCK_CACHE_NONE)
        n++;
    return n;
}

/* Reads a run of missing blocks from the inner device in one call and caches them. */
static int fill_run(struct block_cache *c, uint64_t lba, uint8_t *out, uint32_t count)
{
    int err = c->inner.read(c->inner.ctx, lba, out, count);

    if (err != 0)
        return err;
    for (uint32_t k = 0; k < count; k++)
        insert(c, lba + k, out + (size_t)k * STORAGE_BLOCK_SIZE);
    c->stats.misses += count;
    return 0;
}

int block_cache_read(struct block_cache *c, uint64_t lba, void *buf, uint32_t count)
{
    uint8_t *out = buf;
    uint32_t done = 0;

    while (done < count) {
        uint8_t *dst = out + (size_t)done * STORAGE_BLOCK_SIZE;
        uint32_t run;
        int err;

        if (lookup(c, lba + done, dst)) {
            c->stats.hits++;
            done++;
            continue;
        }
        run = miss_run(c, lba + done, count - done);
        err = fill_run(c, lba + done, dst, run);
        if (err != 0)
            return err;
        done += run;
    }
    return 0;
}

/* The block_device callback: ctx is the cache. */
static int cache_dev_read(void *ctx, uint64_t lba, void *buf, uint32_t count)
{
    return block_cache_read(ctx, lba, buf, count);
}

void block_cache_init(struct block_cache *c, const struct block_device *inner,
                      struct block_cache_entry *entries, uint32_t capacity)
{
    c->inner = *inner;
    c->dev.ctx = c;
    c->dev.read = cache_dev_read;
    c->dev.block_count = inner->block_count;
    c->entries = entries;
    for (uint32_t b = 0; b < BLOCK_CACHE_BUCKETS; b++)
        c->buckets[b] = BLOCK_CACHE_NONE;
    c->newest = c->oldest = BLOCK_CACHE_NONE;
    c->stats = (struct block_cache_stats){.capacity = capacity};
}

struct block_cache_stats block_cache_stats(const struct block_cache *c)
{
    return c->stats;
}
