/* autofix.c -- what the fix of a finding is, and the edits fixes make */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include "proxylint/autofix.h"
#include "proxylint/banned.h"

/* How a Cloudflare export writes each state, for the messages. */
static const char *const bind_spelling[3] = {
	NULL, "cf-proxied:false", "cf-proxied:true",
};

void
pl_autofix_of(const struct pl_rule *rule, const struct pl_zone *z,
    const struct pl_record *rec, struct pl_autofix *af)
{
	const struct pl_anchor *a;

	memset(af, 0, sizeof(*af));
	af->safety = rule->autofix;
	af->to = (enum pl_proxy)pl_rule_fix_target(rule);
	if (af->safety == PL_AUTOFIX_NONE || af->to == PL_PROXY_UNKNOWN) {
		af->safety = PL_AUTOFIX_NONE;
		return;
	}
	if (z != NULL && z->anchors != NULL &&
	    z->anchors->spelling[af->to] != NULL)
		af->spelling = z->anchors->spelling[af->to];
	else if (z != NULL && z->format == PL_FMT_BIND)
		af->spelling = bind_spelling[af->to];
	if (z == NULL || rec == NULL) {
		af->why = "the finding is about the whole input, not a record";
		return;
	}
	if (rec->proxy == af->to) {
		af->why = "the record is already in that state";
		return;
	}
	if (af->to == PL_PROXY_PROXIED && !pl_name_is_proxiable_type(rec->type)) {
		af->why = "only A, AAAA and CNAME records can be proxied";
		return;
	}
	/* A state the input never gave (--default-proxy, or no flag at
	 * all) is not written in the file: nothing there to change. */
	if ((rec->flags & PL_REC_PROXY_DEFAULTED) ||
	    rec->proxy == PL_PROXY_UNKNOWN) {
		af->why = z->format == PL_FMT_BIND ? "the record has no "
		    "cf-proxied tag, so its state in the file is unknown: add "
		    "cf_tags=cf-proxied:true or false to its comment" :
		    "the input does not say the record's state";
		return;
	}
	if ((a = pl_anchor_find(z, (uint32_t)(rec - z->recs))) != NULL) {
		if (a->kind == PL_ANCHOR_REFUSE)
			af->why = a->why != NULL ? a->why : "the reader "
			    "cannot rewrite this record's flag";
		else if (a->text[af->to] == NULL)
			af->why = "the reader cannot write that state here";
		else
			af->applicable = true;
		return;
	}
	switch (z->format) {
	case PL_FMT_BIND:
		/* The fixer finds the cf-proxied value from the record's
		 * line (pl_bind_flag_spans): it is the tag the state came
		 * from. */
		af->applicable = true;
		break;
	case PL_FMT_CLOUDFLARE_JSON:
		af->why = "API JSON is generated, not kept: set the record's "
		    "proxy status in the dashboard or through the API";
		break;
	case PL_FMT_TERRAFORM_PLAN:
		af->why = "a plan is generated: change 'proxied' in the "
		    "Terraform source (.tf) of the resource";
		break;
	default:
		af->why = "the reader of this format left no fix anchor for "
		    "the record";
		break;
	}
}

bool
pl_autofix_applies(const struct pl_autofix *af, bool unsafe)
{
	return af->applicable && (af->safety == PL_AUTOFIX_SAFE ||
	    (af->safety == PL_AUTOFIX_UNSAFE && unsafe));
}

void
pl_edits_init(struct pl_edits *e)
{
	memset(e, 0, sizeof(*e));
}

void
pl_edits_release(struct pl_edits *e)
{
	for (size_t i = 0; i < e->n; i++)
		free(e->v[i].text);
	free(e->v);
	memset(e, 0, sizeof(*e));
}

struct pl_edit *
pl_edits_add(struct pl_edits *e, const struct pl_zone *z, uint16_t file,
    uint32_t rec, uint64_t off, uint32_t len, const char *text)
{
	struct pl_edit *ed;

	if (e->n == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->v = pl_xreallocarray(e->v, e->cap, sizeof(*e->v));
	}
	ed = &e->v[e->n++];
	memset(ed, 0, sizeof(*ed));
	ed->zone = z;
	ed->file = file;
	ed->rec = rec;
	ed->off = off;
	ed->len = len;
	ed->text = pl_xstrdup(text);
	return ed;
}

static int
edit_cmp(const void *pa, const void *pb)
{
	const struct pl_edit *a = pa, *b = pb;

	if (a->zone != b->zone)
		return (uintptr_t)a->zone < (uintptr_t)b->zone ? -1 : 1;
	if (a->rec != b->rec)
		return a->rec < b->rec ? -1 : 1;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->off < b->off ? -1 : a->off > b->off;
}

void
pl_edits_sort(struct pl_edits *e)
{
	if (e->n > 1)
		qsort(e->v, e->n, sizeof(*e->v), edit_cmp);
}

const struct pl_edit *
pl_edits_find(const struct pl_edits *e, const struct pl_zone *z,
    uint32_t rec, size_t *n)
{
	size_t lo = 0, hi, k;

	*n = 0;
	if (e == NULL)
		return NULL;
	hi = e->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pl_edit *m = &e->v[mid];

		if ((uintptr_t)m->zone < (uintptr_t)z ||
		    (m->zone == z && m->rec < rec))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (k = lo; k < e->n && e->v[k].zone == z && e->v[k].rec == rec; k++)
		;
	*n = k - lo;
	return *n > 0 ? &e->v[lo] : NULL;
}
