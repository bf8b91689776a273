#if YSOS_LAB >= 6
/*
 * impls.c - the FAT16 volume (fs/fat16/impls.rs): mounting, the FAT
 * itself (cluster -> next cluster), and resolving paths to entries for
 * stat, open and opendir.
 */
#include "internal.h"
#include "storage/error.h"
#include "storage/filesystem.h"
#include "storage/todo.h"

#define FAT16_EOC_MIN 0xFFF8 /* FAT values from here on end a chain */
#define FAT16_FREE    0x0000 /* FAT value of an unused cluster */
#define FAT16_BAD     0xFFF7 /* FAT value of a cluster marked unreadable */

int fat16_mount(struct fat16 *fs, const struct block_device *dev)
{
    int err;

    __builtin_memset(fs, 0, sizeof(*fs));
    fs->dev = *dev;
    err = blockdev_read(dev, 0, fs->scratch, 1);
    if (err != STORAGE_OK) {
        fs->mount_error = "cannot read the boot sector";
        return err;
    }
    return fat16_bpb_parse(fs->scratch, dev->block_count, &fs->layout, &fs->mount_error);
}

int fat16_corrupt(struct fat16 *fs, const char *why, uint32_t cluster)
{
    fs->corrupt_why = why;
    fs->corrupt_cluster = cluster;
    return STORAGE_ECORRUPT;
}

bool fat16_cluster_valid(const struct fat16 *fs, uint32_t cluster)
{
    return cluster >= 2 && cluster <= fs->layout.cluster_count + 1;
}

uint64_t fat16_cluster_to_sector(const struct fat16 *fs, uint32_t cluster)
{
#if YSOS_SOLVED >= 6
    return fs->layout.data_start + (uint64_t)(cluster - 2) * fs->layout.sectors_per_cluster;
#else
    /* TODO(lab 0x06): calculate the first sector of the cluster. Guide:
     * 0x06 tasks.md "Fat16Impl"; Rust: crates/storage/src/fs/fat16/impls.rs
     * Fat16Impl::cluster_to_sector */
    (void)cluster;
    LAB_TODO(6, "fat16_cluster_to_sector");
    return fs->dev.block_count; /* past the volume: the read fails */
#endif
}

#if YSOS_SOLVED >= 6
/* Reads the FAT entry of cluster, through the one-block FAT cache. */
static int fat_entry(struct fat16 *fs, uint32_t cluster, uint16_t *value)
{
    uint32_t offset = cluster * 2;
    uint64_t lba = fs->layout.fat_start + offset / STORAGE_BLOCK_SIZE;

    if (!fs->fat_cached || fs->fat_cached_lba != lba) {
        int err = blockdev_read(&fs->dev, lba, fs->fat_cache, 1);

        fs->fat_cached = err == STORAGE_OK;
        fs->fat_cached_lba = lba;
        if (err != STORAGE_OK)
            return err;
    }
    *value = le16(fs->fat_cache + offset % STORAGE_BLOCK_SIZE);
    return STORAGE_OK;
}

int fat16_next_cluster(struct fat16 *fs, uint32_t cluster)
{
    uint16_t next;
    int err;

    if (!fat16_cluster_valid(fs, cluster))
        return fat16_corrupt(fs, "no such cluster on the volume: cluster", cluster);
    err = fat_entry(fs, cluster, &next);
    if (err != STORAGE_OK)
        return err;
    if (next >= FAT16_EOC_MIN)
        return FAT16_CHAIN_END;
    if (next == FAT16_FREE)
        return fat16_corrupt(fs, "cluster chain runs into a free cluster after cluster", cluster);
    if (next == FAT16_BAD)
        return fat16_corrupt(fs, "cluster chain runs into a bad cluster after cluster", cluster);
    if (!fat16_cluster_valid(fs, next))
        return fat16_corrupt(fs, "cluster chain leaves the volume after cluster", cluster);
    return next;
}
#else
int fat16_next_cluster(struct fat16 *fs, uint32_t cluster)
{
    /* TODO(lab 0x06): get the next cluster of a chain from the FAT (or the
     * end of the chain). Guide: 0x06 tasks.md "Fat16Impl"; Rust:
     * crates/storage/src/fs/fat16/impls.rs (the file system operations) */
    LAB_TODO(6, "fat16_next_cluster");
    return fat16_corrupt(fs, "fat16_next_cluster is not implemented: cluster", cluster);
}
#endif

/* The root directory has no entry of its own: describe it. */
static void root_entry(struct storage_metadata *meta, uint16_t *cluster)
{
    __builtin_memset(meta, 0, sizeof(*meta));
    meta->name[0] = STORAGE_PATH_SEPARATOR;
    meta->short_name[0] = STORAGE_PATH_SEPARATOR;
    meta->type = STORAGE_DIRECTORY;
    meta->attributes = STORAGE_ATTR_DIRECTORY;
    storage_time_set(&meta->created, 0, 0, 0, 0, 0, 0);
    meta->modified = meta->accessed = meta->created;
    *cluster = FAT16_ROOT_CLUSTER;
}

/* Searches directory dir_cluster for name by its long or its 8.3 name. */
static int find_in_dir(struct fat16 *fs, uint16_t dir_cluster, const char *name, size_t len,
                       struct storage_metadata *meta, uint16_t *cluster)
{
#if YSOS_SOLVED >= 6
    struct fat16_dir dir;
    int rc = fat16_dir_begin(fs, dir_cluster, &dir);

    if (rc != STORAGE_OK)
        return rc;
    while ((rc = fat16_dir_next(&dir, meta, cluster)) > 0) {
        if (name_equal_nocase(name, len, meta->name) ||
            name_equal_nocase(name, len, meta->short_name))
            return STORAGE_OK;
    }
    return rc < 0 ? rc : STORAGE_ENOENT;
#else
    /* TODO(lab 0x06): find the entry called name in the directory (walk
     * it, compare names ignoring case). Guide: 0x06 tasks.md "Fat16Impl";
     * Rust: crates/storage/src/fs/fat16/impls.rs (the file system operations) */
    (void)fs, (void)dir_cluster, (void)name, (void)len, (void)meta, (void)cluster;
    LAB_TODO(6, "find_in_dir");
    return STORAGE_ENOENT;
#endif
}

static bool is_dot(const char *name, size_t len)
{
    return len == 1 && name[0] == '.';
}

static bool is_dotdot(const char *name, size_t len)
{
    return len == 2 && name[0] == '.' && name[1] == '.';
}

/*
 * Moves from the directory in meta/cluster to its child name. A directory
 * entry with cluster 0 is the root only when it is a ".." entry; anything
 * else with cluster 0 would silently alias the root, so it is corrupt.
 */
static int lookup_step(struct fat16 *fs, const char *name, size_t len,
                       struct storage_metadata *meta, uint16_t *cluster)
{
    int err;

    if (len > STORAGE_NAME_MAX)
        return STORAGE_ENAMETOOLONG;
    if (meta->type != STORAGE_DIRECTORY)
        return STORAGE_ENOTDIR;
    if (is_dot(name, len) || (is_dotdot(name, len) && *cluster == FAT16_ROOT_CLUSTER))
        return STORAGE_OK;
    err = find_in_dir(fs, *cluster, name, len, meta, cluster);
    if (err != STORAGE_OK || meta->type != STORAGE_DIRECTORY || *cluster != FAT16_ROOT_CLUSTER)
        return err;
    if (!is_dotdot(meta->short_name, 2) || meta->short_name[2] != '\0')
        return fat16_corrupt(fs, "directory entry points at cluster", FAT16_ROOT_CLUSTER);
    root_entry(meta, cluster);
    return STORAGE_OK;
}

/* Resolves path from the root to the metadata and first cluster of its entry. */
static int lookup(struct fat16 *fs, const char *path, struct storage_metadata *meta,
                  uint16_t *cluster)
{
    const char *cursor = path, *name;
    size_t len;

    if (path == NULL || path[0] == '\0')
        return STORAGE_EINVAL;
    root_entry(meta, cluster);
    while ((len = path_next_component(&cursor, &name)) > 0) {
        int err = lookup_step(fs, name, len, meta, cluster);

        if (err != STORAGE_OK)
            return err;
    }
    if (path_has_trailing_slash(path) && meta->type != STORAGE_DIRECTORY)
        return STORAGE_ENOTDIR;
    return STORAGE_OK;
}

int fat16_stat(struct fat16 *fs, const char *path, struct storage_metadata *out)
{
    uint16_t cluster;

    return lookup(fs, path, out, &cluster);
}

int fat16_open(struct fat16 *fs, const char *path, struct fat16_file *out)
{
#if YSOS_SOLVED >= 6
    struct storage_metadata meta;
    uint16_t cluster;
    int err = lookup(fs, path, &meta, &cluster);

    if (err != STORAGE_OK)
        return err;
    if (meta.type == STORAGE_DIRECTORY)
        return STORAGE_EISDIR;
    return fat16_file_init(fs, &meta, cluster, out);
#else
    /* TODO(lab 0x06): open the file at path and return a file handle (not
     * a directory). Guide: 0x06 tasks.md "Fat16Impl"; Rust:
     * crates/storage/src/fs/fat16/impls.rs Fat16::open_file */
    (void)fs, (void)path, (void)out;
    LAB_TODO(6, "fat16_open");
    return STORAGE_ENOENT;
#endif
}

int fat16_opendir(struct fat16 *fs, const char *path, struct fat16_dir *dir)
{
#if YSOS_SOLVED >= 6
    struct storage_metadata meta;
    uint16_t cluster;
    int err = lookup(fs, path, &meta, &cluster);

    if (err != STORAGE_OK)
        return err;
    if (meta.type != STORAGE_DIRECTORY)
        return STORAGE_ENOTDIR;
    return fat16_dir_begin(fs, cluster, dir);
#else
    /* TODO(lab 0x06): read the directory at path and return an iterator
     * over its entries. Guide: 0x06 tasks.md "Fat16Impl"; Rust:
     * crates/storage/src/fs/fat16/impls.rs Fat16::read_dir */
    (void)fs, (void)path, (void)dir;
    LAB_TODO(6, "fat16_opendir");
    return STORAGE_ENOENT;
#endif
}
#endif
