/* hcl.c -- the HCL model: values (allocation, conversion, order, equality) and the tree helpers */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcl_impl.h"
#include "proxylint/banned.h"

/*
 * The value model of hcl.h, with the conversions of go-cty (read for
 * behaviour: cty/convert/conversion_primitive.go, cty/value_init.go):
 * numbers and bools become strings, strings become numbers (decimal) and
 * bools ("true", "false", "1", "0"), nothing else converts implicitly.
 * Numbers are doubles; go-cty's are 512-bit, which only shows past 15
 * significant digits.
 */

/* Recursion on values stops here: values can nest deeper than any one
 * expression, through chains of references. */
#define VDEPTH	PL_HCL_MAX_EVAL_DEPTH

/* ---- Budget and errors -------------------------------------------------- */

static void set_err(struct pl_hcl_eval *, enum pl_hcl_diag_kind,
    const struct pl_hcl_range *, const char *, va_list)
    __attribute__((format(printf, 4, 0)));

static void
set_err(struct pl_hcl_eval *ev, enum pl_hcl_diag_kind kind,
    const struct pl_hcl_range *where, const char *fmt, va_list ap)
{
	vsnprintf(ev->errbuf, sizeof(ev->errbuf), fmt, ap);
	if (where != NULL)
		ev->err.range = *where;
	else
		memset(&ev->err.range, 0, sizeof(ev->err.range));
	ev->err.kind = kind;
	ev->err.msg = ev->errbuf;
	ev->failed = 1;
	if (kind == PL_HCL_DIAG_LIMIT)
		ev->limited = 1;
}

int
pl_hcl_vfail(struct pl_hcl_eval *ev, enum pl_hcl_diag_kind kind,
    const struct pl_hcl_range *where, const char *fmt, va_list ap)
{
	/* After a limit, the limit's message stays. */
	if (ev->limited && ev->failed)
		return -1;
	set_err(ev, kind, where, fmt, ap);
	return -1;
}

int
pl_hcl_eval_fail(struct pl_hcl_eval *ev, const struct pl_hcl_range *where,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pl_hcl_vfail(ev, PL_HCL_DIAG_EVAL, where, fmt, ap);
	va_end(ap);
	return -1;
}

int
pl_hcl_limit(struct pl_hcl_eval *ev, const struct pl_hcl_range *where,
    const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pl_hcl_vfail(ev, PL_HCL_DIAG_LIMIT, where, fmt, ap);
	va_end(ap);
	return -1;
}

int
pl_hcl_step(struct pl_hcl_eval *ev, size_t n, const struct pl_hcl_range *where)
{
	if (ev->limited)
		return -1;
	ev->steps += n;
	if (ev->steps > ev->budget)
		return pl_hcl_limit(ev, where, "evaluation took more than %zu "
		    "steps (PL_HCL_MAX_EVAL_STEPS)", ev->budget);
	return 0;
}

void *
pl_hcl_alloc(struct pl_hcl_eval *ev, size_t size, const struct pl_hcl_range *where)
{
	if (ev->limited)
		return NULL;
	if (size > PL_HCL_MAX_EVAL_BYTES - ev->bytes) {
		pl_hcl_limit(ev, where, "evaluation allocated more than 256 MiB "
		    "(PL_HCL_MAX_EVAL_BYTES)");
		return NULL;
	}
	ev->bytes += size;
	return pl_arena_alloc(&ev->arena, size ? size : 1);
}

char *
pl_hcl_strbuf(struct pl_hcl_eval *ev, size_t len, const struct pl_hcl_range *where)
{
	char *s;

	if (len > PL_HCL_MAX_STRING) {
		pl_hcl_limit(ev, where, "string longer than 4 MiB "
		    "(PL_HCL_MAX_STRING)");
		return NULL;
	}
	if ((s = pl_hcl_alloc(ev, len + 1, where)) != NULL)
		s[len] = '\0';
	return s;
}

struct pl_hcl_value *
pl_hcl_items(struct pl_hcl_eval *ev, enum pl_hcl_type type, size_t n,
    const struct pl_hcl_range *where)
{
	size_t k = (type == PL_HCL_OBJECT || type == PL_HCL_MAP) ? 2 : 1;

	if (n > PL_HCL_MAX_COLLECTION) {
		pl_hcl_limit(ev, where, "a collection of more than %d elements "
		    "(PL_HCL_MAX_COLLECTION)", PL_HCL_MAX_COLLECTION);
		return NULL;
	}
	return pl_hcl_alloc(ev, n * k * sizeof(struct pl_hcl_value), where);
}

/* ---- Constructors ------------------------------------------------------- */

void
pl_hcl_value_null(struct pl_hcl_value *v)
{
	memset(v, 0, sizeof(*v));
	v->type = PL_HCL_NULL;
}

void
pl_hcl_value_bool(struct pl_hcl_value *v, int b)
{
	memset(v, 0, sizeof(*v));
	v->type = PL_HCL_BOOL;
	v->u.b = b != 0;
}

void
pl_hcl_value_number(struct pl_hcl_value *v, double d)
{
	memset(v, 0, sizeof(*v));
	v->type = PL_HCL_NUMBER;
	v->u.num = d;
}

void
pl_hcl_value_string(struct pl_hcl_eval *ev, struct pl_hcl_value *v,
    const char *s, size_t len)
{
	char *c = pl_arena_alloc(&ev->arena, len + 1);

	memcpy(c, s, len);
	c[len] = '\0';
	memset(v, 0, sizeof(*v));
	v->type = PL_HCL_STRING;
	v->n = (uint32_t)len;
	v->u.str = c;
}

void
pl_hcl_value_unknown(struct pl_hcl_value *v, const char *why)
{
	memset(v, 0, sizeof(*v));
	v->type = PL_HCL_UNKNOWN;
	v->u.why = why != NULL ? why : "not known before apply";
}

int
pl_hcl_value_collection(struct pl_hcl_eval *ev, struct pl_hcl_value *v,
    enum pl_hcl_type type, size_t n)
{
	struct pl_hcl_value *items = NULL;

	memset(v, 0, sizeof(*v));
	v->type = type;
	if (n > 0 && (items = pl_hcl_items(ev, type, n, NULL)) == NULL)
		return -1;
	if (items != NULL)
		memset(items, 0, n * ((type == PL_HCL_OBJECT ||
		    type == PL_HCL_MAP) ? 2 : 1) * sizeof(*items));
	v->n = (uint32_t)n;
	v->u.items = items;
	return 0;
}

int
pl_hcl_value_finish(struct pl_hcl_eval *ev, struct pl_hcl_value *v)
{
	if (v->type == PL_HCL_OBJECT || v->type == PL_HCL_MAP)
		return pl_hcl_sort_pairs(ev, v, NULL, 1);
	if (v->type == PL_HCL_SET)
		pl_hcl_sort_set(v);
	return 0;
}

struct pl_arena *
pl_hcl_eval_arena(struct pl_hcl_eval *ev)
{
	return &ev->arena;
}

const char *
pl_hcl_type_name(enum pl_hcl_type t)
{
	switch (t) {
	case PL_HCL_NULL: return "null";
	case PL_HCL_BOOL: return "bool";
	case PL_HCL_NUMBER: return "number";
	case PL_HCL_STRING: return "string";
	case PL_HCL_TUPLE: return "tuple";
	case PL_HCL_LIST: return "list";
	case PL_HCL_SET: return "set";
	case PL_HCL_OBJECT: return "object";
	case PL_HCL_MAP: return "map";
	case PL_HCL_UNKNOWN: return "unknown";
	}
	return "value";
}

const char *
pl_hcl_type_a(enum pl_hcl_type t)
{
	switch (t) {
	case PL_HCL_OBJECT: return "an object";
	case PL_HCL_UNKNOWN: return "an unknown value";
	case PL_HCL_NULL: return "null";
	case PL_HCL_BOOL: return "a bool";
	case PL_HCL_NUMBER: return "a number";
	case PL_HCL_STRING: return "a string";
	case PL_HCL_TUPLE: return "a tuple";
	case PL_HCL_LIST: return "a list";
	case PL_HCL_SET: return "a set";
	case PL_HCL_MAP: return "a map";
	}
	return "a value";
}

void
pl_hcl_unknown_of(struct pl_hcl_value *out, const struct pl_hcl_value *a,
    const struct pl_hcl_value *b)
{
	const char *why = NULL;

	if (a != NULL && a->type == PL_HCL_UNKNOWN)
		why = a->u.why;
	else if (b != NULL && b->type == PL_HCL_UNKNOWN)
		why = b->u.why;
	pl_hcl_value_unknown(out, why);
}

static const struct pl_hcl_value *
find_unknown(const struct pl_hcl_value *v, unsigned depth)
{
	size_t n;

	if (v->type == PL_HCL_UNKNOWN)
		return v;
	if (depth > VDEPTH)
		return NULL;
	switch (v->type) {
	case PL_HCL_TUPLE:
	case PL_HCL_LIST:
	case PL_HCL_SET:
		n = v->n;
		break;
	case PL_HCL_OBJECT:
	case PL_HCL_MAP:
		n = (size_t)v->n * 2;
		break;
	default:
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const struct pl_hcl_value *u = find_unknown(&v->u.items[i],
		    depth + 1);

		if (u != NULL)
			return u;
	}
	return NULL;
}

const struct pl_hcl_value *
pl_hcl_find_unknown(const struct pl_hcl_value *v)
{
	return find_unknown(v, 0);
}

int
pl_hcl_value_wholly_known(const struct pl_hcl_value *v)
{
	return find_unknown(v, 0) == NULL;
}

long
pl_hcl_find_key(const struct pl_hcl_value *v, const char *key, size_t len)
{
	size_t lo = 0, hi = v->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pl_hcl_value *k = &v->u.items[2 * mid];
		size_t m = k->n < len ? k->n : len;
		int c = memcmp(k->u.str, key, m);

		if (c == 0)
			c = k->n < len ? -1 : k->n > len;
		if (c == 0)
			return (long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

const struct pl_hcl_value *
pl_hcl_value_get(const struct pl_hcl_value *v, const char *key)
{
	long i;

	if (v->type != PL_HCL_OBJECT && v->type != PL_HCL_MAP)
		return NULL;
	if ((i = pl_hcl_find_key(v, key, strlen(key))) < 0)
		return NULL;
	return &v->u.items[2 * i + 1];
}

int
pl_hcl_str_eq(const struct pl_hcl_value *v, const char *s, size_t len)
{
	return v->type == PL_HCL_STRING && v->n == len &&
	    memcmp(v->u.str, s, len) == 0;
}

/* ---- Numbers ------------------------------------------------------------ */

size_t
pl_hcl_number_format(double v, char *buf)
{
	char tmp[40], digits[24], *o = buf;
	int exp10, nd = 0, prec;

	if (isnan(v))
		return (size_t)snprintf(buf, PL_HCL_NUMBUF, "NaN");
	if (isinf(v))
		return (size_t)snprintf(buf, PL_HCL_NUMBUF, v < 0 ? "-Inf" :
		    "+Inf");
	if (v == 0)
		return (size_t)snprintf(buf, PL_HCL_NUMBUF, "0");
	if (pl_hcl_fabs(v) < 1e15 && v == pl_hcl_trunc(v))
		return (size_t)snprintf(buf, PL_HCL_NUMBUF, "%.0f", v);
	/* The shortest %e that reads back the same: big.Float's Text('f',
	 * -1) prints the shortest decimal too, never with an exponent. */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(tmp, sizeof(tmp), "%.*e", prec - 1, v);
		if (strtod(tmp, NULL) == v)
			break;
	}
	{
		const char *s = tmp, *e;

		if (*s == '-') {
			*o++ = '-';
			s++;
		}
		for (; *s != '\0' && *s != 'e'; s++)
			if (*s >= '0' && *s <= '9')
				digits[nd++] = *s;
		e = strchr(tmp, 'e');
		exp10 = (int)strtol(e + 1, NULL, 10);
	}
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	/* digits d1 d2 ... with the decimal point after exp10 + 1 of them. */
	{
		int point = exp10 + 1;

		if (point <= 0) {
			*o++ = '0';
			*o++ = '.';
			for (int i = 0; i < -point; i++)
				*o++ = '0';
			memcpy(o, digits, (size_t)nd);
			o += nd;
		} else if (point >= nd) {
			memcpy(o, digits, (size_t)nd);
			o += nd;
			for (int i = nd; i < point; i++)
				*o++ = '0';
		} else {
			memcpy(o, digits, (size_t)point);
			o += point;
			*o++ = '.';
			memcpy(o, digits + point, (size_t)(nd - point));
			o += nd - point;
		}
	}
	*o = '\0';
	return (size_t)(o - buf);
}

int
pl_hcl_parse_number(const char *s, size_t n, double *out)
{
	size_t i = 0, mant = 0;
	char buf[64], *tmp = buf;
	double v;

	/* big.ParseFloat(s, 10, ...): a sign, digits with an optional
	 * point, an optional decimal exponent; no spaces. */
	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < n && s[i] >= '0' && s[i] <= '9') {
		i++;
		mant++;
	}
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && s[i] >= '0' && s[i] <= '9') {
			i++;
			mant++;
		}
	}
	if (mant == 0)
		return -1;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t d;

		i++;
		if (i < n && (s[i] == '+' || s[i] == '-'))
			i++;
		d = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == d)
			return -1;
	}
	if (i != n)
		return -1;
	if (n >= sizeof(buf))
		tmp = pl_xmalloc(n + 1);
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	v = strtod(tmp, NULL);
	if (tmp != buf)
		free(tmp);
	if (!isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* ---- Conversions -------------------------------------------------------- */

int
pl_hcl_to_string(struct pl_hcl_eval *ev, const struct pl_hcl_value *v,
    struct pl_hcl_value *out, const struct pl_hcl_range *where,
    const char *what)
{
	char buf[PL_HCL_NUMBUF];
	size_t n;

	switch (v->type) {
	case PL_HCL_STRING:
		*out = *v;
		return 0;
	case PL_HCL_UNKNOWN:
		*out = *v;
		return 1;
	case PL_HCL_NUMBER:
		n = pl_hcl_number_format(v->u.num, buf);
		pl_hcl_value_string(ev, out, buf, n);
		return 0;
	case PL_HCL_BOOL:
		memset(out, 0, sizeof(*out));
		out->type = PL_HCL_STRING;
		out->u.str = v->u.b ? "true" : "false";
		out->n = v->u.b ? 4 : 5;
		return 0;
	case PL_HCL_NULL:
		return pl_hcl_fail(ev, where, "%s is null, not a string", what);
	default:
		return pl_hcl_fail(ev, where, "%s is %s, not a string", what,
		    pl_hcl_type_a(v->type));
	}
}

int
pl_hcl_to_number(struct pl_hcl_eval *ev, const struct pl_hcl_value *v,
    double *out, const struct pl_hcl_range *where, const char *what)
{
	switch (v->type) {
	case PL_HCL_NUMBER:
		*out = v->u.num;
		return 0;
	case PL_HCL_UNKNOWN:
		return 1;
	case PL_HCL_STRING:
		if (pl_hcl_parse_number(v->u.str, v->n, out) == 0)
			return 0;
		return pl_hcl_fail(ev, where, "%s is the string \"%.40s\", not a "
		    "number", what, v->u.str);
	case PL_HCL_NULL:
		return pl_hcl_fail(ev, where, "%s is null, not a number", what);
	default:
		return pl_hcl_fail(ev, where, "%s is %s, not a number", what,
		    pl_hcl_type_a(v->type));
	}
}

int
pl_hcl_to_bool(struct pl_hcl_eval *ev, const struct pl_hcl_value *v, int *out,
    const struct pl_hcl_range *where, const char *what)
{
	switch (v->type) {
	case PL_HCL_BOOL:
		*out = v->u.b;
		return 0;
	case PL_HCL_UNKNOWN:
		return 1;
	case PL_HCL_STRING:
		if (pl_hcl_str_eq(v, "true", 4) || pl_hcl_str_eq(v, "1", 1)) {
			*out = 1;
			return 0;
		}
		if (pl_hcl_str_eq(v, "false", 5) || pl_hcl_str_eq(v, "0", 1)) {
			*out = 0;
			return 0;
		}
		if (pl_strcaseeq(v->u.str, "true") ||
		    pl_strcaseeq(v->u.str, "false"))
			return pl_hcl_fail(ev, where, "%s is the string \"%s\", "
			    "not a bool (write \"%s\" in lowercase)", what,
			    v->u.str, v->u.str[0] == 't' || v->u.str[0] == 'T' ?
			    "true" : "false");
		return pl_hcl_fail(ev, where, "%s is the string \"%.40s\", not a "
		    "bool", what, v->u.str);
	case PL_HCL_NULL:
		return pl_hcl_fail(ev, where, "%s is null, not a bool", what);
	default:
		return pl_hcl_fail(ev, where, "%s is %s, not a bool", what,
		    pl_hcl_type_a(v->type));
	}
}

/* ---- Order and equality ------------------------------------------------- */

static int
is_map(enum pl_hcl_type t)
{
	return t == PL_HCL_OBJECT || t == PL_HCL_MAP;
}

static int
str_cmp(const struct pl_hcl_value *a, const struct pl_hcl_value *b)
{
	size_t m = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->u.str, b->u.str, m);

	if (c != 0)
		return c;
	return a->n < b->n ? -1 : a->n > b->n;
}

static int
equal(const struct pl_hcl_value *a, const struct pl_hcl_value *b,
    unsigned depth, size_t *cost)
{
	int unknown = 0;
	size_t n;

	(*cost)++;

	if (a->type == PL_HCL_UNKNOWN || b->type == PL_HCL_UNKNOWN)
		return -1;
	if (a->type == PL_HCL_NULL || b->type == PL_HCL_NULL)
		return a->type == b->type;
	if (a->type != b->type)
		return 0;
	if (depth > VDEPTH)
		return -1;
	switch (a->type) {
	case PL_HCL_BOOL:
		return a->u.b == b->u.b;
	case PL_HCL_NUMBER:
		return a->u.num == b->u.num;
	case PL_HCL_STRING:
		*cost += (a->n < b->n ? a->n : b->n) / 64;
		return str_cmp(a, b) == 0;
	default:
		break;
	}
	if (a->n != b->n)
		return 0;
	n = is_map(a->type) ? (size_t)a->n * 2 : a->n;
	for (size_t i = 0; i < n; i++) {
		int r = equal(&a->u.items[i], &b->u.items[i], depth + 1, cost);

		if (r == 0)
			return 0;
		if (r < 0)
			unknown = 1;
	}
	return unknown ? -1 : 1;
}

int
pl_hcl_equal(const struct pl_hcl_value *a, const struct pl_hcl_value *b)
{
	size_t cost = 0;

	return equal(a, b, 0, &cost);
}

int
pl_hcl_equal_ev(struct pl_hcl_eval *ev, const struct pl_hcl_value *a,
    const struct pl_hcl_value *b, const struct pl_hcl_range *where, int *eq)
{
	size_t cost = 0;

	*eq = equal(a, b, 0, &cost);
	return pl_hcl_step(ev, cost, where);
}

int
pl_hcl_charge_sort(struct pl_hcl_eval *ev, size_t n,
    const struct pl_hcl_range *where)
{
	size_t lg = 1;

	while (((size_t)1 << lg) < n)
		lg++;
	return pl_hcl_step(ev, n * lg, where);
}

static int
rank(enum pl_hcl_type t)
{
	switch (t) {
	case PL_HCL_NULL: return 0;
	case PL_HCL_BOOL: return 1;
	case PL_HCL_NUMBER: return 2;
	case PL_HCL_STRING: return 3;
	case PL_HCL_TUPLE: return 4;
	case PL_HCL_LIST: return 5;
	case PL_HCL_SET: return 6;
	case PL_HCL_OBJECT: return 7;
	case PL_HCL_MAP: return 8;
	case PL_HCL_UNKNOWN: return 9;
	}
	return 10;
}

static int
compare(const struct pl_hcl_value *a, const struct pl_hcl_value *b,
    unsigned depth)
{
	size_t n;

	if (a->type != b->type)
		return rank(a->type) < rank(b->type) ? -1 : 1;
	switch (a->type) {
	case PL_HCL_NULL:
	case PL_HCL_UNKNOWN:
		return 0;
	case PL_HCL_BOOL:
		return a->u.b - b->u.b;
	case PL_HCL_NUMBER:
		return a->u.num < b->u.num ? -1 : a->u.num > b->u.num;
	case PL_HCL_STRING:
		return str_cmp(a, b);
	default:
		break;
	}
	if (depth > VDEPTH)
		return 0;
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	n = is_map(a->type) ? (size_t)a->n * 2 : a->n;
	for (size_t i = 0; i < n; i++) {
		int c = compare(&a->u.items[i], &b->u.items[i], depth + 1);

		if (c != 0)
			return c;
	}
	return 0;
}

int
pl_hcl_compare(const struct pl_hcl_value *a, const struct pl_hcl_value *b)
{
	return compare(a, b, 0);
}

/* The pairs of an object, with their place for a stable order. */
struct pairref {
	const struct pl_hcl_value *kv;
	size_t			 i;
};

static int
pair_cmp(const void *x, const void *y)
{
	const struct pairref *a = x, *b = y;
	int c = str_cmp(&a->kv[0], &b->kv[0]);

	if (c != 0)
		return c;
	return a->i < b->i ? -1 : a->i > b->i;
}

int
pl_hcl_sort_pairs(struct pl_hcl_eval *ev, struct pl_hcl_value *v,
    const struct pl_hcl_range *where, int dup_error)
{
	struct pl_hcl_value *items = v->u.items, *out;
	struct pairref *refs;
	size_t n = v->n, w;
	int sorted = 1;

	for (size_t i = 1; i < n && sorted; i++)
		if (str_cmp(&items[2 * (i - 1)], &items[2 * i]) >= 0)
			sorted = 0;
	if (sorted)
		return 0;
	refs = pl_xmalloc(n * sizeof(*refs));
	for (size_t i = 0; i < n; i++) {
		refs[i].kv = &items[2 * i];
		refs[i].i = i;
	}
	qsort(refs, n, sizeof(*refs), pair_cmp);
	if ((out = pl_hcl_items(ev, v->type, n, where)) == NULL) {
		free(refs);
		return -1;
	}
	w = 0;
	for (size_t i = 0; i < n; i++) {
		if (i + 1 < n && str_cmp(&refs[i].kv[0], &refs[i + 1].kv[0]) ==
		    0) {
			if (dup_error) {
				const struct pl_hcl_value *k = &refs[i + 1].kv[0];

				pl_hcl_fail(ev, where, "duplicate key \"%.60s\"",
				    k->u.str);
				free(refs);
				return -1;
			}
			continue;	/* the later one wins */
		}
		out[2 * w] = refs[i].kv[0];
		out[2 * w + 1] = refs[i].kv[1];
		w++;
	}
	free(refs);
	v->u.items = out;
	v->n = (uint32_t)w;
	return 0;
}

static int
elem_cmp(const void *x, const void *y)
{
	return pl_hcl_compare(x, y);
}

void
pl_hcl_sort_set(struct pl_hcl_value *v)
{
	size_t w = 0;

	if (v->n < 2)
		return;
	qsort(v->u.items, v->n, sizeof(*v->u.items), elem_cmp);
	for (size_t i = 0; i < v->n; i++) {
		/* Unknown elements are never the same as another. */
		if (w > 0 && v->u.items[i].type != PL_HCL_UNKNOWN &&
		    pl_hcl_equal(&v->u.items[w - 1], &v->u.items[i]) == 1)
			continue;
		v->u.items[w++] = v->u.items[i];
	}
	v->n = (uint32_t)w;
}

int
pl_hcl_unify(struct pl_hcl_eval *ev, struct pl_hcl_value *v,
    const struct pl_hcl_range *where)
{
	size_t n = v->n;
	struct pl_hcl_value *el = v->u.items, *copy;
	enum pl_hcl_type first = 0;
	int mixed = 0, prim = 1;
	size_t step = is_map(v->type) ? 2 : 1, off = is_map(v->type) ? 1 : 0;

	for (size_t i = 0; i < n; i++) {
		enum pl_hcl_type t = el[i * step + off].type;

		if (t == PL_HCL_NULL || t == PL_HCL_UNKNOWN)
			continue;
		if (t != PL_HCL_STRING && t != PL_HCL_NUMBER && t != PL_HCL_BOOL)
			prim = 0;
		if (first == 0)
			first = t;
		else if (t != first)
			mixed = 1;
	}
	if (!mixed)
		return 0;
	if (!prim)
		return pl_hcl_fail(ev, where, "the elements are of different "
		    "kinds, and only strings, numbers and bools convert to one "
		    "type");
	if ((copy = pl_hcl_items(ev, v->type, n, where)) == NULL)
		return -1;
	memcpy(copy, el, n * step * sizeof(*copy));
	for (size_t i = 0; i < n; i++) {
		struct pl_hcl_value *x = &copy[i * step + off];

		if (x->type == PL_HCL_NUMBER || x->type == PL_HCL_BOOL) {
			struct pl_hcl_value s;

			pl_hcl_to_string(ev, x, &s, where, "an element");
			*x = s;
		}
	}
	v->u.items = copy;
	return 0;
}

/* ---- Showing ------------------------------------------------------------ */

static void
show_str(struct pl_buf *b, const char *s, size_t n)
{
	pl_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		size_t j = i;

		/* Runs of plain characters in one go. */
		while (j < n && (unsigned char)s[j] >= 0x20 && s[j] != '"' &&
		    s[j] != '\\')
			j++;
		if (j > i) {
			pl_buf_add(b, s + i, j - i);
			i = j - 1;
			continue;
		}
		switch (c) {
		case '"': pl_buf_adds(b, "\\\""); break;
		case '\\': pl_buf_adds(b, "\\\\"); break;
		case '\n': pl_buf_adds(b, "\\n"); break;
		case '\r': pl_buf_adds(b, "\\r"); break;
		case '\t': pl_buf_adds(b, "\\t"); break;
		default:
			if (c < 0x20)
				pl_buf_addf(b, "\\u%04x", c);
			else
				pl_buf_addc(b, (char)c);
		}
	}
	pl_buf_addc(b, '"');
}

static void
show(struct pl_buf *b, const struct pl_hcl_value *v, unsigned depth)
{
	char num[PL_HCL_NUMBUF];

	if (depth > VDEPTH) {
		pl_buf_adds(b, "...");
		return;
	}
	switch (v->type) {
	case PL_HCL_NULL:
		pl_buf_adds(b, "null");
		return;
	case PL_HCL_BOOL:
		pl_buf_adds(b, v->u.b ? "true" : "false");
		return;
	case PL_HCL_NUMBER:
		pl_hcl_number_format(v->u.num, num);
		pl_buf_adds(b, num);
		return;
	case PL_HCL_STRING:
		show_str(b, v->u.str, v->n);
		return;
	case PL_HCL_UNKNOWN:
		pl_buf_adds(b, "?");
		return;
	case PL_HCL_LIST:
	case PL_HCL_SET:
	case PL_HCL_TUPLE:
		pl_buf_adds(b, v->type == PL_HCL_LIST ? "list[" :
		    v->type == PL_HCL_SET ? "set[" : "[");
		for (size_t i = 0; i < v->n; i++) {
			if (i > 0)
				pl_buf_adds(b, ", ");
			show(b, &v->u.items[i], depth + 1);
		}
		pl_buf_addc(b, ']');
		return;
	case PL_HCL_OBJECT:
	case PL_HCL_MAP:
		pl_buf_adds(b, v->type == PL_HCL_MAP ? "map{" : "{");
		for (size_t i = 0; i < v->n; i++) {
			if (i > 0)
				pl_buf_adds(b, ", ");
			show(b, &v->u.items[2 * i], depth + 1);
			pl_buf_adds(b, " = ");
			show(b, &v->u.items[2 * i + 1], depth + 1);
		}
		pl_buf_addc(b, '}');
		return;
	}
}

void
pl_hcl_value_show(struct pl_buf *b, const struct pl_hcl_value *v)
{
	show(b, v, 0);
}

/* ---- The syntax tree: freeing it, finding things in it ------------------ */

void
pl_hcl_file_free(struct pl_hcl_file *f)
{
	if (f == NULL)
		return;
	pl_arena_release(&f->arena);
	free(f);
}

const struct pl_hcl_attr *
pl_hcl_body_attr(const struct pl_hcl_body *b, const char *name)
{
	for (size_t i = 0; i < b->nattrs; i++)
		if (strcmp(b->attrs[i].name, name) == 0)
			return &b->attrs[i];
	return NULL;
}

/* Looks through parentheses and "${x}". */
static const struct pl_hcl_expr *
unwrap(const struct pl_hcl_expr *e)
{
	while (e != NULL && (e->kind == PL_HCL_EXPR_PAREN ||
	    e->kind == PL_HCL_EXPR_WRAP))
		e = e->u.wrap.expr;
	return e;
}

const struct pl_hcl_expr *
pl_hcl_expr_traversal(const struct pl_hcl_expr *e)
{
	e = unwrap(e);
	if (e == NULL || e->kind != PL_HCL_EXPR_TRAVERSAL ||
	    e->u.trav.root == NULL)
		return NULL;
	return e;
}

/* Does the name [s, s + n) match one segment of a pattern? */
static int
seg_match(const char *seg, size_t seglen, const char *name)
{
	if (seglen == 1 && seg[0] == '*')
		return 1;
	return strlen(name) == seglen && memcmp(seg, name, seglen) == 0;
}

int
pl_hcl_expr_match(const struct pl_hcl_expr *e, const char *pattern,
    const char **caps, size_t ncaps)
{
	const struct pl_hcl_expr *t = pl_hcl_expr_traversal(e);
	const char *p = pattern, *dot;
	size_t ncap = 0, i = 0, len;

	if (t == NULL)
		return 0;
	/* The root, then one attribute step per segment. */
	dot = strchr(p, '.');
	len = dot != NULL ? (size_t)(dot - p) : strlen(p);
	if (!seg_match(p, len, t->u.trav.root))
		return 0;
	if (len == 1 && p[0] == '*' && ncap < ncaps)
		caps[ncap++] = t->u.trav.root;
	while (dot != NULL) {
		const struct pl_hcl_step *st;

		p = dot + 1;
		dot = strchr(p, '.');
		len = dot != NULL ? (size_t)(dot - p) : strlen(p);
		if (i >= t->n)
			return 0;
		st = &t->u.trav.steps[i++];
		if (st->kind != PL_HCL_STEP_ATTR || !seg_match(p, len, st->name))
			return 0;
		if (len == 1 && p[0] == '*' && ncap < ncaps)
			caps[ncap++] = st->name;
	}
	return i == t->n;
}

const char *
pl_hcl_expr_kind_name(enum pl_hcl_expr_kind k)
{
	switch (k) {
	case PL_HCL_EXPR_LITERAL: return "literal";
	case PL_HCL_EXPR_TEMPLATE: return "template";
	case PL_HCL_EXPR_WRAP: return "interpolation";
	case PL_HCL_EXPR_TRAVERSAL: return "reference";
	case PL_HCL_EXPR_ANON: return "splat element";
	case PL_HCL_EXPR_SPLAT: return "splat";
	case PL_HCL_EXPR_TUPLE: return "tuple";
	case PL_HCL_EXPR_OBJECT: return "object";
	case PL_HCL_EXPR_CALL: return "function call";
	case PL_HCL_EXPR_FOR: return "for expression";
	case PL_HCL_EXPR_UNARY: return "unary operation";
	case PL_HCL_EXPR_BINARY: return "binary operation";
	case PL_HCL_EXPR_COND: return "conditional";
	case PL_HCL_EXPR_PAREN: return "parentheses";
	case PL_HCL_EXPR_TMPL_IF: return "template if";
	case PL_HCL_EXPR_TMPL_FOR: return "template for";
	}
	return "expression";
}

static void show_expr(struct pl_buf *, const struct pl_hcl_expr *, unsigned);

static void
show_text(struct pl_buf *b, const char *s, size_t n)
{
	pl_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '"': pl_buf_adds(b, "\\\""); break;
		case '\\': pl_buf_adds(b, "\\\\"); break;
		case '\n': pl_buf_adds(b, "\\n"); break;
		case '\t': pl_buf_adds(b, "\\t"); break;
		case '\r': pl_buf_adds(b, "\\r"); break;
		default:
			pl_buf_addc(b, s[i]);
		}
	}
	pl_buf_addc(b, '"');
}

static void
show_steps(struct pl_buf *b, const struct pl_hcl_expr *e, unsigned depth)
{
	for (uint32_t i = 0; i < e->n; i++) {
		const struct pl_hcl_step *st = &e->u.trav.steps[i];

		if (st->kind == PL_HCL_STEP_ATTR) {
			pl_buf_addc(b, '.');
			pl_buf_adds(b, st->name);
		} else if (st->legacy) {
			pl_buf_addc(b, '.');
			show_expr(b, st->key, depth + 1);
		} else {
			pl_buf_addc(b, '[');
			show_expr(b, st->key, depth + 1);
			pl_buf_addc(b, ']');
		}
	}
}

static void
show_for(struct pl_buf *b, const struct pl_hcl_for *fx, unsigned depth)
{
	pl_buf_adds(b, "for ");
	if (fx->key_var != NULL) {
		pl_buf_adds(b, fx->key_var);
		pl_buf_adds(b, ", ");
	}
	pl_buf_adds(b, fx->val_var);
	pl_buf_adds(b, " in ");
	show_expr(b, fx->coll, depth + 1);
	pl_buf_adds(b, ": ");
	if (fx->key != NULL) {
		show_expr(b, fx->key, depth + 1);
		pl_buf_adds(b, " => ");
	}
	show_expr(b, fx->val, depth + 1);
	if (fx->group)
		pl_buf_adds(b, "...");
	if (fx->cond != NULL) {
		pl_buf_adds(b, " if ");
		show_expr(b, fx->cond, depth + 1);
	}
}

static const char *
op_text(enum pl_hcl_op op)
{
	static const char *const t[] = {
		[PL_HCL_OP_NEG] = "-", [PL_HCL_OP_NOT] = "!",
		[PL_HCL_OP_OR] = "||", [PL_HCL_OP_AND] = "&&",
		[PL_HCL_OP_EQ] = "==", [PL_HCL_OP_NE] = "!=",
		[PL_HCL_OP_LT] = "<", [PL_HCL_OP_LE] = "<=",
		[PL_HCL_OP_GT] = ">", [PL_HCL_OP_GE] = ">=",
		[PL_HCL_OP_ADD] = "+", [PL_HCL_OP_SUB] = "-",
		[PL_HCL_OP_MUL] = "*", [PL_HCL_OP_DIV] = "/",
		[PL_HCL_OP_MOD] = "%",
	};

	return (size_t)op < sizeof(t) / sizeof(t[0]) && t[op] != NULL ? t[op] :
	    "?";
}

static void
show_expr(struct pl_buf *b, const struct pl_hcl_expr *e, unsigned depth)
{
	char num[PL_HCL_NUMBUF];

	if (depth > PL_HCL_MAX_DEPTH * 2) {
		pl_buf_adds(b, "...");
		return;
	}
	switch (e->kind) {
	case PL_HCL_EXPR_LITERAL:
		switch (e->u.lit.type) {
		case PL_HCL_LIT_NULL: pl_buf_adds(b, "null"); break;
		case PL_HCL_LIT_BOOL:
			pl_buf_adds(b, e->u.lit.b ? "true" : "false");
			break;
		case PL_HCL_LIT_NUMBER:
			pl_hcl_number_format(e->u.lit.num, num);
			pl_buf_adds(b, num);
			break;
		case PL_HCL_LIT_STRING:
			show_text(b, e->u.lit.str, e->u.lit.len);
			break;
		}
		return;
	case PL_HCL_EXPR_TEMPLATE:
		if (e->n == 0) {
			show_text(b, e->u.tmpl.str, e->u.tmpl.len);
			return;
		}
		pl_buf_adds(b, "(tmpl");
		for (uint32_t i = 0; i < e->n; i++) {
			pl_buf_addc(b, ' ');
			show_expr(b, e->u.tmpl.parts[i], depth + 1);
		}
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_WRAP:
		pl_buf_adds(b, "${");
		show_expr(b, e->u.wrap.expr, depth + 1);
		pl_buf_addc(b, '}');
		return;
	case PL_HCL_EXPR_PAREN:
		pl_buf_adds(b, "(paren ");
		show_expr(b, e->u.wrap.expr, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_TRAVERSAL:
		if (e->u.trav.root != NULL)
			pl_buf_adds(b, e->u.trav.root);
		else {
			pl_buf_addc(b, '<');
			show_expr(b, e->u.trav.source, depth + 1);
			pl_buf_addc(b, '>');
		}
		show_steps(b, e, depth);
		return;
	case PL_HCL_EXPR_ANON:
		pl_buf_addc(b, '@');
		return;
	case PL_HCL_EXPR_SPLAT:
		pl_buf_adds(b, e->u.splat.full ? "(splat[*] " : "(splat.* ");
		show_expr(b, e->u.splat.source, depth + 1);
		pl_buf_addc(b, ' ');
		show_expr(b, e->u.splat.each, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_TUPLE:
		pl_buf_addc(b, '[');
		for (uint32_t i = 0; i < e->n; i++) {
			if (i > 0)
				pl_buf_adds(b, ", ");
			show_expr(b, e->u.list.items[i], depth + 1);
		}
		pl_buf_addc(b, ']');
		return;
	case PL_HCL_EXPR_OBJECT:
		pl_buf_addc(b, '{');
		for (uint32_t i = 0; i < e->n; i++) {
			const struct pl_hcl_item *it = &e->u.obj.items[i];

			if (i > 0)
				pl_buf_adds(b, ", ");
			if (it->name != NULL)
				pl_buf_adds(b, it->name);
			else {
				pl_buf_addc(b, '(');
				show_expr(b, it->key, depth + 1);
				pl_buf_addc(b, ')');
			}
			pl_buf_adds(b, " = ");
			show_expr(b, it->value, depth + 1);
		}
		pl_buf_addc(b, '}');
		return;
	case PL_HCL_EXPR_CALL:
		pl_buf_adds(b, e->u.call.name);
		pl_buf_addc(b, '(');
		for (uint32_t i = 0; i < e->n; i++) {
			if (i > 0)
				pl_buf_adds(b, ", ");
			show_expr(b, e->u.call.args[i], depth + 1);
		}
		if (e->u.call.expand)
			pl_buf_adds(b, "...");
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_FOR:
		pl_buf_adds(b, e->u.forx->key != NULL ? "{" : "[");
		show_for(b, e->u.forx, depth);
		pl_buf_adds(b, e->u.forx->key != NULL ? "}" : "]");
		return;
	case PL_HCL_EXPR_UNARY:
		pl_buf_addc(b, '(');
		pl_buf_adds(b, op_text(e->u.op.op));
		show_expr(b, e->u.op.lhs, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_BINARY:
		pl_buf_addc(b, '(');
		show_expr(b, e->u.op.lhs, depth + 1);
		pl_buf_addc(b, ' ');
		pl_buf_adds(b, op_text(e->u.op.op));
		pl_buf_addc(b, ' ');
		show_expr(b, e->u.op.rhs, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_COND:
		pl_buf_addc(b, '(');
		show_expr(b, e->u.cond.pred, depth + 1);
		pl_buf_adds(b, " ? ");
		show_expr(b, e->u.cond.then, depth + 1);
		pl_buf_adds(b, " : ");
		show_expr(b, e->u.cond.otherwise, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_TMPL_IF:
		pl_buf_adds(b, "(%if ");
		show_expr(b, e->u.cond.pred, depth + 1);
		pl_buf_addc(b, ' ');
		show_expr(b, e->u.cond.then, depth + 1);
		if (e->u.cond.otherwise != NULL) {
			pl_buf_addc(b, ' ');
			show_expr(b, e->u.cond.otherwise, depth + 1);
		}
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_TMPL_FOR:
		pl_buf_adds(b, "(%");
		show_for(b, e->u.forx, depth);
		pl_buf_addc(b, ')');
		return;
	}
}

void
pl_hcl_expr_show(struct pl_buf *b, const struct pl_hcl_expr *e)
{
	if (e == NULL)
		pl_buf_adds(b, "(null)");
	else
		show_expr(b, e, 0);
}
