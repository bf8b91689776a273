/*
 * config.h - boot.conf, the loader's settings (Rust: crates/boot/src/config.rs).
 *
 * Same keys, defaults and meaning as the Rust loader. Unlike the Rust
 * parser, a value that does not parse is never silently read as 0: the
 * parser warns (naming the line) and keeps the key's default. Values that
 * parse but clash with each other or with the kernel (an overlap of the
 * physical memory map, the kernel image and the kernel stack; a stack too
 * big to map) are checked once the loader knows the kernel and the memory
 * (bootconf_check_layout), with the same kind of warning: the boot goes on
 * with a default, it never stops over a setting.
 *
 * Portable: the loader calls it on the file's bytes, the host tests on
 * strings; messages go through a callback so both can show or capture them.
 */
#ifndef BOOT_CONFIG_H
#define BOOT_CONFIG_H

#include <stddef.h>
#include <stdint.h>
#include <boot/bootinfo.h>

#define BOOTCONF_PATH     "\\EFI\\BOOT\\boot.conf"
#define BOOTCONF_PATH_MAX 128 /* kernel_path, initramfs (with the NUL) */

#define BOOTCONF_DEFAULT_STACK    0xFFFFFF0100000000ULL
#define BOOTCONF_DEFAULT_STACK_PG 512
#define BOOTCONF_DEFAULT_PHYS_OFF 0xFFFF800000000000ULL
#define BOOTCONF_DEFAULT_KERNEL   "\\KERNEL.ELF"
#define BOOTCONF_PHYS_ALIGN       0x200000ULL /* physical memory is mapped in 2 MiB pages */
#define BOOTCONF_UPPER_HALF       0xFFFF800000000000ULL
#define BOOTCONF_WRITTEN_MAX      32 /* bytes kept of a value as written, for warnings */

/* The keys, in the order of the parser's table (config.c). */
enum bootconf_key {
    BOOTCONF_KERNEL_STACK_ADDRESS,
    BOOTCONF_KERNEL_STACK_SIZE,
    BOOTCONF_PHYSICAL_MEMORY_OFFSET,
    BOOTCONF_KERNEL_PATH,
    BOOTCONF_KERNEL_STACK_AUTO_GROW,
    BOOTCONF_INITRAMFS,
    BOOTCONF_CMDLINE,
    BOOTCONF_LOAD_APPS,
    BOOTCONF_LOG_LEVEL,
    BOOTCONF_KEYS
};

struct boot_config {
    uint64_t kernel_stack_address;   /* lowest address of the stack region */
    uint64_t kernel_stack_size;      /* pages in the region */
    uint64_t physical_memory_offset; /* where physical memory is mapped */
    uint64_t kernel_stack_auto_grow; /* pages mapped at boot; 0 = all */
    char kernel_path[BOOTCONF_PATH_MAX];
    char initramfs[BOOTCONF_PATH_MAX]; /* "" = none */
    char cmdline[BOOT_CMDLINE_MAX];
    int load_apps;                 /* 0 or 1 */
    enum boot_log_level log_level; /* BOOT_LOG_* */
    /* Where each key was last set in boot.conf (0 = not set) and its value
     * as written there (cut short), for warnings about clashes found later. */
    unsigned line[BOOTCONF_KEYS];
    char written[BOOTCONF_KEYS][BOOTCONF_WRITTEN_MAX];
};

/* What bootconf_check_layout() checks the settings against. */
struct bootconf_layout {
    uint64_t kernel_start, kernel_end; /* the kernel image's pages: [start, end) */
    uint64_t phys_size;                /* bytes of physical memory to map (>= 4 GiB) */
    uint64_t free_pages;               /* free memory for the stack and its tables */
};

/* Receives every message the parser produces (one line, no newline). */
typedef void (*bootconf_log_fn)(void *ctx, enum boot_log_level level, const char *msg);

/* Fills in the documented defaults. */
void bootconf_defaults(struct boot_config *cfg);

/*
 * Parses boot.conf text[0..len) into cfg (defaults first). text == NULL means
 * the file does not exist: defaults and a warning.
 */
void bootconf_parse(struct boot_config *cfg, const char *text, size_t len, bootconf_log_fn log,
                    void *ctx);

/*
 * Checks the parsed settings against the kernel image and the memory:
 * kernel stack, physical memory map and kernel image must not overlap, and
 * the stack pages mapped at boot must fit in free memory. A clash is a
 * warning naming the line and the default, and the setting falls back:
 * the stack address or the physical memory offset (whichever boot.conf
 * set; the offset when both) to its default, a stack too big to map
 * whole to its top BOOTCONF_DEFAULT_STACK_PG pages (the kernel grows the
 * rest on demand). Returns 0, or -1 when even that does not fit.
 */
int bootconf_check_layout(struct boot_config *cfg, const struct bootconf_layout *layout,
                          bootconf_log_fn log, void *ctx);

/* Pages the loader maps for the kernel stack at boot (auto_grow, or all). */
uint64_t bootconf_boot_stack_pages(const struct boot_config *cfg);

/* "error", "warn", "info", "debug" or "trace". */
const char *bootconf_level_name(enum boot_log_level level);

#endif
