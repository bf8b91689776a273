# pkg/console: console input decoding shared by the kernel (serial
# interrupt, stdin Read) and the host emulator (pkg/lib/host). No build
# products of its own: the kernel fragment compiles CONSOLE_SRCS with
# KERNEL_CFLAGS, tests link them on the host.
CONSOLE_SRCS := pkg/console/src/console.c

test_console_SRCS := $(CONSOLE_SRCS)
