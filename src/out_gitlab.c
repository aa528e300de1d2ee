/* out_gitlab.c -- GitLab Code Quality: a JSON array of issues */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

/*
 * GitLab's Code Quality report (docs.gitlab.com, "Code Quality", the
 * implementing a custom tool section): an array of objects with
 * description, check_name, fingerprint (unique in the report; GitLab
 * compares it between the merge request and its target to tell new
 * findings from old), severity (info, minor, major, critical or blocker)
 * and location.path with location.lines.begin.
 */
static const char *
severity(enum pl_severity sev)
{
	switch (sev) {
	case PL_SEV_ERROR:
		return "major";
	case PL_SEV_WARNING:
		return "minor";
	default:
		return "info";
	}
}

int
pl_out_gitlab(FILE *out, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs,
    const struct pl_output_opts *o)
{
	struct pl_fingerprints fps;
	char *rel = NULL;
	const char *last = NULL;
	int rc = 0;

	(void)st;
	(void)rs;
	(void)o;
	pl_fingerprints_init(&fps);
	fputc('[', out);
	for (size_t i = 0; i < d->n && rc == 0; i++) {
		const struct pl_diag *g = &d->v[i];
		struct pl_diag_text t;
		json_t *j = json_object(), *loc = json_object();
		json_t *lines = json_object();
		char fp[PL_FINGERPRINT_LEN], *desc, *key, *s;

		if (last == NULL || strcmp(last, g->file) != 0) {
			free(rel);
			rel = pl_out_relative_path(g->file);
			last = g->file;
		}
		pl_diag_text(g, &t);
		pl_fingerprint(&fps, g, &t, rel, fp);
		/* Unique in the report: the same record in two files is two
		 * issues. */
		key = pl_xasprintf("%s:%s", rel, fp);
		desc = g->line == 0 && t.pointer != NULL ?
		    pl_xasprintf("%s: %s", t.pointer, t.message) :
		    pl_xstrdup(t.message);
		json_object_set_new(j, "description", pl_json_str(desc));
		json_object_set_new(j, "check_name", pl_json_str(g->rule->id));
		json_object_set_new(j, "fingerprint", pl_json_str(key));
		json_object_set_new(j, "severity", json_string(severity(g->sev)));
		json_object_set_new(loc, "path", pl_json_str(rel));
		json_object_set_new(lines, "begin", json_integer(g->line > 0 ?
		    g->line : 1));
		json_object_set_new(loc, "lines", lines);
		json_object_set_new(j, "location", loc);
		if ((s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER)) ==
		    NULL)
			rc = PL_EWRITE;
		else
			fprintf(out, "%s\n  %s", i == 0 ? "" : ",", s);
		free(s);
		json_decref(j);
		free(desc);
		free(key);
		pl_diag_text_release(&t);
	}
	fputs(d->n > 0 ? "\n]\n" : "]\n", out);
	free(rel);
	pl_fingerprints_release(&fps);
	return rc != 0 || ferror(out) ? PL_EWRITE : 0;
}
