#if YSOS_LAB >= 6
/*
 * storage/todo.h - LAB_TODO for pkg/storage (docs/labs/README.md).
 *
 * The same sources go into the kernel and into the host unit tests: in the
 * kernel a stub says its TODO line through the kernel log
 * (utils/todo.h); in a host test, which has no kernel log, on stderr.
 */
#ifndef STORAGE_TODO_H
#define STORAGE_TODO_H

#if __STDC_HOSTED__
#include <stdio.h>

#include "todo/todo.h"

#define STORAGE_TODO_SAY(fmt, ...) fprintf(stderr, "[WARN ] " fmt "\n", __VA_ARGS__)
#define LAB_TODO(lab, what)        LAB_TODO_SAY(lab, what, STORAGE_TODO_SAY)
#else
#include "utils/todo.h"
#endif

#endif
#endif
