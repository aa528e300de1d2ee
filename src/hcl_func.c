/* hcl_func.c -- Terraform's pure built-in functions, for the evaluator */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcl_impl.h"
#include "proxylint/banned.h"

/*
 * The functions a DNS configuration uses, with Terraform's semantics: the
 * docs (developer.hashicorp.com/terraform/language/functions) and the
 * implementations, read for behaviour, in go-cty cty/function/stdlib and
 * terraform internal/lang/funcs.  Anything else (file(), templatefile(),
 * timestamp(), uuid(), provider functions, a typo) is unknown, and its
 * value says so: the caller can tell a function it does not know from a
 * value not known before apply.
 *
 * Unknown arguments make most results unknown; the functions that only
 * move elements around (length, keys, merge, concat, lookup...) accept
 * collections that hold unknown elements and keep them.  Text functions
 * whose result depends on Unicode grapheme clusters or case tables give
 * an exact result for the text they can measure (ASCII, and characters
 * that never combine) and unknown otherwise, never a guess.
 */

struct call {
	struct pl_hcl_eval		*ev;
	const struct pl_hcl_expr	*e;
	const char			*name;
	struct pl_hcl_value		*args;
	size_t				 nargs;
	const struct pl_hcl_range	**where;	/* each argument's */
	struct pl_hcl_value		*out;
};

/* What a function needs known of its arguments before it runs. */
enum { K_NONE, K_TOP, K_DEEP, K_LAZY };

struct fn {
	const char	*name;
	int		 min;
	int		 max;		/* -1: any number */
	int		 known;
	int		 (*call)(struct call *);
};

static int cfail(struct call *, size_t, const char *, ...)
    __attribute__((format(printf, 3, 4)));

/* An error about argument i (or the call, when i is past the end). */
static int
cfail(struct call *c, size_t i, const char *fmt, ...)
{
	char buf[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return pl_hcl_fail(c->ev, i < c->nargs ? c->where[i] : &c->e->range,
	    "%s(): %s", c->name, buf);
}

static const struct pl_hcl_range *
W(struct call *c, size_t i)
{
	return i < c->nargs ? c->where[i] : &c->e->range;
}

static int
is_seq(enum pl_hcl_type t)
{
	return t == PL_HCL_TUPLE || t == PL_HCL_LIST || t == PL_HCL_SET;
}

static int
is_map(enum pl_hcl_type t)
{
	return t == PL_HCL_OBJECT || t == PL_HCL_MAP;
}

static void
set_unknown(struct call *c, const struct pl_hcl_value *from)
{
	pl_hcl_unknown_of(c->out, from, NULL);
}

static void
set_string(struct call *c, const char *s, size_t n)
{
	memset(c->out, 0, sizeof(*c->out));
	c->out->type = PL_HCL_STRING;
	c->out->u.str = s;
	c->out->n = (uint32_t)n;
}

/* A copy of [s, s + n) as the result. */
static int
out_string(struct call *c, const char *s, size_t n)
{
	char *d = pl_hcl_strbuf(c->ev, n, &c->e->range);

	if (d == NULL)
		return -1;
	memcpy(d, s, n);
	set_string(c, d, n);
	return 0;
}

static int
out_collection(struct call *c, enum pl_hcl_type type, size_t n)
{
	struct pl_hcl_value *items = NULL;

	if (n > 0 && (items = pl_hcl_items(c->ev, type, n, &c->e->range)) ==
	    NULL)
		return -1;
	memset(c->out, 0, sizeof(*c->out));
	c->out->type = type;
	c->out->n = (uint32_t)n;
	c->out->u.items = items;
	return 0;
}

/* Argument i as a string: 0, 1 (unknown: the result is set), -1. */
static int
arg_str(struct call *c, size_t i, struct pl_hcl_value *s)
{
	int r;

	if (c->args[i].type == PL_HCL_NULL)
		return cfail(c, i, "argument %zu must not be null", i + 1);
	if ((r = pl_hcl_to_string(c->ev, &c->args[i], s, W(c, i), "the "
	    "argument")) > 0)
		set_unknown(c, &c->args[i]);
	return r;
}

static int
arg_num(struct call *c, size_t i, double *d)
{
	int r;

	if (c->args[i].type == PL_HCL_NULL)
		return cfail(c, i, "argument %zu must not be null", i + 1);
	if ((r = pl_hcl_to_number(c->ev, &c->args[i], d, W(c, i), "the "
	    "argument")) > 0)
		set_unknown(c, &c->args[i]);
	return r;
}

/* A whole number (gocty.FromCtyValue to an int). */
static int
arg_int(struct call *c, size_t i, long long *v)
{
	double d;
	int r = arg_num(c, i, &d);

	if (r != 0)
		return r;
	if (d != pl_hcl_floor(d) || pl_hcl_fabs(d) > 9e15)
		return cfail(c, i, "argument %zu must be a whole number", i + 1);
	*v = (long long)d;
	return 0;
}

/* Elements of a sequence argument (a tuple, list or set). */
static int
arg_seq(struct call *c, size_t i, const char *what)
{
	const struct pl_hcl_value *v = &c->args[i];

	if (is_seq(v->type))
		return 0;
	if (v->type == PL_HCL_NULL)
		return cfail(c, i, "the %s must not be null", what);
	return cfail(c, i, "the %s must be a list, tuple or set, not %s", what,
	    pl_hcl_type_a(v->type));
}

/* ---- Unicode text that can be measured ---------------------------------- */

/* Decodes the UTF-8 character at s (valid: values are UTF-8). */
static uint32_t
utf8_dec(const unsigned char *s, size_t n, size_t *len)
{
	if (s[0] < 0x80 || n < 2) {
		*len = 1;
		return s[0];
	}
	if (s[0] < 0xe0) {
		*len = 2;
		return ((uint32_t)(s[0] & 0x1f) << 6) | (s[1] & 0x3f);
	}
	if (s[0] < 0xf0 || n < 4) {
		*len = n < 3 ? n : 3;
		return ((uint32_t)(s[0] & 0x0f) << 12) |
		    ((uint32_t)(s[1] & 0x3f) << 6) | (n >= 3 ? (s[2] & 0x3f) : 0);
	}
	*len = 4;
	return ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3f) << 12) |
	    ((uint32_t)(s[2] & 0x3f) << 6) | (s[3] & 0x3f);
}

/*
 * Is every character of s its own grapheme cluster?  True for ASCII and
 * for the ranges below, whose characters never combine with a neighbour;
 * a string with anything else (combining marks, joiners, emoji, Hangul
 * jamo...) is measured by no one here.  CR LF is one cluster: counted.
 */
static int
simple_text(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; i < n;) {
		size_t k;
		uint32_t cp;

		if (u[i] < 0x80) {
			i++;
			continue;
		}
		cp = utf8_dec(u + i, n - i, &k);
		i += k;
		if (cp < 0x300 || (cp >= 0x370 && cp < 0x483) ||
		    (cp >= 0x48a && cp < 0x530) || (cp >= 0x3040 && cp < 0x3099) ||
		    (cp >= 0x30a0 && cp < 0x3100) || (cp >= 0x4e00 && cp < 0xa000))
			continue;
		return 0;
	}
	return 1;
}

/* Characters (grapheme clusters) of simple text. */
static size_t
text_len(const char *s, size_t n)
{
	size_t count = 0;

	for (size_t i = 0; i < n; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (s[i] == '\n' && i > 0 && s[i - 1] == '\r')
			continue;
		count++;
	}
	return count;
}

/* Byte offset of the character k of simple text (n if past the end). */
static size_t
text_off(const char *s, size_t n, size_t k)
{
	size_t i = 0;

	while (k > 0 && i < n) {
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			i += 2;
		else {
			i++;
			while (i < n && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
		}
		k--;
	}
	return i;
}

static int
unmeasurable(struct call *c)
{
	pl_hcl_value_unknown(c->out, "text with combining characters is not "
	    "measured");
	return 0;
}

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

static int
ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* ---- Conversion functions ----------------------------------------------- */

static int
fn_tostring(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];

	if (v->type == PL_HCL_NULL || v->type == PL_HCL_STRING) {
		*c->out = *v;
		return 0;
	}
	if (v->type != PL_HCL_NUMBER && v->type != PL_HCL_BOOL)
		return cfail(c, 0, "cannot convert %s to a string",
		    pl_hcl_type_a(v->type));
	return pl_hcl_to_string(c->ev, v, c->out, W(c, 0), "the argument") < 0 ?
	    -1 : 0;
}

static int
fn_tonumber(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];
	double d;

	if (v->type == PL_HCL_NULL || v->type == PL_HCL_NUMBER) {
		*c->out = *v;
		return 0;
	}
	if (v->type != PL_HCL_STRING)
		return cfail(c, 0, "cannot convert %s to a number",
		    pl_hcl_type_a(v->type));
	if (pl_hcl_parse_number(v->u.str, v->n, &d) != 0)
		return cfail(c, 0, "cannot convert \"%.40s\" to a number",
		    v->u.str);
	pl_hcl_value_number(c->out, d);
	return 0;
}

static int
fn_tobool(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];
	int b;

	if (v->type == PL_HCL_NULL || v->type == PL_HCL_BOOL) {
		*c->out = *v;
		return 0;
	}
	if (v->type != PL_HCL_STRING)
		return cfail(c, 0, "cannot convert %s to a bool",
		    pl_hcl_type_a(v->type));
	if (pl_hcl_to_bool(c->ev, v, &b, W(c, 0), "the argument") < 0)
		return -1;
	pl_hcl_value_bool(c->out, b);
	return 0;
}

/* tolist, toset: a sequence, its elements of one type. */
static int
to_seq(struct call *c, enum pl_hcl_type type)
{
	const struct pl_hcl_value *v = &c->args[0];

	if (v->type == PL_HCL_NULL) {
		*c->out = *v;
		return 0;
	}
	if (!is_seq(v->type))
		return cfail(c, 0, "cannot convert %s to a %s",
		    pl_hcl_type_a(v->type), pl_hcl_type_name(type));
	if (v->type == type) {
		*c->out = *v;
		return 0;
	}
	if (out_collection(c, type, v->n) != 0)
		return -1;
	if (v->n > 0)
		memcpy(c->out->u.items, v->u.items, v->n * sizeof(*v->u.items));
	if (pl_hcl_unify(c->ev, c->out, W(c, 0)) != 0)
		return -1;
	if (type == PL_HCL_SET) {
		if (pl_hcl_charge_sort(c->ev, v->n, &c->e->range) != 0)
			return -1;
		pl_hcl_sort_set(c->out);
	}
	c->out->origin = v->origin;
	return 0;
}

static int
fn_tolist(struct call *c)
{
	return to_seq(c, PL_HCL_LIST);
}

static int
fn_toset(struct call *c)
{
	return to_seq(c, PL_HCL_SET);
}

static int
fn_tomap(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];

	if (v->type == PL_HCL_NULL || v->type == PL_HCL_MAP) {
		*c->out = *v;
		return 0;
	}
	if (v->type != PL_HCL_OBJECT)
		return cfail(c, 0, "cannot convert %s to a map",
		    pl_hcl_type_a(v->type));
	*c->out = *v;
	c->out->type = PL_HCL_MAP;
	return pl_hcl_unify(c->ev, c->out, W(c, 0));
}

/* ---- Collection functions ----------------------------------------------- */

static int
fn_length(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];

	switch (v->type) {
	case PL_HCL_STRING:
		if (!simple_text(v->u.str, v->n))
			return unmeasurable(c);
		pl_hcl_value_number(c->out, (double)text_len(v->u.str, v->n));
		return 0;
	case PL_HCL_SET:
		/* Unknown elements may turn out equal to others. */
		for (size_t i = 0; i < v->n; i++)
			if (v->u.items[i].type == PL_HCL_UNKNOWN) {
				set_unknown(c, &v->u.items[i]);
				return 0;
			}
		/* FALLTHROUGH */
	case PL_HCL_TUPLE:
	case PL_HCL_LIST:
	case PL_HCL_OBJECT:
	case PL_HCL_MAP:
		pl_hcl_value_number(c->out, (double)v->n);
		return 0;
	case PL_HCL_NULL:
		return cfail(c, 0, "argument must not be null");
	default:
		return cfail(c, 0, "argument must be a string, a collection or a "
		    "structural type, not %s", pl_hcl_type_a(v->type));
	}
}

static int
fn_keys(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];

	if (!is_map(v->type))
		return cfail(c, 0, "must have map or object type, not %s",
		    pl_hcl_type_name(v->type));
	if (out_collection(c, v->type == PL_HCL_MAP ? PL_HCL_LIST :
	    PL_HCL_TUPLE, v->n) != 0)
		return -1;
	for (size_t i = 0; i < v->n; i++)
		c->out->u.items[i] = v->u.items[2 * i];
	return 0;
}

static int
fn_values(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];

	if (!is_map(v->type))
		return cfail(c, 0, "must have map or object type, not %s",
		    pl_hcl_type_name(v->type));
	if (out_collection(c, v->type == PL_HCL_MAP ? PL_HCL_LIST :
	    PL_HCL_TUPLE, v->n) != 0)
		return -1;
	for (size_t i = 0; i < v->n; i++)
		c->out->u.items[i] = v->u.items[2 * i + 1];
	return 0;
}

static int
fn_merge(struct call *c)
{
	size_t total = 0, w = 0;
	int all_maps = 1;

	for (size_t i = 0; i < c->nargs; i++) {
		const struct pl_hcl_value *v = &c->args[i];

		if (v->type == PL_HCL_NULL)
			continue;
		if (!is_map(v->type))
			return cfail(c, i, "arguments must be maps or objects, "
			    "got %s", pl_hcl_type_a(v->type));
		if (v->type != PL_HCL_MAP)
			all_maps = 0;
		total += v->n;
	}
	if (out_collection(c, all_maps && c->nargs > 0 ? PL_HCL_MAP :
	    PL_HCL_OBJECT, total) != 0)
		return -1;
	for (size_t i = 0; i < c->nargs; i++) {
		const struct pl_hcl_value *v = &c->args[i];

		if (v->type == PL_HCL_NULL || v->n == 0)
			continue;
		memcpy(&c->out->u.items[2 * w], v->u.items, 2 * v->n *
		    sizeof(*v->u.items));
		w += v->n;
	}
	/* Later arguments win, as in merge(). */
	if (pl_hcl_charge_sort(c->ev, total, &c->e->range) != 0)
		return -1;
	return pl_hcl_sort_pairs(c->ev, c->out, &c->e->range, 0);
}

static int
fn_concat(struct call *c)
{
	size_t total = 0, w = 0;
	int all_lists = 1;

	for (size_t i = 0; i < c->nargs; i++) {
		const struct pl_hcl_value *v = &c->args[i];

		if (v->type != PL_HCL_TUPLE && v->type != PL_HCL_LIST)
			return cfail(c, i, "all arguments must be lists or "
			    "tuples; got %s", pl_hcl_type_name(v->type));
		if (v->type != PL_HCL_LIST)
			all_lists = 0;
		total += v->n;
	}
	if (out_collection(c, all_lists ? PL_HCL_LIST : PL_HCL_TUPLE, total) != 0)
		return -1;
	for (size_t i = 0; i < c->nargs; i++) {
		const struct pl_hcl_value *v = &c->args[i];

		if (v->n > 0)
			memcpy(&c->out->u.items[w], v->u.items, v->n *
			    sizeof(*v->u.items));
		w += v->n;
	}
	return 0;
}

static int
fn_lookup(struct call *c)
{
	const struct pl_hcl_value *m = &c->args[0];
	struct pl_hcl_value k;
	long i;
	int r;

	if (m->type == PL_HCL_UNKNOWN || c->args[1].type == PL_HCL_UNKNOWN) {
		pl_hcl_unknown_of(c->out, m, &c->args[1]);
		return 0;
	}
	if (!is_map(m->type))
		return cfail(c, 0, "lookup() requires a map as the first "
		    "argument, not %s", pl_hcl_type_a(m->type));
	if ((r = arg_str(c, 1, &k)) != 0)
		return r < 0 ? -1 : 0;
	if ((i = pl_hcl_find_key(m, k.u.str, k.n)) >= 0) {
		*c->out = m->u.items[2 * i + 1];
		return 0;
	}
	if (c->nargs == 3) {
		*c->out = c->args[2];
		return 0;
	}
	return cfail(c, 1, "lookup failed to find key \"%.60s\"", k.u.str);
}

static int
fn_element(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];
	long long idx;
	int r;

	if (v->type != PL_HCL_TUPLE && v->type != PL_HCL_LIST)
		return cfail(c, 0, "cannot read elements from %s",
		    pl_hcl_type_name(v->type));
	if ((r = arg_int(c, 1, &idx)) != 0)
		return r < 0 ? -1 : 0;
	if (v->n == 0)
		return cfail(c, 0, "cannot use element function with an empty "
		    "list");
	idx %= (long long)v->n;
	if (idx < 0)
		idx += v->n;
	*c->out = v->u.items[idx];
	return 0;
}

static int
fn_contains(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];
	int unknown = 0;

	if (arg_seq(c, 0, "collection") != 0)
		return -1;
	if (v->n == 0) {
		pl_hcl_value_bool(c->out, 0);
		return 0;
	}
	if (c->args[1].type == PL_HCL_UNKNOWN) {
		set_unknown(c, &c->args[1]);
		return 0;
	}
	for (size_t i = 0; i < v->n; i++) {
		int eq;

		if (pl_hcl_equal_ev(c->ev, &v->u.items[i], &c->args[1],
		    &c->e->range, &eq) != 0)
			return -1;
		if (eq > 0) {
			pl_hcl_value_bool(c->out, 1);
			return 0;
		}
		if (eq < 0)
			unknown = 1;
	}
	if (unknown)
		pl_hcl_value_unknown(c->out, NULL);
	else
		pl_hcl_value_bool(c->out, 0);
	return 0;
}

static int
fn_index(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];

	if (v->type != PL_HCL_TUPLE && v->type != PL_HCL_LIST)
		return cfail(c, 0, "argument must be a list or tuple");
	if (v->n == 0)
		return cfail(c, 0, "cannot search an empty list");
	for (size_t i = 0; i < v->n; i++) {
		int eq;

		if (pl_hcl_equal_ev(c->ev, &v->u.items[i], &c->args[1],
		    &c->e->range, &eq) != 0)
			return -1;
		if (eq < 0) {
			pl_hcl_value_unknown(c->out, NULL);
			return 0;
		}
		if (eq > 0) {
			pl_hcl_value_number(c->out, (double)i);
			return 0;
		}
	}
	return cfail(c, 1, "item not found");
}

/* An element with its place, to sort and keep the first of equals. */
struct eref {
	const struct pl_hcl_value	*v;
	size_t				 i;
};

static int
eref_cmp(const void *x, const void *y)
{
	const struct eref *a = x, *b = y;
	int c = pl_hcl_compare(a->v, b->v);

	return c != 0 ? c : (a->i < b->i ? -1 : a->i > b->i);
}

/* The first of each run of equal elements, in the list's order: sorted
 * by value and place, so a long list costs n log n, not n squared. */
static int
fn_distinct(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];
	struct eref *refs;
	unsigned char *keep;
	size_t w = 0;

	if (v->type != PL_HCL_TUPLE && v->type != PL_HCL_LIST)
		return cfail(c, 0, "argument must be a list");
	if (out_collection(c, PL_HCL_LIST, v->n) != 0)
		return -1;
	if (v->n == 0)
		return 0;
	if (pl_hcl_charge_sort(c->ev, v->n, &c->e->range) != 0)
		return -1;
	refs = pl_xmalloc(v->n * sizeof(*refs));
	keep = pl_xcalloc(v->n, 1);
	for (size_t i = 0; i < v->n; i++) {
		refs[i].v = &v->u.items[i];
		refs[i].i = i;
	}
	qsort(refs, v->n, sizeof(*refs), eref_cmp);
	for (size_t i = 0; i < v->n; i++)
		if (i == 0 || pl_hcl_equal(refs[i - 1].v, refs[i].v) != 1)
			keep[refs[i].i] = 1;
	for (size_t i = 0; i < v->n; i++)
		if (keep[i])
			c->out->u.items[w++] = v->u.items[i];
	c->out->n = (uint32_t)w;
	free(refs);
	free(keep);
	return 0;
}

/* Counts (or, with out, copies) the flattened elements of v. */
static int
flatten_into(struct call *c, const struct pl_hcl_value *v, unsigned depth,
    struct pl_hcl_value *out, size_t *n)
{
	if (depth > PL_HCL_MAX_DEPTH)
		return cfail(c, 0, "lists nested deeper than %d levels",
		    PL_HCL_MAX_DEPTH);
	for (size_t i = 0; i < v->n; i++) {
		const struct pl_hcl_value *x = &v->u.items[i];

		if (x->type == PL_HCL_UNKNOWN)
			return 1;
		if (is_seq(x->type)) {
			int r = flatten_into(c, x, depth + 1, out, n);

			if (r != 0)
				return r;
			continue;
		}
		if (*n >= PL_HCL_MAX_COLLECTION)
			return pl_hcl_limit(c->ev, &c->e->range, "a collection of "
			    "more than %d elements (PL_HCL_MAX_COLLECTION)",
			    PL_HCL_MAX_COLLECTION);
		if (out != NULL)
			out[*n] = *x;
		(*n)++;
		if (pl_hcl_step(c->ev, 1, &c->e->range) != 0)
			return -1;
	}
	return 0;
}

static int
fn_flatten(struct call *c)
{
	size_t n = 0;
	int r;

	if (arg_seq(c, 0, "argument") != 0)
		return -1;
	if ((r = flatten_into(c, &c->args[0], 0, NULL, &n)) != 0) {
		if (r > 0)
			pl_hcl_value_unknown(c->out, NULL);
		return r < 0 ? -1 : 0;
	}
	if (out_collection(c, PL_HCL_TUPLE, n) != 0)
		return -1;
	n = 0;
	return flatten_into(c, &c->args[0], 0, c->out->u.items, &n) < 0 ? -1 : 0;
}

static int
fn_compact(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];
	size_t w = 0;

	if (arg_seq(c, 0, "argument") != 0)
		return -1;
	if (out_collection(c, PL_HCL_LIST, v->n) != 0)
		return -1;
	for (size_t i = 0; i < v->n; i++) {
		struct pl_hcl_value s;

		if (v->u.items[i].type == PL_HCL_NULL)
			continue;
		if (pl_hcl_to_string(c->ev, &v->u.items[i], &s, W(c, 0),
		    "an element") < 0)
			return -1;
		if (s.n == 0)
			continue;
		c->out->u.items[w++] = s;
	}
	c->out->n = (uint32_t)w;
	return 0;
}

static int
fn_coalesce(struct call *c)
{
	int strings = 0, mixed = 0;
	enum pl_hcl_type first = 0;

	/* The arguments unify to one type: mixed primitives are strings. */
	for (size_t i = 0; i < c->nargs; i++) {
		enum pl_hcl_type t = c->args[i].type;

		if (t == PL_HCL_NULL || t == PL_HCL_UNKNOWN)
			continue;
		if (first == 0)
			first = t;
		else if (t != first)
			mixed = 1;
		if (t == PL_HCL_STRING)
			strings = 1;
	}
	if (first == PL_HCL_STRING && !mixed)
		strings = 1;
	if (mixed)
		strings = 1;
	for (size_t i = 0; i < c->nargs; i++) {
		const struct pl_hcl_value *v = &c->args[i];
		struct pl_hcl_value s;

		if (v->type == PL_HCL_UNKNOWN) {
			set_unknown(c, v);
			return 0;
		}
		if (v->type == PL_HCL_NULL)
			continue;
		if (strings) {
			if (v->type != PL_HCL_STRING && v->type !=
			    PL_HCL_NUMBER && v->type != PL_HCL_BOOL)
				return cfail(c, i, "all arguments must have the "
				    "same type");
			if (pl_hcl_to_string(c->ev, v, &s, W(c, i),
			    "the argument") < 0)
				return -1;
			if (s.n == 0)
				continue;
			*c->out = s;
			if (v->type != PL_HCL_STRING)
				c->out->origin = NULL;
			return 0;
		}
		*c->out = *v;
		return 0;
	}
	return cfail(c, c->nargs, "no non-null, non-empty-string arguments");
}

static int
fn_coalescelist(struct call *c)
{
	for (size_t i = 0; i < c->nargs; i++) {
		const struct pl_hcl_value *v = &c->args[i];

		if (v->type == PL_HCL_UNKNOWN) {
			set_unknown(c, v);
			return 0;
		}
		if (v->type != PL_HCL_TUPLE && v->type != PL_HCL_LIST)
			return cfail(c, i, "coalescelist arguments must be lists "
			    "or tuples, got %s", pl_hcl_type_name(v->type));
		if (v->n > 0) {
			*c->out = *v;
			return 0;
		}
	}
	return cfail(c, c->nargs, "no non-null arguments");
}

static int
fn_zipmap(struct call *c)
{
	const struct pl_hcl_value *k = &c->args[0], *v = &c->args[1];

	if (arg_seq(c, 0, "keys") != 0 || arg_seq(c, 1, "values") != 0)
		return -1;
	if (k->n != v->n)
		return cfail(c, 1, "number of keys (%u) does not match number of "
		    "values (%u)", k->n, v->n);
	if (out_collection(c, v->type == PL_HCL_TUPLE ? PL_HCL_OBJECT :
	    PL_HCL_MAP, k->n) != 0)
		return -1;
	for (size_t i = 0; i < k->n; i++) {
		int r;

		if ((r = pl_hcl_to_string(c->ev, &k->u.items[i],
		    &c->out->u.items[2 * i], W(c, 0), "a key")) != 0) {
			if (r > 0)
				set_unknown(c, &k->u.items[i]);
			return r < 0 ? -1 : 0;
		}
		c->out->u.items[2 * i + 1] = v->u.items[i];
	}
	return pl_hcl_sort_pairs(c->ev, c->out, &c->e->range, 0);
}

static int
fn_range(struct call *c)
{
	double a[3], start, end, step;
	size_t n;
	int r;

	for (size_t i = 0; i < c->nargs; i++)
		if ((r = arg_num(c, i, &a[i])) != 0)
			return r < 0 ? -1 : 0;
	switch (c->nargs) {
	case 1:
		start = 0;
		end = a[0];
		step = end < 0 ? -1 : 1;
		break;
	case 2:
		start = a[0];
		end = a[1];
		step = end < start ? -1 : 1;
		break;
	default:
		start = a[0];
		end = a[1];
		step = a[2];
		break;
	}
	if (step == 0)
		return cfail(c, 2, "step must not be zero");
	if (step < 0 && end > start)
		return cfail(c, 1, "end must be less than start when step is "
		    "negative");
	if (step > 0 && end < start)
		return cfail(c, 1, "end must be greater than start when step is "
		    "positive");
	/*
	 * go-cty stops at 1024 elements; the count is known before any is
	 * made, so a range of a billion fails at once.
	 */
	n = (size_t)pl_hcl_ceil((end - start) / step);
	if ((end - start) / step > 1024)
		return cfail(c, c->nargs, "more than 1024 values were generated; "
		    "either decrease the difference between start and end or "
		    "use a smaller step");
	if (out_collection(c, PL_HCL_LIST, n) != 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		pl_hcl_value_number(&c->out->u.items[i], start + (double)i *
		    step);
	return 0;
}

static int
fn_slice(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];
	long long s, e;
	int r;

	if (v->type != PL_HCL_TUPLE && v->type != PL_HCL_LIST)
		return cfail(c, 0, "cannot slice %s", pl_hcl_type_a(v->type));
	if ((r = arg_int(c, 1, &s)) != 0 || (r = arg_int(c, 2, &e)) != 0)
		return r < 0 ? -1 : 0;
	if (s < 0)
		return cfail(c, 1, "start index must not be less than zero");
	if (s > (long long)v->n)
		return cfail(c, 1, "start index must not be greater than the "
		    "length of the list");
	if (e < 0)
		return cfail(c, 2, "end index must not be less than zero");
	if (e > (long long)v->n)
		return cfail(c, 2, "end index must not be greater than the "
		    "length of the list");
	if (s > e)
		return cfail(c, 1, "start index must not be greater than end "
		    "index");
	if (out_collection(c, v->type, (size_t)(e - s)) != 0)
		return -1;
	if (e > s)
		memcpy(c->out->u.items, v->u.items + s, (size_t)(e - s) *
		    sizeof(*v->u.items));
	return 0;
}

static int
fn_reverse(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];

	if (v->type != PL_HCL_TUPLE && v->type != PL_HCL_LIST)
		return cfail(c, 0, "can only reverse list or tuple values, not %s",
		    pl_hcl_type_name(v->type));
	if (out_collection(c, v->type, v->n) != 0)
		return -1;
	for (size_t i = 0; i < v->n; i++)
		c->out->u.items[i] = v->u.items[v->n - 1 - i];
	return 0;
}

static int
str_cmp(const void *x, const void *y)
{
	const struct pl_hcl_value *a = x, *b = y;
	size_t m = a->n < b->n ? a->n : b->n;
	int r = memcmp(a->u.str, b->u.str, m);

	return r != 0 ? r : (a->n < b->n ? -1 : a->n > b->n);
}

static int
fn_sort(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];

	if (arg_seq(c, 0, "argument") != 0)
		return -1;
	if (out_collection(c, PL_HCL_LIST, v->n) != 0)
		return -1;
	for (size_t i = 0; i < v->n; i++) {
		if (v->u.items[i].type == PL_HCL_NULL)
			return cfail(c, 0, "given list element %zu is null", i);
		if (pl_hcl_to_string(c->ev, &v->u.items[i], &c->out->u.items[i],
		    W(c, 0), "an element") < 0)
			return -1;
	}
	if (pl_hcl_charge_sort(c->ev, v->n, &c->e->range) != 0)
		return -1;
	qsort(c->out->u.items, v->n, sizeof(*c->out->u.items), str_cmp);
	return 0;
}

static int
fn_one(struct call *c)
{
	const struct pl_hcl_value *v = &c->args[0];

	if (arg_seq(c, 0, "argument") != 0)
		return -1;
	if (v->type == PL_HCL_SET)
		for (size_t i = 0; i < v->n; i++)
			if (v->u.items[i].type == PL_HCL_UNKNOWN) {
				set_unknown(c, &v->u.items[i]);
				return 0;
			}
	if (v->n == 0) {
		pl_hcl_value_null(c->out);
		return 0;
	}
	if (v->n > 1)
		return cfail(c, 0, "must be a list, set, or tuple value with "
		    "either zero or one elements");
	*c->out = v->u.items[0];
	return 0;
}

/* alltrue (all) and anytrue: elements true or "true". */
static int
truth(struct call *c, int all)
{
	const struct pl_hcl_value *v = &c->args[0];
	int unknown = 0;

	if (arg_seq(c, 0, "argument") != 0)
		return -1;
	for (size_t i = 0; i < v->n; i++) {
		const struct pl_hcl_value *x = &v->u.items[i];
		int b;

		if (x->type == PL_HCL_UNKNOWN) {
			if (all) {
				set_unknown(c, x);
				return 0;
			}
			unknown = 1;
			continue;
		}
		if (x->type == PL_HCL_NULL) {
			if (all) {
				pl_hcl_value_bool(c->out, 0);
				return 0;
			}
			continue;
		}
		if (pl_hcl_to_bool(c->ev, x, &b, W(c, 0), "an element") < 0)
			return -1;
		if (b != all) {
			pl_hcl_value_bool(c->out, b);
			return 0;
		}
	}
	if (unknown)
		pl_hcl_value_unknown(c->out, NULL);
	else
		pl_hcl_value_bool(c->out, all);
	return 0;
}

static int
fn_alltrue(struct call *c)
{
	return truth(c, 1);
}

static int
fn_anytrue(struct call *c)
{
	return truth(c, 0);
}

static int
fn_setunion(struct call *c)
{
	size_t total = 0, w = 0;

	for (size_t i = 0; i < c->nargs; i++) {
		if (arg_seq(c, i, "argument") != 0)
			return -1;
		total += c->args[i].n;
	}
	if (out_collection(c, PL_HCL_SET, total) != 0)
		return -1;
	for (size_t i = 0; i < c->nargs; i++) {
		const struct pl_hcl_value *v = &c->args[i];

		if (v->n > 0)
			memcpy(&c->out->u.items[w], v->u.items, v->n *
			    sizeof(*v->u.items));
		w += v->n;
	}
	if (pl_hcl_unify(c->ev, c->out, &c->e->range) != 0)
		return -1;
	if (pl_hcl_charge_sort(c->ev, total, &c->e->range) != 0)
		return -1;
	pl_hcl_sort_set(c->out);
	return 0;
}

/* ---- Number functions --------------------------------------------------- */

static int
num1(struct call *c, double (*f)(double))
{
	double d;
	int r;

	if ((r = arg_num(c, 0, &d)) != 0)
		return r < 0 ? -1 : 0;
	pl_hcl_value_number(c->out, f(d));
	return 0;
}

static int
fn_abs(struct call *c)
{
	return num1(c, pl_hcl_fabs);
}

static int
fn_ceil(struct call *c)
{
	return num1(c, pl_hcl_ceil);
}

static int
fn_floor(struct call *c)
{
	return num1(c, pl_hcl_floor);
}

static int
minmax(struct call *c, int max)
{
	double best = 0, d;
	int r;

	for (size_t i = 0; i < c->nargs; i++) {
		if ((r = arg_num(c, i, &d)) != 0)
			return r < 0 ? -1 : 0;
		if (i == 0 || (max ? d > best : d < best))
			best = d;
	}
	pl_hcl_value_number(c->out, best);
	return 0;
}

static int
fn_min(struct call *c)
{
	return minmax(c, 0);
}

static int
fn_max(struct call *c)
{
	return minmax(c, 1);
}

/* ---- String functions --------------------------------------------------- */

static int
case_map(struct call *c, int upper)
{
	struct pl_hcl_value s;
	char *d;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0)
		return r < 0 ? -1 : 0;
	if (!ascii(s.u.str, s.n)) {
		pl_hcl_value_unknown(c->out, "case mapping of non-ASCII text is "
		    "not implemented");
		return 0;
	}
	if ((d = pl_hcl_strbuf(c->ev, s.n, &c->e->range)) == NULL)
		return -1;
	for (size_t i = 0; i < s.n; i++) {
		char ch = s.u.str[i];

		if (upper && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		else if (!upper && ch >= 'A' && ch <= 'Z')
			ch = (char)(ch - 'A' + 'a');
		d[i] = ch;
	}
	set_string(c, d, s.n);
	return 0;
}

static int
fn_lower(struct call *c)
{
	return case_map(c, 0);
}

static int
fn_upper(struct call *c)
{
	return case_map(c, 1);
}

/* strings.Title: the first letter of each word upper-cased; a word
 * starts after anything but a letter, digit, _ or '. */
static int
fn_title(struct call *c)
{
	struct pl_hcl_value s;
	char *d;
	int r, prev_sep = 1;

	if ((r = arg_str(c, 0, &s)) != 0)
		return r < 0 ? -1 : 0;
	if (!ascii(s.u.str, s.n)) {
		pl_hcl_value_unknown(c->out, "case mapping of non-ASCII text is "
		    "not implemented");
		return 0;
	}
	if ((d = pl_hcl_strbuf(c->ev, s.n, &c->e->range)) == NULL)
		return -1;
	for (size_t i = 0; i < s.n; i++) {
		char ch = s.u.str[i];
		int alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '_';

		if (prev_sep && ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		d[i] = ch;
		/* Go's isSeparator: ASCII letters, digits and _ are not;
		 * spaces and other punctuation are. */
		prev_sep = !alnum;
	}
	set_string(c, d, s.n);
	return 0;
}

static int
fn_strrev(struct call *c)
{
	struct pl_hcl_value s;
	char *d;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0)
		return r < 0 ? -1 : 0;
	if (!simple_text(s.u.str, s.n))
		return unmeasurable(c);
	if ((d = pl_hcl_strbuf(c->ev, s.n, &c->e->range)) == NULL)
		return -1;
	/* Character by character, from the end: CR LF stays in order. */
	for (size_t i = 0, o = s.n; i < s.n;) {
		size_t k = text_off(s.u.str + i, s.n - i, 1);

		o -= k;
		memcpy(d + o, s.u.str + i, k);
		i += k;
	}
	set_string(c, d, s.n);
	return 0;
}

static int
fn_substr(struct call *c)
{
	struct pl_hcl_value s;
	long long off, len;
	size_t total, a, b;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0 || (r = arg_int(c, 1, &off)) != 0 ||
	    (r = arg_int(c, 2, &len)) != 0)
		return r < 0 ? -1 : 0;
	if (!simple_text(s.u.str, s.n))
		return unmeasurable(c);
	total = text_len(s.u.str, s.n);
	if (off < 0)
		off += (long long)total;
	else if (len == 0)
		return out_string(c, "", 0);
	if (off < 0)
		off = 0;
	if ((size_t)off >= total && total > 0 && off > 0)
		return out_string(c, "", 0);
	a = text_off(s.u.str, s.n, (size_t)off);
	if (len < 0)
		b = s.n;
	else
		b = a + text_off(s.u.str + a, s.n - a, (size_t)len);
	return out_string(c, s.u.str + a, b - a);
}

/* A copy of [s, s + n) into x. */
static int
str_item(struct call *c, struct pl_hcl_value *x, const char *s, size_t n)
{
	char *d = pl_hcl_strbuf(c->ev, n, &c->e->range);

	if (d == NULL)
		return -1;
	memcpy(d, s, n);
	memset(x, 0, sizeof(*x));
	x->type = PL_HCL_STRING;
	x->u.str = d;
	x->n = (uint32_t)n;
	return 0;
}

static int
fn_trimspace(struct call *c)
{
	struct pl_hcl_value s;
	const unsigned char *u;
	size_t a = 0, b, end, k;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0)
		return r < 0 ? -1 : 0;
	u = (const unsigned char *)s.u.str;
	while ((k = space_len(u + a, s.n - a)) > 0)
		a += k;
	end = a;
	for (b = a; b < s.n;) {
		if ((k = space_len(u + b, s.n - b)) > 0) {
			b += k;
			continue;
		}
		b++;
		end = b;
	}
	return out_string(c, s.u.str + a, end - a);
}

static size_t
rune_len(const char *s, size_t n)
{
	size_t k = 1;

	while (k < n && ((unsigned char)s[k] & 0xc0) == 0x80)
		k++;
	return k;
}

/* Is the rune at s (k bytes) one of cutset's? */
static int
in_cutset(const char *s, size_t k, const struct pl_hcl_value *cut)
{
	for (size_t i = 0; i < cut->n;) {
		size_t m = rune_len(cut->u.str + i, cut->n - i);

		if (m == k && memcmp(cut->u.str + i, s, k) == 0)
			return 1;
		i += m;
	}
	return 0;
}

/* strings.Trim: runes of the cutset off both ends. */
static int
fn_trim(struct call *c)
{
	struct pl_hcl_value s, cut;
	size_t a = 0, b;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0 || (r = arg_str(c, 1, &cut)) != 0)
		return r < 0 ? -1 : 0;
	while (a < s.n) {
		size_t k = rune_len(s.u.str + a, s.n - a);

		if (!in_cutset(s.u.str + a, k, &cut))
			break;
		a += k;
	}
	b = s.n;
	while (b > a) {
		size_t st = b - 1;

		while (st > a && ((unsigned char)s.u.str[st] & 0xc0) == 0x80)
			st--;
		if (!in_cutset(s.u.str + st, b - st, &cut))
			break;
		b = st;
	}
	return out_string(c, s.u.str + a, b - a);
}

static int
fn_trimprefix(struct call *c)
{
	struct pl_hcl_value s, p;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0 || (r = arg_str(c, 1, &p)) != 0)
		return r < 0 ? -1 : 0;
	if (p.n <= s.n && memcmp(s.u.str, p.u.str, p.n) == 0)
		return out_string(c, s.u.str + p.n, s.n - p.n);
	*c->out = s;
	return 0;
}

static int
fn_trimsuffix(struct call *c)
{
	struct pl_hcl_value s, p;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0 || (r = arg_str(c, 1, &p)) != 0)
		return r < 0 ? -1 : 0;
	if (p.n <= s.n && memcmp(s.u.str + s.n - p.n, p.u.str, p.n) == 0)
		return out_string(c, s.u.str, s.n - p.n);
	*c->out = s;
	return 0;
}

static int
fn_chomp(struct call *c)
{
	struct pl_hcl_value s;
	size_t n;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0)
		return r < 0 ? -1 : 0;
	/* (?:\r\n?|\n)*\z: every CR and LF at the end. */
	n = s.n;
	while (n > 0 && (s.u.str[n - 1] == '\n' || s.u.str[n - 1] == '\r'))
		n--;
	if (n == s.n) {
		*c->out = s;
		return 0;
	}
	return out_string(c, s.u.str, n);
}

static int
affix(struct call *c, int suffix)
{
	struct pl_hcl_value s, p;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0 || (r = arg_str(c, 1, &p)) != 0)
		return r < 0 ? -1 : 0;
	pl_hcl_value_bool(c->out, p.n <= s.n && memcmp(s.u.str + (suffix ?
	    s.n - p.n : 0), p.u.str, p.n) == 0);
	return 0;
}

static int
fn_startswith(struct call *c)
{
	return affix(c, 0);
}

static int
fn_endswith(struct call *c)
{
	return affix(c, 1);
}

/* strings.Split: at every separator; an empty one splits the runes. */
static int
fn_split(struct call *c)
{
	struct pl_hcl_value sep, s;
	size_t n = 0, i, start, w;
	int r;

	if ((r = arg_str(c, 0, &sep)) != 0 || (r = arg_str(c, 1, &s)) != 0)
		return r < 0 ? -1 : 0;
	if (sep.n == 0) {
		for (i = 0; i < s.n; i += rune_len(s.u.str + i, s.n - i))
			n++;
	} else {
		n = 1;
		for (i = 0; i + sep.n <= s.n;) {
			if (memcmp(s.u.str + i, sep.u.str, sep.n) == 0) {
				n++;
				i += sep.n;
			} else
				i++;
		}
	}
	if (pl_hcl_step(c->ev, n, &c->e->range) != 0)
		return -1;
	{
		struct pl_hcl_value res;
		struct pl_hcl_value *save = c->out;

		c->out = &res;
		if (out_collection(c, PL_HCL_LIST, n) != 0) {
			c->out = save;
			return -1;
		}
		c->out = save;
		*c->out = res;
	}
	w = 0;
	if (sep.n == 0) {
		for (i = 0; i < s.n;) {
			size_t k = rune_len(s.u.str + i, s.n - i);

			if (str_item(c, &c->out->u.items[w++], s.u.str + i, k) != 0)
				return -1;
			i += k;
		}
		return 0;
	}
	for (i = start = 0; i + sep.n <= s.n;) {
		if (memcmp(s.u.str + i, sep.u.str, sep.n) == 0) {
			if (str_item(c, &c->out->u.items[w++], s.u.str + start,
			    i - start) != 0)
				return -1;
			i += sep.n;
			start = i;
		} else
			i++;
	}
	return str_item(c, &c->out->u.items[w], s.u.str + start, s.n - start);
}

/* strings.Replace(s, old, new, -1); a /regex/ is not implemented. */
static int
fn_replace(struct call *c)
{
	struct pl_hcl_value s, old, rep;
	size_t count = 0, len, i;
	char *d, *o;
	int r;

	if ((r = arg_str(c, 0, &s)) != 0 || (r = arg_str(c, 1, &old)) != 0 ||
	    (r = arg_str(c, 2, &rep)) != 0)
		return r < 0 ? -1 : 0;
	if (old.n > 1 && old.u.str[0] == '/' && old.u.str[old.n - 1] == '/') {
		pl_hcl_value_unknown(c->out, "replace() with a regular expression "
		    "is not implemented");
		return 0;
	}
	if (old.n == 0) {
		/* A match before every rune and at the end. */
		for (i = 0; i < s.n; i += rune_len(s.u.str + i, s.n - i))
			count++;
		count++;
	} else {
		for (i = 0; i + old.n <= s.n;) {
			if (memcmp(s.u.str + i, old.u.str, old.n) == 0) {
				count++;
				i += old.n;
			} else
				i++;
		}
	}
	if (count == 0) {
		*c->out = s;
		return 0;
	}
	if (rep.n > 0 && count > (PL_HCL_MAX_STRING + 1) / rep.n)
		return pl_hcl_limit(c->ev, &c->e->range, "string longer than "
		    "4 MiB (PL_HCL_MAX_STRING)");
	len = s.n - count * old.n + count * rep.n;
	if ((d = pl_hcl_strbuf(c->ev, len, &c->e->range)) == NULL)
		return -1;
	o = d;
	if (old.n == 0) {
		for (i = 0; i < s.n;) {
			size_t k = rune_len(s.u.str + i, s.n - i);

			memcpy(o, rep.u.str, rep.n);
			o += rep.n;
			memcpy(o, s.u.str + i, k);
			o += k;
			i += k;
		}
		memcpy(o, rep.u.str, rep.n);
	} else {
		for (i = 0; i < s.n;) {
			if (i + old.n <= s.n &&
			    memcmp(s.u.str + i, old.u.str, old.n) == 0) {
				memcpy(o, rep.u.str, rep.n);
				o += rep.n;
				i += old.n;
			} else
				*o++ = s.u.str[i++];
		}
	}
	set_string(c, d, len);
	return 0;
}

/* join(separator, list...): the lists' strings, separated. */
static int
fn_join(struct call *c)
{
	struct pl_hcl_value sep;
	struct pl_buf *b = &c->ev->tmp;
	size_t count = 0;
	int r;

	if ((r = arg_str(c, 0, &sep)) != 0)
		return r < 0 ? -1 : 0;
	pl_buf_reset(b);
	for (size_t i = 1; i < c->nargs; i++) {
		const struct pl_hcl_value *v = &c->args[i];

		if (arg_seq(c, i, "list") != 0)
			return -1;
		for (size_t j = 0; j < v->n; j++) {
			struct pl_hcl_value s;

			if (v->u.items[j].type == PL_HCL_NULL)
				return cfail(c, i, "element %zu of the list is "
				    "null", j);
			if (pl_hcl_to_string(c->ev, &v->u.items[j], &s, W(c, i),
			    "an element") < 0)
				return -1;
			if (count++ > 0)
				pl_buf_add(b, sep.u.str, sep.n);
			pl_buf_add(b, s.u.str, s.n);
			if (b->len > PL_HCL_MAX_STRING)
				return pl_hcl_limit(c->ev, &c->e->range, "string "
				    "longer than 4 MiB (PL_HCL_MAX_STRING)");
		}
	}
	return out_string(c, b->buf != NULL ? b->buf : "", b->len);
}

/* ---- JSON ----------------------------------------------------------------- */

/* A string as encoding/json writes it (HTML characters escaped). */
static void
json_str(struct pl_buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";

	pl_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		switch (ch) {
		case '"': pl_buf_adds(b, "\\\""); continue;
		case '\\': pl_buf_adds(b, "\\\\"); continue;
		case '\n': pl_buf_adds(b, "\\n"); continue;
		case '\r': pl_buf_adds(b, "\\r"); continue;
		case '\t': pl_buf_adds(b, "\\t"); continue;
		case '\b': pl_buf_adds(b, "\\b"); continue;
		case '\f': pl_buf_adds(b, "\\f"); continue;
		case '<': case '>': case '&':
			pl_buf_adds(b, "\\u00");
			pl_buf_addc(b, hex[ch >> 4]);
			pl_buf_addc(b, hex[ch & 15]);
			continue;
		default:
			break;
		}
		if (ch < 0x20) {
			pl_buf_adds(b, "\\u00");
			pl_buf_addc(b, hex[ch >> 4]);
			pl_buf_addc(b, hex[ch & 15]);
		} else if (ch == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] ==
		    0x80 && ((unsigned char)s[i + 2] == 0xa8 ||
		    (unsigned char)s[i + 2] == 0xa9)) {
			pl_buf_adds(b, (unsigned char)s[i + 2] == 0xa8 ?
			    "\\u2028" : "\\u2029");
			i += 2;
		} else
			pl_buf_addc(b, (char)ch);
	}
	pl_buf_addc(b, '"');
}

static int
json_value(struct call *c, struct pl_buf *b, const struct pl_hcl_value *v,
    unsigned depth)
{
	char num[PL_HCL_NUMBUF];

	if (depth > PL_HCL_MAX_DEPTH)
		return cfail(c, 0, "value nested deeper than %d levels",
		    PL_HCL_MAX_DEPTH);
	if (b->len > PL_HCL_MAX_STRING)
		return pl_hcl_limit(c->ev, &c->e->range, "string longer than "
		    "4 MiB (PL_HCL_MAX_STRING)");
	switch (v->type) {
	case PL_HCL_NULL:
		pl_buf_adds(b, "null");
		return 0;
	case PL_HCL_BOOL:
		pl_buf_adds(b, v->u.b ? "true" : "false");
		return 0;
	case PL_HCL_NUMBER:
		pl_hcl_number_format(v->u.num, num);
		pl_buf_adds(b, num);
		return 0;
	case PL_HCL_STRING:
		json_str(b, v->u.str, v->n);
		return 0;
	case PL_HCL_TUPLE:
	case PL_HCL_LIST:
	case PL_HCL_SET:
		pl_buf_addc(b, '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i > 0)
				pl_buf_addc(b, ',');
			if (json_value(c, b, &v->u.items[i], depth + 1) != 0)
				return -1;
		}
		pl_buf_addc(b, ']');
		return 0;
	case PL_HCL_OBJECT:
	case PL_HCL_MAP:
		pl_buf_addc(b, '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i > 0)
				pl_buf_addc(b, ',');
			json_str(b, v->u.items[2 * i].u.str, v->u.items[2 * i].n);
			pl_buf_addc(b, ':');
			if (json_value(c, b, &v->u.items[2 * i + 1], depth + 1) != 0)
				return -1;
		}
		pl_buf_addc(b, '}');
		return 0;
	case PL_HCL_UNKNOWN:
		break;
	}
	return cfail(c, 0, "an unknown value cannot be encoded");
}

static int
fn_jsonencode(struct call *c)
{
	struct pl_buf b;
	int r;

	pl_buf_init(&b);
	r = json_value(c, &b, &c->args[0], 0);
	if (r == 0)
		r = out_string(c, b.buf != NULL ? b.buf : "", b.len);
	pl_buf_release(&b);
	return r;
}

/* ---- format and formatlist ---------------------------------------------- */

struct verb {
	int	 zero, sharp, plus, minus, space;
	int	 width;		/* -1: none */
	int	 prec;		/* -1: none */
	int	 arg;		/* 1-based */
	char	 mode;
};

static void
pad(struct pl_buf *b, const struct verb *vb, const char *s, size_t n,
    size_t chars)
{
	size_t want = vb->width < 0 ? 0 : (size_t)vb->width;

	if (chars >= want) {
		pl_buf_add(b, s, n);
		return;
	}
	if (vb->minus)
		pl_buf_add(b, s, n);
	for (size_t i = chars; i < want; i++)
		pl_buf_addc(b, vb->zero && !vb->minus ? '0' : ' ');
	if (!vb->minus)
		pl_buf_add(b, s, n);
}

/* An integer as Go's fmt prints a big.Int: sign, prefix, digits. */
static void
fmt_integer(struct pl_buf *b, const struct verb *vb, double d)
{
	char digits[80], out[200];
	const char *alpha = vb->mode == 'X' ? "0123456789ABCDEF" :
	    "0123456789abcdef";
	unsigned base = vb->mode == 'b' ? 2 : vb->mode == 'o' ? 8 :
	    (vb->mode == 'x' || vb->mode == 'X') ? 16 : 10;
	unsigned long long m = (unsigned long long)pl_hcl_fabs(d);
	size_t nd = 0, o = 0;
	const char *prefix = "";

	do {
		digits[nd++] = alpha[m % base];
		m /= base;
	} while (m > 0);
	while (vb->prec >= 0 && nd < (size_t)vb->prec && nd < sizeof(digits))
		digits[nd++] = '0';
	if (d < 0)
		out[o++] = '-';
	else if (vb->plus)
		out[o++] = '+';
	else if (vb->space)
		out[o++] = ' ';
	if (vb->sharp)
		prefix = base == 2 ? "0b" : base == 8 ? "0" : base == 16 ?
		    (vb->mode == 'X' ? "0X" : "0x") : "";
	for (const char *p = prefix; *p != '\0'; p++)
		out[o++] = *p;
	/* Zero padding goes between the sign and the digits. */
	if (vb->zero && !vb->minus && vb->prec < 0 && vb->width > 0)
		while (o + nd < (size_t)vb->width && o + nd < sizeof(out) - 80)
			out[o++] = '0';
	while (nd > 0)
		out[o++] = digits[--nd];
	{
		struct verb sp = *vb;

		sp.zero = 0;
		pad(b, &sp, out, o, o);
	}
}

/* A float as Go's fmt prints one (%e %f %g), width and flags included. */
static int
fmt_float(struct call *c, struct pl_buf *b, const struct verb *vb, double d)
{
	char tmp[512];
	int n;

	if (vb->mode == 'g' && vb->prec < 0) {
		/* Shortest, with %e past exponent 21 (Go's %v for floats
		 * decides at 21; big.Float's shortest 'g' at 6). */
		char num[PL_HCL_NUMBUF], e[40];
		int prec;

		for (prec = 1; prec <= 17; prec++) {
			snprintf(e, sizeof(e), "%.*e", prec - 1, d);
			if (strtod(e, NULL) == d)
				break;
		}
		{
			int x = (int)strtol(strchr(e, 'e') + 1, NULL, 10);

			if (x < -4 || x >= 6) {
				n = snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, d);
			} else {
				pl_hcl_number_format(d, num);
				n = snprintf(tmp, sizeof(tmp), "%s", num);
			}
		}
		if (vb->plus && d >= 0) {
			memmove(tmp + 1, tmp, (size_t)n + 1);
			tmp[0] = '+';
			n++;
		}
		pad(b, vb, tmp, (size_t)n, (size_t)n);
		return 0;
	}
	if (vb->width > 200 || vb->prec > 200)
		return cfail(c, 0, "width or precision larger than 200 for "
		    "'%%%c'", vb->mode);
	/* The digits, then Go's sign, zero and width rules by hand. */
	{
		int p = vb->prec < 0 ? 6 : vb->prec;
		double m = pl_hcl_fabs(d);
		char *t = tmp + 1;
		size_t tl, o = 0;
		char out[600];

		switch (vb->mode) {
		case 'e': n = vb->sharp ? snprintf(t, sizeof(tmp) - 1, "%#.*e",
		    p, m) : snprintf(t, sizeof(tmp) - 1, "%.*e", p, m); break;
		case 'E': n = vb->sharp ? snprintf(t, sizeof(tmp) - 1, "%#.*E",
		    p, m) : snprintf(t, sizeof(tmp) - 1, "%.*E", p, m); break;
		case 'f': n = vb->sharp ? snprintf(t, sizeof(tmp) - 1, "%#.*f",
		    p, m) : snprintf(t, sizeof(tmp) - 1, "%.*f", p, m); break;
		case 'G': n = vb->sharp ? snprintf(t, sizeof(tmp) - 1, "%#.*G",
		    p, m) : snprintf(t, sizeof(tmp) - 1, "%.*G", p, m); break;
		default: n = vb->sharp ? snprintf(t, sizeof(tmp) - 1, "%#.*g",
		    p, m) : snprintf(t, sizeof(tmp) - 1, "%.*g", p, m); break;
		}
		if (n < 0 || (size_t)n >= sizeof(tmp) - 1)
			return cfail(c, 0, "cannot format %g", d);
		tl = (size_t)n;
		if (signbit(d) && d != 0)
			out[o++] = '-';
		else if (vb->plus)
			out[o++] = '+';
		else if (vb->space)
			out[o++] = ' ';
		if (vb->zero && !vb->minus && vb->width > 0)
			while (o + tl < (size_t)vb->width)
				out[o++] = '0';
		memcpy(out + o, t, tl);
		o += tl;
		{
			struct verb sp = *vb;

			sp.zero = 0;
			pad(b, &sp, out, o, o);
		}
	}
	return 0;
}

/* The verb at f (after its '%'), as format_fsm.rl reads it. */
static const char *
parse_verb(const char *f, const char *end, struct verb *vb)
{
	for (; f < end; f++) {
		if (*f == '0')
			vb->zero = 1;
		else if (*f == '#')
			vb->sharp = 1;
		else if (*f == '-')
			vb->minus = 1;
		else if (*f == '+')
			vb->plus = 1;
		else if (*f == ' ')
			vb->space = 1;
		else
			break;
	}
	if (f < end && *f >= '1' && *f <= '9') {
		vb->width = 0;
		for (; f < end && *f >= '0' && *f <= '9'; f++)
			if (vb->width < 100000000)
				vb->width = vb->width * 10 + (*f - '0');
	}
	if (f < end && *f == '.') {
		f++;
		vb->prec = 0;
		for (; f < end && *f >= '0' && *f <= '9'; f++)
			if (vb->prec < 100000000)
				vb->prec = vb->prec * 10 + (*f - '0');
	}
	if (f < end && *f == '[') {
		f++;
		if (!(f < end && *f >= '1' && *f <= '9'))
			return NULL;
		vb->arg = 0;
		for (; f < end && *f >= '0' && *f <= '9'; f++)
			if (vb->arg < 100000000)
				vb->arg = vb->arg * 10 + (*f - '0');
		if (!(f < end && *f == ']'))
			return NULL;
		f++;
	}
	if (f < end && ((*f >= 'a' && *f <= 'z') || (*f >= 'A' && *f <= 'Z'))) {
		vb->mode = *f;
		return f + 1;
	}
	return NULL;
}

/* Formats args (nargs of them) by the format string into b. */
static int
do_format(struct call *c, struct pl_buf *b, const struct pl_hcl_value *fmt,
    const struct pl_hcl_value *args, size_t nargs, int *unknown)
{
	const char *f = fmt->u.str, *end = f + fmt->n;
	int next = 1;

	*unknown = 0;
	while (f < end) {
		struct verb vb;
		const struct pl_hcl_value *a;
		const char *start = f;
		struct pl_hcl_value s;

		if (b->len > PL_HCL_MAX_STRING)
			return pl_hcl_limit(c->ev, &c->e->range, "string longer "
			    "than 4 MiB (PL_HCL_MAX_STRING)");
		if (*f != '%') {
			const char *pc = memchr(f, '%', (size_t)(end - f));
			size_t k = pc != NULL ? (size_t)(pc - f) : (size_t)(end - f);

			pl_buf_add(b, f, k);
			f += k;
			continue;
		}
		if (f + 1 < end && f[1] == '%') {
			pl_buf_addc(b, '%');
			f += 2;
			continue;
		}
		memset(&vb, 0, sizeof(vb));
		vb.width = vb.prec = -1;
		vb.arg = next;
		if ((f = parse_verb(f + 1, end, &vb)) == NULL)
			return cfail(c, 0, "invalid format string starting at "
			    "offset %zu", (size_t)(start - fmt->u.str));
		if (vb.width > (int)PL_HCL_MAX_STRING)
			return pl_hcl_limit(c->ev, &c->e->range, "string longer "
			    "than 4 MiB (PL_HCL_MAX_STRING)");
		if ((size_t)vb.arg > nargs)
			return cfail(c, 0, "not enough arguments for \"%.*s\" at "
			    "%zu: need index %d but have %zu total",
			    (int)(f - start), start, (size_t)(start - fmt->u.str),
			    vb.arg, nargs);
		a = &args[vb.arg - 1];
		next = vb.arg + 1;
		if (pl_hcl_find_unknown(a) != NULL) {
			*unknown = 1;
			continue;
		}
		if (vb.mode != 'v' && a->type == PL_HCL_NULL)
			return cfail(c, 0, "unsupported value for \"%.*s\" at %zu: "
			    "null value cannot be formatted", (int)(f - start),
			    start, (size_t)(start - fmt->u.str));
		switch (vb.mode) {
		case 'v':
			if (!vb.sharp && a->type == PL_HCL_STRING) {
				if (!simple_text(a->u.str, a->n))
					goto unmeasured;
				pad(b, &vb, a->u.str, a->n, text_len(a->u.str,
				    a->n));
				break;
			}
			if (!vb.sharp && a->type == PL_HCL_NUMBER) {
				vb.mode = 'g';
				vb.prec = -1;
				if (fmt_float(c, b, &vb, a->u.num) != 0)
					return -1;
				break;
			}
			{
				struct pl_buf j;
				int r;

				pl_buf_init(&j);
				r = json_value(c, &j, a, 0);
				if (r == 0)
					pad(b, &vb, j.buf, j.len, text_len(j.buf,
					    j.len));
				pl_buf_release(&j);
				if (r != 0)
					return -1;
			}
			break;
		case 't': {
			int bv;

			if (pl_hcl_to_bool(c->ev, a, &bv, W(c, vb.arg),
			    "the argument") < 0)
				return -1;
			pl_buf_adds(b, bv ? "true" : "false");
			break;
		}
		case 'b': case 'd': case 'o': case 'x': case 'X':
		case 'e': case 'E': case 'f': case 'g': case 'G': {
			double d;

			if (pl_hcl_to_number(c->ev, a, &d, W(c, vb.arg),
			    "the argument") < 0)
				return -1;
			if (strchr("bdoxX", vb.mode) != NULL) {
				if (d != pl_hcl_floor(d))
					return cfail(c, vb.arg, "unsupported value "
					    "for \"%.*s\" at %zu: an integer is "
					    "required", (int)(f - start), start,
					    (size_t)(start - fmt->u.str));
				if (pl_hcl_fabs(d) >= 1.8e19)
					return cfail(c, vb.arg, "the integer is too "
					    "large to format");
				fmt_integer(b, &vb, d);
			} else if (fmt_float(c, b, &vb, d) != 0)
				return -1;
			break;
		}
		case 's':
		case 'q': {
			size_t n;

			if (pl_hcl_to_string(c->ev, a, &s, W(c, vb.arg),
			    "the argument") < 0)
				return -1;
			if (!simple_text(s.u.str, s.n))
				goto unmeasured;
			n = s.n;
			if (vb.prec > 0)
				n = text_off(s.u.str, s.n, (size_t)vb.prec);
			if (vb.mode == 's')
				pad(b, &vb, s.u.str, n, text_len(s.u.str, n));
			else {
				struct pl_buf j;

				pl_buf_init(&j);
				json_str(&j, s.u.str, n);
				pad(b, &vb, j.buf, j.len, text_len(j.buf, j.len));
				pl_buf_release(&j);
			}
			break;
		}
		default:
			return cfail(c, 0, "unsupported format verb '%c' in \"%.*s\" "
			    "at offset %zu", vb.mode, (int)(f - start), start,
			    (size_t)(start - fmt->u.str));
		}
	}
	return 0;

unmeasured:
	*unknown = 2;
	return 0;
}

static int
fn_format(struct call *c)
{
	struct pl_hcl_value f;
	struct pl_buf b;
	int r, unknown;

	if ((r = arg_str(c, 0, &f)) != 0)
		return r < 0 ? -1 : 0;
	pl_buf_init(&b);
	r = do_format(c, &b, &f, c->args + 1, c->nargs - 1, &unknown);
	if (r == 0 && unknown == 1)
		pl_hcl_value_unknown(c->out, NULL);
	else if (r == 0 && unknown == 2)
		unmeasurable(c);
	else if (r == 0)
		r = out_string(c, b.buf != NULL ? b.buf : "", b.len);
	pl_buf_release(&b);
	return r;
}

static int
fn_formatlist(struct call *c)
{
	struct pl_hcl_value f, *row = NULL;
	size_t n = SIZE_MAX, na = c->nargs - 1;
	int r;

	if ((r = arg_str(c, 0, &f)) != 0)
		return r < 0 ? -1 : 0;
	for (size_t i = 1; i < c->nargs; i++) {
		const struct pl_hcl_value *v = &c->args[i];

		if (v->type == PL_HCL_UNKNOWN) {
			set_unknown(c, v);
			return 0;
		}
		if (!is_seq(v->type))
			continue;
		if (n == SIZE_MAX)
			n = v->n;
		else if (v->n != n)
			return cfail(c, i, "argument %zu has length %u, which is "
			    "inconsistent with the others of length %zu", i + 1,
			    v->n, n);
	}
	if (n == SIZE_MAX)
		n = 1;
	{
		struct pl_hcl_value res, *save = c->out;

		c->out = &res;
		r = out_collection(c, PL_HCL_LIST, n);
		c->out = save;
		if (r != 0)
			return -1;
		*c->out = res;
	}
	if (na > 0 && (row = pl_hcl_alloc(c->ev, na * sizeof(*row),
	    &c->e->range)) == NULL)
		return -1;
	for (size_t k = 0; k < n; k++) {
		struct pl_buf b;
		int unknown;

		for (size_t i = 0; i < na; i++) {
			const struct pl_hcl_value *v = &c->args[i + 1];

			row[i] = is_seq(v->type) ? v->u.items[k] : *v;
		}
		pl_buf_init(&b);
		r = do_format(c, &b, &f, row, na, &unknown);
		if (r == 0 && unknown)
			pl_hcl_value_unknown(&c->out->u.items[k], NULL);
		else if (r == 0)
			r = str_item(c, &c->out->u.items[k], b.buf != NULL ? b.buf :
			    "", b.len);
		pl_buf_release(&b);
		if (r != 0)
			return -1;
	}
	return 0;
}

/* ---- try and can -------------------------------------------------------- */

/*
 * try and can evaluate their arguments themselves (hcl ext/tryfunc):
 * an error is caught, but a limit is not; a result that is not wholly
 * known cannot say whether it would have failed, so it is unknown.
 */
static int
fn_try(struct call *c)
{
	const struct pl_hcl_expr *e = c->e;

	for (uint32_t i = 0; i < e->n; i++) {
		struct pl_hcl_value v;
		const struct pl_hcl_value *u;

		if (c->ev->node(c->ev, e->u.call.args[i], &v) != 0) {
			if (c->ev->limited)
				return -1;
			c->ev->failed = 0;
			continue;
		}
		if ((u = pl_hcl_find_unknown(&v)) != NULL) {
			set_unknown(c, u);
			return 0;
		}
		*c->out = v;
		return 0;
	}
	return pl_hcl_fail(c->ev, &e->range, "try(): no expression succeeded");
}

static int
fn_can(struct call *c)
{
	const struct pl_hcl_expr *e = c->e;
	struct pl_hcl_value v;
	const struct pl_hcl_value *u;

	if (c->ev->node(c->ev, e->u.call.args[0], &v) != 0) {
		if (c->ev->limited)
			return -1;
		c->ev->failed = 0;
		pl_hcl_value_bool(c->out, 0);
		return 0;
	}
	if ((u = pl_hcl_find_unknown(&v)) != NULL) {
		set_unknown(c, u);
		return 0;
	}
	pl_hcl_value_bool(c->out, 1);
	return 0;
}

/* ---- The table ---------------------------------------------------------- */

/* Sorted by name, for bsearch. */
static const struct fn fns[] = {
	{ "abs",		1, 1, K_TOP, fn_abs },
	{ "alltrue",		1, 1, K_TOP, fn_alltrue },
	{ "anytrue",		1, 1, K_TOP, fn_anytrue },
	{ "can",		1, 1, K_LAZY, fn_can },
	{ "ceil",		1, 1, K_TOP, fn_ceil },
	{ "chomp",		1, 1, K_TOP, fn_chomp },
	{ "coalesce",		1, -1, K_NONE, fn_coalesce },
	{ "coalescelist",	1, -1, K_NONE, fn_coalescelist },
	{ "compact",		1, 1, K_DEEP, fn_compact },
	{ "concat",		1, -1, K_TOP, fn_concat },
	{ "contains",		2, 2, K_TOP, fn_contains },
	{ "distinct",		1, 1, K_DEEP, fn_distinct },
	{ "element",		2, 2, K_TOP, fn_element },
	{ "endswith",		2, 2, K_TOP, fn_endswith },
	{ "flatten",		1, 1, K_TOP, fn_flatten },
	{ "floor",		1, 1, K_TOP, fn_floor },
	{ "format",		1, -1, K_TOP, fn_format },
	{ "formatlist",		1, -1, K_NONE, fn_formatlist },
	{ "index",		2, 2, K_TOP, fn_index },
	{ "join",		2, -1, K_DEEP, fn_join },
	{ "jsonencode",		1, 1, K_DEEP, fn_jsonencode },
	{ "keys",		1, 1, K_TOP, fn_keys },
	{ "length",		1, 1, K_TOP, fn_length },
	{ "lookup",		2, 3, K_NONE, fn_lookup },
	{ "lower",		1, 1, K_TOP, fn_lower },
	{ "max",		1, -1, K_TOP, fn_max },
	{ "merge",		0, -1, K_TOP, fn_merge },
	{ "min",		1, -1, K_TOP, fn_min },
	{ "one",		1, 1, K_TOP, fn_one },
	{ "range",		1, 3, K_TOP, fn_range },
	{ "replace",		3, 3, K_TOP, fn_replace },
	{ "reverse",		1, 1, K_TOP, fn_reverse },
	{ "setunion",		1, -1, K_TOP, fn_setunion },
	{ "slice",		3, 3, K_TOP, fn_slice },
	{ "sort",		1, 1, K_DEEP, fn_sort },
	{ "split",		2, 2, K_TOP, fn_split },
	{ "startswith",		2, 2, K_TOP, fn_startswith },
	{ "strrev",		1, 1, K_TOP, fn_strrev },
	{ "substr",		3, 3, K_TOP, fn_substr },
	{ "title",		1, 1, K_TOP, fn_title },
	{ "tobool",		1, 1, K_TOP, fn_tobool },
	{ "tolist",		1, 1, K_TOP, fn_tolist },
	{ "tomap",		1, 1, K_TOP, fn_tomap },
	{ "tonumber",		1, 1, K_TOP, fn_tonumber },
	{ "toset",		1, 1, K_TOP, fn_toset },
	{ "tostring",		1, 1, K_TOP, fn_tostring },
	{ "trim",		2, 2, K_TOP, fn_trim },
	{ "trimprefix",		2, 2, K_TOP, fn_trimprefix },
	{ "trimspace",		1, 1, K_TOP, fn_trimspace },
	{ "trimsuffix",		2, 2, K_TOP, fn_trimsuffix },
	{ "try",		1, -1, K_LAZY, fn_try },
	{ "upper",		1, 1, K_TOP, fn_upper },
	{ "values",		1, 1, K_TOP, fn_values },
	{ "zipmap",		2, 2, K_TOP, fn_zipmap },
};

static int
fn_cmp(const void *key, const void *elem)
{
	return strcmp(key, ((const struct fn *)elem)->name);
}

/* Evaluates the arguments, the last one spread when it has "...". */
static int
eval_args(struct call *c, int *unknown)
{
	const struct pl_hcl_expr *e = c->e;
	struct pl_hcl_value last;
	size_t n = e->n, extra = 0;

	*unknown = 0;
	if (e->u.call.expand && n > 0) {
		if (c->ev->node(c->ev, e->u.call.args[n - 1], &last) != 0)
			return -1;
		if (last.type == PL_HCL_UNKNOWN) {
			set_unknown(c, &last);
			*unknown = 1;
			return 0;
		}
		if (!is_seq(last.type))
			return pl_hcl_fail(c->ev, &e->u.call.args[n - 1]->range,
			    "%s(): the argument expanded with '...' must be a "
			    "list or tuple, not %s", c->name,
			    pl_hcl_type_a(last.type));
		extra = last.n;
		n--;
	}
	if (n + extra > 1024)
		return pl_hcl_fail(c->ev, &e->range, "%s(): more than 1024 "
		    "arguments", c->name);
	c->nargs = n + extra;
	c->args = pl_hcl_alloc(c->ev, (c->nargs + 1) * sizeof(*c->args),
	    &e->range);
	c->where = pl_hcl_alloc(c->ev, (c->nargs + 1) * sizeof(*c->where),
	    &e->range);
	if (c->args == NULL || c->where == NULL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (c->ev->node(c->ev, e->u.call.args[i], &c->args[i]) != 0)
			return -1;
		c->where[i] = &e->u.call.args[i]->range;
	}
	for (size_t i = 0; i < extra; i++) {
		c->args[n + i] = last.u.items[i];
		c->where[n + i] = &e->u.call.args[e->n - 1]->range;
	}
	return 0;
}

int
pl_hcl_call(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	const char *name = e->u.call.name;
	const struct fn *f;
	struct call c;
	int unknown;

	/* Terraform names its own functions core::NAME too. */
	if (strncmp(name, "core::", 6) == 0)
		name += 6;
	f = bsearch(name, fns, sizeof(fns) / sizeof(fns[0]), sizeof(fns[0]),
	    fn_cmp);
	if (f == NULL) {
		char *why = pl_hcl_alloc(ev, strlen(e->u.call.name) + 40,
		    &e->range);

		if (why == NULL)
			return -1;
		memcpy(why, "function '", 10);
		memcpy(why + 10, e->u.call.name, strlen(e->u.call.name));
		memcpy(why + 10 + strlen(e->u.call.name), "' is not implemented",
		    21);
		pl_hcl_value_unknown(out, why);
		return 0;
	}
	memset(&c, 0, sizeof(c));
	c.ev = ev;
	c.e = e;
	c.name = f->name;
	c.out = out;
	if (f->known == K_LAZY) {
		if (e->n < (uint32_t)f->min || e->u.call.expand)
			return pl_hcl_fail(ev, &e->range, "%s() takes %s%d "
			    "argument%s%s", f->name, f->max < 0 ? "at least " :
			    "", f->min, f->min == 1 ? "" : "s", e->u.call.expand ?
			    ", without '...'" : "");
		if (f->max >= 0 && e->n > (uint32_t)f->max)
			return pl_hcl_fail(ev, &e->range, "%s() takes %d "
			    "argument%s", f->name, f->max, f->max == 1 ? "" : "s");
		return f->call(&c);
	}
	if (eval_args(&c, &unknown) != 0)
		return -1;
	if (unknown)
		return 0;
	if (c.nargs < (size_t)f->min || (f->max >= 0 && c.nargs >
	    (size_t)f->max)) {
		if (f->min == f->max)
			return pl_hcl_fail(ev, &e->range, "%s() takes %d "
			    "argument%s, not %zu", f->name, f->min, f->min == 1 ?
			    "" : "s", c.nargs);
		if (f->max < 0)
			return pl_hcl_fail(ev, &e->range, "%s() takes at least %d "
			    "argument%s, not %zu", f->name, f->min, f->min == 1 ?
			    "" : "s", c.nargs);
		return pl_hcl_fail(ev, &e->range, "%s() takes %d to %d "
		    "arguments, not %zu", f->name, f->min, f->max, c.nargs);
	}
	/*
	 * The work of a call grows with its arguments: an element or 64 bytes
	 * of text is a step, so that a function over a big value inside a
	 * big for expression ends at the budget, not after hours.
	 */
	{
		size_t cost = c.nargs;

		for (size_t i = 0; i < c.nargs; i++) {
			const struct pl_hcl_value *a = &c.args[i];

			if (a->type == PL_HCL_STRING)
				cost += a->n / 64;
			else if (a->type != PL_HCL_NULL && a->type !=
			    PL_HCL_UNKNOWN && a->type != PL_HCL_BOOL &&
			    a->type != PL_HCL_NUMBER)
				cost += a->n;
		}
		if (pl_hcl_step(ev, cost, &e->range) != 0)
			return -1;
	}
	for (size_t i = 0; i < c.nargs; i++) {
		const struct pl_hcl_value *u = NULL;

		if (f->known == K_TOP && c.args[i].type == PL_HCL_UNKNOWN)
			u = &c.args[i];
		else if (f->known == K_DEEP)
			u = pl_hcl_find_unknown(&c.args[i]);
		if (u != NULL) {
			set_unknown(&c, u);
			return 0;
		}
	}
	pl_hcl_value_null(out);
	if (f->call(&c) != 0)
		return -1;
	/* Computed, unless the function passed a value through. */
	return 0;
}
