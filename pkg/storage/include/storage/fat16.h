#if YSOS_LAB >= 6
/*
 * fat16.h - read-only FAT16 with VFAT long names (mirrors fs/fat16/).
 *
 * No allocation: the caller owns every struct below (the kernel embeds
 * them) and the library only fills them in. A mounted struct fat16 holds
 * one FAT sector cache and one scratch block, so calls on the same volume
 * must not run concurrently (the kernel holds a lock around them).
 *
 *   struct fat16 fs;            fat16_mount(&fs, &part.dev);
 *   struct fat16_file f;        fat16_open(&fs, "/APP/factorial", &f);
 *                               fat16_read(&f, offset, buf, len);
 *   struct fat16_dir d;         fat16_opendir(&fs, "/APP", &d);
 *   struct storage_metadata m;  while (fat16_readdir(&d, &m) > 0) ...
 *
 * Paths: see filesystem.h. "." and ".." work, names match without regard to
 * case, and either the long name or the 8.3 name reaches an entry:
 * "/APP/factorial" and "/app/FACTOR~1" are the same file.
 *
 * Corrupt volumes never hang or crash: every cluster number is range
 * checked, every chain walk stops at the first cluster it has seen before
 * (so never takes more than a few times the volume's cluster count), and
 * each problem comes back as STORAGE_ECORRUPT, with fs->corrupt_why and
 * fs->corrupt_cluster saying what was wrong where (or STORAGE_EIO from the
 * device). A directory whose chain loops lists every entry of its distinct
 * clusters once, then fat16_readdir() returns STORAGE_ECORRUPT.
 */
#ifndef STORAGE_FAT16_H
#define STORAGE_FAT16_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storage/device.h"
#include "storage/metadata.h"

#define FAT16_DIRENT_SIZE         32
#define FAT16_MIN_CLUSTERS        4085  /* fewer clusters means FAT12 */
#define FAT16_MAX_CLUSTERS        65524 /* more clusters means FAT32 */
#define FAT16_ROOT_CLUSTER        0     /* how ".." and our API name the root */
#define FAT16_CHAIN_END           0     /* fat16_next_cluster(): no next cluster */
#define FAT16_LFN_MAX_ENTRIES     20
#define FAT16_LFN_UNITS_PER_ENTRY 13
#define FAT16_LFN_MAX_UNITS       (FAT16_LFN_MAX_ENTRIES * FAT16_LFN_UNITS_PER_ENTRY)

/* Where things are on the volume, derived from the BPB (all in blocks). */
struct fat16_layout {
    uint32_t sectors_per_cluster;
    uint32_t cluster_bytes;
    uint32_t fat_start;   /* first block of the first FAT */
    uint32_t fat_sectors; /* blocks per FAT */
    uint32_t fat_count;
    uint32_t root_start; /* the fixed-size root directory region */
    uint32_t root_sectors;
    uint32_t root_entries;
    uint32_t data_start; /* block of cluster 2 */
    uint32_t total_sectors;
    uint32_t cluster_count; /* valid clusters are 2 .. cluster_count + 1 */
};

/* A mounted volume. */
struct fat16 {
    struct block_device dev;
    struct fat16_layout layout;
    const char *mount_error; /* why fat16_mount() refused, for the log */
    /* Why the last STORAGE_ECORRUPT was returned and the cluster that names,
     * for one log line: "<why> <cluster>", e.g. "cluster chain loops back
     * to cluster 517". */
    const char *corrupt_why;
    uint32_t corrupt_cluster;
    bool fat_cached;
    uint64_t fat_cached_lba;
    uint8_t fat_cache[STORAGE_BLOCK_SIZE]; /* the FAT block read last */
    uint8_t scratch[STORAGE_BLOCK_SIZE];   /* partial-block reads of file data */
};

/* An open file: fat16_read() may be called at any offset, any number of times. */
struct fat16_file {
    struct fat16 *fs;
    uint16_t first_cluster;
    uint32_t size;
    uint8_t attributes;
    struct storage_time modified;
    /* Cursor cache: cluster number hint_cluster is the hint_index-th of the
     * file, so sequential reads do not walk the chain from the start. */
    uint32_t hint_index;
    uint16_t hint_cluster; /* 0 = no hint */
};

/* Long-name pieces collected while walking a directory (see lfn.c). */
struct fat16_lfn {
    uint16_t units[FAT16_LFN_MAX_UNITS];
    uint8_t checksum; /* of the 8.3 entry the pieces belong to */
    uint8_t entries;  /* how many pieces the name has; 0 = none pending */
    uint8_t next;     /* ordinal of the piece expected next; 0 = complete */
};

/* An open directory: a cursor over its 32-byte entries. */
struct fat16_dir {
    struct fat16 *fs;
    uint16_t first_cluster; /* FAT16_ROOT_CLUSTER for the root region */
    uint16_t cluster;       /* cluster being read (chained directories) */
    uint32_t sector;        /* block index inside the root region or cluster */
    uint32_t slot;          /* entry index inside buf */
    uint32_t clusters_seen; /* clusters of the chain entered so far */
    /* From fat16_chain_walk() at open: how many distinct clusters the chain
     * has, and what ends it (STORAGE_OK, or STORAGE_ECORRUPT and why). */
    uint32_t chain_clusters;
    int chain_end;
    const char *chain_why;
    uint32_t chain_cluster;
    bool loaded; /* buf holds the current block */
    bool at_end;
    struct fat16_lfn lfn;
    uint8_t buf[STORAGE_BLOCK_SIZE];
};

/*
 * Reads and validates the boot sector of dev and fills in fs.
 * STORAGE_ECORRUPT (with fs->mount_error saying why) when it is not a
 * FAT16 volume that fits on dev; STORAGE_EIO when block 0 cannot be read.
 */
int fat16_mount(struct fat16 *fs, const struct block_device *dev);

/* Metadata of the file or directory at path ("/" gives the root). */
int fat16_stat(struct fat16 *fs, const char *path, struct storage_metadata *out);

/*
 * Opens the regular file at path. STORAGE_EISDIR for a directory;
 * STORAGE_ECORRUPT when its cluster chain is broken, loops, or is shorter
 * than its size (checked here, once, so reads cannot go astray).
 */
int fat16_open(struct fat16 *fs, const char *path, struct fat16_file *out);

/*
 * Copies up to len bytes from byte offset of the file into buf. Returns the
 * number copied (0 at or past the end of file) or a negative error.
 */
int64_t fat16_read(struct fat16_file *file, uint64_t offset, void *buf, size_t len);

/* Opens the directory at path for fat16_readdir(); STORAGE_ENOTDIR for a file. */
int fat16_opendir(struct fat16 *fs, const char *path, struct fat16_dir *dir);

/*
 * Fills out with the next entry: 1 when there was one, 0 at the end, or a
 * negative error. Skips deleted entries, long-name pieces and the volume
 * label; keeps "." and ".." (as the Rust lab's ls shows them).
 */
int fat16_readdir(struct fat16_dir *dir, struct storage_metadata *out);

/*
 * The cluster after cluster in its chain: a cluster number, FAT16_CHAIN_END
 * at the end of the chain, or STORAGE_ECORRUPT when the FAT entry is free,
 * bad, reserved or out of range (or cluster itself is not a data cluster).
 */
int fat16_next_cluster(struct fat16 *fs, uint32_t cluster);

/*
 * Walks the chain starting at first once: *distinct is the number of
 * clusters before its end, before the first cluster seen twice, or before
 * the first bad FAT entry. STORAGE_OK when the chain ends properly;
 * STORAGE_ECORRUPT (fs->corrupt_why says which) when it loops, holds a bad
 * entry or first is not a data cluster; STORAGE_EIO from the device.
 */
int fat16_chain_walk(struct fat16 *fs, uint32_t first, uint32_t *distinct);

/* True for a data cluster number of this volume (2 .. cluster_count + 1). */
bool fat16_cluster_valid(const struct fat16 *fs, uint32_t cluster);

/* First block of data cluster cluster (which must be valid). */
uint64_t fat16_cluster_to_sector(const struct fat16 *fs, uint32_t cluster);

/*
 * Validates a boot sector (BPB) and computes the layout. device_blocks is
 * the size of the device the volume is on. On failure returns
 * STORAGE_ECORRUPT and points *why (if why is not NULL) at the reason.
 */
int fat16_bpb_parse(const uint8_t sector[STORAGE_BLOCK_SIZE], uint64_t device_blocks,
                    struct fat16_layout *out, const char **why);

#endif
#endif
