/*
 * utils/string.h - the memory and string functions the kernel uses.
 *
 * The kernel has no libc, yet gcc may emit calls to memcpy/memset/memmove/
 * memcmp on its own (struct copies, zeroing), so these exist under their
 * standard names and prototypes. Declarations match <string.h>, so code that
 * includes this header also compiles in host tests against the real libc.
 */
#ifndef UTILS_STRING_H
#define UTILS_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif
