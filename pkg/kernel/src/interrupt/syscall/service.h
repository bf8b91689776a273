/*
 * interrupt/syscall/service.h - one function per system call (Rust:
 * interrupt/syscall/service.rs). Each takes the caller's trap frame: the
 * arguments are tf->rdi, tf->rsi, tf->rdx and the result goes to tf->rax
 * (see SPEC section 5 for what each returns). Calls that block, fork or end
 * the caller may leave another process's frame in tf.
 */
#ifndef INTERRUPT_SYSCALL_SERVICE_H
#define INTERRUPT_SYSCALL_SERVICE_H

#include "interrupt/trap.h"

#include "syscall/syscall.h" /* SYSCALL_PATH_MAX */

void sys_read(struct trap_frame *tf);       /* fd, buf, len -> bytes or -1 */
void sys_write(struct trap_frame *tf);      /* fd, buf, len -> bytes or -1 */
void sys_open(struct trap_frame *tf);       /* path, len, mode -> fd >= 3 or 0 */
void sys_close(struct trap_frame *tf);      /* fd -> 1 ok, 0 fail */
void sys_brk(struct trap_frame *tf);        /* addr (0 = query) -> break or !0 */
void sys_get_pid(struct trap_frame *tf);    /* -> pid */
void sys_fork(struct trap_frame *tf);       /* -> child pid / 0 in the child */
void sys_spawn(struct trap_frame *tf);      /* path, len -> pid or 0 */
void sys_exit(struct trap_frame *tf);       /* code -> does not return */
void sys_wait_pid(struct trap_frame *tf);   /* pid -> exit code (blocks) */
void sys_kill(struct trap_frame *tf);       /* pid */
void sys_sem(struct trap_frame *tf);        /* op, key, value -> 0 ok, 1 failed, !0 bad op */
void sys_time(struct trap_frame *tf);       /* -> ns since the Unix epoch */
void sys_foreground(struct trap_frame *tf); /* pid -> 0, 1 (a Ctrl-C caught) or !0 */
void sys_stat(struct trap_frame *tf);       /* prints the process table */
void sys_list_dir(struct trap_frame *tf);   /* path, len: prints the listing */
void sys_file_kind(struct trap_frame *tf);  /* path, len -> enum file_kind or !0 */
void sys_allocate(struct trap_frame *tf);   /* &layout -> ptr or 0 */
void sys_deallocate(struct trap_frame *tf); /* ptr, &layout */

#if YSOS_LAB >= 8
/* The mmap family (syscall/mman.h): arguments 4-6 in r10, r8, r9; address/0 or -errno. */
void sys_mmap(struct trap_frame *tf);     /* addr, len, prot, flags, fd, offset */
void sys_mprotect(struct trap_frame *tf); /* addr, len, prot */
void sys_munmap(struct trap_frame *tf);   /* addr, len */
#endif

#endif
