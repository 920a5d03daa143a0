/* SPDX-License-Identifier: MIT */
/*
 * long sb_clone3_raw(struct clone_args *args, size_t size, int (*fn)(void *), void *arg)
 * In the child (rax == 0) the kernel has switched to args->stack; call fn(arg) there and end the task
 * with exit (not exit_group: a CLONE_THREAD child must not take the spawner with it).
 */
	.text
	.globl	sb_clone3_raw
	.type	sb_clone3_raw, @function
sb_clone3_raw:
	.cfi_startproc
	movq	%rdx, %r9		/* fn: r8/r9 survive the syscall in both tasks */
	movq	%rcx, %r8		/* arg */
	movl	$435, %eax		/* __NR_clone3 */
	syscall
	testq	%rax, %rax
	jz	1f
	ret				/* parent: child id or -errno */
1:	.cfi_undefined rip
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	movq	%r8, %rdi
	call	*%r9
	movl	%eax, %edi
	movl	$60, %eax		/* __NR_exit */
	syscall
	hlt
	.cfi_endproc
	.size	sb_clone3_raw, .-sb_clone3_raw
	.section .note.GNU-stack,"",@progbits
