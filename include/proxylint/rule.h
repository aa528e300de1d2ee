/* rule.h -- rules as data: rules/NAME.yaml loaded into a ruleset */
/* SPDX-License-Identifier: MIT */
/*
 * For everything from the config up: the loaded rules, which the engine
 * runs, findings borrow and reporters describe.  The schema of a rule file
 * is kinds.h; the matchers behind its lists are match.h.
 */
#ifndef PROXYLINT_RULE_H
#define PROXYLINT_RULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Ordered, so that the exit status falls out of the highest severity. */
enum pl_severity {
	PL_SEV_NONE = 0,	/* "off" in a config */
	PL_SEV_INFO,
	PL_SEV_WARNING,
	PL_SEV_ERROR,
};
const char	*pl_severity_name(enum pl_severity);
int		 pl_severity_parse(const char *, enum pl_severity *);

/* Which proxy state a rule looks at. */
enum pl_when {
	PL_WHEN_ANY = 0,
	PL_WHEN_PROXIED,
	PL_WHEN_DNS_ONLY,
};

/*
 * Whether a rule's finding has an automatic fix (its "autofix" key), and
 * how sure it is: a safe fix is what --fix applies; an unsafe one, which
 * a person should judge, only with --unsafe-fixes.  A fix always sets the
 * record to the state opposite the rule's "when" (pl_rule_fix_target).
 */
enum pl_autofix_safety {
	PL_AUTOFIX_NONE = 0,
	PL_AUTOFIX_SAFE,
	PL_AUTOFIX_UNSAFE,
};
const char	*pl_autofix_safety_name(enum pl_autofix_safety); /* "safe" */

#include "proxylint/kinds.h"
#include "proxylint/match.h"

/*
 * The value of one data key of a rule (kinds.h, PL_RULE_KEYS): a list in
 * the field its type uses, and its compiled form.  Keys a rule does not
 * set stay empty.
 */
struct pl_rule_data {
	struct pl_strlist	 strs;		/* GLOBS, LABELS (lower case) */
	struct pl_ranges	 ranges;	/* RANGES */
	uint16_t		*nums;		/* PORTS, TYPES */
	size_t			 nnums;
	bool			 on;		/* BOOL */
	const char		**names;	/* list keys: each entry's display
						   name (its provider's, borrowed
						   from the rule), or NULL; in
						   step with the entries */
	/* compiled by pl_rule_compile(), for the matchers */
	struct pl_globset	 globset;	/* GLOBS */
	struct pl_labelset	 labelset;	/* LABELS */
	struct pl_rangeset	 rangeset;	/* RANGES */
};

/*
 * A named group of a rule's list entries (rules/README.md, "providers"):
 * the platform, vendor or registry they belong to, which messages name
 * ({provider}), and where the entries come from.
 */
struct pl_provider {
	char			*name;
	struct pl_strlist	 sources;
};

/* A message for the findings whose {match} is match (rule key "messages"). */
struct pl_message_variant {
	char			*match;
	char			*message;
};

struct pl_rule {
	char			*id;		/* stable, kebab-case */
	char			*use_case;	/* section id, e.g. "email" */
	char			*use_case_title;
	enum pl_severity	 severity;	/* in force */
	enum pl_severity	 default_severity; /* from the rule file */
	const struct pl_check_kind *kind;
	enum pl_when		 when;
	enum pl_when		 wants;		/* the state its fix gives the
						   record; ANY: another fix
						   (pl_diags_merge) */
	enum pl_autofix_safety	 autofix;	/* its fix, if any */
	uint16_t		*types;		/* RR types it applies to */
	size_t			 ntypes;	/* 0: every type */
	char			*summary;
	char			*message;	/* template: template.h */
	char			*fix;
	char			*explain;	/* why it matters */
	char			*example;	/* a record that fires */
	char			*doc;		/* Cloudflare doc link */
	struct pl_strlist	 sources;	/* where the lists come from */
	struct pl_provider	*providers;	/* named groups of entries */
	size_t			 nproviders;
	struct pl_message_variant *messages;	/* by {match}, or NULL */
	size_t			 nmessages;
	struct pl_strlist	 formats;	/* input formats, empty = all */
	struct pl_rule_data	 data[PL_KEY__COUNT]; /* for the check kind */
	unsigned		 order;		/* precedence within use case */
	unsigned		 section;	/* index of the use case */
	char			*file;		/* where it was defined */
	unsigned		 line;
};

/* The value of data key ID (PL_RULE_KEYS) of a rule. */
#define PL_RULE_DATA(rule, id)	(&(rule)->data[PL_KEY_##id])

/*
 * Adds one value, as written in a rule file or a config, to the value of
 * data key k; call pl_rule_compile() once the lists are complete.  Returns
 * 0, or -1 with *why set to a static reason that the value follows
 * ("invalid port" '70000').
 */
int	 pl_rule_data_add(struct pl_rule_data *, enum pl_key k, const char *s,
	    const char **why);
/* The same with the entry's display name (borrowed; NULL: none). */
int	 pl_rule_data_add_named(struct pl_rule_data *, enum pl_key k,
	    const char *s, const char *name, const char **why);
void	 pl_rule_data_release(struct pl_rule_data *);
/*
 * The display name of an entry that a matcher returned: a pattern or a
 * label of d (the very string of its list), or a range of its list.  NULL
 * for an entry without one (a config's "lists" add such entries).
 */
const char *pl_rule_data_name(const struct pl_rule_data *d, const char *entry);
const char *pl_rule_data_range_name(const struct pl_rule_data *d,
	    const struct pl_range *);

/* The message template for a finding with these variables: the variant
 * for its {match}, or the rule's message. */
struct pl_vars;
const char *pl_rule_message(const struct pl_rule *, const struct pl_vars *);

static inline bool
pl_type_in(const uint16_t *v, size_t n, uint16_t type)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == type)
			return true;
	return false;
}

static inline bool
pl_rule_has_type(const struct pl_rule *r, uint16_t type)
{
	return r->ntypes == 0 || pl_type_in(r->types, r->ntypes, type);
}

/*
 * The rules that C code reports by itself (the readers, the filter and
 * the config's spectrum list), found when a ruleset is made: a rule file
 * that loses one of them fails to load, so that no finding is dropped for
 * a mistyped id.
 */
#define PL_FIXED_RULES(X)						\
	X(SYNTAX_ERROR,		"syntax-error")				\
	X(MALFORMED_CF_TAGS,	"malformed-cf-tags")			\
	X(INCLUDE_REFUSED,	"include-refused")			\
	X(INPUT_TRUNCATED,	"input-truncated")			\
	X(NOT_KNOWN_BEFORE_PLAN, "not-known-before-plan")		\
	X(ZONE_UNKNOWN,		"zone-unknown")				\
	X(UNUSED_SUPPRESSION,	"unused-suppression")			\
	X(DOMAIN_NOT_ON_CLOUDFLARE, "domain-not-on-cloudflare")		\
	X(NON_HTTP_HOST_PROXIED, "non-http-host-proxied")		\
	X(SRV_TARGET_PROXIED,	"srv-target-proxied")			\
	X(MAIL_HOST_PROXIED,	"mail-host-proxied")

enum pl_fixed_rule {
#define PL_FIXED_ENUM(id, name) PL_RULE_##id,
	PL_FIXED_RULES(PL_FIXED_ENUM)
#undef PL_FIXED_ENUM
	PL_RULE__FIXED_COUNT
};

struct pl_ruleset {
	struct pl_rule	**rules;	/* sorted by section, then order */
	size_t		  n;
	char		**sections;	/* use-case ids in load order */
	size_t		  nsections;
	/* borrowed from rules[], set by pl_ruleset_new() and kept in step
	 * when a rule file replaces one */
	struct pl_rule	 *fixed[PL_RULE__FIXED_COUNT];
};

/* Returns a new ruleset holding the rules built into the binary, or NULL
 * after a message when they do not load (a build defect). */
struct pl_ruleset	*pl_ruleset_new(void);
void			 pl_ruleset_free(struct pl_ruleset *);

/*
 * Loads one rule file (YAML text, name used in messages) into rs.  A rule
 * with an existing id replaces it.  On error logs "FILE:LINE:COL: ..."
 * (log.h) and returns PL_ERULES; rs is unchanged then.
 */
int	 pl_ruleset_load_text(struct pl_ruleset *, const char *name,
	    const char *text, size_t len);
/* Loads every *.yaml / *.yml file of a folder, in name order. */
int	 pl_ruleset_load_dir(struct pl_ruleset *, const char *dir);

/*
 * The proxy state (enum pl_proxy, zone.h) a rule's automatic fix gives a
 * record: the opposite of its "when".  0 (unknown) for a rule without one.
 */
int		 pl_rule_fix_target(const struct pl_rule *);

/* Borrowed, or NULL. */
struct pl_rule	*pl_ruleset_find(const struct pl_ruleset *, const char *id);
/* The id a typo away from id, for "did you mean", or NULL. */
const char	*pl_ruleset_closest(const struct pl_ruleset *, const char *id);

/*
 * (Re)builds the compiled forms of a rule's lists (globsets, labelsets,
 * rangesets) after its lists have changed; the matchers read those.
 */
void	 pl_rule_compile(struct pl_rule *);

/* The built-in rule files (generated from rules/NAME.yaml at build time). */
struct pl_builtin_rules {
	const char	*name;
	const char	*text;
	size_t		 len;
};
extern const struct pl_builtin_rules	pl_builtin_rules[];
extern const size_t			pl_builtin_rules_count;

#endif
