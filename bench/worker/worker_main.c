// SPDX-License-Identifier: MIT
/*
 * spawnbench-worker: the process that spawns. The controller starts one (or `concurrency` of them) per
 * case, sends the case, and then asks for batches. The worker links only libc: what it holds when it
 * spawns is its own small floor plus the case's shaping, and it reports exactly that.
 *
 * usage (by the controller only): spawnbench-worker CONTROL_FD CONTROLLER_PID WIRE_LAYOUT
 *
 * Test hook: SPAWNBENCH_TEST_TRANSIENT=K:MIB makes the first K measured spawns come from a parent holding
 * MIB more touched memory, released after them: a real transient (fork copies its page tables) for the
 * adaptive warm-up's tests (tests/validity). SPAWNBENCH_TEST_SQUARE=K:MIB holds MIB more every other K
 * measured spawns (K fast, K slow, K fast, ...): a series that no warm-up settles.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "io.h"
#include "shape.h"
#include "spawn_errors.h"
#include "spawner.h"

static int (*const method_fn[SB_N_METHODS])(struct spawn_ctx *) = {
	[SB_M_FORK] = spawn_fork,
	[SB_M_VFORK] = spawn_vfork,
	[SB_M_CLONE] = spawn_clone,
	[SB_M_CLONE3] = spawn_clone3,
	[SB_M_POSIX_SPAWN] = spawn_posix_spawn,
	[SB_M_POSIX_SPAWN_FA] = spawn_posix_spawn,
	[SB_M_PTHREAD] = spawn_pthread,
};

/* x86-64 TCB header: the fields a CLONE_SETTLS child's code may read (self pointers, stack guard). */
static void *make_tls_block(char *msg, size_t len)
{
#if defined(__x86_64__)
	enum { BLOCK = 16384, TCB_AT = 12288, HEADER = 0x40 };
	char *blk = mmap(NULL, BLOCK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (blk == MAP_FAILED) {
		snprintf(msg, len, "cannot map a TLS block: %s", strerror(errno));
		return NULL;
	}
	void **tcb = (void **)(blk + TCB_AT), **cur;
	__asm__ volatile("movq %%fs:0, %0" : "=r"(cur));
	memcpy(tcb, cur, HEADER);
	tcb[0] = tcb;   /* tcbhead_t.tcb */
	tcb[2] = tcb;   /* tcbhead_t.self */
	return tcb;
#else
	(void)msg;
	(void)len;
	return NULL;
#endif
}

/*
 * The page the child stamps and the parent reads, shared through a memfd an exec'd spawnbench-child maps
 * (its number goes on that child's command line).
 */
static int make_stamp_page(struct spawn_ctx *x, const struct sb_case_wire *c, struct sb_ready *r)
{
	/*
	 * --no-start with nothing else to hand back (no exec'd spawnbench-child, no --ns-path helper): no
	 * shared page at all. A shared mapping is one more area every fork duplicates into the file's
	 * mapping tree and every exit takes out; the parent's bookkeeping fits a private page.
	 */
	if (c->stamp_mode == SB_STAMP_NONE && c->ns_path == SB_NSPATH_CLONE) {
		static struct sb_stamp private_stamp;
		x->stamp = &private_stamp;
		x->stamp_private = 1;
		return 0;
	}
	int sfd = memfd_create("spawnbench-stamp", 0);   /* inherited on purpose: the exec'd child maps it */
	if (sfd < 0 || ftruncate(sfd, 4096)) {
		snprintf(r->msg, sizeof(r->msg), "memfd_create: %s", strerror(errno));
		return -errno;
	}
	x->stamp = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, sfd, 0);
	if (x->stamp == MAP_FAILED) {
		snprintf(r->msg, sizeof(r->msg), "mmap stamp page: %s", strerror(errno));
		return -errno;
	}
	snprintf(x->stamp_fd_arg, sizeof(x->stamp_fd_arg), "%d", sfd);
	return 0;
}

static int setup(struct spawn_ctx *x, const struct sb_case_wire *c, struct sb_ready *r)
{
	int rc;
	x->c = c;
	x->cgroup_fd = -1;
	x->stamp_mode = c->stamp_mode;
	sb_cpu_now_init();
	/*
	 * If memory runs out, the OOM killer should take the worker and its children (they inherit this), not
	 * the machine's own processes nor the controller holding the results.
	 */
	int oom = open("/proc/self/oom_score_adj", O_WRONLY | O_CLOEXEC);
	if (oom >= 0) {
		(void)!write(oom, "1000", 4);
		close(oom);
	}
	if (c->cpu >= 0) {
		cpu_set_t set;
		CPU_ZERO(&set);
		CPU_SET(c->cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set)) {
			snprintf(r->msg, sizeof(r->msg), "cannot pin to CPU %d: %s", c->cpu, strerror(errno));
			return -errno;
		}
	}

	if ((rc = make_stamp_page(x, c, r)))
		return rc;
	if (c->exec_kind != SB_EXEC_NONE) {
		x->exec_argv[0] = (char *)c->exec_path;
		/* --no-start: the exec'd program stamps nothing either, so `total` is the bare spawn and exec. */
		x->exec_argv[1] = c->exec_kind == SB_EXEC_CHILD && c->stamp_mode != SB_STAMP_NONE ? x->stamp_fd_arg : NULL;
		/* A small fixed environment: the exec cost must not depend on whoever started the run. */
		x->exec_envp[0] = "PATH=/usr/local/bin:/usr/bin:/bin";
	}

	if (c->method == SB_M_CLONE || c->method == SB_M_CLONE3) {
		if ((rc = sb_make_stack(c, &x->stack_base, &x->stack_size, r->msg, sizeof(r->msg))))
			return rc;
		x->stack_top = (void *)(((uintptr_t)x->stack_base + x->stack_size) & ~(uintptr_t)15);
		if ((c->clone_flags & CLONE_SETTLS) && !(x->tls = make_tls_block(r->msg, sizeof(r->msg))))
			return -ENOMEM;
	}
	if (c->method == SB_M_PTHREAD) {
		pthread_attr_init(&x->thread_attr);
		if (c->stack_bytes && (rc = pthread_attr_setstacksize(&x->thread_attr, c->stack_bytes))) {
			snprintf(r->msg, sizeof(r->msg), "pthread stack size %llu refused: %s",
				 (unsigned long long)c->stack_bytes, strerror(rc));
			return -rc;
		}
		if (c->child_cpu >= 0) {
			/* --placement cross: NPTL starts the thread stopped and applies the mask before it runs our code. */
			cpu_set_t set;
			CPU_ZERO(&set);
			CPU_SET(c->child_cpu, &set);
			if ((rc = pthread_attr_setaffinity_np(&x->thread_attr, sizeof(set), &set))) {
				snprintf(r->msg, sizeof(r->msg), "cannot put threads on CPU %d: %s", c->child_cpu, strerror(rc));
				return -rc;
			}
		}
	}
	if (c->method == SB_M_POSIX_SPAWN_FA) {
		x->devnull_fd = open("/dev/null", O_RDWR | O_CLOEXEC);
		x->spare_fd = open("/dev/null", O_RDONLY);
		if (x->devnull_fd < 0 || x->spare_fd < 0) {
			snprintf(r->msg, sizeof(r->msg), "open /dev/null: %s", strerror(errno));
			return -errno;
		}
		posix_spawn_file_actions_init(&x->fa);
		for (int fd = 0; fd < 3; fd++)
			posix_spawn_file_actions_adddup2(&x->fa, x->devnull_fd, fd);
		posix_spawn_file_actions_addclose(&x->fa, x->spare_fd);
	}
	if (c->cgroup_path[0]) {
		x->cgroup_fd = open(c->cgroup_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (x->cgroup_fd < 0) {
			snprintf(r->msg, sizeof(r->msg), "open cgroup %s: %s", c->cgroup_path, strerror(errno));
			return -errno;
		}
	}
	if (c->ns_path != SB_NSPATH_CLONE && (rc = sb_nspath_setup(x, r)))
		return rc;
	if ((rc = sb_shape_memory(c, r->msg, sizeof(r->msg))))
		return rc;
	return sb_wcounters_open(x, r);
}

static void spawn_one(struct spawn_ctx *x, struct sb_sample *s)
{
	memset(s, 0, sizeof(*s));
	x->cur = s;
	int id = x->c->ns_path == SB_NSPATH_CLONE ? method_fn[x->c->method](x)
						  : sb_nspath_spawn(x, method_fn[x->c->method]);
	s->t_call = x->t_call;
	s->parent_cpu = x->parent_cpu;
	s->child_cpu = x->stamp->start_cpu;
	if (id < 0) {
		s->err = -id;
		return;
	}
	s->child_pid = id;
	s->m[SB_MET_CREATE] = x->t_return - x->t_call;
	s->m[SB_MET_TOTAL] = x->t_reaped - x->t_call;
	s->valid |= 1u << SB_MET_CREATE | 1u << SB_MET_TOTAL;
	uint64_t st = x->stamp->start_ns, ex = x->stamp->exec_ns;
	if (st >= x->t_call) {
		s->m[SB_MET_START] = st - x->t_call;
		s->valid |= 1u << SB_MET_START;
	}
	if (ex >= x->t_call) {
		s->m[SB_MET_EXEC] = ex - x->t_call;
		s->valid |= 1u << SB_MET_EXEC;
	}
}

static struct {
	uint32_t left;
	char *mem;
	size_t len;
	uint32_t square_k, square_n;
	size_t square_len;
	char *square_mem;
} transient;

static void transient_setup(void)
{
	const char *env = getenv("SPAWNBENCH_TEST_TRANSIENT"), *sq = getenv("SPAWNBENCH_TEST_SQUARE");
	unsigned k, mib;
	if (sq && sscanf(sq, "%u:%u", &k, &mib) == 2 && k && mib && mib <= 4096) {
		transient.square_k = k;
		transient.square_len = (size_t)mib << 20;
	}
	if (!env || sscanf(env, "%u:%u", &k, &mib) != 2 || !k || !mib || mib > 4096)
		return;
	transient.len = (size_t)mib << 20;
	transient.mem = mmap(NULL, transient.len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (transient.mem == MAP_FAILED) {
		transient.mem = NULL;
		return;
	}
	memset(transient.mem, 1, transient.len);
	transient.left = k;
}

static void transient_step(void)
{
	if (transient.left && !--transient.left) {
		munmap(transient.mem, transient.len);
	}
	if (transient.square_k && ++transient.square_n % transient.square_k == 0) {
		if (transient.square_mem) {
			munmap(transient.square_mem, transient.square_len);
			transient.square_mem = NULL;
		} else {
			char *p = mmap(NULL, transient.square_len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p != MAP_FAILED) {
				memset(p, 1, transient.square_len);
				transient.square_mem = p;
			}
		}
	}
}

/*
 * Hold no descriptor but the standard three and the control socket, moved to 3 (the stamp's memfd comes
 * next, at 4). Whatever started the
 * run (a shell, a CI runner, a terminal multiplexer) may pass descriptors on, some high-numbered; every
 * fork would copy that table and every child's exit would close it, so the figures would depend on who
 * started spawnbench. Returns the control socket's new number, or -1.
 */
static int own_descriptors_only(int control)
{
	/* Close-on-exec: an exec'd child has no business with the controller's socket. */
	if (control != 3) {
		if (dup3(control, 3, O_CLOEXEC) < 0)
			return -1;
		close(control);
	} else if (fcntl(3, F_SETFD, FD_CLOEXEC)) {
		return -1;
	}
	if (close_range(4, ~0U, 0))
		for (int fd = 4; fd < 1024; fd++)
			close(fd);
	return 3;
}

static void controller_died(int sig)
{
	(void)sig;
	kill(0, SIGKILL);   /* this process group: the worker and every child it spawned */
	_exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "spawnbench-worker: started by spawnbench only\n");
		return 2;
	}
	char layout[96];
	snprintf(layout, sizeof(layout), SB_WIRE_LAYOUT_FMT, SB_WIRE_LAYOUT_ARGS);
	if (strcmp(argv[3], layout)) {
		fprintf(stderr, "spawnbench-worker: built with another spawnbench (message sizes %s, the controller's %s): "
			"install spawnbench and its helpers from one build\n", layout, argv[3]);
		return 2;
	}
	int fd = atoi(argv[1]);
	pid_t controller = (pid_t)atoi(argv[2]);
	/*
	 * Never outlive the controller, even if it is SIGKILLed, and take the children along: an exec'd
	 * program could otherwise run on under init. They share the worker's process group.
	 */
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = controller_died;
	sigaction(SIGUSR2, &sa, NULL);
	prctl(PR_SET_PDEATHSIG, SIGUSR2);
	if (getppid() != controller || (fd = own_descriptors_only(fd)) < 0)
		return 2;

	static struct sb_case_wire c;
	static struct spawn_ctx x;
	struct sb_ready ready;
	memset(&ready, 0, sizeof(ready));
	/* Recorded, not set: see docs/methodology.md (Placement) for why the spawner keeps the policy it got. */
	ready.sched_policy = sched_getscheduler(0);
	if (sb_read_full(fd, &c, sizeof(c), 1) || c.method >= SB_N_METHODS)
		return 2;
	ready.err = -setup(&x, &c, &ready);

	struct sb_sample scratch;
	for (uint32_t i = 0; !ready.err && i < c.warmup; i++) {
		spawn_one(&x, &scratch);
		if (scratch.err && i == 0) {
			/* Nothing works for this case: tell the controller why instead of measuring failures. */
			ready.err = scratch.err;
			snprintf(ready.msg, sizeof(ready.msg), "the first spawn failed: %s", sb_spawn_error_text(scratch.err));
		}
	}
	sb_read_footprint(&ready);   /* before the test transient: it is not the case's footprint */
	if (!ready.err)
		transient_setup();
	if (sb_write_full(fd, &ready, sizeof(ready)) || ready.err)
		return ready.err ? 1 : 2;

	struct sb_sample *samples = NULL;
	uint32_t cap = 0;
	for (;;) {
		struct sb_cmd cmd;
		if (sb_read_full(fd, &cmd, sizeof(cmd), 1) || !cmd.count ||
		    ((cmd.op & 0xffff) != SB_CMD_BATCH && (cmd.op & 0xffff) != SB_CMD_BATCH_AS))
			break;
		/* SB_CMD_BATCH_AS: this batch in another stamp mode (the controller measuring what the stamp costs). */
		x.stamp_mode = (cmd.op & 0xffff) == SB_CMD_BATCH_AS && !x.stamp_private ? cmd.op >> 16 : c.stamp_mode;
		if (cmd.count > cap) {
			/* Grown once, outside the timed loop; its pages are part of the reported floor. */
			free(samples);
			samples = calloc(cmd.count, sizeof(*samples));
			if (!samples)
				return 1;
			cap = cmd.count;
		}
		struct sb_batch_hdr hdr = { .count = cmd.count };
		for (uint32_t i = 0; i < cmd.count; i++) {
			spawn_one(&x, &samples[i]);
			if (cmd.op == SB_CMD_BATCH)
				transient_step();
		}
		hdr.t_begin = samples[0].t_call;
		hdr.t_end = sb_now_ns();
		if (sb_write_full(fd, &hdr, sizeof(hdr)) ||
		    sb_write_full(fd, samples, (size_t)cmd.count * sizeof(*samples)))
			break;
	}
	free(samples);
	return 0;
}
