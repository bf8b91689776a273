#if YSOS_LAB >= 6
/*
 * mbr.h - the classic MBR partition table (mirrors partition/mbr/).
 *
 * Block 0 of a disk ends in the signature 55 AA and holds four 16-byte
 * entries at offset 0x1BE. QEMU's vvfat disk (fat:esp) is such a disk with
 * one bootable FAT16 partition.
 */
#ifndef STORAGE_MBR_H
#define STORAGE_MBR_H

#include <stdbool.h>
#include <stdint.h>

#include "storage/device.h"
#include "storage/partition.h"

#define MBR_ENTRY_COUNT       4
#define MBR_TABLE_OFFSET      0x1BE
#define MBR_ENTRY_SIZE        16
#define MBR_STATUS_ACTIVE     0x80
#define MBR_TYPE_EMPTY        0x00
#define MBR_TYPE_EXTENDED     0x05
#define MBR_TYPE_EXTENDED_LBA 0x0F

/* One decoded partition entry. The CHS fields are informational only. */
struct mbr_entry {
    uint8_t status; /* 0x80 = bootable ("active") */
    uint8_t type;   /* partition type, e.g. 0x06 FAT16, 0x0B FAT32 */
    uint8_t begin_head, begin_sector;
    uint16_t begin_cylinder;
    uint8_t end_head, end_sector;
    uint16_t end_cylinder;
    uint32_t lba_start;    /* first block */
    uint32_t sector_count; /* length in blocks */
};

struct mbr_table {
    struct mbr_entry entries[MBR_ENTRY_COUNT];
};

/* Decodes one 16-byte table entry. */
void mbr_entry_decode(const uint8_t raw[MBR_ENTRY_SIZE], struct mbr_entry *out);

/* Status byte 0x80. */
bool mbr_entry_is_bootable(const struct mbr_entry *e);

/* A slot that describes a partition at all (type and length non-zero). */
bool mbr_entry_is_used(const struct mbr_entry *e);

/* Type 0x05 or 0x0F: a container of logical partitions, not a file system. */
bool mbr_entry_is_extended(const struct mbr_entry *e);

/* Decodes the table of a block-0 image; STORAGE_ECORRUPT without 55 AA. */
int mbr_parse(const uint8_t sector[STORAGE_BLOCK_SIZE], struct mbr_table *out);

/* Reads block 0 of disk and decodes it (STORAGE_EIO if it cannot be read). */
int mbr_read(const struct block_device *disk, struct mbr_table *out);

/* Index of the first used bootable entry (as the Rust kernel mounts), else STORAGE_ENOENT. */
int mbr_find_bootable(const struct mbr_table *table);

/*
 * Opens entry index of table as a partition of disk: STORAGE_EINVAL for a
 * bad index or an unused/extended entry, STORAGE_ECORRUPT when the entry
 * does not fit on the disk.
 */
int mbr_open_partition(const struct mbr_table *table, int index, const struct block_device *disk,
                       struct partition *out);

#endif
#endif
