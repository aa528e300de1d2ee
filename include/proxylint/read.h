/* read.h -- input formats: each reader turns its input into a zone */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_READ_H
#define PROXYLINT_READ_H

/*
 * For the pipeline (lint.c), which picks a reader and calls it, and for
 * the readers (read_*.c), which share the helpers declared here.  A reader
 * hands each record to ldns and keeps what the rules read (pl_record_fill);
 * what it cannot read is a finding (syntax-error, ...), and it goes on.
 */

#include <stddef.h>

#include "proxylint/diag.h"
#include "proxylint/suppress.h"
#include "proxylint/zone.h"

/* Hard limits that keep hostile input linear and bounded. */
#define PL_MAX_FILE_SIZE	((size_t)1 << 31)	/* 2 GiB */
#define PL_MAX_RECORD_LEN	65536	/* octets of one record's text */
#define PL_MAX_INCLUDE_DEPTH	8
#define PL_MAX_INCLUDES		64	/* $INCLUDEs followed in one zone */

struct pl_read_opts {
	const char	*origin;	/* --origin, or NULL */
	const char	*path;		/* file path; NULL or "-" for stdin */
	int		 mapped;	/* data is a file mapping: pages
					   read may be dropped (pl_file_drop) */
	int		 threads;	/* a big input may be read by this
					   many threads (0 or 1: one) */
	struct pl_suppressions *sup;	/* where a reader of text with comments
					   of its own puts the directives it
					   finds (BIND and its $INCLUDEs); NULL:
					   --no-inline-ignores */
};

/*
 * A reader parses data (NUL-terminated, len bytes, borrowed) into z.
 * Problems in the data are findings in d (syntax-error, ...), and the
 * reader goes on.  It returns 0, or PL_EINPUT when nothing at all could
 * be read (after logging why, log.h).
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

/*
 * A Markdown document (read_markdown.c): the zone data of its fenced code
 * blocks, or its whole text when it is a raw export, read by the BIND
 * reader with the document's line numbers; the zone's format becomes
 * PL_FMT_BIND.
 */
int	pl_read_markdown(const char *, size_t, const struct pl_read_opts *,
	    struct pl_zone *, struct pl_diags *);
/* Does a Markdown document hold zone data (what pl_read_markdown reads)? */
int	pl_markdown_has_zone(const char *data, size_t len);

/* The reader of a format. */
pl_reader_fn	pl_reader_for(enum pl_format);

/*
 * Chooses the format of an input by its content and name (path may be
 * NULL for stdin): JSON with "format_version" is a Terraform plan, other
 * JSON is Cloudflare API output, .yaml/.yml is octoDNS, .md/.markdown is
 * a Markdown document, the rest BIND.
 */
enum pl_format	pl_detect_format(const char *data, size_t len,
		    const char *path);
/* A cheap look: could this be zone data of any supported format?  Used to
 * skip other files met in a folder (--recursive). */
int		pl_looks_like_zone_data(const char *data, size_t len,
		    const char *path);

#endif
