/* options.c -- proxylint's command-line options */
/* SPDX-License-Identifier: MIT */
/* Part of the program, not of the library (see options.h). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/log.h"
#include "proxylint/options.h"
#include "proxylint/usage.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

/* Exit status after printing: a write error is one (a full disk, a
 * closed pipe), not success. */
int
pl_stdout_status(int rc)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, PL_PROGNAME ": cannot write the output: %s\n",
		    strerror(errno));
		return EXIT_TROUBLE;
	}
	return rc;
}

int
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
	if (pl_closest(arg, words, n) != NULL)
		usage_error("invalid --%s '%s' (did you mean '%s'? expected "
		    "%s)", opt, arg, pl_closest(arg, words, n), expected);
	else
		usage_error("invalid --%s '%s' (expected %s)", opt, arg,
		    expected);
	return -1;
}

/* "unknown option '--formt' (did you mean '--format'?)" */
static int
unknown_option(const char *arg, int opt, const struct option *longopts)
{
	const char *names[64], *best;
	char word[64];
	size_t n = 0;

	if (opt != 0 || strncmp(arg, "--", 2) != 0)
		return usage_error("unknown option '-%c'", opt != 0 ? opt :
		    arg[1]);
	snprintf(word, sizeof(word), "%.*s", (int)strcspn(arg + 2, "="),
	    arg + 2);
	for (; longopts[n].name != NULL && n < 64; n++)
		names[n] = longopts[n].name;
	if ((best = pl_closest(word, names, n)) != NULL)
		return usage_error("unknown option '--%s' (did you mean "
		    "'--%s'?)", word, best);
	return usage_error("unknown option '--%s'", word);
}

/* Parses the options into o; returns -1 to go on, else an exit status. */
int
pl_parse_options(int argc, char *argv[], struct options *o)
{
	static const struct option longopts[] = {
		{ "assume-proxied",	no_argument,		NULL, 'P' },
		{ "baseline",		required_argument,	NULL, 'B' },
		{ "color",		required_argument,	NULL, 'C' },
		{ "colour",		required_argument,	NULL, 'C' },
		{ "config",		required_argument,	NULL, 'c' },
		{ "default-proxy",	required_argument,	NULL, 'D' },
		{ "diff",		no_argument,		NULL, 'd' },
		{ "dnscontrol-js",	required_argument,	NULL, 'J' },
		{ "dnscontrol-provider", required_argument,	NULL, 'K' },
		{ "exclude",		required_argument,	NULL, 'X' },
		{ "explain",		required_argument,	NULL, 'E' },
		{ "fail-on",		required_argument,	NULL, 'F' },
		{ "fix",		no_argument,		NULL, 'x' },
		{ "format",		required_argument,	NULL, 'f' },
		{ "help",		no_argument,		NULL, 'h' },
		{ "input-format",	required_argument,	NULL, 'I' },
		{ "jobs",		required_argument,	NULL, 'j' },
		{ "list-rules",		no_argument,		NULL, 'L' },
		{ "no-config",		no_argument,		NULL, 'N' },
		{ "no-inline-ignores",	no_argument,		NULL, 'G' },
		{ "origin",		required_argument,	NULL, 'O' },
		{ "output",		required_argument,	NULL, 'o' },
		{ "quiet",		no_argument,		NULL, 'q' },
		{ "recursive",		no_argument,		NULL, 'r' },
		{ "rules",		required_argument,	NULL, 'R' },
		{ "skip-non-zone",	no_argument,		NULL, 'S' },
		{ "unsafe-fixes",	no_argument,		NULL, 'Z' },
		{ "var",		required_argument,	NULL, 'T' },
		{ "var-file",		required_argument,	NULL, 'U' },
		{ "version",		no_argument,		NULL, 'V' },
		{ "write-baseline",	required_argument,	NULL, 'W' },
		{ NULL,			0,			NULL, 0 },
	};
	static const char *const colors[] = { "never", "always", "auto", NULL };
	static const char *const proxies[] = { "unknown", "dns-only",
	    "proxied", NULL };	/* enum pl_proxy order */
	static const char *const fail_ons[] = { "never", "info", "warning",
	    "error", NULL };	/* enum pl_severity order */
	static const char *const formats[] = { "text", "full", "json",
	    "sarif", "github", "gitlab", NULL };	/* enum out_format */
	static const char *const inputs[] = { "bind", "cloudflare-json",
	    "terraform-plan", "octodns", "terraform", "dnscontrol", "markdown",
	    "auto",
	    NULL };	/* enum pl_format */
	char *end;
	long v;
	int ch, i;
	size_t nex = 0;

	opterr = 0;	/* the messages below say more, and suggest */
	while ((ch = getopt_long(argc, argv, ":c:f:hj:o:qrV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'B':
			o->baseline = optarg;
			break;
		case 'o':
			if (optarg[0] == '\0')
				return usage_error("empty --output");
			o->output = optarg;
			break;
		case 'S':
			o->run.skip_other = true;
			break;
		case 'd':
			o->diff = true;
			break;
		case 'x':
			o->fix = true;
			break;
		case 'Z':
			o->unsafe_fixes = true;
			break;
		case 'T':
		case 'U':
			if (ch == 'T' && (strchr(optarg, '=') == NULL ||
			    optarg[0] == '='))
				return usage_error("invalid --var '%s' "
				    "(expected NAME=VALUE)", optarg);
			if (o->ntf_vars == sizeof(o->tf_vars) /
			    sizeof(o->tf_vars[0]))
				return usage_error("more than 256 --var and "
				    "--var-file");
			o->tf_vars[o->ntf_vars].file = ch == 'U';
			o->tf_vars[o->ntf_vars++].arg = optarg;
			o->run.tf_vars = o->tf_vars;
			o->run.ntf_vars = o->ntf_vars;
			break;
		case 'W':
			o->write_baseline = optarg;
			break;
		case 'X':
			if (nex == sizeof(o->excludes) / sizeof(o->excludes[0]))
				return usage_error("more than 64 --exclude");
			o->excludes[nex++] = optarg;
			o->run.excludes = o->excludes;
			o->run.nexcludes = nex;
			break;
		case ':':
			return usage_error("option '%s' needs a value",
			    argv[optind - 1]);
		case '?':
			return unknown_option(argv[optind - 1], optopt,
			    longopts);
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
		case 'J':
			if (optarg[0] == '\0')
				return usage_error("empty --dnscontrol-js");
			o->run.dnscontrol_js = optarg;
			break;
		case 'K':
			if (optarg[0] == '\0')
				return usage_error("empty --dnscontrol-provider");
			if (o->run.ndnscontrol_providers ==
			    PL_CONFIG_MAX_DC_PROVIDERS)
				return usage_error("more than %d "
				    "--dnscontrol-provider options",
				    PL_CONFIG_MAX_DC_PROVIDERS);
			o->dc_providers[o->run.ndnscontrol_providers++] =
			    optarg;
			o->run.dnscontrol_providers = o->dc_providers;
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
			return pl_stdout_status(EXIT_CLEAN);
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
			o->run.jobs = (int)v;
			break;
		case 'r':
			o->run.recursive = true;
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
			return pl_stdout_status(EXIT_CLEAN);
		default:
			return usage_error("unknown option");
		}
	}
	if (o->run.config != NULL && o->run.no_config)
		return usage_error("--config and --no-config exclude each "
		    "other");
	if (o->fix && o->diff)
		return usage_error("--fix and --diff exclude each other "
		    "(--diff shows what --fix would write)");
	if ((o->fix || o->diff) && o->write_baseline != NULL)
		return usage_error("--%s and --write-baseline exclude each "
		    "other", o->fix ? "fix" : "diff");
	if (o->fix)
		for (int k = optind; k < argc; k++)
			if (strcmp(argv[k], "-") == 0)
				return usage_error("--fix never rewrites "
				    "standard input: give the file, or use "
				    "--diff");
	o->run.file_ids = o->fix || o->diff;
	return -1;
}
