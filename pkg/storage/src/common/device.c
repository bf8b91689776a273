#if YSOS_LAB >= 6
/*
 * device.c - checked reads from a block device. All device access of the
 * library goes through blockdev_read(), so a corrupt volume that points
 * past the end of the disk yields STORAGE_EIO instead of a driver fault.
 */
#include "storage/device.h"
#include "storage/error.h"

int blockdev_read(const struct block_device *dev, uint64_t lba, void *buf, uint32_t count)
{
    if (count == 0 || lba >= dev->block_count || count > dev->block_count - lba)
        return STORAGE_EIO;
    if (dev->read(dev->ctx, lba, buf, count) != 0)
        return STORAGE_EIO;
    return STORAGE_OK;
}

/* Whole blocks available from the current position: read them in one go. */
static int read_whole_blocks(const struct block_device *dev, uint64_t lba, uint8_t *dst, size_t len,
                             size_t *done)
{
    uint32_t count = (uint32_t)(len / STORAGE_BLOCK_SIZE);
    int err = blockdev_read(dev, lba, dst, count);

    *done = (size_t)count * STORAGE_BLOCK_SIZE;
    return err;
}

/* A piece of one block (unaligned start or short tail): go through scratch. */
static int read_partial_block(const struct block_device *dev, uint64_t lba, uint32_t in_block,
                              uint8_t *dst, size_t len, uint8_t *scratch, size_t *done)
{
    size_t chunk = STORAGE_BLOCK_SIZE - in_block;
    int err = blockdev_read(dev, lba, scratch, 1);

    if (chunk > len)
        chunk = len;
    if (err == STORAGE_OK)
        __builtin_memcpy(dst, scratch + in_block, chunk);
    *done = chunk;
    return err;
}

int blockdev_read_bytes(const struct block_device *dev, uint64_t lba, uint64_t offset, void *dst,
                        size_t len, uint8_t *scratch)
{
    uint8_t *out = dst;

    while (len > 0) {
        uint64_t block = lba + offset / STORAGE_BLOCK_SIZE;
        uint32_t in_block = (uint32_t)(offset % STORAGE_BLOCK_SIZE);
        size_t done;
        int err;

        if (in_block == 0 && len >= STORAGE_BLOCK_SIZE)
            err = read_whole_blocks(dev, block, out, len, &done);
        else
            err = read_partial_block(dev, block, in_block, out, len, scratch, &done);
        if (err != STORAGE_OK)
            return err;
        out += done;
        offset += done;
        len -= done;
    }
    return STORAGE_OK;
}
#endif
