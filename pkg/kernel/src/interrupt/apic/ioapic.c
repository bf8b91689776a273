/*
 * interrupt/apic/ioapic.c - the I/O APIC: device IRQ -> CPU vector routing.
 *
 * Two MMIO registers, IOREGSEL (select) and IOWIN (data), give access to
 * indirect registers; redirection entry n is the 64-bit pair at 0x10 + 2n.
 * ISA IRQs are edge-triggered, active high, so an entry is just
 * "vector, delivered to APIC id, masked or not" (Intel 82093AA datasheet).
 */
#include "interrupt/apic/apic.h"
#include "memory/address.h"
#include "utils/logger.h"

#define IOREGSEL 0x00
#define IOWIN    0x10

#define REG_ID      0x00
#define REG_VERSION 0x01
#define REG_REDIR   0x10

#define REDIR_MASKED (1U << 16)

static volatile uint32_t *ioapic;

static uint32_t ioapic_read(uint32_t reg)
{
    ioapic[IOREGSEL / 4] = reg;
    return ioapic[IOWIN / 4];
}

static void ioapic_write(uint32_t reg, uint32_t value)
{
    ioapic[IOREGSEL / 4] = reg;
    ioapic[IOWIN / 4] = value;
}

static void write_redirection(uint8_t irq, uint32_t low, uint32_t apic_id)
{
    ioapic_write(REG_REDIR + 2 * irq, low);
    ioapic_write(REG_REDIR + 2 * irq + 1, apic_id << 24);
}

/* Highest redirection entry index. */
static uint8_t max_redirection(void)
{
    return (ioapic_read(REG_VERSION) >> 16) & 0xFF;
}

void ioapic_init(void)
{
    ioapic = phys_to_virt(IOAPIC_ADDR);
    for (int irq = 0; irq <= max_redirection(); irq++)
        write_redirection((uint8_t)irq, REDIR_MASKED, 0);
    log_debug("IOAPIC: id %u, %u inputs", (ioapic_read(REG_ID) >> 24) & 0xF, max_redirection() + 1);
}

void ioapic_enable(uint8_t irq, uint8_t vector, uint32_t apic_id)
{
    write_redirection(irq, vector, apic_id);
    log_trace("IOAPIC: IRQ %u -> vector 0x%x on CPU %u", irq, vector, apic_id);
}

void ioapic_disable(uint8_t irq)
{
    write_redirection(irq, REDIR_MASKED, 0);
}
