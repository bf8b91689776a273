/*
 * interrupt/serial.c - COM1 receive interrupt (Rust: interrupt/serial.rs
 * `receive`): move bytes from the UART into the input buffer, which decodes
 * them as the Rust kernel does (drivers/input.h).
 *
 * The handler drains everything the UART holds, since one interrupt may
 * stand for several bytes in its FIFO, but only while the buffer has room
 * for a whole character: the rest stays in the UART until a reader makes
 * room, so typing ahead of a busy program loses nothing.
 *
 * A Ctrl-C among the bytes may end the foreground program (proc/foreground.h):
 * that happens here, after the bytes are in, where the trap frame of the
 * interrupted process is at hand in case it is the one to end.
 */
#include "interrupt/serial.h"

#include "drivers/input.h"
#include "drivers/serial.h"
#include "interrupt/consts.h"
#include "interrupt/interrupt.h"
#include "proc/proc.h"
#include "utils/logger.h"

static void serial_rx_interrupt(struct trap_frame *tf)
{
    input_poll();
    proc_end_foreground(tf);
}

void serial_interrupt_init(void)
{
    interrupt_set_handler(VECTOR_OF_IRQ(IRQ_SERIAL0), serial_rx_interrupt);
    interrupt_enable_irq(IRQ_SERIAL0);
    serial_enable_rx_interrupt();
    log_debug("Serial0 (COM1) IRQ %d enabled.", IRQ_SERIAL0);
}
