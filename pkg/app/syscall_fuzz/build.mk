# syscall_fuzz makes raw syscalls through the user library's one entry
# helper (pkg/lib/src/syscall_asm.h); its planner (fuzz.c) is host-tested.
APP_syscall_fuzz_CFLAGS := -Ipkg/lib/src
test_syscall_fuzz_SRCS := pkg/app/syscall_fuzz/fuzz.c
test_syscall_fuzz_CFLAGS := -Ipkg/app/syscall_fuzz
