/*
 * test_size.c - host tests of memory/size.c (format_size / size_scale).
 *
 * The oracle is the host's printf("%.*f") on the exact quotient (a double
 * holds every value tested here exactly), which is what the SPEC's "%6.2f"
 * ps lines mean.
 */
#include "memory/size.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

/* What printf makes of bytes in the unit humanized_size would pick. */
static void oracle(uint64_t bytes, int decimals, char *num, size_t len, const char **unit)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB"};
    double v = (double)bytes;
    int k = 0;
    while (v >= 1024.0 && k < 3) {
        v /= 1024.0;
        k++;
    }
    snprintf(num, len, "%.*f", decimals, v);
    *unit = units[k];
}

/* Compares size_scale with the oracle; returns 1 when they agree. */
static int agrees(uint64_t bytes, int decimals)
{
    char want[64], got[64];
    const char *want_unit;
    oracle(bytes, decimals, want, sizeof(want), &want_unit);
    const char *unit = size_scale(bytes, decimals, got, sizeof(got));
    if (strcmp(want, got) != 0 || strcmp(want_unit, unit) != 0) {
        printf("  bytes=%llu decimals=%d: want '%s %s', got '%s %s'\n", (unsigned long long)bytes,
               decimals, want, want_unit, got, unit);
        return 0;
    }
    return 1;
}

TEST(units_switch_at_1024)
{
    char buf[32];
    CHECK(strcmp(format_size(0, buf, sizeof(buf), 3), "0.000 B") == 0);
    CHECK(strcmp(format_size(1023, buf, sizeof(buf), 0), "1023 B") == 0);
    CHECK(strcmp(format_size(1024, buf, sizeof(buf), 1), "1.0 KiB") == 0);
    CHECK(strcmp(format_size(40 * 1024, buf, sizeof(buf), 1), "40.0 KiB") == 0);
    CHECK(strcmp(format_size(2ULL << 20, buf, sizeof(buf), 1), "2.0 MiB") == 0);
    CHECK(strcmp(format_size(3ULL << 30, buf, sizeof(buf), 2), "3.00 GiB") == 0);
    /* GiB is the largest unit: 2 TiB stays in GiB */
    CHECK(strcmp(format_size(2ULL << 40, buf, sizeof(buf), 0), "2048 GiB") == 0);
}

TEST(ps_figures_from_the_report)
{
    char buf[32];
    /* 277 frames = 1108 KiB -> the report's "1.08 MiB"; 11359 frames -> "44.37 MiB" */
    CHECK(strcmp(format_size(277 * 4096ULL, buf, sizeof(buf), 2), "1.08 MiB") == 0);
    CHECK(strcmp(format_size(11359 * 4096ULL, buf, sizeof(buf), 2), "44.37 MiB") == 0);
}

TEST(rounding_matches_printf_on_ties)
{
    /* exact halves: 1.125 KiB and 1.375 KiB at 2 decimals, 0.5 at 0 decimals */
    CHECK(agrees(1152, 2));
    CHECK(agrees(1408, 2));
    CHECK(agrees(1536, 0));
    CHECK(agrees(2560, 0));
    /* 1023.9999 KiB keeps the KiB unit but rounds up to 1024.00 */
    CHECK(agrees((1ULL << 20) - 1, 2));
    /* carries through the integer part */
    CHECK(agrees(1024 * 1024 * 10 - 1, 1));
}

TEST(random_values_match_printf)
{
    srand(7);
    int bad = 0;
    for (int i = 0; i < 200000; i++) {
        int bits = rand() % 50; /* < 2^50: exact in a double */
        uint64_t bytes = (((uint64_t)rand() << 31) ^ (uint64_t)rand()) & ((1ULL << bits) - 1);
        bad += !agrees(bytes, rand() % (SIZE_MAX_DECIMALS + 1));
        if (bad > 5)
            break;
    }
    CHECK_EQ(bad, 0);
}

TEST(truncates_to_buffer)
{
    char buf[5];
    format_size(11359 * 4096ULL, buf, sizeof(buf), 2);
    CHECK(strcmp(buf, "44.3") == 0);
    char num[3];
    CHECK(strcmp(size_scale(123456, 3, num, sizeof(num)), "KiB") == 0);
    CHECK(strcmp(num, "12") == 0);
}

TEST(short_units_for_ls)
{
    /* same number as size_scale, one-letter unit (the ls listing's "%5.1f%s") */
    static const struct {
        uint64_t bytes;
        const char *num, *unit;
    } cases[] = {
        {0, "0.0", "B"},          {1023, "1023.0", "B"},    {1024, "1.0", "K"},
        {17594, "17.2", "K"},     {4ULL << 20, "4.0", "M"}, {(1ULL << 20) - 1, "1024.0", "K"},
        {5ULL << 30, "5.0", "G"},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        char num[32], ref[32];
        const char *unit = size_scale_short(cases[i].bytes, 1, num, sizeof(num));
        CHECK(strcmp(num, cases[i].num) == 0);
        CHECK(strcmp(unit, cases[i].unit) == 0);
        size_scale(cases[i].bytes, 1, ref, sizeof(ref));
        CHECK(strcmp(num, ref) == 0);
    }
}

int main(void)
{
    RUN(units_switch_at_1024);
    RUN(ps_figures_from_the_report);
    RUN(rounding_matches_printf_on_ties);
    RUN(random_values_match_printf);
    RUN(truncates_to_buffer);
    RUN(short_units_for_ls);
    return test_summary();
}
