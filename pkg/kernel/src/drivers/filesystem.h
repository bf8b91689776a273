/*
 * drivers/filesystem.h - the root file system and the kernel's file API
 * (Rust: drivers/filesystem.rs).
 *
 * filesystem_init() opens ATA drive 0 on the primary bus, puts the block
 * cache in front of it, reads the MBR and mounts the first bootable (else
 * first used) partition as FAT16 at "/". The process manager then uses:
 *
 *   int err;
 *   struct kfile *f = fs_open("/APP/hello", &err);   // NULL + err on failure
 *   long n = fs_read(f, buf, sizeof(buf));            // bytes, 0 at EOF, or -err
 *   fs_close(f);
 *
 *   void *image; size_t size;
 *   fs_read_all("/APP/shell", &image, &size);         // for spawn; kfree(image)
 *
 * Paths are absolute ("/APP/hello"; the leading '/' may be left out),
 * compared without regard to case, and reach an entry by its long or its
 * 8.3 name ("/app/FACTOR~1"). "/dev/random" is a special file whose reads
 * never end and return pseudo-random bytes.
 *
 * Errors are negative: a storage_error (storage/error.h) or an FS_E* code
 * below; fs_strerror() describes either. Every call takes the volume lock
 * (interrupts off) for short stretches only, so it may be called from a
 * system call handler; it must not be called from an interrupt handler.
 */
#ifndef DRIVERS_FILESYSTEM_H
#define DRIVERS_FILESYSTEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "drivers/cache.h"
#include "storage/metadata.h"

/* Error codes of this layer, below the storage library's (-1 .. -7). */
enum fs_error {
    FS_ENOTMOUNTED = -32, /* filesystem_init() failed or was not called */
    FS_ENOMEM = -33,      /* kmalloc failed */
    FS_EBADF = -34,       /* NULL file */
};

/* An open file (opaque): a FAT16 file with a read position, or /dev/random. */
struct kfile;

/*
 * Mounts the root file system, logging "Opening disk device...",
 * "Mounting filesystem..." and "Initialized Filesystem.". On failure logs
 * an error and returns -1: the kernel runs on, and every call below then
 * fails with FS_ENOTMOUNTED. Call once, after memory and interrupt setup.
 */
int filesystem_init(void);

/* True once filesystem_init() has succeeded. */
bool fs_mounted(void);

/* Opens a regular file (or /dev/random) for reading; NULL with *err set on failure. */
struct kfile *fs_open(const char *path, int *err);

/*
 * Reads up to len bytes from the file's position and advances it. Returns
 * the number of bytes read (0 at end of file) or a negative error.
 */
long fs_read(struct kfile *f, void *buf, size_t len);

/* Closes f (NULL is ignored). */
void fs_close(struct kfile *f);

#if YSOS_LAB >= 8
/*
 * For mmap (lab 0x08): a second handle on the same regular file, with its
 * own position, that outlives f's close. NULL with *err = FS_EBADF for
 * /dev/random (nothing to page in), FS_ENOMEM when out of memory.
 */
struct kfile *fs_dup(const struct kfile *f, int *err);

/* The size of a regular file in bytes (0 for /dev/random). */
uint64_t fs_size(const struct kfile *f);

/* fs_read from byte offset of a regular file (moves f's position). */
long fs_read_at(struct kfile *f, void *buf, size_t len, uint64_t offset);
#endif

/*
 * Reads the whole regular file at path into a kmalloc'd buffer: *buf and
 * *size are set on success (the caller kfrees *buf). Returns 0 or an error.
 */
int fs_read_all(const char *path, void **buf, size_t *size);

/*
 * Prints the directory at path to the console like the Rust `ls`:
 *   "  Size | Last Modified       | Name"
 *   " 17.2K | 2024/05/01 12:00:00 | hello"   (folders get a trailing '/')
 * Before each entry it asks stop() (if not NULL) and ends the listing early
 * when it says so (a Ctrl-C). Returns 0, or an error (also logged as a
 * warning).
 */
int fs_list_dir(const char *path, bool (*stop)(void));

/* Metadata of the file or directory at path. */
int fs_stat(const char *path, struct storage_metadata *m);

/* A short description of any error these functions return. */
const char *fs_strerror(int err);

/* The root block cache's counters; false (and *out untouched) when not mounted. */
bool fs_cache_stats(struct block_cache_stats *out);

#endif
