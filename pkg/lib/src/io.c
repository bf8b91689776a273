/*
 * io.c - console input (Rust: crates/lib/src/io.rs, Stdin).
 *
 * The lab kernel's stdin Read is non-blocking and wants room for one whole
 * UTF-8 character: it returns 0 while no key is waiting, and 0 as well when
 * the buffer is shorter than 4 bytes. stdin_read() hides that: it always asks
 * the kernel with a 16-byte buffer, keeps what the caller did not take, and
 * waits (polling, as the Rust lib does) until at least one byte arrived.
 * Both read_line() and the POSIX read(0, ...) used by newlib go through it.
 */
#include <string.h>

#include <ysos.h>

#include "console.h"
#include "line_edit.h"

static unsigned char pending[16];
static size_t pending_start, pending_end;

/* Refill `pending` from the kernel, polling until a key comes. */
static bool refill(void)
{
    ssize_t got;

    do {
        got = sys_read(0, pending, sizeof(pending));
    } while (got == 0);
    if (got < 0)
        return false;
    pending_start = 0;
    pending_end = (size_t)got;
    return true;
}

ssize_t stdin_read(void *buf, size_t len)
{
    if (len == 0)
        return 0;
    if (pending_start == pending_end && !refill())
        return -1;

    size_t n = pending_end - pending_start;
    if (n > len)
        n = len;
    memcpy(buf, pending + pending_start, n);
    pending_start += n;
    return (ssize_t)n;
}

static void echo_to_stdout(const char *text, size_t len, void *ctx)
{
    (void)ctx;
    sys_write(1, text, len);
}

int read_line(char *buf, size_t size)
{
    /* static: a CR ending one line must swallow the LF starting the next. */
    static struct line_editor editor = {.echo = echo_to_stdout};
    unsigned char byte;

    if (size == 0)
        return READ_LINE_TOO_LONG;

    line_begin(&editor, buf, size);
    for (;;) {
        if (stdin_read(&byte, 1) != 1)
            return READ_LINE_EOF;
        switch (line_feed(&editor, byte)) {
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
