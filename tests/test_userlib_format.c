/*
 * test_userlib_format.c - host tests of format_pid_list (pkg/lib/src/format.c),
 * the "[3, 4, 5]" lists counter/dinner/mq print like Rust's {:?}.
 */
#include "test.h"

#include <string.h>

#include <ysos.h>

TEST(formats_like_rust_debug)
{
    const uint16_t pids[] = {3, 4, 10, 65535};
    char buf[64];

    format_pid_list(buf, sizeof(buf), pids, 4);
    CHECK(strcmp(buf, "[3, 4, 10, 65535]") == 0);
    format_pid_list(buf, sizeof(buf), pids, 1);
    CHECK(strcmp(buf, "[3]") == 0);
    format_pid_list(buf, sizeof(buf), pids, 0);
    CHECK(strcmp(buf, "[]") == 0);
}

TEST(small_buffer_is_cut_and_terminated)
{
    const uint16_t pids[] = {100, 200, 300};
    char buf[16];

    memset(buf, '#', sizeof(buf));
    format_pid_list(buf, 8, pids, 3);
    CHECK(strcmp(buf, "[100, 2") == 0);
    CHECK_EQ(buf[8], '#'); /* nothing written past size */

    format_pid_list(buf, 1, pids, 3);
    CHECK(strcmp(buf, "") == 0);
}

int main(void)
{
    RUN(formats_like_rust_debug);
    RUN(small_buffer_is_cut_and_terminated);
    return test_summary();
}
