/*
 * posix/mman.c - mmap, mprotect and munmap on the kernel's raw calls (lab
 * 0x08 extension). The raw result is the address / 0 or a negative errno,
 * as Linux's; these turn the errno into -1 (MAP_FAILED) and errno.
 */
#include <errno.h>
#include <stdbool.h>
#include <sys/mman.h>

#include "../syscall_asm.h"

/* Raw results from -4095 to -1 are errors (Linux's convention): true, with errno set. */
static bool failed(uint64_t raw)
{
    if (raw < (uint64_t)-4095)
        return false;
    errno = (int)-(int64_t)raw;
    return true;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t offset)
{
    /* fd and the flags travel as 32-bit values, as Linux reads them. */
    uint64_t raw = syscall6(SYS_MMAP, (uintptr_t)addr, len, (uint32_t)prot, (uint32_t)flags,
                            (uint64_t)(int64_t)fd, (uint64_t)offset);

    return failed(raw) ? MAP_FAILED : (void *)(uintptr_t)raw;
}

int mprotect(void *addr, size_t len, int prot)
{
    uint64_t raw = syscall3(SYS_MPROTECT, (uintptr_t)addr, len, (uint32_t)prot);

    return failed(raw) ? -1 : 0;
}

int munmap(void *addr, size_t len)
{
    uint64_t raw = syscall3(SYS_MUNMAP, (uintptr_t)addr, len, 0);

    return failed(raw) ? -1 : 0;
}
