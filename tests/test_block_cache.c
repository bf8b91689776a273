/*
 * test_block_cache.c - host tests of drivers/cache.c (the LRU block cache).
 *
 * The inner device is a memory disk whose block i is filled with a pattern
 * derived from i and which records every read call, so the tests can see
 * exactly which blocks the cache fetched, in how many calls, and whether
 * the data handed back is the right block's.
 */
#include "drivers/cache.h"
#include "test.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define DISK_BLOCKS 4096
#define MAX_CALLS   64

struct fake_disk {
    uint32_t calls;
    uint64_t call_lba[MAX_CALLS];
    uint32_t call_count[MAX_CALLS];
    uint64_t blocks_read;
    int64_t fail_at; /* a read touching this block fails; -1 = never */
};

/* The byte at offset off of block lba on the fake disk. */
static uint8_t pattern(uint64_t lba, size_t off)
{
    return (uint8_t)(lba * 31 + off * 7 + (lba >> 8));
}

static int disk_read(void *ctx, uint64_t lba, void *buf, uint32_t count)
{
    struct fake_disk *d = ctx;
    uint8_t *out = buf;

    if (d->calls < MAX_CALLS) {
        d->call_lba[d->calls] = lba;
        d->call_count[d->calls] = count;
    }
    d->calls++;
    if (d->fail_at >= 0 && (uint64_t)d->fail_at >= lba && (uint64_t)d->fail_at < lba + count)
        return -1;
    for (uint32_t b = 0; b < count; b++)
        for (size_t i = 0; i < STORAGE_BLOCK_SIZE; i++)
            out[b * STORAGE_BLOCK_SIZE + i] = pattern(lba + b, i);
    d->blocks_read += count;
    return 0;
}

struct fixture {
    struct fake_disk disk;
    struct block_device dev;
    struct block_cache cache;
    struct block_cache_entry *entries;
};

static void setup(struct fixture *f, uint32_t capacity)
{
    memset(&f->disk, 0, sizeof(f->disk));
    f->disk.fail_at = -1;
    f->dev = (struct block_device){.ctx = &f->disk, .read = disk_read, .block_count = DISK_BLOCKS};
    f->entries = calloc(capacity ? capacity : 1, sizeof(*f->entries));
    block_cache_init(&f->cache, &f->dev, f->entries, capacity);
}

static void teardown(struct fixture *f)
{
    free(f->entries);
}

/* True when buf holds blocks lba .. lba+count-1 of the fake disk. */
static bool holds_blocks(const uint8_t *buf, uint64_t lba, uint32_t count)
{
    for (uint32_t b = 0; b < count; b++)
        for (size_t i = 0; i < STORAGE_BLOCK_SIZE; i++)
            if (buf[b * STORAGE_BLOCK_SIZE + i] != pattern(lba + b, i))
                return false;
    return true;
}

/* Reads one block through the cache device and checks its contents. */
static bool read_one(struct fixture *f, uint64_t lba)
{
    uint8_t buf[STORAGE_BLOCK_SIZE];
    return f->cache.dev.read(f->cache.dev.ctx, lba, buf, 1) == 0 && holds_blocks(buf, lba, 1);
}

/* Reads block lba and reports whether it came from the cache (no new disk call). */
static bool read_was_hit(struct fixture *f, uint64_t lba)
{
    uint32_t before = f->disk.calls;
    CHECK(read_one(f, lba));
    return f->disk.calls == before;
}

TEST(miss_then_hit)
{
    struct fixture f;
    setup(&f, 8);
    CHECK(!read_was_hit(&f, 5));
    CHECK(read_was_hit(&f, 5));
    CHECK(read_was_hit(&f, 5));
    struct block_cache_stats s = block_cache_stats(&f.cache);
    CHECK_EQ(s.misses, 1);
    CHECK_EQ(s.hits, 2);
    CHECK_EQ(s.used, 1);
    CHECK_EQ(s.capacity, 8);
    CHECK_EQ(f.disk.blocks_read, 1);
    teardown(&f);
}

TEST(device_view_has_inner_size)
{
    struct fixture f;
    setup(&f, 4);
    CHECK_EQ(f.cache.dev.block_count, DISK_BLOCKS);
    /* pkg/storage's range check applies to the cached view too */
    uint8_t buf[STORAGE_BLOCK_SIZE];
    CHECK(blockdev_read(&f.cache.dev, DISK_BLOCKS, buf, 1) != 0);
    CHECK(blockdev_read(&f.cache.dev, DISK_BLOCKS - 1, buf, 1) == 0);
    teardown(&f);
}

TEST(evicts_least_recently_used)
{
    struct fixture f;
    setup(&f, 4);
    for (uint64_t b = 0; b < 4; b++)
        CHECK(!read_was_hit(&f, b));
    CHECK(read_was_hit(&f, 0));  /* 0 is now the newest; 1 the oldest */
    CHECK(!read_was_hit(&f, 4)); /* full: evicts 1 */
    CHECK_EQ(block_cache_stats(&f.cache).evictions, 1);
    CHECK(read_was_hit(&f, 0));
    CHECK(read_was_hit(&f, 2));
    CHECK(read_was_hit(&f, 3));
    CHECK(read_was_hit(&f, 4));
    CHECK(!read_was_hit(&f, 1)); /* was evicted; now evicts 0 (oldest after the hits above) */
    CHECK(!read_was_hit(&f, 0));
    teardown(&f);
}

TEST(never_holds_more_than_capacity)
{
    struct fixture f;
    setup(&f, 16);
    for (uint64_t b = 0; b < 100; b++) {
        CHECK(read_one(&f, b * 3));
        CHECK(block_cache_stats(&f.cache).used <= 16);
    }
    struct block_cache_stats s = block_cache_stats(&f.cache);
    CHECK_EQ(s.used, 16);
    CHECK_EQ(s.evictions, 100 - 16);
    /* exactly the last 16 blocks are cached */
    for (uint64_t b = 84; b < 100; b++)
        CHECK(read_was_hit(&f, b * 3));
    CHECK(!read_was_hit(&f, 83 * 3));
    teardown(&f);
}

TEST(multi_block_read_splits_into_runs)
{
    struct fixture f;
    uint8_t buf[16 * STORAGE_BLOCK_SIZE];
    setup(&f, 64);

    /* cold: one call for the whole run */
    CHECK_EQ(f.cache.dev.read(f.cache.dev.ctx, 100, buf, 8), 0);
    CHECK(holds_blocks(buf, 100, 8));
    CHECK_EQ(f.disk.calls, 1);
    CHECK_EQ(f.disk.call_count[0], 8);

    /* 104..111: 104..107 cached, 108..111 fetched in one call */
    CHECK_EQ(f.cache.dev.read(f.cache.dev.ctx, 104, buf, 8), 0);
    CHECK(holds_blocks(buf, 104, 8));
    CHECK_EQ(f.disk.calls, 2);
    CHECK_EQ(f.disk.call_lba[1], 108);
    CHECK_EQ(f.disk.call_count[1], 4);

    /* a hole in the middle: 120 cached, 118..122 -> calls for 118..119 and 121..122 */
    CHECK(read_one(&f, 120));
    uint32_t before = f.disk.calls;
    CHECK_EQ(f.cache.dev.read(f.cache.dev.ctx, 118, buf, 5), 0);
    CHECK(holds_blocks(buf, 118, 5));
    CHECK_EQ(f.disk.calls - before, 2);
    CHECK_EQ(f.disk.call_lba[before], 118);
    CHECK_EQ(f.disk.call_count[before], 2);
    CHECK_EQ(f.disk.call_lba[before + 1], 121);
    CHECK_EQ(f.disk.call_count[before + 1], 2);

    struct block_cache_stats s = block_cache_stats(&f.cache);
    CHECK_EQ(s.misses, 8 + 4 + 1 + 4);
    CHECK_EQ(s.hits, 4 + 1);
    teardown(&f);
}

TEST(run_longer_than_capacity_keeps_the_tail)
{
    struct fixture f;
    uint8_t buf[128 * STORAGE_BLOCK_SIZE];
    setup(&f, 16);
    CHECK_EQ(f.cache.dev.read(f.cache.dev.ctx, 0, buf, 128), 0);
    CHECK(holds_blocks(buf, 0, 128));
    CHECK_EQ(f.disk.calls, 1);
    struct block_cache_stats s = block_cache_stats(&f.cache);
    CHECK_EQ(s.used, 16);
    CHECK_EQ(s.misses, 128);
    CHECK(read_was_hit(&f, 127));
    CHECK(read_was_hit(&f, 112));
    CHECK(!read_was_hit(&f, 111));
    teardown(&f);
}

TEST(failed_read_caches_nothing)
{
    struct fixture f;
    uint8_t buf[4 * STORAGE_BLOCK_SIZE];
    setup(&f, 8);
    f.disk.fail_at = 11;
    CHECK(f.cache.dev.read(f.cache.dev.ctx, 10, buf, 4) != 0);
    CHECK_EQ(block_cache_stats(&f.cache).used, 0);
    CHECK_EQ(block_cache_stats(&f.cache).misses, 0);
    f.disk.fail_at = -1;
    CHECK(!read_was_hit(&f, 10)); /* retried on the device, not served stale */
    CHECK(read_was_hit(&f, 10));
    teardown(&f);
}

TEST(chains_beyond_bucket_count)
{
    /* more entries than buckets, with lbas that collide in the same bucket */
    struct fixture f;
    const uint32_t cap = BLOCK_CACHE_BUCKETS * 2;
    setup(&f, cap);
    for (uint64_t i = 0; i < cap; i++)
        CHECK(read_one(&f, (i % 8) * BLOCK_CACHE_BUCKETS + i / 8));
    CHECK_EQ(block_cache_stats(&f.cache).used, cap);
    CHECK_EQ(block_cache_stats(&f.cache).evictions, 0);
    for (uint64_t i = 0; i < cap; i++)
        CHECK(read_was_hit(&f, (i % 8) * BLOCK_CACHE_BUCKETS + i / 8));
    /* one more evicts the oldest, i = 0 -> block 0 */
    CHECK(!read_was_hit(&f, 4000));
    CHECK(!read_was_hit(&f, 0));
    teardown(&f);
}

TEST(random_access_matches_a_model)
{
    /* A naive LRU (array ordered by recency) predicts every hit and miss. */
    enum { CAP = 32 };
    struct fixture f;
    uint64_t model[CAP];
    int model_len = 0;
    int wrong = 0;
    setup(&f, CAP);
    srand(42);
    for (int step = 0; step < 20000; step++) {
        uint64_t lba = (uint64_t)(rand() % 80);
        int pos = -1;
        for (int i = 0; i < model_len; i++)
            if (model[i] == lba)
                pos = i;
        bool expect_hit = pos >= 0;
        if (pos < 0)
            pos = model_len < CAP ? model_len++ : CAP - 1; /* drop the oldest */
        memmove(&model[1], &model[0], (size_t)pos * sizeof(model[0]));
        model[0] = lba;
        wrong += read_was_hit(&f, lba) != expect_hit;
    }
    CHECK_EQ(wrong, 0);
    struct block_cache_stats s = block_cache_stats(&f.cache);
    CHECK_EQ(s.hits + s.misses, 20000);
    CHECK_EQ(s.misses, f.disk.blocks_read);
    teardown(&f);
}

TEST(zero_capacity_passes_through)
{
    struct fixture f;
    setup(&f, 0);
    CHECK(!read_was_hit(&f, 1));
    CHECK(!read_was_hit(&f, 1));
    CHECK_EQ(block_cache_stats(&f.cache).used, 0);
    teardown(&f);
}

int main(void)
{
    RUN(miss_then_hit);
    RUN(device_view_has_inner_size);
    RUN(evicts_least_recently_used);
    RUN(never_holds_more_than_capacity);
    RUN(multi_block_read_splits_into_runs);
    RUN(run_longer_than_capacity_keeps_the_tail);
    RUN(failed_read_caches_nothing);
    RUN(chains_beyond_bucket_count);
    RUN(random_access_matches_a_model);
    RUN(zero_capacity_passes_through);
    return test_summary();
}
