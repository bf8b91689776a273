#if YSOS_LAB >= 6
/*
 * filesystem.h - path handling shared by every file system (the generic
 * part of common/filesystem.rs).
 *
 * Paths are '/'-separated and resolved from the root of the volume: a
 * leading '/' is optional and repeated slashes are ignored. Names compare
 * without regard to ASCII case, like FAT itself.
 */
#ifndef STORAGE_FILESYSTEM_H
#define STORAGE_FILESYSTEM_H

#include <stdbool.h>
#include <stddef.h>

#define STORAGE_PATH_SEPARATOR '/'

/*
 * Finds the next component of *cursor: sets *start to it, advances *cursor
 * past it and returns its length; returns 0 when no component is left.
 */
size_t path_next_component(const char **cursor, const char **start);

/* True when path ends in '/' after at least one component ("/APP/"). */
bool path_has_trailing_slash(const char *path);

/* True when the len bytes at a equal the NUL-terminated b, ASCII case folded. */
bool name_equal_nocase(const char *a, size_t len, const char *b);

#endif
#endif
