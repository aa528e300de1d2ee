/* hcl_eval.c -- evaluates HCL expressions to values, as before a plan */
/* SPDX-License-Identifier: MIT */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hcl_impl.h"
#include "proxylint/banned.h"

/*
 * What Terraform knows before a plan, and nothing more: literals,
 * templates, operators, conditionals, for expressions, splats, indexes,
 * and the functions of hcl_func.c.  A reference is the resolver's to
 * answer; what it cannot know is unknown, and unknown spreads through
 * everything computed from it, never guessed (hclsyntax/spec.md; the
 * operators of hclsyntax/expression_ops.go, read for behaviour).
 *
 * A value that is a literal of the source, or one passed through as it
 * is (a reference, an index, a conditional's branch, a for expression's
 * element), keeps its origin, the literal's node.  A computed value has
 * none.
 */

/* A for temporary, or the element a splat visits (name NULL). */
struct pl_scope {
	struct pl_scope		*up;
	const char		*name;
	struct pl_hcl_value	 val;
};

struct pl_hcl_eval *
pl_hcl_eval_new(pl_hcl_resolve_fn resolve, void *ctx)
{
	struct pl_hcl_eval *ev = pl_xcalloc(1, sizeof(*ev));

	pl_arena_init(&ev->arena);
	ev->resolve = resolve;
	ev->ctx = ctx;
	ev->budget = PL_HCL_MAX_EVAL_STEPS;
	ev->node = pl_hcl_eval_node;
	pl_buf_init(&ev->tmp);
	return ev;
}

void
pl_hcl_eval_free(struct pl_hcl_eval *ev)
{
	if (ev == NULL)
		return;
	pl_arena_release(&ev->arena);
	pl_buf_release(&ev->tmp);
	free(ev);
}

void
pl_hcl_eval_set_budget(struct pl_hcl_eval *ev, size_t steps)
{
	ev->budget = steps ? steps : PL_HCL_MAX_EVAL_STEPS;
}

const struct pl_hcl_diag *
pl_hcl_eval_error(const struct pl_hcl_eval *ev)
{
	return ev->failed ? &ev->err : NULL;
}

size_t
pl_hcl_eval_steps(const struct pl_hcl_eval *ev)
{
	return ev->steps;
}

int
pl_hcl_eval_expr(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	struct pl_scope *scope = ev->scope;
	int r;

	pl_hcl_value_null(out);
	if (ev->limited) {
		ev->failed = 1;
		return -1;
	}
	ev->failed = 0;
	/* A resolver's evaluation (a local's value) sees no temporaries. */
	ev->scope = NULL;
	r = pl_hcl_eval_node(ev, e, out);
	ev->scope = scope;
	if (r != 0)
		pl_hcl_value_null(out);
	return r;
}

/* ---- References ----------------------------------------------------------- */

static int
static_key(const struct pl_hcl_expr *k)
{
	return (k->kind == PL_HCL_EXPR_LITERAL &&
	    k->u.lit.type == PL_HCL_LIT_NUMBER) ||
	    (k->kind == PL_HCL_EXPR_TEMPLATE && k->n == 0);
}

/* Is the number an index: a whole number, not negative? */
static int
as_index(struct pl_hcl_eval *ev, const struct pl_hcl_value *key,
    const struct pl_hcl_range *where, size_t n, size_t *out)
{
	double d;
	int r = pl_hcl_to_number(ev, key, &d, where, "the index");

	if (r != 0)
		return r;
	if (d != pl_hcl_floor(d))
		return pl_hcl_fail(ev, where, "the index must be a whole number, "
		    "not %g", d);
	if (d < 0)
		return pl_hcl_fail(ev, where, "a negative number is not an "
		    "index");
	if (d >= (double)n)
		return pl_hcl_fail(ev, where, "index %.0f is out of range: the "
		    "%s has %zu element%s", d, n == 0 ? "collection" : "value",
		    n, n == 1 ? "" : "s");
	*out = (size_t)d;
	return 0;
}

/* base[key] (or base.name, which is base["name"] on a map). */
static int
index_value(struct pl_hcl_eval *ev, const struct pl_hcl_value *base,
    const struct pl_hcl_value *key, const struct pl_hcl_range *where,
    struct pl_hcl_value *out)
{
	struct pl_hcl_value ks;
	size_t i = 0;
	long k;
	int r;

	if (base->type == PL_HCL_UNKNOWN || key->type == PL_HCL_UNKNOWN) {
		pl_hcl_unknown_of(out, base, key);
		return 0;
	}
	if (key->type == PL_HCL_NULL)
		return pl_hcl_fail(ev, where, "the index is null");
	switch (base->type) {
	case PL_HCL_TUPLE:
	case PL_HCL_LIST:
		if ((r = as_index(ev, key, where, base->n, &i)) != 0)
			return r < 0 ? -1 : 0;
		*out = base->u.items[i];
		return 0;
	case PL_HCL_OBJECT:
	case PL_HCL_MAP:
		if ((r = pl_hcl_to_string(ev, key, &ks, where, "the key")) < 0)
			return -1;
		k = pl_hcl_find_key(base, ks.u.str, ks.n);
		if (k < 0)
			return pl_hcl_fail(ev, where, "the %s has no element with "
			    "the key \"%.60s\"", pl_hcl_type_name(base->type),
			    ks.u.str);
		*out = base->u.items[2 * k + 1];
		return 0;
	case PL_HCL_SET:
		return pl_hcl_fail(ev, where, "a set has no index: its elements "
		    "are known only by their value (use a for expression, or "
		    "tolist())");
	case PL_HCL_NULL:
		return pl_hcl_fail(ev, where, "cannot index a null value");
	default:
		return pl_hcl_fail(ev, where, "%s cannot be indexed",
		    pl_hcl_type_a(base->type));
	}
}

static int
attr_value(struct pl_hcl_eval *ev, const struct pl_hcl_value *base,
    const char *name, const struct pl_hcl_range *where,
    struct pl_hcl_value *out)
{
	long k;

	switch (base->type) {
	case PL_HCL_UNKNOWN:
		*out = *base;
		out->origin = NULL;
		return 0;
	case PL_HCL_OBJECT:
	case PL_HCL_MAP:
		k = pl_hcl_find_key(base, name, strlen(name));
		if (k < 0)
			return pl_hcl_fail(ev, where, "the %s has no %s \"%s\"",
			    pl_hcl_type_name(base->type), base->type ==
			    PL_HCL_OBJECT ? "attribute" : "element with the key",
			    name);
		*out = base->u.items[2 * k + 1];
		return 0;
	case PL_HCL_NULL:
		return pl_hcl_fail(ev, where, "cannot read attribute \"%s\" of a "
		    "null value", name);
	case PL_HCL_TUPLE:
	case PL_HCL_LIST:
	case PL_HCL_SET:
		return pl_hcl_fail(ev, where, "%s has no attribute \"%s\": "
		    "write [N].%s for one element, or [*].%s for all",
		    pl_hcl_type_a(base->type), name, name, name);
	default:
		return pl_hcl_fail(ev, where, "%s has no attribute \"%s\"",
		    pl_hcl_type_a(base->type), name);
	}
}

static int
apply_steps(struct pl_hcl_eval *ev, struct pl_hcl_value *v,
    const struct pl_hcl_step *steps, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct pl_hcl_step *st = &steps[i];
		struct pl_hcl_value next;

		if (st->kind == PL_HCL_STEP_ATTR) {
			if (attr_value(ev, v, st->name, &st->range, &next) != 0)
				return -1;
		} else {
			struct pl_hcl_value key;

			if (pl_hcl_eval_node(ev, st->key, &key) != 0)
				return -1;
			if (index_value(ev, v, &key, &st->range, &next) != 0)
				return -1;
		}
		*v = next;
	}
	return 0;
}

static int
eval_traversal(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	const struct pl_hcl_step *steps = e->u.trav.steps;
	size_t used = 0, nstatic = 0;

	if (e->u.trav.root == NULL) {
		if (pl_hcl_eval_node(ev, e->u.trav.source, out) != 0)
			return -1;
		return apply_steps(ev, out, steps, e->n);
	}
	for (struct pl_scope *s = ev->scope; s != NULL; s = s->up)
		if (s->name != NULL && strcmp(s->name, e->u.trav.root) == 0) {
			*out = s->val;
			return apply_steps(ev, out, steps, e->n);
		}
	while (nstatic < e->n && (steps[nstatic].kind == PL_HCL_STEP_ATTR ||
	    static_key(steps[nstatic].key)))
		nstatic++;
	if (ev->resolve == NULL) {
		pl_hcl_value_unknown(out, "references are not resolved here");
		return 0;
	}
	pl_hcl_value_null(out);
	if (ev->resolve(ev->ctx, ev, e, e->u.trav.root, steps, nstatic, &used,
	    out) != 0) {
		if (!ev->failed)
			pl_hcl_fail(ev, &e->range, "cannot resolve '%s'",
			    e->u.trav.root);
		return -1;
	}
	if (used > nstatic)
		used = nstatic;
	if (out->type == PL_HCL_UNKNOWN || used == e->n)
		return 0;
	return apply_steps(ev, out, steps + used, e->n - used);
}

/* ---- Templates ---------------------------------------------------------- */

/* The pieces of a string being put together. */
struct pieces {
	struct pl_hcl_value	 local[16];
	struct pl_hcl_value	*v;
	size_t			 n;
	size_t			 cap;
	size_t			 len;
	int			 unknown;
	struct pl_hcl_value	 unk;
};

static void
pieces_init(struct pieces *ps)
{
	ps->v = ps->local;
	ps->n = 0;
	ps->cap = 16;
	ps->len = 0;
	ps->unknown = 0;
}

static void
pieces_release(struct pieces *ps)
{
	if (ps->v != ps->local)
		free(ps->v);
}

static int
pieces_add(struct pl_hcl_eval *ev, struct pieces *ps,
    const struct pl_hcl_value *s, const struct pl_hcl_range *where)
{
	if (s->type == PL_HCL_UNKNOWN) {
		if (!ps->unknown)
			ps->unk = *s;
		ps->unknown = 1;
		return 0;
	}
	if (ps->n == ps->cap) {
		size_t cap = ps->cap * 2;

		if (ps->v == ps->local) {
			ps->v = pl_xmalloc(cap * sizeof(*ps->v));
			memcpy(ps->v, ps->local, sizeof(ps->local));
		} else
			ps->v = pl_xreallocarray(ps->v, cap, sizeof(*ps->v));
		ps->cap = cap;
	}
	ps->v[ps->n++] = *s;
	ps->len += s->n;
	if (ps->len > PL_HCL_MAX_STRING)
		return pl_hcl_limit(ev, where, "string longer than 4 MiB "
		    "(PL_HCL_MAX_STRING)");
	return 0;
}

static int
pieces_join(struct pl_hcl_eval *ev, struct pieces *ps,
    const struct pl_hcl_range *where, struct pl_hcl_value *out)
{
	char *s, *o;

	if (ps->unknown) {
		pl_hcl_value_unknown(out, ps->unk.u.why);
		return 0;
	}
	if (ps->n == 1) {
		*out = ps->v[0];
		out->origin = NULL;
		return 0;
	}
	if ((s = pl_hcl_strbuf(ev, ps->len, where)) == NULL)
		return -1;
	o = s;
	for (size_t i = 0; i < ps->n; i++) {
		memcpy(o, ps->v[i].u.str, ps->v[i].n);
		o += ps->v[i].n;
	}
	memset(out, 0, sizeof(*out));
	out->type = PL_HCL_STRING;
	out->u.str = s;
	out->n = (uint32_t)ps->len;
	return 0;
}

static int eval_template_into(struct pl_hcl_eval *, const struct pl_hcl_expr *,
    struct pieces *);
static int iterate(struct pl_hcl_eval *, const struct pl_hcl_for *,
    const struct pl_hcl_range *, const struct pl_hcl_value *,
    int (*)(struct pl_hcl_eval *, void *), void *);

/* One part of a template, appended. */
static int
eval_part(struct pl_hcl_eval *ev, const struct pl_hcl_expr *part,
    struct pieces *ps)
{
	struct pl_hcl_value v, s;
	int r;

	if (part->kind == PL_HCL_EXPR_LITERAL &&
	    part->u.lit.type == PL_HCL_LIT_STRING) {
		memset(&s, 0, sizeof(s));
		s.type = PL_HCL_STRING;
		s.u.str = part->u.lit.str;
		s.n = part->u.lit.len;
		return pieces_add(ev, ps, &s, &part->range);
	}
	if (part->kind == PL_HCL_EXPR_TMPL_IF) {
		int b;

		if (pl_hcl_step(ev, 1, &part->range) != 0)
			return -1;
		if (pl_hcl_eval_node(ev, part->u.cond.pred, &v) != 0)
			return -1;
		if ((r = pl_hcl_to_bool(ev, &v, &b, &part->u.cond.pred->range,
		    "the condition")) < 0)
			return -1;
		if (r > 0)
			return pieces_add(ev, ps, &v, &part->range);
		if (b)
			return eval_template_into(ev, part->u.cond.then, ps);
		if (part->u.cond.otherwise != NULL)
			return eval_template_into(ev, part->u.cond.otherwise, ps);
		return 0;
	}
	if (part->kind == PL_HCL_EXPR_TMPL_FOR) {
		const struct pl_hcl_for *fx = part->u.forx;
		struct pl_hcl_value coll;

		if (pl_hcl_step(ev, 1, &part->range) != 0)
			return -1;
		if (pl_hcl_eval_node(ev, fx->coll, &coll) != 0)
			return -1;
		if (coll.type == PL_HCL_UNKNOWN)
			return pieces_add(ev, ps, &coll, &part->range);
		return iterate(ev, fx, &part->range, &coll, NULL, ps);
	}
	if (pl_hcl_eval_node(ev, part, &v) != 0)
		return -1;
	if (v.type == PL_HCL_NULL)
		return pl_hcl_fail(ev, &part->range, "a template cannot include "
		    "a null value");
	if ((r = pl_hcl_to_string(ev, &v, &s, &part->range, "the "
	    "interpolated value")) < 0)
		return -1;
	return pieces_add(ev, ps, &s, &part->range);
}

static int
eval_template_into(struct pl_hcl_eval *ev, const struct pl_hcl_expr *t,
    struct pieces *ps)
{
	struct pl_hcl_value s;

	if (t->n == 0) {
		memset(&s, 0, sizeof(s));
		s.type = PL_HCL_STRING;
		s.u.str = t->u.tmpl.str;
		s.n = t->u.tmpl.len;
		return pieces_add(ev, ps, &s, &t->range);
	}
	for (uint32_t i = 0; i < t->n; i++)
		if (eval_part(ev, t->u.tmpl.parts[i], ps) != 0)
			return -1;
	return 0;
}

static int
eval_template(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	struct pieces ps;
	int r;

	if (e->n == 0) {
		memset(out, 0, sizeof(*out));
		out->type = PL_HCL_STRING;
		out->u.str = e->u.tmpl.str;
		out->n = e->u.tmpl.len;
		out->origin = e;
		return 0;
	}
	pieces_init(&ps);
	r = eval_template_into(ev, e, &ps);
	if (r == 0)
		r = pieces_join(ev, &ps, &e->range, out);
	pieces_release(&ps);
	return r;
}

/* ---- For expressions and splats ----------------------------------------- */

/* Results of a for expression, grown as they come. */
struct results {
	struct pl_hcl_value	*v;		/* pairs for an object */
	size_t			 n;
	size_t			 cap;
	int			 unknown;
	struct pl_hcl_value	 unk;
	int			 object;
};

static int
results_add(struct pl_hcl_eval *ev, struct results *rs,
    const struct pl_hcl_value *k, const struct pl_hcl_value *v,
    const struct pl_hcl_range *where)
{
	size_t per = rs->object ? 2 : 1;

	if (rs->n >= PL_HCL_MAX_COLLECTION)
		return pl_hcl_limit(ev, where, "a collection of more than %d "
		    "elements (PL_HCL_MAX_COLLECTION)", PL_HCL_MAX_COLLECTION);
	if (rs->n == rs->cap) {
		rs->cap = rs->cap ? rs->cap * 2 : 16;
		rs->v = pl_xreallocarray(rs->v, rs->cap * per, sizeof(*rs->v));
	}
	if (rs->object) {
		rs->v[2 * rs->n] = *k;
		rs->v[2 * rs->n + 1] = *v;
	} else
		rs->v[rs->n] = *v;
	rs->n++;
	return 0;
}

struct for_ctx {
	const struct pl_hcl_expr	*e;
	const struct pl_hcl_for		*fx;
	struct results			 rs;
};

/* One element of a for expression, in the scope of its temporaries. */
static int
for_element(struct pl_hcl_eval *ev, void *arg)
{
	struct for_ctx *fc = arg;
	const struct pl_hcl_for *fx = fc->fx;
	struct pl_hcl_value k, v, c, ks;
	int b = 1, r;

	if (fc->rs.unknown)
		return 0;
	if (fx->cond != NULL) {
		if (pl_hcl_eval_node(ev, fx->cond, &c) != 0)
			return -1;
		if ((r = pl_hcl_to_bool(ev, &c, &b, &fx->cond->range,
		    "the condition")) < 0)
			return -1;
		if (r > 0) {
			/* hclsyntax: an unknown condition makes the whole
			 * result unknown. */
			fc->rs.unknown = 1;
			fc->rs.unk = c;
			return 0;
		}
		if (!b)
			return 0;
	}
	if (fx->key != NULL) {
		if (pl_hcl_eval_node(ev, fx->key, &k) != 0)
			return -1;
		if (k.type == PL_HCL_NULL)
			return pl_hcl_fail(ev, &fx->key->range, "the key of a for "
			    "expression cannot be null");
		if ((r = pl_hcl_to_string(ev, &k, &ks, &fx->key->range,
		    "the key")) < 0)
			return -1;
		if (r > 0) {
			fc->rs.unknown = 1;
			fc->rs.unk = k;
			return 0;
		}
	}
	if (pl_hcl_eval_node(ev, fx->val, &v) != 0)
		return -1;
	return results_add(ev, &fc->rs, &ks, &v, &fc->e->range);
}

/*
 * Visits the elements of coll (tuples and lists in order, objects and
 * maps in key order, sets in their order), with the temporaries of fx
 * in scope, calling fn, or appending fx->val's string to ps.
 */
static int
iterate(struct pl_hcl_eval *ev, const struct pl_hcl_for *fx,
    const struct pl_hcl_range *where, const struct pl_hcl_value *coll,
    int (*fn)(struct pl_hcl_eval *, void *), void *arg)
{
	struct pl_scope ks, vs;
	int r = 0, map;

	switch (coll->type) {
	case PL_HCL_TUPLE:
	case PL_HCL_LIST:
	case PL_HCL_SET:
		map = 0;
		break;
	case PL_HCL_OBJECT:
	case PL_HCL_MAP:
		map = 1;
		break;
	case PL_HCL_NULL:
		return pl_hcl_fail(ev, &fx->coll->range, "cannot iterate over a "
		    "null value");
	default:
		return pl_hcl_fail(ev, &fx->coll->range, "cannot iterate over a "
		    "%s", pl_hcl_type_name(coll->type));
	}
	ks.name = fx->key_var;
	vs.name = fx->val_var;
	ks.up = ev->scope;
	vs.up = fx->key_var != NULL ? &ks : ev->scope;
	ev->scope = &vs;
	for (size_t i = 0; i < coll->n; i++) {
		if (pl_hcl_step(ev, 1, where) != 0) {
			r = -1;
			break;
		}
		if (map) {
			ks.val = coll->u.items[2 * i];
			vs.val = coll->u.items[2 * i + 1];
		} else {
			vs.val = coll->u.items[i];
			if (coll->type == PL_HCL_SET)
				ks.val = vs.val;
			else
				pl_hcl_value_number(&ks.val, (double)i);
		}
		if (fn != NULL)
			r = fn(ev, arg);
		else
			r = eval_template_into(ev, fx->val, arg);
		if (r != 0)
			break;
	}
	ev->scope = vs.up == &ks ? ks.up : vs.up;
	return r;
}

/* A pair of a grouping for expression, with its place. */
struct gref {
	const struct pl_hcl_value	*kv;	/* key, value */
	size_t				 i;
};

static int
key_cmp(const struct pl_hcl_value *a, const struct pl_hcl_value *b)
{
	size_t m = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->u.str, b->u.str, m);

	return c != 0 ? c : (a->n < b->n ? -1 : a->n > b->n);
}

static int
gref_cmp(const void *x, const void *y)
{
	const struct gref *a = x, *b = y;
	int c = key_cmp(a->kv, b->kv);

	return c != 0 ? c : (a->i < b->i ? -1 : a->i > b->i);
}

static int
eval_for(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	const struct pl_hcl_for *fx = e->u.forx;
	struct pl_hcl_value coll;
	struct for_ctx fc;
	int r;

	if (pl_hcl_eval_node(ev, fx->coll, &coll) != 0)
		return -1;
	if (coll.type == PL_HCL_UNKNOWN) {
		*out = coll;
		out->origin = NULL;
		return 0;
	}
	memset(&fc, 0, sizeof(fc));
	fc.e = e;
	fc.fx = fx;
	fc.rs.object = fx->key != NULL;
	if ((r = iterate(ev, fx, &e->range, &coll, for_element, &fc)) != 0)
		goto out;
	if (fc.rs.unknown) {
		pl_hcl_value_unknown(out, fc.rs.unk.u.why);
		goto out;
	}
	if (!fc.rs.object) {
		struct pl_hcl_value *items = NULL;

		if (fc.rs.n > 0 && (items = pl_hcl_items(ev, PL_HCL_TUPLE,
		    fc.rs.n, &e->range)) == NULL) {
			r = -1;
			goto out;
		}
		if (fc.rs.n > 0)
			memcpy(items, fc.rs.v, fc.rs.n * sizeof(*items));
		memset(out, 0, sizeof(*out));
		out->type = PL_HCL_TUPLE;
		out->n = (uint32_t)fc.rs.n;
		out->u.items = items;
		goto out;
	}
	memset(out, 0, sizeof(*out));
	out->type = PL_HCL_OBJECT;
	if (!fx->group) {
		if (fc.rs.n > 0 && (out->u.items = pl_hcl_items(ev, PL_HCL_OBJECT,
		    fc.rs.n, &e->range)) == NULL) {
			r = -1;
			goto out;
		}
		if (fc.rs.n > 0)
			memcpy(out->u.items, fc.rs.v, fc.rs.n * 2 *
			    sizeof(*out->u.items));
		out->n = (uint32_t)fc.rs.n;
		/* "it is an error if two input elements produce the same
		 * result from the attribute name expression". */
		if ((r = pl_hcl_charge_sort(ev, fc.rs.n, &e->range)) == 0)
			r = pl_hcl_sort_pairs(ev, out, &e->range, 1);
		goto out;
	}
	/* Grouping: each key's values, in the order they came, as a tuple. */
	{
		struct gref *refs = NULL;
		size_t n = fc.rs.n, nk = 0, i;

		if (n > 0)
			refs = pl_xmalloc(n * sizeof(*refs));
		for (i = 0; i < n; i++) {
			refs[i].kv = &fc.rs.v[2 * i];
			refs[i].i = i;
		}
		/* Stable: by key, then by place. */
		if (pl_hcl_charge_sort(ev, n, &e->range) != 0) {
			free(refs);
			r = -1;
			goto out;
		}
		if (n > 1)
			qsort(refs, n, sizeof(*refs), gref_cmp);
		for (i = 0; i < n; i++)
			if (i == 0 || key_cmp(refs[i - 1].kv, refs[i].kv) != 0)
				nk++;
		if (nk > 0 && (out->u.items = pl_hcl_items(ev, PL_HCL_OBJECT, nk,
		    &e->range)) == NULL) {
			free(refs);
			r = -1;
			goto out;
		}
		out->n = (uint32_t)nk;
		nk = 0;
		for (i = 0; i < n;) {
			size_t j = i + 1;
			struct pl_hcl_value *g;

			while (j < n && key_cmp(refs[i].kv, refs[j].kv) == 0)
				j++;
			if ((g = pl_hcl_items(ev, PL_HCL_TUPLE, j - i,
			    &e->range)) == NULL) {
				free(refs);
				r = -1;
				goto out;
			}
			for (size_t k = i; k < j; k++)
				g[k - i] = refs[k].kv[1];
			out->u.items[2 * nk] = refs[i].kv[0];
			memset(&out->u.items[2 * nk + 1], 0,
			    sizeof(out->u.items[0]));
			out->u.items[2 * nk + 1].type = PL_HCL_TUPLE;
			out->u.items[2 * nk + 1].n = (uint32_t)(j - i);
			out->u.items[2 * nk + 1].u.items = g;
			nk++;
			i = j;
		}
		free(refs);
	}
out:
	free(fc.rs.v);
	return r;
}

static int
eval_splat(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	struct pl_hcl_value src, one, *items = NULL;
	const struct pl_hcl_value *el;
	struct pl_scope anon;
	enum pl_hcl_type type;
	size_t n;
	int r = 0;

	if (pl_hcl_eval_node(ev, e->u.splat.source, &src) != 0)
		return -1;
	switch (src.type) {
	case PL_HCL_UNKNOWN:
		*out = src;
		out->origin = NULL;
		return 0;
	case PL_HCL_NULL:
		/* "the result is always an empty tuple". */
		memset(out, 0, sizeof(*out));
		out->type = PL_HCL_TUPLE;
		return 0;
	case PL_HCL_TUPLE:
		type = PL_HCL_TUPLE;
		el = src.u.items;
		n = src.n;
		break;
	case PL_HCL_LIST:
	case PL_HCL_SET:
		type = PL_HCL_LIST;
		el = src.u.items;
		n = src.n;
		break;
	default:
		/* Anything else is a one-element tuple of itself. */
		one = src;
		type = PL_HCL_TUPLE;
		el = &one;
		n = 1;
		break;
	}
	if (n > 0 && (items = pl_hcl_items(ev, type, n, &e->range)) == NULL)
		return -1;
	anon.name = NULL;
	anon.up = ev->scope;
	ev->scope = &anon;
	for (size_t i = 0; i < n; i++) {
		anon.val = el[i];
		if ((r = pl_hcl_eval_node(ev, e->u.splat.each, &items[i])) != 0)
			break;
	}
	ev->scope = anon.up;
	if (r != 0)
		return -1;
	memset(out, 0, sizeof(*out));
	out->type = type;
	out->n = (uint32_t)n;
	out->u.items = items;
	return 0;
}

/* ---- Collections -------------------------------------------------------- */

static int
eval_tuple(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	struct pl_hcl_value *items = NULL;

	if (e->n > 0 && (items = pl_hcl_items(ev, PL_HCL_TUPLE, e->n,
	    &e->range)) == NULL)
		return -1;
	for (uint32_t i = 0; i < e->n; i++)
		if (pl_hcl_eval_node(ev, e->u.list.items[i], &items[i]) != 0)
			return -1;
	memset(out, 0, sizeof(*out));
	out->type = PL_HCL_TUPLE;
	out->n = e->n;
	out->u.items = items;
	out->origin = e;
	return 0;
}

static int
eval_object(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	struct pl_hcl_value *items = NULL, unk;
	int unknown = 0;

	if (e->n > 0 && (items = pl_hcl_items(ev, PL_HCL_OBJECT, e->n,
	    &e->range)) == NULL)
		return -1;
	for (uint32_t i = 0; i < e->n; i++) {
		const struct pl_hcl_item *it = &e->u.obj.items[i];
		struct pl_hcl_value *k = &items[2 * i], kv;
		int r;

		if (it->name != NULL) {
			memset(k, 0, sizeof(*k));
			k->type = PL_HCL_STRING;
			k->u.str = it->name;
			k->n = (uint32_t)strlen(it->name);
			k->origin = it->key;
		} else if (it->key->kind == PL_HCL_EXPR_TRAVERSAL &&
		    it->key->u.trav.root != NULL) {
			/* hclsyntax's ObjectConsKeyExpr: a.b as a key is
			 * neither the name "a.b" nor a reference. */
			return pl_hcl_fail(ev, &it->key->range, "the key '%s...' "
			    "is ambiguous: put a reference in parentheses, or a "
			    "name with dots in quotes", it->key->u.trav.root);
		} else {
			if (pl_hcl_eval_node(ev, it->key, &kv) != 0)
				return -1;
			if (kv.type == PL_HCL_NULL)
				return pl_hcl_fail(ev, &it->key->range, "an "
				    "object key cannot be null");
			if ((r = pl_hcl_to_string(ev, &kv, k, &it->key->range,
			    "the key")) < 0)
				return -1;
			if (r > 0) {
				if (!unknown)
					unk = kv;
				unknown = 1;
			}
		}
		if (pl_hcl_eval_node(ev, it->value, &items[2 * i + 1]) != 0)
			return -1;
	}
	if (unknown) {
		/* json/spec.md and hclsyntax: an unknown key makes the whole
		 * object unknown. */
		pl_hcl_value_unknown(out, unk.u.why);
		return 0;
	}
	memset(out, 0, sizeof(*out));
	out->type = PL_HCL_OBJECT;
	out->n = e->n;
	out->u.items = items;
	if (e->n > 16 && pl_hcl_charge_sort(ev, e->n, &e->range) != 0)
		return -1;
	if (pl_hcl_sort_pairs(ev, out, &e->range, 0) != 0)
		return -1;
	out->origin = e;
	return 0;
}

/* ---- Operators ---------------------------------------------------------- */

static int
eval_unary(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	struct pl_hcl_value v;
	double d;
	int b, r;

	if (pl_hcl_eval_node(ev, e->u.op.lhs, &v) != 0)
		return -1;
	if (e->u.op.op == PL_HCL_OP_NEG) {
		if ((r = pl_hcl_to_number(ev, &v, &d, &e->u.op.lhs->range,
		    "the operand of '-'")) < 0)
			return -1;
		if (r > 0) {
			pl_hcl_unknown_of(out, &v, NULL);
			return 0;
		}
		pl_hcl_value_number(out, -d);
		return 0;
	}
	if ((r = pl_hcl_to_bool(ev, &v, &b, &e->u.op.lhs->range,
	    "the operand of '!'")) < 0)
		return -1;
	if (r > 0)
		pl_hcl_unknown_of(out, &v, NULL);
	else
		pl_hcl_value_bool(out, !b);
	return 0;
}

/* A saved evaluation error, for && and ||. */
struct saved_err {
	int			 failed;
	struct pl_hcl_diag	 err;
	char			 buf[512];
};

static int
eval_logic(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	const struct pl_hcl_expr *side[2] = { e->u.op.lhs, e->u.op.rhs };
	struct pl_hcl_value v[2];
	struct saved_err se[2];
	int b[2] = { 0, 0 }, known[2] = { 0, 0 };
	int is_or = e->u.op.op == PL_HCL_OP_OR;

	/*
	 * expression_ops.go: both sides are evaluated; a known side that
	 * decides (true for ||, false for &&) wins, and an error of the
	 * other side is then dropped.
	 */
	for (int i = 0; i < 2; i++) {
		se[i].failed = 0;
		if (pl_hcl_eval_node(ev, side[i], &v[i]) != 0) {
			if (ev->limited)
				return -1;
			se[i].failed = 1;
			se[i].err = ev->err;
			memcpy(se[i].buf, ev->errbuf, sizeof(se[i].buf));
			ev->failed = 0;
			pl_hcl_value_unknown(&v[i], NULL);
		}
	}
	for (int i = 0; i < 2; i++) {
		int r = pl_hcl_to_bool(ev, &v[i], &b[i], &side[i]->range,
		    is_or ? "an operand of '||'" : "an operand of '&&'");

		if (r < 0)
			return -1;
		known[i] = r == 0;
	}
	for (int i = 0; i < 2; i++)
		if (known[i] && b[i] == is_or) {
			pl_hcl_value_bool(out, is_or);
			return 0;
		}
	for (int i = 0; i < 2; i++)
		if (se[i].failed) {
			ev->err = se[i].err;
			memcpy(ev->errbuf, se[i].buf, sizeof(ev->errbuf));
			ev->err.msg = ev->errbuf;
			ev->failed = 1;
			return -1;
		}
	if (!known[0] || !known[1]) {
		pl_hcl_unknown_of(out, &v[0], &v[1]);
		return 0;
	}
	pl_hcl_value_bool(out, is_or ? (b[0] || b[1]) : (b[0] && b[1]));
	return 0;
}

static const char *
op_name(enum pl_hcl_op op)
{
	switch (op) {
	case PL_HCL_OP_ADD: return "'+'";
	case PL_HCL_OP_SUB: return "'-'";
	case PL_HCL_OP_MUL: return "'*'";
	case PL_HCL_OP_DIV: return "'/'";
	case PL_HCL_OP_MOD: return "'%'";
	case PL_HCL_OP_LT: return "'<'";
	case PL_HCL_OP_LE: return "'<='";
	case PL_HCL_OP_GT: return "'>'";
	case PL_HCL_OP_GE: return "'>='";
	default: return "the operator";
	}
}

static int
eval_binary(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	enum pl_hcl_op op = e->u.op.op;
	struct pl_hcl_value a, b;
	char what[2][40];
	double x, y, z;
	int ra, rb;

	if (op == PL_HCL_OP_AND || op == PL_HCL_OP_OR)
		return eval_logic(ev, e, out);
	if (pl_hcl_eval_node(ev, e->u.op.lhs, &a) != 0 ||
	    pl_hcl_eval_node(ev, e->u.op.rhs, &b) != 0)
		return -1;
	if (op == PL_HCL_OP_EQ || op == PL_HCL_OP_NE) {
		int eq;

		if (pl_hcl_equal_ev(ev, &a, &b, &e->range, &eq) != 0)
			return -1;

		if (eq < 0)
			pl_hcl_unknown_of(out, &a, &b);
		else
			pl_hcl_value_bool(out, op == PL_HCL_OP_EQ ? eq : !eq);
		return 0;
	}
	snprintf(what[0], sizeof(what[0]), "the left operand of %s",
	    op_name(op));
	snprintf(what[1], sizeof(what[1]), "the right operand of %s",
	    op_name(op));
	if ((ra = pl_hcl_to_number(ev, &a, &x, &e->u.op.lhs->range,
	    what[0])) < 0)
		return -1;
	if ((rb = pl_hcl_to_number(ev, &b, &y, &e->u.op.rhs->range,
	    what[1])) < 0)
		return -1;
	if (ra > 0 || rb > 0) {
		pl_hcl_unknown_of(out, &a, &b);
		return 0;
	}
	switch (op) {
	case PL_HCL_OP_LT: pl_hcl_value_bool(out, x < y); return 0;
	case PL_HCL_OP_LE: pl_hcl_value_bool(out, x <= y); return 0;
	case PL_HCL_OP_GT: pl_hcl_value_bool(out, x > y); return 0;
	case PL_HCL_OP_GE: pl_hcl_value_bool(out, x >= y); return 0;
	case PL_HCL_OP_ADD: z = x + y; break;
	case PL_HCL_OP_SUB: z = x - y; break;
	case PL_HCL_OP_MUL: z = x * y; break;
	case PL_HCL_OP_DIV:
		if (y == 0)
			return pl_hcl_fail(ev, &e->range, "division by zero");
		z = x / y;
		break;
	case PL_HCL_OP_MOD:
		if (y == 0)
			return pl_hcl_fail(ev, &e->range, "modulo by zero");
		z = pl_hcl_fmod(x, y);
		break;
	default:
		return pl_hcl_fail(ev, &e->range, "unknown operator");
	}
	if (!isfinite(z))
		return pl_hcl_fail(ev, &e->range, "the result is too large for a "
		    "number");
	pl_hcl_value_number(out, z);
	return 0;
}

static int
is_prim(enum pl_hcl_type t)
{
	return t == PL_HCL_STRING || t == PL_HCL_NUMBER || t == PL_HCL_BOOL;
}

static int
eval_cond(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	struct pl_hcl_value p, other;
	const struct pl_hcl_expr *chosen, *rest;
	int b, r;

	if (pl_hcl_eval_node(ev, e->u.cond.pred, &p) != 0)
		return -1;
	if ((r = pl_hcl_to_bool(ev, &p, &b, &e->u.cond.pred->range,
	    "the condition")) < 0)
		return -1;
	if (r > 0) {
		pl_hcl_unknown_of(out, &p, NULL);
		return 0;
	}
	chosen = b ? e->u.cond.then : e->u.cond.otherwise;
	rest = b ? e->u.cond.otherwise : e->u.cond.then;
	if (pl_hcl_eval_node(ev, chosen, out) != 0)
		return -1;
	if (out->type != PL_HCL_NUMBER && out->type != PL_HCL_BOOL)
		return 0;
	/*
	 * Both results unify to one type (spec.md, "Conditional Operator"):
	 * a number or bool against a string, or a number against a bool,
	 * becomes a string.  The other branch is evaluated for its type
	 * only; its errors are not this expression's.
	 */
	if (pl_hcl_eval_node(ev, rest, &other) != 0) {
		if (ev->limited)
			return -1;
		ev->failed = 0;
		return 0;
	}
	if (is_prim(other.type) && other.type != out->type) {
		struct pl_hcl_value s;

		if (pl_hcl_to_string(ev, out, &s, &chosen->range, "the result")
		    < 0)
			return -1;
		s.origin = NULL;
		*out = s;
	}
	return 0;
}

/* ---- The dispatcher ----------------------------------------------------- */

static int
eval_inner(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	switch (e->kind) {
	case PL_HCL_EXPR_LITERAL:
		memset(out, 0, sizeof(*out));
		out->origin = e;
		switch (e->u.lit.type) {
		case PL_HCL_LIT_NULL:
			out->type = PL_HCL_NULL;
			break;
		case PL_HCL_LIT_BOOL:
			out->type = PL_HCL_BOOL;
			out->u.b = e->u.lit.b;
			break;
		case PL_HCL_LIT_NUMBER:
			out->type = PL_HCL_NUMBER;
			out->u.num = e->u.lit.num;
			break;
		case PL_HCL_LIT_STRING:
			out->type = PL_HCL_STRING;
			out->u.str = e->u.lit.str;
			out->n = e->u.lit.len;
			break;
		}
		return 0;
	case PL_HCL_EXPR_TEMPLATE:
		return eval_template(ev, e, out);
	case PL_HCL_EXPR_WRAP:
	case PL_HCL_EXPR_PAREN:
		return pl_hcl_eval_node(ev, e->u.wrap.expr, out);
	case PL_HCL_EXPR_TRAVERSAL:
		return eval_traversal(ev, e, out);
	case PL_HCL_EXPR_ANON:
		for (struct pl_scope *s = ev->scope; s != NULL; s = s->up)
			if (s->name == NULL) {
				*out = s->val;
				return 0;
			}
		return pl_hcl_fail(ev, &e->range, "a splat element outside a "
		    "splat");
	case PL_HCL_EXPR_SPLAT:
		return eval_splat(ev, e, out);
	case PL_HCL_EXPR_TUPLE:
		return eval_tuple(ev, e, out);
	case PL_HCL_EXPR_OBJECT:
		return eval_object(ev, e, out);
	case PL_HCL_EXPR_CALL:
		return pl_hcl_call(ev, e, out);
	case PL_HCL_EXPR_FOR:
		return eval_for(ev, e, out);
	case PL_HCL_EXPR_UNARY:
		return eval_unary(ev, e, out);
	case PL_HCL_EXPR_BINARY:
		return eval_binary(ev, e, out);
	case PL_HCL_EXPR_COND:
		return eval_cond(ev, e, out);
	case PL_HCL_EXPR_TMPL_IF:
	case PL_HCL_EXPR_TMPL_FOR: {
		/* Only inside templates; evaluated alone, a string. */
		struct pieces ps;
		int r;

		pieces_init(&ps);
		r = eval_part(ev, e, &ps);
		if (r == 0)
			r = pieces_join(ev, &ps, &e->range, out);
		pieces_release(&ps);
		return r;
	}
	}
	return pl_hcl_fail(ev, &e->range, "cannot evaluate this expression");
}

int
pl_hcl_eval_node(struct pl_hcl_eval *ev, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	int r;

	if (pl_hcl_step(ev, 1, &e->range) != 0)
		return -1;
	if (ev->depth >= PL_HCL_MAX_EVAL_DEPTH)
		return pl_hcl_limit(ev, &e->range, "evaluation nested deeper "
		    "than %d levels (PL_HCL_MAX_EVAL_DEPTH)",
		    PL_HCL_MAX_EVAL_DEPTH);
	ev->depth++;
	r = eval_inner(ev, e, out);
	ev->depth--;
	return r;
}
