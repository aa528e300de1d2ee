/* engine.h -- runs the rules of a ruleset over a zone */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_ENGINE_H
#define PROXYLINT_ENGINE_H

/*
 * For the pipeline (lint.c).  The engine maps each check kind of kinds.h
 * to its C function and runs every enabled rule over an indexed zone,
 * reporting into a finding list.
 */

#include "proxylint/diag.h"
#include "proxylint/rule.h"
#include "proxylint/zone.h"

/*
 * Runs every enabled rule over the indexed zone and each zone chained
 * after it (zone.h: DNSControl's views), each on its own indexes, at most
 * one finding per record and use case (the first rule in order wins).  A
 * finding about the whole input (proxy-status-unknown) is made once, with
 * the count over the chain.  default_proxy tells proxy-status-unknown
 * whether the user chose a default.  A big zone's records are shared out
 * to up to nthreads threads; the findings are the same for any number.
 */
void	pl_engine_run(const struct pl_ruleset *, const struct pl_zone *,
	    struct pl_diags *, enum pl_proxy default_proxy, int nthreads);

#endif
