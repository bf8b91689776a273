/*
 * io.c - console input (Rust: crates/lib/src/io.rs, Stdin).
 *
 * The kernel delivers the console as the Rust lab kernel does (pkg/console):
 * Enter arrives as '\n', Backspace as '\b', and one Read returns one whole
 * UTF-8 character (or as many of its bytes as fit in a smaller buffer).
 * stdin_read() passes that on; like the Rust lib it takes a 0 result as
 * "no key yet" and asks again (YSOS-C's kernel blocks instead, so this does
 * not spin). Both read_line() and newlib's read(0, ...) go through it.
 */
#include <ysos.h>

#include "console.h"
#include "line_edit.h"

ssize_t stdin_read(void *buf, size_t len)
{
    ssize_t got;

    if (len == 0)
        return 0;
    do {
        got = sys_read(0, buf, len);
    } while (got == 0);
    return got;
}

#if YSOS_SOLVED >= 4
static void echo_to_stdout(const char *text, size_t len, void *ctx)
{
    (void)ctx;
    sys_write(1, text, len);
}

/* Feeds one character's bytes to the editor; LINE_MORE until the line ends. */
static enum line_status feed_char(struct line_editor *editor, const unsigned char *ch, size_t n)
{
    enum line_status status = LINE_MORE;

    for (size_t i = 0; i < n && status == LINE_MORE; i++)
        status = line_feed(editor, ch[i]);
    return status;
}

int read_line(char *buf, size_t size)
{
    static struct line_editor editor = {.echo = echo_to_stdout};
    unsigned char ch[4]; /* one character per Read, as yslib's read_line */

    if (size == 0)
        return READ_LINE_TOO_LONG;

    line_begin(&editor, buf, size);
    for (;;) {
        ssize_t got = stdin_read(ch, sizeof(ch));
        if (got < 0)
            return READ_LINE_EOF;
        switch (feed_char(&editor, ch, (size_t)got)) {
        case LINE_MORE:
            break;
        case LINE_DONE:
            return (int)editor.len;
        case LINE_EOF:
            return READ_LINE_EOF;
        case LINE_TOO_LONG:
            return READ_LINE_TOO_LONG;
        }
    }
}
#else
int read_line(char *buf, size_t size)
{
    /* TODO(lab 0x04): read one line from stdin into buf (size bytes with the
     * NUL), a character at a time (stdin_read()): echo what is typed, handle
     * Backspace ('\b') and end at Enter ('\n'), with the line editor of
     * line_edit.h (line_begin(), line_feed()). Return the line's length, or
     * READ_LINE_EOF / READ_LINE_TOO_LONG. Guide: 0x04 tasks.md "标准输入输出";
     * Rust: crates/lib/src/io.rs Stdin::read_line() */
    (void)buf;
    (void)size;
    LAB_TODO(4, "read_line");
    return READ_LINE_EOF;
}
#endif
