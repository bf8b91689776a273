/*
 * utils/panic.c - the kernel's last words.
 *
 * Output goes straight to the polled serial port, which needs no locks and
 * no interrupts, so it works from any context. A panic while panicking
 * (e.g. a fault while walking a corrupt stack) only prints one line.
 */
#include "utils/panic.h"

#include <stdbool.h>
#include <stdint.h>

#include "arch/x86.h"
#include "utils/logger.h"

#define BACKTRACE_MAX 16

static bool panicking;

void halt_forever(void)
{
    for (;;) {
        irq_disable();
        cpu_hlt();
    }
}

static void dump_control_registers(void)
{
    uint64_t rsp;

    __asm__ volatile("mov %%rsp, %0" : "=r"(rsp));
    kprintf("  RSP    0x%016lx  RBP 0x%016lx  RFLAGS 0x%016lx\n", rsp,
            (uint64_t)__builtin_frame_address(0), read_rflags());
    kprintf("  CR0    0x%016lx  CR2 0x%016lx  CR3    0x%016lx  CR4 0x%016lx\n", read_cr0(),
            read_cr2(), read_cr3(), read_cr4());
}

/* Kernel addresses are in the upper half; anything else ends the walk. */
static bool is_kernel_address(uint64_t va)
{
    return va >= 0xFFFF800000000000ULL;
}

/*
 * Walks the saved-rbp chain (the kernel is built with frame pointers):
 * [rbp] = caller's rbp, [rbp+8] = return address. BACKTRACE_MAX bounds a
 * looping chain; a wild one faults, which ends in the nested-panic line.
 */
static void dump_backtrace(void)
{
    uint64_t *frame = __builtin_frame_address(0);

    kprintf("  Backtrace (most recent call first):\n");
    for (int i = 0; i < BACKTRACE_MAX; i++) {
        if (!is_kernel_address((uint64_t)frame) || ((uint64_t)frame & 7) != 0)
            break;
        uint64_t ret = frame[1];
        uint64_t *next = (uint64_t *)frame[0];

        if (!is_kernel_address(ret))
            break;
        kprintf("    #%02d 0x%016lx\n", i, ret);
        frame = next; /* may cross from an IST stack to the interrupted one */
    }
}

void panic_at(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    irq_disable();
    if (panicking) {
        kprintf("[PANIC] nested panic at %s:%d\n", file, line);
        halt_forever();
    }
    panicking = true;

    kprintf("[PANIC] %s:%d: ", file, line);
    va_start(ap, fmt);
    kvprintf(fmt, ap);
    va_end(ap);
    kprintf("\n");
    dump_control_registers();
    dump_backtrace();
    kprintf("[PANIC] system halted\n");
    halt_forever();
}
