/*
 * drivers/input.h - the kernel's input buffer (Rust: drivers/input.rs).
 *
 * The serial receive interrupt pushes bytes in; readers (the Read syscall
 * on fd 0, from the next issue on) pop them. Bytes are passed on as
 * received: no CR/LF or DEL translation (user space's read_line does that).
 */
#ifndef DRIVERS_INPUT_H
#define DRIVERS_INPUT_H

#include <stdbool.h>
#include <stdint.h>

#define INPUT_BUF_SIZE 1024 /* bytes; a power of two */

/*
 * Interrupt context only. Queues one byte and calls the wakeup hook; when
 * the buffer is full the byte is dropped (one warning per overflow).
 */
void input_push(uint8_t c);

/* Takes the oldest byte; false when there is none. Never blocks. */
bool input_pop(uint8_t *c);

/*
 * Registers `fn`, called (in interrupt context) after every byte is queued:
 * the process manager uses it to wake a reader blocked on empty input.
 */
void input_set_wakeup(void (*fn)(void));

#endif
