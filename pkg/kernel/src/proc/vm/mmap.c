/*
 * proc/vm/mmap.c - the kernel side of the mmap family (see mmap.h): turns
 * area changes (mmap_area.c) into page-table changes, and first touches
 * into frames.
 *
 * Order inside each call: check everything that can fail (arguments, room
 * in the area array, the file), then change the page tables, then the
 * areas; so a refused call leaves the address space exactly as it was.
 */
#include "proc/vm/mmap.h"

#include <stddef.h>

#include "drivers/filesystem.h"
#include "memory/address.h"
#include "memory/allocator.h"
#include "proc/vm/vm.h"
#include "utils/logger.h"

#define PF_PRESENT 0x01 /* page-fault error code: a protection fault */
#define PF_WRITE   0x02
#define PF_FETCH   0x10

/* The family's mappings, made on first use when create; NULL if none (or no memory). */
static struct vm_mmap *mappings_of(const struct process_vm *vm, bool create)
{
    struct vm_heap *heap = vm->heap;

    if (heap == NULL)
        return NULL; /* a kernel thread */
    if (heap->mappings == NULL && create) {
        heap->mappings = kmalloc(sizeof(*heap->mappings));
        if (heap->mappings != NULL) {
            mmap_areas_init(&heap->mappings->areas, NULL);
            heap->mappings->resident = 0;
        }
    }
    return heap->mappings;
}

/* Leaf flags for prot: PROT_NONE keeps the frame but no user access at all. */
static uint64_t page_flags(unsigned prot)
{
    uint64_t flags = PTE_PRESENT;

    if (prot != PROT_NONE)
        flags |= PTE_USER;
    if (prot & PROT_WRITE)
        flags |= PTE_WRITABLE;
    if (!(prot & PROT_EXEC))
        flags |= PTE_NX;
    return flags;
}

static void close_file(struct mmap_file *f)
{
    fs_close(f->handle);
    kfree(f);
}

/* A mapping's own handle on the file behind fd; NULL with *err. */
static struct mmap_file *open_file(struct kfile *file, int64_t *err)
{
    struct mmap_file *f = kmalloc(sizeof(*f));
    int fs_err = 0;

    *err = -MMAP_ENOMEM;
    if (f == NULL)
        return NULL;
    f->handle = fs_dup(file, &fs_err);
    if (f->handle == NULL) {
        if (fs_err == FS_EBADF)
            *err = -MMAP_ENODEV; /* /dev/random */
        kfree(f);
        return NULL;
    }
    f->refs = 0;
    f->size = fs_size(f->handle);
    return f;
}

/*
 * Unmaps the pages of the areas inside [start, end), frees their frames and
 * the page tables left empty; logs the two counts apart at debug level.
 */
static void unmap_areas(struct vm_mmap *m, pte_t *p4, uint64_t start, uint64_t end)
{
    uint64_t frames = 0, tables;

    for (unsigned i = 0; i < m->areas.count; i++) {
        const struct mmap_area *a = &m->areas.area[i];
        uint64_t lo = a->start > start ? a->start : start;
        uint64_t hi = a->end < end ? a->end : end;
        if (lo < hi)
            frames += unmap_range(p4, lo, (hi - lo) / PAGE_SIZE, true);
    }
    tables = page_table_free_empty(p4, start, end);
    m->resident -= frames;
    if (frames > 0 || tables > 0)
        log_debug("Unmapped 0x%lx-0x%lx: %lu data frames, %lu page-table frames freed", start, end,
                  frames, tables);
}

int64_t vm_mmap(struct process_vm *vm, const struct mmap_request *r, struct kfile *file)
{
    int64_t err = mmap_check_request(r);
    uint64_t len = mmap_page_round_up(r->len), addr;
    struct mmap_file *f = NULL;
    struct vm_mmap *m;

    if (err != 0)
        return err;
    if (!(r->flags & MAP_ANONYMOUS) && file == NULL)
        return -MMAP_EBADF;
    if (!(r->flags & MAP_ANONYMOUS) && (r->flags & MAP_SHARED) && (r->prot & PROT_WRITE))
        return -MMAP_EACCES; /* FAT16 here is read-only: nowhere to write back */
    m = mappings_of(vm, true);
    if (m == NULL)
        return -MMAP_ENOMEM;
    m->areas.close_file = close_file;
    addr = (r->flags & MAP_FIXED) ? r->addr : mmap_areas_place(&m->areas, r->addr, len);
    if (addr == 0 || !mmap_areas_room(&m->areas, addr, addr + len, 1))
        return -MMAP_ENOMEM;
    if (!(r->flags & MAP_ANONYMOUS) && (f = open_file(file, &err)) == NULL)
        return err;

    if (r->flags & MAP_FIXED) { /* replaces whatever was there */
        unmap_areas(m, page_table_ctx_p4(vm->pt), addr, addr + len);
        mmap_areas_remove(&m->areas, addr, addr + len);
    }
    struct mmap_area a = {.start = addr,
                          .end = addr + len,
                          .prot = (unsigned)r->prot,
                          .flags = (unsigned)(r->flags & ~(uint64_t)MAP_FIXED),
                          .file = f,
                          .offset = f != NULL ? r->offset : 0};
    mmap_areas_insert(&m->areas, &a);
    return (int64_t)addr;
}

int64_t vm_munmap(struct process_vm *vm, uint64_t addr, uint64_t len)
{
    int64_t err = mmap_check_unmap(addr, len);
    uint64_t end = addr + mmap_page_round_up(len);
    struct vm_mmap *m = mappings_of(vm, false);

    if (err != 0 || m == NULL)
        return err;
    if (!mmap_areas_room(&m->areas, addr, end, 0))
        return -MMAP_ENOMEM;
    unmap_areas(m, page_table_ctx_p4(vm->pt), addr, end);
    mmap_areas_remove(&m->areas, addr, end);
    return 0;
}

/* A writable shared file mapping would need write-back: refused, as mmap refuses it. */
static bool shared_file_in(const struct mmap_areas *s, uint64_t start, uint64_t end)
{
    for (unsigned i = 0; i < s->count; i++) {
        const struct mmap_area *a = &s->area[i];
        if (a->start < end && a->end > start && a->file != NULL && (a->flags & MAP_SHARED))
            return true;
    }
    return false;
}

int64_t vm_mprotect(struct process_vm *vm, uint64_t addr, uint64_t len, uint64_t prot)
{
    int64_t err = mmap_check_protect(addr, len, prot);
    uint64_t end = addr + mmap_page_round_up(len);
    struct vm_mmap *m = mappings_of(vm, false);

    if (err != 0 || len == 0)
        return err;
    if (m == NULL || !mmap_areas_cover(&m->areas, addr, end))
        return -MMAP_ENOMEM;
    if ((prot & PROT_WRITE) && shared_file_in(&m->areas, addr, end))
        return -MMAP_EACCES;
    if (!mmap_areas_room(&m->areas, addr, end, 0))
        return -MMAP_ENOMEM;
    protect_range(page_table_ctx_p4(vm->pt), addr, (end - addr) / PAGE_SIZE,
                  page_flags((unsigned)prot));
    mmap_areas_protect(&m->areas, addr, end, (unsigned)prot);
    return 0;
}

/* Reads the page at `page` of a file area into the frame at pa; false past the end or on error. */
static bool read_file_page(const struct mmap_area *a, uint64_t page, uint64_t pa)
{
    uint64_t offset = a->offset + (page - a->start);
    uint64_t want = a->file->size - offset;

    if (offset >= a->file->size)
        return false; /* Linux's SIGBUS */
    if (want > PAGE_SIZE)
        want = PAGE_SIZE;
    return fs_read_at(a->file->handle, phys_to_virt(pa), want, offset) == (long)want;
}

/* Gives the untouched page its frame: zeroed, or the file's data. */
static bool touch_page(struct vm_mmap *m, pte_t *p4, const struct mmap_area *a, uint64_t page)
{
    uint64_t pa;

    if (a->file != NULL && a->offset + (page - a->start) >= a->file->size)
        return false;
    if (map_range(p4, page, 1, page_flags(a->prot)) != 0)
        return false;
    if (a->file != NULL && (!translate(p4, page, &pa, NULL) || !read_file_page(a, page, pa))) {
        unmap_range(p4, page, 1, true);
        return false;
    }
    m->resident++;
    return true;
}

/* Whether an access of this kind (write, instruction fetch, read) is allowed by prot. */
static bool access_allowed(unsigned prot, bool write, bool fetch)
{
    if (write)
        return prot & PROT_WRITE;
    if (fetch)
        return prot & PROT_EXEC;
    return prot != PROT_NONE; /* x86: write and exec pages can be read */
}

bool vm_mmap_fault(struct process_vm *vm, uint64_t addr, uint64_t error_code)
{
    struct vm_mmap *m = mappings_of(vm, false);
    const struct mmap_area *a = m != NULL ? mmap_area_find(&m->areas, addr) : NULL;

    if (a == NULL || (error_code & PF_PRESENT) ||
        !access_allowed(a->prot, error_code & PF_WRITE, error_code & PF_FETCH))
        return false;
    return touch_page(m, page_table_ctx_p4(vm->pt), a, page_round_down(addr));
}

void vm_mmap_prefault(struct process_vm *vm, uint64_t ptr, uint64_t len, bool write)
{
    struct vm_mmap *m = mappings_of(vm, false);
    uint64_t end = len > MMAP_END - ptr ? MMAP_END : ptr + len;
    pte_t *p4;

    if (m == NULL || len == 0 || ptr >= MMAP_END)
        return;
    p4 = page_table_ctx_p4(vm->pt);
    for (uint64_t page = page_round_down(ptr); page < end; page += PAGE_SIZE) {
        const struct mmap_area *a = mmap_area_find(&m->areas, page);
        if (a == NULL || !access_allowed(a->prot, write, false))
            return; /* the check that follows refuses the buffer */
        if (!translate(p4, page, NULL, NULL) && !touch_page(m, p4, a, page))
            return;
    }
}

uint64_t vm_mmap_memory_usage(const struct process_vm *vm)
{
    const struct vm_mmap *m = mappings_of(vm, false);

    return m != NULL ? m->resident * PAGE_SIZE : 0;
}

void vm_mmap_clean_up(struct vm_mmap *m, pte_t *p4)
{
    if (m == NULL)
        return;
    unmap_areas(m, p4, MMAP_BASE, MMAP_END);
    mmap_areas_remove(&m->areas, MMAP_BASE, MMAP_END);
    kfree(m);
}
