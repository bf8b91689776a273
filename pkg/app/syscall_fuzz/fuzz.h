/*
 * fuzz.h - the syscall fuzzer's brain, without any syscall in it: which
 * call to make next (random but reproducible from a seed) and what the
 * kernel must answer (SPEC section 5). main.c only makes the calls.
 *
 * Never planned, because they would end, block or confuse the fuzzer itself
 * rather than test the kernel: Exit, WaitPid, VFork, Spawn, Sem wait, Read
 * on stdin, Kill of ourselves or of the shell, Foreground of nobody or of
 * ourselves (Ctrl-C would no longer end us). Numbers and arguments are
 * chosen so that a kernel that truncates them (to 8, 16 or 32 bits) cannot
 * turn them into one of those either. The kernel may only write into our
 * scratch buffer (or refuse); console writes only show our safe text.
 */
#ifndef SYSCALL_FUZZ_FUZZ_H
#define SYSCALL_FUZZ_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <syscall/syscall.h>

#define FUZZ_MAX_ALLOCS 64
#define FUZZ_MAX_FDS    32

/* Where the fuzzer's own memory is: what it may hand to the kernel. */
struct fuzz_env {
    unsigned char *scratch; /* the kernel may write here (Read) */
    size_t scratch_size;
    const char *text; /* printable text, the only thing written to the console */
    size_t text_size;
    uint64_t code;       /* one of our code pages: readable, not writable */
    uint64_t heap_floor; /* the break at start: never planned below it */
    uint16_t pid;        /* our pid (never killed) */
};

/* What the result must be. */
enum fuzz_expect {
    EXPECT_ANY,          /* nothing defined (or not checkable) */
    EXPECT_VALUE,        /* exactly `want` */
    EXPECT_VALUE_OR_ERR, /* `want`, or SYSCALL_ERROR (e.g. out of memory) */
    EXPECT_NOT_POSITIVE, /* 0 or SYSCALL_ERROR: no bytes moved */
};

struct fuzz_call {
    uint64_t no;
    uint64_t arg[3];
    enum fuzz_expect expect;
    uint64_t want;
    struct syscall_layout layout; /* written to `arg[layout_arg]` when used */
    int layout_arg;               /* -1: no layout */
    int alloc_index;              /* Deallocate of live allocation i, else -1 */
};

struct fuzz_state {
    struct fuzz_env env;
    uint64_t rng;
    uint64_t brk; /* current break as the kernel last reported it */
    struct {
        uint64_t ptr;
        struct syscall_layout layout;
    } allocs[FUZZ_MAX_ALLOCS];
    int nallocs;
    uint64_t fds[FUZZ_MAX_FDS]; /* files we opened and did not close */
    int nfds;
    uint64_t calls, violations;
};

void fuzz_init(struct fuzz_state *s, const struct fuzz_env *env, uint64_t seed);

/* Plan the next call; the layout (if any) is already in call->layout and the
 * path text (if any) already in the scratch buffer. */
void fuzz_next(struct fuzz_state *s, struct fuzz_call *call);

/* Note the result: live allocations, open files, the break. Returns false
 * (and counts a violation) when the result breaks the contract. */
bool fuzz_record(struct fuzz_state *s, const struct fuzz_call *call, uint64_t result);

/* True if no truncation (to 8, 16, 32 bits or none) of `value` is in
 * values[0..n): how the planner keeps excluded numbers excluded. */
bool fuzz_avoids(uint64_t value, const uint64_t *values, size_t n);

#endif
