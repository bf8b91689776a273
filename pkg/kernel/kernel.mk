# pkg/kernel: the kernel -> build/kernel/KERNEL.ELF -> esp/KERNEL.ELF
#
# Every .c and .S under pkg/kernel/src, plus the shared pkg/elf, pkg/format,
# pkg/console and pkg/storage sources, is compiled with $(KERNEL_CFLAGS) into
# build/kernel/obj/<source path>.o and linked at 0xFFFFFFFF80000000 by
# pkg/kernel/kernel.ld. -MMD (in KERNEL_CFLAGS) writes a .d file next to
# each object, so touching a header rebuilds exactly the objects using it.

KERNEL_DIR     := pkg/kernel
KERNEL_OBJ_DIR := $(BUILD)/kernel/obj
KERNEL_ELF     := $(BUILD)/kernel/KERNEL.ELF
KERNEL_LDS     := $(KERNEL_DIR)/kernel.ld

# The lab that brings each file (docs/course/README.md, "Stages"), as the
# Rust course's src/0x0N hands out its twin: a file is built from its lab's
# stage on and left out of the handouts of earlier labs (LATER_FILES in
# mk/stage.mk). A file not listed comes with lab 0x01.
k := $(KERNEL_DIR)/src
LAB_FILES_2 += $(wildcard $(k)/interrupt/*.[chS] $(k)/interrupt/apic/*.[ch]) \
	$(wildcard $(addprefix $(k)/memory/,$(addsuffix .[ch],allocator bitmap frames gdt \
		heap_core kstack memory page_table paging size))) \
	$(wildcard $(addprefix $(k)/,$(addsuffix .[ch],drivers/input drivers/pit kconsole \
		utils/clock utils/datetime))) $(k)/utils/ring.h
LAB_FILES_3 += $(wildcard $(addprefix $(k)/proc/,$(addsuffix .[ch],context data kthread \
	manager paging pid proc process processor usage vm/stack vm/vm zombie)))
LAB_FILES_4 += $(wildcard $(k)/interrupt/syscall/*.[ch] $(k)/memory/user.[ch] \
	$(k)/memory/user_alloc.[ch] $(addprefix $(k)/proc/,$(addsuffix .[ch],elf_load \
	foreground program user user_access vm/heap)))
LAB_FILES_5 += $(wildcard $(addprefix $(k)/proc/,fork.c sem.c sync.c sync.h))
LAB_FILES_6 += $(wildcard $(k)/drivers/ata/*.[ch] $(k)/drivers/cache.[ch] \
	$(k)/drivers/filesystem.[ch] $(k)/drivers/random.[ch])
# The lab 0x08 extension: mmap (docs/userland.md "mmap").
LAB_FILES_8 += $(wildcard $(k)/proc/vm/mmap.[ch] $(k)/proc/vm/mmap_area.[ch]) \
	pkg/syscall/include/syscall/mman.h

KERNEL_OWN_SRCS := $(filter-out $(LATER_FILES),\
	$(sort $(shell find $(KERNEL_DIR)/src -name '*.c' -o -name '*.S')))
KERNEL_SRCS = $(KERNEL_OWN_SRCS) $(ELF_SRCS) $(FORMAT_SRCS) $(STORAGE_SRCS) $(CONSOLE_SRCS)
KERNEL_OBJS = $(addprefix $(KERNEL_OBJ_DIR)/,$(addsuffix .o,$(basename $(KERNEL_SRCS))))

# The freestanding memcpy/memset/strlen must not be "optimised" into calls
# to themselves.
$(KERNEL_OBJ_DIR)/$(KERNEL_DIR)/src/utils/string.o: KERNEL_EXTRA_CFLAGS := \
	-fno-tree-loop-distribute-patterns

$(KERNEL_OBJ_DIR)/%.o: %.c | deps
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(KERNEL_CFLAGS) $(KERNEL_EXTRA_CFLAGS) -c -o $@ $<

$(KERNEL_OBJ_DIR)/%.o: %.S | deps
	$(Q)mkdir -p $(@D)
	$(Q)$(CC) $(KERNEL_CFLAGS) -c -o $@ $<

# Static, not position independent, 4 KiB segment alignment (the loader
# maps each PT_LOAD with its own permissions, page by page).
$(KERNEL_ELF): $(KERNEL_OBJS) $(KERNEL_LDS) | deps
	$(Q)$(CC) -nostdlib -static -no-pie -Wl,-z,max-page-size=4096 -Wl,--build-id=none \
		-Wl,-T,$(KERNEL_LDS) -o $@ $(KERNEL_OBJS)

$(ESP)/KERNEL.ELF: $(KERNEL_ELF) | deps
	$(Q)mkdir -p $(@D)
	$(Q)cp $< $@

ESP_FILES += $(ESP)/KERNEL.ELF

.PHONY: kernel
kernel: $(KERNEL_ELF)

-include $(KERNEL_OBJS:.o=.d)

# Host tests of the kernel's portable pieces.
KERNEL_TEST_CFLAGS := -Ipkg/kernel/src
test_datetime_SRCS := $(KERNEL_DIR)/src/utils/datetime.c
test_datetime_CFLAGS := $(KERNEL_TEST_CFLAGS)
test_ring_CFLAGS := $(KERNEL_TEST_CFLAGS)

# The memory engineer's host tests (test_frames, test_kheap, ...), if present.
-include $(KERNEL_DIR)/src/memory/memory.mk
-include $(KERNEL_DIR)/src/drivers/drivers.mk
-include $(KERNEL_DIR)/src/proc/proc.mk
