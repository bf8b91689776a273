/*
 * proc/zombie.c - the table of uncollected exit codes (see zombie.h).
 *
 * A few hundred slots searched linearly: WaitPid, exit and pid allocation
 * each scan it once, which costs nothing next to a context switch.
 */
#include "proc/zombie.h"

#include <stddef.h>

void zombie_table_init(struct zombie_table *t)
{
    *t = (struct zombie_table){0};
}

static struct zombie *find(struct zombie_table *t, uint16_t pid)
{
    for (int i = 0; i < ZOMBIE_MAX; i++)
        if (t->slots[i].pid == pid && pid != 0)
            return &t->slots[i];
    return NULL;
}

static void drop(struct zombie_table *t, struct zombie *z)
{
    z->pid = 0;
    t->count--;
}

static struct zombie *free_slot(struct zombie_table *t)
{
    for (int i = 0; i < ZOMBIE_MAX; i++)
        if (t->slots[i].pid == 0)
            return &t->slots[i];
    return NULL;
}

bool zombie_add(struct zombie_table *t, uint16_t pid, uint16_t ppid, int64_t code)
{
    struct zombie *z = pid != 0 ? free_slot(t) : NULL;

    if (z == NULL)
        return false;
    *z = (struct zombie){.pid = pid, .ppid = ppid, .code = code};
    t->count++;
    return true;
}

unsigned zombie_count(const struct zombie_table *t)
{
    return t->count;
}

bool zombie_room(const struct zombie_table *t, unsigned live)
{
    return live + t->count < ZOMBIE_MAX;
}

bool zombie_exists(const struct zombie_table *t, uint16_t pid)
{
    return find((struct zombie_table *)t, pid) != NULL;
}

bool zombie_collect(struct zombie_table *t, uint16_t pid, uint16_t waiter, int64_t *code)
{
    struct zombie *z = find(t, pid);

    if (z == NULL)
        return false;
    *code = z->code;
    if (z->ppid == waiter)
        drop(t, z);
    return true;
}

void zombie_orphan(struct zombie_table *t, uint16_t ppid)
{
    for (int i = 0; i < ZOMBIE_MAX; i++)
        if (t->slots[i].pid != 0 && t->slots[i].ppid == ppid)
            drop(t, &t->slots[i]);
}
