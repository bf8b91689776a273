# pkg/storage: MBR + FAT16 library, freestanding (no libc, no malloc).
# STORAGE_SRCS is compiled into the kernel by pkg/kernel/kernel.mk with
# $(KERNEL_CFLAGS); the host tests below link the same sources with
# $(HOST_CFLAGS). The image tests build their disks at run time with
# tests/storage/mkimages.sh (mkfs.fat + mtools) under build/tests/storage/.
STORAGE_SRCS := $(sort $(wildcard pkg/storage/src/common/*.c pkg/storage/src/partition/*.c \
	pkg/storage/src/partition/mbr/*.c pkg/storage/src/fs/fat16/*.c))

STORAGE_TESTS := test_storage_common test_fat16_direntry test_mbr test_fat16 test_fat16_corrupt
$(foreach t,$(STORAGE_TESTS),$(eval $(t)_SRCS := $(STORAGE_SRCS) tests/storage/image.c))
$(foreach t,$(STORAGE_TESTS),$(eval $(t)_CFLAGS := -Ipkg/storage/src -DREPO_ROOT='"$(CURDIR)"'))
