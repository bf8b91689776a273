#if YSOS_LAB >= 6
/*
 * error.c - text for the storage error codes, for kernel log lines such as
 * "open /APP/x: no such file or directory".
 */
#include "storage/error.h"

const char *storage_strerror(int err)
{
    switch (err) {
    case STORAGE_OK:
        return "success";
    case STORAGE_ENOENT:
        return "no such file or directory";
    case STORAGE_ENOTDIR:
        return "not a directory";
    case STORAGE_EISDIR:
        return "is a directory";
    case STORAGE_EIO:
        return "device I/O error";
    case STORAGE_ECORRUPT:
        return "corrupt or unsupported file system";
    case STORAGE_EINVAL:
        return "invalid argument";
    case STORAGE_ENAMETOOLONG:
        return "file name too long";
    default:
        return "unknown storage error";
    }
}
#endif
