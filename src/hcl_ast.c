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

static void show(struct pl_buf *, const struct pl_hcl_expr *, unsigned);

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
			show(b, st->key, depth + 1);
		} else {
			pl_buf_addc(b, '[');
			show(b, st->key, depth + 1);
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
	show(b, fx->coll, depth + 1);
	pl_buf_adds(b, ": ");
	if (fx->key != NULL) {
		show(b, fx->key, depth + 1);
		pl_buf_adds(b, " => ");
	}
	show(b, fx->val, depth + 1);
	if (fx->group)
		pl_buf_adds(b, "...");
	if (fx->cond != NULL) {
		pl_buf_adds(b, " if ");
		show(b, fx->cond, depth + 1);
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
show(struct pl_buf *b, const struct pl_hcl_expr *e, unsigned depth)
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
			show(b, e->u.tmpl.parts[i], depth + 1);
		}
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_WRAP:
		pl_buf_adds(b, "${");
		show(b, e->u.wrap.expr, depth + 1);
		pl_buf_addc(b, '}');
		return;
	case PL_HCL_EXPR_PAREN:
		pl_buf_adds(b, "(paren ");
		show(b, e->u.wrap.expr, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_TRAVERSAL:
		if (e->u.trav.root != NULL)
			pl_buf_adds(b, e->u.trav.root);
		else {
			pl_buf_addc(b, '<');
			show(b, e->u.trav.source, depth + 1);
			pl_buf_addc(b, '>');
		}
		show_steps(b, e, depth);
		return;
	case PL_HCL_EXPR_ANON:
		pl_buf_addc(b, '@');
		return;
	case PL_HCL_EXPR_SPLAT:
		pl_buf_adds(b, e->u.splat.full ? "(splat[*] " : "(splat.* ");
		show(b, e->u.splat.source, depth + 1);
		pl_buf_addc(b, ' ');
		show(b, e->u.splat.each, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_TUPLE:
		pl_buf_addc(b, '[');
		for (uint32_t i = 0; i < e->n; i++) {
			if (i > 0)
				pl_buf_adds(b, ", ");
			show(b, e->u.list.items[i], depth + 1);
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
				show(b, it->key, depth + 1);
				pl_buf_addc(b, ')');
			}
			pl_buf_adds(b, " = ");
			show(b, it->value, depth + 1);
		}
		pl_buf_addc(b, '}');
		return;
	case PL_HCL_EXPR_CALL:
		pl_buf_adds(b, e->u.call.name);
		pl_buf_addc(b, '(');
		for (uint32_t i = 0; i < e->n; i++) {
			if (i > 0)
				pl_buf_adds(b, ", ");
			show(b, e->u.call.args[i], depth + 1);
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
		show(b, e->u.op.lhs, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_BINARY:
		pl_buf_addc(b, '(');
		show(b, e->u.op.lhs, depth + 1);
		pl_buf_addc(b, ' ');
		pl_buf_adds(b, op_text(e->u.op.op));
		pl_buf_addc(b, ' ');
		show(b, e->u.op.rhs, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_COND:
		pl_buf_addc(b, '(');
		show(b, e->u.cond.pred, depth + 1);
		pl_buf_adds(b, " ? ");
		show(b, e->u.cond.then, depth + 1);
		pl_buf_adds(b, " : ");
		show(b, e->u.cond.otherwise, depth + 1);
		pl_buf_addc(b, ')');
		return;
	case PL_HCL_EXPR_TMPL_IF:
		pl_buf_adds(b, "(%if ");
		show(b, e->u.cond.pred, depth + 1);
		pl_buf_addc(b, ' ');
		show(b, e->u.cond.then, depth + 1);
		if (e->u.cond.otherwise != NULL) {
			pl_buf_addc(b, ' ');
			show(b, e->u.cond.otherwise, depth + 1);
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
		show(b, e, 0);
}
