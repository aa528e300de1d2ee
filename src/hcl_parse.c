/* hcl_parse.c -- the HCL native syntax: bodies, expressions, templates */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcl_impl.h"
#include "proxylint/banned.h"

/*
 * A recursive descent parser of hashicorp/hcl hclsyntax/spec.md, which
 * pulls tokens from hcl_lex.c one at a time.  Where the spec's grammar and
 * HashiCorp's parser (hclsyntax/parser.go, parser_template.go, read for
 * behaviour) differ, the parser's behaviour is followed, as Terraform
 * users know it: tuple elements are separated by commas only, a heredoc
 * marker line may be indented, the strip markers and <<- act on the
 * parser's own tokens (see render_heredoc()).
 *
 * Every node is allocated in the file's arena.  Lists (body items, tuple
 * elements, steps, template parts) are built on one scratch stack and
 * copied to the arena once complete: a nested list is always complete
 * before the list around it grows again, so the stack discipline holds.
 *
 * Errors.  A parse function returns NULL after reporting an error; the
 * body loop then resynchronises (resync()) and goes on with the next
 * attribute or block, so one typo costs one item, not the file.  Only the
 * first error of an item is reported: the rest is noise of the same cause.
 */

/*
 * One body item: on the scratch stack it is its kind (8 bytes) and then
 * the attribute or the block, no more.
 */
struct bitem {
	uint64_t		 is_block;
	union {
		struct pl_hcl_attr	 attr;
		struct pl_hcl_block	 block;
	};
};

#define BITEM_SIZE(it)	(offsetof(struct bitem, attr) + ((it)->is_block ? \
	sizeof(struct pl_hcl_block) : sizeof(struct pl_hcl_attr)))

/* A piece of a template before its tree is built (parser_template.go's
 * "template tokens"). */
enum tp_kind { TP_LIT = 1, TP_INTERP, TP_IF, TP_ELSE, TP_ENDIF, TP_FOR,
	TP_ENDFOR };

struct tpart {
	enum tp_kind		 kind;
	int			 ltrim;		/* LIT: after a ~} */
	int			 rtrim;		/* LIT: before a ${~ or %{~ */
	struct pl_hcl_range	 r;
	uint32_t		 tstart;	/* LIT: text offsets */
	uint32_t		 tend;
	char			*val;		/* LIT: decoded, then trimmed */
	uint32_t		 len;
	const struct pl_hcl_expr *expr;		/* INTERP, IF, FOR */
	const char		*key_var;	/* FOR */
	const char		*val_var;
};

struct iname {
	const char		*s;
	uint32_t		 len;
	uint32_t		 hash;
};

struct pstate {
	struct pl_hcl_fbuild	*fb;
	struct pl_arena		*arena;
	struct pl_lexer		 lx;
	struct pl_hcl_tok	 tok;		/* the next token */
	struct pl_hcl_tok	 prev;		/* the last one consumed */
	int			 nl_skip;	/* newlines are spaces here */
	unsigned		 depth;
	/* Resynchronisation (resync()). */
	int			 failed;	/* the current item had an error */
	unsigned		 bdepth;	/* { ${ %{ open in the item */
	uint32_t		 item_start;	/* the innermost item's offset */
	int			 unwind;	/* back to the top level, at: */
	struct pl_hcl_range	 rewind;
	/* The outermost block found unclosed at the end of the file. */
	int			 eof_unclosed;
	const char		*eof_type;
	struct pl_hcl_range	 eof_open;
	/* The scratch stack. */
	char			*stk;
	size_t			 nstk;
	size_t			 capstk;
	/* Names seen, each kept once (intern()). */
	struct iname		*names;
	size_t			 nnames;
	size_t			 capnames;	/* a power of 2, or 0 */
};

/* ---- Files, errors, nodes ---------------------------------------------- */

void
pl_hcl_fbuild_init(struct pl_hcl_fbuild *fb)
{
	memset(fb, 0, sizeof(*fb));
	fb->f = pl_xcalloc(1, sizeof(*fb->f));
	pl_arena_init(&fb->f->arena);
}

struct pl_hcl_file *
pl_hcl_fbuild_done(struct pl_hcl_fbuild *fb)
{
	struct pl_hcl_file *f = fb->f;

	if (fb->ndiags > 0) {
		struct pl_hcl_diag *d = pl_arena_alloc(&f->arena,
		    fb->ndiags * sizeof(*d));

		memcpy(d, fb->diags, fb->ndiags * sizeof(*d));
		f->diags = d;
		f->ndiags = fb->ndiags;
	}
	if (fb->ncomments > 0) {
		struct pl_hcl_comment *c = pl_arena_alloc(&f->arena,
		    fb->ncomments * sizeof(*c));

		memcpy(c, fb->comments, fb->ncomments * sizeof(*c));
		f->comments = c;
		f->ncomments = fb->ncomments;
	}
	free(fb->diags);
	free(fb->comments);
	fb->diags = NULL;
	fb->comments = NULL;
	fb->f = NULL;
	return f;
}

void
pl_hcl_fbuild_error(struct pl_hcl_fbuild *fb, enum pl_hcl_diag_kind kind,
    const struct pl_hcl_range *r, const char *fmt, ...)
{
	struct pl_hcl_diag *d;
	char buf[512];
	va_list ap;

	if (fb->stopped)
		return;
	if (fb->ndiags >= PL_HCL_MAX_ERRORS) {
		kind = PL_HCL_DIAG_LIMIT;
		fmt = "more than 100 errors: parsing stopped (PL_HCL_MAX_ERRORS)";
		fb->stopped = 1;
		snprintf(buf, sizeof(buf), "%s", fmt);
	} else {
		va_start(ap, fmt);
		vsnprintf(buf, sizeof(buf), fmt, ap);
		va_end(ap);
	}
	fb->diags = pl_grow(fb->diags, fb->ndiags, sizeof(*fb->diags));
	d = &fb->diags[fb->ndiags++];
	d->range = *r;
	d->kind = kind;
	d->msg = pl_arena_strdup(&fb->f->arena, buf);
	if (kind == PL_HCL_DIAG_LIMIT)
		fb->stopped = 1;
}

struct pl_hcl_expr *
pl_hcl_node(struct pl_hcl_fbuild *fb, enum pl_hcl_expr_kind kind,
    const struct pl_hcl_range *r)
{
	struct pl_hcl_expr *e;

	if (fb->f->nnodes >= PL_HCL_MAX_NODES) {
		pl_hcl_fbuild_error(fb, PL_HCL_DIAG_LIMIT, r, "more than %zu "
		    "expression nodes (PL_HCL_MAX_NODES)", PL_HCL_MAX_NODES);
		return NULL;
	}
	fb->f->nnodes++;
	e = pl_arena_alloc(&fb->f->arena, sizeof(*e));
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	e->range = *r;
	return e;
}

static struct pl_hcl_expr *
node(struct pstate *p, enum pl_hcl_expr_kind kind,
    const struct pl_hcl_range *r)
{
	struct pl_hcl_expr *e = pl_hcl_node(p->fb, kind, r);

	if (e == NULL)
		p->failed = 1;
	return e;
}

static void perr(struct pstate *, const struct pl_hcl_range *, const char *,
    ...) __attribute__((format(printf, 3, 4)));

/* Reports the first error of an item. */
static void
perr(struct pstate *p, const struct pl_hcl_range *r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (p->failed)
		return;
	p->failed = 1;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pl_hcl_fbuild_error(p->fb, PL_HCL_DIAG_SYNTAX, r, "%s", buf);
}

/* An error that does not disturb the structure (a bad escape): the item
 * is kept. */
static void perr_soft(struct pstate *, const struct pl_hcl_range *,
    const char *, ...) __attribute__((format(printf, 3, 4)));

static void
perr_soft(struct pstate *p, const struct pl_hcl_range *r, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	if (p->failed)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	pl_hcl_fbuild_error(p->fb, PL_HCL_DIAG_SYNTAX, r, "%s", buf);
}

/* What the token is, quoted, for "found ..." (the text of short ones). */
static const char *
tok_desc(struct pstate *p, const struct pl_hcl_tok *t, char *buf, size_t size)
{
	size_t len = t->tend - t->tstart;

	if (t->type == PL_TK_IDENT && len <= 40) {
		snprintf(buf, size, "'%.*s'", (int)len, p->lx.text + t->tstart);
		return buf;
	}
	if (t->type == PL_TK_NUMBER && len <= 40) {
		snprintf(buf, size, "'%.*s'", (int)len, p->lx.text + t->tstart);
		return buf;
	}
	return pl_tk_name(t->type);
}

/* Reports "expected WHAT, found THIS" at the current token, or the
 * lexer's own message when the token is an invalid one. */
static void
expected(struct pstate *p, const char *what)
{
	char buf[64];

	if (p->tok.type == PL_TK_INVALID) {
		if (p->failed)
			return;
		p->failed = 1;
		pl_hcl_fbuild_error(p->fb, (p->tok.flags & PL_TF_LIMIT) ?
		    PL_HCL_DIAG_LIMIT : PL_HCL_DIAG_SYNTAX, &p->tok.r, "%s",
		    p->tok.msg);
		return;
	}
	perr(p, &p->tok.r, "expected %s, found %s", what,
	    tok_desc(p, &p->tok, buf, sizeof(buf)));
}

static int
enter(struct pstate *p)
{
	if (++p->depth > PL_HCL_MAX_DEPTH) {
		if (!p->failed) {
			p->failed = 1;
			pl_hcl_fbuild_error(p->fb, PL_HCL_DIAG_LIMIT, &p->tok.r,
			    "nesting deeper than %d levels (PL_HCL_MAX_DEPTH)",
			    PL_HCL_MAX_DEPTH);
		}
		p->depth--;
		return -1;
	}
	return 0;
}

static void
leave(struct pstate *p)
{
	p->depth--;
}

/* ---- Tokens ------------------------------------------------------------- */

static void
advance(struct pstate *p)
{
	p->prev = p->tok;
	do
		pl_lex_next(&p->lx, &p->tok);
	while (p->nl_skip && p->tok.type == PL_TK_NEWLINE);
}

/* Sets whether newlines are spaces; returns the old setting. */
static int
nl_set(struct pstate *p, int skip)
{
	int old = p->nl_skip;

	p->nl_skip = skip;
	while (skip && p->tok.type == PL_TK_NEWLINE)
		pl_lex_next(&p->lx, &p->tok);
	return old;
}

static int
is_kw(const struct pstate *p, const struct pl_hcl_tok *t, const char *kw)
{
	size_t n = strlen(kw);

	return t->type == PL_TK_IDENT && t->tend - t->tstart == n &&
	    memcmp(p->lx.text + t->tstart, kw, n) == 0;
}

/*
 * The one copy of the name [s, s + n): a file names the same few
 * attributes, types and labels again and again (zone_id, name, proxied,
 * cloudflare_record...), so each is stored once, NUL-terminated.
 */
static const char *
intern(struct pstate *p, const char *s, size_t n)
{
	uint64_t h64 = 0x9e3779b97f4a7c15ULL ^ n;
	uint32_t h;
	size_t i, mask;

	/* Eight bytes at a time: names are short, this is the hot path. */
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		h64 = (h64 ^ w) * 0xff51afd7ed558ccdULL;
	}
	if (i < n) {
		uint64_t w = 0;

		memcpy(&w, s + i, n - i);
		h64 = (h64 ^ w) * 0xff51afd7ed558ccdULL;
	}
	h = (uint32_t)(h64 ^ (h64 >> 32));
	if (p->nnames * 2 >= p->capnames) {
		size_t cap = p->capnames ? p->capnames * 2 : 256;
		struct iname *t = pl_xcalloc(cap, sizeof(*t));

		for (i = 0; i < p->capnames; i++) {
			const struct iname *o = &p->names[i];
			size_t j;

			if (o->s == NULL)
				continue;
			for (j = o->hash & (cap - 1); t[j].s != NULL;
			    j = (j + 1) & (cap - 1))
				;
			t[j] = *o;
		}
		free(p->names);
		p->names = t;
		p->capnames = cap;
	}
	mask = p->capnames - 1;
	for (i = h & mask; p->names[i].s != NULL; i = (i + 1) & mask)
		if (p->names[i].hash == h && p->names[i].len == n &&
		    memcmp(p->names[i].s, s, n) == 0)
			return p->names[i].s;
	p->names[i].s = pl_arena_strndup(p->arena, s, n);
	p->names[i].len = (uint32_t)n;
	p->names[i].hash = h;
	p->nnames++;
	return p->names[i].s;
}

static const char *
tok_text(struct pstate *p, const struct pl_hcl_tok *t)
{
	return intern(p, p->lx.text + t->tstart, t->tend - t->tstart);
}

/* ---- The scratch stack -------------------------------------------------- */

static void
stk_push(struct pstate *p, const void *item, size_t size)
{
	if (p->nstk + size > p->capstk) {
		size_t cap = p->capstk ? p->capstk * 2 : 4096;

		while (cap < p->nstk + size)
			cap *= 2;
		p->stk = pl_xrealloc(p->stk, cap);
		p->capstk = cap;
	}
	memcpy(p->stk + p->nstk, item, size);
	p->nstk += size;
}

/* Moves the items pushed since mark to the arena; *n is their count. */
static void *
stk_take(struct pstate *p, size_t mark, size_t size, uint32_t *n)
{
	size_t bytes = p->nstk - mark;
	void *out = NULL;

	if (bytes > 0) {
		out = pl_arena_alloc(p->arena, bytes);
		memcpy(out, p->stk + mark, bytes);
	}
	p->nstk = mark;
	*n = (uint32_t)(bytes / size);
	return out;
}

/* ---- Strings ------------------------------------------------------------ */

/* Length of the Unicode space at s (unicode.IsSpace), or 0. */
static size_t
space_len(const unsigned char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r'))
		return 1;
	if (s[0] == 0xc2 && n >= 2 && (s[1] == 0x85 || s[1] == 0xa0))
		return 2;
	if (n < 3)
		return 0;
	if (s[0] == 0xe1 && s[1] == 0x9a && s[2] == 0x80)
		return 3;
	if (s[0] == 0xe2 && s[1] == 0x80 && (s[2] <= 0x8a || s[2] == 0xa8 ||
	    s[2] == 0xa9 || s[2] == 0xaf))
		return 3;
	if (s[0] == 0xe2 && s[1] == 0x81 && s[2] == 0x9f)
		return 3;
	if (s[0] == 0xe3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/* Bytes of leading space of s. */
static size_t
lead_space(const char *s, size_t n)
{
	size_t i = 0, k;

	while ((k = space_len((const unsigned char *)s + i, n - i)) > 0)
		i += k;
	return i;
}

/* The length of s without its trailing space. */
static size_t
trim_right(const char *s, size_t n)
{
	size_t i = 0, end = 0, k;

	while (i < n) {
		if ((k = space_len((const unsigned char *)s + i, n - i)) > 0) {
			i += k;
			continue;
		}
		i++;
		end = i;
	}
	return end;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static size_t
put_utf8(char *o, uint32_t cp)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The range of bytes [a, b) of a token that starts at tr, on its line. */
static struct pl_hcl_range
sub_range(struct pstate *p, const struct pl_hcl_range *tr, uint32_t tstart,
    uint32_t a, uint32_t b)
{
	struct pl_hcl_range r = *tr;
	const unsigned char *s = (const unsigned char *)p->lx.text;
	uint32_t col = tr->col;

	for (uint32_t i = tstart; i < a; i++)
		col += (s[i] & 0xc0) != 0x80;
	r.start = tr->start + (a - tstart);
	r.col = col;
	for (uint32_t i = a; i < b; i++)
		col += (s[i] & 0xc0) != 0x80;
	r.end = tr->start + (b - tstart);
	r.end_line = tr->line;
	r.end_col = col;
	return r;
}

/*
 * Decodes template text: in a quoted string the escapes of "Template
 * Expressions" (\n \r \t \" \\ \uNNNN \UNNNNNNNN); everywhere $${ and %%{,
 * which stand for ${ and %{.  The result is never longer than the text.
 */
static char *
decode_text(struct pstate *p, const struct pl_hcl_range *tr, uint32_t ts,
    uint32_t te, int quoted, uint32_t *outlen)
{
	const char *s = p->lx.text;
	char *out = pl_arena_alloc(p->arena, (size_t)(te - ts) + 1), *o = out;
	uint32_t i = ts;

	while (i < te) {
		const char *bs = quoted ? memchr(s + i, '\\', te - i) : NULL;
		const char *dl = memchr(s + i, '$', te - i);
		const char *pc = memchr(s + i, '%', te - i);
		const char *stop = s + te;
		uint32_t k;

		if (bs != NULL && bs < stop)
			stop = bs;
		if (dl != NULL && dl < stop)
			stop = dl;
		if (pc != NULL && pc < stop)
			stop = pc;
		k = (uint32_t)(stop - s);
		memcpy(o, s + i, k - i);
		o += k - i;
		i = k;
		if (i >= te)
			break;
		if (s[i] == '$' || s[i] == '%') {
			if (i + 2 < te && s[i + 1] == s[i] && s[i + 2] == '{') {
				*o++ = s[i];
				*o++ = '{';
				i += 3;
			} else
				*o++ = s[i++];
			continue;
		}
		/* A backslash in a quoted string. */
		if (i + 1 >= te) {
			struct pl_hcl_range r = sub_range(p, tr, ts, i, i + 1);

			perr_soft(p, &r, "a backslash must be followed by an "
			    "escape character");
			i++;
			continue;
		}
		switch (s[i + 1]) {
		case 'n': *o++ = '\n'; i += 2; continue;
		case 'r': *o++ = '\r'; i += 2; continue;
		case 't': *o++ = '\t'; i += 2; continue;
		case '"': *o++ = '"'; i += 2; continue;
		case '\\': *o++ = '\\'; i += 2; continue;
		case 'u':
		case 'U': {
			uint32_t nd = s[i + 1] == 'u' ? 4 : 8, cp = 0, j;
			struct pl_hcl_range r;

			for (j = 0; j < nd && i + 2 + j < te; j++) {
				int h = hexval((unsigned char)s[i + 2 + j]);

				if (h < 0)
					break;
				cp = cp * 16 + (uint32_t)h;
			}
			r = sub_range(p, tr, ts, i, i + 2 + j);
			if (j < nd) {
				perr_soft(p, &r, "'\\%c' must be followed by %u "
				    "hexadecimal digits", s[i + 1], nd);
				i += 2 + j;
				continue;
			}
			if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff) {
				perr_soft(p, &r, "'%.*s' is not a character",
				    (int)(2 + nd), s + i);
				i += 2 + nd;
				continue;
			}
			/* \u0041 is 6 bytes and A is 1; a code point is at
			 * most 4 bytes, never longer than its escape. */
			o += put_utf8(o, cp);
			i += 2 + nd;
			continue;
		}
		default: {
			size_t k2 = 1;
			struct pl_hcl_range r;

			while (i + 1 + k2 < te &&
			    ((unsigned char)s[i + 1 + k2] & 0xc0) == 0x80)
				k2++;
			r = sub_range(p, tr, ts, i, i + 1 + (uint32_t)k2);
			perr_soft(p, &r, "invalid escape '\\%.*s' in a string",
			    (int)k2, s + i + 1);
			memcpy(o, s + i + 1, k2);
			o += k2;
			i += 1 + (uint32_t)k2;
			continue;
		}
		}
	}
	*o = '\0';
	*outlen = (uint32_t)(o - out);
	return out;
}

/* ---- Templates ---------------------------------------------------------- */

static const struct pl_hcl_expr *parse_expr(struct pstate *);

/*
 * The strip markers and <<- of a heredoc act on the tokens of HashiCorp's
 * scanner, which cuts heredoc text after every newline: a ~} strips the
 * space of the rest of its own line only (with its newline, when that is
 * all space), and ${~ the space before it on its own line (or the newline
 * that ends the previous line, when ${~ starts its line).  Then <<- finds
 * the fewest leading spaces of the lines (a line is one whose previous
 * piece ended with a newline; blank lines do not count, an interpolation
 * that starts a line counts as no space) and removes that many characters
 * from each such line (parser_template.go, flushHeredocTemplateParts).
 *
 * The text of one part spans many lines here, so the pieces are visited
 * in place: a part's decoded text is cut after each newline, the first
 * piece takes the part's ltrim, the last its rtrim.  Visiting twice
 * (count, then cut) needs no list of lines, so a heredoc of a million
 * lines costs no memory beyond its text.
 */
struct hpiece {
	const char	*s;	/* after the strip markers */
	size_t		 len;
};

/* The line of LIT part t that starts at off, in *pc with the part's
 * strip markers applied (~ before its first line, after its last); returns
 * where the next line starts. */
static size_t
lit_piece(const struct tpart *t, size_t off, struct hpiece *pc)
{
	const char *nl = memchr(t->val + off, '\n', t->len - off);
	size_t end = nl != NULL ? (size_t)(nl - t->val) + 1 : t->len;

	pc->s = t->val + off;
	pc->len = end - off;
	if (off == 0 && t->ltrim) {
		size_t k = lead_space(pc->s, pc->len);

		pc->s += k;
		pc->len -= k;
	}
	if (end == t->len && t->rtrim)
		pc->len = trim_right(pc->s, pc->len);
	return end;
}

/* The smallest indentation, in characters, of the heredoc's lines that
 * start with text (<<-): into *min. */
static void
heredoc_min(struct tpart *parts, size_t n, size_t *min)
{
	int newline = 1;

	*min = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		struct tpart *t = &parts[i];
		size_t off = 0;

		if (t->kind != TP_LIT) {
			if (newline)
				*min = 0;
			newline = 0;
			continue;
		}
		do {
			struct hpiece pc;
			size_t end = lit_piece(t, off, &pc);

			if (newline) {
				size_t k = lead_space(pc.s, pc.len);

				if (!(k == pc.len && pc.len > 0 &&
				    pc.s[pc.len - 1] == '\n')) {
					size_t chars = 0;

					for (size_t j = 0; j < k; j++)
						chars += ((unsigned char)pc.s[j] &
						    0xc0) != 0x80;
					if (chars < *min)
						*min = chars;
				}
			}
			newline = pc.len > 0 && pc.s[pc.len - 1] == '\n';
			off = end;
		} while (off < t->len);
	}
}

/* Applies the strip markers (and, for <<-, the cut of min characters)
 * to every LIT part, in place. */
static void
heredoc_render(struct tpart *parts, size_t n, int flush, size_t min)
{
	int newline = 1;

	for (size_t i = 0; i < n; i++) {
		struct tpart *t = &parts[i];
		size_t off = 0, w = 0;

		if (t->kind != TP_LIT) {
			newline = 0;
			continue;
		}
		do {
			struct hpiece pc;
			size_t end = lit_piece(t, off, &pc);

			if (flush && newline) {
				size_t k = lead_space(pc.s, pc.len);

				if (!(k == pc.len && pc.len > 0 &&
				    pc.s[pc.len - 1] == '\n')) {
					/* Cut min characters (all spaces). */
					size_t j = 0, chars = 0;

					while (chars < min && j < pc.len) {
						j++;
						while (j < pc.len &&
						    ((unsigned char)pc.s[j] &
						    0xc0) == 0x80)
							j++;
						chars++;
					}
					pc.s += j;
					pc.len -= j;
				}
			}
			newline = pc.len > 0 && pc.s[pc.len - 1] == '\n';
			/* The piece never moves right: write in place. */
			memmove(t->val + w, pc.s, pc.len);
			w += pc.len;
			off = end;
		} while (off < t->len);
		t->len = (uint32_t)w;
		t->val[w] = '\0';
	}
}

/* The strip markers of a quoted or standalone template: on the whole
 * text of the part, decoded. */
static void
trim_parts(struct tpart *parts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct tpart *t = &parts[i];

		if (t->kind != TP_LIT)
			continue;
		if (t->ltrim) {
			size_t k = lead_space(t->val, t->len);

			t->val += k;
			t->len -= (uint32_t)k;
		}
		if (t->rtrim) {
			t->len = (uint32_t)trim_right(t->val, t->len);
			t->val[t->len] = '\0';
		}
	}
}

static struct pl_hcl_expr *
lit_node(struct pstate *p, const struct tpart *t)
{
	struct pl_hcl_expr *e = node(p, PL_HCL_EXPR_LITERAL, &t->r);

	if (e != NULL) {
		e->u.lit.type = PL_HCL_LIT_STRING;
		e->u.lit.str = t->val;
		e->u.lit.len = t->len;
	}
	return e;
}

/*
 * A template node of the parts [*i, stop), where stop is the first
 * ELSE/ENDIF/ENDFOR at this level (or the end).  open is the directive
 * the sequence belongs to, for errors.
 */
static struct pl_hcl_expr *build_seq(struct pstate *, struct tpart *, size_t,
    size_t *, const struct pl_hcl_range *);
static struct pl_hcl_expr *build_seq1(struct pstate *, struct tpart *, size_t,
    size_t *, const struct pl_hcl_range *);

static struct pl_hcl_expr *
seq_node(struct pstate *p, size_t mark, const struct pl_hcl_range *r)
{
	struct pl_hcl_expr *e = node(p, PL_HCL_EXPR_TEMPLATE, r);
	uint32_t n;
	const struct pl_hcl_expr **parts = stk_take(p, mark, sizeof(*parts), &n);

	if (e == NULL)
		return NULL;
	if (n == 0) {
		e->u.tmpl.str = "";
		return e;
	}
	if (n == 1 && parts[0]->kind == PL_HCL_EXPR_LITERAL) {
		e->u.tmpl.str = parts[0]->u.lit.str;
		e->u.tmpl.len = parts[0]->u.lit.len;
		return e;
	}
	e->n = n;
	e->u.tmpl.parts = parts;
	return e;
}

static struct pl_hcl_expr *build_seq1(struct pstate *, struct tpart *, size_t,
    size_t *, const struct pl_hcl_range *);

/* build_seq1(), which leaves the stack as it found it on an error. */
static struct pl_hcl_expr *
build_seq(struct pstate *p, struct tpart *parts, size_t n, size_t *i,
    const struct pl_hcl_range *whole)
{
	size_t mark = p->nstk;
	struct pl_hcl_expr *e = build_seq1(p, parts, n, i, whole);

	if (e == NULL)
		p->nstk = mark;
	return e;
}

static struct pl_hcl_expr *
build_seq1(struct pstate *p, struct tpart *parts, size_t n, size_t *i,
    const struct pl_hcl_range *whole)
{
	size_t mark = p->nstk;
	struct pl_hcl_range r = *whole;
	int first = 1;

	while (*i < n) {
		struct tpart *t = &parts[*i];
		struct pl_hcl_expr *e = NULL;

		if (t->kind == TP_ELSE || t->kind == TP_ENDIF ||
		    t->kind == TP_ENDFOR)
			break;
		if (first) {
			r = t->r;
			first = 0;
		}
		switch (t->kind) {
		case TP_LIT:
			e = lit_node(p, t);
			(*i)++;
			break;
		case TP_INTERP:
			e = (struct pl_hcl_expr *)(uintptr_t)t->expr;
			(*i)++;
			break;
		case TP_IF: {
			struct pl_hcl_expr *then, *other = NULL;
			struct tpart *open = t;

			(*i)++;
			if ((then = build_seq(p, parts, n, i, &open->r)) == NULL)
				return NULL;
			if (*i < n && parts[*i].kind == TP_ELSE) {
				struct tpart *el = &parts[*i];

				(*i)++;
				if ((other = build_seq(p, parts, n, i, &el->r)) ==
				    NULL)
					return NULL;
				if (*i < n && parts[*i].kind == TP_ELSE) {
					perr(p, &parts[*i].r, "a second "
					    "'%%{ else }' for the '%%{ if }' at "
					    "line %u", open->r.line);
					return NULL;
				}
			}
			if (*i >= n || parts[*i].kind != TP_ENDIF) {
				if (*i < n)
					perr(p, &parts[*i].r, "expected "
					    "'%%{ endif }' for the '%%{ if }' at "
					    "line %u, found '%%{ endfor }'",
					    open->r.line);
				else
					perr(p, &open->r, "'%%{ if }' is never "
					    "closed (missing '%%{ endif }')");
				return NULL;
			}
			if ((e = node(p, PL_HCL_EXPR_TMPL_IF, &open->r)) == NULL)
				return NULL;
			e->range = pl_range_join(&open->r, &parts[*i].r);
			e->u.cond.pred = open->expr;
			e->u.cond.then = then;
			e->u.cond.otherwise = other;
			(*i)++;
			break;
		}
		case TP_FOR: {
			struct pl_hcl_expr *body;
			struct pl_hcl_for *fx;
			struct tpart *open = t;

			(*i)++;
			if ((body = build_seq(p, parts, n, i, &open->r)) == NULL)
				return NULL;
			if (*i >= n || parts[*i].kind != TP_ENDFOR) {
				if (*i < n)
					perr(p, &parts[*i].r, "expected "
					    "'%%{ endfor }' for the '%%{ for }' "
					    "at line %u, found '%%{ %s }'",
					    open->r.line, parts[*i].kind ==
					    TP_ELSE ? "else" : "endif");
				else
					perr(p, &open->r, "'%%{ for }' is never "
					    "closed (missing '%%{ endfor }')");
				return NULL;
			}
			if ((e = node(p, PL_HCL_EXPR_TMPL_FOR, &open->r)) == NULL)
				return NULL;
			e->range = pl_range_join(&open->r, &parts[*i].r);
			fx = pl_arena_alloc(p->arena, sizeof(*fx));
			memset(fx, 0, sizeof(*fx));
			fx->key_var = open->key_var;
			fx->val_var = open->val_var;
			fx->coll = open->expr;
			fx->val = body;
			e->u.forx = fx;
			(*i)++;
			break;
		}
		default:
			break;
		}
		if (e == NULL)
			return NULL;
		r = pl_range_join(&r, &e->range);
		stk_push(p, &e, sizeof(e));
	}
	return seq_node(p, mark, &r);
}

/*
 * Parses the template after its opener (a quote, a heredoc's <<EOT, or
 * nothing for a standalone template) up to end (its closing token, not
 * consumed).  heredoc: 0, 1 for <<, 2 for <<-.
 */
static const struct pl_hcl_expr *
parse_template_body(struct pstate *p, enum pl_tk end, int heredoc,
    const struct pl_hcl_range *open)
{
	size_t mark = p->nstk, n, i;
	struct tpart *parts;
	int ltrim_next = 0, quoted = end == PL_TK_CQUOTE;
	struct pl_hcl_expr *e;
	struct pl_hcl_range whole = *open;

	for (;;) {
		struct tpart t;
		int old;

		if (p->tok.type == end)
			break;
		memset(&t, 0, sizeof(t));
		t.r = p->tok.r;
		switch (p->tok.type) {
		case PL_TK_QLIT:
		case PL_TK_HLIT:
		case PL_TK_BLIT:
			t.kind = TP_LIT;
			t.ltrim = ltrim_next;
			t.tstart = p->tok.tstart;
			t.tend = p->tok.tend;
			t.val = decode_text(p, &p->tok.r, t.tstart, t.tend,
			    quoted, &t.len);
			ltrim_next = 0;
			stk_push(p, &t, sizeof(t));
			advance(p);
			continue;
		case PL_TK_INTERP:
		case PL_TK_CONTROL:
			break;
		default:
			if (p->tok.type == PL_TK_EOF && end == PL_TK_CQUOTE)
				perr(p, &whole, "unterminated string");
			else
				expected(p, end == PL_TK_CQUOTE ? "'\"'" :
				    end == PL_TK_CHEREDOC ? "the heredoc's "
				    "closing marker" : "the end of the template");
			goto fail;
		}
		/* ${ or %{: a ~ strips the text just before. */
		if ((p->tok.flags & PL_TF_STRIP) && p->nstk > mark) {
			struct tpart *prev = (struct tpart *)(void *)(p->stk +
			    p->nstk - sizeof(t));

			if (prev->kind == TP_LIT && prev->tend == p->tok.tstart)
				prev->rtrim = 1;
		}
		t.kind = p->tok.type == PL_TK_INTERP ? TP_INTERP : TP_IF;
		p->bdepth++;
		old = nl_set(p, 1);
		advance(p);
		if (t.kind == TP_INTERP) {
			if ((t.expr = parse_expr(p)) == NULL)
				goto fail;
		} else if (is_kw(p, &p->tok, "if")) {
			advance(p);
			if ((t.expr = parse_expr(p)) == NULL)
				goto fail;
		} else if (is_kw(p, &p->tok, "else")) {
			t.kind = TP_ELSE;
			advance(p);
		} else if (is_kw(p, &p->tok, "endif")) {
			t.kind = TP_ENDIF;
			advance(p);
		} else if (is_kw(p, &p->tok, "endfor")) {
			t.kind = TP_ENDFOR;
			advance(p);
		} else if (is_kw(p, &p->tok, "for")) {
			t.kind = TP_FOR;
			advance(p);
			if (p->tok.type != PL_TK_IDENT) {
				expected(p, "a name after 'for'");
				goto fail;
			}
			t.val_var = tok_text(p, &p->tok);
			advance(p);
			if (p->tok.type == PL_TK_COMMA) {
				advance(p);
				if (p->tok.type != PL_TK_IDENT) {
					expected(p, "a name after ','");
					goto fail;
				}
				t.key_var = t.val_var;
				t.val_var = tok_text(p, &p->tok);
				advance(p);
			}
			if (!is_kw(p, &p->tok, "in")) {
				expected(p, "'in'");
				goto fail;
			}
			advance(p);
			if ((t.expr = parse_expr(p)) == NULL)
				goto fail;
		} else {
			expected(p, "'if', 'else', 'endif', 'for' or 'endfor' "
			    "after '%{'");
			goto fail;
		}
		if (p->tok.type != PL_TK_SEQEND) {
			expected(p, t.kind == TP_INTERP ? "'}' to close the "
			    "interpolation" : "'}' to close the directive");
			goto fail;
		}
		t.r = pl_range_join(&t.r, &p->tok.r);
		ltrim_next = (p->tok.flags & PL_TF_STRIP) != 0;
		p->bdepth--;
		nl_set(p, old);
		advance(p);
		stk_push(p, &t, sizeof(t));
	}
	whole = pl_range_join(&whole, &p->tok.r);

	/* Trimmed in place on the stack (nothing is pushed meanwhile). */
	n = (p->nstk - mark) / sizeof(struct tpart);
	parts = n > 0 ? (struct tpart *)(void *)(p->stk + mark) : NULL;
	if (heredoc) {
		size_t min = 0;

		if (heredoc == 2)
			heredoc_min(parts, n, &min);
		heredoc_render(parts, n, heredoc == 2, min);
	} else
		trim_parts(parts, n);

	if (n == 1 && parts[0].kind == TP_INTERP) {
		/* "Template Interpolation Unwrapping". */
		const struct pl_hcl_expr *x = parts[0].expr;

		p->nstk = mark;
		if ((e = node(p, PL_HCL_EXPR_WRAP, &whole)) != NULL)
			e->u.wrap.expr = x;
		return e;
	}
	if (n <= 1 && (n == 0 || parts[0].kind == TP_LIT)) {
		/* Just text: one node, the text in it. */
		const char *str = n ? parts[0].val : "";
		uint32_t len = n ? parts[0].len : 0;

		p->nstk = mark;
		if ((e = node(p, PL_HCL_EXPR_TEMPLATE, &whole)) != NULL) {
			e->u.tmpl.str = str;
			e->u.tmpl.len = len;
			e->u.tmpl.heredoc = heredoc;
		}
		return e;
	}
	/* The parts leave the stack: building the tree pushes onto it. */
	parts = pl_xmalloc(n * sizeof(*parts));
	memcpy(parts, p->stk + mark, n * sizeof(*parts));
	p->nstk = mark;
	i = 0;
	e = build_seq(p, parts, n, &i, &whole);
	if (e != NULL && i < n) {
		const char *what = parts[i].kind == TP_ELSE ? "else" :
		    parts[i].kind == TP_ENDIF ? "endif" : "endfor";

		perr(p, &parts[i].r, "unexpected '%%{ %s }' with no '%%{ %s }' "
		    "open", what, parts[i].kind == TP_ENDFOR ? "for" : "if");
		e = NULL;
	}
	free(parts);
	if (e != NULL) {
		e->range = whole;
		if (heredoc)
			e->u.tmpl.heredoc = heredoc;
	}
	return e;

fail:
	p->nstk = mark;
	return NULL;
}

/* A quoted template, at its opening quote. */
static const struct pl_hcl_expr *
parse_quoted(struct pstate *p)
{
	struct pl_hcl_range open = p->tok.r;
	const struct pl_hcl_expr *e;

	advance(p);
	if (p->tok.type == PL_TK_CQUOTE || (p->tok.type == PL_TK_QLIT &&
	    (p->tok.flags & PL_TF_PLAIN))) {
		/* "text": the usual string, one node, nothing to decode. */
		struct pl_hcl_expr *x;
		uint32_t len = p->tok.type == PL_TK_QLIT ? p->tok.tend -
		    p->tok.tstart : 0;
		const char *str = len ? pl_arena_strndup(p->arena, p->lx.text +
		    p->tok.tstart, len) : "";

		if (p->tok.type == PL_TK_QLIT)
			advance(p);
		if ((x = node(p, PL_HCL_EXPR_TEMPLATE, &open)) == NULL)
			return NULL;
		x->range = pl_range_join(&open, &p->tok.r);
		x->u.tmpl.str = str;
		x->u.tmpl.len = len;
		advance(p);
		return x;
	}
	if ((e = parse_template_body(p, PL_TK_CQUOTE, 0, &open)) == NULL)
		return NULL;
	advance(p);
	return e;
}

static const struct pl_hcl_expr *
parse_heredoc(struct pstate *p)
{
	struct pl_hcl_range open = p->tok.r;
	int kind = (p->tok.flags & PL_TF_FLUSH) ? 2 : 1;
	const struct pl_hcl_expr *e;

	advance(p);
	if ((e = parse_template_body(p, PL_TK_CHEREDOC, kind, &open)) == NULL)
		return NULL;
	advance(p);
	return e;
}

/* A block label "..." (a literal: no interpolation). */
static int
parse_label(struct pstate *p, struct pl_hcl_label *lb, int first)
{
	struct pl_hcl_range open = p->tok.r;
	const char *name = "";
	uint32_t len = 0;

	advance(p);
	if (p->tok.type == PL_TK_QLIT) {
		const char *t = p->lx.text + p->tok.tstart;
		size_t n = p->tok.tend - p->tok.tstart;

		/*
		 * Most labels have no escape: the text is the name.  The
		 * first (a resource type) repeats and is interned; the
		 * others name one block each, and would only fill the table.
		 */
		if (p->tok.flags & PL_TF_PLAIN) {
			name = first ? intern(p, t, n) :
			    pl_arena_strndup(p->arena, t, n);
			len = (uint32_t)n;
		} else
			name = decode_text(p, &p->tok.r, p->tok.tstart,
			    p->tok.tend, 1, &len);
		advance(p);
	}
	if (p->tok.type != PL_TK_CQUOTE) {
		if (p->tok.type == PL_TK_INTERP || p->tok.type == PL_TK_CONTROL)
			perr(p, &p->tok.r, "a block label cannot hold '%s' (write "
			    "'%s' for the text)", p->tok.type == PL_TK_INTERP ?
			    "${" : "%{", p->tok.type == PL_TK_INTERP ? "$${" :
			    "%%{");
		else
			expected(p, "'\"'");
		return -1;
	}
	lb->range = pl_range_join(&open, &p->tok.r);
	lb->name = name;
	lb->len = len;
	lb->quoted = 1;
	advance(p);
	return 0;
}

/* ---- Expressions -------------------------------------------------------- */

static int
is_number(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0)
		return 0;
	if (i < n && s[i] == '.') {
		size_t j = ++i;

		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == j)
			return 0;
	}
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t j;

		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		j = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == j)
			return 0;
	}
	return i == n;
}

/* The value of a number token; -1 after an error. */
static int
number_value(struct pstate *p, const struct pl_hcl_tok *t, double *out)
{
	const char *s = p->lx.text + t->tstart;
	size_t n = t->tend - t->tstart;
	char buf[64], *tmp = buf;

	if (n <= 15) {
		/* Whole numbers, the usual case, without strtod. */
		uint64_t v = 0;
		size_t i;

		for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			v = v * 10 + (uint64_t)(s[i] - '0');
		if (i == n) {
			*out = (double)v;
			return 0;
		}
	}
	if (!is_number(s, n)) {
		perr(p, &t->r, "invalid number '%.*s'", n > 40 ? 40 : (int)n, s);
		return -1;
	}
	if (n >= sizeof(buf))
		tmp = pl_arena_alloc(p->arena, n + 1);
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	*out = strtod(tmp, NULL);
	if (!isfinite(*out)) {
		perr(p, &t->r, "number '%.*s' is out of range", n > 40 ? 40 :
		    (int)n, s);
		return -1;
	}
	return 0;
}

static struct pl_hcl_expr *
number_node(struct pstate *p, const struct pl_hcl_tok *t)
{
	struct pl_hcl_expr *e;
	double v;

	if (number_value(p, t, &v) != 0)
		return NULL;
	if ((e = node(p, PL_HCL_EXPR_LITERAL, &t->r)) == NULL)
		return NULL;
	e->u.lit.type = PL_HCL_LIT_NUMBER;
	e->u.lit.num = v;
	return e;
}

/* A function call, after its name (the current token is "(" or "::"). */
static const struct pl_hcl_expr *
parse_call(struct pstate *p, const struct pl_hcl_tok *name)
{
	struct pl_hcl_range r = name->r;
	struct pl_buf b;
	struct pl_hcl_expr *e;
	size_t mark;
	int old, expand = 0;
	uint32_t n;

	pl_buf_init(&b);
	pl_buf_add(&b, p->lx.text + name->tstart, name->tend - name->tstart);
	while (p->tok.type == PL_TK_DCOLON) {
		advance(p);
		if (p->tok.type != PL_TK_IDENT) {
			expected(p, "a function name after '::'");
			pl_buf_release(&b);
			return NULL;
		}
		pl_buf_adds(&b, "::");
		pl_buf_add(&b, p->lx.text + p->tok.tstart, p->tok.tend -
		    p->tok.tstart);
		advance(p);
	}
	if (p->tok.type != PL_TK_LPAREN) {
		expected(p, "'(' after the function name");
		pl_buf_release(&b);
		return NULL;
	}
	old = nl_set(p, 1);
	advance(p);
	mark = p->nstk;
	while (p->tok.type != PL_TK_RPAREN) {
		const struct pl_hcl_expr *a = parse_expr(p);

		if (a == NULL)
			goto fail;
		stk_push(p, &a, sizeof(a));
		if (p->tok.type == PL_TK_ELLIPSIS) {
			expand = 1;
			advance(p);
			if (p->tok.type != PL_TK_RPAREN) {
				expected(p, "')' after '...'");
				goto fail;
			}
			break;
		}
		if (p->tok.type == PL_TK_RPAREN)
			break;
		if (p->tok.type != PL_TK_COMMA) {
			char what[96];

			snprintf(what, sizeof(what), "',' or ')' in the call to "
			    "'%.40s'", b.buf);
			expected(p, what);
			goto fail;
		}
		advance(p);
	}
	r = pl_range_join(&r, &p->tok.r);
	nl_set(p, old);
	advance(p);
	if ((e = node(p, PL_HCL_EXPR_CALL, &r)) == NULL) {
		p->nstk = mark;
		pl_buf_release(&b);
		return NULL;
	}
	e->u.call.args = stk_take(p, mark, sizeof(struct pl_hcl_expr *), &n);
	e->n = n;
	e->u.call.name = intern(p, b.buf, b.len);
	e->u.call.expand = expand;
	pl_buf_release(&b);
	return e;

fail:
	p->nstk = mark;
	pl_buf_release(&b);
	return NULL;
}

/* [for ...] or {for ...}, at "for"; close is ] or }. */
static const struct pl_hcl_expr *
parse_for(struct pstate *p, const struct pl_hcl_range *open, enum pl_tk close)
{
	struct pl_hcl_for *fx = pl_arena_alloc(p->arena, sizeof(*fx));
	const struct pl_hcl_expr *first;
	struct pl_hcl_expr *e;
	struct pl_hcl_range r;
	int obj = close == PL_TK_RBRACE;

	memset(fx, 0, sizeof(*fx));
	advance(p);
	if (p->tok.type != PL_TK_IDENT) {
		expected(p, "a name after 'for'");
		return NULL;
	}
	fx->val_var = tok_text(p, &p->tok);
	advance(p);
	if (p->tok.type == PL_TK_COMMA) {
		advance(p);
		if (p->tok.type != PL_TK_IDENT) {
			expected(p, "a name after ','");
			return NULL;
		}
		fx->key_var = fx->val_var;
		fx->val_var = tok_text(p, &p->tok);
		advance(p);
	}
	if (!is_kw(p, &p->tok, "in")) {
		expected(p, "'in' after the names of the for expression");
		return NULL;
	}
	advance(p);
	if ((fx->coll = parse_expr(p)) == NULL)
		return NULL;
	if (p->tok.type != PL_TK_COLON) {
		expected(p, "':' after the collection of the for expression");
		return NULL;
	}
	advance(p);
	if ((first = parse_expr(p)) == NULL)
		return NULL;
	if (p->tok.type == PL_TK_ARROW) {
		if (!obj) {
			perr(p, &p->tok.r, "a tuple for expression has no key: "
			    "'=>' is for {for ...}");
			return NULL;
		}
		advance(p);
		fx->key = first;
		if ((fx->val = parse_expr(p)) == NULL)
			return NULL;
	} else {
		fx->val = first;
		if (obj) {
			perr(p, &first->range, "an object for expression needs "
			    "'key => value'");
			return NULL;
		}
	}
	if (p->tok.type == PL_TK_ELLIPSIS) {
		if (!obj) {
			perr(p, &p->tok.r, "the grouping '...' is only for "
			    "object for expressions");
			return NULL;
		}
		fx->group = 1;
		advance(p);
	}
	if (is_kw(p, &p->tok, "if")) {
		advance(p);
		if ((fx->cond = parse_expr(p)) == NULL)
			return NULL;
	}
	if (p->tok.type != close) {
		expected(p, obj ? "'}' to close the for expression" :
		    "']' to close the for expression");
		return NULL;
	}
	r = pl_range_join(open, &p->tok.r);
	if ((e = node(p, PL_HCL_EXPR_FOR, &r)) == NULL)
		return NULL;
	e->u.forx = fx;
	return e;
}

/* [a, b] or [for ...], at "[". */
static const struct pl_hcl_expr *
parse_tuple(struct pstate *p)
{
	struct pl_hcl_range open = p->tok.r, r;
	struct pl_hcl_expr *e;
	size_t mark = p->nstk;
	int old = nl_set(p, 1);
	uint32_t n;

	advance(p);
	if (is_kw(p, &p->tok, "for")) {
		const struct pl_hcl_expr *f = parse_for(p, &open, PL_TK_RBRACK);

		if (f == NULL)
			return NULL;
		nl_set(p, old);
		advance(p);
		return f;
	}
	while (p->tok.type != PL_TK_RBRACK) {
		const struct pl_hcl_expr *x = parse_expr(p);

		if (x == NULL)
			goto fail;
		stk_push(p, &x, sizeof(x));
		if (p->tok.type == PL_TK_RBRACK)
			break;
		if (p->tok.type != PL_TK_COMMA) {
			expected(p, "',' or ']' after a tuple element");
			goto fail;
		}
		advance(p);
	}
	r = pl_range_join(&open, &p->tok.r);
	nl_set(p, old);
	advance(p);
	if ((e = node(p, PL_HCL_EXPR_TUPLE, &r)) == NULL)
		goto fail;
	e->u.list.items = stk_take(p, mark, sizeof(struct pl_hcl_expr *), &n);
	e->n = n;
	return e;

fail:
	p->nstk = mark;
	return NULL;
}

/* The bare name an object key stands for, or NULL (Go's ExprAsKeyword:
 * a one-name traversal, or the keywords true, false and null). */
static const char *
key_name(const struct pl_hcl_expr *k)
{
	if (k->kind == PL_HCL_EXPR_TRAVERSAL && k->u.trav.root != NULL &&
	    k->n == 0)
		return k->u.trav.root;
	if (k->kind == PL_HCL_EXPR_LITERAL) {
		if (k->u.lit.type == PL_HCL_LIT_NULL)
			return "null";
		if (k->u.lit.type == PL_HCL_LIT_BOOL)
			return k->u.lit.b ? "true" : "false";
	}
	return NULL;
}

/* {k = v, ...} or {for ...}, at "{". */
static const struct pl_hcl_expr *
parse_object(struct pstate *p)
{
	struct pl_hcl_range open = p->tok.r, r;
	struct pl_hcl_expr *e;
	size_t mark = p->nstk;
	int old = nl_set(p, 1);
	uint32_t n;

	p->bdepth++;
	advance(p);
	if (is_kw(p, &p->tok, "for")) {
		const struct pl_hcl_expr *f = parse_for(p, &open, PL_TK_RBRACE);

		if (f == NULL)
			return NULL;
		p->bdepth--;
		nl_set(p, old);
		advance(p);
		return f;
	}
	/* Newlines separate the elements. */
	nl_set(p, 0);
	for (;;) {
		struct pl_hcl_item it;
		int paren;

		while (p->tok.type == PL_TK_NEWLINE)
			advance(p);
		if (p->tok.type == PL_TK_RBRACE)
			break;
		paren = p->tok.type == PL_TK_LPAREN;
		memset(&it, 0, sizeof(it));
		if ((it.key = parse_expr(p)) == NULL)
			goto fail;
		if (!paren)
			it.name = key_name(it.key);
		if (p->tok.type != PL_TK_ASSIGN && p->tok.type != PL_TK_COLON) {
			expected(p, "'=' or ':' after the key");
			goto fail;
		}
		advance(p);
		if ((it.value = parse_expr(p)) == NULL)
			goto fail;
		stk_push(p, &it, sizeof(it));
		if (p->tok.type == PL_TK_RBRACE)
			break;
		if (p->tok.type != PL_TK_COMMA && p->tok.type != PL_TK_NEWLINE) {
			expected(p, "a newline or ',' after an object element");
			goto fail;
		}
		advance(p);
	}
	r = pl_range_join(&open, &p->tok.r);
	p->bdepth--;
	nl_set(p, old);
	advance(p);
	if ((e = node(p, PL_HCL_EXPR_OBJECT, &r)) == NULL)
		goto fail;
	e->u.obj.items = stk_take(p, mark, sizeof(struct pl_hcl_item), &n);
	e->n = n;
	return e;

fail:
	p->nstk = mark;
	return NULL;
}

/* Ends a run of steps: the traversal node (trav, or a new one whose
 * source is e) takes the steps pushed since mark. */
static struct pl_hcl_expr *
finish_trav(struct pstate *p, struct pl_hcl_expr *e, struct pl_hcl_expr *trav,
    size_t mark)
{
	struct pl_hcl_step *steps;
	uint32_t n;

	if (trav == NULL) {
		if ((trav = node(p, PL_HCL_EXPR_TRAVERSAL, &e->range)) == NULL) {
			p->nstk = mark;
			return NULL;
		}
		trav->u.trav.source = e;
	}
	steps = stk_take(p, mark, sizeof(*steps), &n);
	trav->u.trav.steps = steps;
	trav->n = n;
	if (n > 0)
		trav->range = pl_range_join(&trav->range, &steps[n - 1].range);
	return trav;
}

/*
 * The steps after a term: .name, .0, [key], .* and [*].  A traversal node
 * collects the steps of a run; a splat ends the run (its source is the
 * traversal so far), and what follows .* applies to the splat's result,
 * while [*] takes every step after it (spec.md, "Splat Operators").
 * attr_only: inside .*, where only .name and .N belong to the splat.
 */
static const struct pl_hcl_expr *
parse_postfix(struct pstate *p, struct pl_hcl_expr *e, int attr_only)
{
	struct pl_hcl_expr *trav = NULL;
	size_t mark = p->nstk;

	if (e->kind == PL_HCL_EXPR_TRAVERSAL && e->u.trav.root != NULL)
		trav = e;
	for (;;) {
		struct pl_hcl_step st;

		memset(&st, 0, sizeof(st));
		if (p->tok.type == PL_TK_DOT) {
			struct pl_hcl_range dot = p->tok.r;

			advance(p);
			if (p->tok.type == PL_TK_IDENT) {
				st.kind = PL_HCL_STEP_ATTR;
				st.name = tok_text(p, &p->tok);
				st.range = pl_range_join(&dot, &p->tok.r);
				advance(p);
			} else if (p->tok.type == PL_TK_NUMBER) {
				const char *s = p->lx.text + p->tok.tstart;
				size_t len = p->tok.tend - p->tok.tstart;
				const char *d = memchr(s, '.', len);
				struct pl_hcl_expr *k;

				if (d != NULL) {
					/* foo.0.1 lexes 0.1 as a number. */
					perr(p, &p->tok.r, "legacy index '.%.*s' "
					    "cannot chain two indexes: write "
					    "[%.*s][%.*s]", (int)len, s,
					    (int)(d - s), s, (int)(len -
					    (size_t)(d - s) - 1), d + 1);
					goto fail;
				}
				if ((k = number_node(p, &p->tok)) == NULL)
					goto fail;
				st.kind = PL_HCL_STEP_INDEX;
				st.legacy = 1;
				st.key = k;
				st.range = pl_range_join(&dot, &p->tok.r);
				advance(p);
			} else if (p->tok.type == PL_TK_STAR && !attr_only) {
				struct pl_hcl_range mk = pl_range_join(&dot,
				    &p->tok.r);
				struct pl_hcl_expr *anon, *sp;
				const struct pl_hcl_expr *each;

				advance(p);
				if (trav != NULL || p->nstk > mark) {
					if ((e = finish_trav(p, e, trav, mark)) ==
					    NULL)
						return NULL;
				}
				trav = NULL;
				mark = p->nstk;
				if ((anon = node(p, PL_HCL_EXPR_ANON, &mk)) == NULL)
					return NULL;
				if ((each = parse_postfix(p, anon, 1)) == NULL)
					return NULL;
				if ((sp = node(p, PL_HCL_EXPR_SPLAT, &e->range)) ==
				    NULL)
					return NULL;
				sp->range = pl_range_join(&e->range, &p->prev.r);
				sp->u.splat.source = e;
				sp->u.splat.each = each;
				e = sp;
				continue;
			} else {
				if (p->tok.type == PL_TK_STAR)
					perr(p, &p->tok.r, "a splat cannot be "
					    "nested in an attribute-only splat "
					    "(.*): use [*]");
				else
					expected(p, "an attribute name after '.'");
				goto fail;
			}
		} else if (p->tok.type == PL_TK_LBRACK && !attr_only) {
			struct pl_hcl_range open = p->tok.r;
			int old = nl_set(p, 1);

			advance(p);
			if (p->tok.type == PL_TK_STAR) {
				struct pl_hcl_expr *anon, *sp;
				const struct pl_hcl_expr *each;
				struct pl_hcl_range mk;

				advance(p);
				if (p->tok.type != PL_TK_RBRACK) {
					expected(p, "']' after '[*'");
					goto fail;
				}
				mk = pl_range_join(&open, &p->tok.r);
				nl_set(p, old);
				advance(p);
				if (trav != NULL || p->nstk > mark) {
					if ((e = finish_trav(p, e, trav, mark)) ==
					    NULL)
						return NULL;
				}
				if ((anon = node(p, PL_HCL_EXPR_ANON, &mk)) == NULL)
					return NULL;
				if (enter(p) != 0)
					return NULL;
				each = parse_postfix(p, anon, 0);
				leave(p);
				if (each == NULL)
					return NULL;
				if ((sp = node(p, PL_HCL_EXPR_SPLAT, &e->range)) ==
				    NULL)
					return NULL;
				sp->range = pl_range_join(&e->range, &p->prev.r);
				sp->u.splat.source = e;
				sp->u.splat.each = each;
				sp->u.splat.full = 1;
				return sp;
			}
			if ((st.key = parse_expr(p)) == NULL)
				goto fail;
			if (p->tok.type != PL_TK_RBRACK) {
				expected(p, "']' after the index");
				goto fail;
			}
			st.kind = PL_HCL_STEP_INDEX;
			st.range = pl_range_join(&open, &p->tok.r);
			nl_set(p, old);
			advance(p);
		} else
			break;
		stk_push(p, &st, sizeof(st));
	}
	if (trav == NULL && p->nstk == mark)
		return e;
	return finish_trav(p, e, trav, mark);

fail:
	p->nstk = mark;
	return NULL;
}

static const struct pl_hcl_expr *
parse_term(struct pstate *p)
{
	struct pl_hcl_expr *e;
	const struct pl_hcl_expr *x;
	struct pl_hcl_tok t = p->tok;

	switch (p->tok.type) {
	case PL_TK_LPAREN: {
		int old = nl_set(p, 1);

		advance(p);
		if ((x = parse_expr(p)) == NULL)
			return NULL;
		if (p->tok.type != PL_TK_RPAREN) {
			expected(p, "')'");
			return NULL;
		}
		if ((e = node(p, PL_HCL_EXPR_PAREN, &t.r)) == NULL)
			return NULL;
		e->range = pl_range_join(&t.r, &p->tok.r);
		e->u.wrap.expr = x;
		nl_set(p, old);
		advance(p);
		return e;
	}
	case PL_TK_NUMBER:
		if ((e = number_node(p, &p->tok)) == NULL)
			return NULL;
		advance(p);
		return e;
	case PL_TK_IDENT:
		advance(p);
		if (p->tok.type == PL_TK_LPAREN || p->tok.type == PL_TK_DCOLON)
			return parse_call(p, &t);
		if (is_kw(p, &t, "true") || is_kw(p, &t, "false") ||
		    is_kw(p, &t, "null")) {
			if ((e = node(p, PL_HCL_EXPR_LITERAL, &t.r)) == NULL)
				return NULL;
			if (is_kw(p, &t, "null"))
				e->u.lit.type = PL_HCL_LIT_NULL;
			else {
				e->u.lit.type = PL_HCL_LIT_BOOL;
				e->u.lit.b = is_kw(p, &t, "true");
			}
			return e;
		}
		if ((e = node(p, PL_HCL_EXPR_TRAVERSAL, &t.r)) == NULL)
			return NULL;
		e->u.trav.root = tok_text(p, &t);
		return e;
	case PL_TK_OQUOTE:
		return parse_quoted(p);
	case PL_TK_OHEREDOC:
		return parse_heredoc(p);
	case PL_TK_LBRACK:
		return parse_tuple(p);
	case PL_TK_LBRACE:
		return parse_object(p);
	default:
		expected(p, "an expression");
		return NULL;
	}
}

/* A term with its steps, or a unary operator on one ("Operations": the
 * unary operators bind tighter than any binary one: -a.b is -(a.b)). */
static const struct pl_hcl_expr *
parse_unary(struct pstate *p)
{
	const struct pl_hcl_expr *x;
	struct pl_hcl_expr *e;

	if (p->tok.type == PL_TK_MINUS || p->tok.type == PL_TK_NOT) {
		struct pl_hcl_range r = p->tok.r;
		enum pl_hcl_op op = p->tok.type == PL_TK_MINUS ? PL_HCL_OP_NEG :
		    PL_HCL_OP_NOT;

		if (enter(p) != 0)
			return NULL;
		advance(p);
		x = parse_unary(p);
		leave(p);
		if (x == NULL || (e = node(p, PL_HCL_EXPR_UNARY, &r)) == NULL)
			return NULL;
		e->range = pl_range_join(&r, &x->range);
		e->u.op.op = op;
		e->u.op.lhs = x;
		return e;
	}
	if ((x = parse_term(p)) == NULL)
		return NULL;
	return parse_postfix(p, (struct pl_hcl_expr *)(uintptr_t)x, 0);
}

/* The binary operator at t and its precedence level (spec.md,
 * "Operations": 6 binds tightest), or NONE. */
static enum pl_hcl_op
binop(const struct pl_hcl_tok *t, int *level)
{
	switch (t->type) {
	case PL_TK_OR: *level = 1; return PL_HCL_OP_OR;
	case PL_TK_AND: *level = 2; return PL_HCL_OP_AND;
	case PL_TK_EQ: *level = 3; return PL_HCL_OP_EQ;
	case PL_TK_NE: *level = 3; return PL_HCL_OP_NE;
	case PL_TK_LT: *level = 4; return PL_HCL_OP_LT;
	case PL_TK_LE: *level = 4; return PL_HCL_OP_LE;
	case PL_TK_GT: *level = 4; return PL_HCL_OP_GT;
	case PL_TK_GE: *level = 4; return PL_HCL_OP_GE;
	case PL_TK_PLUS: *level = 5; return PL_HCL_OP_ADD;
	case PL_TK_MINUS: *level = 5; return PL_HCL_OP_SUB;
	case PL_TK_STAR: *level = 6; return PL_HCL_OP_MUL;
	case PL_TK_SLASH: *level = 6; return PL_HCL_OP_DIV;
	case PL_TK_PERCENT: *level = 6; return PL_HCL_OP_MOD;
	default: *level = 0; return PL_HCL_OP_NONE;
	}
}

/*
 * Operators of level min and tighter, by precedence climbing: the same
 * tree as one function per level, left-associative within a level, but a
 * lone term costs one call, not seven.
 */
static const struct pl_hcl_expr *
parse_binary(struct pstate *p, int min)
{
	const struct pl_hcl_expr *lhs, *rhs;
	enum pl_hcl_op op;
	int level;

	if ((lhs = parse_unary(p)) == NULL)
		return NULL;
	while ((op = binop(&p->tok, &level)) != PL_HCL_OP_NONE &&
	    level >= min) {
		struct pl_hcl_expr *e;

		advance(p);
		if (level < 6) {
			/* The right side takes the tighter operators. */
			if (enter(p) != 0)
				return NULL;
			rhs = parse_binary(p, level + 1);
			leave(p);
		} else
			rhs = parse_unary(p);
		if (rhs == NULL)
			return NULL;
		if ((e = node(p, PL_HCL_EXPR_BINARY, &lhs->range)) == NULL)
			return NULL;
		e->range = pl_range_join(&lhs->range, &rhs->range);
		e->u.op.op = op;
		e->u.op.lhs = lhs;
		e->u.op.rhs = rhs;
		lhs = e;
	}
	return lhs;
}

static const struct pl_hcl_expr *
parse_expr(struct pstate *p)
{
	const struct pl_hcl_expr *pred, *then, *other;
	struct pl_hcl_expr *e;

	if (enter(p) != 0)
		return NULL;
	if ((pred = parse_binary(p, 1)) == NULL)
		goto fail;
	if (p->tok.type != PL_TK_QUESTION) {
		leave(p);
		return pred;
	}
	advance(p);
	if ((then = parse_expr(p)) == NULL)
		goto fail;
	if (p->tok.type != PL_TK_COLON) {
		expected(p, "':' in the conditional");
		goto fail;
	}
	advance(p);
	if ((other = parse_expr(p)) == NULL)
		goto fail;
	if ((e = node(p, PL_HCL_EXPR_COND, &pred->range)) == NULL)
		goto fail;
	e->range = pl_range_join(&pred->range, &other->range);
	e->u.cond.pred = pred;
	e->u.cond.then = then;
	e->u.cond.otherwise = other;
	leave(p);
	return e;

fail:
	leave(p);
	return NULL;
}

/* ---- Bodies ------------------------------------------------------------- */

/* What a body or an item ended with. */
enum {
	B_CLOSED = 0,	/* at its "}" (not consumed), or the file's end */
	B_EOF,		/* the file ended inside it */
	B_UNWIND,	/* resync() sends parsing back to the top level */
	B_STOP,		/* too many errors, or a limit */
	B_FAIL,		/* an item that could not be read: resync */
	B_RESYNC,	/* an item read, with junk after it: resync */
};

/* Leaves no template mode open in the lexer: the current token is read
 * again at the base mode (after a resync inside a template). */
static void
rebase(struct pstate *p)
{
	if (p->lx.nframes > 1) {
		pl_lex_rewind(&p->lx, p->tok.r.start, p->tok.r.line,
		    p->tok.r.col);
		pl_lex_next(&p->lx, &p->tok);
	}
}

static void
unwind_to(struct pstate *p, const struct pl_hcl_range *r)
{
	p->rewind = *r;
	p->unwind = 1;
}

/*
 * Skips what is left of an item after an error, to where the next one
 * may start.  In order:
 *   - a heredoc or comment that never ended leaves a hint (the first line
 *     after it that looks like a top-level item): parsing goes on there;
 *   - if the error's line starts with a name in column 1, after the start
 *     of the item, the item ran into a top-level block (a missing "}" or
 *     "]"): parsing goes on at that name, at the top level;
 *   - else tokens are skipped up to a newline outside the braces opened
 *     in the item, or a name that starts a line (the line before it was
 *     left unfinished), or the "}" that closes the body; a name in
 *     column 1 met on the way goes back to the top level.
 * Each way moves forward from the item's start, so parsing ends.
 */
static void
resync(struct pstate *p, int level)
{
	unsigned d = p->bdepth;

	p->nl_skip = 0;
	if (p->fb->stopped)
		return;
	if (p->tok.type == PL_TK_INVALID && p->tok.hint > p->item_start) {
		struct pl_hcl_range r;

		memset(&r, 0, sizeof(r));
		r.start = p->tok.hint;
		r.line = p->tok.hint_line;
		r.col = 1;
		unwind_to(p, &r);
		return;
	}
	if (p->lx.line_first_col1 && p->lx.line_first.start > p->item_start &&
	    p->tok.r.line == p->lx.line_first.line) {
		unwind_to(p, &p->lx.line_first);
		return;
	}
	for (;;) {
		const struct pl_hcl_tok *t = &p->tok;

		switch (t->type) {
		case PL_TK_EOF:
			return;
		case PL_TK_NEWLINE:
			if (d > 0)
				break;
			if (p->lx.nframes > 1) {
				pl_lex_rewind(&p->lx, t->r.end, t->r.line + 1, 1);
				pl_lex_next(&p->lx, &p->tok);
			} else
				advance(p);
			return;
		case PL_TK_IDENT:
			if ((t->flags & PL_TF_COL1) && t->r.start > p->item_start) {
				unwind_to(p, &t->r);
				return;
			}
			if ((t->flags & PL_TF_SOL) && d == 0 &&
			    t->r.start > p->item_start) {
				rebase(p);
				return;
			}
			break;
		case PL_TK_LBRACE:
		case PL_TK_INTERP:
		case PL_TK_CONTROL:
			d++;
			break;
		case PL_TK_RBRACE:
			if (d == 0 && level > 0) {
				rebase(p);
				return;
			}
			if (d > 0)
				d--;
			break;
		case PL_TK_SEQEND:
			if (d > 0)
				d--;
			break;
		default:
			break;
		}
		advance(p);
	}
}

static int
attr_cmp(const void *a, const void *b)
{
	const struct pl_hcl_attr *x = *(const struct pl_hcl_attr *const *)a;
	const struct pl_hcl_attr *y = *(const struct pl_hcl_attr *const *)b;
	int c = strcmp(x->name, y->name);

	if (c != 0)
		return c;
	return x->range.start < y->range.start ? -1 : x->range.start >
	    y->range.start;
}

/* "Each distinct attribute name may be defined no more than once within
 * a single body" (spec.md, "Attribute Definitions"). */
static void
check_dups(struct pstate *p, const struct pl_hcl_attr *attrs, size_t n)
{
	const struct pl_hcl_attr **v;

	if (n < 2)
		return;
	if (n <= 16) {
		for (size_t i = 1; i < n; i++)
			for (size_t j = 0; j < i; j++)
				/* Names are interned: one pointer each. */
				if (attrs[i].name == attrs[j].name) {
					pl_hcl_fbuild_error(p->fb,
					    PL_HCL_DIAG_SYNTAX,
					    &attrs[i].name_range, "attribute "
					    "'%s' is already defined at line %u",
					    attrs[i].name,
					    attrs[j].name_range.line);
					break;
				}
		return;
	}
	v = pl_xmalloc(n * sizeof(*v));
	for (size_t i = 0; i < n; i++)
		v[i] = &attrs[i];
	qsort(v, n, sizeof(*v), attr_cmp);
	for (size_t i = 1; i < n; i++) {
		size_t j = i;

		/* The first of a run is the definition; report the others. */
		while (j > 0 && strcmp(v[j - 1]->name, v[i]->name) == 0)
			j--;
		if (j < i)
			pl_hcl_fbuild_error(p->fb, PL_HCL_DIAG_SYNTAX,
			    &v[i]->name_range, "attribute '%s' is already "
			    "defined at line %u", v[i]->name,
			    v[j]->name_range.line);
	}
	free(v);
}

/* Moves the items pushed since mark into body. */
static void
body_take(struct pstate *p, size_t mark, struct pl_hcl_body *body)
{
	size_t na = 0, nb = 0, off;
	struct pl_hcl_attr *attrs = NULL;
	struct pl_hcl_block *blocks = NULL;

	for (off = mark; off < p->nstk;) {
		const struct bitem *it = (const struct bitem *)(void *)(p->stk +
		    off);

		if (it->is_block)
			nb++;
		else
			na++;
		off += BITEM_SIZE(it);
	}
	if (na > 0)
		attrs = pl_arena_alloc(p->arena, na * sizeof(*attrs));
	if (nb > 0)
		blocks = pl_arena_alloc(p->arena, nb * sizeof(*blocks));
	na = nb = 0;
	for (off = mark; off < p->nstk;) {
		const struct bitem *it = (const struct bitem *)(void *)(p->stk +
		    off);

		if (it->is_block)
			blocks[nb++] = it->block;
		else
			attrs[na++] = it->attr;
		off += BITEM_SIZE(it);
	}
	p->nstk = mark;
	body->attrs = attrs;
	body->nattrs = na;
	body->blocks = blocks;
	body->nblocks = nb;
	check_dups(p, attrs, na);
}

static int parse_body(struct pstate *, int, struct pl_hcl_body *,
    const char *, const struct pl_hcl_range *, const struct pl_hcl_attr *);

/* The value of NAME = after its "=". */
static int
parse_attr_value(struct pstate *p, const struct pl_hcl_tok *name,
    struct pl_hcl_attr *a)
{
	advance(p);
	if ((a->expr = parse_expr(p)) == NULL)
		return B_FAIL;
	a->name = tok_text(p, name);
	a->name_range = name->r;
	a->range = pl_range_join(&name->r, &a->expr->range);
	return B_CLOSED;
}

/* The rest of a one-line block "TYPE LABELS { NAME = VALUE }", after
 * its "{" (parser.go, parseSingleAttrBody). */
static int
parse_one_line(struct pstate *p, struct pl_hcl_block *b)
{
	struct pl_hcl_tok name = p->tok;
	struct pl_hcl_attr *a;

	if (p->tok.type != PL_TK_IDENT) {
		expected(p, "an attribute or '}' in the block");
		return B_FAIL;
	}
	advance(p);
	if (p->tok.type != PL_TK_ASSIGN) {
		perr(p, &name.r, "a one-line block holds one attribute: write "
		    "'%.*s = ...', or put a nested block on a line of its own",
		    (int)(name.tend - name.tstart), p->lx.text + name.tstart);
		return B_FAIL;
	}
	a = pl_arena_alloc(p->arena, sizeof(*a));
	if (parse_attr_value(p, &name, a) != B_CLOSED)
		return B_FAIL;
	if (p->tok.type != PL_TK_RBRACE) {
		if (p->tok.type == PL_TK_COMMA)
			perr(p, &p->tok.r, "a one-line block holds one "
			    "attribute: write the others on lines of their own");
		else if (p->tok.type == PL_TK_NEWLINE) {
			perr(p, &p->tok.r, "a one-line block must end on the "
			    "same line: expected '}'");
			/* Read the rest as a body, this attribute first. */
			b->body.attrs = a;
			b->body.nattrs = 1;
			return B_RESYNC;
		}
		else
			expected(p, "'}' to close the one-line block");
		return B_FAIL;
	}
	b->body.attrs = a;
	b->body.nattrs = 1;
	return B_CLOSED;
}

/*
 * One attribute or block, at its first name.  Returns B_CLOSED (read),
 * B_RESYNC (read, junk after it), B_FAIL (not read), or B_EOF, B_UNWIND,
 * B_STOP from a block's body (the block is read as far as it went).
 */
static int
parse_item(struct pstate *p, int level, struct bitem *it)
{
	struct pl_hcl_tok name = p->tok;
	struct pl_hcl_block *b = &it->block;
	struct pl_hcl_range open;
	size_t mark;
	uint32_t n;
	int st;

	it->is_block = 0;
	advance(p);
	if (p->tok.type == PL_TK_ASSIGN) {
		memset(&it->attr, 0, sizeof(it->attr));
		if (parse_attr_value(p, &name, &it->attr) != B_CLOSED)
			return B_FAIL;
		if (p->tok.type == PL_TK_NEWLINE) {
			advance(p);
			return B_CLOSED;
		}
		if (p->tok.type == PL_TK_EOF)
			return B_CLOSED;
		if (p->tok.type == PL_TK_COMMA)
			perr(p, &p->tok.r, "unexpected ',' after the value of "
			    "'%s': attributes are separated by newlines",
			    it->attr.name);
		else {
			char what[96];

			snprintf(what, sizeof(what), "a newline after the value "
			    "of '%.40s'", it->attr.name);
			expected(p, what);
		}
		return B_RESYNC;
	}
	if (p->tok.type != PL_TK_OQUOTE && p->tok.type != PL_TK_IDENT &&
	    p->tok.type != PL_TK_LBRACE) {
		if (p->tok.type == PL_TK_INVALID)
			expected(p, "");
		else
			perr(p, &p->tok.r, "expected '=' or a block after "
			    "'%.*s'", (int)(name.tend - name.tstart),
			    p->lx.text + name.tstart);
		return B_FAIL;
	}

	/* A block: its labels, then "{". */
	memset(&it->block, 0, sizeof(it->block));
	it->is_block = 1;
	b->type = tok_text(p, &name);
	b->type_range = name.r;
	mark = p->nstk;
	while (p->tok.type != PL_TK_LBRACE) {
		struct pl_hcl_label lb;

		memset(&lb, 0, sizeof(lb));
		if (p->tok.type == PL_TK_OQUOTE) {
			if (parse_label(p, &lb, p->nstk == mark) != 0)
				goto fail;
		} else if (p->tok.type == PL_TK_IDENT) {
			lb.name = tok_text(p, &p->tok);
			lb.len = p->tok.tend - p->tok.tstart;
			lb.range = p->tok.r;
			advance(p);
		} else {
			size_t nl = (p->nstk - mark) / sizeof(lb);
			const struct pl_hcl_label *first = nl == 0 ? NULL :
			    (const struct pl_hcl_label *)(void *)(p->stk + mark);

			if ((p->tok.type == PL_TK_NEWLINE ||
			    p->tok.type == PL_TK_EOF) && nl == 1 &&
			    !first->quoted)
				/* "proxied true": a missing "=". */
				perr(p, &first->range, "expected '=' or a block "
				    "after '%s'", b->type);
			else if (p->tok.type == PL_TK_NEWLINE) {
				perr(p, &p->tok.r, "expected '{' on the same "
				    "line as block '%s'", b->type);
				/* The brace on the next line: read the block
				 * anyway, the error said it. */
				while (p->tok.type == PL_TK_NEWLINE)
					advance(p);
				if (p->tok.type == PL_TK_LBRACE)
					break;
			} else {
				char what[96];

				snprintf(what, sizeof(what), "a label or '{' "
				    "for block '%.40s'", b->type);
				expected(p, what);
			}
			goto fail;
		}
		stk_push(p, &lb, sizeof(lb));
	}
	b->labels = stk_take(p, mark, sizeof(struct pl_hcl_label), &n);
	b->nlabels = n;
	open = p->tok.r;
	advance(p);
	if (p->tok.type == PL_TK_NEWLINE || p->tok.type == PL_TK_EOF ||
	    p->tok.type == PL_TK_RBRACE) {
		uint32_t save_start = p->item_start;
		unsigned save_bdepth = p->bdepth;

		if (enter(p) != 0)
			return B_FAIL;
		st = parse_body(p, level + 1, &b->body, b->type, &open, NULL);
		leave(p);
		p->item_start = save_start;
		p->bdepth = save_bdepth;
		p->failed = 0;
		if (st != B_CLOSED) {
			b->body.range = pl_range_join(&open, &p->prev.r);
			b->range = pl_range_join(&name.r, &p->prev.r);
			return st;
		}
	} else if ((st = parse_one_line(p, b)) == B_RESYNC) {
		uint32_t save_start = p->item_start;
		unsigned save_bdepth = p->bdepth;

		if (enter(p) != 0)
			return B_FAIL;
		st = parse_body(p, level + 1, &b->body, b->type, &open,
		    b->body.attrs);
		leave(p);
		p->item_start = save_start;
		p->bdepth = save_bdepth;
		p->failed = 0;
		if (st != B_CLOSED) {
			b->body.range = pl_range_join(&open, &p->prev.r);
			b->range = pl_range_join(&name.r, &p->prev.r);
			return st;
		}
	} else if (st != B_CLOSED)
		return B_FAIL;
	b->body.range = pl_range_join(&open, &p->tok.r);
	b->range = pl_range_join(&name.r, &p->tok.r);
	advance(p);
	if (p->tok.type == PL_TK_NEWLINE) {
		advance(p);
		return B_CLOSED;
	}
	if (p->tok.type == PL_TK_EOF)
		return B_CLOSED;
	{
		char what[96];

		snprintf(what, sizeof(what), "a newline after the '}' of block "
		    "'%.40s'", b->type);
		expected(p, what);
	}
	return B_RESYNC;

fail:
	p->nstk = mark;
	return B_FAIL;
}

/*
 * A body: the file (level 0) or a block's, after its "{".  Returns
 * B_CLOSED at its "}" (or the file's end at level 0), B_EOF if the file
 * ends first, B_UNWIND or B_STOP.
 */
static int
parse_body(struct pstate *p, int level, struct pl_hcl_body *body,
    const char *type, const struct pl_hcl_range *open,
    const struct pl_hcl_attr *first)
{
	size_t mark = p->nstk, col1_mark = SIZE_MAX;
	struct pl_hcl_range col1;
	int st = B_CLOSED;

	memset(&col1, 0, sizeof(col1));
	if (first != NULL) {
		struct bitem it;

		it.is_block = 0;
		it.attr = *first;
		stk_push(p, &it, BITEM_SIZE(&it));
	}
	for (;;) {
		struct bitem it;
		size_t item_mark;
		int r;

		if (p->fb->stopped) {
			st = B_STOP;
			break;
		}
		if (p->unwind) {
			if (level > 0) {
				st = B_UNWIND;
				break;
			}
			p->unwind = 0;
			p->nl_skip = 0;
			pl_lex_rewind(&p->lx, p->rewind.start, p->rewind.line,
			    p->rewind.col);
			pl_lex_next(&p->lx, &p->tok);
			continue;
		}
		if (p->tok.type == PL_TK_NEWLINE) {
			advance(p);
			continue;
		}
		if (p->tok.type == PL_TK_EOF) {
			st = level > 0 ? B_EOF : B_CLOSED;
			break;
		}
		p->failed = 0;
		p->bdepth = 0;
		p->item_start = p->tok.r.start;
		if (p->tok.type == PL_TK_RBRACE && level > 0)
			break;
		if (p->tok.type != PL_TK_IDENT) {
			if (p->tok.type == PL_TK_RBRACE)
				perr(p, &p->tok.r, "unexpected '}' with no block "
				    "open");
			else if (p->tok.type == PL_TK_OQUOTE)
				perr(p, &p->tok.r, "an attribute name must not "
				    "be quoted");
			else
				expected(p, "an attribute or a block");
			resync(p, level);
			continue;
		}
		if (level > 0 && (p->tok.flags & PL_TF_COL1) &&
		    col1_mark == SIZE_MAX) {
			col1_mark = p->nstk;
			col1 = p->tok.r;
		}
		item_mark = p->nstk;
		r = parse_item(p, level, &it);
		/* Whatever a failed item left on the stack goes. */
		if (r == B_FAIL)
			p->nstk = item_mark;
		else
			stk_push(p, &it, BITEM_SIZE(&it));
		if (r == B_FAIL || r == B_RESYNC) {
			resync(p, level);
			continue;
		}
		if (r == B_STOP || r == B_UNWIND) {
			if (level > 0) {
				st = r;
				break;
			}
			continue;
		}
		if (r == B_EOF) {
			/*
			 * A block of this body never closed.  If this body
			 * has an item in column 1, the "}" was probably due
			 * before it: the items from there on are read again
			 * at the top level.  The outermost such body wins.
			 */
			if (!p->eof_unclosed) {
				p->eof_unclosed = 1;
				p->eof_type = it.block.type;
				p->eof_open = it.block.body.range;
			}
			if (level > 0 && col1_mark != SIZE_MAX) {
				p->nstk = col1_mark;
				p->rewind = col1;
				p->unwind = 1;
				p->eof_type = type;
				p->eof_open = *open;
			}
			if (level > 0) {
				st = B_EOF;
				break;
			}
			pl_hcl_fbuild_error(p->fb, PL_HCL_DIAG_SYNTAX,
			    &p->eof_open, "block '%s' is never closed (missing "
			    "'}')", p->eof_type);
			p->eof_unclosed = 0;
			if (!p->unwind)
				break;
		}
	}
	if (st == B_EOF && level > 0 && !p->eof_unclosed) {
		/* The innermost unclosed block: this one. */
		p->eof_unclosed = 1;
		p->eof_type = type;
		p->eof_open = *open;
		if (col1_mark != SIZE_MAX) {
			p->nstk = col1_mark;
			p->rewind = col1;
			p->unwind = 1;
		}
	}
	body_take(p, mark, body);
	return st;
}

/* ---- Entry points ------------------------------------------------------- */

static void
pstate_init(struct pstate *p, struct pl_hcl_fbuild *fb, const char *text,
    size_t len, enum pl_lex_mode base, const struct pl_srcmap *map)
{
	memset(p, 0, offsetof(struct pstate, lx));
	p->fb = fb;
	p->arena = &fb->f->arena;
	pl_lex_init(&p->lx, text, len, base, map, p->arena);
	memset(&p->tok, 0, sizeof(p->tok));
	memset(&p->prev, 0, sizeof(p->prev));
	p->nl_skip = 0;
	p->depth = 0;
	p->failed = 0;
	p->bdepth = 0;
	p->item_start = 0;
	p->unwind = 0;
	p->eof_unclosed = 0;
	p->stk = NULL;
	p->nstk = 0;
	p->capstk = 0;
	p->names = NULL;
	p->nnames = 0;
	p->capnames = 0;
}

static void
pstate_release(struct pstate *p, int keep_comments)
{
	if (keep_comments) {
		p->fb->comments = p->lx.comments;
		p->fb->ncomments = p->lx.ncomments;
		p->lx.comments = NULL;
		p->lx.ncomments = 0;
	}
	pl_lex_release(&p->lx);
	free(p->stk);
	free(p->names);
}

/* Starts a file's parse, or says why the text cannot be parsed. */
static int
too_big(struct pl_hcl_fbuild *fb, size_t len)
{
	struct pl_hcl_range r;

	if (len <= PL_HCL_MAX_FILE)
		return 0;
	memset(&r, 0, sizeof(r));
	r.line = r.col = r.end_line = r.end_col = 1;
	pl_hcl_fbuild_error(fb, PL_HCL_DIAG_LIMIT, &r, "file larger than 1 GiB "
	    "(PL_HCL_MAX_FILE)");
	return 1;
}

struct pl_hcl_file *
pl_hcl_parse(const char *text, size_t len)
{
	struct pl_hcl_fbuild fb;
	struct pstate p;

	pl_hcl_fbuild_init(&fb);
	if (too_big(&fb, len))
		return pl_hcl_fbuild_done(&fb);
	pstate_init(&p, &fb, text, len, PL_LM_NORMAL, NULL);
	/* A byte order mark is skipped, as scan_tokens.go does (columns
	 * still start at 1). */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		pl_lex_rewind(&p.lx, 3, 1, 1);
	pl_lex_next(&p.lx, &p.tok);
	parse_body(&p, 0, &fb.f->body, NULL, NULL, NULL);
	pl_lex_pos(&p.lx, (uint32_t)len, &fb.f->body.range.end,
	    &fb.f->body.range.end_line, &fb.f->body.range.end_col);
	fb.f->body.range.line = fb.f->body.range.col = 1;
	pstate_release(&p, 1);
	return pl_hcl_fbuild_done(&fb);
}

struct pl_hcl_file *
pl_hcl_parse_expr(const char *text, size_t len)
{
	struct pl_hcl_fbuild fb;
	struct pstate p;

	pl_hcl_fbuild_init(&fb);
	if (too_big(&fb, len))
		return pl_hcl_fbuild_done(&fb);
	pstate_init(&p, &fb, text, len, PL_LM_NORMAL, NULL);
	p.nl_skip = 1;
	advance(&p);
	fb.f->expr = parse_expr(&p);
	if (fb.f->expr != NULL && p.tok.type != PL_TK_EOF)
		expected(&p, "the end of the expression");
	pstate_release(&p, 1);
	return pl_hcl_fbuild_done(&fb);
}

struct pl_hcl_file *
pl_hcl_parse_template(const char *text, size_t len)
{
	struct pl_hcl_fbuild fb;
	struct pstate p;
	struct pl_hcl_range open;

	pl_hcl_fbuild_init(&fb);
	if (too_big(&fb, len))
		return pl_hcl_fbuild_done(&fb);
	pstate_init(&p, &fb, text, len, PL_LM_BARE, NULL);
	advance(&p);
	memset(&open, 0, sizeof(open));
	open.line = open.col = open.end_line = open.end_col = 1;
	fb.f->expr = parse_template_body(&p, PL_TK_EOF, 0, &open);
	pstate_release(&p, 1);
	return pl_hcl_fbuild_done(&fb);
}

const struct pl_hcl_expr *
pl_hcl_parse_template_at(struct pl_hcl_fbuild *fb, const char *text,
    size_t len, const struct pl_srcmap *map)
{
	const struct pl_hcl_expr *e;
	struct pstate p;
	struct pl_hcl_range open;

	pstate_init(&p, fb, text, len, PL_LM_BARE, map);
	memset(&open, 0, sizeof(open));
	pl_lex_pos(&p.lx, 0, &open.start, &open.line, &open.col);
	advance(&p);
	open.end = open.start;
	open.end_line = open.line;
	open.end_col = open.col;
	e = parse_template_body(&p, PL_TK_EOF, 0, &open);
	pstate_release(&p, 0);
	return e;
}
