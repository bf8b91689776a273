/*
 * syscall/mman.h - the mmap family (lab 0x08 extension, beyond the Rust
 * labs), shared by the kernel and pkg/lib's <sys/mman.h>.
 *
 * Linux's x86_64 numbers, flag values and argument order, so the raw calls
 * read as on Linux:
 *
 *   mmap(addr, len, prot, flags, fd, offset)   rdi rsi rdx r10 r8 r9
 *   mprotect(addr, len, prot)                  rdi rsi rdx
 *   munmap(addr, len)                          rdi rsi
 *
 * Unlike the lab calls (0 / !0), the raw result is the address (mmap) or 0,
 * or a negative errno (-MMAP_EINVAL ...): callers must tell errors apart.
 * The errno numbers are Linux's, which are also newlib's.
 */
#ifndef SYSCALL_MMAN_H
#define SYSCALL_MMAN_H

enum syscall_mman_no {
    SYS_MMAP = 9,
    SYS_MPROTECT = 10,
    SYS_MUNMAP = 11,
};

#define PROT_NONE  0x0
#define PROT_READ  0x1
#define PROT_WRITE 0x2
#define PROT_EXEC  0x4

#define MAP_SHARED    0x01
#define MAP_PRIVATE   0x02
#define MAP_FIXED     0x10
#define MAP_ANONYMOUS 0x20
#define MAP_ANON      MAP_ANONYMOUS

/* Errors of the family, as negative raw results. */
#define MMAP_EBADF  9  /* fd is not an open file */
#define MMAP_ENOMEM 12 /* no room: region full, range not mapped, out of frames */
#define MMAP_EACCES 13 /* a writable shared mapping of a read-only file */
#define MMAP_ENODEV 19 /* the file cannot be mapped (/dev/random) */
#define MMAP_EINVAL 22 /* a bad argument */

#endif
