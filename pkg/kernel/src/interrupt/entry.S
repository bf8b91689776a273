/*
 * interrupt/entry.S - the first instructions of every interrupt.
 *
 * One small stub per vector (0-255) makes the stack look the same for all
 * of them: it pushes a 0 "error code" when the CPU did not push one, then
 * the vector number, and jumps to trap_common. trap_common saves every
 * general register, calls trap_dispatch(struct trap_frame *) in C, restores
 * every register from the (possibly modified) frame and returns with iretq.
 * See trap.h for the frame layout.
 *
 * The stack stays 16-byte aligned at the call: the CPU aligns it before
 * pushing its 5-word frame, and we add 17 words (error code, vector and
 * 15 registers): 22 words = 176 bytes.
 */

    .altmacro

/*
 * The stub of vector n. The CPU pushes an error code itself only for
 * exceptions 8, 10-14, 17, 21, 29 and 30; every other vector gets a 0.
 */
.macro vector_stub n
    .p2align 4
vector_stub_\n:
    .if (\n == 8) || (\n >= 10 && \n <= 14) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
    /* error code already on the stack */
    .else
    pushq $0
    .endif
    pushq $\n
    jmp trap_common
.endm

.macro vector_stub_address n
    .quad vector_stub_\n
.endm

    .text
    .p2align 4
trap_common:
    pushq %rax
    pushq %rbx
    pushq %rcx
    pushq %rdx
    pushq %rsi
    pushq %rdi
    pushq %rbp
    pushq %r8
    pushq %r9
    pushq %r10
    pushq %r11
    pushq %r12
    pushq %r13
    pushq %r14
    pushq %r15
    movq %rsp, %rdi     /* struct trap_frame * */
    cld                 /* the C ABI wants the direction flag clear */
    call trap_dispatch
    popq %r15
    popq %r14
    popq %r13
    popq %r12
    popq %r11
    popq %r10
    popq %r9
    popq %r8
    popq %rbp
    popq %rdi
    popq %rsi
    popq %rdx
    popq %rcx
    popq %rbx
    popq %rax
    addq $16, %rsp      /* vector and error code */
    iretq

    .set i, 0
    .rept 256
    vector_stub %i
    .set i, i + 1
    .endr

/* Table of stub addresses, indexed by vector: used to fill the IDT. */
    .section .rodata
    .p2align 3
    .globl vector_stubs
vector_stubs:
    .set i, 0
    .rept 256
    vector_stub_address %i
    .set i, i + 1
    .endr

    .section .note.GNU-stack, "", @progbits
