/*
 * kernel.c - load KERNEL.ELF into the new address space (Rust: map_elf /
 * load_segment in crates/elf, called from crates/boot/src/main.rs).
 *
 * Each PT_LOAD gets fresh frames (never the file buffer itself, which is
 * freed afterwards), mapped with the segment's own rights: writable only
 * with PF_W, no-execute unless PF_X. Frames start zeroed, so copying the
 * file bytes is all it takes to also clear .bss.
 *
 * Any problem prints one "cannot load kernel 'PATH': REASON" line and
 * halts: the grader looks for exactly that.
 */
#include <elf/elf.h>
#include "loader.h"

#define KERNEL_SPACE_LO KERNEL_HALF
#define KERNEL_SPACE_HI 0xFFFFFFFFFFFFF000ULL

/* The page-table rights of a segment's pages, from its p_flags. */
static uint64_t page_flags(const Elf64_Phdr *ph)
{
#if YSOS_SOLVED >= 1
    uint64_t flags = PTE_PRESENT;
    if (ph->p_flags & PF_W)
        flags |= PTE_WRITABLE;
    if (!(ph->p_flags & PF_X))
        flags |= PTE_NX;
    return flags;
#else
    /* TODO(lab 0x01): handle page table flags with segment flags: writable
     * only for a PF_W segment, no-execute (PTE_NX) unless PF_X. Until then
     * every page is writable and executable.
     * Guide: 0x01 tasks.md "映射内核文件"; Rust: crates/elf/src/lib.rs load_segment */
    (void)ph;
    LAB_TODO(1, "page_flags");
    return PTE_PRESENT | PTE_WRITABLE;
#endif
}

/*
 * The frame behind page va. Two segments may share a page at their border:
 * then the earlier one's frame is reused and its rights widened to cover
 * both. Returns 0 when out of memory.
 */
static uint64_t frame_for_page(uint64_t *p4, uint64_t va, uint64_t flags)
{
    uint64_t *pte = pt_lookup_4k(p4, va);
    uint64_t frame;

    if (pte) {
        *pte |= flags & PTE_WRITABLE;
        if (!(flags & PTE_NX))
            *pte &= ~PTE_NX;
        return *pte & PTE_ADDR;
    }
    frame = frame_alloc();
    if (!frame || pt_map_4k(p4, va, frame, flags) != 0)
        return 0;
    return frame;
}

/* Copies the part of the segment's file bytes that lands in page va. */
static void copy_into_page(const uint8_t *image, const Elf64_Phdr *ph, uint64_t va, uint64_t frame)
{
    uint64_t start = va > ph->p_vaddr ? va : ph->p_vaddr;
    uint64_t file_end = ph->p_vaddr + ph->p_filesz;
    uint64_t end = va + PAGE_SIZE < file_end ? va + PAGE_SIZE : file_end;

    if (start < end)
        __builtin_memcpy((void *)(frame + (start - va)),
                         image + ph->p_offset + (start - ph->p_vaddr), end - start);
}

static int map_segment(uint64_t *p4, const uint8_t *image, const Elf64_Phdr *ph,
                       struct elf_page_range pages)
{
    for (uint64_t i = 0; i < pages.count; i++) {
        uint64_t va = pages.start + i * PAGE_SIZE;
        uint64_t frame = frame_for_page(p4, va, page_flags(ph));
        if (!frame)
            return -1;
        copy_into_page(image, ph, va, frame);
    }
    return 0;
}

/* Maps every PT_LOAD of the kernel image (Rust: elf::load_elf). */
void kernel_map_segments(const char *path, const uint8_t *image, uint64_t *p4, struct boot_info *bi)
{
    for (const Elf64_Phdr *ph = elf_first_load(image); ph; ph = elf_next_load(image, ph)) {
        struct elf_page_range pages = elf_segment_pages(ph);
        if (pages.count == 0)
            continue;
        if (map_segment(p4, image, ph, pages) != 0)
            fatal("cannot load kernel '%s': cannot map segment at 0x%llx (out of memory)", path,
                  (unsigned long long)ph->p_vaddr);
        log_debug("kernel segment [0x%llx -> 0x%llx) %c%c%c", (unsigned long long)pages.start,
                  (unsigned long long)(pages.start + pages.count * PAGE_SIZE),
                  ph->p_flags & PF_R ? 'r' : '-', ph->p_flags & PF_W ? 'w' : '-',
                  ph->p_flags & PF_X ? 'x' : '-');
        bi->kernel_pages[bi->kernel_pages_len++] =
            (struct boot_page_range){.start = pages.start, .count = pages.count};
    }
}

/* Reads the kernel file into `file` and checks it is an ELF we can load. */
static void read_kernel(const char *path, struct file_data *file)
{
#if YSOS_SOLVED >= 1
    EFI_STATUS status = fs_read(path, file);
    int err;

    if (EFI_ERROR(status))
        fatal("cannot load kernel '%s': %s", path, efi_status_text(status));
    err = elf_validate(file->data, file->size, KERNEL_SPACE_LO, KERNEL_SPACE_HI);
    if (err != ELF_OK)
        fatal("cannot load kernel '%s': %s", path, elf_strerror(err));
#else
    /* TODO(lab 0x01): load the kernel ELF file: read `path` from the boot
     * volume (fs_read) and check it is an ELF file (elf_validate).
     * Guide: 0x01 tasks.md "加载相关文件"; Rust: crates/boot/src/main.rs efi_main */
    (void)file;
    LAB_TODO(1, "read_kernel");
    fatal("cannot load kernel '%s': not read yet", path);
#endif
}

/* Reads, checks and maps the kernel; returns its entry point. */
uint64_t kernel_load(const struct boot_config *cfg, uint64_t *p4, struct boot_info *bi)
{
    const char *path = cfg->kernel_path;
    struct file_data file;

    read_kernel(path, &file);
    if (elf_count_loads(file.data) > BOOT_MAX_KERNEL_RANGES)
        fatal("cannot load kernel '%s': %u loadable segments, at most %d", path,
              elf_count_loads(file.data), BOOT_MAX_KERNEL_RANGES);

#if YSOS_SOLVED >= 1
    kernel_map_segments(path, file.data, p4, bi);
#else
    /* TODO(lab 0x01): load and map the kernel ELF file into p4
     * (kernel_map_segments). Guide: 0x01 tasks.md "映射内核文件";
     * Rust: crates/boot/src/main.rs efi_main */
    (void)p4;
    (void)bi;
    LAB_TODO(1, "kernel_load");
    fatal("cannot load kernel '%s': segments not mapped yet", path);
#endif
    uint64_t entry = elf_header(file.data)->e_entry;
    log_info("Kernel loaded: %llu bytes, entry 0x%llx", (unsigned long long)file.size,
             (unsigned long long)entry);
    pages_free((uint64_t)file.data, file.pages);
    return entry;
}
