/* hcl_json.c -- the HCL JSON syntax (.tf.json) into the native model */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "hcl_impl.h"
#include "proxylint/banned.h"

/*
 * hashicorp/hcl json/spec.md: a body is an object (or an array of
 * objects) whose properties are attributes or blocks, as the caller's
 * schema says; a block's labels are the keys of nested objects; strings
 * are templates, numbers, bools and null literals, arrays tuples and
 * objects object constructors.
 *
 * jansson parses the text and keeps no positions, so a small scanner
 * walks the same text in document order and lists where every value and
 * every key starts and ends.  jansson keeps an object's keys in the order
 * they came, and duplicates are refused (JSON_REJECT_DUPLICATES), so the
 * tree read in order meets the list in order, one entry per value or key.
 */

/* Where one JSON value or key is. */
struct jpos {
	struct pl_hcl_range	 r;
	int			 escapes;	/* a string with \ escapes */
};

struct jconv {
	struct pl_hcl_fbuild	*fb;
	const char		*text;
	size_t			 len;
	struct jpos		*pos;
	size_t			 npos;
	size_t			 next;		/* the next entry to use */
	pl_hcl_json_labels_fn	 labels;
	void			*ctx;
	/* The labels of the block being read, outermost first. */
	struct pl_hcl_label	*lab;
	size_t			 nlab;
	/* Lists under construction (one stack, as in hcl_parse.c). */
	char			*stk;
	size_t			 nstk;
	size_t			 capstk;
};

/* ---- The position scanner ----------------------------------------------- */

struct jscan {
	const unsigned char	*s;
	size_t			 n;
	size_t			 p;
	uint32_t		 line;
	uint32_t		 col;
	struct jpos		*pos;
	size_t			 npos;
	unsigned		 depth;
};

/* Moves over one byte, counting lines and characters. */
static void
js_adv(struct jscan *js)
{
	unsigned char c = js->s[js->p++];

	if (c == '\n') {
		js->line++;
		js->col = 1;
	} else if ((c & 0xc0) != 0x80)
		js->col++;
}

static void
js_space(struct jscan *js)
{
	while (js->p < js->n && (js->s[js->p] == ' ' || js->s[js->p] == '\t' ||
	    js->s[js->p] == '\n' || js->s[js->p] == '\r'))
		js_adv(js);
}

/* A new entry at the current place; its end is set later. */
static size_t
js_open(struct jscan *js)
{
	struct jpos *jp;

	js->pos = pl_grow(js->pos, js->npos, sizeof(*js->pos));
	jp = &js->pos[js->npos];
	memset(jp, 0, sizeof(*jp));
	jp->r.start = (uint32_t)js->p;
	jp->r.line = js->line;
	jp->r.col = js->col;
	return js->npos++;
}

static void
js_close(struct jscan *js, size_t i)
{
	js->pos[i].r.end = (uint32_t)js->p;
	js->pos[i].r.end_line = js->line;
	js->pos[i].r.end_col = js->col;
}

static void
js_string(struct jscan *js)
{
	size_t i = js_open(js);

	js_adv(js);		/* the quote */
	while (js->p < js->n && js->s[js->p] != '"') {
		if (js->s[js->p] == '\\') {
			js->pos[i].escapes = 1;
			js_adv(js);
		}
		if (js->p < js->n)
			js_adv(js);
	}
	if (js->p < js->n)
		js_adv(js);
	js_close(js, i);
}

/* One value, valid JSON (jansson said so); depth is bounded by the
 * converter's limit, which fails first, and by jansson's own. */
static void
js_value(struct jscan *js)
{
	size_t i;

	js_space(js);
	if (js->p >= js->n)
		return;
	switch (js->s[js->p]) {
	case '"':
		js_string(js);
		return;
	case '{':
	case '[': {
		unsigned char close = js->s[js->p] == '{' ? '}' : ']';
		int obj = close == '}';

		i = js_open(js);
		js_adv(js);
		if (++js->depth > PL_HCL_MAX_DEPTH + 1) {
			/* Deeper than the converter reads: skip it all. */
			unsigned d = 1;

			while (js->p < js->n && d > 0) {
				if (js->s[js->p] == '"') {
					js_adv(js);
					while (js->p < js->n && js->s[js->p] != '"') {
						if (js->s[js->p] == '\\')
							js_adv(js);
						if (js->p < js->n)
							js_adv(js);
					}
				} else if (js->s[js->p] == '{' || js->s[js->p] == '[')
					d++;
				else if (js->s[js->p] == '}' || js->s[js->p] == ']')
					d--;
				if (js->p < js->n)
					js_adv(js);
			}
			js->depth--;
			js_close(js, i);
			return;
		}
		for (;;) {
			js_space(js);
			if (js->p >= js->n || js->s[js->p] == close)
				break;
			if (obj) {
				js_string(js);		/* the key */
				js_space(js);
				if (js->p < js->n)
					js_adv(js);	/* : */
			}
			js_value(js);
			js_space(js);
			if (js->p < js->n && js->s[js->p] == ',')
				js_adv(js);
		}
		if (js->p < js->n)
			js_adv(js);
		js->depth--;
		js_close(js, i);
		return;
	}
	default:
		/* A number, true, false or null. */
		i = js_open(js);
		while (js->p < js->n && !strchr(",]} \t\r\n", js->s[js->p]))
			js_adv(js);
		js_close(js, i);
		return;
	}
}

/* ---- Conversion --------------------------------------------------------- */

static void
stk_push(struct jconv *jc, const void *item, size_t size)
{
	if (jc->nstk + size > jc->capstk) {
		size_t cap = jc->capstk ? jc->capstk * 2 : 4096;

		while (cap < jc->nstk + size)
			cap *= 2;
		jc->stk = pl_xrealloc(jc->stk, cap);
		jc->capstk = cap;
	}
	memcpy(jc->stk + jc->nstk, item, size);
	jc->nstk += size;
}

static void *
stk_take(struct jconv *jc, size_t mark, size_t size, size_t *n)
{
	size_t bytes = jc->nstk - mark;
	void *out = NULL;

	if (bytes > 0) {
		out = pl_arena_alloc(&jc->fb->f->arena, bytes);
		memcpy(out, jc->stk + mark, bytes);
	}
	jc->nstk = mark;
	*n = bytes / size;
	return out;
}

/* The next position entry (a fallback range if the scan ran short,
 * which valid JSON never makes it). */
static const struct jpos *
take_pos(struct jconv *jc)
{
	static const struct jpos none = { { 0, 0, 1, 1, 1, 1 }, 0 };

	if (jc->next < jc->npos)
		return &jc->pos[jc->next++];
	return &none;
}

/* Skips the entries of a value not converted (and of its children). */
static void
skip_value(struct jconv *jc, const json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;

	take_pos(jc);
	if (json_is_object(v)) {
		json_object_foreach((json_t *)(uintptr_t)v, k, x) {
			take_pos(jc);
			skip_value(jc, x);
		}
	} else if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			skip_value(jc, x);
	}
}

static const struct pl_hcl_expr *conv_expr(struct jconv *, const json_t *,
    unsigned);

/* Does s hold "${" or "%{" (is it more than text)? */
static int
has_seq(const char *s, size_t n)
{
	for (size_t i = 0; i + 1 < n; i++)
		if ((s[i] == '$' || s[i] == '%') && s[i + 1] == '{')
			return 1;
	return 0;
}

static unsigned
hex4(const char *s)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = s[i];

		v = v * 16 + (unsigned)(c >= '0' && c <= '9' ? c - '0' :
		    c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ?
		    c - 'A' + 10 : 0);
	}
	return v;
}

/*
 * A JSON string as a template: the text is the decoded string, and a map
 * gives back where each decoded byte was in the JSON text, for the
 * positions of what the template holds.
 */
static const struct pl_hcl_expr *
conv_string(struct jconv *jc, const char *s, size_t n, const struct jpos *jp)
{
	struct pl_hcl_expr *e;
	struct pl_srcmap map;
	uint32_t *offs = NULL;
	const struct pl_hcl_expr *t;

	if (!has_seq(s, n)) {
		if ((e = pl_hcl_node(jc->fb, PL_HCL_EXPR_TEMPLATE, &jp->r)) ==
		    NULL)
			return NULL;
		e->u.tmpl.str = pl_arena_strndup(&jc->fb->f->arena, s, n);
		e->u.tmpl.len = (uint32_t)n;
		return e;
	}
	memset(&map, 0, sizeof(map));
	map.raw = jc->text;
	map.raw_base = jp->r.start + 1;
	map.line = jp->r.line;
	map.col = jp->r.col + 1;
	if (jp->escapes) {
		/* Decoded byte i came from the escape or byte at offs[i]:
		 * jansson turns \uXXXX into 1 to 3 bytes, a surrogate pair
		 * into 4, any other escape into 1. */
		const char *raw = jc->text + jp->r.start + 1;
		size_t rn = jp->r.end - jp->r.start - 2, ri = 0, di = 0;

		offs = pl_xmalloc((n + 1) * sizeof(*offs));
		while (ri < rn && di < n) {
			size_t adv = 1, produced = 1;

			if (raw[ri] == '\\' && ri + 1 < rn) {
				adv = 2;
				if (raw[ri + 1] == 'u' && ri + 6 <= rn) {
					unsigned cp = hex4(raw + ri + 2);

					adv = 6;
					produced = cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
					if (cp >= 0xd800 && cp < 0xdc00 &&
					    ri + 12 <= rn && raw[ri + 6] == '\\') {
						adv = 12;
						produced = 4;
					}
				}
			}
			for (size_t k = 0; k < produced && di < n; k++)
				offs[di++] = (uint32_t)ri;
			ri += adv;
		}
		while (di <= n)
			offs[di++] = (uint32_t)ri;
		map.offs = offs;
	}
	t = pl_hcl_parse_template_at(jc->fb, s, n, &map);
	free(offs);
	if (t != NULL && t->kind == PL_HCL_EXPR_TEMPLATE) {
		/* The template's span is the JSON string's, quotes included. */
		((struct pl_hcl_expr *)(uintptr_t)t)->range = jp->r;
	}
	return t;
}

static const struct pl_hcl_expr *
conv_expr(struct jconv *jc, const json_t *v, unsigned depth)
{
	const struct jpos *jp = take_pos(jc);
	struct pl_hcl_expr *e;
	size_t mark = jc->nstk, n;

	if (depth > PL_HCL_MAX_DEPTH) {
		pl_hcl_fbuild_error(jc->fb, PL_HCL_DIAG_LIMIT, &jp->r, "nesting "
		    "deeper than %d levels (PL_HCL_MAX_DEPTH)", PL_HCL_MAX_DEPTH);
		return NULL;
	}
	switch (json_typeof(v)) {
	case JSON_STRING:
		return conv_string(jc, json_string_value(v), json_string_length(v),
		    jp);
	case JSON_REAL:
	case JSON_INTEGER:
		if ((e = pl_hcl_node(jc->fb, PL_HCL_EXPR_LITERAL, &jp->r)) == NULL)
			return NULL;
		e->u.lit.type = PL_HCL_LIT_NUMBER;
		e->u.lit.num = json_number_value(v);
		return e;
	case JSON_TRUE:
	case JSON_FALSE:
	case JSON_NULL:
		if ((e = pl_hcl_node(jc->fb, PL_HCL_EXPR_LITERAL, &jp->r)) == NULL)
			return NULL;
		if (json_is_null(v))
			e->u.lit.type = PL_HCL_LIT_NULL;
		else {
			e->u.lit.type = PL_HCL_LIT_BOOL;
			e->u.lit.b = json_is_true(v);
		}
		return e;
	case JSON_ARRAY: {
		size_t i;
		json_t *x;

		json_array_foreach(v, i, x) {
			const struct pl_hcl_expr *c = conv_expr(jc, x, depth + 1);

			if (c == NULL) {
				jc->nstk = mark;
				return NULL;
			}
			stk_push(jc, &c, sizeof(c));
		}
		if ((e = pl_hcl_node(jc->fb, PL_HCL_EXPR_TUPLE, &jp->r)) == NULL) {
			jc->nstk = mark;
			return NULL;
		}
		e->u.list.items = stk_take(jc, mark, sizeof(struct pl_hcl_expr *),
		    &n);
		e->n = (uint32_t)n;
		return e;
	}
	case JSON_OBJECT: {
		const char *k;
		json_t *x;

		json_object_foreach((json_t *)(uintptr_t)v, k, x) {
			const struct jpos *kp = take_pos(jc);
			struct pl_hcl_item it;

			memset(&it, 0, sizeof(it));
			/* Keys are templates too ("Objects"). */
			it.key = conv_string(jc, k, strlen(k), kp);
			it.value = it.key != NULL ? conv_expr(jc, x, depth + 1) :
			    NULL;
			if (it.value == NULL) {
				jc->nstk = mark;
				return NULL;
			}
			stk_push(jc, &it, sizeof(it));
		}
		if ((e = pl_hcl_node(jc->fb, PL_HCL_EXPR_OBJECT, &jp->r)) == NULL) {
			jc->nstk = mark;
			return NULL;
		}
		e->u.obj.items = stk_take(jc, mark, sizeof(struct pl_hcl_item), &n);
		e->n = (uint32_t)n;
		return e;
	}
	}
	return NULL;
}

/* One body item being built (attribute or block), as hcl_parse.c. */
struct jitem {
	int			 is_block;
	struct pl_hcl_attr	 attr;
	struct pl_hcl_block	 block;
};

static int conv_body(struct jconv *, const json_t *, const struct jpos *,
    const struct pl_hcl_block *, struct pl_hcl_body *, unsigned);

/* Blocks of type (at type's key position tp) with the labels so far in
 * jc->lab, nleft labels still to read from v. */
static int
conv_blocks(struct jconv *jc, const char *type, const struct jpos *tp,
    const json_t *v, int nleft, const struct pl_hcl_block *parent,
    unsigned depth)
{
	const struct jpos *vp;

	if (depth > PL_HCL_MAX_DEPTH) {
		pl_hcl_fbuild_error(jc->fb, PL_HCL_DIAG_LIMIT, &tp->r, "nesting "
		    "deeper than %d levels (PL_HCL_MAX_DEPTH)", PL_HCL_MAX_DEPTH);
		skip_value(jc, v);
		return -1;
	}
	if (json_is_array(v)) {
		/* Arrays of objects at any level: each is visited in turn. */
		size_t i;
		json_t *x;

		take_pos(jc);
		json_array_foreach(v, i, x) {
			if (!json_is_object(x)) {
				const struct jpos *xp = &jc->pos[jc->next <
				    jc->npos ? jc->next : 0];

				pl_hcl_fbuild_error(jc->fb, PL_HCL_DIAG_SYNTAX,
				    &xp->r, "block '%s' must be an object, or an "
				    "array of objects, not a %s", type,
				    json_is_array(x) ? "nested array" : "scalar");
				skip_value(jc, x);
				continue;
			}
			conv_blocks(jc, type, tp, x, nleft, parent, depth + 1);
		}
		return 0;
	}
	if (!json_is_object(v)) {
		vp = &jc->pos[jc->next < jc->npos ? jc->next : 0];
		if (nleft > 0)
			pl_hcl_fbuild_error(jc->fb, PL_HCL_DIAG_SYNTAX, &vp->r,
			    "block '%s' needs %d more label%s: expected an "
			    "object", type, nleft, nleft == 1 ? "" : "s");
		else
			pl_hcl_fbuild_error(jc->fb, PL_HCL_DIAG_SYNTAX, &vp->r,
			    "the body of block '%s' must be an object", type);
		skip_value(jc, v);
		return -1;
	}
	if (nleft > 0) {
		const char *k;
		json_t *x;

		vp = take_pos(jc);
		(void)vp;
		json_object_foreach((json_t *)(uintptr_t)v, k, x) {
			const struct jpos *kp = take_pos(jc);
			struct pl_hcl_label lb;

			memset(&lb, 0, sizeof(lb));
			lb.name = pl_arena_strdup(&jc->fb->f->arena, k);
			lb.len = (uint32_t)strlen(k);
			lb.quoted = 1;
			lb.range = kp->r;
			jc->lab = pl_grow(jc->lab, jc->nlab, sizeof(lb));
			jc->lab[jc->nlab++] = lb;
			conv_blocks(jc, type, tp, x, nleft - 1, parent, depth + 1);
			jc->nlab--;
		}
		return 0;
	}
	/* The body: the labels are copied, outer ones are shared with the
	 * sibling blocks. */
	{
		struct jitem it;
		size_t nl = jc->nlab;
		struct pl_hcl_label *labels = NULL;

		memset(&it, 0, sizeof(it));
		it.is_block = 1;
		it.block.type = pl_arena_strdup(&jc->fb->f->arena, type);
		it.block.type_range = tp->r;
		if (nl > 0) {
			labels = pl_arena_alloc(&jc->fb->f->arena, nl *
			    sizeof(*labels));
			memcpy(labels, jc->lab, nl * sizeof(*labels));
		}
		it.block.labels = labels;
		it.block.nlabels = nl;
		vp = &jc->pos[jc->next < jc->npos ? jc->next : 0];
		it.block.range = pl_range_join(&tp->r, &vp->r);
		if (conv_body(jc, v, NULL, &it.block, &it.block.body, depth + 1) !=
		    0)
			return -1;
		stk_push(jc, &it, sizeof(it));
	}
	return 0;
}

/* The items of a body object v (its own position not yet taken, unless
 * vp is given). */
static int
conv_body(struct jconv *jc, const json_t *v, const struct jpos *vp,
    const struct pl_hcl_block *self, struct pl_hcl_body *body, unsigned depth)
{
	size_t mark = jc->nstk;
	const char *k;
	json_t *x;

	if (vp == NULL)
		vp = take_pos(jc);
	body->range = vp->r;
	json_object_foreach((json_t *)(uintptr_t)v, k, x) {
		const struct jpos *kp = take_pos(jc);
		int nl;

		if (jc->fb->stopped) {
			skip_value(jc, x);
			continue;
		}
		if (strcmp(k, "//") == 0) {
			/* "parsed and ignored": kept as a comment. */
			const struct jpos *cp = &jc->pos[jc->next < jc->npos ?
			    jc->next : 0];

			if (json_is_string(x)) {
				struct pl_hcl_comment c;

				memset(&c, 0, sizeof(c));
				c.range = pl_range_join(&kp->r, &cp->r);
				c.text = pl_arena_strndup(&jc->fb->f->arena,
				    json_string_value(x), json_string_length(x));
				c.len = (uint32_t)json_string_length(x);
				c.style = PL_HCL_COMMENT_JSON;
				jc->fb->comments = pl_grow(jc->fb->comments,
				    jc->fb->ncomments, sizeof(c));
				jc->fb->comments[jc->fb->ncomments++] = c;
			}
			skip_value(jc, x);
			continue;
		}
		nl = jc->labels != NULL ? jc->labels(jc->ctx, self, k) : -1;
		if (nl < 0) {
			struct jitem it;

			memset(&it, 0, sizeof(it));
			it.attr.name = pl_arena_strdup(&jc->fb->f->arena, k);
			it.attr.name_range = kp->r;
			if ((it.attr.expr = conv_expr(jc, x, depth + 1)) == NULL)
				continue;
			it.attr.range = pl_range_join(&kp->r, &it.attr.expr->range);
			stk_push(jc, &it, sizeof(it));
			continue;
		}
		{
			/* A nested block starts its own labels. */
			size_t saved = jc->nlab;
			struct pl_hcl_label *lab = jc->lab;

			jc->lab = NULL;
			jc->nlab = 0;
			conv_blocks(jc, k, kp, x, nl, self, depth + 1);
			free(jc->lab);
			jc->lab = lab;
			jc->nlab = saved;
		}
	}
	/* Split the items into attributes and blocks, in order. */
	{
		size_t n = (jc->nstk - mark) / sizeof(struct jitem), na = 0, nb = 0;
		const struct jitem *items = n == 0 ? NULL :
		    (const struct jitem *)(void *)(jc->stk + mark);
		struct pl_hcl_attr *attrs = NULL;
		struct pl_hcl_block *blocks = NULL;

		for (size_t i = 0; i < n; i++) {
			if (items[i].is_block)
				nb++;
			else
				na++;
		}
		if (na > 0)
			attrs = pl_arena_alloc(&jc->fb->f->arena, na *
			    sizeof(*attrs));
		if (nb > 0)
			blocks = pl_arena_alloc(&jc->fb->f->arena, nb *
			    sizeof(*blocks));
		na = nb = 0;
		for (size_t i = 0; i < n; i++) {
			if (items[i].is_block)
				blocks[nb++] = items[i].block;
			else
				attrs[na++] = items[i].attr;
		}
		jc->nstk = mark;
		body->attrs = attrs;
		body->nattrs = na;
		body->blocks = blocks;
		body->nblocks = nb;
		/* Duplicate attributes: jansson refuses duplicate keys. */
	}
	return 0;
}

struct pl_hcl_file *
pl_hcl_parse_json(const char *text, size_t len, pl_hcl_json_labels_fn labels,
    void *ctx)
{
	struct pl_hcl_fbuild fb;
	struct jconv jc;
	struct jscan js;
	json_error_t err;
	json_t *root;
	size_t skip = 0;

	pl_hcl_fbuild_init(&fb);
	if (len > PL_HCL_MAX_FILE) {
		struct pl_hcl_range r = { 0, 0, 1, 1, 1, 1 };

		pl_hcl_fbuild_error(&fb, PL_HCL_DIAG_LIMIT, &r, "file larger than "
		    "1 GiB (PL_HCL_MAX_FILE)");
		return pl_hcl_fbuild_done(&fb);
	}
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	root = json_loadb(text + skip, len - skip, JSON_REJECT_DUPLICATES |
	    JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, &err);
	if (root == NULL) {
		struct pl_hcl_range r;
		int pos = err.position > 0 ? err.position : 1;

		memset(&r, 0, sizeof(r));
		r.start = (uint32_t)(skip + (size_t)pos - 1);
		r.end = (uint32_t)(skip + (size_t)pos);
		r.line = r.end_line = err.line > 0 ? (uint32_t)err.line : 1;
		r.col = err.column > 0 ? (uint32_t)err.column : 1;
		r.end_col = r.col + 1;
		pl_hcl_fbuild_error(&fb, PL_HCL_DIAG_SYNTAX, &r, "%s", err.text);
		return pl_hcl_fbuild_done(&fb);
	}
	memset(&js, 0, sizeof(js));
	js.s = (const unsigned char *)text;
	js.n = len;
	js.p = skip;
	js.line = 1;
	js.col = 1;
	js_value(&js);

	memset(&jc, 0, sizeof(jc));
	jc.fb = &fb;
	jc.text = text;
	jc.len = len;
	jc.pos = js.pos;
	jc.npos = js.npos;
	jc.labels = labels;
	jc.ctx = ctx;
	if (json_is_object(root))
		conv_body(&jc, root, NULL, NULL, &fb.f->body, 0);
	else {
		/* "a JSON array of objects": one body, in turn. */
		const struct jpos *ap = take_pos(&jc);
		struct pl_hcl_body merged, part;
		size_t i, na = 0, nb = 0;
		json_t *x;

		memset(&merged, 0, sizeof(merged));
		merged.range = ap->r;
		json_array_foreach(root, i, x) {
			if (!json_is_object(x)) {
				pl_hcl_fbuild_error(&fb, PL_HCL_DIAG_SYNTAX,
				    &jc.pos[jc.next < jc.npos ? jc.next : 0].r,
				    "the top level must be an object or an array "
				    "of objects");
				skip_value(&jc, x);
				continue;
			}
			memset(&part, 0, sizeof(part));
			conv_body(&jc, x, NULL, NULL, &part, 0);
			if (part.nattrs > 0) {
				struct pl_hcl_attr *a = pl_arena_alloc(&fb.f->arena,
				    (na + part.nattrs) * sizeof(*a));

				if (na > 0)
					memcpy(a, merged.attrs, na * sizeof(*a));
				memcpy(a + na, part.attrs, part.nattrs *
				    sizeof(*a));
				merged.attrs = a;
				na += part.nattrs;
			}
			if (part.nblocks > 0) {
				struct pl_hcl_block *b = pl_arena_alloc(&fb.f->arena,
				    (nb + part.nblocks) * sizeof(*b));

				if (nb > 0)
					memcpy(b, merged.blocks, nb * sizeof(*b));
				memcpy(b + nb, part.blocks, part.nblocks *
				    sizeof(*b));
				merged.blocks = b;
				nb += part.nblocks;
			}
		}
		merged.nattrs = na;
		merged.nblocks = nb;
		fb.f->body = merged;
	}
	json_decref(root);
	free(js.pos);
	free(jc.stk);
	free(jc.lab);
	return pl_hcl_fbuild_done(&fb);
}
