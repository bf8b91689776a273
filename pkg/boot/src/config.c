/*
 * config.c - parse boot.conf (Rust: crates/boot/src/config.rs).
 *
 * The format is one `key=value` per line: spaces around '=' are allowed,
 * values may be bare or quoted ("..." or '...'), '#' starts a comment at the
 * beginning of a line or after whitespace, CRLF line ends are fine.
 *
 * The key table below says how each value is read. The Rust parser turned
 * anything unreadable into 0 (a 0-page stack, a stack at address 0); here
 * every problem is a warning that names the line, and the key keeps its
 * default, so a typo can never boot a machine with nonsense settings.
 * bootconf_check_layout() does the same for settings that clash, once the
 * loader knows the kernel image and the memory. A value quoted in a
 * message is cut to VALUE_SHOWN characters, so the message still names
 * the default however long the line was.
 */
#include <stdint.h>
#include <boot/config.h>
#include <format/format.h>

#define PAGE_SIZE   4096ULL
#define MSG_MAX     256
#define MAX_PAGES   (UINT64_MAX / PAGE_SIZE) /* more would overflow a byte size */
#define VALUE_SHOWN 64                       /* characters of a value quoted in a message */
#define TABLE_SLACK 8                        /* frames for the stack's upper-level tables */

/* A piece of the input: not NUL-terminated. */
struct str {
    const char *p;
    size_t n;
};

/* How a key's value is read and checked. */
enum kind {
    KIND_ADDRESS,     /* 0x-prefixed hex, upper half, page-aligned */
    KIND_MAP_OFFSET,  /* KIND_ADDRESS, 2 MiB aligned (mapped in 2 MiB pages) */
    KIND_PAGES,       /* a page count, 0 allowed */
    KIND_STACK_PAGES, /* a page count, at least 1 */
    KIND_FLAG,        /* 0 or 1 (also false/true, as the lab guide writes it) */
    KIND_PATH,        /* a non-empty file path */
    KIND_TEXT,        /* any text, possibly empty */
    KIND_LEVEL,       /* error|warn|info|debug|trace */
};

struct key {
    const char *name;
    enum kind kind;
    size_t offset; /* of the field in struct boot_config */
    size_t size;   /* of the field */
};

#define FIELD(f) offsetof(struct boot_config, f), sizeof(((struct boot_config *)0)->f)

static const struct key keys[] = {
    {"kernel_stack_address", KIND_ADDRESS, FIELD(kernel_stack_address)},
    {"kernel_stack_size", KIND_STACK_PAGES, FIELD(kernel_stack_size)},
    {"physical_memory_offset", KIND_MAP_OFFSET, FIELD(physical_memory_offset)},
    {"kernel_path", KIND_PATH, FIELD(kernel_path)},
    {"kernel_stack_auto_grow", KIND_PAGES, FIELD(kernel_stack_auto_grow)},
    {"initramfs", KIND_PATH, FIELD(initramfs)},
    {"cmdline", KIND_TEXT, FIELD(cmdline)},
    {"load_apps", KIND_FLAG, FIELD(load_apps)},
    {"log_level", KIND_LEVEL, FIELD(log_level)},
};
#define NKEYS (sizeof(keys) / sizeof(keys[0]))

static const char *const level_names[] = {
    [BOOT_LOG_ERROR] = "error", [BOOT_LOG_WARN] = "warn",   [BOOT_LOG_INFO] = "info",
    [BOOT_LOG_DEBUG] = "debug", [BOOT_LOG_TRACE] = "trace",
};

/* Parser state: the result and where messages go. */
struct parser {
    struct boot_config *cfg;
    bootconf_log_fn log;
    void *ctx;
};

/* ---- small string helpers (no libc in the loader) ---- */

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

static struct str trim(struct str s)
{
    while (s.n > 0 && is_space(s.p[0]))
        s.p++, s.n--;
    while (s.n > 0 && is_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

/* Exact comparison of a slice with a C string. */
static int str_is(struct str s, const char *word)
{
    size_t i = 0;
    for (; i < s.n; i++) {
        if (word[i] != s.p[i])
            return 0;
    }
    return word[i] == '\0';
}

/* Index of the first `c` in s, or s.n. */
static size_t find_char(struct str s, char c)
{
    size_t i = 0;
    while (i < s.n && s.p[i] != c)
        i++;
    return i;
}

/* memcpy, which the loader does not have. */
static void copy_bytes(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--)
        *d++ = *s++;
}

/* Copies s into a char field of `cap` bytes; fails if it does not fit. */
static int copy_text(char *dst, size_t cap, struct str s)
{
    if (s.n >= cap)
        return 0;
    copy_bytes(dst, s.p, s.n);
    dst[s.n] = '\0';
    return 1;
}

/* Copies s into a char field of `cap` bytes, cut short with "..." if need be. */
static void copy_cut(char *dst, size_t cap, struct str s)
{
    if (s.n < cap) {
        copy_text(dst, cap, s);
        return;
    }
    copy_bytes(dst, s.p, cap - 4);
    copy_bytes(dst + cap - 4, "...", 4);
}

/* ---- messages ---- */

/* A value for "'%.*s%s'": at most VALUE_SHOWN characters, then "..." if cut. */
#define SHOWN(s)    (int)((s).n < VALUE_SHOWN ? (s).n : VALUE_SHOWN), (s).p
#define ELLIPSIS(s) ((s).n > VALUE_SHOWN ? "..." : "")

static void say(struct parser *ps, enum boot_log_level level, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void say(struct parser *ps, enum boot_log_level level, const char *fmt, ...)
{
    char msg[MSG_MAX];
    va_list ap;

    if (!ps->log)
        return;
    va_start(ap, fmt);
    kvsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    ps->log(ps->ctx, level, msg);
}

const char *bootconf_level_name(enum boot_log_level level)
{
    if (level < BOOT_LOG_ERROR || level > BOOT_LOG_TRACE)
        return "?";
    return level_names[level];
}

/* ---- reading values ---- */

static int digit_value(char c, unsigned base)
{
    int v = -1;
    if (c >= '0' && c <= '9')
        v = c - '0';
    else if (c >= 'a' && c <= 'f')
        v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
        v = c - 'A' + 10;
    return v >= 0 && (unsigned)v < base ? v : -1;
}

/* Digits only (at least one), in `base`, without overflowing 64 bits. */
static int parse_digits(struct str s, unsigned base, uint64_t *out)
{
    uint64_t v = 0;
    if (s.n == 0)
        return 0;
    for (size_t i = 0; i < s.n; i++) {
        int d = digit_value(s.p[i], base);
        if (d < 0 || v > (UINT64_MAX - (uint64_t)d) / base)
            return 0;
        v = v * base + (uint64_t)d;
    }
    *out = v;
    return 1;
}

static int has_hex_prefix(struct str s)
{
    return s.n >= 2 && s.p[0] == '0' && (s.p[1] == 'x' || s.p[1] == 'X');
}

/* "0x..." as hex, otherwise decimal. */
static int parse_number(struct str s, uint64_t *out)
{
    if (has_hex_prefix(s))
        return parse_digits((struct str){s.p + 2, s.n - 2}, 16, out);
    return parse_digits(s, 10, out);
}

/* Bits 63..47 all equal: the only addresses x86_64 paging accepts. */
static int is_canonical(uint64_t addr)
{
    uint64_t top = addr >> 47;
    return top == 0 || top == 0x1ffff;
}

/* Kernel addresses: hex, in the upper half, aligned to `align`. */
static int parse_address(struct str s, uint64_t align, uint64_t *out)
{
    return has_hex_prefix(s) && parse_number(s, out) && *out % align == 0 && is_canonical(*out) &&
           *out >= BOOTCONF_UPPER_HALF;
}

static int parse_pages(struct str s, uint64_t min, uint64_t *out)
{
    return parse_number(s, out) && *out >= min && *out <= MAX_PAGES;
}

static int parse_flag(struct str s, int *out)
{
    if (str_is(s, "1") || str_is(s, "true"))
        *out = 1;
    else if (str_is(s, "0") || str_is(s, "false"))
        *out = 0;
    else
        return 0;
    return 1;
}

static int parse_level(struct str s, enum boot_log_level *out)
{
    for (int l = BOOT_LOG_ERROR; l <= BOOT_LOG_TRACE; l++) {
        if (str_is(s, level_names[l])) {
            *out = (enum boot_log_level)l;
            return 1;
        }
    }
    return 0;
}

/* Reads s as key k's kind into its field; on failure the caller resets it. */
static int parse_value(const struct key *k, struct str s, struct boot_config *cfg)
{
    void *field = (char *)cfg + k->offset;

    switch (k->kind) {
    case KIND_ADDRESS:
        return parse_address(s, PAGE_SIZE, (uint64_t *)field);
    case KIND_MAP_OFFSET:
        return parse_address(s, BOOTCONF_PHYS_ALIGN, (uint64_t *)field);
    case KIND_PAGES:
        return parse_pages(s, 0, (uint64_t *)field);
    case KIND_STACK_PAGES:
        return parse_pages(s, 1, (uint64_t *)field);
    case KIND_FLAG:
        return parse_flag(s, (int *)field);
    case KIND_LEVEL:
        return parse_level(s, (enum boot_log_level *)field);
    case KIND_PATH:
        return s.n > 0 && copy_text(field, k->size, s);
    case KIND_TEXT:
        return copy_text(field, k->size, s);
    }
    return 0;
}

/* A key's default, written the way boot.conf would spell it. */
static void format_default(const struct key *k, char *buf, size_t size)
{
    struct boot_config def;
    const void *field = (const char *)&def + k->offset;

    bootconf_defaults(&def);
    switch (k->kind) {
    case KIND_ADDRESS:
    case KIND_MAP_OFFSET:
        ksnprintf(buf, size, "0x%llX", *(const unsigned long long *)field);
        break;
    case KIND_PAGES:
    case KIND_STACK_PAGES:
        ksnprintf(buf, size, "%llu", *(const unsigned long long *)field);
        break;
    case KIND_FLAG:
        ksnprintf(buf, size, "%d", *(const int *)field);
        break;
    case KIND_LEVEL:
        ksnprintf(buf, size, "%s", bootconf_level_name(*(const enum boot_log_level *)field));
        break;
    case KIND_PATH:
    case KIND_TEXT:
        ksnprintf(buf, size, "%s", *(const char *)field ? (const char *)field : "\"\"");
        break;
    }
}

/* Puts key k back to its default. */
static void reset_to_default(const struct key *k, struct boot_config *cfg)
{
    struct boot_config def;
    bootconf_defaults(&def);
    copy_bytes((char *)cfg + k->offset, (const char *)&def + k->offset, k->size);
}

static const struct key *find_key(struct str name)
{
    for (size_t i = 0; i < NKEYS; i++) {
        if (str_is(name, keys[i].name))
            return &keys[i];
    }
    return NULL;
}

/* ---- lines ---- */

/*
 * A quoted value ends at its closing quote (a '#' inside is kept) and may
 * only be followed by a comment. Returns 0 if the quote is unterminated or
 * followed by something else.
 */
static int unquote(struct str s, struct str *value)
{
    struct str inner = {s.p + 1, s.n - 1};
    size_t close = find_char(inner, s.p[0]);
    if (close == inner.n)
        return 0;
    struct str rest = trim((struct str){inner.p + close + 1, inner.n - close - 1});
    if (rest.n > 0 && rest.p[0] != '#')
        return 0;
    *value = (struct str){inner.p, close};
    return 1;
}

/* A bare value ends at the first '#' that follows whitespace. */
static struct str cut_comment(struct str raw)
{
    for (size_t i = 1; i < raw.n; i++) {
        if (raw.p[i] == '#' && is_space(raw.p[i - 1])) {
            raw.n = i;
            break;
        }
    }
    return trim(raw);
}

/*
 * The value in `raw` (everything after '='). Returns 0 for a broken quote,
 * with *value set to the text as written, for the warning.
 */
static int extract_value(struct str raw, struct str *value)
{
    struct str s = trim(raw);
    *value = s;
    if (s.n > 0 && (s.p[0] == '"' || s.p[0] == '\''))
        return unquote(s, value);
    *value = cut_comment(raw);
    return 1;
}

static void warn_bad_value(struct parser *ps, unsigned line_no, const struct key *k,
                           struct str value)
{
    char def[MSG_MAX];
    format_default(k, def, sizeof(def));
    say(ps, BOOT_LOG_WARN, "boot.conf line %u: bad value '%.*s%s' for %s, using default %s",
        line_no, SHOWN(value), ELLIPSIS(value), k->name, def);
    reset_to_default(k, ps->cfg);
}

/*
 * A value that parsed but clashes (why): the same warning as for a bad
 * value, naming the line and the value as written, then the default. The
 * key then counts as not set by boot.conf (its value is no longer the
 * file's), which is what makes check_overlaps() end.
 */
static void warn_clash(struct parser *ps, enum bootconf_key id, const char *why)
{
    struct boot_config *cfg = ps->cfg;
    const struct key *k = &keys[id];
    char def[MSG_MAX];

    format_default(k, def, sizeof(def));
    if (cfg->line[id] != 0)
        say(ps, BOOT_LOG_WARN, "boot.conf line %u: bad value '%s' for %s, using default %s (%s)",
            cfg->line[id], cfg->written[id], k->name, def, why);
    else
        say(ps, BOOT_LOG_WARN, "boot.conf: %s, using default %s for %s", why, def, k->name);
    reset_to_default(k, cfg);
    cfg->line[id] = 0;
}

static void parse_line(struct parser *ps, unsigned line_no, struct str line)
{
    line = trim(line);
    if (line.n == 0 || line.p[0] == '#')
        return;

    size_t eq = find_char(line, '=');
    struct str name = trim((struct str){line.p, eq});
    if (eq == line.n || name.n == 0) {
        say(ps, BOOT_LOG_WARN, "boot.conf line %u: expected key=value, got '%.*s%s'", line_no,
            SHOWN(line), ELLIPSIS(line));
        return;
    }

    struct str value;
    int value_ok = extract_value((struct str){line.p + eq + 1, line.n - eq - 1}, &value);
    say(ps, BOOT_LOG_INFO, "parse %.*s%s = %.*s%s", SHOWN(name), ELLIPSIS(name), SHOWN(value),
        ELLIPSIS(value));

    const struct key *k = find_key(name);
    if (!k) {
        say(ps, BOOT_LOG_WARN, "boot.conf line %u: unknown key '%.*s%s'", line_no, SHOWN(name),
            ELLIPSIS(name));
        return;
    }
    ps->cfg->line[k - keys] = line_no;
    copy_cut(ps->cfg->written[k - keys], BOOTCONF_WRITTEN_MAX, value);
    if (!value_ok || !parse_value(k, value, ps->cfg))
        warn_bad_value(ps, line_no, k, value);
}

/*
 * Settings that are fine alone but not together: more auto-grow pages than
 * the stack has, or a stack region running past the top of memory.
 */
static void check_stack(struct parser *ps)
{
    struct boot_config *cfg = ps->cfg;
    char why[MSG_MAX];

    if (cfg->kernel_stack_auto_grow > cfg->kernel_stack_size) {
        ksnprintf(why, sizeof(why), "more than kernel_stack_size %llu",
                  (unsigned long long)cfg->kernel_stack_size);
        warn_clash(ps, BOOTCONF_KERNEL_STACK_AUTO_GROW, why);
    }
    if (cfg->kernel_stack_address + cfg->kernel_stack_size * PAGE_SIZE - 1 <
        cfg->kernel_stack_address) {
        ksnprintf(why, sizeof(why),
                  "a stack of %llu pages from 0x%llX wraps past the top of memory",
                  (unsigned long long)cfg->kernel_stack_size,
                  (unsigned long long)cfg->kernel_stack_address);
        warn_clash(ps,
                   cfg->line[BOOTCONF_KERNEL_STACK_SIZE] ? BOOTCONF_KERNEL_STACK_SIZE
                                                         : BOOTCONF_KERNEL_STACK_ADDRESS,
                   why);
        if (cfg->kernel_stack_address + cfg->kernel_stack_size * PAGE_SIZE - 1 <
            cfg->kernel_stack_address)
            warn_clash(ps, BOOTCONF_KERNEL_STACK_ADDRESS, why);
    }
}

/* ---- the layout (bootconf_check_layout) ---- */

/* Byte ranges [start, start + size); size > 0, the end may be 2^64. */
struct range {
    uint64_t start, size;
};

static int overlap(struct range a, struct range b)
{
    return a.start <= b.start + (b.size - 1) && b.start <= a.start + (a.size - 1);
}

static struct range stack_range(const struct boot_config *cfg)
{
    return (struct range){cfg->kernel_stack_address, cfg->kernel_stack_size * PAGE_SIZE};
}

static struct range phys_range(const struct boot_config *cfg, const struct bootconf_layout *l)
{
    return (struct range){cfg->physical_memory_offset, l->phys_size};
}

/* True when the physical memory map would run past 2^64. */
static int phys_wraps(const struct boot_config *cfg, const struct bootconf_layout *l)
{
    return cfg->physical_memory_offset + (l->phys_size - 1) < cfg->physical_memory_offset;
}

/*
 * Kernel image, kernel stack and physical memory map must not overlap. The
 * kernel image cannot move, so the stack or the map gives way; between
 * those two, whichever boot.conf set (the map when it set both). Each step
 * falls back to a default, so this ends after at most two warnings;
 * -1 when the defaults themselves clash with the kernel.
 */
static int check_overlaps(struct parser *ps, const struct bootconf_layout *l)
{
    struct boot_config *cfg = ps->cfg;
    struct range kernel = {l->kernel_start, l->kernel_end - l->kernel_start};

    if (kernel.size > 0 && overlap(stack_range(cfg), kernel)) {
        if (cfg->line[BOOTCONF_KERNEL_STACK_ADDRESS] == 0)
            return -1;
        warn_clash(ps, BOOTCONF_KERNEL_STACK_ADDRESS, "the kernel stack would overlap the kernel");
        if (overlap(stack_range(cfg), kernel))
            return -1;
    }
    if (phys_wraps(cfg, l) || (kernel.size > 0 && overlap(phys_range(cfg, l), kernel))) {
        if (cfg->line[BOOTCONF_PHYSICAL_MEMORY_OFFSET] == 0)
            return -1;
        warn_clash(ps, BOOTCONF_PHYSICAL_MEMORY_OFFSET,
                   phys_wraps(cfg, l) ? "physical memory would be mapped past the top of memory"
                                      : "physical memory would be mapped over the kernel");
        if (phys_wraps(cfg, l) || (kernel.size > 0 && overlap(phys_range(cfg, l), kernel)))
            return -1;
    }
    if (overlap(phys_range(cfg, l), stack_range(cfg))) {
        int stack_moves = cfg->line[BOOTCONF_PHYSICAL_MEMORY_OFFSET] == 0;

        if (stack_moves && cfg->line[BOOTCONF_KERNEL_STACK_ADDRESS] == 0)
            return -1;
        warn_clash(ps,
                   stack_moves ? BOOTCONF_KERNEL_STACK_ADDRESS : BOOTCONF_PHYSICAL_MEMORY_OFFSET,
                   stack_moves ? "the kernel stack would overlap the physical memory map"
                               : "physical memory would be mapped over the kernel stack");
        return check_overlaps(ps, l); /* the default moved in: check it as well */
    }
    return 0;
}

uint64_t bootconf_boot_stack_pages(const struct boot_config *cfg)
{
    return cfg->kernel_stack_auto_grow ? cfg->kernel_stack_auto_grow : cfg->kernel_stack_size;
}

/* The stack pages mapped at boot, and their page tables, must fit in free memory. */
static int stack_fits(const struct boot_config *cfg, const struct bootconf_layout *l)
{
    uint64_t pages = bootconf_boot_stack_pages(cfg);

    return pages <= l->free_pages && pages / 512 + TABLE_SLACK <= l->free_pages - pages;
}

/*
 * A stack too big to map whole (kernel_stack_auto_grow = 0, also as the
 * fallback for a bad value) is mapped at its top BOOTCONF_DEFAULT_STACK_PG
 * pages, as much as the default stack, and the kernel grows the rest.
 */
static int check_stack_fits(struct parser *ps, const struct bootconf_layout *l)
{
    struct boot_config *cfg = ps->cfg;
    enum bootconf_key cause =
        cfg->kernel_stack_auto_grow ? BOOTCONF_KERNEL_STACK_AUTO_GROW : BOOTCONF_KERNEL_STACK_SIZE;
    uint64_t pages = bootconf_boot_stack_pages(cfg);
    uint64_t top = cfg->kernel_stack_size < BOOTCONF_DEFAULT_STACK_PG ? cfg->kernel_stack_size
                                                                      : BOOTCONF_DEFAULT_STACK_PG;

    char where[32] = "boot.conf";

    if (stack_fits(cfg, l))
        return 0;
    if (cfg->line[cause] != 0)
        ksnprintf(where, sizeof(where), "boot.conf line %u", cfg->line[cause]);
    say(ps, BOOT_LOG_WARN,
        "%s: a kernel stack of %llu pages does not fit in memory (%llu pages free), mapping its "
        "top %llu pages; the kernel grows the rest on demand",
        where, (unsigned long long)pages, (unsigned long long)l->free_pages,
        (unsigned long long)top);
    cfg->kernel_stack_auto_grow = top;
    return stack_fits(cfg, l) ? 0 : -1;
}

int bootconf_check_layout(struct boot_config *cfg, const struct bootconf_layout *layout,
                          bootconf_log_fn log, void *ctx)
{
    struct parser ps = {cfg, log, ctx};

    if (check_overlaps(&ps, layout) != 0)
        return -1;
    return check_stack_fits(&ps, layout);
}

void bootconf_defaults(struct boot_config *cfg)
{
    *cfg = (struct boot_config){
        .kernel_stack_address = BOOTCONF_DEFAULT_STACK,
        .kernel_stack_size = BOOTCONF_DEFAULT_STACK_PG,
        .physical_memory_offset = BOOTCONF_DEFAULT_PHYS_OFF,
        .kernel_stack_auto_grow = 0,
        .kernel_path = BOOTCONF_DEFAULT_KERNEL,
        .initramfs = "",
        .cmdline = "",
        .load_apps = 0,
        .log_level = BOOT_LOG_INFO,
        .line = {0},
    };
}

void bootconf_parse(struct boot_config *cfg, const char *text, size_t len, bootconf_log_fn log,
                    void *ctx)
{
    struct parser ps = {cfg, log, ctx};
    struct str rest = {text, len};
    unsigned line_no = 0;

    bootconf_defaults(cfg);
    if (!text) {
        say(&ps, BOOT_LOG_WARN, "boot.conf not found, using defaults");
        return;
    }
    if (rest.n >= 3 && str_is((struct str){rest.p, 3}, "\xEF\xBB\xBF"))
        rest.p += 3, rest.n -= 3; /* a UTF-8 byte order mark from a Windows editor */
    while (rest.n > 0) {
        size_t end = find_char(rest, '\n');
        parse_line(&ps, ++line_no, (struct str){rest.p, end});
        rest.p += end < rest.n ? end + 1 : end;
        rest.n -= end < rest.n ? end + 1 : end;
    }
    check_stack(&ps);
}
