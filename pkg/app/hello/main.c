/*
 * hello - the first user program (Rust: crates/app/hello).
 *
 * Prints a greeting and the RTC time, then puts a 32 KiB array on the
 * stack: the stack starts with one page, so this checks that the kernel
 * grows it on page faults. Exits with 233 so the shell's exit-code report
 * can be checked.
 */
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include <ysos.h>

#define NS_PER_SEC 1000000000LL

/* Like chrono's DateTime<Utc> display: 2024-05-01 12:34:56.123456789 UTC */
static void print_time(int64_t ns)
{
    time_t seconds = (time_t)(ns / NS_PER_SEC);
    struct tm tm;
    char text[32];

    gmtime_r(&seconds, &tm);
    strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S", &tm);
    printf("Now at: %s.%09lld UTC\n", text, (long long)(ns % NS_PER_SEC));
}

/* noinline: the array must live in this frame, far below main's. */
static __attribute__((noinline)) void huge_stack(void)
{
    /* volatile: really store and load every element on the stack. */
    volatile uint64_t stack[0x1000];

    printf("Huge stack testing...\n");
    for (unsigned i = 0; i < 0x1000; i++)
        stack[i] = i;
    for (unsigned i = 0; i < 0x1000 / 256; i++)
        printf("0x%03x == 0x%03llx\n", i * 256, (unsigned long long)stack[i * 256]);
}

int main(void)
{
    printf("Hello, world!!!\n");
    print_time(sys_time());
    huge_stack();
    printf("Exiting...\n");
    return 233;
}
