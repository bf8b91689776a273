/*
 * allocator/brk.c - the heap of the default allocator, brk_alloc
 * (Rust: crates/lib/src/allocator/brk.rs).
 *
 * newlib's malloc asks sbrk() for more memory when it runs out and gives
 * memory back with a negative sbrk() when the top of the heap is free, so
 * the heap starts small, grows on demand and shrinks again. sbrk() maps
 * that onto the Brk syscall. It keeps no state of its own: it asks the
 * kernel for the current break each time, so it stays right even when a
 * program (brk_test) or a forked process moves the shared break itself.
 * On failure it returns (void *)-1 with errno = ENOMEM and malloc returns
 * NULL.
 */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>

#include <ysos.h>

static void *out_of_memory(void)
{
    errno = ENOMEM;
    return (void *)-1;
}

void *sbrk(ptrdiff_t increment)
{
#if YSOS_SOLVED >= 7
    uintptr_t old_break = sys_brk(0);

    if (old_break == BRK_FAILED)
        return out_of_memory();
    if (increment == 0)
        return (void *)old_break;

    uintptr_t new_break = old_break + (uintptr_t)increment;
    /* Wrapped around: the request is larger than the address space. */
    if ((increment > 0) != (new_break > old_break))
        return out_of_memory();
    if (sys_brk(new_break) != new_break)
        return out_of_memory();
    return (void *)old_break;
#else
    /* TODO(lab 0x07): with the brk system call, find the heap's current
     * end (brk(0)) and extend (or shrink) the heap by increment; return the
     * old end, or fail when brk does. Guide: 0x07 tasks.md "用户态堆"
     * (加分项); Rust: crates/lib/src/allocator/brk.rs BrkAllocator init, extend */
    (void)increment;
    LAB_TODO(7, "sbrk");
    return out_of_memory();
#endif
}
