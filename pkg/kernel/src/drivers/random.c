/*
 * drivers/random.c - xorshift64* with a splitmix64-scrambled seed.
 *
 * A raw seed such as "seconds since 1970" has few changing bits, and
 * xorshift needs a non-zero state; one splitmix64 step spreads the seed
 * over all 64 bits first, so nearby seeds give unrelated sequences.
 */
#include "drivers/random.h"

/* One step of splitmix64: a bijection on 64-bit values with good mixing. */
static uint64_t splitmix64(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ULL;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
    return x ^ (x >> 31);
}

void random_init(struct random_state *r, uint64_t seed)
{
    r->s = splitmix64(seed);
    if (r->s == 0)
        r->s = 0x9E3779B97F4A7C15ULL;
}

uint64_t random_next(struct random_state *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 0x2545F4914F6CDD1DULL;
}

void random_fill(struct random_state *r, void *buf, size_t len)
{
    uint8_t *out = buf;

    while (len > 0) {
        uint64_t bits = random_next(r);
        for (int i = 0; i < 8 && len > 0; i++, len--) {
            *out++ = (uint8_t)bits;
            bits >>= 8;
        }
    }
}
