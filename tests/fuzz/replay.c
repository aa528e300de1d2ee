/* replay.c -- runs a fuzz target over its corpus without libFuzzer (TAP) */
/* SPDX-License-Identifier: MIT */
/*
 * Linked with one fuzz_TARGET.c, under gcc, in make check (and with ASan
 * and UBSan in make asan): calls LLVMFuzzerTestOneInput on every file of
 * each folder (or file) named on the command line, in name order, and
 * prints one TAP line per folder.  The corpora hold the seeds and every
 * crash ever found (regress-* files), so a fixed bug stays fixed.
 * Usage: replay_TARGET NAME DIR|FILE...   (NAME labels the TAP lines)
 */
#define _GNU_SOURCE 1
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxylint/banned.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

/* The input being replayed, named when the process dies on it. */
static const char *current;

/* Set by the sanitizers' runtime when it is linked in (make asan). */
extern void __sanitizer_set_death_callback(void (*)(void))
    __attribute__((weak));

static void
say_current(void)
{
	if (current != NULL) {
		static const char pre[] = "replay: died on input '";

		/* Only async-signal-safe calls: this runs in a handler. */
		if (write(STDERR_FILENO, pre, sizeof(pre) - 1) < 0 ||
		    write(STDERR_FILENO, current, strlen(current)) < 0 ||
		    write(STDERR_FILENO, "'\n", 2) < 0)
			return;
		current = NULL;		/* once: the sanitizer, then abort() */
	}
}

static void
on_signal(int sig)
{
	say_current();
	signal(sig, SIG_DFL);
	raise(sig);
}

static int
run_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;

	if (fp == NULL) {
		printf("# cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			if ((buf = realloc(buf, cap)) == NULL) {
				fclose(fp);
				return -1;
			}
		}
		if ((n = fread(buf + len, 1, cap - len, fp)) == 0)
			break;
		len += n;
	}
	if (ferror(fp)) {
		printf("# cannot read '%s'\n", path);
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	current = path;
	/* A copy of exactly len bytes, so that ASan sees any overread. */
	{
		uint8_t *exact = malloc(len ? len : 1);

		if (exact == NULL) {
			free(buf);
			return -1;
		}
		memcpy(exact, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(exact, len);
		free(exact);
	}
	current = NULL;
	return 0;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays every regular file of dir; returns the count, or -1. */
static long
run_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	long count = 0;

	if (dp == NULL) {
		printf("# cannot open '%s': %s\n", dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(dp)) != NULL) {
		char **grown;

		if (de->d_name[0] == '.')
			continue;
		if ((grown = realloc(names, (n + 1) * sizeof(*names))) == NULL)
			break;
		names = grown;
		if (asprintf(&names[n], "%s/%s", dir, de->d_name) < 0)
			break;
		n++;
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;

		if (stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode)) {
			if (run_file(names[i]) != 0)
				count = -1;
			else if (count >= 0)
				count++;
		}
		free(names[i]);
	}
	free(names);
	return count;
}

int
main(int argc, char *argv[])
{
	int failed = 0;

	if (argc < 3) {
		fprintf(stderr, "usage: %s NAME DIR|FILE...\n", argv[0]);
		return 2;
	}
	if (__sanitizer_set_death_callback != NULL)
		__sanitizer_set_death_callback(say_current);
	signal(SIGABRT, on_signal);
	signal(SIGSEGV, on_signal);
	signal(SIGBUS, on_signal);
	signal(SIGFPE, on_signal);
	LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 2; i < argc; i++) {
		struct stat sb;
		long count;

		if (stat(argv[i], &sb) != 0) {
			printf("not ok - %s: cannot open '%s': %s\n", argv[1],
			    argv[i], strerror(errno));
			failed = 1;
			continue;
		}
		if (S_ISDIR(sb.st_mode))
			count = run_dir(argv[i]);
		else
			count = run_file(argv[i]) == 0 ? 1 : -1;
		/* A crash never gets here: the sanitizer or the signal ends
		 * the process, and the suite reports its exit status. */
		fflush(stdout);
		if (count <= 0) {
			printf("not ok - %s: %s: no input could be read\n",
			    argv[1], argv[i]);
			failed = 1;
		} else
			printf("ok - %s: replayed %ld inputs of %s\n", argv[1],
			    count, argv[i]);
	}
	return failed;
}
