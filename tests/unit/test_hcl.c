/* test_hcl.c -- unit tests of the HCL library: syntax, values, functions */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

#include "proxylint/hcl.h"
#include "proxylint/util.h"
#include "tap.h"
#include "proxylint/banned.h"

/* ---- Helpers ------------------------------------------------------------ */

static char out[65536];
static size_t test_budget;	/* 0: PL_HCL_MAX_EVAL_STEPS */

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The syntax errors of f, "line:col msg" joined by "; ". */
static const char *
errs(const struct pl_hcl_file *f)
{
	struct pl_buf b;

	pl_buf_init(&b);
	for (size_t i = 0; i < f->ndiags; i++)
		pl_buf_addf(&b, "%s%u:%u %s", i ? "; " : "",
		    f->diags[i].range.line, f->diags[i].range.col,
		    f->diags[i].msg);
	snprintf(out, sizeof(out), "%s", b.buf ? b.buf : "");
	pl_buf_release(&b);
	return out;
}

static const char *
parse_errs(const char *text)
{
	struct pl_hcl_file *f = pl_hcl_parse(text, strlen(text));

	errs(f);
	pl_hcl_file_free(f);
	return out;
}

/* The tree of an expression, or its errors. */
static const char *
show(const char *text)
{
	struct pl_hcl_file *f = pl_hcl_parse_expr(text, strlen(text));
	struct pl_buf b;

	if (f->ndiags > 0) {
		errs(f);
		pl_hcl_file_free(f);
		return out;
	}
	pl_buf_init(&b);
	pl_hcl_expr_show(&b, f->expr);
	snprintf(out, sizeof(out), "%s", b.buf);
	pl_buf_release(&b);
	pl_hcl_file_free(f);
	return out;
}

/*
 * The resolver of the tests, a small Terraform: var.NAME and local.NAME
 * are the attributes of the "variable" and "locals" blocks of a file,
 * evaluated lazily with a cache and cycle detection; each.key,
 * each.value and count.index come from the context; "unk" and
 * resources are unknown.
 */
#define NLOCALS 2048

struct tctx {
	const struct pl_hcl_file *f;
	const struct pl_hcl_attr *names[NLOCALS];
	int		 state[NLOCALS];	/* 0, 1 running, 2 done */
	struct pl_hcl_value cache[NLOCALS];
	size_t		 nlocals;
	int		 nocache;
	struct pl_hcl_value each_key, each_value;
	int		 has_each;
	double		 count;
	int		 resolves;
};

static const struct pl_hcl_attr *
find_local(const struct tctx *t, const char *block, const char *name)
{
	if (t->f == NULL)
		return NULL;
	for (size_t i = 0; i < t->f->body.nblocks; i++) {
		const struct pl_hcl_block *b = &t->f->body.blocks[i];

		if (strcmp(b->type, block) != 0)
			continue;
		if (strcmp(block, "variable") == 0) {
			if (b->nlabels == 1 && strcmp(b->labels[0].name, name) == 0)
				return pl_hcl_body_attr(&b->body, "default");
			continue;
		}
		{
			const struct pl_hcl_attr *a = pl_hcl_body_attr(&b->body,
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
    size_t *used, struct pl_hcl_value *v)
{
	struct tctx *t = ctx;

	t->resolves++;
	if ((strcmp(root, "var") == 0 || strcmp(root, "local") == 0) &&
	    nsteps > 0 && steps[0].kind == PL_HCL_STEP_ATTR) {
		const char *block = root[0] == 'v' ? "variable" : "locals";
		const struct pl_hcl_attr *a = find_local(t, block, steps[0].name);
		size_t i;

		if (a == NULL)
			return pl_hcl_eval_fail(ev, &ref->range, "no %s named "
			    "'%s'", root, steps[0].name);
		for (i = 0; i < t->nlocals; i++)
			if (t->names[i] == a)
				break;
		if (i == t->nlocals) {
			if (t->nlocals == NLOCALS)
				return pl_hcl_eval_fail(ev, &ref->range, "too many");
			t->names[t->nlocals++] = a;
		}
		*used = 1;
		if (t->state[i] == 2 && !t->nocache) {
			*v = t->cache[i];
			return 0;
		}
		if (t->state[i] == 1)
			return pl_hcl_eval_fail(ev, &ref->range, "cycle through "
			    "%s.%s", root, steps[0].name);
		t->state[i] = 1;
		if (pl_hcl_eval_expr(ev, a->expr, &t->cache[i]) != 0) {
			t->state[i] = 0;
			return -1;
		}
		t->state[i] = 2;
		*v = t->cache[i];
		return 0;
	}
	if (strcmp(root, "each") == 0 && t->has_each && nsteps > 0 &&
	    steps[0].kind == PL_HCL_STEP_ATTR) {
		*used = 1;
		if (strcmp(steps[0].name, "key") == 0) {
			*v = t->each_key;
			return 0;
		}
		if (strcmp(steps[0].name, "value") == 0) {
			*v = t->each_value;
			return 0;
		}
	}
	if (strcmp(root, "count") == 0 && nsteps == 1) {
		pl_hcl_value_number(v, t->count);
		*used = 1;
		return 0;
	}
	if (strcmp(root, "fail") == 0)
		return pl_hcl_eval_fail(ev, &ref->range, "fail resolves to an "
		    "error");
	pl_hcl_value_unknown(v, strcmp(root, "unk") == 0 ? "unk" :
	    "a resource attribute");
	*used = nsteps;
	return 0;
}

/* Evaluates text (an expression) in the context of file defs. */
static const char *
ev_in(const char *defs, const char *text)
{
	struct pl_hcl_file *f = pl_hcl_parse_expr(text, strlen(text));
	struct pl_hcl_file *d = defs != NULL ? pl_hcl_parse(defs, strlen(defs)) :
	    NULL;
	struct tctx t;
	struct pl_hcl_eval *ev;
	struct pl_hcl_value v;
	struct pl_buf b;

	if (f->ndiags > 0 || (d != NULL && d->ndiags > 0)) {
		errs(f->ndiags > 0 ? f : d);
		pl_hcl_file_free(f);
		pl_hcl_file_free(d);
		return out;
	}
	memset(&t, 0, sizeof(t));
	t.f = d;
	ev = pl_hcl_eval_new(resolve, &t);
	pl_hcl_eval_set_budget(ev, test_budget);
	pl_buf_init(&b);
	if (pl_hcl_eval_expr(ev, f->expr, &v) == 0)
		pl_hcl_value_show(&b, &v);
	else {
		const struct pl_hcl_diag *e = pl_hcl_eval_error(ev);

		pl_buf_addf(&b, "ERROR %u:%u %s", e->range.line, e->range.col,
		    e->msg);
	}
	snprintf(out, sizeof(out), "%s", b.buf);
	pl_buf_release(&b);
	pl_hcl_eval_free(ev);
	pl_hcl_file_free(f);
	pl_hcl_file_free(d);
	return out;
}

static const char *
ev(const char *text)
{
	return ev_in(NULL, text);
}

/* Why the value of text is unknown. */
static const char *
why(const char *text)
{
	struct pl_hcl_file *f = pl_hcl_parse_expr(text, strlen(text));
	struct pl_hcl_eval *e = pl_hcl_eval_new(NULL, NULL);
	struct pl_hcl_value v;

	snprintf(out, sizeof(out), "(not evaluated)");
	if (f->expr != NULL && pl_hcl_eval_expr(e, f->expr, &v) == 0)
		snprintf(out, sizeof(out), "%s", v.type == PL_HCL_UNKNOWN ?
		    v.u.why : "(known)");
	pl_hcl_eval_free(e);
	pl_hcl_file_free(f);
	return out;
}

struct pair {
	const char *in;
	const char *want;
};

static void
eval_table(const char *what, const struct pair *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		is_str(ev(t[i].in), t[i].want, "%s: %s", what, t[i].in);
}

static void
show_table(const char *what, const struct pair *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		is_str(show(t[i].in), t[i].want, "%s: %s", what, t[i].in);
}

#define TABLE(fn, what, ...) do {					\
	static const struct pair t_[] = { __VA_ARGS__ };		\
	fn(what, t_, sizeof(t_) / sizeof(t_[0]));			\
} while (0)

/* The text of a range of src. */
static const char *
span(const char *src, const struct pl_hcl_range *r)
{
	snprintf(out, sizeof(out), "%.*s", (int)(r->end - r->start),
	    src + r->start);
	return out;
}

static const char *
pos(const struct pl_hcl_range *r)
{
	snprintf(out, sizeof(out), "%u:%u-%u:%u [%u,%u)", r->line, r->col,
	    r->end_line, r->end_col, r->start, r->end);
	return out;
}

/* ---- Structure ---------------------------------------------------------- */

static void
test_structure(void)
{
	static const char src[] =
	    "# header comment\n"
	    "resource \"cloudflare_record\" \"www\" {\n"
	    "  zone_id = cloudflare_zone.example.id // the zone\n"
	    "  name    = \"www\"\n"
	    "  proxied = true\n"
	    "  ttl     = 1e2\n"
	    "  /* inline */ type = \"A\"\n"
	    "  lifecycle { ignore_changes = [ttl] }\n"
	    "  dynamic foo {\n"
	    "  }\n"
	    "}\n"
	    "locals {\n"
	    "}\n"
	    "top = 1\n";
	struct pl_hcl_file *f = pl_hcl_parse(src, sizeof(src) - 1);
	const struct pl_hcl_block *b;
	const struct pl_hcl_attr *a;
	const char *caps[2] = { NULL, NULL };

	is_str(errs(f), "", "structure: no errors");
	is_int(f->body.nblocks, 2, "two top-level blocks");
	is_int(f->body.nattrs, 1, "one top-level attribute");
	b = &f->body.blocks[0];
	is_str(b->type, "resource", "block type");
	is_int(b->nlabels, 2, "two labels");
	is_str(b->labels[0].name, "cloudflare_record", "label 1");
	is_str(b->labels[1].name, "www", "label 2");
	ok(b->labels[1].quoted, "quoted label");
	is_str(span(src, &b->labels[1].range), "\"www\"", "label span has quotes");
	is_str(pos(&b->type_range), "2:1-2:9 [17,25)", "type range");
	is_str(pos(&b->range), "2:1-11:2 [17,242)", "block range to the brace");
	is_int(b->body.nattrs, 5, "five attributes");
	is_int(b->body.nblocks, 2, "two nested blocks");
	is_str(b->body.blocks[0].type, "lifecycle", "one-line block");
	is_int(b->body.blocks[0].body.nattrs, 1, "one-line block attribute");
	is_str(b->body.blocks[1].type, "dynamic", "ident label block");
	is_str(b->body.blocks[1].labels[0].name, "foo", "ident label");
	ok(!b->body.blocks[1].labels[0].quoted, "ident label not quoted");
	a = pl_hcl_body_attr(&b->body, "proxied");
	ok(a != NULL, "proxied found");
	is_str(span(src, &a->expr->range), "true", "literal span exact");
	is_str(pos(&a->expr->range), "5:13-5:17 [135,139)", "literal position");
	is_str(pos(&a->name_range), "5:3-5:10 [125,132)", "name position");
	is_str(span(src, &a->range), "proxied = true", "attribute span");
	a = pl_hcl_body_attr(&b->body, "name");
	is_str(span(src, &a->expr->range), "\"www\"", "string span has quotes");
	ok(a->expr->kind == PL_HCL_EXPR_TEMPLATE && a->expr->n == 0,
	    "a plain string is a template of text");
	is_str(a->expr->u.tmpl.str, "www", "its text");
	a = pl_hcl_body_attr(&b->body, "ttl");
	ok(a->expr->kind == PL_HCL_EXPR_LITERAL &&
	    a->expr->u.lit.num == 100, "1e2 is 100");
	a = pl_hcl_body_attr(&b->body, "zone_id");
	ok(pl_hcl_expr_match(a->expr, "cloudflare_zone.*.id", caps, 2),
	    "zone_id matches cloudflare_zone.*.id");
	is_str(caps[0], "example", "the star captured the name");
	ok(!pl_hcl_expr_match(a->expr, "data.cloudflare_zone.*.id", caps, 2),
	    "not a data source");
	ok(!pl_hcl_expr_match(a->expr, "cloudflare_zone.*", caps, 2),
	    "the whole traversal must match");
	is_str(span(src, &a->expr->range), "cloudflare_zone.example.id",
	    "traversal span");
	ok(pl_hcl_body_attr(&b->body, "type") != NULL, "after an inline comment");
	is_int(f->ncomments, 3, "three comments");
	is_str(f->comments[0].text, " header comment", "comment text");
	ok(f->comments[0].style == PL_HCL_COMMENT_HASH, "hash comment");
	is_str(pos(&f->comments[0].range), "1:1-1:17 [0,16)", "comment range");
	is_str(f->comments[1].text, " the zone", "slash comment text");
	is_int(f->comments[1].range.line, 3, "slash comment line");
	ok(f->comments[1].style == PL_HCL_COMMENT_SLASH, "slash style");
	is_str(f->comments[2].text, " inline ", "block comment text");
	ok(f->comments[2].style == PL_HCL_COMMENT_BLOCK, "block style");
	is_str(f->body.blocks[1].type, "locals", "empty block");
	is_str(f->body.attrs[0].name, "top", "top attribute");
	pl_hcl_file_free(f);

	/* CRLF, tabs count one column, a BOM is skipped, UTF-8 columns. */
	{
		static const char s2[] = "\xef\xbb\xbf" "a = 1\r\n\tb = \"\xc3\xa9\" # c\r\n";
		struct pl_hcl_file *g = pl_hcl_parse(s2, sizeof(s2) - 1);

		is_str(errs(g), "", "CRLF and BOM: no error");
		is_int(g->body.nattrs, 2, "CRLF: two attributes");
		is_str(pos(&g->body.attrs[0].name_range), "1:1-1:2 [3,4)",
		    "BOM: columns start at 1");
		is_str(pos(&g->body.attrs[1].name_range), "2:2-2:3 [11,12)",
		    "a tab is one column");
		is_int(g->comments[0].range.col, 10, "UTF-8 counts characters");
		is_str(g->comments[0].text, " c", "comment without the CR");
		pl_hcl_file_free(g);
	}
	/* A comment on the last line, no newline. */
	{
		static const char s3[] = "a = 1 # end";
		struct pl_hcl_file *g = pl_hcl_parse(s3, sizeof(s3) - 1);

		is_str(errs(g), "", "comment at EOF");
		is_int(g->ncomments, 1, "one comment at EOF");
		pl_hcl_file_free(g);
	}
	/* Suppression comments are located by line for the reader. */
	{
		static const char s4[] =
		    "# proxylint: ignore[mx-target-proxied] legacy\n"
		    "resource \"cloudflare_record\" \"mx\" {\n}\n";
		struct pl_hcl_file *g = pl_hcl_parse(s4, sizeof(s4) - 1);

		is_str(g->comments[0].text,
		    " proxylint: ignore[mx-target-proxied] legacy",
		    "suppression text");
		is_int(g->comments[0].range.line + 1,
		    g->body.blocks[0].range.line, "it is the line before the block");
		pl_hcl_file_free(g);
	}
}

/* ---- Expressions -------------------------------------------------------- */

static void
test_expressions(void)
{
	TABLE(show_table, "expr",
	    { "1", "1" },
	    { "1.5e3", "1500" },
	    { "2E-2", "0.02" },
	    { "true", "true" },
	    { "null", "null" },
	    { "1 + 2 * 3", "(1 + (2 * 3))" },
	    { "1 * 2 + 3", "((1 * 2) + 3)" },
	    { "a / b * c", "((a / b) * c)" },
	    { "a - b - c", "((a - b) - c)" },
	    { "a || b && c", "(a || (b && c))" },
	    { "a && b == c", "(a && (b == c))" },
	    { "a == b < c", "(a == (b < c))" },
	    { "a < b + c", "(a < (b + c))" },
	    { "a + b % c", "(a + (b % c))" },
	    { "-a + b", "((-a) + b)" },
	    { "-46+5", "((-46) + 5)" },
	    { "!a && b", "((!a) && b)" },
	    { "--a", "(-(-a))" },
	    { "-a.b[0]", "(-a.b[0])" },
	    { "(1 + 2) * 3", "((paren (1 + 2)) * 3)" },
	    { "a ? b : c ? d : e", "(a ? b : (c ? d : e))" },
	    { "a ? b ? c : d : e", "(a ? (b ? c : d) : e)" },
	    { "a || b ? c : d", "((a || b) ? c : d)" },
	    { "a.b.c", "a.b.c" },
	    { "a.0.b", "a.0.b" },
	    { "a[0][\"k\"]", "a[0][\"k\"]" },
	    { "a[b.c].d", "a[b.c].d" },
	    { "f(x).y", "<f(x)>.y" },
	    { "[1, 2][0]", "<[1, 2]>[0]" },
	    { "a.*.b.c", "(splat.* a <@>.b.c)" },
	    { "a.*.b[0]", "<(splat.* a <@>.b)>[0]" },
	    { "a[*].b[0]", "(splat[*] a <@>.b[0])" },
	    { "a[*]", "(splat[*] a @)" },
	    { "a.b[*].c[*].d", "(splat[*] a.b (splat[*] <@>.c <@>.d))" },
	    { "f()", "f()" },
	    { "f(1, 2,)", "f(1, 2)" },
	    { "f(a, b...)", "f(a, b...)" },
	    { "provider::aws::arn_parse(x)", "provider::aws::arn_parse(x)" },
	    { "f(\n  1,\n  2\n)", "f(1, 2)" },
	    { "[]", "[]" },
	    { "[1, 2,]", "[1, 2]" },
	    { "[\n  1,\n  2\n]", "[1, 2]" },
	    { "{}", "{}" },
	    { "{a = 1, \"b\" = 2, (c) = 3, d: 4}",
	      "{a = 1, (\"b\") = 2, ((paren c)) = 3, d = 4}" },
	    { "{\n  a = 1\n  b = 2,\n}", "{a = 1, b = 2}" },
	    { "{true = 1, null = 2}", "{true = 1, null = 2}" },
	    { "{ a.b = 1 }", "{(a.b) = 1}" },
	    { "[for v in l: v]", "[for v in l: v]" },
	    { "[for i, v in l: v if i < 2]", "[for i, v in l: v if (i < 2)]" },
	    { "{for k, v in m: v => k...}", "{for k, v in m: v => k...}" },
	    { "{\n  for k, v in m :\n    k => v\n}", "{for k, v in m: k => v}" },
	    { "[for x in [1]: x][0]", "<[for x in [1]: x]>[0]" },
	    { "a == -1", "(a == (-1))" },
	);
}

/* ---- Templates ---------------------------------------------------------- */

static void
test_templates(void)
{
	TABLE(show_table, "template",
	    { "\"\"", "\"\"" },
	    { "\"a\"", "\"a\"" },
	    { "\"${a}\"", "${a}" },
	    { "\"${\"${true}\"}\"", "${${true}}" },
	    { "\"x${a}y\"", "(tmpl \"x\" a \"y\")" },
	    { "\"${a}${b}\"", "(tmpl a b)" },
	    { "\"\\n\\r\\t\\\"\\\\\"", "\"\\n\\r\\t\\\"\\\\\"" },
	    { "\"\\u00e9\\U0001F600\"", "\"\xc3\xa9\xf0\x9f\x98\x80\"" },
	    { "\"$${a} %%{b} $$ %% $x\"", "\"${a} %{b} $$ %% $x\"" },
	    { "\"%{ if a }y%{ else }n%{ endif }\"", "(tmpl (%if a \"y\" \"n\"))" },
	    { "\"%{if a}y%{endif}\"", "(tmpl (%if a \"y\"))" },
	    { "\"%{ for x in l }${x},%{ endfor }\"",
	      "(tmpl (%for x in l: (tmpl x \",\")))" },
	    { "\"%{ for k, v in m }${k}%{ endfor }\"",
	      "(tmpl (%for k, v in m: (tmpl k)))" },
	    { "\"hello ${~ \"world\" }\"", "(tmpl \"hello\" \"world\")" },
	    { "\"a ${x ~} b\"", "(tmpl \"a \" x \"b\")" },
	    { "\"${\"hello\" ~}${\" world\"}\"", "(tmpl \"hello\" \" world\")" },
	    { "\"%{ if true ~} hello %{~ endif }\"",
	      "(tmpl (%if true \"hello\"))" },
	    { "\"\\t${~x}\"", "(tmpl \"\" x)" },
	);
	TABLE(eval_table, "template value",
	    { "\"${true}\"", "true" },
	    { "\"${\"${1}\"}\"", "1" },
	    { "\"x ${true}\"", "\"x true\"" },
	    { "\"${\"\"}${true}\"", "\"true\"" },
	    { "\"%{ for v in [true] }${v}%{ endfor }\"", "\"true\"" },
	    { "\"hello ${~ \"world\" }\"", "\"helloworld\"" },
	    { "\"%{ if true ~} hello %{~ endif }\"", "\"hello\"" },
	    { "\"${\"hello\" ~}${\" world\"}\"", "\"hello world\"" },
	    { "\"%{ if false }y%{ else }n%{ endif }\"", "\"n\"" },
	    { "\"[%{ for i, v in [\"a\", \"b\"] }${i}=${v};%{ endfor }]\"",
	      "\"[0=a;1=b;]\"" },
	    { "\"%{ for x in [1, 2, 3] ~}\\n  ${x}\\n%{~ endfor }\"",
	      "\"123\"" },
	    { "\"n=${1.5} b=${false} s=${\"q\"}\"", "\"n=1.5 b=false s=q\"" },
	    { "\"${null}\"", "null" },
	    { "\"a${null}\"", "ERROR 1:5 a template cannot include a null value" },
	    { "\"a${[1]}\"", "ERROR 1:5 the interpolated value is a tuple, not a "
	      "string" },
	    { "\"a${unk}\"", "?" },
	    { "\"%{ if unk }y%{ endif }\"", "?" },
	    { "\"%{ for x in unk }y%{ endfor }\"", "?" },
	    { "\"%{ if \"true\" }y%{ endif }\"", "\"y\"" },
	    { "\"%{ if 1 }y%{ endif }\"", "ERROR 1:8 the condition is a number, "
	      "not a bool" },
	);
}

/* Heredocs: the text, <<- and its quirks, the marker. */
static void
test_heredocs(void)
{
	TABLE(eval_table, "heredoc",
	    { "<<EOT\nhello\nworld\nEOT\n", "\"hello\\nworld\\n\"" },
	    { "<<EOT\nEOT\n", "\"\"" },
	    { "<<EOT\n  indented\n  EOT\n", "\"  indented\\n\"" },
	    { "<<-EOT\n    a\n      b\n    EOT\n", "\"a\\n  b\\n\"" },
	    { "<<-EOT\n\ta\n\t\tb\n\tEOT\n", "\"a\\n\\tb\\n\"" },
	    { "<<-EOT\n    a\n\n    b\n    EOT\n", "\"a\\n\\nb\\n\"" },
	    { "<<-EOT\n    a\n  \n    b\n    EOT\n", "\"a\\n  \\nb\\n\"" },
	    { "<<-EOT\n    a ${1}\n    b\n    EOT\n", "\"a 1\\nb\\n\"" },
	    { "<<-EOT\n    a\n${1}\n    EOT\n", "\"    a\\n1\\n\"" },
	    { "<<-EOT\n  x ${\"  y\"}\n  EOT\n", "\"x   y\\n\"" },
	    { "<<EOT\n$${x} %%{y}\nEOT\n", "\"${x} %{y}\\n\"" },
	    { "<<EOT\nEOTX\nEOT\n", "\"EOTX\\n\"" },
	    { "<<EOT\n${\"EOT\"}\nEOT\n", "\"EOT\\n\"" },
	    { "<<EOT\r\nA\r\nEOT\r\n", "\"A\\r\\n\"" },
	    /*
	     * The strip markers act on HashiCorp's per-line tokens before
	     * <<- counts spaces: a line after a ~} that ate the newline
	     * before it is not a line for <<- (parser_template.go), so its
	     * indentation stays.
	     */
	    { "<<-EOT\n  %{ for x in [1, 2] ~}\n  ${x}\n  %{ endfor ~}\n  EOT\n",
	      "\"  1\\n  2\\n\"" },
	    { "<<-EOT\n    %{ if true ~}\n      yes\n    %{~ endif }\n    EOT\n",
	      "\"          yes\\n\\n\"" },
	    { "<<-EOT\n  %{ for x in [1, 2] }\n  ${x}\n  %{ endfor }\n  EOT\n",
	      "\"\\n1\\n\\n2\\n\\n\"" },
	    { "<<EOT\n${<<EOF\ninner\nEOF\n}\nEOT\n", "\"inner\\n\\n\"" },
	);
	is_str(parse_errs("a = <<EOT\nno end\n"), "1:5 heredoc 'EOT' is never "
	    "closed", "unclosed heredoc");
	is_str(parse_errs("a = <<EOT\nx\nEOT"), "3:1 heredoc 'EOT' needs a newline "
	    "after its closing marker", "marker at EOF");
	is_str(parse_errs("a = <<\nx = 1\n"), "1:5 expected a heredoc marker and a "
	    "newline after '<<'", "no marker");
	{
		static const char s[] = "a = <<EOT\nx\nEOT\nb = 1\n";
		struct pl_hcl_file *f = pl_hcl_parse(s, sizeof(s) - 1);

		is_str(errs(f), "", "heredoc then attribute");
		is_str(span(s, &f->body.attrs[0].expr->range), "<<EOT\nx\nEOT",
		    "heredoc span");
		is_int(f->body.nattrs, 2, "both attributes");
		pl_hcl_file_free(f);
	}
}

/* ---- Evaluation --------------------------------------------------------- */

static void
test_operators(void)
{
	TABLE(eval_table, "operator",
	    { "1 + 2 * 3", "7" },
	    { "10 / 4", "2.5" },
	    { "7 % 3", "1" },
	    { "-7 % 3", "-1" },
	    { "\"2\" + 3", "5" },
	    { "0.1 + 0.2", "0.30000000000000004" },
	    { "1 / 0", "ERROR 1:1 division by zero" },
	    { "1 % 0", "ERROR 1:1 modulo by zero" },
	    { "\"a\" + 1", "ERROR 1:1 the left operand of '+' is the string \"a\", "
	      "not a number" },
	    { "1 + true", "ERROR 1:5 the right operand of '+' is a bool, not a "
	      "number" },
	    { "2 < 10", "true" },
	    { "\"2\" < \"10\"", "true" },
	    { "3 >= 3", "true" },
	    { "1 == 1.0", "true" },
	    { "1 == \"1\"", "false" },
	    { "\"a\" != \"b\"", "true" },
	    { "[1, \"a\"] == [1, \"a\"]", "true" },
	    { "{a = 1} == {a = 1}", "true" },
	    { "{a = 1} == {a = 2}", "false" },
	    { "null == null", "true" },
	    { "unk == null", "?" },
	    { "[unk] == [1, 2]", "false" },
	    { "[unk] == [1]", "?" },
	    { "!true", "false" },
	    { "!\"false\"", "true" },
	    { "-unk", "?" },
	    { "true && false", "false" },
	    { "true || false", "true" },
	    { "\"true\" && true", "true" },
	    { "1 && true", "ERROR 1:1 an operand of '&&' is a number, not a bool" },
	    { "unk || true", "true" },
	    { "true || unk", "true" },
	    { "false || unk", "?" },
	    { "unk && false", "false" },
	    { "true && unk", "?" },
	    { "true || fail.x", "true" },
	    { "fail.x || true", "true" },
	    { "false || fail.x", "ERROR 1:10 fail resolves to an error" },
	    { "unk + 1", "?" },
	    { "unk < 1", "?" },
	    { "true ? 1 : 2", "1" },
	    { "false ? 1 : 2", "2" },
	    { "unk ? 1 : 2", "?" },
	    { "\"true\" ? 1 : 2", "1" },
	    { "1 ? 1 : 2", "ERROR 1:1 the condition is a number, not a bool" },
	    { "true ? 1 : \"a\"", "\"1\"" },
	    { "true ? \"a\" : 1", "\"a\"" },
	    { "false ? true : 5", "\"5\"" },
	    { "true ? 1 : null", "1" },
	    { "true ? 1 : fail.x", "1" },
	    { "false ? fail.x : 2", "2" },
	    { "true ? fail.x : 2", "ERROR 1:8 fail resolves to an error" },
	    { "1e20", "100000000000000000000" },
	    { "0.000001", "0.000001" },
	    { "1.5e-7", "0.00000015" },
	    { "123456789012", "123456789012" },
	    { "2 * 0.1", "0.2" },
	);
}

static void
test_collections(void)
{
	TABLE(eval_table, "collection",
	    { "[1, \"a\", true, null]", "[1, \"a\", true, null]" },
	    { "{b = 1, a = 2}", "{\"a\" = 2, \"b\" = 1}" },
	    { "{a = 1, a = 2}", "{\"a\" = 2}" },
	    { "{\"x y\" = 1, (\"k${1}\") = 2}", "{\"k1\" = 2, \"x y\" = 1}" },
	    { "{1 = \"one\"}", "{\"1\" = \"one\"}" },
	    { "{(unk) = 1}", "?" },
	    { "{(null) = 1}", "ERROR 1:2 an object key cannot be null" },
	    { "{a.b = 1}", "ERROR 1:2 the key 'a...' is ambiguous: put a reference "
	      "in parentheses, or a name with dots in quotes" },
	    { "[1, 2, 3][1]", "2" },
	    { "[1, 2, 3][\"1\"]", "2" },
	    { "[1, 2, 3][3]", "ERROR 1:10 index 3 is out of range: the value has 3 "
	      "elements" },
	    { "[1, 2, 3][-1]", "ERROR 1:10 a negative number is not an index" },
	    { "[1, 2, 3][1.5]", "ERROR 1:10 the index must be a whole number, not "
	      "1.5" },
	    { "[][0]", "ERROR 1:3 index 0 is out of range: the collection has 0 "
	      "elements" },
	    { "{a = 1}[\"a\"]", "1" },
	    { "{a = 1}.a", "1" },
	    { "{a = 1}[\"b\"]", "ERROR 1:8 the object has no element with the key "
	      "\"b\"" },
	    { "{a = 1}.b", "ERROR 1:8 the object has no attribute \"b\"" },
	    { "{a = {b = [10, 20]}}.a.b.1", "20" },
	    { "{a = {b = [10, 20]}}.a.b[0]", "10" },
	    { "[1][unk]", "?" },
	    { "unk[0]", "?" },
	    { "unk.a.b", "?" },
	    { "null.a", "ERROR 1:5 cannot read attribute \"a\" of a null value" },
	    { "null[0]", "ERROR 1:5 cannot index a null value" },
	    { "\"s\".a", "ERROR 1:4 a string has no attribute \"a\"" },
	    { "\"s\"[0]", "ERROR 1:4 a string cannot be indexed" },
	    { "[{a = 1}].a", "ERROR 1:10 a tuple has no attribute \"a\": write "
	      "[N].a for one element, or [*].a for all" },
	    { "toset([1])[0]", "ERROR 1:11 a set has no index: its elements are "
	      "known only by their value (use a for expression, or tolist())" },
	    { "[{a = 1}, {a = 2}][*].a", "[1, 2]" },
	    { "[{a = 1}, {a = 2}].*.a", "[1, 2]" },
	    { "[{a = [1]}, {a = [2]}][*].a[0]", "[1, 2]" },
	    { "[{a = [1]}, {a = [2]}].*.a[0]", "[1]" },
	    { "{a = 1}[*].a", "[1]" },
	    { "null[*].a", "[]" },
	    { "null.*", "[]" },
	    { "5[*]", "[5]" },
	    { "unk[*].a", "?" },
	    { "[unk, {a = 2}][*].a", "[?, 2]" },
	    { "tolist([{a = 1}])[*].a", "list[1]" },
	    { "toset([\"b\", \"a\"])[*]", "list[\"a\", \"b\"]" },
	    { "[[1, 2], [3]][*][0]", "[1, 3]" },
	);
}

static void
test_for(void)
{
	TABLE(eval_table, "for",
	    { "[for v in [\"a\", \"b\"]: v]", "[\"a\", \"b\"]" },
	    { "[for i, v in [\"a\", \"b\"]: i]", "[0, 1]" },
	    { "{for i, v in [\"a\", \"b\"]: v => i}", "{\"a\" = 0, \"b\" = 1}" },
	    { "{for i, v in [\"a\", \"a\", \"b\"]: v => i}",
	      "ERROR 1:1 duplicate key \"a\"" },
	    { "{for i, v in [\"a\", \"a\", \"b\"]: v => i...}",
	      "{\"a\" = [0, 1], \"b\" = [2]}" },
	    { "[for i, v in [\"a\", \"b\", \"c\"]: v if i < 2]", "[\"a\", \"b\"]" },
	    { "[for k, v in {b = 2, a = 1}: \"${k}${v}\"]", "[\"a1\", \"b2\"]" },
	    { "[for v in toset([\"b\", \"a\"]): v]", "[\"a\", \"b\"]" },
	    { "[for k, v in toset([\"x\"]): k]", "[\"x\"]" },
	    { "[for v in unk: v]", "?" },
	    { "[for v in [1, unk]: v]", "[1, ?]" },
	    { "[for v in [1, 2]: v if unk]", "?" },
	    { "{for v in [\"a\"]: unk => v}", "?" },
	    { "{for v in [\"a\"]: v => unk}", "{\"a\" = ?}" },
	    { "[for v in null: v]", "ERROR 1:11 cannot iterate over a null value" },
	    { "[for v in \"abc\": v]", "ERROR 1:11 cannot iterate over a string" },
	    { "[for v in [1]: v if 1]", "ERROR 1:21 the condition is a number, not "
	      "a bool" },
	    { "{for v in [null]: v => 1}", "ERROR 1:19 the key of a for expression "
	      "cannot be null" },
	    { "[for x in [1, 2]: [for y in [10, 20]: x + y]]",
	      "[[11, 21], [12, 22]]" },
	    { "[for v in [1, 2]: v][1]", "2" },
	    { "{for k, v in {a = 1}: k => v}.a", "1" },
	    { "[for v in [1]: [for v in [2]: v]]", "[[2]]" },
	);
}

/* ---- References and origins --------------------------------------------- */

static const char defs[] =
    "variable \"records\" {\n"
    "  default = {\n"
    "    www = { content = \"192.0.2.1\", proxied = true }\n"
    "    api = { content = \"192.0.2.2\", proxied = \"false\" }\n"
    "  }\n"
    "}\n"
    "variable \"zone\" {\n"
    "  default = \"example.com\"\n"
    "}\n"
    "locals {\n"
    "  all   = merge(var.records, { mx = { content = \"mail\", proxied = false } })\n"
    "  names = toset([\"b\", \"a\", \"b\"])\n"
    "  fqdn  = \"www.${var.zone}\"\n"
    "  a     = local.b\n"
    "  b     = local.a\n"
    "  s0    = \"ab\"\n"
    "}\n";

/*
 * The span of the origin of text's value, evaluated with each.key and
 * each.value set to element key of local.all (as for_each does).
 */
static const char *
origin(const char *key, const char *text)
{
	struct pl_hcl_file *d = pl_hcl_parse(defs, sizeof(defs) - 1);
	struct pl_hcl_file *f = pl_hcl_parse_expr(text, strlen(text));
	struct pl_hcl_file *g = pl_hcl_parse_expr("local.all", 9);
	struct pl_hcl_value all, v;
	struct pl_hcl_eval *ev;
	struct tctx t;

	memset(&t, 0, sizeof(t));
	t.f = d;
	ev = pl_hcl_eval_new(resolve, &t);
	snprintf(out, sizeof(out), "(error)");
	if (key != NULL && pl_hcl_eval_expr(ev, g->expr, &all) == 0) {
		const struct pl_hcl_value *x = pl_hcl_value_get(&all, key);

		for (size_t i = 0; i < all.n; i++)
			if (strcmp(pl_hcl_value_key(&all, i)->u.str, key) == 0)
				t.each_key = *pl_hcl_value_key(&all, i);
		if (x != NULL) {
			t.each_value = *x;
			t.has_each = 1;
		}
	}
	if (f->expr != NULL && pl_hcl_eval_expr(ev, f->expr, &v) == 0) {
		if (v.origin == NULL)
			snprintf(out, sizeof(out), "(none)");
		else
			snprintf(out, sizeof(out), "%u:%u %.*s", v.origin->range.line,
			    v.origin->range.col, (int)(v.origin->range.end -
			    v.origin->range.start), defs[0] != '\0' &&
			    v.origin->range.end <= sizeof(defs) ? defs +
			    v.origin->range.start : "?");
	} else if (f->expr != NULL)
		snprintf(out, sizeof(out), "ERROR %s", pl_hcl_eval_error(ev)->msg);
	pl_hcl_eval_free(ev);
	pl_hcl_file_free(f);
	pl_hcl_file_free(g);
	pl_hcl_file_free(d);
	return out;
}

static void
test_references(void)
{
	is_str(ev_in(defs, "var.zone"), "\"example.com\"", "var");
	is_str(ev_in(defs, "local.fqdn"), "\"www.example.com\"", "local");
	is_str(ev_in(defs, "keys(local.all)"), "[\"api\", \"mx\", \"www\"]",
	    "merge of a variable and an object");
	is_str(ev_in(defs, "local.all.www.proxied"), "true", "steps after var");
	is_str(ev_in(defs, "local.all[\"api\"].content"), "\"192.0.2.2\"",
	    "index after local");
	is_str(ev_in(defs, "local.names"), "set[\"a\", \"b\"]", "toset sorted");
	is_str(ev_in(defs, "local.a"), "ERROR 15:11 cycle through local.a",
	    "cycle detected by the resolver");
	is_str(ev_in(defs, "var.nope"), "ERROR 1:1 no var named 'nope'",
	    "resolver error with location");
	is_str(ev_in(defs, "local.all.nope"), "ERROR 1:10 the object has no "
	    "attribute \"nope\"", "missing key after a reference");
	is_str(ev_in(defs, "[for k, v in local.all: k if v.proxied == true]"),
	    "[\"www\"]", "for over a local");
	is_str(ev_in(defs, "cloudflare_zone.example.id"), "?",
	    "resources are unknown");
	is_str(ev_in(defs, "cloudflare_zone.example.id[0].x"), "?",
	    "unknown through steps");
	is_str(ev("[for x in [1]: count.index]"), "[0]", "count.index");
	is_str(ev("x"), "?", "a bare name is the resolver's");
	is_str(ev("[for x in [5]: x]"), "[5]", "for temporaries shadow");
	is_str(why("var.x"), "references are not resolved here",
	    "no resolver: unknown, and why");

	/* Origins: the literal each value came from. */
	is_str(origin("www", "each.value.proxied"), "3:46 true",
	    "for_each value: the literal");
	is_str(origin("api", "each.value.proxied"), "4:46 \"false\"",
	    "a quoted literal keeps its quotes");
	is_str(origin("www", "each.value"), "3:11 { content = \"192.0.2.1\", "
	    "proxied = true }", "the map entry's object");
	is_str(origin("www", "each.key"), "3:5 www", "each.key: the key name");
	is_str(origin("mx", "each.value.content"), "11:49 \"mail\"",
	    "through merge()");
	is_str(origin("www", "lookup(each.value, \"content\", \"x\")"),
	    "3:23 \"192.0.2.1\"", "through lookup()");
	is_str(origin("www", "\"${each.value.content}\""), "3:23 \"192.0.2.1\"",
	    "through a one-interpolation template");
	is_str(origin("www", "\"x${each.value.content}\""), "(none)",
	    "a computed template has none");
	is_str(origin("www", "upper(each.value.content)"), "(none)",
	    "a function result has none");
	is_str(origin("www", "true ? each.value.proxied : false"), "3:46 true",
	    "through a conditional");
	is_str(origin("www", "(each.value.proxied)"), "3:46 true",
	    "through parentheses");
	is_str(origin("www", "{for k, v in local.all: k => v.proxied}.www"),
	    "3:46 true", "through a for expression");
	is_str(origin("www", "values(local.all)[2].proxied"), "3:46 true",
	    "through values()");
	is_str(origin("www", "tomap(var.records)[\"www\"].content"),
	    "3:23 \"192.0.2.1\"", "through tomap()");
	is_str(origin("www", "[for s in local.names: s][0]"), "12:23 \"a\"",
	    "toset elements");
	is_str(origin("www", "var.records.www"), "3:11 { content = \"192.0.2.1\", "
	    "proxied = true }", "through a variable default");
	is_str(origin("www", "try(null.x, local.all.www.content)"),
	    "3:23 \"192.0.2.1\"", "through try()");
	is_str(origin("www", "coalesce(\"\", var.zone)"), "8:13 \"example.com\"",
	    "through coalesce()");
	is_str(origin("www", "element([var.zone], 3)"), "8:13 \"example.com\"",
	    "through element()");
	is_str(origin("www", "concat([1], [var.zone])[1]"), "8:13 \"example.com\"",
	    "through concat()");
	is_str(origin("www", "one([var.zone])"), "8:13 \"example.com\"",
	    "through one()");
	is_str(origin("www", "tostring(each.value.proxied)"), "(none)",
	    "a conversion computes");
	is_str(origin("www", "tostring(var.zone)"), "8:13 \"example.com\"",
	    "tostring of a string passes it through");
}

/* ---- Functions ---------------------------------------------------------- */

static void
test_functions(void)
{
	TABLE(eval_table, "function",
	    /* Conversions. */
	    { "tostring(1.5)", "\"1.5\"" },
	    { "tostring(true)", "\"true\"" },
	    { "tostring(null)", "null" },
	    { "tostring([])", "ERROR 1:10 tostring(): cannot convert a tuple to a "
	      "string" },
	    { "tostring(unk)", "?" },
	    { "tonumber(\"12\")", "12" },
	    { "tonumber(\"1e3\")", "1000" },
	    { "tonumber(\"x\")", "ERROR 1:10 tonumber(): cannot convert \"x\" to a "
	      "number" },
	    { "tonumber(\" 1\")", "ERROR 1:10 tonumber(): cannot convert \" 1\" to a "
	      "number" },
	    { "tobool(\"true\")", "true" },
	    { "tobool(\"TRUE\")", "ERROR 1:8 the argument is the string \"TRUE\", "
	      "not a bool (write \"true\" in lowercase)" },
	    { "tobool(1)", "ERROR 1:8 tobool(): cannot convert a number to a bool" },
	    { "tolist([\"a\", 1])", "list[\"a\", \"1\"]" },
	    { "tolist(toset([\"b\", \"a\"]))", "list[\"a\", \"b\"]" },
	    { "tolist(\"a\")", "ERROR 1:8 tolist(): cannot convert a string to a "
	      "list" },
	    { "toset([\"b\", \"a\", \"b\"])", "set[\"a\", \"b\"]" },
	    { "toset([2, 10, 1])", "set[1, 2, 10]" },
	    { "toset([1, true])", "set[\"1\", \"true\"]" },
	    { "toset([unk, \"a\"])", "set[\"a\", ?]" },
	    { "toset([[1], [1]])", "set[[1]]" },
	    { "tomap({a = 1, b = \"x\"})", "map{\"a\" = \"1\", \"b\" = \"x\"}" },
	    { "tomap([])", "ERROR 1:7 tomap(): cannot convert a tuple to a map" },
	    { "tomap({a = [1], b = \"x\"})", "ERROR 1:7 the elements are of "
	      "different kinds, and only strings, numbers and bools convert to one "
	      "type" },
	    /* Collections. */
	    { "merge({a = 1}, {b = 2, a = 3})", "{\"a\" = 3, \"b\" = 2}" },
	    { "merge(tomap({a = 1}), tomap({b = 2}))",
	      "map{\"a\" = 1, \"b\" = 2}" },
	    { "merge()", "{}" },
	    { "merge({a = 1}, null)", "{\"a\" = 1}" },
	    { "merge({}, {})", "{}" },
	    { "merge({a = 1}, {})", "{\"a\" = 1}" },
	    { "merge({a = unk}, {b = 1})", "{\"a\" = ?, \"b\" = 1}" },
	    { "merge({a = 1}, unk)", "?" },
	    { "merge([1])", "ERROR 1:7 merge(): arguments must be maps or objects, "
	      "got a tuple" },
	    { "concat([1], [2, 3])", "[1, 2, 3]" },
	    { "concat(tolist([1]), tolist([2]))", "list[1, 2]" },
	    { "concat([1], toset([2]))", "ERROR 1:13 concat(): all arguments must be "
	      "lists or tuples; got set" },
	    { "concat([unk], [1])", "[?, 1]" },
	    { "lookup({a = 1}, \"a\")", "1" },
	    { "lookup({a = 1}, \"b\", 0)", "0" },
	    { "lookup({a = 1}, \"b\")", "ERROR 1:17 lookup(): lookup failed to find "
	      "key \"b\"" },
	    { "lookup(unk, \"b\", 0)", "?" },
	    { "lookup({a = 1}, unk)", "?" },
	    { "lookup({a = 1}, \"a\", unk)", "1" },
	    { "lookup([], \"a\")", "ERROR 1:8 lookup(): lookup() requires a map as the "
	      "first argument, not a tuple" },
	    { "keys({b = 1, a = 2})", "[\"a\", \"b\"]" },
	    { "keys(tomap({b = 1}))", "list[\"b\"]" },
	    { "values({b = 1, a = 2})", "[2, 1]" },
	    { "values(unk)", "?" },
	    { "length([1, 2])", "2" },
	    { "length({a = 1})", "1" },
	    { "length(\"h\xc3\xa9llo\")", "5" },
	    { "length(\"a\\r\\nb\")", "3" },
	    { "length(\"e\xcc\x81\")", "?" },
	    { "length([unk, unk])", "2" },
	    { "length(toset([unk]))", "?" },
	    { "length(unk)", "?" },
	    { "length(5)", "ERROR 1:8 length(): argument must be a string, a "
	      "collection or a structural type, not a number" },
	    { "length(null)", "ERROR 1:8 length(): argument must not be null" },
	    { "element([\"a\", \"b\"], 3)", "\"b\"" },
	    { "element([\"a\", \"b\"], -1)", "\"b\"" },
	    { "element([], 0)", "ERROR 1:9 element(): cannot use element function "
	      "with an empty list" },
	    { "element([1], 0.5)", "ERROR 1:14 element(): argument 2 must be a whole "
	      "number" },
	    { "contains([\"a\", \"b\"], \"b\")", "true" },
	    { "contains([\"a\"], \"b\")", "false" },
	    { "contains([unk, \"a\"], \"a\")", "true" },
	    { "contains([unk], \"a\")", "?" },
	    { "contains(toset([\"a\"]), \"a\")", "true" },
	    { "distinct([1, 2, 1, 3, 2])", "list[1, 2, 3]" },
	    { "distinct([unk])", "?" },
	    { "flatten([[1, [2]], 3, []])", "[1, 2, 3]" },
	    { "flatten([[1], unk])", "?" },
	    { "compact([\"a\", \"\", null, \"b\"])", "list[\"a\", \"b\"]" },
	    { "compact([\"a\", unk])", "?" },
	    { "coalesce(null, \"\", \"x\")", "\"x\"" },
	    { "coalesce(1, \"a\")", "\"1\"" },
	    { "coalesce(null, 2)", "2" },
	    { "coalesce(unk, \"x\")", "?" },
	    { "coalesce(\"y\", unk)", "\"y\"" },
	    { "coalesce(null, \"\")", "ERROR 1:1 coalesce(): no non-null, "
	      "non-empty-string arguments" },
	    { "coalescelist([], [1])", "[1]" },
	    { "coalescelist([], unk)", "?" },
	    { "zipmap([\"a\", \"b\"], [1, 2])", "{\"a\" = 1, \"b\" = 2}" },
	    { "zipmap(tolist([\"a\"]), tolist([1]))", "map{\"a\" = 1}" },
	    { "zipmap([\"a\"], [1, 2])", "ERROR 1:15 zipmap(): number of keys (1) "
	      "does not match number of values (2)" },
	    { "range(3)", "list[0, 1, 2]" },
	    { "range(1, 4)", "list[1, 2, 3]" },
	    { "range(4, 1)", "list[4, 3, 2]" },
	    { "range(0, 1, 0.25)", "list[0, 0.25, 0.5, 0.75]" },
	    { "range(-3)", "list[0, -1, -2]" },
	    { "range(0)", "list[]" },
	    { "range(1, 2, 0)", "ERROR 1:13 range(): step must not be zero" },
	    { "range(1, 5, -1)", "ERROR 1:10 range(): end must be less than start "
	      "when step is negative" },
	    { "slice([1, 2, 3, 4], 1, 3)", "[2, 3]" },
	    { "slice([1, 2], 1, 1)", "[]" },
	    { "slice([1, 2], 0, 3)", "ERROR 1:18 slice(): end index must not be "
	      "greater than the length of the list" },
	    { "slice([1, 2], 2, 1)", "ERROR 1:15 slice(): start index must not be "
	      "greater than end index" },
	    { "reverse([1, 2, 3])", "[3, 2, 1]" },
	    { "reverse(toset([1]))", "ERROR 1:9 reverse(): can only reverse list "
	      "or tuple values, not set" },
	    { "sort([\"b\", \"a\", \"10\", \"9\"])", "list[\"10\", \"9\", \"a\", \"b\"]" },
	    { "sort([3, 1])", "list[\"1\", \"3\"]" },
	    { "sort([\"a\", unk])", "?" },
	    { "index([\"a\", \"b\"], \"b\")", "1" },
	    { "index([\"a\"], \"z\")", "ERROR 1:14 index(): item not found" },
	    { "index([unk, \"b\"], \"b\")", "?" },
	    { "one([])", "null" },
	    { "one([\"x\"])", "\"x\"" },
	    { "one([1, 2])", "ERROR 1:5 one(): must be a list, set, or tuple value "
	      "with either zero or one elements" },
	    { "alltrue([true, \"true\"])", "true" },
	    { "alltrue([])", "true" },
	    { "alltrue([true, false])", "false" },
	    { "alltrue([true, unk])", "?" },
	    { "anytrue([false, \"true\"])", "true" },
	    { "anytrue([])", "false" },
	    { "anytrue([unk, true])", "true" },
	    { "anytrue([unk, false])", "?" },
	    { "setunion([\"a\"], [\"b\", \"a\"])", "set[\"a\", \"b\"]" },
	    { "setunion(toset([1]), [2])", "set[1, 2]" },
	    /* Numbers. */
	    { "abs(-2.5)", "2.5" },
	    { "ceil(1.2)", "2" },
	    { "floor(-1.2)", "-2" },
	    { "min(3, 1, \"2\")", "1" },
	    { "max(3, 10)", "10" },
	    { "max([1, 5]...)", "5" },
	    { "min(unk, 1)", "?" },
	    { "max()", "ERROR 1:1 max() takes at least 1 argument, not 0" },
	    /* Strings. */
	    { "join(\",\", [\"a\", \"b\"])", "\"a,b\"" },
	    { "join(\"-\", [\"a\"], [\"b\", 1])", "\"a-b-1\"" },
	    { "join(\",\", [])", "\"\"" },
	    { "join(\",\", [unk])", "?" },
	    { "split(\",\", \"a,b,,c\")", "list[\"a\", \"b\", \"\", \"c\"]" },
	    { "split(\",\", \"\")", "list[\"\"]" },
	    { "split(\"\", \"ab\")", "list[\"a\", \"b\"]" },
	    { "lower(\"AbC\")", "\"abc\"" },
	    { "upper(\"abc-1\")", "\"ABC-1\"" },
	    { "upper(\"\xc3\xa9\")", "?" },
	    { "title(\"hello world-wide web_x\")", "\"Hello World-Wide Web_x\"" },
	    { "replace(\"a.b.c\", \".\", \"-\")", "\"a-b-c\"" },
	    { "replace(\"abc\", \"\", \"-\")", "\"-a-b-c-\"" },
	    { "replace(\"abc\", \"x\", \"-\")", "\"abc\"" },
	    { "replace(\"abc\", \"/b/\", \"-\")", "?" },
	    { "trimsuffix(\"www.example.com.\", \".\")", "\"www.example.com\"" },
	    { "trimprefix(\"www.example.com\", \"www.\")", "\"example.com\"" },
	    { "trimprefix(\"abc\", \"x\")", "\"abc\"" },
	    { "trimspace(\"  a b \\n\")", "\"a b\"" },
	    { "trim(\"?!hello?!\", \"!?\")", "\"hello\"" },
	    { "chomp(\"hello\\r\\n\\n\")", "\"hello\"" },
	    { "chomp(\"a\\nb\")", "\"a\\nb\"" },
	    { "substr(\"hello world\", 1, 4)", "\"ello\"" },
	    { "substr(\"hello\", -3, -1)", "\"llo\"" },
	    { "substr(\"hello\", 0, 0)", "\"\"" },
	    { "substr(\"hello\", 10, 2)", "\"\"" },
	    { "substr(\"h\xc3\xa9llo\", 1, 2)", "\"\xc3\xa9l\"" },
	    { "startswith(\"hello\", \"he\")", "true" },
	    { "endswith(\"hello\", \"he\")", "false" },
	    { "strrev(\"abc\")", "\"cba\"" },
	    { "strrev(\"a\xc3\xa9\")", "\"\xc3\xa9" "a\"" },
	    { "format(\"%s-%d\", \"a\", 1)", "\"a-1\"" },
	    { "format(\"%05.1f|%-4d|%q|%%\", 3.14159, 42, \"a\\\"b\")",
	      "\"003.1|42  |\\\"a\\\\\\\"b\\\"|%\"" },
	    { "format(\"%v %v %v %v\", 1.5, \"s\", true, [1, \"a\"])",
	      "\"1.5 s true [1,\\\"a\\\"]\"" },
	    { "format(\"%v|%v|%v\", 1000000, 123456, 0.00001)",
	      "\"1e+06|123456|1e-05\"" },
	    { "format(\"%3s|%-3s|%.2s\", \"a\", \"b\", \"xyz\")",
	      "\"  a|b  |xy\"" },
	    { "format(\"%x %X %o %b %+d % d\", 255, 255, 8, 5, 3, 3)",
	      "\"ff FF 10 101 +3  3\"" },
	    { "format(\"%[2]s %[1]s %s\", \"a\", \"b\")", "\"b a b\"" },
	    { "format(\"%t\", \"true\")", "\"true\"" },
	    { "format(\"%e\", 1234.5)", "\"1.234500e+03\"" },
	    { "format(\"%d\", 1.5)", "ERROR 1:14 format(): unsupported value for "
	      "\"%d\" at 0: an integer is required" },
	    { "format(\"%s %s\", \"a\")", "ERROR 1:8 format(): not enough arguments "
	      "for \"%s\" at 3: need index 2 but have 1 total" },
	    { "format(\"%s\", null)", "ERROR 1:8 format(): unsupported value for "
	      "\"%s\" at 0: null value cannot be formatted" },
	    { "format(\"%v\", null)", "\"null\"" },
	    { "format(\"%y\", 1)", "ERROR 1:8 format(): unsupported format verb 'y' "
	      "in \"%y\" at offset 0" },
	    { "format(\"%\", 1)", "ERROR 1:8 format(): invalid format string "
	      "starting at offset 0" },
	    { "format(\"%s\", unk)", "?" },
	    { "formatlist(\"%s=%d\", [\"a\", \"b\"], [1, 2])",
	      "list[\"a=1\", \"b=2\"]" },
	    { "formatlist(\"%s.%s\", [\"www\", \"api\"], \"example.com\")",
	      "list[\"www.example.com\", \"api.example.com\"]" },
	    { "formatlist(\"%s\", [\"a\"], [1, 2])", "ERROR 1:25 formatlist(): "
	      "argument 3 has length 2, which is inconsistent with the others of "
	      "length 1" },
	    { "jsonencode({b = [1, \"<\"], a = null, c = true})",
	      "\"{\\\"a\\\":null,\\\"b\\\":[1,\\\"\\\\u003c\\\"],\\\"c\\\":true}\"" },
	    { "jsonencode(\"a\\nb\")", "\"\\\"a\\\\nb\\\"\"" },
	    { "jsonencode([unk])", "?" },
	    /* try and can: lazily, errors caught, unknown stays unknown. */
	    { "try(null.x, \"d\")", "\"d\"" },
	    { "try(\"a\", fail.x)", "\"a\"" },
	    { "try(fail.x, fail.y)", "ERROR 1:1 try(): no expression succeeded" },
	    { "try(unk, \"d\")", "?" },
	    { "try([unk], \"d\")", "?" },
	    { "can(null.x)", "false" },
	    { "can(1)", "true" },
	    { "can(unk)", "?" },
	    { "can(fail.x)", "false" },
	    /* Expansion and arity. */
	    { "concat([[1], [2]]...)", "[1, 2]" },
	    { "max(unk...)", "?" },
	    { "max(1...)", "ERROR 1:5 max(): the argument expanded with '...' must "
	      "be a list or tuple, not a number" },
	    { "upper()", "ERROR 1:1 upper() takes 1 argument, not 0" },
	    { "lookup({})", "ERROR 1:1 lookup() takes 2 to 3 arguments, not 1" },
	    { "core::upper(\"a\")", "\"A\"" },
	    /* Not implemented: unknown, with why. */
	    { "file(\"x\")", "?" },
	    { "timestamp()", "?" },
	    { "provider::x::y(1)", "?" },
	);
	is_str(why("file(\"x\")"), "function 'file' is not implemented",
	    "why file() is unknown");
	is_str(why("templatefile(\"x\", {})"), "function 'templatefile' is not "
	    "implemented", "templatefile");
	is_str(why("upper(uuid())"), "function 'uuid' is not implemented",
	    "why spreads through functions");
	is_str(why("\"a${uuid()}\" == \"b\""), "function 'uuid' is not implemented",
	    "and through templates and operators");
	is_str(why("replace(\"a\", \"/a/\", \"b\")"), "replace() with a regular "
	    "expression is not implemented", "regex replace");
	is_str(why("upper(\"\xc3\xa9\")"), "case mapping of non-ASCII text is not "
	    "implemented", "non-ASCII upper");
}

/* ---- Syntax errors and resynchronisation -------------------------------- */

static void
test_errors(void)
{
	TABLE(eval_table, "expression error",
	    { "1 +", "1:4 expected an expression, found the end of the file" },
	    { "(1", "1:3 expected ')', found the end of the file" },
	    { "[1 2]", "1:4 expected ',' or ']' after a tuple element, found '2'" },
	    { "[\n1\n2\n]", "3:1 expected ',' or ']' after a tuple element, found '2'" },
	    { "{a 1}", "1:4 expected '=' or ':' after the key, found '1'" },
	    { "{a = 1 b = 2}", "1:8 expected a newline or ',' after an object "
	      "element, found 'b'" },
	    { "a ? b", "1:6 expected ':' in the conditional, found the end of the "
	      "file" },
	    { "a.", "1:3 expected an attribute name after '.', found the end of the "
	      "file" },
	    { "a.0.1", "1:3 legacy index '.0.1' cannot chain two indexes: write "
	      "[0][1]" },
	    { "a[1", "1:4 expected ']' after the index, found the end of the file" },
	    { "a[*", "1:4 expected ']' after '[*', found the end of the file" },
	    { "a.*.*", "1:5 a splat cannot be nested in an attribute-only splat "
	      "(.*): use [*]" },
	    { "f(1 2)", "1:5 expected ',' or ')' in the call to 'f', found '2'" },
	    { "f(a..., b)", "1:7 expected ')' after '...', found ','" },
	    { "a::b", "1:5 expected '(' after the function name, found the end of "
	      "the file" },
	    { "[for]", "1:5 expected a name after 'for', found ']'" },
	    { "[for x y]", "1:8 expected 'in' after the names of the for "
	      "expression, found 'y'" },
	    { "[for x in y]", "1:12 expected ':' after the collection of the for "
	      "expression, found ']'" },
	    { "[for x in y: x => x]", "1:16 a tuple for expression has no key: '=>' "
	      "is for {for ...}" },
	    { "{for x in y: x}", "1:14 an object for expression needs 'key => "
	      "value'" },
	    { "[for x in y: x...]", "1:15 the grouping '...' is only for object for "
	      "expressions" },
	    { "[for x in y: x z]", "1:16 expected ']' to close the for expression, "
	      "found 'z'" },
	    { "1.2.3", "1:1 invalid number '1.2.3'" },
	    { "1e999", "1:1 number '1e999' is out of range" },
	    { "\"abc", "1:1 unterminated string" },
	    { "\"a\\qb\"", "1:3 invalid escape '\\q' in a string" },
	    { "\"\\u12\"", "1:2 '\\u' must be followed by 4 hexadecimal digits" },
	    { "\"\\uD800\"", "1:2 '\\uD800' is not a character" },
	    { "\"${a b}\"", "1:6 expected '}' to close the interpolation, found 'b'" },
	    { "\"${a\"", "1:5 expected '}' to close the interpolation, found a "
	      "string" },
	    { "\"%{ bogus }\"", "1:5 expected 'if', 'else', 'endif', 'for' or "
	      "'endfor' after '%{', found 'bogus'" },
	    { "\"%{ if a }x\"", "1:2 '%{ if }' is never closed (missing "
	      "'%{ endif }')" },
	    { "\"%{ endif }\"", "1:2 unexpected '%{ endif }' with no '%{ if }' open" },
	    { "\"%{ for x in y }x%{ endif }\"", "1:18 expected '%{ endfor }' for the "
	      "'%{ for }' at line 1, found '%{ endif }'" },
	    { "\"%{ if a }%{ else }%{ else }%{ endif }\"", "1:20 a second "
	      "'%{ else }' for the '%{ if }' at line 1" },
	    { "\"%{ for x y }%{ endfor }\"", "1:11 expected 'in', found 'y'" },
	    { "a & b", "1:3 '&' is not an operator (did you mean '&&'?)" },
	    { "a | b", "1:3 '|' is not an operator (did you mean '||'?)" },
	    { "@", "1:1 unexpected character '@'" },
	    { "$x", "1:1 unexpected character '$'" },
	    { "${x}", "1:1 '${' is only for templates: put it in a string" },
	    { "\"\xff\"", "1:2 invalid UTF-8 in a string" },
	    { "a\x01", "1:2 unexpected byte 0x01" },
	    { "1 2", "1:3 expected the end of the expression, found '2'" },
	    { "/* x", "1:1 comment is never closed (missing '*/')" },
	);
	is_str(parse_errs("proxied true\n"), "1:9 expected '=' or a block after "
	    "'proxied'", "missing =");
	is_str(parse_errs("proxied\n"), "1:8 expected '=' or a block after "
	    "'proxied'", "name alone");
	is_str(parse_errs("a = 1 b = 2\n"), "1:7 expected a newline after the "
	    "value of 'a', found 'b'", "two attributes on a line");
	is_str(parse_errs("a = 1, b = 2\n"), "1:6 unexpected ',' after the value "
	    "of 'a': attributes are separated by newlines", "comma");
	is_str(parse_errs("\"a\" = 1\n"), "1:1 an attribute name must not be "
	    "quoted", "quoted name");
	is_str(parse_errs("= 1\n"), "1:1 expected an attribute or a block, found "
	    "'='", "no name");
	is_str(parse_errs("}\n"), "1:1 unexpected '}' with no block open",
	    "stray brace");
	is_str(parse_errs("a = 1\na = 2\n"), "2:1 attribute 'a' is already defined "
	    "at line 1", "duplicate attribute");
	is_str(parse_errs("resource \"a\" \"b\"\n{\n}\n"), "1:17 expected '{' on "
	    "the same line as block 'resource'", "brace on the next line");
	is_str(parse_errs("resource \"a\" = 1\n"), "1:14 expected a label or '{' "
	    "for block 'resource', found '='", "= after labels");
	is_str(parse_errs("resource \"a${x}\" {\n}\n"), "1:12 a block label cannot "
	    "hold '${' (write '$${' for the text)", "template label");
	is_str(parse_errs("a { b = 1, c = 2 }\n"), "1:10 a one-line block holds "
	    "one attribute: write the others on lines of their own", "one-line ,");
	is_str(parse_errs("a { b = 1\n}\n"), "1:10 a one-line block must end on "
	    "the same line: expected '}'", "one-line newline");
	is_str(parse_errs("a { b {} }\n"), "1:5 a one-line block holds one "
	    "attribute: write 'b = ...', or put a nested block on a line of its "
	    "own", "one-line nested block");
	is_str(parse_errs("a {\n} b = 1\n"), "2:3 expected a newline after the '}' "
	    "of block 'a', found 'b'", "junk after a block");
	is_str(parse_errs("resource \"a\" \"b\" {\n  x = 1\n"), "1:18 block "
	    "'resource' is never closed (missing '}')", "unclosed block");
	is_str(parse_errs("a = \"x\n"), "1:5 unterminated string",
	    "unterminated string at EOL");

	/* One typo does not hide the rest of the file. */
	{
		static const char s[] =
		    "resource \"cloudflare_record\" \"a\" {\n"	/* 1 */
		    "  proxied true\n"				/* 2 */
		    "  ttl = 1\n"					/* 3 */
		    "}\n"						/* 4 */
		    "resource \"cloudflare_record\" \"b\" {\n"	/* 5 */
		    "  content = [1, 2\n"				/* 6 */
		    "  ttl = 3\n"					/* 7 */
		    "}\n"						/* 8 */
		    "resource \"cloudflare_record\" \"c\" {\n"	/* 9 */
		    "  tags = {\n"				/* 10 */
		    "    a = \"b\"\n"				/* 11 */
		    "resource \"cloudflare_record\" \"d\" {\n"	/* 12 */
		    "  name = \"d\"\n"				/* 13 */
		    "}\n"						/* 14 */
		    "resource \"cloudflare_record\" \"e\" {\n"	/* 15 */
		    "  x = \"${a b}\"\n"				/* 16 */
		    "  y = 1\n"					/* 17 */
		    "}\n"						/* 18 */
		    "resource \"cloudflare_record\" \"f\" {\n"	/* 19 */
		    "  v = <<EOT\n"				/* 20 */
		    "no end\n"					/* 21 */
		    "resource \"cloudflare_record\" \"g\" {\n"	/* 22 */
		    "  w = 1\n"					/* 23 */
		    "}\n";					/* 24 */
		struct pl_hcl_file *f = pl_hcl_parse(s, sizeof(s) - 1);
		const char *labels[7] = { "a", "b", "c", "d", "e", "f", "g" };

		is_str(errs(f), "2:11 expected '=' or a block after 'proxied'; "
		    "7:3 expected ',' or ']' after a tuple element, found 'ttl'; "
		    "12:10 expected '=' or ':' after the key, found a string; "
		    "16:12 expected '}' to close the interpolation, found 'b'; "
		    "20:7 heredoc 'EOT' is never closed", "resync: every error");
		is_int(f->body.nblocks, 7, "resync: every block");
		for (size_t i = 0; i < 7 && i < f->body.nblocks; i++)
			is_str(f->body.blocks[i].labels[1].name, labels[i],
			    "resync: block %zu", i);
		if (f->body.nblocks == 7) {
			ok(pl_hcl_body_attr(&f->body.blocks[0].body, "ttl") != NULL,
			    "resync: the line after the typo is read");
			ok(pl_hcl_body_attr(&f->body.blocks[1].body, "ttl") != NULL,
			    "resync: an unfinished tuple stops at the next name");
			ok(pl_hcl_body_attr(&f->body.blocks[3].body, "name") != NULL,
			    "resync: a block in column 1 after an unclosed object");
			ok(pl_hcl_body_attr(&f->body.blocks[4].body, "y") != NULL,
			    "resync: after a broken interpolation");
			ok(pl_hcl_body_attr(&f->body.blocks[6].body, "w") != NULL,
			    "resync: after an unclosed heredoc");
		}
		pl_hcl_file_free(f);
	}
	/* A missing "}": the blocks after it are still top-level. */
	{
		static const char s[] =
		    "resource \"a\" \"b\" {\n"
		    "  x = 1\n"
		    "\n"
		    "resource \"c\" \"d\" {\n"
		    "  y = 2\n"
		    "}\n"
		    "resource \"e\" \"f\" {\n"
		    "}\n";
		struct pl_hcl_file *f = pl_hcl_parse(s, sizeof(s) - 1);

		is_str(errs(f), "1:18 block 'resource' is never closed (missing "
		    "'}')", "missing brace: one error");
		is_int(f->body.nblocks, 3, "missing brace: three blocks");
		if (f->body.nblocks == 3) {
			is_int(f->body.blocks[0].body.nattrs, 1, "first keeps x");
			is_int(f->body.blocks[0].body.nblocks, 0,
			    "first does not swallow the next");
			is_str(f->body.blocks[2].labels[0].name, "e", "third block");
		}
		pl_hcl_file_free(f);
	}
	/* Unindented but valid: column 1 inside a block is not an error. */
	{
		static const char s[] = "a {\nb = 1\nc {\nd = 2\n}\n}\n";
		struct pl_hcl_file *f = pl_hcl_parse(s, sizeof(s) - 1);

		is_str(errs(f), "", "unindented body");
		is_int(f->body.nblocks, 1, "one block");
		is_int(f->body.blocks[0].body.nblocks, 1, "nested block");
		pl_hcl_file_free(f);
	}
	/* Too many errors stop the parse. */
	{
		struct pl_buf b;
		struct pl_hcl_file *f;

		pl_buf_init(&b);
		for (int i = 0; i < 500; i++)
			pl_buf_adds(&b, "x y\n");
		f = pl_hcl_parse(b.buf, b.len);
		is_int(f->ndiags, PL_HCL_MAX_ERRORS + 1, "errors capped");
		is_str(f->diags[PL_HCL_MAX_ERRORS].msg, "more than 100 errors: "
		    "parsing stopped (PL_HCL_MAX_ERRORS)", "the cap's message");
		ok(f->diags[PL_HCL_MAX_ERRORS].kind == PL_HCL_DIAG_LIMIT,
		    "a limit");
		pl_hcl_file_free(f);
		pl_buf_release(&b);
	}
}

/* ---- Limits ------------------------------------------------------------- */

/* n copies of a, then mid, then n copies of b. */
static char *
nest(const char *a, const char *mid, const char *b, size_t n, size_t *len)
{
	size_t la = strlen(a), lm = strlen(mid), lb = strlen(b);
	char *s = pl_xmalloc(n * (la + lb) + lm + 1), *o = s;

	for (size_t i = 0; i < n; i++, o += la)
		memcpy(o, a, la);
	memcpy(o, mid, lm);
	o += lm;
	for (size_t i = 0; i < n; i++, o += lb)
		memcpy(o, b, lb);
	*o = '\0';
	*len = (size_t)(o - s);
	return s;
}

static void
deep(const char *what, const char *pre, const char *a, const char *mid,
    const char *b, const char *want)
{
	size_t len, plen = strlen(pre);
	char *body = nest(a, mid, b, 100000, &len);
	char *s = pl_xmalloc(plen + len + 2);
	struct pl_hcl_file *f;
	double t0 = now();

	memcpy(s, pre, plen);
	memcpy(s + plen, body, len);
	memcpy(s + plen + len, "\n", 2);
	f = pl_hcl_parse(s, plen + len + 1);
	is_str(f->ndiags > 0 ? f->diags[0].msg : "(no error)", want,
	    "100,000 deep %s: the named error", what);
	ok(f->ndiags > 0 && f->diags[0].kind == PL_HCL_DIAG_LIMIT,
	    "100,000 deep %s: a limit", what);
	ok(now() - t0 < 5, "100,000 deep %s: fast (%.3f s)", what, now() - t0);
	pl_hcl_file_free(f);
	free(body);
	free(s);
}

static int
res_none(void *ctx, struct pl_hcl_eval *e, const struct pl_hcl_expr *ref,
    const char *root, const struct pl_hcl_step *steps, size_t nsteps,
    size_t *used, struct pl_hcl_value *v)
{
	(void)ctx; (void)e; (void)ref; (void)root; (void)steps;
	pl_hcl_value_unknown(v, NULL);
	*used = nsteps;
	return 0;
}

static void
test_limits(void)
{
	static const char depth_msg[] = "nesting deeper than 256 levels "
	    "(PL_HCL_MAX_DEPTH)";
	double t0;

	deep("parentheses", "a = ", "(", "1", ")", depth_msg);
	deep("tuples", "a = ", "[", "1", "]", depth_msg);
	deep("objects", "a = ", "{a = ", "1", "}", depth_msg);
	deep("unary minus", "a = ", "-", "1", "", depth_msg);
	deep("negation", "a = ", "!", "true", "", depth_msg);
	deep("conditionals", "a = ", "x ? 1 : ", "2", "", depth_msg);
	deep("calls", "a = ", "f(", "1", ")", depth_msg);
	deep("blocks", "", "b {\n", "", "}\n", depth_msg);
	deep("templates", "a = ", "\"${", "1", "}\"", "templates nested deeper "
	    "than 256 levels (PL_HCL_MAX_DEPTH)");
	deep("splats", "a = x", "[*]", "", "", depth_msg);
	deep("indexes", "a = x", "[", "0", "]", depth_msg);

	/* Nesting within the limit is fine. */
	{
		size_t len;
		char *s = nest("[", "1", "]", 200, &len);
		struct pl_hcl_file *f = pl_hcl_parse_expr(s, len);
		struct pl_hcl_eval *e = pl_hcl_eval_new(NULL, NULL);
		struct pl_hcl_value v;

		is_str(errs(f), "", "200 deep tuples parse");
		is_int(pl_hcl_eval_expr(e, f->expr, &v), 0, "and evaluate");
		pl_hcl_eval_free(e);
		pl_hcl_file_free(f);
		free(s);
	}

	/* A 100 MB heredoc is refused at 16 MiB, and parsing goes on. */
	{
		size_t n = (size_t)100 << 20, hl = strlen("a = <<EOT\n");
		char *s = pl_xmalloc(n + 64), *p;
		struct pl_hcl_file *f;

		memcpy(s, "a = <<EOT\n", hl);
		p = s + hl;
		for (size_t i = 0; i < n / 64; i++, p += 64) {
			memset(p, 'x', 63);
			p[63] = '\n';
		}
		memcpy(p, "EOT\nb = 2\n", 10);
		t0 = now();
		f = pl_hcl_parse(s, (size_t)(p - s) + 10);
		is_str(errs(f), "1:5 heredoc 'EOT' longer than 16 MiB "
		    "(PL_HCL_MAX_HEREDOC)", "huge heredoc: the named error");
		ok(now() - t0 < 10, "huge heredoc: fast (%.3f s)", now() - t0);
		pl_hcl_file_free(f);
		/* The same body in a quoted string, on one line. */
		memcpy(s, "a = \"", 5);
		memset(s + 5, 'y', (size_t)20 << 20);
		memcpy(s + 5 + ((size_t)20 << 20), "\"\n", 2);
		t0 = now();
		f = pl_hcl_parse(s, 5 + ((size_t)20 << 20) + 2);
		is_str(errs(f), "1:5 string longer than 16 MiB (PL_HCL_MAX_TOKEN)",
		    "huge string: the named error");
		ok(now() - t0 < 10, "huge string: fast (%.3f s)", now() - t0);
		pl_hcl_file_free(f);
		free(s);
	}

	/* Exponential templates: locals doubling a string 64 times. */
	{
		struct pl_buf b;
		struct pl_hcl_file *d, *x;
		struct pl_hcl_eval *e;
		struct pl_hcl_value v;
		struct tctx t;

		pl_buf_init(&b);
		pl_buf_adds(&b, "locals {\n  s0 = \"ab\"\n");
		for (int i = 1; i <= 64; i++)
			pl_buf_addf(&b, "  s%d = \"${local.s%d}${local.s%d}\"\n", i,
			    i - 1, i - 1);
		pl_buf_adds(&b, "}\n");
		d = pl_hcl_parse(b.buf, b.len);
		x = pl_hcl_parse_expr("length(local.s64)", 17);
		memset(&t, 0, sizeof(t));
		t.f = d;
		e = pl_hcl_eval_new(resolve, &t);
		t0 = now();
		is_int(pl_hcl_eval_expr(e, x->expr, &v), -1, "doubling: fails");
		is_str(pl_hcl_eval_error(e)->msg, "string longer than 4 MiB "
		    "(PL_HCL_MAX_STRING)", "doubling: the named error");
		ok(pl_hcl_eval_error(e)->kind == PL_HCL_DIAG_LIMIT, "a limit");
		ok(now() - t0 < 5, "doubling: fast (%.3f s)", now() - t0);
		is_int(pl_hcl_eval_expr(e, x->expr, &v), -1,
		    "a limit fails the evaluator's later evaluations");
		pl_hcl_eval_free(e);

		/* Without a cache the same is exponential in time: the
		 * step budget ends it. */
		memset(&t, 0, sizeof(t));
		t.f = d;
		t.nocache = 1;
		e = pl_hcl_eval_new(resolve, &t);
		pl_hcl_eval_set_budget(e, 2000000);
		t0 = now();
		is_int(pl_hcl_eval_expr(e, x->expr, &v), -1, "no cache: fails");
		ok(strstr(pl_hcl_eval_error(e)->msg, "(PL_HCL_MAX_") != NULL,
		    "no cache: a named limit (%s)", pl_hcl_eval_error(e)->msg);
		ok(now() - t0 < 10, "no cache: bounded (%.3f s)", now() - t0);
		pl_hcl_eval_free(e);
		pl_hcl_file_free(x);
		pl_hcl_file_free(d);
		pl_buf_release(&b);
	}

	/* A million-element range and for. */
	t0 = now();
	is_str(ev("range(1000000)"), "ERROR 1:1 range(): more than 1024 values "
	    "were generated; either decrease the difference between start and "
	    "end or use a smaller step", "range of a million: Terraform's limit");
	is_str(ev("length([for x in flatten([for i in range(1000): range(1000)]): "
	    "x])"), "ERROR 1:18 a collection of more than 262144 elements "
	    "(PL_HCL_MAX_COLLECTION)", "a million elements: the named error");
	is_str(ev("length(flatten([for i in range(256): range(1000)]))"),
	    "256000", "a quarter million is fine");
	ok(now() - t0 < 10, "million elements: fast (%.3f s)", now() - t0);
	/* Big collections stay n log n: grouping, distinct. */
	t0 = now();
	is_str(ev("length({for i in flatten([for a in range(200): range(1000)]): "
	    "tostring(i % 7) => i...})"), "7", "grouping 200,000 elements");
	is_str(ev("length(distinct(flatten([for a in range(200): range(1000)])))"),
	    "1000", "distinct of 200,000 elements");
	ok(now() - t0 < 10, "big collections: fast (%.3f s)", now() - t0);
	/* Quadratic work ends at the budget (a tenth of it, for speed). */
	test_budget = PL_HCL_MAX_EVAL_STEPS / 10;
	t0 = now();
	is_str(ev_in("locals {\n  big = flatten([for a in range(250): "
	    "range(1000)])\n}\n", "length([for x in local.big: "
	    "contains(local.big, -1)])"), "ERROR 1:29 evaluation took more than "
	    "2000000 steps (PL_HCL_MAX_EVAL_STEPS)", "contains in a for: the "
	    "budget");
	is_str(ev_in("locals {\n  s = join(\"\", [for i in range(1000): "
	    "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
	    "xxxxxxxx\"])\n}\n", "length([for i in range(1000): [for j in "
	    "range(1000): length(local.s)]])"), "ERROR 1:54 evaluation took more "
	    "than 2000000 steps (PL_HCL_MAX_EVAL_STEPS)", "scanning a big string "
	    "a million times: the budget");
	ok(now() - t0 < 20, "quadratic work: bounded (%.3f s)", now() - t0);
	test_budget = 0;

	/* The step budget. */
	{
		const char *txt = "[for i in range(1000): [for j in range(1000): "
		    "i * j]]";
		struct pl_hcl_file *x = pl_hcl_parse_expr(txt, strlen(txt));
		struct pl_hcl_eval *e = pl_hcl_eval_new(res_none, NULL);
		struct pl_hcl_value v;

		pl_hcl_eval_set_budget(e, 100000);
		is_int(pl_hcl_eval_expr(e, x->expr, &v), -1, "budget: fails");
		is_str(pl_hcl_eval_error(e)->msg, "evaluation took more than "
		    "100000 steps (PL_HCL_MAX_EVAL_STEPS)", "budget: the named "
		    "error");
		ok(pl_hcl_eval_steps(e) > 100000, "steps counted");
		pl_hcl_eval_free(e);
		pl_hcl_file_free(x);
	}
	/* Nested evaluations through the resolver: a chain of locals. */
	{
		struct pl_buf b;
		struct pl_hcl_file *d, *x;
		struct pl_hcl_eval *e;
		struct pl_hcl_value v;
		struct tctx t;

		pl_buf_init(&b);
		pl_buf_adds(&b, "locals {\n  c0 = 1\n");
		for (int i = 1; i < 1000; i++)
			pl_buf_addf(&b, "  c%d = local.c%d + 1\n", i, i - 1);
		pl_buf_adds(&b, "}\n");
		d = pl_hcl_parse(b.buf, b.len);
		x = pl_hcl_parse_expr("local.c999", 10);
		memset(&t, 0, sizeof(t));
		t.f = d;
		e = pl_hcl_eval_new(resolve, &t);
		is_int(pl_hcl_eval_expr(e, x->expr, &v), -1, "a 1000-long chain fails");
		is_str(pl_hcl_eval_error(e)->msg, "evaluation nested deeper than "
		    "1024 levels (PL_HCL_MAX_EVAL_DEPTH)", "chain: the named error");
		pl_hcl_eval_free(e);
		pl_hcl_file_free(x);
		pl_hcl_file_free(d);
		pl_buf_release(&b);
	}
	/* A template longer than the limit, and format() widths. */
	is_str(ev("format(\"%999999999s\", \"x\")"), "ERROR 1:1 string longer than "
	    "4 MiB (PL_HCL_MAX_STRING)", "format width");
	is_str(ev("length(join(\",\", [for i in range(1000): join(\"\", [for j in "
	    "range(1000): \"xxxxxxxx\"])]))"), "ERROR 1:8 string longer than 4 MiB "
	    "(PL_HCL_MAX_STRING)", "join too long");
	/* Many nodes: the named error, not unbounded memory. */
	if (!RUNNING_ON_VALGRIND) {
		size_t n = PL_HCL_MAX_NODES + 16;
		char *s = pl_xmalloc(2 * n + 16), *p = s;
		struct pl_hcl_file *f;

		*p++ = '[';
		for (size_t i = 0; i < n; i++) {
			*p++ = '0';
			*p++ = ',';
		}
		*p++ = ']';
		t0 = now();
		f = pl_hcl_parse_expr(s, (size_t)(p - s));
		is_str(f->ndiags > 0 ? f->diags[0].msg : "", "more than 8388608 "
		    "expression nodes (PL_HCL_MAX_NODES)", "nodes: the named error");
		ok(now() - t0 < 30, "nodes: bounded (%.3f s)", now() - t0);
		pl_hcl_file_free(f);
		free(s);
	} else
		ok(1, "# SKIP the node limit under Valgrind");
}

/* ---- The JSON syntax ---------------------------------------------------- */

/* Terraform's block types and their labels. */
static int
tf_labels(void *ctx, const struct pl_hcl_block *parent, const char *name)
{
	(void)ctx;
	if (parent != NULL) {
		if (strcmp(parent->type, "resource") == 0 &&
		    strcmp(name, "lifecycle") == 0)
			return 0;
		return -1;
	}
	if (strcmp(name, "resource") == 0 || strcmp(name, "data") == 0)
		return 2;
	if (strcmp(name, "variable") == 0 || strcmp(name, "module") == 0 ||
	    strcmp(name, "output") == 0 || strcmp(name, "provider") == 0)
		return 1;
	if (strcmp(name, "locals") == 0 || strcmp(name, "terraform") == 0)
		return 0;
	return -1;
}

static const char *
json_errs(const char *text)
{
	struct pl_hcl_file *f = pl_hcl_parse_json(text, strlen(text), tf_labels,
	    NULL);

	errs(f);
	pl_hcl_file_free(f);
	return out;
}

static void
test_json(void)
{
	static const char src[] =
	    "{\n"
	    "  \"//\": \"proxylint: ignore[x] generated\",\n"
	    "  \"resource\": {\n"
	    "    \"cloudflare_record\": {\n"
	    "      \"www\": {\n"
	    "        \"zone_id\": \"${cloudflare_zone.example.id}\",\n"
	    "        \"name\": \"www\",\n"
	    "        \"proxied\": true,\n"
	    "        \"ttl\": 300,\n"
	    "        \"content\": \"${var.ip}-\\u00e9-${local.x}\",\n"
	    "        \"tags\": [\"a\", null],\n"
	    "        \"lifecycle\": { \"ignore_changes\": [\"ttl\"] },\n"
	    "        \"meta\": { \"k${1}\": 1, \"plain\": false }\n"
	    "      },\n"
	    "      \"api\": [ { \"name\": \"api\" }, { \"name\": \"api2\" } ]\n"
	    "    }\n"
	    "  },\n"
	    "  \"variable\": { \"ip\": { \"default\": \"192.0.2.1\" } },\n"
	    "  \"locals\": [ { \"x\": 1 }, { \"y\": 2 } ]\n"
	    "}\n";
	struct pl_hcl_file *f = pl_hcl_parse_json(src, sizeof(src) - 1,
	    tf_labels, NULL);
	const struct pl_hcl_block *b;
	const struct pl_hcl_attr *a;
	const char *caps[1];
	struct pl_buf buf;

	is_str(errs(f), "", "json: no errors");
	is_int(f->body.nblocks, 6, "json: resource x3, variable, locals x2");
	is_int(f->ncomments, 1, "json: the // comment");
	is_str(f->comments[0].text, "proxylint: ignore[x] generated",
	    "json: comment text");
	is_int(f->comments[0].range.line, 2, "json: comment line");
	b = &f->body.blocks[0];
	is_str(b->type, "resource", "json block type");
	is_int(b->nlabels, 2, "json labels");
	is_str(b->labels[0].name, "cloudflare_record", "json label 1");
	is_str(b->labels[1].name, "www", "json label 2");
	is_str(span(src, &b->labels[1].range), "\"www\"", "json label span");
	is_int(b->body.nattrs, 7, "json attributes");
	is_int(b->body.nblocks, 1, "json nested block (lifecycle)");
	a = pl_hcl_body_attr(&b->body, "proxied");
	is_str(span(src, &a->expr->range), "true", "json literal span");
	is_str(pos(&a->expr->range), "8:20-8:24 [196,200)", "json literal pos");
	is_str(pos(&a->name_range), "8:9-8:18 [185,194)", "json name pos");
	a = pl_hcl_body_attr(&b->body, "zone_id");
	ok(pl_hcl_expr_match(a->expr, "cloudflare_zone.*.id", caps, 1),
	    "json: a traversal in a string");
	is_str(caps[0], "example", "json: captured");
	{
		const struct pl_hcl_expr *t = pl_hcl_expr_traversal(a->expr);

		is_str(t != NULL ? span(src, &t->range) : "",
		    "cloudflare_zone.example.id", "json: traversal span in the text");
		is_str(t != NULL ? pos(&t->range) : "", "6:23-6:49 [124,150)",
		    "json: traversal position");
	}
	a = pl_hcl_body_attr(&b->body, "name");
	is_str(span(src, &a->expr->range), "\"www\"", "json string span");
	a = pl_hcl_body_attr(&b->body, "content");
	pl_buf_init(&buf);
	pl_hcl_expr_show(&buf, a->expr);
	is_str(buf.buf, "(tmpl var.ip \"-\xc3\xa9-\" local.x)", "json template");
	ok(a->expr->n == 3 && a->expr->u.tmpl.parts[2]->kind ==
	    PL_HCL_EXPR_TRAVERSAL, "json: third part");
	if (a->expr->n == 3)
		is_str(span(src, &a->expr->u.tmpl.parts[2]->range), "local.x",
		    "json: a span after an escape");
	pl_buf_reset(&buf);
	pl_hcl_expr_show(&buf, pl_hcl_body_attr(&b->body, "meta")->expr);
	is_str(buf.buf, "{((tmpl \"k\" 1)) = 1, (\"plain\") = false}",
	    "json object keys are templates");
	pl_buf_reset(&buf);
	pl_hcl_expr_show(&buf, pl_hcl_body_attr(&b->body, "tags")->expr);
	is_str(buf.buf, "[\"a\", null]", "json array");
	pl_buf_release(&buf);
	is_str(f->body.blocks[1].labels[1].name, "api", "json array of bodies 1");
	is_str(f->body.blocks[2].labels[1].name, "api", "json array of bodies 2");
	is_str(pl_hcl_body_attr(&f->body.blocks[2].body, "name")->expr->u.tmpl.str,
	    "api2", "json second body");
	is_str(f->body.blocks[3].type, "variable", "json variable");
	is_str(f->body.blocks[3].labels[0].name, "ip", "json variable label");
	is_str(f->body.blocks[4].type, "locals", "json locals 1");
	is_str(f->body.blocks[5].type, "locals", "json locals 2");
	/* Evaluation is the same as native. */
	{
		struct tctx t;
		struct pl_hcl_eval *e;
		struct pl_hcl_value v;

		memset(&t, 0, sizeof(t));
		t.f = f;
		e = pl_hcl_eval_new(resolve, &t);
		a = pl_hcl_body_attr(&b->body, "meta");
		is_int(pl_hcl_eval_expr(e, a->expr, &v), 0, "json eval");
		pl_buf_init(&buf);
		pl_hcl_value_show(&buf, &v);
		is_str(buf.buf, "{\"k1\" = 1, \"plain\" = false}", "json object value");
		pl_buf_reset(&buf);
		is_int(pl_hcl_eval_expr(e, pl_hcl_body_attr(&b->body,
		    "content")->expr, &v), 0, "json template eval");
		pl_hcl_value_show(&buf, &v);
		is_str(buf.buf, "\"192.0.2.1-\xc3\xa9-1\"", "json template value");
		pl_buf_release(&buf);
		pl_hcl_eval_free(e);
	}
	pl_hcl_file_free(f);

	is_str(json_errs("{\"a\": 1,\n  \"b\": x}"), "2:8 invalid token near 'x'",
	    "json syntax error with line and column");
	is_str(json_errs("{\"a\": 1, \"a\": 2}"), "1:12 duplicate object key near "
	    "'\"a\"'", "json duplicate key");
	is_str(json_errs("{\"resource\": {\"x\": 1}}"), "1:20 block 'resource' "
	    "needs 1 more label: expected an object", "json labels missing");
	is_str(json_errs("{\"locals\": 5}"), "1:12 the body of block 'locals' "
	    "must be an object", "json body not an object");
	is_str(json_errs("{\"a\": \"${x\"}"), "1:11 expected '}' to close the "
	    "interpolation, found the end of the file", "json template error");
	is_str(json_errs("[1]"), "1:2 the top level must be an object or an array "
	    "of objects", "json top level");
	is_str(json_errs("{\"a\": \"$${x}\"}"), "", "json escaped interpolation");
	{
		static const char s[] = "[{\"a\": 1}, {\"b\": \"\\\"${x}\\\"\"}]";
		struct pl_hcl_file *g = pl_hcl_parse_json(s, sizeof(s) - 1,
		    tf_labels, NULL);

		is_str(errs(g), "", "json top-level array");
		is_int(g->body.nattrs, 2, "json top-level array attributes");
		if (g->body.nattrs == 2) {
			const struct pl_hcl_expr *t = g->body.attrs[1].expr;

			ok(t->kind == PL_HCL_EXPR_TEMPLATE && t->n == 3,
			    "json: escaped quotes around an interpolation");
			if (t->n == 3)
				is_str(span(s, &t->u.tmpl.parts[1]->range), "x",
				    "json: span past escapes");
		}
		pl_hcl_file_free(g);
	}
	{
		/* Deep JSON: jansson's limit or ours, never a crash. */
		size_t len;
		char *body = nest("{\"a\":", "1", "}", 5000, &len);
		struct pl_hcl_file *g = pl_hcl_parse_json(body, len, tf_labels,
		    NULL);

		ok(g->ndiags > 0, "deep JSON: an error (%s)", g->ndiags ?
		    g->diags[0].msg : "none");
		pl_hcl_file_free(g);
		free(body);
		body = nest("{\"a\":", "1", "}", 300, &len);
		g = pl_hcl_parse_json(body, len, tf_labels, NULL);
		is_str(errs(g), "1:1286 nesting deeper than 256 levels "
		    "(PL_HCL_MAX_DEPTH)", "300 deep JSON: our limit");
		pl_hcl_file_free(g);
		free(body);
	}
}

/* ---- Inspection and standalone templates -------------------------------- */

static void
test_inspection(void)
{
	static const struct {
		const char	*expr;
		const char	*pattern;
		int		 want;
	} m[] = {
		{ "cloudflare_zone.example.id", "cloudflare_zone.*.id", 1 },
		{ "data.cloudflare_zone.z.id", "data.cloudflare_zone.*.id", 1 },
		{ "\"${cloudflare_zone.example.id}\"", "cloudflare_zone.*.id", 1 },
		{ "(var.zone_id)", "var.*", 1 },
		{ "var.zone_id.x", "var.*", 0 },
		{ "var", "var.*", 0 },
		{ "cloudflare_zone.example[0].id", "cloudflare_zone.*.id", 0 },
		{ "\"x${var.a}\"", "var.*", 0 },
		{ "f(x).id", "*.id", 0 },
		{ "local.a", "*.a", 1 },
	};

	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		struct pl_hcl_file *f = pl_hcl_parse_expr(m[i].expr,
		    strlen(m[i].expr));
		const char *caps[2] = { NULL, NULL };

		is_int(pl_hcl_expr_match(f->expr, m[i].pattern, caps, 2),
		    m[i].want, "match %s ~ %s", m[i].expr, m[i].pattern);
		pl_hcl_file_free(f);
	}
	{
		struct pl_hcl_file *f = pl_hcl_parse_expr("\"${a.b[0]}\"", 11);
		const struct pl_hcl_expr *t = pl_hcl_expr_traversal(f->expr);

		ok(t != NULL && strcmp(t->u.trav.root, "a") == 0 && t->n == 2,
		    "traversal through a template");
		ok(t != NULL && t->u.trav.steps[1].kind == PL_HCL_STEP_INDEX &&
		    t->u.trav.steps[1].key->u.lit.num == 0, "its index step");
		pl_hcl_file_free(f);
		f = pl_hcl_parse_expr("[1][0]", 6);
		ok(pl_hcl_expr_traversal(f->expr) == NULL,
		    "a relative traversal is no variable");
		pl_hcl_file_free(f);
	}
	/* Standalone templates: no quotes, no escapes, ${ and %{. */
	{
		static const char t[] = "Hello, ${name}!\n%{ if x }\"q\"%{ endif }$${no}";
		struct pl_hcl_file *f = pl_hcl_parse_template(t, sizeof(t) - 1);
		struct pl_buf b;

		is_str(errs(f), "", "standalone template");
		pl_buf_init(&b);
		pl_hcl_expr_show(&b, f->expr);
		is_str(b.buf, "(tmpl \"Hello, \" name \"!\\n\" (%if x \"\\\"q\\\"\") "
		    "\"${no}\")", "standalone template tree");
		pl_buf_release(&b);
		pl_hcl_file_free(f);
		f = pl_hcl_parse_template("${1 + 1}", 8);
		ok(f->expr != NULL && f->expr->kind == PL_HCL_EXPR_WRAP,
		    "a standalone interpolation unwraps");
		pl_hcl_file_free(f);
		f = pl_hcl_parse_template("", 0);
		ok(f->expr != NULL && f->expr->kind == PL_HCL_EXPR_TEMPLATE &&
		    f->expr->u.tmpl.len == 0, "an empty template");
		pl_hcl_file_free(f);
	}
	/* An error inside a template leaves no half item behind (fuzz). */
	{
		static const char s[] = "locals {\n  p = <<-EOT\n  %{ if true }\n"
		    "  EOT\n  q = 1\n}\n";
		struct pl_hcl_file *f = pl_hcl_parse(s, sizeof(s) - 1);

		is_str(errs(f), "3:3 '%{ if }' is never closed (missing "
		    "'%{ endif }')", "error in a heredoc's directives");
		is_int(f->body.blocks[0].body.nblocks, 0, "no block from nowhere");
		ok(pl_hcl_body_attr(&f->body.blocks[0].body, "q") != NULL,
		    "the next attribute is read");
		pl_hcl_file_free(f);
	}
	/* A name longer than a token may be. */
	{
		size_t n = PL_HCL_MAX_TOKEN + 2;
		char *s = pl_xmalloc(n + 8);
		struct pl_hcl_file *f;

		memset(s, 'a', n);
		memcpy(s + n, " = 1\n", 6);
		f = pl_hcl_parse(s, n + 5);
		is_str(errs(f), "1:1 name longer than 16 MiB (PL_HCL_MAX_TOKEN)",
		    "a huge name: the named error");
		pl_hcl_file_free(f);
		free(s);
	}
}

/* ---- Performance: 100,000 records ---------------------------------------- */

static void
test_speed(void)
{
	struct pl_buf b;
	struct pl_hcl_file *f;
	struct pl_hcl_eval *e;
	double t0, t1;
	size_t n = RUNNING_ON_VALGRIND ? 2000 : 100000, nvals = 0;
	int bad = 0;

	pl_buf_init(&b);
	pl_buf_adds(&b, "resource \"cloudflare_zone\" \"example\" {\n"
	    "  zone = \"example.com\"\n}\n");
	for (size_t i = 0; i < n; i++)
		pl_buf_addf(&b, "resource \"cloudflare_record\" \"r%zu\" {\n"
		    "  zone_id = cloudflare_zone.example.id\n"
		    "  name    = \"host%zu\"\n"
		    "  type    = \"A\"\n"
		    "  content = \"192.0.2.%zu\"\n"
		    "  proxied = %s\n"
		    "  ttl     = 1\n"
		    "}\n", i, i, i % 250, i % 2 ? "true" : "false");
	t0 = now();
	f = pl_hcl_parse(b.buf, b.len);
	t1 = now();
	e = pl_hcl_eval_new(res_none, NULL);
	for (size_t i = 0; i < f->body.nblocks; i++) {
		const struct pl_hcl_body *body = &f->body.blocks[i].body;

		for (size_t j = 0; j < body->nattrs; j++) {
			struct pl_hcl_value v;

			if (pl_hcl_eval_expr(e, body->attrs[j].expr, &v) != 0)
				bad++;
			nvals++;
		}
	}
	is_int(f->ndiags, 0, "%zu records: no errors", n);
	is_int(f->body.nblocks, n + 1, "%zu records: every block", n);
	is_int(bad, 0, "every attribute evaluates");
	printf("# %zu records, %.1f MB: parse %.3f s, eval %.3f s (%.2f us per "
	    "record), %zu nodes, arena %.1f MB\n", n, b.len / 1e6, t1 - t0,
	    now() - t1, (now() - t0) / (double)n * 1e6, f->nnodes,
	    f->arena.total / 1e6);
	(void)nvals;
	pl_hcl_eval_free(e);
	pl_hcl_file_free(f);
	pl_buf_release(&b);
}

int
main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_structure();
	test_expressions();
	test_templates();
	test_heredocs();
	test_operators();
	test_collections();
	test_for();
	test_references();
	test_functions();
	test_errors();
	test_limits();
	test_json();
	test_inspection();
	test_speed();
	return tap_done();
}
