/*
 * interrupt/syscall/service.c - the system calls (see service.h).
 *
 * Every address from user space is checked with proc/user_access.h before
 * the kernel touches it; a bad one gets the call's error result. Buffers
 * that pass are then used in place: a syscall runs on the caller's page
 * table with interrupts off, so the checked pages stay as they are.
 */
#include "interrupt/syscall/service.h"

#include <stdbool.h>
#include <stddef.h>

#if YSOS_LAB >= 6
#include "drivers/filesystem.h"
#endif
#include "memory/user.h"
#include "proc/proc.h"
#include "proc/program.h"
#include "proc/user_access.h"
#if YSOS_LAB >= 8
#include "proc/vm/mmap.h"
#endif
#if YSOS_LAB >= 6
#include "storage/error.h"
#endif
#include "syscall/syscall.h"
#include "utils/clock.h"
#include "utils/logger.h"
#include "utils/todo.h"

#define STDIN  0
#define STDOUT 1
#define STDERR 2

#define RESULT_FAILED ((uint64_t)-1) /* Read and Write's "-1" */

/* Copies the (ptr, len) path argument into out; false (and a debug line) if it is bad. */
static bool user_path(uint64_t ptr, uint64_t len, char out[SYSCALL_PATH_MAX + 1])
{
    if (len > SYSCALL_PATH_MAX ||
        user_copy_string(proc_current_p4(), out, SYSCALL_PATH_MAX + 1, ptr, len) != 0) {
        log_debug("syscall: bad path argument (0x%lx, %lu)", ptr, len);
        return false;
    }
    return true;
}

#if YSOS_SOLVED >= 4
void sys_read(struct trap_frame *tf)
{
    uint64_t fd = tf->rdi, buf = tf->rsi, len = tf->rdx;

    if (!proc_user_buffer_ok(buf, len, true)) {
        tf->rax = RESULT_FAILED;
        return;
    }
    if (fd == STDIN) {
        proc_read_stdin(tf, (uint8_t *)buf, len);
        return;
    }
    if (fd == STDOUT || fd == STDERR) {
        tf->rax = 0; /* as the Rust kernel's console resource: nothing to read */
        return;
    }
    tf->rax = RESULT_FAILED; /* no such fd */
#if YSOS_LAB >= 6
    struct kfile *file = process_data_file(proc_current_data(), fd);
    long got = file ? fs_read(file, (void *)buf, len) : -1;
    tf->rax = got < 0 ? RESULT_FAILED : (uint64_t)got;
#endif
}
#else
void sys_read(struct trap_frame *tf)
{
    /* TODO(lab 0x04): Read(fd, buf, len): check that buf is the caller's
     * writable memory (proc_user_buffer_ok()), then read from fd: stdin is
     * proc_read_stdin(), a file of the process comes later (lab 0x06). rax =
     * bytes read, or -1. Guide: 0x04 tasks.md "标准输入输出";
     * Rust: crates/kernel/src/interrupt/syscall/service.rs sys_read() */
    LAB_TODO(4, "sys_read");
    tf->rax = RESULT_FAILED;
}
#endif

#if YSOS_SOLVED >= 4
void sys_write(struct trap_frame *tf)
{
    uint64_t fd = tf->rdi, buf = tf->rsi, len = tf->rdx;

    if (fd > STDERR || !proc_user_buffer_ok(buf, len, false)) {
        tf->rax = RESULT_FAILED;
        return;
    }
    if (fd == STDIN) {
        tf->rax = 0; /* as the Rust kernel's console resource: takes nothing */
        return;
    }
    proc_write_console(tf, (const char *)buf, len);
}
#else
void sys_write(struct trap_frame *tf)
{
    /* TODO(lab 0x04): Write(fd, buf, len): check that buf is the caller's
     * memory (proc_user_buffer_ok()), then write it to fd 1 or 2, the console
     * (proc_write_console() sets rax). rax = -1 for a bad fd or buffer.
     * Guide: 0x04 tasks.md "标准输入输出";
     * Rust: crates/kernel/src/interrupt/syscall/service.rs sys_write() */
    LAB_TODO(4, "sys_write");
    tf->rax = RESULT_FAILED;
}
#endif

void sys_open(struct trap_frame *tf)
{
    tf->rax = 0; /* before lab 0x06 there are no files to open */
#if YSOS_LAB >= 6
    char path[SYSCALL_PATH_MAX + 1];
    int fd;

    if (!user_path(tf->rdi, tf->rsi, path))
        return;
    fd = process_data_open(proc_current_data(), path);
    if (fd < 0)
        log_debug("Open: cannot open %s", path);
    else
        tf->rax = (uint64_t)fd;
#endif
}

void sys_close(struct trap_frame *tf)
{
    tf->rax = 0;
#if YSOS_LAB >= 6
    tf->rax = process_data_close(proc_current_data(), tf->rdi) ? 1 : 0;
#endif
}

void sys_brk(struct trap_frame *tf)
{
    tf->rax = proc_brk(tf->rdi);
}

#if YSOS_SOLVED >= 4
void sys_get_pid(struct trap_frame *tf)
{
    tf->rax = proc_current_pid();
}
#else
void sys_get_pid(struct trap_frame *tf)
{
    /* TODO(lab 0x04): GetPid: rax = the pid of the calling process.
     * Guide: 0x04 tasks.md "进程的创建与等待"; Rust: crates/kernel/src/interrupt/syscall/mod.rs */
    LAB_TODO(4, "sys_get_pid");
    tf->rax = 0;
}
#endif

#if YSOS_LAB >= 5
void sys_fork(struct trap_frame *tf)
{
    proc_fork(tf);
}
#endif

#if YSOS_SOLVED >= 4
void sys_spawn(struct trap_frame *tf)
{
    char path[SYSCALL_PATH_MAX + 1];

    tf->rax = user_path(tf->rdi, tf->rsi, path) ? proc_spawn(path) : 0;
}
#else
void sys_spawn(struct trap_frame *tf)
{
    /* TODO(lab 0x04): Spawn(path, len): copy the path from the caller
     * (user_path()), start the program (proc_spawn()); rax = its pid, or 0 if
     * it failed. Guide: 0x04 tasks.md "进程的创建与等待";
     * Rust: crates/kernel/src/interrupt/syscall/service.rs spawn_process() */
    LAB_TODO(4, "sys_spawn");
    tf->rax = 0;
}
#endif

void sys_exit(struct trap_frame *tf)
{
    proc_exit(tf, (int64_t)tf->rdi);
}

void sys_wait_pid(struct trap_frame *tf)
{
    proc_wait_pid(tf, (uint16_t)tf->rdi);
}

void sys_kill(struct trap_frame *tf)
{
    proc_kill(tf, (uint16_t)tf->rdi);
}

#if YSOS_LAB >= 5
void sys_sem(struct trap_frame *tf)
{
    proc_sem(tf, tf->rdi, (uint32_t)tf->rsi, tf->rdx);
}
#endif

void sys_time(struct trap_frame *tf)
{
    tf->rax = clock_unix_ns();
}

void sys_foreground(struct trap_frame *tf)
{
    tf->rax = proc_set_foreground(tf->rdi);
}

#if YSOS_SOLVED >= 4
void sys_stat(struct trap_frame *tf)
{
    proc_print_list();
    tf->rax = 0;
}
#else
void sys_stat(struct trap_frame *tf)
{
    /* TODO(lab 0x04): Stat: print the process list (proc_print_list()); rax = 0.
     * Guide: 0x04 tasks.md "运行 Shell";
     * Rust: crates/kernel/src/interrupt/syscall/service.rs list_process() */
    LAB_TODO(4, "sys_stat");
    tf->rax = SYSCALL_ERROR;
}
#endif

void sys_list_dir(struct trap_frame *tf)
{
    char path[SYSCALL_PATH_MAX + 1];

    tf->rax = 0;
    if (!user_path(tf->rdi, tf->rsi, path))
        return;
#if YSOS_LAB >= 6
    if (fs_mounted()) {
        fs_list_dir(path, proc_ctrl_c_stops_current); /* a huge folder stops on Ctrl-C */
        proc_end_foreground(tf);
        return;
    }
#endif
    program_list_loaded(); /* no disk: what the loader brought */
    proc_end_foreground(tf);
}

/*
 * What a path names, for the shell's `cd` (which must refuse a file or a
 * missing directory and there is no other way to ask): an error only for
 * a bad argument, no mounted volume, or a damaged or unreadable one.
 */
void sys_file_kind(struct trap_frame *tf)
{
    tf->rax = SYSCALL_ERROR; /* before lab 0x06: no volume */
#if YSOS_LAB >= 6
    char path[SYSCALL_PATH_MAX + 1];
    struct storage_metadata meta;
    int err;

    if (!user_path(tf->rdi, tf->rsi, path) || !fs_mounted())
        return;
    err = fs_stat(path, &meta);
    if (err == STORAGE_OK)
        tf->rax = meta.type == STORAGE_DIRECTORY ? FILE_KIND_DIRECTORY : FILE_KIND_FILE;
    else if (err == STORAGE_ENOENT || err == STORAGE_ENOTDIR || err == STORAGE_ENAMETOOLONG)
        tf->rax = FILE_KIND_NONE;
#endif
}

/* The Layout argument of Allocate/Deallocate ({align, size}, as rustc lays
 * out core::alloc::Layout); false if the pointer is bad. */
static bool user_layout(uint64_t ptr, struct syscall_layout *layout)
{
    return user_copy_in(proc_current_p4(), layout, ptr, sizeof(*layout)) == 0;
}

void sys_allocate(struct trap_frame *tf)
{
    struct syscall_layout layout;

    tf->rax = user_layout(tf->rdi, &layout) ? user_heap_allocate(layout.size, layout.align) : 0;
}

void sys_deallocate(struct trap_frame *tf)
{
    struct syscall_layout layout;

    tf->rax = 0;
    if (tf->rdi == 0)
        return;
    if (!user_layout(tf->rsi, &layout) || !user_heap_deallocate(tf->rdi, layout.size, layout.align))
        log_debug("Deallocate: 0x%lx is not an allocated block", tf->rdi);
}

#if YSOS_LAB >= 8
void sys_mmap(struct trap_frame *tf)
{
    struct mmap_request r = {tf->rdi, tf->rsi, tf->rdx, tf->r10, tf->r8, tf->r9};
    struct kfile *file = NULL;

    if (!(r.flags & MAP_ANONYMOUS))
        file = process_data_file(proc_current_data(), r.fd);
    tf->rax = (uint64_t)vm_mmap(proc_current_vm(), &r, file);
}

void sys_mprotect(struct trap_frame *tf)
{
    tf->rax = (uint64_t)vm_mprotect(proc_current_vm(), tf->rdi, tf->rsi, tf->rdx);
}

void sys_munmap(struct trap_frame *tf)
{
    tf->rax = (uint64_t)vm_munmap(proc_current_vm(), tf->rdi, tf->rsi);
}
#endif
