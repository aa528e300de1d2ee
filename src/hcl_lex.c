/* hcl_lex.c -- tokens of the HCL native syntax, one pass, on demand */
/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcl_impl.h"
#include "proxylint/banned.h"

/*
 * The tokens of hashicorp/hcl hclsyntax/spec.md ("Lexical Elements"), with
 * the modes of its scanner (hclsyntax/scan_tokens.rl, read for behaviour):
 * the text of a quoted string, of a heredoc and of a standalone template
 * is one token per run, and "${" or "%{" pushes a normal mode that the
 * matching "}" pops.  The parser pulls one token at a time, so no token
 * array is ever built.
 *
 * Comments are not tokens: they go to the comment list (the reader matches
 * "# proxylint: ignore" comments to blocks by line), and a line comment
 * leaves its newline to be a token.  Errors are INVALID tokens carrying
 * their message; the parser reports them.
 */

static const char *const tk_names[] = {
	[PL_TK_EOF] = "the end of the file",
	[PL_TK_NEWLINE] = "a newline",
	[PL_TK_IDENT] = "a name",
	[PL_TK_NUMBER] = "a number",
	[PL_TK_OQUOTE] = "a string",
	[PL_TK_CQUOTE] = "'\"'",
	[PL_TK_QLIT] = "a string",
	[PL_TK_OHEREDOC] = "a heredoc",
	[PL_TK_CHEREDOC] = "the end of a heredoc",
	[PL_TK_HLIT] = "text",
	[PL_TK_BLIT] = "text",
	[PL_TK_INTERP] = "'${'",
	[PL_TK_CONTROL] = "'%{'",
	[PL_TK_SEQEND] = "'}'",
	[PL_TK_LBRACE] = "'{'",
	[PL_TK_RBRACE] = "'}'",
	[PL_TK_LBRACK] = "'['",
	[PL_TK_RBRACK] = "']'",
	[PL_TK_LPAREN] = "'('",
	[PL_TK_RPAREN] = "')'",
	[PL_TK_DOT] = "'.'",
	[PL_TK_COMMA] = "','",
	[PL_TK_STAR] = "'*'",
	[PL_TK_SLASH] = "'/'",
	[PL_TK_PERCENT] = "'%'",
	[PL_TK_PLUS] = "'+'",
	[PL_TK_MINUS] = "'-'",
	[PL_TK_ASSIGN] = "'='",
	[PL_TK_EQ] = "'=='",
	[PL_TK_NE] = "'!='",
	[PL_TK_LT] = "'<'",
	[PL_TK_LE] = "'<='",
	[PL_TK_GT] = "'>'",
	[PL_TK_GE] = "'>='",
	[PL_TK_AND] = "'&&'",
	[PL_TK_OR] = "'||'",
	[PL_TK_NOT] = "'!'",
	[PL_TK_QUESTION] = "'?'",
	[PL_TK_COLON] = "':'",
	[PL_TK_DCOLON] = "'::'",
	[PL_TK_ELLIPSIS] = "'...'",
	[PL_TK_ARROW] = "'=>'",
	[PL_TK_INVALID] = "an invalid token",
};

const char *
pl_tk_name(enum pl_tk t)
{
	if ((size_t)t < sizeof(tk_names) / sizeof(tk_names[0]) &&
	    tk_names[t] != NULL)
		return tk_names[t];
	return "a token";
}

/* Character classes of the ASCII range, for the hot loops. */
#define C_ID	0x01	/* continues a name: letter, digit, _ or - */
#define C_IDS	0x02	/* starts a name: letter or _ */
#define C_DIGIT	0x04
#define C_QSTOP	0x08	/* stops quoted text: " \ $ % CR LF */
#define C_HSTOP	0x10	/* stops heredoc text: $ % CR LF */

static unsigned char cclass[256];

static void
cclass_fill(void)
{
	for (int c = 0; c < 256; c++) {
		unsigned char k = 0;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c == '_')
			k |= C_ID | C_IDS;
		if (c >= '0' && c <= '9')
			k |= C_ID | C_DIGIT;
		if (c == '-')
			k |= C_ID;
		if (c == '"' || c == '\\' || c == '$' || c == '%' ||
		    c == '\r' || c == '\n')
			k |= C_QSTOP;
		if (c == '$' || c == '%' || c == '\r' || c == '\n')
			k |= C_HSTOP;
		cclass[c] = k;
	}
}

/* Once per process, whichever thread parses first. */
static void
cclass_init(void)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;

	pthread_once(&once, cclass_fill);
}

static void line_enter(struct pl_lexer *, uint32_t, uint32_t);

void
pl_lex_init(struct pl_lexer *lx, const char *text, size_t len,
    enum pl_lex_mode base, const struct pl_srcmap *map, struct pl_arena *arena)
{
	cclass_init();
	memset(lx, 0, offsetof(struct pl_lexer, frames));
	lx->text = text;
	lx->len = (uint32_t)len;
	lx->arena = arena;
	lx->base = base;
	lx->nframes = 1;
	memset(&lx->frames[0], 0, sizeof(lx->frames[0]));
	lx->frames[0].mode = base;
	lx->comments = NULL;
	lx->ncomments = 0;
	if (map != NULL) {
		lx->map = *map;
		lx->mapped = 1;
		lx->cur_off = map->raw_base;
		lx->cur_line = map->line;
		lx->cur_col = map->col;
	} else {
		lx->map.raw = text;
		lx->map.line = 1;
		lx->map.col = 1;
		lx->cur_line = 1;
		lx->cur_col = 1;
		line_enter(lx, 0, 1);
	}
}

void
pl_lex_release(struct pl_lexer *lx)
{
	free(lx->comments);
	lx->comments = NULL;
	lx->ncomments = 0;
}

/*
 * Counts lines and columns up to off.  Positions are asked in increasing
 * order (each token's start, then its end), so the text is walked once
 * in all.  Columns count characters: UTF-8 continuation bytes are not one.
 */
static inline void pos_at(struct pl_lexer *, uint32_t, uint32_t *,
    uint32_t *, uint32_t *);

static int
is_ascii(const unsigned char *s, size_t n)
{
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w;

		memcpy(&w, s + i, 8);
		if (w & 0x8080808080808080ULL)
			return 0;
	}
	for (; i < n; i++)
		if (s[i] & 0x80)
			return 0;
	return 1;
}

/* Makes the line that starts at start (number no) the current one. */
static void
line_enter(struct pl_lexer *lx, uint32_t start, uint32_t no)
{
	const unsigned char *s = (const unsigned char *)lx->text;
	const unsigned char *nl = memchr(s + start, '\n', lx->len - start);

	lx->ln_start = start;
	lx->ln_end = nl != NULL ? (uint32_t)(nl - s) : lx->len;
	lx->ln_no = no;
	lx->ln_ascii = is_ascii(s + start, lx->ln_end - start);
	lx->cur_off = start;
	lx->cur_col = 1;
}

/* The position of a file's offset to: by lines (memchr finds them), and
 * on a line with UTF-8 by counting characters from the last place. */
static inline void
pos_file(struct pl_lexer *lx, uint32_t to, uint32_t *line, uint32_t *col)
{
	const unsigned char *s = (const unsigned char *)lx->text;

	if (to < lx->ln_start)
		line_enter(lx, 0, 1);	/* backwards: rare, count again */
	while (to > lx->ln_end)
		line_enter(lx, lx->ln_end + 1, lx->ln_no + 1);
	*line = lx->ln_no;
	if (lx->ln_ascii) {
		*col = to - lx->ln_start + 1;
		return;
	}
	if (to < lx->cur_off) {
		lx->cur_off = lx->ln_start;
		lx->cur_col = 1;
	}
	for (uint32_t p = lx->cur_off; p < to; p++)
		lx->cur_col += (s[p] & 0xc0) != 0x80;
	lx->cur_off = to;
	*col = lx->cur_col;
}

void
pl_lex_pos(struct pl_lexer *lx, uint32_t off, uint32_t *raw, uint32_t *line,
    uint32_t *col)
{
	pos_at(lx, off, raw, line, col);
}

/* A JSON string's position: through its map, counting from its start. */
static void
pos_mapped(struct pl_lexer *lx, uint32_t off, uint32_t *raw, uint32_t *line,
    uint32_t *col)
{
	const unsigned char *s = (const unsigned char *)lx->map.raw;
	uint32_t to, p, l, c;

	to = off;
	if (lx->mapped)
		to = lx->map.raw_base + (lx->map.offs != NULL ?
		    lx->map.offs[off] : off);
	if (to < lx->cur_off) {
		/* Backwards is rare (a JSON string's escapes): count again. */
		lx->cur_off = lx->map.raw_base;
		lx->cur_line = lx->map.line;
		lx->cur_col = lx->map.col;
	}
	p = lx->cur_off;
	l = lx->cur_line;
	c = lx->cur_col;
	/* Eight bytes at a time while they are ASCII and no newline. */
	while (p + 8 <= to) {
		uint64_t w, nl;

		memcpy(&w, s + p, 8);
		nl = w ^ 0x0a0a0a0a0a0a0a0aULL;
		if ((w & 0x8080808080808080ULL) != 0 ||
		    ((nl - 0x0101010101010101ULL) & ~nl &
		    0x8080808080808080ULL) != 0)
			break;
		p += 8;
		c += 8;
	}
	for (; p < to; p++) {
		unsigned char b = s[p];

		if (b == '\n') {
			l++;
			c = 1;
		} else if ((b & 0xc0) != 0x80)
			c++;
	}
	lx->cur_off = p;
	lx->cur_line = l;
	lx->cur_col = c;
	*raw = to;
	*line = l;
	*col = c;
}

static inline void
pos_at(struct pl_lexer *lx, uint32_t off, uint32_t *raw, uint32_t *line,
    uint32_t *col)
{
	if (!lx->mapped) {
		*raw = off;
		pos_file(lx, off, line, col);
	} else
		pos_mapped(lx, off, raw, line, col);
}

static void
set_range(struct pl_lexer *lx, struct pl_hcl_range *r, uint32_t start,
    uint32_t end)
{
	pos_at(lx, start, &r->start, &r->line, &r->col);
	if (!lx->mapped && lx->ln_ascii && end <= lx->ln_end) {
		/* On the same ASCII line: no count. */
		r->end = end;
		r->end_line = r->line;
		r->end_col = r->col + (end - start);
		return;
	}
	pos_at(lx, end, &r->end, &r->end_line, &r->end_col);
}

/* The opener of frame f (a quote or "<<-EOT"), len bytes on one line. */
static struct pl_hcl_range
frame_range(const struct pl_lex_frame *f, uint32_t len)
{
	struct pl_hcl_range r;

	r.start = f->open;
	r.line = f->open_line;
	r.col = f->open_col;
	r.end = f->open + len;
	r.end_line = f->open_line;
	r.end_col = f->open_col + len;
	return r;
}

static void
emit(struct pl_lexer *lx, struct pl_hcl_tok *t, enum pl_tk type,
    uint32_t start, uint32_t end)
{
	t->type = type;
	t->tstart = start;
	t->tend = end;
	set_range(lx, &t->r, start, end);
	lx->pos = end;
}

static void
invalid(struct pl_lexer *lx, struct pl_hcl_tok *t, uint32_t start,
    uint32_t end, const char *msg)
{
	emit(lx, t, PL_TK_INVALID, start, end);
	t->msg = msg;
}

/* An INVALID token whose message is formatted into the arena. */
static void invalidf(struct pl_lexer *, struct pl_hcl_tok *, uint32_t,
    uint32_t, const char *, ...) __attribute__((format(printf, 5, 6)));

static void
invalidf(struct pl_lexer *lx, struct pl_hcl_tok *t, uint32_t start,
    uint32_t end, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	invalid(lx, t, start, end, pl_arena_strdup(lx->arena, buf));
}

/* Length of the valid UTF-8 sequence at s (0: invalid), with n bytes left.
 * Overlong forms, surrogates and code points past U+10FFFF are invalid. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return n >= 2 && (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f))
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))
			return 0;
		return 4;
	}
	return 0;
}

static void
add_comment(struct pl_lexer *lx, uint32_t start, uint32_t end,
    uint32_t tstart, uint32_t tend, enum pl_hcl_comment_style style)
{
	struct pl_hcl_comment *c;
	size_t tlen = tend - tstart;

	lx->comments = pl_grow(lx->comments, lx->ncomments,
	    sizeof(*lx->comments));
	c = &lx->comments[lx->ncomments++];
	set_range(lx, &c->range, start, end);
	/* A comment is never an error; a huge one keeps its first part. */
	if (tlen > PL_HCL_MAX_TOKEN)
		tlen = PL_HCL_MAX_TOKEN;
	c->text = pl_arena_strndup(lx->arena, lx->text + tstart, tlen);
	c->len = (uint32_t)tlen;
	c->style = style;
}

/*
 * Does the line at p look like the start of a top-level item: a name in
 * column 1, then labels and "{", or "="?  (After a heredoc or a comment
 * that never ends, the text inside it is not where to go on.)
 */
static int
looks_like_item(const unsigned char *s, uint32_t p, uint32_t n)
{
	if (p >= n || !(cclass[s[p]] & C_IDS))
		return 0;
	while (p < n && (cclass[s[p]] & C_ID))
		p++;
	for (;;) {
		while (p < n && (s[p] == ' ' || s[p] == '\t'))
			p++;
		if (p >= n)
			return 0;
		if (s[p] == '{' || s[p] == '=')
			return 1;
		if (s[p] == '"') {
			p++;
			while (p < n && s[p] != '"' && s[p] != '\n')
				p++;
			if (p >= n || s[p] != '"')
				return 0;
			p++;
		} else if (cclass[s[p]] & C_IDS) {
			while (p < n && (cclass[s[p]] & C_ID))
				p++;
		} else
			return 0;
	}
}

/* The first such line after from, where parsing goes on (t->hint). */
static void
find_hint(struct pl_lexer *lx, struct pl_hcl_tok *t, uint32_t from)
{
	const unsigned char *s = (const unsigned char *)lx->text;
	const unsigned char *e = s + lx->len, *p;

	t->hint = 0;
	p = memchr(s + from, '\n', (size_t)(e - (s + from)));
	while (p != NULL && p + 1 < e) {
		p++;
		if (looks_like_item(s, (uint32_t)(p - s), lx->len)) {
			uint32_t raw, line, col;

			pl_lex_pos(lx, (uint32_t)(p - s), &raw, &line, &col);
			t->hint = raw;
			t->hint_line = line;
			return;
		}
		p = memchr(p, '\n', (size_t)(e - p));
	}
}

static int
push(struct pl_lexer *lx, enum pl_lex_mode mode)
{
	struct pl_lex_frame *f;

	if (lx->nframes >= sizeof(lx->frames) / sizeof(lx->frames[0]))
		return -1;
	f = &lx->frames[lx->nframes++];
	memset(f, 0, sizeof(*f));
	f->mode = mode;
	return 0;
}

static void
pop(struct pl_lexer *lx)
{
	if (lx->nframes > 1)
		lx->nframes--;
}

/* Is the line at p (ending at the newline or the end) the marker, with
 * spaces around it?  *eol is set to the line's end (before CR LF). */
static int
is_marker_line(const struct pl_lexer *lx, uint32_t p, const struct pl_lex_frame *f,
    uint32_t *eol)
{
	const char *s = lx->text;
	const char *nl = memchr(s + p, '\n', lx->len - p);
	uint32_t e = nl != NULL ? (uint32_t)(nl - s) : lx->len;
	uint32_t a = p, b = e;

	*eol = e;
	/* bytes.TrimSpace in scan_tokens.rl: spaces, tabs, CR. */
	while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r'))
		a++;
	while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' ||
	    s[b - 1] == '\r'))
		b--;
	return b - a == f->marker_len &&
	    memcmp(s + a, s + f->marker, f->marker_len) == 0;
}

/* Template text of a quoted string: up to ", ${, %{, a newline or EOF. */
static void
lex_quoted(struct pl_lexer *lx, struct pl_hcl_tok *t, struct pl_lex_frame *f)
{
	const unsigned char *s = (const unsigned char *)lx->text;
	uint32_t p = lx->pos, start = p, n = lx->len;
	int plain = 1;

	if (p >= n || s[p] == '\n' || s[p] == '\r') {
		/* The string ends here without its quote: report it at the
		 * opening quote, and leave the newline to the parent mode. */
		t->type = PL_TK_INVALID;
		t->msg = "unterminated string";
		t->r = frame_range(f, 1);
		t->tstart = t->tend = p;
		lx->pos = p;
		pop(lx);
		return;
	}
	if (s[p] == '"') {
		emit(lx, t, PL_TK_CQUOTE, p, p + 1);
		pop(lx);
		return;
	}
	if ((s[p] == '$' || s[p] == '%') && p + 1 < n && s[p + 1] == '{') {
		int strip = p + 2 < n && s[p + 2] == '~';

		emit(lx, t, s[p] == '$' ? PL_TK_INTERP : PL_TK_CONTROL, p,
		    p + 2 + strip);
		t->flags |= strip ? PL_TF_STRIP : 0;
		if (push(lx, PL_LM_NORMAL) != 0) {
			invalid(lx, t, p, p + 2, "templates nested deeper than "
			    "256 levels (PL_HCL_MAX_DEPTH)");
			t->flags |= PL_TF_LIMIT;
			return;
		}
		return;
	}
	for (;;) {
		while (p < n && !(cclass[s[p]] & C_QSTOP) && s[p] < 0x80)
			p++;
		if (p >= n)
			break;
		if (s[p] >= 0x80) {
			size_t k = utf8_len(s + p, n - p);

			if (k == 0) {
				if (p > start)
					break;
				invalid(lx, t, p, p + 1, "invalid UTF-8 in a "
				    "string");
				return;
			}
			p += (uint32_t)k;
			continue;
		}
		if (s[p] == '\\' || s[p] == '$' || s[p] == '%')
			plain = 0;
		if (s[p] == '\\') {
			/* The escape is checked by the parser; here it only
			 * must not end the text (\" and \\). */
			if (p + 1 < n && s[p + 1] != '\n' && s[p + 1] != '\r')
				p += 2;
			else
				p++;
			continue;
		}
		if ((s[p] == '$' || s[p] == '%') && p + 1 < n) {
			if (s[p + 1] == '{')
				break;
			/* $${ and %%{ are escapes, text. */
			if (s[p + 1] == s[p] && p + 2 < n && s[p + 2] == '{') {
				p += 3;
				continue;
			}
			p++;
			continue;
		}
		if (s[p] == '$' || s[p] == '%') {
			p++;
			continue;
		}
		break;
	}
	if (p - start > PL_HCL_MAX_TOKEN) {
		/* Skip the rest of the string's line; the parser sees the
		 * quote's mode end with the newline. */
		const char *nl = memchr(s + p, '\n', n - p);

		invalid(lx, t, start, start, "string longer than 16 MiB "
		    "(PL_HCL_MAX_TOKEN)");
		t->r = frame_range(f, 1);
		t->flags |= PL_TF_LIMIT;
		lx->pos = nl != NULL ? (uint32_t)((const unsigned char *)nl - s)
		    : n;
		pop(lx);
		return;
	}
	emit(lx, t, PL_TK_QLIT, start, p);
	/* Text with nothing to decode up to the closing quote: the parser
	 * takes it as it is. */
	if (plain && p < n && s[p] == '"')
		t->flags |= PL_TF_PLAIN;
}

/*
 * Heredoc text: one token for the run up to the next ${ or %{, or up to
 * the closing marker's line.  The marker is looked for only at the start
 * of a line that is not after an interpolation on the same line.
 */
static void
lex_heredoc(struct pl_lexer *lx, struct pl_hcl_tok *t, struct pl_lex_frame *f)
{
	const unsigned char *s = (const unsigned char *)lx->text;
	uint32_t p = lx->pos, start = p, n = lx->len, eol;

	if (f->sol && p < n && is_marker_line(lx, p, f, &eol)) {
		if (eol >= n) {
			/* hclsyntax ends a marker with a newline; here the
			 * file ends first.  Report it, but close the heredoc
			 * so that the rest reads as intended. */
			invalidf(lx, t, p, eol, "heredoc '%.*s' needs a newline "
			    "after its closing marker", (int)f->marker_len,
			    lx->text + f->marker);
			pop(lx);
			return;
		}
		/* The newline after the marker stays, for the attribute. */
		if (eol > p && s[eol - 1] == '\r')
			eol--;
		emit(lx, t, PL_TK_CHEREDOC, p, eol);
		pop(lx);
		return;
	}
	if (p >= n) {
		invalidf(lx, t, p, p, "heredoc '%.*s' is never closed",
		    (int)f->marker_len, lx->text + f->marker);
		t->r = frame_range(f, 2 + (uint32_t)f->flush + f->marker_len);
		if (!lx->mapped)
			find_hint(lx, t, f->open);
		lx->pos = n;
		pop(lx);
		return;
	}
	if ((s[p] == '$' || s[p] == '%') && p + 1 < n && s[p + 1] == '{') {
		int strip = p + 2 < n && s[p + 2] == '~';

		emit(lx, t, s[p] == '$' ? PL_TK_INTERP : PL_TK_CONTROL, p,
		    p + 2 + strip);
		t->flags |= strip ? PL_TF_STRIP : 0;
		f->sol = 0;
		if (push(lx, PL_LM_NORMAL) != 0) {
			invalid(lx, t, p, p + 2, "templates nested deeper than "
			    "256 levels (PL_HCL_MAX_DEPTH)");
			t->flags |= PL_TF_LIMIT;
		}
		return;
	}
	for (;;) {
		while (p < n && !(cclass[s[p]] & C_HSTOP) && s[p] < 0x80)
			p++;
		if (p >= n)
			break;
		if (s[p] >= 0x80) {
			size_t k = utf8_len(s + p, n - p);

			if (k == 0) {
				if (p > start)
					break;
				invalid(lx, t, p, p + 1, "invalid UTF-8 in a "
				    "heredoc");
				return;
			}
			p += (uint32_t)k;
			continue;
		}
		if (s[p] == '$' || s[p] == '%') {
			if (p + 1 < n && s[p + 1] == '{')
				break;
			if (p + 2 < n && s[p + 1] == s[p] && s[p + 2] == '{')
				p += 3;
			else
				p++;
			continue;
		}
		if (s[p] == '\r' && !(p + 1 < n && s[p + 1] == '\n')) {
			if (p > start)
				break;
			invalid(lx, t, p, p + 1, "a carriage return without a "
			    "newline in a heredoc");
			return;
		}
		if (s[p] == '\r')
			p++;
		/* A newline: the next line may be the marker. */
		p++;
		if (p - f->body > PL_HCL_MAX_HEREDOC)
			goto toolong;
		if (p < n && is_marker_line(lx, p, f, &eol))
			break;
	}
	if (p - f->body > PL_HCL_MAX_HEREDOC)
		goto toolong;
	f->sol = p > start && s[p - 1] == '\n';
	emit(lx, t, PL_TK_HLIT, start, p);
	return;

toolong:
	/* Refused, not read: skip to the marker (a line scan) and go on. */
	invalidf(lx, t, p, p, "heredoc '%.*s' longer than 16 MiB "
	    "(PL_HCL_MAX_HEREDOC)", (int)f->marker_len, lx->text + f->marker);
	t->r = frame_range(f, 2 + (uint32_t)f->flush + f->marker_len);
	t->flags |= PL_TF_LIMIT;
	for (;;) {
		const char *nl = memchr(s + p, '\n', n - p);

		if (is_marker_line(lx, p, f, &eol)) {
			lx->pos = eol;
			break;
		}
		if (nl == NULL) {
			lx->pos = n;
			break;
		}
		p = (uint32_t)((const unsigned char *)nl - s) + 1;
	}
	pop(lx);
}

/* Standalone template text: up to ${, %{ or the end. */
static void
lex_bare(struct pl_lexer *lx, struct pl_hcl_tok *t)
{
	const unsigned char *s = (const unsigned char *)lx->text;
	uint32_t p = lx->pos, start = p, n = lx->len;

	if (p >= n) {
		emit(lx, t, PL_TK_EOF, n, n);
		return;
	}
	if ((s[p] == '$' || s[p] == '%') && p + 1 < n && s[p + 1] == '{') {
		int strip = p + 2 < n && s[p + 2] == '~';

		emit(lx, t, s[p] == '$' ? PL_TK_INTERP : PL_TK_CONTROL, p,
		    p + 2 + strip);
		t->flags |= strip ? PL_TF_STRIP : 0;
		if (push(lx, PL_LM_NORMAL) != 0) {
			invalid(lx, t, p, p + 2, "templates nested deeper than "
			    "256 levels (PL_HCL_MAX_DEPTH)");
			t->flags |= PL_TF_LIMIT;
		}
		return;
	}
	while (p < n) {
		if ((s[p] == '$' || s[p] == '%') && p + 1 < n) {
			if (s[p + 1] == '{')
				break;
			if (p + 2 < n && s[p + 1] == s[p] && s[p + 2] == '{') {
				p += 3;
				continue;
			}
		}
		if (s[p] >= 0x80) {
			size_t k = utf8_len(s + p, n - p);

			if (k == 0) {
				if (p > start)
					break;
				invalid(lx, t, p, p + 1, "invalid UTF-8 in a "
				    "template");
				return;
			}
			p += (uint32_t)k;
			continue;
		}
		p++;
	}
	emit(lx, t, PL_TK_BLIT, start, p);
}

/* NumberLit of the spec: digits, a fraction, an exponent.  The token is
 * as long as scan_tokens.rl's (it may hold two dots: the parser says). */
static uint32_t
scan_number(const unsigned char *s, uint32_t p, uint32_t n)
{
	uint32_t last = p + 1;

	p++;
	for (;;) {
		if (p < n && (cclass[s[p]] & C_DIGIT)) {
			p++;
			last = p;
		} else if (p < n && s[p] == '.')
			p++;
		else if (p < n && (s[p] == 'e' || s[p] == 'E')) {
			uint32_t q = p + 1;

			if (q < n && (s[q] == '+' || s[q] == '-'))
				q++;
			if (q < n && (cclass[s[q]] & C_DIGIT)) {
				p = q + 1;
				last = p;
			} else
				break;
		} else
			break;
	}
	return last;
}

static void
lex_normal(struct pl_lexer *lx, struct pl_hcl_tok *t, struct pl_lex_frame *f)
{
	const unsigned char *s = (const unsigned char *)lx->text;
	uint32_t p = lx->pos, n = lx->len, start;
	unsigned char c;

again:
	while (p < n && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p >= n) {
		emit(lx, t, PL_TK_EOF, n, n);
		return;
	}
	start = p;
	c = s[p];
	switch (c) {
	case '\n':
		emit(lx, t, PL_TK_NEWLINE, p, p + 1);
		return;
	case '\r':
		if (p + 1 < n && s[p + 1] == '\n') {
			emit(lx, t, PL_TK_NEWLINE, p, p + 2);
			return;
		}
		invalid(lx, t, p, p + 1, "a carriage return without a newline");
		return;
	case '#':
	line_comment: {
		const char *nl = memchr(s + p, '\n', n - p);
		uint32_t e = nl != NULL ? (uint32_t)((const unsigned char *)nl
		    - s) : n;
		uint32_t te = e;

		if (te > p && s[te - 1] == '\r')
			te--;
		add_comment(lx, start, te, start + (c == '#' ? 1 : 2), te,
		    c == '#' ? PL_HCL_COMMENT_HASH : PL_HCL_COMMENT_SLASH);
		p = e;
		goto again;
	}
	case '/':
		if (p + 1 < n && s[p + 1] == '/')
			goto line_comment;
		if (p + 1 < n && s[p + 1] == '*') {
			const unsigned char *q = s + p + 2, *e = s + n;

			while (q < e) {
				q = memchr(q, '*', (size_t)(e - q));
				if (q == NULL || q + 1 >= e) {
					q = NULL;
					break;
				}
				if (q[1] == '/')
					break;
				q++;
			}
			if (q == NULL || q >= e) {
				invalid(lx, t, p, p + 2, "comment is never closed "
				    "(missing '*/')");
				if (!lx->mapped)
					find_hint(lx, t, p);
				lx->pos = n;
				return;
			}
			add_comment(lx, start, (uint32_t)(q - s) + 2, start + 2,
			    (uint32_t)(q - s), PL_HCL_COMMENT_BLOCK);
			p = (uint32_t)(q - s) + 2;
			goto again;
		}
		emit(lx, t, PL_TK_SLASH, p, p + 1);
		return;
	case '"':
		emit(lx, t, PL_TK_OQUOTE, p, p + 1);
		if (push(lx, PL_LM_QUOTED) != 0) {
			invalid(lx, t, p, p + 1, "templates nested deeper than "
			    "256 levels (PL_HCL_MAX_DEPTH)");
			t->flags |= PL_TF_LIMIT;
			return;
		}
		f = &lx->frames[lx->nframes - 1];
		f->open = t->r.start;
		f->open_line = t->r.line;
		f->open_col = t->r.col;
		return;
	case '{':
		emit(lx, t, PL_TK_LBRACE, p, p + 1);
		f->braces++;
		return;
	case '}':
		if (lx->nframes > 1 && f->braces == 0) {
			emit(lx, t, PL_TK_SEQEND, p, p + 1);
			pop(lx);
			return;
		}
		emit(lx, t, PL_TK_RBRACE, p, p + 1);
		if (f->braces > 0)
			f->braces--;
		return;
	case '~':
		if (p + 1 < n && s[p + 1] == '}') {
			/* As scan_tokens.rl: always a sequence end, so that a
			 * stray ~} is an error of the parser's. */
			emit(lx, t, PL_TK_SEQEND, p, p + 2);
			t->flags |= PL_TF_STRIP;
			if (lx->nframes > 1 && f->braces == 0)
				pop(lx);
			else if (f->braces > 0)
				f->braces--;
			return;
		}
		break;
	case '[': emit(lx, t, PL_TK_LBRACK, p, p + 1); return;
	case ']': emit(lx, t, PL_TK_RBRACK, p, p + 1); return;
	case '(': emit(lx, t, PL_TK_LPAREN, p, p + 1); return;
	case ')': emit(lx, t, PL_TK_RPAREN, p, p + 1); return;
	case ',': emit(lx, t, PL_TK_COMMA, p, p + 1); return;
	case '*': emit(lx, t, PL_TK_STAR, p, p + 1); return;
	case '%': emit(lx, t, PL_TK_PERCENT, p, p + 1); return;
	case '+': emit(lx, t, PL_TK_PLUS, p, p + 1); return;
	case '-': emit(lx, t, PL_TK_MINUS, p, p + 1); return;
	case '?': emit(lx, t, PL_TK_QUESTION, p, p + 1); return;
	case '.':
		if (p + 2 < n && s[p + 1] == '.' && s[p + 2] == '.') {
			emit(lx, t, PL_TK_ELLIPSIS, p, p + 3);
			return;
		}
		emit(lx, t, PL_TK_DOT, p, p + 1);
		return;
	case ':':
		if (p + 1 < n && s[p + 1] == ':') {
			emit(lx, t, PL_TK_DCOLON, p, p + 2);
			return;
		}
		emit(lx, t, PL_TK_COLON, p, p + 1);
		return;
	case '=':
		if (p + 1 < n && s[p + 1] == '=')
			emit(lx, t, PL_TK_EQ, p, p + 2);
		else if (p + 1 < n && s[p + 1] == '>')
			emit(lx, t, PL_TK_ARROW, p, p + 2);
		else
			emit(lx, t, PL_TK_ASSIGN, p, p + 1);
		return;
	case '!':
		if (p + 1 < n && s[p + 1] == '=')
			emit(lx, t, PL_TK_NE, p, p + 2);
		else
			emit(lx, t, PL_TK_NOT, p, p + 1);
		return;
	case '>':
		if (p + 1 < n && s[p + 1] == '=')
			emit(lx, t, PL_TK_GE, p, p + 2);
		else
			emit(lx, t, PL_TK_GT, p, p + 1);
		return;
	case '&':
		if (p + 1 < n && s[p + 1] == '&') {
			emit(lx, t, PL_TK_AND, p, p + 2);
			return;
		}
		invalid(lx, t, p, p + 1, "'&' is not an operator (did you mean "
		    "'&&'?)");
		return;
	case '|':
		if (p + 1 < n && s[p + 1] == '|') {
			emit(lx, t, PL_TK_OR, p, p + 2);
			return;
		}
		invalid(lx, t, p, p + 1, "'|' is not an operator (did you mean "
		    "'||'?)");
		return;
	case '<':
		if (p + 1 < n && s[p + 1] == '=') {
			emit(lx, t, PL_TK_LE, p, p + 2);
			return;
		}
		if (p + 1 < n && s[p + 1] == '<') {
			uint32_t q = p + 2, m, mend;
			int flush = 0;

			if (q < n && s[q] == '-') {
				flush = 1;
				q++;
			}
			m = q;
			if (q < n && (cclass[s[q]] & C_IDS)) {
				while (q < n && (cclass[s[q]] & C_ID))
					q++;
			}
			if (q == m || !(q < n && (s[q] == '\n' || (s[q] == '\r'
			    && q + 1 < n && s[q + 1] == '\n')))) {
				invalid(lx, t, p, q, "expected a heredoc marker "
				    "and a newline after '<<'");
				return;
			}
			mend = q;
			if (s[q] == '\r')
				q++;
			emit(lx, t, PL_TK_OHEREDOC, p, q + 1);
			t->flags |= flush ? PL_TF_FLUSH : 0;
			t->marker = m;
			t->marker_len = mend - m;
			if (push(lx, PL_LM_HEREDOC) != 0) {
				invalid(lx, t, p, p + 2, "templates nested deeper "
				    "than 256 levels (PL_HCL_MAX_DEPTH)");
				t->flags |= PL_TF_LIMIT;
				return;
			}
			f = &lx->frames[lx->nframes - 1];
			f->sol = 1;
			f->flush = flush;
			f->open = t->r.start;
			f->open_line = t->r.line;
			f->open_col = t->r.col;
			f->marker = t->marker;
			f->marker_len = t->marker_len;
			f->body = q + 1;
			return;
		}
		emit(lx, t, PL_TK_LT, p, p + 1);
		return;
	default:
		break;
	}
	if (cclass[c] & C_DIGIT) {
		uint32_t e = scan_number(s, p, n);

		if (e - p > PL_HCL_MAX_TOKEN) {
			invalid(lx, t, p, e, "number longer than 16 MiB "
			    "(PL_HCL_MAX_TOKEN)");
			t->flags |= PL_TF_LIMIT;
			return;
		}
		emit(lx, t, PL_TK_NUMBER, p, e);
		return;
	}
	if ((cclass[c] & C_IDS) || c >= 0x80) {
		/* ID_Start | '_', then ID_Continue | '-'.  Outside ASCII
		 * every valid UTF-8 character is taken as a letter: the
		 * Unicode tables would only refine which. */
		uint32_t q = p;

		for (;;) {
			while (q < n && (cclass[s[q]] & C_ID))
				q++;
			if (q < n && s[q] >= 0x80) {
				size_t k = utf8_len(s + q, n - q);

				if (k == 0)
					break;
				q += (uint32_t)k;
				continue;
			}
			break;
		}
		if (q == p) {
			invalid(lx, t, p, p + 1, "invalid UTF-8");
			return;
		}
		if (q - p > PL_HCL_MAX_TOKEN) {
			invalid(lx, t, p, q, "name longer than 16 MiB "
			    "(PL_HCL_MAX_TOKEN)");
			t->flags |= PL_TF_LIMIT;
			return;
		}
		emit(lx, t, PL_TK_IDENT, p, q);
		return;
	}
	if (c == '$' && p + 1 < n && s[p + 1] == '{') {
		invalid(lx, t, p, p + 2, "'${' is only for templates: put it in "
		    "a string");
		return;
	}
	if (c >= 0x20 && c < 0x7f)
		invalidf(lx, t, p, p + 1, "unexpected character '%c'", c);
	else
		invalidf(lx, t, p, p + 1, "unexpected byte 0x%02x", c);
}

void
pl_lex_next(struct pl_lexer *lx, struct pl_hcl_tok *t)
{
	struct pl_lex_frame *f = &lx->frames[lx->nframes - 1];

	t->flags = 0;
	t->msg = NULL;
	t->hint = 0;
	switch (f->mode) {
	case PL_LM_QUOTED:
		lex_quoted(lx, t, f);
		return;
	case PL_LM_HEREDOC:
		lex_heredoc(lx, t, f);
		return;
	case PL_LM_BARE:
		lex_bare(lx, t);
		return;
	case PL_LM_NORMAL:
		break;
	}
	lex_normal(lx, t, f);
	if (t->type == PL_TK_NEWLINE) {
		lx->line_has_token = 0;
		return;
	}
	if (!lx->line_has_token && t->type != PL_TK_EOF) {
		lx->line_has_token = 1;
		t->flags |= PL_TF_SOL;
		lx->line_first_type = t->type;
		lx->line_first = t->r;
		lx->line_first_col1 = t->type == PL_TK_IDENT && t->r.col == 1;
		if (lx->line_first_col1)
			t->flags |= PL_TF_COL1;
	}
	/* A heredoc's opener ends its line: the body is not a new line of
	 * tokens, and the marker's newline starts the next one. */
}

void
pl_lex_rewind(struct pl_lexer *lx, uint32_t off, uint32_t line, uint32_t col)
{
	lx->pos = off;
	lx->nframes = 1;
	memset(&lx->frames[0], 0, sizeof(lx->frames[0]));
	lx->frames[0].mode = lx->base;
	lx->cur_off = off;
	lx->cur_line = line;
	lx->cur_col = col;
	if (!lx->mapped) {
		uint32_t st = off;

		while (st > 0 && lx->text[st - 1] != '\n')
			st--;
		line_enter(lx, st, line);
		/* The column given wins (a byte order mark is not one). */
		lx->ln_ascii = lx->ln_ascii && off - st + 1 == col;
		lx->cur_off = off;
		lx->cur_col = col;
	}
	lx->line_has_token = 0;
	while (lx->ncomments > 0 &&
	    lx->comments[lx->ncomments - 1].range.start >= off)
		lx->ncomments--;
}
