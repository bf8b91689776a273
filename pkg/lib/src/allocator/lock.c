/*
 * allocator/lock.c - make the user heap safe between forked processes.
 *
 * Forked processes share the heap and the allocator's state, and may call
 * malloc at the same time. heap_lock/heap_unlock are a spin lock around
 * the allocator: newlib brackets every malloc/free with __malloc_lock/
 * __malloc_unlock (no-ops in its default single-thread build), which take
 * it; the buddy allocator (buddy.c, ALLOC=buddy) takes it in each entry
 * point. The lock is recursive, as newlib requires (realloc calls malloc
 * while holding it); the owner is a pid because processes are what run
 * concurrently here.
 */
#include <reent.h>

#include <ysos.h>

#include "lock.h"

static struct spinlock heap_spinlock = SPINLOCK_INIT;
static volatile uint16_t owner; /* pid holding the lock, 0 = nobody */
static unsigned depth;          /* only touched by the owner */

void heap_lock(void)
{
    uint16_t me = sys_get_pid();

    if (__atomic_load_n(&owner, __ATOMIC_ACQUIRE) == me) {
        depth++;
        return;
    }
    spinlock_acquire(&heap_spinlock);
    __atomic_store_n(&owner, me, __ATOMIC_RELAXED);
    depth = 1;
}

void heap_unlock(void)
{
    if (--depth > 0)
        return;
    __atomic_store_n(&owner, 0, __ATOMIC_RELAXED);
    spinlock_release(&heap_spinlock);
}

void __malloc_lock(struct _reent *reent)
{
    (void)reent;
    heap_lock();
}

void __malloc_unlock(struct _reent *reent)
{
    (void)reent;
    heap_unlock();
}
