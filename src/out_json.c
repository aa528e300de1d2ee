/* out_json.c -- one JSON document for the whole run (design.md) */
/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

/* Length of the valid UTF-8 sequence at s, or 0 (RFC 3629 section 4). */
static size_t
utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf && (s[1] & 0xc0) == 0x80)
		return 2;
	if (s[0] >= 0xe0 && s[0] <= 0xef && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && !(s[0] == 0xe0 && s[1] < 0xa0) &&
	    !(s[0] == 0xed && s[1] >= 0xa0))
		return 3;
	if (s[0] >= 0xf0 && s[0] <= 0xf4 && (s[1] & 0xc0) == 0x80 &&
	    (s[2] & 0xc0) == 0x80 && (s[3] & 0xc0) == 0x80 &&
	    !(s[0] == 0xf0 && s[1] < 0x90) && !(s[0] == 0xf4 && s[1] >= 0x90))
		return 4;
	return 0;
}

/*
 * Appends s as a JSON string, escaped as jansson escapes it.  Zone data
 * need not be UTF-8: an octet that is not part of valid UTF-8 is written as
 * the DNS presentation escape \DDD (RFC 1035 section 5.1), so the output
 * stays valid JSON and says what the zone said.
 */
static void
put_str(struct pl_buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s == NULL) {
		pl_buf_add(b, "null", 4);
		return;
	}
	pl_buf_addc(b, '"');
	while (*s != '\0') {
		const unsigned char *run = s;
		size_t n;

		/* Plain printable ASCII goes out in one piece. */
		while (*s >= 0x20 && *s < 0x80 && *s != '"' && *s != '\\')
			s++;
		if (s > run)
			pl_buf_add(b, (const char *)run, (size_t)(s - run));
		if (*s == '\0')
			break;
		if ((n = utf8_len(s)) == 0) {
			pl_buf_addf(b, "\\\\%03u", *s++);
			continue;
		}
		if (n > 1) {
			pl_buf_add(b, (const char *)s, n);
			s += n;
			continue;
		}
		switch (*s) {
		case '"':  pl_buf_add(b, "\\\"", 2); break;
		case '\\': pl_buf_add(b, "\\\\", 2); break;
		case '\b': pl_buf_add(b, "\\b", 2); break;
		case '\f': pl_buf_add(b, "\\f", 2); break;
		case '\n': pl_buf_add(b, "\\n", 2); break;
		case '\r': pl_buf_add(b, "\\r", 2); break;
		case '\t': pl_buf_add(b, "\\t", 2); break;
		default:
			pl_buf_addf(b, "\\u%04x", *s);
		}
		s++;
	}
	pl_buf_addc(b, '"');
}

static void
put_uint(struct pl_buf *b, uint32_t v)
{
	char buf[16], *p = buf + sizeof(buf);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	pl_buf_add(b, p, (size_t)(buf + sizeof(buf) - p));
}

/* ",\n      \"KEY\": " as one string literal. */
#define KEY(k)	",\n      \"" k "\": "
#define put_key(b, k)	pl_buf_add((b), KEY(k), sizeof(KEY(k)) - 1)

/*
 * The end of every finding of a rule, escaped once per run: its fix and
 * doc, the same in each.  Found by the rule's address.
 */
struct tail {
	const struct pl_rule	*rule;
	char			*text;		/* "fix", then "doc" and the end */
	size_t			 len;
	size_t			 split;		/* where "doc" starts */
};

struct tails {
	struct tail	*v;
	size_t		 cap;		/* a power of two */
};

static size_t
tail_slot(const struct tails *ts, const struct pl_rule *rule)
{
	size_t j = ((uintptr_t)rule >> 4) * 0x9e3779b97f4a7c15ULL >> 20;

	for (j &= ts->cap - 1; ts->v[j].rule != NULL && ts->v[j].rule != rule;
	    j = (j + 1) & (ts->cap - 1))
		;
	return j;
}

/* One tail for each rule of d's findings. */
static void
tails_build(struct tails *ts, const struct pl_diags *d)
{
	size_t n = 0;

	ts->cap = 64;
	ts->v = pl_xcalloc(ts->cap, sizeof(*ts->v));
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_rule *rule = d->v[i].rule;
		size_t j = tail_slot(ts, rule);
		struct pl_buf b;

		if (ts->v[j].rule != NULL)
			continue;
		if (++n * 2 > ts->cap) {
			struct tails big = { NULL, ts->cap * 2 };

			big.v = pl_xcalloc(big.cap, sizeof(*big.v));
			for (size_t k = 0; k < ts->cap; k++)
				if (ts->v[k].rule != NULL)
					big.v[tail_slot(&big, ts->v[k].rule)] =
					    ts->v[k];
			free(ts->v);
			*ts = big;
			j = tail_slot(ts, rule);
		}
		pl_buf_init(&b);
		put_key(&b, "fix");
		put_str(&b, rule->fix);
		ts->v[j].split = b.len;
		put_key(&b, "doc");
		put_str(&b, rule->doc);
		pl_buf_add(&b, "\n    }", 6);
		ts->v[j].rule = rule;
		ts->v[j].len = b.len;
		ts->v[j].text = pl_buf_detach(&b);
	}
}

static void
tails_release(struct tails *ts)
{
	for (size_t k = 0; k < ts->cap; k++)
		free(ts->v[k].text);
	free(ts->v);
}

/*
 * "autofix": null for a rule without a fix; else whether it can be made
 * here, how sure it is, the state it gives, and why it cannot be made.
 */
static void
put_autofix(struct pl_buf *b, const struct pl_diag *g)
{
	struct pl_autofix af;

	put_key(b, "autofix");
	if (g->rule->autofix == PL_AUTOFIX_NONE) {
		pl_buf_add(b, "null", 4);
		return;
	}
	pl_autofix_of(g->rule, g->zone, pl_diag_record(g), &af);
	pl_buf_adds(b, "{\n        \"applicable\": ");
	pl_buf_adds(b, af.applicable ? "true" : "false");
	pl_buf_adds(b, ",\n        \"safety\": ");
	put_str(b, pl_autofix_safety_name(af.safety));
	pl_buf_adds(b, ",\n        \"proxied\": ");
	pl_buf_adds(b, af.to == PL_PROXY_PROXIED ? "true" : "false");
	pl_buf_adds(b, ",\n        \"reason\": ");
	put_str(b, af.applicable ? NULL : af.why);
	pl_buf_adds(b, "\n      }");
}

/* Appends finding i of d: one element of the "findings" array. */
static void
put_finding(struct pl_buf *b, const struct pl_diags *d, size_t i,
    const struct tails *ts, struct pl_buf *scratch)
{
	static const char open0[] = "\n    {\n      \"rule\": ";
	const struct pl_diag *g = &d->v[i];
	const struct tail *tl = &ts->v[tail_slot(ts, g->rule)];
	struct pl_diag_text t;

	pl_diag_text_buf(g, &t, scratch);
	/* The comma that separates elements leads all but the first. */
	if (i == 0)
		pl_buf_add(b, open0, sizeof(open0) - 1);
	else
		pl_buf_add(b, ",\n    {\n      \"rule\": ", sizeof(open0));
	put_str(b, g->rule->id);
	put_key(b, "severity");
	put_str(b, pl_severity_name(g->sev));
	put_key(b, "file");
	put_str(b, g->file);
	put_key(b, "line");
	if (g->line > 0)
		put_uint(b, g->line);
	else
		pl_buf_add(b, "null", 4);
	put_key(b, "column");
	if (g->line > 0 && g->col > 0)
		put_uint(b, g->col);
	else
		pl_buf_add(b, "null", 4);
	put_key(b, "pointer");
	put_str(b, t.pointer);
	put_key(b, "name");
	put_str(b, t.name);
	put_key(b, "type");
	put_str(b, t.type);
	put_key(b, "content");
	put_str(b, t.content);
	put_key(b, "proxied");
	pl_buf_adds(b, g->proxied < 0 ? "null" : g->proxied ? "true" :
	    "false");
	/* The rules merged into this finding (pl_diags_merge). */
	put_key(b, "also");
	pl_buf_addc(b, '[');
	for (uint32_t k = 0; k < g->nalso; k++) {
		pl_buf_adds(b, k == 0 ? "\n        " : ",\n        ");
		put_str(b, g->also[k]->id);
	}
	pl_buf_adds(b, g->nalso > 0 ? "\n      ]" : "]");
	put_key(b, "message");
	put_str(b, t.message);
	pl_buf_add(b, tl->text, tl->split);
	put_autofix(b, g);
	pl_buf_add(b, tl->text + tl->split, tl->len - tl->split);
	pl_diag_text_release(&t);
}

/*
 * Findings are written in chunks: a chunk is formatted into memory and
 * written with one call.  With two threads, the second formats the next
 * chunk while the first formats (then writes) its own; the text is the
 * same whatever the number of threads.
 */
#define CHUNK	2048		/* findings, about 1.6 MiB of text */

struct chunk {
	const struct pl_diags	*d;
	const struct tails	*ts;
	size_t			 from, to;
	struct pl_buf		 b;
	struct pl_buf		 scratch;	/* a message */
};

static void *
format_chunk(void *arg)
{
	struct chunk *c = arg;

	pl_buf_reset(&c->b);
	for (size_t i = c->from; i < c->to; i++)
		put_finding(&c->b, c->d, i, c->ts, &c->scratch);
	return NULL;
}

static void
write_chunk(FILE *out, const struct chunk *c)
{
	if (c->b.len > 0)
		fwrite(c->b.buf, 1, c->b.len, out);
}

/*
 * The document has the layout of jansson's JSON_INDENT(2), and is written a
 * chunk at a time, so that a run with a million findings never holds them
 * all, as text or as a tree.
 */
int
pl_out_json(FILE *out, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs,
    const struct pl_output_opts *o)
{
	struct chunk c[2];
	struct tails ts;

	(void)rs;
	fprintf(out, "{\n  \"version\": 1,\n  \"tool\": {\n"
	    "    \"name\": \"proxylint\",\n    \"version\": \"%s\"\n  },\n"
	    "  \"findings\": [", PL_VERSION);
	tails_build(&ts, d);
	for (int k = 0; k < 2; k++) {
		c[k].d = d;
		c[k].ts = &ts;
		pl_buf_init(&c[k].b);
		pl_buf_init(&c[k].scratch);
	}
	for (size_t from = 0; from < d->n && !ferror(out);) {
		pthread_t tid;
		int two = 0;

		c[0].from = from;
		c[0].to = from + CHUNK < d->n ? from + CHUNK : d->n;
		c[1].from = c[0].to;
		c[1].to = c[1].from + CHUNK < d->n ? c[1].from + CHUNK : d->n;
		if (o->threads > 1 && c[1].from < c[1].to)
			two = pthread_create(&tid, NULL, format_chunk,
			    &c[1]) == 0;
		format_chunk(&c[0]);
		write_chunk(out, &c[0]);
		if (two) {
			pthread_join(tid, NULL);
			write_chunk(out, &c[1]);
			from = c[1].to;
		} else
			from = c[0].to;
	}
	for (int k = 0; k < 2; k++) {
		pl_buf_release(&c[k].b);
		pl_buf_release(&c[k].scratch);
	}
	tails_release(&ts);
	fputs(d->n > 0 ? "\n  ],\n  \"errors\": [" : "],\n  \"errors\": [",
	    out);
	for (size_t i = 0; i < st->nerrors; i++) {
		json_t *e = json_object();
		char *s;

		json_object_set_new(e, "file", pl_json_str(st->errors[i].file));
		json_object_set_new(e, "message",
		    pl_json_str(st->errors[i].message));
		s = json_dumps(e, JSON_PRESERVE_ORDER);
		fprintf(out, "%s\n    %s", i > 0 ? "," : "", s != NULL ? s :
		    "{}");
		free(s);
		json_decref(e);
	}
	fprintf(out, "%s\"summary\": {\n    \"files\": %u,\n"
	    "    \"records\": %lu,\n    \"error\": %u,\n    \"warning\": %u,\n"
	    "    \"info\": %u,\n    \"unreadable\": %zu\n  }\n}\n",
	    st->nerrors > 0 ? "\n  ],\n  " : "],\n  ",
	    st->files, st->records, d->count[PL_SEV_ERROR],
	    d->count[PL_SEV_WARNING], d->count[PL_SEV_INFO], st->nerrors);
	return ferror(out) ? PL_EWRITE : 0;
}
