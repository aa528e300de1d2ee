/* kinds.c -- the schema of a rule: its check kinds and the data keys each reads */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "proxylint/kinds.h"
#include "proxylint/banned.h"

const struct pl_key_desc pl_keys[PL_KEY__COUNT] = {
#define PL_KEY_DESC(id, name, type) [PL_KEY_##id] = { name, PL_KEYT_##type },
	PL_RULE_KEYS(PL_KEY_DESC)
#undef PL_KEY_DESC
};

int
pl_key_find(const char *name)
{
	for (int k = 0; k < PL_KEY__COUNT; k++)
		if (strcmp(pl_keys[k].name, name) == 0)
			return k;
	return -1;
}

bool
pl_key_is_list(enum pl_key k)
{
	return pl_keys[k].type == PL_KEYT_GLOBS ||
	    pl_keys[k].type == PL_KEYT_LABELS ||
	    pl_keys[k].type == PL_KEYT_RANGES || pl_keys[k].type == PL_KEYT_PORTS;
}

/* What each kind does is in engine.c and rules/README.md. */
const struct pl_check_kind pl_check_kinds[PL_KIND__COUNT] = {
	[PL_KIND_RECORD_TYPE] = { PL_KIND_RECORD_TYPE, "record-type",
	    PL_KIND_WANTS_DNS_ONLY, PL_KEYBIT(ALLOWED_TYPES), PL_RANK_LIST },
	[PL_KIND_TARGET] = { PL_KIND_TARGET, "target",
	    PL_KIND_WANTS_DNS_ONLY, PL_KEYBIT(TARGETS) |
	    PL_KEYBIT(EXCEPT_TARGETS) | PL_KEYBIT(ADDRESSES) |
	    PL_KEYBIT(EXCEPT_ADDRESSES) | PL_KEYBIT(OWNER_LABELS) |
	    PL_KEYBIT(TARGET_LABELS) | PL_KEYBIT(LABEL_DIGITS), PL_RANK_LIST },
	[PL_KIND_NAME] = { PL_KIND_NAME, "name",
	    PL_KIND_WANTS_DNS_ONLY, PL_KEYBIT(LABELS) |
	    PL_KEYBIT(LABEL_DIGITS) | PL_KEYBIT(UNDERSCORE), PL_RANK_NAME },
	[PL_KIND_MAIL_HOST] = { PL_KIND_MAIL_HOST, "mail-host",
	    PL_KIND_WANTS_DNS_ONLY, PL_KEYBIT(LABELS) |
	    PL_KEYBIT(LABEL_DIGITS) | PL_KEYBIT(WEB_LABELS) |
	    PL_KEYBIT(EXCEPT_TARGETS), PL_RANK_ZONE },
	[PL_KIND_MX_WEB_HOST] = { PL_KIND_MX_WEB_HOST, "mx-web-host", 0,
	    PL_KEYBIT(WEB_LABELS), PL_RANK_ZONE },
	[PL_KIND_SRV_TARGET] = { PL_KIND_SRV_TARGET, "srv-target",
	    PL_KIND_WANTS_DNS_ONLY, PL_KEYBIT(PORTS), PL_RANK_ZONE },
	[PL_KIND_PROXIED_TTL] = { PL_KIND_PROXIED_TTL, "proxied-ttl", 0, 0,
	    PL_RANK_LIST },
	[PL_KIND_MIXED_PROXY] = { PL_KIND_MIXED_PROXY, "mixed-proxy", 0, 0,
	    PL_RANK_ZONE },
	[PL_KIND_ORIGIN_EXPOSED] = { PL_KIND_ORIGIN_EXPOSED, "origin-exposed",
	    0, 0, PL_RANK_ZONE },
	[PL_KIND_WEB_HOST] = { PL_KIND_WEB_HOST, "web-host", PL_KIND_YIELDS,
	    PL_KEYBIT(LABELS), PL_RANK_NAME },
	[PL_KIND_PROXY_UNKNOWN] = { PL_KIND_PROXY_UNKNOWN, "proxy-unknown",
	    PL_KIND_PER_INPUT, 0, PL_RANK_ZONE },
	[PL_KIND_READER] = { PL_KIND_READER, "reader", PL_KIND_FROM_READER,
	    0, PL_RANK_LIST },
};

const struct pl_check_kind *
pl_check_kind_find(const char *name)
{
	for (int k = 0; k < PL_KIND__COUNT; k++)
		if (strcmp(pl_check_kinds[k].name, name) == 0)
			return &pl_check_kinds[k];
	return NULL;
}
