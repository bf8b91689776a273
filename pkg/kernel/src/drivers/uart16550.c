/*
 * drivers/uart16550.c - 16550 UART register programming.
 *
 * Registers are at base+0..7 (https://wiki.osdev.org/Serial_Ports). The
 * divisor latch (DLAB) temporarily turns registers 0/1 into the baud-rate
 * divisor of the 115200 Hz base clock.
 */
#include "drivers/uart16550.h"

#include "arch/x86.h"
#include "utils/todo.h"

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
#if YSOS_SOLVED >= 1
    uint16_t divisor = (uint16_t)(UART_CLOCK_HZ / baud);

    outb(base + REG_IER, 0); /* no interrupts while we reprogram */
    outb(base + REG_LCR, LCR_DLAB);
    outb(base + REG_DATA, divisor & 0xff);
    outb(base + REG_IER, divisor >> 8);
    outb(base + REG_LCR, LCR_8N1); /* also clears DLAB */
    outb(base + REG_FCR, FCR_ENABLE | FCR_CLEAR_RX | FCR_CLEAR_TX);
    outb(base + REG_MCR, MCR_DTR | MCR_RTS | MCR_OUT2);
#else
    /* TODO(lab 0x01): initialize the serial port: interrupts off, the baud
     * rate divisor (DLAB), 8N1, FIFOs, modem control (the guide's C init_serial).
     * Guide: 0x01 tasks.md "串口驱动的实现"; Rust: crates/kernel/src/drivers/uart16550.rs init */
    (void)base;
    (void)baud;
    LAB_TODO(1, "uart16550_init");
#endif
}

void uart16550_send(uint16_t base, uint8_t byte)
{
#if YSOS_SOLVED >= 1
    while (!(inb(base + REG_LSR) & LSR_THR_EMPTY))
        cpu_pause();
    outb(base + REG_DATA, byte);
#else
    /* TODO(lab 0x01): send a byte on the serial port: wait until the
     * transmitter is empty (line status), then write the byte. Until then
     * the kernel prints nothing. Guide: 0x01 tasks.md "串口驱动的实现" / "发送数据";
     * Rust: crates/kernel/src/drivers/uart16550.rs send */
    (void)base;
    (void)byte;
    LAB_TODO(1, "uart16550_send");
#endif
}

bool uart16550_receive(uint16_t base, uint8_t *byte)
{
#if YSOS_SOLVED >= 1
    if (!(inb(base + REG_LSR) & LSR_DATA_READY))
        return false;
    *byte = inb(base + REG_DATA);
    return true;
#else
    /* TODO(lab 0x01): receive a byte on the serial port, no wait: false
     * when the line status says no data is ready. Guide: 0x01 tasks.md "串口驱动的实现" /
     * "接收数据"; Rust: crates/kernel/src/drivers/uart16550.rs receive */
    (void)base;
    (void)byte;
    LAB_TODO(1, "uart16550_receive");
    return false;
#endif
}

void uart16550_enable_rx_interrupt(uint16_t base)
{
#if YSOS_SOLVED >= 2
    outb(base + REG_IER, IER_RX_AVAILABLE);
#else
    /* TODO(lab 0x02): enable the serial port's receive interrupt (the
     * guide's outb(PORT + 1, 0x01)). Guide: 0x02 tasks.md "串口输入中断";
     * Rust: crates/kernel/src/drivers/uart16550.rs init */
    (void)base;
    LAB_TODO(2, "uart16550_enable_rx_interrupt");
#endif
}

void uart16550_disable_rx_interrupt(uint16_t base)
{
    outb(base + REG_IER, 0);
}
