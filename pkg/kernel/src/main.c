/*
 * main.c - kernel entry (Rust: main.rs + lib.rs init()).
 *
 * The loader jumps here on its page tables with interrupts off, rsp at the
 * top of the kernel stack and rdi = &boot_info. Bring-up order matters:
 * the console first (so everything after can log), memory next (the APIC
 * registers are reached through the physical-memory map), then segments
 * and the IDT before any interrupt source is switched on, and the process
 * manager before the first timer tick (every tick may switch processes).
 *
 * kernel_main then becomes the kernel process (pid 1): it starts the
 * shell, idles until the shell exits, and shuts the machine down.
 */
#include "arch/x86.h"
#include "boot/bootinfo.h"
#include "drivers/filesystem.h"
#include "drivers/serial.h"
#include "interrupt/clock.h"
#include "interrupt/interrupt.h"
#include "interrupt/serial.h"
#include "interrupt/syscall/syscall.h"
#include "memory/address.h"
#include "memory/gdt.h"
#include "memory/kstack.h"
#include "memory/memory.h"
#include "memory/user.h"
#include "proc/proc.h"
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
    syscall_init();
    interrupt_controllers_init();
    timer_init();
    clock_init();
    serial_interrupt_init();
    log_info("Interrupts Initialized.");
}

/*
 * Lab 0x07's kernel stack test (Rust: grow_stack): a 32 KiB array on a
 * stack of which the loader mapped only kernel_stack_auto_grow pages makes
 * the kernel fault below its stack, and memory/kstack.c maps the rest.
 */
__attribute__((noinline)) static void grow_stack(void)
{
    enum { WORDS = 1024 * 4, STEP = 64 };
    volatile uint64_t array[WORDS];

    log_info("Stack: %p", (void *)array);
    for (uint64_t i = 0; i < WORDS; i += STEP)
        array[i] = i;
    for (uint64_t i = 0; i < WORDS; i += STEP)
        if (array[i] != i)
            panic("stack grow test: array[%lu] = %lu", i, array[i]);
}

/* UEFI: where ResetSystem is (EFI_SYSTEM_TABLE, EFI_RUNTIME_SERVICES), how to call it. */
#define EFI_SYSTEM_TABLE_RUNTIME_SERVICES 88  /* offset of RuntimeServices */
#define EFI_RUNTIME_SERVICES_RESET_SYSTEM 104 /* offset of ResetSystem */
#define EFI_RESET_SHUTDOWN                2
typedef void(__attribute__((ms_abi)) * efi_reset_system_fn)(uint32_t type, uint64_t status,
                                                            uint64_t data_size, void *data);
/* QEMU's ACPI power-off (PM1a control: SLP_TYP 5 | SLP_EN), if UEFI does not oblige. */
#define ACPI_PM1A_CONTROL 0x604
#define ACPI_SLEEP_S5     0x2000

/*
 * Powers off through UEFI's ResetSystem (the firmware's runtime code runs
 * at its physical addresses: the kernel process's page table still has the
 * firmware's identity map), else through QEMU's ACPI port.
 */
__attribute__((noreturn)) static void shutdown(const struct boot_info *bi)
{
    log_info("YatSenOS shutting down.");
    irq_disable();
    if (bi->system_table != 0) {
        uint64_t runtime =
            *(uint64_t *)phys_to_virt(bi->system_table + EFI_SYSTEM_TABLE_RUNTIME_SERVICES);
        efi_reset_system_fn reset =
            *(efi_reset_system_fn *)phys_to_virt(runtime + EFI_RUNTIME_SERVICES_RESET_SYSTEM);
        reset(EFI_RESET_SHUTDOWN, 0, 0, 0);
    }
    outw(ACPI_PM1A_CONTROL, ACPI_SLEEP_S5);
    halt_forever();
}

#if YSOS_LAB >= 4
void kconsole_run(void); /* pkg/kernel/src/kconsole.c: the labs 0x02-0x03 console */
#endif

__attribute__((noreturn)) void kernel_main(const struct boot_info *bi)
{
#if YSOS_LAB >= 4
    uint16_t shell;
#endif

    irq_disable();
    kstack_init(bi); /* first: the stack may have to grow as soon as faults are handled */
    console_init(bi);
    memory_init(bi);
    gdt_init();
    interrupts_init();
    user_heap_init();
    proc_init(bi);
    irq_enable();
    log_info("Interrupts Enabled.");
    filesystem_init();
    log_info("YatSenOS initialized.");

    log_info("Test stack grow.");
    grow_stack();
    log_info("Stack grow test done.");

#if YSOS_LAB >= 4
    shell = proc_spawn_init();
    if (shell == 0) {
        /* No /APP/SHELL (loaded or on disk), or it failed to load: the kernel
         * console of labs 0x02-0x03 still lets one look around. */
        log_warn("Cannot start the shell: running the kernel console instead");
        kconsole_run();
    } else {
        proc_wait_kernel(shell);
    }
#endif
    shutdown(bi);
}
