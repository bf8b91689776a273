/*
 * interrupt/serial.h - the COM1 receive interrupt (Rust: interrupt/serial.rs).
 */
#ifndef INTERRUPT_SERIAL_H
#define INTERRUPT_SERIAL_H

/* Routes IRQ 4 through the IOAPIC and turns on the UART's receive interrupt. */
void serial_interrupt_init(void);

#endif
