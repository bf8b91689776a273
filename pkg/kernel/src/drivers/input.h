/*
 * drivers/input.h - the kernel's input buffer (Rust: drivers/input.rs).
 *
 * The serial receive interrupt feeds bytes in; they are decoded as the Rust
 * kernel does (pkg/console: CR -> '\n', DEL -> '\b', whole UTF-8
 * characters) and queued. The Read syscall on fd 0 takes one character at
 * a time. Nothing typed is dropped: when the buffer cannot take another
 * character, the receive interrupt is switched off and the bytes wait in
 * the UART (whose full FIFO holds the sender back) until a reader makes room.
 */
#ifndef DRIVERS_INPUT_H
#define DRIVERS_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INPUT_BUF_SIZE 1024 /* bytes; a power of two */

/* Interrupt context: is there room for one more whole character? */
bool input_has_room(void);

/*
 * Interrupt context, only when input_has_room(). Decodes one received byte;
 * when it completes a character, queues it and calls the wakeup hook.
 */
void input_receive(uint8_t byte);

/* Interrupt context: the buffer is full; stop receiving until a reader
 * makes room (input_read_char turns the receive interrupt back on). */
void input_hold_back(void);

/*
 * One stdin Read: takes the next character (or, for a buffer too small for
 * it, the bytes that fit: console_read_size) into buf. Returns the bytes
 * taken, 0 when nothing is queued. Never blocks.
 */
size_t input_read_char(uint8_t *buf, size_t len);

/*
 * Registers `fn`, called (in interrupt context) after every character is
 * queued: the process manager uses it to wake a reader blocked on input.
 */
void input_set_wakeup(void (*fn)(void));

#endif
