/*
 * test_syscall_fuzz.c - the syscall fuzzer's planner (pkg/app/syscall_fuzz/
 * fuzz.c) on the host: it never plans a call that would end, block or
 * corrupt the fuzzer itself, the same seed gives the same calls, every kind
 * of call is made, and wrong answers are counted as contract violations.
 */
#include <string.h>

#include "fuzz.h"
#include "test.h"

#define HEAP_START 0x200000000000ULL
#define HEAP_END   (HEAP_START + (4ULL << 30) - 8)
#define PLANNED    200000
#define OUR_PID    300

static unsigned char scratch[4096];
static const char text[] = "fuzz fuzz fuzz fuzz ";

static struct fuzz_env env(void)
{
    struct fuzz_env e = {
        .scratch = scratch,
        .scratch_size = sizeof(scratch),
        .text = text,
        .text_size = sizeof(text) - 1,
        .code = 0x111100001000ULL,
        .heap_floor = HEAP_START + 0x3000,
        .pid = OUR_PID,
    };
    return e;
}

/* What a correct kernel might answer (enough to keep the tables moving). */
static uint64_t plausible(const struct fuzz_call *c, uint64_t i)
{
    switch (c->no) {
    case SYS_OPEN:
        return c->expect == EXPECT_VALUE ? 0 : 3 + i % 40;
    case SYS_CLOSE:
        return c->arg[0] >= 3 && i % 2;
    case SYS_ALLOCATE:
        return c->layout_arg >= 0 ? 0x300000000000ULL + i * 16 : 0;
    default:
        return c->expect == EXPECT_ANY ? 0 : c->want;
    }
}

static bool in_scratch(uint64_t ptr, uint64_t len)
{
    uint64_t start = (uint64_t)(uintptr_t)scratch;
    return ptr >= start && len <= sizeof(scratch) && ptr - start <= sizeof(scratch) - len;
}

static bool truncation_between(uint64_t value, uint64_t lo, uint64_t hi)
{
    const uint64_t masks[] = {0xFF, 0xFFFF, 0xFFFFFFFF, ~0ULL};
    for (int m = 0; m < 4; m++) {
        if ((value & masks[m]) >= lo && (value & masks[m]) <= hi)
            return true;
    }
    return false;
}

/* True if `c` is safe for the fuzzer to make (see fuzz.h). */
static bool safe(const struct fuzz_call *c, const struct fuzz_state *s)
{
    static const uint64_t deadly[] = {SYS_EXIT, SYS_WAITPID, SYS_VFORK, SYS_SPAWN};
    static const uint64_t console[] = {1, 2};

    if (!fuzz_avoids(c->no, deadly, 4))
        return false;
    switch (c->no) {
    case SYS_READ:
        return !truncation_between(c->arg[0], 0, 0) &&
               (in_scratch(c->arg[1], c->arg[2]) || c->expect == EXPECT_NOT_POSITIVE);
    case SYS_WRITE:
        return fuzz_avoids(c->arg[0], console, 2) || c->expect == EXPECT_VALUE ||
               (c->arg[1] == (uint64_t)(uintptr_t)text && c->arg[2] <= sizeof(text) - 1);
    case SYS_KILL:
        return !truncation_between(c->arg[0], 2, OUR_PID);
    case SYS_FOREGROUND:
        return !truncation_between(c->arg[0], 0, 0) &&
               !truncation_between(c->arg[0], OUR_PID, OUR_PID);
    case SYS_SEM:
        return !truncation_between(c->arg[0], SEM_WAIT, SEM_WAIT) || c->arg[0] < SEM_WAIT;
    case SYS_BRK:
        return c->arg[0] < HEAP_START || c->arg[0] > HEAP_END || c->arg[0] >= s->env.heap_floor;
    case SYS_DEALLOCATE:
        return c->alloc_index < 0 || s->allocs[c->alloc_index].ptr == c->arg[0];
    default:
        return true;
    }
}

TEST(never_plans_a_call_that_hurts_the_fuzzer)
{
    static struct fuzz_state s;
    struct fuzz_env e = env();
    int unsafe = 0;

    fuzz_init(&s, &e, 42);
    for (uint64_t i = 0; i < PLANNED; i++) {
        struct fuzz_call c;
        fuzz_next(&s, &c);
        if (!safe(&c, &s) && unsafe++ < 5)
            printf("  unsafe call %llu: no %llu args 0x%llx 0x%llx 0x%llx\n", (unsigned long long)i,
                   (unsigned long long)c.no, (unsigned long long)c.arg[0],
                   (unsigned long long)c.arg[1], (unsigned long long)c.arg[2]);
        fuzz_record(&s, &c, plausible(&c, i));
    }
    CHECK_EQ(unsafe, 0);
}

TEST(every_kind_of_call_is_made)
{
    static const uint64_t numbers[] = {
        SYS_READ, SYS_WRITE, SYS_OPEN, SYS_CLOSE,   SYS_BRK,      SYS_GETPID,     SYS_KILL,
        SYS_SEM,  SYS_TIME,  SYS_STAT, SYS_LISTDIR, SYS_ALLOCATE, SYS_DEALLOCATE, SYS_FOREGROUND};
    static struct fuzz_state s;
    struct fuzz_env e = env();
    int seen[sizeof(numbers) / sizeof(numbers[0])] = {0};
    int unknown = 0, checked = 0;

    fuzz_init(&s, &e, 7);
    for (uint64_t i = 0; i < PLANNED; i++) {
        struct fuzz_call c;
        bool known = false;
        fuzz_next(&s, &c);
        for (size_t k = 0; k < sizeof(numbers) / sizeof(numbers[0]); k++) {
            if (c.no == numbers[k]) {
                seen[k]++;
                known = true;
            }
        }
        unknown += !known;
        checked += c.expect != EXPECT_ANY;
        fuzz_record(&s, &c, plausible(&c, i));
    }
    for (size_t k = 0; k < sizeof(numbers) / sizeof(numbers[0]); k++)
        CHECK(seen[k] > 0);
    CHECK(unknown > PLANNED / 20);
    CHECK(checked > PLANNED / 4);
    CHECK_EQ(s.violations, 0);
}

TEST(same_seed_same_calls)
{
    static struct fuzz_state a, b;
    struct fuzz_env e = env();
    int differ = 0;

    fuzz_init(&a, &e, 1234);
    fuzz_init(&b, &e, 1234);
    for (uint64_t i = 0; i < 5000; i++) {
        struct fuzz_call x, y;
        fuzz_next(&a, &x);
        fuzz_next(&b, &y);
        differ += x.no != y.no || memcmp(x.arg, y.arg, sizeof(x.arg)) != 0;
        fuzz_record(&a, &x, plausible(&x, i));
        fuzz_record(&b, &y, plausible(&y, i));
    }
    CHECK_EQ(differ, 0);
    fuzz_init(&b, &e, 1235);
    struct fuzz_call x, y;
    fuzz_init(&a, &e, 1234);
    fuzz_next(&a, &x);
    fuzz_next(&b, &y);
    CHECK(x.no != y.no || memcmp(x.arg, y.arg, sizeof(x.arg)) != 0);
}

/* Plan calls until one of number `no` whose expectation is `e`. */
static struct fuzz_call plan_until(struct fuzz_state *s, uint64_t no, enum fuzz_expect e)
{
    struct fuzz_call c;
    do {
        fuzz_next(s, &c);
        if (c.no != no || c.expect != e)
            fuzz_record(s, &c, plausible(&c, 0));
    } while (c.no != no || c.expect != e);
    return c;
}

TEST(wrong_answers_are_violations)
{
    static struct fuzz_state s;
    struct fuzz_env e = env();
    struct fuzz_call c;

    fuzz_init(&s, &e, 99);
    c = plan_until(&s, SYS_GETPID, EXPECT_VALUE);
    CHECK(fuzz_record(&s, &c, OUR_PID));
    c = plan_until(&s, SYS_GETPID, EXPECT_VALUE);
    CHECK(!fuzz_record(&s, &c, OUR_PID + 1));
    c = plan_until(&s, SYS_READ, EXPECT_NOT_POSITIVE);
    CHECK(fuzz_record(&s, &c, SYSCALL_ERROR));
    c = plan_until(&s, SYS_READ, EXPECT_NOT_POSITIVE);
    CHECK(!fuzz_record(&s, &c, 16));
    CHECK_EQ(s.violations, 2);
}

TEST(break_is_tracked)
{
    static struct fuzz_state s;
    struct fuzz_env e = env();
    struct fuzz_call c;

    fuzz_init(&s, &e, 5);
    c = plan_until(&s, SYS_BRK, EXPECT_VALUE_OR_ERR);
    CHECK(fuzz_record(&s, &c, c.want));
    uint64_t moved = c.want;
    /* Every later move is refused (right for any of them), so the break
     * stays where it was moved, whatever calls the seed plans in between. */
    for (fuzz_next(&s, &c); c.no != SYS_BRK || c.arg[0] != 0; fuzz_next(&s, &c)) {
        if (c.no == SYS_BRK)
            CHECK(fuzz_record(&s, &c, SYSCALL_ERROR));
        else
            fuzz_record(&s, &c, plausible(&c, 0));
    }
    CHECK_EQ(c.want, moved); /* a query must give the break we moved to */
    CHECK(!fuzz_record(&s, &c, moved + 1));
}

TEST(truncations_are_avoided)
{
    static const uint64_t three[] = {3};
    static const uint64_t ops[] = {0, 1, 2, 3};
    CHECK(!fuzz_avoids(0x100000003ULL, three, 1));
    CHECK(!fuzz_avoids(0x1003ULL, three, 1));
    CHECK(!fuzz_avoids(3, three, 1));
    CHECK(fuzz_avoids(0x1000ULL, ops, 4) == false);
    CHECK(fuzz_avoids(0x1104ULL, ops, 4));
}

int main(void)
{
    RUN(never_plans_a_call_that_hurts_the_fuzzer);
    RUN(every_kind_of_call_is_made);
    RUN(same_seed_same_calls);
    RUN(wrong_answers_are_violations);
    RUN(break_is_tracked);
    RUN(truncations_are_avoided);
    return test_summary();
}
