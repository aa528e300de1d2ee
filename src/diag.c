/* diag.c -- the finding list: add, format, sort, count */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "proxylint/diag.h"
#include "proxylint/banned.h"

void
pl_diags_init(struct pl_diags *d, const struct pl_ruleset *rules,
    const char *file)
{
	memset(d, 0, sizeof(*d));
	d->rules = rules;
	d->file = file;
}

static void
diag_free(struct pl_diag *g)
{
	free(g->also);
	free(g->pointer);
	free(g->name);
	free(g->type);
	free(g->content);
	free(g->message);
}

void
pl_diags_release(struct pl_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		diag_free(&d->v[i]);
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

static int
proxied_of(const struct pl_record *rec)
{
	return rec->proxy == PL_PROXY_PROXIED ? 1 :
	    rec->proxy == PL_PROXY_DNS_ONLY ? 0 : -1;
}

/* The subject of a record, as text, with its buffers in t. */
static void
record_subject(const struct pl_record *rec, struct pl_subject *s,
    char *typebuf, size_t typelen, char *contentbuf)
{
	s->name = rec->owner;
	s->type = pl_type_name(rec->type, typebuf, typelen);
	s->content = pl_rec_content(rec, contentbuf);
	s->target = rec->target;
}

static char *
dup_or_null(const char *s)
{
	return s != NULL ? pl_xstrdup(s) : NULL;
}

void
pl_diags_add(struct pl_diags *d, const struct pl_finding *f)
{
	const struct pl_record *rec = f->rec;
	struct pl_diag *g;

	if (f->rule == NULL || f->rule->severity == PL_SEV_NONE)
		return;
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = pl_xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	g = &d->v[d->n];
	memset(g, 0, sizeof(*g));
	g->rule = f->rule;
	g->sev = f->rule->severity;
	g->input = d->input;
	g->seq = (uint32_t)d->n;
	g->file = f->loc.file != NULL ? f->loc.file : d->file;
	g->line = f->loc.line;
	g->col = f->loc.col;
	g->recno = f->loc.recno;
	g->proxied = -1;
	d->n++;
	d->count[g->sev]++;
	if (rec != NULL) {
		if (f->loc.file == NULL && rec->file != 0)
			g->file = pl_zone_record_file(f->zone, rec);
		if (g->line == 0) {
			g->line = rec->line;
			g->col = rec->line > 0 ? pl_rec_col(rec) : 0;
		}
		g->recno = (uint32_t)(rec - f->zone->recs) + 1;
		g->proxied = proxied_of(rec);
	}
	if (rec != NULL && !f->copy) {
		/* Lazy: the strings are the zone's (pl_diag_text). */
		g->zone = f->zone;
		g->vars = f->vars;
		g->pointer = dup_or_null(f->loc.pointer);
		return;
	}
	{
		struct pl_subject s = f->subject;
		char tbuf[32], cbuf[PL_ADDR_TEXT];
		struct pl_buf b;

		if (rec != NULL)
			record_subject(rec, &s, tbuf, sizeof(tbuf), cbuf);
		g->pointer = dup_or_null(f->loc.pointer != NULL ?
		    f->loc.pointer : rec != NULL ? pl_rec_pointer(rec) : NULL);
		g->name = dup_or_null(s.name);
		g->type = dup_or_null(s.type);
		g->content = dup_or_null(s.content);
		pl_buf_init(&b);
		pl_template_expand(&b, pl_rule_message(f->rule, &f->vars), &s,
		    &f->vars);
		g->message = pl_buf_detach(&b);
	}
}

const struct pl_record *
pl_diag_record(const struct pl_diag *g)
{
	if (g->zone == NULL || g->recno == 0 || g->recno > g->zone->nrecs)
		return NULL;
	return &g->zone->recs[g->recno - 1];
}

/* The strings of g but its lazy message; the lazy finding's record. */
static const struct pl_record *
diag_text_fields(const struct pl_diag *g, struct pl_diag_text *t,
    struct pl_subject *s)
{
	const struct pl_record *rec = pl_diag_record(g);

	memset(t, 0, sizeof(*t));
	memset(s, 0, sizeof(*s));
	if (g->zone == NULL) {
		t->pointer = g->pointer;
		t->name = g->name;
		t->type = g->type;
		t->content = g->content;
		t->message = g->message;
		return NULL;
	}
	if (rec != NULL) {
		record_subject(rec, s, t->typebuf, sizeof(t->typebuf),
		    t->contentbuf);
		t->pointer = g->pointer != NULL ? g->pointer :
		    pl_rec_pointer(rec);
		t->name = s->name;
		t->type = s->type;
		t->content = s->content;
	}
	return rec;
}

/* A lazy finding's message: its rule's template, then the rules merged
 * into it, so that a line of text says all that one change fixes. */
static void
lazy_message(struct pl_buf *b, const struct pl_diag *g,
    const struct pl_subject *s)
{
	pl_template_expand(b, pl_rule_message(g->rule, &g->vars), s, &g->vars);
	for (uint32_t i = 0; i < g->nalso; i++)
		pl_buf_addf(b, "%s%s", i == 0 ? " (also: " : ", ",
		    g->also[i]->id);
	if (g->nalso > 0)
		pl_buf_addc(b, ')');
}

void
pl_diag_text(const struct pl_diag *g, struct pl_diag_text *t)
{
	struct pl_subject s;
	struct pl_buf b;

	diag_text_fields(g, t, &s);
	if (g->zone == NULL)
		return;
	pl_buf_init(&b);
	lazy_message(&b, g, &s);
	t->message = t->owned = pl_buf_detach(&b);
}

void
pl_diag_text_buf(const struct pl_diag *g, struct pl_diag_text *t,
    struct pl_buf *scratch)
{
	struct pl_subject s;

	diag_text_fields(g, t, &s);
	if (g->zone == NULL)
		return;
	pl_buf_reset(scratch);
	lazy_message(scratch, g, &s);
	t->message = scratch->buf != NULL ? scratch->buf : "";
}

void
pl_diag_text_release(struct pl_diag_text *t)
{
	free(t->owned);
	memset(t, 0, sizeof(*t));
}

void
pl_diags_move(struct pl_diags *to, struct pl_diags *from, unsigned input)
{
	/* Into an empty list, the array itself moves: no copy of what can
	 * be a million findings. */
	if (to->n == 0) {
		free(to->v);
		to->v = from->v;
		to->n = from->n;
		to->cap = from->cap;
		for (size_t i = 0; i < to->n; i++)
			to->v[i].input = input;
		for (int s = 0; s <= PL_SEV_ERROR; s++)
			to->count[s] += from->count[s];
		from->v = NULL;
		from->n = from->cap = 0;
		memset(from->count, 0, sizeof(from->count));
		return;
	}
	if (to->cap < to->n + from->n) {
		to->cap = to->n + from->n;
		to->v = pl_xreallocarray(to->v, to->cap, sizeof(*to->v));
	}
	for (size_t i = 0; i < from->n; i++) {
		struct pl_diag *g = &to->v[to->n];

		*g = from->v[i];
		g->input = input;
		g->seq = (uint32_t)to->n;
		to->count[g->sev]++;
		to->n++;
	}
	free(from->v);
	from->v = NULL;
	from->n = from->cap = 0;
	memset(from->count, 0, sizeof(from->count));
}

void
pl_diags_truncate(struct pl_diags *d, size_t n)
{
	while (d->n > n) {
		struct pl_diag *g = &d->v[--d->n];

		d->count[g->sev]--;
		diag_free(g);
	}
}

void
pl_diags_drop(struct pl_diags *d, const bool *drop)
{
	size_t keep = 0;

	for (size_t i = 0; i < d->n; i++) {
		if (drop[i]) {
			d->count[d->v[i].sev]--;
			diag_free(&d->v[i]);
			continue;
		}
		if (keep != i)
			d->v[keep] = d->v[i];
		d->v[keep].seq = (uint32_t)keep;
		keep++;
	}
	d->n = keep;
}

/* Can a finding take part in a merge (an engine's, about a record)? */
static bool
mergeable(const struct pl_diag *g)
{
	return g->zone != NULL && g->recno > 0 &&
	    !(g->rule->kind->flags & PL_KIND_FROM_READER);
}

/* By record, then by precedence within a record (see pl_diags_merge). */
static int
merge_cmp(const void *a, const void *b)
{
	const struct pl_diag *x = *(struct pl_diag *const *)a;
	const struct pl_diag *y = *(struct pl_diag *const *)b;
	const struct pl_rule *rx = x->rule, *ry = y->rule;

	/* An input may be read into several zones (a chain, one for each
	 * view): a record is its zone and its number. */
	if (x->zone != y->zone)
		return (uintptr_t)x->zone < (uintptr_t)y->zone ? -1 : 1;
	if (x->recno != y->recno)
		return x->recno < y->recno ? -1 : 1;
	if (x->sev != y->sev)
		return x->sev > y->sev ? -1 : 1;
	if ((rx->wants != PL_WHEN_ANY) != (ry->wants != PL_WHEN_ANY))
		return rx->wants != PL_WHEN_ANY ? -1 : 1;
	if (rx->kind->rank != ry->kind->rank)
		return rx->kind->rank < ry->kind->rank ? -1 : 1;
	if (rx->section != ry->section)
		return rx->section < ry->section ? -1 : 1;
	if (rx->order != ry->order)
		return rx->order < ry->order ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Does the fix of w make the finding of rule r moot? */
static bool
moots(const struct pl_rule *w, const struct pl_rule *r)
{
	return (w->wants == PL_WHEN_DNS_ONLY && r->when == PL_WHEN_PROXIED) ||
	    (w->wants == PL_WHEN_PROXIED && r->when == PL_WHEN_DNS_ONLY);
}

void
pl_diags_merge(struct pl_diags *d)
{
	struct pl_diag **ix;
	size_t n = 0;
	bool *gone, any = false;

	if (d->n < 2)
		return;
	ix = pl_xcalloc(d->n, sizeof(*ix));
	for (size_t i = 0; i < d->n; i++)
		if (mergeable(&d->v[i]))
			ix[n++] = &d->v[i];
	/* A record's findings side by side, in order of precedence. */
	if (n > 1)
		qsort(ix, n, sizeof(*ix), merge_cmp);
	gone = pl_xcalloc(d->n, sizeof(*gone));
	for (size_t a = 0, b; a < n; a = b) {
		for (b = a + 1; b < n && ix[b]->recno == ix[a]->recno &&
		    ix[b]->zone == ix[a]->zone; b++)
			;
		for (size_t i = a; i < b; i++) {
			struct pl_diag *w = ix[i];

			if (gone[w - d->v] || w->rule->wants == PL_WHEN_ANY)
				continue;
			for (size_t j = i + 1; j < b; j++) {
				struct pl_diag *g = ix[j];

				if (gone[g - d->v] || !moots(w->rule, g->rule))
					continue;
				w->also = pl_grow(w->also, w->nalso,
				    sizeof(*w->also));
				w->also[w->nalso++] = g->rule;
				gone[g - d->v] = any = true;
			}
		}
	}
	/* Keep the order of the findings kept; free the others. */
	if (any)
		pl_diags_drop(d, gone);
	free(gone);
	free(ix);
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct pl_diag *x = a, *y = b;
	int c;

	if (x->input != y->input)
		return x->input < y->input ? -1 : 1;
	/* Findings in $INCLUDEd files sort by file name, then line. */
	if (x->file != y->file && x->file != NULL && y->file != NULL &&
	    (c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->recno != y->recno)
		return x->recno < y->recno ? -1 : 1;
	if ((c = strcmp(x->rule->id, y->rule->id)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
pl_diags_sort(struct pl_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

enum pl_severity
pl_diags_max(const struct pl_diags *d)
{
	for (int s = PL_SEV_ERROR; s > PL_SEV_NONE; s--)
		if (d->count[s] > 0)
			return (enum pl_severity)s;
	return PL_SEV_NONE;
}
