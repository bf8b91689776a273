#if YSOS_LAB >= 6
/*
 * entry.c - one 16-byte MBR partition entry (partition/mbr/entry.rs).
 *
 *   0x00 status (0x80 bootable)   0x01-0x03 first block as head/sector/cylinder
 *   0x04 type                     0x05-0x07 last block as head/sector/cylinder
 *   0x08 first block (LBA, u32)   0x0C number of blocks (u32)
 *
 * In a CHS triple the sector byte carries the cylinder's top two bits in
 * its bits 6-7; only the LBA fields matter on modern disks.
 */
#include "storage/mbr.h"
#include "storage/todo.h"

#if YSOS_SOLVED >= 6
static uint16_t chs_cylinder(const uint8_t *chs)
{
    return (uint16_t)(((chs[1] & 0xC0) << 2) | chs[2]);
}

void mbr_entry_decode(const uint8_t raw[MBR_ENTRY_SIZE], struct mbr_entry *out)
{
    out->status = raw[0];
    out->begin_head = raw[1];
    out->begin_sector = raw[2] & 0x3F;
    out->begin_cylinder = chs_cylinder(raw + 1);
    out->type = raw[4];
    out->end_head = raw[5];
    out->end_sector = raw[6] & 0x3F;
    out->end_cylinder = chs_cylinder(raw + 5);
    out->lba_start = le32(raw + 8);
    out->sector_count = le32(raw + 12);
}
#else
void mbr_entry_decode(const uint8_t raw[MBR_ENTRY_SIZE], struct mbr_entry *out)
{
    /* TODO(lab 0x06): decode the fields of the MbrPartition (status, CHS
     * begin/end as head, sector, cylinder, type, begin LBA, total LBA).
     * Guide: 0x06 tasks.md "MBR 分区表"; Rust:
     * crates/storage/src/partition/mbr/entry.rs MbrPartition */
    (void)raw;
    LAB_TODO(6, "mbr_entry_decode");
    *out = (struct mbr_entry){0};
}
#endif

bool mbr_entry_is_bootable(const struct mbr_entry *e)
{
    return e->status == MBR_STATUS_ACTIVE;
}

bool mbr_entry_is_used(const struct mbr_entry *e)
{
    return e->type != MBR_TYPE_EMPTY && e->sector_count != 0;
}

bool mbr_entry_is_extended(const struct mbr_entry *e)
{
    return e->type == MBR_TYPE_EXTENDED || e->type == MBR_TYPE_EXTENDED_LBA;
}
#endif
