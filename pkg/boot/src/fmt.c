/*
 * fmt.c - the snprintf behind every loader message (see boot/fmt.h).
 *
 * UEFI gives us no C library and gnu-efi's Print() wants UTF-16 format
 * strings, while boot.conf messages must also be produced by the host tests,
 * so the loader formats plain ASCII itself with this small subset of printf.
 */
#include <stdint.h>
#include <boot/fmt.h>

/* Where formatted text goes; `len` keeps counting past the end of buf. */
struct out {
    char *buf;
    size_t size;
    size_t len;
};

/* One conversion's flags, width and precision. */
struct spec {
    int left;      /* '-': pad on the right */
    int zero;      /* '0': pad numbers with zeros */
    int alt;       /* '#': 0x prefix for %x */
    int width;     /* minimum field width */
    int precision; /* %s: maximum characters, -1 = all */
};

static void put_char(struct out *o, char c)
{
    if (o->len + 1 < o->size)
        o->buf[o->len] = c;
    o->len++;
}

static void put_repeat(struct out *o, char c, int n)
{
    while (n-- > 0)
        put_char(o, c);
}

/* text[0..n) padded to the field width. */
static void put_field(struct out *o, const struct spec *sp, const char *text, int n)
{
    int pad = sp->width > n ? sp->width - n : 0;
    if (!sp->left)
        put_repeat(o, ' ', pad);
    for (int i = 0; i < n; i++)
        put_char(o, text[i]);
    if (sp->left)
        put_repeat(o, ' ', pad);
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
    int n = 0;
    if (!s)
        s = "(null)";
    while (s[n] && (sp->precision < 0 || n < sp->precision))
        n++;
    put_field(o, sp, s, n);
}

/*
 * A number with its sign or 0x prefix. Zero padding goes between the prefix
 * and the digits ("-0042", "0x00ff"), space padding before the prefix.
 */
static void put_number(struct out *o, const struct spec *sp, uint64_t value, int negative,
                       unsigned base, int upper)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    const char *prefix = negative ? "-" : (sp->alt && base == 16) ? (upper ? "0X" : "0x") : "";
    char tmp[24];
    int n = 0, plen = 0;

    do {
        tmp[n++] = digits[value % base];
        value /= base;
    } while (value);
    while (prefix[plen])
        plen++;

    int pad = sp->width > n + plen ? sp->width - n - plen : 0;
    if (!sp->left && !sp->zero)
        put_repeat(o, ' ', pad);
    for (int i = 0; i < plen; i++)
        put_char(o, prefix[i]);
    if (!sp->left && sp->zero)
        put_repeat(o, '0', pad);
    while (n > 0)
        put_char(o, tmp[--n]);
    if (sp->left)
        put_repeat(o, ' ', pad);
}

/* Reads flags, width and precision; returns the first unread character. */
static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
    *sp = (struct spec){.precision = -1};
    for (;; f++) {
        if (*f == '-')
            sp->left = 1;
        else if (*f == '0')
            sp->zero = 1;
        else if (*f == '#')
            sp->alt = 1;
        else
            break;
    }
    while (*f >= '0' && *f <= '9')
        sp->width = sp->width * 10 + (*f++ - '0');
    if (*f == '.') {
        f++;
        sp->precision = 0;
        if (*f == '*') {
            sp->precision = va_arg(*ap, int);
            f++;
        }
        while (*f >= '0' && *f <= '9')
            sp->precision = sp->precision * 10 + (*f++ - '0');
    }
    return f;
}

/* Length modifier: 0 = int, 1 = long, 2 = long long, 3 = size_t. */
static const char *parse_length(const char *f, int *length)
{
    *length = 0;
    if (*f == 'z') {
        *length = 3;
        return f + 1;
    }
    while (*f == 'l' && *length < 2) {
        (*length)++;
        f++;
    }
    return f;
}

static uint64_t take_unsigned(va_list *ap, int length)
{
    switch (length) {
    case 1:
        return va_arg(*ap, unsigned long);
    case 2:
        return va_arg(*ap, unsigned long long);
    case 3:
        return va_arg(*ap, size_t);
    default:
        return va_arg(*ap, unsigned int);
    }
}

static int64_t take_signed(va_list *ap, int length)
{
    switch (length) {
    case 1:
        return va_arg(*ap, long);
    case 2:
        return va_arg(*ap, long long);
    case 3:
        return (int64_t)va_arg(*ap, size_t);
    default:
        return va_arg(*ap, int);
    }
}

/* One conversion character `c` with its spec and length. */
static void convert(struct out *o, struct spec *sp, char c, int length, va_list *ap)
{
    switch (c) {
    case 's':
        put_string(o, sp, va_arg(*ap, const char *));
        break;
    case 'c': {
        char ch = (char)va_arg(*ap, int);
        put_field(o, sp, &ch, 1);
        break;
    }
    case 'd':
    case 'i': {
        int64_t v = take_signed(ap, length);
        put_number(o, sp, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0, 10, 0);
        break;
    }
    case 'u':
        put_number(o, sp, take_unsigned(ap, length), 0, 10, 0);
        break;
    case 'x':
    case 'X':
        put_number(o, sp, take_unsigned(ap, length), 0, 16, c == 'X');
        break;
    case 'p':
        sp->alt = 1;
        put_number(o, sp, (uintptr_t)va_arg(*ap, void *), 0, 16, 0);
        break;
    default: /* "%%" and anything unknown print as themselves */
        put_char(o, c);
        break;
    }
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct out o = {buf, size, 0};
    va_list args;

    va_copy(args, ap);
    for (const char *f = fmt; *f; f++) {
        struct spec sp;
        int length;
        if (*f != '%') {
            put_char(&o, *f);
            continue;
        }
        f = parse_spec(f + 1, &sp, &args);
        f = parse_length(f, &length);
        if (!*f)
            break;
        convert(&o, &sp, *f, length, &args);
    }
    va_end(args);
    if (size > 0)
        buf[o.len < size ? o.len : size - 1] = '\0';
    return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
