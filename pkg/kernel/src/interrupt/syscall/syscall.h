/*
 * interrupt/syscall/syscall.h - the system call gate (Rust:
 * interrupt/syscall/mod.rs).
 *
 * User programs enter with `int 0x80` (SPEC section 5): rax = number, rdi,
 * rsi, rdx = arguments, result in rax; entry.S saves and restores every
 * other register, so they come back unchanged. The gate has DPL 3 (ring 3
 * may use it) and runs on its own IST stack; like every gate here it is an
 * interrupt gate, so a syscall runs with interrupts off from start to end.
 */
#ifndef INTERRUPT_SYSCALL_SYSCALL_H
#define INTERRUPT_SYSCALL_SYSCALL_H

/* Opens vector 0x80 to user mode and routes it to the dispatcher. */
void syscall_init(void);

#endif
