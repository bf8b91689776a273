#if YSOS_LAB >= 2
/*
 * kconsole.c - the kernel console of lab 0x02's "用户交互": the kernel's own
 * read-answer loop, run when there is no user shell (labs 0x02-0x03).
 *
 * Each line is first offered to kconsole_command() (the commands later labs
 * add); anything else is echoed back with the timer's counter, which shows
 * the clock interrupt runs while the kernel waits for input.
 */
#include "kconsole.h"

#include <stdbool.h>
#include <stddef.h>

#include "drivers/input.h"
#include "interrupt/clock.h"
#include "utils/logger.h"
#include "utils/string.h"

#define KCONSOLE_LINE_MAX 256

/* The line without leading and trailing blanks (Rust: str::trim), in place. */
static char *trim(char *s)
{
    size_t len;

    while (*s == ' ' || *s == '\t')
        s++;
    len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        s[--len] = '\0';
    return s;
}

/*
 * The kernel console's commands. Returns true when `line` was one (and has
 * been answered). Lab 0x02 has none besides "exit"; lab 0x03 adds its
 * commands (ps, test, stack) here, each in its own `#if YSOS_LAB >= 3`
 * block before the final return.
 */
static bool kconsole_command(const char *line)
{
    (void)line;
    /* Lab 0x03 and later: the kernel console's commands go here. */
    return false;
}

void kconsole_run(void)
{
    char buf[KCONSOLE_LINE_MAX];

    /* At every log level: the grader's sign that init is done (grader/markers.py READY). */
    kprintf("[+] YatSenOS ready.\n");
    for (;;) {
        char *line;

        kprintf("> ");
        if (get_line(buf, sizeof(buf)) < 0) {
            kprintf("\n");
            log_warn("kernel console: no input can arrive");
            return;
        }
        line = trim(buf);
        if (strcmp(line, "exit") == 0)
            return;
        if (kconsole_command(line))
            continue;
        kprintf("You said: %s\n", line);
        kprintf("The counter value is %lu\n", clock_ticks());
    }
}
#endif
