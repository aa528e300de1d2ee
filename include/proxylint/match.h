/* match.h -- compiled lists of names, labels and address ranges */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_MATCH_H
#define PROXYLINT_MATCH_H

/*
 * For the rule loader, the config and the engine: the matchers behind a
 * rule's lists.  They know nothing of rules; each takes a plain list and
 * builds a structure that answers "which entry matches?" in a few
 * look-ups, whatever the length of the list.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

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

/* The plain matchers, also used by the compiled ones. */
/* Glob over a name without its trailing dot: '*' matches any run of octets
 * (dots too), '?' one octet; case-insensitive. */
bool	 pl_glob_match(const char *pattern, const char *name);
int	 pl_range_parse(const char *, struct pl_range *);
bool	 pl_range_contains(const struct pl_range *, int family,
	    const uint8_t *addr);

#endif
