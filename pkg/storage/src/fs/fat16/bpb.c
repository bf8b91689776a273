#if YSOS_LAB >= 6
/*
 * bpb.c - the BIOS Parameter Block in block 0 of a FAT volume
 * (fs/fat16/bpb.rs). It describes the layout:
 *
 *   [reserved (boot sector...)] [FAT 1] [FAT 2...] [root dir] [clusters 2, 3, ...]
 *
 * Every number here comes from the disk, so each is checked before the
 * layout is trusted: a zero or absurd field must not lead to a division by
 * zero, an endless loop or a read outside the device later on.
 */
#include "storage/error.h"
#include "storage/fat16.h"
#include "storage/todo.h"

/* Field offsets (names from Microsoft's FAT specification). */
#define BPB_BYTS_PER_SEC 0x0B
#define BPB_SEC_PER_CLUS 0x0D
#define BPB_RSVD_SEC_CNT 0x0E
#define BPB_NUM_FATS     0x10
#define BPB_ROOT_ENT_CNT 0x11
#define BPB_TOT_SEC_16   0x13
#define BPB_FAT_SZ_16    0x16
#define BPB_TOT_SEC_32   0x20
#define BPB_SIGNATURE    0x1FE

static uint32_t bpb_total_sectors(const uint8_t *s)
{
    uint16_t small = le16(s + BPB_TOT_SEC_16);

    return small != 0 ? small : le32(s + BPB_TOT_SEC_32);
}

/* Checks each field on its own; returns what is wrong, or NULL. */
static const char *bpb_check_fields(const uint8_t *s)
{
    uint8_t spc = s[BPB_SEC_PER_CLUS];

    if (s[BPB_SIGNATURE] != 0x55 || s[BPB_SIGNATURE + 1] != 0xAA)
        return "missing boot signature 55 AA";
    if (le16(s + BPB_BYTS_PER_SEC) != STORAGE_BLOCK_SIZE)
        return "bytes per sector is not 512";
    if (spc == 0 || (spc & (spc - 1)) != 0)
        return "sectors per cluster is not a power of two";
    if (le16(s + BPB_RSVD_SEC_CNT) == 0)
        return "reserved sector count is 0";
    if (s[BPB_NUM_FATS] == 0)
        return "FAT count is 0";
    if (le16(s + BPB_ROOT_ENT_CNT) == 0)
        return "root entry count is 0 (FAT32?)";
    if (le16(s + BPB_FAT_SZ_16) == 0)
        return "sectors per FAT is 0 (FAT32?)";
    if (bpb_total_sectors(s) == 0)
        return "total sector count is 0";
    return NULL;
}

/* Places the regions one after another, as the specification defines. */
static void bpb_place_regions(const uint8_t *s, struct fat16_layout *l)
{
#if YSOS_SOLVED >= 6
    l->sectors_per_cluster = s[BPB_SEC_PER_CLUS];
    l->cluster_bytes = l->sectors_per_cluster * STORAGE_BLOCK_SIZE;
    l->fat_start = le16(s + BPB_RSVD_SEC_CNT);
    l->fat_sectors = le16(s + BPB_FAT_SZ_16);
    l->fat_count = s[BPB_NUM_FATS];
    l->root_entries = le16(s + BPB_ROOT_ENT_CNT);
    l->root_start = l->fat_start + l->fat_count * l->fat_sectors;
    l->root_sectors =
        (l->root_entries * FAT16_DIRENT_SIZE + STORAGE_BLOCK_SIZE - 1) / STORAGE_BLOCK_SIZE;
    l->data_start = l->root_start + l->root_sectors;
    l->total_sectors = bpb_total_sectors(s);
#else
    /* TODO(lab 0x06): read the BPB fields (sectors per cluster, reserved
     * sectors, FAT count and size, root entries, total sectors) and place
     * the regions: the root directory's size and first sector, then the
     * data region. Guide: 0x06 tasks.md "BPB"; Rust:
     * crates/storage/src/fs/fat16/bpb.rs Fat16Bpb, impls.rs Fat16Impl::new */
    (void)s;
    LAB_TODO(6, "bpb_place_regions");
    *l = (struct fat16_layout){0}; /* no data region: the mount is refused */
#endif
}

/* Checks that the regions make a FAT16 volume that fits on the device. */
static const char *bpb_check_layout(struct fat16_layout *l, uint64_t device_blocks)
{
    if (l->data_start >= l->total_sectors)
        return "no room for data clusters";
    l->cluster_count = (l->total_sectors - l->data_start) / l->sectors_per_cluster;
    if (l->cluster_count < FAT16_MIN_CLUSTERS)
        return "too few clusters for FAT16 (FAT12?)";
    if (l->cluster_count > FAT16_MAX_CLUSTERS)
        return "too many clusters for FAT16 (FAT32?)";
    if ((uint64_t)l->fat_sectors * (STORAGE_BLOCK_SIZE / 2) < l->cluster_count + 2)
        return "FAT is too small for the cluster count";
    if (l->total_sectors > device_blocks)
        return "volume is larger than its device";
    return NULL;
}

int fat16_bpb_parse(const uint8_t sector[STORAGE_BLOCK_SIZE], uint64_t device_blocks,
                    struct fat16_layout *out, const char **why)
{
    const char *reason = bpb_check_fields(sector);

    if (reason == NULL) {
        bpb_place_regions(sector, out);
        reason = bpb_check_layout(out, device_blocks);
    }
    if (why != NULL)
        *why = reason;
    return reason == NULL ? STORAGE_OK : STORAGE_ECORRUPT;
}
#endif
