/*
 * crt0.S - entry point of every YSOS user program.
 *
 * The kernel jumps here with rsp = 0x3FFFFFFFFFF8 (top of the stack slot)
 * and no arguments: the ABI has no argv, so main gets (0, NULL). main's
 * return value goes to newlib's exit(), which flushes stdio and then calls
 * _exit() -> the Exit syscall.
 */
    .text
    .globl _start
    .type _start, @function
_start:
    xor %ebp, %ebp          /* mark the outermost frame for debuggers */
    and $-16, %rsp          /* the SysV ABI wants rsp 16-byte aligned at a call */
    call ysos_runtime_init
    xor %edi, %edi          /* argc = 0 */
    xor %esi, %esi          /* argv = NULL */
    call main
    mov %eax, %edi
    call exit
    ud2                     /* exit() does not return */
    .size _start, . - _start

    .section .note.GNU-stack, "", @progbits
