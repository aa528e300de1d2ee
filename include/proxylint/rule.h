/* rule.h -- rules as data: rules/NAME.yaml loaded into a ruleset */
/* SPDX-License-Identifier: MIT */
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

/* A list of strings (labels, formats, glob patterns). */
struct pl_strlist {
	char	**v;
	size_t	  n;
};

/* An address range: family 4 or 6, network-order prefix, prefix length. */
struct pl_range {
	uint8_t	 family;
	uint8_t	 plen;
	uint8_t	 addr[16];
	char	*text;		/* as written in the rule file */
};
struct pl_ranges {
	struct pl_range	*v;
	size_t		 n;
};

/*
 * A list of name globs, compiled: plain names and "*.suffix" patterns (the
 * bulk of every list) are found by binary search on each label boundary of
 * a name, so that matching costs a few lookups, not one glob per entry.
 */
struct pl_globkey {
	const char	*key;		/* name or suffix, without the "*." */
	size_t		 len;
	const char	*pattern;	/* as written, borrowed from the list */
};
struct pl_globset {
	struct pl_globkey	*exact;
	size_t			 nexact;
	struct pl_globkey	*suffix;
	size_t			 nsuffix;
	const char		**other;	/* any other glob */
	size_t			 nother;
};
void		 pl_globset_build(struct pl_globset *, const struct pl_strlist *);
/*
 * Is the pattern found by lookup in a globset (a plain name, or "*." and a
 * plain name)?  Any other glob is tried on every name matched, so a file
 * may hold at most PL_MAX_SCANNED_GLOBS of them: a list of thousands would
 * make a run grow with its product with the records.
 */
bool		 pl_glob_is_indexed(const char *pattern);
#define PL_MAX_SCANNED_GLOBS	256
#define PL_SCANNED_GLOBS_ERROR	"more than 256 name patterns with '*' or " \
	"'?' other than a leading '*.' (each is tried on every name: write " \
	"exact names or '*.suffix')"
void		 pl_globset_release(struct pl_globset *);
/* The first pattern (in exact, suffix, other order) that matches name
 * (with or without its trailing dot; lower case), or NULL. */
const char	*pl_globset_match(const struct pl_globset *, const char *name);

/*
 * A list of labels, compiled: sorted, so that a label is found by binary
 * search.  built is false until pl_labelset_build() has run; the lookup
 * then scans the list.
 */
struct pl_labelkey {
	const char	*key;		/* borrowed from the list */
	uint32_t	 len;
	uint32_t	 idx;		/* place in the list */
};
struct pl_labelset {
	struct pl_labelkey	*v;
	size_t			 n;
	bool			 built;
	bool			 digit_end;	/* an entry ends in a digit */
};
void		 pl_labelset_build(struct pl_labelset *, const struct pl_strlist *);
void		 pl_labelset_release(struct pl_labelset *);
/*
 * The first entry of l (in list order) that is the label of n octets, or,
 * with digits, that the label is followed by decimal digits ("smtp2" for
 * "smtp"); NULL if none.  s is l compiled, or not built.
 */
const char	*pl_labelset_find(const struct pl_labelset *s,
		    const struct pl_strlist *l, const char *label, size_t n,
		    bool digits);

/*
 * An address list, filtered: one bit for each value of an address's first
 * 16 bits that some range of the list covers, so that most addresses are
 * ruled out with one load.
 */
struct pl_rangeset {
	uint64_t	*bits[2];	/* IPv4, IPv6; 1024 words each */
	bool		 built;
};
void		 pl_rangeset_build(struct pl_rangeset *, const struct pl_ranges *);
void		 pl_rangeset_release(struct pl_rangeset *);
/* The first range of l (in list order) that holds the address, or NULL. */
const struct pl_range *pl_rangeset_find(const struct pl_rangeset *s,
		    const struct pl_ranges *l, int family, const uint8_t *addr);

struct pl_check_kind;

struct pl_rule {
	char			*id;		/* stable, kebab-case */
	char			*use_case;	/* section id, e.g. "email" */
	char			*use_case_title;
	enum pl_severity	 severity;	/* in force */
	enum pl_severity	 default_severity; /* from the rule file */
	const struct pl_check_kind *kind;
	enum pl_when		 when;
	uint16_t		*types;		/* RR types it applies to */
	size_t			 ntypes;	/* 0: every type */
	uint16_t		*allowed_types;	/* record-type kind */
	size_t			 nallowed_types;
	char			*summary;
	char			*message;	/* template, see engine.h */
	char			*fix;
	char			*explain;	/* why it matters */
	char			*example;	/* a record that fires */
	char			*doc;		/* Cloudflare doc link */
	struct pl_strlist	 sources;	/* where the lists come from */
	/* data for the check kind; unused lists stay empty */
	struct pl_strlist	 targets;	/* name globs */
	struct pl_strlist	 except_targets;
	struct pl_globset	 target_set;	/* compiled targets */
	struct pl_globset	 except_set;
	struct pl_ranges	 addresses;
	struct pl_ranges	 except_addresses;
	struct pl_strlist	 labels;	/* first labels of the owner */
	bool			 label_digits;	/* labels may end in digits */
	bool			 underscore;	/* any owner label starting _ */
	struct pl_strlist	 owner_labels;	/* with target_labels */
	struct pl_strlist	 target_labels;
	struct pl_strlist	 web_labels;	/* names that serve the web */
	/* the lists compiled for matching, by pl_rule_compile() */
	struct pl_labelset	 labels_set;
	struct pl_labelset	 owner_labels_set;
	struct pl_labelset	 target_labels_set;
	struct pl_labelset	 web_labels_set;
	struct pl_rangeset	 addresses_set;
	struct pl_rangeset	 except_addresses_set;
	struct pl_strlist	 prefixes;	/* target prefixes */
	struct pl_strlist	 formats;	/* input formats, empty = all */
	uint16_t		*ports;
	size_t			 nports;
	unsigned		 order;		/* precedence within use case */
	unsigned		 section;	/* index of the use case */
	char			*file;		/* where it was defined */
	unsigned		 line;
};

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

struct pl_ruleset {
	struct pl_rule	**rules;	/* sorted by section, then order */
	size_t		  n;
	char		**sections;	/* use-case ids in load order */
	size_t		  nsections;
};

/* Returns a new ruleset holding the rules built into the binary. */
struct pl_ruleset	*pl_ruleset_new(void);
void			 pl_ruleset_free(struct pl_ruleset *);

/*
 * Loads one rule file (YAML text, name used in messages) into rs.  A rule
 * with an existing id replaces it.  On error prints "FILE:LINE:COL: ..."
 * to stderr and returns PL_ERULES; rs is unchanged then.
 */
int	 pl_ruleset_load_text(struct pl_ruleset *, const char *name,
	    const char *text, size_t len);
/* Loads every *.yaml / *.yml file of a folder, in name order. */
int	 pl_ruleset_load_dir(struct pl_ruleset *, const char *dir);

/* Borrowed, or NULL. */
struct pl_rule	*pl_ruleset_find(const struct pl_ruleset *, const char *id);

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

/* Matching helpers, exposed for unit tests. */
/* Glob over a name without its trailing dot: '*' matches any run of octets
 * (dots too), '?' one octet; case-insensitive. */
bool	 pl_glob_match(const char *pattern, const char *name);
int	 pl_range_parse(const char *, struct pl_range *);
bool	 pl_range_contains(const struct pl_range *, int family,
	    const uint8_t *addr);

#endif
