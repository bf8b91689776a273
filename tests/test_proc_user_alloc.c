/*
 * test_proc_user_alloc.c - host tests of the Allocate/Deallocate allocator
 * (memory/user_alloc.c).
 */
#include "memory/user_alloc.h"
#include "test.h"

#include <string.h>

#define BASE  0x400000000000ULL
#define BYTES (64 * 1024ULL)

static uint64_t bits[UALLOC_WORDS(BYTES)], bits1[UALLOC_WORDS(BYTES)], bits2[UALLOC_WORDS(BYTES)];
static struct user_alloc a;
static struct user_alloc_owner me = {.bits = bits1}, other = {.bits = bits2};

static void reset(void)
{
    memset(bits, 0, sizeof(bits));
    memset(bits1, 0, sizeof(bits1));
    memset(bits2, 0, sizeof(bits2));
    me.used = other.used = 0;
    user_alloc_init(&a, BASE, BYTES, bits);
}

TEST(blocks_do_not_overlap)
{
    reset();
    uint64_t p = user_alloc(&a, &me, 24, 8), q = user_alloc(&a, &me, 100, 16),
             r = user_alloc(&a, &me, 1, 1);
    CHECK_EQ(p, BASE);
    CHECK_EQ(q, BASE + 32); /* 24 bytes take two 16-byte units */
    CHECK_EQ(r, BASE + 32 + 112);
    CHECK_EQ(a.used, 32 + 112 + 16);
}

TEST(alignment)
{
    reset();
    user_alloc(&a, &me, 16, 16);
    uint64_t p = user_alloc(&a, &me, 10, 256);
    CHECK_EQ(p % 256, 0);
    CHECK_EQ(p, BASE + 256);
    uint64_t q = user_alloc(&a, &me, 5000, 4096);
    CHECK_EQ(q, BASE + 4096);
    CHECK_EQ(user_alloc(&a, &me, 8, 8192), 0); /* above the largest alignment */
    CHECK_EQ(user_alloc(&a, &me, 8, 24), 0);   /* not a power of two */
    CHECK_EQ(user_alloc(&a, &me, 8, 0), 0);
}

TEST(free_and_reuse)
{
    reset();
    uint64_t p = user_alloc(&a, &me, 64, 16);
    uint64_t q = user_alloc(&a, &me, 64, 16);
    CHECK(user_free(&a, &me, p, 64, 16));
    CHECK_EQ(user_alloc(&a, &me, 48, 16), p); /* first fit takes the hole */
    CHECK(user_free(&a, &me, q, 64, 16));
    CHECK_EQ(a.used, 48);
}

TEST(bad_frees_change_nothing)
{
    reset();
    uint64_t p = user_alloc(&a, &me, 64, 16);
    CHECK(!user_free(&a, &me, p + 8, 64, 16));        /* misaligned */
    CHECK(!user_free(&a, &me, BASE - 16, 16, 16));    /* below the region */
    CHECK(!user_free(&a, &me, BASE + BYTES, 16, 16)); /* above */
    CHECK(!user_free(&a, &me, p, 128, 16));           /* more than was handed out */
    CHECK(!user_free(&a, &me, p, 0, 16));
    CHECK(!user_free(&a, &me, p, UINT64_MAX, 16));
    CHECK_EQ(a.used, 64);
    CHECK(user_free(&a, &me, p, 64, 16));
    CHECK(!user_free(&a, &me, p, 64, 16)); /* double free */
    CHECK_EQ(a.used, 0);
}

TEST(full_region)
{
    reset();
    CHECK_EQ(user_alloc(&a, &me, BYTES, 16), BASE);
    CHECK_EQ(user_alloc(&a, &me, 16, 16), 0);
    CHECK(user_free(&a, &me, BASE, BYTES, 16));
    CHECK_EQ(user_alloc(&a, &me, BYTES + 1, 16), 0);
    CHECK_EQ(user_alloc(&a, &me, 0, 16), 0);
}

TEST(only_the_owner_frees)
{
    reset();
    uint64_t p = user_alloc(&a, &me, 64, 16);
    CHECK(!user_free(&a, &other, p, 64, 16)); /* not its block */
    CHECK_EQ(a.used, 64);
    CHECK(user_free(&a, &me, p, 64, 16));
    CHECK_EQ(me.used, 0);
}

TEST(owner_gone_gives_everything_back)
{
    reset();
    uint64_t blocks = 0;
    while (user_alloc(&a, &me, 4096, 16) != 0) /* take every block, free none */
        blocks++;
    CHECK_EQ(blocks, BYTES / 4096);
    CHECK_EQ(user_alloc(&a, &other, 16, 16), 0);
    CHECK_EQ(user_free_owner(&a, &me), BYTES);
    CHECK_EQ(a.used, 0);
    CHECK_EQ(me.used, 0);
    blocks = 0;
    while (user_alloc(&a, &other, 4096, 16) != 0) /* the next owner gets them all */
        blocks++;
    CHECK_EQ(blocks, BYTES / 4096);
}

TEST(owner_gone_leaves_the_others_blocks)
{
    reset();
    uint64_t p = user_alloc(&a, &me, 100, 16);
    uint64_t q = user_alloc(&a, &other, 200, 16);
    uint64_t r = user_alloc(&a, &me, 300, 64);
    (void)p;
    (void)r;
    CHECK_EQ(user_free_owner(&a, &me), 112 + 304);
    CHECK_EQ(a.used, 208);
    CHECK_EQ(user_alloc(&a, &me, 112, 16), BASE); /* its units are free again */
    CHECK(user_free(&a, &other, q, 200, 16));     /* the other's block is intact */
}

int main(void)
{
    RUN(blocks_do_not_overlap);
    RUN(alignment);
    RUN(free_and_reuse);
    RUN(bad_frees_change_nothing);
    RUN(full_region);
    RUN(only_the_owner_frees);
    RUN(owner_gone_gives_everything_back);
    RUN(owner_gone_leaves_the_others_blocks);
    return test_summary();
}
