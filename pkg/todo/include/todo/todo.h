/*
 * todo/todo.h - what a lab hole does until the student fills it
 * (docs/labs/README.md). Header only; loader, kernel, pkg/storage and
 * pkg/lib each pass their own way of printing a line.
 *
 * A hole's stub says once which piece is missing,
 *     TODO(lab 0x05): proc_fork is not implemented
 * and returns an error its caller handles, so the system runs as far as it
 * can and the grader can name the missing piece. A stub of a lab after the
 * stage being built (YSOS_LAB) stays quiet: a student of lab 0x04 is not
 * told about lab 0x07's holes at every program exit. (YSOS_LAB comes from
 * the compiler's command line, mk/stage.mk STAGE_CFLAGS.)
 */
#ifndef TODO_TODO_H
#define TODO_TODO_H

#include <stdbool.h>

/* SAY(fmt, ...) prints one line; once per call site (a stub on a hot path,
 * such as the timer, must not flood the console). */
#define LAB_TODO_SAY(lab, what, SAY)                                                   \
    do {                                                                               \
        static bool lab_todo_said_;                                                    \
        if ((lab) <= YSOS_LAB && !lab_todo_said_) {                                    \
            lab_todo_said_ = true;                                                     \
            SAY("TODO(lab 0x%02x): %s is not implemented", (unsigned)(lab), what);     \
        }                                                                              \
    } while (0)

#endif
