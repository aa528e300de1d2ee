/* out_sarif.c -- SARIF 2.1.0 for code scanning dashboards */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

#define SARIF_SCHEMA	"https://json.schemastore.org/sarif-2.1.0.json"
/* The partialFingerprints key; bump the version if the hash changes. */
#define FINGERPRINT_KEY	"proxylintRecordHash/v1"

static json_t *
text(const char *s)
{
	json_t *j = json_object();

	json_object_set_new(j, "text", pl_json_str(s));
	return j;
}

static const char *
level(enum pl_severity sev)
{
	switch (sev) {
	case PL_SEV_ERROR:
		return "error";
	case PL_SEV_WARNING:
		return "warning";
	case PL_SEV_INFO:
		return "note";
	default:
		return "none";
	}
}

/* "mail-host-proxied" -> "MailHostProxied", the rule's SARIF name. */
static char *
pascal(const char *id)
{
	struct pl_buf b;
	int up = 1;

	pl_buf_init(&b);
	for (; *id != '\0'; id++) {
		if (*id == '-') {
			up = 1;
			continue;
		}
		pl_buf_addc(&b, up ? (char)(*id >= 'a' && *id <= 'z' ?
		    *id - 'a' + 'A' : *id) : *id);
		up = 0;
	}
	pl_buf_addc(&b, '\0');
	return pl_buf_detach(&b);
}

static json_t *
rule_json(const struct pl_rule *r)
{
	json_t *j = json_object(), *cfg = json_object(), *props = json_object();
	json_t *tags = json_array();
	char *name = pascal(r->id);

	json_object_set_new(j, "id", pl_json_str(r->id));
	json_object_set_new(j, "name", pl_json_str(name));
	json_object_set_new(j, "shortDescription", text(r->summary));
	json_object_set_new(j, "fullDescription", text(r->explain != NULL ?
	    r->explain : r->summary));
	json_object_set_new(j, "help", text(r->fix));
	if (r->doc != NULL)
		json_object_set_new(j, "helpUri", pl_json_str(r->doc));
	json_object_set_new(cfg, "level", json_string(level(
	    r->default_severity)));
	json_object_set_new(j, "defaultConfiguration", cfg);
	json_array_append_new(tags, pl_json_str(r->use_case));
	json_object_set_new(props, "tags", tags);
	json_object_set_new(j, "properties", props);
	free(name);
	return j;
}

/*
 * A percent-encoded URI reference for a file name (RFC 3986): a relative
 * reference for a relative path, a file: URI for an absolute one.  ':' is
 * encoded so that no first segment reads as a scheme.
 */
static char *
file_uri(const char *file)
{
	static const char hex[] = "0123456789ABCDEF";
	char *rel = pl_out_relative_path(file);
	struct pl_buf b;

	pl_buf_init(&b);
	if (rel[0] == '/')
		pl_buf_adds(&b, "file://");
	for (const unsigned char *p = (const unsigned char *)rel; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/!$&'()*+,;=@",
		    *p) != NULL)
			pl_buf_addc(&b, (char)*p);
		else {
			pl_buf_addc(&b, '%');
			pl_buf_addc(&b, hex[*p >> 4]);
			pl_buf_addc(&b, hex[*p & 15]);
		}
	}
	pl_buf_addc(&b, '\0');
	free(rel);
	return pl_buf_detach(&b);
}

/*
 * The fix of a finding as SARIF has it (section 3.55): the edits to make,
 * each a region of the file deleted and the text put in its place, with
 * its safety in the property bag (a dashboard shows it; --fix applies a
 * safe one, an unsafe one with --unsafe-fixes).
 */
static json_t *
fixes_json(const struct pl_diag *g, const struct pl_output_opts *o)
{
	const struct pl_edit *e;
	struct pl_autofix af;
	json_t *fixes, *fx, *changes, *props;
	struct pl_buf b;
	size_t n;

	if (o->edits == NULL || g->zone == NULL || g->recno == 0 ||
	    (e = pl_edits_find(o->edits, g->zone, g->recno - 1, &n)) == NULL)
		return NULL;
	pl_autofix_of(g->rule, g->zone, pl_diag_record(g), &af);
	if (!af.applicable)
		return NULL;
	fixes = json_array();
	fx = json_object();
	changes = json_array();
	pl_buf_init(&b);
	pl_buf_addf(&b, "Set the record to %s", af.to == PL_PROXY_PROXIED ?
	    "proxied" : "DNS-only");
	if (af.spelling != NULL)
		pl_buf_addf(&b, " (%s)", af.spelling);
	json_object_set_new(fx, "description", text(b.buf));
	pl_buf_release(&b);
	for (size_t i = 0; i < n; i++) {
		json_t *ch = json_object(), *art = json_object();
		json_t *reps = json_array(), *rep = json_object();
		json_t *reg = json_object(), *ins = json_object();
		char *uri = file_uri(e[i].zone->files[e[i].file]);

		json_object_set_new(art, "uri", pl_json_str(uri));
		free(uri);
		json_object_set_new(ch, "artifactLocation", art);
		json_object_set_new(reg, "startLine", json_integer(e[i].line));
		json_object_set_new(reg, "startColumn", json_integer(e[i].col));
		json_object_set_new(reg, "endLine",
		    json_integer(e[i].end_line));
		json_object_set_new(reg, "endColumn",
		    json_integer(e[i].end_col));
		json_object_set_new(rep, "deletedRegion", reg);
		json_object_set_new(ins, "text", pl_json_str(e[i].text));
		json_object_set_new(rep, "insertedContent", ins);
		json_array_append_new(reps, rep);
		json_object_set_new(ch, "replacements", reps);
		json_array_append_new(changes, ch);
	}
	json_object_set_new(fx, "artifactChanges", changes);
	props = json_object();
	json_object_set_new(props, "safety",
	    json_string(pl_autofix_safety_name(af.safety)));
	json_object_set_new(fx, "properties", props);
	json_array_append_new(fixes, fx);
	return fixes;
}

static json_t *
result_json(const struct pl_diag *g, const struct pl_diag_text *t,
    size_t rule_index, const char *uri, struct pl_fingerprints *fps,
    const struct pl_output_opts *o)
{
	json_t *fixes;
	json_t *j = json_object(), *loc = json_object(), *phys = json_object();
	json_t *art = json_object(), *locs = json_array(), *fp = json_object();
	json_t *props = json_object(), *region = json_object();
	char buf[PL_FINGERPRINT_LEN];

	json_object_set_new(j, "ruleId", pl_json_str(g->rule->id));
	json_object_set_new(j, "ruleIndex", json_integer((json_int_t)
	    rule_index));
	json_object_set_new(j, "level", json_string(level(g->sev)));
	if (g->line == 0 && t->pointer != NULL) {
		/* Dashboards do not show logical locations: say it. */
		char *m = pl_xasprintf("%s: %s", t->pointer, t->message);

		json_object_set_new(j, "message", text(m));
		free(m);
	} else
		json_object_set_new(j, "message", text(t->message));
	json_object_set_new(art, "uri", pl_json_str(uri));
	json_object_set_new(phys, "artifactLocation", art);
	/*
	 * Code scanning wants a start line for every result (and the
	 * multitool a region): a finding without a line is shown at the top
	 * of its file.
	 */
	json_object_set_new(region, "startLine", json_integer(g->line > 0 ?
	    g->line : 1));
	if (g->line > 0 && g->col > 0)
		json_object_set_new(region, "startColumn",
		    json_integer(g->col));
	json_object_set_new(phys, "region", region);
	json_object_set_new(loc, "physicalLocation", phys);
	if (t->pointer != NULL) {
		/* Terraform and API input have no lines: name the resource
		 * address or the JSON pointer of the record. */
		json_t *ll = json_array(), *l = json_object();

		json_object_set_new(l, "fullyQualifiedName", pl_json_str(t->pointer));
		json_object_set_new(l, "kind", json_string(t->pointer[0] == '/' ?
		    "object" : "resource"));
		json_array_append_new(ll, l);
		json_object_set_new(loc, "logicalLocations", ll);
	}
	json_array_append_new(locs, loc);
	json_object_set_new(j, "locations", locs);
	/* Identity without the line, so an alert survives moved records. */
	pl_fingerprint(fps, g, t, uri, buf);
	json_object_set_new(fp, FINGERPRINT_KEY, json_string(buf));
	json_object_set_new(j, "partialFingerprints", fp);
	json_object_set_new(props, "name", pl_json_str_or_null(t->name));
	json_object_set_new(props, "type", pl_json_str_or_null(t->type));
	json_object_set_new(props, "content", pl_json_str_or_null(t->content));
	json_object_set_new(props, "proxied", g->proxied < 0 ? json_null() :
	    json_boolean(g->proxied));
	if (g->nalso > 0) {
		/* The rules merged into this result (pl_diags_merge): the
		 * same change fixes them. */
		json_t *also = json_array();

		for (uint32_t k = 0; k < g->nalso; k++)
			json_array_append_new(also, pl_json_str(g->also[k]->id));
		json_object_set_new(props, "also", also);
	}
	json_object_set_new(j, "properties", props);
	if ((fixes = fixes_json(g, o)) != NULL)
		json_object_set_new(j, "fixes", fixes);
	return j;
}

/* Writes j indented by indent spaces, as part of a bigger document. */
static int
dump_at(FILE *out, const json_t *j, int indent)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	if (s == NULL)
		return PL_ENOMEM;
	/* Strings hold no raw newline: each one starts a line. */
	for (const char *p = s; *p != '\0'; p++) {
		fputc(*p, out);
		if (*p == '\n')
			fprintf(out, "%*s", indent, "");
	}
	free(s);
	return 0;
}

/* The rules to list: those of rs, then any other rule a finding names
 * (from another input's config).  Returns a new array. */
static const struct pl_rule **
rule_list(const struct pl_diags *d, const struct pl_ruleset *rs, size_t *n)
{
	const struct pl_rule **v = pl_xcalloc(rs->n + 1, sizeof(*v));
	size_t cap = rs->n + 1;

	*n = 0;
	for (size_t i = 0; i < rs->n; i++)
		v[(*n)++] = rs->rules[i];
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_rule *r = d->v[i].rule;
		size_t k;

		for (k = 0; k < *n; k++)
			if (v[k] == r || strcmp(v[k]->id, r->id) == 0)
				break;
		if (k < *n)
			continue;
		if (*n == cap) {
			cap *= 2;
			v = pl_xreallocarray(v, cap, sizeof(*v));
		}
		v[(*n)++] = r;
	}
	return v;
}

static size_t
rule_index(const struct pl_rule **v, size_t n, const struct pl_rule *r)
{
	for (size_t k = 0; k < n; k++)
		if (v[k] == r)
			return k;
	for (size_t k = 0; k < n; k++)
		if (strcmp(v[k]->id, r->id) == 0)
			return k;
	return 0;
}

/*
 * One invocation: whether it ran to its end, with the inputs that could
 * not be read as notifications (SARIF 2.1.0 section 3.20), so that a
 * dashboard does not show a run that read nothing as a clean one.
 */
static json_t *
invocations(const struct pl_run_stats *st)
{
	json_t *v = json_array(), *inv = json_object(), *notes = json_array();

	json_object_set_new(inv, "executionSuccessful",
	    json_boolean(st->nerrors == 0));
	for (size_t i = 0; i < st->nerrors; i++) {
		json_t *n = json_object(), *locs = json_array();
		json_t *loc = json_object(), *phys = json_object();
		json_t *art = json_object();
		char *uri = file_uri(st->errors[i].file);

		json_object_set_new(n, "level", json_string("error"));
		json_object_set_new(n, "message",
		    text(st->errors[i].message));
		json_object_set_new(art, "uri", pl_json_str(uri));
		json_object_set_new(phys, "artifactLocation", art);
		json_object_set_new(loc, "physicalLocation", phys);
		json_array_append_new(locs, loc);
		json_object_set_new(n, "locations", locs);
		json_array_append_new(notes, n);
		free(uri);
	}
	json_object_set_new(inv, "toolExecutionNotifications", notes);
	json_array_append_new(v, inv);
	return v;
}

/*
 * The document is written result by result, each built with jansson and
 * freed at once, so that a run with many findings never holds them all.
 */
int
pl_out_sarif(FILE *out, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs,
    const struct pl_output_opts *o)
{
	json_t *tool = json_object(), *driver = json_object();
	json_t *rules = json_array();
	const struct pl_rule **list;
	const struct pl_rule *last_rule = NULL;
	struct pl_fingerprints fps;
	const char *last_file = NULL;
	char *uri = NULL;
	size_t nlist, last_index = 0;
	int rc = 0;

	pl_fingerprints_init(&fps);
	list = rule_list(d, rs, &nlist);
	json_object_set_new(driver, "name", json_string("proxylint"));
	json_object_set_new(driver, "version", json_string(PL_VERSION));
	json_object_set_new(driver, "semanticVersion", json_string(PL_VERSION));
	json_object_set_new(driver, "informationUri", json_string(PL_HOMEPAGE));
	for (size_t i = 0; i < nlist; i++)
		json_array_append_new(rules, rule_json(list[i]));
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);

	fprintf(out, "{\n  \"$schema\": \"%s\",\n  \"version\": \"2.1.0\",\n"
	    "  \"runs\": [\n    {\n      \"tool\": ", SARIF_SCHEMA);
	if ((rc = dump_at(out, tool, 6)) != 0)
		goto out;
	fputs(",\n      \"results\": [", out);
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_diag *g = &d->v[i];
		struct pl_diag_text t;
		json_t *r;

		if (last_file == NULL || strcmp(last_file, g->file) != 0) {
			free(uri);
			uri = file_uri(g->file);
			last_file = g->file;
		}
		if (g->rule != last_rule) {
			last_index = rule_index(list, nlist, g->rule);
			last_rule = g->rule;
		}
		pl_diag_text(g, &t);
		r = result_json(g, &t, last_index, uri, &fps, o);
		fputs(i == 0 ? "\n        " : ",\n        ", out);
		rc = dump_at(out, r, 8);
		json_decref(r);
		pl_diag_text_release(&t);
		if (rc != 0)
			goto out;
	}
	fprintf(out, "%s],\n      \"invocations\": ", d->n > 0 ? "\n      " :
	    "");
	{
		json_t *inv = invocations(st);

		rc = dump_at(out, inv, 6);
		json_decref(inv);
	}
	fputs("\n    }\n  ]\n}\n", out);
out:
	free(uri);
	pl_fingerprints_release(&fps);
	free(list);
	json_decref(tool);
	if (rc != 0)
		return rc;
	return ferror(out) ? PL_EWRITE : 0;
}
