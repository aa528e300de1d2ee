/* read_octodns.c -- reads an octoDNS zone YAML (libyaml) into a zone */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>
#include <yaml.h>

#include "proxylint/anchor.h"
#include "proxylint/cftags.h"
#include "proxylint/log.h"
#include "proxylint/read.h"
#include "proxylint/read_text.h"
#include "proxylint/yaml.h"
#include "proxylint/banned.h"

/*
 * An octoDNS zone file (octodns/octodns provider/yaml.py) is one YAML
 * mapping: each key is a record name relative to the zone ('' is the apex,
 * '*' a wildcard), each value one record mapping or a list of them, with
 * type, ttl, value or values, and provider flags under octodns.cloudflare
 * (cloudflare-facts.md section 7).  The zone's name is not in the file: it
 * is the file name (example.com.yaml), or the folder of a split zone
 * (example.com.zone/main.yaml, or example.com./www.yaml in the older
 * SplitYamlProvider).
 *
 * Each value becomes one record: its RDATA is written in presentation
 * format and handed to ldns, as the BIND reader does, so that both readers
 * agree on what a valid record is and on its content.
 *
 * Hostile input stays bounded.  libyaml's document loader keeps an alias as
 * a second reference to the anchored node, so the document itself grows
 * with the text; a walk that follows aliases, though, can visit a node
 * exponentially often (the "billion laughs").  So the reader first parses
 * the events alone, counting nodes and nesting without building anything,
 * then loads the document, then computes how many nodes the document has
 * once every alias is expanded, and refuses it when that is far more than
 * it holds.  The walk also counts the nodes it visits, as a last guard.
 */

#define MAX_YAML_SIZE	((size_t)64 << 20)	/* 64 MiB of YAML text */
#define MAX_EXPANSION	1000000UL	/* extra nodes that aliases may add */
#define MAX_MERGE_DEPTH	8		/* '<<' merge keys within merges */
#define DEFAULT_TTL	3600		/* octoDNS YamlProvider default_ttl */

struct octo {
	struct pl_zone		*z;
	struct pl_diags		*d;
	yaml_document_t		 doc;
	const char		*file;		/* display name */
	const char		*origin;	/* interned apex */
	ldns_rdf		*origin_rdf;
	unsigned long		 nnodes;
	unsigned long		 visits;
	unsigned long		 max_visits;
	int			 stopped;	/* visit budget spent */
	struct pl_buf		 why;		/* reason of the last failure */
	struct pl_buf		 rdata;		/* RDATA, presentation format */
	struct pl_buf		 text;		/* the whole record, for ldns */
	struct pl_buf		 tmp;
	const char		*target;	/* target in rdata, or NULL */
	size_t			 target_len;
	const char		*data;		/* the YAML text, for anchors */
	size_t			 len;
	unsigned		*refs;		/* references to each node id,
						   or NULL: not counted yet */
	size_t			 cur_chr;	/* a mark's character index */
	size_t			 cur_byte;	/* and its byte (byte_of) */
};

/* What a record type's values look like in octoDNS's data model. */
enum vkind {
	V_TOKEN,	/* a scalar: an address */
	V_NAME,		/* a scalar: a fully qualified name */
	V_TEXT,		/* a scalar: TXT/SPF text, with ';' escaped */
	V_MX,
	V_SRV,
	V_CAA,
	V_DS,
	V_SSHFP,
	V_TLSA,
	V_NAPTR,
	V_LOC,
	V_SVCB,
	V_SKIP,		/* not a DNS record (URLFWD: a Cloudflare page rule) */
};

/* The record types of octoDNS (octodns/record/), and how to read them. */
static const struct otype {
	const char	*name;		/* as octoDNS spells it */
	const char	*dns;		/* as sent to Cloudflare and ldns */
	uint16_t	 type;
	enum vkind	 kind;
} otypes[] = {
	{ "A",		"A",		LDNS_RR_TYPE_A,		V_TOKEN },
	{ "AAAA",	"AAAA",		LDNS_RR_TYPE_AAAA,	V_TOKEN },
	/* octoDNS's apex CNAME: octodns-cloudflare _gen_data() sends
	 * ALIAS as CNAME (Cloudflare flattens a CNAME at the apex). */
	{ "ALIAS",	"CNAME",	LDNS_RR_TYPE_CNAME,	V_NAME },
	{ "CAA",	"CAA",		LDNS_RR_TYPE_CAA,	V_CAA },
	{ "CNAME",	"CNAME",	LDNS_RR_TYPE_CNAME,	V_NAME },
	{ "DNAME",	"DNAME",	LDNS_RR_TYPE_DNAME,	V_NAME },
	{ "DS",		"DS",		LDNS_RR_TYPE_DS,	V_DS },
	{ "HTTPS",	"HTTPS",	LDNS_RR_TYPE_HTTPS,	V_SVCB },
	{ "LOC",	"LOC",		LDNS_RR_TYPE_LOC,	V_LOC },
	{ "MX",		"MX",		LDNS_RR_TYPE_MX,	V_MX },
	{ "NAPTR",	"NAPTR",	LDNS_RR_TYPE_NAPTR,	V_NAPTR },
	{ "NS",		"NS",		LDNS_RR_TYPE_NS,	V_NAME },
	{ "PTR",	"PTR",		LDNS_RR_TYPE_PTR,	V_NAME },
	{ "SPF",	"SPF",		LDNS_RR_TYPE_SPF,	V_TEXT },
	{ "SRV",	"SRV",		LDNS_RR_TYPE_SRV,	V_SRV },
	{ "SSHFP",	"SSHFP",	LDNS_RR_TYPE_SSHFP,	V_SSHFP },
	{ "SVCB",	"SVCB",		LDNS_RR_TYPE_SVCB,	V_SVCB },
	{ "TLSA",	"TLSA",		LDNS_RR_TYPE_TLSA,	V_TLSA },
	{ "TXT",	"TXT",		LDNS_RR_TYPE_TXT,	V_TEXT },
	{ "URLFWD",	NULL,		0,			V_SKIP },
};

/* Keys of a record mapping. */
enum { R_TYPE, R_TTL, R_VALUE, R_VALUES, R_OCTODNS, R_N };
static const char *const rec_keys[] = {
	"type", "ttl", "value", "values", "octodns", NULL
};
/* Keys of octodns.cloudflare (octodns-cloudflare README). */
enum { CF_PROXIED, CF_AUTO_TTL, CF_COMMENT, CF_TAGS, CF_VALUES, CF_N };
static const char *const cf_keys[] = {
	"proxied", "auto-ttl", "comment", "tags", "values", NULL
};
/* An entry of octodns.cloudflare.values: metadata of one value. */
enum { M_VALUE, M_COMMENT, M_TAGS, M_N };
static const char *const meta_keys[] = { "value", "comment", "tags", NULL };

/*
 * Returns a node, counting the visit; NULL once the visit budget is spent
 * (the walk then unwinds, and the reader fails).
 */
static yaml_node_t *
get(struct octo *c, int id)
{
	if (c->stopped)
		return NULL;
	if (++c->visits > c->max_visits) {
		c->stopped = 1;
		return NULL;
	}
	return yaml_document_get_node(&c->doc, id);
}

static unsigned long
line_of(const yaml_node_t *n)
{
	return (unsigned long)n->start_mark.line + 1;
}

static int
is_scalar(const yaml_node_t *n)
{
	return n != NULL && n->type == YAML_SCALAR_NODE;
}

static const char *
sval(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

static size_t
slen(const yaml_node_t *n)
{
	return n->data.scalar.length;
}

static int
str_is(const yaml_node_t *n, const char *s)
{
	size_t len = strlen(s);

	return is_scalar(n) && slen(n) == len && memcmp(sval(n), s, len) == 0;
}

static int
plain(const yaml_node_t *n)
{
	return n->data.scalar.style == YAML_PLAIN_SCALAR_STYLE ||
	    n->data.scalar.style == YAML_ANY_SCALAR_STYLE;
}

/* A YAML null: an empty plain scalar, '~' or 'null' (YAML 1.1). */
static int
is_null(const yaml_node_t *n)
{
	if (n == NULL)
		return 1;
	if (!is_scalar(n) || !plain(n))
		return 0;
	return slen(n) == 0 || str_is(n, "~") || str_is(n, "null") ||
	    str_is(n, "Null") || str_is(n, "NULL");
}

/*
 * Reads a boolean as octoDNS's loader (PyYAML, YAML 1.1) does: true/false,
 * yes/no and on/off in three spellings each, plain only; a null is false
 * (the provider reads a missing flag with .get(..., False)).
 */
static int
get_bool(const yaml_node_t *n, int *out)
{
	static const char *const t[] = {
		"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON",
		"y", "Y", NULL
	};
	static const char *const f[] = {
		"false", "False", "FALSE", "no", "No", "NO", "off", "Off",
		"OFF", "n", "N", NULL
	};

	if (is_null(n)) {
		*out = 0;
		return 0;
	}
	if (!is_scalar(n) || !plain(n))
		return -1;
	for (int i = 0; t[i] != NULL; i++)
		if (str_is(n, t[i])) {
			*out = 1;
			return 0;
		}
	for (int i = 0; f[i] != NULL; i++)
		if (str_is(n, f[i])) {
			*out = 0;
			return 0;
		}
	return -1;
}

/* Sets the reason of the last failure, for a syntax-error finding. */
#define set_why(c, ...) do {						\
	pl_buf_reset(&(c)->why);					\
	pl_buf_addf(&(c)->why, __VA_ARGS__);				\
} while (0)

/*
 * Fills out[i] with the value of key names[i] of mapping m.  Explicit keys
 * win over keys merged in with '<<' (YAML 1.1 merge type, which PyYAML
 * implements); within merges the first mapping listed wins.
 */
static void
pick_depth(struct octo *c, const yaml_node_t *m, const char *const *names,
    yaml_node_t **out, int merged, int depth)
{
	const yaml_node_pair_t *p;

	if (m == NULL || m->type != YAML_MAPPING_NODE)
		return;
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = get(c, p->key);

		if (!is_scalar(k) || str_is(k, "<<"))
			continue;
		for (int i = 0; names[i] != NULL; i++)
			if (str_is(k, names[i]) &&
			    (!merged || out[i] == NULL)) {
				out[i] = get(c, p->value);
				break;
			}
	}
	if (depth >= MAX_MERGE_DEPTH)
		return;
	for (p = m->data.mapping.pairs.start; p < m->data.mapping.pairs.top;
	    p++) {
		yaml_node_t *k = get(c, p->key), *v;

		if (!str_is(k, "<<") || !plain(k))
			continue;
		if ((v = get(c, p->value)) == NULL)
			continue;
		if (v->type == YAML_MAPPING_NODE)
			pick_depth(c, v, names, out, 1, depth + 1);
		else if (v->type == YAML_SEQUENCE_NODE)
			for (yaml_node_item_t *it =
			    v->data.sequence.items.start;
			    it < v->data.sequence.items.top; it++)
				pick_depth(c, get(c, *it), names, out, 1,
				    depth + 1);
	}
}

static void
pick(struct octo *c, const yaml_node_t *m, const char *const *names,
    yaml_node_t **out, size_t nout)
{
	memset(out, 0, nout * sizeof(*out));
	pick_depth(c, m, names, out, 0, 0);
}

/* Appends a scalar field as one token of RDATA. */
static int
add_token(struct octo *c, const yaml_node_t *n, const char *what)
{
	if (n == NULL) {
		set_why(c, "'%s' is missing", what);
		return -1;
	}
	if (!is_scalar(n) || !pl_text_is_token(sval(n), slen(n), false)) {
		set_why(c, "'%s' must be a single value with no blanks", what);
		return -1;
	}
	if (c->rdata.len > 0)
		pl_buf_addc(&c->rdata, ' ');
	pl_buf_add(&c->rdata, sval(n), slen(n));
	return 0;
}

/*
 * Appends a decimal number of at most max.  ldns stores a 16-bit field
 * modulo 65536 without a word ("port: 70000" would become port 4464), so
 * the range is checked here.
 */
static int
add_number(struct octo *c, const yaml_node_t *n, const char *what,
    unsigned long max)
{
	if (add_token(c, n, what) != 0)
		return -1;
	if (!pl_text_uint(sval(n), slen(n), max, NULL)) {
		set_why(c, "'%s' is not a number from 0 to %lu", what, max);
		return -1;
	}
	return 0;
}

/*
 * Appends a domain name.  octoDNS refuses names without the trailing dot
 * ("missing trailing ."), so they are errors here too, rather than being
 * made relative to the zone as a zone file would.
 */
static int
add_name(struct octo *c, const yaml_node_t *n, const char *what,
    int is_target)
{
	if (add_token(c, n, what) != 0)
		return -1;
	if (sval(n)[slen(n) - 1] != '.') {
		set_why(c, "%s '%s' is missing the trailing '.'", what,
		    sval(n));
		return -1;
	}
	if (is_target && !(slen(n) == 1 && sval(n)[0] == '.')) {
		c->target = sval(n);
		c->target_len = slen(n);
	}
	return 0;
}

/* Appends s as one quoted <character-string>, after a blank. */
static void
add_quoted(struct pl_buf *b, const char *s, size_t n)
{
	if (b->len > 0)
		pl_buf_addc(b, ' ');
	pl_text_quoted(b, s, n);
}

static int
add_string(struct octo *c, const yaml_node_t *n, const char *what)
{
	if (n == NULL) {
		set_why(c, "'%s' is missing", what);
		return -1;
	}
	if (!is_scalar(n)) {
		set_why(c, "'%s' must be a string", what);
		return -1;
	}
	if (slen(n) > PL_TXT_CHUNK) {
		set_why(c, "'%s' is longer than %d octets", what, PL_TXT_CHUNK);
		return -1;
	}
	add_quoted(&c->rdata, sval(n), slen(n));
	return 0;
}

/*
 * TXT and SPF text.  octoDNS keeps ';' escaped as '\;' in its data (an
 * unescaped one fails its validation) and the Cloudflare provider sends
 * the text unescaped; it splits text longer than 255 octets into
 * <character-string>s (RFC 1035 section 3.3.14), as done here.
 */
static int
add_text(struct octo *c, const yaml_node_t *n)
{
	const char *s;
	size_t len;

	if (!is_scalar(n)) {
		set_why(c, "the value of a TXT record must be a string");
		return -1;
	}
	s = sval(n);
	len = slen(n);
	pl_buf_reset(&c->tmp);
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] == ';') {
			pl_buf_addc(&c->tmp, ';');
			i++;
			continue;
		}
		if (s[i] == ';') {
			set_why(c, "unescaped ';' in the text (octoDNS wants "
			    "'\\;')");
			return -1;
		}
		pl_buf_addc(&c->tmp, s[i]);
	}
	pl_text_txt(&c->rdata, c->tmp.buf != NULL ? c->tmp.buf : "",
	    c->tmp.len);
	return 0;
}

/* Writes the RDATA of one value of a structured type into c->rdata. */
static int
build_fields(struct octo *c, const struct otype *t, const yaml_node_t *v)
{
	static const char *const mx[] = {
		"exchange", "preference", "value", "priority", NULL
	};
	static const char *const srv[] = {
		"priority", "weight", "port", "target", NULL
	};
	static const char *const caa[] = { "flags", "tag", "value", NULL };
	static const char *const ds[] = {
		"key_tag", "algorithm", "digest_type", "digest", NULL
	};
	static const char *const sshfp[] = {
		"algorithm", "fingerprint_type", "fingerprint", NULL
	};
	static const char *const tlsa[] = {
		"certificate_usage", "selector", "matching_type",
		"certificate_association_data", NULL
	};
	static const char *const naptr[] = {
		"order", "preference", "flags", "service", "regexp",
		"replacement", NULL
	};
	static const char *const loc[] = {
		"lat_degrees", "lat_minutes", "lat_seconds", "lat_direction",
		"long_degrees", "long_minutes", "long_seconds",
		"long_direction", "altitude", "size", "precision_horz",
		"precision_vert", NULL
	};
	static const char *const svcb[] = {
		"svcpriority", "targetname", "svcparams", NULL
	};
	yaml_node_t *f[12];

	if (v == NULL || v->type != YAML_MAPPING_NODE) {
		set_why(c, "the value of a %s record must be a mapping",
		    t->name);
		return -1;
	}
	switch (t->kind) {
	case V_MX:
		/* octoDNS reads the older value/priority keys too. */
		pick(c, v, mx, f, 4);
		if (add_number(c, f[1] ? f[1] : f[3], "preference", 65535) != 0)
			return -1;
		return add_name(c, f[0] ? f[0] : f[2], "exchange", 1);
	case V_SRV:
		pick(c, v, srv, f, 4);
		for (int i = 0; i < 3; i++)
			if (add_number(c, f[i], srv[i], 65535) != 0)
				return -1;
		return add_name(c, f[3], "target", 1);
	case V_CAA:
		pick(c, v, caa, f, 3);
		if (f[0] == NULL)	/* octoDNS: flags default to 0 */
			pl_buf_adds(&c->rdata, "0");
		else if (add_number(c, f[0], "flags", 255) != 0)
			return -1;
		if (add_token(c, f[1], "tag") != 0)
			return -1;
		return add_string(c, f[2], "value");
	case V_DS:
		pick(c, v, ds, f, 4);
		for (int i = 0; i < 4; i++)
			if (add_token(c, f[i], ds[i]) != 0)
				return -1;
		return 0;
	case V_SSHFP:
		pick(c, v, sshfp, f, 3);
		for (int i = 0; i < 3; i++)
			if (add_token(c, f[i], sshfp[i]) != 0)
				return -1;
		return 0;
	case V_TLSA:
		pick(c, v, tlsa, f, 4);
		for (int i = 0; i < 4; i++)
			if (add_token(c, f[i], tlsa[i]) != 0)
				return -1;
		return 0;
	case V_NAPTR:
		pick(c, v, naptr, f, 6);
		if (add_number(c, f[0], "order", 65535) != 0 ||
		    add_number(c, f[1], "preference", 65535) != 0)
			return -1;
		for (int i = 2; i < 5; i++)
			if (add_string(c, f[i], naptr[i]) != 0)
				return -1;
		return add_name(c, f[5], "replacement", 0);
	case V_LOC:
		/* RFC 1876 section 3: sizes and altitude in metres. */
		pick(c, v, loc, f, 12);
		for (int i = 0; i < 12; i++) {
			if (add_token(c, f[i], loc[i]) != 0)
				return -1;
			if (i >= 8)
				pl_buf_addc(&c->rdata, 'm');
		}
		return 0;
	case V_SVCB:
		/* RFC 9460 section 2.1: priority, target, key=value... */
		pick(c, v, svcb, f, 3);
		if (add_number(c, f[0], "svcpriority", 65535) != 0 ||
		    add_name(c, f[1], "targetname", 1) != 0)
			return -1;
		if (f[2] == NULL || is_null(f[2]))
			return 0;
		if (f[2]->type != YAML_MAPPING_NODE) {
			set_why(c, "'svcparams' must be a mapping");
			return -1;
		}
		for (yaml_node_pair_t *p = f[2]->data.mapping.pairs.start;
		    p < f[2]->data.mapping.pairs.top; p++) {
			yaml_node_t *k = get(c, p->key), *pv = get(c, p->value);

			if (add_token(c, k, "svcparams") != 0)
				return -1;
			if (pv == NULL || is_null(pv))
				continue;
			if (pv->type == YAML_SEQUENCE_NODE) {
				int first = 1;

				pl_buf_addc(&c->rdata, '=');
				for (yaml_node_item_t *it =
				    pv->data.sequence.items.start;
				    it < pv->data.sequence.items.top; it++) {
					yaml_node_t *e = get(c, *it);

					if (!is_scalar(e) ||
					    !pl_text_is_token(sval(e), slen(e), false)) {
						set_why(c, "svcparams '%s' "
						    "must be a list of single "
						    "values", sval(k));
						return -1;
					}
					if (!first)
						pl_buf_addc(&c->rdata, ',');
					pl_buf_add(&c->rdata, sval(e), slen(e));
					first = 0;
				}
			} else if (is_scalar(pv) && pl_text_is_token(sval(pv),
			    slen(pv), false)) {
				pl_buf_addc(&c->rdata, '=');
				pl_buf_add(&c->rdata, sval(pv), slen(pv));
			} else {
				set_why(c, "svcparams '%s' must be a single "
				    "value or a list", sval(k));
				return -1;
			}
		}
		return 0;
	default:
		set_why(c, "unsupported value");
		return -1;
	}
}

/* Writes the RDATA of one value into c->rdata. */
static int
build_rdata(struct octo *c, const struct otype *t, const yaml_node_t *v)
{
	pl_buf_reset(&c->rdata);
	c->target = NULL;
	c->target_len = 0;
	switch (t->kind) {
	case V_TOKEN:
		if (!is_scalar(v)) {
			set_why(c, "the value of an %s record must be an "
			    "address", t->name);
			return -1;
		}
		return add_token(c, v, "value");
	case V_NAME:
		if (!is_scalar(v)) {
			set_why(c, "the value of a %s record must be a name",
			    t->name);
			return -1;
		}
		return add_name(c, v, "value", 1);
	case V_TEXT:
		return add_text(c, v);
	default:
		return build_fields(c, t, v);
	}
}

/* Joins a tag list (a list of scalars, or one) with commas. */
static const char *
tags_text(struct octo *c, const yaml_node_t *n)
{
	struct pl_buf b;
	const char *s;

	if (n == NULL || is_null(n))
		return NULL;
	if (is_scalar(n))
		return pl_zone_strdup(c->z, sval(n), slen(n));
	if (n->type != YAML_SEQUENCE_NODE)
		return NULL;
	pl_buf_init(&b);
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *e = get(c, *it);

		if (!is_scalar(e))
			continue;
		if (b.len > 0)
			pl_buf_addc(&b, ',');
		pl_buf_add(&b, sval(e), slen(e));
	}
	s = pl_zone_strdup(c->z, b.buf ? b.buf : "", b.len);
	pl_buf_release(&b);
	return s;
}

static void
syntax_error(struct octo *c, unsigned long line, const char *owner,
    const char *type, const char *reason)
{
	struct pl_loc loc = { .line = (uint32_t)line };
	struct pl_subject s = { .name = owner, .type = type };
	struct pl_vars v = { .reason = reason };

	pl_read_report(c->d, PL_RULE_SYNTAX_ERROR, &loc, &s, &v);
}

/* The flags and metadata shared by a record's values. */
struct rec_info {
	const char	*owner;		/* interned */
	const struct otype *t;
	uint32_t	 ttl;
	int		 proxy;		/* enum pl_proxy */
	int		 auto_ttl;
	const char	*comment;	/* in the zone's arena, or NULL */
	const char	*tags;
	yaml_node_t	*meta;		/* octodns.cloudflare.values, or NULL */
};

/*
 * Per-value comment and tags: an entry of octodns.cloudflare.values whose
 * 'value' is the same scalar overrides the record's (octodns-cloudflare
 * _record_comment(), _record_tags()).  Structured values keep the record's.
 */
static void
value_meta(struct octo *c, const struct rec_info *ri, const yaml_node_t *v,
    const char **comment, const char **tags)
{
	*comment = ri->comment;
	*tags = ri->tags;
	if (ri->meta == NULL || ri->meta->type != YAML_SEQUENCE_NODE ||
	    !is_scalar(v))
		return;
	for (yaml_node_item_t *it = ri->meta->data.sequence.items.start;
	    it < ri->meta->data.sequence.items.top; it++) {
		yaml_node_t *m[M_N];

		pick(c, get(c, *it), meta_keys, m, M_N);
		if (!is_scalar(m[M_VALUE]) || slen(m[M_VALUE]) != slen(v) ||
		    memcmp(sval(m[M_VALUE]), sval(v), slen(v)) != 0)
			continue;
		if (is_scalar(m[M_COMMENT]) && !is_null(m[M_COMMENT]))
			*comment = pl_zone_strdup(c->z, sval(m[M_COMMENT]),
			    slen(m[M_COMMENT]));
		if (m[M_TAGS] != NULL)
			*tags = tags_text(c, m[M_TAGS]);
		return;
	}
}

/* Parses one value with ldns and appends its record. */
static void
add_value(struct octo *c, const struct rec_info *ri, const yaml_node_t *v,
    unsigned long line)
{
	const struct otype *t = ri->t;
	struct pl_record *r;
	ldns_rr *rr = NULL;
	ldns_status st;

	if (build_rdata(c, t, v) != 0) {
		syntax_error(c, line, ri->owner, t->dns, c->why.buf);
		return;
	}
	pl_buf_reset(&c->text);
	pl_buf_adds(&c->text, ri->owner);
	pl_buf_addf(&c->text, " %u IN %s ", ri->ttl, t->dns);
	if (c->rdata.len > 0)
		pl_buf_add(&c->text, c->rdata.buf, c->rdata.len);
	st = ldns_rr_new_frm_str(&rr, c->text.buf, ri->ttl, c->origin_rdf,
	    NULL);
	if (st != LDNS_STATUS_OK) {
		syntax_error(c, line, ri->owner, t->dns,
		    ldns_get_errorstr_by_id(st));
		return;
	}
	r = pl_zone_add(c->z);
	r->owner = ri->owner;
	r->line = (uint32_t)line;
	r->ttl = ri->ttl;
	r->type = t->type;
	r->proxy = (uint8_t)ri->proxy;
	/* Names stay as written (UTF-8 is not escaped), like the owners. */
	pl_record_fill(c->z, r, rr);
	/* The target as written keeps its non-ASCII octets. */
	if (c->target != NULL)
		r->target = pl_zone_intern(c->z, c->target, c->target_len);
	{
		const char *cm, *tg;

		value_meta(c, ri, v, &cm, &tg);
		if (cm != NULL)
			pl_rec_set_comment(c->z, r, cm);
		if (tg != NULL)
			pl_rec_set_tags(c->z, r, tg);
	}
	ldns_rr_free(rr);
}

/* A node written at this place of the file, not reached through an alias? */
static int
written_after(const yaml_node_t *n, const yaml_node_t *ref)
{
	/* An alias names an anchor defined earlier in the text, so a node
	 * that starts after the record's name was written there. */
	return n != NULL && n->start_mark.index > ref->start_mark.index;
}

static int
parse_ttl(const yaml_node_t *n, uint32_t *ttl)
{
	unsigned long v;
	char *end;

	if (!is_scalar(n) || !plain(n) || slen(n) == 0 || sval(n)[0] < '0' ||
	    sval(n)[0] > '9')
		return -1;
	errno = 0;
	v = strtoul(sval(n), &end, 10);
	if (errno != 0 || *end != '\0' || v > INT32_MAX)	/* RFC 2181 8 */
		return -1;
	*ttl = (uint32_t)v;
	return 0;
}

/*
 * Fix anchors (anchor.h): where a record's octodns.cloudflare.proxied is
 * written, or where a new one can go, so that --fix changes those bytes
 * and keeps every other (comments, layout, quoting).  A flag reached
 * through an alias or a merge key is shared with other records: changing
 * it would change them too, so it is refused.
 */

/* The references to each node: an alias references its anchor's node
 * once more.  Counted once per document, when a record first asks. */
static void
count_refs(struct octo *c)
{
	size_t n = (size_t)(c->doc.nodes.top - c->doc.nodes.start);

	c->refs = pl_xcalloc(n + 2, sizeof(*c->refs));
	c->refs[1] = 1;		/* the root */
	for (yaml_node_t *node = c->doc.nodes.start; node < c->doc.nodes.top;
	    node++) {
		if (node->type == YAML_SEQUENCE_NODE) {
			for (yaml_node_item_t *it =
			    node->data.sequence.items.start;
			    it < node->data.sequence.items.top; it++)
				if (*it >= 1 && (size_t)*it <= n)
					c->refs[*it]++;
		} else if (node->type == YAML_MAPPING_NODE)
			for (yaml_node_pair_t *p =
			    node->data.mapping.pairs.start;
			    p < node->data.mapping.pairs.top; p++) {
				if (p->key >= 1 && (size_t)p->key <= n)
					c->refs[p->key]++;
				if (p->value >= 1 && (size_t)p->value <= n)
					c->refs[p->value]++;
			}
	}
}

/* Is the node written once, for this record alone? */
static int
own(struct octo *c, const yaml_node_t *n)
{
	if (n == NULL)
		return 1;
	if (c->refs == NULL)
		count_refs(c);
	return c->refs[n - c->doc.nodes.start + 1] == 1;
}

/*
 * The byte offset of a mark: libyaml counts characters, not bytes, and
 * leaves a byte order mark out.  The text is valid UTF-8 (libyaml refused
 * it otherwise); marks are asked for roughly in order, so a cursor walks
 * forward from the last one.
 */
static size_t
byte_of(struct octo *c, size_t index)
{
	const unsigned char *s = (const unsigned char *)c->data;

	if (index < c->cur_chr || (c->cur_chr == 0 && c->cur_byte == 0)) {
		c->cur_chr = 0;
		c->cur_byte = c->len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ?
		    3 : 0;
	}
	while (c->cur_chr < index && c->cur_byte < c->len) {
		unsigned char b = s[c->cur_byte];

		c->cur_byte += b < 0x80 ? 1 : (b & 0xe0) == 0xc0 ? 2 :
		    (b & 0xf0) == 0xe0 ? 3 : (b & 0xf8) == 0xf0 ? 4 : 1;
		c->cur_chr++;
	}
	return c->cur_byte < c->len ? c->cur_byte : c->len;
}

/* The start of the line that holds byte off. */
static size_t
line_start(const struct octo *c, size_t off)
{
	while (off > 0 && c->data[off - 1] != '\n')
		off--;
	return off;
}

/* Bytes from the start of its line to off (the column, in bytes: the
 * indentation is spaces, YAML allows no tabs there); -1 if off is not the
 * first thing on its line but after "- " of a sequence entry. */
static long
indent_at(const struct octo *c, size_t off, int line_first)
{
	size_t ls = line_start(c, off);

	for (size_t i = ls; i < off; i++)
		if (c->data[i] != ' ' && (line_first || c->data[i] != '-'))
			return -1;
	return (long)(off - ls);
}

/* Just after the line that holds off (its '\n'); 0 if it has none. */
static size_t
line_after(const struct octo *c, size_t off)
{
	const char *nl = memchr(c->data + off, '\n', c->len - off);

	return nl != NULL ? (size_t)(nl - c->data) + 1 : 0;
}

/* The line end the file uses, from the line that holds off. */
static const char *
newline_at(const struct octo *c, size_t off)
{
	size_t end = line_after(c, off);

	return end >= 2 && c->data[end - 2] == '\r' ? "\r\n" : "\n";
}

/* The key node of a mapping's own pair named key (not merged), or NULL. */
static yaml_node_t *
own_key(struct octo *c, const yaml_node_t *m, const char *key,
    yaml_node_t **value)
{
	if (m == NULL || m->type != YAML_MAPPING_NODE)
		return NULL;
	for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
	    p < m->data.mapping.pairs.top; p++) {
		yaml_node_t *k = get(c, p->key);

		if (str_is(k, key) && plain(k)) {
			*value = get(c, p->value);
			return k;
		}
	}
	return NULL;
}

/* Is v (when there is one) the value of m's own key, not a merged one?
 * A merged mapping may be shared, and is written elsewhere anyway. */
static int
direct(struct octo *c, const yaml_node_t *m, const char *key,
    const yaml_node_t *v)
{
	yaml_node_t *w = NULL;

	return v == NULL || (own_key(c, m, key, &w) != NULL && w == v);
}

/* The first key of a block mapping, when it starts its own line. */
static yaml_node_t *
first_key_line(struct octo *c, const yaml_node_t *m, long *col)
{
	yaml_node_t *k;

	if (m == NULL || m->type != YAML_MAPPING_NODE ||
	    m->data.mapping.style == YAML_FLOW_MAPPING_STYLE ||
	    m->data.mapping.pairs.start == m->data.mapping.pairs.top ||
	    (k = get(c, m->data.mapping.pairs.start->key)) == NULL)
		return NULL;
	*col = indent_at(c, byte_of(c, k->start_mark.index), 1);
	return *col >= 0 ? k : NULL;
}

static char *
spaces(struct octo *c, long n, const char *rest, const char *nl)
{
	pl_buf_reset(&c->tmp);
	for (long i = 0; i < n; i++)
		pl_buf_addc(&c->tmp, ' ');
	pl_buf_adds(&c->tmp, rest);
	pl_buf_adds(&c->tmp, nl);
	return c->tmp.buf;
}

/* Anchors records [first, nrecs) at the text of ins, inserted at off. */
static void
anchor_insert(struct octo *c, uint32_t first, size_t off, const char *ins)
{
	const char *text = pl_zone_strdup(c->z, ins, strlen(ins));

	for (uint32_t i = first; i < c->z->nrecs; i++)
		pl_anchor_insert(c->z, i, 0, off, NULL, text);
}

static void
anchor_refuse(struct octo *c, uint32_t first, const char *why)
{
	for (uint32_t i = first; i < c->z->nrecs; i++)
		pl_anchor_refuse(c->z, i, why);
}

/*
 * The anchor of the records [first, nrecs) made from record mapping m
 * (name key ref; seq: the list m is in, or NULL): octo is its octodns
 * mapping, cf octodns.cloudflare, flag its proxied value (each NULL when
 * missing).
 */
static void
anchor_record(struct octo *c, const yaml_node_t *m, const yaml_node_t *ref,
    const yaml_node_t *seq, const yaml_node_t *octo, const yaml_node_t *cf,
    const yaml_node_t *flag, uint32_t first, uint16_t type)
{
	static const char *const words[][2] = {
		{ "true", "false" }, { "True", "False" }, { "TRUE", "FALSE" },
		{ "yes", "no" }, { "Yes", "No" }, { "YES", "NO" },
		{ "on", "off" }, { "On", "Off" }, { "ON", "OFF" },
		{ "y", "n" }, { "Y", "N" },
	};
	yaml_node_t *k, *v;
	long col, step;
	size_t off;
	const char *nl;
	char *ins;

	/* libyaml reads UTF-16 too; its marks are then no byte offsets. */
	if (c->len >= 2 && ((unsigned char)c->data[0] == 0xfe ||
	    (unsigned char)c->data[0] == 0xff || c->data[0] == '\0' ||
	    c->data[1] == '\0')) {
		anchor_refuse(c, first, "the file is not UTF-8");
		return;
	}
	if (!own(c, m) || !own(c, seq) || !own(c, octo) || !own(c, cf) ||
	    !own(c, flag) || !direct(c, m, "octodns", octo) ||
	    !direct(c, octo, "cloudflare", cf) ||
	    !direct(c, cf, "proxied", flag)) {
		anchor_refuse(c, first, "the flag comes through a YAML alias or "
		    "merge key, which other records may share: change it by "
		    "hand");
		return;
	}
	if (flag != NULL) {
		size_t from = byte_of(c, flag->start_mark.index);
		size_t to = byte_of(c, flag->end_mark.index);
		const char *yes = NULL, *no = NULL;

		if (!is_scalar(flag) || !plain(flag) || slen(flag) == 0 ||
		    to - from != slen(flag) ||
		    memcmp(c->data + from, sval(flag), slen(flag)) != 0) {
			anchor_refuse(c, first, "proxied is not written as a "
			    "plain true or false");
			return;
		}
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (str_is(flag, words[i][0]) ||
			    str_is(flag, words[i][1])) {
				yes = words[i][0];
				no = words[i][1];
			}
		if (yes == NULL)	/* ~ or null: DNS-only, as false */
			yes = "true";
		for (uint32_t i = first; i < c->z->nrecs; i++)
			pl_anchor_replace(c->z, i, 0, from, (uint32_t)(to -
			    from), pl_zone_strdup(c->z, sval(flag),
			    slen(flag)), no, yes);
		return;
	}
	/* No flag: DNS-only.  Proxied needs one, with the file's indents. */
	if (!pl_name_is_proxiable_type(type))
		return;
	if (cf != NULL) {
		if ((k = first_key_line(c, cf, &col)) == NULL) {
			anchor_refuse(c, first, "octodns.cloudflare is not a "
			    "block mapping: add proxied: true by hand");
			return;
		}
		off = line_start(c, byte_of(c, k->start_mark.index));
		nl = newline_at(c, off);
		anchor_insert(c, first, off, spaces(c, col, "proxied: true",
		    nl));
		return;
	}
	if (octo != NULL) {
		yaml_node_t *ko = own_key(c, m, "octodns", &v);
		long colo;

		if (ko == NULL || v != octo ||
		    (k = first_key_line(c, octo, &col)) == NULL ||
		    (colo = indent_at(c, byte_of(c, ko->start_mark.index),
		    0)) < 0) {
			anchor_refuse(c, first, "octodns is not a block "
			    "mapping: add cloudflare: proxied: true by hand");
			return;
		}
		step = col - colo > 0 ? col - colo : 2;
		off = line_start(c, byte_of(c, k->start_mark.index));
		nl = newline_at(c, off);
		ins = pl_xstrdup(spaces(c, col, "cloudflare:", nl));
		pl_buf_reset(&c->rdata);
		pl_buf_adds(&c->rdata, ins);
		pl_buf_adds(&c->rdata, spaces(c, col + step, "proxied: true",
		    nl));
		free(ins);
		anchor_insert(c, first, off, c->rdata.buf);
		return;
	}
	/* No octodns key: three lines after the record's type line. */
	if (m->data.mapping.style == YAML_FLOW_MAPPING_STYLE ||
	    (k = own_key(c, m, "type", &v)) == NULL || !is_scalar(v) ||
	    v->end_mark.line != k->start_mark.line ||
	    (col = indent_at(c, byte_of(c, k->start_mark.index), 0)) < 0 ||
	    (off = line_after(c, byte_of(c, v->end_mark.index))) == 0) {
		anchor_refuse(c, first, "the record's type is not on a line of "
		    "its own: add octodns: cloudflare: proxied: true by hand");
		return;
	}
	{
		const yaml_node_t *parent = seq != NULL ? seq : ref;
		long colp = indent_at(c, byte_of(c, parent->start_mark.index),
		    0);

		step = colp >= 0 && col - colp > 0 ? col - colp : 2;
	}
	nl = newline_at(c, off - 1);
	pl_buf_reset(&c->rdata);
	ins = pl_xstrdup(spaces(c, col, "octodns:", nl));
	pl_buf_adds(&c->rdata, ins);
	free(ins);
	ins = pl_xstrdup(spaces(c, col + step, "cloudflare:", nl));
	pl_buf_adds(&c->rdata, ins);
	free(ins);
	pl_buf_adds(&c->rdata, spaces(c, col + 2 * step, "proxied: true", nl));
	anchor_insert(c, first, off, c->rdata.buf);
}

/* Reads one record mapping: its flags, then each of its values. */
static void
do_record(struct octo *c, const char *owner, const yaml_node_t *m,
    unsigned long line, const yaml_node_t *ref, const yaml_node_t *seq)
{
	yaml_node_t *f[R_N], *o[1], *cf[CF_N], *vals;
	static const char *const octodns_keys[] = { "cloudflare", NULL };
	struct rec_info ri;
	int proxied = 0, have_proxied = 0, bad_flag = 0;
	uint32_t first;

	memset(&ri, 0, sizeof(ri));
	ri.owner = owner;
	if (m == NULL || m->type != YAML_MAPPING_NODE) {
		syntax_error(c, line, owner, NULL, "a record must be a mapping "
		    "with 'type' and 'value' or 'values'");
		return;
	}
	pick(c, m, rec_keys, f, R_N);
	if (f[R_TYPE] == NULL) {
		syntax_error(c, line, owner, NULL, "the record has no 'type'");
		return;
	}
	for (size_t i = 0; i < sizeof(otypes) / sizeof(otypes[0]); i++)
		if (str_is(f[R_TYPE], otypes[i].name))
			ri.t = &otypes[i];
	if (ri.t == NULL) {
		if (is_scalar(f[R_TYPE]))
			set_why(c, "unknown record type '%.32s'",
			    sval(f[R_TYPE]));
		else
			set_why(c, "'type' must be a record type");
		syntax_error(c, line, owner, NULL, c->why.buf);
		return;
	}
	if (ri.t->kind == V_SKIP)
		return;
	if (strcmp(ri.t->name, "ALIAS") == 0 && owner != c->origin) {
		/* octoDNS: "non-root ALIAS not allowed". */
		syntax_error(c, line, owner, ri.t->name, "an ALIAS record is "
		    "only allowed at the zone apex");
		return;
	}
	ri.ttl = DEFAULT_TTL;
	if (f[R_TTL] != NULL && parse_ttl(f[R_TTL], &ri.ttl) != 0) {
		syntax_error(c, line, owner, ri.t->dns, "invalid TTL");
		return;
	}

	pick(c, f[R_OCTODNS], octodns_keys, o, 1);
	pick(c, o[0], cf_keys, cf, CF_N);
	if (cf[CF_PROXIED] != NULL) {
		if (get_bool(cf[CF_PROXIED], &proxied) == 0)
			have_proxied = 1;
		else
			bad_flag = 1;
	}
	if (cf[CF_AUTO_TTL] != NULL &&
	    get_bool(cf[CF_AUTO_TTL], &ri.auto_ttl) != 0) {
		bad_flag = 1;
		ri.auto_ttl = 0;
	}
	if (bad_flag)
		syntax_error(c, line, owner, ri.t->dns, "'proxied' and "
		    "'auto-ttl' under octodns.cloudflare must be true or "
		    "false");
	/*
	 * octodns-cloudflare _gen_data() sends proxied for A, AAAA, ALIAS and
	 * CNAME as _record_is_proxied(), which reads octodns.cloudflare.proxied
	 * with a default of False: a proxiable record without the flag is
	 * created DNS-only.  A flag on another type is kept as written, so
	 * that the rules can point out that it means nothing.
	 */
	if (have_proxied && proxied)
		ri.proxy = PL_PROXY_PROXIED;
	else if (have_proxied || (!bad_flag &&
	    pl_name_is_proxiable_type(ri.t->type)))
		ri.proxy = PL_PROXY_DNS_ONLY;
	else
		ri.proxy = PL_PROXY_UNKNOWN;
	/* Proxied implies auto TTL; auto-ttl alone too: the provider then
	 * sends ttl 1 (__init__.py _gen_data). */
	if (ri.proxy == PL_PROXY_PROXIED || ri.auto_ttl) {
		ri.auto_ttl = 1;
		ri.ttl = 1;
	}
	if (is_scalar(cf[CF_COMMENT]) && !is_null(cf[CF_COMMENT]))
		ri.comment = pl_zone_strdup(c->z, sval(cf[CF_COMMENT]),
		    slen(cf[CF_COMMENT]));
	ri.tags = tags_text(c, cf[CF_TAGS]);
	ri.meta = cf[CF_VALUES];

	/* octoDNS reads 'values' first, then 'value' (ValuesMixin). */
	vals = f[R_VALUES] != NULL ? f[R_VALUES] : f[R_VALUE];
	if (vals == NULL || is_null(vals)) {
		syntax_error(c, line, owner, ri.t->dns, "the record has no "
		    "'value' or 'values'");
		return;
	}
	first = c->z->nrecs;
	if (vals->type != YAML_SEQUENCE_NODE)
		add_value(c, &ri, vals, line);
	else if (vals->data.sequence.items.start ==
	    vals->data.sequence.items.top) {
		syntax_error(c, line, owner, ri.t->dns, "'values' is empty");
		return;
	} else
		for (yaml_node_item_t *it = vals->data.sequence.items.start;
		    it < vals->data.sequence.items.top && !c->stopped; it++) {
			yaml_node_t *v = get(c, *it);

			if (v == NULL)
				break;
			add_value(c, &ri, v, written_after(v, ref) ?
			    line_of(v) : line);
		}
	/* One flag for every value: they share its anchor. */
	if (c->z->nrecs > first && !bad_flag &&
	    ri.proxy != PL_PROXY_UNKNOWN)
		anchor_record(c, m, ref, seq, f[R_OCTODNS], o[0],
		    cf[CF_PROXIED], first, ri.t->type);
}

/* Resolves a record name relative to the zone, or NULL with c->why. */
static const char *
owner_name(struct octo *c, const yaml_node_t *k)
{
	const char *owner;

	if (!is_scalar(k) || is_null(k)) {
		set_why(c, "a record name must be a string ('' for the "
		    "apex)");
		return NULL;
	}
	if (slen(k) == 0)
		return c->origin;
	if (!pl_text_is_token(sval(k), slen(k), false)) {
		set_why(c, "invalid record name '%.64s'", sval(k));
		return NULL;
	}
	if (sval(k)[slen(k) - 1] == '.' || sval(k)[0] == '.') {
		set_why(c, "record name '%.64s' must be relative to the zone, "
		    "without a leading or trailing '.'", sval(k));
		return NULL;
	}
	pl_buf_reset(&c->tmp);
	pl_buf_add(&c->tmp, sval(k), slen(k));
	if (strcmp(c->origin, ".") != 0) {
		pl_buf_addc(&c->tmp, '.');
		pl_buf_adds(&c->tmp, c->origin);
	}
	owner = pl_zone_intern(c->z, c->tmp.buf, c->tmp.len);
	return owner;
}

static void
do_name(struct octo *c, const yaml_node_t *k, const yaml_node_t *v)
{
	unsigned long line = line_of(k);
	const char *owner;

	if (str_is(k, "<<") && plain(k)) {
		syntax_error(c, line, NULL, NULL, "a merge key ('<<') is not "
		    "a record name");
		return;
	}
	if ((owner = owner_name(c, k)) == NULL) {
		syntax_error(c, line, NULL, NULL, c->why.buf);
		return;
	}
	if (v == NULL || is_null(v)) {
		syntax_error(c, line, owner, NULL, "no record under this name");
		return;
	}
	if (v->type != YAML_SEQUENCE_NODE) {
		do_record(c, owner, v, line, k, NULL);
		return;
	}
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top && !c->stopped; it++) {
		yaml_node_t *m = get(c, *it);

		if (m == NULL)
			break;
		do_record(c, owner, m, written_after(m, k) ? line_of(m) : line,
		    k, v);
	}
}

/* Does the value under a name look like an octoDNS record or list? */
static int
looks_like_record(struct octo *c, const yaml_node_t *v)
{
	yaml_node_t *f[R_N];

	if (v != NULL && v->type == YAML_SEQUENCE_NODE &&
	    v->data.sequence.items.start < v->data.sequence.items.top)
		v = get(c, v->data.sequence.items.start[0]);
	if (v == NULL || v->type != YAML_MAPPING_NODE)
		return 0;
	pick(c, v, rec_keys, f, R_N);
	return f[R_TYPE] != NULL;
}

/*
 * Counts the nodes of the document with every alias expanded, up to a
 * limit, without recursion (an alias chain can be as long as the file).
 * A node that contains itself through an alias expands without end.
 */
static int
check_expansion(struct octo *c)
{
	struct frame {
		int		id;
		size_t		next;	/* next child */
		unsigned long	sum;
	} *stack = NULL;
	unsigned char *state = NULL;	/* 0 new, 1 open, 2 done */
	unsigned long *size = NULL, limit;
	size_t n = (size_t)(c->doc.nodes.top - c->doc.nodes.start), sp = 0;
	int rc = 0;

	if (n == 0)
		return 0;
	limit = c->nnodes + MAX_EXPANSION;
	state = pl_xcalloc(n + 1, 1);
	size = pl_xcalloc(n + 1, sizeof(*size));
	stack = pl_xreallocarray(NULL, n + 1, sizeof(*stack));
	stack[sp].id = 1;	/* the root */
	stack[sp].next = 0;
	stack[sp].sum = 1;
	sp++;
	state[1] = 1;
	while (sp > 0) {
		struct frame *fr = &stack[sp - 1];
		yaml_node_t *node = yaml_document_get_node(&c->doc, fr->id);
		size_t nchild = 0;
		int child = 0;

		if (node->type == YAML_SEQUENCE_NODE)
			nchild = (size_t)(node->data.sequence.items.top -
			    node->data.sequence.items.start);
		else if (node->type == YAML_MAPPING_NODE)
			nchild = 2 * (size_t)(node->data.mapping.pairs.top -
			    node->data.mapping.pairs.start);
		if (fr->next == nchild) {
			size[fr->id] = fr->sum;
			state[fr->id] = 2;
			sp--;
			if (sp > 0) {
				stack[sp - 1].sum += fr->sum;
				if (stack[sp - 1].sum > limit)
					stack[sp - 1].sum = limit + 1;
			}
			continue;
		}
		if (node->type == YAML_SEQUENCE_NODE)
			child = node->data.sequence.items.start[fr->next];
		else {
			const yaml_node_pair_t *p =
			    &node->data.mapping.pairs.start[fr->next / 2];

			child = fr->next % 2 == 0 ? p->key : p->value;
		}
		fr->next++;
		if (child < 1 || (size_t)child > n)
			continue;
		if (state[child] == 2) {
			fr->sum += size[child];
			if (fr->sum > limit)
				fr->sum = limit + 1;
		} else if (state[child] == 1) {
			yaml_node_t *cn = yaml_document_get_node(&c->doc,
			    child);

			rc = pl_error_at(PL_EINPUT, c->file,
			    (unsigned)line_of(cn),
			    (unsigned)cn->start_mark.column + 1,
			    "recursive alias: a node contains itself");
			goto out;
		} else {
			state[child] = 1;
			stack[sp].id = child;
			stack[sp].next = 0;
			stack[sp].sum = 1;
			sp++;
		}
	}
	if (size[1] > limit)
		rc = pl_error(PL_EINPUT, "'%s': YAML aliases add more than "
		    "%lu nodes to the document (an alias bomb?): refusing it",
		    c->file, MAX_EXPANSION);
out:
	free(stack);
	free(size);
	free(state);
	return rc;
}

/*
 * The zone a file describes, from its path: the folder of a split zone
 * ("example.com.zone/main.yaml" with octoDNS's split_extension ".zone", or
 * "example.com./www.yaml" with the older SplitYamlProvider), else the file
 * name without .yaml or .yml.  Returns a new string, or NULL.
 */
static char *
origin_from_path(const char *path)
{
	const char *slash = strrchr(path, '/'), *base, *d;
	char *dir, *real, *name = NULL;
	size_t n;

	base = slash ? slash + 1 : path;
	dir = slash ? pl_xstrndup(path, slash == path ? 1 :
	    (size_t)(slash - path)) : pl_xstrdup(".");
	/* The folder's own name, also for "main.yaml" or "./main.yaml". */
	real = realpath(dir, NULL);
	d = real != NULL ? real : dir;
	d = strrchr(d, '/') ? strrchr(d, '/') + 1 : d;
	n = strlen(d);
	if (n > 5 && strcmp(d + n - 5, ".zone") == 0)
		name = pl_xstrndup(d, n - 5);
	else if (n > 1 && d[n - 1] == '.' && strspn(d, ".") != n)
		name = pl_xstrndup(d, n - 1);
	free(real);
	free(dir);
	if (name != NULL)
		return name;
	n = strlen(base);
	if (n >= 5 && pl_strcaseeq(base + n - 5, ".yaml"))
		n -= 5;
	else if (n >= 4 && pl_strcaseeq(base + n - 4, ".yml"))
		n -= 4;
	/* "$example.com.yaml" is a split zone's catch-all file. */
	if (n > 1 && base[0] == '$') {
		base++;
		n--;
	}
	if (n > 0 && base[n - 1] == '.')
		n--;
	return n > 0 ? pl_xstrndup(base, n) : NULL;
}

int
pl_read_octodns(const char *data, size_t len, const struct pl_read_opts *o,
    struct pl_zone *z, struct pl_diags *d)
{
	struct octo c;
	yaml_parser_t parser;
	yaml_node_t *root;
	char *name = NULL;
	int rc = PL_EINPUT, loaded = 0, any = 0;

	memset(&c, 0, sizeof(c));
	c.z = z;
	c.d = d;
	c.data = data;
	c.len = len;
	c.file = z->file != NULL ? z->file : "-";
	pl_buf_init(&c.why);
	pl_buf_init(&c.rdata);
	pl_buf_init(&c.text);
	pl_buf_init(&c.tmp);

	if (o->origin != NULL)
		name = pl_xstrdup(o->origin);
	else if (o->path == NULL || strcmp(o->path, "-") == 0) {
		pl_error(PL_EINPUT, "cannot tell the zone of '%s': an octoDNS "
		    "zone on standard input needs --origin", c.file);
		goto out;
	} else if ((name = origin_from_path(o->path)) == NULL) {
		pl_error(PL_EINPUT, "cannot tell the zone of '%s' from its "
		    "file name: give --origin", c.file);
		goto out;
	}
	c.origin = pl_zone_intern(z, name, strlen(name));
	z->origin = c.origin;
	pl_anchor_spelling(z, "proxied: false", "proxied: true");
	c.origin_rdf = ldns_dname_new_frm_str(c.origin);
	if (c.origin_rdf == NULL) {
		pl_error(PL_EINPUT, "invalid zone name '%s' for '%s'", name,
		    c.file);
		goto out;
	}
	if (len > MAX_YAML_SIZE) {
		pl_error(PL_EINPUT, "'%s' is larger than %zu MiB, too large "
		    "for an octoDNS zone", c.file, MAX_YAML_SIZE >> 20);
		goto out;
	}
	/* Bounded before libyaml builds it; PyYAML's safe_load, as octoDNS
	 * calls it, refuses a stream of several documents. */
	if ((rc = pl_yaml_check(c.file, data, len, PL_YAML_ONE_DOCUMENT,
	    PL_EINPUT, true, &c.nnodes)) != 0)
		goto out;
	rc = PL_EINPUT;
	if (!yaml_parser_initialize(&parser)) {
		rc = pl_error(PL_ENOMEM, "cannot start the YAML parser");
		goto out;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data,
	    len);
	if (!yaml_parser_load(&parser, &c.doc)) {
		pl_yaml_parser_error(c.file, &parser, PL_EINPUT);
		yaml_parser_delete(&parser);
		goto out;
	}
	yaml_parser_delete(&parser);
	loaded = 1;
	if (check_expansion(&c) != 0)
		goto out;
	/* Every node once, and each mapping key a second time when looked up
	 * by name: a budget for the walk that no alias can stretch. */
	c.max_visits = 4 * c.nnodes + 4 * MAX_EXPANSION;

	root = yaml_document_get_root_node(&c.doc);
	if (root == NULL || is_null(root)) {
		rc = 0;		/* an empty zone */
		goto out;
	}
	if (root->type != YAML_MAPPING_NODE) {
		pl_error_at(PL_EINPUT, c.file, (unsigned)line_of(root),
		    (unsigned)root->start_mark.column + 1, "not an octoDNS "
		    "zone: expected a mapping of record names");
		goto out;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top && !any; p++)
		any = looks_like_record(&c, get(&c, p->value));
	if (!any && root->data.mapping.pairs.start <
	    root->data.mapping.pairs.top) {
		pl_error_at(PL_EINPUT, c.file, (unsigned)line_of(root),
		    (unsigned)root->start_mark.column + 1, "not an octoDNS "
		    "zone: no name holds a record with a 'type'");
		goto out;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top && !c.stopped; p++) {
		yaml_node_t *k = get(&c, p->key), *v = get(&c, p->value);

		if (k != NULL)
			do_name(&c, k, v);
	}
	if (c.stopped) {
		pl_error(PL_EINPUT, "'%s': stopped after visiting %lu YAML "
		    "nodes (an alias bomb?)", c.file, c.max_visits);
		goto out;
	}
	rc = 0;
out:
	free(c.refs);
	if (loaded)
		yaml_document_delete(&c.doc);
	if (c.origin_rdf != NULL)
		ldns_rdf_deep_free(c.origin_rdf);
	pl_buf_release(&c.tmp);
	pl_buf_release(&c.text);
	pl_buf_release(&c.rdata);
	pl_buf_release(&c.why);
	free(name);
	return rc;
}
