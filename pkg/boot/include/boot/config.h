/*
 * config.h - boot.conf, the loader's settings (Rust: crates/boot/src/config.rs).
 *
 * Same keys, defaults and meaning as the Rust loader. Unlike the Rust
 * parser, a value that does not parse is never silently read as 0: the
 * parser warns (naming the line) and keeps the key's default.
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

/* "error", "warn", "info", "debug" or "trace". */
const char *bootconf_level_name(enum boot_log_level level);

#endif
