/* template.h -- message templates: "{name} points to {target}" */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_TEMPLATE_H
#define PROXYLINT_TEMPLATE_H

/*
 * For the rule loader (which refuses an unknown placeholder), the finding
 * list (which expands a finding's message when a reporter asks) and the
 * checks and readers (which fill the variables).  Every placeholder is one
 * row of PL_PLACEHOLDERS: its id, its name in a template, and where its
 * value comes from:
 *	SUBJECT	the record the finding is about (struct pl_subject)
 *	STR	a string of struct pl_vars ("?" when NULL)
 *	ULONG, UINT	a number of struct pl_vars
 * Both structs, the loader's check and the expansion follow from it.
 * rules/README.md says what each placeholder means.
 */

#include <stddef.h>

#include "proxylint/util.h"

#define PL_PLACEHOLDERS(X)						\
	X(NAME,		"name",		SUBJECT,	name)		\
	X(TYPE,		"type",		SUBJECT,	type)		\
	X(CONTENT,	"content",	SUBJECT,	content)	\
	X(TARGET,	"target",	SUBJECT,	target)		\
	X(MATCH,	"match",	STR,		match)		\
	X(PROVIDER,	"provider",	STR,		provider)	\
	X(RELATED,	"related",	STR,		related)	\
	X(RELATED_TYPE,	"related_type",	STR,		related_type)	\
	X(REASON,	"reason",	STR,		reason)		\
	X(DETAIL,	"detail",	STR,		detail)		\
	X(COUNT,	"count",	ULONG,		count)		\
	X(PORT,		"port",		UINT,		port)		\
	X(LINE,		"line",		UINT,		line)

enum pl_placeholder {
#define PL_PH_ENUM(id, name, from, field) PL_PH_##id,
	PL_PLACEHOLDERS(PL_PH_ENUM)
#undef PL_PH_ENUM
	PL_PH__COUNT
};

#define PL_FIELD_SUBJECT(f)
#define PL_FIELD_STR(f)		const char *f;
#define PL_FIELD_ULONG(f)	unsigned long f;
#define PL_FIELD_UINT(f)	unsigned f;

/*
 * A finding's message variables (any string may be NULL).  The strings
 * must live as long as the finding: a check's come from the zone or the
 * rules, a reader's are copied when the finding is made (diag.h).
 */
struct pl_vars {
#define PL_VARS_FIELD(id, name, from, field) PL_FIELD_##from(field)
	PL_PLACEHOLDERS(PL_VARS_FIELD)
#undef PL_VARS_FIELD
};

/* The record a message is about, as text (any field may be NULL). */
struct pl_subject {
	const char	*name;
	const char	*type;
	const char	*content;
	const char	*target;
};

/* The placeholder of this name (n octets), or -1. */
int	pl_placeholder_find(const char *name, size_t n);

/*
 * The first placeholder of tmpl that is not known, or NULL when all are;
 * *len is then set to its length (without the braces).
 */
const char *pl_template_bad(const char *tmpl, size_t *len);

/* Appends tmpl to b with each {placeholder} replaced. */
void	pl_template_expand(struct pl_buf *b, const char *tmpl,
	    const struct pl_subject *, const struct pl_vars *);

#endif
