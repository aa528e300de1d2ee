/* read.c -- chooses the reader of an input */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1
#include <stdbool.h>
#include <string.h>

#include "proxylint/read.h"
#include "proxylint/util.h"
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
	case PL_FMT_TERRAFORM:
		return pl_read_terraform;
	case PL_FMT_DNSCONTROL:
		return pl_read_dnscontrol;
	case PL_FMT_MARKDOWN:
		return pl_read_markdown;
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

	/* By name first: a README may open with a '[' of its own. */
	if (path != NULL && (ends_with(path, ".md") ||
	    ends_with(path, ".markdown")))
		return PL_FMT_MARKDOWN;
	/* Terraform by name: HCL never reaches the BIND reader.  (A plan
	 * saved as .tf.json is still a plan: its format_version says so.) */
	if (path != NULL && pl_tf_is_config(path) &&
	    !(len > 0 && memmem(data, len < 4096 ? len : 4096,
	    "\"format_version\"", 16) != NULL))
		return PL_FMT_TERRAFORM;
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
		/* DNSControl's print-ir: keys of its DNSConfig and
		 * DomainConfig (models/dns.go, models/domain.go) that no
		 * Cloudflare API listing has; the providers come before the
		 * domains whether the keys are sorted or not. */
		if (memmem(p, n, "\"dns_providers\"", 15) != NULL ||
		    memmem(p, n, "\"registrars\"", 12) != NULL ||
		    memmem(p, n, "\"dnsProviders\"", 14) != NULL)
			return PL_FMT_DNSCONTROL;
		return PL_FMT_CLOUDFLARE_JSON;
	}
	if (path != NULL && (ends_with(path, ".yaml") || ends_with(path, ".yml")))
		return PL_FMT_OCTODNS;
	return PL_FMT_BIND;
}

/* The record types a zone of any format holds, for the sniffs below. */
static const char *const rr_types[] = {
	"A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA", "SRV", "CAA", "PTR",
	"SPF", "DS", "DNSKEY", "TLSA", "SSHFP", "NAPTR", "LOC", "HTTPS",
	"SVCB", "DNAME", "CERT", "URI", "SMIMEA", "OPENPGPKEY", "ALIAS",
	"URLFWD", NULL,
};

static bool
is_rr_type(const char *s, size_t n)
{
	for (size_t i = 0; rr_types[i] != NULL; i++)
		if (strlen(rr_types[i]) == n && pl_strncaseeq(s, rr_types[i], n))
			return true;
	/* RFC 3597: TYPE123 */
	if (n > 4 && pl_strncaseeq(s, "TYPE", 4)) {
		for (size_t i = 4; i < n; i++)
			if (s[i] < '0' || s[i] > '9')
				return false;
		return true;
	}
	return false;
}

/* A TTL as a zone file writes it: digits, or BIND units (1h30m). */
static bool
is_ttl(const char *s, size_t n)
{
	if (n == 0 || s[0] < '0' || s[0] > '9')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    strchr("smhdwSMHDW", s[i]) != NULL))
			return false;
	return true;
}

static bool
is_class(const char *s, size_t n)
{
	if (n > 5 && pl_strncaseeq(s, "CLASS", 5)) {	/* RFC 3597 */
		for (size_t i = 5; i < n; i++)
			if (s[i] < '0' || s[i] > '9')
				return false;
		return true;
	}
	return n == 2 && (pl_strncaseeq(s, "IN", 2) || pl_strncaseeq(s, "CH",
	    2) || pl_strncaseeq(s, "HS", 2));
}

/* A word a zone file may name an owner with: letters, digits, "-_.*@/"
 * and escapes. */
static bool
is_owner(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch >= 0x80 ||
		    strchr("-_.*@/\\", ch) != NULL))
			return false;
	}
	return n > 0;
}

/*
 * Does a line read like a resource record: [OWNER] [TTL] [CLASS] TYPE
 * RDATA, the owner left out when the line starts with a blank?  Prose
 * ("This zone is an A record") fails: its words are neither TTLs nor
 * classes.
 */
static bool
rr_line(const char *p, const char *eol)
{
	const char *w[6];
	size_t n[6], k = 0, i = 0;

	if (p < eol && (*p == ' ' || *p == '\t'))
		w[k] = NULL, n[k++] = 0;	/* no owner */
	while (p < eol && k < 6) {
		while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p >= eol || *p == ';')
			break;
		w[k] = p;
		while (p < eol && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		n[k] = (size_t)(p - w[k]);
		k++;
	}
	if (k < 3)
		return false;
	if (w[0] != NULL && !is_owner(w[0], n[0]))
		return false;
	for (i = 1; i < k - 1 && i <= 3; i++) {
		/* A type in lower case ("www in a 192.0.2.1" is valid) only
		 * after a TTL or a class: "not a zone" is prose. */
		if (is_rr_type(w[i], n[i]) && (i > 1 || (w[i][0] >= 'A' &&
		    w[i][0] <= 'Z')))
			return true;
		if (!is_ttl(w[i], n[i]) && !is_class(w[i], n[i]))
			return false;
	}
	return false;
}

/*
 * Text: is it a zone file?  Most of its lines outside comments and
 * parentheses must read like records (a notes file or a README that
 * mentions "A records" has few), or it must open with $ORIGIN / $TTL.
 */
static bool
looks_like_bind(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	unsigned rrs = 0, other = 0, depth = 0;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q = p;

		if (eol == NULL)
			eol = end;
		while (q < eol && (*q == ' ' || *q == '\t' || *q == '\r'))
			q++;
		if (q == eol || *q == ';' || depth > 0) {
			/* blank, comment, or inside ( ) */
		} else if (*q == '$') {
			if (eol - q >= 7 && (pl_strncaseeq(q, "$ORIGIN", 7) ||
			    pl_strncaseeq(q, "$TTL", 4) ||
			    pl_strncaseeq(q, "$INCLUDE", 8)))
				rrs++;
			else
				other++;
		} else if (rr_line(p, eol))
			rrs++;
		else
			other++;
		for (const char *c = q; c < eol && *c != ';'; c++)
			if (*c == '(')
				depth++;
			else if (*c == ')' && depth > 0)
				depth--;
		p = eol + 1;
	}
	return rrs > 0 && rrs >= other;
}

/*
 * YAML: an octoDNS zone has record names at the top, each with a "type"
 * of a DNS record.  An octoDNS config ("providers:", "zones:" at the top)
 * and other YAML (workflows, compose files) are not zone data.
 */
static bool
looks_like_octodns(const char *data, size_t len)
{
	const char *p = data, *end = data + len;
	bool typed = false;

	while (p < end) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q = p;

		if (eol == NULL)
			eol = end;
		if ((eol - p >= 10 && memcmp(p, "providers:", 10) == 0) ||
		    (eol - p >= 6 && memcmp(p, "zones:", 6) == 0) ||
		    (eol - p >= 8 && memcmp(p, "manager:", 8) == 0))
			return false;
		while (q < eol && (*q == ' ' || *q == '\t' || *q == '-'))
			q++;
		if (!typed && eol - q > 5 && memcmp(q, "type:", 5) == 0) {
			const char *t = q + 5, *te;

			while (t < eol && (*t == ' ' || *t == '\'' || *t == '"'))
				t++;
			for (te = t; te < eol && *te != ' ' && *te != '\'' &&
			    *te != '"' && *te != '\r' && *te != '#'; te++)
				;
			typed = is_rr_type(t, (size_t)(te - t));
		}
		p = eol + 1;
	}
	return typed;
}

/* A look at the start of a file is enough to tell what it is. */
#define SNIFF_LEN	((size_t)4 << 20)

int
pl_looks_like_zone_data(const char *data, size_t len, const char *path)
{
	size_t n = len < SNIFF_LEN ? len : SNIFF_LEN;

	if (memchr(data, '\0', n) != NULL)
		return 0;	/* binary */
	switch (pl_detect_format(data, len, path)) {
	case PL_FMT_CLOUDFLARE_JSON:
		/* JSON, but is it DNS records?  Look for their fields. */
		return memmem(data, n, "\"type\"", 6) != NULL &&
		    memmem(data, n, "\"content\"", 9) != NULL;
	case PL_FMT_TERRAFORM_PLAN:
	case PL_FMT_TERRAFORM:		/* the reader says (PL_READ_SKIPPED) */
		return 1;
	case PL_FMT_DNSCONTROL:
		/* The IR's providers, and its domains: a JSON file that
		 * merely names "registrars" (a package's metadata) is not. */
		return memmem(data, n, "\"domains\"", 9) != NULL;
	case PL_FMT_OCTODNS:
		return looks_like_octodns(data, n);
	case PL_FMT_MARKDOWN:
		/* A README is zone data only when it holds some. */
		return pl_markdown_has_zone(data, len);
	default:
		return looks_like_bind(data, n);
	}
}
