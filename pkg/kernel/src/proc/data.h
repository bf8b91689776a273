/*
 * proc/data.h - what a process shares with its forked children besides
 * memory (Rust: proc/data.rs, ProcessData): the open files and the
 * semaphores. A spawned program gets fresh ones; fork shares them (one
 * reference more), and the last process to let go closes what is left.
 *
 * File descriptors 0, 1 and 2 are the console (stdin, stdout, stderr) and
 * are never in the table; files opened with Open get the lowest free
 * number from 3 up, reused after Close.
 */
#ifndef PROC_DATA_H
#define PROC_DATA_H

#include <stdbool.h>
#include <stdint.h>

#if YSOS_LAB >= 6
#include "drivers/filesystem.h"
#endif
#if YSOS_LAB >= 5
#include "proc/sync.h"
#endif

#define FD_FIRST_FILE 3  /* 0-2: console */
#define FD_MAX        16 /* descriptors per process family */

struct process_data {
    unsigned refs;
#if YSOS_LAB >= 6
    struct kfile *files[FD_MAX]; /* NULL = free (always NULL below FD_FIRST_FILE) */
#endif
#if YSOS_LAB >= 5
    struct sem_set *sems; /* made on the first semaphore */
#endif
};

/* Fresh data for a spawned program; NULL when out of memory. */
struct process_data *process_data_new(void);

/* One more user (fork); returns d. */
struct process_data *process_data_fork(struct process_data *d);

/* One user fewer; the last one closes the files and frees everything. */
void process_data_release(struct process_data *d);

#if YSOS_LAB >= 6
/* Opens path and returns its fd, or -1 (not found, not a file, table full). */
int process_data_open(struct process_data *d, const char *path);

/* Closes fd; false for the console, a free fd or a number out of range. */
bool process_data_close(struct process_data *d, uint64_t fd);

/* The file behind fd, or NULL (console, free, out of range). */
struct kfile *process_data_file(struct process_data *d, uint64_t fd);
#endif

#if YSOS_LAB >= 5
/* The semaphore set, made on first use; NULL only when out of memory. */
struct sem_set *process_data_sems(struct process_data *d);
#endif

#endif
