/* lint.c -- the pipeline: one input from its bytes to its filtered findings */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/engine.h"
#include "proxylint/filter.h"
#include "proxylint/lint.h"
#include "proxylint/log.h"
#include "proxylint/read.h"
#include "proxylint/suppress.h"
#include "proxylint/banned.h"

void
pl_memory_kib(long *rss, long *peak)
{
	char line[256];
	FILE *fp = fopen("/proc/self/status", "r");

	*rss = *peak = 0;
	if (fp == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0)
			*rss = strtol(line + 6, NULL, 10);
		else if (strncmp(line, "VmHWM:", 6) == 0)
			*peak = strtol(line + 6, NULL, 10);
	fclose(fp);
}

/* The input's bytes: given, or read (mapped when big). */
struct text {
	char	*data;
	size_t	 len;
	int	 mapped;
	bool	 owned;
};

static int
get_text(const struct pl_lint_input *in, struct text *t)
{
	char *err = NULL;
	int rc;

	memset(t, 0, sizeof(*t));
	if (in->data != NULL) {
		t->data = (char *)in->data;
		t->len = in->len;
		return 0;
	}
	if ((rc = pl_file_map(in->path, PL_MAX_FILE_SIZE, &t->data, &t->len,
	    &t->mapped, &err)) != 0) {
		pl_error(rc, "%s", err);
		free(err);
		return rc;
	}
	t->owned = true;
	return 0;
}

static void
drop_text(struct text *t)
{
	if (t->owned)
		pl_file_release(t->data, t->len, t->mapped);
	memset(t, 0, sizeof(*t));
}

/*
 * A Terraform input is read with the rest of its module folder, whose
 * records take part in the cross-record rules: only the findings in the
 * files the user named are kept (the input, or in->report).
 */
static void
keep_reported(struct pl_diags *d, const struct pl_lint_input *in,
    const char *display)
{
	bool *drop = pl_xcalloc(d->n + 1, sizeof(*drop));

	for (size_t i = 0; i < d->n; i++) {
		const char *f = d->v[i].file;
		bool keep = f == NULL || strcmp(f, display) == 0;

		for (size_t k = 0; k < in->nreport && !keep; k++)
			keep = strcmp(f, in->report[k]) == 0;
		drop[i] = !keep;
	}
	pl_diags_drop(d, drop);
	free(drop);
}

int
pl_lint_input(const struct pl_lint_ctx *cx, const struct pl_lint_input *in,
    struct pl_lint_result *res)
{
	const bool is_stdin = strcmp(in->path, "-") == 0;
	const char *display = in->display != NULL ? in->display :
	    is_stdin ? "<stdin>" : in->path;
	struct pl_read_opts ro;
	struct pl_filter_opts fo;
	struct pl_suppressions sup;
	struct pl_zone *z, *zz;
	struct text t;
	enum pl_format fmt;
	double t0 = cx->timing ? pl_now() : 0, t1;
	long rss;

	memset(res, 0, sizeof(*res));
	pl_diags_init(&res->diags, cx->rules, display);
	if ((res->rc = get_text(in, &t)) != 0)
		return res->rc;
	/* In a folder, files that are no zone data are skipped; named on
	 * the command line, they are an error. */
	if (in->from_walk && cx->input_format < 0 &&
	    !pl_looks_like_zone_data(t.data, t.len, in->path)) {
		res->skipped = true;
		drop_text(&t);
		return 0;
	}
	fmt = cx->input_format >= 0 ? (enum pl_format)cx->input_format :
	    pl_detect_format(t.data, t.len, is_stdin ? NULL : in->path);
	z = pl_zone_new(display, fmt);
	pl_suppressions_init(&sup);
	memset(&ro, 0, sizeof(ro));
	ro.origin = cx->origin;
	ro.path = in->path;
	ro.threads = cx->threads;
	ro.mapped = t.mapped;
	ro.sup = cx->inline_ignores ? &sup : NULL;
	ro.tf_vars = cx->tf_vars;
	ro.ntf_vars = cx->ntf_vars;
	ro.may_skip = in->from_walk;
	ro.dnscontrol_js = cx->dnscontrol_js;
	ro.dnscontrol_providers = cx->dnscontrol_providers;
	ro.ndnscontrol_providers = cx->ndnscontrol_providers;
	t1 = cx->timing ? pl_now() : 0;
	res->timing.read = t1 - t0;
	res->rc = pl_reader_for(fmt)(t.data, t.len, &ro, z, &res->diags);
	if (cx->timing) {
		res->timing.parse = pl_now() - t1;
		pl_memory_kib(&res->timing.rss_read_kib, &res->timing.peak_kib);
	}
	drop_text(&t);
	if (res->rc == PL_READ_SKIPPED) {
		res->rc = 0;
		res->skipped = true;
	}
	if (res->rc != 0 || res->skipped) {
		/* Nothing could be read: there is nothing to print about. */
		pl_diags_truncate(&res->diags, 0);
		pl_suppressions_release(&sup);
		pl_zone_free(z);
		return res->rc;
	}
	/*
	 * Each zone of the input (one, but for a chain: DNSControl's views)
	 * is indexed and checked on its own (the engine walks the chain); the
	 * filter sees the findings of all of them, since directives and
	 * config ignores are the input's.
	 */
	t1 = cx->timing ? pl_now() : 0;
	for (zz = z; zz != NULL; zz = zz->next)
		pl_zone_index(zz, cx->default_proxy, cx->threads);
	if (cx->timing) {
		res->timing.index = pl_now() - t1;
		pl_memory_kib(&res->timing.rss_index_kib, &rss);
		t1 = pl_now();
	}
	pl_engine_run(cx->rules, z, &res->diags, cx->default_proxy,
	    cx->threads);
	memset(&fo, 0, sizeof(fo));
	fo.config = cx->config;
	fo.inline_ignores = cx->inline_ignores;
	pl_filter_apply(&res->diags, z, &sup, &fo);
	/* After the filter: a suppressed rule takes no part in a merge. */
	pl_diags_merge(&res->diags);
	pl_suppressions_release(&sup);
	if (fmt == PL_FMT_TERRAFORM && !is_stdin)
		keep_reported(&res->diags, in, display);
	for (zz = z; zz != NULL; zz = zz->next)
		pl_zone_checks_done(zz);
	if (cx->timing)
		res->timing.rules = pl_now() - t1;
	/* The engine's findings borrow the zones until they are printed. */
	res->zone = z;
	res->records = pl_zone_chain_nrecs(z);
	return 0;
}

void
pl_lint_result_release(struct pl_lint_result *res)
{
	pl_diags_release(&res->diags);
	pl_zone_free(res->zone);
	res->zone = NULL;
}
