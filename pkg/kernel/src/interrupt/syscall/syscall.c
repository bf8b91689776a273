/*
 * interrupt/syscall/syscall.c - the dispatcher: syscall number -> service
 * (Rust: interrupt/syscall/mod.rs, dispatcher()).
 */
#include "interrupt/syscall/syscall.h"

#include <stdbool.h>
#include <stddef.h>

#include "interrupt/consts.h"
#include "interrupt/interrupt.h"
#include "interrupt/syscall/service.h"
#include "memory/gdt.h"
#include "syscall/syscall.h"
#if YSOS_LAB >= 8
#include "syscall/mman.h"
#endif
#include "utils/todo.h"

#define USER_DPL 3

struct service {
    uint64_t number;
    void (*service)(struct trap_frame *tf);
};

/* Syscall number -> service, as the Rust dispatcher's match. */
/* clang-format off */
static const struct service services[] = {
    {SYS_READ, sys_read},
    {SYS_WRITE, sys_write},
    {SYS_OPEN, sys_open},
    {SYS_CLOSE, sys_close},
    {SYS_BRK, sys_brk},
    {SYS_GETPID, sys_get_pid},
    {SYS_SPAWN, sys_spawn},
    {SYS_EXIT, sys_exit},
    {SYS_WAITPID, sys_wait_pid},
    {SYS_KILL, sys_kill},
    {SYS_TIME, sys_time},
    {SYS_FOREGROUND, sys_foreground}, /* YSOS-C extension, not in the Rust labs */
    {SYS_STAT, sys_stat},
    {SYS_LISTDIR, sys_list_dir},
    {SYS_FILEKIND, sys_file_kind},
    {SYS_ALLOCATE, sys_allocate},
    {SYS_DEALLOCATE, sys_deallocate},
};
/* clang-format on */

#if YSOS_LAB >= 5
/* Lab 0x05's calls: fork and semaphores. */
static const struct service lab5_services[] = {
    {SYS_VFORK, sys_fork},
    {SYS_SEM, sys_sem},
};
#endif

#if YSOS_LAB >= 8
/* The lab 0x08 extension: Linux's mmap family (syscall/mman.h). */
static const struct service lab8_services[] = {
    {SYS_MMAP, sys_mmap},
    {SYS_MPROTECT, sys_mprotect},
    {SYS_MUNMAP, sys_munmap},
};
#endif

/* Runs the service of tf->rax from table[0..n); false if it has none. */
static bool run_service(const struct service *table, size_t n, struct trap_frame *tf)
{
    for (size_t i = 0; i < n; i++) {
        if (table[i].number == tf->rax) {
            table[i].service(tf);
            return true;
        }
    }
    return false;
}

#define RUN_SERVICE(table, tf) run_service(table, sizeof(table) / sizeof(table[0]), tf)

/* The handler of vector 0x80: unknown numbers get !0. */
static void dispatch(struct trap_frame *tf)
{
    if (RUN_SERVICE(services, tf))
        return;
#if YSOS_LAB >= 5
    if (RUN_SERVICE(lab5_services, tf))
        return;
#endif
#if YSOS_LAB >= 8
    if (RUN_SERVICE(lab8_services, tf))
        return;
#endif
    tf->rax = SYSCALL_ERROR;
}

#if YSOS_SOLVED >= 4
void syscall_init(void)
{
    interrupt_set_gate(VECTOR_SYSCALL, USER_DPL, IST_SYSCALL);
    interrupt_set_handler(VECTOR_SYSCALL, dispatch);
}
#else
void syscall_init(void)
{
    /* TODO(lab 0x04): register dispatch() as the handler of the syscall
     * vector (VECTOR_SYSCALL, 0x80) on a gate user code (ring 3, DPL 3) may
     * call, with its own stack (IST_SYSCALL): interrupt_set_gate(),
     * interrupt_set_handler(). Guide: 0x04 tasks.md "软中断处理";
     * Rust: crates/kernel/src/interrupt/syscall/mod.rs register_idt() */
    (void)dispatch;
    LAB_TODO(4, "syscall_init");
}
#endif
