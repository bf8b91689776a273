/*
 * memory/size.c - byte counts as "number unit" with integer arithmetic only.
 *
 * The value is bytes / 1024^k. Its integer part is bytes >> 10k and its
 * fraction is the low 10k bits; multiplying those bits by 10^decimals and
 * shifting back gives the fraction digits, and the bits shifted out decide
 * the rounding (half to even, like printf).
 */
#include "memory/size.h"

#include <stdbool.h>

static const char *const size_units[] = {"B", "KiB", "MiB", "GiB"};
static const char *const size_units_short[] = {"B", "K", "M", "G"};
#define SIZE_LAST_UNIT 3

/* Appends c to buf[len] at *pos, dropping what does not fit (keeps room for the NUL). */
static void put_char(char *buf, size_t len, size_t *pos, char c)
{
    if (*pos + 1 < len)
        buf[*pos] = c;
    (*pos)++;
}

/* Terminates buf[len] after the characters put so far (truncating if needed). */
static void terminate(char *buf, size_t len, size_t pos)
{
    if (len > 0)
        buf[pos < len ? pos : len - 1] = '\0';
}

/*
 * Writes `digits` (a fixed-point number with `decimals` digits after the
 * point) in decimal, e.g. 108 with 2 decimals -> "1.08".
 */
static void put_fixed(char *buf, size_t len, size_t *pos, uint64_t digits, int decimals)
{
    char tmp[24];
    int n = 0;

    do {
        tmp[n++] = (char)('0' + digits % 10);
        digits /= 10;
    } while (digits > 0 || n <= decimals); /* at least one digit before the point */

    while (n > 0) {
        if (n == decimals)
            put_char(buf, len, pos, '.');
        put_char(buf, len, pos, tmp[--n]);
    }
}

/* The unit index k such that bytes / 1024^k is below 1024 (or k is GiB). */
static int pick_unit(uint64_t bytes)
{
    int k = 0;

    while (k < SIZE_LAST_UNIT && (bytes >> (10 * (k + 1))) != 0)
        k++;
    return k;
}

/* bytes / 1024^k rounded half-to-even to `decimals` digits, as a fixed-point integer. */
static uint64_t scaled_fixed(uint64_t bytes, int k, int decimals)
{
    unsigned shift = 10u * (unsigned)k;
    uint64_t pow10 = 1;
    for (int i = 0; i < decimals; i++)
        pow10 *= 10;

    uint64_t whole = bytes >> shift;
    uint64_t frac_bits = bytes & ((1ULL << shift) - 1);
    uint64_t frac_scaled = frac_bits * pow10; /* < 2^30 * 10^6: no overflow */
    uint64_t frac = frac_scaled >> shift;
    uint64_t rest = frac_scaled & ((1ULL << shift) - 1);
    uint64_t half = shift ? 1ULL << (shift - 1) : 1; /* k = 0: rest is always 0 < half */

    uint64_t fixed = whole * pow10 + frac;
    bool round_up = rest > half || (rest == half && (fixed & 1));
    return fixed + round_up;
}

/* Writes the scaled number into num[len]; returns the unit index k. */
static int scale_into(uint64_t bytes, int decimals, char *num, size_t len)
{
    if (decimals < 0)
        decimals = 0;
    if (decimals > SIZE_MAX_DECIMALS)
        decimals = SIZE_MAX_DECIMALS;

    int k = pick_unit(bytes);
    size_t pos = 0;
    put_fixed(num, len, &pos, scaled_fixed(bytes, k, decimals), decimals);
    terminate(num, len, pos);
    return k;
}

const char *size_scale(uint64_t bytes, int decimals, char *num, size_t len)
{
    return size_units[scale_into(bytes, decimals, num, len)];
}

const char *size_scale_short(uint64_t bytes, int decimals, char *num, size_t len)
{
    return size_units_short[scale_into(bytes, decimals, num, len)];
}

char *format_size(uint64_t bytes, char *buf, size_t len, int decimals)
{
    char num[32];
    const char *unit = size_scale(bytes, decimals, num, sizeof(num));
    size_t pos = 0;

    for (const char *s = num; *s; s++)
        put_char(buf, len, &pos, *s);
    put_char(buf, len, &pos, ' ');
    for (const char *s = unit; *s; s++)
        put_char(buf, len, &pos, *s);
    terminate(buf, len, pos);
    return buf;
}
