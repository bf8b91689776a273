#if YSOS_LAB >= 6
/*
 * storage/todo.h - LAB_TODO for pkg/storage (docs/course/README.md).
 *
 * The same sources go into the kernel and into the host unit tests: in the
 * kernel a stub says its TODO line through the kernel log
 * (utils/todo.h); in a host test, which has no kernel log, on stderr.
 */
#ifndef STORAGE_TODO_H
#define STORAGE_TODO_H

#if __STDC_HOSTED__
#include <stdbool.h>
#include <stdio.h>

#define LAB_TODO(lab, what)                                                                        \
    do {                                                                                           \
        static bool lab_todo_said_;                                                                \
        if (!lab_todo_said_) {                                                                     \
            lab_todo_said_ = true;                                                                 \
            fprintf(stderr, "[WARN ] TODO(lab 0x%02x): %s is not implemented\n", (unsigned)(lab),  \
                    what);                                                                         \
        }                                                                                          \
    } while (0)
#else
#include "utils/todo.h"
#endif

#endif
#endif
