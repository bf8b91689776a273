/*
 * crash - commit one kind of fault on purpose, to check that the kernel
 * kills the offending process (and only it) instead of crashing itself.
 *
 * Reads a case name from stdin, prints it, then does it:
 *   null           read address 0
 *   write_text     write into our own code (read-only + executable page)
 *   exec_data      jump into our data (a no-execute page)
 *   kernel_read    read kernel memory (0xFFFF800000000000)
 *   cli, hlt, io   privileged instructions (cli, hlt, inb/outb)
 *   div0           integer division by zero
 *   ud2            invalid opcode
 *   int3           breakpoint
 *   stack_overflow push below the 4 GiB stack slot
 *   ok             no fault: exit 0
 * If the process survives a fault case it says so and exits with 1.
 */
#include <stdio.h>
#include <string.h>

#include <ysos.h>

#define KERNEL_ADDRESS  0xFFFF800000000000ULL
#define STACK_SLOT_SIZE 0x100000000ULL /* 4 GiB per stack */

/* volatile: the compiler must really perform these accesses. */
static volatile uintptr_t null_address = 0;
static volatile int zero = 0, one = 1;
/* A `ret` instruction placed in a writable, non-executable data page. */
static unsigned char data_code[16] = {0xc3};

static void read_null(void)
{
    (void)*(volatile int *)null_address;
}

static void write_text(void)
{
    *(volatile unsigned char *)(uintptr_t)&read_null = 0x90;
}

static void exec_data(void)
{
    void (*code)(void) = (void (*)(void))(uintptr_t)data_code;
    code();
}

static void kernel_read(void)
{
    (void)*(volatile uint64_t *)KERNEL_ADDRESS;
}

static void port_io(void)
{
    unsigned char value;

    __asm__ volatile("inb $0x60, %0" : "=a"(value));
    __asm__ volatile("outb %0, $0x80" : : "a"(value));
}

static void divide_by_zero(void)
{
    /* Both operands from memory: gcc turns 1 / x into compares, not idiv. */
    printf("%d\n", one / zero);
}

/* Move rsp to just below the bottom of this stack's 4 GiB slot and push:
 * what a runaway recursion does when it hits the end of its stack, without
 * first using 4 GiB of memory to get there. */
static void stack_overflow(void)
{
    uintptr_t rsp;

    __asm__ volatile("mov %%rsp, %0" : "=r"(rsp));
    uintptr_t below_slot = (rsp & ~(STACK_SLOT_SIZE - 1)) - 8;
    /* Keep the real rsp in rax so we can come back if the push did not fault. */
    __asm__ volatile("mov %%rsp, %%rax\n\t"
                     "mov %0, %%rsp\n\t"
                     "pushq $0\n\t"
                     "mov %%rax, %%rsp"
                     :
                     : "r"(below_slot)
                     : "rax", "memory");
}

static void cli(void)
{
    __asm__ volatile("cli");
}

static void hlt(void)
{
    __asm__ volatile("hlt");
}

static void ud2(void)
{
    __asm__ volatile("ud2");
}

static void int3(void)
{
    __asm__ volatile("int3");
}

struct crash_case {
    const char *name;
    void (*commit)(void);
};

static const struct crash_case cases[] = {
    {"null", read_null},
    {"write_text", write_text},
    {"exec_data", exec_data},
    {"kernel_read", kernel_read},
    {"cli", cli},
    {"hlt", hlt},
    {"io", port_io},
    {"div0", divide_by_zero},
    {"ud2", ud2},
    {"int3", int3},
    {"stack_overflow", stack_overflow},
};
#define CASE_COUNT (sizeof(cases) / sizeof(cases[0]))

static void print_usage(void)
{
    printf("Cases:");
    for (size_t i = 0; i < CASE_COUNT; i++)
        printf(" %s", cases[i].name);
    printf(" ok\n");
}

int main(void)
{
    char name[32];

    printf("Crash case: ");
    if (read_line(name, sizeof(name)) < 0)
        return 2;
    if (strcmp(name, "ok") == 0) {
        printf("crash: ok (no fault)\n");
        return 0;
    }
    for (size_t i = 0; i < CASE_COUNT; i++) {
        if (strcmp(name, cases[i].name) == 0) {
            printf("crash: %s\n", name);
            cases[i].commit();
            printf("crash: survived '%s'\n", name);
            return 1;
        }
    }
    printf("Unknown case '%s'. ", name);
    print_usage();
    return 2;
}
