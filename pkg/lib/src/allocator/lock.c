/*
 * allocator/lock.c - make newlib's malloc safe between forked processes.
 *
 * Forked processes share the heap and newlib's malloc state, and may call
 * malloc at the same time. newlib brackets every malloc/free with
 * __malloc_lock/__malloc_unlock (no-ops in its default single-thread build);
 * these replace them with a spin lock. The lock is recursive, as newlib
 * requires (realloc calls malloc while holding it); the owner is a pid
 * because processes are what run concurrently here.
 */
#include <reent.h>

#include <ysos.h>

static struct spinlock malloc_spinlock = SPINLOCK_INIT;
static volatile uint16_t owner; /* pid holding the lock, 0 = nobody */
static unsigned depth;          /* only touched by the owner */

void __malloc_lock(struct _reent *reent)
{
    uint16_t me = sys_get_pid();

    (void)reent;
    if (__atomic_load_n(&owner, __ATOMIC_ACQUIRE) == me) {
        depth++;
        return;
    }
    spinlock_acquire(&malloc_spinlock);
    __atomic_store_n(&owner, me, __ATOMIC_RELAXED);
    depth = 1;
}

void __malloc_unlock(struct _reent *reent)
{
    (void)reent;
    if (--depth > 0)
        return;
    __atomic_store_n(&owner, 0, __ATOMIC_RELAXED);
    spinlock_release(&malloc_spinlock);
}
