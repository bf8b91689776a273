/*
 * posix/time.c - clocks for newlib (time(), gettimeofday(), clock()) on the
 * Time syscall, which returns nanoseconds since the Unix epoch (RTC).
 *
 * There is no per-process CPU time, so times() reports wall-clock time
 * since the program started as its user time; clock() is built on it.
 */
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

#include <ysos.h>

#include "../runtime.h"

#define NS_PER_SEC 1000000000LL

int gettimeofday(struct timeval *tv, void *tz)
{
    int64_t now = sys_time();

    (void)tz;
    tv->tv_sec = now / NS_PER_SEC;
    tv->tv_usec = (now % NS_PER_SEC) / 1000;
    return 0;
}

clock_t times(struct tms *buf)
{
    const int64_t ns_per_tick = NS_PER_SEC / CLOCKS_PER_SEC;
    int64_t now = sys_time();

    buf->tms_utime = (clock_t)((now - ysos_start_ns) / ns_per_tick);
    buf->tms_stime = 0;
    buf->tms_cutime = 0;
    buf->tms_cstime = 0;
    return (clock_t)(now / ns_per_tick);
}
