/* read_text.c -- what every reader shares: records, findings, RDATA text */
/* SPDX-License-Identifier: MIT */
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/read_text.h"
#include "proxylint/banned.h"

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

void
pl_text_quoted(struct pl_buf *b, const char *s, size_t n)
{
	pl_buf_addc(b, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch == 0x7f) {
			pl_buf_addf(b, "\\%03u", ch);
			continue;
		}
		if (ch == '"' || ch == '\\')
			pl_buf_addc(b, '\\');
		pl_buf_addc(b, (char)ch);
	}
	pl_buf_addc(b, '"');
}

void
pl_text_txt(struct pl_buf *b, const char *s, size_t n)
{
	size_t i = 0;

	do {
		size_t k = n - i > PL_TXT_CHUNK ? PL_TXT_CHUNK : n - i;

		if (b->len > 0)
			pl_buf_addc(b, ' ');
		pl_text_quoted(b, s + i, k);
		i += k;
	} while (i < n);
}

uint16_t
pl_text_rr_type(const char *s, size_t n)
{
	static const struct {
		const char	*name;
		size_t		 n;
		uint16_t	 type;
	} common[] = {
		{ "A", 1, LDNS_RR_TYPE_A }, { "AAAA", 4, LDNS_RR_TYPE_AAAA },
		{ "CNAME", 5, LDNS_RR_TYPE_CNAME }, { "MX", 2, LDNS_RR_TYPE_MX },
		{ "TXT", 3, LDNS_RR_TYPE_TXT }, { "NS", 2, LDNS_RR_TYPE_NS },
		{ "SRV", 3, LDNS_RR_TYPE_SRV }, { "CAA", 3, LDNS_RR_TYPE_CAA },
		{ "SOA", 3, LDNS_RR_TYPE_SOA }, { "PTR", 3, LDNS_RR_TYPE_PTR },
	};

	for (size_t i = 0; i < sizeof(common) / sizeof(common[0]); i++)
		if (common[i].n == n && pl_strncaseeq(s, common[i].name, n))
			return common[i].type;
	return (uint16_t)ldns_get_rr_type_by_name(s);
}

bool
pl_text_uint(const char *s, size_t n, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if ((v = v * 10 + (unsigned long)(s[i] - '0')) > max)
			return false;
	}
	if (out != NULL)
		*out = v;
	return true;
}

bool
pl_text_is_token(const char *s, size_t n, bool escapes)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch <= ' ' || ch == 0x7f || ch == ';' || ch == '(' ||
		    ch == ')' || ch == '"' || (ch == '\\' && !escapes))
			return false;
	}
	return true;
}
