/* cftags.h -- Cloudflare's record comments and tags, as its exports write them */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_CFTAGS_H
#define PROXYLINT_CFTAGS_H

/*
 * For the readers (a record's proxy flag is its cf-proxied tag) and the
 * suppression scanner (a directive sits in the comment before the tags).
 * The grammar is Cloudflare's import-and-export page (cftags.c).
 */

#include <stddef.h>

#include "proxylint/zone.h"

/* Tags on one record at most; more are not read. */
#define PL_MAX_TAGS		1024

/*
 * Parses a Cloudflare tag list ("a,b:c,cf-proxied:true,d:\"x,y\"") and
 * returns the cf-proxied state.  Sets *malformed to a static reason
 * when the list does not parse or cf-proxied has another value.
 */
enum pl_proxy	pl_cf_tags_proxy(const char *tags, size_t len,
		    const char **malformed);

/*
 * Where the cf-proxied values of a valid tag list are: offsets from tags
 * and lengths of each value, without the quotes of a quoted one; n counts
 * the cf-proxied tags (only the first PL_CF_MAX_SPANS are located).
 * Returns the list's cf-proxied state; n is 0 when the list is malformed
 * or says two things (its state is then unknown, and nothing is fixed).
 */
#define PL_CF_MAX_SPANS		4
struct pl_cf_spans {
	size_t		n;
	size_t		off[PL_CF_MAX_SPANS];
	size_t		len[PL_CF_MAX_SPANS];
};
enum pl_proxy	pl_cf_tags_proxied_spans(const char *tags, size_t len,
		    struct pl_cf_spans *);

/*
 * Splits a BIND comment ("free text cf_tags=a,b") into its comment and
 * its tag list as Cloudflare's export writes them.  Either output may be
 * empty (len 0).  Leading and trailing blanks are dropped.
 */
void	pl_cf_comment_split(const char *text, size_t len,
	    const char **comment, size_t *comment_len,
	    const char **tags, size_t *tags_len, int *has_tags);

#endif
