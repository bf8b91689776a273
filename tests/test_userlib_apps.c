/*
 * test_userlib_apps.c - run the real user programs (esp/APP, built from crt0 +
 * newlib + pkg/lib + the app) on the host under the YSOS syscall emulator
 * (pkg/lib/host/emu.h) and check what they print and return.
 *
 * This covers what unit tests cannot: the ABI wrappers, newlib's glue,
 * malloc on brk, read_line on the kernel's one-character reads, VFork
 * with a copied stack and shared memory, semaphores, and the shell driving
 * other programs. The emulator prints "[stat]" / "[ls PATH]" for the
 * kernel's Stat / ListDir output and "[fault SIGxxx]" when it kills a
 * program for a CPU exception.
 */
#include "test.h"
#include "emu.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#define NOTE_TEXT "Hello, YSOS!\n"
#define LONG_TEXT "the longest path\n"

/* Host folder standing for the YSOS root: APP -> esp/APP, NOTE.TXT, and a
 * file with a 254-character name, so "/" + it is a 255-character path. */
static char root[] = "/tmp/ysos-userlib-XXXXXX";
static char app_link[PATH_MAX], note_path[PATH_MAX], long_path[PATH_MAX];
static char long_name[255];

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    if (f == NULL)
        return -1;
    fputs(text, f);
    return fclose(f);
}

static int make_root(void)
{
    char app_dir[PATH_MAX];

    if (realpath("esp/APP", app_dir) == NULL || mkdtemp(root) == NULL)
        return -1;
    snprintf(app_link, sizeof(app_link), "%s/APP", root);
    snprintf(note_path, sizeof(note_path), "%s/NOTE.TXT", root);
    memset(long_name, 'L', sizeof(long_name) - 1);
    long_name[sizeof(long_name) - 1] = '\0';
    snprintf(long_path, sizeof(long_path), "%s/%s", root, long_name);
    if (symlink(app_dir, app_link) != 0 || write_file(note_path, NOTE_TEXT) != 0 ||
        write_file(long_path, LONG_TEXT) != 0)
        return -1;
    return 0;
}

static void remove_root(void)
{
    unlink(app_link);
    unlink(note_path);
    unlink(long_path);
    rmdir(root);
}

/* Run program with input; prints the reason when the emulation failed. */
static struct emu_run run(const char *program, const char *input)
{
    struct emu_run r = {.root = root, .program = program, .input = input, .timeout_s = 60};

    if (!emu_run(&r))
        printf("  %s: emulation failed: %s\n", program, r.error);
    return r;
}

/* Fails (and shows the output) unless text occurs in it. */
#define CHECK_HAS(r, text)                                                                         \
    do {                                                                                           \
        if (strstr((r).output, (text)) == NULL) {                                                  \
            printf("  %s:%d: output lacks \"%s\"; output was:\n%s\n", __FILE__, __LINE__, (text),  \
                   (r).output);                                                                    \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_LACKS(r, text) CHECK(strstr((r).output, (text)) == NULL)

/* first occurs, and before second */
static bool in_order(const char *output, const char *first, const char *second)
{
    const char *a = strstr(output, first), *b = strstr(output, second);
    return a != NULL && b != NULL && a < b;
}

/* Fails (and shows the output) unless first occurs before second. */
#define CHECK_ORDER(r, first, second)                                                              \
    do {                                                                                           \
        if (!in_order((r).output, (first), (second))) {                                            \
            printf("  %s:%d: \"%s\" not before \"%s\"; output was:\n%s\n", __FILE__, __LINE__,     \
                   (first), (second), (r).output);                                                 \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

static int count_of(const char *output, const char *text)
{
    int n = 0;

    for (const char *at = strstr(output, text); at; at = strstr(at + 1, text))
        n++;
    return n;
}

TEST(hello_greets_grows_its_stack_and_exits_233)
{
    struct emu_run r = run("/APP/HELLO", NULL);

    CHECK_EQ(r.exit_code, 233);
    CHECK_HAS(r, "Hello, world!!!\nNow at: 20");
    CHECK_HAS(r, " UTC\nHuge stack testing...\n0x000 == 0x000\n0x100 == 0x100\n");
    CHECK_HAS(r, "0xf00 == 0xf00\nExiting...\n");
    emu_free(&r);
}

/* n! mod 1e9+7, computed here independently of the app. */
static uint64_t factorial_mod(uint64_t n)
{
    uint64_t result = 1;

    for (uint64_t i = 2; i <= n; i++)
        result = result * i % 1000000007ULL;
    return result;
}

TEST(factorial_prints_stats_and_the_result)
{
    char expected[256];
    struct emu_run r = run("/APP/FACTORIAL", "10\r");

    snprintf(expected, sizeof(expected),
             "Input n: 10\nBefore calculating factorial:\n[stat]\nAfter calculating "
             "factorial:\n[stat]\nThe factorial of 10 under modulo 1000000007 is %llu.\n",
             (unsigned long long)factorial_mod(10));
    CHECK_EQ(r.exit_code, 0);
    CHECK(r.output && strcmp(r.output, expected) == 0);
    emu_free(&r);
}

TEST(factorial_recurses_a_million_frames_deep)
{
    char expected[128];
    struct emu_run r = run("/APP/FACTORIAL", "999999\n");

    snprintf(expected, sizeof(expected), "The factorial of 999999 under modulo 1000000007 is %llu.",
             (unsigned long long)factorial_mod(999999));
    CHECK_EQ(r.exit_code, 0);
    CHECK_HAS(r, expected);
    emu_free(&r);
}

TEST(factorial_rejects_bad_input)
{
    struct emu_run r = run("/APP/FACTORIAL", "12a\n");
    CHECK_EQ(r.exit_code, 1);
    CHECK_HAS(r, "Invalid input");
    emu_free(&r);

    r = run("/APP/FACTORIAL", "1000001\n");
    CHECK_EQ(r.exit_code, 1);
    CHECK_HAS(r, "n must be less than 1_000_000");
    emu_free(&r);
}

TEST(brk_test_prints_the_report_transcript)
{
    static const char *const expected =
        "🚀 开始测试 brk 系统调用...\n"
        "🔴 步骤 1: 获取当前堆起始地址\n"
        "✅ 堆起始地址: 0x200000000000\n"
        "🔴 步骤 2: 计算目标堆结束地址: 0x200000001000 (大小: 4096 字节)\n"
        "🔴 步骤 3: 扩展堆到目标地址\n"
        "✅ brk 返回地址: 0x200000001000\n"
        "✅ 堆扩展成功!\n"
        "🔴 步骤 4: 测试堆内存的写入和读取\n"
        "📁 写入测试数据...\n"
        "📁 读取并验证数据...\n"
        "✅ 数据写入和读取测试通过!\n"
        "🔴 步骤 5: 测试堆缩小\n"
        "✅ 堆缩小成功! 新结束地址: 0x200000000800\n"
        "🔴 步骤 6: 验证最终堆状态\n"
        "✅ 当前堆结束地址: 0x200000000800\n"
        "🎉 所有测试通过! brk 系统调用工作正常!\n";
    struct emu_run r = run("/APP/BRK_TEST", NULL);

    CHECK_EQ(r.exit_code, 0);
    CHECK(r.output && strcmp(r.output, expected) == 0);
    if (r.output && strcmp(r.output, expected) != 0)
        printf("  output was:\n%s\n", r.output);
    emu_free(&r);
}

TEST(brk_alloc_test_passes_all_six_tests)
{
    struct emu_run r = run("/APP/BRK_ALLOC_TEST", NULL);

    CHECK_EQ(r.exit_code, 0);
    CHECK_HAS(r, "🚀 开始测试 brk_alloc 内存分配器...\n🔴 测试 1: Vec 动态数组分配\n");
    CHECK_HAS(r, "✅ Vec 测试通过！总和：4950\n");
    CHECK_HAS(r, "✅ String 测试通过！内容：'Hello, brk_alloc allocator!'\n");
    CHECK_HAS(r, "✅ Box 测试通过！256个元素都是42\n");
    CHECK_HAS(r, "✅ 大量小分配测试通过！50个Box分配成功\n");
    CHECK_HAS(r, "✅ 混合分配测试通过！20个字符串分配成功\n");
    CHECK_HAS(r, "✅ 内存释放测试通过！平方和：328350\n🔴 所有 brk_alloc 分配器测试通过！\n");
    CHECK_LACKS(r, "❌");
    emu_free(&r);
}

TEST(brk_moves_the_break_on_command)
{
    struct emu_run r =
        run("/APP/BRK", "cur\nbrk 0x200000002000\ncur\nbrk 0x1\nbrk\nbrk zz\nfoo\n\nexit\n");

    CHECK_EQ(r.exit_code, 0);
    CHECK_HAS(r, "Welcome to Brk Test!\n$ cur\nCurrent brk addr: 0x200000000000\n");
    CHECK_HAS(r, "Brk to 0x200000002000 success, new brk addr: 0x200000002000\n[stat]\n");
    CHECK_HAS(r, "Current brk addr: 0x200000002000\n");
    CHECK_HAS(r, "Brk to 0x1 failed\n[stat]\n");
    CHECK_HAS(r, "Usage: brk <addr>\n");
    CHECK_HAS(r, "Invalid address: zz\n");
    CHECK_HAS(r, "Unknown command: foo\n$ \n$ exit\n");
    emu_free(&r);
}

TEST(fork_test_child_copies_the_stack_and_shares_globals)
{
    struct emu_run r = run("/APP/FORK_TEST", NULL);

    /* Parent and child run at the same time: only each one's own lines,
     * and the parent's lines after wait_pid, have a fixed order. */
    CHECK_EQ(r.exit_code, 1056);
    CHECK_ORDER(r, "I am the child process\n", "child read value of M: 0xdeadbeef\n");
    CHECK_ORDER(r, "child read value of M: 0xdeadbeef\n", "child changed the value of M: 0x2333\n");
    CHECK_ORDER(r, "I am the parent process\n", "Waiting for child to exit...\n");
    CHECK_ORDER(r, "child changed the value of M: 0x2333\n",
                "Child exited with status 64\nparent read value of M: 0x2333\n");
    CHECK_EQ(count_of(r.output, "[stat]\n"), 1);
    CHECK_LACKS(r, "assertion");
    emu_free(&r);
}

TEST(counter_keeps_every_increment)
{
    struct emu_run r = run("/APP/COUNTER", NULL);

    CHECK_EQ(r.exit_code, 0);
    CHECK_HAS(r, "process #2 holds threads: [3, 4, 5, 6, 7, 8, 9, 10]\n[stat]\n");
    CHECK_HAS(r, "#2 Waiting for #10...\n");
    CHECK_HAS(r, "COUNTER result: 800\n");
    emu_free(&r);
}

TEST(dinner_serves_every_meal)
{
    struct emu_run r = run("/APP/DINNER", NULL);

    CHECK_EQ(r.exit_code, 0);
    CHECK_EQ(count_of(r.output, " is eating...\n"), 500);
    CHECK_EQ(count_of(r.output, " is thinking...\n"), 500);
    CHECK_HAS(r, "philosopher #4 ate 100 meals\nTotal meals: 500\n");
    emu_free(&r);
}

TEST(mq_count_returns_to_zero)
{
    struct emu_run r = run("/APP/MQ", NULL);

    CHECK_EQ(r.exit_code, 0);
    CHECK_EQ(count_of(r.output, "Produced by #"), 80);
    CHECK_EQ(count_of(r.output, "Consumed by #"), 80);
    CHECK_HAS(r, "Final count: 0\n");
    CHECK_LACKS(r, "count=-");
    CHECK_LACKS(r, "count=17");
    emu_free(&r);
}

/*
 * Mutual exclusion, whoever gets the lock first (that depends on timing):
 * the boy never takes burgers while the mother holds the lock, so between
 * her two lines the count only changes by her own +10.
 */
static void check_story(const char *output, const char *tag)
{
    char start_text[96], end_text[96], boy_text[64];
    int before, after;

    snprintf(start_text, sizeof(start_text),
             "Mother - %s : Start to make cheese burger, there are ", tag);
    snprintf(end_text, sizeof(end_text), "Mother - %s : Oh, Jesus! There are ", tag);
    snprintf(boy_text, sizeof(boy_text), "Boy    - %s : Look what I found!\n", tag);
    const char *start = strstr(output, start_text), *end = strstr(output, end_text);
    const char *boy = strstr(output, boy_text);

    CHECK(start && end && boy);
    if (!(start && end && boy))
        return;
    CHECK(!(start < boy && boy < end));
    CHECK(sscanf(start + strlen(start_text), "%d", &before) == 1);
    CHECK(sscanf(end + strlen(end_text), "%d", &after) == 1);
    CHECK_EQ(after, before + 10);
}

TEST(mutex_spin_lock_and_semaphore_exclude_each_other)
{
    struct emu_run r = run("/APP/MUTEX", NULL);

    CHECK_EQ(r.exit_code, 0);
    check_story(r.output, "SPIN");
    check_story(r.output, "SEMA");
    if (test_cur_failed)
        printf("  output was:\n%s\n", r.output);
    emu_free(&r);
}

TEST(crash_cases_fault_and_ok_exits)
{
    static const struct {
        const char *name, *fault;
    } cases[] = {
        {"null", "SEGV"},
        {"write_text", "SEGV"},
        {"exec_data", "SEGV"},
        {"kernel_read", "SEGV"},
        {"cli", "SEGV"},
        {"hlt", "SEGV"},
        {"io", "SEGV"},
        {"div0", "FPE"},
        {"ud2", "ILL"},
        {"int3", "TRAP"},
        {"stack_overflow", "SEGV"},
    };
    char input[32], expected[64];

    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        snprintf(input, sizeof(input), "%s\n", cases[i].name);
        snprintf(expected, sizeof(expected), "crash: %s\n[fault SIG%s]\n", cases[i].name,
                 cases[i].fault);
        struct emu_run r = run("/APP/CRASH", input);
        CHECK_EQ(r.exit_code, 0xdead);
        CHECK_HAS(r, expected);
        emu_free(&r);
    }

    struct emu_run r = run("/APP/CRASH", "ok\n");
    CHECK_EQ(r.exit_code, 0);
    emu_free(&r);
    r = run("/APP/CRASH", "nonsense\n");
    CHECK_EQ(r.exit_code, 2);
    CHECK_HAS(r, "Unknown case 'nonsense'");
    emu_free(&r);
}

TEST(shell_session_like_the_report)
{
    char long_line[700];
    char input[2048];

    memset(long_line, 'x', 600); /* over the 511-byte line limit */
    long_line[600] = '\0';
    snprintf(input, sizeof(input),
             "ps\nrun hello\nrun APP/FACTORIAL\n10\nPS\n\nrun nosuch\nrun\n"
             "cd APP\nrun brk_test\ncd ..\nls\nls app\ncat NOTE.TXT\nkill abc\n%s\nhelp\nexit\n",
             long_line);
    struct emu_run r = run("/APP/SHELL", input);

    CHECK_EQ(r.exit_code, 0);
    CHECK_HAS(
        r, "欢迎使用YSOS Shell!\n输入 help 获取帮助信息\nysos> ps\n当前运行的进程列表:\n[stat]\n");
    /* The new program runs while the shell prints its pid: no fixed order. */
    CHECK_ORDER(r, "ysos> run hello\n正在运行程序: hello\n", "Hello, world!!!\n");
    CHECK_HAS(r, "进程ID: 3\n");
    CHECK_ORDER(r, "Exiting...\n", "程序 'hello' 已退出, 返回值: 233\n");
    /* Its prompt, then the typed 10 echoed; the shell's pid line may land between. */
    CHECK(strstr(r.output, "Input n: 10\n") || strstr(r.output, "Input n: 进程ID: 4\n10\n"));
    CHECK_ORDER(r, "正在运行程序: APP/FACTORIAL\n", "Input n: ");
    CHECK_HAS(r, "进程ID: 4\n");
    CHECK_ORDER(r, "is 3628800.\n", "程序 'APP/FACTORIAL' 已退出, 返回值: 0\n");
    CHECK_HAS(r,
              "ysos> PS\n未知命令: 'PS'\n输入 help 获取可用命令列表\nysos> \nysos> run nosuch\n");
    CHECK_HAS(r, "无法运行程序 'nosuch'");
    CHECK_HAS(r, "ysos> run\n用法: run <path>\n");
    /* As for hello: the shell's "进程ID" line may land anywhere in the child's output. */
    CHECK_HAS(r, "进程ID: 5\n");
    CHECK_ORDER(r, "所有测试通过! brk 系统调用工作正常!\n", "程序 'brk_test' 已退出, 返回值: 0\n");
    CHECK_HAS(r, "ysos> ls\n[ls /]\nysos> ls app\n[ls /APP]\n");
    CHECK_HAS(r, "ysos> cat NOTE.TXT\n    48656c6c6f2c2059 534f53210a");
    CHECK_HAS(r, " | Hello, YSOS!.\n    > Read 13 bytes from /NOTE.TXT.\n");
    CHECK_HAS(r, "无效的进程ID: 'abc'\n");
    CHECK_HAS(r, "输入过长");
    CHECK_HAS(r, "可用命令:\n  help");
    CHECK_ORDER(r, "输入过长", "ysos> help\n");
    emu_free(&r);
}

/* The robustness issue's shell cases: one line for each refusal, the
 * longest path fits on a line, the directory only changes to a directory. */
TEST(shell_refusals_and_the_longest_path)
{
    char input[2048], expected[600];

    snprintf(input, sizeof(input),
             "cd /APP/HELLO\ncd /no/such/dir\nls\ncd app\nls\nkill 1\ncat /%s\nexit\n", long_name);
    struct emu_run r = run("/APP/SHELL", input);

    CHECK_EQ(r.exit_code, 0);
    CHECK_HAS(r, "ysos> cd /APP/HELLO\n无法切换目录 '/APP/HELLO': 不是目录\nysos> ");
    CHECK_HAS(r, "ysos> cd /no/such/dir\n无法切换目录 '/no/such/dir': 找不到该目录\nysos> ");
    CHECK_HAS(r, "ysos> ls\n[ls /]\nysos> cd app\nysos> ls\n[ls /APP]\n");
    CHECK_HAS(r, "ysos> kill 1\n无法终止进程 1: 内核进程不能被终止\nysos> ");
    snprintf(expected, sizeof(expected), "    > Read %zu bytes from /%s.\n", strlen(LONG_TEXT),
             long_name);
    CHECK_HAS(r, expected);
    emu_free(&r);
}

TEST(shell_ends_on_ctrl_d_and_runs_nohup_in_the_background)
{
    struct emu_run r = run("/APP/SHELL", "nohup hello\n\x04");

    CHECK_EQ(r.exit_code, 0);
    CHECK_HAS(r, "程序 'hello' 已在后台运行, 进程ID: 3\n");
    emu_free(&r);
}

/* Some sandboxes forbid ptrace; then the programs cannot be run here. */
static bool ptrace_allowed(void)
{
    int status;
    pid_t pid = fork();

    if (pid == 0)
        _exit(ptrace(PTRACE_TRACEME, 0, NULL, NULL) == 0 ? 0 : 1);
    return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
           WEXITSTATUS(status) == 0;
}

/* The console as a Rust-built program reads it (grader suite rustabi):
 * Enter as CR, Backspace as DEL, Ctrl-C, Ctrl-D, all typed ahead at once. */
TEST(rustabi_reads_keys_as_yslib_does)
{
    struct emu_run r = run("/APP/RUSTABI", "10\r"
                                           "2\x7f"
                                           "3\r"
                                           "abc\x03"
                                           "alloc\r"
                                           "\x04");

    CHECK_EQ(r.exit_code, 0);
    CHECK_HAS(r, "line [10] 2 chars\n");
    CHECK_HAS(r, "2\b3\nline [3] 1 chars\n"); /* '\b' echoed; the console draws it */
    CHECK_HAS(r, "abcline [] 0 chars\n");
    CHECK_HAS(r, "alloc passed\n");
    CHECK_HAS(r, "EOF\n");
    emu_free(&r);
}

int main(void)
{
    if (!ptrace_allowed()) {
        printf("SKIPPED: ptrace is not permitted here, the user programs were not run\n");
        return test_summary();
    }
    if (make_root() != 0) {
        printf("cannot set up %s (is esp/APP built?)\n", root);
        remove_root();
        return 1;
    }
    RUN(hello_greets_grows_its_stack_and_exits_233);
    RUN(factorial_prints_stats_and_the_result);
    RUN(factorial_recurses_a_million_frames_deep);
    RUN(factorial_rejects_bad_input);
    RUN(brk_test_prints_the_report_transcript);
    RUN(brk_alloc_test_passes_all_six_tests);
    RUN(brk_moves_the_break_on_command);
    RUN(fork_test_child_copies_the_stack_and_shares_globals);
    RUN(counter_keeps_every_increment);
    RUN(dinner_serves_every_meal);
    RUN(mq_count_returns_to_zero);
    RUN(mutex_spin_lock_and_semaphore_exclude_each_other);
    RUN(crash_cases_fault_and_ok_exits);
    RUN(shell_session_like_the_report);
    RUN(shell_refusals_and_the_longest_path);
    RUN(shell_ends_on_ctrl_d_and_runs_nohup_in_the_background);
    RUN(rustabi_reads_keys_as_yslib_does);
    remove_root();
    return test_summary();
}
