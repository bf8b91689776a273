/*
 * test_proc_user_alloc.c - host tests of the Allocate/Deallocate allocator
 * (memory/user_alloc.c).
 */
#include "memory/user_alloc.h"
#include "test.h"

#include <string.h>

#define BASE  0x400000000000ULL
#define BYTES (64 * 1024ULL)

static uint64_t bits[UALLOC_WORDS(BYTES)];
static struct user_alloc a;

static void reset(void)
{
    memset(bits, 0, sizeof(bits));
    user_alloc_init(&a, BASE, BYTES, bits);
}

TEST(blocks_do_not_overlap)
{
    reset();
    uint64_t p = user_alloc(&a, 24, 8), q = user_alloc(&a, 100, 16), r = user_alloc(&a, 1, 1);
    CHECK_EQ(p, BASE);
    CHECK_EQ(q, BASE + 32); /* 24 bytes take two 16-byte units */
    CHECK_EQ(r, BASE + 32 + 112);
    CHECK_EQ(a.used, 32 + 112 + 16);
}

TEST(alignment)
{
    reset();
    user_alloc(&a, 16, 16);
    uint64_t p = user_alloc(&a, 10, 256);
    CHECK_EQ(p % 256, 0);
    CHECK_EQ(p, BASE + 256);
    uint64_t q = user_alloc(&a, 5000, 4096);
    CHECK_EQ(q, BASE + 4096);
    CHECK_EQ(user_alloc(&a, 8, 8192), 0); /* above the largest alignment */
    CHECK_EQ(user_alloc(&a, 8, 24), 0);   /* not a power of two */
    CHECK_EQ(user_alloc(&a, 8, 0), 0);
}

TEST(free_and_reuse)
{
    reset();
    uint64_t p = user_alloc(&a, 64, 16);
    uint64_t q = user_alloc(&a, 64, 16);
    CHECK(user_free(&a, p, 64, 16));
    CHECK_EQ(user_alloc(&a, 48, 16), p); /* first fit takes the hole */
    CHECK(user_free(&a, q, 64, 16));
    CHECK_EQ(a.used, 48);
}

TEST(bad_frees_change_nothing)
{
    reset();
    uint64_t p = user_alloc(&a, 64, 16);
    CHECK(!user_free(&a, p + 8, 64, 16));        /* misaligned */
    CHECK(!user_free(&a, BASE - 16, 16, 16));    /* below the region */
    CHECK(!user_free(&a, BASE + BYTES, 16, 16)); /* above */
    CHECK(!user_free(&a, p, 128, 16));           /* more than was handed out */
    CHECK(!user_free(&a, p, 0, 16));
    CHECK(!user_free(&a, p, UINT64_MAX, 16));
    CHECK_EQ(a.used, 64);
    CHECK(user_free(&a, p, 64, 16));
    CHECK(!user_free(&a, p, 64, 16)); /* double free */
    CHECK_EQ(a.used, 0);
}

TEST(full_region)
{
    reset();
    CHECK_EQ(user_alloc(&a, BYTES, 16), BASE);
    CHECK_EQ(user_alloc(&a, 16, 16), 0);
    CHECK(user_free(&a, BASE, BYTES, 16));
    CHECK_EQ(user_alloc(&a, BYTES + 1, 16), 0);
    CHECK_EQ(user_alloc(&a, 0, 16), 0);
}

int main(void)
{
    RUN(blocks_do_not_overlap);
    RUN(alignment);
    RUN(free_and_reuse);
    RUN(bad_frees_change_nothing);
    RUN(full_region);
    return test_summary();
}
