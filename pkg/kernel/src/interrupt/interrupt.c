/*
 * interrupt/interrupt.c - builds the IDT and routes every vector.
 *
 * All 256 gates point at the matching stub of entry.S, so even a vector
 * nobody expected is reported instead of triple-faulting the machine.
 * Gates are interrupt gates (IF cleared on entry): handlers run with
 * interrupts off, which is what keeps our single-CPU kernel free of locks.
 */
#include "interrupt/interrupt.h"

#include <stddef.h>

#include "arch/x86.h"
#include "interrupt/apic/apic.h"
#include "interrupt/consts.h"
#include "interrupt/exception.h"
#include "memory/gdt.h"
#include "utils/logger.h"
#include "utils/todo.h"

#define IDT_ENTRIES    256
#define GATE_INTERRUPT 0xE
#define GATE_PRESENT   0x80
#define GATE_DPL_SHIFT 5

struct idt_gate {
    uint16_t offset_low;
    uint16_t selector;
    uint8_t ist;       /* bits 0-2 */
    uint8_t type_attr; /* type, DPL, present */
    uint16_t offset_mid;
    uint32_t offset_high;
    uint32_t reserved;
} __attribute__((packed));

struct idt_pointer {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

extern const uint64_t vector_stubs[IDT_ENTRIES]; /* entry.S */

static struct idt_gate idt[IDT_ENTRIES];
static interrupt_handler_fn handlers[IDT_ENTRIES];

static void set_gate(uint8_t vector, uint64_t target, uint8_t dpl, uint8_t ist)
{
    idt[vector] = (struct idt_gate){
        .offset_low = target & 0xFFFF,
        .selector = KERNEL_CS,
        .ist = ist & 7,
        .type_attr = GATE_PRESENT | (uint8_t)((dpl & 3) << GATE_DPL_SHIFT) | GATE_INTERRUPT,
        .offset_mid = (target >> 16) & 0xFFFF,
        .offset_high = target >> 32,
    };
}

void interrupt_set_gate(uint8_t vector, uint8_t dpl, uint8_t ist)
{
    set_gate(vector, vector_stubs[vector], dpl, ist);
}

/* The IST slot a gate may name: `ist` once gdt_init() gave it a stack. */
static uint8_t ready_ist(uint8_t ist)
{
    return gdt_ist_ready(ist) ? ist : 0;
}

int idt_init(void)
{
    struct idt_pointer ptr = {.limit = sizeof(idt) - 1, .base = (uint64_t)idt};

#if YSOS_SOLVED >= 2
    for (int v = 0; v < IDT_ENTRIES; v++)
        set_gate((uint8_t)v, vector_stubs[v], 0, 0);
    /* Faults that must work even when the kernel stack does not. */
    interrupt_set_gate(EXC_DOUBLE_FAULT, 0, ready_ist(IST_DOUBLE_FAULT));
    interrupt_set_gate(EXC_PAGE_FAULT, 0, ready_ist(IST_PAGE_FAULT));
#else
    /* TODO(lab 0x02): register the handlers of the CPU exceptions (all of
     * them, the general protection fault especially) and of the interrupts:
     * a gate per vector to its entry.S stub (set_gate, vector_stubs), the
     * double fault and the page fault on their IST stacks (ready_ist).
     * Until then no IDT is loaded and interrupts stay off.
     * Guide: 0x02 tasks.md "注册中断处理程序"; Rust: crates/kernel/src/interrupt/exceptions.rs
     * register_idt */
    (void)ready_ist;
    LAB_TODO(2, "idt_init");
    return -1;
#endif
#if YSOS_LAB >= 4
    /* Reserved for the syscall gate; made DPL 3 by syscall_init(). */
    interrupt_set_gate(VECTOR_SYSCALL, 0, ready_ist(IST_SYSCALL));
    /* `int3` and `into` are instructions: from user mode they raise their own
     * exception (and kill the program under its real name), not a #GP. */
    interrupt_set_gate(EXC_BREAKPOINT, 3, 0);
    interrupt_set_gate(EXC_OVERFLOW, 3, 0);
#endif

    __asm__ volatile("lidt %0" : : "m"(ptr) : "memory");
    log_info("IDT Initialized.");
    return 0;
}

void interrupt_set_handler(uint8_t vector, interrupt_handler_fn fn)
{
    handlers[vector] = fn;
}

int interrupt_controllers_init(void)
{
    pic_disable();
#if YSOS_SOLVED >= 2
    if (xapic_init() != 0)
        return -1;
#else
    /* TODO(lab 0x02): check and init APIC: the local APIC (xapic_init),
     * failing when it is not there. Guide: 0x02 tasks.md "注册中断处理程序";
     * Rust: crates/kernel/src/interrupt/mod.rs init */
    LAB_TODO(2, "interrupt_controllers_init");
    return -1;
#endif
    ioapic_init();
    interrupt_set_handler(VECTOR_OF_IRQ(IRQ_SPURIOUS), xapic_spurious_handler);
    interrupt_set_handler(VECTOR_OF_IRQ(IRQ_ERROR), xapic_error_handler);
    return 0;
}

void interrupt_enable_irq(uint8_t irq)
{
    ioapic_enable(irq, VECTOR_OF_IRQ(irq), xapic_id());
}

/* Local APIC sources want an EOI after handling, except spurious interrupts. */
static bool needs_eoi(uint64_t vector)
{
    return vector >= IRQ_BASE && vector < IRQ_BASE + IRQ_COUNT &&
           vector != VECTOR_OF_IRQ(IRQ_SPURIOUS);
}

void trap_dispatch(struct trap_frame *tf)
{
    uint64_t vector = tf->vector;

    if (vector < EXC_COUNT) {
        exception_dispatch(tf);
        return;
    }
    if (handlers[vector] != NULL)
        handlers[vector](tf);
    else
        log_warn("Unexpected interrupt: vector %lu (0x%lx) at RIP 0x%lx", vector, vector, tf->rip);
    if (needs_eoi(vector))
        xapic_eoi();
}
