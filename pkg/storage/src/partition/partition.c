#if YSOS_LAB >= 6
/*
 * partition.c - a partition as a block device of its own (the Partition
 * struct of partition/mod.rs). The file system on it sees blocks
 * 0 .. count-1 and cannot reach the rest of the disk.
 */
#include "storage/error.h"
#include "storage/partition.h"
#include "storage/todo.h"

/* The view's read callback: shift into the parent, refusing anything outside. */
static int partition_read(void *ctx, uint64_t lba, void *buf, uint32_t count)
{
#if YSOS_SOLVED >= 6
    const struct partition *part = ctx;

    if (lba >= part->count || count > part->count - lba)
        return STORAGE_EIO;
    return blockdev_read(&part->parent, part->start + lba, buf, count);
#else
    /* TODO(lab 0x06): calculate the block offset for the inner device and
     * read from it. Guide: 0x06 tasks.md "MBR 分区表"; Rust:
     * crates/storage/src/partition/mod.rs Partition::read_block */
    (void)ctx, (void)lba, (void)buf, (void)count;
    LAB_TODO(6, "partition_read");
    return STORAGE_EIO;
#endif
}

int partition_open(struct partition *part, const struct block_device *parent, uint64_t start,
                   uint64_t count)
{
    if (count == 0 || start >= parent->block_count || count > parent->block_count - start)
        return STORAGE_ECORRUPT;
    part->parent = *parent;
    part->start = start;
    part->count = count;
    part->dev.ctx = part;
    part->dev.read = partition_read;
    part->dev.block_count = count;
    return STORAGE_OK;
}
#endif
