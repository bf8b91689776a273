/*
 * proc/processor.c - the current pid of each CPU (see processor.h).
 *
 * The CPU is told apart by its local APIC id (CPUID leaf 1, EBX[31:24]),
 * as the Rust kernel does.
 */
#include "proc/processor.h"

#include <stdbool.h>

#include "arch/x86.h"
#include "utils/logger.h"

static uint16_t running[MAX_CPUS]; /* 0 = idle / not started */
static bool slice_new[MAX_CPUS];   /* switched since the last timer tick */

static unsigned cpu_id(void)
{
    return (cpuid(1).ebx >> 24) % MAX_CPUS;
}

uint16_t processor_current_pid(void)
{
    return running[cpu_id()];
}

void processor_set_pid(uint16_t pid)
{
    unsigned cpu = cpu_id();

    running[cpu] = pid;
    slice_new[cpu] = true;
}

bool processor_take_new_slice(void)
{
    unsigned cpu = cpu_id();
    bool was_new = slice_new[cpu];

    slice_new[cpu] = false;
    return was_new;
}

void processor_print(void)
{
    bool first = true;

    kprintf("CPUs   : ");
    for (unsigned cpu = 0; cpu < MAX_CPUS; cpu++) {
        if (running[cpu] == 0)
            continue;
        kprintf("%s[%u: %u]", first ? "" : ", ", cpu, running[cpu]);
        first = false;
    }
    kprintf("\n");
}
