/*
 * interrupt/apic/pic.c - switch off the legacy 8259 PICs.
 *
 * The APICs replace them, but the 8259s are still there after boot. We
 * remap them (master to IRQ_BASE, slave to IRQ_BASE + 8, the classic
 * ICW1-ICW4 sequence) so a stray interrupt could not alias a CPU exception
 * vector, then mask every line.
 */
#include "arch/x86.h"
#include "interrupt/apic/apic.h"
#include "interrupt/consts.h"

#define PIC1_CMD  0x20
#define PIC1_DATA 0x21
#define PIC2_CMD  0xA0
#define PIC2_DATA 0xA1

#define ICW1_INIT_ICW4 0x11 /* start initialisation, ICW4 follows */
#define ICW4_8086      0x01
#define PIC_MASK_ALL   0xFF

void pic_disable(void)
{
    outb(PIC1_CMD, ICW1_INIT_ICW4);
    outb(PIC2_CMD, ICW1_INIT_ICW4);
    outb(PIC1_DATA, IRQ_BASE); /* ICW2: vector offset */
    outb(PIC2_DATA, IRQ_BASE + 8);
    outb(PIC1_DATA, 1 << 2); /* ICW3: slave on IRQ 2 */
    outb(PIC2_DATA, 2);      /* ICW3: slave identity */
    outb(PIC1_DATA, ICW4_8086);
    outb(PIC2_DATA, ICW4_8086);
    outb(PIC1_DATA, PIC_MASK_ALL);
    outb(PIC2_DATA, PIC_MASK_ALL);
}
