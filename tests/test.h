/*
 * test.h - a tiny unit-test harness for host-side tests of portable code.
 *
 *   TEST(name) { CHECK(x == 1); CHECK_EQ(a, b); }
 *   int main(void) { RUN(name); ...; return test_summary(); }
 *
 * Each binary ends with the line "N passed, N failed" and exits non-zero on
 * any failure. A test "passes" when none of its CHECKs failed.
 */
#ifndef TESTS_TEST_H
#define TESTS_TEST_H

#include <stdio.h>

static int test_passed, test_failed, test_cur_failed;

#define TEST(name) static void name(void)

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);                      \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long _a = (long long)(a), _b = (long long)(b);                                        \
        if (_a != _b) {                                                                            \
            printf("  %s:%d: CHECK_EQ failed: %s == %s (%lld != %lld)\n", __FILE__, __LINE__, #a,  \
                   #b, _a, _b);                                                                    \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define RUN(name)                                                                                  \
    do {                                                                                           \
        test_cur_failed = 0;                                                                       \
        name();                                                                                    \
        if (test_cur_failed) {                                                                     \
            test_failed++;                                                                         \
            printf("FAIL %s\n", #name);                                                            \
        } else {                                                                                   \
            test_passed++;                                                                         \
        }                                                                                          \
    } while (0)

static inline int test_summary(void)
{
    printf("%d passed, %d failed\n", test_passed, test_failed);
    return test_failed ? 1 : 0;
}

#endif
