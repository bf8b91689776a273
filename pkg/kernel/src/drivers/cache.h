/*
 * drivers/cache.h - an LRU cache of 512-byte blocks in front of a block
 * device (Rust: drivers/cache.rs + storage's common/cache.rs).
 *
 *   struct block_cache cache;
 *   block_cache_init(&cache, &disk_dev, entries, 256);
 *   mbr_read(&cache.dev, &table);     // pkg/storage reads through the cache
 *
 * The cache is itself a struct block_device (cache.dev): a read of several
 * blocks is split into cached blocks, and each run of consecutive misses
 * goes to the inner device in one call. When full, the least recently used
 * block is dropped. Read-only, like the rest of the storage stack.
 *
 * Portable (no kernel headers): tests/test_block_cache.c runs it on the
 * host. Not thread-safe: the file system's volume lock covers it.
 */
#ifndef DRIVERS_CACHE_H
#define DRIVERS_CACHE_H

#include <stdint.h>

#include "storage/device.h"

#define BLOCK_CACHE_DEFAULT_CAPACITY 256 /* as the Rust kernel's LruCache */
#define BLOCK_CACHE_BUCKETS          256 /* hash buckets (a power of two) */
#define BLOCK_CACHE_NONE             (-1)

/* One cached block, linked into the recency list and a hash chain by index. */
struct block_cache_entry {
    uint64_t lba;
    int32_t newer, older; /* neighbours in the recency list */
    int32_t hash_next;    /* next entry in the same bucket */
    uint8_t data[STORAGE_BLOCK_SIZE];
};

struct block_cache_stats {
    uint64_t hits;      /* blocks served from the cache */
    uint64_t misses;    /* blocks read from the inner device */
    uint64_t evictions; /* blocks dropped to make room */
    uint32_t used;      /* blocks held now */
    uint32_t capacity;
};

struct block_cache {
    struct block_device inner; /* the device being cached */
    struct block_device dev;   /* the cached view: pass &cache->dev around */
    struct block_cache_entry *entries;
    int32_t buckets[BLOCK_CACHE_BUCKETS]; /* first entry of each hash chain */
    int32_t newest, oldest;               /* ends of the recency list */
    struct block_cache_stats stats;
};

/*
 * Sets cache up in front of inner with room for capacity blocks in
 * entries[capacity] (owned by the caller). cache->dev points back at cache:
 * do not copy the struct afterwards.
 */
void block_cache_init(struct block_cache *cache, const struct block_device *inner,
                      struct block_cache_entry *entries, uint32_t capacity);

/*
 * Reads count blocks at lba into buf through the cache (the callback
 * behind cache->dev). Returns 0, or the inner device's non-zero result;
 * blocks of a failed read are not cached.
 */
int block_cache_read(struct block_cache *cache, uint64_t lba, void *buf, uint32_t count);

/* Counters and fill level. */
struct block_cache_stats block_cache_stats(const struct block_cache *cache);

#endif
