/* main.c -- proxylint's command line: options, inputs, output, exit status */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <getopt.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxylint/autofix.h"
#include "proxylint/baseline.h"
#include "proxylint/inputs.h"
#include "proxylint/log.h"
#include "proxylint/options.h"
#include "proxylint/output.h"
#include "proxylint/banned.h"

/*
 * --list-rules and --explain: the rules as the config of the working
 * folder has them, or, when that config has an error, the built-in ones
 * (the error says what to fix; the rules are what it needs to fix it).
 */
static int
show_rules(struct options *o, struct pl_contexts *cs)
{
	struct pl_run_ctx *cx = pl_context_for_dir(cs, ".");
	const struct pl_ruleset *rs;
	const struct pl_rule *r = NULL;
	const char *ids[1024], *best;
	size_t n = 0;

	if (cx == NULL) {
		pl_warn("the config above has an error: showing the rules "
		    "without it");
		o->run.no_config = true;
		o->run.config = NULL;
		if ((cx = pl_context_for_dir(cs, ".")) == NULL)
			return EXIT_TROUBLE;
	}
	rs = cx->rules;
	if (o->list_rules)
		return (o->format == OUT_JSON ? pl_out_rules_json(stdout, rs) :
		    pl_out_rules_text(stdout, rs)) ? EXIT_TROUBLE : EXIT_CLEAN;
	for (size_t i = 0; i < rs->n && r == NULL; i++)
		if (pl_strcaseeq(rs->rules[i]->id, o->explain))
			r = rs->rules[i];
	if (r != NULL)
		return pl_out_explain(stdout, r) ? EXIT_TROUBLE : EXIT_CLEAN;
	for (; n < rs->n && n < 1024; n++)
		ids[n] = rs->rules[n]->id;
	if ((best = pl_closest(o->explain, ids, n)) != NULL)
		pl_error(0, "unknown rule '%s' (did you mean '%s'?); "
		    "'proxylint --list-rules' lists them", o->explain, best);
	else
		pl_error(0, "unknown rule '%s'; 'proxylint --list-rules' lists "
		    "them", o->explain);
	return EXIT_TROUBLE;
}

/* main's log: what the library logs, to stderr; -q drops the notes. */
static void
log_stderr(void *arg, enum pl_log_level level, const struct pl_where *w,
    const char *msg)
{
	const bool *quiet = arg;

	if (level == PL_LOG_NOTE && *quiet)
		return;
	pl_log_print(stderr, level, w, msg);
}

/* Writes the findings in format f to out (a file of --output, or stdout). */
static int
report(FILE *out, enum out_format f, struct pl_run *run,
    const struct options *o, bool color)
{
	static const pl_reporter_fn reporters[] = { pl_out_text, pl_out_full,
	    pl_out_json, pl_out_sarif, pl_out_github, pl_out_gitlab };
	struct pl_output_opts oo;
	struct pl_edits edits;
	int rc;

	memset(&oo, 0, sizeof(oo));
	oo.quiet = o->quiet;
	oo.threads = o->run.threads;
	oo.color = color;
	oo.unsafe_fixes = o->unsafe_fixes;
	/* SARIF shows each fix as the edit it makes: the files are read
	 * again for it, only then. */
	pl_edits_init(&edits);
	if (f == OUT_SARIF) {
		pl_run_edits(run, &edits);
		oo.edits = &edits;
	}
	rc = reporters[f](out, &run->diags, &run->stats, run->rules, &oo);
	pl_edits_release(&edits);
	return rc;
}

/* How many findings --fix fixes (*now), with --unsafe-fixes (*unsafe). */
static void
count_fixable(const struct pl_run *run, size_t *now, size_t *unsafe)
{
	*now = *unsafe = 0;
	for (size_t i = 0; i < run->diags.n; i++) {
		const struct pl_diag *g = &run->diags.v[i];
		struct pl_autofix af;

		pl_autofix_of(g->rule, g->zone, pl_diag_record(g), &af);
		*now += pl_autofix_applies(&af, false);
		*unsafe += pl_autofix_applies(&af, true);
	}
}

/* Drops the findings a baseline holds, in an input fixed in memory. */
static void
baseline_filter(struct pl_diags *d, void *arg)
{
	size_t gone;

	(void)pl_baseline_apply(arg, d, &gone);
}

/*
 * --diff: prints the fixes of the run's findings, writes nothing.  --fix:
 * writes them, lints again and reports what is left (*report_left).
 * Returns the exit status.
 */
static int
fix(struct options *o, struct pl_contexts *cs, char *args[], int nargs,
    struct pl_run *run, int rc, bool *report_left)
{
	struct pl_fix_opts fo = { o->unsafe_fixes, NULL, NULL };
	struct pl_run_fix f;
	size_t now, unsafe, gone, records, fixed, files, left;

	if (o->baseline != NULL) {
		fo.filter = baseline_filter;
		fo.arg = (void *)(uintptr_t)o->baseline;
	}
	*report_left = false;
	if (pl_run_fix(run, &fo, false, &f) != 0)
		rc = EXIT_TROUBLE;
	pl_run_fix_notes(run, &f);
	count_fixable(run, &now, &unsafe);
	records = f.records;
	fixed = f.fixed;
	files = f.files;
	left = f.left;
	if (o->diff) {
		if (pl_run_fix_diff(stdout, &f) != 0)
			rc = EXIT_TROUBLE;
		pl_run_fix_release(&f);
		if (!o->quiet)
			pl_note("--fix would fix %zu %s (%zu %s) in %zu %s; "
			    "%zu %s would be left%s", fixed, fixed == 1 ?
			    "finding" : "findings", records, records == 1 ?
			    "record" : "records", files, files == 1 ? "file" :
			    "files", left, left == 1 ? "finding" : "findings",
			    !o->unsafe_fixes && unsafe > now ? ", some with "
			    "an unsafe fix (--unsafe-fixes)" : "");
		/* As diff(1): 1 when there is a difference. */
		return rc != EXIT_CLEAN ? rc : records > 0 ? EXIT_FINDINGS :
		    EXIT_CLEAN;
	}
	if (pl_run_fix_write(&f) != 0)
		rc = EXIT_TROUBLE;
	pl_run_fix_release(&f);
	/* What is on disk now, linted as the first time. */
	pl_run_release(run);
	if (pl_run_lint(run, cs, args, nargs) < 0)
		return EXIT_TROUBLE;
	if (o->baseline != NULL &&
	    pl_baseline_apply(o->baseline, &run->diags, &gone) != 0)
		rc = EXIT_TROUBLE;
	/* The fixes a conflict leaves out, so that no report offers them;
	 * nothing is written. */
	pl_run_fix(run, &fo, true, &f);
	pl_run_fix_mark(run, &f);
	pl_run_fix_release(&f);
	count_fixable(run, &now, &unsafe);
	if (!o->quiet)
		pl_note("fixed %zu %s (%zu %s) in %zu %s; %zu %s left, %zu "
		    "with no automatic fix%s", fixed, fixed == 1 ? "finding" :
		    "findings", records, records == 1 ? "record" : "records",
		    files, files == 1 ? "file" : "files", run->diags.n,
		    run->diags.n == 1 ? "finding" : "findings",
		    run->diags.n - unsafe, !o->unsafe_fixes && unsafe > now ?
		    " (the others have an unsafe fix: --unsafe-fixes)" : "");
	*report_left = true;
	return rc;
}

/* Lints the inputs and prints their findings; returns the exit status. */
static int
lint(struct options *o, struct pl_contexts *cs, char *args[], int nargs)
{
	const char *nocolor = getenv("NO_COLOR");
	bool color = o->color == 1 || (o->color == -1 &&
	    isatty(STDOUT_FILENO) && (nocolor == NULL || nocolor[0] == '\0'));
	struct pl_run run;
	FILE *out;
	size_t gone = 0;
	int rc, lrc;
	double t_out = 0;

	if ((lrc = pl_run_lint(&run, cs, args, nargs)) < 0) {
		pl_run_release(&run);
		return EXIT_TROUBLE;
	}
	rc = lrc != 0 ? EXIT_TROUBLE : EXIT_CLEAN;
	if (o->baseline != NULL && pl_baseline_apply(o->baseline, &run.diags,
	    &gone) != 0)
		rc = EXIT_TROUBLE;
	if (gone > 0)
		pl_note("%zu %s of the baseline '%s' no longer %s", gone,
		    gone == 1 ? "entry" : "entries", o->baseline,
		    gone == 1 ? "occurs" : "occur");
	if (o->fix || o->diff) {
		bool left;

		rc = fix(o, cs, args, nargs, &run, rc, &left);
		if (!left) {
			pl_run_release(&run);
			return rc;
		}
	}
	if (o->write_baseline != NULL) {
		if (pl_baseline_write(o->write_baseline, &run.diags) != 0)
			rc = EXIT_TROUBLE;
		else
			pl_note("wrote %zu %s to the baseline '%s'", run.diags.n,
			    run.diags.n == 1 ? "finding" : "findings",
			    o->write_baseline);
	}
	if (o->run.timing) {
		for (size_t i = 0; i < run.jobs.n; i++)
			if (run.jobs.v[i].res.zone != NULL)
				pl_out_timing(stderr, run.jobs.v[i].path,
				    &run.jobs.v[i].res.timing,
				    run.jobs.v[i].res.zone);
		fprintf(stderr, PL_PROGNAME ": timing: %zu findings\n",
		    run.diags.n);
		t_out = pl_now();
	}
	if (o->output != NULL) {
		if ((out = fopen(o->output, "w")) == NULL) {
			pl_error(0, "cannot write '%s': %s", o->output,
			    strerror(errno));
			rc = EXIT_TROUBLE;
		} else {
			if (report(out, o->format, &run, o, false) != 0)
				rc = EXIT_TROUBLE;
			if (fclose(out) != 0) {
				pl_error(0, "cannot write '%s': %s", o->output,
				    strerror(errno));
				rc = EXIT_TROUBLE;
			}
		}
	}
	if (report(stdout, o->output != NULL ? o->human : o->format, &run, o,
	    color) != 0)
		rc = EXIT_TROUBLE;
	if ((o->output != NULL ? o->human : o->format) <= OUT_FULL &&
	    !o->quiet) {
		char *sum = pl_summary_line(&run.diags, &run.stats);
		size_t now, unsafe;

		fflush(stdout);
		fprintf(stderr, "%s\n", sum);
		free(sum);
		count_fixable(&run, &now, &unsafe);
		if (o->unsafe_fixes ? unsafe > 0 : now > 0)
			fprintf(stderr, "[*] %zu fixable with --fix%s "
			    "(--diff shows the changes)\n", o->unsafe_fixes ?
			    unsafe : now, o->unsafe_fixes ? " --unsafe-fixes" :
			    "");
		if (!o->unsafe_fixes && unsafe > now)
			fprintf(stderr, "%zu more fixable with --unsafe-fixes\n",
			    unsafe - now);
	}
	if (o->run.timing)
		fprintf(stderr, PL_PROGNAME ": timing: output %.3f s\n",
		    pl_now() - t_out);
	/* A baseline just written holds every finding: nothing is new. */
	if (rc == EXIT_CLEAN && o->write_baseline == NULL &&
	    pl_run_fails(&run))
		rc = EXIT_FINDINGS;
	pl_run_release(&run);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct options o;
	struct pl_contexts cs;
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
	memset(&o, 0, sizeof(o));
	pl_log_set(log_stderr, &o.quiet);
	o.color = -1;
	o.run.fail_on = PL_SEV_WARNING;
	o.run.input_format = -1;
	o.run.inline_ignores = true;
	o.run.timing = getenv("PROXYLINT_TIMING") != NULL;
	if ((rc = pl_parse_options(argc, argv, &o)) >= 0)
		return rc;
	argc -= optind;
	argv += optind;
	if (o.run.config == NULL && (env = getenv("PROXYLINT_CONFIG")) != NULL &&
	    env[0] != '\0')
		o.run.config = env;
	/*
	 * What a person reads: the full format at a terminal, the one-line
	 * text elsewhere (scripts, editors, logs), annotations in a GitHub
	 * Actions job.  With --output the chosen format goes to the file and
	 * this one to standard output.
	 */
	o.human = isatty(STDOUT_FILENO) ? OUT_FULL : OUT_TEXT;
	if ((env = getenv("GITHUB_ACTIONS")) != NULL &&
	    strcmp(env, "true") == 0 && !isatty(STDOUT_FILENO))
		o.human = OUT_GITHUB;
	if (o.output != NULL && !o.format_set) {
		size_t n = strlen(o.output);

		if (n > 6 && strcmp(o.output + n - 6, ".sarif") == 0)
			o.format = OUT_SARIF;
		else if (n > 5 && strcmp(o.output + n - 5, ".json") == 0)
			o.format = OUT_JSON;
		else
			return usage_error("give --format for --output '%s'",
			    o.output);
	} else if (!o.format_set)
		o.format = o.human;
	/* With many inputs the cores already share the files. */
	o.run.threads = o.run.jobs > 0 ? o.run.jobs : cores > 0 ? (int)cores :
	    1;
	pl_contexts_init(&cs, &o.run);
	if (o.list_rules || o.explain != NULL)
		rc = show_rules(&o, &cs);
	else if (argc == 0)
		rc = usage_error("no input file; give FILE... or '-' for "
		    "standard input");
	else
		rc = lint(&o, &cs, argv, argc);
	rc = pl_stdout_status(rc);
	pl_contexts_release(&cs);	/* the rulesets, after the findings */
	if (o.run.timing)
		fprintf(stderr, PL_PROGNAME ": timing: run %.3f s\n",
		    pl_now() - t_start);
	return rc;
}
