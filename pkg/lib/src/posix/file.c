/*
 * posix/file.c - the file half of newlib's OS glue.
 *
 * newlib built for a bare x86_64-elf target calls plain POSIX functions
 * (read, write, open, close, fstat ...) for its I/O; this file implements
 * them on the YSOS syscalls. YSOS files are read-only and cannot seek, so the
 * calls that would change the file system report an error through errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ysos.h>

#include "../console.h"

/* fds 0, 1 and 2 are the serial console; files get fds from 3 up. */
static bool is_console(int fd)
{
    return fd >= 0 && fd <= 2;
}

/* newlib declares read/write to return _READ_WRITE_RETURN_TYPE (int). */
_READ_WRITE_RETURN_TYPE read(int fd, void *buf, size_t len)
{
    ssize_t got = fd == 0 ? stdin_read(buf, len) : sys_read(fd, buf, len);

    if (got < 0) {
        errno = EBADF;
        return -1;
    }
    return got;
}

_READ_WRITE_RETURN_TYPE write(int fd, const void *buf, size_t len)
{
    ssize_t put = sys_write(fd, buf, len);

    if (put < 0) {
        errno = EBADF;
        return -1;
    }
    return put;
}

/* POSIX open flags -> the Rust lab's FileMode. */
static enum file_mode file_mode_of(int flags)
{
    if ((flags & O_ACCMODE) == O_RDONLY)
        return FILE_MODE_READ_ONLY;
    if (flags & O_CREAT) {
        if (flags & O_EXCL)
            return FILE_MODE_READ_WRITE_CREATE;
        if (flags & O_APPEND)
            return FILE_MODE_READ_WRITE_CREATE_OR_APPEND;
        return FILE_MODE_READ_WRITE_CREATE_OR_TRUNCATE;
    }
    if (flags & O_TRUNC)
        return FILE_MODE_READ_WRITE_TRUNCATE;
    return FILE_MODE_READ_WRITE_APPEND;
}

int open(const char *path, int flags, ...)
{
    uint8_t fd = sys_open(path, file_mode_of(flags));

    if (fd == 0) {
        errno = ENOENT;
        return -1;
    }
    return fd;
}

int close(int fd)
{
    if (!sys_close(fd)) {
        errno = EBADF;
        return -1;
    }
    return 0;
}

off_t lseek(int fd, off_t offset, int whence)
{
    (void)fd;
    (void)offset;
    (void)whence;
    errno = ESPIPE; /* no Seek syscall */
    return -1;
}

int isatty(int fd)
{
    if (is_console(fd))
        return 1;
    errno = ENOTTY;
    return 0;
}

int fstat(int fd, struct stat *st)
{
    memset(st, 0, sizeof(*st));
    st->st_mode = is_console(fd) ? S_IFCHR : S_IFREG;
    return 0;
}

/* A path "exists" when the kernel can open it. */
int stat(const char *path, struct stat *st)
{
    int fd = open(path, O_RDONLY);

    if (fd < 0)
        return -1;
    close(fd);
    memset(st, 0, sizeof(*st));
    st->st_mode = S_IFREG;
    return 0;
}

int link(const char *old_path, const char *new_path)
{
    (void)old_path;
    (void)new_path;
    errno = EROFS;
    return -1;
}

int unlink(const char *path)
{
    (void)path;
    errno = EROFS;
    return -1;
}

int mkdir(const char *path, mode_t mode)
{
    (void)path;
    (void)mode;
    errno = EROFS;
    return -1;
}

int fcntl(int fd, int cmd, ...)
{
    (void)fd;
    (void)cmd;
    errno = ENOSYS;
    return -1;
}
