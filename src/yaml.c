/* yaml.c -- bounds on a YAML text, checked before it is loaded */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>

#include <yaml.h>

#include "proxylint/yaml.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

int
pl_yaml_check(const char *file, const char *data, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	unsigned long nodes = 0, depth = 0;
	int rc = -1;

	if (!yaml_parser_initialize(&p)) {
		fprintf(stderr, "%s: cannot start the YAML parser\n", file);
		return -1;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)data, len);
	for (;;) {
		const char *why = NULL;

		if (!yaml_parser_parse(&p, &ev)) {
			/* The loader words YAML errors; here they only stop
			 * the count. */
			rc = 0;
			break;
		}
		switch (ev.type) {
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
			fprintf(stderr, "%s:%lu:%lu: %s\n", file,
			    (unsigned long)ev.start_mark.line + 1,
			    (unsigned long)ev.start_mark.column + 1, why);
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
	return rc;
}

void
pl_yaml_error(const char *file, const struct yaml_node_s *node,
    const char *fmt, va_list ap)
{
	fprintf(stderr, "%s:%lu:%lu: ", file,
	    node ? (unsigned long)node->start_mark.line + 1 : 1UL,
	    node ? (unsigned long)node->start_mark.column + 1 : 1UL);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

int
pl_yaml_spend(struct pl_yaml_budget *b, size_t len)
{
	b->values++;
	b->bytes += len;
	return b->values > PL_YAML_MAX_VALUES ||
	    b->bytes > PL_YAML_MAX_VALUE_BYTES ? -1 : 0;
}
