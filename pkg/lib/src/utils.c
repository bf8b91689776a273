/*
 * utils.c - small helpers of the Rust lib (crates/lib/src/utils.rs).
 *
 * lab_todo() is the stub of a lab hole in user code (docs/course/README.md).
 * sleep() keeps the Rust lib's unit, MILLISECONDS, because the lab apps
 * (mutex: sleep(1500)) are written against it. There is no sleep syscall,
 * so it busy-waits on the Time syscall like the Rust version does.
 */
#include <stdio.h>
#include <unistd.h>

#include <ysos.h>

void lab_todo(int lab, const char *what)
{
    char line[128];
    int len = snprintf(line, sizeof(line), "TODO(lab 0x%02x): %s is not implemented\n", lab, what);

    if (len > (int)sizeof(line) - 1)
        len = sizeof(line) - 1;
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
