/* suppress.h -- the inline "proxylint: ignore[...]" directives */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_SUPPRESS_H
#define PROXYLINT_SUPPRESS_H

/*
 * For the readers, which find the directives in the text they read (a
 * BIND file and its $INCLUDEs, the comments of a .tf file, the
 * dnsconfig.js of a DNSControl IR), and for the
 * filter, which drops the findings they cover and reports those that
 * cover nothing.  Parsing only: no finding is made here.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The marker that starts an inline directive in a comment. */
#define PL_DIRECTIVE	"proxylint:"

/*
 * One inline directive:
 *	proxylint: ignore[RULE,...] REASON		(a record)
 *	proxylint: ignore-file[RULE,...] REASON		(the whole file)
 * In a BIND file it is found in the text: a record's own comment covers
 * the record's line, a comment line covers the record right below it (more
 * comment lines may come between, no blank line).  In inputs without
 * comments of their own (API JSON, Terraform, octoDNS) it is found in a
 * record's comment field.
 */
struct pl_directive {
	const char	*file;		/* display name, borrowed for the run */
	uint32_t	 line;		/* where it is written; 0: no lines */
	uint32_t	 target;	/* BIND: the line it covers; 0: none */
	uint32_t	 recno;		/* record comment: first record that has
					   it, 1-based; 0: none */
	uint32_t	 rec_first;	/* a block of records: the directive
					   covers records rec_first..rec_last
					   (1-based, inclusive); 0: none */
	uint32_t	 rec_last;
	const char	*comment;	/* record comment, by identity: the
					   records sharing it share the
					   directive (octoDNS values) */
	bool		 whole_file;	/* ignore-file */
	char		*text;		/* as written, owned */
	const char	*bad;		/* static reason if malformed, or NULL */
	char		**ids;		/* owned */
	bool		*used;
	size_t		 nids;
};

struct pl_suppressions {
	struct pl_directive	*v;
	size_t			 n;
	size_t			 cap;
};

void	pl_suppressions_init(struct pl_suppressions *);
void	pl_suppressions_release(struct pl_suppressions *);
/* Drops the directives after the first n (a text read again). */
void	pl_suppressions_truncate(struct pl_suppressions *, size_t n);

/*
 * Adds the directives in the comments of a BIND text (len bytes, borrowed
 * for the call).  file is the display name findings carry for that text
 * (borrowed, must outlive the suppressions).  Cheap when the text holds no
 * PL_DIRECTIVE.
 */
void	pl_suppressions_scan_bind(struct pl_suppressions *, const char *file,
	    const char *text, size_t len);

/*
 * The same for a DNSControl dnsconfig.js: a directive in a // or block
 * comment covers its own line, and a line that is only a comment covers
 * the line below it (more comment lines may come between, no blank line).
 */
void	pl_suppressions_scan_js(struct pl_suppressions *, const char *file,
	    const char *text, size_t len);

/*
 * Parses the directives of one comment text (n bytes) into s, each set up
 * with the given location.  Exposed for the unit tests.
 */
void	pl_suppressions_scan_comment(struct pl_suppressions *s,
	    const char *text, size_t n, const char *file, uint32_t line,
	    uint32_t target, uint32_t recno, const char *comment);

#endif
