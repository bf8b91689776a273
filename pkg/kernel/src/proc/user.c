/*
 * proc/user.c - the process operations behind user programs (lab 0x04):
 * spawning them, their console Read/Write, Exit, WaitPid, Kill, a CPU
 * exception in user mode, and the foreground job (see proc.h, user.h).
 * Every function runs with interrupts off.
 */
#include "proc/user.h"

#include <stddef.h>

#include "arch/x86.h"
#include "drivers/input.h"
#include "drivers/serial.h"
#include "interrupt/consts.h"
#include "interrupt/exception.h"
#include "memory/user.h"
#include "proc/foreground.h"
#include "proc/manager.h"
#include "proc/pid.h"
#include "proc/proc.h"
#include "proc/program.h"
#include "proc/user_access.h"
#if YSOS_LAB >= 8
#include "proc/vm/mmap.h"
#endif
#include "syscall/syscall.h"
#include "utils/logger.h"
#include "utils/todo.h"

#define INT_INSTRUCTION_SIZE 2 /* `int $0x80` is CD 80 */
#define PF_PRESENT           1 /* page-fault error code: protection violation, not a missing page */

static void wake_console_readers(void)
{
    manager_wake_all(WAIT_INPUT);
}

void proc_repeat_call(struct trap_frame *tf)
{
    tf->rip -= INT_INSTRUCTION_SIZE;
    manager_yield(tf);
}

#if YSOS_LAB >= 5
#if YSOS_SOLVED >= 5
/* The caller sleeps until pid exits; manager_terminate() wakes it with the exit code. */
static inline void wait_for_exit(struct trap_frame *tf, uint16_t pid)
{
    manager_block_current(tf, WAIT_PROCESS, pid);
}
#else
static inline void wait_for_exit(struct trap_frame *tf, uint16_t pid)
{
    /* TODO(lab 0x05): instead of asking again (lab 0x04's busy wait, which
     * this stub keeps), block the caller until pid exits: mark it blocked as
     * waiting for pid and switch to the next process; the exit of pid wakes
     * it (wake_waiters() in proc/manager.c). Guide: 0x05 tasks.md "阻塞进程";
     * Rust: crates/kernel/src/proc/mod.rs wait_pid(), manager.rs wait_pid() */
    LAB_TODO(5, "wait_for_exit");
    (void)pid;
    proc_repeat_call(tf);
}
#endif
#else
/*
 * Lab 0x04 waits by asking again: WaitPid runs again after the others,
 * until pid has exited. inline: only proc_wait_pid, a hole, calls it.
 */
static inline void wait_for_exit(struct trap_frame *tf, uint16_t pid)
{
    (void)pid;
    proc_repeat_call(tf);
}
#endif

/* Allocate blocks belong to the running process's address space (its shared heap). */
static struct user_alloc_owner **current_alloc_owner(void)
{
    struct process *cur = manager_current();

    return cur != NULL && cur->vm.heap != NULL ? &cur->vm.heap->allocated : NULL;
}

void proc_user_init(const struct boot_info *bi)
{
    program_init(bi);
    input_set_wakeup(wake_console_readers);
    input_set_interrupt(foreground_take_ctrl_c);
    user_heap_set_owner_fn(current_alloc_owner);
}

/* ---- starting programs ---- */

#if YSOS_SOLVED >= 4
/* Fills the new PCB p from the image: memory, files, first frame. NULL, or why it failed. */
static const char *load_program(struct process *p, const struct program_image *img)
{
    const char *why = NULL;
    uint64_t entry;

    if (p == NULL)
        return "out of memory";
    if (vm_init_user(&p->vm, &manager_kernel()->vm) != 0)
        return "out of memory";
    p->data = process_data_new();
    if (p->data == NULL)
        return "out of memory";
    if (vm_load_elf(&p->vm, img->data, img->size, &entry, &why) != 0)
        return why;
    if (context_init_user(&p->context, entry, STACK_INIT_TOP) != 0)
        return "no user segments";
    fpu_state_init(&p->fx);
    return NULL;
}
#else
static const char *load_program(struct process *p, const struct program_image *img)
{
    /* TODO(lab 0x04): give the new process its own page table (a copy of the
     * kernel's), load the ELF into it, allocate its stack, and set up its
     * first frame (entry point, stack top). Return NULL, or why it failed.
     * Guide: 0x04 tasks.md "生成用户程序"; Rust: crates/kernel/src/proc/manager.rs
     * spawn(), process.rs / vm/mod.rs load_elf() */
    (void)p;
    (void)img;
    LAB_TODO(4, "load_program");
    return "load_program is not implemented";
}
#endif

#if YSOS_SOLVED >= 4
/* Puts the loaded p in the process table and lets it run: ready now, or held for a user parent. */
static int admit(struct process *p, struct process *parent)
{
    if (manager_add(p) != 0)
        return -1;
    if (parent == manager_kernel())
        manager_make_ready(p);
    else
        manager_hold(p);
    return 0;
}
#else
static int admit(struct process *p, struct process *parent)
{
    /* TODO(lab 0x04): add the loaded process to the process manager and mark
     * it ready, as a kernel thread was. Return 0, or -1 if there is no room.
     * Guide: 0x04 tasks.md "生成用户程序"; Rust: crates/kernel/src/proc/manager.rs spawn() */
    (void)p;
    (void)parent;
    LAB_TODO(4, "admit");
    return -1;
}
#endif

/*
 * A process running the image, child of parent; held (see manager.h) when
 * the parent is a user process. Returns its pid, or 0 after a warning.
 */
static uint16_t spawn_image(const char *path, const struct program_image *img,
                            struct process *parent)
{
    uint16_t pid = manager_alloc_pid();
    struct process *p = pid ? process_new(pid, parent->pid, program_base_name(path)) : NULL;
    const char *why = pid ? load_program(p, img) : "too many processes";

    if (why == NULL && admit(p, parent) != 0)
        why = "no room in the process table";
    if (why != NULL) {
        log_warn("Cannot spawn %s: %s", path, why);
        process_discard(p);
        return 0;
    }
    log_debug("Spawned process: %s#%u", p->name, p->pid);
    return pid;
}

uint16_t proc_spawn(const char *path)
{
    struct program_image img;
    const char *why = "";
    int found = program_open(path, &img, &why);
    uint16_t pid;

    if (found == PROGRAM_NOT_FOUND) {
        log_debug("Spawn: %s not found", path);
        return 0;
    }
    if (found == PROGRAM_BAD) {
        log_warn("Cannot spawn %s: %s", path, why);
        return 0;
    }
    pid = spawn_image(path, &img, manager_current());
    program_close(&img);
    return pid;
}

uint16_t proc_spawn_init(void)
{
    static const char shell_path[] = "/APP/SHELL";
    struct program_image img;
    uint64_t flags = irq_save();
    uint16_t pid;

    if (program_open_loaded(shell_path, &img)) {
        log_info("Found shell in loaded apps, spawning...");
        pid = spawn_image(shell_path, &img, manager_kernel());
    } else {
        pid = proc_spawn(shell_path);
    }
    irq_restore(flags);
    return pid;
}
/* "page fault" for "Page Fault": the warning's wording. */
static void lower_name(uint64_t vector, char *out, size_t size)
{
    const char *name = exception_name(vector);
    size_t i;

    for (i = 0; name[i] != '\0' && i + 1 < size; i++)
        out[i] = name[i] >= 'A' && name[i] <= 'Z' ? (char)(name[i] - 'A' + 'a') : name[i];
    out[i] = '\0';
}

void proc_user_exception(struct trap_frame *tf)
{
    struct process *cur = manager_current();
    uint64_t addr = read_cr2();
    char fault[40];

#if YSOS_LAB >= 8
    if (tf->vector == EXC_PAGE_FAULT && vm_mmap_fault(&cur->vm, addr, tf->error_code))
        return;
#endif
    if (tf->vector == EXC_PAGE_FAULT && !(tf->error_code & PF_PRESENT) &&
        vm_handle_page_fault(&cur->vm, addr))
        return;
    lower_name(tf->vector, fault, sizeof(fault));
    if (tf->vector == EXC_PAGE_FAULT)
        log_warn("Process #%u (%s) killed: %s at 0x%lx (rip 0x%lx)", cur->pid, cur->name, fault,
                 addr, tf->rip);
    else
        log_warn("Process #%u (%s) killed: %s (rip 0x%lx)", cur->pid, cur->name, fault, tf->rip);
    manager_terminate(cur, -(int64_t)(FAULT_EXIT_BASE + tf->vector));
    manager_switch_next(tf);
}

/* ---- syscalls ---- */

uint16_t proc_current_pid(void)
{
    return manager_current()->pid;
}

pte_t *proc_current_p4(void)
{
    return page_table_ctx_p4(manager_current()->vm.pt);
}

struct process_data *proc_current_data(void)
{
    return manager_current()->data;
}

bool proc_user_buffer_ok(uint64_t ptr, uint64_t len, bool write)
{
    struct process_vm *vm = &manager_current()->vm;

    /* Grows a piece per call, as a fault would; the syscall cannot give way. */
    while (len > 0 && vm_handle_page_fault(vm, ptr))
        ;
#if YSOS_LAB >= 8
    vm_mmap_prefault(vm, ptr, len, write); /* first touches of mmap pages, as the program's */
#endif
    return user_range_ok(page_table_ctx_p4(vm->pt), ptr, len, write);
}

#if YSOS_SOLVED >= 4
void proc_read_stdin(struct trap_frame *tf, uint8_t *buf, uint64_t len)
{
    struct process *cur = manager_current();
    uint64_t n = input_read_char(buf, len);

    if (n > 0 || len == 0) {
        foreground_note_console(cur, false);
        tf->rax = n;
        return;
    }
    /* Nothing yet: sleep, and run this same syscall again when a key comes.
     * Until it returns, a Ctrl-C is input for this process (foreground.h). */
    foreground_note_console(cur, true);
    tf->rip -= INT_INSTRUCTION_SIZE;
    manager_block_current(tf, WAIT_INPUT, 0);
}
#else
void proc_read_stdin(struct trap_frame *tf, uint8_t *buf, uint64_t len)
{
    /* TODO(lab 0x04): Read on stdin: copy what the kernel input buffer holds
     * (input_read_char() of drivers/input.h, at most len bytes) into buf and
     * return the count in tf->rax.
     * Guide: 0x04 tasks.md "标准输入输出"; Rust: crates/kernel/src/utils/resource.rs read() */
    (void)buf;
    (void)len;
    LAB_TODO(4, "proc_read_stdin");
    tf->rax = SYSCALL_ERROR;
}
#endif

/*
 * A large console Write goes out WRITE_PIECE bytes per turn (about 10 ms
 * of serial output under TCG): after each piece the call is set up to run
 * again from where it stopped (rip back on its `int $0x80`, rsi and rdx
 * moved on) and the process gives way, so the timer and other processes
 * run in between. The program sees one call: rsi and rdx come back as it
 * passed them, and rax is the whole length.
 */
#define WRITE_PIECE 1024

void proc_write_console(struct trap_frame *tf, const char *buf, uint64_t len)
{
    struct process *cur = manager_current();
    struct console_write *w = &cur->write;
    uint64_t n = len < WRITE_PIECE ? len : WRITE_PIECE;

    foreground_note_console(cur, cur->console_read); /* it uses the console (Ctrl-C) */
    if (!w->active)
        *w = (struct console_write){.active = true, .buf = tf->rsi, .len = tf->rdx};
    serial_write(buf, n);
    if (n == len) {
        tf->rax = w->len;
        tf->rsi = w->buf;
        tf->rdx = w->len;
        w->active = false;
        return;
    }
    tf->rsi += n;
    tf->rdx -= n;
    proc_repeat_call(tf);
}

uint64_t proc_set_foreground(uint64_t pid)
{
    return foreground_set(manager_current(), pid);
}

bool proc_ctrl_c_stops_current(void)
{
    return foreground_stop_current();
}

void proc_end_foreground(struct trap_frame *tf)
{
    if (manager_ready())
        foreground_end_job(tf);
}

/*
 * Exit (and Kill of oneself). A process leaving a huge stack gives it back
 * a piece per turn first: the call repeats itself (rip back on its
 * `int $0x80`, every register as the program passed them) with the others
 * running in between, so freeing gigabytes does not stop them.
 */
#if YSOS_SOLVED >= 4
void proc_exit(struct trap_frame *tf, int64_t code)
{
    struct process *cur = manager_current();

    if (vm_release_piece(&cur->vm) > 0) {
        proc_repeat_call(tf);
        return;
    }

    log_debug("Process %s#%u exited with %ld", cur->name, cur->pid, code);
    manager_terminate(cur, code);
    manager_switch_next(tf);
}
#else
void proc_exit(struct trap_frame *tf, int64_t code)
{
    /* TODO(lab 0x04): end the current process with exit code `code`
     * (manager_terminate() frees what it holds and keeps the code) and switch
     * to the next ready process. Guide: 0x04 tasks.md "进程的退出";
     * Rust: crates/kernel/src/proc/mod.rs exit(), manager.rs kill_current() */
    (void)code;
    LAB_TODO(4, "proc_exit");
    tf->rax = SYSCALL_ERROR;
}
#endif

#if YSOS_SOLVED >= 4
void proc_wait_pid(struct trap_frame *tf, uint16_t pid)
{
    struct process *cur = manager_current();
    struct process *target = manager_find(pid);
    int64_t code;

    if (target == cur) {
        tf->rax = SYSCALL_ERROR;
        return;
    }
    if (target == NULL) {
        tf->rax = manager_collect(pid, cur->pid, &code) ? (uint64_t)code : SYSCALL_ERROR;
        return;
    }
    wait_for_exit(tf, pid);
}
#else
void proc_wait_pid(struct trap_frame *tf, uint16_t pid)
{
    /* TODO(lab 0x04): WaitPid: the exit code of process pid once it has
     * exited (manager_collect()), else wait for it; an error for itself or a
     * pid that never was. Guide: 0x04 tasks.md "进程的创建与等待";
     * Rust: crates/kernel/src/proc/mod.rs wait_pid(), still_alive() */
    (void)pid;
    LAB_TODO(4, "proc_wait_pid");
    tf->rax = SYSCALL_ERROR;
}
#endif

#if YSOS_SOLVED >= 4
void proc_kill(struct trap_frame *tf, uint16_t pid)
{
    struct process *target = manager_find(pid);

    if (pid == PID_KERNEL) {
        log_warn("Kill: the kernel (pid 1) cannot be killed");
        tf->rax = SYSCALL_ERROR;
        return;
    }
    if (target == NULL) {
        log_warn("Kill: process #%u not found", pid);
        tf->rax = SYSCALL_ERROR;
        return;
    }
    log_debug("Killing process %s#%u", target->name, pid);
    if (target == manager_current()) {
        proc_exit(tf, KILLED_EXIT_CODE); /* may repeat the call: rax stays Kill */
        return;
    }
    tf->rax = 0;
    manager_terminate(target, KILLED_EXIT_CODE);
}
#else
void proc_kill(struct trap_frame *tf, uint16_t pid)
{
    /* TODO(lab 0x04): Kill: find process pid and end it with exit code
     * KILLED_EXIT_CODE (never the kernel, pid 1; Kill of oneself is an exit).
     * Guide: 0x04 tasks.md "进程的退出"; Rust: crates/kernel/src/proc/manager.rs kill() */
    (void)pid;
    LAB_TODO(4, "proc_kill");
    tf->rax = SYSCALL_ERROR;
}
#endif
uint64_t proc_brk(uint64_t addr)
{
    return vm_brk(&manager_current()->vm, addr);
}

#if YSOS_LAB >= 8
struct process_vm *proc_current_vm(void)
{
    return &manager_current()->vm;
}
#endif
