/*
 * main.c - the YSOS-C UEFI loader (Rust: crates/boot/src/main.rs).
 *
 *   1. read \EFI\BOOT\boot.conf
 *   2. build fresh page tables and load KERNEL.ELF into them
 *   3. check the settings against the kernel and the memory (a clash is a
 *      warning and a default, as for a bad value)
 *   4. load \APP\* into memory (load_apps=1)
 *   5. map the kernel stack and all physical memory
 *   6. fill boot_info, exit boot services, jump to the kernel
 *
 * Any failure is one [ERROR] line and a halt, never a return to the firmware.
 */
#include "loader.h"

#define HUGE_2M      (2ULL << 20)
#define MIN_PHYS_MAP 0x100000000ULL /* 4 GiB: the IOAPIC and LAPIC live below it */
#define TABLE_SLACK  8              /* frames for the stack's upper-level tables */

EFI_HANDLE efi_image;
EFI_SYSTEM_TABLE *efi_st;

/* boot.conf into cfg; a missing or unreadable file means the defaults. */
static void read_config(struct boot_config *cfg)
{
#if YSOS_SOLVED >= 1
    struct file_data file;
    EFI_STATUS status = fs_read(BOOTCONF_PATH, &file);

    if (status == EFI_NOT_FOUND) {
        bootconf_parse(cfg, NULL, 0, log_config, NULL);
    } else if (EFI_ERROR(status)) {
        log_warn("cannot read boot.conf: %s, using defaults", efi_status_text(status));
        bootconf_defaults(cfg);
    } else {
        bootconf_parse(cfg, file.data, file.size, log_config, NULL);
        pages_free((uint64_t)file.data, file.pages);
    }
#else
    /* TODO(lab 0x01): load the config file BOOTCONF_PATH (fs_read) and parse
     * it as a boot_config (bootconf_parse, messages to log_config). Until
     * then the defaults are used.
     * Guide: 0x01 tasks.md "加载相关文件"; Rust: crates/boot/src/main.rs efi_main */
    LAB_TODO(1, "read_config");
    bootconf_defaults(cfg);
#endif
}

/* The settings check_layout() may change, as the kernel gets them. */
static void set_boot_info_layout(struct boot_info *bi, const struct boot_config *cfg)
{
    bi->physical_memory_offset = cfg->physical_memory_offset;
    bi->kernel_stack_address = cfg->kernel_stack_address;
    bi->kernel_stack_size = cfg->kernel_stack_size;
    bi->kernel_stack_auto_grow = cfg->kernel_stack_auto_grow;
}

/* boot_info in its own pages, with everything known before the exit. */
static struct boot_info *create_boot_info(const struct boot_config *cfg)
{
    struct boot_info *bi = (struct boot_info *)pages_alloc(pages_for(sizeof(*bi)));
    if (!bi)
        fatal("out of memory for boot_info");
    bi->magic = BOOTINFO_MAGIC;
    bi->system_table = (uint64_t)efi_st;
    bi->log_level = cfg->log_level;
    set_boot_info_layout(bi, cfg);
    __builtin_memcpy(bi->cmdline, cfg->cmdline, sizeof(bi->cmdline));
    return bi;
}

/* Bytes of physical memory mapped at physical_memory_offset: all of it, at least 4 GiB. */
static uint64_t phys_map_size(const struct memmap *map)
{
    uint64_t highest = memmap_highest_address(map);

    return highest > MIN_PHYS_MAP ? highest : MIN_PHYS_MAP;
}

/*
 * Kernel image, kernel stack and physical memory map must not overlap, and
 * the stack must fit in memory: boot.conf alone cannot tell, so this runs
 * once the kernel is loaded. Clashing settings fall back to defaults with a
 * warning (config.c); only a kernel that clashes with the defaults stops us.
 */
static void check_layout(struct boot_config *cfg, struct boot_info *bi)
{
    struct bootconf_layout layout = {.kernel_start = UINT64_MAX, .kernel_end = 0};
    struct memmap map;
    EFI_STATUS status = memmap_get(&map, 0);

    if (EFI_ERROR(status))
        fatal("cannot read the memory map: %s", efi_status_text(status));
    for (uint64_t i = 0; i < bi->kernel_pages_len; i++) {
        uint64_t start = bi->kernel_pages[i].start;
        uint64_t end = start + bi->kernel_pages[i].count * PAGE_SIZE;
        layout.kernel_start = start < layout.kernel_start ? start : layout.kernel_start;
        layout.kernel_end = end > layout.kernel_end ? end : layout.kernel_end;
    }
    if (layout.kernel_end == 0)
        layout.kernel_start = 0;
    layout.phys_size = phys_map_size(&map);
    layout.free_pages = memmap_free_pages(&map);
    pages_free((uint64_t)map.buf, pages_for(map.capacity));
    if (bootconf_check_layout(cfg, &layout, log_config, NULL) != 0)
        fatal("the kernel stack (%llu pages at 0x%llx) and physical memory (at 0x%llx) do not "
              "fit around the kernel [0x%llx -> 0x%llx) in %llu free pages",
              (unsigned long long)bootconf_boot_stack_pages(cfg),
              (unsigned long long)cfg->kernel_stack_address,
              (unsigned long long)cfg->physical_memory_offset,
              (unsigned long long)layout.kernel_start, (unsigned long long)layout.kernel_end,
              (unsigned long long)layout.free_pages);
    set_boot_info_layout(bi, cfg);
}

/*
 * The top kernel_stack_auto_grow pages of the stack region (all of it when
 * 0). Checked against free memory first: mapping 4 GiB of stack in 96 MiB
 * would otherwise end in a confusing allocation failure deep inside.
 */
static void map_kernel_stack(const struct boot_config *cfg, uint64_t *p4, uint64_t free_pages)
{
    uint64_t pages = bootconf_boot_stack_pages(cfg);
    uint64_t start = cfg->kernel_stack_address + (cfg->kernel_stack_size - pages) * PAGE_SIZE;
    uint64_t tables = pages / 512 + TABLE_SLACK;

    if (cfg->kernel_stack_address < KERNEL_HALF)
        fatal("kernel_stack_address 0x%llx is not in the upper half",
              (unsigned long long)cfg->kernel_stack_address);
    if (pages + tables > free_pages)
        fatal("kernel stack of %llu pages does not fit in memory (%llu pages free); "
              "set kernel_stack_auto_grow",
              (unsigned long long)pages, (unsigned long long)free_pages);
    log_info("Kernel init stack: [0x%llx -> 0x%llx)", (unsigned long long)start,
             (unsigned long long)(start + pages * PAGE_SIZE));
#if YSOS_SOLVED >= 1
    if (pt_map_fresh(p4, start, pages, PTE_WRITABLE | PTE_NX) != 0)
        fatal("cannot map the kernel stack at 0x%llx: out of memory or overlapping the kernel",
              (unsigned long long)start);
#else
    /* TODO(lab 0x01): map kernel stack: `pages` fresh frames at `start`,
     * writable and not executable (pt_map_fresh); the kernel cannot run
     * without it. Guide: 0x01 tasks.md "映射内核文件"; Rust: crates/boot/src/main.rs efi_main */
    (void)p4;
    LAB_TODO(1, "map_kernel_stack");
    fatal("kernel stack at 0x%llx not mapped yet", (unsigned long long)start);
#endif
}

/* All physical memory (at least 4 GiB) at physical_memory_offset. */
static void map_physical_memory(const struct boot_config *cfg, uint64_t *p4, uint64_t size)
{
    uint64_t offset = cfg->physical_memory_offset;

    if (offset < KERNEL_HALF || offset % HUGE_2M != 0)
        fatal("physical_memory_offset 0x%llx must be 2 MiB aligned and in the upper half",
              (unsigned long long)offset);
#if YSOS_SOLVED >= 1
    if (pt_map_physical(p4, offset, size) != 0)
        fatal("cannot map physical memory at 0x%llx: out of memory or overlapping",
              (unsigned long long)offset);
    log_info("Physical memory [0x0 -> 0x%llx) mapped at 0x%llx", (unsigned long long)size,
             (unsigned long long)offset);
#else
    /* TODO(lab 0x01): map physical memory [0, size) to virtual address
     * offset (pt_map_physical, 2 MiB pages). A lab 0x01 kernel boots
     * without it; from lab 0x02 on the kernel needs it.
     * Guide: 0x01 tasks.md "映射内核文件"; Rust: crates/boot/src/main.rs efi_main */
    (void)p4;
    (void)size;
    LAB_TODO(1, "map_physical_memory");
#endif
}

/* Stack and physical memory, sized from the firmware's memory map. */
static void map_memory(const struct boot_config *cfg, uint64_t *p4)
{
    struct memmap map;
    EFI_STATUS status = memmap_get(&map, 0);

    if (EFI_ERROR(status))
        fatal("cannot read the memory map: %s", efi_status_text(status));
    map_kernel_stack(cfg, p4, memmap_free_pages(&map));
    map_physical_memory(cfg, p4, phys_map_size(&map));
    pages_free((uint64_t)map.buf, pages_for(map.capacity));
}

/* Called by gnu-efi's crt0 (SysV ABI) after relocating the image. */
EFI_STATUS efi_main(EFI_HANDLE image, EFI_SYSTEM_TABLE *system_table)
{
    struct boot_config cfg;

    efi_image = image;
    efi_st = system_table;
    efi_st->BootServices->SetWatchdogTimer(0, 0, 0, NULL); /* no reset after 5 minutes */
    log_info("Running UEFI bootloader...");

    EFI_STATUS status = fs_init();
    if (EFI_ERROR(status))
        fatal("cannot open the boot volume: %s", efi_status_text(status));
    read_config(&cfg);
    log_set_level(cfg.log_level > BOOT_LOG_INFO ? cfg.log_level : BOOT_LOG_INFO);

    struct boot_info *bi = create_boot_info(&cfg);
    uint64_t *p4 = pt_create_root();
    if (!p4)
        fatal("out of memory for page tables");
    uint64_t entry = kernel_load(&cfg, p4, bi);
    check_layout(&cfg, bi);

    if (cfg.load_apps)
        fs_load_apps(bi, cfg.physical_memory_offset);
    else
        log_info("Skip loading apps");

    map_memory(&cfg, p4);
    cpu_enable_nx();
    handoff(bi, p4, entry, cfg.kernel_stack_address + cfg.kernel_stack_size * PAGE_SIZE - 8);
}
