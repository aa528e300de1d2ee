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

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proxylint/cftags.h"
#include "proxylint/diag.h"
#include "proxylint/suppress.h"
#include "proxylint/zone.h"

/* Hard limits that keep hostile input linear and bounded. */
#define PL_MAX_FILE_SIZE	((size_t)1 << 31)	/* 2 GiB */
#define PL_MAX_RECORD_LEN	65536	/* octets of one record's text */
#define PL_MAX_INCLUDE_DEPTH	8
#define PL_MAX_INCLUDES		64	/* $INCLUDEs followed in one zone */

/* A --var NAME=VALUE (file false) or --var-file FILE (file true). */
struct pl_tf_var {
	bool		 file;
	const char	*arg;
};

/* A reader may return this when may_skip is set and its input holds no
 * zone data (a Terraform module without DNS records). */
#define PL_READ_SKIPPED	1

/*
 * A text that stands in for a file: a fix made in memory is read again
 * with its $INCLUDEd files as fixed, not as they are on disk.
 */
struct pl_overlay {
	const char	*path;		/* as the zone names the file (its
					   pl_zone_add_file() name) */
	const char	*data;		/* NUL-terminated */
	size_t		 len;
};

struct pl_read_opts {
	const char	*origin;	/* --origin, or NULL */
	const char	*path;		/* file path; NULL or "-" for stdin */
	int		 mapped;	/* data is a file mapping: pages
					   read may be dropped (pl_file_drop) */
	int		 threads;	/* a big input may be read by this
					   many threads (0 or 1: one) */
	const struct pl_tf_var *tf_vars; /* Terraform values, in order */
	size_t		 ntf_vars;
	bool		 may_skip;	/* found in a folder: PL_READ_SKIPPED */
	struct pl_suppressions *sup;	/* where a reader of text with comments
					   of its own puts the directives it
					   finds (BIND and its $INCLUDEs, a
					   dnsconfig.js); NULL:
					   --no-inline-ignores */
	/* DNSControl (read_dnscontrol.c): */
	const char	*dnscontrol_js;	/* the dnsconfig.js of the IR, or
					   NULL: dnsconfig.js beside it */
	const char *const *dnscontrol_providers; /* provider names taken
					   as Cloudflare (any case) */
	size_t		 ndnscontrol_providers;
	const struct pl_overlay *overlay; /* files read from memory */
	size_t		 noverlay;
	int		 file_ids;	/* remember each file read (an
					   $INCLUDE) as read, for a fix
					   (pl_zone_set_file_id) */
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
/* Terraform configuration, .tf and .tf.json, with the rest of its module
 * folder (read_tf.c). */
int	pl_read_terraform(const char *, size_t, const struct pl_read_opts *,
	    struct pl_zone *, struct pl_diags *);
/* Is path a Terraform configuration file by its name? */
bool	pl_tf_is_config(const char *path);
/* octoDNS zone YAML (read_octodns.c). */
int	pl_read_octodns(const char *, size_t, const struct pl_read_opts *,
	    struct pl_zone *, struct pl_diags *);
/*
 * DNSControl's "dnscontrol print-ir" JSON (read_dnscontrol.c).  The
 * records of split-horizon views beyond the first go to zones chained at
 * z->next (zone.h).
 */
int	pl_read_dnscontrol(const char *, size_t, const struct pl_read_opts *,
	    struct pl_zone *, struct pl_diags *);
/* Does the name of a DNSControl provider whose type the IR does not give
 * ("-") read as Cloudflare?  See read_dnscontrol.c. */
int	pl_dnscontrol_name_is_cloudflare(const char *name, size_t len);

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

/*
 * For the fixer: where the cf-proxied values of records are, read as
 * pl_read_bind() reads the text (the same entries, the same comment, the
 * same tag list).  lines[0..n) are first lines of records, ascending; for
 * each, out[i] gets the spans of its cf-proxied values, offsets from data
 * (n 0: no record starts on that line, or it has no valid cf-proxied tag),
 * and its state.
 */
struct pl_flag_spans {
	enum pl_proxy	 state;
	size_t		 n;
	size_t		 off[PL_CF_MAX_SPANS];
	size_t		 len[PL_CF_MAX_SPANS];
};
void	pl_bind_flag_spans(const char *data, size_t len, const uint32_t *lines,
	    size_t n, struct pl_flag_spans *out);

/* The reader of a format. */
pl_reader_fn	pl_reader_for(enum pl_format);

/*
 * Chooses the format of an input by its content and name (path may be
 * NULL for stdin): .md/.markdown is a Markdown document and .tf/.tf.json
 * Terraform configuration (by name); JSON with "format_version" is a
 * Terraform plan, JSON with "dns_providers", "registrars" or "dnsProviders"
 * in its first 4 KiB is DNSControl's IR, other JSON is Cloudflare API
 * output, .yaml/.yml is octoDNS, the rest BIND.
 */
enum pl_format	pl_detect_format(const char *data, size_t len,
		    const char *path);
/* A cheap look: could this be zone data of any supported format?  Used to
 * skip other files met in a folder (--recursive). */
int		pl_looks_like_zone_data(const char *data, size_t len,
		    const char *path);

#endif
