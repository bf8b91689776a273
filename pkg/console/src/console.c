/*
 * console.c - console input decoding (see console/console.h).
 */
#include "console/console.h"

#define KEY_CR        13
#define KEY_DEL       127
#define KEY_BACKSPACE 8

static int is_continuation(uint8_t byte)
{
    return (byte & 0xc0) == 0x80;
}

/* Bytes of a character starting with lead; 0 if lead cannot start one.
 * 0xC0, 0xC1 and 0xF5.. never appear in UTF-8 (overlong or > U+10FFFF). */
static size_t sequence_len(uint8_t lead)
{
    if (lead < 0x80)
        return 1;
    if (lead >= 0xc2 && lead <= 0xdf)
        return 2;
    if (lead >= 0xe0 && lead <= 0xef)
        return 3;
    if (lead >= 0xf0 && lead <= 0xf4)
        return 4;
    return 0;
}

size_t console_char_len(uint8_t lead)
{
    size_t n = sequence_len(lead);
    return n ? n : 1;
}

static size_t deliver(uint8_t byte, uint8_t out[CONSOLE_CHAR_MAX])
{
    out[0] = byte;
    return 1;
}

size_t console_decode(struct console_decoder *d, uint8_t byte, uint8_t out[CONSOLE_CHAR_MAX])
{
    if (d->len > 0 && is_continuation(byte)) {
        d->buf[d->len++] = byte;
        if (d->len < d->need)
            return 0;
        size_t n = d->len;
        for (size_t i = 0; i < n; i++)
            out[i] = d->buf[i];
        d->len = 0;
        return n;
    }
    /* Anything else ends an unfinished character, which is dropped. */
    d->len = 0;
    if (byte == KEY_CR)
        return deliver('\n', out);
    if (byte == KEY_DEL)
        return deliver(KEY_BACKSPACE, out);
    size_t need = sequence_len(byte);
    if (need == 0)
        return 0; /* a stray continuation byte or an invalid lead */
    if (need == 1)
        return deliver(byte, out);
    d->buf[0] = byte;
    d->len = 1;
    d->need = (uint8_t)need;
    return 0;
}

size_t console_read_size(uint8_t lead, size_t len)
{
    size_t n = console_char_len(lead);
    return n < len ? n : len;
}
