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
#include "utils/logger.h"
#include "utils/todo.h"
#if YSOS_LAB >= 4
#include "proc/proc.h"
#endif

static void serial_rx_interrupt(struct trap_frame *tf)
{
    input_poll();
#if YSOS_LAB >= 4
    proc_end_foreground(tf);
#else
    (void)tf;
#endif
}

void serial_interrupt_init(void)
{
    interrupt_set_handler(VECTOR_OF_IRQ(IRQ_SERIAL0), serial_rx_interrupt);
#if YSOS_SOLVED >= 2
    interrupt_enable_irq(IRQ_SERIAL0);
#else
    /* TODO(lab 0x02): enable the serial IRQ (IRQ_SERIAL0, not its vector)
     * with the IO APIC (interrupt_enable_irq). Guide: 0x02 tasks.md
     * "串口输入中断"; Rust: crates/kernel/src/interrupt/mod.rs init */
    LAB_TODO(2, "serial_interrupt_init");
#endif
    serial_enable_rx_interrupt();
    log_debug("Serial0 (COM1) IRQ %d enabled.", IRQ_SERIAL0);
}
