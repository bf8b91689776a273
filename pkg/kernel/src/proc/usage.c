/*
 * proc/usage.c - the ps table's usage lines (see usage.h).
 */
#include "proc/usage.h"

#include "format/format.h"
#include "memory/size.h"

uint64_t usage_percent_hundredths(uint64_t used, uint64_t total)
{
    /* Halve both (keeping the ratio) until used * 20000 fits in 64 bits: petabytes. */
    while (used > UINT64_MAX / 20000) {
        used >>= 1;
        total >>= 1;
    }
    if (total == 0)
        return 0;
    return (used * 20000 + total) / (2 * total);
}

char *usage_line(char *buf, size_t len, const char *name, uint64_t used, uint64_t total)
{
    char used_num[24], total_num[24];
    const char *used_unit = size_scale(used, 2, used_num, sizeof(used_num));
    const char *total_unit = size_scale(total, 2, total_num, sizeof(total_num));
    uint64_t pct = usage_percent_hundredths(used, total);

    ksnprintf(buf, len, "%-6s : %6s %3s / %6s %3s (%2lu.%02lu%%)", name, used_num, used_unit,
              total_num, total_unit, (unsigned long)(pct / 100), (unsigned long)(pct % 100));
    return buf;
}
