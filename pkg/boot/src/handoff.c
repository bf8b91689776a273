/*
 * handoff.c - leave UEFI and enter the kernel (Rust: the end of
 * crates/boot/src/main.rs and jump_to_entry in crates/boot/src/lib.rs).
 *
 * ExitBootServices only succeeds with the key of the *current* memory map;
 * anything that allocates in between (even firmware console output) makes it
 * fail with EFI_INVALID_PARAMETER, so the map is re-read and the call
 * retried a few times. The memory map the kernel gets is copied from that
 * final map, after the exit.
 */
#include "loader.h"

#define EXIT_ATTEMPTS 4
#define SLACK_DESCS   8

static int exit_boot_services(struct memmap *map)
{
    for (int attempt = 0; attempt < EXIT_ATTEMPTS; attempt++) {
        if (EFI_ERROR(memmap_refresh(map)))
            return 0;
        EFI_STATUS status = efi_st->BootServices->ExitBootServices(efi_image, map->key);
        if (status == EFI_SUCCESS)
            return 1;
        if (status != EFI_INVALID_PARAMETER)
            return 0;
    }
    return 0;
}

/*
 * The jump itself: switch to the kernel's page tables and stack and go to
 * the SysV entry `kernel_main(const struct boot_info *)` with rdi = bi and
 * rsp = stack top - 8 (as if just called). The loader keeps running for
 * these few instructions after the CR3 load thanks to the copied identity
 * map. Interrupts stay off until the kernel has its own IDT.
 */
__attribute__((noreturn)) static void enter_kernel(uint64_t cr3, uint64_t entry, uint64_t rsp,
                                                   uint64_t bi)
{
    __asm__ volatile("cli\n\t"
                     "mov %0, %%cr3\n\t"
                     "mov %1, %%rsp\n\t"
                     "xor %%ebp, %%ebp\n\t"
                     "jmp *%2"
                     :
                     : "r"(cr3), "r"(rsp), "r"(entry), "D"(bi)
                     : "memory");
    __builtin_unreachable();
}

void handoff(struct boot_info *bi, uint64_t *p4, uint64_t entry, uint64_t stack_top)
{
    struct memmap map;
    EFI_STATUS status;

    frames_release_spare(); /* before the final map, so the kernel gets those pages */
    status = memmap_get(&map, SLACK_DESCS);
    if (EFI_ERROR(status))
        fatal("cannot read the memory map: %s", efi_status_text(status));

    log_info("Exiting boot services...");
    if (!exit_boot_services(&map)) {
        log_boot_services_exited(); /* the console may be gone: use COM1 */
        fatal("ExitBootServices failed %d times", EXIT_ATTEMPTS);
    }
    log_boot_services_exited();

    memmap_to_bootinfo(&map, bi);
    enter_kernel((uint64_t)p4, entry, stack_top, (uint64_t)bi + bi->physical_memory_offset);
}
