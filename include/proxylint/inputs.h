/* inputs.h -- the inputs of a run, the config each one uses, and the pool */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_INPUTS_H
#define PROXYLINT_INPUTS_H

/*
 * For the program (main.c): what it does between parsing its options and
 * printing the findings.  The files and folders given become a list of
 * inputs (folders walked with --recursive); each input gets the context
 * of the .proxylint.yaml that governs it (found upward from its folder,
 * loaded once); and the inputs are linted on a pool of threads, each into
 * its own result, so that the output does not depend on the pool's size.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "proxylint/config.h"
#include "proxylint/lint.h"
#include "proxylint/output.h"
#include "proxylint/rule.h"

/* What the command line says; an option given there beats the config. */
struct pl_run_opts {
	const char		*config;	/* -c / PROXYLINT_CONFIG, or NULL */
	bool			 no_config;
	const char		*rules_dir;	/* --rules, or NULL */
	bool			 has_fail_on;
	enum pl_severity	 fail_on;	/* PL_SEV_NONE: never */
	bool			 has_default_proxy;
	enum pl_proxy		 default_proxy;
	const char		*origin;	/* --origin, or NULL */
	int			 input_format;	/* -1: auto */
	bool			 inline_ignores;
	int			 threads;	/* for one big input */
	bool			 timing;
	bool			 recursive;	/* -r: walk the folders given */
	bool			 skip_other;	/* --skip-non-zone: a file named
						   that is not zone data is
						   skipped, without a note */
	int			 jobs;		/* inputs at once; 0: per core */
	char *const		*excludes;	/* --exclude globs */
	size_t			 nexcludes;
	const struct pl_tf_var	*tf_vars;	/* --var, --var-file */
	size_t			 ntf_vars;
	const char		*dnscontrol_js;	/* --dnscontrol-js, or NULL */
	const char *const	*dnscontrol_providers; /* --dnscontrol-provider */
	size_t			 ndnscontrol_providers;
	bool			 file_ids;	/* --fix, --diff: remember each
						   file as read */
};

/* The context of one config file (or of none). */
struct pl_run_ctx {
	char			*path;		/* config file, or NULL */
	struct pl_config	*cfg;		/* or NULL */
	struct pl_ruleset	*rules;
	enum pl_severity	 fail_on;
	const char		**dc_providers;	/* the command line's DNSControl
						   providers, then the config's
						   (strings borrowed) */
	struct pl_lint_ctx	 lint;		/* borrows the above */
};

/* Every context of a run, and the folders they were found for. */
struct pl_run_folder;
struct pl_contexts {
	struct pl_run_ctx	**v;
	size_t			  n;
	struct pl_run_folder	 *dirs;
	size_t			  ndirs;
	const struct pl_run_opts *opts;		/* borrowed */
};

void	pl_contexts_init(struct pl_contexts *, const struct pl_run_opts *);
void	pl_contexts_release(struct pl_contexts *);
/*
 * The context for the inputs of folder dir: --no-config, then -c, then the
 * .proxylint.yaml found upward from dir.  Borrowed from cs; NULL after a
 * message when the config, its rules or --rules is invalid.
 */
struct pl_run_ctx *pl_context_for_dir(struct pl_contexts *, const char *dir);
/* The same for an input (standard input: the working folder's). */
struct pl_run_ctx *pl_context_for_input(struct pl_contexts *,
		    const char *path);

/* One input of the run, and what linting it gave. */
struct pl_job {
	char			*path;		/* owned */
	bool			 from_walk;	/* found in a folder, or named with
						   skip_other: text that is not
						   zone data is skipped */
	bool			 named;		/* named on the command line */
	char			**module;	/* a Terraform module: the other
						   files of the folder given or
						   found, linted in this job */
	size_t			 nmodule;
	struct pl_run_ctx	*ctx;		/* borrowed */
	struct pl_lint_result	 res;
	char			*error;		/* why it could not be read
						   (the first error logged), or
						   NULL; owned */
};

struct pl_jobs {
	struct pl_job	*v;
	size_t		 n;
};

/*
 * Adds the inputs an argument names: a file as it is, a folder (with
 * recursive) as its regular files in name order, depth first, without dot
 * files and without following symbolic links.  With skip_other, a file
 * named that is not zone data is skipped as one found in a folder is.
 * Returns 0, or -1 after a message when a folder could not be read or was
 * given without recursive.
 */
int	pl_jobs_collect(struct pl_jobs *, const char *arg, bool recursive,
	    bool skip_other);
/* Lints every job on up to threads threads (0: one per core). */
void	pl_jobs_run(struct pl_jobs *, int threads);
void	pl_jobs_release(struct pl_jobs *);

/*
 * What a whole run gives: every input linted, its findings merged in
 * input order and sorted, and what could not be read.
 */
struct pl_run {
	struct pl_jobs		 jobs;
	struct pl_diags		 diags;		/* every finding, sorted */
	struct pl_run_stats	 stats;		/* for the reporters */
	struct pl_run_error	*errors;	/* messages owned */
	const struct pl_ruleset	*rules;		/* the first input's, for the
						   reporters; borrowed */
};

/*
 * Lints what args name (files and folders) into run (which it
 * initialises), each input with its config (cs).  Returns 0; 1 when an
 * input could not be read, a folder not walked, or no input held zone data
 * at all (the run is then no success: a CI step must not go green having
 * linted nothing), after a message; -1 when a config or rule file is
 * invalid (nothing was linted).  With skip_other, a run whose every file
 * was skipped is a success: a commit that changes no zone is no error.
 */
int	pl_run_lint(struct pl_run *, struct pl_contexts *cs,
	    char *const args[], int nargs);
void	pl_run_release(struct pl_run *);
/* Does a finding of the run reach the fail-on of its input's config? */
bool	pl_run_fails(const struct pl_run *);

/*
 * --fix and --diff over a run: each input with a finding whose fix
 * applies is fixed in memory and proved (pl_lint_fix), one at a time.
 */
struct pl_run_fix {
	struct pl_lint_fix	*v;		/* by job */
	size_t			 n;
	size_t			 files;		/* files with edits */
	size_t			 edits;
	size_t			 records;	/* records set */
	size_t			 fixed;		/* findings removed */
	size_t			 blocked;	/* fixable findings left */
	size_t			 left;		/* findings after the fixes */
	bool			 failed;	/* an input could not be fixed
						   (logged) */
};
/* Fixes run's inputs into f (which it initialises).  Returns 0, or 1
 * when an input could not be fixed (logged, unless quiet). */
int	pl_run_fix(struct pl_run *, const struct pl_fix_opts *, bool quiet,
	    struct pl_run_fix *f);
void	pl_run_fix_release(struct pl_run_fix *);
/* Logs a note for each fixable finding left unfixed, and why. */
void	pl_run_fix_notes(const struct pl_run *, const struct pl_run_fix *);
/* Writes the unified diff of every fixed file; 0 or PL_EWRITE. */
int	pl_run_fix_diff(FILE *, const struct pl_run_fix *);
/*
 * Writes every fixed file in place.  Each file of an input is checked
 * first (unchanged, no symbolic link, writable); an input with a file that
 * fails is not written at all.  Returns 0, or 1 after a message for each
 * file not written.
 */
int	pl_run_fix_write(struct pl_run_fix *);
/* Marks in the run's zones the findings f left unfixed (conflicts), so
 * that the reports do not offer their fix. */
void	pl_run_fix_mark(struct pl_run *, const struct pl_run_fix *f);
/*
 * For SARIF: the edit of every finding whose rule has a fix that applies
 * (safe or unsafe), against the files as they are now, into e (initialised
 * here, sorted for pl_edits_find).
 */
void	pl_run_edits(struct pl_run *, struct pl_edits *e);

#endif
