/*
 * proc/elf_load.c - user ELF images (see elf_load.h).
 */
#include "proc/elf_load.h"

#include <stdbool.h>

#include "memory/address.h"
#include "memory/frames.h"
#include "utils/string.h"
#include "utils/todo.h"

#if YSOS_SOLVED >= 4
/* Leaf flags for a segment: user, W only if PF_W, NX unless PF_X. */
static uint64_t segment_flags(const Elf64_Phdr *ph)
{
    uint64_t flags = PTE_PRESENT | PTE_USER;

    if (ph->p_flags & PF_W)
        flags |= PTE_WRITABLE;
    if (!(ph->p_flags & PF_X))
        flags |= PTE_NX;
    return flags;
}

/* True when some page of the range is already mapped (two segments share a page). */
static bool any_mapped(pte_t *p4, struct elf_page_range r)
{
    for (uint64_t i = 0; i < r.count; i++)
        if (translate(p4, r.start + i * PAGE_SIZE, 0, 0))
            return true;
    return false;
}

/*
 * Copies len bytes to va in the address space p4 (not the live one) through
 * the physical-memory map; the pages are mapped, whatever their rights.
 */
static void copy_to_space(pte_t *p4, uint64_t va, const uint8_t *src, uint64_t len)
{
    while (len > 0) {
        uint64_t pa, chunk = PAGE_SIZE - (va & (PAGE_SIZE - 1));
        if (chunk > len)
            chunk = len;
        translate(p4, va, &pa, 0);
        memcpy(phys_to_virt(pa), src, chunk);
        va += chunk;
        src += chunk;
        len -= chunk;
    }
}

/* Maps and fills one segment; NULL or why it failed. */
static const char *load_segment(pte_t *p4, const uint8_t *image, const Elf64_Phdr *ph,
                                struct vm_code *code)
{
    struct elf_page_range r = elf_segment_pages(ph);

    if (any_mapped(p4, r))
        return "two segments share a page";
    if (map_range(p4, r.start, r.count, segment_flags(ph)) != 0)
        return "out of memory";
    copy_to_space(p4, ph->p_vaddr, image + ph->p_offset, ph->p_filesz);
    code->ranges[code->count++] = r;
    return NULL;
}
#else
static const char *load_segment(pte_t *p4, const uint8_t *image, const Elf64_Phdr *ph,
                                struct vm_code *code)
{
    /* TODO(lab 0x04): as the loader maps the kernel (pkg/boot/src/kernel.c):
     * map the segment's pages (elf_segment_pages()) in p4 with map_range(),
     * user-accessible, writable only with PF_W, no-execute unless PF_X; copy
     * its p_filesz bytes from the image (the rest stays zero) and note the
     * range in code->ranges. NULL, or why it failed.
     * Guide: 0x04 tasks.md "生成用户程序"; Rust: crates/elf/src/lib.rs load_elf(), load_segment()
     */
    (void)p4;
    (void)image;
    (void)ph;
    (void)code;
    LAB_TODO(4, "load_segment");
    return "load_segment is not implemented";
}
#endif

/* Frames every PT_LOAD segment needs (each range is inside the user half,
 * so the sum cannot overflow). */
static uint64_t image_pages(const void *image)
{
    uint64_t pages = 0;

    for (const Elf64_Phdr *ph = elf_first_load(image); ph; ph = elf_next_load(image, ph))
        pages += elf_segment_pages(ph).count;
    return pages;
}

int elf_load_user(pte_t *p4, const void *image, uint64_t size, struct vm_code *code,
                  uint64_t *entry, const char **why)
{
    int err;

    code->count = 0;
    if ((uintptr_t)image % 8 != 0) {
        *why = "image is not 8-byte aligned";
        return -1;
    }
    err = elf_validate(image, size, USER_IMAGE_LO, USER_IMAGE_HI);
    if (err != ELF_OK) {
        *why = elf_strerror(err);
        return -1;
    }
    if (elf_count_loads(image) > VM_CODE_MAX) {
        *why = "too many PT_LOAD segments";
        return -1;
    }
    /* A segment of 1 TiB would map all free memory before failing. */
    if (!frames_available(image_pages(image))) {
        *why = "out of memory";
        return -1;
    }
    for (const Elf64_Phdr *ph = elf_first_load(image); ph; ph = elf_next_load(image, ph)) {
        *why = load_segment(p4, image, ph, code);
        if (*why != NULL) {
            elf_unload_user(p4, code);
            return -1;
        }
    }
    *entry = elf_header(image)->e_entry;
    return 0;
}

uint64_t elf_unload_user(pte_t *p4, struct vm_code *code)
{
    uint64_t freed = 0;

    for (unsigned i = 0; i < code->count; i++)
        freed += unmap_range(p4, code->ranges[i].start, code->ranges[i].count, true);
    code->count = 0;
    return freed;
}

uint64_t vm_code_pages(const struct vm_code *code)
{
    uint64_t pages = 0;

    for (unsigned i = 0; i < code->count; i++)
        pages += code->ranges[i].count;
    return pages;
}
