/*
 * memory/gdt.c - Global Descriptor Table and Task State Segment.
 *
 * In 64-bit mode segments are flat; the GDT matters for privilege levels
 * (ring 0 vs ring 3 code/data selectors) and for the TSS, whose only jobs
 * here are stack switching:
 *   rsp0   - the stack the CPU switches to on an interrupt from ring 3;
 *   ist[n] - known-good stacks for particular vectors (double fault, page
 *            fault, syscall), used even when the current stack is broken
 *            (e.g. a kernel stack overflow page fault).
 * Stacks are static arrays in .bss (16 KiB each), like the Rust kernel's.
 */
#include "memory/gdt.h"

#include "memory/size.h"
#include "utils/logger.h"
#include "utils/todo.h"

/* Descriptor bits (Intel SDM vol. 3, 3.4.5). */
#define DESC_ACCESSED (1ULL << 40) /* preset so the CPU never writes the GDT */
#define DESC_RW       (1ULL << 41) /* readable code / writable data */
#define DESC_EXEC     (1ULL << 43)
#define DESC_CODEDATA (1ULL << 44) /* S: code/data rather than system */
#define DESC_DPL(n)   ((uint64_t)(n) << 45)
#define DESC_PRESENT  (1ULL << 47)
#define DESC_LONG     (1ULL << 53)   /* 64-bit code segment */
#define DESC_TSS_TYPE (0x9ULL << 40) /* available 64-bit TSS */

#define CODE_SEGMENT(dpl)                                                                          \
    (DESC_PRESENT | DESC_CODEDATA | DESC_EXEC | DESC_RW | DESC_ACCESSED | DESC_LONG | DESC_DPL(dpl))
#define DATA_SEGMENT(dpl) (DESC_PRESENT | DESC_CODEDATA | DESC_RW | DESC_ACCESSED | DESC_DPL(dpl))

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3]; /* stacks for entering rings 0-2 */
    uint64_t reserved1;
    uint64_t ist[7]; /* ist[0] is IST slot 1 */
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base; /* = sizeof(tss): no I/O permission bitmap */
} __attribute__((packed));

struct descriptor_pointer {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

static struct tss tss;
static uint64_t gdt[7];

static uint8_t privilege_stack[KERNEL_IST_STACK_SIZE] __attribute__((aligned(16)));

/* Logs the stack's range (as the Rust kernel does) and returns its top. */
static uint64_t stack_top(const char *label, uint8_t *stack)
{
    uint64_t lo = (uint64_t)stack, hi = lo + KERNEL_IST_STACK_SIZE;

    log_info("%s: 0x%016lx-0x%016lx", label, lo, hi);
    return hi;
}

static void tss_setup(void)
{
    tss.rsp[0] = stack_top("Privilege Stack  ", privilege_stack);
#if YSOS_SOLVED >= 2
    static uint8_t double_fault_stack[KERNEL_IST_STACK_SIZE] __attribute__((aligned(16)));
    static uint8_t syscall_stack[KERNEL_IST_STACK_SIZE] __attribute__((aligned(16)));
    static uint8_t page_fault_stack[KERNEL_IST_STACK_SIZE] __attribute__((aligned(16)));

    tss.ist[IST_DOUBLE_FAULT - 1] = stack_top("Double Fault IST ", double_fault_stack);
    tss.ist[IST_SYSCALL - 1] = stack_top("Syscall IST      ", syscall_stack);
    tss.ist[IST_PAGE_FAULT - 1] = stack_top("Page Fault IST   ", page_fault_stack);
#else
    /* TODO(lab 0x02): give the interrupt stack table its stacks: a static
     * buffer of KERNEL_IST_STACK_SIZE bytes each (like privilege_stack) for
     * IST_DOUBLE_FAULT, IST_SYSCALL and IST_PAGE_FAULT, their tops in tss.ist
     * (slot IST_DOUBLE_FAULT is tss.ist[IST_DOUBLE_FAULT - 1]).
     * Until then the faults those gates name run on the current stack.
     * Guide: 0x02 tasks.md "GDT 与 TSS"; Rust: crates/kernel/src/memory/gdt.rs TSS */
    LAB_TODO(2, "tss_setup");
#endif
    tss.iomap_base = sizeof(tss);
}

bool gdt_ist_ready(uint8_t ist)
{
    return ist >= 1 && ist <= 7 && tss.ist[ist - 1] != 0;
}

/* A 64-bit TSS descriptor takes two GDT slots: base and limit split up. */
static void set_tss_descriptor(uint64_t *slot, const struct tss *t)
{
    uint64_t base = (uint64_t)t, limit = sizeof(*t) - 1;

    slot[0] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | DESC_TSS_TYPE | DESC_PRESENT |
              (((limit >> 16) & 0xF) << 48) | (((base >> 24) & 0xFF) << 56);
    slot[1] = base >> 32;
}

/* Loads the GDT, then CS through a far return and the data segment registers. */
static void load_gdt(void)
{
    struct descriptor_pointer ptr = {.limit = sizeof(gdt) - 1, .base = (uint64_t)gdt};

    __asm__ volatile("lgdt %0\n\t"
                     "pushq %1\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "mov %w2, %%ds\n\t"
                     "mov %w2, %%es\n\t"
                     "mov %w2, %%ss\n\t"
                     "mov %w3, %%fs\n\t"
                     "mov %w3, %%gs\n\t"
                     "ltr %w4"
                     :
                     : "m"(ptr), "i"(KERNEL_CS), "r"(KERNEL_DS), "r"(0), "r"(TSS_SEL)
                     : "rax", "memory");
}

/* Total of the four stacks above, in Rust's "{:>7.3} {unit}" format. */
static void log_ist_size(void)
{
    char num[24];
    const char *unit = size_scale(4 * KERNEL_IST_STACK_SIZE, 3, num, sizeof(num));

    log_info("Kernel IST Size  : %7s %s", num, unit);
}

void gdt_init(void)
{
    tss_setup();
    gdt[0] = 0;
    gdt[KERNEL_CS >> 3] = CODE_SEGMENT(0);
    gdt[KERNEL_DS >> 3] = DATA_SEGMENT(0);
    gdt[USER_CS >> 3] = CODE_SEGMENT(3);
    gdt[USER_DS >> 3] = DATA_SEGMENT(3);
    set_tss_descriptor(&gdt[TSS_SEL >> 3], &tss);
    load_gdt();
    log_ist_size();
    log_info("GDT Initialized.");
}
