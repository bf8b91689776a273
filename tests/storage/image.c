/*
 * image.c - see image.h. Host-only code: uses libc freely.
 */
#include "image.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <utime.h>

static void die(const char *what, const char *detail)
{
    fprintf(stderr, "test setup failed: %s %s\n", what, detail);
    exit(2);
}

static int mem_disk_read(void *ctx, uint64_t lba, void *buf, uint32_t count)
{
    struct mem_disk *disk = ctx;
    uint32_t i;

    disk->reads++;
    if (lba + count > disk->fail_from)
        return -1;
    for (i = 0; i < count; i++) {
        uint8_t *dst = (uint8_t *)buf + (size_t)i * 512;

        if (lba + i < disk->blocks)
            memcpy(dst, disk->data + (lba + i) * 512, 512);
        else
            memset(dst, 0, 512);
    }
    disk->blocks_read += count;
    return 0;
}

void mem_disk_init(struct mem_disk *disk, uint8_t *data, size_t size)
{
    disk->data = data;
    disk->blocks = size / 512;
    disk->fail_from = UINT64_MAX;
    disk->reads = 0;
    disk->blocks_read = 0;
}

struct block_device mem_disk_device(struct mem_disk *disk, uint64_t claimed_blocks)
{
    struct block_device dev = {disk, mem_disk_read, claimed_blocks};

    return dev;
}

uint8_t *host_read_file(const char *path, size_t *size)
{
    FILE *f = fopen(path, "rb");
    uint8_t *data;
    long len;

    if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0)
        die("cannot read", path);
    rewind(f);
    data = malloc((size_t)len + 1);
    if (data == NULL || fread(data, 1, (size_t)len, f) != (size_t)len)
        die("cannot read", path);
    fclose(f);
    *size = (size_t)len;
    return data;
}

/* mkdir -p of the folder part of path. */
static void make_parents(const char *path)
{
    char buf[4096];
    char *p;

    snprintf(buf, sizeof(buf), "%s", path);
    for (p = buf + 1; *p != '\0'; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        mkdir(buf, 0755);
        *p = '/';
    }
}

void host_write_file(const char *path, const void *data, size_t size)
{
    FILE *f;

    make_parents(path);
    f = fopen(path, "wb");
    if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
        die("cannot write", path);
}

void host_set_mtime(const char *path, int year, int month, int day, int hour, int min, int sec)
{
    struct tm tm = {.tm_year = year - 1900,
                    .tm_mon = month - 1,
                    .tm_mday = day,
                    .tm_hour = hour,
                    .tm_min = min,
                    .tm_sec = sec,
                    .tm_isdst = -1};
    struct utimbuf times;

    times.actime = times.modtime = mktime(&tm);
    if (utime(path, &times) != 0)
        die("cannot set mtime of", path);
}

const char *fresh_test_dir(const char *name)
{
    static char dir[4096];
    char cmd[16384];

    snprintf(dir, sizeof(dir), "%s/build/tests/storage/%s", REPO_ROOT, name);
    snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s/tree' '%s/late'", dir, dir, dir);
    if (system(cmd) != 0)
        die("cannot create", dir);
    return dir;
}

void build_images(const char *dir)
{
    char cmd[16384];

    snprintf(cmd, sizeof(cmd), "sh '%s/tests/storage/mkimages.sh' '%s'", REPO_ROOT, dir);
    if (system(cmd) != 0)
        die("mkimages.sh failed for", dir);
}

uint8_t pattern_byte(uint64_t i, unsigned seed)
{
    return (uint8_t)((i * 7 + i / 251 + seed * 31) ^ (i >> 13));
}

void pattern_fill(uint8_t *buf, size_t len, uint64_t start, unsigned seed)
{
    size_t k;

    for (k = 0; k < len; k++)
        buf[k] = pattern_byte(start + k, seed);
}
