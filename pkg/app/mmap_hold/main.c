/*
 * mmap_hold - holds mapped memory until it is killed (lab 0x08
 * extension): 1 GiB anonymous with 256 pages touched one per 4 MiB, and
 * /APP/hello mapped read-only and read through. Prints
 * `mmap_hold: holding 256 anonymous and N file pages`, then blocks for
 * ever: run it with `nohup` and `kill` it; every frame must come back.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include <ysos.h>

#define GIB        (1UL << 30)
#define STRIDE     (4UL << 20)
#define PAGE       4096UL
#define FILE_PAGES 4

static const struct semaphore never = SEMAPHORE(0x3a3a);

int main(void)
{
    char *anon = mmap(NULL, GIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int fd = open("/APP/hello", O_RDONLY);
    char *file = mmap(NULL, FILE_PAGES * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
    unsigned long anon_pages = 0, file_pages = 0;
    volatile char sum = 0;

    if (anon == MAP_FAILED || file == MAP_FAILED) {
        printf("mmap_hold: mmap failed\n");
        return 1;
    }
    close(fd);
    for (unsigned long off = 0; off < GIB; off += STRIDE, anon_pages++)
        anon[off] = 1;
    for (unsigned long off = 0; off < FILE_PAGES * PAGE; off += PAGE, file_pages++)
        sum += file[off];
    printf("mmap_hold: holding %lu anonymous and %lu file pages\n", anon_pages, file_pages);
    semaphore_init(&never, 0);
    for (;;) {
        semaphore_wait(&never);
        sleep(1000); /* only if the semaphore could not be made */
    }
}
