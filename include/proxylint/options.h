/* options.h -- proxylint's command-line options */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_OPTIONS_H
#define PROXYLINT_OPTIONS_H

/*
 * For main.c only (the program, not the library): what the command line
 * says, parsed by options.c.  What a config may also say is in
 * struct pl_run_opts (inputs.h), which the command line overrides.
 */

#include <stdbool.h>
#include <stdio.h>

#include "proxylint/inputs.h"

/* Exit statuses: a public interface (design.md, proxylint.1). */
enum {
	EXIT_CLEAN = 0,		/* no finding at or above --fail-on */
	EXIT_FINDINGS = 1,	/* at least one */
	EXIT_TROUBLE = 2,	/* usage error, unreadable input or rules,
				   or output that could not be written */
};

/* The order of the reporters in report(); the first two are for people. */
enum out_format { OUT_TEXT, OUT_FULL, OUT_JSON, OUT_SARIF, OUT_GITHUB,
	OUT_GITLAB };

/* The command line, beyond what the configs may also say (pl_run_opts). */
struct options {
	struct pl_run_opts	 run;
	enum out_format		 format;	/* to stdout, or to --output */
	enum out_format		 human;		/* to stdout with --output */
	bool			 format_set;
	const char		*output;	/* --output FILE */
	const char		*baseline;	/* --baseline FILE */
	const char		*write_baseline;
	char			*excludes[64];	/* --exclude GLOB */
	struct pl_tf_var	 tf_vars[256];	/* --var, --var-file */
	size_t			 ntf_vars;
	const char		*dc_providers[PL_CONFIG_MAX_DC_PROVIDERS];
						/* --dnscontrol-provider */
	bool			 list_rules;
	const char		*explain;
	int			 color;		/* -1 auto, 0 never, 1 always */
	bool			 quiet;
	bool			 fix;		/* --fix: rewrite, then report */
	bool			 diff;		/* --diff: print the fixes */
	bool			 unsafe_fixes;	/* --unsafe-fixes */
};

/* Parses the options into o; returns -1 to go on, else an exit status. */
int	pl_parse_options(int argc, char *argv[], struct options *o);
/* Prints "proxylint: MESSAGE" and the --help hint; returns EXIT_TROUBLE. */
int	usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Exit status rc after printing, unless standard output could not be
 * written (a full disk, a closed pipe). */
int	pl_stdout_status(int rc);

#endif
