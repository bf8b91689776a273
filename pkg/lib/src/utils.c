/*
 * utils.c - small helpers of the Rust lib (crates/lib/src/utils.rs).
 *
 * lab_todo() is the stub of a lab hole in user code (docs/labs/README.md).
 * sleep() keeps the Rust lib's unit, MILLISECONDS, because the lab apps
 * (mutex: sleep(1500)) are written against it. There is no sleep syscall,
 * so it busy-waits on the Time syscall like the Rust version does.
 */
#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#include <ysos.h>

void lab_todo(const char *fmt, ...)
{
    char line[128];
    va_list ap;
    int len;

    va_start(ap, fmt);
    len = vsnprintf(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (len < 0)
        return;
    if (len > (int)sizeof(line) - 2)
        len = sizeof(line) - 2;
    line[len++] = '\n';
    sys_write(2, line, (size_t)len);
}

unsigned int sleep(unsigned int ms)
{
    const int64_t ns_per_ms = 1000000;
    int64_t start = sys_time();

    while (sys_time() - start < (int64_t)ms * ns_per_ms)
        __builtin_ia32_pause();
    return 0;
}
