/* SPDX-License-Identifier: MIT */
/*
 * long sb_clone3_raw(struct clone_args *args, size_t size, int (*fn)(void *), void *arg)
 * As clone3_x86_64.S: in the child (x0 == 0) the kernel has switched to args->stack; call fn(arg) there
 * and end the task with exit, not exit_group. The kernel preserves every register but x0 across svc.
 */
	.text
	.globl	sb_clone3_raw
	.type	sb_clone3_raw, %function
sb_clone3_raw:
	mov	x9, x2			/* fn */
	mov	x10, x3			/* arg */
	mov	x8, #435		/* __NR_clone3 */
	svc	#0
	cbz	x0, 1f
	ret				/* parent: child id or -errno */
1:	mov	x29, xzr
	mov	x30, xzr
	mov	x0, x10
	blr	x9
	mov	x8, #93			/* __NR_exit */
	svc	#0
	brk	#0
	.size	sb_clone3_raw, .-sb_clone3_raw
	.section .note.GNU-stack,"",%progbits
