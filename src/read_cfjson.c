/* read_cfjson.c -- PLACEHOLDER being written; replaced by the real reader */
/* SPDX-License-Identifier: MIT */
#include "proxylint/reader.h"
#include "proxylint/banned.h"

int
pl_read_cloudflare_json(const char *data, size_t len, const struct pl_read_opts *o,
    struct pl_zone *z, struct pl_diags *d)
{
	(void)data; (void)len; (void)d; (void)z;
	return pl_error(PL_EINPUT, "'%s': this input format is not supported yet",
	    o->path ? o->path : "-");
}
