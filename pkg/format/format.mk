# pkg/format: the printf engine (kvformat, ksnprintf) shared by the kernel's
# logger and the UEFI loader's log and boot.conf messages. No build products
# of its own: the kernel fragment compiles FORMAT_SRCS with KERNEL_CFLAGS,
# the loader (pkg/boot/boot.mk) with its EFI flags, and host tests link it.
FORMAT_SRCS := pkg/format/src/format.c

test_format_SRCS := $(FORMAT_SRCS)
