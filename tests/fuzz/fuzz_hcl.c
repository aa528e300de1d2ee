/* fuzz_hcl.c -- fuzz target: the HCL library, parse and evaluate */
/* SPDX-License-Identifier: MIT */
/*
 * Self-contained (not fuzz_common.h: the Terraform reader on top of the
 * library is not written yet).  Each input is parsed as the native syntax,
 * as a standalone template and, when it looks like JSON, as the JSON
 * syntax with Terraform's block schema; every attribute of every body is
 * printed and evaluated, with a resolver that answers var.NAME and
 * local.NAME from the file's own variable and locals blocks (lazily,
 * with cycle detection, as the Terraform reader will), each.key,
 * each.value and count.index with small values, and anything else as
 * unknown.  Besides the sanitizers, it aborts when a range lies outside
 * the input or goes backwards, or a line or column is 0.
 */
#define _GNU_SOURCE 1
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/hcl.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

#define MAX_LOCALS	64

struct fctx {
	const struct pl_hcl_file *f;
	const struct pl_hcl_attr *attr[MAX_LOCALS];
	int			 state[MAX_LOCALS];
	struct pl_hcl_value	 val[MAX_LOCALS];
	size_t			 n;
	size_t			 size;
};

static void
check_range(const struct fctx *c, const struct pl_hcl_range *r)
{
	if (r->start > r->end || r->end > c->size || r->line == 0 ||
	    r->col == 0 || r->end_line < r->line)
		abort();
}

/* The attribute name of a variable's default or a local, or NULL. */
static const struct pl_hcl_attr *
find(const struct pl_hcl_body *b, const char *kind, const char *name,
    unsigned depth)
{
	if (depth > 4)
		return NULL;
	for (size_t i = 0; i < b->nblocks; i++) {
		const struct pl_hcl_block *bl = &b->blocks[i];

		if (strcmp(kind, "var") == 0 && strcmp(bl->type, "variable") == 0 &&
		    bl->nlabels == 1 && strcmp(bl->labels[0].name, name) == 0)
			return pl_hcl_body_attr(&bl->body, "default");
		if (strcmp(kind, "local") == 0 && strcmp(bl->type, "locals") == 0) {
			const struct pl_hcl_attr *a = pl_hcl_body_attr(&bl->body,
			    name);

			if (a != NULL)
				return a;
		}
	}
	return NULL;
}

static int
resolve(void *ctx, struct pl_hcl_eval *ev, const struct pl_hcl_expr *ref,
    const char *root, const struct pl_hcl_step *steps, size_t nsteps,
    size_t *used, struct pl_hcl_value *out)
{
	struct fctx *c = ctx;

	if ((strcmp(root, "var") == 0 || strcmp(root, "local") == 0) &&
	    nsteps > 0 && steps[0].kind == PL_HCL_STEP_ATTR) {
		const struct pl_hcl_attr *a = find(&c->f->body, root,
		    steps[0].name, 0);
		size_t i;

		*used = 1;
		if (a == NULL) {
			pl_hcl_value_string(ev, out, steps[0].name,
			    strlen(steps[0].name));
			return 0;
		}
		for (i = 0; i < c->n && c->attr[i] != a; i++)
			;
		if (i == c->n) {
			if (c->n == MAX_LOCALS) {
				pl_hcl_value_unknown(out, "too many locals");
				return 0;
			}
			c->attr[c->n++] = a;
		}
		if (c->state[i] == 2) {
			*out = c->val[i];
			return 0;
		}
		if (c->state[i] == 1)
			return pl_hcl_eval_fail(ev, &ref->range, "cycle");
		c->state[i] = 1;
		if (pl_hcl_eval_expr(ev, a->expr, &c->val[i]) != 0) {
			c->state[i] = 0;
			return -1;
		}
		c->state[i] = 2;
		*out = c->val[i];
		return 0;
	}
	if (strcmp(root, "each") == 0 && nsteps > 0 &&
	    steps[0].kind == PL_HCL_STEP_ATTR) {
		*used = 1;
		if (strcmp(steps[0].name, "key") == 0) {
			pl_hcl_value_string(ev, out, "www", 3);
			return 0;
		}
		if (pl_hcl_value_collection(ev, out, PL_HCL_OBJECT, 2) != 0)
			return -1;
		pl_hcl_value_string(ev, &out->u.items[0], "content", 7);
		pl_hcl_value_string(ev, &out->u.items[1], "192.0.2.1", 9);
		pl_hcl_value_string(ev, &out->u.items[2], "proxied", 7);
		pl_hcl_value_bool(&out->u.items[3], 1);
		return pl_hcl_value_finish(ev, out);
	}
	if (strcmp(root, "count") == 0) {
		*used = nsteps;
		pl_hcl_value_number(out, 0);
		return 0;
	}
	*used = nsteps;
	pl_hcl_value_unknown(out, "fuzz");
	return 0;
}

static void
check_expr(const struct fctx *c, const struct pl_hcl_expr *e, unsigned depth)
{
	if (e == NULL || depth > 2 * PL_HCL_MAX_DEPTH)
		return;
	check_range(c, &e->range);
	switch (e->kind) {
	case PL_HCL_EXPR_TRAVERSAL:
		for (uint32_t i = 0; i < e->n; i++) {
			check_range(c, &e->u.trav.steps[i].range);
			if (e->u.trav.steps[i].kind == PL_HCL_STEP_INDEX)
				check_expr(c, e->u.trav.steps[i].key, depth + 1);
		}
		check_expr(c, e->u.trav.source, depth + 1);
		break;
	case PL_HCL_EXPR_TEMPLATE:
		for (uint32_t i = 0; i < e->n; i++)
			check_expr(c, e->u.tmpl.parts[i], depth + 1);
		break;
	case PL_HCL_EXPR_TUPLE:
		for (uint32_t i = 0; i < e->n; i++)
			check_expr(c, e->u.list.items[i], depth + 1);
		break;
	case PL_HCL_EXPR_OBJECT:
		for (uint32_t i = 0; i < e->n; i++) {
			check_expr(c, e->u.obj.items[i].key, depth + 1);
			check_expr(c, e->u.obj.items[i].value, depth + 1);
		}
		break;
	case PL_HCL_EXPR_CALL:
		for (uint32_t i = 0; i < e->n; i++)
			check_expr(c, e->u.call.args[i], depth + 1);
		break;
	default:
		break;
	}
}

static void
walk(struct fctx *c, struct pl_hcl_eval *ev, const struct pl_hcl_body *b,
    struct pl_buf *buf, unsigned depth)
{
	if (depth > PL_HCL_MAX_DEPTH + 1)
		abort();
	for (size_t i = 0; i < b->nattrs; i++) {
		const struct pl_hcl_attr *a = &b->attrs[i];
		struct pl_hcl_value v;
		const char *caps[2];

		check_range(c, &a->range);
		check_range(c, &a->name_range);
		check_expr(c, a->expr, 0);
		pl_buf_reset(buf);
		pl_hcl_expr_show(buf, a->expr);
		(void)pl_hcl_expr_match(a->expr, "cloudflare_zone.*.id", caps, 2);
		if (pl_hcl_eval_expr(ev, a->expr, &v) == 0) {
			pl_buf_reset(buf);
			pl_hcl_value_show(buf, &v);
			(void)pl_hcl_value_wholly_known(&v);
			if (v.origin != NULL)
				check_range(c, &v.origin->range);
		} else if (pl_hcl_eval_error(ev) == NULL ||
		    pl_hcl_eval_error(ev)->msg == NULL)
			abort();
	}
	for (size_t i = 0; i < b->nblocks; i++) {
		check_range(c, &b->blocks[i].range);
		for (size_t k = 0; k < b->blocks[i].nlabels; k++)
			check_range(c, &b->blocks[i].labels[k].range);
		walk(c, ev, &b->blocks[i].body, buf, depth + 1);
	}
}

static int
tf_labels(void *ctx, const struct pl_hcl_block *parent, const char *name)
{
	(void)ctx;
	if (parent != NULL)
		return strcmp(name, "lifecycle") == 0 ||
		    strcmp(name, "dynamic") == 0 ? (name[0] == 'd' ? 1 : 0) : -1;
	if (strcmp(name, "resource") == 0 || strcmp(name, "data") == 0)
		return 2;
	if (strcmp(name, "variable") == 0 || strcmp(name, "module") == 0 ||
	    strcmp(name, "output") == 0 || strcmp(name, "provider") == 0)
		return 1;
	if (strcmp(name, "locals") == 0 || strcmp(name, "terraform") == 0)
		return 0;
	return -1;
}

static void
run(struct pl_hcl_file *f, size_t size)
{
	struct fctx c;
	struct pl_hcl_eval *ev;
	struct pl_buf buf;

	memset(&c, 0, sizeof(c));
	c.f = f;
	c.size = size;
	for (size_t i = 0; i < f->ndiags; i++) {
		if (f->diags[i].msg == NULL || f->diags[i].msg[0] == '\0')
			abort();
		check_range(&c, &f->diags[i].range);
	}
	for (size_t i = 0; i < f->ncomments; i++)
		check_range(&c, &f->comments[i].range);
	pl_buf_init(&buf);
	ev = pl_hcl_eval_new(resolve, &c);
	/* Fuzzing wants many short runs: a hundredth of the usual budget. */
	pl_hcl_eval_set_budget(ev, PL_HCL_MAX_EVAL_STEPS / 100);
	walk(&c, ev, &f->body, &buf, 0);
	if (f->expr != NULL) {
		struct pl_hcl_value v;

		check_expr(&c, f->expr, 0);
		pl_hcl_expr_show(&buf, f->expr);
		(void)pl_hcl_eval_expr(ev, f->expr, &v);
	}
	pl_hcl_eval_free(ev);
	pl_buf_release(&buf);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct pl_hcl_file *f;
	size_t i = 0;

	f = pl_hcl_parse(text, size);
	run(f, size);
	pl_hcl_file_free(f);
	f = pl_hcl_parse_template(text, size);
	run(f, size);
	pl_hcl_file_free(f);
	while (i < size && (data[i] == ' ' || data[i] == '\n' || data[i] == '\t'))
		i++;
	if (i < size && (data[i] == '{' || data[i] == '[')) {
		f = pl_hcl_parse_json(text, size, tf_labels, NULL);
		run(f, size);
		pl_hcl_file_free(f);
	} else {
		f = pl_hcl_parse_expr(text, size);
		run(f, size);
		pl_hcl_file_free(f);
	}
	return 0;
}
