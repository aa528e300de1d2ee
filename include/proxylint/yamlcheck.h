/* yamlcheck.h -- bounds on a YAML text, checked before it is loaded */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_YAMLCHECK_H
#define PROXYLINT_YAMLCHECK_H

#include <stdarg.h>
#include <stddef.h>

#define PL_YAML_MAX_DEPTH	64		/* nested mappings and lists */
#define PL_YAML_MAX_NODES	2000000UL	/* nodes, aliases counted */

/*
 * Parses the events of a config or rule file alone, so that a text nested
 * too deep or too large (libyaml's loader takes minutes on 100,000 levels)
 * is refused before anything is built.  Returns 0, or -1 after printing
 * "FILE:LINE:COL: ..." to stderr (YAML errors included).
 */
int	pl_yaml_check(const char *file, const char *data, size_t len);

/*
 * Prints "FILE:LINE:COL: MESSAGE" for a node of a loaded YAML document
 * (libyaml's marks are 0-based; NULL means the start of the file), the form
 * of every config and rule-file error.
 */
struct yaml_node_s;
void	pl_yaml_error(const char *file, const struct yaml_node_s *node,
	    const char *fmt, va_list ap) __attribute__((format(printf, 3, 0)));

#endif
