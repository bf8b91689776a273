/*
 * line_edit.h - the line editor behind read_line(), as a state machine.
 *
 * It is fed one input byte at a time and answers whether the line is
 * finished; what the user should see is sent to an echo callback. It does no
 * I/O itself, so it is unit-tested on the host (tests/test_userlib_line.c).
 *
 * Input comes as the kernel delivers the console (pkg/console): Enter is
 * '\n' and Backspace '\b' whatever the terminal sent (CR, DEL), so the
 * editor needs no translation of its own.
 *
 * Keys: printable bytes (UTF-8 included) are stored and echoed; Backspace
 * erases one character, echoing one '\b' per screen column (the kernel's
 * console turns each into "\b \b", as the Rust kernel does); Ctrl-C
 * cancels the line ("^C\n", empty line); Ctrl-D on an empty line is end of
 * input; '\n' ends a line; ANSI escape sequences (arrow keys) and other
 * control bytes are ignored. A line longer than the buffer is still echoed
 * but reported as LINE_TOO_LONG at Enter, never overflowed.
 */
#ifndef YSOS_LINE_EDIT_H
#define YSOS_LINE_EDIT_H

#include <stdbool.h>
#include <stddef.h>

typedef void (*line_echo_fn)(const char *text, size_t len, void *ctx);

enum line_status {
    LINE_MORE,     /* keep feeding bytes */
    LINE_DONE,     /* buf holds a complete line (maybe empty, e.g. Ctrl-C) */
    LINE_EOF,      /* Ctrl-D on an empty line */
    LINE_TOO_LONG, /* Enter on a line that did not fit; buf holds its start */
};

struct line_editor {
    char *buf;
    size_t cap; /* bytes in buf, including the terminating NUL */
    size_t len; /* bytes stored */
    /* Continuation bytes still expected for the last stored character. */
    unsigned pending_cont;
    /* Characters typed past the end of buf, and continuation bytes of the
     * last such character still to drop. */
    size_t overflow_chars;
    unsigned dropping_cont;
    int escape; /* 0 none, 1 after ESC, 2 inside "ESC [" */
    line_echo_fn echo;
    void *echo_ctx;
};

/* Set up an editor once. */
void line_init(struct line_editor *ed, line_echo_fn echo, void *ctx);
/* Start a new line in buf (size >= 1). */
void line_begin(struct line_editor *ed, char *buf, size_t size);
/* Feed one input byte. buf stays NUL-terminated after every call. */
enum line_status line_feed(struct line_editor *ed, unsigned char byte);

#endif
