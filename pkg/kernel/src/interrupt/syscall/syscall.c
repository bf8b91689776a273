/*
 * interrupt/syscall/syscall.c - the dispatcher: syscall number -> service
 * (Rust: interrupt/syscall/mod.rs, dispatcher()).
 */
#include "interrupt/syscall/syscall.h"

#include <stddef.h>

#include "interrupt/consts.h"
#include "interrupt/interrupt.h"
#include "interrupt/syscall/service.h"
#include "memory/gdt.h"
#include "syscall/syscall.h"

#define USER_DPL 3

/* Syscall number -> service, as the Rust dispatcher's match. */
/* clang-format off */
static const struct {
    uint64_t number;
    void (*service)(struct trap_frame *tf);
} services[] = {
    {SYS_READ, sys_read},
    {SYS_WRITE, sys_write},
    {SYS_OPEN, sys_open},
    {SYS_CLOSE, sys_close},
    {SYS_BRK, sys_brk},
    {SYS_GETPID, sys_get_pid},
    {SYS_VFORK, sys_fork},
    {SYS_SPAWN, sys_spawn},
    {SYS_EXIT, sys_exit},
    {SYS_WAITPID, sys_wait_pid},
    {SYS_KILL, sys_kill},
    {SYS_SEM, sys_sem},
    {SYS_TIME, sys_time},
    {SYS_FOREGROUND, sys_foreground}, /* YSOS-C extension, not in the Rust labs */
    {SYS_STAT, sys_stat},
    {SYS_LISTDIR, sys_list_dir},
    {SYS_FILEKIND, sys_file_kind},
    {SYS_ALLOCATE, sys_allocate},
    {SYS_DEALLOCATE, sys_deallocate},
};
/* clang-format on */

/* The handler of vector 0x80: unknown numbers get !0. */
static void dispatch(struct trap_frame *tf)
{
    for (size_t i = 0; i < sizeof(services) / sizeof(services[0]); i++) {
        if (services[i].number == tf->rax) {
            services[i].service(tf);
            return;
        }
    }
    tf->rax = SYSCALL_ERROR;
}

void syscall_init(void)
{
    interrupt_set_gate(VECTOR_SYSCALL, USER_DPL, IST_SYSCALL);
    interrupt_set_handler(VECTOR_SYSCALL, dispatch);
}
