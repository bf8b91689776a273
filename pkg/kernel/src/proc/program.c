/*
 * proc/program.c - ELF images for Spawn (see program.h).
 *
 * The staging window sits in the kernel half, in the P4 entry the kernel
 * image already uses (entry 511, its second 1 GiB slot, right after the
 * kernel heap's), so every address space sees it without a new P4 entry.
 * Spawn runs with interrupts off, so one window is enough.
 */
#include "proc/program.h"

#include <stddef.h>

#if YSOS_LAB >= 6
#include "drivers/filesystem.h"
#endif
#include "memory/address.h"
#include "memory/paging.h"
#include "utils/logger.h"
#include "utils/todo.h"

#define STAGING_BASE  0xFFFFFF8040000000ULL /* P4[511], P3[1] */
#define STAGING_SPAN  (1ULL << 30)
#define STAGING_FLAGS (PTE_PRESENT | PTE_WRITABLE | PTE_NX)

_Static_assert(PROGRAM_MAX_SIZE <= STAGING_SPAN, "staging window too small");

static const struct boot_info *boot_info;

void program_init(const struct boot_info *bi)
{
    boot_info = bi;
}

const char *program_base_name(const char *path)
{
    const char *base = path;

    for (const char *c = path; *c != '\0'; c++)
        if (*c == '/' && c[1] != '\0')
            base = c + 1;
    return base;
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-blind equality; a trailing '/' of a is ignored. */
static bool same_name(const char *a, const char *b)
{
    while (*a != '\0' && *a != '/' && lower(*a) == lower(*b)) {
        a++;
        b++;
    }
    return (*a == '\0' || *a == '/') && *b == '\0';
}

bool program_open_loaded(const char *path, struct program_image *img)
{
    const char *name = program_base_name(path);

    if (boot_info == NULL || !boot_info->apps_loaded)
        return false;
    for (uint32_t i = 0; i < boot_info->loaded_apps_len; i++) {
        const struct boot_app *app = &boot_info->loaded_apps[i];
        if (same_name(name, app->name)) {
            *img = (struct program_image){(const void *)app->elf, app->size, 0};
            return true;
        }
    }
    return false;
}

#if YSOS_SOLVED >= 4
void program_list_loaded(void)
{
    kprintf("  Size | Name\n");
    for (uint32_t i = 0; boot_info != NULL && i < boot_info->loaded_apps_len; i++)
        kprintf("%6lu | %s\n", boot_info->loaded_apps[i].size, boot_info->loaded_apps[i].name);
}
#else
void program_list_loaded(void)
{
    /* TODO(lab 0x04): print the programs the loader brought (boot_info's
     * loaded_apps: name, and more such as the size).
     * Guide: 0x04 tasks.md "加载程序文件"; Rust: crates/kernel/src/proc/mod.rs list_app() */
    LAB_TODO(4, "program_list_loaded");
}
#endif

#if YSOS_LAB >= 6
/* Reads the whole file f of `size` bytes into the staging window. */
static int stage_file(struct kfile *f, uint64_t size, struct program_image *img, const char **why)
{
    uint64_t pages = page_round_up(size) / PAGE_SIZE, done = 0;
    uint8_t *window = (uint8_t *)STAGING_BASE;

    if (map_range(page_table_root(), STAGING_BASE, pages, STAGING_FLAGS) != 0) {
        *why = "out of memory";
        return PROGRAM_BAD;
    }
    *img = (struct program_image){window, size, pages};
    while (done < size) {
        long got = fs_read(f, window + done, size - done);
        if (got <= 0) {
            *why = got < 0 ? fs_strerror((int)got) : "file shorter than its size";
            program_close(img);
            return PROGRAM_BAD;
        }
        done += (uint64_t)got;
    }
    return PROGRAM_OK;
}

static int open_file(const char *path, struct program_image *img, const char **why)
{
    struct storage_metadata meta;
    struct kfile *f;
    int err, result;

    /* A directory is no more a program than a missing file: the shell's
     * search (`run app` tries /APP) must stay quiet. */
    if (fs_stat(path, &meta) != 0 || meta.type == STORAGE_DIRECTORY)
        return PROGRAM_NOT_FOUND;
    if (meta.size == 0 || meta.size > PROGRAM_MAX_SIZE) {
        *why = meta.size == 0 ? "empty file" : "file too large";
        return PROGRAM_BAD;
    }
    f = fs_open(path, &err);
    if (f == NULL) {
        *why = fs_strerror(err);
        return PROGRAM_BAD;
    }
    result = stage_file(f, meta.size, img, why);
    fs_close(f);
    return result;
}
#endif

/*
 * The disk first (from lab 0x06); when there is no volume, or the disk
 * cannot give the program (not there, or its file system code fails), the
 * copy the loader brought (load_apps = 1), if any. So with load_apps = 0 a
 * program runs only from a working disk, and with load_apps = 1 the shell
 * and its programs run whatever state the disk code is in.
 */
int program_open(const char *path, struct program_image *img, const char **why)
{
    int result = PROGRAM_NOT_FOUND;

    (void)why; /* only the disk says why */
#if YSOS_LAB >= 6
    if (fs_mounted()) {
        result = open_file(path, img, why);
        if (result == PROGRAM_OK)
            return result;
    }
#endif
    if (program_open_loaded(path, img))
        return PROGRAM_OK;
    return result;
}

void program_close(struct program_image *img)
{
    if (img->staged_pages == 0)
        return;
    unmap_range(page_table_root(), STAGING_BASE, img->staged_pages, true);
    page_table_free_empty(page_table_root(), STAGING_BASE, STAGING_BASE + STAGING_SPAN);
    img->staged_pages = 0;
}
