#if YSOS_LAB >= 6
/*
 * device.h - the block device abstraction (mirrors common/device.rs).
 *
 * A device is a read callback over 512-byte blocks plus its size. The
 * kernel wraps its ATA driver (and later a block cache) in one; host tests
 * wrap a memory buffer. The library never writes.
 */
#ifndef STORAGE_DEVICE_H
#define STORAGE_DEVICE_H

#include <stddef.h>
#include <stdint.h>

#include "storage/block.h"

struct block_device {
    void *ctx; /* passed back to read() */
    /*
     * Reads count blocks starting at block lba into buf; returns 0 on
     * success, anything else on failure. count is at most 128 (one FAT
     * cluster); the library never asks for blocks beyond block_count.
     */
    int (*read)(void *ctx, uint64_t lba, void *buf, uint32_t count);
    uint64_t block_count; /* size of the device in blocks */
};

/*
 * Reads count whole blocks, refusing (STORAGE_EIO) any range that does not
 * lie inside the device and mapping a failed callback to STORAGE_EIO.
 */
int blockdev_read(const struct block_device *dev, uint64_t lba, void *buf, uint32_t count);

/*
 * Copies len bytes that start offset bytes into the contiguous run of
 * blocks beginning at lba. Whole blocks go straight into dst; partial ones
 * pass through scratch (one block). Returns 0 or a negative error.
 */
int blockdev_read_bytes(const struct block_device *dev, uint64_t lba, uint64_t offset, void *dst,
                        size_t len, uint8_t *scratch);

#endif
#endif
