/* read_tfplan.c -- reads Terraform plan JSON (terraform show -json) */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <ldns/ldns.h>

#include "proxylint/cftags.h"
#include "proxylint/log.h"
#include "proxylint/read.h"
#include "proxylint/read_text.h"
#include "proxylint/banned.h"

/*
 * Terraform's JSON plan (https://developer.hashicorp.com/terraform/internals/
 * json-format; cloudflare-facts.md section 6) lists every resource twice:
 * flat in "resource_changes", with the actions and the values before and
 * after, and as a module tree in "planned_values".  The records are linted
 * as they will be after apply:
 *
 * - resource_changes is read first.  An entry whose "after" is null (a
 *   delete, or a "forget") is not linted; a replace ("delete" and "create"
 *   in either order) is linted by its "after", the new object.  Deposed
 *   objects are always being deleted.  Data sources are never records.
 * - planned_values is then walked, root module and child modules at any
 *   depth, for managed resources that resource_changes did not list; it is
 *   the only source when resource_changes is absent.  A state written by
 *   "terraform show -json" with no plan ("values") is read the same way.
 * - A value Terraform cannot know until apply is marked true in
 *   "after_unknown" and left out of "after" (planned_values leaves it out
 *   too).  Such a value stays unknown, never guessed: an unknown "proxied"
 *   is PL_PROXY_UNKNOWN, an unknown content is "(known after apply)" with no
 *   target or address, so the rules that need them stay silent.  A
 *   variable's value is known in a plan, so "proxied = var.x" is known.
 * - A record whose name or type is unknown cannot be checked at all: it is
 *   skipped.  When its proxy state is unknown too and it may be an
 *   A/AAAA/CNAME, it is counted with the records of unknown proxy state
 *   (z->nunknown, the proxy-status-unknown note).
 *
 * Names may be relative ("www", "@") or fully qualified, as the Cloudflare
 * API takes them: a name equal to the zone or ending in "." + zone is
 * absolute, any other is relative to the zone.  The zone is --origin, else
 * the cloudflare_zone resource or data source (attribute "zone" in provider
 * v4, "name" otherwise) whose id is the record's zone_id, else the only
 * cloudflare_zone in the plan.  With no zone, a name with a dot is taken
 * as fully qualified and a single label or "@" is a syntax-error finding.
 *
 * Findings have no line: their location is the resource address, kept in
 * the record's pointer.
 */

#define MAX_MODULE_DEPTH	256	/* nested child_modules */
#define UNKNOWN_CONTENT		"(known after apply)"

enum attr_state {
	A_KNOWN,	/* present and not null */
	A_NULL,		/* null: not set in the configuration */
	A_UNKNOWN,	/* known only after apply */
};

struct zone_ref {
	const char	*id;		/* borrowed from the JSON, or NULL */
	const char	*name;		/* interned */
};

struct tf_ctx {
	struct pl_zone		*z;
	struct pl_diags		*d;
	const char		*origin;	/* --origin, or NULL */
	struct zone_ref		*zones;
	size_t			 nzones;
	size_t			 capzones;
	json_t			*seen;		/* resource_changes addresses */
	ldns_rdf		*root;		/* ".", origin for ldns */
	const char		*unknown;	/* UNKNOWN_CONTENT, arena */
	struct pl_buf		 text;
};

/* The fields of a record, gathered before it is added to the zone. */
struct rec {
	const char	*address;
	const char	*owner;
	const char	*type_name;	/* as written in the plan */
	uint16_t	 type;
	uint32_t	 ttl;
	enum pl_proxy	 proxy;
	const char	*content;	/* NULL: unknown until apply */
};

static int
is_record_type(const char *type)
{
	return type != NULL && (strcmp(type, "cloudflare_record") == 0 ||
	    strcmp(type, "cloudflare_dns_record") == 0);
}

static const char *
str_of(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/*
 * The state of attribute key of a planned object.  unknown is the
 * matching part of after_unknown: true for the whole object, an object
 * with true for each unknown attribute, or NULL.  Terraform leaves unknown
 * values out of "after" and "values", so a missing key is unknown as well.
 */
static enum attr_state
attr(const json_t *obj, const json_t *unknown, const char *key, json_t **out)
{
	json_t *v;

	*out = NULL;
	if (json_is_true(unknown) ||
	    json_is_true(json_object_get(unknown, key)))
		return A_UNKNOWN;
	if (!json_is_object(obj) || (v = json_object_get(obj, key)) == NULL)
		return A_UNKNOWN;
	if (json_is_null(v))
		return A_NULL;
	*out = v;
	return A_KNOWN;
}

/* A known string attribute, or NULL. */
static const char *
known_str(const json_t *obj, const json_t *unknown, const char *key)
{
	json_t *v;

	if (attr(obj, unknown, key, &v) != A_KNOWN)
		return NULL;
	return json_string_value(v);
}

/* An integer in [0, max] from a JSON number; -1 if it is not one. */
static int
get_uint(const json_t *v, uint32_t max, uint32_t *out)
{
	double x;

	if (json_is_integer(v)) {
		json_int_t i = json_integer_value(v);

		if (i < 0 || (uint64_t)i > max)
			return -1;
		*out = (uint32_t)i;
		return 0;
	}
	if (!json_is_real(v))
		return -1;
	x = json_real_value(v);
	if (!(x >= 0 && x <= (double)max) || x != (double)(uint32_t)x)
		return -1;
	*out = (uint32_t)x;
	return 0;
}

/* The sub-object of a block: v5 "data" is an object, v4 a list of one. */
static const json_t *
block(const json_t *v)
{
	if (json_is_array(v))
		return json_array_size(v) == 1 ? json_array_get(v, 0) : NULL;
	return json_is_object(v) ? v : NULL;
}

static int	is_token(const char *);

static void
syntax_error(struct tf_ctx *c, const struct rec *r, const char *name,
    const char *reason)
{
	/* Sort the finding after those of the record before it, so that
	 * findings keep the order of the plan. */
	struct pl_loc loc = { .recno = c->z->nrecs, .pointer = r->address };
	struct pl_subject s = { .name = name, .type = r->type_name };
	struct pl_vars v = { .reason = reason };

	pl_read_report(c->d, PL_RULE_SYNTAX_ERROR, &loc, &s, &v);
}

/* The first zone with this name, or NULL. */
static struct zone_ref *
find_zone(struct tf_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->nzones; i++)
		if (c->zones[i].name == name)
			return &c->zones[i];
	return NULL;
}

/*
 * Notes a cloudflare_zone resource or data source.  Provider v4 names the
 * zone of a resource "zone" and of a data source "name"; v5 says "name"
 * for both.  The id is "id", or "zone_id" in data sources.
 */
static void
add_zone(struct tf_ctx *c, const json_t *values, const json_t *unknown)
{
	const char *name, *id;
	struct zone_ref *zr;

	if ((name = known_str(values, unknown, "zone")) == NULL &&
	    (name = known_str(values, unknown, "name")) == NULL)
		return;
	if (!is_token(name) || strlen(name) > 255)
		return;
	if ((id = known_str(values, unknown, "id")) == NULL)
		id = known_str(values, unknown, "zone_id");
	name = pl_zone_intern(c->z, name, strlen(name));
	if ((zr = find_zone(c, name)) != NULL) {
		if (zr->id == NULL)
			zr->id = id;
		return;
	}
	if (c->nzones == c->capzones) {
		c->capzones = c->capzones ? c->capzones * 2 : 4;
		c->zones = pl_xreallocarray(c->zones, c->capzones,
		    sizeof(*c->zones));
	}
	c->zones[c->nzones].id = id;
	c->zones[c->nzones].name = name;
	c->nzones++;
}

/* The zone of a record: see the comment at the top. */
static const char *
record_zone(struct tf_ctx *c, const json_t *values, const json_t *unknown)
{
	const char *zid;

	if (c->origin != NULL)
		return c->origin;
	if ((zid = known_str(values, unknown, "zone_id")) != NULL) {
		for (size_t i = 0; i < c->nzones; i++)
			if (c->zones[i].id != NULL &&
			    strcmp(c->zones[i].id, zid) == 0)
				return c->zones[i].name;
		/* Another zone than the one in the plan? */
		if (c->nzones == 1 && c->zones[0].id == NULL)
			return c->zones[0].name;
		return NULL;
	}
	return c->nzones == 1 ? c->zones[0].name : NULL;
}

/* Can s go into the record text as one token (read_text.h)? */
static int
is_token(const char *s)
{
	return pl_text_is_token(s, strlen(s), true);
}

/* Can s go into the record text as several tokens?  As is_token(), but
 * single blanks between the tokens are allowed. */
static int
is_plain(const char *s)
{
	if (*s == '\0' || *s == ' ')
		return 0;
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == ' ' && s[1] != ' ' && s[1] != '\0')
			continue;
		if (ch <= ' ' || ch == 0x7f || ch == ';' || ch == '(' ||
		    ch == ')' || ch == '"')
			return 0;
	}
	return 1;
}

/*
 * Resolves a record name to an interned FQDN as the Cloudflare API does,
 * or returns NULL with a reason in *why (a new string).
 */
static const char *
resolve_name(struct tf_ctx *c, const char *zone, const char *name,
    const char *hostname, char **why)
{
	size_t n = strlen(name), zn;
	struct pl_buf b;
	const char *fqdn;

	if (n == 0) {
		*why = pl_xstrdup("empty record name");
		return NULL;
	}
	if (!is_token(name)) {
		*why = pl_xasprintf("invalid record name '%.100s'", name);
		return NULL;
	}
	if (strcmp(name, "@") == 0) {
		if (zone == NULL) {
			*why = pl_xstrdup("relative name '@' and no zone: "
			    "give --origin");
			return NULL;
		}
		return zone;
	}
	if (name[n - 1] == '.')
		return pl_zone_intern(c->z, name, n);
	if (zone == NULL) {
		/* The provider v4 computes the full name once it is known. */
		if (hostname != NULL && is_token(hostname))
			return pl_zone_intern(c->z, hostname, strlen(hostname));
		if (strchr(name, '.') != NULL)
			return pl_zone_intern(c->z, name, n);
		*why = pl_xasprintf("relative name '%.100s' and no zone: give "
		    "--origin", name);
		return NULL;
	}
	zn = strlen(zone) - 1;		/* without the trailing dot */
	if (zn == 0 || (n == zn && pl_strncaseeq(name, zone, zn)) ||
	    (n > zn && name[n - zn - 1] == '.' &&
	    pl_strncaseeq(name + n - zn, zone, zn)))
		return pl_zone_intern(c->z, name, n);
	pl_buf_init(&b);
	pl_buf_add(&b, name, n);
	pl_buf_addc(&b, '.');
	pl_buf_add(&b, zone, zn);
	fqdn = pl_zone_intern(c->z, b.buf, b.len);
	pl_buf_release(&b);
	return fqdn;
}

/* Appends a target name: "@" is the zone; ldns makes the rest absolute. */
static int
add_target(struct tf_ctx *c, const char *zone, const char *t, char **why)
{
	if (strcmp(t, "@") == 0) {
		if (zone == NULL) {
			*why = pl_xstrdup("target '@' and no zone: give "
			    "--origin");
			return -1;
		}
		t = zone;
	}
	if (!is_token(t)) {
		*why = pl_xasprintf("invalid target '%.100s'", t);
		return -1;
	}
	pl_buf_adds(&c->text, t);
	return 0;
}

/*
 * Appends TXT content.  Cloudflare takes the text itself and splits it
 * into strings of 255 octets; content that starts with a quote is already
 * in presentation format.
 */
static void
add_txt(struct pl_buf *b, const char *s)
{
	if (s[0] == '"')
		pl_buf_adds(b, s);
	else
		pl_text_txt(b, s, strlen(s));
}

/* A number of a block or of the resource, as text; -1 with *why set. */
static int
add_number(struct tf_ctx *c, const json_t *obj, const json_t *unknown,
    const char *key, uint32_t max, int required, char **why)
{
	json_t *v;
	uint32_t x = 0;

	switch (attr(obj, unknown, key, &v)) {
	case A_UNKNOWN:
		return 1;	/* caller: unknown */
	case A_NULL:
		if (required) {
			*why = pl_xasprintf("no '%s'", key);
			return -1;
		}
		break;
	case A_KNOWN:
		if (get_uint(v, max, &x) != 0) {
			*why = pl_xasprintf("'%s' is not a number from 0 to "
			    "%u", key, (unsigned)max);
			return -1;
		}
		break;
	}
	pl_buf_addf(&c->text, "%u", (unsigned)x);
	return 0;
}

/*
 * Builds the RDATA text of the record into c->text (after what is there).
 * Returns 0, 1 when the content is unknown until apply, or -1 with *why.
 */
static int
build_rdata(struct tf_ctx *c, const struct rec *r, const char *zone,
    const json_t *values, const json_t *unknown, char **why)
{
	const json_t *dunk = json_object_get(unknown, "data");
	const char *content;
	json_t *v;
	enum attr_state cst, vst, dst;
	const json_t *data = NULL;
	int rc;

	/* Provider v4 took "value", late v4 and v5 "content"; each is
	 * computed from the other, so an unknown one says nothing. */
	cst = attr(values, unknown, "content", &v);
	content = cst == A_KNOWN ? json_string_value(v) : NULL;
	if (content == NULL) {
		vst = attr(values, unknown, "value", &v);
		content = vst == A_KNOWN ? json_string_value(v) : NULL;
		if (vst == A_UNKNOWN)
			cst = A_UNKNOWN;
	}
	dst = attr(values, unknown, "data", &v);
	if (dst == A_KNOWN && (data = block(v)) == NULL)
		dst = A_NULL;	/* an empty list: no data block */
	if (json_is_array(dunk))
		dunk = json_array_get(dunk, 0);

	switch (r->type) {
	case LDNS_RR_TYPE_MX:
		if (content == NULL)
			return 1;
		if (strchr(content, ' ') != NULL) {
			if (!is_plain(content)) {
				*why = pl_xasprintf("invalid content '%.100s'",
				    content);
				return -1;
			}
			pl_buf_adds(&c->text, content);	/* "10 mx.example." */
			return 0;
		}
		if ((rc = add_number(c, values, unknown, "priority", 65535, 0,
		    why)) != 0)
			return rc;
		pl_buf_addc(&c->text, ' ');
		return add_target(c, zone, content, why);
	case LDNS_RR_TYPE_SRV:
		if (dst == A_KNOWN) {
			const char *target;

			if ((rc = add_number(c, data, dunk, "priority", 65535,
			    0, why)) != 0)
				return rc;
			pl_buf_addc(&c->text, ' ');
			if ((rc = add_number(c, data, dunk, "weight", 65535, 1,
			    why)) != 0)
				return rc;
			pl_buf_addc(&c->text, ' ');
			if ((rc = add_number(c, data, dunk, "port", 65535, 1,
			    why)) != 0)
				return rc;
			pl_buf_addc(&c->text, ' ');
			switch (attr(data, dunk, "target", &v)) {
			case A_UNKNOWN:
				return 1;
			case A_NULL:
				*why = pl_xstrdup("no 'target' in 'data'");
				return -1;
			default:
				break;
			}
			if ((target = json_string_value(v)) == NULL) {
				*why = pl_xstrdup("'target' is not a string");
				return -1;
			}
			return add_target(c, zone, target, why);
		}
		if (content == NULL)
			return 1;
		if (!is_plain(content)) {
			*why = pl_xasprintf("invalid content '%.100s'",
			    content);
			return -1;
		}
		/* The API writes "weight port target", priority apart. */
		{
			int fields = 1;

			for (const char *p = content; *p != '\0'; p++)
				if (*p == ' ' && p[1] != ' ' && p[1] != '\0')
					fields++;
			if (fields == 3) {
				if ((rc = add_number(c, values, unknown,
				    "priority", 65535, 0, why)) != 0)
					return rc;
				pl_buf_addc(&c->text, ' ');
			}
		}
		pl_buf_adds(&c->text, content);
		return 0;
	case LDNS_RR_TYPE_CAA:
		if (content == NULL && dst == A_KNOWN) {
			const char *tag = known_str(data, dunk, "tag");
			const char *val = known_str(data, dunk, "value");

			if (tag == NULL || val == NULL || !is_token(tag))
				return 1;
			if ((rc = add_number(c, data, dunk, "flags", 255, 0,
			    why)) != 0)
				return rc;
			pl_buf_addf(&c->text, " %s ", tag);
			add_txt(&c->text, val);
			return 0;
		}
		break;
	default:
		break;
	}
	if (content == NULL && dst == A_KNOWN) {
		/* A data block this reader does not translate (LOC, CERT,
		 * ...): keep it as written, for the output. */
		char *s = json_dumps(data, JSON_COMPACT | JSON_SORT_KEYS);

		if (s != NULL)
			pl_buf_adds(&c->text, s);
		free(s);
		return 0;
	}
	if (content == NULL)
		return 1;
	switch (r->type) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
		if (!is_token(content)) {
			*why = pl_xasprintf("invalid address '%.100s'",
			    content);
			return -1;
		}
		pl_buf_adds(&c->text, content);
		return 0;
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_DNAME:
		return add_target(c, zone, content, why);
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_SPF:
		add_txt(&c->text, content);
		return 0;
	default:
		pl_buf_adds(&c->text, content);
		return 0;
	}
}

/* Is the record's RDATA checked, or only kept when ldns can read it?
 * Cloudflare's content of other types may differ from zone-file syntax. */
static int
is_checked_type(uint16_t type)
{
	switch (type) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_MX:
	case LDNS_RR_TYPE_SRV:
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
		return 1;
	default:
		return 0;
	}
}

/* Tags as one comma-separated string in the arena, or NULL. */
static const char *
join_tags(struct tf_ctx *c, const json_t *values, const json_t *unknown)
{
	struct pl_buf b;
	const char *tags;
	json_t *v, *t;
	size_t i;

	if (attr(values, unknown, "tags", &v) != A_KNOWN ||
	    !json_is_array(v) || json_array_size(v) == 0)
		return NULL;
	pl_buf_init(&b);
	json_array_foreach(v, i, t) {
		const char *s = json_string_value(t);

		if (s == NULL || i >= PL_MAX_TAGS)
			continue;
		if (b.len > 0)
			pl_buf_addc(&b, ',');
		pl_buf_adds(&b, s);
	}
	tags = b.len > 0 ? pl_zone_strdup(c->z, b.buf, b.len) : NULL;
	pl_buf_release(&b);
	return tags;
}

/* Counts a record that cannot be checked, when it may be a proxiable
 * record of unknown proxy state. */
static void
skip_unknown(struct tf_ctx *c, const struct rec *r)
{
	if (r->proxy == PL_PROXY_UNKNOWN &&
	    (r->type == 0 || pl_name_is_proxiable_type(r->type)))
		c->z->nunknown++;
}

/*
 * Lints one planned cloudflare_record / cloudflare_dns_record: values is
 * "after" (or "values"), unknown its "after_unknown" (NULL in
 * planned_values, where unknown values are simply left out).
 */
static void
do_record(struct tf_ctx *c, const char *address, const json_t *values,
    const json_t *unknown)
{
	struct rec r;
	struct pl_record *rec;
	const char *zone, *name, *type, *comment;
	char *why = NULL;
	ldns_rr *rr = NULL;
	ldns_status st;
	json_t *v;
	enum attr_state nst, tst;
	size_t rdata;
	int rc = 0;

	memset(&r, 0, sizeof(r));
	r.address = pl_zone_strdup(c->z, address, strlen(address));
	r.ttl = 1;

	/* "proxied" unset is null in the plan, and the API's default is
	 * false: Cloudflare will create the record DNS-only, so that is
	 * what is linted.  Only a value unknown until apply stays unknown. */
	switch (attr(values, unknown, "proxied", &v)) {
	case A_UNKNOWN:
		r.proxy = PL_PROXY_UNKNOWN;
		break;
	case A_NULL:
		r.proxy = PL_PROXY_DNS_ONLY;
		break;
	case A_KNOWN:
		if (!json_is_boolean(v)) {
			syntax_error(c, &r, NULL, "'proxied' is not true or "
			    "false");
			return;
		}
		r.proxy = json_is_true(v) ? PL_PROXY_PROXIED :
		    PL_PROXY_DNS_ONLY;
		break;
	}

	tst = attr(values, unknown, "type", &v);
	type = json_string_value(v);
	if (tst == A_KNOWN && type != NULL && type[0] != '\0' &&
	    strlen(type) < 32) {
		r.type_name = type;
		r.type = (uint16_t)ldns_get_rr_type_by_name(type);
	}
	nst = attr(values, unknown, "name", &v);
	name = json_string_value(v);
	if (tst == A_UNKNOWN || nst == A_UNKNOWN) {
		skip_unknown(c, &r);
		return;
	}
	if (tst != A_KNOWN || type == NULL) {
		syntax_error(c, &r, NULL, "no record type");
		return;
	}
	if (r.type == 0) {
		why = pl_xasprintf("unknown record type '%.32s'", type);
		r.type_name = NULL;
		syntax_error(c, &r, NULL, why);
		goto out;
	}
	if (nst != A_KNOWN || name == NULL) {
		syntax_error(c, &r, NULL, "no record name");
		return;
	}

	zone = record_zone(c, values, unknown);
	r.owner = resolve_name(c, zone, name,
	    known_str(values, unknown, "hostname"), &why);
	if (r.owner == NULL) {
		syntax_error(c, &r, NULL, why);
		goto out;
	}

	/* The provider v4 computes an unset TTL, and Cloudflare then uses 1
	 * (auto), which is also what a proxied record must have. */
	if (attr(values, unknown, "ttl", &v) == A_KNOWN &&
	    get_uint(v, INT32_MAX, &r.ttl) != 0) {
		syntax_error(c, &r, r.owner, "invalid TTL");
		goto out;
	}

	pl_buf_reset(&c->text);
	pl_buf_addf(&c->text, "%s %u IN %s ", r.owner, (unsigned)r.ttl, type);
	rdata = c->text.len;
	rc = build_rdata(c, &r, zone, values, unknown, &why);
	if (rc < 0) {
		syntax_error(c, &r, r.owner, why ? why : "invalid content");
		goto out;
	}
	if (rc == 0) {
		st = ldns_rr_new_frm_str(&rr, c->text.buf, r.ttl, c->root,
		    NULL);
		if (st != LDNS_STATUS_OK) {
			rr = NULL;
			if (is_checked_type(r.type)) {
				syntax_error(c, &r, r.owner,
				    ldns_get_errorstr_by_id(st));
				goto out;
			}
		}
	}

	rec = pl_zone_add(c->z);
	rec->owner = r.owner;
	rec->type = r.type;
	rec->ttl = r.ttl;
	rec->proxy = (uint8_t)r.proxy;
	pl_rec_set_pointer(c->z, rec, r.address);
	rec->line = 0;
	if (rr != NULL)
		pl_record_fill(c->z, rec, rr);
	else if (rc == 1)
		rec->content = c->unknown;
	else	/* a type whose content ldns does not read: as given */
		rec->content = pl_zone_strdup(c->z, c->text.buf + rdata,
		    c->text.len - rdata);
	if ((comment = known_str(values, unknown, "comment")) != NULL &&
	    comment[0] != '\0')
		pl_rec_set_comment(c->z, rec, pl_zone_strdup(c->z, comment,
		    strlen(comment)));
	{
		const char *tg = join_tags(c, values, unknown);

		if (tg != NULL)
			pl_rec_set_tags(c->z, rec, tg);
	}
out:
	if (rr != NULL)
		ldns_rr_free(rr);
	free(why);
}

typedef void	(*resource_fn)(struct tf_ctx *, const json_t *);

/* Calls fn on each resource of a module and of its child modules. */
static void
walk_module(struct tf_ctx *c, const json_t *mod, int depth, resource_fn fn)
{
	const json_t *res, *sub;
	size_t i;

	if (!json_is_object(mod) || depth > MAX_MODULE_DEPTH)
		return;
	json_array_foreach(json_object_get(mod, "resources"), i, res)
		if (json_is_object(res))
			fn(c, res);
	json_array_foreach(json_object_get(mod, "child_modules"), i, sub)
		walk_module(c, sub, depth + 1, fn);
}

static void
zone_of_resource(struct tf_ctx *c, const json_t *res)
{
	const char *type = str_of(res, "type");

	if (type != NULL && strcmp(type, "cloudflare_zone") == 0)
		add_zone(c, json_object_get(res, "values"), NULL);
}

/* A planned_values resource that resource_changes did not list. */
static void
record_of_resource(struct tf_ctx *c, const json_t *res)
{
	const char *address = str_of(res, "address");
	const char *mode = str_of(res, "mode");

	if (!is_record_type(str_of(res, "type")) || address == NULL ||
	    (mode != NULL && strcmp(mode, "managed") != 0) ||
	    json_object_get(c->seen, address) != NULL)
		return;
	do_record(c, address, json_object_get(res, "values"), NULL);
}

static void
zones_of_changes(struct tf_ctx *c, const json_t *changes)
{
	const json_t *rc, *change;
	size_t i;

	json_array_foreach(changes, i, rc) {
		const char *type = str_of(rc, "type");

		if (type == NULL || strcmp(type, "cloudflare_zone") != 0 ||
		    json_object_get(rc, "deposed") != NULL)
			continue;
		change = json_object_get(rc, "change");
		if (json_is_object(json_object_get(change, "after")))
			add_zone(c, json_object_get(change, "after"),
			    json_object_get(change, "after_unknown"));
	}
}

static void
read_changes(struct tf_ctx *c, const json_t *changes)
{
	const json_t *rc;
	size_t i;

	json_array_foreach(changes, i, rc) {
		const char *address = str_of(rc, "address");
		const char *mode = str_of(rc, "mode");
		const char *type = str_of(rc, "type");
		const json_t *change = json_object_get(rc, "change");
		const json_t *after = json_object_get(change, "after");
		const json_t *unknown = json_object_get(change,
		    "after_unknown");

		if (address == NULL || type == NULL)
			continue;
		/* A deposed object (create_before_destroy) is always being
		 * deleted, and shares the address of the current one. */
		if (json_object_get(rc, "deposed") != NULL)
			continue;
		json_object_set_new(c->seen, address, json_true());
		if (!is_record_type(type) ||
		    (mode != NULL && strcmp(mode, "managed") != 0))
			continue;
		/* Deleted (or forgotten): there is nothing after apply.  A
		 * replace lints the new object. */
		if (!json_is_object(after))
			continue;
		do_record(c, address, after, unknown);
	}
}

int
pl_read_terraform_plan(const char *data, size_t len,
    const struct pl_read_opts *o, struct pl_zone *z, struct pl_diags *d)
{
	struct tf_ctx c;
	json_t *root = NULL;
	const json_t *changes, *planned, *state;
	json_error_t err;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.z = z;
	c.d = d;
	pl_buf_init(&c.text);
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		data += 3;
		len -= 3;
	}
	root = json_loadb(data, len, 0, &err);
	if (root == NULL) {
		rc = pl_error_at(PL_EINPUT, z->file, (unsigned)err.line,
		    err.column > 0 ? (unsigned)err.column : 0, "not a Terraform "
		    "plan: invalid JSON: %s", err.text);
		goto out;
	}
	changes = json_object_get(root, "resource_changes");
	planned = json_object_get(root, "planned_values");
	state = json_object_get(root, "values");
	if (!json_is_object(root) ||
	    (changes == NULL && planned == NULL && state == NULL)) {
		rc = pl_error(PL_EINPUT, "'%s' is not a Terraform plan: "
		    "expected \"planned_values\" or \"resource_changes\" (from "
		    "terraform show -json)", z->file);
		goto out;
	}
	c.seen = json_object();
	c.root = ldns_dname_new_frm_str(".");
	c.unknown = pl_zone_strdup(z, UNKNOWN_CONTENT,
	    sizeof(UNKNOWN_CONTENT) - 1);
	if (o->origin != NULL)
		c.origin = pl_zone_intern(z, o->origin, strlen(o->origin));

	/* Zones first: records may come before their zone. */
	zones_of_changes(&c, changes);
	walk_module(&c, json_object_get(planned, "root_module"), 0,
	    zone_of_resource);
	walk_module(&c, json_object_get(json_object_get(json_object_get(root,
	    "prior_state"), "values"), "root_module"), 0, zone_of_resource);
	walk_module(&c, json_object_get(state, "root_module"), 0,
	    zone_of_resource);

	read_changes(&c, changes);
	if (planned != NULL)
		walk_module(&c, json_object_get(planned, "root_module"), 0,
		    record_of_resource);
	else if (changes == NULL)
		walk_module(&c, json_object_get(state, "root_module"), 0,
		    record_of_resource);
	z->origin = c.origin != NULL ? c.origin :
	    c.nzones == 1 ? c.zones[0].name : NULL;
out:
	if (c.root != NULL)
		ldns_rdf_deep_free(c.root);
	json_decref(c.seen);
	json_decref(root);
	free(c.zones);
	pl_buf_release(&c.text);
	return rc;
}
