/*
 * paging.c - the page tables the kernel starts with.
 *
 * OVMF's own tables are write-protected, and writing them would mean
 * clearing CR0.WP as the Rust loader does. Instead we build a fresh P4: its
 * lower half points at the firmware's tables (the identity map this loader
 * and UEFI runtime services run on), its upper half is all ours. Every
 * mapping function refuses lower-half addresses, so no firmware table is
 * ever written. Table frames come from frame_alloc() and are addressed
 * through the firmware's identity map (physical == virtual here).
 */
#include "loader.h"

#define TABLE_FLAGS (PTE_PRESENT | PTE_WRITABLE) /* leaves decide the real rights */
#define ENTRIES     512
#define HUGE_2M     (2ULL << 20)

/* Index of va in the table at `level` (4 = P4 ... 1 = P1). */
static unsigned index_at(uint64_t va, int level)
{
    return (unsigned)(va >> (12 + 9 * (level - 1))) & (ENTRIES - 1);
}

/*
 * The table `entry` points to; with `create`, a fresh one when the entry is
 * empty. NULL when absent, out of memory, or the entry maps a huge page.
 */
static uint64_t *child_table(uint64_t *entry, int create)
{
    if (*entry & PTE_PRESENT)
        return (*entry & PTE_HUGE) ? NULL : (uint64_t *)(*entry & PTE_ADDR);
    if (!create)
        return NULL;
    uint64_t frame = frame_alloc();
    if (!frame)
        return NULL;
    *entry = frame | TABLE_FLAGS;
    return (uint64_t *)frame;
}

/* The table at `level` that covers va, walking down from p4. */
static uint64_t *walk(uint64_t *p4, uint64_t va, int level, int create)
{
    uint64_t *table = p4;
    if (va < KERNEL_HALF)
        return NULL; /* the lower half is the firmware's */
    for (int l = 4; l > level && table; l--)
        table = child_table(&table[index_at(va, l)], create);
    return table;
}

/* Puts a leaf entry at `level`; fails if something is already mapped there. */
static int map_at(uint64_t *p4, int level, uint64_t va, uint64_t entry)
{
    uint64_t *table = walk(p4, va, level, 1);
    if (!table || (table[index_at(va, level)] & PTE_PRESENT))
        return -1;
    table[index_at(va, level)] = entry;
    return 0;
}

int pt_map_4k(uint64_t *p4, uint64_t va, uint64_t pa, uint64_t flags)
{
    return map_at(p4, 1, va, pa | flags | PTE_PRESENT);
}

/* The P1 entry mapping va, or NULL if va is not mapped with a 4 KiB page. */
uint64_t *pt_lookup_4k(uint64_t *p4, uint64_t va)
{
    uint64_t *p1 = walk(p4, va, 1, 0);
    if (!p1 || !(p1[index_at(va, 1)] & PTE_PRESENT))
        return NULL;
    return &p1[index_at(va, 1)];
}

/* Maps `pages` fresh zeroed frames at va (the kernel stack). */
int pt_map_fresh(uint64_t *p4, uint64_t va, uint64_t pages, uint64_t flags)
{
    for (uint64_t i = 0; i < pages; i++) {
        uint64_t frame = frame_alloc();
        if (!frame || pt_map_4k(p4, va + i * PAGE_SIZE, frame, flags) != 0)
            return -1;
    }
    return 0;
}

/*
 * Physical [0, max_phys) at offset, in 2 MiB pages (4 GiB in 4 KiB pages
 * would cost 8 MiB of tables), writable and never executable.
 */
int pt_map_physical(uint64_t *p4, uint64_t offset, uint64_t max_phys)
{
    uint64_t end = (max_phys + HUGE_2M - 1) & ~(HUGE_2M - 1);
    if (offset + end < offset)
        return -1;
    for (uint64_t pa = 0; pa < end; pa += HUGE_2M) {
        if (map_at(p4, 2, offset + pa, pa | PTE_PRESENT | PTE_WRITABLE | PTE_HUGE | PTE_NX) != 0)
            return -1;
    }
    return 0;
}

static uint64_t read_cr3(void)
{
    uint64_t cr3;
    __asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
    return cr3;
}

/* A new P4 sharing the firmware's lower half; NULL when out of memory. */
uint64_t *pt_create_root(void)
{
    uint64_t *firmware = (uint64_t *)(read_cr3() & PTE_ADDR);
    uint64_t *p4 = (uint64_t *)frame_alloc();
    if (!p4)
        return NULL;
    for (unsigned i = 0; i < ENTRIES / 2; i++)
        p4[i] = firmware[i];
    return p4;
}

#define MSR_EFER 0xC0000080
#define EFER_NXE (1ULL << 11)

/* Without EFER.NXE, bit 63 of an entry is reserved and faults. */
void cpu_enable_nx(void)
{
    uint32_t lo, hi;
    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(MSR_EFER));
    lo |= (uint32_t)EFER_NXE;
    __asm__ volatile("wrmsr" : : "a"(lo), "d"(hi), "c"(MSR_EFER));
}
