/*
 * rustabi - does with the raw system calls exactly what a program built
 * for the Rust labs does through yslib (the reference's crates/lib), so the
 * grader can check that such a program would run unmodified on YSOS-C.
 *
 * It reads lines the way yslib's `Stdin::read_line` does and reports each
 * one, escaped, as `line [TEXT] N chars`. Two lines are commands:
 *   alloc   Allocate/Deallocate with Layouts laid out as rustc does, as
 *           yslib's kernel_alloc `GlobalAlloc` passes them
 *   quit    exit 0
 * A line yslib returns as "\x04" (Ctrl-D) prints `EOF` and exits 0.
 *
 * No pkg/lib helper is used on purpose: read_line() and malloc() there are
 * YSOS-C's own and would hide a difference.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <ysos.h>

#define LINE_MAX 256

static void put(const char *text, size_t len)
{
    sys_write(1, text, len);
}

static void put_str(const char *text)
{
    put(text, strlen(text));
}

/*
 * yslib `Stdin::read_char_with_buf` (crates/lib/src/io.rs): one sys_read
 * into a 4-byte buffer; `bytes > 0` is a character, anything else None.
 * The character is kept as its UTF-8 bytes here.
 */
static size_t read_char(unsigned char ch[4])
{
    ssize_t bytes = sys_read(0, ch, 4);
    return bytes > 0 ? (size_t)bytes : 0;
}

/*
 * yslib `Stdin::read_line` (crates/lib/src/io.rs), case by case:
 *   '\n'           write "\n", end the line
 *   '\x03'         clear the line, end it (Ctrl-C)
 *   '\x04'         the line becomes "\x04", end it (Ctrl-D)
 *   '\x08'         if not empty: write "\x08", drop the last character
 *   '\x00'..'\x1F' ignored
 *   other          echo it, append it
 * Returns the line's length in bytes; *chars counts its characters.
 */
static size_t yslib_read_line(char *line, size_t *chars)
{
    size_t len = 0, count = 0, sizes[LINE_MAX];
    unsigned char ch[4];

    for (;;) {
        size_t n = read_char(ch);
        if (n == 0)
            continue; /* None: yslib loops */
        if (n == 1 && ch[0] == '\n') {
            put("\n", 1);
            break;
        }
        if (n == 1 && ch[0] == 0x03) {
            len = count = 0;
            break;
        }
        if (n == 1 && ch[0] == 0x04) {
            line[0] = 0x04;
            len = count = 1;
            break;
        }
        if (n == 1 && ch[0] == 0x08) {
            if (count > 0) {
                put("\x08", 1);
                len -= sizes[--count];
            }
            continue;
        }
        if (n == 1 && ch[0] < 0x20)
            continue;
        put((const char *)ch, n);
        if (len + n < LINE_MAX && count < LINE_MAX) {
            memcpy(line + len, ch, n);
            len += n;
            sizes[count++] = n;
        }
    }
    line[len] = '\0';
    *chars = count;
    return len;
}

/* Prints the line with control bytes as \xNN so every byte is visible. */
static void report_line(const char *line, size_t chars)
{
    char out[LINE_MAX * 4 + 64];
    size_t used = (size_t)snprintf(out, sizeof(out), "line [");

    for (const unsigned char *p = (const unsigned char *)line; *p; p++) {
        if (*p < 0x20 || *p == 0x7f)
            used += (size_t)snprintf(out + used, sizeof(out) - used, "\\x%02x", *p);
        else
            out[used++] = (char)*p;
    }
    snprintf(out + used, sizeof(out) - used, "] %zu chars\n", chars);
    put_str(out);
}

/*
 * yslib's kernel_alloc `GlobalAlloc::alloc` passes `&layout`: a pointer to
 * rustc's core::alloc::Layout, whose two words are {align, size} (rustc
 * 1.85-1.97). The words are written out by hand so this program does not
 * depend on pkg/syscall's struct for the order.
 */
static uintptr_t allocate(uint64_t size, uint64_t align)
{
    const uint64_t layout[2] = {align, size};
    return (uintptr_t)sys_allocate((const struct syscall_layout *)layout);
}

static void deallocate(uintptr_t ptr, uint64_t size, uint64_t align)
{
    const uint64_t layout[2] = {align, size};
    sys_deallocate((void *)ptr, (const struct syscall_layout *)layout);
}

/* One block of a size that is not a power of two: usable and aligned. */
static bool check_block(uint64_t size, uint64_t align)
{
    uintptr_t p = allocate(size, align);
    bool ok = p != 0 && p % align == 0;

    printf("alloc %lu@%lu: %s\n", (unsigned long)size, (unsigned long)align, ok ? "ok" : "FAILED");
    if (ok) {
        memset((void *)p, 0xab, size);
        deallocate(p, size, align);
    }
    return ok;
}

static void test_allocate(void)
{
    bool ok = check_block(24, 8) & check_block(100, 16) & check_block(4000, 4096);

    /* A Layout rustc could never make still gets 0, never a fault. */
    bool refused = allocate(24, 3) == 0 && allocate(24, 0) == 0 && allocate(~0UL, 8) == 0;
    printf("alloc bad layouts: %s\n", refused ? "refused" : "ACCEPTED");
    printf("alloc %s\n", ok && refused ? "passed" : "failed");
}

int main(void)
{
    char line[LINE_MAX];
    size_t chars;

    for (;;) {
        put_str("rustabi> ");
        yslib_read_line(line, &chars);
        if (strcmp(line, "\x04") == 0) {
            put_str("EOF\n");
            return 0;
        }
        if (strcmp(line, "quit") == 0)
            return 0;
        if (strcmp(line, "alloc") == 0)
            test_allocate();
        else
            report_line(line, chars);
    }
}
