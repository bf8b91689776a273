/*
 * image.h - helpers shared by the storage host tests: a disk image in
 * memory served as a block device, host file I/O, and building the test
 * images with tests/storage/mkimages.sh.
 */
#ifndef TESTS_STORAGE_IMAGE_H
#define TESTS_STORAGE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#include "storage/device.h"

/* A disk in memory. Blocks past `blocks` read as zeros (a sparse device). */
struct mem_disk {
    uint8_t *data;
    uint64_t blocks;     /* blocks backed by data */
    uint64_t fail_from;  /* a read touching this block or later fails */
    unsigned long reads; /* read callbacks served (successful or not) */
    unsigned long blocks_read;
};

/* Wraps data (size bytes, a multiple of 512) as a disk that never fails. */
void mem_disk_init(struct mem_disk *disk, uint8_t *data, size_t size);

/* The disk as a block device that claims to have claimed_blocks blocks. */
struct block_device mem_disk_device(struct mem_disk *disk, uint64_t claimed_blocks);

/* Reads a whole host file into malloc'd memory; aborts the test on error. */
uint8_t *host_read_file(const char *path, size_t *size);

/* Writes a host file, creating its parent folders; aborts on error. */
void host_write_file(const char *path, const void *data, size_t size);

/* Sets a host file's modification time to a local calendar time. */
void host_set_mtime(const char *path, int year, int month, int day, int hour, int min, int sec);

/* REPO_ROOT/build/tests/storage/name, emptied and created afresh. */
const char *fresh_test_dir(const char *name);

/* Runs mkimages.sh on dir (see the script); aborts on failure. */
void build_images(const char *dir);

/* Byte i of the "known pattern" files: not periodic in 256 or 512. */
uint8_t pattern_byte(uint64_t i, unsigned seed);

/* Fills buf with pattern_byte(start + k, seed). */
void pattern_fill(uint8_t *buf, size_t len, uint64_t start, unsigned seed);

#endif
