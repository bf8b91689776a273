/*
 * drivers/input.c - characters received on the console, waiting to be read
 * (see input.h).
 *
 * The buffer holds decoded bytes; a character goes in whole or not at all.
 * Filling happens in the serial interrupt (interrupts off); reading turns
 * interrupts off briefly, which is all the locking one CPU needs.
 */
#include "drivers/input.h"

#include <console/console.h>

#include "arch/x86.h"
#include "drivers/serial.h"
#include "utils/ring.h"

static uint8_t storage[INPUT_BUF_SIZE];
static struct ring input = {.buf = storage, .capacity = INPUT_BUF_SIZE};
static struct console_decoder decoder;
static void (*wakeup)(void);
static bool held_back; /* receive interrupt off until there is room */

_Static_assert((INPUT_BUF_SIZE & (INPUT_BUF_SIZE - 1)) == 0, "ring needs a power of two");

bool input_has_room(void)
{
    return INPUT_BUF_SIZE - ring_len(&input) >= CONSOLE_CHAR_MAX;
}

void input_receive(uint8_t byte)
{
    uint8_t ch[CONSOLE_CHAR_MAX];
    size_t n = console_decode(&decoder, byte, ch);

    if (n == 0)
        return;
    for (size_t i = 0; i < n; i++)
        ring_push(&input, ch[i]);
    if (wakeup != NULL)
        wakeup();
}

void input_hold_back(void)
{
    held_back = true;
    serial_disable_rx_interrupt();
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
