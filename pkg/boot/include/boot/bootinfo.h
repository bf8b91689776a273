/*
 * bootinfo.h - what the UEFI loader hands to the kernel (Rust: boot/src/lib.rs).
 *
 * The loader fills one `struct boot_info`, exits boot services and jumps to the
 * kernel entry `void kernel_main(const struct boot_info *bi)` with
 *   rdi = &boot_info (a virtual address inside the physical-memory map),
 *   rsp = kernel stack top - 8.
 * Every address field below that points at memory is a virtual address in the
 * physical-memory map (physical + physical_memory_offset), except
 * `system_table`, which is the physical address UEFI gave us (runtime services
 * stay reachable through the firmware's identity map, P4 entry 0).
 *
 * Plain fixed-size C types only: this header is shared by the loader (gnu-efi,
 * MS ABI entry) and the kernel (freestanding SysV), and compiles on the host.
 */
#ifndef BOOT_BOOTINFO_H
#define BOOT_BOOTINFO_H

#include <stdint.h>

#define BOOTINFO_MAGIC         0x4f464e49544f4f42ULL /* "BOOTINFO" */
#define BOOT_MAX_MEMORY_DESCS  256
#define BOOT_MAX_KERNEL_RANGES 8
#define BOOT_MAX_APPS          16
#define BOOT_APP_NAME_MAX      16
#define BOOT_CMDLINE_MAX       256

/* UEFI memory types (EFI_MEMORY_TYPE) the kernel cares about. */
#define BOOT_MEM_LOADER_CODE  1
#define BOOT_MEM_LOADER_DATA  2
#define BOOT_MEM_BS_CODE      3
#define BOOT_MEM_BS_DATA      4
#define BOOT_MEM_RT_CODE      5
#define BOOT_MEM_RT_DATA      6
#define BOOT_MEM_CONVENTIONAL 7

/* Log levels, in boot.conf spelling: error|warn|info|debug|trace. */
enum boot_log_level {
    BOOT_LOG_ERROR = 1,
    BOOT_LOG_WARN = 2,
    BOOT_LOG_INFO = 3,
    BOOT_LOG_DEBUG = 4,
    BOOT_LOG_TRACE = 5,
};

/* Same layout as EFI_MEMORY_DESCRIPTOR (40 bytes), copied out of the firmware map. */
struct boot_memory_desc {
    uint32_t type; /* BOOT_MEM_* */
    uint32_t pad;
    uint64_t phys_start;
    uint64_t virt_start;
    uint64_t page_count; /* 4 KiB pages */
    uint64_t attribute;
};

/* A run of 4 KiB virtual pages: [start, start + count * 4096). */
struct boot_page_range {
    uint64_t start;
    uint64_t count;
};

/* An ELF file the loader read from \APP\ into memory (load_apps=1). */
struct boot_app {
    char name[BOOT_APP_NAME_MAX + 1]; /* NUL-terminated file name, as on disk */
    uint64_t elf;                     /* virtual address of the file's bytes */
    uint64_t size;                    /* bytes */
};

struct boot_info {
    uint64_t magic; /* BOOTINFO_MAGIC */

    uint64_t memory_map_len;
    struct boot_memory_desc memory_map[BOOT_MAX_MEMORY_DESCS];

    uint64_t physical_memory_offset;
    uint64_t system_table; /* EFI_SYSTEM_TABLE *, physical */

    /* Pages of the kernel's PT_LOAD segments (Rust: KernelPages). */
    uint64_t kernel_pages_len;
    struct boot_page_range kernel_pages[BOOT_MAX_KERNEL_RANGES];

    /* Apps loaded by the loader; apps_loaded = 0 when load_apps=0 (Rust: None). */
    uint32_t apps_loaded;
    uint32_t loaded_apps_len;
    struct boot_app loaded_apps[BOOT_MAX_APPS];

    uint32_t log_level; /* enum boot_log_level */
    uint32_t pad;

    /* Kernel stack settings from boot.conf. */
    uint64_t kernel_stack_address;   /* lowest address of the stack region */
    uint64_t kernel_stack_size;      /* pages in the whole region */
    uint64_t kernel_stack_auto_grow; /* pages mapped at the top; 0 = all mapped */

    char cmdline[BOOT_CMDLINE_MAX];
};

#endif
