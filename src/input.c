/* input.c -- chooses the reader of an input */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "proxylint/reader.h"
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
