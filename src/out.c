/* out.c -- what the reporters share: paths, summary, JSON strings */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "proxylint/log.h"
#include "proxylint/output.h"
#include "proxylint/banned.h"

json_t *
pl_json_str(const char *s)
{
	struct pl_buf b;
	json_t *j;

	if ((j = json_string(s != NULL ? s : "")) != NULL)
		return j;
	/* Zone data need not be UTF-8, and jansson refuses invalid text: in
	 * a string that is not, every octet above 127 is written as a DNS
	 * presentation escape (\DDD), so the output stays valid JSON and
	 * says what the zone said. */
	pl_buf_init(&b);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x80)
			pl_buf_addc(&b, (char)*p);
		else
			pl_buf_addf(&b, "\\%03u", *p);
	j = json_string(b.buf != NULL ? b.buf : "");
	pl_buf_release(&b);
	return j;
}

json_t *
pl_json_str_or_null(const char *s)
{
	return s != NULL ? pl_json_str(s) : json_null();
}

char *
pl_out_relative_path(const char *file)
{
	char *cwd;
	size_t n;
	char *rel = NULL;

	if (file[0] != '/' || (cwd = getcwd(NULL, 0)) == NULL)
		return pl_xstrdup(strncmp(file, "./", 2) == 0 && file[2] ?
		    file + 2 : file);
	n = strlen(cwd);
	if (strcmp(cwd, "/") == 0 && file[1] != '\0')
		rel = pl_xstrdup(file + 1);
	else if (strncmp(file, cwd, n) == 0 && file[n] == '/' &&
	    file[n + 1] != '\0')
		rel = pl_xstrdup(file + n + 1);
	free(cwd);
	return rel != NULL ? rel : pl_xstrdup(file);
}

static void
count(struct pl_buf *b, unsigned n, const char *one, const char *many)
{
	if (b->len > 0)
		pl_buf_adds(b, ", ");
	pl_buf_addf(b, "%u %s", n, n == 1 ? one : many);
}

char *
pl_summary_line(const struct pl_diags *d, const struct pl_run_stats *st)
{
	struct pl_buf b;

	pl_buf_init(&b);
	if (d->count[PL_SEV_ERROR])
		count(&b, d->count[PL_SEV_ERROR], "error", "errors");
	if (d->count[PL_SEV_WARNING])
		count(&b, d->count[PL_SEV_WARNING], "warning", "warnings");
	if (d->count[PL_SEV_INFO])
		count(&b, d->count[PL_SEV_INFO], "info", "infos");
	if (b.len == 0)
		pl_buf_adds(&b, "no findings");
	pl_buf_addf(&b, " in %u %s", st->files, st->files == 1 ? "file" :
	    "files");
	if (st->nerrors > 0)
		pl_buf_addf(&b, ", %zu %s could not be read", st->nerrors,
		    st->nerrors == 1 ? "input" : "inputs");
	return pl_buf_detach(&b);
}

void
pl_out_timing(FILE *out, const char *path, const struct pl_timing *t,
    const struct pl_zone *z)
{
	fprintf(out, PL_PROGNAME ": timing: %s: read %.3f s, parse %.3f s, "
	    "index %.3f s, rules %.3f s; memory after the reader %ld KiB, "
	    "after the index %ld KiB, peak %ld KiB\n", path, t->read,
	    t->parse, t->index, t->rules, t->rss_read_kib, t->rss_index_kib,
	    t->peak_kib);
	/* A line per zone of the input (a chain: DNSControl's views). */
	for (; z != NULL; z = z->next)
		fprintf(out, PL_PROGNAME ": memory: %u records (%zu bytes each, "
		    "room for %u), %u names (table of %u), arena %zu bytes\n",
		    z->nrecs, sizeof(struct pl_record), z->caprecs, z->nnames,
		    z->capnames, z->arena.total);
}

/* 64-bit FNV-1a, over each string and its terminating NUL. */
static uint64_t
fnv(uint64_t h, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s != NULL ? s : "");

	do {
		h ^= *p;
		h *= 0x100000001b3ULL;
	} while (*p++ != '\0');
	return h;
}

static unsigned
seen_bump(struct pl_fingerprints *s, uint64_t key)
{
	size_t i;

	if (key == 0)
		key = 1;	/* 0 marks an empty slot */
	if (2 * (s->n + 1) > s->cap) {
		struct pl_fingerprints t = { NULL, NULL, s->cap ? s->cap * 2 : 64, 0 };

		t.key = pl_xcalloc(t.cap, sizeof(*t.key));
		t.count = pl_xcalloc(t.cap, sizeof(*t.count));
		for (size_t k = 0; k < s->cap; k++)
			if (s->key[k] != 0) {
				for (i = s->key[k] & (t.cap - 1); t.key[i] != 0;
				    i = (i + 1) & (t.cap - 1))
					;
				t.key[i] = s->key[k];
				t.count[i] = s->count[k];
				t.n++;
			}
		free(s->key);
		free(s->count);
		*s = t;
	}
	for (i = key & (s->cap - 1); s->key[i] != 0 && s->key[i] != key;
	    i = (i + 1) & (s->cap - 1))
		;
	if (s->key[i] == 0) {
		s->key[i] = key;
		s->n++;
	}
	return ++s->count[i];
}

void
pl_fingerprints_init(struct pl_fingerprints *f)
{
	memset(f, 0, sizeof(*f));
}

void
pl_fingerprints_release(struct pl_fingerprints *f)
{
	free(f->key);
	free(f->count);
	memset(f, 0, sizeof(*f));
}

void
pl_fingerprint(struct pl_fingerprints *f, const struct pl_diag *g,
    const struct pl_diag_text *t, const char *file, char *buf)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	h = fnv(h, g->rule->id);
	if (t->name != NULL) {
		h = fnv(h, t->name);
		h = fnv(h, t->type);
		h = fnv(h, t->content);
	} else
		h = fnv(h, t->message);
	snprintf(buf, PL_FINGERPRINT_LEN, "%016llx:%u", (unsigned long long)h,
	    seen_bump(f, fnv(h, file)));
}

bool
pl_out_fixable(const struct pl_diag *g, const struct pl_output_opts *o)
{
	struct pl_autofix af;

	if (g->rule->autofix == PL_AUTOFIX_NONE)
		return false;
	pl_autofix_of(g->rule, g->zone, pl_diag_record(g), &af);
	return pl_autofix_applies(&af, o->unsafe_fixes);
}

void
pl_out_autofix_text(struct pl_buf *b, const struct pl_diag *g,
    const struct pl_output_opts *o)
{
	struct pl_autofix af;
	const char *state;

	if (g->rule->autofix == PL_AUTOFIX_NONE)
		return;
	pl_autofix_of(g->rule, g->zone, pl_diag_record(g), &af);
	state = af.to == PL_PROXY_PROXIED ? "proxied" : "DNS-only";
	if (!af.applicable) {
		pl_buf_addf(b, "none here (%s): %s", state, af.why);
		return;
	}
	pl_buf_addf(b, "set the record to %s", state);
	if (af.spelling != NULL)
		pl_buf_addf(b, " (%s)", af.spelling);
	if (af.safety == PL_AUTOFIX_SAFE)
		pl_buf_adds(b, "; safe: --fix applies it");
	else
		pl_buf_addf(b, "; unsafe, judge it first: %s applies it",
		    o->unsafe_fixes ? "--fix" : "--fix --unsafe-fixes");
}
