/*
 * utils/ring.h - a fixed-size FIFO of bytes (single producer, single consumer).
 *
 * `head` and `tail` count bytes pushed and popped since the start and only
 * grow; their difference is the fill level, and index = count % capacity.
 * With a power-of-two capacity that stays correct when the counters wrap.
 * Callers provide the storage and any locking (the kernel's input buffer
 * pops with interrupts off). Portable: host-tested by tests/test_ring.c.
 */
#ifndef UTILS_RING_H
#define UTILS_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ring {
    uint8_t *buf;
    size_t capacity; /* a power of two */
    size_t head;     /* bytes pushed */
    size_t tail;     /* bytes popped */
};

static inline void ring_init(struct ring *r, uint8_t *buf, size_t capacity)
{
    *r = (struct ring){.buf = buf, .capacity = capacity};
}

static inline size_t ring_len(const struct ring *r)
{
    return r->head - r->tail;
}

static inline bool ring_full(const struct ring *r)
{
    return ring_len(r) == r->capacity;
}

/* Appends c; returns false (and drops c) when the ring is full. */
static inline bool ring_push(struct ring *r, uint8_t c)
{
    if (ring_full(r))
        return false;
    r->buf[r->head & (r->capacity - 1)] = c;
    r->head++;
    return true;
}

/* Copies the oldest byte into *c, leaving it queued; false when empty. */
static inline bool ring_peek(const struct ring *r, uint8_t *c)
{
    if (ring_len(r) == 0)
        return false;
    *c = r->buf[r->tail & (r->capacity - 1)];
    return true;
}

/* Removes the oldest byte into *c; returns false when the ring is empty. */
static inline bool ring_pop(struct ring *r, uint8_t *c)
{
    if (!ring_peek(r, c))
        return false;
    r->tail++;
    return true;
}

#endif
