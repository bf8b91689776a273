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

void idt_init(void)
{
    struct idt_pointer ptr = {.limit = sizeof(idt) - 1, .base = (uint64_t)idt};

    for (int v = 0; v < IDT_ENTRIES; v++)
        set_gate((uint8_t)v, vector_stubs[v], 0, 0);
    /* Faults that must work even when the kernel stack does not. */
    interrupt_set_gate(EXC_DOUBLE_FAULT, 0, IST_DOUBLE_FAULT);
    interrupt_set_gate(EXC_PAGE_FAULT, 0, IST_PAGE_FAULT);
    /* Reserved for the syscall gate; made DPL 3 by syscall_init(). */
    interrupt_set_gate(VECTOR_SYSCALL, 0, IST_SYSCALL);
    /* `int3` and `into` are instructions: from user mode they raise their own
     * exception (and kill the program under its real name), not a #GP. */
    interrupt_set_gate(EXC_BREAKPOINT, 3, 0);
    interrupt_set_gate(EXC_OVERFLOW, 3, 0);

    __asm__ volatile("lidt %0" : : "m"(ptr) : "memory");
    log_info("IDT Initialized.");
}

void interrupt_set_handler(uint8_t vector, interrupt_handler_fn fn)
{
    handlers[vector] = fn;
}

void interrupt_controllers_init(void)
{
    pic_disable();
    xapic_init();
    ioapic_init();
    interrupt_set_handler(VECTOR_OF_IRQ(IRQ_SPURIOUS), xapic_spurious_handler);
    interrupt_set_handler(VECTOR_OF_IRQ(IRQ_ERROR), xapic_error_handler);
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
