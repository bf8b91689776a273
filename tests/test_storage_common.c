/*
 * test_storage_common.c - the file-system-independent parts of pkg/storage:
 * field readers, checked device reads, byte-range reads, path splitting and
 * comparison, error strings.
 */
#include <stdlib.h>
#include <string.h>

#include "storage/block.h"
#include "storage/device.h"
#include "storage/error.h"
#include "storage/filesystem.h"
#include "storage/image.h"
#include "test.h"

TEST(little_endian_fields)
{
    static const uint8_t b[] = {0x34, 0x12, 0xF0, 0xDE, 0xBC, 0x9A};

    CHECK_EQ(le16(b), 0x1234);
    CHECK_EQ(le16(b + 1), 0xF012);
    CHECK_EQ(le32(b), 0xDEF01234u);
    CHECK_EQ(le32(b + 2), 0x9ABCDEF0u);
}

TEST(blockdev_read_checks_range)
{
    uint8_t *data = calloc(8, 512);
    uint8_t buf[2 * 512];
    struct mem_disk disk;
    struct block_device dev;

    mem_disk_init(&disk, data, 8 * 512);
    dev = mem_disk_device(&disk, 8);
    CHECK_EQ(blockdev_read(&dev, 7, buf, 1), STORAGE_OK);
    CHECK_EQ(blockdev_read(&dev, 8, buf, 1), STORAGE_EIO);
    CHECK_EQ(blockdev_read(&dev, 7, buf, 2), STORAGE_EIO);
    CHECK_EQ(blockdev_read(&dev, UINT64_MAX, buf, 2), STORAGE_EIO); /* no wrap-around */
    CHECK_EQ(blockdev_read(&dev, 0, buf, 0), STORAGE_EIO);
    CHECK_EQ(disk.reads, 1); /* only the valid request reached the driver */
    disk.fail_from = 4;
    CHECK_EQ(blockdev_read(&dev, 3, buf, 2), STORAGE_EIO);
    CHECK_EQ(blockdev_read(&dev, 2, buf, 2), STORAGE_OK);
    free(data);
}

TEST(byte_ranges_match_memory)
{
    enum { BLOCKS = 16 };
    uint8_t *data = malloc(BLOCKS * 512), *buf = malloc(BLOCKS * 512), scratch[512];
    static const size_t offsets[] = {0, 1, 100, 511, 512, 513, 1023, 1024, 2047};
    static const size_t lengths[] = {0, 1, 2, 511, 512, 513, 1024, 1500, 3000, 4095};
    struct mem_disk disk;
    struct block_device dev;
    size_t i, j;

    pattern_fill(data, BLOCKS * 512, 0, 3);
    mem_disk_init(&disk, data, BLOCKS * 512);
    dev = mem_disk_device(&disk, BLOCKS);
    for (i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
        for (j = 0; j < sizeof(lengths) / sizeof(lengths[0]); j++) {
            memset(buf, 0xEE, lengths[j] + 1);
            CHECK_EQ(blockdev_read_bytes(&dev, 2, offsets[i], buf, lengths[j], scratch),
                     STORAGE_OK);
            CHECK(memcmp(buf, data + 1024 + offsets[i], lengths[j]) == 0);
            CHECK_EQ(buf[lengths[j]], 0xEE); /* nothing written past the end */
        }
    }
    /* Whole blocks are read in one request: 1 head + 1 middle + 1 tail. */
    disk.reads = 0;
    CHECK_EQ(blockdev_read_bytes(&dev, 0, 100, buf, 5000, scratch), STORAGE_OK);
    CHECK_EQ(disk.reads, 3);
    CHECK_EQ(blockdev_read_bytes(&dev, BLOCKS - 2, 0, buf, 1025, scratch),
             STORAGE_EIO); /* past end */
    free(data);
    free(buf);
}

/* Splits path and joins the components with '|'. */
static const char *split(const char *path)
{
    static char out[256];
    const char *cursor = path, *start;
    size_t len;

    out[0] = '\0';
    while ((len = path_next_component(&cursor, &start)) > 0) {
        strncat(out, start, len);
        strcat(out, "|");
    }
    return out;
}

TEST(path_components)
{
    CHECK(strcmp(split("/APP/factorial"), "APP|factorial|") == 0);
    CHECK(strcmp(split("APP/factorial"), "APP|factorial|") == 0);
    CHECK(strcmp(split("//a///b/"), "a|b|") == 0);
    CHECK(strcmp(split("/"), "") == 0);
    CHECK(strcmp(split(""), "") == 0);
    CHECK(strcmp(split("/./../x y"), ".|..|x y|") == 0);
    CHECK(path_has_trailing_slash("/APP/"));
    CHECK(path_has_trailing_slash("a//"));
    CHECK(!path_has_trailing_slash("/APP"));
    CHECK(!path_has_trailing_slash("/"));
    CHECK(!path_has_trailing_slash("//"));
    CHECK(!path_has_trailing_slash(""));
}

TEST(names_compare_without_case)
{
    CHECK(name_equal_nocase("factor~1", 8, "FACTOR~1"));
    CHECK(name_equal_nocase("Hello.TXT/rest", 9, "hello.txt"));
    CHECK(!name_equal_nocase("hello", 5, "hello.txt"));
    CHECK(!name_equal_nocase("hello.txt", 9, "hello"));
    CHECK(!name_equal_nocase("hellp", 5, "hello"));
    CHECK(!name_equal_nocase("@", 1, "`")); /* only letters fold */
    CHECK(name_equal_nocase("\xc3\xa9", 2, "\xc3\xa9"));
    CHECK(name_equal_nocase("", 0, ""));
}

TEST(error_strings)
{
    static const int codes[] = {STORAGE_OK,     STORAGE_ENOENT,      STORAGE_ENOTDIR,
                                STORAGE_EISDIR, STORAGE_EIO,         STORAGE_ECORRUPT,
                                STORAGE_EINVAL, STORAGE_ENAMETOOLONG};
    size_t i, j;

    for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
        CHECK(strcmp(storage_strerror(codes[i]), storage_strerror(-100)) != 0);
        for (j = 0; j < i; j++)
            CHECK(strcmp(storage_strerror(codes[i]), storage_strerror(codes[j])) != 0);
    }
    CHECK(strcmp(storage_strerror(STORAGE_ENOENT), "no such file or directory") == 0);
}

int main(void)
{
    RUN(little_endian_fields);
    RUN(blockdev_read_checks_range);
    RUN(byte_ranges_match_memory);
    RUN(path_components);
    RUN(names_compare_without_case);
    RUN(error_strings);
    return test_summary();
}
