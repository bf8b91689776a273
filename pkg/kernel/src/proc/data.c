/*
 * proc/data.c - per-family files and semaphores (see data.h).
 */
#include "proc/data.h"

#include <stddef.h>

#include "memory/allocator.h"

struct process_data *process_data_new(void)
{
    struct process_data *d = kzalloc(sizeof(*d));

    if (d != NULL)
        d->refs = 1;
    return d;
}

#if YSOS_LAB >= 5
struct process_data *process_data_fork(struct process_data *d)
{
    d->refs++;
    return d;
}
#endif

void process_data_release(struct process_data *d)
{
    if (--d->refs > 0)
        return;
#if YSOS_LAB >= 6
    for (int fd = FD_FIRST_FILE; fd < FD_MAX; fd++)
        fs_close(d->files[fd]);
#endif
#if YSOS_LAB >= 5
    kfree(d->sems);
#endif
    kfree(d);
}

#if YSOS_LAB >= 6
int process_data_open(struct process_data *d, const char *path)
{
    int err;

    for (int fd = FD_FIRST_FILE; fd < FD_MAX; fd++) {
        if (d->files[fd] == NULL) {
            d->files[fd] = fs_open(path, &err);
            return d->files[fd] != NULL ? fd : -1;
        }
    }
    return -1;
}

struct kfile *process_data_file(struct process_data *d, uint64_t fd)
{
    return fd < FD_MAX ? d->files[fd] : NULL;
}

bool process_data_close(struct process_data *d, uint64_t fd)
{
    struct kfile *f = process_data_file(d, fd);

    if (f == NULL)
        return false;
    fs_close(f);
    d->files[fd] = NULL;
    return true;
}
#endif

#if YSOS_LAB >= 5
struct sem_set *process_data_sems(struct process_data *d)
{
    if (d->sems == NULL) {
        d->sems = kmalloc(sizeof(*d->sems));
        if (d->sems != NULL)
            sem_set_init(d->sems);
    }
    return d->sems;
}
#endif
