/*
 * proc/manager.c - process table, ready queue, switching, and the end of a
 * process (see manager.h).
 *
 * The table is a fixed array of PCB pointers searched linearly: a lab
 * system runs a few dozen processes at most. The ready queue is a singly
 * linked list through the PCBs (next_ready), so it needs no memory of its
 * own and a process is in it at most once (queued).
 *
 * The end of a process: its PCB and everything it holds go back at once.
 * Its exit code goes to whoever is waiting for it, or, if its parent is
 * alive, not waiting and not the kernel (which never calls WaitPid), into
 * the zombie table (proc/zombie.h) for a later WaitPid. Live children of a
 * dying process move to its parent (or to the kernel), as in Rust. If it
 * was the foreground program, or had named one, there is no foreground any
 * more (proc/foreground.h).
 *
 * Limits: PROC_MAX processes alive, and ZOMBIE_MAX for the live user
 * processes plus the kept exit codes. A fork or spawn that would break
 * either fails (no pid); an exit never has to drop a code.
 */
#include "proc/manager.h"

#include <stddef.h>

#include "memory/address.h"
#include "memory/allocator.h"
#include "memory/frames.h"
#include "proc/pid.h"
#include "proc/processor.h"
#include "proc/usage.h"
#include "proc/zombie.h"
#include "utils/logger.h"
#include "utils/panic.h"
#include "utils/todo.h"
#if YSOS_LAB >= 4
#include "proc/foreground.h"
#endif

static struct process *table[PROC_MAX];
static struct process *kernel_proc;
static struct process *ready_head, *ready_tail;
static struct pid_allocator pids;
static struct zombie_table zombies;
static unsigned held_count; /* processes held for their parent (skips scans when 0) */

/* ---- the table ---- */

void manager_init(struct process *kernel)
{
    pid_allocator_init(&pids);
    zombie_table_init(&zombies);
    kernel_proc = kernel;
    table[0] = kernel;
#if YSOS_SOLVED >= 3
    kernel->status = PROC_RUNNING;
    processor_set_pid(kernel->pid);
#else
    /* TODO(lab 0x03): set the init (kernel) process as Running and the
     * processor's current pid to its pid.
     * Guide: 0x03 tasks.md "进程管理器的初始化"; Rust: crates/kernel/src/proc/manager.rs init */
    LAB_TODO(3, "manager_init");
#endif
}

bool manager_ready(void)
{
    return kernel_proc != NULL;
}

struct process *manager_kernel(void)
{
    return kernel_proc;
}

struct process *manager_find(uint16_t pid)
{
    for (int i = 0; i < PROC_MAX; i++)
        if (table[i] != NULL && table[i]->pid == pid)
            return table[i];
    return NULL;
}

struct process *manager_process_at(int slot)
{
    return slot >= 0 && slot < PROC_MAX ? table[slot] : NULL;
}

struct process *manager_current(void)
{
    return manager_find(processor_current_pid());
}

/* A pid is taken while its process lives or its exit code waits to be collected. */
static bool pid_taken(uint16_t pid, void *ctx)
{
    (void)ctx;
    return manager_find(pid) != NULL || zombie_exists(&zombies, pid);
}

/* Processes in the table, the kernel included. */
static unsigned live_count(void)
{
    unsigned n = 0;

    for (int i = 0; i < PROC_MAX; i++)
        n += table[i] != NULL;
    return n;
}

/*
 * Room for one more process: a row in the table, and a place in the zombie
 * table for its exit code as well as for every live user process's, so an
 * exit code is never dropped (proc/zombie.h).
 */
static bool room_for_one_more(void)
{
    unsigned live = live_count();

    return live < PROC_MAX && zombie_room(&zombies, live - 1);
}

uint16_t manager_alloc_pid(void)
{
    return room_for_one_more() ? pid_alloc(&pids, pid_taken, NULL) : PID_NONE;
}

int manager_add(struct process *p)
{
    for (int i = 0; i < PROC_MAX; i++) {
        if (table[i] == NULL) {
            table[i] = p;
            return 0;
        }
    }
    return -1;
}

static void table_remove(struct process *p)
{
    for (int i = 0; i < PROC_MAX; i++)
        if (table[i] == p)
            table[i] = NULL;
}

/* ---- the ready queue ---- */

static void queue_push(struct process *p)
{
    if (p->queued)
        return;
    p->next_ready = NULL;
    if (ready_tail != NULL)
        ready_tail->next_ready = p;
    else
        ready_head = p;
    ready_tail = p;
    p->queued = true;
}

/* The front of the ready queue, taken off it (unused until manager_switch_next is written). */
__attribute__((unused)) static struct process *queue_pop(void)
{
    struct process *p = ready_head;

    if (p == NULL)
        return NULL;
    ready_head = p->next_ready;
    if (ready_head == NULL)
        ready_tail = NULL;
    p->queued = false;
    return p;
}

static void queue_remove(struct process *p)
{
    struct process **link = &ready_head, *prev = NULL;

    if (!p->queued)
        return;
    while (*link != p) {
        prev = *link;
        link = &(*link)->next_ready;
    }
    *link = p->next_ready;
    if (ready_tail == p)
        ready_tail = prev;
    p->queued = false;
}

bool manager_has_ready(void)
{
    return ready_head != NULL;
}

void manager_make_ready(struct process *p)
{
    p->status = PROC_READY;
    p->wait = WAIT_NONE;
    queue_push(p);
}

/* ---- held children (see SPAWN_HOLD_TICKS) ---- */

void manager_hold(struct process *p)
{
    struct process *parent = manager_find(p->ppid);

    p->status = PROC_READY;
    p->held = true;
    p->hold_until = (parent ? parent->ticks : 0) + SPAWN_HOLD_TICKS;
    held_count++;
}

void manager_release_held(struct process *parent, bool all)
{
    if (held_count == 0)
        return;
    for (int i = 0; i < PROC_MAX; i++) {
        struct process *p = table[i];
        if (p == NULL || !p->held || p->ppid != parent->pid)
            continue;
        if (!all && parent->ticks < p->hold_until)
            continue;
        p->held = false;
        held_count--;
        manager_make_ready(p);
    }
}

/* ---- switching ---- */

/* The running process's registers and FPU state into its PCB. */
static void save_current(struct process *cur, const struct trap_frame *tf)
{
#if YSOS_SOLVED >= 3
    cur->context = *tf;
    fpu_save(&cur->fx);
#else
    /* TODO(lab 0x03): save the current process's context (the trap frame
     * and the FPU state) into its PCB.
     * Guide: 0x03 tasks.md "时钟中断的处理"; Rust: crates/kernel/src/proc/manager.rs
     * save_current, crates/kernel/src/proc/process.rs ProcessInner::save */
    LAB_TODO(3, "save_current");
    (void)cur;
    (void)tf;
#endif
}

/* Puts the next ready process on the CPU: its frame over tf, its FPU state, its page table. */
void manager_switch_next(struct trap_frame *tf)
{
#if YSOS_SOLVED >= 3
    struct process *next = queue_pop();

    if (next == NULL)
        panic("no process to run (the kernel process must always be ready)");
    *tf = next->context;
    fpu_restore(&next->fx);
    page_table_ctx_load(next->vm.pt);
    next->status = PROC_RUNNING;
    processor_set_pid(next->pid);
#else
    /* TODO(lab 0x03): fetch the next process from the ready queue, restore
     * its context (frame over tf, FPU state) and its page table, mark it
     * Running and make it the processor's current pid.
     * Guide: 0x03 tasks.md "时钟中断的处理"; Rust: crates/kernel/src/proc/manager.rs
     * switch_next, crates/kernel/src/proc/process.rs ProcessInner::restore */
    LAB_TODO(3, "manager_switch_next");
    (void)tf;
#endif
}

void manager_yield(struct trap_frame *tf)
{
    struct process *cur = manager_current();

    if (cur == NULL || !manager_has_ready())
        return; /* cur: none before manager_init has made the kernel current */
#if YSOS_SOLVED >= 3
    save_current(cur, tf);
    manager_make_ready(cur);
    manager_switch_next(tf);
#else
    /* TODO(lab 0x03): switch to the next process: save the current one's
     * context, put it at the back of the ready queue, run the next one.
     * Guide: 0x03 tasks.md "进程调度的实现"; Rust: crates/kernel/src/proc/mod.rs switch */
    LAB_TODO(3, "manager_yield");
    (void)tf;
#endif
}

void manager_tick(struct trap_frame *tf)
{
    struct process *cur = manager_current();

    if (cur == NULL)
        return;
    cur->ticks++;
    manager_release_held(cur, false);
    /*
     * A process keeps the CPU until a whole tick has passed since it got it.
     * Without this, the tick that fell due while the one before ran with
     * interrupts off (a console Write piece is longer than a tick) switches
     * it out before its first instruction, and can do so turn after turn.
     */
    if (processor_take_new_slice())
        return;
    manager_yield(tf);
}

void manager_block_current(struct trap_frame *tf, enum proc_wait why, uint64_t arg)
{
    struct process *cur = manager_current();

    save_current(cur, tf);
    cur->status = PROC_BLOCKED;
    cur->wait = why;
    cur->wait_pid = why == WAIT_PROCESS ? (uint16_t)arg : 0;
    cur->wait_key = why == WAIT_SEMAPHORE ? (uint32_t)arg : 0;
    manager_release_held(cur, true);
    manager_switch_next(tf);
}

void manager_wake(struct process *p, uint64_t rax)
{
    p->context.rax = rax;
    manager_make_ready(p);
}

void manager_wake_all(enum proc_wait why)
{
    for (int i = 0; i < PROC_MAX; i++)
        if (table[i] != NULL && table[i]->status == PROC_BLOCKED && table[i]->wait == why)
            manager_make_ready(table[i]);
}

/* ---- the end of a process ---- */

bool manager_collect(uint16_t pid, uint16_t waiter, int64_t *code)
{
    return zombie_collect(&zombies, pid, waiter, code);
}

static bool alive(const struct process *p)
{
    return p != NULL && p->status != PROC_DEAD;
}

#if YSOS_SOLVED >= 5
/* Wakes the processes waiting for pid to exit; true if its parent was one of them. */
static bool wake_waiters(const struct process *dead)
{
    bool parent_collected = false;

    for (int i = 0; i < PROC_MAX; i++) {
        struct process *w = table[i];
        if (w == NULL || w->status != PROC_BLOCKED || w->wait != WAIT_PROCESS ||
            w->wait_pid != dead->pid)
            continue;
        manager_wake(w, (uint64_t)dead->exit_code);
        parent_collected |= w->pid == dead->ppid;
    }
    return parent_collected;
}
#else
static bool wake_waiters(const struct process *dead)
{
    /* TODO(lab 0x05): wake every process blocked waiting for `dead` to exit:
     * its exit code becomes their WaitPid result (rax), and they are ready
     * again. True if its parent was one of them (then no zombie is kept).
     * Until then WaitPid asks again and again (proc_wait_pid()).
     * Guide: 0x05 tasks.md "唤醒进程"; Rust: crates/kernel/src/proc/manager.rs wake_up(), kill() */
    LAB_TODO(5, "wake_waiters");
    (void)dead;
    return false;
}
#endif

/* Live children move to the grandparent (or the kernel); dead ones' codes are dropped. */
static void reparent_children(const struct process *dying)
{
    struct process *grandparent = manager_find(dying->ppid);
    uint16_t heir = alive(grandparent) ? grandparent->pid : PID_KERNEL;

    for (int i = 0; i < PROC_MAX; i++)
        if (table[i] != NULL && table[i]->ppid == dying->pid)
            table[i]->ppid = heir;
    zombie_orphan(&zombies, dying->pid);
}

/* Gives back what the process holds: queue place, semaphore places, files, memory. */
static void release_resources(struct process *p)
{
    queue_remove(p);
    if (p->data != NULL) {
#if YSOS_LAB >= 5
        if (p->data->sems != NULL)
            sem_forget(p->data->sems, p->pid);
#endif
        process_data_release(p->data);
        p->data = NULL;
    }
    /* The CPU must not be using the page table we may be about to free. */
    if (p->pid == processor_current_pid())
        page_table_ctx_load(kernel_proc->vm.pt);
    vm_clean_up(&p->vm);
}

void manager_terminate(struct process *p, int64_t code)
{
    struct process *parent = manager_find(p->ppid);
    bool collected;

#if YSOS_SOLVED >= 3
    p->status = PROC_DEAD;
    p->exit_code = code;
#else
    /* TODO(lab 0x03): set the process's exit code and its status to Dead.
     * Guide: 0x03 tasks.md "进程的退出"; Rust: crates/kernel/src/proc/process.rs
     * ProcessInner::kill */
    LAB_TODO(3, "manager_terminate");
    (void)code;
#endif
    p->wait = WAIT_NONE;
#if YSOS_LAB >= 4
    foreground_forget(p->pid);
#endif
    if (p->held) {
        p->held = false;
        held_count--;
    }
    release_resources(p);
    manager_release_held(p, true);
    reparent_children(p);
    collected = wake_waiters(p);
    if (!collected && alive(parent) && parent != kernel_proc &&
        !zombie_add(&zombies, p->pid, p->ppid, code))
        log_error("exit code %ld of #%u lost: zombie table full", code, p->pid);
    table_remove(p);
    process_free(p);
}

/* ---- ps ---- */

/* The live process with the smallest pid above `after`, or NULL. */
static struct process *next_by_pid(uint16_t after)
{
    struct process *best = NULL;

    for (int i = 0; i < PROC_MAX; i++) {
        struct process *p = table[i];
        if (alive(p) && p->pid > after && (best == NULL || p->pid < best->pid))
            best = p;
    }
    return best;
}

static void print_queue(void)
{
    kprintf("Queue  : [");
    for (struct process *p = ready_head; p != NULL; p = p->next_ready)
        kprintf("%s%u", p == ready_head ? "" : ", ", p->pid);
    kprintf("]\n");
}

/*
 * The table, then the usage lines. `Kernel` is the kernel heap (bytes in use
 * / bytes mapped), as in the Rust kernel; `Memory` counts every frame in use
 * except the kernel heap's, which the heap keeps once it has grown (lab 0x07:
 * shown apart so that Memory returns exactly after any program exits).
 */
void manager_print_list(void)
{
    struct frame_stats frames = frames_stats();
    struct kheap_stats heap = kheap_stats();
    char line[96];

    kprintf("  PID | PPID | Process Name |  Ticks  |   Memory  | Status\n");
    for (struct process *p = next_by_pid(0); p != NULL; p = next_by_pid(p->pid))
        process_print_row(p);
#if YSOS_SOLVED >= 3
    kprintf("%s\n", usage_line(line, sizeof(line), "Kernel", heap.used_bytes, heap.mapped_bytes));
#else
    /* TODO(lab 0x03): print the memory usage of the kernel heap (the
     * `Kernel` line: bytes in use / bytes mapped, kheap_stats()).
     * Guide: 0x03 tasks.md "进程管理器的初始化"; Rust: crates/kernel/src/proc/manager.rs
     * print_process_list */
    LAB_TODO(3, "manager_print_list");
#endif
    kprintf("%s\n", usage_line(line, sizeof(line), "Memory",
                               (frames.used - heap.frames) * PAGE_SIZE, frames.total * PAGE_SIZE));
    print_queue();
    processor_print();
}
