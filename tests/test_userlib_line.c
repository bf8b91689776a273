/*
 * test_userlib_line.c - host tests of the line editor behind read_line()
 * (pkg/lib/src/line_edit.c): what ends a line, what is stored, what is
 * echoed, and that an overlong line is reported instead of overflowing.
 * Input is what a terminal sends, passed through the kernel's console
 * decoding (pkg/console) as it is on YSOS: CR and DEL arrive as '\n', '\b'.
 */
#include "test.h"
#include "line_edit.h"

#include <console/console.h>

#include <string.h>

static char echoed[512];
static size_t echoed_len;

static void capture_echo(const char *text, size_t len, void *ctx)
{
    (void)ctx;
    if (echoed_len + len < sizeof(echoed)) {
        memcpy(echoed + echoed_len, text, len);
        echoed_len += len;
        echoed[echoed_len] = '\0';
    }
}

static struct line_editor ed;
static struct console_decoder decoder;
static char buf[64];

/* A fresh editor editing a line of `size` bytes. */
static void start(size_t size)
{
    decoder = (struct console_decoder){0};
    line_init(&ed, capture_echo, NULL);
    line_begin(&ed, buf, size);
    echoed_len = 0;
    echoed[0] = '\0';
}

/* Type terminal bytes until the line ends or they run out; the last
 * status. *used (if given) tells how many bytes were consumed. */
static enum line_status feed_n(const char *bytes, size_t n, size_t *used)
{
    enum line_status status = LINE_MORE;
    uint8_t ch[CONSOLE_CHAR_MAX];
    size_t i = 0;

    while (i < n && status == LINE_MORE) {
        size_t got = console_decode(&decoder, (uint8_t)bytes[i++], ch);
        for (size_t k = 0; k < got; k++)
            status = line_feed(&ed, ch[k]);
    }
    if (used)
        *used = i;
    return status;
}

static enum line_status feed(const char *text)
{
    return feed_n(text, strlen(text), NULL);
}

TEST(enter_as_cr_or_lf_ends_the_line)
{
    start(sizeof(buf));
    CHECK_EQ(feed("ls\r"), LINE_DONE);
    CHECK(strcmp(buf, "ls") == 0);
    CHECK(strcmp(echoed, "ls\n") == 0);

    start(sizeof(buf));
    CHECK_EQ(feed("ps\n"), LINE_DONE);
    CHECK(strcmp(buf, "ps") == 0);
}

/* As in the Rust kernel, CR and LF are each an Enter: CRLF is two. */
TEST(crlf_is_a_line_and_an_empty_line)
{
    size_t used;

    start(sizeof(buf));
    CHECK_EQ(feed_n("a\r\nb\n", 5, &used), LINE_DONE);
    CHECK_EQ(used, 2); /* the CR ended the line, the LF is still unread */
    line_begin(&ed, buf, sizeof(buf));
    CHECK_EQ(feed("\n"), LINE_DONE);
    CHECK(strcmp(buf, "") == 0);
    line_begin(&ed, buf, sizeof(buf));
    CHECK_EQ(feed("b\n"), LINE_DONE);
    CHECK(strcmp(buf, "b") == 0);
}

TEST(lone_lf_after_text_and_two_crs_are_separate_lines)
{
    start(sizeof(buf));
    CHECK_EQ(feed("\r"), LINE_DONE);
    line_begin(&ed, buf, sizeof(buf));
    CHECK_EQ(feed("\r"), LINE_DONE); /* CR CR = two empty lines */
    CHECK(strcmp(buf, "") == 0);
    line_begin(&ed, buf, sizeof(buf));
    CHECK_EQ(feed("x"), LINE_MORE);
    CHECK_EQ(feed("\n"), LINE_DONE); /* LF not right after a CR ends the line */
    CHECK(strcmp(buf, "x") == 0);
}

TEST(backspace_and_delete_erase_one_character)
{
    start(sizeof(buf));
    CHECK_EQ(feed("ab\b"), LINE_MORE);
    CHECK(strcmp(buf, "a") == 0);
    CHECK_EQ(feed("c\x7f"
                  "d\r"),
             LINE_DONE);
    CHECK(strcmp(buf, "ad") == 0);
    CHECK(strcmp(echoed, "ab\bc\bd\n") == 0); /* the console draws "\b \b" */
}

TEST(backspace_on_empty_line_does_nothing)
{
    start(sizeof(buf));
    CHECK_EQ(feed("\b\x7f"), LINE_MORE);
    CHECK_EQ(echoed_len, 0);
    CHECK(strcmp(buf, "") == 0);
}

TEST(utf8_characters_are_erased_whole)
{
    start(sizeof(buf));
    CHECK_EQ(feed("a\xe4\xb8\xad"), LINE_MORE); /* a中 */
    CHECK_EQ(strlen(buf), 4);
    echoed_len = 0;
    CHECK_EQ(feed("\b"), LINE_MORE);
    CHECK(strcmp(buf, "a") == 0);
    CHECK(strcmp(echoed, "\b\b") == 0); /* a CJK character is 2 columns */

    echoed_len = 0;
    CHECK_EQ(feed("\xc3\xa9\b"), LINE_MORE); /* é: 1 column */
    CHECK(strcmp(buf, "a") == 0);
    CHECK(strcmp(echoed, "\xc3\xa9\b") == 0);
}

TEST(ctrl_c_cancels_the_line)
{
    start(sizeof(buf));
    CHECK_EQ(feed("rm -rf\x03"), LINE_DONE);
    CHECK(strcmp(buf, "") == 0);
    CHECK(strcmp(echoed, "rm -rf^C\n") == 0);
}

TEST(ctrl_d_only_ends_input_on_an_empty_line)
{
    start(sizeof(buf));
    CHECK_EQ(feed("\x04"), LINE_EOF);

    start(sizeof(buf));
    CHECK_EQ(feed("ab\x04"), LINE_MORE);
    CHECK(strcmp(buf, "ab") == 0);
    CHECK_EQ(feed("\r"), LINE_DONE);
}

TEST(overlong_line_is_reported_not_overflowed)
{
    start(4); /* room for 3 bytes + NUL */
    buf[4] = '#';
    CHECK_EQ(feed("abcde\r"), LINE_TOO_LONG);
    CHECK(strcmp(buf, "abc") == 0);
    CHECK_EQ(buf[4], '#');                 /* nothing written past the buffer */
    CHECK(strcmp(echoed, "abcde\n") == 0); /* the user saw what they typed */
}

TEST(erasing_the_overflow_makes_the_line_fit_again)
{
    start(4);
    CHECK_EQ(feed("abcd\b\r"), LINE_DONE);
    CHECK(strcmp(buf, "abc") == 0);
}

TEST(multibyte_character_that_does_not_fit_is_not_split)
{
    start(4);
    CHECK_EQ(feed("ab\xe4\xb8\xad"), LINE_MORE);
    CHECK(strcmp(buf, "ab") == 0); /* no half character stored */
    CHECK_EQ(feed("x\r"), LINE_TOO_LONG);

    start(4);
    CHECK_EQ(feed("ab\xe4\xb8\xad\b\r"), LINE_DONE);
    CHECK(strcmp(buf, "ab") == 0);
}

TEST(escape_sequences_and_control_keys_are_ignored)
{
    start(sizeof(buf));
    CHECK_EQ(feed("a\x1b[A\x1b[1;5C\x1bOP\tb\r"), LINE_DONE); /* up, ctrl-right, F1, tab */
    CHECK(strcmp(buf, "ab") == 0);
    CHECK(strcmp(echoed, "ab\n") == 0);
}

TEST(next_line_starts_empty)
{
    start(4);
    CHECK_EQ(feed("abcdef\r"), LINE_TOO_LONG);
    line_begin(&ed, buf, 4);
    CHECK_EQ(feed("xy\r"), LINE_DONE);
    CHECK(strcmp(buf, "xy") == 0);
}

int main(void)
{
    RUN(enter_as_cr_or_lf_ends_the_line);
    RUN(crlf_is_a_line_and_an_empty_line);
    RUN(lone_lf_after_text_and_two_crs_are_separate_lines);
    RUN(backspace_and_delete_erase_one_character);
    RUN(backspace_on_empty_line_does_nothing);
    RUN(utf8_characters_are_erased_whole);
    RUN(ctrl_c_cancels_the_line);
    RUN(ctrl_d_only_ends_input_on_an_empty_line);
    RUN(overlong_line_is_reported_not_overflowed);
    RUN(erasing_the_overflow_makes_the_line_fit_again);
    RUN(multibyte_character_that_does_not_fit_is_not_split);
    RUN(escape_sequences_and_control_keys_are_ignored);
    RUN(next_line_starts_empty);
    return test_summary();
}
