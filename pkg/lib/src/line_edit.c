/*
 * line_edit.c - the line editor state machine behind read_line().
 * The key bindings are described in line_edit.h.
 *
 * Characters, not bytes, are the unit of editing: a UTF-8 character is
 * stored only if all of its bytes fit, and Backspace removes all of them.
 * Once a character did not fit, the rest of the line is "overflow": still
 * echoed so the screen shows what was typed, counted so Backspace can undo
 * it, and reported as LINE_TOO_LONG at Enter.
 */
#include "line_edit.h"

#define KEY_CTRL_C    0x03
#define KEY_CTRL_D    0x04
#define KEY_BACKSPACE 0x08
#define KEY_ESCAPE    0x1b

static void echo(struct line_editor *ed, const char *text, size_t len)
{
    ed->echo(text, len, ed->echo_ctx);
}

static bool is_continuation(unsigned char byte)
{
    return (byte & 0xc0) == 0x80;
}

/* Continuation bytes that follow a UTF-8 lead byte (0 for ASCII/invalid). */
static unsigned continuation_count(unsigned char lead)
{
    if (lead >= 0xc0 && lead < 0xe0)
        return 1;
    if (lead >= 0xe0 && lead < 0xf0)
        return 2;
    if (lead >= 0xf0 && lead < 0xf8)
        return 3;
    return 0;
}

/* Screen columns of a character, guessed from its length: 3- and 4-byte
 * UTF-8 characters are mostly CJK and emoji, which take two columns. */
static unsigned columns_of(unsigned char lead)
{
    return continuation_count(lead) >= 2 ? 2 : 1;
}

static void erase_columns(struct line_editor *ed, unsigned columns)
{
    while (columns-- > 0)
        echo(ed, "\b", 1);
}

static void clear_line(struct line_editor *ed)
{
    ed->len = 0;
    ed->buf[0] = '\0';
    ed->pending_cont = 0;
    ed->overflow_chars = 0;
    ed->dropping_cont = 0;
}

/* Backspace: undo the last overflow character, else the last stored one. */
static void erase_char(struct line_editor *ed)
{
    if (ed->overflow_chars > 0) {
        ed->overflow_chars--;
        ed->dropping_cont = 0;
        erase_columns(ed, 1);
        return;
    }
    if (ed->len == 0)
        return;

    size_t start = ed->len - 1;
    while (start > 0 && ed->len - start < 4 && is_continuation((unsigned char)ed->buf[start]))
        start--;
    erase_columns(ed, columns_of((unsigned char)ed->buf[start]));
    ed->len = start;
    ed->buf[start] = '\0';
    ed->pending_cont = 0;
}

static void append(struct line_editor *ed, unsigned char byte)
{
    ed->buf[ed->len++] = (char)byte;
    ed->buf[ed->len] = '\0';
}

/* A printable byte: part of the current character or the start of a new one. */
static void store_byte(struct line_editor *ed, unsigned char byte)
{
    if (is_continuation(byte) && ed->dropping_cont > 0) {
        ed->dropping_cont--;
    } else if (is_continuation(byte) && ed->pending_cont > 0) {
        ed->pending_cont--;
        append(ed, byte);
    } else {
        /* A new character (a stray continuation byte counts as one). */
        unsigned extra = is_continuation(byte) ? 0 : continuation_count(byte);
        ed->pending_cont = 0;
        ed->dropping_cont = 0;
        if (ed->overflow_chars > 0 || ed->len + 1 + extra > ed->cap - 1) {
            ed->overflow_chars++;
            ed->dropping_cont = extra;
        } else {
            append(ed, byte);
            ed->pending_cont = extra;
        }
    }
    echo(ed, (const char *)&byte, 1);
}

/* Swallow "ESC [ params final" and "ESC O x" (arrow and function keys). */
static bool in_escape(struct line_editor *ed, unsigned char byte)
{
    switch (ed->escape) {
    case 1:
        ed->escape = (byte == '[' || byte == 'O') ? 2 : 0;
        return true;
    case 2:
        if (byte >= 0x40 && byte <= 0x7e)
            ed->escape = 0;
        return true;
    default:
        return false;
    }
}

static enum line_status end_line(struct line_editor *ed)
{
    echo(ed, "\n", 1);
    return ed->overflow_chars > 0 ? LINE_TOO_LONG : LINE_DONE;
}

void line_init(struct line_editor *ed, line_echo_fn echo_fn, void *ctx)
{
    *ed = (struct line_editor){.echo = echo_fn, .echo_ctx = ctx};
}

void line_begin(struct line_editor *ed, char *buf, size_t size)
{
    ed->buf = buf;
    ed->cap = size;
    ed->escape = 0;
    clear_line(ed);
}

enum line_status line_feed(struct line_editor *ed, unsigned char byte)
{
    if (in_escape(ed, byte))
        return LINE_MORE;

    switch (byte) {
    case '\n':
        return end_line(ed);
    case KEY_CTRL_C:
        clear_line(ed);
        echo(ed, "^C\n", 3);
        return LINE_DONE;
    case KEY_CTRL_D:
        if (ed->len == 0 && ed->overflow_chars == 0)
            return LINE_EOF;
        return LINE_MORE;
    case KEY_BACKSPACE:
        erase_char(ed);
        return LINE_MORE;
    case KEY_ESCAPE:
        ed->escape = 1;
        return LINE_MORE;
    default:
        if (byte < 0x20)
            return LINE_MORE; /* other control keys (Tab, Ctrl-L ...) */
        store_byte(ed, byte);
        return LINE_MORE;
    }
}
