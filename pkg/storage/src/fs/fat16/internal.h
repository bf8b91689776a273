#if YSOS_LAB >= 6
/*
 * internal.h - pieces shared by the FAT16 source files (not part of the
 * public API; host tests include it to test the pieces one by one).
 */
#ifndef STORAGE_FAT16_INTERNAL_H
#define STORAGE_FAT16_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "storage/fat16.h"
#include "storage/metadata.h"

/* Directory entry layout (32 bytes). */
#define DIRENT_NAME           0 /* 8 + 3 bytes, space padded */
#define DIRENT_SHORT_NAME_LEN 11
#define DIRENT_ATTR           11
#define DIRENT_CASE           12 /* NT case flags */
#define DIRENT_CTIME          14
#define DIRENT_CDATE          16
#define DIRENT_ADATE          18
#define DIRENT_MTIME          22
#define DIRENT_MDATE          24
#define DIRENT_CLUSTER        26
#define DIRENT_SIZE           28
#define DIRENTS_PER_BLOCK     (STORAGE_BLOCK_SIZE / FAT16_DIRENT_SIZE)

#define DIRENT_END        0x00 /* first name byte: no entries follow */
#define DIRENT_DELETED    0xE5 /* first name byte: free slot */
#define DIRENT_ATTR_LFN   0x0F /* RO|HIDDEN|SYSTEM|VOLUME: a long-name piece */
#define DIRENT_LOWER_BASE 0x08 /* NT case flag: show the base name in lower case */
#define DIRENT_LOWER_EXT  0x10 /* NT case flag: show the extension in lower case */

/* Long-name piece layout. */
#define LFN_ORDINAL        0
#define LFN_CHECKSUM       13
#define LFN_LAST           0x40 /* ordinal flag: the piece with the end of the name */
#define LFN_ORDINAL_MASK   0x1F
#define LFN_MAX_NAME_UNITS 255

/* direntry.c */
bool fat16_dirent_is_lfn(const uint8_t *raw);
void fat16_short_name_format(const uint8_t *raw, uint8_t case_flags, char *out);
uint8_t fat16_short_name_checksum(const uint8_t *raw);
void fat16_time_decode(uint16_t date, uint16_t time, struct storage_time *out);
void fat16_dirent_decode(const uint8_t *raw, struct storage_metadata *meta, uint16_t *cluster);

/* lfn.c */
void fat16_lfn_reset(struct fat16_lfn *lfn);
void fat16_lfn_add(struct fat16_lfn *lfn, const uint8_t *raw);
bool fat16_lfn_take(struct fat16_lfn *lfn, const uint8_t *short_entry, char *out, size_t cap);
size_t fat16_utf16_to_utf8(const uint16_t *units, size_t count, char *out, size_t cap);

/* impls.c: records why (fs->corrupt_why, fs->corrupt_cluster), returns STORAGE_ECORRUPT. */
int fat16_corrupt(struct fat16 *fs, const char *why, uint32_t cluster);

/* directory.c */
int fat16_dir_begin(struct fat16 *fs, uint16_t cluster, struct fat16_dir *dir);
int fat16_dir_next(struct fat16_dir *dir, struct storage_metadata *meta, uint16_t *cluster);

/* file.c */
int fat16_file_init(struct fat16 *fs, const struct storage_metadata *meta, uint16_t cluster,
                    struct fat16_file *out);

#endif
#endif
