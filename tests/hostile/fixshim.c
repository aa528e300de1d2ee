/* fixshim.c -- for tests/suites/fixhostile.sh: another writer, or a full disk */
/* SPDX-License-Identifier: MIT */
/*
 * Preloaded (LD_PRELOAD) into proxylint --fix by the test, so that the
 * program itself carries no test hook.  FIXSHIM_AT says when to act:
 *   access    the file FIXSHIM_FILE gets a line appended when proxylint
 *             checks whether it may write it, as an editor saving it
 *             after proxylint read it would;
 *   mkstemp   the same, once proxylint makes its temporary file (after
 *             every check but the last look before the rename);
 *   enospc    every write to a temporary file of proxylint (a name with
 *             ".proxylint-") fails with ENOSPC, as on a full disk.
 */
#define _GNU_SOURCE 1
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int
at(const char *when)
{
	const char *s = getenv("FIXSHIM_AT");

	return s != NULL && strcmp(s, when) == 0;
}

static void
edit(void)
{
	static int done;
	const char *f = getenv("FIXSHIM_FILE");
	FILE *fp;

	if (done || f == NULL || (fp = fopen(f, "a")) == NULL)
		return;
	done = 1;
	fputs("; saved by someone else meanwhile\n", fp);
	fclose(fp);
}

int
access(const char *path, int mode)
{
	static int (*real)(const char *, int);
	const char *f = getenv("FIXSHIM_FILE");

	if (real == NULL)
		real = (int (*)(const char *, int))dlsym(RTLD_NEXT, "access");
	if (at("access") && f != NULL && strcmp(path, f) == 0)
		edit();
	return real(path, mode);
}

int
mkstemp(char *tmpl)
{
	static int (*real)(char *);

	if (real == NULL)
		real = (int (*)(char *))dlsym(RTLD_NEXT, "mkstemp");
	if (at("mkstemp"))
		edit();
	return real(tmpl);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);
	char link[64], path[4096];
	ssize_t k;

	if (real == NULL)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
		    "write");
	if (at("enospc")) {
		snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
		if ((k = readlink(link, path, sizeof(path) - 1)) > 0) {
			path[k] = '\0';
			if (strstr(path, ".proxylint-") != NULL) {
				errno = ENOSPC;
				return -1;
			}
		}
	}
	return real(fd, buf, n);
}
