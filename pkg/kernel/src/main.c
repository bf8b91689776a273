/*
 * main.c - kernel entry (Rust: main.rs + lib.rs init()).
 *
 * The loader jumps here on its page tables with interrupts off, rsp at the
 * top of the kernel stack and rdi = &boot_info. Bring-up order matters:
 * the console first (so everything after can log), memory next (the APIC
 * registers are reached through the physical-memory map), then segments
 * and the IDT before any interrupt source is switched on.
 */
#include "arch/x86.h"
#include "boot/bootinfo.h"
#include "drivers/serial.h"
#include "interrupt/clock.h"
#include "interrupt/interrupt.h"
#include "interrupt/serial.h"
#include "memory/gdt.h"
#include "memory/memory.h"
#include "utils/clock.h"
#include "utils/logger.h"
#include "utils/panic.h"

#define KERNEL_VERSION "0.7.0"

/* The Rust kernel's get_ascii_header(). */
static const char banner[] = "\n"
                             "__  __      __  _____            ____  _____\n"
                             "\\ \\/ /___ _/ /_/ ___/___  ____  / __ \\/ ___/\n"
                             " \\  / __ `/ __/\\__ \\/ _ \\/ __ \\/ / / /\\__ \\\n"
                             " / / /_/ / /_ ___/ /  __/ / / / /_/ /___/ /\n"
                             "/_/\\__,_/\\__//____/\\___/_/ /_/\\____//____/\n"
                             "\n"
                             "                                       v" KERNEL_VERSION "\n";

static void console_init(const struct boot_info *bi)
{
    serial_init();
    log_init(bi->log_level);
    kprintf("%s", banner);
    log_info("Logger Initialized with level: %s", log_level_name(log_max_level()));
    if (bi->magic != BOOTINFO_MAGIC)
        panic("boot_info at %p has bad magic 0x%lx", (const void *)bi, bi->magic);
}

static void interrupts_init(void)
{
    idt_init();
    interrupt_controllers_init();
    timer_init();
    clock_init();
    serial_interrupt_init();
    log_info("Interrupts Initialized.");
}

__attribute__((noreturn)) void kernel_main(const struct boot_info *bi)
{
    irq_disable();
    console_init(bi);
    memory_init(bi);
    gdt_init();
    interrupts_init();
    irq_enable();
    log_info("Interrupts Enabled.");
    log_info("YatSenOS initialized.");
    for (;;)
        cpu_hlt();
}
