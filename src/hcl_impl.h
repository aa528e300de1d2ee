/* hcl_impl.h -- what the src/hcl_*.c files share and nobody else sees */
/* SPDX-License-Identifier: MIT */
/*
 * Included only by src/hcl.c and src/hcl_*.c.  It owns the token and
 * lexer structures (hcl_lex.c), the parser entry points that the JSON
 * syntax reuses for its strings (hcl_parse.c), and the value helpers that
 * the evaluator and the functions share (hcl.c, hcl_eval.c, hcl_func.c).
 */
#ifndef PROXYLINT_HCL_IMPL_H
#define PROXYLINT_HCL_IMPL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "proxylint/hcl.h"
#include "proxylint/util.h"

/*
 * Rounding without libm (the Makefile links no -lm): exact for every
 * double, since past 2^52 a double has no fraction.
 */
static inline double
pl_hcl_trunc(double x)
{
	if (!(x > -4503599627370496.0 && x < 4503599627370496.0))
		return x;
	return (double)(long long)x;
}

static inline double
pl_hcl_floor(double x)
{
	double t = pl_hcl_trunc(x);

	return t > x ? t - 1 : t;
}

static inline double
pl_hcl_ceil(double x)
{
	double t = pl_hcl_trunc(x);

	return t < x ? t + 1 : t;
}

static inline double
pl_hcl_fabs(double x)
{
	return x < 0 ? -x : x;
}

/* x - trunc(x / y) * y, the sign of x, as Go's big.Int % for integers. */
static inline double
pl_hcl_fmod(double x, double y)
{
	double r = x - pl_hcl_trunc(x / y) * y;

	if (pl_hcl_fabs(r) >= pl_hcl_fabs(y))
		r = 0;
	return r;
}

/* ---- Tokens (hcl_lex.c) ------------------------------------------------- */

enum pl_tk {
	PL_TK_EOF = 0,
	PL_TK_NEWLINE,
	PL_TK_IDENT,
	PL_TK_NUMBER,
	PL_TK_OQUOTE,		/* " */
	PL_TK_CQUOTE,
	PL_TK_QLIT,		/* text of a quoted template, escapes raw */
	PL_TK_OHEREDOC,		/* <<EOT or <<-EOT, with its newline */
	PL_TK_CHEREDOC,		/* the closing marker's line */
	PL_TK_HLIT,		/* text of a heredoc (one run, many lines) */
	PL_TK_BLIT,		/* text of a standalone template */
	PL_TK_INTERP,		/* ${ or ${~ */
	PL_TK_CONTROL,		/* %{ or %{~ */
	PL_TK_SEQEND,		/* } or ~} closing one of those */
	PL_TK_LBRACE, PL_TK_RBRACE, PL_TK_LBRACK, PL_TK_RBRACK,
	PL_TK_LPAREN, PL_TK_RPAREN,
	PL_TK_DOT, PL_TK_COMMA, PL_TK_STAR, PL_TK_SLASH, PL_TK_PERCENT,
	PL_TK_PLUS, PL_TK_MINUS, PL_TK_ASSIGN, PL_TK_EQ, PL_TK_NE,
	PL_TK_LT, PL_TK_LE, PL_TK_GT, PL_TK_GE, PL_TK_AND, PL_TK_OR,
	PL_TK_NOT, PL_TK_QUESTION, PL_TK_COLON, PL_TK_DCOLON,
	PL_TK_ELLIPSIS, PL_TK_ARROW,
	PL_TK_INVALID,		/* msg says why */
};

/* Token flags. */
#define PL_TF_STRIP	0x01	/* ${~, %{~ or ~} */
#define PL_TF_FLUSH	0x02	/* <<- */
#define PL_TF_SOL	0x04	/* the first token of its line */
#define PL_TF_COL1	0x08	/* an identifier in column 1 */
#define PL_TF_LIMIT	0x10	/* INVALID: a limit, not a syntax error */
#define PL_TF_PLAIN	0x20	/* QLIT: no \\, $ or %, and the quote next */

struct pl_hcl_tok {
	enum pl_tk		 type;
	unsigned		 flags;
	struct pl_hcl_range	 r;		/* in the file */
	uint32_t		 tstart;	/* in the text lexed */
	uint32_t		 tend;
	const char		*msg;		/* INVALID */
	/*
	 * INVALID after an unclosed heredoc or comment, which ran to the end
	 * of the file: the first line after its start that begins with a
	 * name in column 1, where parsing goes on (0: none).
	 */
	uint32_t		 hint;
	uint32_t		 hint_line;
	/* OHEREDOC: the marker, as offsets into the text */
	uint32_t		 marker;
	uint32_t		 marker_len;
};

enum pl_lex_mode {
	PL_LM_NORMAL = 1,
	PL_LM_QUOTED,
	PL_LM_HEREDOC,
	PL_LM_BARE,
};

struct pl_lex_frame {
	enum pl_lex_mode	 mode;
	int			 sol;		/* HEREDOC: at a line start */
	int			 flush;		/* HEREDOC: <<- */
	uint32_t		 braces;	/* NORMAL: { open since the push */
	uint32_t		 open;		/* offset of " or << */
	uint32_t		 open_line;
	uint32_t		 open_col;
	uint32_t		 marker;	/* HEREDOC */
	uint32_t		 marker_len;
	uint32_t		 body;		/* HEREDOC: first byte of the body */
};

/*
 * Where the lexed text sits in the file.  For a file it is the file.  For
 * a JSON string it is the decoded string, and raw_base and offs map its
 * offsets back to the JSON text: offs[i] is the raw offset of decoded byte
 * i, minus raw_base (NULL when the string had no escapes: i itself).
 */
struct pl_srcmap {
	const char		*raw;		/* the file, to count columns */
	uint32_t		 raw_base;
	const uint32_t		*offs;
	uint32_t		 line;		/* position of raw[raw_base] */
	uint32_t		 col;
};

struct pl_lexer {
	const char		*text;
	uint32_t		 len;
	uint32_t		 pos;
	int			 line_has_token;
	/* The position cursor: where line and column were last counted. */
	uint32_t		 cur_off;	/* raw offset */
	uint32_t		 cur_line;
	uint32_t		 cur_col;
	/* A file's current line: columns on an ASCII line need no count. */
	uint32_t		 ln_start;
	uint32_t		 ln_end;	/* its newline, or the end */
	uint32_t		 ln_no;
	int			 ln_ascii;
	struct pl_srcmap	 map;
	int			 mapped;
	struct pl_lex_frame	 frames[PL_HCL_MAX_DEPTH + 8];
	unsigned		 nframes;
	enum pl_lex_mode	 base;
	/* The first token of the current line (for the parser's resync). */
	enum pl_tk		 line_first_type;
	struct pl_hcl_range	 line_first;
	int			 line_first_col1;
	/* Comments, in source order; texts in the arena. */
	struct pl_arena		*arena;
	struct pl_hcl_comment	*comments;
	size_t			 ncomments;
};

void	 pl_lex_init(struct pl_lexer *, const char *text, size_t len,
	    enum pl_lex_mode base, const struct pl_srcmap *map,
	    struct pl_arena *arena);
void	 pl_lex_release(struct pl_lexer *);
void	 pl_lex_next(struct pl_lexer *, struct pl_hcl_tok *);
/* Goes back (or forward) to a token at offset off of the text, at the
 * base mode: comments from there on are dropped. */
void	 pl_lex_rewind(struct pl_lexer *, uint32_t off, uint32_t line,
	    uint32_t col);
/* The file position of text offset off (on or after the last asked). */
void	 pl_lex_pos(struct pl_lexer *, uint32_t off, uint32_t *raw,
	    uint32_t *line, uint32_t *col);
/* "'='", "a newline", "the end of the file": for messages. */
const char *pl_tk_name(enum pl_tk);

/* ---- Parser (hcl_parse.c), for the JSON syntax ------------------------- */

struct pl_hcl_pstate;

/*
 * The parser's shared state for one file: its arena, node count, diags.
 * pl_hcl_file_start() makes a file; pl_hcl_file_end() hands its lists over.
 */
struct pl_hcl_fbuild {
	struct pl_hcl_file	*f;
	struct pl_hcl_diag	*diags;
	size_t			 ndiags;
	int			 stopped;	/* too many errors, a limit */
	struct pl_hcl_comment	*comments;
	size_t			 ncomments;
};

void	 pl_hcl_fbuild_init(struct pl_hcl_fbuild *);
struct pl_hcl_file *pl_hcl_fbuild_done(struct pl_hcl_fbuild *);
void	 pl_hcl_fbuild_error(struct pl_hcl_fbuild *, enum pl_hcl_diag_kind,
	    const struct pl_hcl_range *, const char *fmt, ...)
	    __attribute__((format(printf, 4, 5)));
/* A new node (NULL past PL_HCL_MAX_NODES, with the error recorded). */
struct pl_hcl_expr *pl_hcl_node(struct pl_hcl_fbuild *, enum pl_hcl_expr_kind,
	    const struct pl_hcl_range *);

/*
 * Parses text as a standalone template (a JSON string's value) with the
 * positions of map; returns the expression, or NULL after an error.
 */
const struct pl_hcl_expr *pl_hcl_parse_template_at(struct pl_hcl_fbuild *,
	    const char *text, size_t len, const struct pl_srcmap *map);

/* Range from the start of a to the end of b. */
static inline struct pl_hcl_range
pl_range_join(const struct pl_hcl_range *a, const struct pl_hcl_range *b)
{
	struct pl_hcl_range r = *a;

	r.end = b->end;
	r.end_line = b->end_line;
	r.end_col = b->end_col;
	return r;
}

/* ---- Values (hcl.c), for the evaluator and the functions ---------------- */

struct pl_hcl_eval {
	struct pl_arena		 arena;
	pl_hcl_resolve_fn	 resolve;
	void			*ctx;
	size_t			 steps;		/* spent */
	size_t			 budget;
	size_t			 bytes;		/* allocated for values */
	unsigned		 depth;
	int			 limited;	/* a limit was hit: fail */
	int			 failed;
	struct pl_hcl_diag	 err;
	char			 errbuf[512];
	struct pl_buf		 tmp;
	/* The for temporaries in scope, innermost last (hcl_eval.c). */
	struct pl_scope		*scope;
	/*
	 * pl_hcl_eval_node(), for hcl_func.c: a pointer, so that the
	 * functions (which the evaluator calls) do not call back into the
	 * evaluator's object by name (tools/check-layers.sh wants no circle).
	 */
	int			(*node)(struct pl_hcl_eval *,
				    const struct pl_hcl_expr *,
				    struct pl_hcl_value *);
};

/* Allocates for a value; NULL (and a limit error at where) past the
 * byte budget. */
void	*pl_hcl_alloc(struct pl_hcl_eval *, size_t, const struct pl_hcl_range *);
/* A new string of len bytes (plus a NUL) to fill, or NULL past
 * PL_HCL_MAX_STRING or the budget. */
char	*pl_hcl_strbuf(struct pl_hcl_eval *, size_t len,
	    const struct pl_hcl_range *);
/* items for a collection of n elements (2n values for objects), or NULL
 * past PL_HCL_MAX_COLLECTION or the budget. */
struct pl_hcl_value *pl_hcl_items(struct pl_hcl_eval *, enum pl_hcl_type,
	    size_t n, const struct pl_hcl_range *);
/* One step of the budget; -1 (limit error at where) when it is spent. */
int	 pl_hcl_step(struct pl_hcl_eval *, size_t, const struct pl_hcl_range *);
/* Errors: pl_hcl_eval_fail() of hcl.h, by its short name inside the
 * library; or with a kind. */
#define pl_hcl_fail	pl_hcl_eval_fail
int	 pl_hcl_vfail(struct pl_hcl_eval *, enum pl_hcl_diag_kind,
	    const struct pl_hcl_range *, const char *fmt, va_list)
	    __attribute__((format(printf, 4, 0)));
int	 pl_hcl_limit(struct pl_hcl_eval *, const struct pl_hcl_range *,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* "a string", "an object"...: the type name with its article. */
const char *pl_hcl_type_a(enum pl_hcl_type);

/* An unknown value: the first unknown of a and b (either may be NULL). */
void	 pl_hcl_unknown_of(struct pl_hcl_value *out,
	    const struct pl_hcl_value *a, const struct pl_hcl_value *b);
/* The first unknown found in v at any depth, or NULL. */
const struct pl_hcl_value *pl_hcl_find_unknown(const struct pl_hcl_value *);

/*
 * Conversions, as Terraform's (go-cty convert): number and bool to
 * string; "true"/"false" to bool; a decimal string to number.  They
 * return 0 with *out set, 1 when v is unknown (out is then v), or -1
 * after an error at where that names what (e.g. "the condition").
 */
/* A decimal number as cty.ParseNumberVal takes it; -1 if it is not one. */
int	 pl_hcl_parse_number(const char *, size_t, double *);
int	 pl_hcl_to_string(struct pl_hcl_eval *, const struct pl_hcl_value *v,
	    struct pl_hcl_value *out, const struct pl_hcl_range *where,
	    const char *what);
int	 pl_hcl_to_number(struct pl_hcl_eval *, const struct pl_hcl_value *v,
	    double *out, const struct pl_hcl_range *where, const char *what);
int	 pl_hcl_to_bool(struct pl_hcl_eval *, const struct pl_hcl_value *v,
	    int *out, const struct pl_hcl_range *where, const char *what);

/* Equality as ==: 1, 0, or -1 when unknown decides it. */
int	 pl_hcl_equal(const struct pl_hcl_value *, const struct pl_hcl_value *);
/* The same, its work charged to the budget: 0 with *eq set, or -1. */
int	 pl_hcl_equal_ev(struct pl_hcl_eval *, const struct pl_hcl_value *,
	    const struct pl_hcl_value *, const struct pl_hcl_range *, int *eq);
/* Charges a sort of n elements (n log n steps); 0 or -1. */
int	 pl_hcl_charge_sort(struct pl_hcl_eval *, size_t n,
	    const struct pl_hcl_range *);
/* A total order for sets and sort(): kind, then value. */
int	 pl_hcl_compare(const struct pl_hcl_value *, const struct pl_hcl_value *);
/*
 * Puts an object's or map's pairs in key order.  A duplicate key is an
 * error (-1) when dup_error, else the last one wins (an object
 * constructor, as hclsyntax's ObjectConsExpr).  pl_hcl_sort_set puts a
 * set's elements in order without duplicates.
 */
int	 pl_hcl_sort_pairs(struct pl_hcl_eval *, struct pl_hcl_value *,
	    const struct pl_hcl_range *, int dup_error);
void	 pl_hcl_sort_set(struct pl_hcl_value *);
/* Binary search of an object's or map's key; -1 when absent. */
long	 pl_hcl_find_key(const struct pl_hcl_value *, const char *key,
	    size_t len);
/* Is a a string, and are a and b the same bytes? */
int	 pl_hcl_str_eq(const struct pl_hcl_value *, const char *, size_t);

/*
 * Converts the elements of a tuple, list, set or map value to one type,
 * as go-cty's unification does for tolist, toset and tomap: when they
 * mix strings with numbers or bools, all become strings.  Mixing other
 * kinds is an error.  In place (items are copied first).
 */
int	 pl_hcl_unify(struct pl_hcl_eval *, struct pl_hcl_value *,
	    const struct pl_hcl_range *);

/* ---- Functions (hcl_func.c) --------------------------------------------- */

/*
 * Calls the function e names (a CALL node).  args are evaluated lazily by
 * the function (try and can need that), through pl_hcl_eval_arg().
 * Returns 0 or -1.
 */
int	 pl_hcl_call(struct pl_hcl_eval *, const struct pl_hcl_expr *e,
	    struct pl_hcl_value *out);

/* Evaluates a node in the current scope (hcl_eval.c). */
int	 pl_hcl_eval_node(struct pl_hcl_eval *, const struct pl_hcl_expr *,
	    struct pl_hcl_value *);

#endif
