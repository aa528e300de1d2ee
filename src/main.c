/* main.c -- proxylint's command line: options, inputs, exit status */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxylint/diag.h"
#include "proxylint/engine.h"
#include "proxylint/output.h"
#include "proxylint/reader.h"
#include "proxylint/rule.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

/* Exit statuses: a public interface (design.md, proxylint.1). */
enum {
	EXIT_CLEAN = 0,		/* no finding at or above --fail-on */
	EXIT_FINDINGS = 1,	/* at least one */
	EXIT_TROUBLE = 2,	/* usage error, unreadable input or rules,
				   or output that could not be written */
};

enum out_format { OUT_TEXT, OUT_JSON };

struct options {
	enum out_format		 format;
	enum pl_severity	 fail_on;	/* PL_SEV_NONE = never */
	const char		*origin;
	enum pl_proxy		 default_proxy;
	const char		*rules_dir;
	int			 list_rules;
	const char		*explain;
	int			 color;		/* -1 auto */
	int			 quiet;
};

static void
usage(FILE *out)
{
	fprintf(out,
"usage: proxylint [OPTIONS] FILE...\n"
"Checks the Cloudflare proxy status (proxied or DNS-only) of every A, AAAA\n"
"and CNAME record in zone files against Cloudflare's documented use cases.\n"
"FILE is a BIND zone file or a Cloudflare export; '-' reads standard input.\n"
"\n"
"Options:\n"
"  -f, --format=FORMAT        output: text (default) or json\n"
"      --fail-on=SEVERITY     exit 1 on findings at or above SEVERITY:\n"
"                             error, warning (default), info or never\n"
"      --origin=NAME          zone name for relative names (default: the\n"
"                             export banner, $ORIGIN or the SOA owner)\n"
"      --default-proxy=STATE  state of A/AAAA/CNAME records with no\n"
"                             cf-proxied tag: proxied, dns-only or\n"
"                             unknown (default; proxy rules stay quiet)\n"
"      --assume-proxied       same as --default-proxy=proxied\n"
"      --rules=DIR            also load DIR/*.yaml rule files; a rule with\n"
"                             an existing id replaces it\n"
"      --list-rules           list the rules (id, severity, use case,\n"
"                             summary), as JSON with --format=json\n"
"      --explain=RULE         explain a rule: what, why, fix, doc, example\n"
"      --color=WHEN           auto (default), always or never; auto means\n"
"                             only on a terminal and never with NO_COLOR\n"
"  -q, --quiet                no summary line on standard error\n"
"  -V, --version              print the version and exit\n"
"  -h, --help                 print this help and exit\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage\n"
"error, unreadable input or rules, or output that could not be written.\n");
}

static int
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", pl_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'proxylint --help' for more information.\n");
	return EXIT_TROUBLE;
}

static int
list_rules(const struct pl_ruleset *rs, enum out_format format)
{
	if (format == OUT_JSON)
		return pl_out_rules_json(stdout, rs);
	for (size_t i = 0; i < rs->n; i++) {
		const struct pl_rule *r = rs->rules[i];

		printf("%-28s %-8s %-20s %s\n", r->id,
		    pl_severity_name(r->severity), r->use_case, r->summary);
	}
	return 0;
}

static void
print_wrapped(const char *label, const char *text)
{
	printf("%s:\n", label);
	for (const char *p = text; *p != '\0';) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);

		printf("  %.*s\n", (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
}

static int
explain(const struct pl_ruleset *rs, const char *id)
{
	const struct pl_rule *r = pl_ruleset_find(rs, id);

	if (r == NULL) {
		fprintf(stderr, "%s: unknown rule '%s'; 'proxylint "
		    "--list-rules' lists them\n", pl_progname, id);
		return EXIT_TROUBLE;
	}
	printf("%s (%s, use case: %s)\n", r->id, pl_severity_name(r->severity),
	    r->use_case_title);
	printf("  %s\n\n", r->summary);
	if (r->explain != NULL) {
		print_wrapped("Why it matters", r->explain);
		printf("\n");
	}
	print_wrapped("How to fix", r->fix);
	printf("\n");
	if (r->example != NULL) {
		print_wrapped("Example of a record it flags", r->example);
		printf("\n");
	}
	printf("Documentation:\n  %s\n", r->doc);
	if (r->sources.n > 0) {
		printf("\nSources of its lists:\n");
		for (size_t i = 0; i < r->sources.n; i++)
			printf("  - %s\n", r->sources.v[i]);
	}
	return 0;
}

/* Lints one input into d.  Returns 0, or PL_EIO/PL_EINPUT after a message. */
static int
lint_one(const char *path, const struct options *o,
    const struct pl_ruleset *rs, struct pl_diags *d,
    struct pl_run_stats *st)
{
	struct pl_read_opts ro;
	struct pl_zone *z;
	char *data = NULL, *err = NULL;
	const char *display = strcmp(path, "-") == 0 ? "<stdin>" : path;
	size_t len;
	int rc;

	if ((rc = pl_read_file(path, PL_MAX_FILE_SIZE, &data, &len, &err))
	    != 0) {
		pl_error(rc, "%s", err);
		free(err);
		return rc;
	}
	memset(&ro, 0, sizeof(ro));
	ro.origin = o->origin;
	ro.path = path;
	d->file = display;
	z = pl_zone_new(display, PL_FMT_BIND);
	rc = pl_read_bind(data, len, &ro, z, d);
	free(data);
	if (rc == 0) {
		pl_zone_index(z, o->default_proxy);
		pl_engine_run(rs, z, d, o->default_proxy);
		st->files++;
		st->records += z->nrecs;
	}
	pl_zone_free(z);
	return rc;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "assume-proxied",	no_argument,		NULL, 'P' },
		{ "color",		required_argument,	NULL, 'C' },
		{ "colour",		required_argument,	NULL, 'C' },
		{ "default-proxy",	required_argument,	NULL, 'D' },
		{ "explain",		required_argument,	NULL, 'E' },
		{ "fail-on",		required_argument,	NULL, 'F' },
		{ "format",		required_argument,	NULL, 'f' },
		{ "help",		no_argument,		NULL, 'h' },
		{ "list-rules",		no_argument,		NULL, 'L' },
		{ "origin",		required_argument,	NULL, 'O' },
		{ "quiet",		no_argument,		NULL, 'q' },
		{ "rules",		required_argument,	NULL, 'R' },
		{ "version",		no_argument,		NULL, 'V' },
		{ NULL,			0,			NULL, 0 },
	};
	struct options o;
	struct pl_ruleset *rs = NULL;
	struct pl_diags d;
	struct pl_run_stats st;
	struct pl_output_opts oo;
	const char *nocolor;
	int ch, rc = EXIT_CLEAN, input_failed = 0, wrc;

	memset(&o, 0, sizeof(o));
	o.fail_on = PL_SEV_WARNING;
	o.color = -1;
	memset(&st, 0, sizeof(st));
	pl_diags_init(&d, NULL);
	while ((ch = getopt_long(argc, argv, "f:hqV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'C':
			if (strcmp(optarg, "auto") == 0)
				o.color = -1;
			else if (strcmp(optarg, "always") == 0)
				o.color = 1;
			else if (strcmp(optarg, "never") == 0)
				o.color = 0;
			else
				return usage_error("invalid --color '%s' "
				    "(expected auto, always or never)", optarg);
			break;
		case 'D':
			if (strcmp(optarg, "proxied") == 0)
				o.default_proxy = PL_PROXY_PROXIED;
			else if (strcmp(optarg, "dns-only") == 0)
				o.default_proxy = PL_PROXY_DNS_ONLY;
			else if (strcmp(optarg, "unknown") == 0)
				o.default_proxy = PL_PROXY_UNKNOWN;
			else
				return usage_error("invalid --default-proxy "
				    "'%s' (expected proxied, dns-only or "
				    "unknown)", optarg);
			break;
		case 'E':
			o.explain = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "never") == 0)
				o.fail_on = PL_SEV_NONE;
			else if (pl_severity_parse(optarg, &o.fail_on) != 0 ||
			    o.fail_on == PL_SEV_NONE)
				return usage_error("invalid --fail-on '%s' "
				    "(expected error, warning, info or never)",
				    optarg);
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o.format = OUT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o.format = OUT_JSON;
			else
				return usage_error("invalid --format '%s' "
				    "(expected text or json)", optarg);
			break;
		case 'h':
			usage(stdout);
			return EXIT_CLEAN;
		case 'L':
			o.list_rules = 1;
			break;
		case 'O':
			if (optarg[0] == '\0')
				return usage_error("empty --origin");
			o.origin = optarg;
			break;
		case 'P':
			o.default_proxy = PL_PROXY_PROXIED;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'R':
			o.rules_dir = optarg;
			break;
		case 'V':
			printf("proxylint %s\n", PL_VERSION);
			return EXIT_CLEAN;
		default:
			fprintf(stderr, "Try 'proxylint --help' for more "
			    "information.\n");
			return EXIT_TROUBLE;
		}
	}
	argc -= optind;
	argv += optind;

	if ((rs = pl_ruleset_new()) == NULL) {
		fprintf(stderr, "%s: the built-in rules do not load\n",
		    pl_progname);
		return EXIT_TROUBLE;
	}
	if (o.rules_dir != NULL &&
	    pl_ruleset_load_dir(rs, o.rules_dir) != 0) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	if (o.list_rules) {
		if (list_rules(rs, o.format) != 0)
			rc = EXIT_TROUBLE;
		goto out;
	}
	if (o.explain != NULL) {
		rc = explain(rs, o.explain);
		goto out;
	}
	if (argc == 0) {
		rc = usage_error("no input file; give FILE... or '-' for "
		    "standard input");
		goto out;
	}

	d.rules = rs;
	for (int i = 0; i < argc; i++) {
		d.input = (unsigned)i;
		if (lint_one(argv[i], &o, rs, &d, &st) != 0)
			input_failed = 1;
	}
	pl_diags_sort(&d);

	nocolor = getenv("NO_COLOR");
	memset(&oo, 0, sizeof(oo));
	oo.quiet = o.quiet;
	oo.color = o.color == 1 || (o.color == -1 && isatty(STDOUT_FILENO) &&
	    (nocolor == NULL || nocolor[0] == '\0'));
	if (o.format == OUT_JSON)
		wrc = pl_out_json(stdout, &d, &st, rs, &oo);
	else {
		wrc = pl_out_text(stdout, &d, &st, rs, &oo);
		if (!o.quiet) {
			char *sum;

			fflush(stdout);
			sum = pl_summary_line(&d, &st);

			fprintf(stderr, "%s\n", sum);
			free(sum);
		}
	}
	if (input_failed)
		rc = EXIT_TROUBLE;
	else if (o.fail_on != PL_SEV_NONE && pl_diags_max(&d) >= o.fail_on)
		rc = EXIT_FINDINGS;
	if (wrc != 0)
		rc = EXIT_TROUBLE;
out:
	/* A full disk or a closed pipe must not pass for success. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n",
		    pl_progname, strerror(errno));
		rc = EXIT_TROUBLE;
	}
	pl_diags_release(&d);
	pl_ruleset_free(rs);
	return rc;
}
