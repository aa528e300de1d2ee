/* engine.h -- runs the rules of a ruleset over a zone */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_ENGINE_H
#define PROXYLINT_ENGINE_H

#include <stdbool.h>

#include "proxylint/diag.h"
#include "proxylint/rule.h"
#include "proxylint/zone.h"

/*
 * A check kind is C code that a rule file names with "check:".  It tests
 * one record against the rule's data and says whether the rule's
 * condition holds, filling vars for the message.  The proxy state is the
 * engine's business (the rule's "when"), so that web-host-dns-only can ask
 * "would any DNS-only rule fire if this record were proxied?".
 * A check never allocates and never fails.
 */
typedef bool (*pl_check_fn)(const struct pl_rule *, const struct pl_zone *,
    const struct pl_record *, struct pl_vars *);

struct pl_check_kind {
	const char	*name;
	pl_check_fn	 fn;		/* per record; NULL for per-input kinds */
	bool		 wants_dns_only; /* a hit means "should be DNS-only" */
	bool		 per_input;	/* runs once per zone (proxy-unknown) */
	bool		 reader;	/* reported by the readers only */
	/* rule-file keys this kind reads (beyond the common ones) */
	const char	*keys;		/* space-separated */
};

/* Borrowed, or NULL for an unknown kind name. */
const struct pl_check_kind	*pl_check_kind_find(const char *name);
/* All kinds, NULL-terminated by name. */
extern const struct pl_check_kind pl_check_kinds[];

/*
 * Runs every enabled rule over the indexed zone, at most one finding per
 * record and use case (the first rule in order wins).  default_state tells
 * proxy-status-unknown whether the user chose a default.
 */
void	pl_engine_run(const struct pl_ruleset *, const struct pl_zone *,
	    struct pl_diags *, enum pl_proxy default_proxy);
/* The same, sharing the records of a big zone out to up to nthreads
 * threads; the findings are the same. */
void	pl_engine_run_mt(const struct pl_ruleset *, const struct pl_zone *,
	    struct pl_diags *, enum pl_proxy default_proxy, int nthreads);

#endif
