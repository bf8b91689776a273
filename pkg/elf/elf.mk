# pkg/elf: portable ELF64 checks (Rust: crates/elf). No build products of its
# own: the kernel fragment compiles ELF_SRCS with KERNEL_CFLAGS, the loader
# (pkg/boot/boot.mk) with its EFI flags, and tests/test_elf.c on the host.
ELF_SRCS := pkg/elf/src/elf.c

test_elf_SRCS := $(ELF_SRCS)
