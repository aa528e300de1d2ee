/* output.h -- reporters: one file per --format, and what they share */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_OUTPUT_H
#define PROXYLINT_OUTPUT_H

/*
 * For the program (main.c) and the fuzz targets: each reporter reads the
 * sorted findings of the whole run and writes one format (out_*.c); out.c
 * holds what several of them need.
 */

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "proxylint/autofix.h"
#include "proxylint/diag.h"
#include "proxylint/rule.h"
#include "proxylint/util.h"

/* An input that could not be read, for the reports. */
struct pl_run_error {
	const char	*file;		/* as given */
	const char	*message;	/* why, as logged */
};

struct pl_run_stats {
	unsigned	files;		/* inputs read */
	unsigned long	records;	/* records read, over all inputs */
	unsigned	skipped;	/* files skipped: not zone data */
	const struct pl_run_error *errors; /* inputs that could not be read */
	size_t		nerrors;
};

struct pl_output_opts {
	bool		color;
	bool		quiet;
	int		threads;	/* at most, for formatting */
	bool		unsafe_fixes;	/* --unsafe-fixes: an unsafe fix is one
					   that --fix applies (the [*] mark) */
	const struct pl_edits *edits;	/* for SARIF's fixes, or NULL */
};

/* Every reporter reads the sorted findings and writes to out; returns 0
 * or PL_EWRITE. */
typedef int (*pl_reporter_fn)(FILE *out, const struct pl_diags *,
    const struct pl_run_stats *, const struct pl_ruleset *,
    const struct pl_output_opts *);

/* "FILE:LINE: SEVERITY: [*] MESSAGE [RULE-ID]" (out_text.c); "[*] "
 * marks a finding that --fix fixes. */
int	pl_out_text(FILE *, const struct pl_diags *, const struct pl_run_stats *,
	    const struct pl_ruleset *, const struct pl_output_opts *);
/* For a person: each finding with its record, fix and link (out_full.c). */
int	pl_out_full(FILE *, const struct pl_diags *, const struct pl_run_stats *,
	    const struct pl_ruleset *, const struct pl_output_opts *);
/* GitLab Code Quality (out_gitlab.c). */
int	pl_out_gitlab(FILE *, const struct pl_diags *,
	    const struct pl_run_stats *, const struct pl_ruleset *,
	    const struct pl_output_opts *);
/* One JSON document for the run (out_json.c; design.md). */
int	pl_out_json(FILE *, const struct pl_diags *, const struct pl_run_stats *,
	    const struct pl_ruleset *, const struct pl_output_opts *);
/*
 * SARIF 2.1.0 (out_sarif.c): one run, the rules of rs (and any other rule
 * a finding names) in tool.driver.rules, one result per finding.
 */
int	pl_out_sarif(FILE *, const struct pl_diags *, const struct pl_run_stats *,
	    const struct pl_ruleset *, const struct pl_output_opts *);
/*
 * GitHub Actions workflow commands (out_github.c): one "::error file=F,
 * line=L,title=RULE::MESSAGE" per finding (warning, notice for the other
 * severities), then the summary line unless quiet.
 */
int	pl_out_github(FILE *, const struct pl_diags *, const struct pl_run_stats *,
	    const struct pl_ruleset *, const struct pl_output_opts *);

/* The rules (out_rules.c): --list-rules as text or JSON, --explain. */
int	pl_out_rules_text(FILE *, const struct pl_ruleset *);
int	pl_out_rules_json(FILE *, const struct pl_ruleset *);
int	pl_out_explain(FILE *, const struct pl_rule *);

/* Shared (out.c). */
/*
 * A finding's file as a path relative to the working folder when it is
 * below it (code scanning and annotations want paths from the repository
 * root, where CI runs); otherwise as given.  Returns a new string.
 */
char	*pl_out_relative_path(const char *file);
/* Would --fix (with the options given) fix this finding?  The [*] mark. */
bool	pl_out_fixable(const struct pl_diag *, const struct pl_output_opts *);
/*
 * What a finding's fix does, for a person: "set cf-proxied:true to
 * cf-proxied:false" and the like, or why there is none here, into b
 * (appended).  Nothing when its rule has no fix.
 */
void	pl_out_autofix_text(struct pl_buf *b, const struct pl_diag *,
	    const struct pl_output_opts *);
/* "3 errors, 1 warning in 2 files" into a new string. */
char	*pl_summary_line(const struct pl_diags *, const struct pl_run_stats *);
/* A JSON string of s, which need not be UTF-8 (octets above 127 of a
 * string that is not become \DDD); NULL is "" or null. */
struct json_t;
struct json_t *pl_json_str(const char *s);
struct json_t *pl_json_str_or_null(const char *s);

/* Where the time and memory of one input went (PROXYLINT_TIMING). */
struct pl_timing {
	double		 read;		/* seconds: mapping the file */
	double		 parse;		/* the reader */
	double		 index;
	double		 rules;		/* checks and filter */
	long		 rss_read_kib;	/* resident memory after the reader */
	long		 rss_index_kib;	/* and after the index */
	long		 peak_kib;	/* peak resident memory so far */
};

void	pl_out_timing(FILE *, const char *path, const struct pl_timing *,
	    const struct pl_zone *);

/*
 * Fingerprints: a finding's identity without its line, so that an alert
 * keeps it when records move (SARIF partialFingerprints, GitLab Code
 * Quality, baselines).  "HASH:N": a 64-bit FNV-1a hash, in hex, of the rule
 * id and the record's owner, type and content (or, for a finding about a
 * whole input, its message), and N the occurrence of that hash in its file,
 * so that identical records get :1, :2.  Occurrences of each hash per file
 * are counted in the struct, open addressing.
 */
struct pl_fingerprints {
	uint64_t	*key;
	unsigned	*count;
	size_t		 cap;
	size_t		 n;
};
#define PL_FINGERPRINT_LEN	32
void	pl_fingerprints_init(struct pl_fingerprints *);
void	pl_fingerprints_release(struct pl_fingerprints *);
/* Writes the fingerprint of g (t: its text; file: its file's name as the
 * report shows it) into buf of PL_FINGERPRINT_LEN octets. */
void	pl_fingerprint(struct pl_fingerprints *, const struct pl_diag *g,
	    const struct pl_diag_text *t, const char *file, char *buf);

/* Where the tool is documented (SARIF informationUri). */
#define PL_HOMEPAGE	"https://github.com/proxylint/proxylint"

#endif
