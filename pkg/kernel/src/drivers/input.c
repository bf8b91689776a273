/*
 * drivers/input.c - characters received on the console, waiting to be read
 * (see input.h).
 *
 * The buffer holds decoded bytes; a character goes in whole or not at all.
 * Filling happens in the serial interrupt (interrupts off); reading turns
 * interrupts off briefly, which is all the locking one CPU needs. A
 * decoded Ctrl-C is offered to the interrupt hook before it is queued.
 */
#include "drivers/input.h"

#include <console/console.h>

#include "arch/x86.h"
#include "drivers/serial.h"
#include "utils/ring.h"

#define KEY_CTRL_C 3

static uint8_t storage[INPUT_BUF_SIZE];
static struct ring input = {.buf = storage, .capacity = INPUT_BUF_SIZE};
static struct console_decoder decoder;
static void (*wakeup)(void);
static bool (*interrupt)(bool typed_ahead); /* takes a Ctrl-C that is not input */
static size_t burst;                        /* characters queued by this input_poll */
static bool held_back;                      /* receive interrupt off until there is room */

_Static_assert((INPUT_BUF_SIZE & (INPUT_BUF_SIZE - 1)) == 0, "ring needs a power of two");

/* Is there room for one more whole character? */
static bool input_has_room(void)
{
    return INPUT_BUF_SIZE - ring_len(&input) >= CONSOLE_CHAR_MAX;
}

/* Decodes one received byte; queues a completed character (see input.h). */
static void input_receive(uint8_t byte)
{
    uint8_t ch[CONSOLE_CHAR_MAX];
    size_t n = console_decode(&decoder, byte, ch);

    if (n == 0)
        return;
    if (n == 1 && ch[0] == KEY_CTRL_C && interrupt != NULL && interrupt(burst > 0))
        return;
    for (size_t i = 0; i < n; i++)
        ring_push(&input, ch[i]);
    burst++;
    if (wakeup != NULL)
        wakeup();
}

/* The buffer is full: stop receiving until a reader makes room
 * (input_read_char turns the receive interrupt back on). */
static void input_hold_back(void)
{
    held_back = true;
    serial_disable_rx_interrupt();
}

void input_poll(void)
{
    uint8_t c;

    burst = 0;
    while (input_has_room() && serial_receive(&c))
        input_receive(c);
    if (!input_has_room())
        input_hold_back();
}

size_t input_read_char(uint8_t *buf, size_t len)
{
    uint64_t flags = irq_save();
    size_t n = 0;
    uint8_t lead;

    if (len > 0 && ring_peek(&input, &lead)) {
        n = console_read_size(lead, len);
        for (size_t i = 0; i < n; i++)
            ring_pop(&input, &buf[i]);
    }
    if (held_back && input_has_room()) {
        held_back = false;
        serial_enable_rx_interrupt(); /* the UART raises it again if bytes wait */
    }
    irq_restore(flags);
    return n;
}

void input_set_wakeup(void (*fn)(void))
{
    uint64_t flags = irq_save();

    wakeup = fn;
    irq_restore(flags);
}

void input_set_interrupt(bool (*fn)(bool typed_ahead))
{
    uint64_t flags = irq_save();

    interrupt = fn;
    irq_restore(flags);
}
