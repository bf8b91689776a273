/*
 * fork_test - the lab 0x05 fork program (Rust: crates/app/fork).
 *
 * After sys_fork() the child has its own copy of the stack (the local `c`)
 * but shares globals with the parent (`m`). The child changes both; the
 * parent then sees the child's exit code 64 and the new value of `m`, while
 * its own `c` is untouched. Exit code 1056 = 32 + 1024 means all went well.
 */
#include <assert.h>
#include <stdint.h>
#include <stdio.h>

#include <ysos.h>

static volatile uint64_t m = 0xdeadbeef;

int main(void)
{
    /* volatile: keep `c` in the stack frame, where fork copies it. */
    volatile int c = 32;

    /* Do not malloc before fork: the heap is shared, not copied. */
    uint16_t pid = sys_fork();

    if (pid == 0) {
        printf("I am the child process\n");
        assert(c == 32);
        printf("child read value of M: 0x%llx\n", (unsigned long long)m);
        m = 0x2333;
        printf("child changed the value of M: 0x%llx\n", (unsigned long long)m);
        c += 32;
    } else {
        printf("I am the parent process\n");
        sys_stat();
        assert(c == 32);
        printf("Waiting for child to exit...\n");
        long ret = sys_wait_pid(pid);
        printf("Child exited with status %ld\n", ret);
        assert(ret == 64);
        printf("parent read value of M: 0x%llx\n", (unsigned long long)m);
        assert(m == 0x2333);
        c += 1024;
        assert(c == 1056);
    }
    return c;
}
