#if YSOS_LAB >= 6
/*
 * file.c - reading file contents (fs/fat16/file.rs).
 *
 * A file is its size plus a chain of clusters. fat16_file_init() walks the
 * whole chain once (chain.c), so a broken or looping chain is refused at
 * open time;
 * fat16_read() then maps a byte offset to (n-th cluster, offset inside it),
 * remembering the last cluster it used so sequential reads do not walk the
 * chain from its start again.
 */
#include "internal.h"
#include "storage/error.h"
#include "storage/todo.h"

/* The chain must end (not loop) and hold at least size bytes. */
static int check_chain(struct fat16 *fs, uint16_t first, uint32_t size)
{
    const struct fat16_layout *l = &fs->layout;
    uint64_t needed = ((uint64_t)size + l->cluster_bytes - 1) / l->cluster_bytes;
    uint32_t length;
    int err;

    if (size == 0)
        return STORAGE_OK;
    if (needed > l->cluster_count)
        return fat16_corrupt(fs, "file is larger than the volume, first cluster", first);
    err = fat16_chain_walk(fs, first, &length);
    if (err != STORAGE_OK)
        return err;
    if (length < needed)
        return fat16_corrupt(fs, "file is longer than its cluster chain from cluster", first);
    return STORAGE_OK;
}

int fat16_file_init(struct fat16 *fs, const struct storage_metadata *meta, uint16_t cluster,
                    struct fat16_file *out)
{
    int err = check_chain(fs, cluster, meta->size);

    if (err != STORAGE_OK)
        return err;
    out->fs = fs;
    out->first_cluster = cluster;
    out->size = meta->size;
    out->attributes = meta->attributes;
    out->modified = meta->modified;
    out->hint_index = 0;
    out->hint_cluster = 0;
    return STORAGE_OK;
}

#if YSOS_SOLVED >= 6
/* The cluster holding the index-th cluster-sized piece of the file. */
static int cluster_at(struct fat16_file *file, uint32_t index)
{
    uint32_t i = 0;
    int cluster = file->first_cluster;

    if (file->hint_cluster != 0 && file->hint_index <= index) {
        i = file->hint_index;
        cluster = file->hint_cluster;
    }
    if (!fat16_cluster_valid(file->fs, (uint32_t)cluster))
        return fat16_corrupt(file->fs, "no such cluster on the volume: cluster", (uint32_t)cluster);
    for (; i < index && cluster > 0; i++)
        cluster = fat16_next_cluster(file->fs, (uint32_t)cluster);
    if (cluster == FAT16_CHAIN_END)
        return fat16_corrupt(file->fs, "file is longer than its cluster chain from cluster",
                             file->first_cluster);
    return cluster;
}

int64_t fat16_read(struct fat16_file *file, uint64_t offset, void *buf, size_t len)
{
    struct fat16 *fs = file->fs;
    uint32_t cluster_bytes = fs->layout.cluster_bytes;
    uint64_t total, done = 0;
    uint8_t *out = buf;

    if (offset >= file->size)
        return 0;
    total = file->size - offset < len ? file->size - offset : len;
    while (done < total) {
        uint64_t pos = offset + done;
        uint32_t index = (uint32_t)(pos / cluster_bytes);
        uint32_t within = (uint32_t)(pos % cluster_bytes);
        uint64_t chunk =
            cluster_bytes - within < total - done ? cluster_bytes - within : total - done;
        int cluster = cluster_at(file, index);
        int err;

        if (cluster < 0)
            return cluster;
        err = blockdev_read_bytes(&fs->dev, fat16_cluster_to_sector(fs, (uint32_t)cluster), within,
                                  out + done, (size_t)chunk, fs->scratch);
        if (err != STORAGE_OK)
            return err;
        file->hint_index = index;
        file->hint_cluster = (uint16_t)cluster;
        done += chunk;
    }
    return (int64_t)total;
}
#else
int64_t fat16_read(struct fat16_file *file, uint64_t offset, void *buf, size_t len)
{
    /* TODO(lab 0x06): read file content from disk: follow the cluster
     * chain through the FAT, read the sectors of each cluster, stop at the
     * end of the file or of buf. Guide: 0x06 tasks.md "Fat16Impl"; Rust:
     * crates/storage/src/fs/fat16/file.rs File::read */
    (void)file, (void)offset, (void)buf, (void)len;
    LAB_TODO(6, "fat16_read");
    return STORAGE_EIO;
}
#endif
#endif
