# pkg/kernel/src/drivers build fragment: host unit tests of the portable
# driver pieces (block cache, ATA IDENTIFY decoding, /dev/random's PRNG).
# Included from pkg/kernel/kernel.mk; the kernel objects themselves are
# built by kernel.mk's wildcard over pkg/kernel/src.

DRIVERS_DIR := pkg/kernel/src/drivers

test_block_cache_SRCS := $(DRIVERS_DIR)/cache.c pkg/storage/src/common/device.c
test_block_cache_CFLAGS := -Ipkg/kernel/src
test_ata_identify_SRCS := $(DRIVERS_DIR)/ata/identify.c
test_ata_identify_CFLAGS := -Ipkg/kernel/src
test_random_SRCS := $(DRIVERS_DIR)/random.c
test_random_CFLAGS := -Ipkg/kernel/src
