/*
 * proc/zombie.c - the table of uncollected exit codes (see zombie.h).
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

/* A free slot, or else the oldest one (its code is lost). */
static struct zombie *slot_for_new(struct zombie_table *t)
{
    struct zombie *oldest = &t->slots[0];

    for (int i = 0; i < ZOMBIE_MAX; i++) {
        if (t->slots[i].pid == 0)
            return &t->slots[i];
        if (t->slots[i].age < oldest->age)
            oldest = &t->slots[i];
    }
    return oldest;
}

void zombie_add(struct zombie_table *t, uint16_t pid, uint16_t ppid, int64_t code)
{
    struct zombie *z = slot_for_new(t);

    *z = (struct zombie){.pid = pid, .ppid = ppid, .age = t->deaths++, .code = code};
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
        z->pid = 0;
    return true;
}

void zombie_orphan(struct zombie_table *t, uint16_t ppid)
{
    for (int i = 0; i < ZOMBIE_MAX; i++)
        if (t->slots[i].pid != 0 && t->slots[i].ppid == ppid)
            t->slots[i].pid = 0;
}
