/* yaml.h -- bounds on a YAML text, checked before it is loaded */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_YAML_H
#define PROXYLINT_YAML_H

#include <stdarg.h>
#include <stddef.h>

#define PL_YAML_MAX_DEPTH	64		/* nested mappings and lists */
#define PL_YAML_MAX_NODES	2000000UL	/* nodes, aliases counted */
#define PL_YAML_MAX_VALUES	1000000UL	/* scalars a loader reads */
#define PL_YAML_MAX_VALUE_BYTES	(64UL << 20)	/* octets of them */

/*
 * Parses the events of a config or rule file alone, so that a text nested
 * too deep or too large (libyaml's loader takes minutes on 100,000 levels)
 * is refused before anything is built.  Returns 0, or -1 after printing
 * "FILE:LINE:COL: ..." to stderr (YAML errors included).
 */
int	pl_yaml_check(const char *file, const char *data, size_t len);

/*
 * What a loader has read from one loaded document.  A YAML alias repeats a
 * node without repeating its text ("rules: *big" in every entry copies the
 * list once per entry), so the scalars read are counted, each time an
 * alias leads to them, against PL_YAML_MAX_VALUES and
 * PL_YAML_MAX_VALUE_BYTES.
 */
struct pl_yaml_budget {
	unsigned long	values;
	unsigned long	bytes;
};

/*
 * Counts a scalar of len octets read; 0, or -1 when the document has gone
 * over its budget.  PL_YAML_OVER_BUDGET words the error.
 */
int	pl_yaml_spend(struct pl_yaml_budget *, size_t len);
#define PL_YAML_OVER_BUDGET	"the file's values add up to more than " \
	"1000000 entries or 64 MiB (YAML aliases repeating a list?)"

/*
 * Prints "FILE:LINE:COL: MESSAGE" for a node of a loaded YAML document
 * (libyaml's marks are 0-based; NULL means the start of the file), the form
 * of every config and rule-file error.
 */
struct yaml_node_s;
void	pl_yaml_error(const char *file, const struct yaml_node_s *node,
	    const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

#endif
