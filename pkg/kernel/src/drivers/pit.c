/*
 * drivers/pit.c - PIT channel 2 as a polled one-shot timer.
 *
 * Channel 2 is the one whose gate and output we control through port 0x61
 * (originally for the PC speaker), which makes it usable without any
 * interrupt: gate it on in mode 0 ("interrupt on terminal count") and poll
 * the output bit until the count reaches zero. Speaker output stays off.
 */
#include "drivers/pit.h"

#include "arch/x86.h"

#define PIT_CH2_DATA 0x42
#define PIT_COMMAND  0x43
#define PORT_B       0x61 /* system control port B */

#define PORT_B_GATE2   0x01 /* channel 2 gate */
#define PORT_B_SPEAKER 0x02 /* speaker data enable */
#define PORT_B_OUT2    0x20 /* channel 2 output (read only) */

#define CMD_CH2_LOHI_MODE0 0xB0 /* channel 2, lo/hi byte access, mode 0, binary */

void pit_oneshot_start(uint32_t us)
{
    uint32_t count = (uint32_t)((uint64_t)PIT_HZ * us / 1000000);
    uint8_t port_b = inb(PORT_B) & ~(PORT_B_GATE2 | PORT_B_SPEAKER);

    if (count > 0xFFFF)
        count = 0xFFFF;
    outb(PORT_B, port_b); /* gate low: hold the counter */
    outb(PIT_COMMAND, CMD_CH2_LOHI_MODE0);
    outb(PIT_CH2_DATA, count & 0xFF);
    outb(PIT_CH2_DATA, count >> 8);
    outb(PORT_B, port_b | PORT_B_GATE2); /* gate high: count down */
}

bool pit_oneshot_done(void)
{
    return inb(PORT_B) & PORT_B_OUT2;
}
