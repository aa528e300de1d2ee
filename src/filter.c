/* filter.c -- config ignores, Spectrum hosts and inline suppressions */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1	/* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/filter.h"
#include "proxylint/reader.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

#define MARKER_LEN	(sizeof(PL_DIRECTIVE) - 1)

void
pl_suppressions_init(struct pl_suppressions *s)
{
	memset(s, 0, sizeof(*s));
}

void
pl_suppressions_release(struct pl_suppressions *s)
{
	for (size_t i = 0; i < s->n; i++) {
		for (size_t k = 0; k < s->v[i].nids; k++)
			free(s->v[i].ids[k]);
		free(s->v[i].ids);
		free(s->v[i].used);
		free(s->v[i].text);
	}
	free(s->v);
	memset(s, 0, sizeof(*s));
}

static const char *
find(const char *p, const char *end, const char *what, size_t n)
{
	if (p >= end)
		return NULL;
	return memmem(p, (size_t)(end - p), what, n);
}

static bool
blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static bool
id_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static struct pl_directive *
directive_new(struct pl_suppressions *s)
{
	struct pl_directive *dv;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 8;
		s->v = pl_xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	dv = &s->v[s->n++];
	memset(dv, 0, sizeof(*dv));
	return dv;
}

/*
 * Parses "ignore[a,b]" or "ignore-file[a]" at p (after the marker and its
 * blanks) into dv; returns the end of what was read, and sets dv->bad when
 * it is not a directive.
 */
static const char *
parse_directive(struct pl_directive *dv, const char *p, const char *end)
{
	const char *w = p;

	while (p < end && (id_char((unsigned char)*p)))
		p++;
	if ((size_t)(p - w) == 6 && memcmp(w, "ignore", 6) == 0)
		dv->whole_file = false;
	else if ((size_t)(p - w) == 11 && memcmp(w, "ignore-file", 11) == 0)
		dv->whole_file = true;
	else {
		dv->bad = "is not a directive (expected 'proxylint: "
		    "ignore[RULE,...]' or 'proxylint: ignore-file[RULE,...]')";
		return p;
	}
	if (p >= end || *p != '[') {
		dv->bad = "names no rule (expected a list of rule ids in "
		    "brackets, such as 'ignore[mail-host-proxied]')";
		return p;
	}
	p++;
	for (;;) {
		const char *id;

		while (p < end && blank((unsigned char)*p))
			p++;
		id = p;
		while (p < end && id_char((unsigned char)*p))
			p++;
		if (p == id) {
			dv->bad = "has an empty or invalid rule id (rule ids "
			    "are kebab-case, separated by commas)";
			return p;
		}
		dv->ids = pl_xreallocarray(dv->ids, dv->nids + 1,
		    sizeof(*dv->ids));
		dv->ids[dv->nids++] = pl_xstrndup(id, (size_t)(p - id));
		while (p < end && blank((unsigned char)*p))
			p++;
		if (p < end && *p == ',') {
			p++;
			continue;
		}
		if (p < end && *p == ']')
			return p + 1;
		dv->bad = "is not closed with ']' (rule ids are kebab-case, "
		    "separated by commas)";
		return p;
	}
}

void
pl_suppressions_scan_comment(struct pl_suppressions *s, const char *text,
    size_t n, const char *file, uint32_t line, uint32_t target,
    uint32_t recno, const char *comment)
{
	const char *end = text + n, *p = text, *m;

	while ((m = find(p, end, PL_DIRECTIVE, MARKER_LEN)) != NULL) {
		struct pl_directive *dv;
		const char *q, *stop;

		p = m + MARKER_LEN;
		/* A word that merely ends in "proxylint:" is prose. */
		if (m > text && !blank((unsigned char)m[-1]) && m[-1] != ';' &&
		    m[-1] != '#' && m[-1] != '(' && m[-1] != ',')
			continue;
		for (q = p; q < end && blank((unsigned char)*q); q++)
			;
		dv = directive_new(s);
		dv->file = file;
		dv->line = line;
		dv->recno = recno;
		dv->comment = comment;
		stop = parse_directive(dv, q, end);
		dv->target = dv->whole_file ? 0 : target;
		if (dv->bad != NULL) {
			/* Quote what was written, up to the next blank. */
			while (stop < end && !blank((unsigned char)*stop) &&
			    stop - m < 64)
				stop++;
			for (size_t k = 0; k < dv->nids; k++)
				free(dv->ids[k]);
			free(dv->ids);
			dv->ids = NULL;
			dv->nids = 0;
		}
		dv->text = pl_xstrndup(m, (size_t)(stop - m));
		dv->used = pl_xcalloc(dv->nids ? dv->nids : 1,
		    sizeof(*dv->used));
		p = stop > p ? stop : p;
	}
}

/* Where the comment of a BIND line starts: its first ';' outside quotes. */
static const char *
line_comment(const char *p, const char *end)
{
	bool quoted = false;

	for (; p < end; p++) {
		if (*p == '\\' && p + 1 < end)
			p++;
		else if (*p == '"')
			quoted = !quoted;
		else if (*p == ';' && !quoted)
			return p;
	}
	return NULL;
}

/* The line after the one ending at eol, or NULL at the end. */
static const char *
next_line(const char *eol, const char *end)
{
	return eol < end ? eol + 1 : NULL;
}

static const char *
line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl != NULL ? nl : end;
}

static const char *
first_nonblank(const char *p, const char *eol)
{
	while (p < eol && blank((unsigned char)*p))
		p++;
	return p;
}

/*
 * The line a comment-line directive covers: the next line that is not a
 * comment line, when it holds a record; 0 when a blank line or the end
 * comes first.
 */
static uint32_t
covered_line(const char *eol, const char *end, uint32_t line)
{
	const char *p;

	while ((p = next_line(eol, end)) != NULL) {
		const char *c;

		line++;
		eol = line_end(p, end);
		c = first_nonblank(p, eol);
		if (c == eol)
			return 0;
		if (*c != ';')
			return line;
	}
	return 0;
}

void
pl_suppressions_scan_bind(struct pl_suppressions *s, const char *file,
    const char *text, size_t len)
{
	const char *end = text + len, *counted = text, *m = text;
	uint32_t line = 1;

	while ((m = find(m, end, PL_DIRECTIVE, MARKER_LEN)) != NULL) {
		const char *bol, *eol, *c, *semi;

		/* Count the lines up to this one, and find its start. */
		for (const char *nl; (nl = memchr(counted, '\n',
		    (size_t)(m - counted))) != NULL; counted = nl + 1)
			line++;
		bol = counted;
		eol = line_end(m, end);
		c = first_nonblank(bol, eol);
		if (c < eol && *c == ';') {
			/* A comment line: it covers the record below. */
			pl_suppressions_scan_comment(s, c, (size_t)(eol - c),
			    file, line, covered_line(eol, end, line), 0, NULL);
		} else if ((semi = line_comment(bol, eol)) != NULL &&
		    semi < m) {
			/* A record's own comment, before its cf_tags. */
			const char *cm, *tags;
			size_t cmlen, tagslen;
			int has_tags;

			pl_cf_comment_split(semi + 1, (size_t)(eol - semi - 1),
			    &cm, &cmlen, &tags, &tagslen, &has_tags);
			pl_suppressions_scan_comment(s, cm, cmlen, file, line,
			    line, 0, NULL);
		}
		/* One pass per line: the scans above saw all of it. */
		m = eol;
	}
}

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
	for (size_t i = 0; i < s->n; i++) {
		struct pl_directive *dv = &s->v[i];

		if (dv->bad != NULL)
			continue;
		if (dv->whole_file)
			ix->files[ix->nfiles++] = dv;
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
	if (rec != NULL && pl_rec_comment(rec) != NULL && ix->ncomment > 0)
		for (size_t i = lower_bound(ix->by_comment, ix->ncomment, 0,
		    pl_rec_comment(rec)); i < ix->ncomment &&
		    ix->by_comment[i]->comment == pl_rec_comment(rec); i++)
			if (names(ix->by_comment[i], id))
				hit = true;
	return hit;
}

/* Finds the directives of the $INCLUDEd files of a BIND input. */
static void
scan_includes(struct pl_suppressions *s, const struct pl_zone *z)
{
	for (uint16_t f = 1; f < z->nfiles; f++) {
		char *data = NULL, *err = NULL;
		size_t len;

		/* The reader read it a moment ago; it is in the page cache. */
		if (pl_read_file(z->files[f], PL_MAX_FILE_SIZE, &data, &len,
		    &err) != 0) {
			free(err);
			continue;
		}
		pl_suppressions_scan_bind(s, z->files[f], data, len);
		free(data);
	}
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

static void
report_unused(struct pl_diags *d, const struct pl_zone *z,
    const struct pl_directive *dv, const char *reason)
{
	const struct pl_record *rec = NULL;
	struct pl_vars v;
	char tbuf[32], cbuf[PL_ADDR_TEXT];

	memset(&v, 0, sizeof(v));
	v.detail = dv->text;
	v.reason = reason;
	if (z != NULL && dv->recno > 0 && dv->recno <= z->nrecs)
		rec = &z->recs[dv->recno - 1];
	d->recno = dv->recno;
	d->subfile = same_file(dv->file, d->file) ? NULL : dv->file;
	if (rec != NULL) {
		size_t n = d->n;

		pl_report_at(d, "unused-suppression", dv->line,
		    pl_rec_pointer(rec), rec->owner, pl_type_name(rec->type,
		    tbuf, sizeof(tbuf)), pl_rec_content(rec, cbuf), &v);
		/* The record's state, as its other findings show it. */
		if (d->n > n)
			d->v[n].proxied = rec->proxy == PL_PROXY_PROXIED ? 1 :
			    rec->proxy == PL_PROXY_DNS_ONLY ? 0 : -1;
	} else
		pl_report_at(d, "unused-suppression", dv->line, NULL, NULL,
		    NULL, NULL, &v);
	d->recno = 0;
	d->subfile = NULL;
}

static void
report_unused_all(struct pl_diags *d, const struct pl_zone *z,
    const struct pl_suppressions *s)
{
	struct pl_buf b;

	pl_buf_init(&b);
	for (size_t i = 0; i < s->n; i++) {
		const struct pl_directive *dv = &s->v[i];

		if (dv->bad != NULL) {
			report_unused(d, z, dv, dv->bad);
			continue;
		}
		for (size_t k = 0; k < dv->nids; k++) {
			if (dv->used[k])
				continue;
			pl_buf_reset(&b);
			if (pl_ruleset_find(d->rules, dv->ids[k]) == NULL)
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
	size_t keep = 0;

	/* --no-inline-ignores: whatever the caller scanned does not count. */
	pl_suppressions_init(&none);
	if (!o->inline_ignores)
		s = &none;
	if (o->inline_ignores && z != NULL) {
		if (z->format == PL_FMT_BIND)
			scan_includes(s, z);
		else
			scan_records(s, z);
	}
	if (!by_config && s->n == 0)
		return;
	index_build(&ix, s);
	for (size_t i = 0; i < d->n; i++) {
		struct pl_diag *g = &d->v[i];
		const struct pl_record *rec = NULL;
		const char *owner = g->name;
		bool drop = false;

		if (g->zone != NULL && g->recno > 0 &&
		    g->recno <= g->zone->nrecs) {
			rec = &g->zone->recs[g->recno - 1];
			owner = rec->owner;
		}
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
	report_unused_all(d, z, s);
}
