/*
 * memory/allocator.h - the kernel heap (Rust: memory/allocator.rs):
 * kmalloc/kfree for kernel objects. It lives in its own 512 MiB window of
 * P4[511] and maps frames there only as it grows.
 */
#ifndef MEMORY_ALLOCATOR_H
#define MEMORY_ALLOCATOR_H

#include <stddef.h>
#include <stdint.h>

#define KHEAP_START        0xFFFFFF8000000000ULL /* P4[511], P3[0] */
#define KHEAP_MAX_SIZE     (512ULL << 20)
#define KHEAP_INITIAL_SIZE (32ULL << 10)

struct kheap_stats {
    uint64_t mapped_bytes; /* heap pages mapped so far */
    uint64_t frames;       /* frames the heap holds: its pages and the page tables they needed */
    uint64_t used_bytes;   /* bytes in live blocks, headers included */
};

/* Maps the initial heap (logs its address range at debug level); needs frames_init() first. */
void kheap_init(void);

/* 16-byte aligned; NULL when out of memory. */
void *kmalloc(size_t size);

/* kmalloc, zero-filled. */
void *kzalloc(size_t size);

/* NULL is ignored; a bad or double free logs an error and is ignored. */
void kfree(void *p);

struct kheap_stats kheap_stats(void);

#endif
