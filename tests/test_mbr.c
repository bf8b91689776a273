/*
 * test_mbr.c - MBR parsing and partition views: entries crafted byte by
 * byte, and a real partitioned disk made by mtools' mpartition with a
 * mkfs.fat volume inside (tests/storage/mkimages.sh).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "storage/error.h"
#include "storage/fat16.h"
#include "storage/mbr.h"
#include "storage/partition.h"
#include "storage/image.h"
#include "test.h"

static const char hello[] = "Hello filesystem from YSOS-C!\n";

/* Writes table entry i of an MBR block. */
static void set_entry(uint8_t *sector, int i, uint8_t status, uint8_t type, uint32_t start,
                      uint32_t count)
{
    uint8_t *e = sector + MBR_TABLE_OFFSET + i * MBR_ENTRY_SIZE;
    int k;

    e[0] = status;
    e[4] = type;
    for (k = 0; k < 4; k++) {
        e[8 + k] = (uint8_t)(start >> (8 * k));
        e[12 + k] = (uint8_t)(count >> (8 * k));
    }
}

static void sign(uint8_t *sector)
{
    sector[510] = 0x55;
    sector[511] = 0xAA;
}

TEST(entry_fields_are_decoded)
{
    /* A real entry (from the Rust crate's test): FAT32 LBA, CHS 0/1/1 - 764/254/63. */
    static const uint8_t raw[16] = {0x80, 0x01, 0x01, 0x00, 0x0b, 0xfe, 0xbf, 0xfc,
                                    0x3f, 0x00, 0x00, 0x00, 0x7e, 0x86, 0xbb, 0x00};
    struct mbr_entry e;

    mbr_entry_decode(raw, &e);
    CHECK(mbr_entry_is_bootable(&e));
    CHECK(mbr_entry_is_used(&e));
    CHECK(!mbr_entry_is_extended(&e));
    CHECK_EQ(e.type, 0x0b);
    CHECK_EQ(e.begin_head, 1);
    CHECK_EQ(e.begin_sector, 1);
    CHECK_EQ(e.begin_cylinder, 0);
    CHECK_EQ(e.end_head, 254);
    CHECK_EQ(e.end_sector, 63);
    CHECK_EQ(e.end_cylinder, 764);
    CHECK_EQ(e.lba_start, 63);
    CHECK_EQ(e.sector_count, 12289662);
}

TEST(signature_is_required)
{
    uint8_t sector[512] = {0};
    struct mbr_table t;

    set_entry(sector, 0, 0x80, 0x06, 2048, 100);
    CHECK_EQ(mbr_parse(sector, &t), STORAGE_ECORRUPT);
    sector[510] = 0xAA; /* bytes swapped */
    sector[511] = 0x55;
    CHECK_EQ(mbr_parse(sector, &t), STORAGE_ECORRUPT);
    sign(sector);
    CHECK_EQ(mbr_parse(sector, &t), STORAGE_OK);
    CHECK_EQ(t.entries[0].lba_start, 2048);
    CHECK_EQ(t.entries[0].sector_count, 100);
    CHECK(!mbr_entry_is_used(&t.entries[1]));
}

TEST(choosing_and_opening_entries)
{
    uint8_t sector[512] = {0};
    uint8_t *data = calloc(1000, 512);
    struct mem_disk disk;
    struct block_device dev;
    struct mbr_table t;
    struct partition p;

    mem_disk_init(&disk, data, 1000 * 512);
    dev = mem_disk_device(&disk, 1000);
    set_entry(sector, 0, 0x00, 0x06, 10, 20);   /* used, not bootable */
    set_entry(sector, 1, 0x80, 0x05, 40, 20);   /* bootable but extended */
    set_entry(sector, 2, 0x80, 0x0e, 900, 200); /* bootable, past the disk end */
    set_entry(sector, 3, 0x80, 0x00, 100, 10);  /* bootable, type 0: unused */
    sign(sector);
    CHECK_EQ(mbr_parse(sector, &t), STORAGE_OK);
    CHECK_EQ(mbr_find_bootable(&t), 1);
    CHECK_EQ(mbr_open_partition(&t, 0, &dev, &p), STORAGE_OK);
    CHECK_EQ(p.dev.block_count, 20);
    CHECK_EQ(mbr_open_partition(&t, 1, &dev, &p), STORAGE_EINVAL);
    CHECK_EQ(mbr_open_partition(&t, 2, &dev, &p), STORAGE_ECORRUPT);
    CHECK_EQ(mbr_open_partition(&t, 3, &dev, &p), STORAGE_EINVAL);
    CHECK_EQ(mbr_open_partition(&t, 4, &dev, &p), STORAGE_EINVAL);
    CHECK_EQ(mbr_open_partition(&t, -1, &dev, &p), STORAGE_EINVAL);
    set_entry(sector, 1, 0x00, 0x05, 40, 20);
    CHECK_EQ(mbr_parse(sector, &t), STORAGE_OK);
    CHECK_EQ(mbr_find_bootable(&t), 2);
    set_entry(sector, 2, 0x00, 0x0e, 900, 200);
    CHECK_EQ(mbr_parse(sector, &t), STORAGE_OK);
    CHECK_EQ(mbr_find_bootable(&t), STORAGE_ENOENT);
    free(data);
}

TEST(partition_view_offsets_and_bounds)
{
    uint8_t *data = malloc(64 * 512);
    uint8_t buf[3 * 512];
    struct mem_disk disk;
    struct block_device dev;
    struct partition p;
    int i;

    for (i = 0; i < 64 * 512; i++)
        data[i] = (uint8_t)(i / 512); /* every byte names its block */
    mem_disk_init(&disk, data, 64 * 512);
    dev = mem_disk_device(&disk, 64);
    CHECK_EQ(partition_open(&p, &dev, 10, 0), STORAGE_ECORRUPT);
    CHECK_EQ(partition_open(&p, &dev, 64, 1), STORAGE_ECORRUPT);
    CHECK_EQ(partition_open(&p, &dev, 60, 5), STORAGE_ECORRUPT);
    CHECK_EQ(partition_open(&p, &dev, 60, 4), STORAGE_OK);
    CHECK_EQ(partition_open(&p, &dev, 10, 20), STORAGE_OK);
    CHECK_EQ(blockdev_read(&p.dev, 0, buf, 3), STORAGE_OK);
    CHECK(buf[0] == 10 && buf[511] == 10 && buf[512] == 11 && buf[1535] == 12);
    CHECK_EQ(blockdev_read(&p.dev, 19, buf, 1), STORAGE_OK);
    CHECK_EQ(buf[0], 29);
    CHECK_EQ(blockdev_read(&p.dev, 20, buf, 1), STORAGE_EIO);
    CHECK_EQ(blockdev_read(&p.dev, 18, buf, 3), STORAGE_EIO);
    /* Even a caller that skips blockdev_read cannot escape the window. */
    CHECK(p.dev.read(p.dev.ctx, 20, buf, 1) != 0);
    CHECK(p.dev.read(p.dev.ctx, UINT64_MAX, buf, 2) != 0);
    free(data);
}

TEST(unreadable_disk)
{
    uint8_t *data = calloc(8, 512);
    struct mem_disk disk;
    struct block_device dev;
    struct mbr_table t;

    mem_disk_init(&disk, data, 8 * 512);
    dev = mem_disk_device(&disk, 0);
    CHECK_EQ(mbr_read(&dev, &t), STORAGE_EIO); /* empty device */
    dev = mem_disk_device(&disk, 8);
    disk.fail_from = 0;
    CHECK_EQ(mbr_read(&dev, &t), STORAGE_EIO); /* the driver fails */
    disk.fail_from = UINT64_MAX;
    CHECK_EQ(mbr_read(&dev, &t), STORAGE_ECORRUPT); /* all zeros: no signature */
    free(data);
}

TEST(mpartition_disk_with_fat16_inside)
{
    char path[8192];
    const char *dir = fresh_test_dir("mbr");
    size_t size;
    uint8_t *img;
    struct mem_disk disk;
    struct block_device dev;
    struct mbr_table t;
    struct partition p;
    struct fat16 fs;
    struct fat16_file f;
    char buf[64];
    int boot;

    snprintf(path, sizeof(path), "%s/tree/hello.txt", dir);
    host_write_file(path, hello, sizeof(hello) - 1);
    build_images(dir);
    snprintf(path, sizeof(path), "%s/mbr.img", dir);
    img = host_read_file(path, &size);
    mem_disk_init(&disk, img, size);
    dev = mem_disk_device(&disk, disk.blocks);

    CHECK_EQ(mbr_read(&dev, &t), STORAGE_OK);
    CHECK(mbr_entry_is_bootable(&t.entries[0]));
    CHECK_EQ(t.entries[0].type, 0x06);
    CHECK_EQ(t.entries[0].lba_start, 2048);
    CHECK_EQ(t.entries[0].sector_count, 65536);
    CHECK(!mbr_entry_is_bootable(&t.entries[1]));
    CHECK_EQ(t.entries[1].type, 0x0b);
    CHECK_EQ(t.entries[1].lba_start, 2048 + 65536);
    CHECK_EQ(t.entries[1].sector_count, 4096);
    CHECK(!mbr_entry_is_used(&t.entries[2]));
    CHECK(!mbr_entry_is_used(&t.entries[3]));

    boot = mbr_find_bootable(&t);
    CHECK_EQ(boot, 0);
    CHECK_EQ(mbr_open_partition(&t, boot, &dev, &p), STORAGE_OK);
    CHECK_EQ(fat16_mount(&fs, &p.dev), STORAGE_OK);
    CHECK_EQ(fat16_open(&fs, "/hello.txt", &f), STORAGE_OK);
    CHECK_EQ(fat16_read(&f, 0, buf, sizeof(buf)), sizeof(hello) - 1);
    CHECK(memcmp(buf, hello, sizeof(hello) - 1) == 0);

    /* The whole disk is not a FAT volume, nor is the empty second partition. */
    CHECK_EQ(fat16_mount(&fs, &dev), STORAGE_ECORRUPT);
    CHECK_EQ(mbr_open_partition(&t, 1, &dev, &p), STORAGE_OK);
    CHECK_EQ(fat16_mount(&fs, &p.dev), STORAGE_ECORRUPT);
    CHECK(fs.mount_error != NULL && strstr(fs.mount_error, "signature") != NULL);
    free(img);
}

int main(void)
{
    RUN(entry_fields_are_decoded);
    RUN(signature_is_required);
    RUN(choosing_and_opening_entries);
    RUN(partition_view_offsets_and_bounds);
    RUN(unreadable_disk);
    RUN(mpartition_disk_with_fat16_inside);
    return test_summary();
}
