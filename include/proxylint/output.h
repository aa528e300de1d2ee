/* output.h -- reporters: one file per --format */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_OUTPUT_H
#define PROXYLINT_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "proxylint/diag.h"
#include "proxylint/rule.h"
#include "proxylint/util.h"

struct pl_run_stats {
	unsigned	files;		/* inputs read */
	unsigned long	records;	/* records read, over all inputs */
};

struct pl_output_opts {
	bool		color;
	bool		quiet;
	int		threads;	/* at most, for formatting */
};

/* Every reporter reads the sorted findings and writes to out; returns 0
 * or PL_EWRITE. */
typedef int (*pl_reporter_fn)(FILE *out, const struct pl_diags *,
    const struct pl_run_stats *, const struct pl_ruleset *,
    const struct pl_output_opts *);

int	pl_out_text(FILE *, const struct pl_diags *, const struct pl_run_stats *,
	    const struct pl_ruleset *, const struct pl_output_opts *);
int	pl_out_json(FILE *, const struct pl_diags *, const struct pl_run_stats *,
	    const struct pl_ruleset *, const struct pl_output_opts *);

/*
 * SARIF 2.1.0 (out_sarif.c): one run, the rules of rs (and any other rule
 * a finding names) in tool.driver.rules, one result per finding.
 */
int	pl_out_sarif(FILE *, const struct pl_diags *, const struct pl_run_stats *,
	    const struct pl_ruleset *, const struct pl_output_opts *);
/*
 * GitHub Actions workflow commands (out_github.c): one "::error file=F,
 * line=L,title=RULE::MESSAGE" per finding (warning, notice for the other
 * severities), then the summary line unless quiet.
 */
int	pl_out_github(FILE *, const struct pl_diags *, const struct pl_run_stats *,
	    const struct pl_ruleset *, const struct pl_output_opts *);
/*
 * Appends s to b escaped for a workflow command: '%', CR and LF as %25,
 * %0D, %0A; in a property value (property true) also ':' and ',' as %3A
 * and %2C.
 */
void	pl_github_escape(struct pl_buf *b, const char *s, bool property);
/*
 * A finding's file as a path relative to the working folder when it is
 * below it (code scanning and annotations want paths from the repository
 * root, where CI runs); otherwise as given.  Returns a new string.
 */
char	*pl_out_relative_path(const char *file);

/* Where the tool is documented (SARIF informationUri). */
#define PL_HOMEPAGE	"https://github.com/proxylint/proxylint"

/* --list-rules --format=json: every rule with its metadata. */
int	pl_out_rules_json(FILE *, const struct pl_ruleset *);

/* "3 errors, 1 warning in 2 files" into a new string. */
char	*pl_summary_line(const struct pl_diags *, const struct pl_run_stats *);

#endif
