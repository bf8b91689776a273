#if YSOS_LAB >= 6
/*
 * directory.c - walking the entries of a directory (fs/fat16/directory.rs).
 *
 * The root directory of FAT16 is a fixed run of blocks before the data
 * area; every other directory is a cluster chain like a file. The cursor
 * hides that difference and joins long-name pieces to the 8.3 entry they
 * describe. A chain is walked once when the directory is opened (chain.c):
 * the cursor then reads its distinct clusters, each once, and reports a
 * loop or a bad FAT entry where the chain goes wrong instead of following
 * it. Any error ends the walk, so a caller's loop on fat16_readdir()
 * always terminates.
 */
#include "internal.h"
#include "storage/error.h"

static bool dir_is_root(const struct fat16_dir *dir)
{
    return dir->first_cluster == FAT16_ROOT_CLUSTER;
}

/* Walks a chained directory's clusters once, for dir_advance_block(). */
static int dir_walk_chain(struct fat16 *fs, uint16_t cluster, struct fat16_dir *dir)
{
    int err = fat16_chain_walk(fs, cluster, &dir->chain_clusters);

    dir->chain_end = err;
    dir->chain_why = fs->corrupt_why;
    dir->chain_cluster = fs->corrupt_cluster;
    if (err == STORAGE_ECORRUPT && dir->chain_clusters > 0)
        return STORAGE_OK; /* list what comes before the damage, then report it */
    return err;
}

int fat16_dir_begin(struct fat16 *fs, uint16_t cluster, struct fat16_dir *dir)
{
    dir->chain_clusters = 0;
    if (cluster != FAT16_ROOT_CLUSTER) {
        int err = dir_walk_chain(fs, cluster, dir);

        if (err != STORAGE_OK)
            return err;
    }
    dir->fs = fs;
    dir->first_cluster = cluster;
    dir->cluster = cluster;
    dir->sector = 0;
    dir->slot = 0;
    dir->clusters_seen = 1;
    dir->loaded = false;
    dir->at_end = false;
    fat16_lfn_reset(&dir->lfn);
    return STORAGE_OK;
}

/* Device block the cursor is in. */
static uint64_t dir_block(const struct fat16_dir *dir)
{
    if (dir_is_root(dir))
        return dir->fs->layout.root_start + dir->sector;
    return fat16_cluster_to_sector(dir->fs, dir->cluster) + dir->sector;
}

/* Moves to the next block of the directory, following its cluster chain. */
static int dir_advance_block(struct fat16_dir *dir)
{
    const struct fat16_layout *l = &dir->fs->layout;
    int next;

    dir->slot = 0;
    dir->loaded = false;
    dir->sector++;
    if (dir_is_root(dir)) {
        dir->at_end = dir->sector >= l->root_sectors;
        return STORAGE_OK;
    }
    if (dir->sector < l->sectors_per_cluster)
        return STORAGE_OK;
    if (dir->clusters_seen == dir->chain_clusters) { /* where the walk at open ended */
        dir->at_end = true;
        if (dir->chain_end == STORAGE_ECORRUPT)
            return fat16_corrupt(dir->fs, dir->chain_why, dir->chain_cluster);
        return dir->chain_end;
    }
    next = fat16_next_cluster(dir->fs, dir->cluster);
    if (next <= 0) { /* the FAT changed since the walk: stop here all the same */
        dir->at_end = true;
        return next;
    }
    dir->clusters_seen++;
    dir->cluster = (uint16_t)next;
    dir->sector = 0;
    return STORAGE_OK;
}

/* True once the cursor has passed the root directory's entry count. */
static bool dir_past_root_entries(const struct fat16_dir *dir)
{
    return dir_is_root(dir) &&
           dir->sector * DIRENTS_PER_BLOCK + dir->slot >= dir->fs->layout.root_entries;
}

/* Points *raw at the next 32-byte slot: 1, or 0 at the end, or an error. */
static int dir_next_slot(struct fat16_dir *dir, const uint8_t **raw)
{
    int err = STORAGE_OK;

    while (!dir->at_end && err == STORAGE_OK) {
        if (dir_past_root_entries(dir)) {
            dir->at_end = true;
        } else if (dir->slot == DIRENTS_PER_BLOCK) {
            err = dir_advance_block(dir);
        } else if (!dir->loaded) {
            err = blockdev_read(&dir->fs->dev, dir_block(dir), dir->buf, 1);
            dir->loaded = err == STORAGE_OK;
        } else {
            *raw = dir->buf + dir->slot++ * FAT16_DIRENT_SIZE;
            return 1;
        }
    }
    dir->at_end = true;
    return err;
}

int fat16_dir_next(struct fat16_dir *dir, struct storage_metadata *meta, uint16_t *cluster)
{
    const uint8_t *raw = NULL;
    int rc;

    while ((rc = dir_next_slot(dir, &raw)) > 0) {
        if (raw[DIRENT_NAME] == DIRENT_END) {
            dir->at_end = true;
            return 0;
        }
        if (fat16_dirent_is_lfn(raw) && raw[DIRENT_NAME] != DIRENT_DELETED) {
            fat16_lfn_add(&dir->lfn, raw);
            continue;
        }
        if (raw[DIRENT_NAME] == DIRENT_DELETED || (raw[DIRENT_ATTR] & STORAGE_ATTR_VOLUME_ID)) {
            fat16_lfn_reset(&dir->lfn); /* deleted slots and the label break a name */
            continue;
        }
        fat16_dirent_decode(raw, meta, cluster);
        fat16_lfn_take(&dir->lfn, raw, meta->name, sizeof(meta->name));
        return 1;
    }
    return rc;
}

int fat16_readdir(struct fat16_dir *dir, struct storage_metadata *out)
{
    uint16_t cluster;

    return fat16_dir_next(dir, out, &cluster);
}
#endif
