/*
 * drivers/uart16550.c - 16550 UART register programming.
 *
 * Registers are at base+0..7 (https://wiki.osdev.org/Serial_Ports). The
 * divisor latch (DLAB) temporarily turns registers 0/1 into the baud-rate
 * divisor of the 115200 Hz base clock.
 */
#include "drivers/uart16550.h"

#include "arch/x86.h"

#define UART_CLOCK_HZ 115200

/* Register offsets from the base port. */
#define REG_DATA 0 /* rx/tx holding register; divisor low byte when DLAB=1 */
#define REG_IER  1 /* interrupt enable; divisor high byte when DLAB=1 */
#define REG_FCR  2 /* FIFO control (write) */
#define REG_LCR  3 /* line control */
#define REG_MCR  4 /* modem control */
#define REG_LSR  5 /* line status */

#define LCR_8N1  0x03 /* 8 data bits, no parity, 1 stop bit */
#define LCR_DLAB 0x80 /* divisor latch access */

#define FCR_ENABLE   0x01
#define FCR_CLEAR_RX 0x02
#define FCR_CLEAR_TX 0x04 /* trigger level bits 6-7 = 0: interrupt per byte */

#define MCR_DTR  0x01
#define MCR_RTS  0x02
#define MCR_OUT2 0x08 /* gates the UART interrupt onto the IRQ line */

#define IER_RX_AVAILABLE 0x01

#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20

void uart16550_init(uint16_t base, uint32_t baud)
{
    uint16_t divisor = (uint16_t)(UART_CLOCK_HZ / baud);

    outb(base + REG_IER, 0); /* no interrupts while we reprogram */
    outb(base + REG_LCR, LCR_DLAB);
    outb(base + REG_DATA, divisor & 0xff);
    outb(base + REG_IER, divisor >> 8);
    outb(base + REG_LCR, LCR_8N1); /* also clears DLAB */
    outb(base + REG_FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX);
    outb(base + REG_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
}

void uart16550_send(uint16_t base, uint8_t byte)
{
    while (!(inb(base + REG_LSR) & LSR_THR_EMPTY))
        cpu_pause();
    outb(base + REG_DATA, byte);
}

bool uart16550_receive(uint16_t base, uint8_t *byte)
{
    if (!(inb(base + REG_LSR) & LSR_DATA_READY))
        return false;
    *byte = inb(base + REG_DATA);
    return true;
}

void uart16550_enable_rx_interrupt(uint16_t base)
{
    outb(base + REG_IER, IER_RX_AVAILABLE);
}

void uart16550_disable_rx_interrupt(uint16_t base)
{
    outb(base + REG_IER, 0);
}
