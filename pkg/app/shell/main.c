/*
 * shell - the YSOS shell (Rust: crates/app/sh), the first user program.
 *
 * Reads a line at the `ysos> ` prompt, splits it into words and runs the
 * command named by the first word from the table below; the table also
 * produces the help text. `exit` or Ctrl-D ends the shell, and with it the
 * machine (the kernel shuts down when the shell exits).
 */
#include <stdio.h>
#include <string.h>

#include <ysos.h>

#include "args.h"
#include "services.h"

#define PROMPT "ysos> "
/*
 * A line holds 511 bytes: the longest path the kernel takes
 * (SYSCALL_PATH_MAX, 256 bytes) after the longest command that takes one
 * (`nohup `), with room for a relative path's `../` detours. A line longer
 * than that is refused whole (`输入过长`), never cut and run.
 */
#define LINE_SIZE 512
#define MAX_ARGS  4

struct command {
    const char *name;
    const char *args; /* shown in help and usage; NULL = takes none */
    int min_args;     /* arguments that must be given */
    const char *help;
    void (*run)(struct shell *sh, char **argv);
};

static void show_help(void);

static void cmd_help(struct shell *sh, char **argv)
{
    (void)sh;
    (void)argv;
    show_help();
}

static void cmd_ps(struct shell *sh, char **argv)
{
    (void)sh;
    (void)argv;
    shell_ps();
}

static void cmd_run(struct shell *sh, char **argv)
{
    shell_run(sh, argv[1]);
}

static void cmd_nohup(struct shell *sh, char **argv)
{
    shell_nohup(sh, argv[1]);
}

static void cmd_kill(struct shell *sh, char **argv)
{
    (void)sh;
    shell_kill(argv[1]);
}

static void cmd_ls(struct shell *sh, char **argv)
{
    shell_ls(sh, argv[1]); /* argv[1] is NULL without an argument */
}

static void cmd_clear(struct shell *sh, char **argv)
{
    (void)sh;
    (void)argv;
    shell_clear();
}

static const struct command commands[] = {
    {"help", NULL, 0, "显示本帮助信息", cmd_help},
    {"ps", NULL, 0, "显示进程列表和内存使用", cmd_ps},
    {"run", "<path>", 1, "运行程序并等待它退出 (如 run hello)", cmd_run},
    {"nohup", "<path>", 1, "在后台运行程序, 不等待", cmd_nohup},
    {"kill", "<pid>", 1, "终止进程", cmd_kill},
    {"ls", "[dir]", 0, "列出目录内容 (默认为当前目录)", cmd_ls},
    {"clear", NULL, 0, "清屏", cmd_clear},
    {"exit", NULL, 0, "退出 Shell (也可按 Ctrl-D)", NULL},
};
#define COMMAND_COUNT (sizeof(commands) / sizeof(commands[0]))

/*
 * Lab 0x06 brings files: before it there is no disk, `ls` lists the
 * programs the loader brought, and these commands do not exist.
 */
#if YSOS_LAB >= 6
static void cmd_cat(struct shell *sh, char **argv)
{
    shell_cat(sh, argv[1]);
}

static void cmd_sum(struct shell *sh, char **argv)
{
    shell_sum(sh, argv[1]);
}

static void cmd_cd(struct shell *sh, char **argv)
{
    shell_cd(sh, argv[1]);
}

static const struct command file_commands[] = {
    {"cat", "<file>", 1, "以十六进制和 ASCII 显示文件内容", cmd_cat},
    {"sum", "<file>", 1, "读取文件, 显示首尾两行, 字节数和 CRC-32", cmd_sum},
    {"cd", "<dir>", 1, "切换当前目录 (支持绝对路径, 相对路径和 ..)", cmd_cd},
};
#define FILE_COMMAND_COUNT (sizeof(file_commands) / sizeof(file_commands[0]))
#endif

static void show_welcome(void)
{
    printf("欢迎使用YSOS Shell!\n");
    printf("输入 help 获取帮助信息\n");
}

static void help_line(const struct command *cmd)
{
    char usage[32];

    snprintf(usage, sizeof(usage), "%s %s", cmd->name, cmd->args ? cmd->args : "");
    printf("  %-14s %s\n", usage, cmd->help);
}

static void show_help(void)
{
    printf("可用命令:\n");
    for (size_t i = 0; i < COMMAND_COUNT; i++)
        help_line(&commands[i]);
#if YSOS_LAB >= 6
    for (size_t i = 0; i < FILE_COMMAND_COUNT; i++)
        help_line(&file_commands[i]);
#endif
    printf("路径可以是绝对路径或相对于当前目录的路径, 不区分大小写;\n");
    printf("程序名不含 '/' 时也会在 /APP 中查找。Ctrl-C 取消当前输入, 或结束正在运行的程序。\n");
}

static const struct command *find_command(const char *name)
{
    for (size_t i = 0; i < COMMAND_COUNT; i++) {
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    }
#if YSOS_LAB >= 6
    for (size_t i = 0; i < FILE_COMMAND_COUNT; i++) {
        if (strcmp(file_commands[i].name, name) == 0)
            return &file_commands[i];
    }
#endif
    return NULL;
}

#if YSOS_SOLVED >= 4
/* Run one command line; false when the shell should exit. */
static bool execute(struct shell *sh, char *line)
{
    char *argv[MAX_ARGS + 1] = {NULL};
    int argc = split_args(line, argv, MAX_ARGS);

    if (argc == 0)
        return true;
    const struct command *cmd = find_command(argv[0]);
    if (cmd == NULL) {
        printf("未知命令: '%s'\n", argv[0]);
        printf("输入 help 获取可用命令列表\n");
        return true;
    }
    if (cmd->run == NULL)
        return false; /* exit */
    if (argc - 1 < cmd->min_args) {
        printf("用法: %s %s\n", cmd->name, cmd->args);
        return true;
    }
    cmd->run(sh, argv);
    return true;
}
#else
static bool execute(struct shell *sh, char *line)
{
    /* TODO(lab 0x04): run one command line: split it into words
     * (split_args()), look the first one up (find_command()), say so if it is
     * unknown or lacks arguments, stop at `exit` (return false), else call
     * its run function. Guide: 0x04 tasks.md "运行 Shell"; Rust: crates/app/sh */
    (void)sh;
    (void)line;
    (void)find_command;
    LAB_TODO(4, "execute");
    return true;
}
#endif

int main(void)
{
    struct shell sh = {.cwd = "/"};
    char line[LINE_SIZE];

    show_welcome();
    for (;;) {
        printf(PROMPT);
        int len = read_line(line, sizeof(line));
        if (len == READ_LINE_EOF) {
            printf("\n");
            break;
        }
        if (len == READ_LINE_TOO_LONG) {
            printf("输入过长: 一行最多 %zu 个字节\n", sizeof(line) - 1);
            continue;
        }
        if (!execute(&sh, line))
            break;
    }
    return 0;
}
