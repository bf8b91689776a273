/*
 * <sys/mman.h> - memory mappings, the POSIX way (lab 0x08 extension;
 * newlib has no such header). On the kernel's Linux-numbered calls
 * (syscall/mman.h, which also gives PROT_* and MAP_*):
 *
 *   void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
 *   if (p == MAP_FAILED) perror("mmap");     // errno: EINVAL, ENOMEM, EBADF, EACCES, ENODEV
 *   mprotect(p, 4096, PROT_NONE);            // 0, or -1 with errno
 *   munmap(p, len);                          // 0, or -1 with errno
 *
 * Mappings live in their own region (docs/userland.md "mmap"); a forked
 * child (VFork) shares them with its parent, MAP_PRIVATE ones included.
 */
#ifndef YSOS_SYS_MMAN_H
#define YSOS_SYS_MMAN_H

#include <stddef.h>
#include <sys/types.h>

#include <syscall/mman.h>

#define MAP_FAILED ((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset);
int mprotect(void *addr, size_t len, int prot);
int munmap(void *addr, size_t len);

#endif
