/*
 * test_random.c - host tests of drivers/random.c (the /dev/random PRNG).
 *
 * Not a statistical test suite: it checks the properties the kernel relies
 * on - determinism per seed, different seeds diverging, no stuck state,
 * every requested byte written and none beyond, bytes roughly uniform.
 */
#include "drivers/random.h"
#include "test.h"

#include <string.h>

TEST(same_seed_same_sequence)
{
    struct random_state a, b;
    random_init(&a, 1234);
    random_init(&b, 1234);
    int differ = 0;
    for (int i = 0; i < 1000; i++)
        differ += random_next(&a) != random_next(&b);
    CHECK_EQ(differ, 0);
}

TEST(nearby_seeds_diverge)
{
    struct random_state a, b;
    random_init(&a, 1000);
    random_init(&b, 1001);
    int same = 0;
    for (int i = 0; i < 1000; i++)
        same += random_next(&a) == random_next(&b);
    CHECK_EQ(same, 0);
}

TEST(zero_seed_is_not_stuck)
{
    struct random_state r;
    random_init(&r, 0);
    CHECK(r.s != 0);
    uint64_t first = random_next(&r);
    CHECK(first != 0);
    CHECK(random_next(&r) != first);
}

TEST(fill_writes_exactly_len_bytes)
{
    for (size_t len = 0; len < 40; len++) {
        uint8_t buf[64];
        memset(buf, 0xAB, sizeof(buf));
        struct random_state r;
        random_init(&r, len);
        random_fill(&r, buf + 8, len);
        int guard_ok = 1;
        for (size_t i = 0; i < 8; i++)
            guard_ok &= buf[i] == 0xAB;
        for (size_t i = 8 + len; i < sizeof(buf); i++)
            guard_ok &= buf[i] == 0xAB;
        CHECK(guard_ok);
    }
}

TEST(fill_uses_every_byte_of_each_word)
{
    /* 16 bytes = two outputs, least significant byte first */
    struct random_state r, ref;
    uint8_t buf[16];
    random_init(&r, 77);
    random_init(&ref, 77);
    random_fill(&r, buf, sizeof(buf));
    for (int w = 0; w < 2; w++) {
        uint64_t v = random_next(&ref);
        for (int i = 0; i < 8; i++)
            CHECK_EQ(buf[w * 8 + i], (uint8_t)(v >> (8 * i)));
    }
}

TEST(bytes_are_roughly_uniform)
{
    enum { N = 1 << 20 };
    static uint8_t buf[N];
    unsigned counts[256] = {0};
    struct random_state r;
    random_init(&r, 20240601);
    random_fill(&r, buf, N);
    for (size_t i = 0; i < N; i++)
        counts[buf[i]]++;
    /* expected 4096 per value; chi-square with 255 degrees of freedom < 340 (p ~ 0.0003) */
    double chi2 = 0;
    for (int v = 0; v < 256; v++) {
        double d = (double)counts[v] - N / 256.0;
        chi2 += d * d / (N / 256.0);
    }
    CHECK(chi2 < 340.0);
}

int main(void)
{
    RUN(same_seed_same_sequence);
    RUN(nearby_seeds_diverge);
    RUN(zero_seed_is_not_stuck);
    RUN(fill_writes_exactly_len_bytes);
    RUN(fill_uses_every_byte_of_each_word);
    RUN(bytes_are_roughly_uniform);
    return test_summary();
}
