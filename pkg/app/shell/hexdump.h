/*
 * hexdump.h - the `cat` command's hex + ASCII rows (portable, host-tested).
 *
 * Same layout as the Rust shell's show_hex: 24 bytes per row, in three
 * groups of 8, then " | " and the printable characters ('.' for others):
 *
 *     48656c6c6f2c2057 6f726c6421                                | Hello, World!
 */
#ifndef SHELL_HEXDUMP_H
#define SHELL_HEXDUMP_H

#include <stddef.h>

#define HEXDUMP_ROW_BYTES 24
#define HEXDUMP_ROW_SIZE  96 /* enough for one formatted row with '\n' and NUL */

/* Format 1..24 bytes as one row ending in '\n'; returns its length. */
size_t hexdump_row(char out[HEXDUMP_ROW_SIZE], const unsigned char *data, size_t len);

#endif
