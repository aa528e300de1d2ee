/* fix.h -- --fix and --diff: findings into edits, edits into files */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_FIX_H
#define PROXYLINT_FIX_H

/*
 * For the pipeline (lint.c, inputs.c), the fuzz targets and the tests.
 * Above the readers (it asks the BIND reader where a record's flag is)
 * and the reporters (it hands SARIF its edits, autofix.h), below the
 * pipeline, which reads a fixed text again to prove the fix.
 *
 * A fix rewrites the proxy flag of a record and nothing else: every edit
 * replaces the bytes of one literal (or inserts one key), computed against
 * the text of the file as it was read, never against a text already
 * edited, so that edits of several rounds compose and a diff can be made
 * from them directly.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "proxylint/anchor.h"
#include "proxylint/autofix.h"
#include "proxylint/diag.h"
#include "proxylint/zone.h"

/* One file of an input being fixed: its text as read now, and fixed. */
struct pl_fix_file {
	uint16_t	 index;		/* in the zone's files */
	char		*path;		/* to open and rewrite (owned) */
	char		*display;	/* in messages and diffs (owned) */
	char		*orig;		/* as read for the fix (owned) */
	size_t		 orig_len;
	bool		 in_memory;	/* given, not read: never written */
	char		*text;		/* orig with the edits (owned), or
					   NULL while it has none */
	size_t		 len;
	size_t		 nedits;	/* edits in text */
};

struct pl_fix_files {
	struct pl_fix_file	*v;
	size_t			 n;
};

void	pl_fix_files_init(struct pl_fix_files *);
void	pl_fix_files_release(struct pl_fix_files *);

/*
 * The text of file index file of zone z, read for a fix (path: the
 * input's own path for file 0; data: its text when it is given, not read,
 * as for standard input or a fuzz input).  A file whose identity or hash
 * differs from what was recorded when it was linted (pl_zone_set_file_id)
 * changed in between: returns -1 with *why set (static) and loads nothing.
 * Returns the file, loaded once.
 */
struct pl_fix_file *pl_fix_load(struct pl_fix_files *, const struct pl_zone *z,
	    uint16_t file, const char *path, const char *data, size_t len,
	    const char **why);

/*
 * The edits that fix record rec of zone z as rule's fix says, in the
 * coordinates of the texts as read, appended to out; every record that the
 * edits change (rec, and any that shares its anchor) is appended to flips.
 * path, data and len are the input's, for pl_fix_load().  Returns the
 * number of edits: 0, with *why set, when it cannot be fixed (no anchor,
 * the bytes at the span are not what was read).  spans: what the fixer
 * found of z so far (pl_fix_spans_new), so that a file is searched once.
 */
struct pl_fix_spans;
size_t	pl_fix_edits_for(const struct pl_zone *z, const struct pl_rule *rule,
	    uint32_t rec, struct pl_fix_files *fs, const char *path,
	    const char *data, size_t len, struct pl_fix_spans *spans,
	    struct pl_edits *out, uint32_t **flips, size_t *nflips,
	    const char **why);
/* The BIND spans of a zone, found the first time a record asks. */
struct pl_fix_spans *pl_fix_spans_new(void);
void	pl_fix_spans_free(struct pl_fix_spans *);

/* Sets the line and columns of each edit of e (for SARIF) from the
 * texts of fs as read. */
void	pl_fix_positions(const struct pl_fix_files *, struct pl_edits *e);

/*
 * Sets each file's text to its original with the edits of e (which refer
 * to the loaded files, in their original coordinates) applied.  An edit
 * that overlaps one before it is dropped.  Returns the edits applied.
 */
size_t	pl_fix_apply(struct pl_fix_files *, const struct pl_edits *e);

/*
 * Writes a unified diff of every changed file to out, "--- a/FILE" and
 * "+++ b/FILE" with three lines of context, as git apply and patch -p1
 * take it; FILE is the display name (relative to the working folder).
 * Returns 0 or PL_EWRITE.
 */
int	pl_fix_diff(FILE *out, const struct pl_fix_files *,
	    const struct pl_edits *e);

/*
 * Can f be rewritten: is it still what was read, a regular file, not a
 * symbolic link, writable, with no other hard link?  0, or -1 with *why
 * (a new string: "'zone.txt' is a symbolic link: not fixed").
 */
int	pl_fix_can_write(const struct pl_fix_file *f, char **why);
/*
 * Replaces f's file with its fixed text: written to a temporary file in
 * the same folder, flushed, given the file's mode and owner, and renamed
 * over it, after checking again that the file did not change.  The
 * original is untouched when anything fails (a full disk, a change).
 * Returns 0, or -1 with *why set to a new string.
 */
int	pl_fix_write(const struct pl_fix_file *f, char **why);

/*
 * Do zones a (as read) and b (read again after the edits e, against the
 * files fs as read) hold the same records, but for the proxy flag of each
 * record i with to[i] set, which b must have in the state to[i] (enum
 * pl_proxy; 0: not fixed, the flag unchanged)?  For a fixed record the
 * TTL and tags may differ too (octoDNS gives a proxied record TTL 1;
 * cf_tags hold the flag); a record below a line an edit inserted has its
 * line moved by as many.  e may be NULL (nothing inserted).  Returns NULL,
 * or a static text naming what differs, with *rec set to the record.
 */
const char *pl_fix_same_records(const struct pl_zone *a,
	    const struct pl_zone *b, const uint8_t *to,
	    const struct pl_fix_files *fs, struct pl_edits *e, uint32_t *rec);

#endif
