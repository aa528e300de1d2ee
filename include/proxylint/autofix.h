/* autofix.h -- what the fix of a finding is, and the edits fixes make */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_AUTOFIX_H
#define PROXYLINT_AUTOFIX_H

/*
 * For the reporters (the [*] mark, JSON's autofix, the full format's line,
 * SARIF's fixes) and the fixer (fix.h), which makes the edits.  Whether a
 * finding can be fixed follows from its rule (rule.h: autofix, and the
 * state opposite its "when"), its input's format and its record's fix
 * anchor (anchor.h), without reading any file.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxylint/anchor.h"
#include "proxylint/rule.h"
#include "proxylint/zone.h"

/*
 * What the fix of one finding is, for the reporters: without reading any
 * file, from the rule, the format and the anchors.
 */
struct pl_autofix {
	enum pl_autofix_safety safety;	/* PL_AUTOFIX_NONE: the rule has none */
	enum pl_proxy	 to;		/* the state it gives */
	bool		 applicable;	/* the flag can be rewritten here */
	const char	*why;		/* not applicable: why (static) */
	const char	*spelling;	/* the flag as written after the fix,
					   e.g. "cf-proxied:false", or NULL */
};
void	pl_autofix_of(const struct pl_rule *, const struct pl_zone *,
	    const struct pl_record *, struct pl_autofix *);
/* Would --fix (with unsafe: --unsafe-fixes too) apply it? */
bool	pl_autofix_applies(const struct pl_autofix *, bool unsafe);

/*
 * One change to a file, as the fixer makes it: the bytes [off, off + len)
 * of file index file become text.  For SARIF, line and col say where it
 * starts and end_line, end_col where the replaced bytes end (1-based,
 * columns in UTF-16 code units, end exclusive).
 */
struct pl_edit {
	const struct pl_zone *zone;
	uint16_t	 file;
	uint32_t	 rec;		/* the record it was made for */
	uint64_t	 off;
	uint32_t	 len;
	char		*text;		/* owned */
	uint32_t	 line, col, end_line, end_col;
};

/* The edits of one plan, by zone and record: the fix of each finding. */
struct pl_edits {
	struct pl_edit	*v;
	size_t		 n;
	size_t		 cap;
};
void	pl_edits_init(struct pl_edits *);
void	pl_edits_release(struct pl_edits *);
/* Appends an edit (text copied) and returns it. */
struct pl_edit *pl_edits_add(struct pl_edits *, const struct pl_zone *,
	    uint16_t file, uint32_t rec, uint64_t off, uint32_t len,
	    const char *text);
/* Sorts by zone, record and place, for pl_edits_find(). */
void	pl_edits_sort(struct pl_edits *);
/* The edits made for a record (*n of them, in file order), or NULL. */
const struct pl_edit *pl_edits_find(const struct pl_edits *,
	    const struct pl_zone *, uint32_t rec, size_t *n);

#endif
