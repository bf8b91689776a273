# gdb setup for `make debug` (QEMU waits for gdb on :1234): kernel symbols,
# Intel syntax, attach.
file build/kernel/KERNEL.ELF
set disassembly-flavor intel
target remote :1234
