/* out_json.c -- one JSON document for the whole run (design.md) */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>

#include <jansson.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

static json_t *
str_or_null(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	/* Zone data need not be UTF-8; jansson refuses invalid text. */
	if ((j = json_string(s)) == NULL) {
		struct pl_buf b;

		pl_buf_init(&b);
		for (const unsigned char *p = (const unsigned char *)s; *p;
		    p++)
			if (*p < 0x80)
				pl_buf_addc(&b, (char)*p);
			else
				pl_buf_addf(&b, "\\%03u", *p);
		j = json_string(b.buf ? b.buf : "");
		pl_buf_release(&b);
	}
	return j;
}

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
 * Writes s as a JSON string, escaped as jansson escapes it.  Zone data need
 * not be UTF-8: an octet that is not part of valid UTF-8 is written as the
 * DNS presentation escape \DDD (RFC 1035 section 5.1), so the output stays
 * valid JSON and says what the zone said.
 */
static void
put_str(FILE *out, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	if (s == NULL) {
		fputs("null", out);
		return;
	}
	putc_unlocked('"', out);
	while (*s != '\0') {
		const unsigned char *run = s;
		size_t n;

		/* Plain printable ASCII goes out in one piece. */
		while (*s >= 0x20 && *s < 0x80 && *s != '"' && *s != '\\')
			s++;
		if (s > run)
			fwrite(run, 1, (size_t)(s - run), out);
		if (*s == '\0')
			break;
		if ((n = utf8_len(s)) == 0) {
			fprintf(out, "\\\\%03u", *s++);
			continue;
		}
		if (n > 1) {
			fwrite(s, 1, n, out);
			s += n;
			continue;
		}
		switch (*s) {
		case '"':  fputs("\\\"", out); break;
		case '\\': fputs("\\\\", out); break;
		case '\b': fputs("\\b", out); break;
		case '\f': fputs("\\f", out); break;
		case '\n': fputs("\\n", out); break;
		case '\r': fputs("\\r", out); break;
		case '\t': fputs("\\t", out); break;
		default:
			fprintf(out, "\\u%04x", *s);
		}
		s++;
	}
	putc_unlocked('"', out);
}

static void
put_uint(FILE *out, uint32_t v)
{
	char buf[16], *p = buf + sizeof(buf);

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	fwrite(p, 1, (size_t)(buf + sizeof(buf) - p), out);
}

static void
put_key(FILE *out, const char *key, int first)
{
	if (!first)
		putc_unlocked(',', out);
	fputs("\n      \"", out);
	fputs(key, out);
	fputs("\": ", out);
}

/*
 * The document is written one finding at a time, with the layout of
 * jansson's JSON_INDENT(2), so that a run with a million findings never
 * holds them all, as text or as a tree.
 */
int
pl_out_json(FILE *out, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs,
    const struct pl_output_opts *o)
{
	(void)rs;
	(void)o;
	fprintf(out, "{\n  \"version\": 1,\n  \"tool\": {\n"
	    "    \"name\": \"proxylint\",\n    \"version\": \"%s\"\n  },\n"
	    "  \"findings\": [", PL_VERSION);
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_diag *g = &d->v[i];
		struct pl_diag_text t;

		pl_diag_text(g, &t);
		fputs(i == 0 ? "\n    {" : ",\n    {", out);
		put_key(out, "rule", 1);
		put_str(out, g->rule->id);
		put_key(out, "severity", 0);
		put_str(out, pl_severity_name(g->sev));
		put_key(out, "file", 0);
		put_str(out, g->file);
		put_key(out, "line", 0);
		if (g->line > 0)
			put_uint(out, g->line);
		else
			fputs("null", out);
		put_key(out, "pointer", 0);
		put_str(out, t.pointer);
		put_key(out, "name", 0);
		put_str(out, t.name);
		put_key(out, "type", 0);
		put_str(out, t.type);
		put_key(out, "content", 0);
		put_str(out, t.content);
		put_key(out, "proxied", 0);
		fputs(g->proxied < 0 ? "null" : g->proxied ? "true" : "false",
		    out);
		put_key(out, "message", 0);
		put_str(out, t.message);
		put_key(out, "fix", 0);
		put_str(out, g->rule->fix);
		put_key(out, "doc", 0);
		put_str(out, g->rule->doc);
		fputs("\n    }", out);
		pl_diag_text_release(&t);
	}
	fprintf(out, "%s\"summary\": {\n    \"files\": %u,\n"
	    "    \"records\": %lu,\n    \"error\": %u,\n    \"warning\": %u,\n"
	    "    \"info\": %u\n  }\n}\n", d->n > 0 ? "\n  ],\n  " : "],\n  ",
	    st->files, st->records, d->count[PL_SEV_ERROR],
	    d->count[PL_SEV_WARNING], d->count[PL_SEV_INFO]);
	return ferror(out) ? PL_EWRITE : 0;
}

int
pl_out_rules_json(FILE *out, const struct pl_ruleset *rs)
{
	json_t *root = json_object(), *rules = json_array();
	int rc = 0;

	json_object_set_new(root, "version", json_integer(1));
	for (size_t i = 0; i < rs->n; i++) {
		const struct pl_rule *r = rs->rules[i];
		json_t *j = json_object(), *src = json_array();

		json_object_set_new(j, "id", json_string(r->id));
		json_object_set_new(j, "severity",
		    json_string(pl_severity_name(r->severity)));
		json_object_set_new(j, "use_case", json_string(r->use_case));
		json_object_set_new(j, "summary", str_or_null(r->summary));
		json_object_set_new(j, "fix", str_or_null(r->fix));
		json_object_set_new(j, "doc", str_or_null(r->doc));
		for (size_t k = 0; k < r->sources.n; k++)
			json_array_append_new(src, str_or_null(r->sources.v[k]));
		json_object_set_new(j, "sources", src);
		json_array_append_new(rules, j);
	}
	json_object_set_new(root, "rules", rules);
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		rc = PL_EWRITE;
	fputc('\n', out);
	json_decref(root);
	return rc != 0 || ferror(out) ? PL_EWRITE : 0;
}
