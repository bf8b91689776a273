/*
 * test_proc_usage.c - host tests of the ps usage line (proc/usage.c).
 *
 * The oracle is the SPEC's format run through the host's printf on doubles,
 * with sizes in the unit Rust's humanized_size picks.
 */
#include "proc/usage.h"
#include "test.h"

#include <string.h>

static const char *scaled(uint64_t bytes, double *v)
{
    static const char *const units[] = {"B", "KiB", "MiB", "GiB"};
    int k = 0;

    *v = (double)bytes;
    while (*v >= 1024.0 && k < 3) {
        *v /= 1024.0;
        k++;
    }
    return units[k];
}

static void oracle(char *buf, size_t len, const char *name, uint64_t used, uint64_t total)
{
    double u, t;
    const char *uu = scaled(used, &u), *tu = scaled(total, &t);

    snprintf(buf, len, "%-6s : %6.2f %3s / %6.2f %3s (%5.2f%%)", name, u, uu, t, tu,
             (double)used / (double)total * 100.0);
}

static int agrees(uint64_t used, uint64_t total)
{
    char mine[96], want[96];

    usage_line(mine, sizeof(mine), "Memory", used, total);
    oracle(want, sizeof(want), "Memory", used, total);
    if (strcmp(mine, want) != 0) {
        printf("  used %llu total %llu:\n    got  '%s'\n    want '%s'\n", (unsigned long long)used,
               (unsigned long long)total, mine, want);
        return 0;
    }
    return 1;
}

TEST(spec_example)
{
    char line[96];

    /* 1.08 MiB of 44.37 MiB, the SPEC's transcript. */
    usage_line(line, sizeof(line), "Memory", 276 * 4096ULL, 11359 * 4096ULL);
    CHECK(strcmp(line, "Memory :   1.08 MiB /  44.37 MiB ( 2.43%)") == 0);
}

TEST(matches_printf)
{
    static const uint64_t totals[] = {11359 * 4096ULL, 24000 * 4096ULL, 1ULL << 30, 5ULL << 30};
    int bad = 0;

    for (size_t t = 0; t < sizeof(totals) / sizeof(totals[0]); t++) {
        for (uint64_t used = 0; used <= totals[t]; used += totals[t] / 997 + 4096)
            bad += !agrees(used, totals[t]);
        bad += !agrees(totals[t], totals[t]);
    }
    CHECK_EQ(bad, 0);
}

TEST(percent_rounding)
{
    CHECK_EQ(usage_percent_hundredths(0, 100), 0);
    CHECK_EQ(usage_percent_hundredths(1, 3), 3333);
    CHECK_EQ(usage_percent_hundredths(2, 3), 6667);
    CHECK_EQ(usage_percent_hundredths(1, 1), 10000);
    CHECK_EQ(usage_percent_hundredths(1, 0), 0);
}

int main(void)
{
    RUN(spec_example);
    RUN(matches_printf);
    RUN(percent_rounding);
    return test_summary();
}
