/* json_pull.c -- a streaming JSON pull parser that builds nothing */
/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "proxylint/json_pull.h"
#include "proxylint/banned.h"

/* ---- failures ---------------------------------------------------------- */

/* The first failure sticks; the cursor stops at the end of the text. */
static int
fail_at(struct pl_jp *j, const char *at, const char *why)
{
	if (j->err == NULL) {
		j->err = why;
		j->errat = at;
	}
	j->p = j->end;
	return -1;
}

static int
fail(struct pl_jp *j, const char *why)
{
	return fail_at(j, j->p, why);
}

static int
limit(struct pl_jp *j, const char *why)
{
	if (j->err == NULL)
		j->limit = true;
	return fail(j, why);
}

static int
count_value(struct pl_jp *j)
{
	if (j->max_values > 0 && ++j->values > j->max_values)
		return limit(j, "too many JSON values");
	return 0;
}

/* ---- scalars ----------------------------------------------------------- */

static void
ws(struct pl_jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\n' ||
	    *j->p == '\r' || *j->p == '\t'))
		j->p++;
}

/* The octets of a string: plain, '"', '\', control, and UTF-8 (>= 0x80). */
#define P	0
#define Q	1
#define E	2
#define C	3
#define U	4
static const unsigned char str_class[256] = {
	C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
	C, C, C, C, C, C, C, C, C, C, C, C, C, C, C, C,
	P, P, Q, P, P, P, P, P, P, P, P, P, P, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, E, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
	U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,
};
#undef P
#undef Q
#undef E
#undef C
#undef U
enum { S_PLAIN, S_QUOTE, S_ESC, S_CTRL, S_UTF8 };

/*
 * The length of the well-formed UTF-8 sequence at p (Unicode table 3-7:
 * C2..DF, then E0 A0..BF, E1..EC, ED 80..9F, EE..EF, then F0 90..BF,
 * F1..F3, F4 80..8F, each followed by continuation octets 80..BF), or 0.
 */
static size_t
utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned char c = p[0], lo = 0x80, hi = 0xbf;
	size_t n;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		if (c == 0xe0)
			lo = 0xa0;	/* no overlong form */
		else if (c == 0xed)
			hi = 0x9f;	/* no surrogate */
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		if (c == 0xf0)
			lo = 0x90;	/* no overlong form */
		else if (c == 0xf4)
			hi = 0x8f;	/* nothing above U+10FFFF */
	} else
		return 0;
	if ((size_t)(end - p) < n || p[1] < lo || p[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (p[i] < 0x80 || p[i] > 0xbf)
			return 0;
	return n;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The code unit of the 4 hex digits at p (end bounds them), or -1. */
static long
hex4(const unsigned char *p, const unsigned char *end)
{
	long v = 0;

	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int h = hexval(p[i]);

		if (h < 0)
			return -1;
		v = v << 4 | h;
	}
	return v;
}

/* A string at j->p (its '"'): its span in v, the cursor after it. */
static int
scan_string(struct pl_jp *j, struct pl_jp_value *v)
{
	const unsigned char *p = (const unsigned char *)j->p + 1;
	const unsigned char *end = (const unsigned char *)j->end;
	const char *why;

	v->type = PL_JP_STRING;
	v->s = (const char *)p;
	v->escaped = false;
	for (;;) {
		long cu;

		while (p < end && str_class[*p] == S_PLAIN)
			p++;
		if (p >= end) {
			why = "unterminated string";
			break;
		}
		if (str_class[*p] == S_QUOTE) {
			v->n = (size_t)((const char *)p - v->s);
			j->p = (const char *)p + 1;
			return 0;
		}
		if (str_class[*p] == S_CTRL) {
			why = "control character in a string";
			break;
		}
		if (str_class[*p] == S_UTF8) {
			size_t n = utf8_len(p, end);

			if (n == 0) {
				why = "invalid UTF-8 in a string";
				break;
			}
			p += n;
			continue;
		}
		/* An escape. */
		v->escaped = true;
		if (end - p < 2) {
			why = "unterminated string";
			break;
		}
		if (strchr("\"\\/bfnrt", p[1]) != NULL && p[1] != '\0') {
			p += 2;
			continue;
		}
		if (p[1] != 'u') {
			why = "invalid escape in a string";
			break;
		}
		if ((cu = hex4(p + 2, end)) < 0) {
			why = "invalid \\u escape";
			break;
		}
		if (cu >= 0xdc00 && cu <= 0xdfff) {
			why = "\\u escape of a low surrogate with no high one "
			    "before it";
			break;
		}
		if (cu >= 0xd800 && cu <= 0xdbff) {
			long lo = end - p >= 12 && p[6] == '\\' && p[7] == 'u' ?
			    hex4(p + 8, end) : -1;

			if (lo < 0xdc00 || lo > 0xdfff) {
				why = "\\u escape of a high surrogate with no "
				    "low one after it";
				break;
			}
			p += 6;
		}
		p += 6;
	}
	return fail_at(j, (const char *)p, why);
}

static bool
digit(const struct pl_jp *j, const char *p)
{
	return p < j->end && *p >= '0' && *p <= '9';
}

static int
scan_number(struct pl_jp *j, struct pl_jp_value *v)
{
	const char *p = j->p;

	v->type = PL_JP_NUMBER;
	v->s = p;
	v->escaped = false;
	if (p < j->end && *p == '-')
		p++;
	if (!digit(j, p))
		return fail(j, "invalid value");
	if (*p == '0')
		p++;
	else
		while (digit(j, p))
			p++;
	if (p < j->end && *p == '.') {
		p++;
		if (!digit(j, p))
			return fail_at(j, p, "invalid number");
		while (digit(j, p))
			p++;
	}
	if (p < j->end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < j->end && (*p == '+' || *p == '-'))
			p++;
		if (!digit(j, p))
			return fail_at(j, p, "invalid number");
		while (digit(j, p))
			p++;
	}
	v->n = (size_t)(p - v->s);
	j->p = p;
	return 0;
}

static int
scan_word(struct pl_jp *j, struct pl_jp_value *v, const char *w, size_t n,
    enum pl_jp_type t)
{
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
		return fail(j, "invalid value");
	v->type = t;
	v->s = j->p;
	v->n = n;
	v->escaped = false;
	j->p += n;
	return 0;
}

/* A scalar at j->p (which may be the end). */
static int
scan_scalar(struct pl_jp *j, struct pl_jp_value *v)
{
	if (j->p >= j->end)
		return fail(j, "unexpected end of the text");
	if (count_value(j) != 0)
		return -1;
	switch (*j->p) {
	case '"':
		return scan_string(j, v);
	case 't':
		return scan_word(j, v, "true", 4, PL_JP_TRUE);
	case 'f':
		return scan_word(j, v, "false", 5, PL_JP_FALSE);
	case 'n':
		return scan_word(j, v, "null", 4, PL_JP_NULL);
	default:
		return scan_number(j, v);
	}
}

/* An object's key and its ':' at j->p, whitespace after. */
static int
scan_key(struct pl_jp *j, struct pl_jp_value *k)
{
	if (j->p >= j->end || *j->p != '"')
		return fail(j, "expected a key");
	if (scan_string(j, k) != 0)
		return -1;
	ws(j);
	if (j->p >= j->end || *j->p != ':')
		return fail(j, "expected ':'");
	j->p++;
	ws(j);
	return 0;
}

/* ---- containers -------------------------------------------------------- */

/*
 * Skips the container at j->p, checking its syntax, without recursion: one
 * bit per open container says whether it is an object.
 */
static int
skip_container(struct pl_jp *j)
{
	uint64_t objs[PL_JP_DEPTH_MAX / 64];
	unsigned sp = 0;
	struct pl_jp_value v;

#define TOP_IS_OBJ()	((objs[(sp - 1) / 64] >> ((sp - 1) % 64)) & 1)
	for (;;) {
		if (j->p < j->end && (*j->p == '{' || *j->p == '[')) {
			bool obj = *j->p == '{';

			if (j->base + j->open + sp >= j->max_depth)
				return limit(j, "JSON nested too deep");
			if (count_value(j) != 0)
				return -1;
			if (obj)
				objs[sp / 64] |= (uint64_t)1 << (sp % 64);
			else
				objs[sp / 64] &= ~((uint64_t)1 << (sp % 64));
			sp++;
			j->p++;
			ws(j);
			if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
				j->p++;
				sp--;
			} else {
				if (obj && scan_key(j, &v) != 0)
					return -1;
				continue;	/* the first member's value */
			}
		} else if (scan_scalar(j, &v) != 0)
			return -1;
		/* After a value: ',' and the next, or closing brackets. */
		for (;;) {
			if (sp == 0)
				return 0;
			ws(j);
			if (j->p >= j->end)
				return fail(j, "unexpected end of the text");
			if (*j->p == (TOP_IS_OBJ() ? '}' : ']')) {
				j->p++;
				sp--;
				continue;
			}
			if (*j->p != ',')
				return fail(j, "expected ',' or a closing "
				    "bracket");
			j->p++;
			ws(j);
			if (TOP_IS_OBJ() && scan_key(j, &v) != 0)
				return -1;
			break;
		}
	}
#undef TOP_IS_OBJ
}

void
pl_jp_init(struct pl_jp *j, const char *text, size_t len, unsigned max_depth,
    unsigned long max_values)
{
	memset(j, 0, sizeof(*j));
	j->text = text;
	j->p = text;
	j->end = text + len;
	j->max_depth = max_depth == 0 ? PL_JP_DEPTH_DEFAULT :
	    max_depth > PL_JP_DEPTH_MAX ? PL_JP_DEPTH_MAX : max_depth;
	j->max_values = max_values;
}

int
pl_jp_check(struct pl_jp *j)
{
	struct pl_jp_value v;

	if (j->err != NULL)
		return -1;
	ws(j);
	if (j->p < j->end && (*j->p == '{' || *j->p == '[')) {
		if (skip_container(j) != 0)
			return -1;
	} else if (scan_scalar(j, &v) != 0)
		return -1;
	return pl_jp_end(j);
}

int
pl_jp_end(struct pl_jp *j)
{
	if (j->err != NULL)
		return -1;
	ws(j);
	if (j->p < j->end)
		return fail(j, "text after the JSON value");
	return 0;
}

/* Opens the container at j->p for it. */
static int
open_container(struct pl_jp *j, struct pl_jp_iter *it)
{
	memset(it, 0, sizeof(*it));
	it->j = j;
	if (j->err != NULL)
		return -1;
	if (j->base + j->open >= j->max_depth)
		return limit(j, "JSON nested too deep");
	if (count_value(j) != 0)
		return -1;
	it->obj = *j->p == '{';
	it->first = true;
	it->level = ++j->open;
	j->p++;
	return 0;
}

int
pl_jp_begin(struct pl_jp *j, struct pl_jp_iter *it)
{
	memset(it, 0, sizeof(*it));
	it->j = j;
	if (j->err != NULL)
		return -1;
	ws(j);
	if (j->p >= j->end || (*j->p != '{' && *j->p != '['))
		return fail(j, "expected an object or a list");
	return open_container(j, it);
}

int
pl_jp_next(struct pl_jp_iter *it, struct pl_jp_value *key,
    struct pl_jp_value *val)
{
	struct pl_jp *j = it->j;

	memset(key, 0, sizeof(*key));
	memset(val, 0, sizeof(*val));
	if (j->err != NULL)
		return -1;
	if (it->done)
		return 0;
	if (j->open != it->level)
		return fail(j, "a JSON container was left before its end");
	if (it->pending != NULL) {
		j->p = it->pending;
		it->pending = NULL;
		if (skip_container(j) != 0)
			return -1;
	}
	ws(j);
	if (j->p >= j->end)
		return fail(j, "unexpected end of the text");
	if (*j->p == (it->obj ? '}' : ']')) {
		/* A close right after a ',' never comes here: the ',' is
		 * read with the member after it, which must be there. */
		j->p++;
		j->open--;
		it->done = true;
		return 0;
	}
	if (!it->first) {
		if (*j->p != ',')
			return fail(j, "expected ',' or a closing bracket");
		j->p++;
		ws(j);
	}
	it->first = false;
	if (it->obj && scan_key(j, key) != 0)
		return -1;
	key->depth = j->base + it->level;
	if (j->p < j->end && (*j->p == '{' || *j->p == '[')) {
		val->type = *j->p == '{' ? PL_JP_OBJECT : PL_JP_ARRAY;
		val->s = j->p;
		val->depth = j->base + it->level;
		it->pending = j->p;
		return 1;
	}
	if (scan_scalar(j, val) != 0)
		return -1;
	val->depth = j->base + it->level;
	return 1;
}

int
pl_jp_enter(struct pl_jp_iter *parent, struct pl_jp_iter *child)
{
	struct pl_jp *j = parent->j;

	memset(child, 0, sizeof(*child));
	child->j = j;
	if (j->err != NULL)
		return -1;
	if (parent->pending == NULL)
		return fail(j, "no JSON container to enter");
	j->p = parent->pending;
	parent->pending = NULL;
	return open_container(j, child);
}

int
pl_jp_reopen(const struct pl_jp *doc, const struct pl_jp_value *v,
    struct pl_jp *sub, struct pl_jp_iter *it)
{
	memset(sub, 0, sizeof(*sub));
	memset(it, 0, sizeof(*it));
	it->j = sub;
	sub->text = doc->text;
	sub->p = v->s != NULL ? v->s : doc->end;
	sub->end = doc->end;
	sub->max_depth = doc->max_depth;
	sub->max_values = doc->max_values;
	sub->base = v->depth;
	if (v->type != PL_JP_OBJECT && v->type != PL_JP_ARRAY)
		return fail(sub, "expected an object or a list");
	return open_container(sub, it);
}

void
pl_jp_where(const struct pl_jp *j, unsigned long *line, unsigned long *col)
{
	const char *at = j->err != NULL ? j->errat : j->p;

	*line = 1;
	*col = 1;
	for (const char *p = j->text; p < at; p++) {
		if (*p == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)*p & 0xc0) != 0x80)
			++*col;
	}
}

/* ---- values ------------------------------------------------------------ */

/* The code point of the \u escape (or surrogate pair) at p; p moves on. */
static unsigned long
escape_cp(const char **pp)
{
	const unsigned char *p = (const unsigned char *)*pp;
	unsigned long cp = (unsigned long)hex4(p + 2, p + 6);

	*pp += 6;
	if (cp >= 0xd800 && cp <= 0xdbff) {
		/* The parser saw the low surrogate after it. */
		unsigned long lo = (unsigned long)hex4(p + 8, p + 12);

		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		*pp += 6;
	}
	return cp;
}

/* Writes code point cp as UTF-8 into u; returns its length. */
static size_t
utf8_put(unsigned long cp, char *u)
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xc0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	u[0] = (char)(0xf0 | cp >> 18);
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	u[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The code point of the escape at p (its '\'), as UTF-8 into u; p moves
 * past it.  Returns the length, 0 for U+0000. */
static size_t
unescape(const char **p, char *u)
{
	unsigned long cp;

	switch ((*p)[1]) {
	case 'b': cp = '\b'; break;
	case 'f': cp = '\f'; break;
	case 'n': cp = '\n'; break;
	case 'r': cp = '\r'; break;
	case 't': cp = '\t'; break;
	case 'u': return (cp = escape_cp(p)) == 0 ? 0 : utf8_put(cp, u);
	default: cp = (unsigned char)(*p)[1]; break;	/* " \ / */
	}
	*p += 2;
	return utf8_put(cp, u);
}

int
pl_jp_decode(const struct pl_jp_value *v, struct pl_buf *b)
{
	const char *p = v->s, *end = v->s + v->n;

	if (!v->escaped) {
		pl_buf_add(b, p, v->n);
		return 0;
	}
	while (p < end) {
		const char *q = memchr(p, '\\', (size_t)(end - p));
		char u[4];
		size_t k;

		if (q == NULL)
			q = end;
		pl_buf_add(b, p, (size_t)(q - p));
		if ((p = q) >= end)
			break;
		if ((k = unescape(&p, u)) == 0)
			return -1;
		pl_buf_add(b, u, k);
	}
	return 0;
}

const char *
pl_jp_string(const struct pl_jp_value *v, struct pl_buf *b, size_t max)
{
	pl_buf_reset(b);
	if (v->type != PL_JP_STRING || v->n > max || pl_jp_decode(v, b) != 0)
		return NULL;
	pl_buf_addc(b, '\0');
	b->len--;
	return b->buf;
}

bool
pl_jp_eq(const struct pl_jp_value *v, const char *s, size_t n)
{
	const char *p = v->s, *end = v->s + v->n;
	size_t i = 0;

	if (v->type != PL_JP_STRING)
		return false;
	if (!v->escaped)
		return v->n == n && memcmp(v->s, s, n) == 0;
	while (p < end) {
		char u[4];
		size_t k;

		if (*p != '\\') {
			if (i >= n || s[i] != *p)
				return false;
			i++;
			p++;
			continue;
		}
		k = unescape(&p, u);
		if (k == 0) {	/* U+0000 */
			u[0] = '\0';
			k = 1;
		}
		if (i + k > n || memcmp(s + i, u, k) != 0)
			return false;
		i += k;
	}
	return i == n;
}

int
pl_jp_uint(const struct pl_jp_value *v, unsigned long max, unsigned long *out)
{
	unsigned long x = 0;

	*out = 0;
	if (v->type == PL_JP_NONE || v->type == PL_JP_NULL)
		return 0;
	if (v->type != PL_JP_NUMBER || v->n == 0)
		return -1;
	/* No sign, fraction or exponent. */
	for (size_t i = 0; i < v->n; i++) {
		if (v->s[i] < '0' || v->s[i] > '9')
			return -1;
		if (x > (ULONG_MAX - 9) / 10 ||
		    (x = x * 10 + (unsigned long)(v->s[i] - '0')) > max)
			return -1;
	}
	*out = x;
	return 1;
}
