/* hcl.h -- HCL2: native and JSON syntax, values, and an evaluator */
/* SPDX-License-Identifier: MIT */
/*
 * Included by the Terraform reader, by src/hcl.c and src/hcl_*.c (which
 * implement it: hcl.c the values and the tree helpers, hcl_lex.c the
 * tokens, hcl_parse.c the native syntax, hcl_json.c the JSON syntax,
 * hcl_eval.c the evaluator, hcl_func.c the functions),
 * tests/unit/test_hcl.c and tests/fuzz/fuzz_hcl.c.  It owns the syntax tree, the value model and the
 * limits below.
 *
 * The model, from hashicorp/hcl hclsyntax/spec.md and json/spec.md:
 *
 *   file       what one parse returns: the top-level body, every comment,
 *              every syntax error, and the arena that holds them all.
 *   body       attributes and blocks, each list in source order.
 *   attribute  NAME = expression.
 *   block      TYPE LABEL... { body }.
 *   expression a tree of struct pl_hcl_expr, kept as written: it is only
 *              evaluated when the caller asks (pl_hcl_eval_expr).
 *   value      what an evaluation gives: null, bool, number, string,
 *              tuple, list, set, object, map, or unknown (a value that is
 *              not known before apply).  A value that is exactly a literal
 *              of the source, or that was passed through unchanged (a
 *              reference, an index, merge(), lookup()...), points to that
 *              literal's node: its origin.
 *   resolver   the caller's callback that gives the value of a reference
 *              (var.NAME, local.NAME, each.value, cloudflare_zone.X.id...):
 *              the evaluator knows no variables but the temporaries of the
 *              for expressions and template directives it runs.
 *
 * Ownership: everything a parse returns (nodes, names, strings, comments,
 * error messages) lives in the file's arena and is freed at once by
 * pl_hcl_file_free().  The text parsed is only read during the parse; the
 * positions refer to it.  Values live in the evaluator's arena until
 * pl_hcl_eval_free(); their origins point into the file, so a file must
 * outlive the values evaluated from it.
 *
 * Errors: the library never prints.  Syntax errors are a list in the file
 * (line, column, message); parsing goes on after each one at the next
 * attribute or block (a newline outside the braces the item opened, a
 * name that starts a line, or a name in column 1, which is taken for a
 * top-level block: a missing "}" or "]" does not swallow the rest of the
 * file), so the valid blocks of a file with typos are still there.  A
 * limit (kind PL_HCL_DIAG_LIMIT) stops the parse where it is.  An
 * evaluation error ends that evaluation: pl_hcl_eval_expr() returns -1
 * and pl_hcl_eval_error() tells where and why.
 *
 * Threads: a file is read-only once parsed and may be shared; an
 * evaluator is for one thread at a time.
 */
#ifndef PROXYLINT_HCL_H
#define PROXYLINT_HCL_H

#include <stddef.h>
#include <stdint.h>

#include "proxylint/util.h"

/*
 * Limits.  Each one gives an error that names it, never a crash, a hang
 * or unbounded memory.
 */
/* A file's size: byte offsets are 32-bit. */
#define PL_HCL_MAX_FILE		((size_t)1 << 30)
/* Nesting of blocks, brackets, templates and operators, in the parser and
 * in values (the parser and the evaluator recurse on it). */
#define PL_HCL_MAX_DEPTH	256
/* One identifier, number or quoted string, in bytes (a longer comment
 * is no error: its text is cut there). */
#define PL_HCL_MAX_TOKEN	((size_t)16 << 20)
/* The body of one heredoc, in bytes. */
#define PL_HCL_MAX_HEREDOC	((size_t)16 << 20)
/* Expression nodes of one file: about 80 bytes each. */
#define PL_HCL_MAX_NODES	((size_t)8 << 20)
/* Syntax errors kept for one file; parsing stops at the next one. */
#define PL_HCL_MAX_ERRORS	100
/* Evaluation: steps (one per node evaluated, one per element a function
 * or a for expression visits) for the life of an evaluator. */
#define PL_HCL_MAX_EVAL_STEPS	20000000
/* Evaluation: nested evaluations, counting those a resolver starts for
 * the value of a local. */
#define PL_HCL_MAX_EVAL_DEPTH	1024
/* Evaluation: the longest string a template or a function may produce. */
#define PL_HCL_MAX_STRING	((size_t)4 << 20)
/* Evaluation: the most elements of one tuple, list, set, object or map. */
#define PL_HCL_MAX_COLLECTION	262144
/* Evaluation: bytes of values an evaluator may allocate in its life. */
#define PL_HCL_MAX_EVAL_BYTES	((size_t)256 << 20)

/*
 * A span of the source.  start and end are byte offsets, end exclusive;
 * line and col are 1-based and count characters (a tab is one column);
 * end_line and end_col are the position just after the last character.
 */
struct pl_hcl_range {
	uint32_t	start;
	uint32_t	end;
	uint32_t	line;
	uint32_t	col;
	uint32_t	end_line;
	uint32_t	end_col;
};

enum pl_hcl_diag_kind {
	PL_HCL_DIAG_SYNTAX = 1,		/* the text is not valid HCL or JSON */
	PL_HCL_DIAG_LIMIT,		/* a PL_HCL_MAX_* limit was reached */
	PL_HCL_DIAG_EVAL,		/* an expression cannot be evaluated */
};

struct pl_hcl_diag {
	struct pl_hcl_range	 range;	/* where; line and col say it */
	enum pl_hcl_diag_kind	 kind;
	const char		*msg;	/* lowercase, no final period */
};

enum pl_hcl_comment_style {
	PL_HCL_COMMENT_HASH = 1,	/* # ... */
	PL_HCL_COMMENT_SLASH,		/* // ... */
	PL_HCL_COMMENT_BLOCK,		/* / * ... * / */
	PL_HCL_COMMENT_JSON,		/* a "//" property of a JSON body */
};

struct pl_hcl_comment {
	struct pl_hcl_range	 range;	/* the whole comment with its markers */
	const char		*text;	/* without the markers; NUL-terminated */
	uint32_t		 len;	/* of text */
	enum pl_hcl_comment_style style;
};

/* ---- The syntax tree ---------------------------------------------------- */

enum pl_hcl_expr_kind {
	PL_HCL_EXPR_LITERAL = 1, /* number, true, false, null: u.lit */
	PL_HCL_EXPR_TEMPLATE,	/* "..." or heredoc: u.tmpl */
	PL_HCL_EXPR_WRAP,	/* a template that is one "${x}": u.wrap */
	PL_HCL_EXPR_TRAVERSAL,	/* a.b[0].c, f(x).y: u.trav */
	PL_HCL_EXPR_ANON,	/* the element a splat visits */
	PL_HCL_EXPR_SPLAT,	/* a[*].b, a.*.b: u.splat */
	PL_HCL_EXPR_TUPLE,	/* [a, b]: u.list */
	PL_HCL_EXPR_OBJECT,	/* {k = v, ...}: u.obj */
	PL_HCL_EXPR_CALL,	/* f(a, b...): u.call */
	PL_HCL_EXPR_FOR,	/* [for ...] and {for ...}: u.forx */
	PL_HCL_EXPR_UNARY,	/* -a, !a: u.op */
	PL_HCL_EXPR_BINARY,	/* a + b ...: u.op */
	PL_HCL_EXPR_COND,	/* a ? b : c: u.cond */
	PL_HCL_EXPR_PAREN,	/* (a): u.wrap */
	PL_HCL_EXPR_TMPL_IF,	/* %{ if }: u.cond (then, else templates) */
	PL_HCL_EXPR_TMPL_FOR,	/* %{ for }: u.forx (val is the template) */
};

enum pl_hcl_op {
	PL_HCL_OP_NONE = 0,
	PL_HCL_OP_NEG, PL_HCL_OP_NOT,			/* unary */
	PL_HCL_OP_OR, PL_HCL_OP_AND,			/* precedence 1, 2 */
	PL_HCL_OP_EQ, PL_HCL_OP_NE,			/* 3 */
	PL_HCL_OP_LT, PL_HCL_OP_LE, PL_HCL_OP_GT, PL_HCL_OP_GE, /* 4 */
	PL_HCL_OP_ADD, PL_HCL_OP_SUB,			/* 5 */
	PL_HCL_OP_MUL, PL_HCL_OP_DIV, PL_HCL_OP_MOD,	/* 6 */
};

enum pl_hcl_lit {
	PL_HCL_LIT_NULL = 1,
	PL_HCL_LIT_BOOL,
	PL_HCL_LIT_NUMBER,
	PL_HCL_LIT_STRING,	/* only as a part of a template */
};

enum pl_hcl_step_kind {
	PL_HCL_STEP_ATTR = 1,	/* .name */
	PL_HCL_STEP_INDEX,	/* [key], or the legacy .0 */
};

/* One step of a traversal. */
struct pl_hcl_step {
	enum pl_hcl_step_kind	 kind;
	int			 legacy;	/* INDEX written .N */
	struct pl_hcl_range	 range;		/* the dot or brackets too */
	const char		*name;		/* ATTR: the name */
	const struct pl_hcl_expr *key;		/* INDEX: the key */
};

struct pl_hcl_expr;

/* An element of an object constructor. */
struct pl_hcl_item {
	const struct pl_hcl_expr *key;
	const struct pl_hcl_expr *value;
	/*
	 * A key written as a bare name ({name = 1}, or true, false, null) is
	 * that name, not a reference; name holds it, and key is the
	 * traversal or literal as parsed (for its span).  NULL otherwise.
	 */
	const char		*name;
};

/* The parts of for expressions and template for directives. */
struct pl_hcl_for {
	const char		*key_var;	/* NULL when only one name */
	const char		*val_var;
	const struct pl_hcl_expr *coll;
	const struct pl_hcl_expr *key;		/* {for}: the key; else NULL */
	const struct pl_hcl_expr *val;		/* TMPL_FOR: the template */
	const struct pl_hcl_expr *cond;		/* if ...; or NULL */
	int			 group;		/* {for ...: k => v...} */
};

struct pl_hcl_expr {
	enum pl_hcl_expr_kind	 kind;
	uint32_t		 n;	/* parts, steps, items or args */
	struct pl_hcl_range	 range;	/* a template's with its quotes */
	union {
		struct {
			enum pl_hcl_lit	 type;
			uint32_t	 len;	/* STRING: bytes */
			union {
				int		 b;	/* BOOL */
				double		 num;	/* NUMBER */
				const char	*str;	/* STRING, with a NUL */
			};
		} lit;
		struct {
			/*
			 * n parts: LITERAL strings, interpolated expressions,
			 * TMPL_IF and TMPL_FOR.  A template with no part but
			 * text has n == 0 and str set: "true" is a TEMPLATE
			 * whose str is "true" and whose range has the quotes.
			 */
			const struct pl_hcl_expr *const *parts;
			const char	*str;	/* n == 0: the text */
			uint32_t	 len;
			int		 heredoc;	/* <<EOT; 2 for <<-EOT */
		} tmpl;
		struct {
			const struct pl_hcl_expr *expr;
		} wrap;
		struct {
			/*
			 * root.step.step...: root is the variable name (it
			 * starts the range), or NULL and source is what the
			 * steps apply to.
			 */
			const char		 *root;
			const struct pl_hcl_expr *source;
			const struct pl_hcl_step *steps;	/* n */
		} trav;
		struct {
			const struct pl_hcl_expr *source;
			const struct pl_hcl_expr *each;	/* over an ANON */
			int			  full;	/* [*], not .* */
		} splat;
		struct {
			const struct pl_hcl_expr *const *items;	/* n */
		} list;
		struct {
			const struct pl_hcl_item *items;	/* n */
		} obj;
		struct {
			/* "a::b::f" kept whole; it starts the range */
			const char		 *name;
			const struct pl_hcl_expr *const *args;	/* n */
			int			  expand;	/* f(x...) */
		} call;
		const struct pl_hcl_for *forx;
		struct {
			enum pl_hcl_op		  op;
			const struct pl_hcl_expr *lhs;	/* UNARY: the operand */
			const struct pl_hcl_expr *rhs;	/* UNARY: NULL */
		} op;
		struct {
			const struct pl_hcl_expr *pred;
			const struct pl_hcl_expr *then;
			const struct pl_hcl_expr *otherwise; /* TMPL_IF: or NULL */
		} cond;
	} u;
};

struct pl_hcl_attr {
	const char		*name;
	struct pl_hcl_range	 name_range;
	const struct pl_hcl_expr *expr;
	struct pl_hcl_range	 range;		/* name to the end of the value */
};

struct pl_hcl_label {
	const char		*name;		/* NUL-terminated */
	uint32_t		 len;		/* bytes: a label may hold \u0000 */
	int			 quoted;	/* "name", not name */
	struct pl_hcl_range	 range;		/* with the quotes */
};

struct pl_hcl_block;

struct pl_hcl_body {
	const struct pl_hcl_attr  *attrs;	/* nattrs, in source order */
	size_t			   nattrs;
	const struct pl_hcl_block *blocks;	/* nblocks, in source order */
	size_t			   nblocks;
	struct pl_hcl_range	   range;	/* braces included, if any */
};

struct pl_hcl_block {
	const char		*type;
	struct pl_hcl_range	 type_range;
	const struct pl_hcl_label *labels;	/* nlabels */
	size_t			 nlabels;
	struct pl_hcl_body	 body;
	struct pl_hcl_range	 range;		/* type to closing brace */
};

struct pl_hcl_file {
	struct pl_arena		 arena;		/* holds everything below */
	struct pl_hcl_body	 body;		/* pl_hcl_parse, _parse_json */
	const struct pl_hcl_expr *expr;		/* _parse_expr, _parse_template */
	const struct pl_hcl_comment *comments;	/* ncomments, in source order */
	size_t			 ncomments;
	const struct pl_hcl_diag *diags;	/* ndiags, in source order */
	size_t			 ndiags;
	size_t			 nnodes;	/* expression nodes */
};

/*
 * Parses a file in the native syntax.  Returns a new file (never NULL: a
 * file with errors has its diags and whatever blocks could be read); free
 * it with pl_hcl_file_free().  A UTF-8 byte order mark is skipped.
 */
struct pl_hcl_file *pl_hcl_parse(const char *text, size_t len);
/* Parses one expression (the file's expr), or one template as in a
 * standalone template file: "${" and "%{" only, no quotes. */
struct pl_hcl_file *pl_hcl_parse_expr(const char *text, size_t len);
struct pl_hcl_file *pl_hcl_parse_template(const char *text, size_t len);

/*
 * How many labels blocks of type name have where parent is (NULL at the
 * top of the file), or -1 when a property of that name is an attribute:
 * JSON cannot tell them apart, the application's schema does (Terraform:
 * resource and data 2; variable, module, output and provider 1; locals
 * and terraform 0; everything inside a resource an attribute).
 */
typedef int (*pl_hcl_json_labels_fn)(void *ctx,
    const struct pl_hcl_block *parent, const char *name);

/*
 * Parses a file in the JSON syntax (json/spec.md) into the same model:
 * strings are templates, numbers, bools and null literals, arrays tuples,
 * objects object constructors; a block's labels are the keys of nested
 * objects, and a block may be an array of objects.  A property "//" of a
 * body is a comment.  Duplicate keys are a syntax error (jansson's
 * JSON_REJECT_DUPLICATES), unlike HashiCorp's reader, which keeps both.
 * Every value has its span, from a scan of the text in step with jansson.
 */
struct pl_hcl_file *pl_hcl_parse_json(const char *text, size_t len,
    pl_hcl_json_labels_fn labels, void *ctx);

void	 pl_hcl_file_free(struct pl_hcl_file *);

/* The attribute called name of body, or NULL. */
const struct pl_hcl_attr *pl_hcl_body_attr(const struct pl_hcl_body *,
    const char *name);

/*
 * Syntactic inspection, without evaluating.  Both look through
 * parentheses and a template that is one interpolation ("${x}").
 *
 * pl_hcl_expr_traversal() returns the traversal e is, when it starts at a
 * variable (not at a call or a literal), or NULL; the root is t->u.trav.root
 * and the steps t->u.trav.steps.
 *
 * pl_hcl_expr_match() says whether e is exactly the traversal pattern, a
 * dot-separated list of names where "*" stands for any one attribute name:
 * "cloudflare_zone.*.id", "data.cloudflare_zone.*.id", "var.*".  The names
 * that the first ncaps stars matched are put in caps (borrowed from the
 * file).  Returns 1 or 0.
 */
const struct pl_hcl_expr *pl_hcl_expr_traversal(const struct pl_hcl_expr *e);
int	 pl_hcl_expr_match(const struct pl_hcl_expr *e, const char *pattern,
	    const char **caps, size_t ncaps);
/* Appends a compact rendering of e to b: (a + b), var.x[0], (tmpl "a" x),
 * ${x} for a one-interpolation template... (for tests and debugging). */
void	 pl_hcl_expr_show(struct pl_buf *b, const struct pl_hcl_expr *e);
/* "literal", "template", ...: for messages. */
const char *pl_hcl_expr_kind_name(enum pl_hcl_expr_kind);

/* ---- Values ------------------------------------------------------------- */

enum pl_hcl_type {
	PL_HCL_NULL = 1,
	PL_HCL_BOOL,
	PL_HCL_NUMBER,
	PL_HCL_STRING,
	PL_HCL_TUPLE,
	PL_HCL_LIST,
	PL_HCL_SET,
	PL_HCL_OBJECT,
	PL_HCL_MAP,
	PL_HCL_UNKNOWN,		/* known only after apply */
};

/*
 * A value, passed by copy (24 bytes); what it points to lives in the
 * evaluator's arena (or the file's, for the text of literals).
 *
 * Strings are n bytes, NUL-terminated (they may hold NULs).  A tuple,
 * list or set has n elements at u.items.  An object or map has n pairs:
 * u.items[2 * i] is the key (a string) and u.items[2 * i + 1] the value,
 * sorted by key bytes, which is the order Terraform iterates them in.  A
 * set is ordered too: strings lexically, numbers by value, the unknown
 * elements last.  A collection may be known in shape and hold unknown
 * elements.  An unknown value says why it is unknown (u.why).
 */
struct pl_hcl_value {
	enum pl_hcl_type	 type;
	uint32_t		 n;
	const struct pl_hcl_expr *origin;	/* or NULL: computed */
	union {
		int			 b;
		double			 num;
		const char		*str;
		struct pl_hcl_value	*items;
		const char		*why;
	} u;
};

/* "null", "bool", "number", "string", "tuple", ..., "unknown". */
const char *pl_hcl_type_name(enum pl_hcl_type);

/* Element i of a tuple, list or set; value i of an object or map. */
static inline const struct pl_hcl_value *
pl_hcl_value_elem(const struct pl_hcl_value *v, size_t i)
{
	return (v->type == PL_HCL_OBJECT || v->type == PL_HCL_MAP) ?
	    &v->u.items[2 * i + 1] : &v->u.items[i];
}

/* Key i of an object or map (a string value with its origin). */
static inline const struct pl_hcl_value *
pl_hcl_value_key(const struct pl_hcl_value *v, size_t i)
{
	return &v->u.items[2 * i];
}

/* The value at key of an object or map, or NULL. */
const struct pl_hcl_value *pl_hcl_value_get(const struct pl_hcl_value *,
    const char *key);
/* Is v known, and every element in it, at any depth? */
int	 pl_hcl_value_wholly_known(const struct pl_hcl_value *);

/*
 * Formats a number as Terraform does: integers without a decimal point,
 * others in the shortest decimal that reads back the same, never with an
 * exponent ("0.000001", "100000000000000000000").  buf must hold
 * PL_HCL_NUMBUF bytes; returns the length.
 */
#define PL_HCL_NUMBUF	352
size_t	 pl_hcl_number_format(double, char *buf);

/* Appends a readable rendering of v to b (HCL-like; for tests, messages). */
void	 pl_hcl_value_show(struct pl_buf *b, const struct pl_hcl_value *v);

/* ---- Evaluation --------------------------------------------------------- */

struct pl_hcl_eval;

/*
 * Resolves a reference.  root is the variable name (var, local, each,
 * count, cloudflare_zone, data...), steps the steps written after it up
 * to the first one whose key is not a literal: nsteps may be 0, and a
 * step is an ATTR (name) or an INDEX with a literal key (key->kind is
 * LITERAL or TEMPLATE with n == 0).  ref is the whole traversal, for
 * errors.  The resolver sets *out and *used, the number of steps it
 * consumed; the evaluator applies the remaining steps (and any later
 * ones) to *out.  It may evaluate other expressions with the same
 * evaluator (a local's value): those see no for temporaries.  For a
 * reference it cannot know, it sets *out unknown (pl_hcl_value_unknown)
 * and consumes everything.  Returns 0, or -1 after pl_hcl_eval_fail()
 * (or after a nested pl_hcl_eval_expr() failed).
 */
typedef int (*pl_hcl_resolve_fn)(void *ctx, struct pl_hcl_eval *ev,
    const struct pl_hcl_expr *ref, const char *root,
    const struct pl_hcl_step *steps, size_t nsteps, size_t *used,
    struct pl_hcl_value *out);

/*
 * A new evaluator; resolve may be NULL (every reference is then unknown).
 * Free with pl_hcl_eval_free(), which frees every value it produced.
 */
struct pl_hcl_eval *pl_hcl_eval_new(pl_hcl_resolve_fn resolve, void *ctx);
void	 pl_hcl_eval_free(struct pl_hcl_eval *);
/* Lowers the step budget (tests); 0 keeps PL_HCL_MAX_EVAL_STEPS. */
void	 pl_hcl_eval_set_budget(struct pl_hcl_eval *, size_t steps);

/*
 * Evaluates e into *out.  Returns 0, or -1 with the error in
 * pl_hcl_eval_error().  A limit (kind PL_HCL_DIAG_LIMIT) also fails every
 * later evaluation of the same evaluator, and try() and can() do not
 * catch it.
 */
int	 pl_hcl_eval_expr(struct pl_hcl_eval *, const struct pl_hcl_expr *e,
	    struct pl_hcl_value *out);
/* The last error; valid until the next evaluation. */
const struct pl_hcl_diag *pl_hcl_eval_error(const struct pl_hcl_eval *);
/* Steps spent so far. */
size_t	 pl_hcl_eval_steps(const struct pl_hcl_eval *);

/* For resolvers: records an evaluation error at where; returns -1. */
int	 pl_hcl_eval_fail(struct pl_hcl_eval *, const struct pl_hcl_range *where,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* For resolvers: the arena values live in (for building collections). */
struct pl_arena *pl_hcl_eval_arena(struct pl_hcl_eval *);

/* Value constructors, for resolvers.  Strings are copied to the arena. */
void	 pl_hcl_value_null(struct pl_hcl_value *);
void	 pl_hcl_value_bool(struct pl_hcl_value *, int);
void	 pl_hcl_value_number(struct pl_hcl_value *, double);
void	 pl_hcl_value_string(struct pl_hcl_eval *, struct pl_hcl_value *,
	    const char *s, size_t len);
/* why is borrowed: a string literal or one that outlives the value. */
void	 pl_hcl_value_unknown(struct pl_hcl_value *, const char *why);
/*
 * An empty tuple, list, set, object or map of n elements to fill in
 * (v->u.items, 2n values for an object or map).  An object or map must
 * then be put in key order with pl_hcl_value_finish(), a set deduplicated
 * and ordered; it returns -1 (and fails the evaluation) on a duplicate key.
 */
int	 pl_hcl_value_collection(struct pl_hcl_eval *, struct pl_hcl_value *,
	    enum pl_hcl_type, size_t n);
int	 pl_hcl_value_finish(struct pl_hcl_eval *, struct pl_hcl_value *);

#endif
