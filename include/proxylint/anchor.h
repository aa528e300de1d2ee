/* anchor.h -- fix anchors: where a reader found each record's proxy flag */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_ANCHOR_H
#define PROXYLINT_ANCHOR_H

/*
 * For the readers (which record anchors as they read), the fixer (fix.h,
 * which turns findings into edits of the files) and autofix.c (which tells
 * the reporters whether a finding can be fixed).
 *
 * A fix sets a record's proxy flag to the state its rule's fix gives
 * (pl_rule_fix_target).  To do that in place, the fixer must know where in
 * which file the flag is written, and how to write the other state.  A
 * reader that knows it says so with a fix anchor, in a side table on the
 * zone (never in struct pl_record: a zone of a million records does not
 * grow by a byte for this; only the records that have an anchor cost one).
 *
 * HOW A READER FILLS IT IN.  For each proxiable record it reads (or only
 * the ones it can say something about), once the record is added:
 *
 *   - the flag is a literal in the file: pl_anchor_replace() with the file
 *     index (0 for the input itself, else the pl_zone_add_file() index),
 *     the byte offset and length of the literal in that file's text as it
 *     was read, and the text to write for each state.  The bytes at the
 *     span are checked against what was read before anything is written.
 *
 *   - the flag is missing, and "missing" means one state (octoDNS: a record
 *     without proxied is DNS-only; Terraform: proxied defaults to false):
 *     pl_anchor_insert() with the offset where a new line goes and the
 *     whole text to insert for the state it can write (indentation and
 *     line end included), NULL for the other.
 *
 *   - the flag cannot be rewritten in place: pl_anchor_refuse() with why,
 *     a short reason for the finding ("the value comes from an
 *     expression").  A record with no anchor at all gets a reason of the
 *     fixer's own (its format has no fix).
 *
 * Several records may share one literal (the values of one octoDNS
 * record, the instances of a Terraform for_each): give each the same
 * span.  The fixer writes the span once, and knows that fixing one record
 * there sets the others too.  Offsets are bytes of the file's text exactly
 * as the reader got it (after nothing is decoded: a BOM, CRLF and tabs
 * count as they are).
 *
 * The Cloudflare export (BIND) reader records no anchors: the fixer finds
 * the cf-proxied value of a record from its first line at fix time
 * (pl_bind_flag_spans, read.h), so a big export costs nothing until it is
 * fixed.  API JSON and Terraform plans are generated files: no anchor,
 * and the finding says where to change the record instead.
 *
 * The Terraform reader (read_tf.c, anchor()): the literal of "proxied"
 * (true/false, or a quoted "true"/"false" with its quotes kept in the
 * text to write), or, with no attribute, a line "  proxied = true" in the
 * indentation and line ending of the block's first attribute, after it;
 * a record made by for_each is anchored at the literal in the map entry
 * it came from (shared by every instance that reads it); a value from a
 * variable, a local or any other expression is refused.
 *
 * Not done yet, DNSControl (dnsconfig.js): the CF_PROXY_ON / CF_PROXY_OFF
 * token on the record's filepos line when it is written there as a
 * literal (text[] = "CF_PROXY_OFF" / "CF_PROXY_ON"); else refused ("the
 * proxy state comes from a default or a variable").
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxylint/zone.h"

enum pl_anchor_kind {
	PL_ANCHOR_REPLACE = 1,	/* [off, off + len) holds the flag */
	PL_ANCHOR_INSERT,	/* no flag: the text goes at off (len 0) */
	PL_ANCHOR_REFUSE,	/* cannot be rewritten: why */
};

struct pl_anchor {
	uint32_t	 rec;		/* record index in the zone */
	uint16_t	 file;		/* index in the zone's files */
	uint8_t		 kind;		/* enum pl_anchor_kind */
	uint64_t	 off;		/* bytes into the file's text */
	uint32_t	 len;		/* REPLACE: bytes of the literal */
	const char	*old;		/* REPLACE: the literal as read */
	const char	*text[3];	/* by enum pl_proxy: what to write for
					   that state, or NULL: cannot */
	const char	*why;		/* REFUSE: the reason */
};

/*
 * A file as it was read, so that the fixer can tell that it changed before
 * it rewrites it: its identity and a hash of its bytes.
 */
struct pl_file_id {
	bool		 known;
	uint64_t	 dev, ino, size;
	int64_t		 mtime_sec;
	long		 mtime_nsec;
	uint64_t	 hash;		/* pl_text_hash() of the text read */
};

/* The side table of one zone (zone->anchors; NULL until one is added). */
struct pl_anchors {
	struct pl_anchor	*v;	/* by rec, then insertion order */
	size_t			 n;
	size_t			 cap;
	struct pl_file_id	*ids;	/* by file index */
	size_t			 nids;
	const char		*spelling[3]; /* how the format writes each state
					   in a message, e.g. "proxied: false" */
};

/*
 * For the readers.  The strings must live as long as the zone (static,
 * or from pl_zone_strdup()).  The pointers stay valid as anchors are
 * added: they are copied into the table.
 */
void	pl_anchor_replace(struct pl_zone *, uint32_t rec, uint16_t file,
	    uint64_t off, uint32_t len, const char *old,
	    const char *to_dns_only, const char *to_proxied);
void	pl_anchor_insert(struct pl_zone *, uint32_t rec, uint16_t file,
	    uint64_t off, const char *to_dns_only, const char *to_proxied);
void	pl_anchor_refuse(struct pl_zone *, uint32_t rec, const char *why);
/* How messages name each state's flag in this format ("proxied: true"). */
void	pl_anchor_spelling(struct pl_zone *, const char *dns_only,
	    const char *proxied);

/* Makes a record's flag one that no fix rewrites, for why (copied): a
 * fix that another rule's would undo. */
void	pl_anchor_block(struct pl_zone *, uint32_t rec, const char *why);

/* The first anchor of a record, or NULL (the table is kept sorted). */
const struct pl_anchor *pl_anchor_find(const struct pl_zone *, uint32_t rec);

/* Moves src's anchors after z's, their records shifted by base (the
 * records z held before pl_zone_adopt() appended src's). */
void	pl_anchors_adopt(struct pl_zone *z, struct pl_zone *src,
	    uint32_t base);
void	pl_anchors_free(struct pl_anchors *);

/* A 64-bit hash of a file's bytes (FNV-1a). */
uint64_t pl_text_hash(const char *, size_t);
/*
 * Remembers file index file of z as read: the identity of path now (stat)
 * and the hash of its text.  Call right after reading; a file changed in
 * between shows as changed later, which is the safe side.
 */
void	pl_zone_set_file_id(struct pl_zone *, uint16_t file, const char *path,
	    const char *data, size_t len);
/* The identity recorded for a file index, or NULL. */
const struct pl_file_id *pl_zone_file_id(const struct pl_zone *,
	    uint16_t file);

#endif
