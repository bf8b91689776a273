/*
 * drivers/input.c - bytes received on the console, waiting to be read.
 *
 * Filled by the serial interrupt, drained by readers. Pushing happens with
 * interrupts already off (in the handler); popping turns them off briefly,
 * which is all the locking one CPU needs. When readers fall behind, new
 * bytes are dropped rather than making the interrupt wait: the first drop
 * of each overflow episode is logged, the rest are silent until the buffer
 * has drained again.
 */
#include "drivers/input.h"

#include <stddef.h>

#include "arch/x86.h"
#include "utils/logger.h"
#include "utils/ring.h"

static uint8_t storage[INPUT_BUF_SIZE];
static struct ring input = {.buf = storage, .capacity = INPUT_BUF_SIZE};
static void (*wakeup)(void);
static bool overflow_reported;

_Static_assert((INPUT_BUF_SIZE & (INPUT_BUF_SIZE - 1)) == 0, "ring needs a power of two");

void input_push(uint8_t c)
{
    if (!ring_push(&input, c)) {
        if (!overflow_reported)
            log_warn("Input buffer is full (%d bytes): dropping input", INPUT_BUF_SIZE);
        overflow_reported = true;
    }
    if (wakeup != NULL)
        wakeup();
}

bool input_pop(uint8_t *c)
{
    uint64_t flags = irq_save();
    bool got = ring_pop(&input, c);

    if (ring_len(&input) == 0)
        overflow_reported = false; /* a later overflow is a new episode */
    irq_restore(flags);
    return got;
}

void input_set_wakeup(void (*fn)(void))
{
    uint64_t flags = irq_save();

    wakeup = fn;
    irq_restore(flags);
}
