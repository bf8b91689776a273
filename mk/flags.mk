# Compiler flags shared by the fragments.
# WERROR=0 (the grader's build of a student's submission) keeps warnings
# visible without failing the build on them; the project's own build and
# `make test` keep -Werror.
WERROR ?= 1
WARN := -Wall -Wextra $(if $(filter 1,$(WERROR)),-Werror)

# Host builds (unit tests of portable code): sanitizers catch memory bugs.
HOST_CFLAGS := -std=gnu11 $(WARN) -g -O1 -fsanitize=address,undefined -fno-omit-frame-pointer \
	-Ipkg/boot/include -Ipkg/elf/include -Ipkg/storage/include -Ipkg/syscall/include \
	-Ipkg/console/include -Ipkg/format/include \
	-Ipkg/kernel/include -Itests $(STAGE_CFLAGS)

# Freestanding code linked into the kernel (kernel, pkg/storage, pkg/elf).
KERNEL_CFLAGS := -std=gnu11 $(WARN) -O2 -g -ffreestanding -fno-stack-protector -fno-pic \
	-mcmodel=kernel -mno-red-zone -mgeneral-regs-only -fno-omit-frame-pointer \
	-fno-asynchronous-unwind-tables -MMD -MP \
	-Ipkg/boot/include -Ipkg/elf/include -Ipkg/storage/include -Ipkg/syscall/include \
	-Ipkg/console/include -Ipkg/format/include \
	-Ipkg/kernel/include -Ipkg/kernel/src $(STAGE_CFLAGS)
