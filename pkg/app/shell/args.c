/*
 * args.c - splitting a command line into words (see args.h). No quoting:
 * YSOS paths and arguments never contain spaces.
 */
#include <stdbool.h>

#include "args.h"

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

int split_args(char *line, char **argv, int max)
{
    int count = 0;
    char *p = line;

    for (;;) {
        while (is_blank(*p))
            p++;
        if (*p == '\0')
            return count;
        if (count < max)
            argv[count] = p;
        count++;
        while (*p != '\0' && !is_blank(*p))
            p++;
        if (*p != '\0')
            *p++ = '\0';
    }
}
