/*
 * drivers/serial.h - the kernel console: COM1 (Rust: drivers/serial.rs).
 * Everything the kernel and user programs print goes through here.
 */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SERIAL_COM1_PORT 0x3F8
#define SERIAL_BAUD      115200

void serial_init(void);

/*
 * Console output. '\n' becomes "\r\n" so lines start at column 0 on a
 * terminal; Backspace (8) and DEL (127) become "\b \b", which erases the
 * character left of the cursor, as the Rust kernel's uart16550.rs `send`
 * does (yslib's read_line echoes a lone '\b' for Backspace).
 */
void serial_putc(char c);
void serial_write(const char *buf, size_t len);

/* One received byte, if any (used by the receive interrupt). */
bool serial_receive(uint8_t *byte);

/* Turns the COM1 "byte received" interrupt (IRQ 4) on or off. */
void serial_enable_rx_interrupt(void);
void serial_disable_rx_interrupt(void);

#endif
