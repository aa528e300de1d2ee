/* lint.h -- the pipeline: one input from its bytes to its filtered findings */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_LINT_H
#define PROXYLINT_LINT_H

/*
 * For the program (main.c), the fuzz targets and the tests: they all lint
 * through pl_lint_input(), so that a fuzzer exercises exactly what
 * "proxylint FILE" runs.  It detects the format, reads, indexes, checks
 * and filters, on one thread or two, and owns what it allocates until
 * pl_lint_result_release().
 */

#include <stdbool.h>
#include <stddef.h>

#include "proxylint/config.h"
#include "proxylint/diag.h"
#include "proxylint/output.h"
#include "proxylint/read.h"
#include "proxylint/rule.h"
#include "proxylint/zone.h"

/* What a config file makes of a run, for the inputs it governs. */
struct pl_lint_ctx {
	const struct pl_ruleset	*rules;		/* borrowed */
	const struct pl_config	*config;	/* borrowed, or NULL */
	const char		*origin;	/* --origin or the config's */
	enum pl_proxy		 default_proxy;
	int			 input_format;	/* -1: by content and name,
						   else an enum pl_format */
	bool			 inline_ignores; /* false: --no-inline-ignores */
	int			 threads;	/* for one big input (1: one) */
	bool			 timing;	/* fill pl_lint_result.timing */
	bool			 file_ids;	/* remember each file as read
						   (anchor.h), for --fix */
};

/* One input.  With data NULL, path is read (mapped when it is big). */
struct pl_lint_input {
	const char	*path;		/* "-" for standard input */
	const char	*display;	/* name in findings, lives for the run;
					   NULL: path ("<stdin>" for "-") */
	const char	*data;		/* NUL-terminated, borrowed; or NULL */
	size_t		 len;
	bool		 from_walk;	/* found in a folder: text that is not
					   zone data is skipped, not an error */
	const struct pl_overlay *overlay; /* $INCLUDEd files read from memory
					   (read.h), or NULL */
	size_t		 noverlay;
};

struct pl_lint_result {
	int			 rc;		/* 0, PL_EIO or PL_EINPUT (logged) */
	bool			 skipped;	/* from_walk and not zone data */
	struct pl_diags		 diags;		/* its findings, filtered */
	struct pl_zone		*zone;		/* the findings borrow it; NULL
						   when nothing was read */
	struct pl_timing	 timing;	/* with ctx->timing */
};

/*
 * Lints one input into res (which it initialises).  Returns res->rc: 0
 * (res->skipped tells a skipped file), or PL_EIO / PL_EINPUT after logging
 * why (log.h), with no finding kept.
 */
int	pl_lint_input(const struct pl_lint_ctx *, const struct pl_lint_input *,
	    struct pl_lint_result *res);
/* Frees the findings, then the zone they borrow. */
void	pl_lint_result_release(struct pl_lint_result *);

/* Resident and peak memory of the process in KiB (0 if unknown). */
void	pl_memory_kib(long *rss, long *peak);

#endif
