/*
 * brk - move the program break by hand (Rust: crates/app/brk).
 *
 *   $ brk <addr>   sys_brk(addr) (hex with 0x, or decimal), then the process
 *                  table so the heap's memory use can be watched
 *   $ cur          print the current break
 *   $ exit         quit (so does Ctrl-D)
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ysos.h>

/* "0x..." hex or decimal, the whole word; false otherwise. */
static bool parse_address(const char *text, uintptr_t *addr)
{
    int base = 10;
    char *end;

    if (strncmp(text, "0x", 2) == 0) {
        text += 2;
        base = 16;
    }
    if (*text == '\0' || *text == '-' || *text == '+')
        return false;
    errno = 0;
    *addr = strtoull(text, &end, base);
    return errno == 0 && *end == '\0';
}

static void do_brk(const char *arg)
{
    uintptr_t addr;

    if (!parse_address(arg, &addr)) {
        printf("Invalid address: %s\n", arg);
        return;
    }
    uintptr_t new_brk = sys_brk(addr);
    if (new_brk == BRK_FAILED)
        printf("Brk to 0x%lx failed\n", addr);
    else
        printf("Brk to 0x%lx success, new brk addr: 0x%lx\n", addr, new_brk);
    sys_stat();
}

static void show_current(void)
{
    uintptr_t brk = sys_brk(0);

    if (brk == BRK_FAILED)
        printf("Failed to get current brk addr\n");
    else
        printf("Current brk addr: 0x%lx\n", brk);
}

int main(void)
{
    char line[128];

    printf("Welcome to Brk Test!\n");
    for (;;) {
        printf("$ ");
        int len = read_line(line, sizeof(line));
        if (len == READ_LINE_EOF)
            break;
        if (len == READ_LINE_TOO_LONG) {
            printf("Line too long (at most %zu characters)\n", sizeof(line) - 1);
            continue;
        }

        char *command = strtok(line, " \t");
        char *arg = strtok(NULL, " \t");
        if (command == NULL)
            continue;
        if (strcmp(command, "brk") == 0) {
            if (arg == NULL || strtok(NULL, " \t") != NULL)
                printf("Usage: brk <addr>\n");
            else
                do_brk(arg);
        } else if (strcmp(command, "cur") == 0) {
            show_current();
        } else if (strcmp(command, "exit") == 0) {
            break;
        } else {
            printf("Unknown command: %s\n", command);
        }
    }
    return 0;
}
