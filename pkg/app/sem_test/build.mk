# sem_test reads the raw result of the Sem syscall (0 ok, 1 refused), which
# the Rust-compatible sys_sem_signal/sys_sem_wait drop: it calls the user
# library's one entry helper (pkg/lib/src/syscall_asm.h) directly.
APP_sem_test_CFLAGS := -Ipkg/lib/src
