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
	/* Standard input cannot be read again: a fix works on this copy. */
	if (cx->file_ids && is_stdin && t.owned && !t.mapped) {
		res->stdin_text = t.data;
		res->stdin_len = t.len;
		t.owned = false;
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
	free(res->stdin_text);
	res->stdin_text = NULL;
}

/* ---- fixes (fix.h): made in memory, read again, proved ----------------- */

/* At most this many rounds of fixes that bring up other fixes. */
#define MAX_FIX_ROUNDS	16

/* One round's candidate: the fix of a record, as its rules want it. */
struct fix_group {
	uint32_t		 rec;		/* the record a finding is on */
	enum pl_autofix_safety	 safety;	/* the surest of its fixes */
	enum pl_proxy		 to;
	const struct pl_rule	*rule;		/* the first that asked */
	uint32_t		 fl0, fl1;	/* its records: flips[fl0..fl1) */
	bool			 rejected;
};

struct fixer {
	const struct pl_lint_ctx	*cx;
	const struct pl_lint_input	*in;
	const struct pl_zone		*z;
	const struct pl_fix_opts	*fo;
	struct pl_lint_fix		*out;
	const char			*data;	/* the input's text, if given */
	size_t				 len;
	struct pl_fix_spans		*spans;
	uint8_t				*to;	/* by record: its fixed state */
	bool				*blocked; /* by record: never fixed */
	struct fix_group		*groups;
	size_t				 ngroups;
	uint32_t			*flips;	/* the groups' records */
	size_t				 nflips;
	int32_t				*group_of; /* by record: its group in
						   this round, or -1 */
	struct pl_edits			 round;	/* this round's edits */
};

/* Keeps why a record's finding is not fixed, once per record. */
static void
not_fixed(struct fixer *fx, uint32_t rec, const struct pl_rule *rule,
    const char *why)
{
	struct pl_lint_fix *o = fx->out;

	if (fx->blocked[rec])
		return;
	fx->blocked[rec] = true;
	o->blocked = pl_grow(o->blocked, o->nblocked, sizeof(*o->blocked));
	o->blocked[o->nblocked].rec = rec;
	o->blocked[o->nblocked].rule = rule;
	o->blocked[o->nblocked++].why = pl_xstrdup(why != NULL ? why :
	    "the fix cannot be made");
}

/* Is g a finding whose fix --fix makes (with the options), on a record? */
static bool
fixable(const struct fixer *fx, const struct pl_diag *g,
    const struct pl_zone *z, struct pl_autofix *af)
{
	const struct pl_record *r = g->zone == z ? pl_diag_record(g) : NULL;

	if (r == NULL)
		return false;
	pl_autofix_of(g->rule, z, r, af);
	return pl_autofix_applies(af, fx->fo->unsafe);
}

/* Plans this round's edits from the findings of d on zone z (the input's
 * zone as linted first, or as read again after the last round). */
static void
plan_round(struct fixer *fx, const struct pl_diags *d, unsigned input,
    const struct pl_zone *z)
{
	int32_t *group_of = fx->group_of;

	/* The last round's groups are done with. */
	for (size_t f = 0; f < fx->nflips; f++)
		group_of[fx->flips[f]] = -1;
	fx->ngroups = 0;
	fx->nflips = 0;
	pl_edits_release(&fx->round);
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_diag *g = &d->v[i];
		struct pl_autofix af;
		struct fix_group *gr;
		const char *why;
		uint32_t rec, fl0;

		if (g->input != input || !fixable(fx, g, z, &af))
			continue;
		rec = g->recno - 1;
		if (fx->blocked[rec] || fx->to[rec] != 0)
			continue;
		if (group_of[rec] >= 0) {
			/* Another rule on the same record: one fix, as sure
			 * as the surest rule that wants it. */
			gr = &fx->groups[group_of[rec]];
			if (af.safety == PL_AUTOFIX_SAFE)
				gr->safety = PL_AUTOFIX_SAFE;
			continue;
		}
		fl0 = (uint32_t)fx->nflips;
		/* The edits go against the texts as read: the first zone's
		 * anchors, whatever round this is. */
		if (pl_fix_edits_for(fx->z, g->rule, rec, &fx->out->files,
		    fx->in->path, fx->data, fx->len, fx->spans, &fx->round,
		    &fx->flips, &fx->nflips, &why) == 0) {
			not_fixed(fx, rec, g->rule, why);
			continue;
		}
		fx->groups = pl_grow(fx->groups, fx->ngroups,
		    sizeof(*fx->groups));
		gr = &fx->groups[fx->ngroups];
		group_of[rec] = (int32_t)fx->ngroups++;
		memset(gr, 0, sizeof(*gr));
		gr->rec = rec;
		gr->safety = af.safety;
		gr->to = af.to;
		gr->rule = g->rule;
		gr->fl0 = fl0;
		gr->fl1 = (uint32_t)fx->nflips;
		/* The records that share its flag are in it too. */
		for (uint32_t f = fl0; f < gr->fl1; f++)
			group_of[fx->flips[f]] = (int32_t)(fx->ngroups - 1);
	}
}

/*
 * Lints the files as fixed by edits, into res.  The input is read as the
 * first time (same context, same path and name), its own text and its
 * $INCLUDEd files from memory.
 */
static int
relint(struct fixer *fx, struct pl_lint_result *res)
{
	struct pl_lint_ctx cx = *fx->cx;
	struct pl_lint_input in = *fx->in;
	struct pl_overlay *ov = pl_xcalloc(fx->out->files.n + 1, sizeof(*ov));
	size_t nov = 0;
	int rc;

	cx.file_ids = false;
	cx.timing = false;
	for (size_t i = 0; i < fx->out->files.n; i++) {
		const struct pl_fix_file *f = &fx->out->files.v[i];
		const char *text = f->text != NULL ? f->text : f->orig;
		size_t len = f->text != NULL ? f->len : f->orig_len;

		if (f->index == 0) {
			in.data = text;
			in.len = len;
		} else {
			ov[nov].path = fx->z->files[f->index];
			ov[nov].data = text;
			ov[nov++].len = len;
		}
	}
	in.overlay = ov;
	in.noverlay = nov;
	rc = pl_lint_input(&cx, &in, res);
	free(ov);
	if (rc == 0) {
		pl_diags_sort(&res->diags);
		if (fx->fo->filter != NULL)
			fx->fo->filter(&res->diags, fx->fo->arg);
	}
	return rc;
}

/* The (record, rule) pairs of a list of findings, to look up. */
struct pairs {
	struct pair {
		uint32_t	 recno;
		const char	*rule;
	}		*v;
	size_t		 n;
};

static int
pair_cmp(const void *pa, const void *pb)
{
	const struct pair *a = pa, *b = pb;

	if (a->recno != b->recno)
		return a->recno < b->recno ? -1 : 1;
	return strcmp(a->rule, b->rule);
}

static void
pairs_of(struct pairs *p, const struct pl_diags *d, unsigned input)
{
	p->v = pl_xcalloc(d->n + 1, sizeof(*p->v));
	p->n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].input == input && d->v[i].recno > 0) {
			p->v[p->n].recno = d->v[i].recno;
			p->v[p->n++].rule = d->v[i].rule->id;
		}
	qsort(p->v, p->n, sizeof(*p->v), pair_cmp);
}

/* Is there a finding of rule on record recno in p? */
static bool
had(const struct pairs *p, uint32_t recno, const struct pl_rule *rule)
{
	struct pair key = { recno, rule->id };

	return bsearch(&key, p->v, p->n, sizeof(*p->v), pair_cmp) != NULL;
}

static bool
in_round(const struct fixer *fx, uint32_t rec)
{
	return fx->group_of[rec] >= 0;
}

static void
undone(struct fixer *fx, const struct fix_group *gr, const struct pl_diag *g,
    uint32_t rec)
{
	char *why = pl_xasprintf("fixed, '%s' would get %s, whose fix undoes "
	    "it", fx->z->recs[rec].owner, g->rule->id);

	not_fixed(fx, gr->rec, gr->rule, why);
	free(why);
}

/*
 * Would a fix of this round be undone?  A finding in the fixed text that
 * wants one of its records back in the old state, as surely as the fix
 * was made (a safe fix yields only to a safe one), rejects the fix: the
 * record keeps its state in both directions, so that --fix is the same
 * whatever it starts from.  Returns the number of groups rejected.
 */
static size_t
reject_undone(struct fixer *fx, const struct pl_lint_result *res,
    const struct pl_diags *prev, unsigned input)
{
	struct pairs before = { NULL, 0 };
	size_t nrej = 0;

	for (size_t i = 0; i < res->diags.n; i++) {
		const struct pl_diag *g = &res->diags.v[i];
		struct pl_autofix af;
		uint32_t rec;

		if (!fixable(fx, g, res->zone, &af))
			continue;
		rec = g->recno - 1;
		if (af.to != fx->z->recs[rec].proxy)
			continue;	/* not back to the old state */
		if (fx->to[rec] != 0 && !in_round(fx, rec)) {
			/* A record fixed in an earlier round, which this
			 * round's fixes unsettle (the finding is new): none
			 * of them is made. */
			if (before.v == NULL)
				pairs_of(&before, prev, input);
			if (had(&before, g->recno, g->rule))
				continue;
			for (size_t k = 0; k < fx->ngroups; k++)
				if (!fx->groups[k].rejected) {
					fx->groups[k].rejected = true;
					nrej++;
					undone(fx, &fx->groups[k], g, rec);
				}
			continue;
		}
		if (fx->group_of[rec] < 0)
			continue;
		{
			struct fix_group *gr = &fx->groups[fx->group_of[rec]];

			if (gr->rejected || (gr->safety == PL_AUTOFIX_SAFE &&
			    af.safety != PL_AUTOFIX_SAFE))
				continue;
			gr->rejected = true;
			nrej++;
			undone(fx, gr, g, rec);
		}
	}
	free(before.v);
	return nrej;
}

/* This round's edits but those of rejected groups, added to acc. */
static void
keep_edits(struct fixer *fx, struct pl_edits *acc)
{
	for (size_t i = 0; i < fx->round.n; i++) {
		const struct pl_edit *e = &fx->round.v[i];
		int32_t k = fx->group_of[e->rec];

		if (k < 0 || !fx->groups[k].rejected)
			pl_edits_add(acc, e->zone, e->file, e->rec, e->off,
			    e->len, e->text);
	}
}

int
pl_lint_fix(const struct pl_lint_ctx *cx, const struct pl_lint_input *in,
    const struct pl_zone *z, const struct pl_diags *d, unsigned input,
    const struct pl_fix_opts *fo, struct pl_lint_fix *out)
{
	struct fixer fx;
	struct pl_lint_result cur;
	bool have_cur = false;
	const char *why;
	uint32_t bad;

	memset(out, 0, sizeof(*out));
	memset(&fx, 0, sizeof(fx));
	pl_fix_files_init(&out->files);
	pl_edits_init(&out->edits);
	pl_edits_init(&fx.round);
	fx.cx = cx;
	fx.in = in;
	fx.z = z;
	fx.fo = fo;
	fx.out = out;
	fx.data = in->data;
	fx.len = in->len;
	fx.spans = pl_fix_spans_new();
	fx.to = pl_xcalloc(z->nrecs + 1, 1);
	fx.blocked = pl_xcalloc(z->nrecs + 1, sizeof(*fx.blocked));
	fx.group_of = pl_xmalloc((z->nrecs + 1) * sizeof(*fx.group_of));
	memset(fx.group_of, 0xff, (z->nrecs + 1) * sizeof(*fx.group_of));
	/* The input's own text is needed to read it again. */
	if (pl_fix_load(&out->files, z, 0, in->path, in->data, in->len,
	    &why) == NULL) {
		out->rc = -1;
		out->why = pl_xasprintf("'%s': not fixed: %s", z->file, why);
		goto done;
	}
	for (int round = 0; round < MAX_FIX_ROUNDS; round++) {
		struct pl_lint_result res;
		struct pl_edits next;
		bool accepted = false;

		plan_round(&fx, have_cur ? &cur.diags : d, have_cur ? 0 : input,
		    have_cur ? cur.zone : z);
		if (fx.ngroups == 0)
			break;
		for (;;) {
			size_t live = 0;

			for (size_t k = 0; k < fx.ngroups; k++)
				live += !fx.groups[k].rejected;
			if (live == 0)
				break;
			/* This round's edits after the accepted ones. */
			pl_edits_init(&next);
			for (size_t i = 0; i < out->edits.n; i++) {
				const struct pl_edit *e = &out->edits.v[i];

				pl_edits_add(&next, e->zone, e->file, e->rec,
				    e->off, e->len, e->text);
			}
			keep_edits(&fx, &next);
			pl_fix_apply(&out->files, &next);
			for (size_t k = 0; k < fx.ngroups; k++)
				for (uint32_t f = fx.groups[k].fl0;
				    f < fx.groups[k].fl1; f++)
					fx.to[fx.flips[f]] = fx.groups[k].rejected ?
					    0 : (uint8_t)fx.groups[k].to;
			if (relint(&fx, &res) != 0) {
				pl_edits_release(&next);
				out->rc = -1;
				out->why = pl_xasprintf("'%s': not fixed: the "
				    "fixed text could not be read again",
				    z->file);
				goto done;
			}
			if ((why = pl_fix_same_records(z, res.zone, fx.to,
			    &out->files, &next, &bad)) != NULL) {
				out->rc = -1;
				out->why = pl_xasprintf("'%s': not fixed: the "
				    "fix would change more than the proxy "
				    "flag of '%s' (%s); please report this",
				    z->file, z->recs[bad].owner, why);
				pl_lint_result_release(&res);
				pl_edits_release(&next);
				goto done;
			}
			if (reject_undone(&fx, &res, have_cur ? &cur.diags : d,
			    have_cur ? 0 : input) == 0) {
				accepted = true;
				break;
			}
			/* Back to the state before this round, then again
			 * without the rejected fixes. */
			for (size_t k = 0; k < fx.ngroups; k++)
				for (uint32_t f = fx.groups[k].fl0;
				    f < fx.groups[k].fl1; f++)
					fx.to[fx.flips[f]] = 0;
			pl_lint_result_release(&res);
			pl_edits_release(&next);
		}
		if (!accepted) {
			/* Every fix of the round was rejected. */
			pl_fix_apply(&out->files, &out->edits);
			break;
		}
		pl_edits_release(&out->edits);
		out->edits = next;
		for (size_t k = 0; k < fx.ngroups; k++)
			if (!fx.groups[k].rejected)
				out->nfixed += fx.groups[k].fl1 -
				    fx.groups[k].fl0;
		if (have_cur)
			pl_lint_result_release(&cur);
		cur = res;
		have_cur = true;
	}
	pl_fix_apply(&out->files, &out->edits);
	if (have_cur) {
		/* The findings the fixes took away: those of the first lint
		 * with no finding of the same rule on the same record now. */
		struct pairs now;

		pairs_of(&now, &cur.diags, 0);
		for (size_t i = 0; i < d->n; i++) {
			const struct pl_diag *g = &d->v[i];

			if (g->input == input && g->zone == z && g->recno > 0)
				out->fixed += !had(&now, g->recno, g->rule);
		}
		free(now.v);
		out->after = cur;
		have_cur = false;
	}
done:
	if (have_cur)
		pl_lint_result_release(&cur);
	pl_edits_release(&fx.round);
	pl_fix_spans_free(fx.spans);
	free(fx.to);
	free(fx.blocked);
	free(fx.group_of);
	free(fx.groups);
	free(fx.flips);
	return out->rc;
}

void
pl_lint_fix_release(struct pl_lint_fix *f)
{
	for (size_t i = 0; i < f->nblocked; i++)
		free(f->blocked[i].why);
	free(f->blocked);
	free(f->why);
	pl_fix_files_release(&f->files);
	pl_edits_release(&f->edits);
	pl_lint_result_release(&f->after);
	memset(f, 0, sizeof(*f));
}
