/*
 * emu.h - run YSOS user programs on the Linux host, for host tests.
 *
 * The apps in esp/APP are static ELF files Linux can execute directly; only
 * their `int $0x80` system calls are YSOS-specific. emu_run() starts a
 * program under ptrace, stops it at every system call and answers it the way
 * the YSOS kernel would (SPEC section 5): console I/O, files under a host
 * folder, brk, spawn/wait/kill, VFork with a copied stack and shared memory,
 * semaphores, time. So crt0, newlib, pkg/lib and the apps can be tested
 * end to end before the kernel exists (tests/test_userlib_apps.c).
 *
 * What it does not model: the kernel's own output. Stat and ListDir only
 * append "[stat]" / "[ls PATH]" lines to the output, and a process killed by
 * a CPU exception appends "[fault SIGNAME]" and exits with 0xdead.
 */
#ifndef YSOS_EMU_H
#define YSOS_EMU_H

#include <stdbool.h>
#include <stddef.h>

struct emu_run {
    /* in */
    const char *root;    /* host folder that stands for the YSOS root "/" */
    const char *program; /* YSOS path of the first program, e.g. "/APP/HELLO" */
    const char *input;   /* what is "typed" on the console (NULL = nothing) */
    unsigned timeout_s;  /* 0 = 20 seconds */
    /* out */
    char *output; /* everything written to fd 1 and 2 (malloc'ed, NUL-terminated) */
    size_t output_len;
    long exit_code;    /* the first program's exit code */
    const char *error; /* NULL, or why the run failed (timeout, deadlock ...) */
};

/* Run run->program until it exits; false (and run->error) on failure. */
bool emu_run(struct emu_run *run);
/* Free run->output. */
void emu_free(struct emu_run *run);

#endif
