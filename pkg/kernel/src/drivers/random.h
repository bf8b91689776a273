/*
 * drivers/random.h - the pseudo-random generator behind /dev/random
 * (Rust: storage's fs/random.rs, which used RDRAND or an HC-128 RNG).
 *
 * xorshift64* (Marsaglia / Vigna): 64 bits of state, one multiply per
 * 8 output bytes, statistically decent, NOT cryptographic. The kernel
 * seeds it once from the clock (filesystem.c); callers serialize access.
 *
 * Portable: tests/test_random.c runs it on the host.
 */
#ifndef DRIVERS_RANDOM_H
#define DRIVERS_RANDOM_H

#include <stddef.h>
#include <stdint.h>

struct random_state {
    uint64_t s; /* never 0: xorshift would stay at 0 forever */
};

/* Seeds r; any seed (0 included) gives a usable, seed-specific sequence. */
void random_init(struct random_state *r, uint64_t seed);

/* The next 64 pseudo-random bits. */
uint64_t random_next(struct random_state *r);

/* Fills buf with len pseudo-random bytes. */
void random_fill(struct random_state *r, void *buf, size_t len);

#endif
