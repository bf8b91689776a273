/*
 * elf64.h - the parts of the ELF64 format (System V gABI + x86_64 psABI)
 * that YSOS-C needs to load executables: the file header, the program
 * headers and their constants. Section headers are never needed to load a
 * program, so they are left out.
 *
 * Plain fixed-size types: shared by the loader, the kernel and host tests.
 */
#ifndef ELF_ELF64_H
#define ELF_ELF64_H

#include <stdint.h>

/* e_ident[] indexes and the values an x86_64 executable must have. */
#define EI_MAG0     0
#define EI_MAG1     1
#define EI_MAG2     2
#define EI_MAG3     3
#define EI_CLASS    4
#define EI_DATA     5
#define EI_VERSION  6
#define EI_NIDENT   16
#define ELFMAG0     0x7f
#define ELFMAG1     'E'
#define ELFMAG2     'L'
#define ELFMAG3     'F'
#define ELFCLASS32  1
#define ELFCLASS64  2
#define ELFDATA2LSB 1
#define ELFDATA2MSB 2
#define EV_CURRENT  1

/* e_type */
#define ET_REL  1
#define ET_EXEC 2
#define ET_DYN  3

/* e_machine */
#define EM_386    3
#define EM_X86_64 62

/* p_type */
#define PT_NULL      0
#define PT_LOAD      1
#define PT_DYNAMIC   2
#define PT_INTERP    3
#define PT_NOTE      4
#define PT_PHDR      6
#define PT_TLS       7
#define PT_GNU_STACK 0x6474e551

/* p_flags */
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

typedef struct {
    unsigned char e_ident[EI_NIDENT];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint64_t e_entry; /* virtual address of the first instruction */
    uint64_t e_phoff; /* file offset of the program header table */
    uint64_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize; /* bytes per program header */
    uint16_t e_phnum;     /* number of program headers */
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
} Elf64_Ehdr;

typedef struct {
    uint32_t p_type;
    uint32_t p_flags;
    uint64_t p_offset; /* file offset of the segment's bytes */
    uint64_t p_vaddr;  /* where the segment lives in memory */
    uint64_t p_paddr;
    uint64_t p_filesz; /* bytes present in the file */
    uint64_t p_memsz;  /* bytes in memory; the rest past p_filesz is zero (.bss) */
    uint64_t p_align;
} Elf64_Phdr;

_Static_assert(sizeof(Elf64_Ehdr) == 64, "ELF64 file header is 64 bytes");
_Static_assert(sizeof(Elf64_Phdr) == 56, "ELF64 program header is 56 bytes");

#endif
