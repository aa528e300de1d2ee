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

/*
 * Writes a value indented by depth levels of two spaces, as jansson's
 * JSON_INDENT(2) would inside a document.
 */
static int
dump_indented(FILE *out, const json_t *j, int depth)
{
	char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (text == NULL)
		return -1;
	for (const char *p = text; *p != '\0'; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fprintf(out, "%*s", depth * 2, "");
	}
	free(text);
	return 0;
}

/*
 * The document is written one finding at a time, so that a run with a
 * million findings never holds them all as a JSON tree.
 */
int
pl_out_json(FILE *out, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs,
    const struct pl_output_opts *o)
{
	json_t *summary;
	int rc = 0;

	(void)rs;
	(void)o;
	fprintf(out, "{\n  \"version\": 1,\n  \"tool\": {\n"
	    "    \"name\": \"proxylint\",\n    \"version\": \"%s\"\n  },\n"
	    "  \"findings\": [", PL_VERSION);
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_diag *g = &d->v[i];
		json_t *f = json_object();
		struct pl_diag_text t;

		pl_diag_text(g, &t);
		json_object_set_new(f, "rule", json_string(g->rule->id));
		json_object_set_new(f, "severity",
		    json_string(pl_severity_name(g->sev)));
		json_object_set_new(f, "file", str_or_null(g->file));
		json_object_set_new(f, "line", g->line > 0 ?
		    json_integer(g->line) : json_null());
		json_object_set_new(f, "pointer", str_or_null(t.pointer));
		json_object_set_new(f, "name", str_or_null(t.name));
		json_object_set_new(f, "type", str_or_null(t.type));
		json_object_set_new(f, "content", str_or_null(t.content));
		json_object_set_new(f, "proxied", g->proxied < 0 ? json_null() :
		    json_boolean(g->proxied));
		json_object_set_new(f, "message", str_or_null(t.message));
		json_object_set_new(f, "fix", str_or_null(g->rule->fix));
		json_object_set_new(f, "doc", str_or_null(g->rule->doc));
		pl_diag_text_release(&t);
		fputs(i == 0 ? "\n    " : ",\n    ", out);
		if (dump_indented(out, f, 2) != 0)
			rc = PL_EWRITE;
		json_decref(f);
	}
	fputs(d->n > 0 ? "\n  ],\n  \"summary\": " : "],\n  \"summary\": ",
	    out);
	summary = json_object();
	json_object_set_new(summary, "files", json_integer(st->files));
	json_object_set_new(summary, "records",
	    json_integer((json_int_t)st->records));
	json_object_set_new(summary, "error",
	    json_integer(d->count[PL_SEV_ERROR]));
	json_object_set_new(summary, "warning",
	    json_integer(d->count[PL_SEV_WARNING]));
	json_object_set_new(summary, "info",
	    json_integer(d->count[PL_SEV_INFO]));
	if (dump_indented(out, summary, 1) != 0)
		rc = PL_EWRITE;
	json_decref(summary);
	fputs("\n}\n", out);
	return rc != 0 || ferror(out) ? PL_EWRITE : 0;
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
