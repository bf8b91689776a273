/*
 * sync.c - user-space synchronisation (Rust: crates/lib/src/sync.rs).
 *
 * spinlock: forked processes share memory, so an atomic exchange on a shared
 * word is enough to exclude each other; `pause` tells the CPU we are
 * spinning. The kernel's timer still preempts a spinner, so the holder gets
 * to run and release the lock.
 *
 * semaphore: a thin object around the kernel's named semaphores (Sem
 * syscall); waiting blocks in the kernel instead of spinning.
 */
#include <ysos.h>

/*
 * The spinlock is in every program from lab 0x04 on: newlib's malloc lock
 * (allocator/lock.c) uses it. Before fork exists nothing runs concurrently,
 * so its stubs may do nothing.
 */
#if YSOS_SOLVED >= 5
void spinlock_acquire(struct spinlock *lock)
{
    while (__atomic_exchange_n(&lock->bolt, 1, __ATOMIC_ACQUIRE) != 0) {
        /* Spin on a plain read so we do not hammer the bus with writes. */
        while (__atomic_load_n(&lock->bolt, __ATOMIC_RELAXED) != 0)
            __builtin_ia32_pause();
    }
}
#else
void spinlock_acquire(struct spinlock *lock)
{
    /* TODO(lab 0x05): acquire the lock, spinning (pause) while it is taken:
     * an atomic exchange (or compare-exchange) of lock->bolt from 0 to 1.
     * Guide: 0x05 tasks.md "自旋锁"; Rust: crates/lib/src/sync.rs SpinLock::acquire() */
    LAB_TODO(5, "spinlock_acquire");
    (void)lock;
}
#endif

#if YSOS_SOLVED >= 5
void spinlock_release(struct spinlock *lock)
{
    __atomic_store_n(&lock->bolt, 0, __ATOMIC_RELEASE);
}
#else
void spinlock_release(struct spinlock *lock)
{
    /* TODO(lab 0x05): release the lock: atomically store 0 in lock->bolt.
     * Guide: 0x05 tasks.md "自旋锁"; Rust: crates/lib/src/sync.rs SpinLock::release() */
    LAB_TODO(5, "spinlock_release");
    (void)lock;
}
#endif

#if YSOS_LAB >= 5
#if YSOS_SOLVED >= 5
bool semaphore_init(const struct semaphore *sem, size_t value)
{
    return sys_new_sem(sem->key, value);
}

void semaphore_signal(const struct semaphore *sem)
{
    sys_sem_signal(sem->key);
}

void semaphore_wait(const struct semaphore *sem)
{
    sys_sem_wait(sem->key);
}

bool semaphore_free(const struct semaphore *sem)
{
    return sys_rm_sem(sem->key);
}
#else
bool semaphore_init(const struct semaphore *sem, size_t value)
{
    /* TODO(lab 0x05): semaphore_init/signal/wait/free: the Sem syscall on
     * sem->key (sys_new_sem(), sys_sem_signal(), sys_sem_wait(), sys_rm_sem()).
     * Guide: 0x05 tasks.md "信号量"; Rust: crates/lib/src/sync.rs Semaphore */
    (void)sem;
    (void)value;
    LAB_TODO(5, "semaphore_init");
    return false;
}

void semaphore_signal(const struct semaphore *sem)
{
    (void)sem;
    LAB_TODO(5, "semaphore_signal");
}

void semaphore_wait(const struct semaphore *sem)
{
    (void)sem;
    LAB_TODO(5, "semaphore_wait");
}

bool semaphore_free(const struct semaphore *sem)
{
    (void)sem;
    LAB_TODO(5, "semaphore_free");
    return false;
}
#endif
#endif
