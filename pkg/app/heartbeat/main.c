/*
 * heartbeat - shows whether the rest of the system keeps running while
 * another program makes the kernel do something long (robustness checks).
 *
 * It spins on the time-stamp counter, which keeps counting whatever the
 * kernel does (unlike the kernel's tick clock, which stops while interrupts
 * are off), and remembers the longest pause between two of its own loop
 * turns: the time it was not given the CPU. Every 500 ms it prints
 *     heartbeat: longest pause N ms
 * for that half second. It runs until it is killed (start it with nohup).
 */
#include <stdint.h>
#include <stdio.h>

#include <ysos.h>

#define REPORT_MS    500
#define CALIBRATE_MS 200
#define NS_PER_MS    1000000

static uint64_t rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* TSC ticks per millisecond, measured against the kernel's clock. */
static uint64_t ticks_per_ms(void)
{
    int64_t start_ns = sys_time();
    uint64_t start = rdtsc();

    while (sys_time() - start_ns < CALIBRATE_MS * NS_PER_MS)
        ;
    return (rdtsc() - start) / CALIBRATE_MS;
}

int main(void)
{
    uint64_t per_ms = ticks_per_ms();
    uint64_t last = rdtsc(), report_at = last + REPORT_MS * per_ms, longest = 0;

    printf("heartbeat: started\n");
    for (;;) {
        uint64_t now = rdtsc();
        if (now - last > longest)
            longest = now - last;
        last = now;
        if (now >= report_at) {
            printf("heartbeat: longest pause %lu ms\n", (unsigned long)(longest / per_ms));
            longest = 0;
            last = rdtsc(); /* printing is not a pause */
            report_at = last + REPORT_MS * per_ms;
        }
    }
}
