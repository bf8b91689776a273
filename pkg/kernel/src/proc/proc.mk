# pkg/kernel/src/proc build fragment: host unit tests of the portable
# process code (semaphores, pids, user heap/stack/pointer checks, ps lines).
# Included from pkg/kernel/kernel.mk; the kernel objects themselves are
# built by kernel.mk's wildcard over pkg/kernel/src.

PROC_DIR := pkg/kernel/src/proc

test_proc_sync_SRCS := $(PROC_DIR)/sync.c tests/host_log.c
test_proc_sync_CFLAGS := -Ipkg/kernel/src
test_proc_pid_SRCS := $(PROC_DIR)/pid.c tests/host_log.c
test_proc_pid_CFLAGS := -Ipkg/kernel/src
test_proc_usage_SRCS = $(PROC_DIR)/usage.c pkg/kernel/src/memory/size.c $(FORMAT_SRCS)
test_proc_usage_CFLAGS := -Ipkg/kernel/src
test_proc_vm_SRCS := tests/host_log.c $(PROC_DIR)/vm/stack.c $(PROC_DIR)/vm/heap.c $(PROC_DIR)/user_access.c \
	pkg/kernel/src/memory/page_table.c
test_proc_vm_CFLAGS := -Ipkg/kernel/src
test_proc_user_alloc_SRCS := pkg/kernel/src/memory/user_alloc.c
test_proc_user_alloc_CFLAGS := -Ipkg/kernel/src
test_proc_zombie_SRCS := $(PROC_DIR)/zombie.c
test_proc_zombie_CFLAGS := -Ipkg/kernel/src
# The lab 0x08 extension: the mmap areas, and mprotect's pt_protect_range.
test_proc_mmap_SRCS := $(PROC_DIR)/vm/mmap_area.c pkg/kernel/src/memory/page_table.c
test_proc_mmap_CFLAGS := -Ipkg/kernel/src
LAB_FILES_8 += tests/test_proc_mmap.c
