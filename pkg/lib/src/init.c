/*
 * init.c - runtime set-up that must happen before main (called by crt0).
 *
 * stdout is made unbuffered: every printf becomes one Write syscall, as
 * every print! is in the Rust lib. That matters here because forked
 * processes share memory: with a shared stdio buffer, text printed by a
 * child could sit in the buffer and be printed again, or interleave, when
 * another process flushes. newlib formats an unbuffered printf in a buffer on
 * the caller's stack, so each process writes its own lines. Doing it now also
 * runs newlib's one-time stdio set-up before any fork.
 */
#include <stdio.h>

#include <ysos.h>

#include "runtime.h"

int64_t ysos_start_ns;

void ysos_runtime_init(void)
{
    ysos_start_ns = sys_time();
    setvbuf(stdout, NULL, _IONBF, 0);
    setvbuf(stderr, NULL, _IONBF, 0);
}
