/*
 * memmap.c - the firmware's memory map: how big physical memory is, how much
 * is free, and the final copy handed to the kernel in boot_info.
 *
 * Descriptors are desc_size bytes apart (OVMF uses 48, not the 40 of the C
 * struct), so they are always reached through memmap_desc().
 */
#include "loader.h"

#define SPARE_DESCS 16 /* allocating the buffer itself may add descriptors */

/* Fills map->buf; on EFI_BUFFER_TOO_SMALL map->size says how much is needed. */
static EFI_STATUS fetch(struct memmap *map)
{
    map->size = map->capacity;
    return efi_st->BootServices->GetMemoryMap(&map->size, (EFI_MEMORY_DESCRIPTOR *)map->buf,
                                              &map->key, &map->desc_size, &map->desc_version);
}

/*
 * Reads the current map into a new buffer with room for `slack` more
 * descriptors, so that later refreshes (memmap_refresh) need no allocation.
 */
EFI_STATUS memmap_get(struct memmap *map, UINTN slack)
{
    EFI_STATUS status;

    map->buf = NULL;
    map->capacity = 0;
    status = fetch(map);
    if (status != EFI_BUFFER_TOO_SMALL)
        return EFI_ERROR(status) ? status : EFI_DEVICE_ERROR;
    map->capacity = map->size + (slack + SPARE_DESCS) * map->desc_size;
    map->buf = (uint8_t *)pages_alloc(pages_for(map->capacity));
    if (!map->buf)
        return EFI_OUT_OF_RESOURCES;
    return fetch(map);
}

/* Reads the map again into the same buffer (allowed after a failed ExitBootServices). */
EFI_STATUS memmap_refresh(struct memmap *map)
{
    return fetch(map);
}

uint64_t memmap_count(const struct memmap *map)
{
    return map->size / map->desc_size;
}

const EFI_MEMORY_DESCRIPTOR *memmap_desc(const struct memmap *map, uint64_t i)
{
    return (const EFI_MEMORY_DESCRIPTOR *)(map->buf + i * map->desc_size);
}

/* One past the highest physical address any descriptor covers. */
uint64_t memmap_highest_address(const struct memmap *map)
{
    uint64_t highest = 0;
    for (uint64_t i = 0; i < memmap_count(map); i++) {
        const EFI_MEMORY_DESCRIPTOR *d = memmap_desc(map, i);
        uint64_t end = d->PhysicalStart + d->NumberOfPages * PAGE_SIZE;
        if (end > highest)
            highest = end;
    }
    return highest;
}

uint64_t memmap_free_pages(const struct memmap *map)
{
    uint64_t free = 0;
    for (uint64_t i = 0; i < memmap_count(map); i++) {
        if (memmap_desc(map, i)->Type == EfiConventionalMemory)
            free += memmap_desc(map, i)->NumberOfPages;
    }
    return free;
}

/* Can descriptor d extend the last one copied (same kind, no gap)? */
static int extends(const struct boot_memory_desc *last, const EFI_MEMORY_DESCRIPTOR *d)
{
    return last->type == d->Type && last->attribute == d->Attribute &&
           last->phys_start + last->page_count * PAGE_SIZE == d->PhysicalStart;
}

/*
 * Copies the final map into boot_info. Adjacent runs of the same type are
 * merged, which keeps even a fragmented map within BOOT_MAX_MEMORY_DESCS;
 * anything beyond that limit is dropped (the kernel just sees less memory).
 * Runs after ExitBootServices: no firmware calls, no logging.
 */
void memmap_to_bootinfo(const struct memmap *map, struct boot_info *bi)
{
    uint64_t n = 0;
    for (uint64_t i = 0; i < memmap_count(map); i++) {
        const EFI_MEMORY_DESCRIPTOR *d = memmap_desc(map, i);
        if (n > 0 && extends(&bi->memory_map[n - 1], d)) {
            bi->memory_map[n - 1].page_count += d->NumberOfPages;
            continue;
        }
        if (n == BOOT_MAX_MEMORY_DESCS)
            break;
        bi->memory_map[n++] = (struct boot_memory_desc){
            .type = d->Type,
            .phys_start = d->PhysicalStart,
            .virt_start = d->VirtualStart,
            .page_count = d->NumberOfPages,
            .attribute = d->Attribute,
        };
    }
    bi->memory_map_len = n;
}
