/* lint.c -- the pipeline: one input from its bytes to its filtered findings */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/anchor.h"
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
	struct pl_zone *z;
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
	ro.overlay = in->overlay;
	ro.noverlay = in->noverlay;
	ro.file_ids = cx->file_ids;
	/* What a fix must find unchanged before it rewrites the file. */
	if (cx->file_ids && !is_stdin && in->data == NULL)
		pl_zone_set_file_id(z, 0, in->path, t.data, t.len);
	t1 = cx->timing ? pl_now() : 0;
	res->timing.read = t1 - t0;
	res->rc = pl_reader_for(fmt)(t.data, t.len, &ro, z, &res->diags);
	if (cx->timing) {
		res->timing.parse = pl_now() - t1;
		pl_memory_kib(&res->timing.rss_read_kib, &res->timing.peak_kib);
	}
	drop_text(&t);
	if (res->rc != 0) {
		/* Nothing could be read: there is nothing to print about. */
		pl_diags_truncate(&res->diags, 0);
		pl_suppressions_release(&sup);
		pl_zone_free(z);
		return res->rc;
	}
	t1 = cx->timing ? pl_now() : 0;
	pl_zone_index(z, cx->default_proxy, cx->threads);
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
	pl_suppressions_release(&sup);
	pl_zone_checks_done(z);
	if (cx->timing)
		res->timing.rules = pl_now() - t1;
	/* The engine's findings borrow the zone until they are printed. */
	res->zone = z;
	return 0;
}

void
pl_lint_result_release(struct pl_lint_result *res)
{
	pl_diags_release(&res->diags);
	pl_zone_free(res->zone);
	res->zone = NULL;
}
