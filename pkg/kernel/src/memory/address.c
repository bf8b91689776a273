/*
 * memory/address.c - where physical memory is mapped (Rust: memory/address.rs).
 */
#include "memory/address.h"

#include "utils/logger.h"

uint64_t physical_memory_offset;

void address_init(const struct boot_info *bi)
{
    physical_memory_offset = bi->physical_memory_offset;
    log_info("Physical Offset  : 0x%llx", (unsigned long long)physical_memory_offset);
}
