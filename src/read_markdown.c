/* read_markdown.c -- reads the zone data of a Markdown document */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1		/* memmem */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/log.h"
#include "proxylint/read.h"
#include "proxylint/banned.h"

/*
 * More than a third of the real Cloudflare exports found in public
 * repositories live in Markdown files: raw (the file is the export), in
 * fenced code blocks of a README, or pasted into a notes tool that adds
 * YAML front matter and escapes underscores ("cf\_tags=", "\_domainkey").
 * This reader turns a document into BIND text with the document's line
 * numbers, each line of the document one line of the text (its zone data,
 * or nothing), and hands that to the BIND reader:
 *
 * - YAML (---) or TOML (+++) front matter is not zone data.
 * - A fenced code block (CommonMark 0.31 section 4.5: ``` or ~~~, any info
 *   string or none) holds zone data when at least half of its lines that
 *   start a record read as records (NAME [TTL] [CLASS] TYPE RDATA, with a
 *   TTL or a class), or it has $ORIGIN or $TTL; dig(1) output, which looks
 *   the same, is not a zone.  The blank indentation of the fence is taken
 *   off its lines, as CommonMark does.
 * - With no such block, the whole text is zone data when it reads so by
 *   the same measure: a raw export, with perhaps a heading.
 * - In zone data, the Markdown escapes "\_" and "\*" are undone (in DNS
 *   text "\_" is "_" anyway, and "\*" is never meant in an export), and in
 *   raw text, where Markdown escapes apply, "\\" too; a line that starts
 *   with '#' (a heading, or a shell-style comment someone wrote for the
 *   export's ";;") is a comment.
 * - "proxylint: ignore-file[...]" in an HTML comment of the text applies
 *   to the file, as on a comment line of a zone file.
 */

/* How one line of a document is read. */
enum how {
	HOW_SKIP,	/* not zone data: an empty line */
	HOW_FENCED,	/* a line of a fenced block's zone data */
	HOW_RAW,	/* a line of a raw export */
};

/* The line that starts at p: its end (the '\n', or end). */
static const char *
eol_of(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl != NULL ? nl : end;
}

static bool
blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool
blank_line(const char *s, const char *e)
{
	while (s < e && blank((unsigned char)*s))
		s++;
	return s == e;
}

/* A line that is exactly mark (3 octets) and blanks: front matter. */
static bool
mark_line(const char *s, const char *e, const char *mark)
{
	return e - s >= 3 && memcmp(s, mark, 3) == 0 && blank_line(s + 3, e);
}

/*
 * A fence: spaces, then three or more '`' or '~'.  Returns the length of
 * the run (0: no fence), with its octet and indentation.  An opening
 * backtick fence has no backtick in its info string; a closing fence has
 * nothing but blanks after its run.
 */
static size_t
fence(const char *s, const char *e, char *ch, size_t *indent, bool closing)
{
	const char *p = s, *q;

	while (p < e && *p == ' ')
		p++;
	if (p >= e || (*p != '`' && *p != '~'))
		return 0;
	for (q = p; q < e && *q == *p; q++)
		;
	if (q - p < 3)
		return 0;
	if (closing ? !blank_line(q, e) :
	    (*p == '`' && memchr(q, '`', (size_t)(e - q)) != NULL))
		return 0;
	*ch = *p;
	*indent = (size_t)(p - s);
	return (size_t)(q - p);
}

/* The next blank-separated word of [*p, e), up to a ';'; false if none. */
static bool
word(const char **p, const char *e, const char **w, size_t *n)
{
	const char *s = *p;

	while (s < e && blank((unsigned char)*s))
		s++;
	if (s >= e || *s == ';')
		return false;
	*w = s;
	while (s < e && !blank((unsigned char)*s) && *s != ';')
		s++;
	*n = (size_t)(s - *w);
	*p = s;
	return true;
}

static bool
word_is(const char *w, size_t n, const char *s)
{
	return strlen(s) == n && pl_strncaseeq(w, s, n);
}

/* A TTL as zone files write it: digits, or BIND units (1h30m). */
static bool
ttl_word(const char *w, size_t n)
{
	if (n == 0 || w[0] < '0' || w[0] > '9')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!(w[i] >= '0' && w[i] <= '9') &&
		    strchr("smhdwSMHDW", w[i]) == NULL)
			return false;
	return true;
}

/*
 * Does a line (from its first octet, the block's indentation taken off)
 * read as a record or a directive?  A record is NAME [TTL] [CLASS] TYPE
 * RDATA with a known TYPE and a TTL or a class: enough to tell zone data
 * from the shell commands and prose next to it ("dig A example.com" has
 * neither).
 */
static bool
record_line(const char *s, const char *e)
{
	const char *p = s, *w;
	size_t n;
	bool ttl = false, cls = false;
	char type[16];

	if (s >= e || blank((unsigned char)*s) || *s == ';')
		return false;
	if (!word(&p, e, &w, &n))
		return false;
	if (w[0] == '$')
		return word_is(w, n, "$ORIGIN") || word_is(w, n, "$TTL");
	for (int i = 0; i < 2; i++) {
		if (!word(&p, e, &w, &n))
			return false;
		if (!ttl && ttl_word(w, n))
			ttl = true;
		else if (!cls && (word_is(w, n, "IN") || word_is(w, n, "CH") ||
		    word_is(w, n, "HS")))
			cls = true;
		else
			break;
		if (i == 1 && !word(&p, e, &w, &n))
			return false;
	}
	if (!ttl && !cls)
		return false;
	if (n >= sizeof(type))
		return false;
	memcpy(type, w, n);
	type[n] = '\0';
	if (ldns_get_rr_type_by_name(type) == 0)
		return false;
	return word(&p, e, &w, &n);	/* some RDATA */
}

/* What the lines of one part of a document (a block, or the text) are. */
struct tally {
	unsigned	records;	/* lines that read as records */
	unsigned	starts;		/* lines that would start an entry */
	bool		dig;		/* dig(1) output */
};

static void
tally_line(struct tally *t, const char *s, const char *e)
{
	const char *p = s;

	while (p < e && blank((unsigned char)*p))
		p++;
	if (p < e && *p == ';' && ((e - p >= 8 && memmem(p, (size_t)(e - p),
	    "<<>> DiG", 8) != NULL) || (e - p >= 17 && memmem(p,
	    (size_t)(e - p), ";; ANSWER SECTION", 17) != NULL)))
		t->dig = true;
	/* Comments, continuation lines and blank lines start nothing. */
	if (p == e || p != s || *s == ';' || *s == '#' || *s == ')')
		return;
	t->starts++;
	if (record_line(s, e))
		t->records++;
}

static bool
tally_is_zone(const struct tally *t)
{
	return !t->dig && t->records > 0 && 2 * t->records >= t->starts;
}

/* Appends a line of zone data (without its '\n'), Markdown undone. */
static void
put_zone(struct pl_buf *b, const char *s, const char *e, bool raw)
{
	const char *p = s;

	while (p < e && blank((unsigned char)*p))
		p++;
	if (p < e && *p == '#') {
		pl_buf_add(b, s, (size_t)(p - s));
		pl_buf_addc(b, ';');
		s = p + 1;
	}
	for (p = s; p < e; p++) {
		if (*p != '\\' || p + 1 >= e)
			continue;
		if (p[1] == '_' || p[1] == '*' || (raw && p[1] == '\\')) {
			pl_buf_add(b, s, (size_t)(p - s));
			s = ++p;	/* the escaped octet starts the next run */
		} else if (p[1] == '\\')
			p++;	/* a pair: the second does not escape */
	}
	pl_buf_add(b, s, (size_t)(e - s));
}

/* An HTML comment's "proxylint: ignore-file[...]", as a zone comment. */
static void
put_directive(struct pl_buf *b, const char *s, const char *e)
{
	const char *open = memmem(s, (size_t)(e - s), "<!--", 4), *m, *close;

	if (open == NULL || (m = memmem(open, (size_t)(e - open),
	    PL_DIRECTIVE " ignore-file[", sizeof(PL_DIRECTIVE " ignore-file[")
	    - 1)) == NULL)
		return;
	close = memmem(m, (size_t)(e - m), "-->", 3);
	pl_buf_adds(b, "; ");
	pl_buf_add(b, m, (size_t)((close != NULL ? close : e) - m));
}

/* What a document holds, from one pass over it. */
struct scan {
	unsigned	zone_blocks;	/* fenced blocks of zone data */
	struct tally	text;		/* the lines outside blocks */
	const char	*body;		/* after the BOM and front matter */
	uint32_t	 body_line;	/* its first line */
};

/*
 * One pass over the document.  With out, the zone data of its fenced
 * blocks goes there, one line of text for each line of the document.
 */
static void
scan(const char *data, size_t len, struct scan *sc, struct pl_buf *out)
{
	const char *p = data, *end = data + len, *e;
	uint32_t line = 1;

	memset(sc, 0, sizeof(*sc));
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	/* Front matter, when it is closed. */
	e = eol_of(p, end);
	if (mark_line(p, e, "---") || mark_line(p, e, "+++")) {
		const char *mark = *p == '-' ? "---" : "+++", *q = e;
		uint32_t n = 1;

		while (q < end) {
			const char *qe = eol_of(++q, end);

			n++;
			if (mark_line(q, qe, mark) || (*mark == '-' &&
			    mark_line(q, qe, "..."))) {
				for (uint32_t i = 0; i < n && out != NULL; i++)
					pl_buf_addc(out, '\n');
				p = qe < end ? qe + 1 : end;
				line += n;
				break;
			}
			q = qe;
		}
	}
	sc->body = p;
	sc->body_line = line;
	while (p < end) {
		const char *q;
		struct tally t;
		size_t run, indent, crun, cindent;
		char ch, cch;
		uint32_t nlines = 0;

		e = eol_of(p, end);
		if ((run = fence(p, e, &ch, &indent, false)) == 0) {
			tally_line(&sc->text, p, e);
			if (out != NULL) {
				put_directive(out, p, e);
				pl_buf_addc(out, '\n');
			}
			p = e < end ? e + 1 : end;
			line++;
			continue;
		}
		/* A fenced block: its lines up to the closing fence, or to
		 * the end of the document (CommonMark). */
		memset(&t, 0, sizeof(t));
		for (q = e < end ? e + 1 : end; q < end;) {
			const char *qe = eol_of(q, end), *s = q;

			if ((crun = fence(q, qe, &cch, &cindent, true)) >= run &&
			    cch == ch)
				break;
			for (size_t i = 0; i < indent && s < qe && *s == ' '; i++)
				s++;
			tally_line(&t, s, qe);
			nlines++;
			q = qe < end ? qe + 1 : end;
		}
		if (tally_is_zone(&t))
			sc->zone_blocks++;
		if (out != NULL) {
			/* The fence lines are no zone data. */
			pl_buf_addc(out, '\n');
			q = e < end ? e + 1 : end;
			for (uint32_t i = 0; i < nlines; i++) {
				const char *qe = eol_of(q, end), *s = q;

				for (size_t k = 0; k < indent && s < qe &&
				    *s == ' '; k++)
					s++;
				if (tally_is_zone(&t))
					put_zone(out, s, qe, false);
				pl_buf_addc(out, '\n');
				q = qe < end ? qe + 1 : end;
			}
		}
		/* Past the closing fence, if there is one. */
		p = e < end ? e + 1 : end;
		for (uint32_t i = 0; i < nlines; i++)
			p = eol_of(p, end) < end ? eol_of(p, end) + 1 : end;
		line += 1 + nlines;
		if (p < end) {
			e = eol_of(p, end);
			if (out != NULL)
				pl_buf_addc(out, '\n');
			p = e < end ? e + 1 : end;
			line++;
		}
	}
}

/* A raw export: the text outside fenced blocks, Markdown undone. */
static void
raw_text(const struct scan *sc, const char *data, size_t len,
    struct pl_buf *out)
{
	const char *p, *end = data + len, *e;
	uint32_t line = 1;

	pl_buf_reset(out);
	for (; line < sc->body_line; line++)
		pl_buf_addc(out, '\n');
	p = sc->body;
	while (p < end) {
		size_t run, indent, crun, cindent;
		char ch, cch;

		e = eol_of(p, end);
		if ((run = fence(p, e, &ch, &indent, false)) == 0) {
			put_zone(out, p, e, true);
			pl_buf_addc(out, '\n');
			p = e < end ? e + 1 : end;
			continue;
		}
		/* Not zone data: the block and its fences. */
		pl_buf_addc(out, '\n');
		for (p = e < end ? e + 1 : end; p < end;) {
			bool closed;

			e = eol_of(p, end);
			pl_buf_addc(out, '\n');
			closed = (crun = fence(p, e, &cch, &cindent, true)) >=
			    run && cch == ch;
			p = e < end ? e + 1 : end;
			if (closed)
				break;
		}
	}
}

int
pl_markdown_has_zone(const char *data, size_t len)
{
	struct scan sc;

	scan(data, len, &sc, NULL);
	return sc.zone_blocks > 0 || tally_is_zone(&sc.text);
}

int
pl_read_markdown(const char *data, size_t len, const struct pl_read_opts *o,
    struct pl_zone *z, struct pl_diags *d)
{
	struct pl_read_opts bo = *o;
	struct scan sc;
	struct pl_buf text;
	int rc;

	pl_buf_init(&text);
	scan(data, len, &sc, &text);
	if (sc.zone_blocks == 0) {
		if (!tally_is_zone(&sc.text)) {
			pl_buf_release(&text);
			return pl_error(PL_EINPUT, "'%s' holds no zone data: no "
			    "fenced code block of it reads as zone records, "
			    "and neither does its text", z->file);
		}
		raw_text(&sc, data, len, &text);
	}
	/* The records are BIND records: rules limited to "bind" apply, and
	 * the filter knows that their directives came from the text. */
	z->format = PL_FMT_BIND;
	bo.mapped = 0;		/* the text is ours, not a mapping */
	rc = pl_read_bind(text.buf != NULL ? text.buf : "", text.len, &bo, z,
	    d);
	pl_buf_release(&text);
	return rc;
}
