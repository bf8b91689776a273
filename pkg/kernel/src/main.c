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
 * What runs after init depends on the lab stage (docs/labs/README.md):
 * lab 0x01 logs and halts; labs 0x02-0x03 run the kernel console
 * (kconsole.c, the guide's 用户交互); from lab 0x04 kernel_main becomes the
 * kernel process (pid 1): it starts the shell, idles until the shell
 * exits, and shuts the machine down.
 */
#include "arch/x86.h"
#include "boot/bootinfo.h"
#include "drivers/serial.h"
#include "utils/logger.h"
#include "utils/panic.h"
#include "utils/todo.h"
#if YSOS_LAB >= 2
#include "interrupt/clock.h"
#include "interrupt/interrupt.h"
#include "interrupt/serial.h"
#include "kconsole.h"
#include "memory/address.h"
#include "memory/gdt.h"
#include "memory/kstack.h"
#include "memory/memory.h"
#include "utils/clock.h"
#endif
#if YSOS_LAB >= 3
#include "proc/proc.h"
#endif
#if YSOS_LAB >= 4
#include "interrupt/syscall/syscall.h"
#include "memory/user.h"
#endif
#if YSOS_LAB >= 6
#include "drivers/filesystem.h"
#endif

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
    log_debug("boot_info at %p", (const void *)bi);
    if (bi->magic != BOOTINFO_MAGIC)
        panic("boot_info at %p has bad magic 0x%lx", (const void *)bi, bi->magic);
}

#if YSOS_LAB >= 2
/*
 * The IDT, then the interrupt sources. Returns false when an interrupt
 * controller is missing (or not written yet): then nothing may switch
 * interrupts on, or the first one would fault with no handler.
 */
static bool interrupts_init(void)
{
    if (idt_init() != 0)
        return false;
#if YSOS_LAB >= 4
    syscall_init();
#endif
    if (interrupt_controllers_init() != 0)
        return false;
    timer_init();
    clock_init();
    serial_interrupt_init();
    log_info("Interrupts Initialized.");
    return true;
}
#endif

#if YSOS_LAB >= 7
/*
 * Lab 0x07's kernel stack test (Rust: grow_stack): a 32 KiB array on a
 * stack of which the loader mapped only kernel_stack_auto_grow pages makes
 * the kernel fault below its stack, and memory/kstack.c maps the rest.
 * Not static, as the guide's #[no_mangle] pub fn: the call below is the
 * student's (a hole), so the function must not count as unused without it.
 */
__attribute__((noinline)) void grow_stack(void);
__attribute__((noinline)) void grow_stack(void)
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
#endif

#if YSOS_LAB >= 2

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

/*
 * After init: the shell once there are user programs (lab 0x04); before
 * that, or when no shell can start (no APP/shell), the kernel console
 * (kconsole.c). Then the machine powers off.
 */
__attribute__((noreturn)) static void kernel_run(const struct boot_info *bi)
{
#if YSOS_LAB >= 4
    uint16_t shell = proc_spawn_init();

    if (shell != 0) {
        proc_wait_kernel(shell);
        shutdown(bi);
    }
    log_warn("Cannot start the shell: running the kernel console instead");
#endif
    kconsole_run();
    shutdown(bi);
}
#endif

__attribute__((noreturn)) void kernel_main(const struct boot_info *bi)
{
#if YSOS_LAB >= 2
    bool interrupts_ready;
#endif

    irq_disable();
#if YSOS_LAB >= 2
    kstack_init(bi); /* first: the stack may have to grow as soon as faults are handled */
#endif
    console_init(bi);
#if YSOS_LAB >= 2
    memory_init(bi);
    gdt_init();
    interrupts_ready = interrupts_init();
#endif
#if YSOS_LAB >= 4
    user_heap_init();
#endif
#if YSOS_LAB >= 3
    proc_init(bi);
#endif
#if YSOS_LAB >= 2
    if (interrupts_ready) {
        irq_enable();
        log_info("Interrupts Enabled.");
    } else {
        log_warn("Interrupts stay disabled: no IDT or no local APIC");
    }
#endif
#if YSOS_LAB >= 6
    filesystem_init();
#endif
    log_info("YatSenOS initialized.");

#if YSOS_LAB >= 7
#if YSOS_SOLVED >= 7
    log_info("Test stack grow.");
    grow_stack();
    log_info("Stack grow test done.");
#else
    /* TODO(lab 0x07): once the kernel stack grows (kstack_grow), test it
     * here with grow_stack(). Guide: 0x07 tasks.md "内核栈的自动增长";
     * Rust: crates/kernel/src/lib.rs init, grow_stack */
    LAB_TODO(7, "grow_stack test");
#endif
#endif

#if YSOS_LAB >= 2
    kernel_run(bi);
#else
    /* Lab 0x01 ends here: the kernel is loaded and can log. Interrupts are
     * off (no IDT yet), so hlt waits forever. */
    log_info("Hello World from YatSenOS v2!");
    halt_forever();
#endif
}
