/* config.h -- .proxylint.yaml: where it is, what it says, how it applies */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_CONFIG_H
#define PROXYLINT_CONFIG_H

/*
 * For the program's contexts (inputs.c), which load a config and apply it
 * to a ruleset, and for the filter, which asks it what a config exempts.
 * Loading checks every key and value, with located errors (log.h).
 */

#include <stdbool.h>
#include <stddef.h>

#include "proxylint/rule.h"
#include "proxylint/zone.h"

/* The file name searched for, in an input's folder and its parents. */
#define PL_CONFIG_NAME		".proxylint.yaml"
/* The most DNSControl provider names a config (and the command line) may
 * take as Cloudflare. */
#define PL_CONFIG_MAX_DC_PROVIDERS	64

/* A string of the config with where it was written, for located errors. */
struct pl_config_str {
	char		*s;		/* owned */
	unsigned	 line;		/* 1-based */
	unsigned	 col;		/* 1-based */
};

struct pl_config_strs {
	struct pl_config_str	*v;
	size_t			 n;
};

/* rules: {ID: off|info|warning|error} */
struct pl_config_rule {
	struct pl_config_str	 id;
	enum pl_severity	 sev;		/* PL_SEV_NONE: off */
};

/* ignore: [{name: GLOB, rules: [ID, ...], reason: TEXT}] */
struct pl_config_ignore {
	struct pl_config_str	 name;		/* owner glob, no trailing dot */
	struct pl_config_strs	 rules;		/* empty: every rule */
	char			*reason;	/* or NULL */
};

/* lists: {ID: {KEY: [VALUE, ...]}}: one (rule, key) pair. */
struct pl_config_list {
	struct pl_config_str	 rule;
	struct pl_config_str	 key;
	struct pl_config_strs	 values;
};

/*
 * The owner globs that exempt from one rule (rule NULL: from every rule),
 * compiled so that a finding is matched against thousands of "ignore"
 * entries in about the time of one.  Built by pl_config_load_text().
 */
struct pl_config_exempt {
	const char		*rule;		/* borrowed from an ignore */
	struct pl_strlist	 names;		/* lower case, borrowed */
	struct pl_globset	 set;
};

struct pl_config {
	char			*path;		/* as shown in messages */
	bool			 has_fail_on;
	enum pl_severity	 fail_on;	/* PL_SEV_NONE: never */
	bool			 has_default_proxy;
	enum pl_proxy		 default_proxy;
	char			*origin;	/* or NULL */
	char			*rules_dir;	/* relative to the config's
						   folder already, or NULL */
	struct pl_config_rule	*rules;
	size_t			 nrules;
	struct pl_config_ignore	*ignores;
	size_t			 nignores;
	struct pl_config_list	*lists;
	size_t			 nlists;
	struct pl_config_strs	 spectrum;	/* owner globs */
	struct pl_config_strs	 excludes;	/* path globs, relative to the
						   config's folder */
	struct pl_config_strs	 dnscontrol_providers; /* DNSControl
						   providers taken as
						   Cloudflare */
	/* compiled from ignores and spectrum, for pl_config_exempts() */
	struct pl_config_exempt	*exempt;
	size_t			 nexempt;
	struct pl_strlist	 spectrum_names;
	struct pl_globset	 spectrum_set;
};

/*
 * Parses the YAML text of a config file (name used in messages) into a new
 * config; free it with pl_config_free().  Unknown keys, severities and
 * values are errors: prints "FILE:LINE:COL: message" to stderr and returns
 * PL_ERULES, *out NULL then.  Rule ids are checked by pl_config_apply().
 */
int	 pl_config_load_text(struct pl_config **out, const char *name,
	    const char *text, size_t len);
/* The same, reading the file at path ("-" is not allowed). */
int	 pl_config_load(struct pl_config **out, const char *path);
void	 pl_config_free(struct pl_config *);

/*
 * Applies the rule severities and list additions of the config to rs (a
 * ruleset of its own: it is changed).  An unknown rule id, or a list the
 * rule's check kind does not read, is an error "FILE:LINE:COL: message";
 * returns 0 or PL_ERULES.
 */
int	 pl_config_apply(const struct pl_config *, struct pl_ruleset *rs);

/*
 * Does the config exempt a record owned by owner (fully qualified, with or
 * without its trailing dot) from the rule: an "ignore" entry, or a
 * "spectrum" host for a non-HTTP rule?
 */
bool	 pl_config_exempts(const struct pl_config *, const char *rule_id,
	    const char *owner);

/*
 * Looks for PL_CONFIG_NAME in dir and in each parent folder, up to and
 * including the first folder that holds ".git" (the repository's root),
 * or the file system's root.  Returns a new path (relative to the working
 * folder when it is below it), or NULL when there is none.
 */
char	*pl_config_find(const char *dir);

#endif
