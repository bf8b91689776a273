/*
 * interrupt/serial.c - COM1 receive interrupt: move bytes from the UART
 * into the input buffer (the "top half"; readers do the rest later).
 *
 * The handler drains everything the UART holds, since one interrupt may
 * stand for several bytes in its FIFO.
 */
#include "interrupt/serial.h"

#include "drivers/input.h"
#include "drivers/serial.h"
#include "interrupt/consts.h"
#include "interrupt/interrupt.h"
#include "utils/logger.h"

static void serial_rx_interrupt(struct trap_frame *tf)
{
    uint8_t c;

    (void)tf;
    while (serial_receive(&c))
        input_push(c);
}

void serial_interrupt_init(void)
{
    interrupt_set_handler(VECTOR_OF_IRQ(IRQ_SERIAL0), serial_rx_interrupt);
    interrupt_enable_irq(IRQ_SERIAL0);
    serial_enable_rx_interrupt();
    log_debug("Serial0 (COM1) IRQ %d enabled.", IRQ_SERIAL0);
}
