/*
 * kconsole.h - the kernel console: reads lines typed on the serial port and
 * answers them (guide 0x02 "用户交互"; Rust: the loop in main.rs).
 */
#ifndef KCONSOLE_H
#define KCONSOLE_H

/*
 * Prompts "> " and reads a line (get_line) until "exit", answering each.
 * Returns on "exit", or at once when no input can arrive (interrupts off).
 * Callable at any stage from kernel context with interrupts on.
 */
void kconsole_run(void);

#endif
