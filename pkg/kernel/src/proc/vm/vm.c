/*
 * proc/vm/vm.c - process memory (see vm.h).
 */
#include "proc/vm/vm.h"

#include "format/format.h"
#include "memory/address.h"
#include "memory/allocator.h"
#include "memory/frames.h"
#include "memory/kstack.h"
#include "utils/logger.h"
#include "utils/todo.h"
#if YSOS_LAB >= 4
#include "memory/user.h"
#endif
#if YSOS_LAB >= 8
#include "proc/vm/mmap.h"
#endif

int vm_init_kernel(struct process_vm *vm, const struct boot_info *bi)
{
    *vm = (struct process_vm){.kernel = true};
    vm->pt = page_table_ctx_current();
    if (vm->pt == NULL)
        return -1;
#if YSOS_SOLVED >= 7
    for (uint64_t i = 0; i < bi->kernel_pages_len && i < VM_CODE_MAX; i++) {
        vm->code.ranges[vm->code.count].start = bi->kernel_pages[i].start;
        vm->code.ranges[vm->code.count].count = bi->kernel_pages[i].count;
        vm->code.count++;
    }
    vm->code_usage = vm_code_pages(&vm->code) * PAGE_SIZE;
#else
    /* TODO(lab 0x07): record the kernel code usage: load vm->code and
     * vm->code_usage from the kernel pages the loader passed. Guide: 0x07
     * tasks.md "内核的内存统计"; Rust: crates/kernel/src/proc/vm/mod.rs
     * init_kernel_vm */
    (void)bi;
    LAB_TODO(7, "vm_init_kernel");
#endif
    return 0;
}

#if YSOS_LAB >= 4
int vm_init_user(struct process_vm *vm, const struct process_vm *kernel)
{
    struct vm_heap *heap = kmalloc(sizeof(*heap));
    struct page_table_ctx *pt = heap ? page_table_ctx_new(kernel->pt) : NULL;

    *vm = (struct process_vm){0};
    if (pt == NULL) {
        kfree(heap);
        return -1;
    }
    vm_heap_init(heap);
    vm->heap = heap;
    vm->pt = pt;
    return 0;
}

int vm_load_elf(struct process_vm *vm, const void *image, uint64_t size, uint64_t *entry,
                const char **why)
{
    pte_t *p4 = page_table_ctx_p4(vm->pt);

    if (elf_load_user(p4, image, size, &vm->code, entry, why) != 0)
        return -1;
#if YSOS_SOLVED >= 7
    vm->code_usage = vm_code_pages(&vm->code) * PAGE_SIZE;
#else
    /* TODO(lab 0x07): calculate the code usage from the code pages
     * elf_load_user recorded in vm->code. Guide: 0x07 tasks.md
     * "内存统计的实现"; Rust: crates/kernel/src/proc/vm/mod.rs load_elf_code */
    LAB_TODO(7, "vm_load_elf code usage");
#endif
    if (vm_stack_init(&vm->stack, p4) != 0) {
        *why = "out of memory for the stack";
        return -1;
    }
    return 0;
}
#endif

#if YSOS_LAB >= 5
int vm_fork(struct process_vm *parent, struct process_vm *child)
{
    *child = (struct process_vm){.code = parent->code};
    if (vm_stack_fork(&parent->stack, page_table_ctx_p4(parent->pt), &child->stack) != 0)
        return -1;
    child->pt = page_table_ctx_fork(parent->pt);
    child->heap = parent->heap;
    child->heap->refs++;
    return 0;
}
#endif

/*
 * False when mapping the pages [from, to) cannot work: fewer frames are free.
 * Failing early spares mapping all free memory only to roll it back (a
 * wild brk asks for up to 4 GiB); map_range still rolls back the rest.
 */
static bool enough_frames(uint64_t from, uint64_t to)
{
    return to <= from || frames_available((page_round_up(to) - page_round_down(from)) / PAGE_SIZE);
}

#if YSOS_LAB >= 4
uint64_t vm_brk(struct process_vm *vm, uint64_t addr)
{
    if (vm->heap == NULL || !enough_frames(page_round_up(vm->heap->end), addr))
        return HEAP_BRK_FAILED;
    return vm_heap_brk(vm->heap, page_table_ctx_p4(vm->pt), addr);
}
#endif

bool vm_handle_page_fault(struct process_vm *vm, uint64_t addr)
{
    if (vm->kernel || !enough_frames(addr, vm->stack.bottom))
        return false;
    return vm_stack_grow(&vm->stack, page_table_ctx_p4(vm->pt), addr);
}

uint64_t vm_memory_usage(const struct process_vm *vm)
{
    uint64_t bytes = vm->code_usage;

    if (vm->kernel)
        return bytes + kstack_mapped_pages() * PAGE_SIZE;
    bytes += vm_stack_memory_usage(&vm->stack);
#if YSOS_LAB >= 4
    if (vm->heap != NULL)
        bytes += vm_heap_memory_usage(vm->heap);
#endif
#if YSOS_LAB >= 8
    bytes += vm_mmap_memory_usage(vm);
#endif
    return bytes;
}

/* frames as MiB with three decimals ("x.xxx"), rounded half up, into buf[24]. */
static const char *frames_in_mib(uint64_t frames, char *buf)
{
    uint64_t thousandths = (frames * PAGE_SIZE * 1000 + (1 << 19)) >> 20;

    ksnprintf(buf, 24, "%lu.%03lu", thousandths / 1000, thousandths % 1000);
    return buf;
}

uint64_t vm_release_piece(struct process_vm *vm)
{
    uint64_t freed;

    if (vm->kernel || vm->pt == NULL)
        return 0;
    freed = vm_stack_release_piece(&vm->stack, page_table_ctx_p4(vm->pt));
    vm->released_early += freed;
    return freed;
}

void vm_clean_up(struct process_vm *vm)
{
    uint64_t start = frames_stats().recycled - vm->released_early, end;
    char now[24], total[24];
    pte_t *p4;

    if (vm->pt == NULL) /* never set up (a spawn that failed early) */
        return;
    p4 = page_table_ctx_p4(vm->pt);
    vm_stack_clean_up(&vm->stack, p4);
#if YSOS_LAB >= 4
    if (vm->heap != NULL && --vm->heap->refs == 0) { /* kernel threads have none */
        vm_heap_clean_up(vm->heap, p4);
#if YSOS_LAB >= 8
        vm_mmap_clean_up(vm->heap->mappings, p4);
#endif
        user_heap_release(vm->heap->allocated);
        kfree(vm->heap);
    }
    if (page_table_ctx_using_count(vm->pt) == 1)
        elf_unload_user(p4, &vm->code);
    vm->heap = NULL;
#endif
    page_table_ctx_release(vm->pt);
    vm->pt = NULL;
    vm->code_usage = 0;

    end = frames_stats().recycled;
    log_debug("Recycled %lu(%s MiB) frames, %lu(%s MiB) frames in total.", end - start,
              frames_in_mib(end - start, now), end, frames_in_mib(end, total));
}
