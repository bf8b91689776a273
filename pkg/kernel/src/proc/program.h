/*
 * proc/program.h - where a new program's ELF bytes come from.
 *
 * Spawn names a path. With the root file system mounted the file is read
 * from it; otherwise (no disk) the last path component is looked up, case
 * blind, among the apps the loader read into memory (load_apps=1). The
 * kernel's first program, the shell, prefers the loader's copy, as Rust's
 * spawn_init does.
 *
 * A file is read into fresh frames mapped at a kernel staging window, not
 * into the kernel heap: the heap never shrinks, so a 100 KiB program would
 * raise "frames in use" for good; the window's frames go back when the
 * program is loaded.
 */
#ifndef PROC_PROGRAM_H
#define PROC_PROGRAM_H

#include <stdbool.h>
#include <stdint.h>

#include "boot/bootinfo.h"

#define PROGRAM_MAX_SIZE (16ULL << 20) /* largest ELF file Spawn reads */

enum program_result {
    PROGRAM_OK = 0,
    PROGRAM_NOT_FOUND = -1, /* no such file: a normal event for the shell's search */
    PROGRAM_BAD = -2,       /* found, but not loadable (why says it) */
};

struct program_image {
    const void *data;
    uint64_t size;
    uint64_t staged_pages; /* pages at the staging window, 0 for a loader copy */
};

/* Remembers the loader's apps. */
void program_init(const struct boot_info *bi);

/* The ELF bytes for path (see above); on PROGRAM_BAD, why says what is wrong. */
int program_open(const char *path, struct program_image *img, const char **why);

/* The loader's copy of the app named like path's last component, if any. */
bool program_open_loaded(const char *path, struct program_image *img);

/* Prints the loader's apps ("  Size | Name" rows): ListDir without a disk. */
void program_list_loaded(void);

/* Gives the staging frames back (nothing to do for a loader copy). */
void program_close(struct program_image *img);

/* "factor~1" for "/APP/FACTOR~1": the last component (the caller lower-cases it). */
const char *program_base_name(const char *path);

#endif
