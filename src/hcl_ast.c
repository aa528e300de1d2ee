/* hcl_ast.c -- the HCL syntax tree: freeing it, finding things in it */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "hcl_impl.h"
#include "proxylint/banned.h"

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
