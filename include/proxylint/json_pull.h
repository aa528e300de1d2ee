/* json_pull.h -- a streaming JSON pull parser that builds nothing */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_JSON_PULL_H
#define PROXYLINT_JSON_PULL_H

/*
 * For the readers of big JSON inputs (read_dnscontrol.c; the other JSON
 * readers may move to it for speed) and the fuzz targets' oracle.  jansson
 * builds a tree of the whole document first: a 100,000-record DNSControl
 * IR (19 MB) took it 0.35 s, more than the whole BIND run over the same
 * records.  This parser walks the text once, member by member, and hands
 * out spans of it: a string is unescaped only when the caller asks
 * (pl_jp_string), a number keeps its text.  It allocates nothing, and
 * never recurses.
 *
 * What it accepts is RFC 8259 JSON text, exactly:
 *   - one value, of any kind (pl_jp_check), or an object or array walked
 *     member by member (pl_jp_begin ... pl_jp_end), with whitespace (space,
 *     tab, LF, CR) around it and nothing else after it;
 *   - strings of UTF-8 as RFC 3629 has it (Unicode table 3-7: shortest
 *     form, no encoded surrogates U+D800..U+DFFF, nothing above
 *     U+10FFFF), with no raw control character U+0000..U+001F; the escapes
 *     \" \\ \/ \b \f \n \r \t and \uXXXX (hex digits in either case); a
 *     \u escape of a high surrogate must be followed at once by one of a
 *     low surrogate, and a low one alone is refused (I-JSON, RFC 7493
 *     section 2.1, as jansson does); \u0000 is accepted, and
 *     pl_jp_string() refuses the string;
 *   - numbers in the RFC's grammar, -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?
 *     [0-9]+)?, of any length and magnitude (their text is kept);
 *   - true, false, null.
 * Not accepted: a byte order mark (RFC 8259 section 8.1 lets a parser
 * ignore one: a caller that does skips it before pl_jp_init), comments,
 * trailing commas, single quotes, NaN, leading zeros, a '+' sign.
 *
 * Deliberate differences from jansson (json_loadb with JSON_DECODE_ANY,
 * JSON_DECODE_INT_AS_REAL and JSON_ALLOW_NUL), which the fuzz oracle
 * allows and nothing else (tests/fuzz/fuzz_dnscontrol.c):
 *   - duplicate keys are not looked for (RFC 8259 section 4: they SHOULD
 *     be unique): the caller meets every member in order, and one that
 *     keeps the last of a name reads what jansson reads without
 *     JSON_REJECT_DUPLICATES;
 *   - a number beyond a double's range (1e400) is accepted: jansson
 *     refuses it ("real number overflow");
 *   - a key holding \u0000 is accepted: jansson refuses it;
 *   - a NUL octet right after a number or a literal ("[13\0]") is refused,
 *     as RFC 8259 has it: jansson 2.14 drops it (its stream takes the NUL
 *     it puts back after the token for an empty buffer).
 *
 * Limits, each an error with pl_jp.limit set so that it reads apart from a
 * syntax error: max_depth nested objects and arrays (at most
 * PL_JP_DEPTH_MAX; jansson's is 2048), max_values values read by one
 * cursor.  The caller bounds the text's length.  Each pass over a
 * container is linear in its length; a container read again
 * (pl_jp_reopen) is another pass.
 */

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "proxylint/util.h"

#define PL_JP_DEPTH_MAX		4096	/* the most max_depth may be */
#define PL_JP_DEPTH_DEFAULT	64

enum pl_jp_type {
	PL_JP_NONE = 0,		/* no value: a member the caller did not meet */
	PL_JP_STRING,
	PL_JP_NUMBER,
	PL_JP_TRUE,
	PL_JP_FALSE,
	PL_JP_NULL,
	PL_JP_OBJECT,
	PL_JP_ARRAY,
};

/* A value: a span of the text, valid as long as the text. */
struct pl_jp_value {
	enum pl_jp_type	 type;
	const char	*s;		/* a string: its text inside the quotes,
					   as written; a number or literal: its
					   text; a container: its bracket */
	size_t		 n;		/* octets of s; 0 for a container */
	bool		 escaped;	/* a string with a '\': decode it */
	unsigned	 depth;		/* containers around the value */
};

/* A cursor over one text.  The fields are the parser's; read err, limit
 * and pl_jp_where() after a failure. */
struct pl_jp {
	const char	*text;		/* where lines and columns count from */
	const char	*p;
	const char	*end;
	const char	*err;		/* static reason of the failure, or NULL */
	const char	*errat;		/* where it is */
	bool		 limit;		/* err is a limit, not a syntax error */
	unsigned	 base;		/* containers around the cursor's start */
	unsigned	 open;		/* containers open since */
	unsigned	 max_depth;
	unsigned long	 values;	/* read so far by this cursor */
	unsigned long	 max_values;
};

/* Walks the members of one object or array. */
struct pl_jp_iter {
	struct pl_jp	*j;
	const char	*pending;	/* a container value not entered: the
					   next pl_jp_next() skips it */
	unsigned	 level;		/* j->open while it is walked */
	bool		 obj;
	bool		 first;
	bool		 done;
};

/*
 * A cursor at the start of text (len octets; no NUL needed).  max_depth 0
 * is PL_JP_DEPTH_DEFAULT, more than PL_JP_DEPTH_MAX is PL_JP_DEPTH_MAX;
 * max_values 0 is no limit.
 */
void	pl_jp_init(struct pl_jp *, const char *text, size_t len,
	    unsigned max_depth, unsigned long max_values);

/* Is the text from the cursor on one JSON value and nothing else (RFC
 * 8259 JSON-text)?  0, or -1 with j->err. */
int	pl_jp_check(struct pl_jp *);

/*
 * Starts walking the object or array at the cursor (after whitespace):
 * 0, or -1 when it is none.  Then, until it returns 0,
 *	pl_jp_next(it, &key, &val)
 * reads the next member: 1 with its key (objects; an array's key is
 * PL_JP_NONE) and value, 0 after the last, -1 on an error (j->err; every
 * later call returns -1 too).  A value that is an object or array is not
 * read: val.s is its bracket.  The caller may walk it with pl_jp_enter()
 * right away, and must then walk it to its end (pl_jp_next() returning 0)
 * before the parent's next pl_jp_next(); or leave it, and that call skips
 * it, checking its syntax.  pl_jp_end() after the root: only whitespace
 * may follow it.
 */
int	pl_jp_begin(struct pl_jp *, struct pl_jp_iter *);
int	pl_jp_next(struct pl_jp_iter *, struct pl_jp_value *key,
	    struct pl_jp_value *val);
int	pl_jp_enter(struct pl_jp_iter *parent, struct pl_jp_iter *child);
int	pl_jp_end(struct pl_jp *);

/*
 * Walks a container met before (val of a pl_jp_next() on doc's text) again,
 * on a cursor of its own (sub), which the walk reads to the container's
 * end; doc does not move.  0, or -1 (sub->err) when v is no container.
 */
int	pl_jp_reopen(const struct pl_jp *doc, const struct pl_jp_value *v,
	    struct pl_jp *sub, struct pl_jp_iter *it);

/* The 1-based line and column (in characters) of the failure, or of the
 * cursor when there is none. */
void	pl_jp_where(const struct pl_jp *, unsigned long *line,
	    unsigned long *col);

/*
 * The text of string v, unescaped (\u escapes as UTF-8), NUL-terminated in
 * b (reset first; the length in b->len).  NULL when v is no string, is
 * longer than max octets as written, or holds U+0000.  v must come from
 * the parser, which checked it.
 */
const char *pl_jp_string(const struct pl_jp_value *v, struct pl_buf *b,
	    size_t max);
/* Appends the text of string v, unescaped, to b; -1 (b partly written)
 * when it holds U+0000. */
int	pl_jp_decode(const struct pl_jp_value *v, struct pl_buf *b);

/* Is string v, unescaped, the n octets of s? */
bool	pl_jp_eq(const struct pl_jp_value *v, const char *s, size_t n);
/* The same with a string literal: a compare, unless v has escapes. */
#define PL_JP_IS(v, lit)						\
	((v)->type == PL_JP_STRING && ((v)->escaped ?			\
	    pl_jp_eq((v), (lit), sizeof(lit) - 1) :			\
	    ((v)->n == sizeof(lit) - 1 &&				\
	    memcmp((v)->s, (lit), sizeof(lit) - 1) == 0)))

/*
 * An unsigned integer: 1 when v is a number with no sign, fraction or
 * exponent of at most max (in *out); 0 when v is absent (PL_JP_NONE) or
 * null (*out = 0); -1 for anything else.
 */
int	pl_jp_uint(const struct pl_jp_value *v, unsigned long max,
	    unsigned long *out);

#endif
