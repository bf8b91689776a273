/*
 * kconsole.c - the kernel's own console (see kconsole.h), run when there is
 * no user shell: always at stages 2-3, and later when no shell can start.
 *
 * Lab 0x02 "用户交互": `> `, a line read with get_line (typed characters
 * echoed, backspace erases), answered with `You said: <line>` and the
 * timer's counter, which shows the clock interrupt runs while the kernel
 * waits for input; `exit` leaves (the kernel then shuts down).
 *
 * Lab 0x03: the commands of the Rust handout's main.rs, run by
 * kconsole_command():
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
#include "interrupt/clock.h"
#include "utils/logger.h"
#include "utils/string.h"
#if YSOS_LAB >= 3
#include "format/format.h"
#include "proc/kthread.h"
#include "proc/proc.h"
#endif

#define KCONSOLE_LINE_MAX 256

/* The line without leading and trailing blanks (Rust: str::trim), in place. */
static char *trim(char *s)
{
    size_t len;

    while (*s == ' ' || *s == '\t')
        s++;
    len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        s[--len] = '\0';
    return s;
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
    char name[32];

    ksnprintf(name, sizeof(name), "#%lu_test", id);
    return spawn_kernel_thread(test_thread, name, id);
}

/* Rust utils/mod.rs new_stack_test_thread(): runs `stack` and waits for it. */
static void new_stack_test_thread(void)
{
    uint16_t pid = spawn_kernel_thread(stack_thread, "stack", 0);

    if (pid != 0)
        proc_wait_kernel(pid);
}
#endif

/*
 * The kernel console's commands. Returns true when `line` was one (and has
 * been answered). Lab 0x02 has none besides "exit"; lab 0x03 adds ps, test
 * and stack.
 */
static bool kconsole_command(const char *line)
{
#if YSOS_LAB >= 3
    static uint64_t test_num;

    if (strcmp(line, "ps") == 0) {
        uint64_t flags = irq_save();
        proc_print_list();
        irq_restore(flags);
        return true;
    }
    if (strcmp(line, "test") == 0) {
        new_test_thread(test_num++);
        return true;
    }
    if (strcmp(line, "stack") == 0) {
        new_stack_test_thread();
        return true;
    }
#endif
    (void)line;
    return false;
}

void kconsole_run(void)
{
    char buf[KCONSOLE_LINE_MAX];

    /* At every log level: the grader's sign that init is done (grader/markers.py READY). */
    kprintf("[+] YatSenOS ready.\n");
    for (;;) {
        char *line;

        kprintf("> ");
        if (get_line(buf, sizeof(buf)) < 0) {
            kprintf("\n");
            log_warn("kernel console: no input can arrive");
            return;
        }
        line = trim(buf);
        if (strcmp(line, "exit") == 0)
            return;
        if (kconsole_command(line))
            continue;
        kprintf("You said: %s\n", line);
        kprintf("The counter value is %lu\n", clock_ticks());
    }
}
