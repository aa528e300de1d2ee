/* read.c -- chooses the reader of an input */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1
#include <string.h>

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
	case PL_FMT_MARKDOWN:
		/* A README is zone data only when it holds some. */
		return pl_markdown_has_zone(data, len);
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
