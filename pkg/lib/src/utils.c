/*
 * utils.c - small helpers of the Rust lib (crates/lib/src/utils.rs).
 *
 * sleep() keeps the Rust lib's unit, MILLISECONDS, because the lab apps
 * (mutex: sleep(1500)) are written against it. There is no sleep syscall,
 * so it busy-waits on the Time syscall like the Rust version does.
 */
#include <unistd.h>

#include <ysos.h>

unsigned int sleep(unsigned int ms)
{
    const int64_t ns_per_ms = 1000000;
    int64_t start = sys_time();

    while (sys_time() - start < (int64_t)ms * ns_per_ms)
        __builtin_ia32_pause();
    return 0;
}
