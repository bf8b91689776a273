/*
 * hog - asks the kernel for one huge thing in a single request, so the
 * robustness checks can see that the rest of the system keeps running and
 * that the request finishes or fails cleanly. Reads one case name:
 *   stack3g   write 3 GiB below the stack top: one page fault that grows
 *             the stack by 3 GiB (the process dies where that is more than
 *             memory; with 4 GiB it succeeds and the exit frees it all)
 *   write4m   one 4 MiB Write to stdout (lines of dots)
 * and prints `hog: CASE` before doing it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ysos.h>

#define STACK_TOP   0x400000000000UL
#define GIB         (1UL << 30)
#define WRITE_BYTES (4UL << 20)
#define LINE_BYTES  64

static void stack3g(void)
{
    *(volatile uint64_t *)(STACK_TOP - 3 * GIB) = 1;
    printf("hog: the write 3 GiB down succeeded\n");
}

static void write4m(void)
{
    char *buf = malloc(WRITE_BYTES);

    if (buf == NULL) {
        printf("hog: out of memory\n");
        return;
    }
    memset(buf, '.', WRITE_BYTES);
    for (size_t i = LINE_BYTES - 1; i < WRITE_BYTES; i += LINE_BYTES)
        buf[i] = '\n';
    ssize_t n = sys_write(1, buf, WRITE_BYTES);
    printf("hog: wrote %ld bytes\n", (long)n);
    free(buf);
}

int main(void)
{
    char line[32];

    printf("Hog case: ");
    if (read_line(line, sizeof(line)) < 0)
        return 1;
    printf("hog: %s\n", line);
    if (strcmp(line, "stack3g") == 0)
        stack3g();
    else if (strcmp(line, "write4m") == 0)
        write4m();
    else
        return 2;
    return 0;
}
