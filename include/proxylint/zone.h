/* zone.h -- records of one input, with name and address indexes */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_ZONE_H
#define PROXYLINT_ZONE_H

/*
 * For the readers (which fill a zone), the engine (which reads its
 * indexes), the findings (which borrow its records) and the reporters.
 * The fields below "intern table" are zone.c's; outside it only
 * PROXYLINT_TIMING's line reads the counts.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxylint/util.h"

/*
 * Invariants:
 * - every name (owner, target) is interned in the zone: lower-case ASCII
 *   (non-ASCII octets are kept as they are), fully qualified, with its
 *   trailing dot.  Two names are equal iff their pointers are equal.
 * - records are appended in input order and never move once the zone is
 *   indexed; indexes are 32-bit record numbers.
 * - all strings belong to the zone's arena and die with pl_zone_free().
 */

enum pl_proxy {
	PL_PROXY_UNKNOWN = 0,
	PL_PROXY_DNS_ONLY,
	PL_PROXY_PROXIED,
};

/* The kind of input a zone came from; rules may be limited to some. */
enum pl_format {
	PL_FMT_BIND = 0,
	PL_FMT_CLOUDFLARE_JSON,
	PL_FMT_TERRAFORM_PLAN,
	PL_FMT_OCTODNS,
	PL_FMT_TERRAFORM,		/* .tf and .tf.json: the configuration */
	PL_FMT_DNSCONTROL,
	PL_FMT_MARKDOWN,	/* read as BIND: the zone becomes PL_FMT_BIND */
	PL_FMT_COUNT_
};
const char	*pl_format_name(enum pl_format);	/* "bind", ... */
int		 pl_format_parse(const char *, enum pl_format *);

#define PL_NO_RECORD	UINT32_MAX

/*
 * What few records have, kept apart so that records stay small: most
 * records of an export have no comment, and their only tag is the proxy
 * flag (shared: pl_ext_proxied, pl_ext_dns_only).
 */
struct pl_record_ext {
	const char	*comment;	/* record comment (free text), or NULL */
	const char	*tags;		/* tag list as written, or NULL */
	const char	*pointer;	/* JSON pointer or resource address for
					   inputs without lines, or NULL */
	uint32_t	 col;		/* 1-based column of the record's line
					   where the input gives one; 0: none */
};
extern const struct pl_record_ext pl_ext_proxied;	/* cf-proxied:true */
extern const struct pl_record_ext pl_ext_dns_only;	/* cf-proxied:false */

/* A slot of the address table: the head of an address's chain, and bits of
 * the address's hash, so that a probe that misses reads no record. */
struct pl_addr_slot {
	uint32_t	rec;		/* PL_NO_RECORD: empty */
	uint32_t	tag;
};

struct pl_record {
	const char	*owner;		/* interned */
	const char	*target;	/* interned target name (CNAME, MX, SRV,
					   NS, PTR, DNAME, HTTPS/SVCB) or NULL */
	const char	*content;	/* RDATA in presentation format, or
					   NULL for an A/AAAA: pl_rec_content() */
	const struct pl_record_ext *ext; /* comment, tags, pointer, or NULL;
					   read and set with pl_rec_*() */
	uint32_t	 line;		/* 1-based first line; 0 = none */
	uint32_t	 ttl;
	uint32_t	 next_owner;	/* next record with the same owner */
	union {
		/* An A/AAAA has no target, a record with a target no
		 * address: one link serves both chains. */
		uint32_t next_addr;	/* next A/AAAA with the same address */
		uint32_t next_ref;	/* next record with the same target */
	};
	uint16_t	 type;		/* RR type number (LDNS_RR_TYPE_*) */
	uint16_t	 port;		/* SRV port */
	uint16_t	 file;		/* index in the zone's files */
	uint8_t		 proxy:2;	/* enum pl_proxy, as written */
	uint8_t		 family:3;	/* 4 or 6 for A/AAAA, else 0 */
	uint8_t		 flags:3;	/* PL_REC_* */
	uint8_t		 addr[16];	/* A/AAAA address, network order */
};

enum {
	PL_REC_PROXY_DEFAULTED	= 1 << 0,	/* proxy came from --default-proxy */
	PL_REC_UNCHECKED	= 1 << 1,	/* read, but its content is known
						   only in a plan: no rule looks
						   at it (a Terraform record) */
};

struct pl_anchors;
struct pl_name_entry;
struct pl_name_slot {
	uint64_t		 hash;
	struct pl_name_entry	*e;	/* NULL: empty */
};

struct pl_zone {
	const char		*file;		/* display name, borrowed */
	char			**files;	/* files[0] = file (borrowed);
						   the rest: $INCLUDEd files,
						   owned */
	uint16_t		 nfiles;
	enum pl_format		 format;
	const char		*origin;	/* interned apex, or NULL */
	struct pl_record	*recs;
	uint32_t		 nrecs;
	uint32_t		 caprecs;
	bool			 recs_mapped;	/* recs is an mmap(2) */
	struct pl_arena		 arena;
	/* intern table: open addressing on (hash, name) */
	struct pl_name_slot	*names;
	uint32_t		 nnames;
	uint32_t		 capnames;
	/* address index: open addressing, value = first record */
	struct pl_addr_slot	*addr_slots;
	uint32_t		 capaddr;
	uint32_t		 nunknown;	/* proxiable records with no
						   proxy state in the input */
	bool			 indexed;
	/*
	 * An input that holds several zones' records (DNSControl: one IR, many
	 * domains) names every apex here, origin among them: interned, sorted
	 * and without duplicates once indexed.  pl_name_is_apex() is true for
	 * each.
	 */
	const char		**apexes;	/* owned array */
	uint32_t		 napexes;
	/*
	 * The next zone of the same input, or NULL.  An input whose records
	 * must not share one set of indexes (DNSControl's split-horizon views,
	 * whose names repeat) is read into a chain of zones; the pipeline
	 * indexes and checks each on its own, and filters the findings of all
	 * together (lint.c).  Owned: pl_zone_free() frees the chain.  Every
	 * zone of a chain has the input's file and format.
	 */
	struct pl_zone		*next;
	struct pl_anchors	*anchors;	/* fix anchors (anchor.h), or
						   NULL: a side table, so that
						   records stay small */
};

/* Returns a new empty zone; free with pl_zone_free(). */
struct pl_zone	*pl_zone_new(const char *file, enum pl_format);
/* Frees z and the zones chained after it. */
void		 pl_zone_free(struct pl_zone *);
/* The records of z and of the zones chained after it. */
uint64_t	 pl_zone_chain_nrecs(const struct pl_zone *);
/*
 * Frees what only the checks read (the address index), once they have
 * run: the reporters need the records and names alone.  Afterwards
 * pl_zone_first_addr() finds nothing.
 */
void		 pl_zone_checks_done(struct pl_zone *);

/*
 * Interns a name given in presentation format (any case, with or without
 * the trailing dot: it is added).  Returns a pointer owned by the zone.
 */
const char	*pl_zone_intern(struct pl_zone *, const char *, size_t);
/*
 * Starts loading the name table's slot for a name that is about to be
 * interned (n octets, as pl_zone_intern() takes it), so that the lookup
 * does not wait for memory: the table of a big zone is far larger than
 * the caches.  Changes nothing.
 */
void		 pl_zone_prefetch(const struct pl_zone *, const char *, size_t);

/*
 * Appends a record and returns it (zeroed but for the index links); the
 * pointer is valid until the next pl_zone_add().  Strings in it must be
 * interned (names) or come from the zone's arena.
 */
struct pl_record *pl_zone_add(struct pl_zone *);

/*
 * Moves every record of src (parsed apart, e.g. by another thread) to the
 * end of z, with its names re-interned in z and its strings kept where
 * they are: src's arena joins z's.  src is left empty.  Call before
 * pl_zone_index().
 */
void		 pl_zone_adopt(struct pl_zone *z, struct pl_zone *src);

/* Makes room for about nrecs records and nnames names, so that a big
 * zone is not copied over and over as it grows. */
void		 pl_zone_reserve(struct pl_zone *, uint32_t nrecs,
		    uint32_t nnames);

/* Adds an apex (interned) for pl_name_is_apex(), before pl_zone_index(). */
void		 pl_zone_add_apex(struct pl_zone *, const char *name);
/* Is s (canonical text, not necessarily interned) the origin or an apex? */
bool		 pl_zone_is_apex_text(const struct pl_zone *, const char *s);

/* Adds an included file's display name; returns its index. */
uint16_t	 pl_zone_add_file(struct pl_zone *, const char *);
/* The display name of the file a record comes from. */
const char	*pl_zone_record_file(const struct pl_zone *,
		    const struct pl_record *);

/* A record's comment, tags and pointer (NULL when it has none). */
static inline const char *
pl_rec_comment(const struct pl_record *r)
{
	return r->ext != NULL ? r->ext->comment : NULL;
}

static inline const char *
pl_rec_tags(const struct pl_record *r)
{
	return r->ext != NULL ? r->ext->tags : NULL;
}

static inline const char *
pl_rec_pointer(const struct pl_record *r)
{
	return r->ext != NULL ? r->ext->pointer : NULL;
}

/* The column of the record's line, 0 when the input gives none. */
static inline uint32_t
pl_rec_col(const struct pl_record *r)
{
	return r->ext != NULL ? r->ext->col : 0;
}

/* Room for the text of an address, NUL included. */
#define PL_ADDR_TEXT	46

/*
 * A record's content (RDATA in presentation format): as its reader kept
 * it, or, for an A or AAAA record kept without (the BIND reader keeps the
 * address alone: the text it accepts is the address's usual form), the
 * address written into buf.  Never NULL.
 */
const char	*pl_rec_content(const struct pl_record *, char *buf);

/* Set them; s must live as long as the zone (its arena, or static). */
void		 pl_rec_set_comment(struct pl_zone *, struct pl_record *,
		    const char *s);
void		 pl_rec_set_tags(struct pl_zone *, struct pl_record *,
		    const char *s);
void		 pl_rec_set_pointer(struct pl_zone *, struct pl_record *,
		    const char *s);
void		 pl_rec_set_col(struct pl_zone *, struct pl_record *,
		    uint32_t col);

/* Copies a string into the zone's arena. */
char		*pl_zone_strdup(struct pl_zone *, const char *, size_t);

/*
 * Builds the owner, target and address indexes, and gives proxiable
 * records with no proxy state the default state (PL_PROXY_UNKNOWN keeps
 * them unknown); call once, when all records are in.  With threads > 1 a
 * big zone's address index is built on a second thread beside the name
 * chains; the index is the same.
 */
void		 pl_zone_index(struct pl_zone *, enum pl_proxy default_proxy,
		    int threads);

/* First record owned by name (interned), or PL_NO_RECORD. */
uint32_t	 pl_zone_first(const struct pl_zone *, const char *name);
/* Looks a name up without interning it; NULL when no record has it. */
const char	*pl_zone_lookup(const struct pl_zone *, const char *, size_t);
/* First A/AAAA record with this address, or PL_NO_RECORD. */
uint32_t	 pl_zone_first_addr(const struct pl_zone *, int family,
		    const uint8_t *addr);

/* Name-level facts gathered by pl_zone_index(), for the cross-record rules. */
enum {
	PL_NAME_MX_TARGET	= 1 << 0,	/* target of an MX */
	PL_NAME_SRV_TARGET	= 1 << 1,	/* target of an SRV */
	PL_NAME_HAS_PROXIED	= 1 << 2,	/* owns a proxied A/AAAA/CNAME */
	PL_NAME_HAS_DNS_ONLY	= 1 << 3,	/* owns a DNS-only A/AAAA/CNAME */
	PL_NAME_ADDR_PROXIED	= 1 << 4,	/* owns a proxied A/AAAA */
	PL_NAME_ADDR_DNS_ONLY	= 1 << 5,	/* owns a DNS-only A/AAAA */
};
unsigned	 pl_zone_name_flags(const struct pl_zone *, const char *name);
/* First record that targets name (MX, SRV, CNAME, ...) or PL_NO_RECORD;
 * follow with pl_zone_next_referrer(). */
uint32_t	 pl_zone_first_referrer(const struct pl_zone *, const char *name);
uint32_t	 pl_zone_next_referrer(const struct pl_zone *, uint32_t rec);

/* Helpers on names in the zone's canonical form. */
bool		 pl_name_is_proxiable_type(uint16_t type);
/* Length of the first label (without the dot). */
size_t		 pl_name_first_label(const char *name, const char **label);
/* True when name (interned) is the origin or one of the apexes. */
bool		 pl_name_is_apex(const struct pl_zone *, const char *name);

/* "A", "MX", "TYPE731": into buf of at least 16 bytes. */
const char	*pl_type_name(uint16_t type, char *buf, size_t len);

#endif
