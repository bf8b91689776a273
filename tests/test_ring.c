/*
 * test_ring.c - host tests of utils/ring.h, the byte FIFO behind the
 * kernel's input buffer.
 */
#include "test.h"
#include "utils/ring.h"

#include <stdint.h>

#define CAP 8

TEST(empty_pop_fails)
{
    uint8_t buf[CAP], c = 0x55;
    struct ring r;

    ring_init(&r, buf, CAP);
    CHECK(!ring_pop(&r, &c));
    CHECK_EQ(c, 0x55); /* untouched */
    CHECK_EQ(ring_len(&r), 0);
}

TEST(peek_leaves_the_byte)
{
    uint8_t buf[CAP], c = 0;
    struct ring r;

    ring_init(&r, buf, CAP);
    CHECK(!ring_peek(&r, &c));
    ring_push(&r, 'x');
    ring_push(&r, 'y');
    CHECK(ring_peek(&r, &c));
    CHECK_EQ(c, 'x');
    CHECK_EQ(ring_len(&r), 2);
    CHECK(ring_pop(&r, &c));
    CHECK_EQ(c, 'x');
    CHECK(ring_peek(&r, &c));
    CHECK_EQ(c, 'y');
}

TEST(fifo_order)
{
    uint8_t buf[CAP], c;
    struct ring r;

    ring_init(&r, buf, CAP);
    for (int i = 0; i < 5; i++)
        CHECK(ring_push(&r, (uint8_t)('a' + i)));
    CHECK_EQ(ring_len(&r), 5);
    for (int i = 0; i < 5; i++) {
        CHECK(ring_pop(&r, &c));
        CHECK_EQ(c, 'a' + i);
    }
    CHECK(!ring_pop(&r, &c));
}

TEST(full_drops_new_bytes)
{
    uint8_t buf[CAP], c;
    struct ring r;

    ring_init(&r, buf, CAP);
    for (int i = 0; i < CAP; i++)
        CHECK(ring_push(&r, (uint8_t)i));
    CHECK(ring_full(&r));
    CHECK(!ring_push(&r, 99)); /* dropped */
    CHECK_EQ(ring_len(&r), CAP);
    for (int i = 0; i < CAP; i++) {
        CHECK(ring_pop(&r, &c));
        CHECK_EQ(c, i); /* the old bytes survived, 99 never entered */
    }
    CHECK(!ring_pop(&r, &c));
}

/* Thousands of interleaved pushes/pops: indices wrap many times. */
TEST(wraps_around)
{
    uint8_t buf[CAP], c;
    struct ring r;
    unsigned next_in = 0, next_out = 0;
    int errors = 0;

    ring_init(&r, buf, CAP);
    for (int round = 0; round < 5000; round++) {
        int pushes = round % 5, pops = (round * 7) % 4;

        for (int i = 0; i < pushes; i++) {
            if (ring_push(&r, (uint8_t)next_in))
                next_in++;
        }
        for (int i = 0; i < pops && ring_pop(&r, &c); i++) {
            if (c != (uint8_t)next_out)
                errors++;
            next_out++;
        }
        if (ring_len(&r) != next_in - next_out || ring_len(&r) > CAP)
            errors++;
    }
    CHECK_EQ(errors, 0);
    CHECK(next_out > 1000);
}

/* The counters only grow; starting them near SIZE_MAX checks the wrap. */
TEST(counter_overflow)
{
    uint8_t buf[CAP], c;
    struct ring r;

    ring_init(&r, buf, CAP);
    r.head = r.tail = SIZE_MAX - 2;
    for (int i = 0; i < 6; i++)
        CHECK(ring_push(&r, (uint8_t)(10 + i)));
    CHECK_EQ(ring_len(&r), 6);
    for (int i = 0; i < 6; i++) {
        CHECK(ring_pop(&r, &c));
        CHECK_EQ(c, 10 + i);
    }
    CHECK_EQ(ring_len(&r), 0);
}

int main(void)
{
    RUN(empty_pop_fails);
    RUN(peek_leaves_the_byte);
    RUN(fifo_order);
    RUN(full_drops_new_bytes);
    RUN(wraps_around);
    RUN(counter_overflow);
    return test_summary();
}
