/* tap.h -- a tiny Test Anything Protocol helper for the unit tests */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_TAP_H
#define PROXYLINT_TAP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/log.h"

static int tap_n, tap_failed;

#define ok(cond, ...) tap_ok(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) do {					\
	long long g_ = (long long)(got), w_ = (long long)(want);	\
	if (!ok(g_ == w_, __VA_ARGS__))					\
		printf("#   got %lld, want %lld\n", g_, w_);		\
} while (0)
#define is_str(got, want, ...) do {					\
	const char *g_ = (got), *w_ = (want);				\
	int same_ = (g_ == NULL && w_ == NULL) ||			\
	    (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0);		\
	if (!ok(same_, __VA_ARGS__))					\
		printf("#   got '%s', want '%s'\n", g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
} while (0)

static int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#include <stdarg.h>
static int
tap_ok(int cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	tap_n++;
	printf("%s %d - ", cond ? "ok" : "not ok", tap_n);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond) {
		tap_failed++;
		printf("#   at %s:%d\n", file, line);
	}
	return cond;
}

/* Prints the plan; returns the exit status for main(). */
/*
 * What the library logs (log.h), in the shape main prints it: to stderr
 * by default, or, between tap_log_begin() and tap_log_end(), into a
 * buffer that a test compares.
 */
static FILE	*tap_log_fp;
static char	*tap_log_buf;
static size_t	 tap_log_len;

__attribute__((constructor)) static void
tap_log_default(void)
{
	pl_log_set(pl_log_print, stderr);
}

static void __attribute__((unused))
tap_log_begin(void)
{
	tap_log_buf = NULL;
	tap_log_len = 0;
	if ((tap_log_fp = open_memstream(&tap_log_buf, &tap_log_len)) != NULL)
		pl_log_set(pl_log_print, tap_log_fp);
}

/* Copies what was logged into buf (at most len - 1 octets, NUL ended). */
static void __attribute__((unused))
tap_log_end(char *buf, size_t len)
{
	size_t n = 0;

	pl_log_set(pl_log_print, stderr);
	if (tap_log_fp != NULL) {
		fclose(tap_log_fp);
		n = tap_log_len < len - 1 ? tap_log_len : len - 1;
		memcpy(buf, tap_log_buf, n);
		free(tap_log_buf);
		tap_log_fp = NULL;
	}
	buf[n] = '\0';
}

static int
tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
