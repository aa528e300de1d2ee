/* filter.c -- drops what config ignores, Spectrum hosts and directives cover */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/filter.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

/* Does the directive name the rule?  Marks it used. */
static bool
names(struct pl_directive *dv, const char *id)
{
	for (size_t k = 0; k < dv->nids; k++)
		if (strcmp(dv->ids[k], id) == 0) {
			dv->used[k] = true;
			return true;
		}
	return false;
}

static bool
same_file(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Indexes of the directives, sorted for lookups by line and comment. */
struct index {
	struct pl_directive	**by_line;	/* target > 0 */
	size_t			  nline;
	struct pl_directive	**by_comment;	/* record comments */
	size_t			  ncomment;
	struct pl_directive	**files;	/* ignore-file */
	size_t			  nfiles;
	struct pl_directive	**blocks;	/* a block of records */
	size_t			  nblocks;
};

static int
line_cmp(const void *a, const void *b)
{
	const struct pl_directive *x = *(struct pl_directive *const *)a;
	const struct pl_directive *y = *(struct pl_directive *const *)b;

	return (x->target > y->target) - (x->target < y->target);
}

static int
comment_cmp(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)(*(struct pl_directive *const *)a)->comment;
	uintptr_t y = (uintptr_t)(*(struct pl_directive *const *)b)->comment;

	return (x > y) - (x < y);
}

static void
index_build(struct index *ix, struct pl_suppressions *s)
{
	memset(ix, 0, sizeof(*ix));
	ix->by_line = pl_xcalloc(s->n + 1, sizeof(*ix->by_line));
	ix->by_comment = pl_xcalloc(s->n + 1, sizeof(*ix->by_comment));
	ix->files = pl_xcalloc(s->n + 1, sizeof(*ix->files));
	ix->blocks = pl_xcalloc(s->n + 1, sizeof(*ix->blocks));
	for (size_t i = 0; i < s->n; i++) {
		struct pl_directive *dv = &s->v[i];

		if (dv->bad != NULL)
			continue;
		if (dv->whole_file)
			ix->files[ix->nfiles++] = dv;
		else if (dv->rec_first > 0)
			ix->blocks[ix->nblocks++] = dv;
		else if (dv->comment != NULL)
			ix->by_comment[ix->ncomment++] = dv;
		else if (dv->target > 0)
			ix->by_line[ix->nline++] = dv;
	}
	qsort(ix->by_line, ix->nline, sizeof(*ix->by_line), line_cmp);
	qsort(ix->by_comment, ix->ncomment, sizeof(*ix->by_comment),
	    comment_cmp);
}

static void
index_release(struct index *ix)
{
	free(ix->by_line);
	free(ix->by_comment);
	free(ix->files);
	free(ix->blocks);
}

/* The first of the sorted v[0..n) whose key is not below the wanted one. */
static size_t
lower_bound(struct pl_directive **v, size_t n, uint32_t line,
    const char *comment)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		bool below = comment != NULL ?
		    (uintptr_t)v[mid]->comment < (uintptr_t)comment :
		    v[mid]->target < line;

		if (below)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Does an inline directive cover finding g (of record rec)?  Every
 * directive that does is marked used, not just the first. */
static bool
covered(struct index *ix, const struct pl_diag *g,
    const struct pl_record *rec)
{
	const char *id = g->rule->id;
	bool hit = false;

	for (size_t i = 0; i < ix->nfiles; i++)
		if (same_file(ix->files[i]->file, g->file) &&
		    names(ix->files[i], id))
			hit = true;
	if (g->line > 0 && ix->nline > 0)
		for (size_t i = lower_bound(ix->by_line, ix->nline, g->line,
		    NULL); i < ix->nline && ix->by_line[i]->target == g->line;
		    i++)
			if (same_file(ix->by_line[i]->file, g->file) &&
			    names(ix->by_line[i], id))
				hit = true;
	/* A directive in (or above) a block of a configuration covers its
	 * records; there are few, one per commented block. */
	if (rec != NULL)
		for (size_t i = 0; i < ix->nblocks; i++)
			if (g->recno >= ix->blocks[i]->rec_first &&
			    g->recno <= ix->blocks[i]->rec_last &&
			    names(ix->blocks[i], id))
				hit = true;
	if (rec != NULL && pl_rec_comment(rec) != NULL && ix->ncomment > 0)
		for (size_t i = lower_bound(ix->by_comment, ix->ncomment, 0,
		    pl_rec_comment(rec)); i < ix->ncomment &&
		    ix->by_comment[i]->comment == pl_rec_comment(rec); i++)
			if (names(ix->by_comment[i], id))
				hit = true;
	return hit;
}

/* Finds the directives in the comments of the records (no BIND text). */
static void
scan_records(struct pl_suppressions *s, const struct pl_zone *z)
{
	for (uint32_t i = 0; i < z->nrecs; i++) {
		const struct pl_record *r = &z->recs[i];
		bool seen = false;

		if (pl_rec_comment(r) == NULL ||
		    strstr(pl_rec_comment(r), PL_DIRECTIVE) == NULL)
			continue;
		/* The values of one octoDNS record share its comment. */
		for (size_t k = s->n; k > 0 && !seen; k--)
			seen = s->v[k - 1].comment == pl_rec_comment(r);
		if (!seen)
			pl_suppressions_scan_comment(s, pl_rec_comment(r),
			    strlen(pl_rec_comment(r)), z->file, r->line, 0,
			    i + 1, pl_rec_comment(r));
	}
}

/*
 * A directive that covered nothing, at the line where it is written (or
 * the record whose comment holds it: of zone z), with the record's
 * subject.
 */
static void
report_unused(struct pl_diags *d, const struct pl_zone *z,
    const struct pl_directive *dv, const char *reason)
{
	struct pl_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = d->rules->fixed[PL_RULE_UNUSED_SUPPRESSION];
	f.loc.file = same_file(dv->file, d->file) ? NULL : dv->file;
	f.loc.line = dv->line;
	f.loc.recno = dv->recno;
	if (z != NULL && dv->recno > 0 && dv->recno <= z->nrecs) {
		/* At the record's own place: its file, line and column. */
		f.zone = z;
		f.rec = &z->recs[dv->recno - 1];
		f.loc.file = NULL;
		f.loc.line = 0;
	}
	f.vars.detail = dv->text;
	f.vars.reason = reason;
	/* The directive's text dies with the suppressions. */
	f.copy = true;
	pl_diags_add(d, &f);
}

/* zones[i]: the zone whose record comment holds directive i, or NULL. */
static void
report_unused_all(struct pl_diags *d, const struct pl_zone *const *zones,
    const struct pl_suppressions *s)
{
	struct pl_buf b;

	pl_buf_init(&b);
	for (size_t i = 0; i < s->n; i++) {
		const struct pl_directive *dv = &s->v[i];
		const struct pl_zone *z = zones != NULL ? zones[i] : NULL;

		if (dv->bad != NULL) {
			report_unused(d, z, dv, dv->bad);
			continue;
		}
		for (size_t k = 0; k < dv->nids; k++) {
			if (dv->used[k])
				continue;
			pl_buf_reset(&b);
			if (pl_ruleset_find(d->rules, dv->ids[k]) == NULL &&
			    pl_ruleset_closest(d->rules, dv->ids[k]) != NULL)
				pl_buf_addf(&b, "names no rule '%s' (did you "
				    "mean '%s'?)", dv->ids[k],
				    pl_ruleset_closest(d->rules, dv->ids[k]));
			else if (pl_ruleset_find(d->rules, dv->ids[k]) == NULL)
				pl_buf_addf(&b, "names no rule '%s' "
				    "('proxylint --list-rules' lists them)",
				    dv->ids[k]);
			else if (dv->nids > 1)
				pl_buf_addf(&b, "matches no finding of '%s'",
				    dv->ids[k]);
			else
				pl_buf_adds(&b, "matches no finding");
			report_unused(d, z, dv, b.buf);
		}
	}
	pl_buf_release(&b);
}

void
pl_filter_apply(struct pl_diags *d, const struct pl_zone *z,
    struct pl_suppressions *s, const struct pl_filter_opts *o)
{
	const struct pl_config *cfg = o->config;
	bool by_config = cfg != NULL && (cfg->nignores > 0 ||
	    cfg->spectrum.n > 0);
	struct pl_suppressions none;
	struct index ix;
	const struct pl_zone **zones = NULL;
	size_t keep = 0, nzones = 0;

	/* --no-inline-ignores: whatever the caller scanned does not count. */
	pl_suppressions_init(&none);
	if (!o->inline_ignores)
		s = &none;
	/*
	 * A BIND reader found the directives in its text (and that of its
	 * $INCLUDEs), the DNSControl reader those of its dnsconfig.js; the
	 * inputs but BIND keep them in record comments too, in every zone of
	 * the input's chain.  zones[] remembers whose records they are.
	 */
	if (o->inline_ignores && z != NULL && z->format != PL_FMT_BIND)
		for (const struct pl_zone *zz = z; zz != NULL; zz = zz->next) {
			size_t n0 = s->n;

			scan_records(s, zz);
			if (s->n > n0) {
				zones = pl_xreallocarray(zones, s->n,
				    sizeof(*zones));
				for (size_t i = nzones; i < s->n; i++)
					zones[i] = i >= n0 ? zz : NULL;
				nzones = s->n;
			}
		}
	if (!by_config && s->n == 0)
		return;
	index_build(&ix, s);
	for (size_t i = 0; i < d->n; i++) {
		struct pl_diag *g = &d->v[i];
		const struct pl_record *rec = pl_diag_record(g);
		const char *owner = rec != NULL ? rec->owner : g->name;
		bool drop = false;

		if (by_config && pl_config_exempts(cfg, g->rule->id, owner))
			drop = true;
		if (s->n > 0 && covered(&ix, g, rec))
			drop = true;
		if (!drop) {
			/* Keep the order of the findings kept. */
			if (keep != i) {
				struct pl_diag t = d->v[keep];

				d->v[keep] = *g;
				*g = t;
			}
			keep++;
		}
	}
	/* The dropped ones are at the end now; this frees them. */
	pl_diags_truncate(d, keep);
	index_release(&ix);
	if (nzones < s->n) {
		/* Directives from text: no record's zone. */
		zones = pl_xreallocarray(zones, s->n ? s->n : 1,
		    sizeof(*zones));
		for (size_t i = nzones; i < s->n; i++)
			zones[i] = NULL;
	}
	report_unused_all(d, zones, s);
	free(zones);
}
