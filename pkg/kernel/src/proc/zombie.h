/*
 * proc/zombie.h - exit codes nobody has collected yet.
 *
 * A process that dies while its parent is alive and not waiting for it
 * leaves its exit code for a later WaitPid (SPEC: "a dead child's code
 * stays available"). Only the code is kept, in this small table: the PCB
 * and everything else go back at once, so a parent that never waits (the
 * shell after `nohup`) costs no memory. The parent's WaitPid takes the code
 * out; when the parent dies, its children's codes go too. If the table is
 * full the oldest code is dropped.
 *
 * Portable (no kernel headers): tests/test_proc_zombie.c runs it on the host.
 */
#ifndef PROC_ZOMBIE_H
#define PROC_ZOMBIE_H

#include <stdbool.h>
#include <stdint.h>

#define ZOMBIE_MAX 64

struct zombie {
    uint16_t pid;  /* 0 = free slot */
    uint16_t ppid; /* who may collect it */
    uint64_t age;  /* order of death, to drop the oldest */
    int64_t code;
};

struct zombie_table {
    struct zombie slots[ZOMBIE_MAX];
    uint64_t deaths;
};

void zombie_table_init(struct zombie_table *t);

/* Records that pid (child of ppid) died with code. */
void zombie_add(struct zombie_table *t, uint16_t pid, uint16_t ppid, int64_t code);

/* Is there a code waiting for pid? */
bool zombie_exists(const struct zombie_table *t, uint16_t pid);

/*
 * WaitPid by `waiter` for a dead pid: true and the code if one is kept. The
 * parent collecting it removes it; anyone else just reads it.
 */
bool zombie_collect(struct zombie_table *t, uint16_t pid, uint16_t waiter, int64_t *code);

/* The parent ppid died: nobody can collect its children's codes any more. */
void zombie_orphan(struct zombie_table *t, uint16_t ppid);

#endif
