/*
 * services.c - the shell's commands (Rust: crates/app/sh/src/services.rs).
 *
 * Programs, files and directories are named relative to the shell's
 * current directory (path.c). run/nohup also find a bare program name in
 * /APP, so `run hello` works from anywhere.
 *
 * Ctrl-C (docs/userland.md): `run` makes its program the foreground, which
 * the kernel ends on Ctrl-C; `cat` and `ls` make the shell its own
 * foreground, so a Ctrl-C only sets a flag, polled between chunks (cat) or
 * seen by the kernel between entries (ls).
 */
#include <errno.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <ysos.h>

#include "hexdump.h"
#include "services.h"

#define CAT_CHUNK (HEXDUMP_ROW_BYTES * 128) /* whole rows per read */

void shell_ps(void)
{
    printf("当前运行的进程列表:\n");
    sys_stat();
}

/* Spawn the first candidate path that works; its pid, or 0. */
static uint16_t spawn_program(const struct shell *sh, const char *program)
{
    struct program_paths paths;

    if (!path_program_candidates(sh->cwd, program, &paths)) {
        printf("路径过长: '%s'\n", program);
        return 0;
    }
    for (int i = 0; i < paths.count; i++) {
        uint16_t pid = sys_spawn(paths.path[i]);
        if (pid != 0)
            return pid;
    }
    printf("无法运行程序 '%s': 找不到该程序或它不是有效的可执行文件\n", program);
    return 0;
}

#if YSOS_SOLVED >= 4
void shell_run(const struct shell *sh, const char *program)
{
    printf("正在运行程序: %s\n", program);
    uint16_t pid = spawn_program(sh, program);
    if (pid == 0)
        return;
    printf("进程ID: %u\n", pid);
    sys_set_foreground(pid); /* the child is held until we wait: set in time */
    long code = sys_wait_pid(pid);
    sys_set_foreground(0);
    printf("程序 '%s' 已退出, 返回值: %ld\n", program, code);
}
#else
void shell_run(const struct shell *sh, const char *program)
{
    /* TODO(lab 0x04): run a program and wait for it: start it
     * (spawn_program()), print its pid, make it the foreground
     * (sys_set_foreground(), so Ctrl-C ends it; 0 again after), wait for it
     * (sys_wait_pid()) and print its exit code.
     * Guide: 0x04 tasks.md "运行 Shell"; Rust: crates/app/sh (run a program) */
    (void)sh;
    (void)program;
    LAB_TODO(4, "shell_run");
}
#endif

void shell_nohup(const struct shell *sh, const char *program)
{
    uint16_t pid = spawn_program(sh, program);
    if (pid != 0)
        printf("程序 '%s' 已在后台运行, 进程ID: %u\n", program, pid);
}

/* The kernel (pid 1) cannot be killed; say so here, in one line, instead
 * of leaving the answer to a kernel log line. Killing the shell's own pid
 * is allowed: it ends the shell like `exit`. */
void shell_kill(const char *pid_text)
{
    char *end;

    errno = 0;
    unsigned long pid = strtoul(pid_text, &end, 10);
    if (*pid_text < '0' || *pid_text > '9' || *end != '\0' || errno != 0 || pid == 0 ||
        pid > UINT16_MAX) {
        printf("无效的进程ID: '%s'\n", pid_text);
        return;
    }
    if (pid == SHELL_KERNEL_PID) {
        printf("无法终止进程 %lu: 内核进程不能被终止\n", pid);
        return;
    }
    sys_kill((uint16_t)pid);
}

/* Resolve path against the cwd, or say why not; true on success. */
static bool resolve(const struct shell *sh, const char *path, char out[SHELL_PATH_SIZE])
{
    if (path_resolve(sh->cwd, path, out, SHELL_PATH_SIZE))
        return true;
    printf("路径过长: '%s'\n", path);
    return false;
}

/* Makes the shell its own foreground: a Ctrl-C is then a flag, not input. */
static void catch_ctrl_c(void)
{
    sys_set_foreground(sys_get_pid());
}

/* Was Ctrl-C typed since the last look? (Asking keeps catching it.) */
static bool ctrl_c_typed(void)
{
    return sys_set_foreground(sys_get_pid()) == FOREGROUND_CTRL_C;
}

/* Stops catching Ctrl-C; whether one was typed since the last look. */
static bool release_ctrl_c(void)
{
    return sys_set_foreground(0) == FOREGROUND_CTRL_C;
}

void shell_ls(const struct shell *sh, const char *dir)
{
    char path[SHELL_PATH_SIZE];

    if (!resolve(sh, dir ? dir : ".", path))
        return;
    catch_ctrl_c(); /* the kernel ends the listing early on Ctrl-C */
    sys_list_dir(path);
    if (release_ctrl_c())
        printf("^C\n");
}

/* Read until buf is full or the file ends; bytes read, or -1. */
static ssize_t read_chunk(int fd, unsigned char *buf, size_t size)
{
    size_t got = 0;

    while (got < size) {
        ssize_t n = sys_read(fd, buf + got, size - got);
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

/* Print data as hex rows (a chunk is whole rows except at the file's end). */
static void dump_chunk(const unsigned char *data, size_t len)
{
    char row[HEXDUMP_ROW_SIZE];

    for (size_t at = 0; at < len; at += HEXDUMP_ROW_BYTES) {
        size_t left = len - at;
        size_t row_len =
            hexdump_row(row, data + at, left < HEXDUMP_ROW_BYTES ? left : HEXDUMP_ROW_BYTES);
        sys_write(1, row, row_len);
    }
}

/* Opens FILE (resolved against the current directory) for reading; 0 after saying why not. */
static uint8_t open_for_reading(const struct shell *sh, const char *file, char *path)
{
    if (!resolve(sh, file, path))
        return 0;
    uint8_t fd = sys_open(path, FILE_MODE_READ_ONLY);
    if (fd == 0)
        printf("无法打开文件: %s\n", path);
    return fd;
}

void shell_cat(const struct shell *sh, const char *file)
{
    static unsigned char chunk[CAT_CHUNK]; /* static: 3 KiB off the stack */
    char path[SHELL_PATH_SIZE];
    size_t total = 0;
    ssize_t got;

    uint8_t fd = open_for_reading(sh, file, path);
    if (fd == 0)
        return;
    catch_ctrl_c(); /* /dev/random never ends */
    while ((got = read_chunk(fd, chunk, sizeof(chunk))) > 0) {
        dump_chunk(chunk, (size_t)got);
        total += (size_t)got;
        if (ctrl_c_typed())
            break;
    }
    sys_close(fd);
    if (release_ctrl_c() || got > 0) {
        printf("^C\n");
        return;
    }
    if (got < 0)
        printf("读取文件失败: %s\n", path);
    printf("    > Read %zu bytes from %s.\n", total, path);
}

/* CRC-32 as zlib and `cksum -a crc32b` compute it (reflected, 0xEDB88320). */
static uint32_t crc32_update(uint32_t crc, const unsigned char *data, size_t len)
{
    crc = ~crc;
    for (size_t i = 0; i < len; i++) {
        crc ^= data[i];
        for (int bit = 0; bit < 8; bit++)
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

/*
 * `sum FILE`: read FILE as `cat` does (the same chunks), print its first
 * and last rows as `cat` would, then the count and the CRC-32 of every
 * byte read: a check of a big read that does not print it all.
 */
void shell_sum(const struct shell *sh, const char *file)
{
    static unsigned char chunk[CAT_CHUNK];
    unsigned char last[HEXDUMP_ROW_BYTES];
    char row[HEXDUMP_ROW_SIZE];
    char path[SHELL_PATH_SIZE];
    size_t total = 0, last_len = 0;
    uint32_t crc = 0;
    ssize_t got;

    uint8_t fd = open_for_reading(sh, file, path);
    if (fd == 0)
        return;
    while ((got = read_chunk(fd, chunk, sizeof(chunk))) > 0) {
        size_t len = (size_t)got;
        if (total == 0) /* the first row */
            sys_write(1, row,
                      hexdump_row(row, chunk, len < HEXDUMP_ROW_BYTES ? len : HEXDUMP_ROW_BYTES));
        crc = crc32_update(crc, chunk, len);
        /* a chunk is whole rows except at the end: the last row starts here */
        size_t start = (len - 1) / HEXDUMP_ROW_BYTES * HEXDUMP_ROW_BYTES;
        last_len = len - start;
        memcpy(last, chunk + start, last_len);
        total += len;
    }
    sys_close(fd);
    if (got < 0) {
        printf("读取文件失败: %s\n", path);
        return;
    }
    if (total > HEXDUMP_ROW_BYTES)
        sys_write(1, row, hexdump_row(row, last, last_len));
    printf("    > Read %zu bytes from %s, CRC-32 %08x.\n", total, path, (unsigned)crc);
}

/* Changes the directory only to a directory that exists; otherwise one line says why. */
void shell_cd(struct shell *sh, const char *dir)
{
    char path[SHELL_PATH_SIZE];

    if (!resolve(sh, dir, path))
        return;
    switch (sys_file_kind(path)) {
    case FILE_KIND_DIRECTORY:
        snprintf(sh->cwd, sizeof(sh->cwd), "%s", path);
        break;
    case FILE_KIND_FILE:
        printf("无法切换目录 '%s': 不是目录\n", dir);
        break;
    case FILE_KIND_NONE:
        printf("无法切换目录 '%s': 找不到该目录\n", dir);
        break;
    default:
        printf("无法切换目录 '%s': 无法读取该路径\n", dir);
        break;
    }
}

void shell_clear(void)
{
    printf("\x1b[1;1H\x1b[2J");
}
