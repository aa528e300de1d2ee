/* log.c -- operational errors and notes, through one callback */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/log.h"
#include "proxylint/banned.h"

/* Set once by the program before any thread starts, read after. */
static pl_log_fn log_fn;
static void *log_arg;
/* Where the thread keeps its first error (pl_log_capture). */
static _Thread_local char **log_first;

void
pl_log_capture(char **first)
{
	log_first = first;
}

/* Keeps msg (at w) as the thread's first error, if it has none yet. */
static void
capture(const struct pl_where *w, const char *msg)
{
	size_t n;
	char *s;

	if (log_first == NULL || *log_first != NULL)
		return;
	n = strlen(msg) + (w->file != NULL ? strlen(w->file) : 0) + 32;
	if ((s = malloc(n)) == NULL)
		return;
	if (w->file != NULL && w->line > 0 && w->col > 0)
		snprintf(s, n, "%s:%u:%u: %s", w->file, w->line, w->col, msg);
	else if (w->file != NULL && w->line > 0)
		snprintf(s, n, "%s:%u: %s", w->file, w->line, msg);
	else
		snprintf(s, n, "%s", msg);
	*log_first = s;
}

void
pl_log_set(pl_log_fn fn, void *arg)
{
	log_fn = fn;
	log_arg = arg;
}

void
pl_log_print(void *arg, enum pl_log_level level, const struct pl_where *w,
    const char *msg)
{
	static const char *const word[] = { "", "warning: ", "note: " };
	FILE *out = arg;

	/* One locked run of writes per message, so that the messages of
	 * threads do not interleave within a line. */
	flockfile(out);
	if (w != NULL && w->file != NULL && w->line > 0) {
		fprintf(out, "%s:%u:", w->file, w->line);
		if (w->col > 0)
			fprintf(out, "%u:", w->col);
		fputc(' ', out);
	} else
		fputs(PL_PROGNAME ": ", out);
	fprintf(out, "%s%s\n", word[level], msg);
	funlockfile(out);
}

static void
vlog(enum pl_log_level level, const char *file, unsigned line, unsigned col,
    const char *fmt, va_list ap)
{
	struct pl_where w = { file, line, col };
	char small[512], *msg = small;
	va_list aq;
	int n;

	if (log_fn == NULL && (log_first == NULL || level != PL_LOG_ERROR))
		return;
	va_copy(aq, ap);
	n = vsnprintf(small, sizeof(small), fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		/* Out of memory: the message is cut, not lost. */
		if ((msg = malloc((size_t)n + 1)) == NULL)
			msg = small;
		else
			vsnprintf(msg, (size_t)n + 1, fmt, ap);
	}
	if (level == PL_LOG_ERROR)
		capture(&w, msg);
	if (log_fn != NULL)
		log_fn(log_arg, level, &w, msg);
	if (msg != small)
		free(msg);
}

int
pl_error(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(PL_LOG_ERROR, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int
pl_error_at(int code, const char *file, unsigned line, unsigned col,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(PL_LOG_ERROR, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

void
pl_verror_at(const char *file, unsigned line, unsigned col, const char *fmt,
    va_list ap)
{
	vlog(PL_LOG_ERROR, file, line, col, fmt, ap);
}

void
pl_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(PL_LOG_WARNING, NULL, 0, 0, fmt, ap);
	va_end(ap);
}

void
pl_warn_at(const char *file, unsigned line, unsigned col, const char *fmt,
    ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(PL_LOG_WARNING, file, line, col, fmt, ap);
	va_end(ap);
}

void
pl_note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vlog(PL_LOG_NOTE, NULL, 0, 0, fmt, ap);
	va_end(ap);
}
