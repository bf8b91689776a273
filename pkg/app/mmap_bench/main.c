/*
 * mmap_bench - the cost of a demand-zero page fault, from the program's
 * view (lab 0x08 extension; scripts/bench-mmap runs it). Each round maps
 * PAGES fresh anonymous pages, times writing one byte to each (every write
 * a first touch: fault, zeroed frame, map) and then the same writes again
 * REPEAT times (pages already mapped), with the Time syscall (1 ms
 * resolution, hence the many pages). Prints per round and in total:
 *   mmap_bench: round R: first touch F ns/page, mapped touch M ns/page
 *   mmap_bench: PAGES pages x ROUNDS: first touch F ns/page, mapped touch M ns/page,
 *   fault cost D ns/page
 */
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

#include <ysos.h>

#define PAGE   4096UL
#define PAGES  4096UL /* 16 MiB a round */
#define ROUNDS 4
#define REPEAT 16

static int64_t touch_all(volatile char *p, unsigned times)
{
    int64_t start = sys_time();

    for (unsigned t = 0; t < times; t++)
        for (unsigned long i = 0; i < PAGES; i++)
            p[i * PAGE] = (char)t;
    return sys_time() - start;
}

int main(void)
{
    int64_t first_total = 0, mapped_total = 0;

    for (int r = 0; r < ROUNDS; r++) {
        char *p =
            mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            printf("mmap_bench: mmap failed\n");
            return 1;
        }
        int64_t first = touch_all(p, 1);
        int64_t mapped = touch_all(p, REPEAT);
        munmap(p, PAGES * PAGE);
        printf("mmap_bench: round %d: first touch %ld ns/page, mapped touch %ld ns/page\n", r,
               (long)(first / (int64_t)PAGES), (long)(mapped / (int64_t)(PAGES * REPEAT)));
        first_total += first;
        mapped_total += mapped;
    }
    long first = (long)(first_total / (int64_t)(PAGES * ROUNDS));
    long mapped = (long)(mapped_total / (int64_t)(PAGES * ROUNDS * REPEAT));
    printf("mmap_bench: %lu pages x %d: first touch %ld ns/page, mapped touch %ld ns/page, "
           "fault cost %ld ns/page\n",
           PAGES, ROUNDS, first, mapped, first - mapped);
    return 0;
}
