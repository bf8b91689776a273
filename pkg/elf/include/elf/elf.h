/*
 * elf.h - checking and walking ELF64 x86_64 executables (Rust: crates/elf).
 *
 * The loader uses this for KERNEL.ELF and the kernel for user programs, so
 * nothing here allocates, maps or prints: elf_validate() checks every field
 * the loaders will trust, against address bounds the caller chooses (upper
 * half for the kernel, user half for apps). After it returns ELF_OK the
 * iterators and range helpers below may be used without further checks.
 */
#ifndef ELF_ELF_H
#define ELF_ELF_H

#include <stdint.h>
#include <elf/elf64.h>

#define ELF_PAGE_SIZE 4096ULL

/* Why an image was rejected; elf_strerror() gives the human reason. */
enum elf_error {
    ELF_OK = 0,
    ELF_ERR_TOO_SMALL,
    ELF_ERR_MAGIC,
    ELF_ERR_CLASS,
    ELF_ERR_ENDIAN,
    ELF_ERR_VERSION,
    ELF_ERR_TYPE,
    ELF_ERR_MACHINE,
    ELF_ERR_PHENTSIZE,
    ELF_ERR_PHDR_ALIGN,
    ELF_ERR_PHDR_RANGE,
    ELF_ERR_SEG_FILE_RANGE,
    ELF_ERR_SEG_FILESZ,
    ELF_ERR_SEG_OVERFLOW,
    ELF_ERR_SEG_BOUNDS,
    ELF_ERR_NO_LOAD,
    ELF_ERR_ENTRY,
};

/* A run of 4 KiB pages: [start, start + count * ELF_PAGE_SIZE). */
struct elf_page_range {
    uint64_t start;
    uint64_t count;
};

/*
 * Check that image[0..size) is a little-endian x86_64 ET_EXEC whose headers
 * and PT_LOAD segments lie inside the file and whose segments all fit in the
 * virtual range [lo, hi). `image` must be 8-byte aligned.
 * Returns ELF_OK or an enum elf_error.
 */
int elf_validate(const void *image, uint64_t size, uint64_t lo, uint64_t hi);

/* A one-line reason for an elf_validate() result. */
const char *elf_strerror(int err);

/* The file header of a validated image. */
const Elf64_Ehdr *elf_header(const void *image);

/*
 * PT_LOAD iteration over a validated image:
 *   for (ph = elf_first_load(img); ph; ph = elf_next_load(img, ph)) ...
 */
const Elf64_Phdr *elf_first_load(const void *image);
const Elf64_Phdr *elf_next_load(const void *image, const Elf64_Phdr *ph);

/* Number of PT_LOAD segments in a validated image. */
unsigned elf_count_loads(const void *image);

/* The pages a segment's memory [p_vaddr, p_vaddr + p_memsz) touches. */
struct elf_page_range elf_segment_pages(const Elf64_Phdr *ph);

#endif
