/* diag.c -- the finding list: add, format, sort, count */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/diag.h"
#include "proxylint/banned.h"

void
pl_diags_init(struct pl_diags *d, const struct pl_ruleset *rules)
{
	memset(d, 0, sizeof(*d));
	d->rules = rules;
}

void
pl_diags_release(struct pl_diags *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].file_owned);
		free(d->v[i].pointer);
		free(d->v[i].name);
		free(d->v[i].type);
		free(d->v[i].content);
		free(d->v[i].message);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}

const char *
pl_type_name(uint16_t type, char *buf, size_t len)
{
	const ldns_rr_descriptor *desc;
	const char *lit = NULL;

	/* The common ones without a look-up: this runs for every finding. */
	switch (type) {
	case LDNS_RR_TYPE_A:	 lit = "A"; break;
	case LDNS_RR_TYPE_AAAA:	 lit = "AAAA"; break;
	case LDNS_RR_TYPE_CNAME: lit = "CNAME"; break;
	case LDNS_RR_TYPE_MX:	 lit = "MX"; break;
	case LDNS_RR_TYPE_TXT:	 lit = "TXT"; break;
	default:		 break;
	}
	if (lit != NULL && len > 6) {
		memcpy(buf, lit, strlen(lit) + 1);
		return buf;
	}
	desc = ldns_rr_descript(type);
	if (desc != NULL && desc->_name != NULL && type != 0) {
		snprintf(buf, len, "%s", desc->_name);
		return buf;
	}
	snprintf(buf, len, "TYPE%u", (unsigned)type);
	return buf;
}

static void
add_var(struct pl_buf *b, const char *var, size_t n, const struct pl_zone *z,
    const struct pl_record *rec, const char *name, const char *type,
    const char *content, const struct pl_vars *v)
{
	char tbuf[32], cbuf[PL_ADDR_TEXT];
	const char *s = NULL;

	(void)z;
#define IS(lit) (n == sizeof(lit) - 1 && memcmp(var, lit, n) == 0)
	if (IS("name"))
		s = rec != NULL ? rec->owner : name;
	else if (IS("type"))
		s = rec != NULL ? pl_type_name(rec->type, tbuf, sizeof(tbuf)) :
		    type;
	else if (IS("content"))
		s = rec != NULL ? pl_rec_content(rec, cbuf) : content;
	else if (IS("target"))
		s = rec != NULL ? rec->target : NULL;
	else if (IS("match"))
		s = v ? v->match : NULL;
	else if (IS("related"))
		s = v ? v->related : NULL;
	else if (IS("related_type"))
		s = v ? v->related_type : NULL;
	else if (IS("reason"))
		s = v ? v->reason : NULL;
	else if (IS("detail"))
		s = v ? v->detail : NULL;
	else if (IS("count")) {
		pl_buf_addf(b, "%lu", v ? v->count : 0UL);
		return;
	} else if (IS("port")) {
		pl_buf_addf(b, "%u", v ? v->port : 0U);
		return;
	} else if (IS("line")) {
		pl_buf_addf(b, "%u", v ? v->line : 0U);
		return;
	} else {
		/* Unknown names are refused when the rules load. */
		pl_buf_addc(b, '{');
		pl_buf_add(b, var, n);
		pl_buf_addc(b, '}');
		return;
	}
#undef IS
	pl_buf_adds(b, s != NULL ? s : "?");
}

char *
pl_format_message(const char *tmpl, const struct pl_zone *z,
    const struct pl_record *rec, const char *name, const char *type,
    const char *content, const struct pl_vars *v)
{
	struct pl_buf b;

	pl_buf_init(&b);
	pl_format_message_buf(&b, tmpl, z, rec, name, type, content, v);
	return pl_buf_detach(&b);
}

void
pl_format_message_buf(struct pl_buf *b, const char *tmpl,
    const struct pl_zone *z, const struct pl_record *rec, const char *name,
    const char *type, const char *content, const struct pl_vars *v)
{
	const char *p, *end;

	for (p = tmpl; *p != '\0';) {
		const char *open = strchr(p, '{');

		if (open == NULL) {
			pl_buf_adds(b, p);
			break;
		}
		pl_buf_add(b, p, (size_t)(open - p));
		if ((end = strchr(open, '}')) != NULL && end - open <= 16) {
			add_var(b, open + 1, (size_t)(end - open - 1), z, rec,
			    name, type, content, v);
			p = end + 1;
		} else {
			pl_buf_addc(b, '{');
			p = open + 1;
		}
	}
}

static struct pl_diag *
diag_new(struct pl_diags *d, const struct pl_rule *rule)
{
	struct pl_diag *g;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = pl_xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	g = &d->v[d->n];
	memset(g, 0, sizeof(*g));
	g->rule = rule;
	g->sev = rule->severity;
	g->input = d->input;
	g->file = d->file;
	g->seq = (uint32_t)d->n;
	g->proxied = -1;
	d->n++;
	d->count[rule->severity]++;
	return g;
}

void
pl_report_rule(struct pl_diags *d, const struct pl_rule *rule,
    const struct pl_zone *z, const struct pl_record *rec,
    const struct pl_vars *v)
{
	struct pl_diag *g;
	char tbuf[32], cbuf[PL_ADDR_TEXT];

	if (rule == NULL || rule->severity == PL_SEV_NONE)
		return;
	g = diag_new(d, rule);
	if (rec != NULL) {
		g->line = rec->line;
		g->recno = z != NULL ? (uint32_t)(rec - z->recs) + 1 : 0;
		if (z != NULL && rec->file != 0) {
			g->file_owned = pl_xstrdup(pl_zone_record_file(z, rec));
			g->file = g->file_owned;
		}
		g->pointer = pl_rec_pointer(rec) ? pl_xstrdup(pl_rec_pointer(rec)) :
		    NULL;
		g->name = pl_xstrdup(rec->owner);
		g->type = pl_xstrdup(pl_type_name(rec->type, tbuf,
		    sizeof(tbuf)));
		g->content = pl_xstrdup(pl_rec_content(rec, cbuf));
		g->proxied = rec->proxy == PL_PROXY_PROXIED ? 1 :
		    rec->proxy == PL_PROXY_DNS_ONLY ? 0 : -1;
	}
	g->message = pl_format_message(rule->message, z, rec, NULL, NULL,
	    NULL, v);
}

void
pl_report_lazy(struct pl_diags *d, const struct pl_rule *rule,
    const struct pl_zone *z, const struct pl_record *rec,
    const struct pl_vars *v)
{
	struct pl_diag *g;

	if (rule == NULL || rule->severity == PL_SEV_NONE)
		return;
	g = diag_new(d, rule);
	g->zone = z;
	if (v != NULL)
		g->vars = *v;
	if (rec != NULL) {
		g->line = rec->line;
		g->recno = (uint32_t)(rec - z->recs) + 1;
		if (rec->file != 0)
			g->file = pl_zone_record_file(z, rec);
		g->proxied = rec->proxy == PL_PROXY_PROXIED ? 1 :
		    rec->proxy == PL_PROXY_DNS_ONLY ? 0 : -1;
	}
}

/* The strings of g but its lazy message. */
static const struct pl_record *
diag_text_fields(const struct pl_diag *g, struct pl_diag_text *t)
{
	const struct pl_record *rec;

	memset(t, 0, sizeof(*t));
	if (g->zone == NULL) {
		t->pointer = g->pointer;
		t->name = g->name;
		t->type = g->type;
		t->content = g->content;
		t->message = g->message;
		return NULL;
	}
	rec = g->recno > 0 ? &g->zone->recs[g->recno - 1] : NULL;
	if (rec != NULL) {
		t->pointer = pl_rec_pointer(rec);
		t->name = rec->owner;
		t->type = pl_type_name(rec->type, t->typebuf,
		    sizeof(t->typebuf));
		t->content = pl_rec_content(rec, t->contentbuf);
	}
	return rec;
}

void
pl_diag_text(const struct pl_diag *g, struct pl_diag_text *t)
{
	const struct pl_record *rec = diag_text_fields(g, t);

	if (g->zone != NULL)
		t->message = t->owned[1] = pl_format_message(g->rule->message,
		    g->zone, rec, NULL, NULL, NULL, &g->vars);
}

void
pl_diag_text_buf(const struct pl_diag *g, struct pl_diag_text *t,
    struct pl_buf *scratch)
{
	const struct pl_record *rec = diag_text_fields(g, t);

	if (g->zone == NULL)
		return;
	pl_buf_reset(scratch);
	pl_format_message_buf(scratch, g->rule->message, g->zone, rec, NULL,
	    NULL, NULL, &g->vars);
	t->message = scratch->buf != NULL ? scratch->buf : "";
}

void
pl_diag_text_release(struct pl_diag_text *t)
{
	for (int i = 0; i < 5; i++)
		free(t->owned[i]);
	memset(t, 0, sizeof(*t));
}

void
pl_report(struct pl_diags *d, const char *rule_id, const struct pl_zone *z,
    const struct pl_record *rec, const struct pl_vars *v)
{
	pl_report_rule(d, pl_ruleset_find(d->rules, rule_id), z, rec, v);
}

void
pl_report_at(struct pl_diags *d, const char *rule_id, uint32_t line,
    const char *pointer, const char *name, const char *type,
    const char *content, const struct pl_vars *v)
{
	const struct pl_rule *rule = pl_ruleset_find(d->rules, rule_id);
	struct pl_diag *g;

	if (rule == NULL || rule->severity == PL_SEV_NONE)
		return;
	g = diag_new(d, rule);
	g->line = line;
	g->recno = d->recno;
	if (d->subfile != NULL) {
		g->file_owned = pl_xstrdup(d->subfile);
		g->file = g->file_owned;
	}
	g->pointer = pointer ? pl_xstrdup(pointer) : NULL;
	g->name = name ? pl_xstrdup(name) : NULL;
	g->type = type ? pl_xstrdup(type) : NULL;
	g->content = content ? pl_xstrdup(content) : NULL;
	g->message = pl_format_message(rule->message, NULL, NULL, name, type,
	    content, v);
}

void
pl_diags_move(struct pl_diags *to, struct pl_diags *from, unsigned input)
{
	/* Into an empty list, the array itself moves: no copy of what can
	 * be a million findings. */
	if (to->n == 0) {
		free(to->v);
		to->v = from->v;
		to->n = from->n;
		to->cap = from->cap;
		for (size_t i = 0; i < to->n; i++)
			to->v[i].input = input;
		for (int s = 0; s <= PL_SEV_ERROR; s++)
			to->count[s] += from->count[s];
		from->v = NULL;
		from->n = from->cap = 0;
		memset(from->count, 0, sizeof(from->count));
		return;
	}
	if (to->cap < to->n + from->n) {
		to->cap = to->n + from->n;
		to->v = pl_xreallocarray(to->v, to->cap, sizeof(*to->v));
	}
	for (size_t i = 0; i < from->n; i++) {
		struct pl_diag *g;

		if (to->n == to->cap) {
			to->cap = to->cap ? to->cap * 2 : 64;
			to->v = pl_xreallocarray(to->v, to->cap,
			    sizeof(*to->v));
		}
		g = &to->v[to->n];
		*g = from->v[i];
		g->input = input;
		g->seq = (uint32_t)to->n;
		to->count[g->sev]++;
		to->n++;
	}
	free(from->v);
	from->v = NULL;
	from->n = from->cap = 0;
	memset(from->count, 0, sizeof(from->count));
}

void
pl_diags_truncate(struct pl_diags *d, size_t n)
{
	while (d->n > n) {
		struct pl_diag *g = &d->v[--d->n];

		d->count[g->sev]--;
		free(g->file_owned);
		free(g->pointer);
		free(g->name);
		free(g->type);
		free(g->content);
		free(g->message);
	}
}

static int
diag_cmp(const void *a, const void *b)
{
	const struct pl_diag *x = a, *y = b;
	int c;

	if (x->input != y->input)
		return x->input < y->input ? -1 : 1;
	/* Findings in $INCLUDEd files sort by file name, then line. */
	if (x->file != y->file && x->file != NULL && y->file != NULL &&
	    (c = strcmp(x->file, y->file)) != 0)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->recno != y->recno)
		return x->recno < y->recno ? -1 : 1;
	if ((c = strcmp(x->rule->id, y->rule->id)) != 0)
		return c;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
pl_diags_sort(struct pl_diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), diag_cmp);
}

enum pl_severity
pl_diags_max(const struct pl_diags *d)
{
	for (int s = PL_SEV_ERROR; s > PL_SEV_NONE; s--)
		if (d->count[s] > 0)
			return (enum pl_severity)s;
	return PL_SEV_NONE;
}
