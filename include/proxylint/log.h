/* log.h -- operational errors and notes, through one callback */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_LOG_H
#define PROXYLINT_LOG_H

/*
 * For every layer.  A finding about the zone is never logged (it goes to
 * the finding list, diag.h); what is logged is what stops or changes a
 * run: a file that cannot be read, a config with a typo, a file skipped.
 * The library never writes to standard error itself: each message goes to
 * the one callback that the program installs (main prints it, the fuzz
 * targets and unit tests collect it), in one shape:
 *	FILE:LINE:COL: message		where there is a place
 *	FILE:LINE: message		with no column
 *	proxylint: message		where there is none
 * with "warning: " or "note: " before a message of that level.
 */

#include <stdarg.h>

#define PL_PROGNAME	"proxylint"

enum pl_log_level {
	PL_LOG_ERROR = 0,
	PL_LOG_WARNING,
	PL_LOG_NOTE,
};

/* Where a message is about: file NULL or line 0 for no place. */
struct pl_where {
	const char	*file;
	unsigned	 line;		/* 1-based; 0: none */
	unsigned	 col;		/* 1-based; 0: unknown */
};

/*
 * Receives each message, formatted (msg is borrowed for the call).  It
 * may be called from several threads at once (the inputs of a run are
 * linted in parallel), so it must be thread-safe.
 */
typedef void (*pl_log_fn)(void *arg, enum pl_log_level,
    const struct pl_where *, const char *msg);

/* Installs the callback (NULL: messages are dropped, the default). */
void	pl_log_set(pl_log_fn, void *arg);

/* Writes a message in the shape above to a FILE * given as arg: the
 * callback main installs with stderr. */
void	pl_log_print(void *arg, enum pl_log_level, const struct pl_where *,
	    const char *msg);

/*
 * While set (on the calling thread), the first error logged is also kept
 * in *first, a new string in the shape above without the "proxylint: "
 * (free it), so that a run can list what could not be read: inputs.c sets
 * it around each input.  NULL stops.
 */
void	pl_log_capture(char **first);

/* Logs an error with no place; returns code, so that a caller can write
 * "return pl_error(PL_EIO, ...)". */
int	pl_error(int code, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* The same at a place of a file (line and col may be 0). */
int	pl_error_at(int code, const char *file, unsigned line, unsigned col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void	pl_verror_at(const char *file, unsigned line, unsigned col,
	    const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));
void	pl_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	pl_warn_at(const char *file, unsigned line, unsigned col,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	pl_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
