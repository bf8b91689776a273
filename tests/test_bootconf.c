/*
 * test_bootconf.c - host tests for the boot.conf parser (pkg/boot/src/config.c),
 * whose messages are formatted by the shared printf engine (pkg/format).
 * Every message the parser logs is captured and checked word for word.
 */
#include <string.h>
#include "test.h"
#include <boot/config.h>

#define MAX_MSGS 32

static struct {
    int count;
    enum boot_log_level level[MAX_MSGS];
    char text[MAX_MSGS][256];
} logged;

static void capture(void *ctx, enum boot_log_level level, const char *msg)
{
    (void)ctx;
    if (logged.count < MAX_MSGS) {
        logged.level[logged.count] = level;
        snprintf(logged.text[logged.count], sizeof(logged.text[0]), "%s", msg);
    }
    logged.count++;
}

static struct boot_config cfg;

/* Parses a C string as boot.conf content, capturing the messages. */
static void parse(const char *text)
{
    memset(&logged, 0, sizeof(logged));
    memset(&cfg, 0xAB, sizeof(cfg)); /* the parser must set every field */
    bootconf_parse(&cfg, text, text ? strlen(text) : 0, capture, NULL);
}

/* Was exactly this message logged at this level? */
static int was_logged(enum boot_log_level level, const char *text)
{
    for (int i = 0; i < logged.count && i < MAX_MSGS; i++) {
        if (logged.level[i] == level && strcmp(logged.text[i], text) == 0)
            return 1;
    }
    return 0;
}

static int warnings(void)
{
    int n = 0;
    for (int i = 0; i < logged.count && i < MAX_MSGS; i++)
        n += logged.level[i] == BOOT_LOG_WARN;
    return n;
}

static void check_defaults(void)
{
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFFF0100000000ULL);
    CHECK_EQ(cfg.kernel_stack_size, 512);
    CHECK_EQ(cfg.physical_memory_offset, 0xFFFF800000000000ULL);
    CHECK_EQ(cfg.kernel_stack_auto_grow, 0);
    CHECK(strcmp(cfg.kernel_path, "\\KERNEL.ELF") == 0);
    CHECK(strcmp(cfg.initramfs, "") == 0);
    CHECK(strcmp(cfg.cmdline, "") == 0);
    CHECK_EQ(cfg.load_apps, 0);
    CHECK_EQ(cfg.log_level, BOOT_LOG_INFO);
}

TEST(empty_file_gives_defaults)
{
    parse("");
    check_defaults();
    CHECK_EQ(logged.count, 0);
}

TEST(missing_file_warns)
{
    parse(NULL);
    check_defaults();
    CHECK_EQ(logged.count, 1);
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf not found, using defaults"));
}

/* The Rust lab's own boot.conf, with its comments. */
TEST(rust_lab_file)
{
    parse("# The config file for rboot.\n"
          "\n"
          "# The address at which the kernel stack is placed.\n"
          "kernel_stack_address=0xFFFFFF0100000000\n"
          "kernel_stack_size=1048576\n"
          "physical_memory_offset=0xFFFF800000000000\n"
          "kernel_path=\\KERNEL.ELF\n"
          "kernel_stack_auto_grow=8\n"
          "load_apps=0\n"
          "log_level=debug\n");
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFFF0100000000ULL);
    CHECK_EQ(cfg.kernel_stack_size, 1048576);
    CHECK_EQ(cfg.physical_memory_offset, 0xFFFF800000000000ULL);
    CHECK(strcmp(cfg.kernel_path, "\\KERNEL.ELF") == 0);
    CHECK_EQ(cfg.kernel_stack_auto_grow, 8);
    CHECK_EQ(cfg.load_apps, 0);
    CHECK_EQ(cfg.log_level, BOOT_LOG_DEBUG);
    CHECK_EQ(warnings(), 0);
    CHECK_EQ(logged.count, 7);
    CHECK(was_logged(BOOT_LOG_INFO, "parse kernel_stack_size = 1048576"));
    CHECK(was_logged(BOOT_LOG_INFO, "parse kernel_stack_address = 0xFFFFFF0100000000"));
    CHECK(was_logged(BOOT_LOG_INFO, "parse kernel_path = \\KERNEL.ELF"));
    CHECK(was_logged(BOOT_LOG_INFO, "parse log_level = debug"));
}

TEST(non_default_values)
{
    parse("kernel_stack_address=0xffffff8000000000\n"
          "physical_memory_offset=0xFFFF900000000000\n"
          "kernel_path=\\BOOT\\K.ELF\n"
          "initramfs=\\INITRD.IMG\n"
          "cmdline=console=ttyS0 quiet\n"
          "load_apps=1\n"
          "log_level=trace\n");
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFFF8000000000ULL);
    CHECK_EQ(cfg.physical_memory_offset, 0xFFFF900000000000ULL);
    CHECK(strcmp(cfg.kernel_path, "\\BOOT\\K.ELF") == 0);
    CHECK(strcmp(cfg.initramfs, "\\INITRD.IMG") == 0);
    CHECK(strcmp(cfg.cmdline, "console=ttyS0 quiet") == 0); /* only the first '=' splits */
    CHECK_EQ(cfg.load_apps, 1);
    CHECK_EQ(cfg.log_level, BOOT_LOG_TRACE);
    CHECK_EQ(warnings(), 0);
}

TEST(spaces_and_tabs)
{
    parse("  kernel_stack_size = 64  \n\tload_apps\t=\t1\nlog_level   =warn\n");
    CHECK_EQ(cfg.kernel_stack_size, 64);
    CHECK_EQ(cfg.load_apps, 1);
    CHECK_EQ(cfg.log_level, BOOT_LOG_WARN);
    CHECK(was_logged(BOOT_LOG_INFO, "parse kernel_stack_size = 64"));
    CHECK_EQ(warnings(), 0);
}

TEST(quoted_values)
{
    parse("cmdline = \"a # not a comment\"  # a comment\n"
          "kernel_path='\\MY KERNEL.ELF'\n"
          "log_level = \"error\"\n"
          "kernel_stack_size = '16'\n");
    CHECK(strcmp(cfg.cmdline, "a # not a comment") == 0);
    CHECK(strcmp(cfg.kernel_path, "\\MY KERNEL.ELF") == 0);
    CHECK_EQ(cfg.log_level, BOOT_LOG_ERROR);
    CHECK_EQ(cfg.kernel_stack_size, 16);
    CHECK(was_logged(BOOT_LOG_INFO, "parse cmdline = a # not a comment"));
    CHECK_EQ(warnings(), 0);
}

TEST(empty_quoted_cmdline)
{
    parse("cmdline=\"\"\ncmdline=\n");
    CHECK(strcmp(cfg.cmdline, "") == 0);
    CHECK(was_logged(BOOT_LOG_INFO, "parse cmdline = "));
    CHECK_EQ(warnings(), 0);
}

TEST(comments)
{
    parse("# whole line\n"
          "   # indented comment\n"
          "kernel_stack_size=32 # trailing comment\n"
          "kernel_path=\\A#B.ELF\n" /* '#' not after whitespace: part of the value */
          "kernel_stack_auto_grow=4\t#tab\n");
    CHECK_EQ(cfg.kernel_stack_size, 32);
    CHECK(strcmp(cfg.kernel_path, "\\A#B.ELF") == 0);
    CHECK_EQ(cfg.kernel_stack_auto_grow, 4);
    CHECK_EQ(warnings(), 0);
    CHECK_EQ(logged.count, 3);
}

TEST(crlf_line_ends)
{
    parse("kernel_stack_size=128\r\nlog_level=debug\r\n\r\nkernel_path=\\K.ELF\r\n");
    CHECK_EQ(cfg.kernel_stack_size, 128);
    CHECK_EQ(cfg.log_level, BOOT_LOG_DEBUG);
    CHECK(strcmp(cfg.kernel_path, "\\K.ELF") == 0);
    CHECK_EQ(warnings(), 0);
}

TEST(last_line_without_newline_and_bom)
{
    parse("\xEF\xBB\xBFkernel_stack_size=7\nkernel_stack_auto_grow=2");
    CHECK_EQ(cfg.kernel_stack_size, 7);
    CHECK_EQ(cfg.kernel_stack_auto_grow, 2);
    CHECK_EQ(warnings(), 0);
}

TEST(hex_page_counts)
{
    parse("kernel_stack_size=0x100000\n");
    CHECK_EQ(cfg.kernel_stack_size, 0x100000);
    CHECK_EQ(warnings(), 0);
}

TEST(load_apps_words)
{
    parse("load_apps=true\n"); /* what the lab 0x04 guide tells students to write */
    CHECK_EQ(cfg.load_apps, 1);
    parse("load_apps=false\n");
    CHECK_EQ(cfg.load_apps, 0);
    CHECK_EQ(warnings(), 0);
}

TEST(unknown_key)
{
    parse("kernel_stack_size=64\n\nkernel_stak_size=99\n");
    CHECK_EQ(cfg.kernel_stack_size, 64);
    CHECK_EQ(warnings(), 1);
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf line 3: unknown key 'kernel_stak_size'"));
    CHECK(was_logged(BOOT_LOG_INFO, "parse kernel_stak_size = 99"));
}

TEST(line_without_equals)
{
    parse("# c\nkernel_stack_size 64\n= 5\n");
    CHECK_EQ(cfg.kernel_stack_size, 512);
    CHECK_EQ(warnings(), 2);
    CHECK(was_logged(BOOT_LOG_WARN,
                     "boot.conf line 2: expected key=value, got 'kernel_stack_size 64'"));
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf line 3: expected key=value, got '= 5'"));
}

/* One bad line; checks the exact warning and that the key kept its default. */
static void check_bad(const char *text, const char *warning)
{
    parse(text);
    CHECK_EQ(warnings(), 1);
    CHECK(was_logged(BOOT_LOG_WARN, warning));
    if (!was_logged(BOOT_LOG_WARN, warning))
        printf("  got: %s\n", logged.text[logged.count - 1]);
}

TEST(bad_numbers)
{
    check_bad("kernel_stack_size=12abc\n",
              "boot.conf line 1: bad value '12abc' for kernel_stack_size, using default 512");
    CHECK_EQ(cfg.kernel_stack_size, 512);
    check_bad("kernel_stack_size=\n",
              "boot.conf line 1: bad value '' for kernel_stack_size, using default 512");
    check_bad("kernel_stack_size=-1\n",
              "boot.conf line 1: bad value '-1' for kernel_stack_size, using default 512");
    check_bad("kernel_stack_size=0\n",
              "boot.conf line 1: bad value '0' for kernel_stack_size, using default 512");
    check_bad("kernel_stack_auto_grow=0x\n",
              "boot.conf line 1: bad value '0x' for kernel_stack_auto_grow, using default 0");
    CHECK_EQ(cfg.kernel_stack_auto_grow, 0);
}

TEST(overflow)
{
    check_bad("kernel_stack_size=18446744073709551616\n",
              "boot.conf line 1: bad value '18446744073709551616' for kernel_stack_size, "
              "using default 512");
    /* Fits in 64 bits, but not as a byte count. */
    check_bad("kernel_stack_auto_grow=0x10000000000000\n",
              "boot.conf line 1: bad value '0x10000000000000' for kernel_stack_auto_grow, "
              "using default 0");
    check_bad("physical_memory_offset=0x1FFFF800000000000\n",
              "boot.conf line 1: bad value '0x1FFFF800000000000' for physical_memory_offset, "
              "using default 0xFFFF800000000000");
    CHECK_EQ(cfg.physical_memory_offset, 0xFFFF800000000000ULL);
}

TEST(bad_addresses)
{
    check_bad("kernel_stack_address=FFFFFF0100000000\n",
              "boot.conf line 1: bad value 'FFFFFF0100000000' for kernel_stack_address, "
              "using default 0xFFFFFF0100000000");
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFFF0100000000ULL);
    /* The right number in decimal: addresses must be written in hex. */
    check_bad("kernel_stack_address=18446742978492891136\n",
              "boot.conf line 1: bad value '18446742978492891136' for kernel_stack_address, "
              "using default 0xFFFFFF0100000000");
    check_bad("kernel_stack_address=0xFFFFFF0100000010\n",
              "boot.conf line 1: bad value '0xFFFFFF0100000010' for kernel_stack_address, "
              "using default 0xFFFFFF0100000000");
    check_bad("physical_memory_offset=0x0000900000000000\n",
              "boot.conf line 1: bad value '0x0000900000000000' for physical_memory_offset, "
              "using default 0xFFFF800000000000");
    check_bad("physical_memory_offset=0xFFFF80000000000G\n",
              "boot.conf line 1: bad value '0xFFFF80000000000G' for physical_memory_offset, "
              "using default 0xFFFF800000000000");
}

TEST(bad_words)
{
    check_bad("log_level=verbose\n",
              "boot.conf line 1: bad value 'verbose' for log_level, using default info");
    CHECK_EQ(cfg.log_level, BOOT_LOG_INFO);
    check_bad("load_apps=2\n", "boot.conf line 1: bad value '2' for load_apps, using default 0");
    CHECK_EQ(cfg.load_apps, 0);
    check_bad("kernel_path=\n",
              "boot.conf line 1: bad value '' for kernel_path, using default \\KERNEL.ELF");
    CHECK(strcmp(cfg.kernel_path, "\\KERNEL.ELF") == 0);
    check_bad("initramfs=''\n", "boot.conf line 1: bad value '' for initramfs, using default \"\"");
}

TEST(bad_quotes)
{
    check_bad("cmdline=\"unterminated\n",
              "boot.conf line 1: bad value '\"unterminated' for cmdline, using default \"\"");
    check_bad("cmdline='a' b\n",
              "boot.conf line 1: bad value ''a' b' for cmdline, using default \"\"");
    CHECK(strcmp(cfg.cmdline, "") == 0);
}

TEST(too_long_cmdline)
{
    char text[400] = "cmdline=";
    memset(text + 8, 'x', 300);
    parse(text);
    CHECK_EQ(warnings(), 1);
    CHECK(strcmp(cfg.cmdline, "") == 0);
}

TEST(bad_value_resets_an_earlier_good_one)
{
    parse("kernel_stack_size=64\nkernel_stack_size=oops\n");
    CHECK_EQ(cfg.kernel_stack_size, 512);
    CHECK(
        was_logged(BOOT_LOG_WARN,
                   "boot.conf line 2: bad value 'oops' for kernel_stack_size, using default 512"));
}

TEST(good_lines_after_bad_ones_still_apply)
{
    parse("bogus\nlog_level=loud\nkernel_stack_size=99\n");
    CHECK_EQ(cfg.kernel_stack_size, 99);
    CHECK_EQ(warnings(), 2);
}

TEST(auto_grow_larger_than_stack)
{
    parse("kernel_stack_size=4\nkernel_stack_auto_grow=8\n");
    CHECK_EQ(cfg.kernel_stack_size, 4);
    CHECK_EQ(cfg.kernel_stack_auto_grow, 0);
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf line 2: bad value '8' for kernel_stack_auto_grow, "
                                    "using default 0 (more than kernel_stack_size 4)"));
}

TEST(stack_wrapping_past_top)
{
    parse("kernel_stack_address=0xFFFFFFFFFFFFE000\nkernel_stack_size=3\n");
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFFF0100000000ULL);
    CHECK_EQ(cfg.kernel_stack_size, 512);
    CHECK_EQ(warnings(), 2); /* the size, then the address: 512 pages wrap as well */
    CHECK(was_logged(BOOT_LOG_WARN,
                     "boot.conf line 2: bad value '3' for kernel_stack_size, using default 512 "
                     "(a stack of 3 pages from 0xFFFFFFFFFFFFE000 wraps past the top of memory)"));
    parse("kernel_stack_address=0xFFFFFFFFFFFFE000\nkernel_stack_size=2\n"); /* ends at 2^64 */
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFFFFFFFFFE000ULL);
    CHECK_EQ(warnings(), 0);
}

TEST(addresses_in_the_lower_half_or_unaligned)
{
    check_bad("physical_memory_offset=0x0000400000000000\n",
              "boot.conf line 1: bad value '0x0000400000000000' for physical_memory_offset, "
              "using default 0xFFFF800000000000");
    check_bad("physical_memory_offset=0xFFFF800000100000\n", /* 1 MiB: not a 2 MiB page */
              "boot.conf line 1: bad value '0xFFFF800000100000' for physical_memory_offset, "
              "using default 0xFFFF800000000000");
    check_bad("kernel_stack_address=0x0000100000000000\n",
              "boot.conf line 1: bad value '0x0000100000000000' for kernel_stack_address, "
              "using default 0xFFFFFF0100000000");
    parse("physical_memory_offset=0xFFFFC00000200000\n");
    CHECK_EQ(cfg.physical_memory_offset, 0xFFFFC00000200000ULL);
    CHECK_EQ(warnings(), 0);
}

/* Long values and lines: the warning still names the default, cut values end in "...". */
TEST(long_values_are_cut_in_messages)
{
    char text[12000] = "kernel_path=\\";

    memset(text + 13, 'K', 299);
    strcat(text, "\n");
    memset(text + strlen(text), 'x', 10000);
    parse(text);
    CHECK_EQ(warnings(), 2);
    CHECK(strcmp(cfg.kernel_path, "\\KERNEL.ELF") == 0);
    for (int i = 0; i < logged.count; i++) {
        const char *t = logged.text[i];
        CHECK(strlen(t) < 200);
        if (logged.level[i] == BOOT_LOG_WARN && strstr(t, "kernel_path") != NULL)
            CHECK(strstr(t, "...' for kernel_path, using default \\KERNEL.ELF") != NULL);
    }
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf line 2: expected key=value, got "
                                    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                    "xxxxxxxx...'"));
}

/* The kernel at -2 GiB, 4 GiB of physical memory mapped, plenty of free pages. */
static const struct bootconf_layout qemu = {
    .kernel_start = 0xFFFFFFFF80000000ULL,
    .kernel_end = 0xFFFFFFFF80200000ULL,
    .phys_size = 0x100000000ULL,
    .free_pages = 12971,
};

/* parse(text), then the layout check with a fresh message log. */
static int check_layout(const char *text, const struct bootconf_layout *l)
{
    parse(text);
    memset(&logged, 0, sizeof(logged));
    return bootconf_check_layout(&cfg, l, capture, NULL);
}

TEST(layout_defaults_fit)
{
    CHECK_EQ(check_layout("", &qemu), 0);
    CHECK_EQ(logged.count, 0);
    CHECK_EQ(check_layout("kernel_stack_size=1048576\nkernel_stack_auto_grow=8\n", &qemu), 0);
    CHECK_EQ(logged.count, 0);
    CHECK_EQ(cfg.kernel_stack_auto_grow, 8);
}

TEST(layout_physical_map_over_the_kernel)
{
    CHECK_EQ(check_layout("log_level=info\nphysical_memory_offset=0xFFFFFFFEC0000000\n", &qemu), 0);
    CHECK_EQ(warnings(), 1);
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf line 2: bad value '0xFFFFFFFEC0000000' for "
                                    "physical_memory_offset, using default 0xFFFF800000000000 "
                                    "(physical memory would be mapped over the kernel)"));
    CHECK_EQ(cfg.physical_memory_offset, 0xFFFF800000000000ULL);
    /* 4 GiB from the last 2 MiB page would run past 2^64. */
    CHECK_EQ(check_layout("physical_memory_offset=0xFFFFFFFFFFE00000\n", &qemu), 0);
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf line 1: bad value '0xFFFFFFFFFFE00000' for "
                                    "physical_memory_offset, using default 0xFFFF800000000000 "
                                    "(physical memory would be mapped past the top of memory)"));
}

TEST(layout_physical_map_over_the_stack)
{
    CHECK_EQ(check_layout("physical_memory_offset=0xFFFFFF0080000000\n", &qemu), 0);
    CHECK_EQ(warnings(), 1);
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf line 1: bad value '0xFFFFFF0080000000' for "
                                    "physical_memory_offset, using default 0xFFFF800000000000 "
                                    "(physical memory would be mapped over the kernel stack)"));
    CHECK_EQ(cfg.physical_memory_offset, 0xFFFF800000000000ULL);
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFFF0100000000ULL);
    /* Only the stack was set: the stack moves. */
    CHECK_EQ(check_layout("kernel_stack_address=0xFFFF800000200000\n", &qemu), 0);
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf line 1: bad value '0xFFFF800000200000' for "
                                    "kernel_stack_address, using default 0xFFFFFF0100000000 "
                                    "(the kernel stack would overlap the physical memory map)"));
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFFF0100000000ULL);
    /* Both set: the map moves, and lands on its default, clear of the stack. */
    CHECK_EQ(check_layout("kernel_stack_address=0xFFFFC00000000000\n"
                          "physical_memory_offset=0xFFFFBFFFC0000000\n",
                          &qemu),
             0);
    CHECK_EQ(warnings(), 1);
    CHECK_EQ(cfg.physical_memory_offset, 0xFFFF800000000000ULL);
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFC00000000000ULL);
    /* Both set, and the map's default overlaps the stack: the stack moves too. */
    CHECK_EQ(check_layout("kernel_stack_address=0xFFFF800010000000\n"
                          "physical_memory_offset=0xFFFF800000200000\n",
                          &qemu),
             0);
    CHECK_EQ(warnings(), 2);
    CHECK_EQ(cfg.physical_memory_offset, 0xFFFF800000000000ULL);
    CHECK_EQ(cfg.kernel_stack_address, 0xFFFFFF0100000000ULL);
}

TEST(layout_stack_over_the_kernel)
{
    CHECK_EQ(check_layout("kernel_stack_address=0xFFFFFFFF80100000\nkernel_stack_size=4\n", &qemu),
             0);
    CHECK(was_logged(BOOT_LOG_WARN, "boot.conf line 1: bad value '0xFFFFFFFF80100000' for "
                                    "kernel_stack_address, using default 0xFFFFFF0100000000 "
                                    "(the kernel stack would overlap the kernel)"));
    CHECK_EQ(cfg.kernel_stack_size, 4);
}

/* The cases: a bad or too large auto_grow with the shipped 4 GiB stack boots. */
TEST(layout_stack_too_big_to_map_whole)
{
    CHECK_EQ(check_layout("kernel_stack_size=1048576\nkernel_stack_auto_grow=eight\n", &qemu), 0);
    CHECK(was_logged(BOOT_LOG_WARN,
                     "boot.conf line 1: a kernel stack of 1048576 pages does not fit in memory "
                     "(12971 pages free), mapping its top 512 pages; the kernel grows the rest on "
                     "demand"));
    CHECK_EQ(cfg.kernel_stack_auto_grow, 512);
    CHECK_EQ(check_layout("kernel_stack_size=1048576\nkernel_stack_auto_grow=99999999\n", &qemu),
             0);
    CHECK_EQ(cfg.kernel_stack_auto_grow, 512);
    CHECK_EQ(check_layout("kernel_stack_size=100\nkernel_stack_auto_grow=0\n", &qemu), 0);
    CHECK_EQ(logged.count, 0); /* 100 pages fit: all mapped */
    CHECK_EQ(cfg.kernel_stack_auto_grow, 0);
}

TEST(layout_that_cannot_fit)
{
    struct bootconf_layout tiny = qemu;
    struct bootconf_layout odd_kernel = qemu;

    tiny.free_pages = 100;
    CHECK_EQ(check_layout("", &tiny), -1);
    odd_kernel.kernel_start = 0xFFFFFF0100000000ULL; /* on the default stack */
    odd_kernel.kernel_end = 0xFFFFFF0100200000ULL;
    CHECK_EQ(check_layout("", &odd_kernel), -1);
}

TEST(no_log_callback)
{
    const char *text = "bogus\nkernel_stack_size=3\n";
    bootconf_parse(&cfg, text, strlen(text), NULL, NULL);
    CHECK_EQ(cfg.kernel_stack_size, 3);
}

TEST(level_names)
{
    CHECK(strcmp(bootconf_level_name(BOOT_LOG_ERROR), "error") == 0);
    CHECK(strcmp(bootconf_level_name(BOOT_LOG_TRACE), "trace") == 0);
    CHECK(strcmp(bootconf_level_name(0), "?") == 0);
}

int main(void)
{
    RUN(empty_file_gives_defaults);
    RUN(missing_file_warns);
    RUN(rust_lab_file);
    RUN(non_default_values);
    RUN(spaces_and_tabs);
    RUN(quoted_values);
    RUN(empty_quoted_cmdline);
    RUN(comments);
    RUN(crlf_line_ends);
    RUN(last_line_without_newline_and_bom);
    RUN(hex_page_counts);
    RUN(load_apps_words);
    RUN(unknown_key);
    RUN(line_without_equals);
    RUN(bad_numbers);
    RUN(overflow);
    RUN(bad_addresses);
    RUN(bad_words);
    RUN(bad_quotes);
    RUN(too_long_cmdline);
    RUN(bad_value_resets_an_earlier_good_one);
    RUN(good_lines_after_bad_ones_still_apply);
    RUN(auto_grow_larger_than_stack);
    RUN(stack_wrapping_past_top);
    RUN(addresses_in_the_lower_half_or_unaligned);
    RUN(long_values_are_cut_in_messages);
    RUN(layout_defaults_fit);
    RUN(layout_physical_map_over_the_kernel);
    RUN(layout_physical_map_over_the_stack);
    RUN(layout_stack_over_the_kernel);
    RUN(layout_stack_too_big_to_map_whole);
    RUN(layout_that_cannot_fit);
    RUN(no_log_callback);
    RUN(level_names);
    return test_summary();
}
