/* yaml.c -- one guard and one set of loader helpers for every YAML file */
/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "proxylint/log.h"
#include "proxylint/util.h"
#include "proxylint/yaml.h"
#include "proxylint/banned.h"

int
pl_yaml_parser_error(const char *file, const yaml_parser_t *p, int code)
{
	return pl_error_at(code, file, (unsigned)p->problem_mark.line + 1,
	    (unsigned)p->problem_mark.column + 1, "%s%s%s",
	    p->problem ? p->problem : "invalid YAML",
	    p->context ? " " : "", p->context ? p->context : "");
}

int
pl_yaml_check(const char *file, const char *data, size_t len, unsigned flags,
    int code, bool report_syntax, unsigned long *nnodes)
{
	yaml_parser_t p;
	yaml_event_t ev;
	unsigned long nodes = 0, depth = 0, docs = 0;
	int rc = code;

	if (!yaml_parser_initialize(&p))
		return pl_error(PL_ENOMEM, "cannot start the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	for (;;) {
		const char *why = NULL;

		if (!yaml_parser_parse(&p, &ev)) {
			/* The loader words YAML errors where it meets them,
			 * unless the caller reads events and not a tree. */
			if (report_syntax)
				pl_yaml_parser_error(file, &p, code);
			else
				rc = 0;
			break;
		}
		switch (ev.type) {
		case YAML_DOCUMENT_START_EVENT:
			/* PyYAML's safe_load, as octoDNS calls it, refuses a
			 * stream of several documents. */
			if ((flags & PL_YAML_ONE_DOCUMENT) && ++docs > 1)
				why = "expected a single document in the "
				    "stream, but found another document";
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (++depth > PL_YAML_MAX_DEPTH)
				why = "YAML nested deeper than 64 levels";
			/* FALLTHROUGH */
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			if (++nodes > PL_YAML_MAX_NODES)
				why = "more than 2000000 YAML nodes";
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			depth--;
			break;
		default:
			break;
		}
		if (why != NULL) {
			pl_error_at(code, file, (unsigned)ev.start_mark.line + 1,
			    (unsigned)ev.start_mark.column + 1, "%s", why);
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			rc = 0;
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	if (rc == 0 && nnodes != NULL)
		*nnodes = nodes;
	return rc;
}

int
pl_yaml_load(struct pl_yaml_doc *y, const char *name, const char *text,
    size_t len, int code)
{
	yaml_parser_t parser;
	int rc;

	memset(y, 0, sizeof(*y));
	y->name = name;
	if ((rc = pl_yaml_check(name, text, len, 0, code, false, NULL)) != 0)
		return rc;
	if (!yaml_parser_initialize(&parser))
		return pl_error(PL_ENOMEM, "cannot start the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &y->doc)) {
		rc = pl_error_at(code, name,
		    (unsigned)parser.problem_mark.line + 1,
		    (unsigned)parser.problem_mark.column + 1, "%s",
		    parser.problem ? parser.problem : "invalid YAML");
		yaml_parser_delete(&parser);
		return rc;
	}
	yaml_parser_delete(&parser);
	y->loaded = true;
	return 0;
}

void
pl_yaml_release(struct pl_yaml_doc *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = false;
}

yaml_node_t *
pl_yaml_node(struct pl_yaml_doc *y, int id)
{
	return yaml_document_get_node(&y->doc, id);
}

yaml_node_t *
pl_yaml_root(struct pl_yaml_doc *y)
{
	return yaml_document_get_root_node(&y->doc);
}

int
pl_yaml_fail(struct pl_yaml_doc *y, const yaml_node_t *node, const char *fmt,
    ...)
{
	va_list ap;

	/* The first error is the one to fix; the rest may follow from it. */
	if (y->failed)
		return -1;
	y->failed = true;
	va_start(ap, fmt);
	pl_verror_at(y->name, pl_yaml_line(node), pl_yaml_col(node), fmt, ap);
	va_end(ap);
	return -1;
}

bool
pl_yaml_is_null(const yaml_node_t *n)
{
	const char *s;

	if (n == NULL || n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = (const char *)n->data.scalar.value;
	return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/*
 * A YAML alias repeats a node without repeating its text ("rules: *big" in
 * every entry copies the list once per entry), so the scalars read are
 * counted each time an alias leads to them.
 */
static int
spend(struct pl_yaml_doc *y, const yaml_node_t *n)
{
	y->values++;
	y->bytes += n->data.scalar.length;
	if (y->values > PL_YAML_MAX_VALUES ||
	    y->bytes > PL_YAML_MAX_VALUE_BYTES)
		return pl_yaml_fail(y, n, "the file's values add up to more "
		    "than 1000000 entries or 64 MiB (YAML aliases repeating a "
		    "list?)");
	return 0;
}

const char *
pl_yaml_scalar(struct pl_yaml_doc *y, yaml_node_t *n, const char *key)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		pl_yaml_fail(y, n, "'%s' must be a single value", key);
		return NULL;
	}
	if (spend(y, n) != 0)
		return NULL;
	return (const char *)n->data.scalar.value;
}

int
pl_yaml_bool(struct pl_yaml_doc *y, yaml_node_t *n, const char *key,
    bool *out)
{
	const char *s = pl_yaml_scalar(y, n, key);

	if (s == NULL)
		return -1;
	if (strcmp(s, "true") == 0)
		*out = true;
	else if (strcmp(s, "false") == 0)
		*out = false;
	else
		return pl_yaml_fail(y, n, "'%s' must be true or false", key);
	return 0;
}

int
pl_yaml_each(struct pl_yaml_doc *y, yaml_node_t *n, const char *key,
    bool null_ok, pl_yaml_item_fn fn, void *arg)
{
	if (null_ok && pl_yaml_is_null(n))
		return 0;
	if (n != NULL && n->type == YAML_SCALAR_NODE)
		return pl_yaml_scalar(y, n, key) == NULL ? -1 : fn(y, n, arg);
	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return pl_yaml_fail(y, n, "'%s' must be a list", key);
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = pl_yaml_node(y, *it);

		if (item == NULL || item->type != YAML_SCALAR_NODE)
			return pl_yaml_fail(y, item ? item : n,
			    "'%s' must be a list of values", key);
		if (pl_yaml_scalar(y, item, key) == NULL ||
		    fn(y, item, arg) != 0)
			return -1;
	}
	return 0;
}

int
pl_yaml_check_keys(struct pl_yaml_doc *y, yaml_node_t *map,
    const char *const *ok, const char *where)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = pl_yaml_node(y, p->key);
		const char *key = pl_yaml_scalar(y, k, "key");
		bool known = false;

		if (key == NULL)
			return -1;
		for (const char *const *o = ok; *o != NULL; o++)
			if (strcmp(*o, key) == 0)
				known = true;
		if (!known) {
			const char *best = pl_closest(key, ok, SIZE_MAX);
			struct pl_buf b;

			pl_buf_init(&b);
			for (const char *const *o = ok; *o != NULL; o++)
				pl_buf_addf(&b, "%s%s", o == ok ? "" :
				    o[1] == NULL ? " or " : ", ", *o);
			if (best != NULL)
				pl_yaml_fail(y, k, "unknown key '%s' in %s (did "
				    "you mean '%s'?)", key, where, best);
			else
				pl_yaml_fail(y, k, "unknown key '%s' in %s "
				    "(expected %s)", key, where, b.buf);
			pl_buf_release(&b);
			return -1;
		}
		for (yaml_node_pair_t *q = map->data.mapping.pairs.start;
		    q < p; q++) {
			yaml_node_t *k2 = pl_yaml_node(y, q->key);

			if (k2 != NULL && k2->type == YAML_SCALAR_NODE &&
			    strcmp((char *)k2->data.scalar.value, key) == 0)
				return pl_yaml_fail(y, k, "duplicate key '%s'",
				    key);
		}
	}
	return 0;
}

yaml_node_t *
pl_yaml_get(struct pl_yaml_doc *y, yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = pl_yaml_node(y, p->key);

		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((char *)k->data.scalar.value, key) == 0)
			return pl_yaml_node(y, p->value);
	}
	return NULL;
}
