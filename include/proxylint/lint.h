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
#include "proxylint/read.h"
#include "proxylint/fix.h"
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
	const struct pl_tf_var	*tf_vars;	/* --var, --var-file, in order */
	size_t			 ntf_vars;
	/* DNSControl: --dnscontrol-js (or NULL), and the provider names
	 * taken as Cloudflare (--dnscontrol-provider, then the config's
	 * dnscontrol-providers) */
	const char		*dnscontrol_js;
	const char *const	*dnscontrol_providers;
	size_t			 ndnscontrol_providers;
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
	/* The files whose findings are kept, of an input read with its
	 * folder (a Terraform module): NULL keeps path's alone. */
	const char *const *report;
	size_t		 nreport;
	const struct pl_overlay *overlay; /* $INCLUDEd files read from memory
					   (read.h), or NULL */
	size_t		 noverlay;
};

struct pl_lint_result {
	int			 rc;		/* 0, PL_EIO or PL_EINPUT (logged) */
	bool			 skipped;	/* from_walk and not zone data */
	struct pl_diags		 diags;		/* its findings, filtered */
	struct pl_zone		*zone;		/* the findings borrow it (and
						   the zones chained after it,
						   zone.h); NULL when nothing
						   was read */
	uint64_t		 records;	/* read, over the chain */
	struct pl_timing	 timing;	/* with ctx->timing */
	char			*stdin_text;	/* with ctx->file_ids: standard
						   input as read, which cannot
						   be read again for --diff */
	size_t			 stdin_len;
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

/* What --fix and --diff ask. */
struct pl_fix_opts {
	bool	 unsafe;		/* --unsafe-fixes */
	/* Drops from an input's findings (sorted) those that must not be
	 * fixed, as they would not be reported (--baseline); or NULL. */
	void	(*filter)(struct pl_diags *, void *arg);
	void	*arg;
};

/* A fixable finding left unfixed, and why. */
struct pl_fix_block {
	uint32_t		 rec;		/* its record in the zone */
	const struct pl_rule	*rule;
	char			*why;		/* owned */
};

/* The fix of one input, made in memory and proved there. */
struct pl_lint_fix {
	int			 rc;		/* 0; -1: not fixed, why says */
	char			*why;		/* owned */
	struct pl_fix_files	 files;		/* as read, and fixed */
	struct pl_edits		 edits;		/* accepted, against the files
						   as read */
	size_t			 nfixed;	/* records set to another state */
	size_t			 fixed;		/* findings the fix removed */
	struct pl_fix_block	*blocked;	/* fixable records left: a fix
						   another rule's would undo,
						   or one that could not be
						   made (not logged) */
	size_t			 nblocked;
	struct pl_lint_result	 after;		/* the fixed texts linted */
};

/*
 * Fixes one input in memory: every finding of d about zone z (the input's
 * zone as linted with cx; findings of input number input) whose fix
 * applies (fo->unsafe), then what those fixes bring up, round after round.
 * Each round is read again from the fixed texts and must hold the same
 * records but for the flags set; a fix that would make a rule ask for the
 * old state back is dropped (a conflict), so that a second fix changes
 * nothing.  Nothing is written.  Returns out->rc.
 */
int	pl_lint_fix(const struct pl_lint_ctx *, const struct pl_lint_input *,
	    const struct pl_zone *z, const struct pl_diags *d, unsigned input,
	    const struct pl_fix_opts *, struct pl_lint_fix *out);
void	pl_lint_fix_release(struct pl_lint_fix *);

/* Resident and peak memory of the process in KiB (0 if unknown). */
void	pl_memory_kib(long *rss, long *peak);

#endif
