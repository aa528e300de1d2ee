/* output.h -- reporters: one file per --format */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_OUTPUT_H
#define PROXYLINT_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

#include "proxylint/diag.h"
#include "proxylint/rule.h"

struct pl_run_stats {
	unsigned	files;		/* inputs read */
	unsigned long	records;	/* records read, over all inputs */
};

struct pl_output_opts {
	bool		color;
	bool		quiet;
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

/* --list-rules --format=json: every rule with its metadata. */
int	pl_out_rules_json(FILE *, const struct pl_ruleset *);

/* "3 errors, 1 warning in 2 files" into a new string. */
char	*pl_summary_line(const struct pl_diags *, const struct pl_run_stats *);

#endif
