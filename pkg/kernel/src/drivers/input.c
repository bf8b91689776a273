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
#include "utils/todo.h"

#define KEY_CTRL_C 3

static uint8_t storage[INPUT_BUF_SIZE];
static struct ring input = {.buf = storage, .capacity = INPUT_BUF_SIZE};
static void (*wakeup)(void);
static bool (*interrupt)(bool typed_ahead); /* takes a Ctrl-C that is not input */
static bool held_back;                      /* receive interrupt off until there is room */

_Static_assert((INPUT_BUF_SIZE & (INPUT_BUF_SIZE - 1)) == 0, "ring needs a power of two");

/* Is there room for one more whole character? */
static bool input_has_room(void)
{
    return INPUT_BUF_SIZE - ring_len(&input) >= CONSOLE_CHAR_MAX;
}

#if YSOS_SOLVED >= 2
static struct console_decoder decoder;
static size_t burst; /* characters queued by this input_poll */

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
#else
void input_poll(void)
{
    /* TODO(lab 0x02): receive characters from the uart 16550
     * (serial_receive) and put them into the input buffer (ring_push on
     * `input`), decoded as pkg/console does (console_decode): what the
     * serial interrupt does. Guide: 0x02 tasks.md "串口输入中断";
     * Rust: crates/kernel/src/interrupt/serial.rs receive */
    LAB_TODO(2, "input_poll");
}
#endif

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

#if YSOS_SOLVED >= 2
/*
 * Waits for the next character (Rust: input::pop_key): sleeps until an
 * interrupt queues one. Returns its bytes, 0 when interrupts are off (then
 * nothing would ever arrive).
 */
static size_t pop_key(uint8_t *ch, size_t len)
{
    size_t n;

    while ((n = input_read_char(ch, len)) == 0) {
        if (!(read_rflags() & RFLAGS_IF))
            return 0;
        cpu_hlt(); /* until the next interrupt (at worst the next timer tick) */
    }
    return n;
}

/* Drops the last character of line[0, len): its UTF-8 continuation bytes and its lead byte. */
static size_t drop_last_char(const char *line, size_t len)
{
    while (len > 0 && ((uint8_t)line[len - 1] & 0xC0) == 0x80)
        len--;
    return len > 0 ? len - 1 : 0;
}

int get_line(char *line, size_t size)
{
    uint8_t ch[CONSOLE_CHAR_MAX];
    size_t len = 0, n;

    while ((n = pop_key(ch, sizeof(ch))) > 0) {
        if (ch[0] == '\n') {
            serial_putc('\n');
            line[len] = '\0';
            return (int)len;
        }
        if (ch[0] == '\b') {
            if (len > 0) {
                len = drop_last_char(line, len);
                serial_putc('\b'); /* erases it on the terminal */
            }
            continue;
        }
        if (len + n >= size)
            continue; /* full: the rest of the line is not taken */
        for (size_t i = 0; i < n; i++) {
            line[len++] = (char)ch[i];
            serial_putc((char)ch[i]);
        }
    }
    line[len] = '\0';
    return -1;
}
#else
int get_line(char *line, size_t size)
{
    /* TODO(lab 0x02): get_line: take characters from the input buffer,
     * blocking (pop_key: wait while input_read_char finds none), and echo
     * each one, until a newline; a backspace ('\b') deletes the last
     * character, also on the screen (serial_putc('\b')). Returns the
     * line's length, -1 when no input can come (interrupts off).
     * Guide: 0x02 tasks.md "串口输入中断" (get_line); Rust: crates/kernel/src/drivers/input.rs
     * get_line */
    (void)size;
    line[0] = '\0';
    LAB_TODO(2, "get_line");
    return -1;
}
#endif

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
