/* diag.h -- findings: the list every check, reader and filter reports into */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_DIAG_H
#define PROXYLINT_DIAG_H

/*
 * For the readers, the engine and the filter (which add findings) and the
 * reporters (which read them, sorted).  A finding is data, never an error:
 * whoever finds a problem in the zone adds it here and goes on.
 *
 * One function adds a finding, with its location given explicitly.  A
 * finding about a record of the zone is lazy: it keeps the zone, the
 * record's number and the message variables, and its strings are built
 * when a reporter asks for them (pl_diag_text), so that a run with a
 * million findings does not hold a million messages.  The zone must then
 * live until the findings are printed.  Any other finding holds copies
 * of its strings.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxylint/rule.h"
#include "proxylint/template.h"
#include "proxylint/zone.h"

/* Where a finding is.  Zero fields are not known. */
struct pl_loc {
	const char	*file;		/* display name; NULL: the input's own.
					   Must live as long as the input's
					   zone (pl_zone_add_file) or the run */
	uint32_t	 line;		/* 1-based */
	uint32_t	 col;		/* 1-based */
	uint32_t	 recno;		/* for inputs without lines: the number
					   of records read before, to keep the
					   input's order */
	const char	*pointer;	/* JSON pointer or resource address;
					   copied */
};

/* What pl_diags_add() is told. */
struct pl_finding {
	const struct pl_rule	*rule;		/* NULL or off: dropped */
	struct pl_loc		 loc;		/* with rec, its zero fields
						   come from the record */
	const struct pl_zone	*zone;		/* with rec */
	const struct pl_record	*rec;		/* the record it is about */
	struct pl_subject	 subject;	/* without rec: what it is about
						   (name, type, content) */
	struct pl_vars		 vars;
	bool			 copy;		/* the strings of vars die with
						   the call: build the message
						   now, even about a record */
};

struct pl_diag {
	const struct pl_rule	*rule;		/* borrowed from the ruleset */
	enum pl_severity	 sev;
	unsigned		 input;		/* index of the input, for sorting */
	const char		*file;		/* borrowed (struct pl_loc) */
	uint32_t		 line;		/* 0 = whole input / no line */
	uint32_t		 col;		/* 0 = unknown */
	uint32_t		 recno;		/* lazy: 1-based record index; else
						   the sort key of pl_loc */
	uint32_t		 seq;		/* insertion order, for stability */
	int			 proxied;	/* -1 unknown/none, 0, 1 */
	char			*pointer;	/* owned, or NULL */
	char			*name;		/* owned, or NULL */
	char			*type;		/* owned, or NULL */
	char			*content;	/* owned, or NULL */
	char			*message;	/* owned; NULL when lazy */
	const struct pl_zone	*zone;		/* lazy: borrowed */
	struct pl_vars		 vars;		/* lazy: by value */
	const struct pl_rule	**also;		/* owned array of borrowed
						   rules merged into this
						   finding, or NULL */
	uint32_t		 nalso;
};

/* The strings of a finding, built if it is lazy. */
struct pl_diag_text {
	const char	*pointer;
	const char	*name;
	const char	*type;
	const char	*content;
	const char	*message;
	char		*owned;		/* a lazy finding's message */
	char		 typebuf[16];
	char		 contentbuf[PL_ADDR_TEXT];
};
void	 pl_diag_text(const struct pl_diag *, struct pl_diag_text *);
/* The same, with a lazy finding's message written into scratch (reset
 * first; t->message points into it until scratch changes): no allocation
 * per finding. */
void	 pl_diag_text_buf(const struct pl_diag *, struct pl_diag_text *,
	    struct pl_buf *scratch);
void	 pl_diag_text_release(struct pl_diag_text *);
/* The record a finding is about, or NULL. */
const struct pl_record *pl_diag_record(const struct pl_diag *);

struct pl_diags {
	struct pl_diag		*v;
	size_t			 n;
	size_t			 cap;
	const struct pl_ruleset	*rules;		/* borrowed: the readers find
						   their rules here (fixed[]) */
	unsigned		 count[PL_SEV_ERROR + 1];
	unsigned		 input;		/* index of the input */
	const char		*file;		/* the input's display name */
};

/* file: the input's display name (borrowed for the run), or NULL. */
void	 pl_diags_init(struct pl_diags *, const struct pl_ruleset *,
	    const char *file);
void	 pl_diags_release(struct pl_diags *);

/* Adds a finding (see struct pl_finding). */
void	 pl_diags_add(struct pl_diags *, const struct pl_finding *);

/* Moves every finding of from to the end of to, as input number input;
 * from is left empty. */
void	 pl_diags_move(struct pl_diags *to, struct pl_diags *from,
	    unsigned input);

/* Drops the findings added after the first n (an input that turned out to
 * be unreadable as a whole). */
void	 pl_diags_truncate(struct pl_diags *, size_t n);

/* Drops the findings i for which drop[i] (d->n entries), keeping the
 * order of the rest. */
void	 pl_diags_drop(struct pl_diags *, const bool *drop);
/*
 * Merges the findings about one record that one change fixes (rules.md,
 * "Precedence"): when a rule whose fix sets the record DNS-only (its
 * "wants") fires, the findings of the rules that only fire on proxied
 * records are moot once it is, and the same the other way round.  Of
 * each such group the finding kept is the one of highest severity, then
 * of a rule with a "wants", then of the most specific kind
 * (PL_RANK_*), then the first in the catalogue; the others' rules are
 * listed in its "also" and dropped.  Only the engine's findings (lazy,
 * about a record) take part.  Run it after the filter, so that a
 * suppressed rule takes no part and a suppression of the kept rule brings
 * the next one forward: nothing is hidden by accident.
 */
void	 pl_diags_merge(struct pl_diags *);

/* Sorts by input, file, line, column, record, rule id, insertion order. */
void	 pl_diags_sort(struct pl_diags *);
/* Highest severity reported, PL_SEV_NONE if none. */
enum pl_severity pl_diags_max(const struct pl_diags *);

#endif
