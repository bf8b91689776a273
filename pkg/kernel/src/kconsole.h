#if YSOS_LAB >= 2
/*
 * kconsole.h - the kernel's own console (Rust: the loop of main.rs in the
 * lab 0x02 and 0x03 handouts): a prompt, a line read from the serial
 * console, and the commands of the labs before user programs exist.
 */
#ifndef KCONSOLE_H
#define KCONSOLE_H

/* Reads and answers lines until `exit`; interrupts must be on. */
void kconsole_run(void);

#endif
#endif
