/*
 * test_console.c - host tests of pkg/console: console input decoded as the
 * Rust kernel's interrupt/serial.rs does, and the size of one stdin Read.
 */
#include "test.h"

#include <console/console.h>
#include <string.h>

/* Decodes all of `typed`; the characters delivered, concatenated. */
static const char *decode_all(const char *typed, size_t len, size_t *chars)
{
    static char out[256];
    struct console_decoder d = {0};
    uint8_t ch[CONSOLE_CHAR_MAX];
    size_t used = 0;

    *chars = 0;
    for (size_t i = 0; i < len; i++) {
        size_t n = console_decode(&d, (uint8_t)typed[i], ch);
        memcpy(out + used, ch, n);
        used += n;
        *chars += n > 0;
    }
    out[used] = '\0';
    return out;
}

#define DECODES_TO(typed, expected, nchars)                                                        \
    do {                                                                                           \
        size_t _chars;                                                                             \
        const char *_got = decode_all(typed, sizeof(typed) - 1, &_chars);                          \
        CHECK(strcmp(_got, expected) == 0);                                                        \
        CHECK_EQ(_chars, nchars);                                                                  \
    } while (0)

TEST(enter_and_backspace_as_the_rust_kernel)
{
    DECODES_TO("10\r", "10\n", 3);   /* CR: a terminal's Enter */
    DECODES_TO("10\n", "10\n", 3);   /* LF stays LF */
    DECODES_TO("a\r\n", "a\n\n", 3); /* CRLF is two Enters, as in Rust */
    DECODES_TO("1\x7f"
               "2",
               "1\b2", 3);         /* DEL -> Backspace */
    DECODES_TO("1\b2", "1\b2", 3); /* Backspace stays */
}

TEST(control_keys_are_data)
{
    DECODES_TO("\x03\x04\x1b[A\t", "\x03\x04\x1b[A\t", 6);
}

TEST(utf8_is_delivered_whole)
{
    DECODES_TO("\xc3\xa9", "\xc3\xa9", 1);                                 /* é */
    DECODES_TO("\xe4\xb8\xad\xe6\x96\x87", "\xe4\xb8\xad\xe6\x96\x87", 2); /* 中文 */
    DECODES_TO("\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80", 1);                 /* emoji */
}

TEST(invalid_bytes_are_dropped)
{
    DECODES_TO("a\x80"
               "b",
               "ab", 2); /* stray continuation */
    DECODES_TO("a\xff\xc0\xf8"
               "b",
               "ab", 2); /* bytes that never start UTF-8 */
    DECODES_TO("\xe4\xb8"
               "x",
               "x", 1);            /* cut short: the rest is dropped */
    DECODES_TO("\xe4\r", "\n", 1); /* Enter still counts */
}

TEST(incomplete_character_waits)
{
    struct console_decoder d = {0};
    uint8_t ch[CONSOLE_CHAR_MAX];

    CHECK_EQ(console_decode(&d, 0xe4, ch), 0);
    CHECK_EQ(console_decode(&d, 0xb8, ch), 0);
    CHECK_EQ(console_decode(&d, 0xad, ch), 3);
    CHECK(memcmp(ch, "\xe4\xb8\xad", 3) == 0);
}

TEST(read_size_is_one_character)
{
    CHECK_EQ(console_read_size('a', 4), 1);
    CHECK_EQ(console_read_size('a', 1), 1);
    CHECK_EQ(console_read_size(0xe4, 4), 3);
    CHECK_EQ(console_read_size(0xe4, 1024), 3);
    CHECK_EQ(console_read_size(0xf0, 4), 4);
    /* A buffer too small: the bytes that fit; the rest come one by one. */
    CHECK_EQ(console_read_size(0xe4, 2), 2);
    CHECK_EQ(console_read_size(0xad, 1), 1);
    CHECK_EQ(console_read_size(0xad, 4), 1);
    CHECK_EQ(console_read_size('a', 0), 0);
}

int main(void)
{
    RUN(enter_and_backspace_as_the_rust_kernel);
    RUN(control_keys_are_data);
    RUN(utf8_is_delivered_whole);
    RUN(invalid_bytes_are_dropped);
    RUN(incomplete_character_waits);
    RUN(read_size_is_one_character);
    return test_summary();
}
