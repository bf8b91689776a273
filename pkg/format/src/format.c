/*
 * format.c - the printf engine of the kernel and the loader (see
 * format/format.h for the supported subset).
 *
 * A conversion is handled in two steps: parse "%[flags][width][.prec][len]c"
 * into a `struct conv`, then render the argument as prefix ("-", "0x"),
 * leading zeros and body, padded to the width. Keeping padding in one place
 * (emit_field) is what makes widths behave the same for every conversion.
 */
#include <format/format.h>

#include <stdbool.h>
#include <stdint.h>

struct out {
    format_sink_fn sink;
    void *ctx;
    int count;
};

/* One parsed conversion specification. */
struct conv {
    bool left;   /* '-' */
    bool zero;   /* '0' */
    int width;   /* minimum field width, 0 = none */
    int prec;    /* precision, -1 = none */
    int length;  /* 0 = int, 1 = long, 2 = long long, 3 = size_t */
    char letter; /* conversion character */
};

static void put(struct out *o, char c)
{
    o->sink(c, o->ctx);
    o->count++;
}

static void put_repeat(struct out *o, char c, int n)
{
    for (; n > 0; n--)
        put(o, c);
}

static void put_bytes(struct out *o, const char *s, int n)
{
    for (int i = 0; i < n; i++)
        put(o, s[i]);
}

static int bounded_strlen(const char *s, int max)
{
    int n = 0;
    while ((max < 0 || n < max) && s[n] != '\0')
        n++;
    return n;
}

/*
 * Writes prefix, `zeros` zero digits and the body, padded with spaces (or,
 * for the '0' flag, zeros after the prefix) up to the field width.
 */
static void emit_field(struct out *o, const struct conv *c, const char *prefix, int zeros,
                       const char *body, int body_len)
{
    int prefix_len = bounded_strlen(prefix, -1);
    int pad = c->width - (prefix_len + zeros + body_len);

    if (pad < 0)
        pad = 0;
    if (!c->left && !c->zero)
        put_repeat(o, ' ', pad);
    put_bytes(o, prefix, prefix_len);
    if (!c->left && c->zero)
        put_repeat(o, '0', pad);
    put_repeat(o, '0', zeros);
    put_bytes(o, body, body_len);
    if (c->left)
        put_repeat(o, ' ', pad);
}

/* Digits of v in `base`, written backwards from `end`; returns the count. */
static int utoa_reverse(uint64_t v, unsigned base, bool upper, char *end)
{
    const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    int n = 0;

    do {
        *--end = digits[v % base];
        v /= base;
        n++;
    } while (v != 0);
    return n;
}

static void emit_number(struct out *o, const struct conv *c, uint64_t magnitude, bool negative,
                        unsigned base, const char *prefix)
{
    char buf[24]; /* 2^64 has 20 decimal digits */
    char *end = buf + sizeof(buf);
    int len = utoa_reverse(magnitude, base, c->letter == 'X', end);
    int zeros = 0;
    struct conv adjusted = *c;

    if (c->prec >= 0) {
        /* C: an explicit precision disables the '0' flag; ".0" prints 0 as nothing. */
        adjusted.zero = false;
        if (c->prec == 0 && magnitude == 0)
            len = 0;
        if (c->prec > len)
            zeros = c->prec - len;
    }
    emit_field(o, &adjusted, negative ? "-" : prefix, zeros, end - len, len);
}

static int64_t next_signed(const struct conv *c, va_list *ap)
{
    switch (c->length) {
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

static uint64_t next_unsigned(const struct conv *c, va_list *ap)
{
    switch (c->length) {
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

static void emit_signed(struct out *o, const struct conv *c, va_list *ap)
{
    int64_t v = next_signed(c, ap);
    /* Negate in unsigned arithmetic so INT64_MIN does not overflow. */
    uint64_t magnitude = v < 0 ? -(uint64_t)v : (uint64_t)v;

    emit_number(o, c, magnitude, v < 0, 10, "");
}

static void emit_string(struct out *o, const struct conv *c, const char *s)
{
    if (s == NULL)
        s = "(null)";
    emit_field(o, c, "", 0, s, bounded_strlen(s, c->prec));
}

static void emit_char(struct out *o, const struct conv *c, char ch)
{
    emit_field(o, c, "", 0, &ch, 1);
}

/* Reads a decimal number or '*' (taken from the arguments). */
static int parse_count(const char **p, va_list *ap)
{
    int n = 0;

    if (**p == '*') {
        (*p)++;
        return va_arg(*ap, int);
    }
    while (**p >= '0' && **p <= '9')
        n = n * 10 + (*(*p)++ - '0');
    return n;
}

/* Parses the specification after '%'; leaves *p on the conversion letter. */
static void parse_conv(const char **p, struct conv *c, va_list *ap)
{
    *c = (struct conv){.prec = -1};
    for (;; (*p)++) {
        if (**p == '-')
            c->left = true;
        else if (**p == '0')
            c->zero = true;
        else
            break;
    }
    c->width = parse_count(p, ap);
    if (c->width < 0) { /* C: a negative '*' width means '-' flag */
        c->left = true;
        c->width = -c->width;
    }
    if (**p == '.') {
        (*p)++;
        c->prec = parse_count(p, ap);
        if (c->prec < 0)
            c->prec = -1;
    }
    if (**p == 'z') {
        c->length = 3;
        (*p)++;
    }
    while (**p == 'l' && c->length < 2) {
        c->length++;
        (*p)++;
    }
    c->letter = **p;
}

/* Renders one conversion; returns false when the letter is unknown. */
static bool emit_conv(struct out *o, const struct conv *c, va_list *ap)
{
    switch (c->letter) {
    case 'd':
    case 'i':
        emit_signed(o, c, ap);
        return true;
    case 'u':
        emit_number(o, c, next_unsigned(c, ap), false, 10, "");
        return true;
    case 'x':
    case 'X':
        emit_number(o, c, next_unsigned(c, ap), false, 16, "");
        return true;
    case 'p':
        emit_number(o, c, (uintptr_t)va_arg(*ap, void *), false, 16, "0x");
        return true;
    case 's':
        emit_string(o, c, va_arg(*ap, const char *));
        return true;
    case 'c':
        emit_char(o, c, (char)va_arg(*ap, int));
        return true;
    case '%':
        put(o, '%');
        return true;
    default:
        return false;
    }
}

int kvformat(format_sink_fn sink, void *ctx, const char *fmt, va_list ap)
{
    struct out o = {.sink = sink, .ctx = ctx};
    va_list args;

    /* Work on a copy so helpers can take a va_list * portably. */
    va_copy(args, ap);
    for (const char *p = fmt; *p != '\0'; p++) {
        const char *start = p;
        struct conv c;

        if (*p != '%') {
            put(&o, *p);
            continue;
        }
        p++;
        parse_conv(&p, &c, &args);
        if (*p == '\0') { /* dangling '%' at the end: print what we saw */
            put_bytes(&o, start, (int)(p - start));
            break;
        }
        if (!emit_conv(&o, &c, &args))
            put_bytes(&o, start, (int)(p - start + 1));
    }
    va_end(args);
    return o.count;
}

struct buffer_sink {
    char *buf;
    size_t size;
    size_t pos;
};

/* Stores while there is room for the character and the final NUL. */
static void buffer_put(char c, void *ctx)
{
    struct buffer_sink *b = ctx;

    if (b->pos + 1 < b->size)
        b->buf[b->pos] = c;
    b->pos++;
}

int kvsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buffer_sink b = {.buf = buf, .size = size};
    int n = kvformat(buffer_put, &b, fmt, ap);

    if (size > 0)
        buf[b.pos < size ? b.pos : size - 1] = '\0';
    return n;
}

int ksnprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = kvsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
