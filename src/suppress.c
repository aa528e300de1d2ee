/* suppress.c -- the inline "proxylint: ignore[...]" directives, found in text */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1	/* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/cftags.h"
#include "proxylint/suppress.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

#define MARKER_LEN	(sizeof(PL_DIRECTIVE) - 1)

void
pl_suppressions_init(struct pl_suppressions *s)
{
	memset(s, 0, sizeof(*s));
}

void
pl_suppressions_truncate(struct pl_suppressions *s, size_t n)
{
	while (s->n > n) {
		struct pl_directive *dv = &s->v[--s->n];

		for (size_t k = 0; k < dv->nids; k++)
			free(dv->ids[k]);
		free(dv->ids);
		free(dv->used);
		free(dv->text);
	}
}

void
pl_suppressions_release(struct pl_suppressions *s)
{
	pl_suppressions_truncate(s, 0);
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

/*
 * The comment of a JavaScript line (dnsconfig.js): where its line comment
 * or block comment starts outside a string ('...', "..." or `...`), or
 * NULL.  A template literal or block comment spanning lines is not
 * followed: such a line just has no directive.
 */
static const char *
js_comment(const char *p, const char *eol)
{
	char quote = 0;

	for (; p < eol; p++) {
		if (quote != 0) {
			if (*p == '\\' && p + 1 < eol)
				p++;
			else if (*p == quote)
				quote = 0;
		} else if (*p == '"' || *p == '\'' || *p == '`')
			quote = *p;
		else if (*p == '/' && p + 1 < eol && (p[1] == '/' ||
		    p[1] == '*'))
			return p;
	}
	return NULL;
}

/* The line a JavaScript comment line covers: the next line that is not
 * only a comment, when no blank line comes first; 0 otherwise. */
static uint32_t
js_covered_line(const char *eol, const char *end, uint32_t line)
{
	const char *p;

	while ((p = next_line(eol, end)) != NULL) {
		const char *c;

		line++;
		eol = line_end(p, end);
		c = first_nonblank(p, eol);
		if (c == eol)
			return 0;
		if (!(c + 1 < eol && c[0] == '/' && (c[1] == '/' ||
		    c[1] == '*')))
			return line;
	}
	return 0;
}

void
pl_suppressions_scan_js(struct pl_suppressions *s, const char *file,
    const char *text, size_t len)
{
	const char *end = text + len, *counted = text, *m = text;
	uint32_t line = 1;

	while ((m = find(m, end, PL_DIRECTIVE, MARKER_LEN)) != NULL) {
		const char *bol, *eol, *c, *cm, *stop;

		for (const char *nl; (nl = memchr(counted, '\n',
		    (size_t)(m - counted))) != NULL; counted = nl + 1)
			line++;
		bol = counted;
		eol = line_end(m, end);
		if ((cm = js_comment(bol, eol)) != NULL && cm < m) {
			/* The comment's text, without a closing star-slash. */
			stop = cm[1] == '*' ? find(cm + 2, eol, "*/", 2) : NULL;
			if (stop == NULL || stop < m)
				stop = eol;
			c = first_nonblank(bol, eol);
			pl_suppressions_scan_comment(s, cm + 2,
			    (size_t)(stop - cm - 2), file, line, c == cm ?
			    js_covered_line(eol, end, line) : line, 0, NULL);
		}
		/* One pass per line: the scan above saw all of it. */
		m = eol;
	}
}
