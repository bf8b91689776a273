/*
 * test_fat16_direntry.c - the pieces of FAT16 name and entry decoding on
 * their own: 8.3 names, NT case flags, checksums, timestamps, long-name
 * assembly and UTF-16 to UTF-8 conversion.
 */
#include <string.h>

#include "fs/fat16/internal.h"
#include "storage/metadata.h"
#include "test.h"

/* The checksum written another way (rotate right, then add), for comparison. */
static uint8_t reference_checksum(const uint8_t *name)
{
    unsigned sum = 0;
    int i;

    for (i = 0; i < 11; i++)
        sum = ((sum >> 1) | ((sum & 1u) << 7)) + name[i], sum &= 0xFF;
    return (uint8_t)sum;
}

TEST(dirent_from_a_real_volume)
{
    /* KERNEL.ELF as written by a real formatter (the Rust crate's test data). */
    static const uint8_t raw[32] = {0x4b, 0x45, 0x52, 0x4e, 0x45, 0x4c, 0x20, 0x20,
                                    0x45, 0x4c, 0x46, 0x20, 0x00, 0x00, 0x0f, 0xbe,
                                    0xd0, 0x50, 0xd0, 0x50, 0x00, 0x00, 0x0f, 0xbe,
                                    0xd0, 0x50, 0x02, 0x00, 0xf0, 0xe4, 0x0e, 0x00};
    struct storage_metadata m;
    uint16_t cluster;

    fat16_dirent_decode(raw, &m, &cluster);
    CHECK(strcmp(m.name, "KERNEL.ELF") == 0);
    CHECK(strcmp(m.short_name, "KERNEL.ELF") == 0);
    CHECK_EQ(m.attributes, STORAGE_ATTR_ARCHIVE);
    CHECK_EQ(m.type, STORAGE_FILE);
    CHECK_EQ(cluster, 2);
    CHECK_EQ(m.size, 0xee4f0);
    CHECK(m.created.year == 2020 && m.created.month == 6 && m.created.day == 16);
    CHECK(m.created.hour == 23 && m.created.minute == 48 && m.created.second == 30);
    CHECK(m.modified.year == 2020 && m.modified.hour == 23 && m.modified.second == 30);
    CHECK(m.accessed.year == 2020 && m.accessed.day == 16 && m.accessed.hour == 0);
    CHECK(!fat16_dirent_is_lfn(raw));
}

static void format(const char *raw11, uint8_t flags, char *out)
{
    fat16_short_name_format((const uint8_t *)raw11, flags, out);
}

TEST(short_names)
{
    char out[13];

    format("KERNEL  ELF", 0, out);
    CHECK(strcmp(out, "KERNEL.ELF") == 0);
    format("README     ", 0, out);
    CHECK(strcmp(out, "README") == 0);
    format("ABCDEFGHIJK", 0, out);
    CHECK(strcmp(out, "ABCDEFGH.IJK") == 0);
    format("A       B  ", 0, out);
    CHECK(strcmp(out, "A.B") == 0);
    format(".          ", 0, out);
    CHECK(strcmp(out, ".") == 0);
    format("..         ", 0, out);
    CHECK(strcmp(out, "..") == 0);
    format("HELLO2  TXT", DIRENT_LOWER_BASE | DIRENT_LOWER_EXT, out);
    CHECK(strcmp(out, "hello2.txt") == 0);
    format("HELLO2  TXT", DIRENT_LOWER_BASE, out);
    CHECK(strcmp(out, "hello2.TXT") == 0);
    format("HELLO2  TXT", DIRENT_LOWER_EXT, out);
    CHECK(strcmp(out, "HELLO2.txt") == 0);
    format("FACTOR~1   ", DIRENT_LOWER_BASE, out);
    CHECK(strcmp(out, "factor~1") == 0);
    format("\x05"
           "BC\x80    TXT",
           0, out); /* code-page bytes are not UTF-8 */
    CHECK(strcmp(out, "?BC?.TXT") == 0);
}

TEST(checksums)
{
    static const char *names[] = {"FACTOR~1   ", "KERNEL  ELF", "LONGFI~1TXT",
                                  "\xff\xff\xff\xff"
                                  "\xff\xff\xff\xff"
                                  "\xff\xff\xff"};
    size_t i;

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        const uint8_t *n = (const uint8_t *)names[i];

        CHECK_EQ(fat16_short_name_checksum(n), reference_checksum(n));
    }
    CHECK(fat16_short_name_checksum((const uint8_t *)"FACTOR~1   ") !=
          fat16_short_name_checksum((const uint8_t *)"FACTOR~2   "));
}

TEST(timestamps)
{
    struct storage_time t;

    fat16_time_decode((43 << 9) | (6 << 5) | 15, (13 << 11) | (45 << 5) | 29, &t);
    CHECK(t.year == 2023 && t.month == 6 && t.day == 15);
    CHECK(t.hour == 13 && t.minute == 45 && t.second == 58);
    fat16_time_decode((127 << 9) | (12 << 5) | 31, (23 << 11) | (59 << 5) | 29, &t);
    CHECK(t.year == 2107 && t.month == 12 && t.day == 31 && t.second == 58);
    fat16_time_decode((44 << 9) | (2 << 5) | 29, 0, &t); /* 2024 is a leap year */
    CHECK(t.year == 2024 && t.month == 2 && t.day == 29);
    /* Impossible values read as the epoch, as in the Rust lab. */
    fat16_time_decode(0, 0, &t);
    CHECK(t.year == 1970 && t.month == 1 && t.day == 1 && t.hour == 0);
    fat16_time_decode((43 << 9) | (2 << 5) | 29, 0, &t); /* 2023-02-29 */
    CHECK_EQ(t.year, 1970);
    fat16_time_decode((43 << 9) | (4 << 5) | 31, 0, &t); /* April 31st */
    CHECK_EQ(t.year, 1970);
    fat16_time_decode((43 << 9) | (13 << 5) | 1, 0, &t);
    CHECK_EQ(t.year, 1970);
    fat16_time_decode((43 << 9) | (1 << 5) | 1, (24 << 11), &t);
    CHECK_EQ(t.year, 1970);
    fat16_time_decode((43 << 9) | (1 << 5) | 1, (60 << 5), &t);
    CHECK_EQ(t.year, 1970);
    fat16_time_decode((43 << 9) | (1 << 5) | 1, 30, &t); /* 60 seconds */
    CHECK_EQ(t.year, 1970);
    CHECK(storage_time_set(&t, 2000, 2, 29, 0, 0, 0));  /* divisible by 400 */
    CHECK(!storage_time_set(&t, 2100, 2, 29, 0, 0, 0)); /* divisible by 100 */
    CHECK(!storage_time_set(&t, 1969, 12, 31, 23, 59, 58));
}

/* Builds long-name piece ordinal (1-based) of name into raw. */
static void piece(uint8_t *raw, const uint16_t *name, int len, int ordinal, int last,
                  uint8_t checksum)
{
    static const int offs[13] = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};
    int k;

    memset(raw, 0, 32);
    raw[0] = (uint8_t)(ordinal | (last ? 0x40 : 0));
    raw[11] = 0x0F;
    raw[13] = checksum;
    for (k = 0; k < 13; k++) {
        int i = (ordinal - 1) * 13 + k;
        uint16_t u = i < len ? name[i] : i == len ? 0 : 0xFFFF;

        raw[offs[k]] = (uint8_t)u;
        raw[offs[k] + 1] = (uint8_t)(u >> 8);
    }
}

static int to_units(const char *s, uint16_t *units)
{
    int n = 0;

    for (; s[n] != '\0'; n++)
        units[n] = (uint8_t)s[n];
    return n;
}

/* Feeds pieces in the given order, then the 8.3 entry; returns the name or "". */
static const char *assemble(const uint16_t *name, int len, const int *order, int count,
                            uint8_t checksum, const uint8_t *short_entry)
{
    static char out[STORAGE_NAME_MAX + 1];
    struct fat16_lfn lfn;
    int pieces = (len + 12) / 13, i;
    uint8_t raw[32];

    fat16_lfn_reset(&lfn);
    for (i = 0; i < count; i++) {
        piece(raw, name, len, order[i], order[i] == pieces, checksum);
        CHECK(fat16_dirent_is_lfn(raw));
        fat16_lfn_add(&lfn, raw);
    }
    strcpy(out, "");
    if (!fat16_lfn_take(&lfn, short_entry, out, sizeof(out)))
        strcpy(out, "");
    return out;
}

TEST(long_name_assembly)
{
    static const uint8_t entry[32] = "FACTOR~1   ";
    uint8_t sum = fat16_short_name_checksum(entry);
    uint16_t name[300];
    int len = to_units("factorial", name);
    static const int one[] = {1};
    int long_len = to_units("a rather long name in 3 pieces.txt", name + 100);
    static const int three[] = {3, 2, 1}, wrong[] = {3, 1, 2}, gap[] = {3, 1}, dup[] = {3, 2, 2, 1};

    CHECK(strcmp(assemble(name, len, one, 1, sum, entry), "factorial") == 0);
    CHECK(strcmp(assemble(name, len, one, 1, (uint8_t)(sum ^ 1), entry), "") == 0);
    CHECK(strcmp(assemble(name + 100, long_len, three, 3, sum, entry),
                 "a rather long name in 3 pieces.txt") == 0);
    CHECK(strcmp(assemble(name + 100, long_len, wrong, 3, sum, entry), "") == 0);
    CHECK(strcmp(assemble(name + 100, long_len, gap, 2, sum, entry), "") == 0);
    CHECK(strcmp(assemble(name + 100, long_len, dup, 4, sum, entry), "") == 0);
    CHECK(strcmp(assemble(name + 100, long_len, three + 1, 2, sum, entry), "") == 0);
    /* Exactly 13 characters: no terminator in the piece. */
    len = to_units("thirteen.char", name);
    CHECK(strcmp(assemble(name, len, one, 1, sum, entry), "thirteen.char") == 0);
}

TEST(long_name_length_limit)
{
    static const uint8_t entry[32] = "X       Y  ";
    uint8_t sum = fat16_short_name_checksum(entry);
    uint16_t name[FAT16_LFN_MAX_UNITS];
    int order[FAT16_LFN_MAX_ENTRIES], i;
    const char *got;

    for (i = 0; i < FAT16_LFN_MAX_UNITS; i++)
        name[i] = 'a' + i % 26;
    for (i = 0; i < 20; i++)
        order[i] = 20 - i;
    got = assemble(name, 255, order, 20, sum, entry);
    CHECK_EQ(strlen(got), 255);
    got = assemble(name, 256, order, 20, sum, entry); /* more than FAT allows */
    CHECK_EQ(strlen(got), 0);
}

TEST(utf16_to_utf8)
{
    static const uint16_t mixed[] = {'A', 0x00E9, 0x6587, 0xD83D, 0xDE00, 0xD800, 'B', 0xDC00};
    char out[32];

    CHECK_EQ(fat16_utf16_to_utf8(mixed, 8, out, sizeof(out)), 1 + 2 + 3 + 4 + 1 + 1 + 1);
    CHECK(strcmp(out, "A\xc3\xa9\xe6\x96\x87\xf0\x9f\x98\x80?B?") == 0);
    strcpy(out, "untouched");
    CHECK_EQ(fat16_utf16_to_utf8(mixed, 8, out, 13), 0); /* needs 14 with the NUL */
    CHECK(strcmp(out, "untouched") == 0);
    CHECK_EQ(fat16_utf16_to_utf8(mixed, 8, out, 14), 13);
}

int main(void)
{
    RUN(dirent_from_a_real_volume);
    RUN(short_names);
    RUN(checksums);
    RUN(timestamps);
    RUN(long_name_assembly);
    RUN(long_name_length_limit);
    RUN(utf16_to_utf8);
    return test_summary();
}
