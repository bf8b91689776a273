/*
 * test_userlib_shell.c - host tests of the shell's portable parts:
 * path resolution (pkg/app/shell/path.c), where `run` looks for programs,
 * word splitting (args.c) and the `cat` hex dump rows (hexdump.c).
 */
#include "test.h"
#include "args.h"
#include "hexdump.h"
#include "path.h"

#include <string.h>

/* path_resolve into a fresh buffer; "<too long>" when it fails. */
static const char *resolve(const char *cwd, const char *path)
{
    static char out[SHELL_PATH_SIZE];

    if (!path_resolve(cwd, path, out, sizeof(out)))
        return "<too long>";
    return out;
}

#define CHECK_STR(actual, expected)                                                                \
    do {                                                                                           \
        const char *_a = (actual), *_e = (expected);                                               \
        if (strcmp(_a, _e) != 0) {                                                                 \
            printf("  %s:%d: \"%s\" != \"%s\"\n", __FILE__, __LINE__, _a, _e);                     \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

TEST(relative_paths_join_the_cwd)
{
    CHECK_STR(resolve("/", "APP/FACTOR~1"), "/APP/FACTOR~1");
    CHECK_STR(resolve("/APP", "hello"), "/APP/HELLO");
    CHECK_STR(resolve("/A/B", "c/d"), "/A/B/C/D");
}

TEST(absolute_paths_ignore_the_cwd)
{
    CHECK_STR(resolve("/APP", "/EFI/BOOT"), "/EFI/BOOT");
    CHECK_STR(resolve("/APP", "/"), "/");
}

TEST(dot_dotdot_and_extra_slashes_are_normalised)
{
    CHECK_STR(resolve("/APP", ".."), "/");
    CHECK_STR(resolve("/A/B", "../C"), "/A/C");
    CHECK_STR(resolve("/", "../.."), "/"); /* cannot go above the root */
    CHECK_STR(resolve("/", "/app//x/./y/.."), "/APP/X");
    CHECK_STR(resolve("/A", "./"), "/A");
    CHECK_STR(resolve("/A", "B/"), "/A/B");
}

TEST(paths_are_upper_cased)
{
    CHECK_STR(resolve("/", "efi/Boot/bootx64.efi"), "/EFI/BOOT/BOOTX64.EFI");
}

TEST(too_long_paths_are_refused)
{
    char name[SHELL_PATH_SIZE + 8];
    memset(name, 'a', sizeof(name) - 1);
    name[sizeof(name) - 1] = '\0';
    CHECK_STR(resolve("/", name), "<too long>");

    /* exactly fitting: "/" + SHELL_PATH_SIZE - 2 characters + NUL */
    name[SHELL_PATH_SIZE - 2] = '\0';
    CHECK_EQ(strlen(resolve("/", name)), SHELL_PATH_SIZE - 1);
}

TEST(bare_program_names_are_also_looked_up_in_app)
{
    struct program_paths p;

    CHECK(path_program_candidates("/", "hello", &p));
    CHECK_EQ(p.count, 2);
    CHECK_STR(p.path[0], "/HELLO");
    CHECK_STR(p.path[1], "/APP/HELLO");

    CHECK(path_program_candidates("/EFI", "hello", &p));
    CHECK_EQ(p.count, 2);
    CHECK_STR(p.path[0], "/EFI/HELLO");
}

TEST(program_paths_with_a_slash_or_already_in_app_have_one_candidate)
{
    struct program_paths p;

    CHECK(path_program_candidates("/", "APP/FACTOR~1", &p));
    CHECK_EQ(p.count, 1);
    CHECK_STR(p.path[0], "/APP/FACTOR~1");

    CHECK(path_program_candidates("/app", "hello", &p));
    CHECK_EQ(p.count, 1);
    CHECK_STR(p.path[0], "/APP/HELLO");

    CHECK(path_program_candidates("/", "/APP/SHELL", &p));
    CHECK_EQ(p.count, 1);
}

TEST(split_args_splits_on_blanks)
{
    char line[] = "  run \t APP/HELLO  ";
    char *argv[4] = {0};

    CHECK_EQ(split_args(line, argv, 4), 2);
    CHECK_STR(argv[0], "run");
    CHECK_STR(argv[1], "APP/HELLO");
    CHECK(argv[2] == NULL);
}

TEST(split_args_counts_words_beyond_max)
{
    char line[] = "a b c d e";
    char *argv[2] = {0};

    CHECK_EQ(split_args(line, argv, 2), 5);
    CHECK_STR(argv[0], "a");
    CHECK_STR(argv[1], "b");

    char empty[] = " \t ";
    CHECK_EQ(split_args(empty, argv, 2), 0);
}

TEST(hexdump_full_row)
{
    unsigned char data[24];
    char row[HEXDUMP_ROW_SIZE];

    for (int i = 0; i < 24; i++)
        data[i] = (unsigned char)('A' + i);
    data[23] = 0x0a; /* not printable */
    size_t len = hexdump_row(row, data, 24);
    CHECK_STR(row, "    4142434445464748 494a4b4c4d4e4f50 515253545556570a  | "
                   "ABCDEFGHIJKLMNOPQRSTUVW.\n");
    CHECK_EQ(len, strlen(row));
}

TEST(hexdump_short_row_is_padded_to_the_ascii_column)
{
    char row[HEXDUMP_ROW_SIZE];
    /* "Hello, World!" = 13 bytes: 11 missing bytes pad 22 blanks. */
    hexdump_row(row, (const unsigned char *)"Hello, World!", 13);
    CHECK_STR(row, "    48656c6c6f2c2057 6f726c6421"
                   "                      " /* 11 missing bytes */
                   "  "                     /* the 2 group gaps not yet printed */
                   " | Hello, World!\n");

    hexdump_row(row, (const unsigned char *)"\x00\x7f ~", 4);
    CHECK_STR(row, "    007f207e"
                   "                                        " /* 20 missing bytes */
                   "   "                                      /* 3 group gaps */
                   " | .. ~\n");
}

int main(void)
{
    RUN(relative_paths_join_the_cwd);
    RUN(absolute_paths_ignore_the_cwd);
    RUN(dot_dotdot_and_extra_slashes_are_normalised);
    RUN(paths_are_upper_cased);
    RUN(too_long_paths_are_refused);
    RUN(bare_program_names_are_also_looked_up_in_app);
    RUN(program_paths_with_a_slash_or_already_in_app_have_one_candidate);
    RUN(split_args_splits_on_blanks);
    RUN(split_args_counts_words_beyond_max);
    RUN(hexdump_full_row);
    RUN(hexdump_short_row_is_padded_to_the_ascii_column);
    return test_summary();
}
