/*
 * mutex - a mother and a boy share burgers (Rust: crates/app/mutex).
 *
 * Twice the same story: the mother makes 10 burgers and goes to hang out
 * the clothes (sleeps 1.5 s) while holding a lock; the boy, who started
 * 0.2 s later, must wait for the lock before he takes the burgers. Once
 * with a user-space spin lock, once with a kernel semaphore; both must
 * print the mother's "there are 10" before the boy's "Look what I found!".
 */
#include <stdio.h>

#include <ysos.h>

static const struct semaphore mutex = SEMAPHORE(0x6666);
static struct spinlock lock = SPINLOCK_INIT;
static volatile int burger;
static volatile int burger_sem;

static void mother_spin(void)
{
    spinlock_acquire(&lock);
    printf("Mother - SPIN : Start to make cheese burger, there are %d cheese burger now\n", burger);
    burger += 10;
    printf("Mother - SPIN : Oh, I have to hang clothes out.\n");
    sleep(1500);
    printf("Mother - SPIN : Oh, Jesus! There are %d cheese burgers\n", burger);
    spinlock_release(&lock);
}

static void boy_spin(void)
{
    sleep(200);
    spinlock_acquire(&lock);
    printf("Boy    - SPIN : Look what I found!\n");
    burger -= 10;
    spinlock_release(&lock);
}

static void mother_semaphore(void)
{
    semaphore_wait(&mutex);
    printf("Mother - SEMA : Start to make cheese burger, there are %d cheese burger now\n",
           burger_sem);
    burger_sem += 10;
    printf("Mother - SEMA : Oh, I have to hang clothes out.\n");
    sleep(1500);
    printf("Mother - SEMA : Oh, Jesus! There are %d cheese burgers\n", burger_sem);
    semaphore_signal(&mutex);
}

static void boy_semaphore(void)
{
    sleep(200);
    semaphore_wait(&mutex);
    printf("Boy    - SEMA : Look what I found!\n");
    burger_sem -= 10;
    semaphore_signal(&mutex);
}

static void try_spin(void)
{
    uint16_t pid = sys_fork();

    if (pid == 0) {
        boy_spin();
        sys_exit(0);
    }
    mother_spin();
    sys_wait_pid(pid);
}

static void try_semaphore(void)
{
    semaphore_init(&mutex, 1);

    uint16_t pid = sys_fork();
    if (pid == 0) {
        boy_semaphore();
        sys_exit(0);
    }
    mother_semaphore();
    sys_wait_pid(pid);
    semaphore_free(&mutex);
}

int main(void)
{
    uint16_t pid = sys_fork();

    if (pid == 0) {
        try_semaphore();
        sys_exit(0);
    }
    try_spin();
    sys_wait_pid(pid);
    return 0;
}
