#if YSOS_LAB >= 6
/*
 * direntry.c - decoding one 32-byte 8.3 directory entry
 * (fs/fat16/direntry.rs):
 *
 *   0  name (8) + extension (3), space padded, upper case
 *   11 attributes  12 NT case flags  14/16 created time/date
 *   18 accessed date  22/24 modified time/date  26 first cluster  28 size
 *
 * Dates pack year-1980:7 month:4 day:5, times hour:5 minute:6 second/2:5.
 */
#include "internal.h"
#include "storage/todo.h"

bool fat16_dirent_is_lfn(const uint8_t *raw)
{
    return (raw[DIRENT_ATTR] & 0x3F) == DIRENT_ATTR_LFN;
}

/* Printable ASCII stays; code-page bytes cannot be shown as UTF-8 safely. */
static char short_name_char(uint8_t c, bool lower)
{
    if (c < 0x20 || c >= 0x7F)
        return '?';
    if (lower && c >= 'A' && c <= 'Z')
        return (char)(c - 'A' + 'a');
    return (char)c;
}

/* Appends field (len bytes) without its space padding; returns the new end. */
static char *append_trimmed(char *out, const uint8_t *field, size_t len, bool lower)
{
    size_t i;

    while (len > 0 && field[len - 1] == ' ')
        len--;
    for (i = 0; i < len; i++)
        *out++ = short_name_char(field[i], lower);
    return out;
}

void fat16_short_name_format(const uint8_t *raw, uint8_t case_flags, char *out)
{
    char *end = append_trimmed(out, raw, 8, case_flags & DIRENT_LOWER_BASE);
    char *ext = end + 1;
    char *ext_end = append_trimmed(ext, raw + 8, 3, case_flags & DIRENT_LOWER_EXT);

    if (ext_end != ext) {
        *end = '.';
        end = ext_end;
    }
    *end = '\0';
}

uint8_t fat16_short_name_checksum(const uint8_t *raw)
{
    uint8_t sum = 0;
    int i;

    for (i = 0; i < DIRENT_SHORT_NAME_LEN; i++)
        sum = (uint8_t)(((sum & 1) << 7) + (sum >> 1) + raw[i]);
    return sum;
}

void fat16_time_decode(uint16_t date, uint16_t time, struct storage_time *out)
{
#if YSOS_SOLVED >= 6
    storage_time_set(out, 1980 + (date >> 9), (date >> 5) & 0x0F, date & 0x1F, time >> 11,
                     (time >> 5) & 0x3F, (time & 0x1F) * 2);
#else
    /* TODO(lab 0x06): parse the year, month, day, hour, minute and second
     * from the FAT date and time. Guide: 0x06 tasks.md "DirEntry"; Rust:
     * crates/storage/src/fs/fat16/direntry.rs parse_datetime */
    (void)date, (void)time;
    LAB_TODO(6, "fat16_time_decode");
    storage_time_set(out, 1980, 1, 1, 0, 0, 0);
#endif
}

void fat16_dirent_decode(const uint8_t *raw, struct storage_metadata *meta, uint16_t *cluster)
{
#if YSOS_SOLVED >= 6
    uint8_t attr = raw[DIRENT_ATTR];
    bool is_dir = (attr & STORAGE_ATTR_DIRECTORY) != 0;

    fat16_short_name_format(raw, 0, meta->short_name);
    fat16_short_name_format(raw, raw[DIRENT_CASE], meta->name);
    meta->attributes = attr;
    meta->type = is_dir ? STORAGE_DIRECTORY : STORAGE_FILE;
    meta->size = is_dir ? 0 : le32(raw + DIRENT_SIZE);
    fat16_time_decode(le16(raw + DIRENT_CDATE), le16(raw + DIRENT_CTIME), &meta->created);
    fat16_time_decode(le16(raw + DIRENT_MDATE), le16(raw + DIRENT_MTIME), &meta->modified);
    fat16_time_decode(le16(raw + DIRENT_ADATE), 0, &meta->accessed);
    *cluster = le16(raw + DIRENT_CLUSTER);
#else
    /* TODO(lab 0x06): parse the rest of the fields of the directory entry:
     * name, attributes, created/modified/accessed times, first cluster,
     * size. Guide: 0x06 tasks.md "DirEntry"; Rust:
     * crates/storage/src/fs/fat16/direntry.rs DirEntry::parse */
    (void)raw;
    LAB_TODO(6, "fat16_dirent_decode");
    __builtin_memset(meta, 0, sizeof(*meta));
    meta->name[0] = meta->short_name[0] = '?'; /* matches no path */
    *cluster = 0;                              /* corrupt if followed */
#endif
}
#endif
