/* yaml.h -- one guard and one set of loader helpers for every YAML file */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_YAML_H
#define PROXYLINT_YAML_H

/*
 * For the rule loader (rule.c), the config (config.c) and the octoDNS
 * reader.  A YAML text is bounded before libyaml builds it (its loader
 * takes minutes on 100,000 levels of nesting), and a loaded document is
 * read through helpers that word every error the same way, at the node it
 * is about ("FILE:LINE:COL: message", log.h), and that count the scalars
 * read against a budget that YAML aliases cannot escape.
 */

#include <stdbool.h>
#include <stddef.h>

#include <yaml.h>

#define PL_YAML_MAX_DEPTH	64		/* nested mappings and lists */
#define PL_YAML_MAX_NODES	2000000UL	/* nodes, aliases counted */
#define PL_YAML_MAX_VALUES	1000000UL	/* scalars a loader reads */
#define PL_YAML_MAX_VALUE_BYTES	(64UL << 20)	/* octets of them */

/* pl_yaml_check() flags */
#define PL_YAML_ONE_DOCUMENT	0x1	/* refuse a stream of several */

/*
 * Parses the events of a text alone and refuses one nested deeper than
 * PL_YAML_MAX_DEPTH or with more than PL_YAML_MAX_NODES nodes (and, with
 * PL_YAML_ONE_DOCUMENT, one of several documents).  A YAML syntax error is
 * left for the loader to word unless report_syntax is set.  Returns 0 and
 * the node count in *nnodes (may be NULL), or code after logging where.
 */
int	pl_yaml_check(const char *file, const char *data, size_t len,
	    unsigned flags, int code, bool report_syntax,
	    unsigned long *nnodes);

/* Logs the YAML syntax error a parser stopped at; returns code. */
int	pl_yaml_parser_error(const char *file, const yaml_parser_t *, int code);

/*
 * A loaded document and its reader's state.  Only the first error is
 * logged: the rest may follow from it.
 */
struct pl_yaml_doc {
	const char	*name;		/* file name for messages, borrowed */
	yaml_document_t	 doc;
	bool		 loaded;
	bool		 failed;
	unsigned long	 values;	/* scalars read, aliases counted */
	unsigned long	 bytes;
};

/*
 * Checks (pl_yaml_check) and loads a text into y.  Returns 0, or code
 * after logging why; release y either way.
 */
int	pl_yaml_load(struct pl_yaml_doc *y, const char *name, const char *text,
	    size_t len, int code);
void	pl_yaml_release(struct pl_yaml_doc *);

yaml_node_t *pl_yaml_node(struct pl_yaml_doc *, int id);
yaml_node_t *pl_yaml_root(struct pl_yaml_doc *);

/* Logs "NAME:LINE:COL: message" at node (NULL: the file's start) unless
 * an error was logged already; returns -1. */
int	pl_yaml_fail(struct pl_yaml_doc *, const yaml_node_t *,
	    const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* A plain empty, "~" or "null" value: "key:" with nothing after it. */
bool	pl_yaml_is_null(const yaml_node_t *);

/*
 * The text of a scalar, counted against the budget, or NULL after an
 * error ("'KEY' must be a single value", or the budget is spent).
 */
const char *pl_yaml_scalar(struct pl_yaml_doc *, yaml_node_t *,
	    const char *key);
/* "true" or "false"; -1 after an error. */
int	pl_yaml_bool(struct pl_yaml_doc *, yaml_node_t *, const char *key,
	    bool *out);

/*
 * Calls fn on each scalar of a list; a single value counts as a list of
 * one, and with null_ok nothing after the key as an empty list.  Stops at
 * the first fn that returns non-zero.
 */
typedef int (*pl_yaml_item_fn)(struct pl_yaml_doc *, yaml_node_t *,
    void *arg);
int	pl_yaml_each(struct pl_yaml_doc *, yaml_node_t *, const char *key,
	    bool null_ok, pl_yaml_item_fn fn, void *arg);

/*
 * Checks that a mapping has only keys of ok (NULL-terminated), each once:
 * "unknown key 'K' in WHERE (expected A, B or C)".
 */
int	pl_yaml_check_keys(struct pl_yaml_doc *, yaml_node_t *map,
	    const char *const *ok, const char *where);

/* The value of key in a mapping, or NULL. */
yaml_node_t *pl_yaml_get(struct pl_yaml_doc *, yaml_node_t *map,
	    const char *key);

/* 1-based line and column of a node, for locations kept after loading. */
static inline unsigned
pl_yaml_line(const yaml_node_t *n)
{
	return n != NULL ? (unsigned)n->start_mark.line + 1 : 1;
}

static inline unsigned
pl_yaml_col(const yaml_node_t *n)
{
	return n != NULL ? (unsigned)n->start_mark.column + 1 : 1;
}

#endif
