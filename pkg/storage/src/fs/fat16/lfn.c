#if YSOS_LAB >= 6
/*
 * lfn.c - VFAT long file names.
 *
 * A long name is stored as up to 20 "pieces" placed just before the 8.3
 * entry they belong to, last piece first. Each piece has attribute 0x0F,
 * an ordinal (1..20, with 0x40 on the last piece), 13 UTF-16 characters at
 * fixed offsets and a checksum of the 8.3 name. Old tools that do not know
 * long names can delete or rename the 8.3 entry and leave pieces behind, so
 * a name is only used when its pieces arrive in order, agree on the
 * checksum, and the checksum matches the 8.3 entry that follows them.
 */
#include "internal.h"

/* Byte offsets of the 13 UTF-16 characters inside a piece. */
static const uint8_t lfn_char_offsets[FAT16_LFN_UNITS_PER_ENTRY] = {1,  3,  5,  7,  9,  14, 16,
                                                                    18, 20, 22, 24, 28, 30};

void fat16_lfn_reset(struct fat16_lfn *lfn)
{
    lfn->entries = 0;
    lfn->next = 0;
}

/* Copies the characters of piece number ordinal (1-based) into place. */
static void lfn_store(struct fat16_lfn *lfn, unsigned ordinal, const uint8_t *raw)
{
    uint16_t *dst = lfn->units + (ordinal - 1) * FAT16_LFN_UNITS_PER_ENTRY;
    int i;

    for (i = 0; i < FAT16_LFN_UNITS_PER_ENTRY; i++)
        dst[i] = le16(raw + lfn_char_offsets[i]);
}

/* The piece that carries the end of the name starts a new name. */
static void lfn_start(struct fat16_lfn *lfn, const uint8_t *raw)
{
    unsigned count = raw[LFN_ORDINAL] & LFN_ORDINAL_MASK;

    if (count < 1 || count > FAT16_LFN_MAX_ENTRIES) {
        fat16_lfn_reset(lfn);
        return;
    }
    lfn->entries = (uint8_t)count;
    lfn->checksum = raw[LFN_CHECKSUM];
    lfn_store(lfn, count, raw);
    lfn->next = (uint8_t)(count - 1);
}

void fat16_lfn_add(struct fat16_lfn *lfn, const uint8_t *raw)
{
    uint8_t ordinal = raw[LFN_ORDINAL];

    if (ordinal & LFN_LAST) {
        lfn_start(lfn, raw);
        return;
    }
    if (lfn->entries == 0 || lfn->next == 0 || ordinal != lfn->next ||
        raw[LFN_CHECKSUM] != lfn->checksum) {
        fat16_lfn_reset(lfn); /* out of order or from another name: drop it */
        return;
    }
    lfn_store(lfn, ordinal, raw);
    lfn->next--;
}

/* Length of the collected name: up to its 0x0000 terminator, if any. */
static size_t lfn_length(const struct fat16_lfn *lfn)
{
    size_t max = (size_t)lfn->entries * FAT16_LFN_UNITS_PER_ENTRY;
    size_t len = 0;

    while (len < max && lfn->units[len] != 0)
        len++;
    return len;
}

bool fat16_lfn_take(struct fat16_lfn *lfn, const uint8_t *short_entry, char *out, size_t cap)
{
    bool complete = lfn->entries != 0 && lfn->next == 0 &&
                    lfn->checksum == fat16_short_name_checksum(short_entry + DIRENT_NAME);
    size_t len = complete ? lfn_length(lfn) : 0;

    fat16_lfn_reset(lfn);
    if (len == 0 || len > LFN_MAX_NAME_UNITS)
        return false;
    return fat16_utf16_to_utf8(lfn->units, len, out, cap) > 0;
}

/* Encodes code point cp as UTF-8 at out; returns the byte count. */
static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/*
 * Reads one code point from units[*i], joining a surrogate pair; a lone
 * surrogate becomes '?'. Advances *i past what it used.
 */
static uint32_t utf16_next(const uint16_t *units, size_t count, size_t *i)
{
    uint16_t u = units[(*i)++];

    if (u >= 0xD800 && u <= 0xDBFF && *i < count && units[*i] >= 0xDC00 && units[*i] <= 0xDFFF)
        return 0x10000 + (((uint32_t)(u - 0xD800) << 10) | (uint32_t)(units[(*i)++] - 0xDC00));
    if (u >= 0xD800 && u <= 0xDFFF)
        return '?';
    return u;
}

/* Bytes needed to encode units[0..count) as UTF-8, without the NUL. */
static size_t utf8_size(const uint16_t *units, size_t count)
{
    size_t i = 0, size = 0;
    char bytes[4];

    while (i < count)
        size += utf8_encode(utf16_next(units, count, &i), bytes);
    return size;
}

size_t fat16_utf16_to_utf8(const uint16_t *units, size_t count, char *out, size_t cap)
{
    size_t i = 0, len = 0;

    if (utf8_size(units, count) + 1 > cap)
        return 0; /* leave out untouched when the name does not fit */
    while (i < count)
        len += utf8_encode(utf16_next(units, count, &i), out + len);
    out[len] = '\0';
    return len;
}
#endif
