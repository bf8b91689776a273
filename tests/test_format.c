/*
 * test_format.c - host tests of the printf engine (pkg/format/src/format.c).
 *
 * Most cases compare against the host libc's snprintf, which implements the
 * same C semantics for the subset we support; the rest (NULL %s, unknown
 * conversions, truncation counts) check our documented behaviour directly.
 */
#include "test.h"
#include <format/format.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/*
 * Some cases are deliberately odd format strings (unknown conversions, NULL
 * for %s, flags C says are ignored): exactly what -Wformat is there to flag.
 */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-overflow"

/* Formats with ours and libc's, and checks both the text and the length. */
#define SAME_AS_LIBC(fmt, ...)                                                                     \
    do {                                                                                           \
        char ours[256], libc[256];                                                                 \
        int n_ours = ksnprintf(ours, sizeof(ours), fmt, __VA_ARGS__);                              \
        int n_libc = snprintf(libc, sizeof(libc), fmt, __VA_ARGS__);                               \
        if (strcmp(ours, libc) != 0)                                                               \
            printf("  format \"%s\": got \"%s\", want \"%s\"\n", fmt, ours, libc);                 \
        CHECK(strcmp(ours, libc) == 0);                                                            \
        CHECK_EQ(n_ours, n_libc);                                                                  \
    } while (0)

/* Formats with ours and checks against an expected string. */
#define GIVES(want, fmt, ...)                                                                      \
    do {                                                                                           \
        char got[256];                                                                             \
        int n = ksnprintf(got, sizeof(got), fmt, __VA_ARGS__);                                     \
        if (strcmp(got, want) != 0)                                                                \
            printf("  format \"%s\": got \"%s\", want \"%s\"\n", fmt, got, want);                  \
        CHECK(strcmp(got, want) == 0);                                                             \
        CHECK_EQ(n, (int)strlen(want));                                                            \
    } while (0)

TEST(signed_decimal)
{
    SAME_AS_LIBC("%d", 0);
    SAME_AS_LIBC("%d", 42);
    SAME_AS_LIBC("%d", -42);
    SAME_AS_LIBC("%i", INT_MAX);
    SAME_AS_LIBC("%i", INT_MIN);
    SAME_AS_LIBC("%ld", LONG_MIN);
    SAME_AS_LIBC("%lld", LLONG_MAX);
    SAME_AS_LIBC("%zd", (ssize_t)-7);
}

TEST(unsigned_decimal)
{
    SAME_AS_LIBC("%u", 0u);
    SAME_AS_LIBC("%u", UINT_MAX);
    SAME_AS_LIBC("%lu", ULONG_MAX);
    SAME_AS_LIBC("%llu", 12345678901234567890ULL);
    SAME_AS_LIBC("%zu", (size_t)4096);
    /* Without 'l', only the low 32 bits of the argument are read. */
    SAME_AS_LIBC("%u", (unsigned)-1);
}

TEST(hex)
{
    SAME_AS_LIBC("%x", 0u);
    SAME_AS_LIBC("%x", 0xdeadbeefu);
    SAME_AS_LIBC("%X", 0xdeadbeefu);
    SAME_AS_LIBC("%lx", 0xFFFFFFFF80000000UL);
    SAME_AS_LIBC("%llX", 0xabcdef0123456789ULL);
    SAME_AS_LIBC("%zx", (size_t)0x1000);
    SAME_AS_LIBC("0x%016lx", 0x1234UL);
}

TEST(pointer)
{
    GIVES("0xffffffff80001000", "%p", (void *)0xffffffff80001000UL);
    GIVES("0x0", "%p", (void *)0);
    GIVES("  0x10", "%6p", (void *)0x10);
    GIVES("0x10  |", "%-6p|", (void *)0x10);
}

TEST(chars_and_percent)
{
    SAME_AS_LIBC("%c", 'A');
    SAME_AS_LIBC("[%3c]", 'x');
    SAME_AS_LIBC("[%-3c]", 'x');
    SAME_AS_LIBC("100%%%s", "");
    SAME_AS_LIBC("%s", "plain text, no conversions");
}

TEST(strings)
{
    SAME_AS_LIBC("%s", "hello");
    SAME_AS_LIBC("[%10s]", "right");
    SAME_AS_LIBC("[%-10s]", "left");
    SAME_AS_LIBC("[%.3s]", "truncated");
    SAME_AS_LIBC("[%8.2s]", "abc");
    SAME_AS_LIBC("[%-8.2s]", "abc");
    SAME_AS_LIBC("[%.*s]", 4, "starprec");
    SAME_AS_LIBC("[%*s]", 6, "star");
    SAME_AS_LIBC("[%*s]", -6, "neg");
    SAME_AS_LIBC("[%2s]", "longer than width");
}

TEST(precision_does_not_read_past_it)
{
    /* Not NUL-terminated: %.3s must stop after three bytes. */
    char raw[3] = {'a', 'b', 'c'};
    GIVES("abc", "%.3s", raw);
}

TEST(null_string)
{
    GIVES("(null)", "%s", (char *)NULL);
    GIVES("[  (null)]", "[%8s]", (char *)NULL);
    GIVES("(nu", "%.3s", (char *)NULL);
}

TEST(widths_and_flags)
{
    SAME_AS_LIBC("[%5d]", 42);
    SAME_AS_LIBC("[%-5d]", 42);
    SAME_AS_LIBC("[%05d]", 42);
    SAME_AS_LIBC("[%05d]", -42);
    SAME_AS_LIBC("[%-05d]", -42);
    SAME_AS_LIBC("[%08x]", 0xbeefu);
    SAME_AS_LIBC("[%3d]", 123456);
    SAME_AS_LIBC("[%7lu]", 23526UL);
    SAME_AS_LIBC("[%3d|%-12s|]", 1, "kernel");
    SAME_AS_LIBC("[%0*d]", 6, 7);
}

TEST(integer_precision)
{
    SAME_AS_LIBC("[%.3d]", 7);
    SAME_AS_LIBC("[%.3d]", -7);
    SAME_AS_LIBC("[%6.3d]", 7);
    SAME_AS_LIBC("[%06.3d]", 7); /* precision turns the 0 flag off */
    SAME_AS_LIBC("[%.0d]", 0);
    SAME_AS_LIBC("[%.0x]", 0u);
    SAME_AS_LIBC("[%.3u]", 1234u);
}

TEST(many_arguments)
{
    SAME_AS_LIBC("%d %s %x %c %lu %d %d %d %s", 1, "two", 3u, '4', 5UL, 6, 7, 8, "nine");
}

TEST(unknown_conversion_printed_as_is)
{
    GIVES("a %q b", "a %q b", 0);
    GIVES("[%5q]", "[%5q]", 0);
}

TEST(dangling_percent)
{
    char buf[16];
    const char *fmt = "abc%"; /* built at run time: the compiler would warn */

    CHECK_EQ(ksnprintf(buf, sizeof(buf), fmt, 0), 4);
    CHECK(strcmp(buf, "abc%") == 0);
}

TEST(truncation)
{
    char buf[8];

    memset(buf, 'X', sizeof(buf));
    CHECK_EQ(ksnprintf(buf, sizeof(buf), "%s", "0123456789"), 10);
    CHECK(strcmp(buf, "0123456") == 0);

    memset(buf, 'X', sizeof(buf));
    CHECK_EQ(ksnprintf(buf, 1, "%d", 12345), 5);
    CHECK_EQ(buf[0], '\0');
    CHECK_EQ(buf[1], 'X'); /* nothing past size was written */

    /* size 0: nothing written at all, length still reported */
    memset(buf, 'X', sizeof(buf));
    CHECK_EQ(ksnprintf(buf, 0, "%d", 12345), 5);
    CHECK_EQ(buf[0], 'X');

    /* exactly fits: 7 characters + NUL in 8 bytes */
    CHECK_EQ(ksnprintf(buf, sizeof(buf), "%07d", 1), 7);
    CHECK(strcmp(buf, "0000001") == 0);
}

/* A sink that counts characters: kvformat must report what it emitted. */
static void count_sink(char c, void *ctx)
{
    (void)c;
    (*(int *)ctx)++;
}

static int format_counting(int *seen, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvformat(count_sink, seen, fmt, ap);
    va_end(ap);
    return n;
}

TEST(sink_receives_everything)
{
    int seen = 0;
    int n = format_counting(&seen, "%-20s|%08lx", "x", 0x1UL);

    CHECK_EQ(n, 29);
    CHECK_EQ(seen, n);
}

int main(void)
{
    RUN(signed_decimal);
    RUN(unsigned_decimal);
    RUN(hex);
    RUN(pointer);
    RUN(chars_and_percent);
    RUN(strings);
    RUN(precision_does_not_read_past_it);
    RUN(null_string);
    RUN(widths_and_flags);
    RUN(integer_precision);
    RUN(many_arguments);
    RUN(unknown_conversion_printed_as_is);
    RUN(dangling_percent);
    RUN(truncation);
    RUN(sink_receives_everything);
    return test_summary();
}
