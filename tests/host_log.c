/*
 * host_log.c - the kernel log (utils/logger.h) for host tests of kernel
 * files: a stub of an unfilled hole says its TODO line through log_write,
 * which here goes to stderr. Linked by the tests that need it
 * (test_NAME_SRCS in the fragments).
 */
#include <stdarg.h>
#include <stdio.h>

#include "utils/logger.h"

void log_write(int level, const char *fmt, ...)
{
    va_list ap;

    (void)level;
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}
