#if YSOS_LAB >= 6
/*
 * filehandle.c - a position on top of fat16_read(), which itself reads at
 * any offset. This is what a file descriptor needs: sequential reads and
 * lseek.
 */
#include "storage/error.h"
#include "storage/filehandle.h"

int file_handle_open(struct file_handle *h, struct fat16 *fs, const char *path)
{
    h->pos = 0;
    return fat16_open(fs, path, &h->file);
}

int64_t file_handle_read(struct file_handle *h, void *buf, size_t len)
{
    int64_t n = fat16_read(&h->file, h->pos, buf, len);

    if (n > 0)
        h->pos += (uint64_t)n;
    return n;
}

int64_t file_handle_seek(struct file_handle *h, int64_t offset, enum storage_seek whence)
{
    int64_t base;

    switch (whence) {
    case STORAGE_SEEK_SET:
        base = 0;
        break;
    case STORAGE_SEEK_CUR:
        base = (int64_t)h->pos;
        break;
    case STORAGE_SEEK_END:
        base = (int64_t)h->file.size;
        break;
    default:
        return STORAGE_EINVAL;
    }
    if (offset < -base || (offset > 0 && offset > INT64_MAX - base))
        return STORAGE_EINVAL;
    h->pos = (uint64_t)(base + offset);
    return (int64_t)h->pos;
}
#endif
