/*
 * syscall_fuzz - make thousands of random syscalls and check the kernel
 * survives them and answers as SPEC section 5 says (robustness suite).
 *
 * Reads "SEED [CALLS]" (default 10000 calls) at the `Seed: ` prompt, so a
 * failing run can be replayed exactly. fuzz.c plans each call and judges the
 * answer; this file makes the calls, reports progress every 1000 calls and
 * the first contract violations, then gives back what it still holds (files,
 * kernel-heap blocks, the break) and exits with 0, or 1 after a violation.
 * Progress lines start on a new line: console writes of the fuzz text do
 * not end with one.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include <ysos.h>

#include "fuzz.h"
#include "syscall_asm.h"

#define DEFAULT_CALLS    10000
#define PROGRESS_EVERY   1000
#define SHOWN_VIOLATIONS 10
#define SCRATCH_SIZE     4096

static unsigned char scratch[SCRATCH_SIZE] __attribute__((aligned(16)));
static const char text[] = "fuzz fuzz fuzz fuzz fuzz fuzz fuzz fuzz fuzz fuzz fuzz fuzz ";
/* The layout Allocate/Deallocate read: filled from the plan before a call. */
static struct syscall_layout layout;

/* "SEED [CALLS]" -> true, or false on anything else. */
static bool parse_request(const char *line, uint64_t *seed, uint64_t *calls)
{
    char *end;

    *seed = strtoull(line, &end, 10);
    if (end == line)
        return false;
    *calls = DEFAULT_CALLS;
    if (*end == ' ')
        *calls = strtoull(end + 1, &end, 10);
    return *end == '\0';
}

static uint64_t make_call(struct fuzz_call *call)
{
    if (call->layout_arg >= 0) {
        layout = call->layout;
        call->arg[call->layout_arg] = (uint64_t)(uintptr_t)&layout;
    }
    return syscall3(call->no, call->arg[0], call->arg[1], call->arg[2]);
}

static void report_violation(const struct fuzz_state *s, const struct fuzz_call *c, uint64_t r)
{
    if (s->violations > SHOWN_VIOLATIONS)
        return;
    printf("\nsyscall_fuzz: violation at call %" PRIu64 ": syscall %" PRIu64 "(0x%" PRIx64
           ", 0x%" PRIx64 ", 0x%" PRIx64 ") = 0x%" PRIx64 ", expected %s0x%" PRIx64 "\n",
           s->calls, c->no, c->arg[0], c->arg[1], c->arg[2], r,
           c->expect == EXPECT_NOT_POSITIVE ? "0 or " : "", c->want);
}

/* Close our files, free our kernel-heap blocks, put the break back. */
static void give_back(struct fuzz_state *s)
{
    for (int i = 0; i < s->nfds; i++)
        sys_close((int)s->fds[i]);
    for (int i = 0; i < s->nallocs; i++)
        sys_deallocate((void *)(uintptr_t)s->allocs[i].ptr, &s->allocs[i].layout);
    sys_brk(s->env.heap_floor);
}

int main(void)
{
    static struct fuzz_state state;
    struct fuzz_env env = {
        .scratch = scratch,
        .scratch_size = sizeof(scratch),
        .text = text,
        .text_size = sizeof(text) - 1,
        .code = (uint64_t)(uintptr_t)&main,
        .heap_floor = sys_brk(0),
        .pid = sys_get_pid(),
    };
    char line[64];
    uint64_t seed, calls;

    printf("Seed: ");
    if (read_line(line, sizeof(line)) < 0 || !parse_request(line, &seed, &calls)) {
        printf("usage: SEED [CALLS]\n");
        return 2;
    }
    printf("syscall_fuzz: seed %" PRIu64 ", %" PRIu64 " calls\n", seed, calls);
    fuzz_init(&state, &env, seed);
    for (uint64_t i = 1; i <= calls; i++) {
        struct fuzz_call call;
        fuzz_next(&state, &call);
        uint64_t result = make_call(&call);
        if (!fuzz_record(&state, &call, result))
            report_violation(&state, &call, result);
        if (i % PROGRESS_EVERY == 0)
            printf("\nsyscall_fuzz: %" PRIu64 " calls\n", i);
    }
    give_back(&state);
    printf("\nsyscall_fuzz: done, %" PRIu64 " calls, %" PRIu64 " contract violations\n",
           state.calls, state.violations);
    return state.violations ? 1 : 0;
}
