/*
 * proc/process.c - PCBs (see process.h).
 *
 * Each PCB takes one whole frame rather than kernel-heap memory: the kernel
 * heap only grows, so a program with many children would raise "frames in
 * use" for good, while a frame goes back to the frame allocator the moment
 * its process ends (lab 0x07 checks that memory returns exactly).
 */
#include "proc/process.h"

#include <stddef.h>

#include "memory/address.h"
#include "memory/frames.h"
#include "memory/size.h"
#include "utils/logger.h"

_Static_assert(sizeof(struct process) <= PAGE_SIZE, "a PCB must fit in one frame");

static char to_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

struct process *process_new(uint16_t pid, uint16_t ppid, const char *name)
{
    uint64_t frame = frame_alloc(); /* zeroed */
    struct process *p;
    size_t i;

    if (frame == 0)
        return NULL;
    p = phys_to_virt(frame);
    p->pid = pid;
    p->ppid = ppid;
    for (i = 0; name[i] != '\0' && i + 1 < PROC_NAME_SIZE; i++)
        p->name[i] = to_lower(name[i]);
    p->name[i] = '\0';
    p->status = PROC_READY;
    return p;
}

void process_free(struct process *p)
{
    if (p != NULL)
        frame_free((uint64_t)p - physical_memory_offset);
}

/* Frees a process that never ran (spawn, fork or a kernel thread failed half-way). */
void process_discard(struct process *p)
{
    if (p == NULL)
        return;
    if (p->data != NULL)
        process_data_release(p->data);
    vm_clean_up(&p->vm);
    process_free(p);
}

const char *process_status_name(enum proc_status status)
{
    static const char *const names[] = {
        [PROC_READY] = "Ready",
        [PROC_RUNNING] = "Running",
        [PROC_BLOCKED] = "Blocked",
        [PROC_DEAD] = "Dead",
    };
    return names[status];
}

void process_print_row(const struct process *p)
{
    char size[24];
    const char *unit = size_scale(vm_memory_usage(&p->vm), 1, size, sizeof(size));

    kprintf(" #%3u | #%3u | %-12s | %7lu | %5s %s | %s\n", p->pid, p->ppid, p->name, p->ticks, size,
            unit, process_status_name(p->status));
}
