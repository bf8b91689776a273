#if YSOS_LAB >= 6
/*
 * metadata.h - what a directory listing or stat() reports about an entry
 * (mirrors common/metadata.rs). Enough for the shell's `ls`:
 * Size | Last Modified | Name.
 */
#ifndef STORAGE_METADATA_H
#define STORAGE_METADATA_H

#include <stdbool.h>
#include <stdint.h>

/* A long name is at most 255 UTF-16 units; each needs at most 3 UTF-8 bytes. */
#define STORAGE_NAME_MAX 765
/* "NAME.EXT" plus the terminating NUL. */
#define STORAGE_SHORT_NAME_SIZE 13

/* FAT attribute bits, as stored in a directory entry. */
#define STORAGE_ATTR_READ_ONLY 0x01
#define STORAGE_ATTR_HIDDEN    0x02
#define STORAGE_ATTR_SYSTEM    0x04
#define STORAGE_ATTR_VOLUME_ID 0x08
#define STORAGE_ATTR_DIRECTORY 0x10
#define STORAGE_ATTR_ARCHIVE   0x20

/* A calendar date and time (FAT stores local time, no time zone). */
struct storage_time {
    uint16_t year; /* 1970..2107 */
    uint8_t month; /* 1..12 */
    uint8_t day;   /* 1..31 */
    uint8_t hour;  /* 0..23 */
    uint8_t minute;
    uint8_t second; /* even: FAT has 2-second resolution */
};

enum storage_file_type { STORAGE_FILE, STORAGE_DIRECTORY };

struct storage_metadata {
    /* Long name when the entry has a valid one, else the 8.3 name as
     * "NAME.EXT" (lowered where the entry's case flags say so). UTF-8. */
    char name[STORAGE_NAME_MAX + 1];
    /* The 8.3 name exactly as stored, "NAME.EXT" ("NAME" without extension). */
    char short_name[STORAGE_SHORT_NAME_SIZE];
    enum storage_file_type type;
    uint8_t attributes; /* STORAGE_ATTR_* bits */
    uint32_t size;      /* bytes; 0 for directories */
    struct storage_time created;
    struct storage_time modified;
    struct storage_time accessed; /* date only: time of day is 00:00:00 */
};

/*
 * Stores the given date and time in *t when it is a real calendar moment,
 * else 1970-01-01 00:00:00 (what the Rust lab's ls prints for a zero or
 * garbage FAT timestamp). Returns whether the input was valid.
 */
bool storage_time_set(struct storage_time *t, unsigned year, unsigned month, unsigned day,
                      unsigned hour, unsigned minute, unsigned second);

#endif
#endif
