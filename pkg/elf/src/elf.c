/*
 * elf.c - validate an ELF64 executable and walk its loadable segments.
 *
 * Loaders copy segment bytes straight out of the file buffer and map them
 * where p_vaddr says, so every offset, size and address is checked here,
 * once, with overflow-safe arithmetic: a corrupt or hostile file must be
 * rejected with a reason, never read out of bounds or mapped over the
 * kernel. Freestanding (no libc calls): built into the loader, the kernel
 * and the host tests.
 */
#include <stddef.h>
#include <elf/elf.h>

static const char *const reasons[] = {
    [ELF_OK] = "ok",
    [ELF_ERR_TOO_SMALL] = "file too small for an ELF header",
    [ELF_ERR_MAGIC] = "not an ELF file (bad magic)",
    [ELF_ERR_CLASS] = "not a 64-bit ELF file",
    [ELF_ERR_ENDIAN] = "not a little-endian ELF file",
    [ELF_ERR_VERSION] = "unknown ELF version",
    [ELF_ERR_TYPE] = "not an executable (e_type is not ET_EXEC)",
    [ELF_ERR_MACHINE] = "not an x86_64 ELF file",
    [ELF_ERR_PHENTSIZE] = "bad program header entry size",
    [ELF_ERR_PHDR_ALIGN] = "program header table is misaligned",
    [ELF_ERR_PHDR_RANGE] = "program header table lies outside the file",
    [ELF_ERR_SEG_FILE_RANGE] = "segment data lies outside the file",
    [ELF_ERR_SEG_FILESZ] = "segment file size exceeds its memory size",
    [ELF_ERR_SEG_OVERFLOW] = "segment address range overflows",
    [ELF_ERR_SEG_BOUNDS] = "segment lies outside the allowed address range",
    [ELF_ERR_NO_LOAD] = "no loadable segment",
    [ELF_ERR_ENTRY] = "entry point is not inside an executable segment",
};

const char *elf_strerror(int err)
{
    if (err < 0 || err >= (int)(sizeof(reasons) / sizeof(reasons[0])))
        return "unknown ELF error";
    return reasons[err];
}

const Elf64_Ehdr *elf_header(const void *image)
{
    return (const Elf64_Ehdr *)image;
}

/* Program header number i; the table's bounds were checked by the caller. */
static const Elf64_Phdr *phdr_at(const Elf64_Ehdr *eh, unsigned i)
{
    const unsigned char *base = (const unsigned char *)eh;
    return (const Elf64_Phdr *)(base + eh->e_phoff + (uint64_t)i * eh->e_phentsize);
}

/* a + b without wrapping past 2^64; returns 0 on overflow. */
static int add_ok(uint64_t a, uint64_t b, uint64_t *sum)
{
    *sum = a + b;
    return *sum >= a;
}

/* e_ident: magic, 64-bit, little-endian, version 1. */
static int check_ident(const Elf64_Ehdr *eh)
{
    const unsigned char *id = eh->e_ident;
    if (id[EI_MAG0] != ELFMAG0 || id[EI_MAG1] != ELFMAG1 || id[EI_MAG2] != ELFMAG2 ||
        id[EI_MAG3] != ELFMAG3)
        return ELF_ERR_MAGIC;
    if (id[EI_CLASS] != ELFCLASS64)
        return ELF_ERR_CLASS;
    if (id[EI_DATA] != ELFDATA2LSB)
        return ELF_ERR_ENDIAN;
    if (id[EI_VERSION] != EV_CURRENT)
        return ELF_ERR_VERSION;
    return ELF_OK;
}

/* Type, machine and the program header table's place in the file. */
static int check_header(const Elf64_Ehdr *eh, uint64_t size)
{
    uint64_t table_bytes = (uint64_t)eh->e_phnum * eh->e_phentsize;
    uint64_t table_end;

    if (eh->e_type != ET_EXEC)
        return ELF_ERR_TYPE;
    if (eh->e_machine != EM_X86_64)
        return ELF_ERR_MACHINE;
    if (eh->e_phentsize < sizeof(Elf64_Phdr) || eh->e_phentsize % 8 != 0)
        return ELF_ERR_PHENTSIZE;
    if (eh->e_phoff % 8 != 0)
        return ELF_ERR_PHDR_ALIGN;
    if (!add_ok(eh->e_phoff, table_bytes, &table_end) || table_end > size)
        return ELF_ERR_PHDR_RANGE;
    return ELF_OK;
}

/* One PT_LOAD: file bytes inside the file, memory inside [lo, hi). */
static int check_segment(const Elf64_Phdr *ph, uint64_t size, uint64_t lo, uint64_t hi)
{
    uint64_t file_end, mem_end, page_end;

    if (!add_ok(ph->p_offset, ph->p_filesz, &file_end) || file_end > size)
        return ELF_ERR_SEG_FILE_RANGE;
    if (ph->p_filesz > ph->p_memsz)
        return ELF_ERR_SEG_FILESZ;
    /* The page-rounded end must be representable too (elf_segment_pages). */
    if (!add_ok(ph->p_vaddr, ph->p_memsz, &mem_end) ||
        !add_ok(mem_end, ELF_PAGE_SIZE - 1, &page_end))
        return ELF_ERR_SEG_OVERFLOW;
    if (ph->p_vaddr < lo || mem_end > hi)
        return ELF_ERR_SEG_BOUNDS;
    return ELF_OK;
}

/* Does some executable PT_LOAD contain the entry point? */
static int entry_is_code(const void *image)
{
    uint64_t entry = elf_header(image)->e_entry;
    for (const Elf64_Phdr *ph = elf_first_load(image); ph; ph = elf_next_load(image, ph)) {
        if ((ph->p_flags & PF_X) && entry >= ph->p_vaddr && entry - ph->p_vaddr < ph->p_memsz)
            return 1;
    }
    return 0;
}

int elf_validate(const void *image, uint64_t size, uint64_t lo, uint64_t hi)
{
    const Elf64_Ehdr *eh = elf_header(image);
    int err;

    if (size < sizeof(Elf64_Ehdr))
        return ELF_ERR_TOO_SMALL;
    if ((err = check_ident(eh)) != ELF_OK || (err = check_header(eh, size)) != ELF_OK)
        return err;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const Elf64_Phdr *ph = phdr_at(eh, i);
        if (ph->p_type == PT_LOAD && (err = check_segment(ph, size, lo, hi)) != ELF_OK)
            return err;
    }
    if (elf_count_loads(image) == 0)
        return ELF_ERR_NO_LOAD;
    if (!entry_is_code(image))
        return ELF_ERR_ENTRY;
    return ELF_OK;
}

/* The first PT_LOAD at table index >= i, or NULL. */
static const Elf64_Phdr *load_from(const Elf64_Ehdr *eh, unsigned i)
{
    for (; i < eh->e_phnum; i++) {
        if (phdr_at(eh, i)->p_type == PT_LOAD)
            return phdr_at(eh, i);
    }
    return NULL;
}

const Elf64_Phdr *elf_first_load(const void *image)
{
    return load_from(elf_header(image), 0);
}

const Elf64_Phdr *elf_next_load(const void *image, const Elf64_Phdr *ph)
{
    const Elf64_Ehdr *eh = elf_header(image);
    uint64_t offset = (uint64_t)((const unsigned char *)ph - (const unsigned char *)image);
    unsigned index = (unsigned)((offset - eh->e_phoff) / eh->e_phentsize);
    return load_from(eh, index + 1);
}

unsigned elf_count_loads(const void *image)
{
    unsigned n = 0;
    for (const Elf64_Phdr *ph = elf_first_load(image); ph; ph = elf_next_load(image, ph))
        n++;
    return n;
}

struct elf_page_range elf_segment_pages(const Elf64_Phdr *ph)
{
    uint64_t first = ph->p_vaddr & ~(ELF_PAGE_SIZE - 1);
    uint64_t end = (ph->p_vaddr + ph->p_memsz + ELF_PAGE_SIZE - 1) & ~(ELF_PAGE_SIZE - 1);
    struct elf_page_range r = {first, (end - first) / ELF_PAGE_SIZE};
    return r;
}
