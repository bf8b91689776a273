/*
 * test_fat16_corrupt.c - FAT16 volumes crafted byte by byte, valid and
 * broken: bad BPB fields, FAT loops, cluster numbers off the volume,
 * directory entries pointing outside it, truncated or failing devices,
 * bad long-name checksums. Every case must end in an error code (or the
 * documented fallback), never a hang or a crash.
 *
 * The crafted volume: 4200 blocks, 1 block per cluster, 1 reserved block,
 * 2 FATs of 17 blocks, 512 root entries (32 blocks), so the FATs start at
 * block 1, the root at 35, cluster 2 at 67, and there are 4133 clusters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/fat16/internal.h"
#include "storage/error.h"
#include "storage/fat16.h"
#include "storage/image.h"
#include "test.h"

#define TOTAL      4200
#define SPF        17
#define FAT_START  1
#define ROOT_START 35
#define DATA_START 67
#define CLUSTERS   (TOTAL - DATA_START)

static uint8_t img[TOTAL * 512];
static struct mem_disk disk;
static struct block_device dev;
static struct fat16 fs;

static void put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
    put16(p, (uint16_t)v);
    put16(p + 2, (uint16_t)(v >> 16));
}

static void set_fat(uint32_t cluster, uint16_t value)
{
    put16(img + FAT_START * 512 + cluster * 2, value);
}

/* An empty, valid volume. */
static void format(void)
{
    memset(img, 0, sizeof(img));
    memcpy(img, "\xEB\x3C\x90YSOSTEST", 11);
    put16(img + 0x0B, 512);
    img[0x0D] = 1;
    put16(img + 0x0E, 1);
    img[0x10] = 2;
    put16(img + 0x11, 512);
    put16(img + 0x13, TOTAL);
    img[0x15] = 0xF8;
    put16(img + 0x16, SPF);
    img[510] = 0x55;
    img[511] = 0xAA;
    set_fat(0, 0xFFF8);
    set_fat(1, 0xFFFF);
    mem_disk_init(&disk, img, sizeof(img));
    dev = mem_disk_device(&disk, TOTAL);
}

static uint8_t *root_slot(int i)
{
    return img + ROOT_START * 512 + i * 32;
}

static uint8_t *cluster_slot(uint32_t cluster, int i)
{
    return img + (DATA_START + cluster - 2) * 512 + i * 32;
}

static void put_entry(uint8_t *slot, const char *name11, uint8_t attr, uint16_t cluster,
                      uint32_t size)
{
    memcpy(slot, name11, 11);
    slot[11] = attr;
    put16(slot + 22, (11 << 11) | (30 << 5) | 5); /* 11:30:10 */
    put16(slot + 24, (44 << 9) | (2 << 5) | 29);  /* 2024-02-29 */
    put16(slot + 26, cluster);
    put32(slot + 28, size);
}

/* A chain first, first+1, ... of n clusters, each filled with its number. */
static void put_chain(uint16_t first, int n)
{
    int i;

    for (i = 0; i < n; i++) {
        set_fat(first + i, i == n - 1 ? 0xFFFF : (uint16_t)(first + i + 1));
        memset(cluster_slot(first + i, 0), (uint8_t)(first + i), 512);
    }
}

/*
 * Writes the long-name pieces of name (ASCII or UTF-16 units) into slots
 * slot, slot+1, ... (last piece first) with the given checksum.
 */
static int put_lfn(uint8_t *(*where)(int), int slot, const uint16_t *units, int len,
                   uint8_t checksum)
{
    static const int offs[13] = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};
    int pieces = (len + 12) / 13, p, k;

    for (p = pieces; p >= 1; p--, slot++) {
        uint8_t *e = where(slot);

        memset(e, 0, 32);
        e[0] = (uint8_t)(p | (p == pieces ? 0x40 : 0));
        e[11] = 0x0F;
        e[13] = checksum;
        for (k = 0; k < 13; k++) {
            int i = (p - 1) * 13 + k;
            uint16_t u = i < len ? units[i] : i == len ? 0x0000 : 0xFFFF;

            put16(e + offs[k], u);
        }
    }
    return slot;
}

static int ascii_units(const char *s, uint16_t *units)
{
    int n = 0;

    while (s[n] != '\0') {
        units[n] = (uint8_t)s[n];
        n++;
    }
    return n;
}

static int mount(void)
{
    return fat16_mount(&fs, &dev);
}

static int open_size(const char *path)
{
    struct fat16_file f;
    int err = fat16_open(&fs, path, &f);

    return err != STORAGE_OK ? err : (int)f.size;
}

/* Counts readdir results until the end or an error; returns the last rc. */
static int list(const char *path, int *count)
{
    struct fat16_dir d;
    struct storage_metadata m;
    int rc = fat16_opendir(&fs, path, &d);

    *count = 0;
    if (rc != STORAGE_OK)
        return rc;
    while ((rc = fat16_readdir(&d, &m)) > 0)
        ++*count;
    CHECK_EQ(fat16_readdir(&d, &m), 0); /* after the end or an error: stays ended */
    return rc;
}

/* A small valid tree: FILE.TXT (2 clusters), SUB/INNER.TXT. */
static void make_tree(void)
{
    format();
    put_entry(root_slot(0), "FILE    TXT", 0x20, 2, 700);
    put_chain(2, 2);
    put_entry(root_slot(1), "SUB        ", 0x10, 10, 0);
    put_chain(10, 1);
    memset(cluster_slot(10, 0), 0, 512);
    put_entry(cluster_slot(10, 0), ".          ", 0x10, 10, 0);
    put_entry(cluster_slot(10, 1), "..         ", 0x10, 0, 0);
    put_entry(cluster_slot(10, 2), "INNER   TXT", 0x20, 20, 5);
    put_chain(20, 1);
}

TEST(crafted_volume_is_valid)
{
    struct storage_metadata m;
    struct fat16_file f;
    uint8_t buf[700];
    int n;

    make_tree();
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fs.layout.fat_start, FAT_START);
    CHECK_EQ(fs.layout.root_start, ROOT_START);
    CHECK_EQ(fs.layout.data_start, DATA_START);
    CHECK_EQ(fs.layout.cluster_count, CLUSTERS);
    CHECK_EQ(fat16_open(&fs, "/file.txt", &f), STORAGE_OK);
    CHECK_EQ(fat16_read(&f, 0, buf, sizeof(buf)), 700);
    CHECK(buf[0] == 2 && buf[511] == 2 && buf[512] == 3 && buf[699] == 3);
    CHECK_EQ(list("/SUB", &n), 0);
    CHECK_EQ(n, 3);
    CHECK_EQ(open_size("/SUB/INNER.TXT"), 5);
    CHECK_EQ(open_size("/SUB/../FILE.TXT"), 700);
    CHECK_EQ(fat16_stat(&fs, "/FILE.TXT", &m), STORAGE_OK);
    CHECK_EQ(m.modified.year, 2024);
    CHECK_EQ(m.modified.month, 2);
    CHECK_EQ(m.modified.day, 29);
    CHECK_EQ(m.modified.hour, 11);
    CHECK_EQ(m.modified.minute, 30);
    CHECK_EQ(m.modified.second, 10);
    CHECK_EQ(fat16_next_cluster(&fs, 0), STORAGE_ECORRUPT);
    CHECK_EQ(fat16_next_cluster(&fs, 1), STORAGE_ECORRUPT);
    CHECK_EQ(fat16_next_cluster(&fs, CLUSTERS + 1), STORAGE_ECORRUPT); /* free: no successor */
    set_fat(CLUSTERS + 1, 0xFFFF);
    fs.fat_cached = false;
    CHECK_EQ(fat16_next_cluster(&fs, CLUSTERS + 1), FAT16_CHAIN_END); /* the last cluster */
    CHECK_EQ(fat16_next_cluster(&fs, CLUSTERS + 2), STORAGE_ECORRUPT);
}

/* True when the last mount failed for a reason mentioning why. */
static int mount_error_says(const char *why)
{
    if (fs.mount_error != NULL && strstr(fs.mount_error, why) != NULL)
        return 1;
    printf("  expected \"%s\", got \"%s\"\n", why, fs.mount_error ? fs.mount_error : "(none)");
    return 0;
}

/* One BPB field to overwrite: width 1, 2 or 4 bytes (0 = nothing). */
struct field_patch {
    unsigned offset, width;
    uint32_t value;
};

/* A broken boot sector and the reason mount must give for refusing it. */
struct bad_bpb {
    const char *why;
    struct field_patch patch[2];
};

static void apply(const struct field_patch *p)
{
    if (p->width == 1)
        img[p->offset] = (uint8_t)p->value;
    else if (p->width == 2)
        put16(img + p->offset, (uint16_t)p->value);
    else if (p->width == 4)
        put32(img + p->offset, p->value);
}

TEST(bad_bpb_fields_are_rejected)
{
    static const struct bad_bpb cases[] = {
        {"signature", {{511, 1, 0}}},
        {"bytes per sector", {{0x0B, 2, 1024}}},
        {"power of two", {{0x0D, 1, 0}}},
        {"power of two", {{0x0D, 1, 3}}},
        {"reserved", {{0x0E, 2, 0}}},
        {"FAT count", {{0x10, 1, 0}}},
        {"root entry", {{0x11, 2, 0}}},
        {"sectors per FAT", {{0x16, 2, 0}}},
        {"total sector", {{0x13, 2, 0}}},
        {"no room", {{0x13, 2, DATA_START}}},
        {"too few clusters", {{0x13, 2, DATA_START + 4084}}},
        {"too many clusters", {{0x13, 2, 0}, {0x20, 4, 200000}}},
        {"FAT is too small", {{0x16, 2, 16}}},
    };
    size_t i;

    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        format();
        apply(&cases[i].patch[0]);
        apply(&cases[i].patch[1]);
        CHECK_EQ(mount(), STORAGE_ECORRUPT);
        CHECK(mount_error_says(cases[i].why));
    }
}

/* Boot sectors of real volumes (first 64 bytes, as in the Rust crate's tests). */
static void real_boot_sector(uint8_t *sector, const uint8_t *head)
{
    memset(sector, 0, 512);
    memcpy(sector, head, 64);
    sector[510] = 0x55;
    sector[511] = 0xAA;
}

TEST(real_boot_sectors)
{
    /* QEMU's vvfat disk (-drive file=fat:esp): what the kernel will mount. */
    static const uint8_t vvfat[64] = {
        0xEB, 0x3E, 0x90, 0x4D, 0x53, 0x57, 0x49, 0x4E, 0x34, 0x2E, 0x31, 0x00, 0x02,
        0x10, 0x01, 0x00, 0x02, 0x00, 0x02, 0x00, 0x00, 0xF8, 0xFC, 0x00, 0x3F, 0x00,
        0x10, 0x00, 0x3F, 0x00, 0x00, 0x00, 0xC1, 0xBF, 0x0F, 0x00, 0x80, 0x00, 0x29,
        0xFD, 0x1A, 0xBE, 0xFA, 0x51, 0x45, 0x4D, 0x55, 0x20, 0x56, 0x56, 0x46, 0x41,
        0x54, 0x20, 0x46, 0x41, 0x54, 0x31, 0x36, 0x20, 0x20, 0x20, 0x00, 0x00};
    /* mkfs.fat on an SD card. */
    static const uint8_t mkfs[64] = {
        0xEB, 0x3C, 0x90, 0x6D, 0x6B, 0x66, 0x73, 0x2E, 0x66, 0x61, 0x74, 0x00, 0x02,
        0x10, 0x01, 0x00, 0x02, 0x00, 0x02, 0x00, 0x00, 0xF8, 0x20, 0x00, 0x3F, 0x00,
        0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xE0, 0x01, 0x00, 0x80, 0x01, 0x29,
        0xBB, 0xB0, 0x71, 0x77, 0x62, 0x6F, 0x6F, 0x74, 0x20, 0x20, 0x20, 0x20, 0x20,
        0x20, 0x20, 0x46, 0x41, 0x54, 0x31, 0x36, 0x20, 0x20, 0x20, 0x0E, 0x1F};
    uint8_t sector[512];
    struct fat16_layout l;
    const char *why;

    real_boot_sector(sector, vvfat);
    CHECK_EQ(fat16_bpb_parse(sector, 0xFBFC1, &l, &why), STORAGE_OK);
    CHECK_EQ(l.total_sectors, 0xFBFC1);
    CHECK_EQ(l.sectors_per_cluster, 16);
    CHECK_EQ(l.fat_start, 1);
    CHECK_EQ(l.root_start, 1 + 2 * 0xFC);
    CHECK_EQ(l.root_sectors, 32);
    CHECK_EQ(l.data_start, 1 + 2 * 0xFC + 32);
    CHECK_EQ(l.cluster_count, (0xFBFC1 - l.data_start) / 16);
    CHECK_EQ(fat16_bpb_parse(sector, 0xFBFC0, &l, &why), STORAGE_ECORRUPT);

    real_boot_sector(sector, mkfs);
    CHECK_EQ(fat16_bpb_parse(sector, 0x1E000, &l, NULL), STORAGE_OK);
    CHECK_EQ(l.total_sectors, 0x1E000);
    CHECK_EQ(l.fat_sectors, 32);
    CHECK_EQ(l.data_start, 1 + 2 * 32 + 32);
}

TEST(cluster_count_boundaries)
{
    format();
    put16(img + 0x13, DATA_START + 4085); /* the smallest FAT16 */
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fs.layout.cluster_count, 4085);
    format();
    put16(img + 0x13, 0);
    put32(img + 0x20, TOTAL); /* the 32-bit total field is used when the 16-bit one is 0 */
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fs.layout.total_sectors, TOTAL);
}

TEST(volume_larger_than_device)
{
    format();
    dev = mem_disk_device(&disk, TOTAL - 1);
    CHECK_EQ(mount(), STORAGE_ECORRUPT);
    CHECK(mount_error_says("larger than its device"));
    dev = mem_disk_device(&disk, 0);
    CHECK_EQ(mount(), STORAGE_EIO);
    format();
    disk.fail_from = 0;
    CHECK_EQ(mount(), STORAGE_EIO);
    CHECK(mount_error_says("boot sector"));
}

TEST(fat_loops_are_refused)
{
    make_tree();
    set_fat(3, 2); /* FILE.TXT: 2 -> 3 -> 2 -> ... */
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);
    make_tree();
    set_fat(2, 2); /* a cluster pointing at itself */
    put32(root_slot(0) + 28, 10);
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);
}

TEST(directory_loop_ends_with_error)
{
    int n, i;

    make_tree();
    set_fat(10, 11);
    set_fat(11, 10);         /* SUB: 10 -> 11 -> 10 -> ... and no end marker */
    for (i = 3; i < 16; i++) /* both clusters full: no end marker anywhere */
        put_entry(cluster_slot(10, i), "LOOPFILETXT", 0x20, 0, 0);
    for (i = 0; i < 16; i++)
        put_entry(cluster_slot(11, i), "LOOPFILETXT", 0x20, 0, 0);
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(list("/SUB", &n), STORAGE_ECORRUPT);
    CHECK_EQ(n, 32); /* every entry of both clusters, each once */
    CHECK_EQ(open_size("/SUB/NOTHERE"), STORAGE_ECORRUPT);
    CHECK_EQ(fs.corrupt_cluster, 10); /* where the loop closes */
}

/* True when the last STORAGE_ECORRUPT's reason mentions why. */
static int corrupt_says(const char *why)
{
    if (fs.corrupt_why != NULL && strstr(fs.corrupt_why, why) != NULL)
        return 1;
    printf("  expected \"%s\", got \"%s\"\n", why, fs.corrupt_why ? fs.corrupt_why : "(none)");
    return 0;
}

/* The case: a directory whose one full cluster is its own successor. */
TEST(directory_self_loop_lists_each_entry_once)
{
    int n, i;

    make_tree();
    set_fat(10, 10);
    for (i = 3; i < 16; i++)
        put_entry(cluster_slot(10, i), "LOOPFILETXT", 0x20, 0, 0);
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(list("/SUB", &n), STORAGE_ECORRUPT);
    CHECK_EQ(n, 16);
    CHECK(corrupt_says("loops back"));
    CHECK_EQ(fs.corrupt_cluster, 10);
}

/* A chain 2 -> 3 -> 4 -> 5 -> 3: the loop closes at 3 after 4 clusters. */
TEST(directory_loop_after_a_tail)
{
    int n, i, c;

    make_tree();
    put16(root_slot(1) + 26, 42); /* SUB now starts at cluster 42 */
    for (c = 42; c <= 45; c++) {
        set_fat((uint32_t)c, (uint16_t)(c == 45 ? 43 : c + 1));
        for (i = 0; i < 16; i++)
            put_entry(cluster_slot((uint32_t)c, i), "LOOPFILETXT", 0x20, 0, 0);
    }
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(list("/SUB", &n), STORAGE_ECORRUPT);
    CHECK_EQ(n, 4 * 16);
    CHECK_EQ(fs.corrupt_cluster, 43);
}

TEST(chain_walk_counts_distinct_clusters)
{
    uint32_t n;
    uint32_t c;

    make_tree();
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fat16_chain_walk(&fs, 2, &n), STORAGE_OK);
    CHECK_EQ(n, 2);
    set_fat(3, 3); /* 2 -> 3 -> 3 */
    fs.fat_cached = false;
    CHECK_EQ(fat16_chain_walk(&fs, 2, &n), STORAGE_ECORRUPT);
    CHECK_EQ(n, 2);
    CHECK_EQ(fs.corrupt_cluster, 3);
    set_fat(3, 0); /* 2 -> 3 -> free */
    fs.fat_cached = false;
    CHECK_EQ(fat16_chain_walk(&fs, 2, &n), STORAGE_ECORRUPT);
    CHECK_EQ(n, 2);
    CHECK(corrupt_says("free cluster"));
    CHECK_EQ(fs.corrupt_cluster, 3);
    CHECK_EQ(fat16_chain_walk(&fs, 0, &n), STORAGE_ECORRUPT);
    CHECK_EQ(n, 0);
    /* The longest chain there is: every cluster, then back to the first. */
    for (c = 2; c < CLUSTERS + 1; c++)
        set_fat(c, (uint16_t)(c + 1));
    set_fat(CLUSTERS + 1, 0xFFFF);
    fs.fat_cached = false;
    CHECK_EQ(fat16_chain_walk(&fs, 2, &n), STORAGE_OK);
    CHECK_EQ(n, CLUSTERS);
    set_fat(CLUSTERS + 1, 2);
    fs.fat_cached = false;
    CHECK_EQ(fat16_chain_walk(&fs, 2, &n), STORAGE_ECORRUPT);
    CHECK_EQ(n, CLUSTERS);
    CHECK_EQ(fs.corrupt_cluster, 2);
}

TEST(corrupt_reasons_name_the_damage)
{
    int n;

    make_tree();
    put16(root_slot(1) + 26, 0);
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(list("/SUB", &n), STORAGE_ECORRUPT);
    CHECK(corrupt_says("points at cluster"));
    CHECK_EQ(fs.corrupt_cluster, 0);
    make_tree();
    set_fat(3, 2); /* FILE.TXT: 2 -> 3 -> 2 */
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);
    CHECK(corrupt_says("loops back"));
    CHECK_EQ(fs.corrupt_cluster, 2);
    make_tree();
    put32(root_slot(0) + 28, 3 * 512);
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);
    CHECK(corrupt_says("longer than its cluster chain"));
}

TEST(bad_fat_values_in_chain)
{
    static const uint16_t bad[] = {0x0000, 0x0001, 0xFFF7, CLUSTERS + 2, 0xFFF0};
    size_t i;

    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        make_tree();
        set_fat(2, bad[i]);
        CHECK_EQ(mount(), STORAGE_OK);
        CHECK_EQ(fat16_next_cluster(&fs, 2), STORAGE_ECORRUPT);
        CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);
    }
    make_tree();
    set_fat(2, 0xFFF8); /* any value from 0xFFF8 ends a chain */
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fat16_next_cluster(&fs, 2), FAT16_CHAIN_END);
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT); /* 700 bytes need 2 clusters */
    put32(root_slot(0) + 28, 512);
    CHECK_EQ(open_size("/FILE.TXT"), 512);
}

TEST(entries_pointing_outside_the_volume)
{
    struct storage_metadata m;
    int n;

    make_tree();
    put16(root_slot(0) + 26, 0xFF00);
    put16(root_slot(1) + 26, 0xFF00);
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fat16_stat(&fs, "/FILE.TXT", &m), STORAGE_OK); /* the entry itself is readable */
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);
    CHECK_EQ(list("/SUB", &n), STORAGE_ECORRUPT);
    CHECK_EQ(open_size("/SUB/INNER.TXT"), STORAGE_ECORRUPT);

    make_tree();
    put16(root_slot(1) + 26, 0); /* a directory with cluster 0 is not the root... */
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(open_size("/FILE.TXT"), 700);
    CHECK_EQ(open_size("/SUB/FILE.TXT"), STORAGE_ECORRUPT); /* ...so no alias of /FILE.TXT */
    CHECK_EQ(list("/SUB", &n), STORAGE_ECORRUPT);
    put16(root_slot(0) + 26, 1); /* cluster 1 is reserved */
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);

    make_tree();
    put32(root_slot(0) + 28, 0xFFFFFFFF); /* larger than the volume */
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);
    put32(root_slot(0) + 28, 3 * 512); /* longer than its 2-cluster chain */
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);
    put16(root_slot(0) + 26, 0); /* data but no cluster */
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_ECORRUPT);
}

TEST(handmade_handle_cannot_escape)
{
    struct fat16_file f = {0};
    uint8_t buf[16];

    make_tree();
    CHECK_EQ(mount(), STORAGE_OK);
    f.fs = &fs;
    f.size = 5000;
    CHECK_EQ(fat16_read(&f, 0, buf, sizeof(buf)), STORAGE_ECORRUPT);
    f.first_cluster = 2; /* chain of 2 clusters, size claims 10 */
    CHECK_EQ(fat16_read(&f, 0, buf, sizeof(buf)), sizeof(buf));
    CHECK_EQ(fat16_read(&f, 4000, buf, sizeof(buf)), STORAGE_ECORRUPT);
}

TEST(failing_device_gives_eio)
{
    struct fat16_file f;
    uint8_t buf[600];
    int n;

    make_tree();
    put_entry(root_slot(2), "FAR     BIN", 0x20, 3500, 600);
    put_chain(3500, 2);
    put_entry(root_slot(3), "FARDIR     ", 0x10, 3600, 0);
    put_chain(3600, 1);
    CHECK_EQ(mount(), STORAGE_OK);
    disk.fail_from = 3000; /* everything from block 3000 on is unreadable */
    CHECK_EQ(fat16_open(&fs, "/FAR.BIN", &f), STORAGE_OK); /* the FAT is readable */
    CHECK_EQ(fat16_read(&f, 0, buf, sizeof(buf)), STORAGE_EIO);
    CHECK_EQ(fat16_read(&f, 10, buf, 3), STORAGE_EIO);
    CHECK_EQ(list("/FARDIR", &n), STORAGE_EIO);
    CHECK_EQ(open_size("/FILE.TXT"), 700); /* what is readable still works */
    disk.fail_from = FAT_START;            /* now even the FAT */
    fs.fat_cached = false;
    CHECK_EQ(open_size("/FILE.TXT"), STORAGE_EIO);
}

TEST(truncated_image)
{
    make_tree();
    mem_disk_init(&disk, img, 3000 * 512); /* the image file was cut short */
    dev = mem_disk_device(&disk, disk.blocks);
    CHECK_EQ(mount(), STORAGE_ECORRUPT);
    CHECK(mount_error_says("larger than its device"));
}

TEST(long_names_need_matching_checksums)
{
    uint16_t units[64];
    struct storage_metadata m;
    int len = ascii_units("Long File Name.txt", units);
    uint8_t sum;

    format();
    memcpy(root_slot(2), "LONGFI~1TXT", 11);
    sum = fat16_short_name_checksum(root_slot(2));
    put_lfn(root_slot, 0, units, len, sum);
    put_entry(root_slot(2), "LONGFI~1TXT", 0x20, 0, 0);
    /* Same again, but the checksum belongs to another 8.3 name. */
    put_lfn(root_slot, 3, units, len, (uint8_t)(sum + 1));
    put_entry(root_slot(5), "LONGFI~2TXT", 0x20, 0, 0);
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fat16_stat(&fs, "/long file name.TXT", &m), STORAGE_OK);
    CHECK(strcmp(m.short_name, "LONGFI~1.TXT") == 0);
    CHECK(strcmp(m.name, "Long File Name.txt") == 0);
    CHECK_EQ(fat16_stat(&fs, "/LONGFI~2.TXT", &m), STORAGE_OK);
    CHECK(strcmp(m.name, "LONGFI~2.TXT") == 0); /* pieces ignored */
}

TEST(long_name_pieces_out_of_order)
{
    uint16_t units[64];
    struct storage_metadata m;
    int len = ascii_units("A name of three pieces.text", units); /* 27 units: 3 pieces */
    uint8_t piece[32];
    uint8_t sum;

    format();
    memcpy(root_slot(3), "ANAMEO~1TEX", 11);
    sum = fat16_short_name_checksum(root_slot(3));
    put_lfn(root_slot, 0, units, len, sum);
    put_entry(root_slot(3), "ANAMEO~1TEX", 0x20, 0, 0);
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fat16_stat(&fs, "/a name of three pieces.text", &m), STORAGE_OK);
    memcpy(piece, root_slot(1), 32); /* swap pieces 2 and 1 */
    memcpy(root_slot(1), root_slot(2), 32);
    memcpy(root_slot(2), piece, 32);
    CHECK_EQ(fat16_stat(&fs, "/a name of three pieces.text", &m), STORAGE_ENOENT);
    CHECK_EQ(fat16_stat(&fs, "/ANAMEO~1.TEX", &m), STORAGE_OK);
    CHECK(strcmp(m.name, "ANAMEO~1.TEX") == 0);
    memcpy(root_slot(2), root_slot(1), 32); /* restore, then delete the middle piece */
    memcpy(root_slot(1), piece, 32);
    root_slot(1)[0] = 0xE5;
    CHECK_EQ(fat16_stat(&fs, "/a name of three pieces.text", &m), STORAGE_ENOENT);
}

TEST(non_ascii_long_name_becomes_utf8)
{
    /* "文件ü😀.txt": two CJK, a Latin-1 letter, an emoji (surrogate pair). */
    static const uint16_t units[] = {0x6587, 0x4EF6, 0x00FC, 0xD83D, 0xDE00, '.', 't', 'x', 't'};
    static const char utf8[] = "\xe6\x96\x87\xe4\xbb\xb6\xc3\xbc\xf0\x9f\x98\x80.txt";
    struct storage_metadata m;

    format();
    memcpy(root_slot(1), "__~1    TXT", 11);
    put_lfn(root_slot, 0, units, 9, fat16_short_name_checksum(root_slot(1)));
    put_entry(root_slot(1), "__~1    TXT", 0x20, 0, 0);
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fat16_stat(&fs, "/__~1.TXT", &m), STORAGE_OK);
    CHECK(strcmp(m.name, utf8) == 0);
    CHECK_EQ(fat16_stat(&fs, utf8, &m), STORAGE_OK);
}

TEST(skipped_slots_and_end_marker)
{
    struct fat16_dir d;
    struct storage_metadata m;
    int n;

    format();
    put_entry(root_slot(0), "YSOSTEST   ", STORAGE_ATTR_VOLUME_ID, 0, 0);
    put_entry(root_slot(1), "GONE    TXT", 0x20, 0, 0);
    root_slot(1)[0] = 0xE5;
    put_entry(root_slot(2), "KEPT    TXT", 0x20, 0, 0);
    put_entry(root_slot(4), "AFTEREODTXT", 0x20, 0, 0); /* slot 3 is all zeros */
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fat16_opendir(&fs, "/", &d), STORAGE_OK);
    CHECK_EQ(fat16_readdir(&d, &m), 1);
    CHECK(strcmp(m.name, "KEPT.TXT") == 0);
    CHECK_EQ(fat16_readdir(&d, &m), 0);
    CHECK_EQ(open_size("/AFTEREOD.TXT"), STORAGE_ENOENT);
    CHECK_EQ(open_size("/YSOSTEST"), STORAGE_ENOENT);
    CHECK_EQ(list("/", &n), 0);
    CHECK_EQ(n, 1);
}

TEST(root_region_ends_at_entry_count)
{
    char name[24];
    int i, n;

    format();
    put16(img + 0x11, 20); /* 20 root entries: 2 blocks, the second partly used */
    for (i = 0; i < 32; i++) {
        snprintf(name, sizeof(name), "F%02d     TXT", i % 100);
        put_entry(img + (1 + 2 * SPF) * 512 + i * 32, name, 0x20, 0, 0);
    }
    CHECK_EQ(mount(), STORAGE_OK);
    CHECK_EQ(fs.layout.root_sectors, 2);
    CHECK_EQ(list("/", &n), 0);
    CHECK_EQ(n, 20);
    CHECK_EQ(open_size("/F19.TXT"), 0);
    CHECK_EQ(open_size("/F20.TXT"), STORAGE_ENOENT);
}

int main(void)
{
    RUN(crafted_volume_is_valid);
    RUN(bad_bpb_fields_are_rejected);
    RUN(real_boot_sectors);
    RUN(cluster_count_boundaries);
    RUN(volume_larger_than_device);
    RUN(fat_loops_are_refused);
    RUN(directory_loop_ends_with_error);
    RUN(directory_self_loop_lists_each_entry_once);
    RUN(directory_loop_after_a_tail);
    RUN(chain_walk_counts_distinct_clusters);
    RUN(corrupt_reasons_name_the_damage);
    RUN(bad_fat_values_in_chain);
    RUN(entries_pointing_outside_the_volume);
    RUN(handmade_handle_cannot_escape);
    RUN(failing_device_gives_eio);
    RUN(truncated_image);
    RUN(long_names_need_matching_checksums);
    RUN(long_name_pieces_out_of_order);
    RUN(non_ascii_long_name_becomes_utf8);
    RUN(skipped_slots_and_end_marker);
    RUN(root_region_ends_at_entry_count);
    return test_summary();
}
