/*
 * fuzz.c - plan random syscalls and judge the kernel's answers (fuzz.h).
 *
 * Each call is drawn from a weighted table of generators, one per syscall.
 * Arguments mix valid values (our scratch buffer, files that exist, the
 * current break) with invalid ones the kernel must refuse without touching
 * them: NULL, kernel addresses, non-canonical addresses, unmapped user
 * pages, ranges that run from the heap's last page into the unmapped one
 * above it, sizes that overflow.
 * Wherever SPEC section 5 fixes the answer, the call carries an expectation
 * that fuzz_record() checks.
 */
#include "fuzz.h"

#include <string.h>
#if YSOS_LAB >= 8
#include <syscall/mman.h>
#endif

#define HEAP_START   0x200000000000ULL
#define HEAP_END     (HEAP_START + (4ULL << 30) - 8)
#define PAGE_SIZE    4096ULL
#define KERNEL_BASE  0xFFFF800000000000ULL
#define KERNEL_TEXT  0xFFFFFFFF80000000ULL
#define HUGE_LEN     (1ULL << 60) /* no mapping is this long */
#define MAX_BRK_GROW (16ULL << 20)

/* Every number the kernel knows: an unknown number avoids all of them. */
static const uint64_t known_numbers[] = {
    SYS_READ,    SYS_WRITE,    SYS_OPEN,       SYS_CLOSE,    SYS_BRK,        SYS_GETPID, SYS_VFORK,
    SYS_SPAWN,   SYS_EXIT,     SYS_WAITPID,    SYS_KILL,     SYS_SEM,        SYS_TIME,   SYS_STAT,
    SYS_LISTDIR, SYS_ALLOCATE, SYS_DEALLOCATE, SYS_FILEKIND, SYS_FOREGROUND,
};
#if YSOS_LAB >= 8
/* The lab 0x08 extension's calls (syscall/mman.h) are known there too. */
static const uint64_t mman_numbers[] = {SYS_MMAP, SYS_MPROTECT, SYS_MUNMAP};
#endif
static const uint64_t sem_ops[] = {SEM_NEW, SEM_REMOVE, SEM_SIGNAL, SEM_WAIT};
static const uint64_t stdin_fd[] = {0};
static const uint64_t console_fds[] = {1, 2};
/* Paths for Open and ListDir: files, folders, missing, odd, too long. */
static const char *const paths[] = {
    "/APP/HELLO", "/app/factorial", "/APP/FACTOR~1", "/APP",
    "/",          "/dev/random",    "/NOSUCH",       "/APP/HELLO/X",
    "",           "//APP//./HELLO", "/../..",        "\xff\xfe/\x01",
};
#define PATH_COUNT (sizeof(paths) / sizeof(paths[0]))

/* xorshift64*: small, fast, the same sequence on the host and in YSOS. */
static uint64_t next_random(struct fuzz_state *s)
{
    s->rng ^= s->rng >> 12;
    s->rng ^= s->rng << 25;
    s->rng ^= s->rng >> 27;
    return s->rng * 0x2545F4914F6CDD1DULL;
}

static uint64_t below(struct fuzz_state *s, uint64_t n)
{
    return n ? next_random(s) % n : 0;
}

static bool chance(struct fuzz_state *s, unsigned percent)
{
    return below(s, 100) < percent;
}

bool fuzz_avoids(uint64_t value, const uint64_t *values, size_t n)
{
    static const uint64_t masks[] = {0xFF, 0xFFFF, 0xFFFFFFFF, ~0ULL};

    for (size_t m = 0; m < sizeof(masks) / sizeof(masks[0]); m++) {
        for (size_t i = 0; i < n; i++) {
            if ((value & masks[m]) == values[i])
                return false;
        }
    }
    return true;
}

/* A random value that avoids `values` under every truncation. */
static uint64_t random_avoiding(struct fuzz_state *s, const uint64_t *values, size_t n)
{
    uint64_t v;

    do {
        v = chance(s, 50) ? below(s, 70000) : next_random(s);
    } while (!fuzz_avoids(v, values, n));
    return v;
}

/* An address no access may succeed at (the kernel must refuse it). */
static uint64_t bad_pointer(struct fuzz_state *s)
{
    switch (below(s, 6)) {
    case 0:
        return 0;
    case 1:
        return KERNEL_BASE + below(s, 1ULL << 32);
    case 2:
        return KERNEL_TEXT + below(s, 1ULL << 24);
    case 3:
        return 0x0000800000000000ULL + below(s, 1ULL << 40); /* non-canonical */
    case 4:
        return 0x100000000ULL + below(s, 1ULL << 30); /* unmapped, below the program */
    default:
        return 0x3FFF00000000ULL + below(s, 1ULL << 28); /* our stack slot, far below rsp */
    }
}

static void set(struct fuzz_call *c, uint64_t no, uint64_t a0, uint64_t a1, uint64_t a2)
{
    c->no = no;
    c->arg[0] = a0;
    c->arg[1] = a1;
    c->arg[2] = a2;
}

static void expect(struct fuzz_call *c, enum fuzz_expect e, uint64_t want)
{
    c->expect = e;
    c->want = want;
}

/* A buffer the kernel may only read: valid, bad, or running off the end of
 * the user half. Sets *bad when the kernel must refuse it. */
static uint64_t readable(struct fuzz_state *s, uint64_t *len, bool *bad)
{
    *bad = true;
    switch (below(s, 5)) {
    case 0:
        return bad_pointer(s);
    case 1: /* the last 16 bytes of the heap's last page, then an unmapped page */
        *len = 32 + below(s, 64);
        return ((s->brk + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1)) - 16;
    case 2:
        *len = HUGE_LEN + below(s, HUGE_LEN);
        return (uint64_t)(uintptr_t)s->env.scratch;
    case 3:
        *bad = false;
        return s->env.code + below(s, 256);
    default:
        *bad = false;
        return (uint64_t)(uintptr_t)s->env.scratch + below(s, s->env.scratch_size / 2);
    }
}

/* A NUL-free path copied to the start of scratch; its length. */
static uint64_t path_in_scratch(struct fuzz_state *s)
{
    char *dst = (char *)s->env.scratch;
    size_t len;

    if (chance(s, 10)) { /* too long for any path */
        len = 300 + below(s, 500);
        memset(dst, 'A', len);
    } else {
        const char *p = paths[below(s, PATH_COUNT)];
        len = strlen(p);
        memcpy(dst, p, len);
    }
    return len;
}

static void plan_read(struct fuzz_state *s, struct fuzz_call *c)
{
    uint64_t fd = s->nfds && chance(s, 50) ? s->fds[below(s, (uint64_t)s->nfds)]
                                           : random_avoiding(s, stdin_fd, 1);
    uint64_t len = 1 + below(s, s->env.scratch_size / 2);
    uint64_t buf = (uint64_t)(uintptr_t)s->env.scratch;

    switch (below(s, 4)) {
    case 0:
        buf = bad_pointer(s);
        break;
    case 1:
        buf = s->env.code; /* read-only: the kernel must not write it */
        break;
    case 2:
        len = HUGE_LEN + below(s, HUGE_LEN); /* runs off the user half */
        break;
    default:
        set(c, SYS_READ, fd, buf, len);
        return; /* into scratch: anything goes */
    }
    set(c, SYS_READ, fd, buf, len);
    expect(c, EXPECT_NOT_POSITIVE, 0);
}

static void plan_write(struct fuzz_state *s, struct fuzz_call *c)
{
    uint64_t fd = chance(s, 60) ? 1 + below(s, 2) : next_random(s);
    bool console = !fuzz_avoids(fd, console_fds, 2);
    uint64_t len = below(s, s->env.text_size + 1);
    uint64_t buf;
    bool bad;

    if (console && chance(s, 50)) {
        set(c, SYS_WRITE, fd, (uint64_t)(uintptr_t)s->env.text, len);
        return;
    }
    buf = readable(s, &len, &bad);
    if (console && !bad) { /* never show our code or data on the console */
        buf = bad_pointer(s);
        bad = true;
    }
    if (len == 0)
        len = 1;
    set(c, SYS_WRITE, fd, buf, len);
    if (bad)
        expect(c, EXPECT_VALUE, SYSCALL_ERROR);
}

static void plan_open(struct fuzz_state *s, struct fuzz_call *c)
{
    uint64_t len = path_in_scratch(s);
    uint64_t mode = chance(s, 70) ? below(s, 6) : next_random(s);
    bool bad = false;
    uint64_t path = (uint64_t)(uintptr_t)s->env.scratch;

    if (chance(s, 30)) {
        path = readable(s, &len, &bad);
        if (len == 0)
            len = 1;
    }
    set(c, SYS_OPEN, path, len, mode);
    if (bad)
        expect(c, EXPECT_VALUE, 0);
}

static void plan_close(struct fuzz_state *s, struct fuzz_call *c)
{
    uint64_t fd;

    switch (below(s, 3)) {
    case 0:
        fd = below(s, 3); /* 0, 1 and 2 cannot be closed */
        set(c, SYS_CLOSE, fd, 0, 0);
        expect(c, EXPECT_VALUE, 0);
        return;
    case 1:
        fd = s->nfds ? s->fds[below(s, (uint64_t)s->nfds)] : 3 + below(s, 60);
        break;
    default:
        fd = chance(s, 50) ? 3 + below(s, 300) : next_random(s);
        break;
    }
    set(c, SYS_CLOSE, fd, 0, 0);
}

static void plan_brk(struct fuzz_state *s, struct fuzz_call *c)
{
    uint64_t floor = s->env.heap_floor;
    uint64_t addr;

    switch (below(s, 6)) {
    case 0:
        set(c, SYS_BRK, 0, 0, 0);
        expect(c, EXPECT_VALUE, s->brk);
        return;
    case 1:
        addr = HEAP_START - 1 - below(s, HEAP_START - 1); /* below the heap */
        break;
    case 2:
        addr = HEAP_END + 1 + below(s, 1ULL << 40); /* above it */
        break;
    case 3:
        addr = floor + below(s, chance(s, 10) ? MAX_BRK_GROW : 1ULL << 20);
        set(c, SYS_BRK, addr, next_random(s), 0);
        expect(c, EXPECT_VALUE_OR_ERR, addr);
        return;
    default:
        addr = floor + below(s, 1ULL << 16); /* small moves around the floor */
        set(c, SYS_BRK, addr, 0, 0);
        expect(c, EXPECT_VALUE_OR_ERR, addr);
        return;
    }
    set(c, SYS_BRK, addr, 0, 0);
    expect(c, EXPECT_VALUE, SYSCALL_ERROR);
}

static void plan_getpid(struct fuzz_state *s, struct fuzz_call *c)
{
    set(c, SYS_GETPID, next_random(s), next_random(s), 0);
    expect(c, EXPECT_VALUE, s->env.pid);
}

/* Only the kernel (refused), pid 0, or pids above ours (nothing runs
 * there): never ourselves or anything older, such as the shell. */
static void plan_kill(struct fuzz_state *s, struct fuzz_call *c)
{
    static const uint64_t masks[] = {0xFF, 0xFFFF, 0xFFFFFFFF, ~0ULL};
    uint64_t pid;
    bool older;

    do {
        pid = below(s, 2);
        if (chance(s, 70) && s->env.pid < 65000)
            pid = s->env.pid + 1 + below(s, 50);
        if (chance(s, 30))
            pid |= next_random(s) << 16;
        older = false;
        for (size_t m = 0; m < sizeof(masks) / sizeof(masks[0]); m++) {
            uint64_t t = pid & masks[m];
            older = older || (t >= 2 && t <= s->env.pid);
        }
    } while (older);
    set(c, SYS_KILL, pid, 0, 0);
}

/* Neither nobody (0) nor ourselves, whatever the truncation, and we have no
 * children: every such pid is refused. */
static void plan_foreground(struct fuzz_state *s, struct fuzz_call *c)
{
    const uint64_t ours[] = {0, s->env.pid};
    uint64_t pid;

    do {
        pid = chance(s, 50) ? below(s, 70000) : next_random(s);
    } while (!fuzz_avoids(pid, ours, 2));
    set(c, SYS_FOREGROUND, pid, next_random(s), 0);
    expect(c, EXPECT_VALUE, SYSCALL_ERROR);
}

static void plan_sem(struct fuzz_state *s, struct fuzz_call *c)
{
    static const uint64_t keys[] = {0, 1, 0xdeadbeef, 0x6666, 0x1000, 0xFFFFFFFF, 42};
    uint64_t key = chance(s, 80) ? keys[below(s, 7)] : next_random(s);

    if (chance(s, 20)) {
        set(c, SYS_SEM, random_avoiding(s, sem_ops, 4), key, below(s, 4));
        expect(c, EXPECT_VALUE, SYSCALL_ERROR);
        return;
    }
    set(c, SYS_SEM, below(s, 3), key, chance(s, 90) ? below(s, 4) : next_random(s));
}

static void plan_list_dir(struct fuzz_state *s, struct fuzz_call *c)
{
    uint64_t len = path_in_scratch(s);
    uint64_t path = (uint64_t)(uintptr_t)s->env.scratch;
    bool bad;

    if (chance(s, 40))
        path = readable(s, &len, &bad);
    set(c, SYS_LISTDIR, path, len, 0);
}

static void random_layout(struct fuzz_state *s, struct syscall_layout *l)
{
    static const unsigned long sizes[] = {1, 8, 24, 100, 4096, 65536, 1 << 20, 1UL << 40, ~0UL};

    l->size = chance(s, 70) ? 1 + below(s, 8192) : sizes[below(s, 9)];
    l->align = chance(s, 85) ? 1UL << below(s, 13) : next_random(s);
}

static void plan_allocate(struct fuzz_state *s, struct fuzz_call *c)
{
    set(c, SYS_ALLOCATE, 0, next_random(s), 0);
    if (chance(s, 20)) {
        c->arg[0] = bad_pointer(s);
        expect(c, EXPECT_VALUE, 0);
        return;
    }
    random_layout(s, &c->layout);
    c->layout_arg = 0;
}

static void plan_deallocate(struct fuzz_state *s, struct fuzz_call *c)
{
    if (s->nallocs && chance(s, 70)) {
        int i = (int)below(s, (uint64_t)s->nallocs);
        set(c, SYS_DEALLOCATE, s->allocs[i].ptr, 0, 0);
        if (chance(s, 10)) {
            c->arg[1] = bad_pointer(s); /* refused: the block stays allocated */
            return;
        }
        c->layout = s->allocs[i].layout;
        c->layout_arg = 1;
        c->alloc_index = i;
        return;
    }
    set(c, SYS_DEALLOCATE, bad_pointer(s), 0, 0);
    random_layout(s, &c->layout);
    c->layout_arg = 1;
}

/* A number some syscall of this stage has. */
static bool known_number(uint64_t no)
{
    bool known = !fuzz_avoids(no, known_numbers, sizeof(known_numbers) / sizeof(known_numbers[0]));
#if YSOS_LAB >= 8
    known = known || !fuzz_avoids(no, mman_numbers, sizeof(mman_numbers) / sizeof(mman_numbers[0]));
#endif
    return known;
}

static void plan_unknown(struct fuzz_state *s, struct fuzz_call *c)
{
    uint64_t no;

    do {
        no = chance(s, 50) ? below(s, 70000) : next_random(s);
    } while (known_number(no));
    set(c, no, next_random(s), next_random(s), next_random(s));
    expect(c, EXPECT_VALUE, SYSCALL_ERROR);
}

static void plan_quiet(struct fuzz_state *s, struct fuzz_call *c)
{
    set(c, chance(s, 97) ? SYS_TIME : SYS_STAT, next_random(s), 0, 0);
}

struct generator {
    unsigned weight;
    void (*plan)(struct fuzz_state *, struct fuzz_call *);
};

static const struct generator generators[] = {
    {12, plan_read},    {12, plan_write},     {10, plan_open},      {8, plan_close},
    {10, plan_brk},     {3, plan_getpid},     {4, plan_kill},       {8, plan_sem},
    {1, plan_list_dir}, {8, plan_allocate},   {8, plan_deallocate}, {12, plan_unknown},
    {4, plan_quiet},    {2, plan_foreground},
};
#define GENERATORS (sizeof(generators) / sizeof(generators[0]))

void fuzz_init(struct fuzz_state *s, const struct fuzz_env *env, uint64_t seed)
{
    memset(s, 0, sizeof(*s));
    s->env = *env;
    s->rng = seed ^ 0x9E3779B97F4A7C15ULL;
    if (s->rng == 0)
        s->rng = 1;
    s->brk = env->heap_floor;
}

void fuzz_next(struct fuzz_state *s, struct fuzz_call *c)
{
    unsigned total = 0, pick;

    memset(c, 0, sizeof(*c));
    c->layout_arg = -1;
    c->alloc_index = -1;
    for (size_t i = 0; i < GENERATORS; i++)
        total += generators[i].weight;
    pick = (unsigned)below(s, total);
    for (size_t i = 0; i < GENERATORS; i++) {
        if (pick < generators[i].weight) {
            /* Full tables: free something instead of growing them. */
            if (generators[i].plan == plan_allocate && s->nallocs == FUZZ_MAX_ALLOCS)
                plan_deallocate(s, c);
            else if (generators[i].plan == plan_open && s->nfds == FUZZ_MAX_FDS)
                plan_close(s, c);
            else
                generators[i].plan(s, c);
            return;
        }
        pick -= generators[i].weight;
    }
}

static bool as_expected(const struct fuzz_call *c, uint64_t result)
{
    switch (c->expect) {
    case EXPECT_VALUE:
        return result == c->want;
    case EXPECT_VALUE_OR_ERR:
        return result == c->want || result == SYSCALL_ERROR;
    case EXPECT_NOT_POSITIVE:
        return result == 0 || result == SYSCALL_ERROR;
    default:
        return true;
    }
}

static void forget_fd(struct fuzz_state *s, uint64_t fd)
{
    for (int i = 0; i < s->nfds; i++) {
        if (s->fds[i] == fd) {
            s->fds[i] = s->fds[--s->nfds];
            return;
        }
    }
}

bool fuzz_record(struct fuzz_state *s, const struct fuzz_call *c, uint64_t result)
{
    bool ok = as_expected(c, result);

    s->calls++;
    if (!ok)
        s->violations++;
    switch (c->no) {
    case SYS_BRK:
        if (c->arg[0] != 0 && result != SYSCALL_ERROR)
            s->brk = result;
        break;
    case SYS_OPEN:
        if (result != 0 && result != SYSCALL_ERROR && s->nfds < FUZZ_MAX_FDS)
            s->fds[s->nfds++] = result;
        break;
    case SYS_CLOSE:
        if (result == 1)
            forget_fd(s, c->arg[0]);
        break;
    case SYS_ALLOCATE:
        if (c->layout_arg >= 0 && result != 0 && result != SYSCALL_ERROR &&
            s->nallocs < FUZZ_MAX_ALLOCS) {
            s->allocs[s->nallocs].ptr = result;
            s->allocs[s->nallocs++].layout = c->layout;
        }
        break;
    case SYS_DEALLOCATE:
        if (c->alloc_index >= 0)
            s->allocs[c->alloc_index] = s->allocs[--s->nallocs];
        break;
    default:
        break;
    }
    return ok;
}
