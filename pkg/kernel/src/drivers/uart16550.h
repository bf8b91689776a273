/*
 * drivers/uart16550.h - a polled/interrupt-driven 16550 UART on an I/O port
 * (Rust: drivers/uart16550.rs). drivers/serial.c picks the port (COM1).
 */
#ifndef DRIVERS_UART16550_H
#define DRIVERS_UART16550_H

#include <stdbool.h>
#include <stdint.h>

/* Programs `baud` 8N1, FIFOs on; leaves UART interrupts disabled. */
void uart16550_init(uint16_t base, uint32_t baud);

/* Sends one byte as is, waiting until the transmitter can take it. */
void uart16550_send(uint16_t base, uint8_t byte);

/* Takes one received byte if there is one; never waits. */
bool uart16550_receive(uint16_t base, uint8_t *byte);

/* Raise the UART's interrupt line whenever a received byte is available. */
void uart16550_enable_rx_interrupt(uint16_t base);
void uart16550_disable_rx_interrupt(uint16_t base);

#endif
