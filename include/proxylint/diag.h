/* diag.h -- findings: the list every check and reader reports into */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_DIAG_H
#define PROXYLINT_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxylint/rule.h"
#include "proxylint/zone.h"

/*
 * Message variables a template can use as {name}: see engine.h.  Any
 * field may be NULL.
 */
struct pl_vars {
	const char	*match;		/* the list entry that matched */
	const char	*related;	/* the other record's owner */
	const char	*related_type;
	const char	*reason;	/* parser's reason */
	const char	*detail;	/* extra text */
	unsigned long	 count;
	unsigned	 port;
	unsigned	 line;		/* the other record's line */
};

/*
 * A finding.  Readers' findings hold their strings (name ... message).  The
 * engine's are lazy: they keep the zone, the record number and the message
 * variables, and their strings are built when a reporter asks for them
 * (pl_diag_text), so that a run with many findings does not hold every
 * message at once.  The zone must live until the findings are printed.
 */
struct pl_diag {
	const struct pl_rule	*rule;		/* borrowed from the ruleset */
	enum pl_severity	 sev;
	unsigned		 input;		/* index of the input, for sorting */
	const char		*file;		/* borrowed, lives for the run, or
						   file_owned */
	char			*file_owned;	/* an $INCLUDEd file's name */
	uint32_t		 line;		/* 0 = whole input / no line */
	uint32_t		 recno;		/* record index; 0 for none */
	uint32_t		 seq;		/* insertion order, for stability */
	char			*pointer;	/* owned, or NULL */
	char			*name;		/* owned, or NULL */
	char			*type;		/* owned, or NULL */
	char			*content;	/* owned, or NULL */
	int			 proxied;	/* -1 unknown/none, 0, 1 */
	char			*message;	/* owned; NULL when lazy */
	const struct pl_zone	*zone;		/* lazy: borrowed */
	struct pl_vars		 vars;		/* lazy: by value */
};

/* The strings of a finding, built if it is lazy. */
struct pl_diag_text {
	const char	*pointer;
	const char	*name;
	const char	*type;
	const char	*content;
	const char	*message;
	char		*owned[5];
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

struct pl_diags {
	struct pl_diag		*v;
	size_t			 n;
	size_t			 cap;
	const struct pl_ruleset	*rules;		/* borrowed, to resolve ids */
	unsigned		 count[PL_SEV_ERROR + 1];
	unsigned		 input;		/* current input index */
	const char		*file;		/* current input display name */
	const char		*subfile;	/* file being read, if not file
						   ($INCLUDE); copied per finding */
	uint32_t		 recno;		/* record index for pl_report_at,
						   for inputs without lines */
};

void	 pl_diags_init(struct pl_diags *, const struct pl_ruleset *);
void	 pl_diags_release(struct pl_diags *);


/*
 * Reports a finding of rule id about rec (NULL for a whole input) at the
 * record's location, with the message built from the rule's template.
 * Findings of an unknown or disabled rule are dropped.  For findings with
 * no record but a line (syntax errors), give line and, if known, name.
 */
void	 pl_report(struct pl_diags *, const char *rule_id,
	    const struct pl_zone *, const struct pl_record *,
	    const struct pl_vars *);
void	 pl_report_at(struct pl_diags *, const char *rule_id, uint32_t line,
	    const char *pointer, const char *name, const char *type,
	    const char *content, const struct pl_vars *);
/* The engine's: a lazy finding (see struct pl_diag). */
void	 pl_report_lazy(struct pl_diags *, const struct pl_rule *,
	    const struct pl_zone *, const struct pl_record *,
	    const struct pl_vars *);
/* Same, with a rule already looked up. */
void	 pl_report_rule(struct pl_diags *, const struct pl_rule *,
	    const struct pl_zone *, const struct pl_record *,
	    const struct pl_vars *);

/* Expands a message template; returns a new string. */
char	*pl_format_message(const char *tmpl, const struct pl_zone *,
	    const struct pl_record *, const char *name, const char *type,
	    const char *content, const struct pl_vars *);
/* The same, appended to b. */
void	 pl_format_message_buf(struct pl_buf *b, const char *tmpl,
	    const struct pl_zone *, const struct pl_record *, const char *name,
	    const char *type, const char *content, const struct pl_vars *);

/* Moves every finding of from to the end of to, as input number input;
 * from is left empty. */
void	 pl_diags_move(struct pl_diags *to, struct pl_diags *from,
	    unsigned input);

/* Drops the findings added after the first n (an input that turned out to
 * be unreadable as a whole). */
void	 pl_diags_truncate(struct pl_diags *, size_t n);

/* Sorts by input, line, record, rule id, insertion order. */
void	 pl_diags_sort(struct pl_diags *);
/* Highest severity reported, PL_SEV_NONE if none. */
enum pl_severity pl_diags_max(const struct pl_diags *);

/* "A", "MX", "TYPE731": into buf of at least 16 bytes. */
const char *pl_type_name(uint16_t type, char *buf, size_t len);

#endif
