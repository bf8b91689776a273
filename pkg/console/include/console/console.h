/*
 * console/console.h - console input as the Rust lab kernel delivers it
 * (Rust: crates/kernel/src/interrupt/serial.rs `receive`, and the stdin
 * branch of utils/resource.rs). Shared by the kernel's serial interrupt and
 * stdin Read, and by the host emulator (pkg/lib/host), so that a program
 * sees the same bytes under both.
 *
 *  - A terminal's Enter (CR, 13) becomes '\n'; DEL (127, what Backspace
 *    sends) becomes '\b' (8). Every other byte is passed on, control keys
 *    such as Ctrl-C (3) and Ctrl-D (4) included: they are data for the
 *    program reading, as in the Rust kernel.
 *  - UTF-8 sequences are assembled and delivered as whole characters; a
 *    byte that cannot be part of a valid sequence is dropped.
 *  - One stdin Read returns one whole character. See console_read_size()
 *    for a buffer too small to hold it.
 *
 * Freestanding: no libc beyond <stddef.h>/<stdint.h>.
 */
#ifndef CONSOLE_CONSOLE_H
#define CONSOLE_CONSOLE_H

#include <stddef.h>
#include <stdint.h>

#define CONSOLE_CHAR_MAX 4 /* bytes of the longest UTF-8 character */

/* What has been received of a UTF-8 character so far. Zero-initialise. */
struct console_decoder {
    uint8_t buf[CONSOLE_CHAR_MAX];
    uint8_t len;  /* bytes in buf */
    uint8_t need; /* bytes the character has in all */
};

/*
 * Feeds one byte as received on the serial line. When it completes a
 * character, copies the character's bytes to out and returns how many
 * (1-4); returns 0 while a character is still incomplete, or when the byte
 * was dropped.
 */
size_t console_decode(struct console_decoder *d, uint8_t byte, uint8_t out[CONSOLE_CHAR_MAX]);

/* Bytes of the character that starts with `lead` (1 for ASCII and for a
 * byte that does not start a character). */
size_t console_char_len(uint8_t lead);

/*
 * How many bytes one stdin Read with a buffer of `len` bytes takes when the
 * next character starts with `lead`: the whole character when it fits,
 * else as many of its bytes as fit (the rest comes with the next Reads).
 * The Rust kernel returns 0 for any buffer under 4 bytes; yslib always
 * passes 4, so it sees the same, and a C program reading one byte at a
 * time (getchar on an unbuffered stdin) still gets every byte.
 */
size_t console_read_size(uint8_t lead, size_t len);

#endif
