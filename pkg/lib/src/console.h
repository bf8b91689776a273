/*
 * console.h - stdin as a byte stream, shared by read_line() (io.c) and the
 * POSIX read() glue (posix/file.c).
 */
#ifndef YSOS_CONSOLE_H
#define YSOS_CONSOLE_H

#include <stddef.h>
#include <sys/types.h>

/* Wait for console input; copy one character (1..len bytes) to buf.
 * -1 if stdin failed. */
ssize_t stdin_read(void *buf, size_t len);

#endif
