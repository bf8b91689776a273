/*
 * test_fat16.c - pkg/storage FAT16 against volumes made by mkfs.fat and
 * mtools (tests/storage/mkimages.sh): every file and folder on the volume
 * is compared with the host tree it was copied from, reads at odd offsets
 * and lengths are checked byte for byte, and the path rules (long and 8.3
 * names, case, ".", "..") are exercised.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "storage/error.h"
#include "storage/fat16.h"
#include "storage/filehandle.h"
#include "storage/image.h"
#include "test.h"

#define PATTERN_SIZE (1024 * 1024)
#define BIG_SIZE     (200 * 1024)
#define ROOT_FILES   40
#define MANY_FILES   100

static char dir[4096];
static struct mem_disk disk;
static struct block_device dev;
static struct fat16 fs;
static int files_compared;

static void put(const char *rel, size_t size, unsigned seed)
{
    char path[8192];
    uint8_t *data = malloc(size + 1);

    pattern_fill(data, size, 0, seed);
    snprintf(path, sizeof(path), "%s/%s", dir, rel);
    host_write_file(path, data, size);
    free(data);
}

/* The host tree mkimages.sh copies onto the volume. */
static void make_tree(void)
{
    char name[256], path[8192];
    int i;

    snprintf(path, sizeof(path), "%s/tree/hello.txt", dir);
    host_write_file(path, "Hello filesystem from YSOS-C!\n", 30);
    host_set_mtime(path, 2023, 6, 15, 13, 45, 58);
    put("tree/EMPTY.TXT", 0, 0);
    put("tree/ONECLUS.BIN", 2048, 1);
    put("tree/Pattern 1MiB.bin", PATTERN_SIZE, 2);
    for (i = 0; i < ROOT_FILES; i++) {
        snprintf(name, sizeof(name), "tree/Root File %02d.dat", i);
        put(name, (size_t)i * 37 + 1, 10 + i);
    }
    put("tree/APP/factorial", 5000, 3);
    put("tree/APP/hello", 300, 4);
    for (i = 0; i < MANY_FILES; i++) {
        snprintf(name, sizeof(name), "tree/Many Files/Item Number %03d.txt", i);
        put(name, (size_t)i * 13, 100 + i);
    }
    put("tree/Deep/Nested/Folder/Level4/leaf.txt", 777, 5);
    put("tree/MixedCase/ReadMe.Md", 100, 6);
    put("tree/MixedCase/lower.txt", 101, 7);
    put("tree/MixedCase/UPPER.TXT", 102, 8);
    put("tree/MixedCase/MiXeD CaSe LoNg NaMe.TxT", 103, 9);
    put("tree/Ünïcödé 文件.txt", 42, 11); /* UTF-8 source: a non-ASCII long name */
    put("late/Fragmented Big.bin", BIG_SIZE, 12);
}

static void setup(void)
{
    size_t size;
    uint8_t *img;
    int err;

    snprintf(dir, sizeof(dir), "%s", fresh_test_dir("fat16"));
    make_tree();
    build_images(dir);
    snprintf(dir + strlen(dir), sizeof(dir) - strlen(dir), "/fat16.img");
    img = host_read_file(dir, &size);
    *strrchr(dir, '/') = '\0';
    mem_disk_init(&disk, img, size);
    dev = mem_disk_device(&disk, disk.blocks);
    err = fat16_mount(&fs, &dev);
    if (err != STORAGE_OK) {
        printf("mount failed: %s (%s)\n", storage_strerror(err), fs.mount_error);
        exit(1);
    }
}

TEST(mount_reads_mkfs_layout)
{
    CHECK_EQ(fs.layout.sectors_per_cluster, 4);
    CHECK_EQ(fs.layout.cluster_bytes, 2048);
    CHECK_EQ(fs.layout.root_entries, 512);
    CHECK_EQ(fs.layout.total_sectors, 65536);
    CHECK(fs.layout.cluster_count >= FAT16_MIN_CLUSTERS);
    CHECK(fs.layout.cluster_count <= FAT16_MAX_CLUSTERS);
    CHECK(fs.layout.data_start > fs.layout.root_start);
    CHECK(fs.mount_error == NULL);
}

/* Reads the whole file in chunks of awkward sizes and compares with expect. */
static void compare_read(struct fat16_file *f, const uint8_t *expect, size_t size)
{
    static const size_t chunks[] = {1, 3, 511, 513, 4096 + 7, 512, 2048, 65537};
    uint8_t *buf = malloc(70000);
    uint64_t off = 0;
    int k = 0;

    while (off < size) {
        size_t want = chunks[k++ % 8];
        int64_t got = fat16_read(f, off, buf, want);
        size_t expect_n = size - off < want ? size - off : want;

        CHECK_EQ(got, expect_n);
        if (got != (int64_t)expect_n)
            break;
        CHECK(memcmp(buf, expect + off, expect_n) == 0);
        off += expect_n;
    }
    CHECK_EQ(fat16_read(f, size, buf, 10), 0);
    free(buf);
}

static void compare_file(const char *host_path, const char *fs_path, const char *short_path)
{
    struct fat16_file f, g;
    size_t size;
    uint8_t *expect = host_read_file(host_path, &size);

    CHECK_EQ(fat16_open(&fs, fs_path, &f), STORAGE_OK);
    CHECK_EQ(f.size, size);
    compare_read(&f, expect, size);
    /* The 8.3 name reaches the same file. */
    CHECK_EQ(fat16_open(&fs, short_path, &g), STORAGE_OK);
    CHECK_EQ(g.first_cluster, f.first_cluster);
    files_compared++;
    free(expect);
}

static int count_host_entries(const char *path)
{
    DIR *d = opendir(path);
    struct dirent *e;
    int n = 0;

    while (d != NULL && (e = readdir(d)) != NULL)
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    if (d != NULL)
        closedir(d);
    return n;
}

static void compare_dir(const char *host_path, const char *fs_path, const char *short_path);

/* One entry of a listing against the host file or folder of the same name. */
static void compare_entry(const char *host_path, const char *fs_path, const char *short_path,
                          const struct storage_metadata *m)
{
    char host[8192], long_child[8192], short_child[8192];
    struct stat st;

    snprintf(host, sizeof(host), "%s/%s", host_path, m->name);
    snprintf(long_child, sizeof(long_child), "%s/%s", fs_path, m->name);
    snprintf(short_child, sizeof(short_child), "%s/%s", short_path, m->short_name);
    if (stat(host, &st) != 0) {
        printf("  no host file for %s\n", long_child);
        CHECK(!"entry has a host counterpart");
        return;
    }
    CHECK_EQ(m->type == STORAGE_DIRECTORY, S_ISDIR(st.st_mode));
    if (m->type == STORAGE_DIRECTORY) {
        CHECK_EQ(m->size, 0);
        compare_dir(host, long_child, short_child);
    } else {
        CHECK_EQ(m->size, st.st_size);
        compare_file(host, long_child, short_child);
    }
}

static void compare_dir(const char *host_path, const char *fs_path, const char *short_path)
{
    struct fat16_dir d;
    struct storage_metadata m;
    int n = 0, rc;

    CHECK_EQ(fat16_opendir(&fs, fs_path[0] ? fs_path : "/", &d), STORAGE_OK);
    while ((rc = fat16_readdir(&d, &m)) > 0) {
        if (strcmp(m.name, ".") == 0 || strcmp(m.name, "..") == 0)
            continue;
        compare_entry(host_path, fs_path, short_path, &m);
        n++;
    }
    CHECK_EQ(rc, 0);
    CHECK_EQ(n, count_host_entries(host_path));
}

TEST(volume_matches_host_tree)
{
    char host[8192];

    snprintf(host, sizeof(host), "%s/tree", dir);
    files_compared = 0;
    compare_dir(host, "", "");
    /* root files + APP + Many Files + leaf + MixedCase + FRAG + ... */
    CHECK(files_compared >= ROOT_FILES + MANY_FILES + 15);
}

TEST(root_directory_spans_many_blocks)
{
    struct fat16_dir d;
    struct storage_metadata m;
    int n = 0;

    CHECK_EQ(fat16_opendir(&fs, "/", &d), STORAGE_OK);
    while (fat16_readdir(&d, &m) > 0)
        n++;
    /* Each long name takes 2+ slots: far more than one 16-slot block. */
    CHECK(n >= ROOT_FILES);
    CHECK(d.sector >= 4);
}

TEST(many_files_directory_spans_clusters)
{
    struct fat16_dir d;
    struct storage_metadata m;
    int n = 0;

    CHECK_EQ(fat16_opendir(&fs, "/Many Files", &d), STORAGE_OK);
    while (fat16_readdir(&d, &m) > 0)
        n++;
    CHECK_EQ(n, MANY_FILES + 2);
    CHECK(d.clusters_seen >= 3);
}

TEST(pattern_file_at_odd_offsets)
{
    static const uint64_t offsets[] = {
        0, 1, 511, 512, 513, 2047, 2048, 2049, 4095, 4097, 6143, 65535, PATTERN_SIZE - 1};
    static const size_t lengths[] = {1, 2, 511, 512, 513, 2047, 2048, 2049, 4097, 65537};
    uint8_t *buf = malloc(PATTERN_SIZE), *expect = malloc(PATTERN_SIZE);
    struct fat16_file f;
    size_t i, j;
    uint64_t seed = 12345;

    CHECK_EQ(fat16_open(&fs, "/Pattern 1MiB.bin", &f), STORAGE_OK);
    CHECK_EQ(f.size, PATTERN_SIZE);
    pattern_fill(expect, PATTERN_SIZE, 0, 2);
    for (i = 0; i < sizeof(offsets) / sizeof(offsets[0]); i++) {
        for (j = 0; j < sizeof(lengths) / sizeof(lengths[0]); j++) {
            uint64_t off = offsets[i];
            size_t want = PATTERN_SIZE - off < lengths[j] ? PATTERN_SIZE - off : lengths[j];

            CHECK_EQ(fat16_read(&f, off, buf, lengths[j]), want);
            CHECK(memcmp(buf, expect + off, want) == 0);
        }
    }
    /* Random offsets, forwards and backwards (the cursor hint must not lie). */
    for (i = 0; i < 300; i++) {
        uint64_t off, len;

        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        off = (seed >> 33) % PATTERN_SIZE;
        len = (seed >> 13) % 9000 + 1;
        if (len > PATTERN_SIZE - off)
            len = PATTERN_SIZE - off;
        CHECK_EQ(fat16_read(&f, off, buf, len), len);
        CHECK(memcmp(buf, expect + off, len) == 0);
    }
    CHECK_EQ(fat16_read(&f, 0, buf, PATTERN_SIZE), PATTERN_SIZE);
    CHECK(memcmp(buf, expect, PATTERN_SIZE) == 0);
    CHECK_EQ(fat16_read(&f, PATTERN_SIZE, buf, 1), 0);
    CHECK_EQ(fat16_read(&f, PATTERN_SIZE + 100, buf, 1), 0);
    free(buf);
    free(expect);
}

/* How many times the chain of f jumps to a non-adjacent cluster. */
static int chain_jumps(struct fat16_file *f, int *length)
{
    int c = f->first_cluster, next, jumps = 0;

    *length = 1;
    while ((next = fat16_next_cluster(&fs, (uint32_t)c)) > 0) {
        jumps += next != c + 1;
        c = next;
        ++*length;
    }
    CHECK_EQ(next, FAT16_CHAIN_END);
    return jumps;
}

TEST(fragmented_file)
{
    uint8_t *buf = malloc(BIG_SIZE), *expect = malloc(BIG_SIZE);
    struct fat16_file f;
    int length, jumps;
    int64_t off;

    CHECK_EQ(fat16_open(&fs, "/FRAG/Fragmented Big.bin", &f), STORAGE_OK);
    jumps = chain_jumps(&f, &length);
    CHECK(jumps >= 4); /* really fragmented: it filled the fillers' holes */
    CHECK_EQ(length, BIG_SIZE / 2048);
    pattern_fill(expect, BIG_SIZE, 0, 12);
    compare_read(&f, expect, BIG_SIZE);
    for (off = BIG_SIZE - 3000; off > 0; off -= 6151) {
        CHECK_EQ(fat16_read(&f, (uint64_t)off, buf, 3000), 3000);
        CHECK(memcmp(buf, expect + off, 3000) == 0);
    }
    free(buf);
    free(expect);
}

TEST(empty_file)
{
    struct fat16_file f;
    uint8_t buf[4];

    CHECK_EQ(fat16_open(&fs, "/EMPTY.TXT", &f), STORAGE_OK);
    CHECK_EQ(f.size, 0);
    CHECK_EQ(f.first_cluster, 0);
    CHECK_EQ(fat16_read(&f, 0, buf, sizeof(buf)), 0);
}

TEST(file_of_exactly_one_cluster)
{
    struct fat16_file f;
    uint8_t buf[2049], expect[2048];

    CHECK_EQ(fat16_open(&fs, "/ONECLUS.BIN", &f), STORAGE_OK);
    CHECK_EQ(f.size, fs.layout.cluster_bytes);
    CHECK_EQ(fat16_next_cluster(&fs, f.first_cluster), FAT16_CHAIN_END);
    pattern_fill(expect, sizeof(expect), 0, 1);
    CHECK_EQ(fat16_read(&f, 0, buf, sizeof(buf)), 2048);
    CHECK(memcmp(buf, expect, 2048) == 0);
    CHECK_EQ(fat16_read(&f, 2047, buf, 5), 1);
    CHECK_EQ(buf[0], expect[2047]);
}

static int first_cluster_of(const char *path)
{
    struct fat16_file f;
    int err = fat16_open(&fs, path, &f);

    return err != STORAGE_OK ? err : f.first_cluster;
}

TEST(long_and_short_names_reach_same_file)
{
    struct storage_metadata m;
    int c = first_cluster_of("/APP/factorial");

    CHECK(c >= 2);
    CHECK_EQ(first_cluster_of("/APP/FACTOR~1"), c);
    CHECK_EQ(first_cluster_of("/app/factor~1"), c);
    CHECK_EQ(first_cluster_of("/App/FACTORIAL"), c);
    CHECK_EQ(fat16_stat(&fs, "/APP/FACTOR~1", &m), STORAGE_OK);
    CHECK(strcmp(m.name, "factorial") == 0);
    CHECK(strcmp(m.short_name, "FACTOR~1") == 0);
    /* A lower-case 8.3 name is stored upper case with NT case flags. */
    CHECK_EQ(fat16_stat(&fs, "/mixedcase/LOWER.TXT", &m), STORAGE_OK);
    CHECK(strcmp(m.name, "lower.txt") == 0);
    CHECK(strcmp(m.short_name, "LOWER.TXT") == 0);
    CHECK_EQ(fat16_stat(&fs, "/MixedCase/mixed case long name.txt", &m), STORAGE_OK);
    CHECK(strcmp(m.name, "MiXeD CaSe LoNg NaMe.TxT") == 0);
}

TEST(path_rules)
{
    struct storage_metadata m;
    int hello = first_cluster_of("/APP/hello");
    char longname[1000];

    CHECK(hello >= 2);
    CHECK_EQ(first_cluster_of("APP/hello"), hello);
    CHECK_EQ(first_cluster_of("//APP///hello"), hello);
    CHECK_EQ(first_cluster_of("/APP/./hello"), hello);
    CHECK_EQ(first_cluster_of("/APP/../APP/hello"), hello);
    CHECK_EQ(first_cluster_of("/../APP/hello"), hello);
    CHECK_EQ(first_cluster_of("/./.././APP/hello"), hello);
    CHECK(first_cluster_of("/Deep/Nested/../Nested/Folder/Level4/../Level4/leaf.txt") >= 2);
    CHECK_EQ(first_cluster_of("/APP/hello/"), STORAGE_ENOTDIR);
    CHECK_EQ(first_cluster_of("/APP/hello/x"), STORAGE_ENOTDIR);
    CHECK_EQ(first_cluster_of("/APP/nothere"), STORAGE_ENOENT);
    CHECK_EQ(first_cluster_of("/nothere/hello"), STORAGE_ENOENT);
    CHECK_EQ(first_cluster_of("/APP"), STORAGE_EISDIR);
    CHECK_EQ(first_cluster_of("/"), STORAGE_EISDIR);
    CHECK_EQ(first_cluster_of(""), STORAGE_EINVAL);
    memset(longname, 'a', sizeof(longname) - 1);
    longname[0] = '/';
    longname[sizeof(longname) - 1] = '\0';
    CHECK_EQ(first_cluster_of(longname), STORAGE_ENAMETOOLONG);
    CHECK_EQ(fat16_stat(&fs, "/", &m), STORAGE_OK);
    CHECK_EQ(m.type, STORAGE_DIRECTORY);
    CHECK(strcmp(m.name, "/") == 0);
    CHECK_EQ(fat16_stat(&fs, "/Deep/..", &m), STORAGE_OK);
    CHECK(strcmp(m.name, "/") == 0);
    CHECK_EQ(fat16_stat(&fs, "/Deep/Nested/..", &m), STORAGE_OK);
    CHECK_EQ(m.type, STORAGE_DIRECTORY);
    CHECK_EQ(fat16_stat(&fs, "/APP/", &m), STORAGE_OK);
    CHECK(strcmp(m.name, "APP") == 0);
}

TEST(opendir_rules)
{
    struct fat16_dir d;
    struct storage_metadata m;

    CHECK_EQ(fat16_opendir(&fs, "/hello.txt", &d), STORAGE_ENOTDIR);
    CHECK_EQ(fat16_opendir(&fs, "/nothere", &d), STORAGE_ENOENT);
    CHECK_EQ(fat16_opendir(&fs, "/APP", &d), STORAGE_OK);
    CHECK_EQ(fat16_readdir(&d, &m), 1);
    CHECK(strcmp(m.name, ".") == 0);
    CHECK_EQ(fat16_readdir(&d, &m), 1);
    CHECK(strcmp(m.name, "..") == 0);
    CHECK_EQ(fat16_readdir(&d, &m), 1);
    CHECK_EQ(fat16_readdir(&d, &m), 1);
    CHECK_EQ(fat16_readdir(&d, &m), 0);
    CHECK_EQ(fat16_readdir(&d, &m), 0); /* stays at the end */
}

TEST(modification_time_is_decoded)
{
    struct storage_metadata m;

    CHECK_EQ(fat16_stat(&fs, "/HELLO.TXT", &m), STORAGE_OK);
    CHECK_EQ(m.size, 30);
    CHECK_EQ(m.modified.year, 2023);
    CHECK_EQ(m.modified.month, 6);
    CHECK_EQ(m.modified.day, 15);
    CHECK_EQ(m.modified.hour, 13);
    CHECK_EQ(m.modified.minute, 45);
    CHECK_EQ(m.modified.second, 58);
    CHECK(m.attributes & STORAGE_ATTR_ARCHIVE);
}

TEST(file_handle_reads_sequentially)
{
    struct file_handle h;
    char buf[64];

    CHECK_EQ(file_handle_open(&h, &fs, "/hello.txt"), STORAGE_OK);
    CHECK_EQ(file_handle_read(&h, buf, 6), 6);
    CHECK(memcmp(buf, "Hello ", 6) == 0);
    CHECK_EQ(file_handle_read(&h, buf, sizeof(buf)), 24);
    CHECK(memcmp(buf, "filesystem from YSOS-C!\n", 24) == 0);
    CHECK_EQ(file_handle_read(&h, buf, sizeof(buf)), 0);
    CHECK_EQ(file_handle_seek(&h, -8, STORAGE_SEEK_END), 22);
    CHECK_EQ(file_handle_read(&h, buf, 6), 6);
    CHECK(memcmp(buf, "YSOS-C", 6) == 0);
    CHECK_EQ(file_handle_seek(&h, -3, STORAGE_SEEK_CUR), 25);
    CHECK_EQ(file_handle_seek(&h, -26, STORAGE_SEEK_CUR), STORAGE_EINVAL);
    CHECK_EQ(file_handle_seek(&h, 0, STORAGE_SEEK_CUR), 25);
    CHECK_EQ(file_handle_seek(&h, 1, (enum storage_seek)7), STORAGE_EINVAL);
    CHECK_EQ(file_handle_seek(&h, 0, STORAGE_SEEK_SET), 0);
    CHECK_EQ(file_handle_open(&h, &fs, "/APP"), STORAGE_EISDIR);
}

TEST(sequential_reads_do_not_rewalk_the_chain)
{
    struct fat16_file f;
    uint8_t buf[512];
    unsigned long before;
    uint64_t off;

    CHECK_EQ(fat16_open(&fs, "/Pattern 1MiB.bin", &f), STORAGE_OK);
    before = disk.blocks_read;
    for (off = 0; off < PATTERN_SIZE; off += sizeof(buf))
        CHECK_EQ(fat16_read(&f, off, buf, sizeof(buf)), sizeof(buf));
    /* 2048 data blocks plus a few FAT blocks, not a walk per read. */
    CHECK(disk.blocks_read - before < PATTERN_SIZE / 512 + 64);
}

int main(void)
{
    setup();
    RUN(mount_reads_mkfs_layout);
    RUN(volume_matches_host_tree);
    RUN(root_directory_spans_many_blocks);
    RUN(many_files_directory_spans_clusters);
    RUN(pattern_file_at_odd_offsets);
    RUN(fragmented_file);
    RUN(empty_file);
    RUN(file_of_exactly_one_cluster);
    RUN(long_and_short_names_reach_same_file);
    RUN(path_rules);
    RUN(opendir_rules);
    RUN(modification_time_is_decoded);
    RUN(file_handle_reads_sequentially);
    RUN(sequential_reads_do_not_rewalk_the_chain);
    free(disk.data);
    return test_summary();
}
