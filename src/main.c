/* main.c -- proxylint's command line: options, inputs, output, exit status */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxylint/inputs.h"
#include "proxylint/log.h"
#include "proxylint/output.h"
#include "proxylint/usage.h"
#include "proxylint/banned.h"

/* Exit statuses: a public interface (design.md, proxylint.1). */
enum {
	EXIT_CLEAN = 0,		/* no finding at or above --fail-on */
	EXIT_FINDINGS = 1,	/* at least one */
	EXIT_TROUBLE = 2,	/* usage error, unreadable input or rules,
				   or output that could not be written */
};

enum out_format { OUT_TEXT, OUT_JSON, OUT_SARIF, OUT_GITHUB };

/* The command line, beyond what the configs may also say (pl_run_opts). */
struct options {
	struct pl_run_opts	 run;
	enum out_format		 format;
	bool			 format_set;
	bool			 list_rules;
	const char		*explain;
	int			 color;		/* -1 auto, 0 never, 1 always */
	bool			 quiet;
	int			 jobs;		/* 0: one per core */
	bool			 recursive;
};

static int
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, PL_PROGNAME ": ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'proxylint --help' for more information.\n");
	return EXIT_TROUBLE;
}

/*
 * The index of arg in the NULL-terminated words, or -1 after a usage error
 * "invalid --OPT 'ARG' (expected A, B or C)".
 */
static int
choice(const char *opt, const char *arg, const char *const *words)
{
	char expected[256];
	size_t n = 0, len = 0;

	for (; words[n] != NULL; n++)
		if (strcmp(words[n], arg) == 0)
			return (int)n;
	expected[0] = '\0';
	for (size_t i = 0; i < n && len < sizeof(expected); i++)
		len += (size_t)snprintf(expected + len, sizeof(expected) - len,
		    "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ",
		    words[i]);
	usage_error("invalid --%s '%s' (expected %s)", opt, arg, expected);
	return -1;
}

/* Exit status after printing: a write error is one (a full disk, a
 * closed pipe), not success. */
static int
stdout_status(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, PL_PROGNAME ": cannot write the output: %s\n",
		    strerror(errno));
		return EXIT_TROUBLE;
	}
	return rc;
}

/* Parses the options into o; returns -1 to go on, else an exit status. */
static int
parse_options(int argc, char *argv[], struct options *o)
{
	static const struct option longopts[] = {
		{ "assume-proxied",	no_argument,		NULL, 'P' },
		{ "color",		required_argument,	NULL, 'C' },
		{ "colour",		required_argument,	NULL, 'C' },
		{ "config",		required_argument,	NULL, 'c' },
		{ "default-proxy",	required_argument,	NULL, 'D' },
		{ "explain",		required_argument,	NULL, 'E' },
		{ "fail-on",		required_argument,	NULL, 'F' },
		{ "format",		required_argument,	NULL, 'f' },
		{ "help",		no_argument,		NULL, 'h' },
		{ "input-format",	required_argument,	NULL, 'I' },
		{ "jobs",		required_argument,	NULL, 'j' },
		{ "list-rules",		no_argument,		NULL, 'L' },
		{ "no-config",		no_argument,		NULL, 'N' },
		{ "no-inline-ignores",	no_argument,		NULL, 'G' },
		{ "origin",		required_argument,	NULL, 'O' },
		{ "quiet",		no_argument,		NULL, 'q' },
		{ "recursive",		no_argument,		NULL, 'r' },
		{ "rules",		required_argument,	NULL, 'R' },
		{ "version",		no_argument,		NULL, 'V' },
		{ NULL,			0,			NULL, 0 },
	};
	static const char *const colors[] = { "never", "always", "auto", NULL };
	static const char *const proxies[] = { "unknown", "dns-only",
	    "proxied", NULL };	/* enum pl_proxy order */
	static const char *const fail_ons[] = { "never", "info", "warning",
	    "error", NULL };	/* enum pl_severity order */
	static const char *const formats[] = { "text", "json", "sarif",
	    "github", NULL };
	static const char *const inputs[] = { "bind", "cloudflare-json",
	    "terraform-plan", "octodns", "markdown", "auto", NULL };
	char *end;
	long v;
	int ch, i;

	while ((ch = getopt_long(argc, argv, "c:f:hj:qrV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			if (optarg[0] == '\0')
				return usage_error("empty --config");
			o->run.config = optarg;
			break;
		case 'C':
			if ((i = choice("color", optarg, colors)) < 0)
				return EXIT_TROUBLE;
			o->color = i == 2 ? -1 : i;
			break;
		case 'D':
		case 'P':
			if ((i = ch == 'P' ? PL_PROXY_PROXIED :
			    choice("default-proxy", optarg, proxies)) < 0)
				return EXIT_TROUBLE;
			o->run.default_proxy = (enum pl_proxy)i;
			o->run.has_default_proxy = true;
			break;
		case 'E':
			o->explain = optarg;
			break;
		case 'F':
			if ((i = choice("fail-on", optarg, fail_ons)) < 0)
				return EXIT_TROUBLE;
			o->run.fail_on = (enum pl_severity)i;
			o->run.has_fail_on = true;
			break;
		case 'f':
			if ((i = choice("format", optarg, formats)) < 0)
				return EXIT_TROUBLE;
			o->format = (enum out_format)i;
			o->format_set = true;
			break;
		case 'G':
			o->run.inline_ignores = false;
			break;
		case 'h':
			pl_usage(stdout);
			return stdout_status(EXIT_CLEAN);
		case 'I':
			if ((i = choice("input-format", optarg, inputs)) < 0)
				return EXIT_TROUBLE;
			o->run.input_format = i == PL_FMT_COUNT_ ? -1 : i;
			break;
		case 'j':
			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    v < 1 || v > 256)
				return usage_error("invalid --jobs '%s' "
				    "(expected 1 to 256)", optarg);
			o->jobs = (int)v;
			break;
		case 'r':
			o->recursive = true;
			break;
		case 'L':
			o->list_rules = true;
			break;
		case 'N':
			o->run.no_config = true;
			break;
		case 'O':
			if (optarg[0] == '\0')
				return usage_error("empty --origin");
			o->run.origin = optarg;
			break;
		case 'q':
			o->quiet = true;
			break;
		case 'R':
			o->run.rules_dir = optarg;
			break;
		case 'V':
			printf("proxylint %s\n", PL_VERSION);
			return stdout_status(EXIT_CLEAN);
		default:
			fprintf(stderr, "Try 'proxylint --help' for more "
			    "information.\n");
			return EXIT_TROUBLE;
		}
	}
	if (o->run.config != NULL && o->run.no_config)
		return usage_error("--config and --no-config exclude each "
		    "other");
	return -1;
}

/* Lints the inputs and prints their findings; returns the exit status. */
static int
lint(struct options *o, struct pl_contexts *cs, char *args[], int nargs)
{
	static const pl_reporter_fn reporters[] = { pl_out_text, pl_out_json,
	    pl_out_sarif, pl_out_github };
	const struct pl_ruleset *rs = NULL;
	struct pl_jobs js = { NULL, 0 };
	struct pl_diags d;
	struct pl_run_stats st = { 0, 0 };
	struct pl_output_opts oo;
	const char *nocolor = getenv("NO_COLOR");
	bool failed = false, findings = false;
	int rc = EXIT_CLEAN;
	double t_out = 0;

	pl_diags_init(&d, NULL, NULL);
	if (pl_jobs_collect(&js, args, nargs, o->recursive) != 0)
		failed = true;
	/* Every config is read, and checked, before any input. */
	for (size_t i = 0; i < js.n; i++) {
		if ((js.v[i].ctx = pl_context_for_input(cs, js.v[i].path)) ==
		    NULL) {
			rc = EXIT_TROUBLE;
			goto out;
		}
		if (rs == NULL)
			rs = js.v[i].ctx->rules;
	}
	if (rs == NULL) {	/* --recursive found no file */
		struct pl_run_ctx *cx = pl_context_for_dir(cs, ".");

		if (cx == NULL) {
			rc = EXIT_TROUBLE;
			goto out;
		}
		rs = cx->rules;
	}
	d.rules = rs;
	pl_jobs_run(&js, o->jobs);
	for (size_t i = 0; i < js.n; i++) {
		struct pl_job *j = &js.v[i];

		if (j->res.skipped && !o->quiet)
			pl_note("skipping '%s': not zone data", j->path);
		if (j->res.rc != 0)
			failed = true;
		else if (!j->res.skipped) {
			st.files++;
			st.records += j->res.zone->nrecs;
		}
		if (o->run.timing && !j->res.skipped && j->res.rc == 0)
			pl_out_timing(stderr, j->path, &j->res.timing,
			    j->res.zone);
		/* Each input fails by the --fail-on of its own config. */
		if (j->ctx->fail_on != PL_SEV_NONE &&
		    pl_diags_max(&j->res.diags) >= j->ctx->fail_on)
			findings = true;
		pl_diags_move(&d, &j->res.diags, (unsigned)i);
	}
	pl_diags_sort(&d);
	memset(&oo, 0, sizeof(oo));
	oo.quiet = o->quiet;
	oo.threads = o->run.threads;
	oo.color = o->color == 1 || (o->color == -1 && isatty(STDOUT_FILENO) &&
	    (nocolor == NULL || nocolor[0] == '\0'));
	if (o->run.timing) {
		fprintf(stderr, PL_PROGNAME ": timing: %zu findings\n", d.n);
		t_out = pl_now();
	}
	if (reporters[o->format](stdout, &d, &st, rs, &oo) != 0)
		rc = EXIT_TROUBLE;
	if (o->format == OUT_TEXT && !o->quiet) {
		char *sum = pl_summary_line(&d, &st);

		fflush(stdout);
		fprintf(stderr, "%s\n", sum);
		free(sum);
	}
	if (o->run.timing)
		fprintf(stderr, PL_PROGNAME ": timing: output %.3f s\n",
		    pl_now() - t_out);
	if (rc == EXIT_CLEAN)
		rc = failed ? EXIT_TROUBLE : findings ? EXIT_FINDINGS :
		    EXIT_CLEAN;
out:
	pl_diags_release(&d);
	pl_jobs_release(&js);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct options o;
	struct pl_contexts cs;
	struct pl_run_ctx *cx;
	const struct pl_rule *r;
	const char *env;
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	double t_start = pl_now();
	int rc;

	/*
	 * Left to itself, glibc maps each block above 128 KiB (a zone's arena
	 * blocks) apart and unmaps it when freed, and with several threads
	 * every unmap stops the other cores to flush their TLBs.  Keep blocks
	 * up to 4 MiB in the heap; the record arrays map themselves.
	 */
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	/* Nor give the top of the heap back at every free: that is a brk(2)
	 * per finding printed. */
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
	/* A closed pipe is a write error with a message and exit 2, not a
	 * silent death by SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	pl_log_set(pl_log_print, stderr);
	memset(&o, 0, sizeof(o));
	o.color = -1;
	o.run.fail_on = PL_SEV_WARNING;
	o.run.input_format = -1;
	o.run.inline_ignores = true;
	o.run.timing = getenv("PROXYLINT_TIMING") != NULL;
	if ((rc = parse_options(argc, argv, &o)) >= 0)
		return rc;
	argc -= optind;
	argv += optind;
	if (o.run.config == NULL && (env = getenv("PROXYLINT_CONFIG")) != NULL &&
	    env[0] != '\0')
		o.run.config = env;
	/* In a GitHub Actions job the log is the reader: annotate. */
	if (!o.format_set && (env = getenv("GITHUB_ACTIONS")) != NULL &&
	    strcmp(env, "true") == 0 && !isatty(STDOUT_FILENO))
		o.format = OUT_GITHUB;
	/* With many inputs the cores already share the files. */
	o.run.threads = o.jobs > 0 ? o.jobs : cores > 0 ? (int)cores : 1;
	pl_contexts_init(&cs, &o.run);
	if (o.list_rules || o.explain != NULL || argc == 0) {
		/* The rules as the config of the working folder has them. */
		if ((cx = pl_context_for_dir(&cs, ".")) == NULL)
			rc = EXIT_TROUBLE;
		else if (o.list_rules)
			rc = (o.format == OUT_JSON ? pl_out_rules_json(stdout,
			    cx->rules) : pl_out_rules_text(stdout, cx->rules)) ?
			    EXIT_TROUBLE : EXIT_CLEAN;
		else if (o.explain != NULL &&
		    (r = pl_ruleset_find(cx->rules, o.explain)) == NULL) {
			pl_error(0, "unknown rule '%s'; 'proxylint --list-rules' "
			    "lists them", o.explain);
			rc = EXIT_TROUBLE;
		} else if (o.explain != NULL)
			rc = pl_out_explain(stdout, r) ? EXIT_TROUBLE :
			    EXIT_CLEAN;
		else
			rc = usage_error("no input file; give FILE... or '-' "
			    "for standard input");
	} else
		rc = lint(&o, &cs, argv, argc);
	rc = stdout_status(rc);
	pl_contexts_release(&cs);	/* the rulesets, after the findings */
	if (o.run.timing)
		fprintf(stderr, PL_PROGNAME ": timing: run %.3f s\n",
		    pl_now() - t_start);
	return rc;
}
