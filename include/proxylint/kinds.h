/* kinds.h -- the schema of a rule: its check kinds and the data keys each reads */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_KINDS_H
#define PROXYLINT_KINDS_H

/*
 * For the rule loader (rule.c), the config (config.c) and the engine.  A
 * leaf: it names things and holds no code but look-ups, so that the loader
 * can check a rule file's "check:" and keys without linking the checks, and
 * the engine maps each kind to its C function by the kind's id.
 *
 * Every data key of a rule is one row of PL_RULE_KEYS: its id, its name
 * in rule files and configs, and what its value holds.  The fields of
 * struct pl_rule (rule.h: data[]), the loader, the compile and free code,
 * the config's "lists" and each kind's allowed keys all follow from this
 * table, so adding a list is one line here plus the check that reads it.
 */

#include <stdbool.h>
#include <stdint.h>

/* What a data key's value holds. */
enum pl_key_type {
	PL_KEYT_GLOBS,		/* name globs, lower case, no trailing dot */
	PL_KEYT_LABELS,		/* labels, lower case */
	PL_KEYT_RANGES,		/* address ranges (CIDR) */
	PL_KEYT_PORTS,		/* port numbers */
	PL_KEYT_TYPES,		/* RR type names */
	PL_KEYT_BOOL,		/* true or false */
};

/* Lists first: a config's "lists" may add to the GLOBS, LABELS, RANGES
 * and PORTS keys (pl_key_is_list). */
#define PL_RULE_KEYS(X)							\
	X(TARGETS,		"targets",		GLOBS)		\
	X(EXCEPT_TARGETS,	"except-targets",	GLOBS)		\
	X(ADDRESSES,		"addresses",		RANGES)		\
	X(EXCEPT_ADDRESSES,	"except-addresses",	RANGES)		\
	X(LABELS,		"labels",		LABELS)		\
	X(OWNER_LABELS,		"owner-labels",		LABELS)		\
	X(TARGET_LABELS,	"target-labels",	LABELS)		\
	X(WEB_LABELS,		"web-labels",		LABELS)		\
	X(PORTS,		"ports",		PORTS)		\
	X(ALLOWED_TYPES,	"allowed-types",	TYPES)		\
	X(LABEL_DIGITS,		"label-digits",		BOOL)		\
	X(UNDERSCORE,		"underscore",		BOOL)

enum pl_key {
#define PL_KEY_ENUM(id, name, type) PL_KEY_##id,
	PL_RULE_KEYS(PL_KEY_ENUM)
#undef PL_KEY_ENUM
	PL_KEY__COUNT
};

struct pl_key_desc {
	const char		*name;
	enum pl_key_type	 type;
};
extern const struct pl_key_desc pl_keys[PL_KEY__COUNT];

/* The key of this name, or -1. */
int	pl_key_find(const char *name);
/* Can a config's "lists" add to it? */
bool	pl_key_is_list(enum pl_key);

#define PL_KEYBIT(id)	(1u << PL_KEY_##id)

/* The check kinds; names and keys are in kinds.c, code in engine.c. */
#define PL_CHECK_KINDS(X)						\
	X(RECORD_TYPE)				\
	X(TARGET)				\
	X(NAME)					\
	X(MAIL_HOST)				\
	X(MX_WEB_HOST)				\
	X(SRV_TARGET)				\
	X(PROXIED_TTL)				\
	X(MIXED_PROXY)				\
	X(ORIGIN_EXPOSED)			\
	X(WEB_HOST)				\
	X(PROXY_UNKNOWN)			\
	X(READER)

enum pl_kind_id {
#define PL_KIND_ENUM(id) PL_KIND_##id,
	PL_CHECK_KINDS(PL_KIND_ENUM)
#undef PL_KIND_ENUM
	PL_KIND__COUNT
};

/* What the engine does with a kind's rules. */
#define PL_KIND_WANTS_DNS_ONLY	0x1	/* a hit means "should be DNS-only":
					   web-host asks these */
#define PL_KIND_PER_INPUT	0x2	/* runs once per zone, not per record */
#define PL_KIND_FROM_READER	0x4	/* reported by a reader or the filter */
#define PL_KIND_YIELDS		0x8	/* quiet where a WANTS_DNS_ONLY rule
					   would fire were the record proxied */

/*
 * How specific a kind's evidence is, when findings about one record are
 * merged (diag.h, pl_diags_merge): a list entry of a vendor or of
 * Cloudflare itself beats what other records say, which beats a name.
 */
enum pl_kind_rank {
	PL_RANK_LIST = 0,	/* the record matches a list entry */
	PL_RANK_ZONE,		/* other records of the zone point here */
	PL_RANK_NAME,		/* the owner's name looks like it */
};

struct pl_check_kind {
	enum pl_kind_id	 id;
	const char	*name;
	unsigned	 flags;		/* PL_KIND_* */
	uint32_t	 keys;		/* PL_KEYBIT()s of the data keys read */
	enum pl_kind_rank rank;
};
extern const struct pl_check_kind pl_check_kinds[PL_KIND__COUNT];

/* Borrowed, or NULL for an unknown kind name. */
const struct pl_check_kind *pl_check_kind_find(const char *name);

static inline bool
pl_kind_reads(const struct pl_check_kind *k, enum pl_key key)
{
	return (k->keys & (1u << key)) != 0;
}

#endif
