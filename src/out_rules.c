/* out_rules.c -- the rules themselves: --list-rules and --explain */
/* SPDX-License-Identifier: MIT */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

int
pl_out_rules_text(FILE *out, const struct pl_ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++) {
		const struct pl_rule *r = rs->rules[i];

		fprintf(out, "%-28s %-8s %-20s %s\n", r->id,
		    pl_severity_name(r->severity), r->use_case, r->summary);
	}
	return ferror(out) ? PL_EWRITE : 0;
}

static void
print_wrapped(FILE *out, const char *label, const char *text)
{
	fprintf(out, "%s:\n", label);
	for (const char *p = text; *p != '\0';) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);

		fprintf(out, "  %.*s\n", (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
}

/* What --fix does for the rule's findings, and when it does it. */
static void
explain_autofix(FILE *out, const struct pl_rule *r)
{
	const char *to = pl_rule_fix_target(r) == PL_PROXY_PROXIED ? "true" :
	    "false";

	fprintf(out, "Automatic fix:\n");
	if (r->autofix == PL_AUTOFIX_NONE) {
		fprintf(out, "  none: the right change is not the proxy flag "
		    "alone (see How to fix).\n\n");
		return;
	}
	if (r->autofix == PL_AUTOFIX_SAFE)
		fprintf(out, "  safe: 'proxylint --fix' applies it");
	else
		fprintf(out, "  unsafe: only 'proxylint --fix --unsafe-fixes' "
		    "applies it; judge it first");
	fprintf(out, " (--diff shows it).\n"
	    "  It sets the record to %s: cf-proxied:%s in the cf_tags of a\n"
	    "  Cloudflare export, proxied: %s under octodns.cloudflare in "
	    "octoDNS.\n"
	    "  API JSON and Terraform plans are generated and are not "
	    "rewritten.\n\n", to[0] == 't' ? "proxied" : "DNS-only", to, to);
}

int
pl_out_explain(FILE *out, const struct pl_rule *r)
{
	fprintf(out, "%s (%s, use case: %s)\n", r->id,
	    pl_severity_name(r->severity), r->use_case_title);
	fprintf(out, "  %s\n\n", r->summary);
	if (r->explain != NULL) {
		print_wrapped(out, "Why it matters", r->explain);
		fputc('\n', out);
	}
	print_wrapped(out, "How to fix", r->fix);
	fputc('\n', out);
	explain_autofix(out, r);
	if (r->example != NULL) {
		print_wrapped(out, "Example of a record it flags", r->example);
		fputc('\n', out);
	}
	fprintf(out, "Documentation:\n  %s\n", r->doc);
	if (r->sources.n > 0 || r->nproviders > 0) {
		fprintf(out, "\nSources:\n");
		for (size_t i = 0; i < r->sources.n; i++)
			fprintf(out, "  - %s\n", r->sources.v[i]);
		/* Each provider of its lists, with where its entries come
		 * from (rules/README.md, "providers"). */
		for (size_t i = 0; i < r->nproviders; i++)
			for (size_t k = 0; k < r->providers[i].sources.n; k++)
				fprintf(out, "  - %s: %s\n",
				    r->providers[i].name,
				    r->providers[i].sources.v[k]);
	}
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
		json_object_set_new(j, "summary", pl_json_str_or_null(r->summary));
		json_object_set_new(j, "fix", pl_json_str_or_null(r->fix));
		json_object_set_new(j, "autofix", r->autofix == PL_AUTOFIX_NONE ?
		    json_null() : json_string(pl_autofix_safety_name(
		    r->autofix)));
		json_object_set_new(j, "doc", pl_json_str_or_null(r->doc));
		for (size_t k = 0; k < r->sources.n; k++)
			json_array_append_new(src, pl_json_str_or_null(r->sources.v[k]));
		json_object_set_new(j, "sources", src);
		/* The named groups of its lists, with their sources. */
		{
			json_t *pvs = json_array();

			for (size_t k = 0; k < r->nproviders; k++) {
				json_t *pv = json_object(), *ps = json_array();

				for (size_t m = 0;
				    m < r->providers[k].sources.n; m++)
					json_array_append_new(ps,
					    pl_json_str_or_null(
					    r->providers[k].sources.v[m]));
				json_object_set_new(pv, "name",
				    pl_json_str_or_null(r->providers[k].name));
				json_object_set_new(pv, "sources", ps);
				json_array_append_new(pvs, pv);
			}
			json_object_set_new(j, "providers", pvs);
		}
		json_array_append_new(rules, j);
	}
	json_object_set_new(root, "rules", rules);
	if (json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0)
		rc = PL_EWRITE;
	fputc('\n', out);
	json_decref(root);
	return rc != 0 || ferror(out) ? PL_EWRITE : 0;
}
