/*
 * proc/user.h - what proc/user.c (lab 0x04) gives the rest of proc/: the
 * set-up of user programs and the way a syscall runs again. The syscall
 * services' entry points are in proc.h.
 */
#ifndef PROC_USER_H
#define PROC_USER_H

#include "boot/bootinfo.h"
#include "interrupt/trap.h"

/* The loaded programs, and the console input's hooks into the processes. */
void proc_user_init(const struct boot_info *bi);

/*
 * Sets the running syscall up to run again (rip back on its `int $0x80`)
 * and gives way: a long call (a big Write, freeing a huge stack, WaitPid
 * before lab 0x05) does its work a piece per turn with the timer and other
 * processes in between.
 */
void proc_repeat_call(struct trap_frame *tf);

#endif
