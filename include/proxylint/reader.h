/* reader.h -- input formats: each reader turns its input into a zone */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_READER_H
#define PROXYLINT_READER_H

#include <stddef.h>

#include "proxylint/diag.h"
#include "proxylint/zone.h"

/* Hard limits that keep hostile input linear and bounded. */
#define PL_MAX_FILE_SIZE	((size_t)1 << 31)	/* 2 GiB */
#define PL_MAX_RECORD_LEN	65536	/* octets of one record's text */
#define PL_MAX_INCLUDE_DEPTH	8
#define PL_MAX_INCLUDES		64	/* $INCLUDEs followed in one zone */
#define PL_MAX_TAGS		1024	/* tags on one record */

struct pl_read_opts {
	const char	*origin;	/* --origin, or NULL */
	const char	*path;		/* file path; NULL or "-" for stdin */
	int		 mapped;	/* data is a file mapping: pages
					   read may be dropped (pl_file_drop) */
	int		 threads;	/* a big input may be read by this
					   many threads (0 or 1: one) */
};

/*
 * A reader parses data (NUL-terminated, len bytes, borrowed) into z.
 * Problems in the data are findings in d (syntax-error, ...), and the
 * reader goes on.  It returns 0, or PL_EINPUT when nothing at all could
 * be read (a message was printed then).
 */
typedef int (*pl_reader_fn)(const char *data, size_t len,
    const struct pl_read_opts *, struct pl_zone *z, struct pl_diags *d);

int	pl_read_bind(const char *, size_t, const struct pl_read_opts *,
	    struct pl_zone *, struct pl_diags *);
/* Cloudflare API list-records JSON (read_cfjson.c). */
int	pl_read_cloudflare_json(const char *, size_t,
	    const struct pl_read_opts *, struct pl_zone *, struct pl_diags *);
/* terraform show -json plan output (read_tfplan.c). */
int	pl_read_terraform_plan(const char *, size_t,
	    const struct pl_read_opts *, struct pl_zone *, struct pl_diags *);
/* octoDNS zone YAML (read_octodns.c). */
int	pl_read_octodns(const char *, size_t, const struct pl_read_opts *,
	    struct pl_zone *, struct pl_diags *);

/* The reader of a format. */
pl_reader_fn	pl_reader_for(enum pl_format);

/*
 * Chooses the format of an input by its content and name (path may be
 * NULL for stdin): JSON with "format_version" is a Terraform plan, other
 * JSON is Cloudflare API output, .yaml/.yml is octoDNS, the rest BIND.
 */
/* A cheap look: could this be zone data of any supported format?  Used to
 * skip other files met in a folder (--recursive). */
int		pl_looks_like_zone_data(const char *data, size_t len,
		    const char *path);
enum pl_format	pl_detect_format(const char *data, size_t len,
		    const char *path);

/*
 * Parses a Cloudflare tag list ("a,b:c,cf-proxied:true,d:\"x,y\"") and
 * returns the cf-proxied state.  Sets *malformed to a static reason
 * when the list does not parse or cf-proxied has another value.
 */
enum pl_proxy	pl_cf_tags_proxy(const char *tags, size_t len,
		    const char **malformed);

/*
 * Splits a BIND comment ("free text cf_tags=a,b") into its comment and
 * its tag list as Cloudflare's export writes them.  Either output may be
 * empty (len 0).  Leading and trailing blanks are dropped.
 */
void	pl_cf_comment_split(const char *text, size_t len,
	    const char **comment, size_t *comment_len,
	    const char **tags, size_t *tags_len, int *has_tags);

#endif
