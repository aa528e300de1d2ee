/* read.c -- chooses the reader of an input; what every reader shares */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/read.h"
#include "proxylint/banned.h"

pl_reader_fn
pl_reader_for(enum pl_format f)
{
	switch (f) {
	case PL_FMT_CLOUDFLARE_JSON:
		return pl_read_cloudflare_json;
	case PL_FMT_TERRAFORM_PLAN:
		return pl_read_terraform_plan;
	case PL_FMT_OCTODNS:
		return pl_read_octodns;
	default:
		return pl_read_bind;
	}
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && pl_strcaseeq(s + n - m, suffix);
}

enum pl_format
pl_detect_format(const char *data, size_t len, const char *path)
{
	const char *p = data, *end = data + len;

	/* A byte order mark says nothing about the format. */
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	if (p < end && (*p == '{' || *p == '[')) {
		/* Terraform's JSON plan opens with its format_version; look
		 * only at the first few KiB so detection stays cheap. */
		size_t n = (size_t)(end - p) < 4096 ? (size_t)(end - p) : 4096;

		for (size_t i = 0; i + 16 <= n; i++)
			if (memcmp(p + i, "\"format_version\"", 16) == 0)
				return PL_FMT_TERRAFORM_PLAN;
		return PL_FMT_CLOUDFLARE_JSON;
	}
	if (path != NULL && (ends_with(path, ".yaml") || ends_with(path, ".yml")))
		return PL_FMT_OCTODNS;
	return PL_FMT_BIND;
}

int
pl_looks_like_zone_data(const char *data, size_t len, const char *path)
{
	const char *p = data, *end = data + len;

	if (memchr(data, '\0', len) != NULL)
		return 0;	/* binary */
	switch (pl_detect_format(data, len, path)) {
	case PL_FMT_CLOUDFLARE_JSON:
		/* JSON, but is it DNS records?  Look for their fields. */
		return memmem(data, len, "\"type\"", 6) != NULL &&
		    memmem(data, len, "\"content\"", 9) != NULL;
	case PL_FMT_TERRAFORM_PLAN:
	case PL_FMT_OCTODNS:
		return 1;
	default:
		break;
	}
	/* BIND: some line must read like a record: a class or a type word
	 * between blanks. */
	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		size_t n = eol ? (size_t)(eol - p) : (size_t)(end - p);

		if (n > 0 && p[0] != ';' && (memmem(p, n, "\tIN\t", 4) ||
		    memmem(p, n, " IN ", 4) || memmem(p, n, "\tSOA", 4) ||
		    memmem(p, n, " SOA ", 5) || memmem(p, n, "\tA\t", 3) ||
		    memmem(p, n, " A ", 3) || memmem(p, n, "$ORIGIN", 7) ||
		    memmem(p, n, "$TTL", 4) || memmem(p, n, "\tCNAME\t", 7) ||
		    memmem(p, n, " CNAME ", 7) || memmem(p, n, "\tMX\t", 4) ||
		    memmem(p, n, " MX ", 4)))
			return 1;
		p += n + 1;
	}
	return 0;
}
void
pl_record_fill(struct pl_zone *z, struct pl_record *r, const ldns_rr *rr)
{
	struct pl_buf content;
	const ldns_rdf *rd;
	size_t nrd = ldns_rr_rd_count(rr), name = SIZE_MAX;

	pl_buf_init(&content);
	for (size_t i = 0; i < nrd; i++) {
		char *s = ldns_rdf2str(ldns_rr_rdf(rr, i));

		if (i > 0)
			pl_buf_addc(&content, ' ');
		if (s != NULL)
			pl_buf_adds(&content, s);
		free(s);
	}
	r->content = pl_zone_strdup(z, content.buf ? content.buf : "",
	    content.len);
	pl_buf_release(&content);
	switch (ldns_rr_get_type(rr)) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
		rd = ldns_rr_rdf(rr, 0);
		if (rd != NULL && (ldns_rdf_size(rd) == 4 ||
		    ldns_rdf_size(rd) == 16)) {
			r->family = ldns_rdf_size(rd) == 4 ? 4 : 6;
			memcpy(r->addr, ldns_rdf_data(rd), ldns_rdf_size(rd));
		}
		break;
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_DNAME:
		name = 0;
		break;
	case LDNS_RR_TYPE_MX:
	case LDNS_RR_TYPE_HTTPS:
	case LDNS_RR_TYPE_SVCB:
		name = 1;
		break;
	case LDNS_RR_TYPE_SRV:
		rd = ldns_rr_rdf(rr, 2);
		if (rd != NULL && ldns_rdf_size(rd) == 2)
			r->port = ldns_rdf2native_int16(rd);
		name = 3;
		break;
	default:
		break;
	}
	rd = name != SIZE_MAX ? ldns_rr_rdf(rr, name) : NULL;
	if (rd != NULL && ldns_rdf_get_type(rd) == LDNS_RDF_TYPE_DNAME) {
		char *s = ldns_rdf2str(rd);

		/* An SVCB/HTTPS target of "." means the owner itself. */
		if (s != NULL && strcmp(s, ".") != 0)
			r->target = pl_zone_intern(z, s, strlen(s));
		free(s);
	}
}

void
pl_read_report(struct pl_diags *d, enum pl_fixed_rule rule,
    const struct pl_loc *loc, const struct pl_subject *s,
    const struct pl_vars *v)
{
	struct pl_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = d->rules != NULL ? d->rules->fixed[rule] : NULL;
	f.loc = *loc;
	if (s != NULL)
		f.subject = *s;
	if (v != NULL)
		f.vars = *v;
	f.copy = true;
	pl_diags_add(d, &f);
}
