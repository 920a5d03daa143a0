/* SPDX-License-Identifier: MIT */
/* Whole reads and writes on the controller/worker socket. */
#ifndef SB_IO_H
#define SB_IO_H
#include <errno.h>
#include <stddef.h>
#include <unistd.h>

/* 0 on success, -1 with errno set (0 on EOF). With retry_eintr == 0, EINTR is returned to the caller. */
static inline int sb_read_full(int fd, void *buf, size_t len, int retry_eintr)
{
	char *p = buf;
	while (len) {
		ssize_t n = read(fd, p, len);
		if (n < 0 && errno == EINTR && retry_eintr)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = 0;
			return -1;
		}
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

static inline int sb_write_full(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	while (len) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

#endif
