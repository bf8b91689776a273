#if YSOS_LAB >= 6
/*
 * partition.h - a window onto part of a block device (mirrors
 * partition/mod.rs): block 0 of the partition is block `start` of the
 * parent, and nothing outside the window can be read through it.
 */
#ifndef STORAGE_PARTITION_H
#define STORAGE_PARTITION_H

#include <stdint.h>

#include "storage/device.h"

struct partition {
    struct block_device parent; /* the whole disk */
    uint64_t start;             /* first block, in parent blocks */
    uint64_t count;             /* length in blocks */
    struct block_device dev;    /* the view itself: pass &part->dev around */
};

/*
 * Sets up part as blocks [start, start + count) of parent. Fails with
 * STORAGE_ECORRUPT when that range is empty or runs past the parent's end.
 * part->dev points back at part: do not copy a partition after this.
 */
int partition_open(struct partition *part, const struct block_device *parent, uint64_t start,
                   uint64_t count);

#endif
#endif
