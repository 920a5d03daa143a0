// SPDX-License-Identifier: MIT
/*
 * spawnbench-baseline: the simplest honest loop for one spawn method, to check that spawnbench's driver
 * adds nothing to what it measures. Prints "METHOD create_median_ns total_median_ns".
 *   spawnbench-baseline fork|vfork|posix_spawn|pthread N [CHILD_PROGRAM]
 */
#include <pthread.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static unsigned long long now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

static void *thread_fn(void *arg)
{
	return arg;
}

static int cmp(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: spawnbench-baseline fork|vfork|posix_spawn|pthread N [PROGRAM]\n");
		return 2;
	}
	/* Only the standard descriptors, as spawnbench's worker: a table the caller widened costs every fork. */
	if (close_range(3, ~0U, 0))
		for (int fd = 3; fd < 1024; fd++)
			close(fd);
	const char *m = argv[1];
	int n = atoi(argv[2]);
	if (n < 1 || n > 10000000)
		return 2;
	char *prog = argc > 3 ? argv[3] : "/bin/true";
	char *cargv[] = { prog, NULL };
	char *envp[] = { "PATH=/usr/local/bin:/usr/bin:/bin", NULL };
	unsigned long long *create = calloc((size_t)n, sizeof(*create)), *total = calloc((size_t)n, sizeof(*total));
	int rc = 1;
	if (!create || !total)
		goto out;
	for (int i = -5; i < n; i++) {
		unsigned long long t0 = now(), t1;
		if (!strcmp(m, "fork")) {
			pid_t p = fork();
			if (p == 0)
				_exit(0);
			t1 = now();
			waitpid(p, NULL, 0);
		} else if (!strcmp(m, "vfork")) {
			pid_t p = vfork();
			if (p == 0)
				_exit(0);
			t1 = now();
			waitpid(p, NULL, 0);
		} else if (!strcmp(m, "posix_spawn")) {
			pid_t p;
			if (posix_spawn(&p, prog, NULL, NULL, cargv, envp))
				goto out;
			t1 = now();
			waitpid(p, NULL, 0);
		} else if (!strcmp(m, "pthread")) {
			pthread_t th;
			if (pthread_create(&th, NULL, thread_fn, NULL))
				goto out;
			t1 = now();
			pthread_join(th, NULL);
		} else {
			rc = 2;
			goto out;
		}
		unsigned long long t2 = now();
		if (i >= 0) {
			create[i] = t1 - t0;
			total[i] = t2 - t0;
		}
	}
	qsort(create, (size_t)n, sizeof(*create), cmp);
	qsort(total, (size_t)n, sizeof(*total), cmp);
	printf("%s %llu %llu\n", m, create[n / 2], total[n / 2]);
	rc = 0;
out:
	free(create);
	free(total);
	return rc;
}
