#if YSOS_LAB >= 6
/*
 * error.h - error codes of the storage library (mirrors common/error.rs).
 *
 * Every function that can fail returns 0 (STORAGE_OK) or one of these
 * negative codes; functions that return a byte count return it when >= 0.
 * Negative values let one int carry both a count and an error.
 */
#ifndef STORAGE_ERROR_H
#define STORAGE_ERROR_H

enum storage_error {
    STORAGE_OK = 0,
    STORAGE_ENOENT = -1,       /* no such file or directory */
    STORAGE_ENOTDIR = -2,      /* a path component is not a directory */
    STORAGE_EISDIR = -3,       /* tried to open a directory as a file */
    STORAGE_EIO = -4,          /* device read failed or was outside the device */
    STORAGE_ECORRUPT = -5,     /* on-disk structure is invalid or not FAT16/MBR */
    STORAGE_EINVAL = -6,       /* bad argument (empty path, unused partition...) */
    STORAGE_ENAMETOOLONG = -7, /* a path component is longer than any FAT name */
};

/* A short English description of err ("no such file or directory"). */
const char *storage_strerror(int err);

#endif
#endif
