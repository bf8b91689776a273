/*
 * path.h - how the shell turns what the user typed into file paths.
 * Portable (no syscalls): unit-tested on the host in tests/test_userlib_shell.c.
 *
 * Paths are absolute, '/'-separated, upper-case (FAT short names; the kernel
 * compares case-insensitively anyway), without "." / ".." / empty parts and
 * without a trailing '/' except for the root "/".
 */
#ifndef SHELL_PATH_H
#define SHELL_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include <syscall/syscall.h>

/* bytes, NUL included: the longest path the kernel takes */
#define SHELL_PATH_SIZE (SYSCALL_PATH_MAX + 1)
#define SHELL_APP_DIR   "/APP"

/*
 * Resolve `path` against the current directory `cwd` (an absolute path):
 * absolute paths replace cwd, relative ones are appended, then "." and ".."
 * are applied (".." at the root stays at the root). Writes the result to
 * out; false if it does not fit in size bytes.
 */
bool path_resolve(const char *cwd, const char *path, char *out, size_t size);

/* Where `run NAME` looks for a program, in order. */
struct program_paths {
    int count;
    char path[2][SHELL_PATH_SIZE];
};

/*
 * The path relative to cwd first; for a bare name (no '/') also
 * /APP/NAME, like PATH in a Unix shell - unless that is the same file.
 * false if a path is too long.
 */
bool path_program_candidates(const char *cwd, const char *name, struct program_paths *out);

#endif
