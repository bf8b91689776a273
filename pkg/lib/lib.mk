# pkg/lib - the user runtime every program in pkg/app is linked with:
#   newlib              built once per machine by scripts/build-newlib.sh into
#                       $(NEWLIB_CACHE)/newlib-KEY, shared by every checkout
#   build/lib/crt0.o    _start
#   build/lib/libysos.a sys_* API, read_line, sync, newlib's OS glue, allocator
# It also defines the compile and link flags of user programs (USER_*).
#
#   make ALLOC=kernel   malloc on the Allocate/Deallocate syscalls (kernel_alloc)
#   make [ALLOC=brk]    newlib's malloc on sbrk -> Brk syscall (brk_alloc, default)
#   make ALLOC=buddy    pkg/alloc's buddy/slab allocator on the Brk syscall
#                       (lab 0x08 extension; replaces newlib's malloc)
#   make NEWLIB_CACHE=DIR  newlib's cache in DIR instead of
#                       ${XDG_CACHE_HOME:-~/.cache}/ysos-c; when that is not
#                       writable (or HOME is unset), in build/ as before

# The default follows the stage (mk/stage.mk): brk_alloc needs the Brk
# syscall, which lab 0x07 writes; before that, as in the Rust labs 0x04-0x06,
# programs allocate with kernel_alloc.
ALLOC ?= $(if $(filter 7 8 9,$(SOLVED)),brk,kernel)
ifeq ($(filter $(ALLOC),brk kernel buddy),)
$(error ALLOC must be brk, kernel or buddy, not '$(ALLOC)')
endif
ifeq ($(ALLOC)-$(call lab_at_least,8),buddy-)
$(error ALLOC=buddy is the lab 0x08 extension: build stage 8 (no LAB, or LAB=8))
endif

# The cache entry: its name holds the key (a hash of everything that shapes
# the build), so an entry never goes stale and, once there, is never
# rebuilt; a changed build script or compiler is a new entry.
NEWLIB_CACHE ?=
NEWLIB_DIR := $(shell sh scripts/build-newlib.sh --dir '$(NEWLIB_CACHE)' $(NEWLIB_BUILD))
ifeq ($(NEWLIB_DIR),)
$(error scripts/build-newlib.sh --dir named no newlib directory)
endif
NEWLIB := $(NEWLIB_DIR)/x86_64-elf
NEWLIB_STAMP := $(NEWLIB_DIR)/.stamp
# The entry this stage's user objects were compiled against. They depend on
# it rather than on the stamp, whose time says nothing here: going back to
# an older entry (another key) must recompile them too.
NEWLIB_REF := $(BUILD)/newlib.ref

LIB_BUILD := $(BUILD)/lib
LIB_CRT0 := $(LIB_BUILD)/crt0.o
LIBYSOS := $(LIB_BUILD)/libysos.a
# Holds the ALLOC the library was built with; rewritten only when it changes.
LIB_CONFIG := $(LIB_BUILD)/config

# Recipe: write the line $(1) to the target only when it differs, so the
# target's time is when that value last changed (a forced rule's file).
write_if_changed = mkdir -p $(@D) && echo '$(1)' | cmp -s - $@ || echo '$(1)' > $@

# <sys/mman.h> and its calls are the lab 0x08 extension's (stage 8).
LAB_FILES_8 += pkg/lib/include/sys/mman.h pkg/lib/src/posix/mman.c

LIB_SRCS := $(filter-out $(LATER_FILES),$(wildcard pkg/lib/src/*.c pkg/lib/src/posix/*.c)) \
	pkg/lib/src/allocator/brk.c pkg/lib/src/allocator/lock.c
ifeq ($(ALLOC),kernel)
LIB_SRCS += pkg/lib/src/allocator/kernel.c pkg/lib/src/allocator/reent.c
endif
# pkg/alloc's objects are named alloc_*.o: `ar` keeps members by file
# name, and pkg/alloc/src/buddy.c must not replace allocator/buddy.c's.
LIB_ALLOC_OBJS :=
ifeq ($(ALLOC),buddy)
LIB_SRCS += pkg/lib/src/allocator/buddy.c pkg/lib/src/allocator/reent.c
LIB_ALLOC_OBJS := $(ALLOC_SRCS:pkg/alloc/src/%.c=$(LIB_BUILD)/obj/alloc/alloc_%.o)
endif
LIB_OBJS := $(LIB_SRCS:pkg/lib/src/%.c=$(LIB_BUILD)/obj/%.o) $(LIB_ALLOC_OBJS)

# User code: newlib's headers (never the host's), position-independent, no
# red zone (SPEC section 2). No frame pointer: a forked child gets a copy of
# the stack at another address with only rsp moved, so code must not address
# its locals through rbp. -fno-builtin-printf: gcc would turn printf("x\n")
# into puts(), which writes the text and the newline separately on our
# unbuffered stdout, so lines of concurrent processes could interleave; one
# printf is one Write syscall.
USER_CFLAGS := -std=gnu11 $(WARN) -O2 -g -fpie -mno-red-zone -fno-stack-protector \
	-fomit-frame-pointer -fno-builtin-printf -ffunction-sections -fdata-sections \
	-nostdinc -isystem $(NEWLIB)/include \
	-isystem $(shell $(CC) -print-file-name=include) \
	-Ipkg/lib/include -Ipkg/syscall/include $(STAGE_CFLAGS) -MMD -MP
# Static, not PIE, at the address in app.ld. --no-relax: ld cannot relax the
# GOT references of -fpie code in a static link. --gc-sections drops unused
# functions (newlib is built with a section per function). The whole
# libysos.a goes in so that its definitions (__malloc_lock, malloc for
# ALLOC=kernel) replace newlib's no matter in which order archives are searched.
USER_LDFLAGS := -static -no-pie -nostdlib -Wl,--no-relax -Wl,--gc-sections -Wl,--build-id=none \
	-Wl,-z,noexecstack -T pkg/lib/app.ld
USER_LIBS := -Wl,--whole-archive $(LIBYSOS) -Wl,--no-whole-archive -Wl,--start-group \
	$(NEWLIB)/lib/libm.a $(NEWLIB)/lib/libc.a $(shell $(CC) -print-libgcc-file-name) \
	-Wl,--end-group
# Everything a user program's link depends on.
USER_RUNTIME := $(LIB_CRT0) $(LIBYSOS) pkg/lib/app.ld

$(NEWLIB_STAMP): | deps
	$(Q)sh scripts/build-newlib.sh $(NEWLIB_DIR)

$(NEWLIB_REF): lib-config-check | $(NEWLIB_STAMP)
	$(Q)$(call write_if_changed,$(NEWLIB_DIR))

$(LIB_BUILD)/obj/%.o: pkg/lib/src/%.c $(NEWLIB_REF) pkg/lib/lib.mk
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(USER_CFLAGS) $(ALLOC_INCLUDE) -c -o $@ $<

$(LIB_BUILD)/obj/alloc/alloc_%.o: pkg/alloc/src/%.c $(NEWLIB_REF) pkg/lib/lib.mk
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(USER_CFLAGS) $(ALLOC_INCLUDE) -c -o $@ $<

$(LIB_CRT0): pkg/lib/src/crt0.S $(NEWLIB_REF) pkg/lib/lib.mk
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(USER_CFLAGS) -c -o $@ $<

.PHONY: lib-config-check
$(LIB_CONFIG): lib-config-check
	$(Q)$(call write_if_changed,ALLOC=$(ALLOC))

# Rebuilt from scratch so objects of the other ALLOC never linger in it.
$(LIBYSOS): $(LIB_OBJS) $(LIB_CONFIG)
	$(Q)rm -f $@
	$(Q)ar rcs $@ $(LIB_OBJS)

-include $(LIB_OBJS:.o=.d) $(LIB_CRT0:.o=.d)

# Host unit tests: the line editor behind read_line(), and format_pid_list.
test_userlib_line_SRCS := pkg/lib/src/line_edit.c $(CONSOLE_SRCS)
test_userlib_line_CFLAGS := -Ipkg/lib/src
test_userlib_format_SRCS := pkg/lib/src/format.c
test_userlib_format_CFLAGS := -Ipkg/lib/include

# How the host emulator recognises a YSOS call where Linux refuses int $0x80.
test_emu_int80_SRCS := pkg/lib/host/emu_int80.c
test_emu_int80_CFLAGS := -Ipkg/lib/host
