/*
 * memory/gdt.h - segment selectors, TSS and interrupt-stack indices
 * (Rust: memory/gdt.rs).
 *
 * GDT layout: 0 null, 1 kernel code, 2 kernel data, 3 user code, 4 user
 * data, 5-6 the TSS (a 16-byte system descriptor). User selectors carry
 * RPL 3, as iretq into ring 3 requires.
 */
#ifndef MEMORY_GDT_H
#define MEMORY_GDT_H

#include <stdbool.h>
#include <stdint.h>

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_CS   (0x18 | 3)
#define USER_DS   (0x20 | 3)
#define TSS_SEL   0x28

/*
 * IST slots (the number an IDT gate names; 0 = no IST, stay on the current
 * stack, or switch to rsp0 when coming from ring 3). Same roles as Rust's
 * DOUBLE_FAULT / SYSCALL / PAGE_FAULT IST indices.
 */
#define IST_DOUBLE_FAULT 1
#define IST_SYSCALL      2
#define IST_PAGE_FAULT   3

#define KERNEL_IST_STACK_SIZE 0x4000 /* 16 KiB each */

/* Has gdt_init() put a stack in IST slot `ist`? An IDT gate naming an empty
 * slot would switch to stack 0 and triple-fault. */
bool gdt_ist_ready(uint8_t ist);

/* Builds and loads the GDT and TSS; reloads every segment register. */
void gdt_init(void);

#endif
