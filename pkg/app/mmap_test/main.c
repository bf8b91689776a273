/*
 * mmap_test - the mmap family end to end (lab 0x08 extension): anonymous
 * demand-zero pages, a read-only file mapping, a PROT_NONE guard page,
 * mprotect, partial munmap, MAP_FIXED over a mapping, sharing with a forked
 * child, and every bad argument answered with its errno, never a fault.
 *
 * An access that must kill is made by a forked child (VFork: it shares the
 * mappings), whose exit code the parent checks: -142, a page fault.
 * Prints one line per group and `mmap_test: all N checks passed`, exit 0;
 * the first failed check prints `mmap_test: FAIL ...` and exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <ysos.h>

#define PAGE       4096UL
#define FAULT_EXIT (-142L) /* -(128 + 14): killed by a page fault */
#define FILE_PATH  "/APP/hello"
#define ANON       (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW         (PROT_READ | PROT_WRITE)

static int checks;

static void check(int ok, const char *what, int line)
{
    checks++;
    if (!ok) {
        printf("mmap_test: FAIL line %d: %s (errno %d)\n", line, what, errno);
        exit(1);
    }
}
#define CHECK(x) check((x), #x, __LINE__)

/* The call failed with exactly this errno. */
#define CHECK_MAP_ERR(call, err) CHECK((errno = 0, (call) == MAP_FAILED && errno == (err)))
#define CHECK_ERR(call, err)     CHECK((errno = 0, (call) == -1 && errno == (err)))

static char *map_anon(size_t len, int prot)
{
    char *p = mmap(NULL, len, prot, ANON, -1, 0);

    CHECK(p != MAP_FAILED);
    return p;
}

/* A forked child reads (or writes) *p; returns its exit code (0, or FAULT_EXIT). */
static long child_touch(volatile char *p, int write)
{
    uint16_t pid = sys_fork();

    if (pid == 0) {
        if (write)
            *p = 1;
        else
            (void)*p;
        sys_exit(0);
    }
    CHECK(pid != 0xffff);
    return sys_wait_pid(pid);
}

static void test_anonymous(void)
{
    size_t len = 16 * PAGE;
    char *p = map_anon(len, RW);

    CHECK(((uintptr_t)p & (PAGE - 1)) == 0);
    for (size_t i = 0; i < len; i += 997)
        CHECK(p[i] == 0); /* demand-zero */
    for (size_t i = 0; i < len; i++)
        p[i] = (char)(i * 7);
    for (size_t i = 0; i < len; i++)
        CHECK(p[i] == (char)(i * 7));
    char *q = map_anon(PAGE, RW);
    CHECK(q + PAGE <= p || q >= p + len); /* a second mapping lies elsewhere */
    CHECK(munmap(q, PAGE) == 0);
    CHECK(munmap(p, len) == 0);
    printf("mmap_test: anonymous demand-zero ok\n");
}

static void test_file(void)
{
    static char want[3 * PAGE];
    int fd = open(FILE_PATH, O_RDONLY);
    ssize_t size = 0, got;

    CHECK(fd >= 0);
    while (size < (ssize_t)sizeof(want) && (got = read(fd, want + size, sizeof(want) - size)) > 0)
        size += got;
    CHECK(size > (ssize_t)PAGE); /* the test reads two pages at least */
    close(fd);

    fd = open(FILE_PATH, O_RDONLY);
    CHECK(fd >= 0);
    char *f = mmap(NULL, (size_t)size, PROT_READ, MAP_PRIVATE, fd, 0);
    char *g = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, PAGE); /* from the second page */
    CHECK(f != MAP_FAILED && g != MAP_FAILED);
    CHECK(close(fd) == 0); /* the mappings keep the file */
    CHECK(memcmp(f, "\177ELF", 4) == 0);
    CHECK(memcmp(f, want, (size_t)size) == 0);
    CHECK(memcmp(g, want + PAGE, (size_t)(size - PAGE) < PAGE ? (size_t)(size - PAGE) : PAGE) == 0);
    CHECK(child_touch(f, 1) == FAULT_EXIT); /* read-only */
    CHECK(munmap(f, (size_t)size) == 0 && munmap(g, PAGE) == 0);

    /* A private writable copy is fine: writes stay in this address space. */
    fd = open(FILE_PATH, O_RDONLY);
    f = mmap(NULL, PAGE, RW, MAP_PRIVATE, fd, 0);
    CHECK(f != MAP_FAILED);
    f[0] = 'X';
    CHECK(f[0] == 'X' && memcmp(f + 1, "ELF", 3) == 0);
    CHECK(munmap(f, PAGE) == 0);
    close(fd);
    printf("mmap_test: file mapping ok\n");
}

static void test_guard_page(void)
{
    char *p = map_anon(3 * PAGE, RW);

    CHECK(mprotect(p + PAGE, PAGE, PROT_NONE) == 0);
    p[0] = 'a';
    p[2 * PAGE] = 'c';
    CHECK(child_touch(p + PAGE, 0) == FAULT_EXIT);
    CHECK(child_touch(p + PAGE + 100, 1) == FAULT_EXIT);
    CHECK(write(1, p + PAGE, 1) == -1); /* the kernel refuses it, without a fault */
    CHECK(p[0] == 'a' && p[2 * PAGE] == 'c');
    CHECK(munmap(p, 3 * PAGE) == 0);
    printf("mmap_test: guard page ok\n");
}

static void test_mprotect(void)
{
    char *p = map_anon(4 * PAGE, RW);

    memset(p, 'm', 4 * PAGE);
    CHECK(mprotect(p + PAGE, 2 * PAGE, PROT_READ) == 0); /* splits the area in three */
    CHECK(p[PAGE] == 'm' && p[3 * PAGE - 1] == 'm');
    CHECK(child_touch(p + PAGE, 1) == FAULT_EXIT);
    CHECK(child_touch(p + 2 * PAGE, 1) == FAULT_EXIT);
    CHECK(child_touch(p, 1) == 0 && child_touch(p + 3 * PAGE, 1) == 0);
    CHECK(mprotect(p + PAGE, PAGE, RW) == 0);
    p[PAGE] = 'w';
    CHECK(p[PAGE] == 'w' && p[2 * PAGE] == 'm');
    CHECK(mprotect(p, 4 * PAGE, PROT_READ) == 0); /* across three areas */
    CHECK(child_touch(p + 3 * PAGE, 1) == FAULT_EXIT);
    CHECK(munmap(p, 4 * PAGE) == 0);
    printf("mmap_test: mprotect ok\n");
}

static void test_partial_munmap(void)
{
    char *p = map_anon(8 * PAGE, RW);

    memset(p, 'u', 8 * PAGE);
    CHECK(munmap(p + 2 * PAGE, 2 * PAGE) == 0); /* a hole in the middle */
    CHECK(child_touch(p + 2 * PAGE, 0) == FAULT_EXIT);
    CHECK(child_touch(p + 3 * PAGE + 5, 1) == FAULT_EXIT);
    CHECK(p[PAGE] == 'u' && p[4 * PAGE] == 'u' && p[8 * PAGE - 1] == 'u');
    CHECK(munmap(p + 2 * PAGE, 2 * PAGE) == 0); /* nothing there any more: fine */
    CHECK(mprotect(p + PAGE, 2 * PAGE, PROT_READ) == -1 && errno == ENOMEM); /* the hole */
    CHECK(munmap(p, 8 * PAGE) == 0);                                         /* both pieces */
    CHECK(child_touch(p, 0) == FAULT_EXIT);
    printf("mmap_test: partial munmap ok\n");
}

static void test_fixed(void)
{
    char *p = map_anon(4 * PAGE, RW);

    memset(p, 'A', 4 * PAGE);
    char *q = mmap(p + PAGE, PAGE, RW, ANON | MAP_FIXED, -1, 0);
    CHECK(q == p + PAGE);
    CHECK(q[0] == 0 && q[PAGE - 1] == 0); /* a fresh page replaced the old one */
    CHECK(p[0] == 'A' && p[2 * PAGE] == 'A');
    CHECK(munmap(p, 4 * PAGE) == 0);
    printf("mmap_test: MAP_FIXED ok\n");
}

static void test_fork(void)
{
    volatile uintptr_t *shared =
        (volatile uintptr_t *)mmap(NULL, PAGE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    volatile int *private = (volatile int *)map_anon(PAGE, RW);

    CHECK(shared != MAP_FAILED);
    shared[0] = 1;
    uint16_t pid = sys_fork();
    if (pid == 0) {
        shared[0] = 42;
        *private = 7; /* VFork shares the page table: the parent sees this too */
        volatile int *late = (volatile int *)map_anon(PAGE, RW);
        late[0] = 99;
        shared[1] = (uintptr_t)late;
        sys_exit(0);
    }
    CHECK(pid != 0xffff && sys_wait_pid(pid) == 0);
    CHECK(shared[0] == 42 && *private == 7);
    int *late = (int *)shared[1];
    CHECK(late[0] == 99); /* a mapping the child made is the family's */
    CHECK(munmap(late, PAGE) == 0);
    CHECK(munmap((void *)shared, PAGE) == 0 && munmap((void *)private, PAGE) == 0);
    printf("mmap_test: fork ok\n");
}

static void test_syscall_buffers(void)
{
    char *p = map_anon(2 * PAGE, RW);
    int fd = open(FILE_PATH, O_RDONLY);

    /* A syscall may fill untouched pages, as the program's own writes would. */
    CHECK(fd >= 0 && read(fd, p + PAGE - 2, 4) == 4 && memcmp(p + PAGE - 2, "\177ELF", 4) == 0);
    close(fd);
    CHECK(mprotect(p, 2 * PAGE, PROT_READ) == 0);
    fd = open(FILE_PATH, O_RDONLY);
    CHECK(read(fd, p, 4) == -1); /* read-only: refused, no fault */
    close(fd);
    CHECK(munmap(p, 2 * PAGE) == 0);
    printf("mmap_test: syscall buffers ok\n");
}

static void test_bad_arguments(void)
{
    char *p = map_anon(PAGE, RW);
    int fd;

    CHECK_MAP_ERR(mmap(NULL, 0, RW, ANON, -1, 0), EINVAL);
    CHECK_MAP_ERR(mmap(p + 1, PAGE, RW, ANON | MAP_FIXED, -1, 0), EINVAL);
    CHECK_MAP_ERR(mmap(p + 1, PAGE, RW, ANON, -1, 0), EINVAL);
    CHECK_MAP_ERR(mmap(NULL, SIZE_MAX, RW, ANON, -1, 0), ENOMEM);
    CHECK_MAP_ERR(mmap(NULL, SIZE_MAX - PAGE, RW, ANON, -1, 0), ENOMEM);
    CHECK_MAP_ERR(mmap((void *)0xffff800000000000UL, PAGE, RW, ANON | MAP_FIXED, -1, 0), ENOMEM);
    CHECK_MAP_ERR(mmap((void *)0x111100000000UL, PAGE, RW, ANON | MAP_FIXED, -1, 0), ENOMEM);
    CHECK_MAP_ERR(mmap(NULL, PAGE, RW, ANON | 0x40000000, -1, 0), EINVAL);
    CHECK_MAP_ERR(mmap(NULL, PAGE, RW, MAP_ANONYMOUS, -1, 0), EINVAL);
    CHECK_MAP_ERR(mmap(NULL, PAGE, RW, ANON | MAP_SHARED, -1, 0), EINVAL);
    CHECK_MAP_ERR(mmap(NULL, PAGE, 0x80, ANON, -1, 0), EINVAL);
    CHECK_MAP_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, -1, 0), EBADF);
    CHECK_MAP_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 1, 0), EBADF); /* the console */
    CHECK_MAP_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, 13, 0), EBADF);
    fd = open(FILE_PATH, O_RDONLY);
    CHECK(fd >= 0);
    CHECK_MAP_ERR(mmap(NULL, PAGE, RW, MAP_SHARED, fd, 0), EACCES); /* read-only file */
    CHECK_MAP_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 100), EINVAL);
    char *f = mmap(NULL, PAGE, PROT_READ, MAP_SHARED, fd, 0);
    CHECK(f != MAP_FAILED);
    CHECK_ERR(mprotect(f, PAGE, RW), EACCES);
    CHECK(munmap(f, PAGE) == 0);
    close(fd);
    CHECK_MAP_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0), EBADF); /* closed */
    fd = open("/dev/random", O_RDONLY);
    CHECK(fd >= 0);
    CHECK_MAP_ERR(mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 0), ENODEV);
    close(fd);

    CHECK_ERR(munmap(p + 1, PAGE), EINVAL);
    CHECK_ERR(munmap(p, 0), EINVAL);
    CHECK_ERR(munmap((void *)0xffff800000000000UL, PAGE), EINVAL);
    CHECK_ERR(munmap((void *)0x3ffffffff000UL, PAGE), EINVAL); /* the stack is not ours */
    CHECK_ERR(munmap(p, SIZE_MAX), EINVAL);
    CHECK_ERR(mprotect(p + 1, PAGE, PROT_READ), EINVAL);
    CHECK_ERR(mprotect(p, PAGE, 0x10), EINVAL);
    CHECK_ERR(mprotect(p, 2 * PAGE, PROT_READ), ENOMEM); /* the second page is not mapped */
    CHECK_ERR(mprotect((void *)0xffff800000000000UL, PAGE, PROT_READ), ENOMEM);
    CHECK(mprotect(p, 0, PROT_READ) == 0);
    p[0] = 1; /* every refused call left the mapping as it was */
    CHECK(munmap(p, PAGE) == 0);
    printf("mmap_test: bad arguments ok\n");
}

int main(void)
{
    test_anonymous();
    test_file();
    test_guard_page();
    test_mprotect();
    test_partial_munmap();
    test_fixed();
    test_fork();
    test_syscall_buffers();
    test_bad_arguments();
    printf("mmap_test: all %d checks passed\n", checks);
    return 0;
}
