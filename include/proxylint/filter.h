/* filter.h -- drops the findings the config or inline directives suppress */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_FILTER_H
#define PROXYLINT_FILTER_H

/*
 * For the pipeline (lint.c): the last step before the findings of an input
 * are kept.  It reads the config and the directives (suppress.h), and adds
 * unused-suppression findings of its own.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxylint/config.h"
#include "proxylint/suppress.h"
#include "proxylint/diag.h"
#include "proxylint/zone.h"

struct pl_filter_opts {
	const struct pl_config	*config;	/* or NULL */
	bool			 inline_ignores;
};

/*
 * Filters the findings of one input (all of d; z is its zone, with the
 * zones chained after it, or NULL if it could not be read): drops those
 * that a config "ignore" entry, a "spectrum" host or an inline directive
 * covers, and reports each directive, or rule id in one, that covered
 * nothing as unused-suppression.  s holds the directives the reader found
 * in text (a BIND file and its $INCLUDEs, a dnsconfig.js); those of record
 * comments are found here.  No I/O.
 */
void	pl_filter_apply(struct pl_diags *d, const struct pl_zone *z,
	    struct pl_suppressions *s, const struct pl_filter_opts *);

#endif
