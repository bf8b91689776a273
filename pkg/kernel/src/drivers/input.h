/*
 * drivers/input.h - the kernel's input buffer (Rust: drivers/input.rs).
 *
 * The serial receive interrupt feeds bytes in; they are decoded as the Rust
 * kernel does (pkg/console: CR -> '\n', DEL -> '\b', whole UTF-8
 * characters) and queued. The Read syscall on fd 0 takes one character at
 * a time. Nothing typed is dropped: when the buffer cannot take another
 * character, the receive interrupt is switched off and the bytes wait in
 * the UART (whose full FIFO holds the sender back) until a reader makes room.
 *
 * Ctrl-C (3) may be taken before it is queued: the process manager decides
 * whether it is input or stops the foreground program (proc/foreground.h);
 * this file knows nothing of processes.
 */
#ifndef DRIVERS_INPUT_H
#define DRIVERS_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INPUT_BUF_SIZE 1024 /* bytes; a power of two */

/*
 * Interrupts off: moves what the UART holds into the buffer, decoding each
 * byte; each whole character is queued and the wakeup hook called, except
 * a Ctrl-C the interrupt hook takes. The receive interrupt's handler is
 * this; kernel loops that run long with interrupts off (ListDir) call it
 * too, to see a Ctrl-C in time. The bytes one call finds are a burst: keys
 * typed ahead, pasted, or sent by a program at once.
 */
void input_poll(void);

/*
 * One stdin Read: takes the next character (or, for a buffer too small for
 * it, the bytes that fit: console_read_size) into buf. Returns the bytes
 * taken, 0 when nothing is queued. Never blocks.
 */
size_t input_read_char(uint8_t *buf, size_t len);

/*
 * The kernel console's line input (Rust: input::get_line, lab 0x02):
 * waits for characters, echoing each, until Enter; Backspace deletes the
 * last one. Stores the line without its newline, NUL-terminated, in
 * line[0, size) (size >= 1; characters that do not fit are not taken).
 * Returns its length, or -1 when no input can arrive (interrupts off).
 */
int get_line(char *line, size_t size);

/*
 * Registers `fn`, called (in interrupt context) after every character is
 * queued: the process manager uses it to wake a reader blocked on input.
 */
void input_set_wakeup(void (*fn)(void));

/*
 * Registers `fn`, called (interrupts off) for every Ctrl-C received, with
 * typed_ahead true when other characters of the same burst came before it
 * (they are still queued: nobody reads during a burst). When it returns
 * true it has taken the key, which is then not queued.
 */
void input_set_interrupt(bool (*fn)(bool typed_ahead));

#endif
