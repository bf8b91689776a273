/*
 * allocator/lock.h - the user heap's lock, shared by the allocators that
 * run in user space (newlib's malloc through __malloc_lock, and the
 * buddy/slab allocator of ALLOC=buddy). See lock.c.
 */
#ifndef LIB_ALLOCATOR_LOCK_H
#define LIB_ALLOCATOR_LOCK_H

/* Recursive: the process holding it may take it again. */
void heap_lock(void);
void heap_unlock(void);

#endif
