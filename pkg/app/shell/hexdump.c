/*
 * hexdump.c - one row of the `cat` dump (layout in hexdump.h).
 *
 * A short last row is padded with blanks where the missing bytes would be,
 * so its ASCII column lines up with the full rows above it.
 */
#include "hexdump.h"

#define GROUP_BYTES 8

static char printable(unsigned char byte)
{
    return byte >= 0x20 && byte < 0x7f ? (char)byte : '.';
}

size_t hexdump_row(char out[HEXDUMP_ROW_SIZE], const unsigned char *data, size_t len)
{
    static const char digits[] = "0123456789abcdef";
    char *p = out;

    if (len > HEXDUMP_ROW_BYTES)
        len = HEXDUMP_ROW_BYTES;
    for (int i = 0; i < 4; i++)
        *p++ = ' ';
    for (size_t i = 0; i < HEXDUMP_ROW_BYTES; i++) {
        *p++ = i < len ? digits[data[i] >> 4] : ' ';
        *p++ = i < len ? digits[data[i] & 0xf] : ' ';
        if ((i + 1) % GROUP_BYTES == 0)
            *p++ = ' ';
    }
    *p++ = ' ';
    *p++ = '|';
    *p++ = ' ';
    for (size_t i = 0; i < len; i++)
        *p++ = printable(data[i]);
    *p++ = '\n';
    *p = '\0';
    return (size_t)(p - out);
}
