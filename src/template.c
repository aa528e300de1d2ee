/* template.c -- message templates: "{name} points to {target}" */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "proxylint/template.h"
#include "proxylint/banned.h"

static const char *const names[PL_PH__COUNT] = {
#define PL_PH_NAME(id, name, from, field) [PL_PH_##id] = name,
	PL_PLACEHOLDERS(PL_PH_NAME)
#undef PL_PH_NAME
};

/* A placeholder name is short: "{...}" longer than this is text. */
#define MAX_NAME	16

int
pl_placeholder_find(const char *name, size_t n)
{
	for (int i = 0; i < PL_PH__COUNT; i++)
		if (strlen(names[i]) == n && memcmp(names[i], name, n) == 0)
			return i;
	return -1;
}

const char *
pl_template_bad(const char *tmpl, size_t *len)
{
	for (const char *p = tmpl; (p = strchr(p, '{')) != NULL; p++) {
		const char *end = strchr(p, '}');

		if (end == NULL)
			break;
		if (pl_placeholder_find(p + 1, (size_t)(end - p - 1)) < 0) {
			*len = (size_t)(end - p - 1);
			return p + 1;
		}
	}
	return NULL;
}

#define PUT_SUBJECT(f)	put_str(b, s != NULL ? s->f : NULL)
#define PUT_STR(f)	put_str(b, v != NULL ? v->f : NULL)
#define PUT_ULONG(f)	pl_buf_addf(b, "%lu", v != NULL ? v->f : 0UL)
#define PUT_UINT(f)	pl_buf_addf(b, "%u", v != NULL ? v->f : 0U)

static void
put_str(struct pl_buf *b, const char *str)
{
	pl_buf_adds(b, str != NULL ? str : "?");
}

void
pl_template_expand(struct pl_buf *b, const char *tmpl,
    const struct pl_subject *s, const struct pl_vars *v)
{
	const char *p, *end;

	for (p = tmpl; *p != '\0';) {
		const char *open = strchr(p, '{');
		int id;

		if (open == NULL) {
			pl_buf_adds(b, p);
			break;
		}
		pl_buf_add(b, p, (size_t)(open - p));
		end = strchr(open, '}');
		/* Unknown names were refused when the rules loaded. */
		if (end == NULL || end - open > MAX_NAME || (id =
		    pl_placeholder_find(open + 1, (size_t)(end - open - 1))) <
		    0) {
			pl_buf_addc(b, '{');
			p = open + 1;
			continue;
		}
		switch ((enum pl_placeholder)id) {
#define PL_PH_PUT(id, name, from, field)				\
		case PL_PH_##id:					\
			PUT_##from(field);				\
			break;
		PL_PLACEHOLDERS(PL_PH_PUT)
#undef PL_PH_PUT
		default:
			break;
		}
		p = end + 1;
	}
}
