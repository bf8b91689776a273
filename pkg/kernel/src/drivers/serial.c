/*
 * drivers/serial.c - COM1 as the kernel console.
 *
 * Output is polled (the UART is fast enough, and polling works in any
 * context, including panics). A whole serial_write() runs with interrupts
 * off so that a message printed by an interrupt handler cannot land in the
 * middle of another one.
 */
#include "drivers/serial.h"

#include "arch/x86.h"
#include "drivers/uart16550.h"

void serial_init(void)
{
    uart16550_init(SERIAL_COM1_PORT, SERIAL_BAUD);
}

#define KEY_BACKSPACE 8
#define KEY_DELETE    127

void serial_putc(char c)
{
    if (c == KEY_BACKSPACE || c == KEY_DELETE) {
        uart16550_send(SERIAL_COM1_PORT, KEY_BACKSPACE);
        uart16550_send(SERIAL_COM1_PORT, ' ');
        uart16550_send(SERIAL_COM1_PORT, KEY_BACKSPACE);
        return;
    }
    if (c == '\n')
        uart16550_send(SERIAL_COM1_PORT, '\r');
    uart16550_send(SERIAL_COM1_PORT, (uint8_t)c);
}

void serial_write(const char *buf, size_t len)
{
    uint64_t flags = irq_save();

    for (size_t i = 0; i < len; i++)
        serial_putc(buf[i]);
    irq_restore(flags);
}

bool serial_receive(uint8_t *byte)
{
    return uart16550_receive(SERIAL_COM1_PORT, byte);
}

void serial_enable_rx_interrupt(void)
{
    uart16550_enable_rx_interrupt(SERIAL_COM1_PORT);
}

void serial_disable_rx_interrupt(void)
{
    uart16550_disable_rx_interrupt(SERIAL_COM1_PORT);
}
