#if YSOS_LAB >= 6
/*
 * mod.c - the MBR partition table of a disk (partition/mbr/mod.rs): find
 * the table in block 0, pick a partition, open it as a block device.
 */
#include "storage/error.h"
#include "storage/mbr.h"
#include "storage/todo.h"

#define MBR_SIGNATURE_OFFSET 510

int mbr_parse(const uint8_t sector[STORAGE_BLOCK_SIZE], struct mbr_table *out)
{
#if YSOS_SOLVED >= 6
    int i;

    if (sector[MBR_SIGNATURE_OFFSET] != 0x55 || sector[MBR_SIGNATURE_OFFSET + 1] != 0xAA)
        return STORAGE_ECORRUPT;
    for (i = 0; i < MBR_ENTRY_COUNT; i++)
        mbr_entry_decode(sector + MBR_TABLE_OFFSET + i * MBR_ENTRY_SIZE, &out->entries[i]);
    return STORAGE_OK;
#else
    /* TODO(lab 0x06): parse the four MBR partition entries from the
     * buffer. Guide: 0x06 tasks.md "MBR 分区表"; Rust:
     * crates/storage/src/partition/mbr/mod.rs MbrTable::parse */
    (void)sector, (void)out;
    LAB_TODO(6, "mbr_parse");
    return STORAGE_ECORRUPT;
#endif
}

int mbr_read(const struct block_device *disk, struct mbr_table *out)
{
    uint8_t sector[STORAGE_BLOCK_SIZE];
    int err = blockdev_read(disk, 0, sector, 1);

    if (err != STORAGE_OK)
        return err;
    return mbr_parse(sector, out);
}

int mbr_find_bootable(const struct mbr_table *table)
{
    int i;

    for (i = 0; i < MBR_ENTRY_COUNT; i++) {
        const struct mbr_entry *e = &table->entries[i];

        if (mbr_entry_is_used(e) && mbr_entry_is_bootable(e))
            return i;
    }
    return STORAGE_ENOENT;
}

int mbr_open_partition(const struct mbr_table *table, int index, const struct block_device *disk,
                       struct partition *out)
{
    const struct mbr_entry *e;

    if (index < 0 || index >= MBR_ENTRY_COUNT)
        return STORAGE_EINVAL;
    e = &table->entries[index];
    if (!mbr_entry_is_used(e) || mbr_entry_is_extended(e))
        return STORAGE_EINVAL;
    return partition_open(out, disk, e->lba_start, e->sector_count);
}
#endif
