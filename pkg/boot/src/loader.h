/*
 * loader.h - what the UEFI loader's files share (private to pkg/boot/src).
 *
 * The loader is built with gnu-efi and GNU_EFI_USE_MS_ABI: every UEFI
 * function pointer is declared ms_abi, so firmware services are called
 * directly (no uefi_call_wrapper), while our own functions stay SysV.
 */
#ifndef BOOT_LOADER_H
#define BOOT_LOADER_H

#include <efi.h>
#include <stdint.h>
#include <boot/bootinfo.h>
#include <boot/config.h>
#include <todo/todo.h>

#define PAGE_SIZE 4096ULL

/* Bytes to pages, rounding up. */
static inline uint64_t pages_for(uint64_t bytes)
{
    return (bytes + PAGE_SIZE - 1) / PAGE_SIZE;
}

/* main.c: the firmware handles we were started with. */
extern EFI_HANDLE efi_image;
extern EFI_SYSTEM_TABLE *efi_st;

/* log.c: console messages in the kernel's "[INFO ] msg" format. */
void log_set_level(enum boot_log_level max);
void log_msg(enum boot_log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_config(void *ctx, enum boot_log_level level, const char *msg);
void log_boot_services_exited(void);
const char *efi_status_text(EFI_STATUS status);
__attribute__((noreturn)) void halt_forever(void);
__attribute__((noreturn, format(printf, 1, 2))) void fatal(const char *fmt, ...);
#define log_info(...)  log_msg(BOOT_LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(BOOT_LOG_WARN, __VA_ARGS__)
#define log_debug(...) log_msg(BOOT_LOG_DEBUG, __VA_ARGS__)

/* A lab hole not filled in yet (docs/labs/README.md) says so, as the
 * kernel's LAB_TODO does: "[WARN ] TODO(lab 0x01): NAME is not implemented". */
#define LAB_TODO(lab, what) LAB_TODO_SAY(lab, what, log_warn)

/* allocator.c: physical pages from UEFI, as EfiLoaderData. */
uint64_t pages_alloc(uint64_t count);
void pages_free(uint64_t addr, uint64_t count);
uint64_t frame_alloc(void);
void frames_release_spare(void);

/* memmap.c: the firmware's memory map. */
struct memmap {
    uint8_t *buf;    /* descriptors, desc_size bytes apart */
    UINTN capacity;  /* bytes allocated for buf */
    UINTN size;      /* bytes filled in */
    UINTN key;       /* for ExitBootServices */
    UINTN desc_size; /* stride: may be larger than EFI_MEMORY_DESCRIPTOR */
    UINT32 desc_version;
};
EFI_STATUS memmap_get(struct memmap *map, UINTN slack);
EFI_STATUS memmap_refresh(struct memmap *map);
uint64_t memmap_count(const struct memmap *map);
const EFI_MEMORY_DESCRIPTOR *memmap_desc(const struct memmap *map, uint64_t i);
uint64_t memmap_highest_address(const struct memmap *map);
uint64_t memmap_free_pages(const struct memmap *map);
void memmap_to_bootinfo(const struct memmap *map, struct boot_info *bi);

/* fs.c: files on the volume the loader was started from. */
struct file_data {
    void *data;     /* in EfiLoaderData pages */
    uint64_t size;  /* bytes */
    uint64_t pages; /* allocated */
};
EFI_STATUS fs_init(void);
EFI_STATUS fs_read(const char *path, struct file_data *out);
void fs_load_apps(struct boot_info *bi, uint64_t physical_memory_offset);

/* paging.c: the kernel's page tables, built from scratch. */
#define PTE_PRESENT  (1ULL << 0)
#define PTE_WRITABLE (1ULL << 1)
#define PTE_HUGE     (1ULL << 7)
#define PTE_NX       (1ULL << 63)
#define PTE_ADDR     0x000FFFFFFFFFF000ULL /* physical address bits of an entry */
#define KERNEL_HALF  0xFFFF800000000000ULL /* first upper-half address */
uint64_t *pt_create_root(void);
int pt_map_4k(uint64_t *p4, uint64_t va, uint64_t pa, uint64_t flags);
uint64_t *pt_lookup_4k(uint64_t *p4, uint64_t va);
int pt_map_fresh(uint64_t *p4, uint64_t va, uint64_t pages, uint64_t flags);
int pt_map_physical(uint64_t *p4, uint64_t offset, uint64_t max_phys);
void cpu_enable_nx(void);

/* kernel.c: KERNEL.ELF into its own address space. */
uint64_t kernel_load(const struct boot_config *cfg, uint64_t *p4, struct boot_info *bi);
void kernel_map_segments(const char *path, const uint8_t *image, uint64_t *p4,
                         struct boot_info *bi);

/* handoff.c: leave UEFI and enter the kernel. */
__attribute__((noreturn)) void handoff(struct boot_info *bi, uint64_t *p4, uint64_t entry,
                                       uint64_t stack_top);

#endif
