#if YSOS_LAB >= 2
/*
 * kconsole.c - the kernel's own console (see kconsole.h).
 *
 * Lab 0x02: the loop. `> ` then a line (typed characters echoed, backspace
 * erases), answered with `You said: <line>`; `exit` leaves (the kernel then
 * shuts down). The kernel process reads the input buffer the serial
 * interrupt fills and halts until the next interrupt while it is empty.
 *
 * Lab 0x03: the commands of the Rust handout's main.rs, run by command():
 *   ps     the process list (manager_print_list, as the shell's ps);
 *   test   a kernel thread `#<n>_test` printing "\r<n> => Tick!" now and
 *          then (Rust utils/func.rs test); start five to see them take turns;
 *   stack  a kernel thread `stack` whose 32 KiB array outgrows its first
 *          stack pages (Rust huge_stack): its page faults grow the stack;
 *          the console waits until it has exited.
 */
#include "kconsole.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/x86.h"
#include "drivers/input.h"
#include "drivers/serial.h"
#include "utils/logger.h"
#include "utils/string.h"
#if YSOS_LAB >= 3
#include "proc/kthread.h"
#include "proc/proc.h"
#endif

#define LINE_SIZE 128

/* One line from the console into line (NUL-terminated, no newline), echoed as typed. */
static void get_line(char *line, size_t size)
{
    size_t len = 0;

    for (;;) {
        uint8_t ch[4];
        size_t n = input_read_char(ch, sizeof(ch));

        if (n == 0) {
            cpu_hlt(); /* until the next interrupt: a key, or the timer */
            continue;
        }
        if (ch[0] == '\n') {
            serial_write("\n", 1);
            break;
        }
        if (ch[0] == '\b') {
            /* Erase a whole UTF-8 character: its continuation bytes first. */
            while (len > 0 && ((uint8_t)line[len - 1] & 0xC0) == 0x80)
                len--;
            if (len > 0) {
                len--;
                serial_write("\b \b", 3);
            }
            continue;
        }
        if (ch[0] < ' ' || len + n >= size)
            continue;
        memcpy(line + len, ch, n);
        len += n;
        serial_write((const char *)ch, n);
    }
    line[len] = '\0';
}

/* line without leading and trailing blanks (in place). */
static char *trim(char *line)
{
    size_t len;

    while (*line == ' ' || *line == '\t')
        line++;
    len = strlen(line);
    while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        line[--len] = '\0';
    return line;
}

#if YSOS_LAB >= 3
/* Loops (each waits for one interrupt) between two Ticks: with five of these
 * threads and the kernel taking turns each 1 ms tick, about 0.6 s. */
#define TICK_PERIOD 100

/* Rust utils/func.rs test(): prints its id now and then, forever. */
static void test_thread(uint64_t id)
{
    for (unsigned count = 0;;) {
        if (++count == TICK_PERIOD) {
            count = 0;
            kprintf("\r%-6lu => Tick!", id);
        }
        cpu_hlt();
    }
}

/* Rust utils/func.rs huge_stack(): 32 KiB on the stack, every 256th word printed. */
__attribute__((noinline)) static void huge_stack(void)
{
    enum { WORDS = 0x1000, STEP = 256 };
    volatile uint64_t stack[WORDS];

    kprintf("Huge stack testing...\n");
    for (uint64_t i = 0; i < WORDS; i++)
        stack[i] = i;
    for (uint64_t i = 0; i < WORDS / STEP; i++)
        kprintf("0x%03lx == 0x%03lx\n", i * STEP, stack[i * STEP]);
}

/* Rust utils/func.rs stack_test(). */
static void stack_thread(uint64_t arg)
{
    (void)arg;
    huge_stack();
    kthread_exit(0);
}

/* Rust utils/mod.rs new_test_thread(): thread `#<id>_test`. */
static uint16_t new_test_thread(uint64_t id)
{
    char digits[20], name[32] = "#";
    size_t n = 0, len = 1;
    uint64_t v = id;

    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) != 0 && n < sizeof(digits));
    while (n > 0)
        name[len++] = digits[--n];
    memcpy(name + len, "_test", sizeof("_test"));
    return spawn_kernel_thread(test_thread, name, id);
}

/* Rust utils/mod.rs new_stack_test_thread(): runs `stack` and waits for it. */
static void new_stack_test_thread(void)
{
    uint16_t pid = spawn_kernel_thread(stack_thread, "stack", 0);

    if (pid != 0)
        proc_wait_kernel(pid);
}

/* The lab 0x03 commands; false when line is none of them. */
static bool command(const char *line)
{
    static uint64_t test_num;

    if (strcmp(line, "ps") == 0) {
        uint64_t flags = irq_save();
        proc_print_list();
        irq_restore(flags);
    } else if (strcmp(line, "test") == 0) {
        new_test_thread(test_num++);
    } else if (strcmp(line, "stack") == 0) {
        new_stack_test_thread();
    } else {
        return false;
    }
    return true;
}
#endif

void kconsole_run(void)
{
    char buf[LINE_SIZE];

    for (;;) {
        char *line;

        kprintf("> ");
        get_line(buf, sizeof(buf));
        line = trim(buf);
        if (strcmp(line, "exit") == 0)
            return;
#if YSOS_LAB >= 3
        if (command(line))
            continue;
#endif
        kprintf("You said: %s\n", line);
    }
}
#endif
