# pkg/kernel/src/memory build fragment: host unit tests of the portable
# memory code (frame bitmap, page-table walker, kernel heap core, sizes).
# Included from pkg/kernel/kernel.mk; the kernel objects themselves are
# built by kernel.mk's wildcard over pkg/kernel/src.

MEMORY_DIR := pkg/kernel/src/memory

test_frames_SRCS := $(MEMORY_DIR)/bitmap.c
test_frames_CFLAGS := -Ipkg/kernel/src
test_paging_SRCS := $(MEMORY_DIR)/page_table.c
test_paging_CFLAGS := -Ipkg/kernel/src
test_kheap_SRCS := $(MEMORY_DIR)/heap_core.c
test_kheap_CFLAGS := -Ipkg/kernel/src
test_size_SRCS := $(MEMORY_DIR)/size.c
test_size_CFLAGS := -Ipkg/kernel/src
