#if YSOS_LAB >= 6
/*
 * chain.c - walking a cluster chain once, with a loop detector (the Rust
 * crate trusts the FAT and has no counterpart).
 *
 * A damaged FAT can make a chain loop (a -> b -> a) or leave the volume.
 * Counting steps up to the volume's cluster count stops a loop, but only
 * after tens of thousands of steps: for a directory that meant listing the
 * same entries over and over. Brent's cycle detection instead finds a loop
 * within a few times the chain's length, in O(1) memory (no bitmap of
 * 65 524 clusters), and a second pass finds where it closes, so callers
 * know how many distinct clusters come before the first repeat and stop
 * exactly there.
 */
#include "internal.h"
#include "storage/error.h"

/*
 * Where a loop of length lambda closes: the number of clusters before it
 * (mu) plus lambda is the count of distinct clusters. Second pass of
 * Brent's algorithm: a pointer lambda steps ahead meets the other at the
 * first repeated cluster.
 */
static int loop_start(struct fat16 *fs, uint32_t first, uint32_t lambda, uint32_t *distinct)
{
    int slow = (int)first, fast = (int)first;
    uint32_t mu = 0;

    for (uint32_t i = 0; i < lambda && fast > 0; i++)
        fast = fat16_next_cluster(fs, (uint32_t)fast);
    while (fast > 0 && slow != fast) {
        slow = fat16_next_cluster(fs, (uint32_t)slow);
        fast = fat16_next_cluster(fs, (uint32_t)fast);
        mu++;
    }
    if (fast <= 0) /* the FAT changed under us: report what we see now */
        return fast < 0 ? fast
                        : fat16_corrupt(fs, "cluster chain changed while being read, from cluster",
                                        first);
    *distinct = mu + lambda;
    return fat16_corrupt(fs, "cluster chain loops back to cluster", (uint32_t)fast);
}

int fat16_chain_walk(struct fat16 *fs, uint32_t first, uint32_t *distinct)
{
    /* Brent: hare walks the chain; tortoise waits at the last power of two. */
    uint64_t limit = 4 * (uint64_t)fs->layout.cluster_count + 4;
    uint32_t power = 1, lambda = 1, steps = 1;
    int tortoise = (int)first, hare;

    *distinct = 0;
    if (!fat16_cluster_valid(fs, first))
        return fat16_corrupt(fs, "no such cluster on the volume: cluster", first);
    hare = fat16_next_cluster(fs, first);
    while (hare != tortoise) {
        if (hare <= 0) { /* the end (FAT16_CHAIN_END) or a bad entry */
            *distinct = steps;
            return hare; /* FAT16_CHAIN_END is STORAGE_OK */
        }
        if (steps >= limit) /* a loop is always found long before this */
            return fat16_corrupt(fs, "cluster chain does not end, from cluster", first);
        if (power == lambda) {
            tortoise = hare;
            power *= 2;
            lambda = 0;
        }
        hare = fat16_next_cluster(fs, (uint32_t)hare);
        lambda++;
        steps++;
    }
    return loop_start(fs, first, lambda, distinct);
}
#endif
