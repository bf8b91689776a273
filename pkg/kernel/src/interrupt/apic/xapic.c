/*
 * interrupt/apic/xapic.c - this CPU's local APIC in xAPIC (MMIO) mode.
 *
 * Registers are 32-bit, 16-byte spaced, at the physical address in the
 * IA32_APIC_BASE MSR (0xFEE00000 on PCs), reached through the physmap.
 * Register offsets and bits: Intel SDM vol. 3, chapter 11; the lab's
 * wiki/apic.md.
 */
#include "arch/x86.h"
#include "interrupt/apic/apic.h"
#include "interrupt/consts.h"
#include "memory/address.h"
#include "utils/logger.h"
#include "utils/todo.h"

#define MSR_APIC_BASE       0x1B
#define APIC_BASE_ENABLE    (1ULL << 11)
#define APIC_BASE_ADDR_MASK 0x000FFFFFFFFFF000ULL

/* Register offsets. */
#define REG_ID      0x020
#define REG_VERSION 0x030
#define REG_TPR     0x080 /* task priority */
#define REG_EOI     0x0B0
#define REG_SVR     0x0F0 /* spurious interrupt vector */
#define REG_ESR     0x280 /* error status */
#define REG_TIMER   0x320 /* LVT timer */
#define REG_PCINT   0x340 /* LVT performance counter */
#define REG_LINT0   0x350
#define REG_LINT1   0x360
#define REG_ERROR   0x370 /* LVT error */
#define REG_TICR    0x380 /* timer initial count */
#define REG_TCCR    0x390 /* timer current count */
#define REG_TDCR    0x3E0 /* timer divide configuration */

#define SVR_ENABLE     (1U << 8)
#define LVT_MASKED     (1U << 16)
#define LVT_PERIODIC   (1U << 17)
#define TDCR_DIVIDE_16 0x3

static volatile uint32_t *lapic; /* virtual address of the register page */
static uint64_t lapic_phys;
static uint64_t spurious_count;

static uint32_t lapic_read(uint32_t reg)
{
    return lapic[reg / 4];
}

static void lapic_write(uint32_t reg, uint32_t value)
{
    lapic[reg / 4] = value;
    (void)lapic_read(REG_ID); /* wait for the write to land (as xv6 does) */
}

/* Number of LVT entries minus one, from the version register. */
static uint32_t max_lvt(void)
{
    return (lapic_read(REG_VERSION) >> 16) & 0xFF;
}

/* Does this CPU have a local APIC in xAPIC mode? */
static bool xapic_support(void)
{
#if YSOS_SOLVED >= 2
    enum { CPUID_EDX_APIC = 1U << 9 };

    return (cpuid(1).edx & CPUID_EDX_APIC) != 0;
#else
    /* TODO(lab 0x02): check CPUID to see if xAPIC is supported (leaf 1,
     * EDX bit 9). Guide: 0x02 tasks.md "初始化 APIC";
     * Rust: crates/kernel/src/interrupt/apic/xapic.rs support */
    LAB_TODO(2, "xapic_support");
    return false;
#endif
}

/* Global-enables the APIC in its MSR and finds its registers. */
static void lapic_locate(void)
{
    uint64_t base = rdmsr(MSR_APIC_BASE);

    wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
    lapic_phys = base & APIC_BASE_ADDR_MASK;
    lapic = phys_to_virt(lapic_phys);
}

/* Programs this CPU's local APIC: enabled, every local source masked or
 * routed, errors cleared, all priorities accepted. */
static int lapic_setup(void)
{
#if YSOS_SOLVED >= 2
    lapic_write(REG_SVR, SVR_ENABLE | VECTOR_OF_IRQ(IRQ_SPURIOUS));

    /* Quiet until clock.c programs it. */
    lapic_write(REG_TDCR, TDCR_DIVIDE_16);
    lapic_write(REG_TIMER, LVT_MASKED | VECTOR_OF_IRQ(IRQ_TIMER));

    /* LINT0/1 carry the legacy PIC and NMI wiring: not used. */
    lapic_write(REG_LINT0, LVT_MASKED);
    lapic_write(REG_LINT1, LVT_MASKED);
    if (max_lvt() >= 4)
        lapic_write(REG_PCINT, LVT_MASKED);
    lapic_write(REG_ERROR, VECTOR_OF_IRQ(IRQ_ERROR));

    /* Clear stale errors (back-to-back writes), ack anything pending, accept all priorities. */
    lapic_write(REG_ESR, 0);
    lapic_write(REG_ESR, 0);
    lapic_write(REG_EOI, 0);
    lapic_write(REG_TPR, 0);
    return 0;
#else
    /* TODO(lab 0x02): initialize the xAPIC: enable it and set the spurious
     * interrupt vector (SVR); the timer counts down at bus frequency / 16
     * (TDCR), masked until clock.c starts it; disable LINT0, LINT1 and the
     * performance counter interrupt (PCINT); map the error interrupt to
     * IRQ_ERROR; clear the error status register (two writes); ack any
     * outstanding interrupt (EOI); accept all priorities (TPR = 0).
     * Registers: wiki/apic.md, the REG_ and LVT_ constants above.
     * Guide: 0x02 tasks.md "初始化 APIC"; Rust: crates/kernel/src/interrupt/apic/xapic.rs cpu_init
     */
    (void)max_lvt;
    LAB_TODO(2, "lapic_setup");
    return -1;
#endif
}

int xapic_init(void)
{
    if (!xapic_support()) {
        log_error("no local APIC (xAPIC) on this CPU");
        return -1;
    }
    lapic_locate();
    if (lapic_setup() != 0)
        return -1;
    log_debug("Local APIC: id %u, version 0x%x, at 0x%lx", xapic_id(),
              lapic_read(REG_VERSION) & 0xFF, lapic_phys);
    return 0;
}

uint32_t xapic_id(void)
{
    return lapic_read(REG_ID) >> 24;
}

void xapic_eoi(void)
{
    lapic_write(REG_EOI, 0);
}

void xapic_timer_start_periodic(uint8_t vector, uint32_t initial_count)
{
    lapic_write(REG_TDCR, TDCR_DIVIDE_16);
    lapic_write(REG_TIMER, LVT_PERIODIC | vector);
    lapic_write(REG_TICR, initial_count);
}

void xapic_timer_start_masked(uint32_t initial_count)
{
    lapic_write(REG_TDCR, TDCR_DIVIDE_16);
    lapic_write(REG_TIMER, LVT_MASKED | VECTOR_OF_IRQ(IRQ_TIMER));
    lapic_write(REG_TICR, initial_count);
}

uint32_t xapic_timer_current(void)
{
    return lapic_read(REG_TCCR);
}

/*
 * A spurious interrupt is one the APIC withdrew before the CPU took it.
 * Nothing to do, and no EOI (the APIC did not set an in-service bit).
 */
void xapic_spurious_handler(struct trap_frame *tf)
{
    (void)tf;
    spurious_count++;
}

void xapic_error_handler(struct trap_frame *tf)
{
    (void)tf;
    lapic_write(REG_ESR, 0); /* latches the current errors into ESR */
    log_warn("Local APIC error: ESR=0x%x", lapic_read(REG_ESR));
}
