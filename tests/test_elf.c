/*
 * test_elf.c - host tests for pkg/elf: images are assembled in memory byte by
 * byte at the offsets the ELF64 spec gives (not through our structs, so the
 * struct layout is checked too), then broken one field at a time.
 */
#include <stdint.h>
#include <string.h>
#include "test.h"
#include <elf/elf.h>

#define IMAGE_SIZE  0x400
#define KERNEL_LO   0xFFFF800000000000ULL
#define KERNEL_HI   0xFFFFFFFFFFFFF000ULL
#define TEXT_VADDR  0xFFFFFFFF80000100ULL
#define DATA_VADDR  0xFFFFFFFF80002000ULL
#define PHDR_OFFSET 64
#define PHDR_SIZE   56

/* 8-byte aligned, as elf_validate requires. */
static uint64_t image_words[IMAGE_SIZE / 8];
static unsigned char *const image = (unsigned char *)image_words;

static void put(uint64_t offset, uint64_t value, int bytes)
{
    for (int i = 0; i < bytes; i++)
        image[offset + i] = (unsigned char)(value >> (8 * i));
}

/* Byte offset of field `field_offset` in program header number i. */
static uint64_t ph_field(int i, int field_offset)
{
    return PHDR_OFFSET + (uint64_t)i * PHDR_SIZE + field_offset;
}

static void put_phdr(int i, uint32_t type, uint32_t flags, uint64_t offset, uint64_t vaddr,
                     uint64_t filesz, uint64_t memsz)
{
    put(ph_field(i, 0), type, 4);
    put(ph_field(i, 4), flags, 4);
    put(ph_field(i, 8), offset, 8);
    put(ph_field(i, 16), vaddr, 8);
    put(ph_field(i, 24), vaddr, 8); /* p_paddr */
    put(ph_field(i, 32), filesz, 8);
    put(ph_field(i, 40), memsz, 8);
    put(ph_field(i, 48), 0x1000, 8);
}

/*
 * A valid kernel-like executable: text (R X) with the entry point, a
 * PT_GNU_STACK entry the iterators must skip, and data (R W) with .bss.
 */
static void build_good(void)
{
    memset(image, 0, IMAGE_SIZE);
    image[0] = 0x7f, image[1] = 'E', image[2] = 'L', image[3] = 'F';
    image[4] = 2;            /* ELFCLASS64 */
    image[5] = 1;            /* little-endian */
    image[6] = 1;            /* EV_CURRENT */
    put(16, 2, 2);           /* e_type = ET_EXEC */
    put(18, 62, 2);          /* e_machine = EM_X86_64 */
    put(20, 1, 4);           /* e_version */
    put(24, TEXT_VADDR, 8);  /* e_entry */
    put(32, PHDR_OFFSET, 8); /* e_phoff */
    put(52, 64, 2);          /* e_ehsize */
    put(54, PHDR_SIZE, 2);   /* e_phentsize */
    put(56, 3, 2);           /* e_phnum */
    put_phdr(0, PT_LOAD, PF_R | PF_X, 0x200, TEXT_VADDR, 0x100, 0x100);
    put_phdr(1, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
    put_phdr(2, PT_LOAD, PF_R | PF_W, 0x300, DATA_VADDR, 0x80, 0x3000);
}

static int validate(void)
{
    return elf_validate(image, IMAGE_SIZE, KERNEL_LO, KERNEL_HI);
}

TEST(good_image)
{
    build_good();
    CHECK_EQ(validate(), ELF_OK);
    CHECK_EQ(elf_header(image)->e_entry, TEXT_VADDR);
    CHECK_EQ(elf_header(image)->e_phnum, 3);
    CHECK_EQ(elf_count_loads(image), 2);
}

TEST(iterates_only_pt_load)
{
    build_good();
    const Elf64_Phdr *ph = elf_first_load(image);
    CHECK(ph != NULL);
    CHECK_EQ(ph->p_vaddr, TEXT_VADDR);
    CHECK_EQ(ph->p_flags, PF_R | PF_X);
    ph = elf_next_load(image, ph);
    CHECK(ph != NULL);
    CHECK_EQ(ph->p_vaddr, DATA_VADDR);
    CHECK_EQ(ph->p_memsz, 0x3000);
    CHECK(elf_next_load(image, ph) == NULL);
}

TEST(adjacent_loads_iterate)
{
    build_good();
    put_phdr(1, PT_LOAD, PF_R, 0x300, 0xFFFFFFFF80001000ULL, 0x10, 0x10); /* rodata */
    CHECK_EQ(validate(), ELF_OK);
    CHECK_EQ(elf_count_loads(image), 3);
    const Elf64_Phdr *ph = elf_first_load(image);
    CHECK_EQ(ph->p_vaddr, TEXT_VADDR);
    ph = elf_next_load(image, ph);
    CHECK_EQ(ph->p_vaddr, 0xFFFFFFFF80001000ULL);
    ph = elf_next_load(image, ph);
    CHECK_EQ(ph->p_vaddr, DATA_VADDR);
    CHECK(elf_next_load(image, ph) == NULL);
}

TEST(segment_page_ranges)
{
    build_good();
    const Elf64_Phdr *text = elf_first_load(image);
    struct elf_page_range r = elf_segment_pages(text);
    CHECK_EQ(r.start, 0xFFFFFFFF80000000ULL);
    CHECK_EQ(r.count, 1);
    r = elf_segment_pages(elf_next_load(image, text));
    CHECK_EQ(r.start, DATA_VADDR);
    CHECK_EQ(r.count, 3);

    /* 0x20 bytes straddling a page boundary touch two pages. */
    Elf64_Phdr straddle = {.p_type = PT_LOAD, .p_vaddr = 0x1ff0, .p_memsz = 0x20};
    r = elf_segment_pages(&straddle);
    CHECK_EQ(r.start, 0x1000);
    CHECK_EQ(r.count, 2);
}

TEST(too_small)
{
    build_good();
    CHECK_EQ(elf_validate(image, 63, KERNEL_LO, KERNEL_HI), ELF_ERR_TOO_SMALL);
}

TEST(bad_magic)
{
    build_good();
    image[1] = 'X';
    CHECK_EQ(validate(), ELF_ERR_MAGIC);
}

TEST(elf32_rejected)
{
    build_good();
    image[4] = 1; /* ELFCLASS32 */
    CHECK_EQ(validate(), ELF_ERR_CLASS);
}

TEST(big_endian_rejected)
{
    build_good();
    image[5] = 2;
    CHECK_EQ(validate(), ELF_ERR_ENDIAN);
}

TEST(bad_version)
{
    build_good();
    image[6] = 0;
    CHECK_EQ(validate(), ELF_ERR_VERSION);
}

TEST(not_executable)
{
    build_good();
    put(16, 3, 2); /* ET_DYN */
    CHECK_EQ(validate(), ELF_ERR_TYPE);
}

TEST(wrong_machine)
{
    build_good();
    put(18, 3, 2); /* EM_386 */
    CHECK_EQ(validate(), ELF_ERR_MACHINE);
}

TEST(bad_phentsize)
{
    build_good();
    put(54, 32, 2);
    CHECK_EQ(validate(), ELF_ERR_PHENTSIZE);
}

TEST(misaligned_phdrs)
{
    build_good();
    put(32, PHDR_OFFSET + 4, 8);
    CHECK_EQ(validate(), ELF_ERR_PHDR_ALIGN);
}

TEST(phdr_table_past_end)
{
    build_good();
    put(32, IMAGE_SIZE - 2 * PHDR_SIZE, 8); /* 3 entries, room for 2 */
    CHECK_EQ(validate(), ELF_ERR_PHDR_RANGE);
    put(32, 0xFFFFFFFFFFFFFFF8ULL, 8); /* offset + table size wraps */
    CHECK_EQ(validate(), ELF_ERR_PHDR_RANGE);
    build_good();
    put(56, 0xFFFF, 2); /* far too many entries */
    CHECK_EQ(validate(), ELF_ERR_PHDR_RANGE);
}

TEST(segment_past_end)
{
    build_good();
    put(ph_field(2, 32), IMAGE_SIZE - 0x300 + 1, 8); /* one byte too many */
    put(ph_field(2, 40), 0x3000, 8);
    CHECK_EQ(validate(), ELF_ERR_SEG_FILE_RANGE);
    build_good();
    put(ph_field(2, 8), 0xFFFFFFFFFFFFFFF0ULL, 8); /* offset + filesz wraps */
    CHECK_EQ(validate(), ELF_ERR_SEG_FILE_RANGE);
}

TEST(segment_ending_at_file_end_ok)
{
    build_good();
    put(ph_field(2, 32), IMAGE_SIZE - 0x300, 8);
    CHECK_EQ(validate(), ELF_OK);
}

TEST(filesz_exceeds_memsz)
{
    build_good();
    put(ph_field(0, 40), 0xff, 8); /* text memsz < filesz 0x100 */
    CHECK_EQ(validate(), ELF_ERR_SEG_FILESZ);
}

TEST(address_overflow)
{
    build_good();
    put(ph_field(2, 16), 0xFFFFFFFFFFFFF000ULL, 8);
    put(ph_field(2, 40), 0x2000, 8); /* vaddr + memsz wraps */
    CHECK_EQ(validate(), ELF_ERR_SEG_OVERFLOW);
    put(ph_field(2, 16), 0xFFFFFFFFFFFFFF00ULL, 8);
    put(ph_field(2, 40), 0x80, 8); /* fits, but its page end wraps */
    CHECK_EQ(validate(), ELF_ERR_SEG_OVERFLOW);
}

TEST(segment_outside_bounds)
{
    build_good();
    /* User-half bounds: the kernel's segments are all outside. */
    CHECK_EQ(elf_validate(image, IMAGE_SIZE, 0x1000, 0x800000000000ULL), ELF_ERR_SEG_BOUNDS);
    /* Upper bound is exclusive: data ends at DATA_VADDR + 0x3000. */
    CHECK_EQ(elf_validate(image, IMAGE_SIZE, KERNEL_LO, DATA_VADDR + 0x3000), ELF_OK);
    CHECK_EQ(elf_validate(image, IMAGE_SIZE, KERNEL_LO, DATA_VADDR + 0x2fff), ELF_ERR_SEG_BOUNDS);
    /* Lower bound is inclusive: text starts at TEXT_VADDR. */
    CHECK_EQ(elf_validate(image, IMAGE_SIZE, TEXT_VADDR, KERNEL_HI), ELF_OK);
    CHECK_EQ(elf_validate(image, IMAGE_SIZE, TEXT_VADDR + 1, KERNEL_HI), ELF_ERR_SEG_BOUNDS);
}

TEST(no_loadable_segment)
{
    build_good();
    put(ph_field(0, 0), PT_NOTE, 4);
    put(ph_field(2, 0), PT_NOTE, 4);
    CHECK_EQ(validate(), ELF_ERR_NO_LOAD);
}

TEST(entry_outside_code)
{
    build_good();
    put(24, DATA_VADDR, 8); /* in a mapped but non-executable segment */
    CHECK_EQ(validate(), ELF_ERR_ENTRY);
    put(24, TEXT_VADDR + 0x100, 8); /* one past the end of text */
    CHECK_EQ(validate(), ELF_ERR_ENTRY);
    put(24, TEXT_VADDR + 0xff, 8); /* last byte of text */
    CHECK_EQ(validate(), ELF_OK);
}

TEST(strerror_names_every_error)
{
    for (int err = ELF_ERR_TOO_SMALL; err <= ELF_ERR_ENTRY; err++) {
        CHECK(strcmp(elf_strerror(err), "unknown ELF error") != 0);
        CHECK(strcmp(elf_strerror(err), elf_strerror(err - 1)) != 0);
    }
    CHECK(strcmp(elf_strerror(ELF_ERR_ENTRY + 1), "unknown ELF error") == 0);
    CHECK(strcmp(elf_strerror(-1), "unknown ELF error") == 0);
    CHECK(strcmp(elf_strerror(ELF_ERR_MAGIC), "not an ELF file (bad magic)") == 0);
}

int main(void)
{
    RUN(good_image);
    RUN(iterates_only_pt_load);
    RUN(adjacent_loads_iterate);
    RUN(segment_page_ranges);
    RUN(too_small);
    RUN(bad_magic);
    RUN(elf32_rejected);
    RUN(big_endian_rejected);
    RUN(bad_version);
    RUN(not_executable);
    RUN(wrong_machine);
    RUN(bad_phentsize);
    RUN(misaligned_phdrs);
    RUN(phdr_table_past_end);
    RUN(segment_past_end);
    RUN(segment_ending_at_file_end_ok);
    RUN(filesz_exceeds_memsz);
    RUN(address_overflow);
    RUN(segment_outside_bounds);
    RUN(no_loadable_segment);
    RUN(entry_outside_code);
    RUN(strerror_names_every_error);
    return test_summary();
}
