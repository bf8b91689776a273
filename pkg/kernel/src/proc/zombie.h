/*
 * proc/zombie.h - exit codes nobody has collected yet.
 *
 * A process that dies while its parent is alive and not waiting for it
 * leaves its exit code for a later WaitPid. Only the code is kept, in this
 * table: the PCB and everything else go back at once, so a dead child costs
 * 16 bytes, not its memory. The parent's WaitPid takes the code out; when
 * the parent dies, its children's codes go too. Nothing else removes a code:
 * the table never drops one to make room.
 *
 * Instead the process manager keeps room for every process that may still
 * die: it creates a process only while zombie_room() says the live user
 * processes and the kept codes together fit in ZOMBIE_MAX (manager.c), so
 * zombie_add() always finds a free slot. A parent that never waits (the
 * shell after `nohup`) keeps its dead children's codes until it exits.
 *
 * Portable (no kernel headers): tests/test_proc_zombie.c runs it on the host.
 */
#ifndef PROC_ZOMBIE_H
#define PROC_ZOMBIE_H

#include <stdbool.h>
#include <stdint.h>

#define ZOMBIE_MAX 256 /* live user processes + kept exit codes */

struct zombie {
    uint16_t pid;  /* 0 = free slot */
    uint16_t ppid; /* who may collect it */
    int64_t code;
};

struct zombie_table {
    struct zombie slots[ZOMBIE_MAX];
    unsigned count; /* slots in use */
};

void zombie_table_init(struct zombie_table *t);

/*
 * Records that pid (child of ppid) died with code. False, with nothing
 * changed, when the table is full (zombie_room() was not respected).
 */
bool zombie_add(struct zombie_table *t, uint16_t pid, uint16_t ppid, int64_t code);

/* Codes kept. */
unsigned zombie_count(const struct zombie_table *t);

/*
 * Can one more process be created while `live` user processes (which may
 * all die before anyone waits) are alive? Each of them and the new one must
 * find a slot for its exit code.
 */
bool zombie_room(const struct zombie_table *t, unsigned live);

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
