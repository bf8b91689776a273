/*
 * services.h - what the shell's commands do (Rust: crates/app/sh/src/services.rs).
 */
#ifndef SHELL_SERVICES_H
#define SHELL_SERVICES_H

#include "path.h"

#define SHELL_KERNEL_PID 1 /* the kernel's process, which cannot be killed */

struct shell {
    char cwd[SHELL_PATH_SIZE]; /* current directory, normalised (path.h) */
};

void shell_ps(void);
void shell_run(const struct shell *sh, const char *program);
void shell_nohup(const struct shell *sh, const char *program);
void shell_kill(const char *pid_text);
void shell_ls(const struct shell *sh, const char *dir);
void shell_cat(const struct shell *sh, const char *file);
void shell_sum(const struct shell *sh, const char *file);
void shell_cd(struct shell *sh, const char *dir);
void shell_clear(void);

#endif
