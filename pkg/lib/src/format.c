/*
 * format.c - text formatting the lab apps share (Rust gets it from {:?}).
 */
#include <stdio.h>

#include <ysos.h>

void format_pid_list(char *buf, size_t size, const uint16_t *pids, size_t count)
{
    if (size == 0)
        return;

    /* n = length written so far; stop once the buffer is full. */
    int n = snprintf(buf, size, "[");
    for (size_t i = 0; i < count && (size_t)n < size; i++)
        n += snprintf(buf + n, size - (size_t)n, i == 0 ? "%u" : ", %u", pids[i]);
    if ((size_t)n < size)
        snprintf(buf + n, size - (size_t)n, "]");
}
