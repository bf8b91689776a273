#if YSOS_LAB >= 6
/*
 * filehandle.h - an open file with a position (mirrors common/filehandle.rs
 * and the Read/Seek traits of common/io.rs). The kernel's file descriptors
 * keep one of these: read() continues where the last one stopped.
 */
#ifndef STORAGE_FILEHANDLE_H
#define STORAGE_FILEHANDLE_H

#include <stddef.h>
#include <stdint.h>

#include "storage/fat16.h"

enum storage_seek { STORAGE_SEEK_SET, STORAGE_SEEK_CUR, STORAGE_SEEK_END };

struct file_handle {
    struct fat16_file file;
    uint64_t pos; /* byte offset the next read starts at */
};

/* Opens path on fs (see fat16_open) with the position at 0. */
int file_handle_open(struct file_handle *h, struct fat16 *fs, const char *path);

/* Reads up to len bytes at the position and advances it; 0 at end of file. */
int64_t file_handle_read(struct file_handle *h, void *buf, size_t len);

/*
 * Moves the position to offset from the start, the current position or the
 * end (lseek semantics; past the end is allowed). Returns the new position,
 * or STORAGE_EINVAL if it would be negative or whence is unknown.
 */
int64_t file_handle_seek(struct file_handle *h, int64_t offset, enum storage_seek whence);

#endif
#endif
