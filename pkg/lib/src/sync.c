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

void spinlock_acquire(struct spinlock *lock)
{
    while (__atomic_exchange_n(&lock->bolt, 1, __ATOMIC_ACQUIRE) != 0) {
        /* Spin on a plain read so we do not hammer the bus with writes. */
        while (__atomic_load_n(&lock->bolt, __ATOMIC_RELAXED) != 0)
            __builtin_ia32_pause();
    }
}

void spinlock_release(struct spinlock *lock)
{
    __atomic_store_n(&lock->bolt, 0, __ATOMIC_RELEASE);
}

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
