/*
 * factorial - n! mod 1e9+7 computed by real recursion (Rust: crates/app/fact).
 *
 * With n = 999999 the recursion is a million frames deep (about 16 MiB of
 * stack), which makes the kernel grow the stack page by page; the process
 * table printed before and after shows the memory use, and after the
 * program exits its pages must be recycled.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <ysos.h>

#define MOD   1000000007ULL
#define MAX_N 1000000ULL

/* noinline + the multiply after the call keep this a true recursion: one
 * stack frame per level, which is the point of the program. */
static __attribute__((noinline)) uint64_t factorial(uint64_t n)
{
    if (n == 0)
        return 1;
    return n * factorial(n - 1) % MOD;
}

/* Whole-string decimal parse; false on anything else. */
static bool parse_u64(const char *text, uint64_t *value)
{
    char *end;

    if (*text < '0' || *text > '9')
        return false;
    errno = 0;
    *value = strtoull(text, &end, 10);
    return errno == 0 && *end == '\0';
}

int main(void)
{
    char line[32];
    uint64_t n;

    printf("Input n: ");
    if (read_line(line, sizeof(line)) < 0 || !parse_u64(line, &n)) {
        printf("Invalid input: '%s' is not a number\n", line);
        return 1;
    }
    if (n > MAX_N) {
        printf("n must be less than 1_000_000\n");
        return 1;
    }

    printf("Before calculating factorial:\n");
    sys_stat();
    uint64_t result = factorial(n);
    printf("After calculating factorial:\n");
    sys_stat();

    printf("The factorial of %" PRIu64 " under modulo %llu is %" PRIu64 ".\n", n, MOD, result);
    return 0;
}
