/* read_cfjson.c -- reads Cloudflare API DNS record listings (JSON) into a zone */
/* SPDX-License-Identifier: MIT */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <limits.h>
#include <stdio.h>
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
 * The input is what "GET /zones/{zone_id}/dns_records" returns
 * (cloudflare-facts.md section 5), in any of these shapes:
 *
 *   {"result": [RECORD...], "result_info": {...}, "success": true, ...}
 *   several such responses one after another (one page per request, as
 *       "curl ... >> dump.json" leaves them), or a JSON array of them
 *   [RECORD...]                      a bare array of records
 *   {"success": false, "errors": [...], "result": null}   an error
 *
 * Records have no lines, so each record's location is a JSON pointer
 * (RFC 6901) into its document: "/result/3" in a single response, "/3" in
 * a bare array, "/2/result/3" for the third record of the third response
 * of an array of responses.  A file of several concatenated documents is
 * addressed as if it were one JSON array of them: "/2/result/3" is then
 * the record at index 3 of the result of document 2 (all indexes 0-based).
 * The pointer is in the zone's arena, like every string of a record.
 *
 * Each record becomes the same struct pl_record as the BIND reader makes:
 * its RDATA is written as zone-file text and parsed by ldns, which checks
 * it, and the content is ldns's presentation form.  Names are kept as the
 * API writes them (Punycode, or raw UTF-8 in older dumps), lower-cased
 * in ASCII only, so that a target matches its owner whatever the script.
 */

/* Distinct zone_name values counted to choose the apex; a dump of one
 * zone has one, a few more are records of other zones mixed in. */
#define MAX_ZONE_NAMES	16

struct zone_vote {
	const char	*name;		/* interned */
	unsigned long	 n;
};

struct cf_ctx {
	struct pl_zone			*z;
	struct pl_diags			*d;
	const char			*origin;	/* --origin, interned */
	struct pl_buf			 text;		/* record text for ldns */
	struct pl_buf			 rdata;		/* its RDATA part */
	struct pl_buf			 name;		/* a name being built */
	struct pl_buf			 tmp;
	struct pl_buf			 api_errors;	/* lines to print */
	unsigned long			 seen;		/* record entries read */
	/* Pagination: the pages present and the totals the API gave. */
	json_int_t			*pages;
	size_t				 npages;
	size_t				 cappages;
	json_int_t			 total_pages;	/* 0 = not given */
	json_int_t			 total_count;	/* -1 = not given */
	json_int_t			 per_page;	/* 0 = not given */
	unsigned long			 paged_seen;	/* records in paged
							   responses */
	char				*info_pointer;	/* first result_info */
	struct zone_vote		 votes[MAX_ZONE_NAMES];
	size_t				 nvotes;
};

enum shape {
	SHAPE_NONE,
	SHAPE_RESPONSE,		/* {"result": ...} or {"success": false} */
	SHAPE_RESPONSES,	/* [response...] */
	SHAPE_RECORDS,		/* [record...] */
};

/* RDATA types this reader writes for ldns itself; ldns must accept them,
 * or the record is a syntax error.  Other types go to ldns as Cloudflare
 * wrote their content, which for some of them (LOC as "IN LOC ...") is
 * not zone-file syntax: those records are kept as written. */
static int
is_core_type(uint16_t t)
{
	switch (t) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_MX:
	case LDNS_RR_TYPE_SRV:
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_SPF:
	case LDNS_RR_TYPE_CAA:
		return 1;
	default:
		return 0;
	}
}

static int
is_response(const json_t *v)
{
	return json_is_object(v) && (json_object_get(v, "result") != NULL ||
	    json_is_boolean(json_object_get(v, "success")));
}

static int
is_record(const json_t *v)
{
	return json_is_object(v) && !is_response(v) &&
	    (json_object_get(v, "type") != NULL ||
	    json_object_get(v, "name") != NULL);
}

/* Classifies a document by its top level; arrays by their first entry,
 * the entries that do not fit are reported one by one. */
static enum shape
classify(const json_t *v)
{
	const json_t *first;

	if (is_response(v))
		return SHAPE_RESPONSE;
	if (!json_is_array(v))
		return SHAPE_NONE;
	if (json_array_size(v) == 0)
		return SHAPE_RECORDS;
	first = json_array_get(v, 0);
	if (is_response(first))
		return SHAPE_RESPONSES;
	if (is_record(first))
		return SHAPE_RECORDS;
	return SHAPE_NONE;
}

static char *
arena_pointer(struct cf_ctx *c, const char *prefix, const char *key,
    size_t idx, int has_idx)
{
	pl_buf_reset(&c->tmp);
	pl_buf_adds(&c->tmp, prefix);
	if (key != NULL) {
		pl_buf_addc(&c->tmp, '/');
		pl_buf_adds(&c->tmp, key);
	}
	if (has_idx)
		pl_buf_addf(&c->tmp, "/%zu", idx);
	return pl_zone_strdup(c->z, c->tmp.buf, c->tmp.len);
}

/*
 * A record that cannot be read.  Its recno places the finding between the
 * records read before and after it, as a line does in a zone file.
 */
static void
syntax_error(struct cf_ctx *c, const char *pointer, const char *name,
    const char *type, const char *reason)
{
	struct pl_loc loc = { .recno = c->z->nrecs + 1, .pointer = pointer };
	struct pl_subject s = { .name = name, .type = type };
	struct pl_vars v = { .reason = reason };

	pl_read_report(c->d, PL_RULE_SYNTAX_ERROR, &loc, &s, &v);
}

/*
 * Writes a name from the API in presentation format into b: octets that
 * zone-file syntax would split or misread (blanks, controls, quotes,
 * parentheses, ';', '\') as \DDD (RFC 1035 section 5.1), all others as
 * they are, non-ASCII included.  One trailing dot is dropped; the caller
 * adds it.  Returns -1 for an empty name.
 */
static int
add_name(struct pl_buf *b, const char *s, size_t n)
{
	if (n > 0 && s[n - 1] == '.')
		n--;
	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch <= ' ' || ch == 0x7f || ch == '"' || ch == '(' ||
		    ch == ')' || ch == ';' || ch == '\\')
			pl_buf_addf(b, "\\%03u", ch);
		else
			pl_buf_addc(b, (char)ch);
	}
	return 0;
}

/* Same, with the trailing dot, into c->name; returns it or NULL. */
static const char *
make_name(struct cf_ctx *c, const char *s)
{
	pl_buf_reset(&c->name);
	if (strcmp(s, ".") == 0) {
		pl_buf_addc(&c->name, '.');
		return c->name.buf;
	}
	if (add_name(&c->name, s, strlen(s)) != 0)
		return NULL;
	pl_buf_addc(&c->name, '.');
	return c->name.buf;
}

/*
 * Reads an unsigned integer field: 1 when present and valid, 0 when absent
 * or null, -1 when it is something else or above max.
 */
static int
get_uint(const json_t *obj, const char *key, json_int_t max, json_int_t *out)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > max)
		return -1;
	*out = json_integer_value(v);
	return 1;
}

static const char *
get_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/*
 * TXT content: the API writes it quoted, in zone-file syntax ("a" "b"),
 * and older dumps unquoted, as one string.  Either way it is re-quoted
 * here, so that a ';' in it cannot end the text that ldns reads, and so
 * that a quoted string longer than 255 octets is split as Cloudflare
 * splits it.  Returns -1 for an unterminated quoted string.
 */
static int
add_txt(struct cf_ctx *c, struct pl_buf *b, const char *s)
{
	const char *p = s;

	while (*p == ' ' || *p == '\t')
		p++;
	if (*p != '"') {
		pl_text_txt(b, s, strlen(s));
		return 0;
	}
	while (*p != '\0') {
		int quoted;

		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			p++;
			continue;
		}
		quoted = *p == '"';
		if (quoted)
			p++;
		pl_buf_reset(&c->tmp);
		for (;;) {
			if (*p == '\0') {
				if (quoted)
					return -1;
				break;
			}
			if (quoted ? *p == '"' : (*p == ' ' || *p == '\t' ||
			    *p == '"')) {
				if (quoted)
					p++;
				break;
			}
			if (*p == '\\' && p[1] != '\0') {
				if (p[1] >= '0' && p[1] <= '9' &&
				    p[2] >= '0' && p[2] <= '9' &&
				    p[3] >= '0' && p[3] <= '9' &&
				    (p[1] - '0') * 100 + (p[2] - '0') * 10 +
				    (p[3] - '0') <= 255) {
					pl_buf_addc(&c->tmp, (char)((p[1] -
					    '0') * 100 + (p[2] - '0') * 10 +
					    (p[3] - '0')));
					p += 4;
					continue;
				}
				p++;
			}
			pl_buf_addc(&c->tmp, *p++);
		}
		pl_text_txt(b, c->tmp.buf ? c->tmp.buf : "", c->tmp.len);
	}
	return 0;
}

/* Splits SRV content into at most 5 blank-separated fields, in tmp. */
static size_t
split_fields(struct cf_ctx *c, const char *s, const char *f[5], size_t n[5])
{
	size_t k = 0;

	pl_buf_reset(&c->tmp);
	while (*s != '\0') {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0')
			break;
		if (k == 5)
			return 6;
		f[k] = s;
		while (*s != '\0' && *s != ' ' && *s != '\t')
			s++;
		n[k] = (size_t)(s - f[k]);
		k++;
	}
	return k;
}

/*
 * Writes the RDATA text of an SRV record: "priority weight port target",
 * from content "weight port target" with "priority" apart (the API since
 * about 2019), content with all four fields, or the "data" object.
 */
static const char *
srv_rdata(struct cf_ctx *c, const json_t *rec, const char *content,
    const char **target)
{
	const json_t *data = json_object_get(rec, "data");
	const char *f[5];
	size_t n[5], k = 0;
	json_int_t prio, weight, port;
	int have_prio;

	have_prio = get_uint(rec, "priority", 65535, &prio);
	if (have_prio == 0 && json_is_object(data))
		have_prio = get_uint(data, "priority", 65535, &prio);
	if (content != NULL && content[0] != '\0')
		k = split_fields(c, content, f, n);
	if (k == 3 || k == 4) {
		for (size_t i = 0; i + 1 < k; i++)
			if (!pl_text_uint(f[i], n[i], 65535, NULL))
				return k == 3 ? "SRV content is not \"weight port "
				    "target\" with numbers from 0 to 65535" :
				    "SRV content is not \"priority weight port "
				    "target\" with numbers from 0 to 65535";
		if (k == 3) {
			if (have_prio != 1)
				return "SRV record without a priority";
			pl_buf_addf(&c->rdata, "%lld ", (long long)prio);
		} else
			pl_buf_addf(&c->rdata, "%.*s ", (int)n[0], f[0]);
		pl_buf_addf(&c->rdata, "%.*s %.*s ", (int)n[k - 3], f[k - 3],
		    (int)n[k - 2], f[k - 2]);
		pl_buf_reset(&c->name);
		if (n[k - 1] == 1 && f[k - 1][0] == '.')
			pl_buf_addc(&c->name, '.');
		else {
			add_name(&c->name, f[k - 1], n[k - 1]);
			pl_buf_addc(&c->name, '.');
		}
		pl_buf_add(&c->rdata, c->name.buf, c->name.len);
		*target = c->name.buf;
		return NULL;
	}
	if (content != NULL && content[0] != '\0' && !json_is_object(data))
		return "SRV content is not \"weight port target\"";
	if (!json_is_object(data))
		return "SRV record with neither content nor data";
	if (have_prio != 1 || get_uint(data, "weight", 65535, &weight) != 1 ||
	    get_uint(data, "port", 65535, &port) != 1 ||
	    get_str(data, "target") == NULL)
		return "SRV data without priority, weight, port and target";
	if ((*target = make_name(c, get_str(data, "target"))) == NULL)
		return "SRV data with an empty target";
	pl_buf_addf(&c->rdata, "%lld %lld %lld %s", (long long)prio,
	    (long long)weight, (long long)port, *target);
	return NULL;
}

/*
 * Writes the RDATA text of a record into c->rdata.  Returns NULL, or the
 * reason the record cannot be read.  *target is set to the presentation
 * form of a target name taken from the API's text, when there is one.
 */
static const char *
make_rdata(struct cf_ctx *c, const json_t *rec, uint16_t type,
    const char **target)
{
	const char *content = get_str(rec, "content");
	const json_t *cv = json_object_get(rec, "content");
	const json_t *data = json_object_get(rec, "data");
	unsigned char addr[16];
	char abuf[INET6_ADDRSTRLEN];
	json_int_t prio, flags;

	*target = NULL;
	pl_buf_reset(&c->rdata);
	if (cv != NULL && !json_is_null(cv) && content == NULL)
		return "\"content\" is not a string";
	switch (type) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA: {
		int af = type == LDNS_RR_TYPE_A ? AF_INET : AF_INET6;

		if (content == NULL)
			return "record without content";
		/* Checked here rather than by ldns, which would end the
		 * address at a ';' and take the rest as a comment. */
		if (inet_pton(af, content, addr) != 1)
			return af == AF_INET ? "content is not an IPv4 address" :
			    "content is not an IPv6 address";
		inet_ntop(af, addr, abuf, sizeof(abuf));
		pl_buf_adds(&c->rdata, abuf);
		return NULL;
	}
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
		if (content == NULL)
			return "record without content";
		if ((*target = make_name(c, content)) == NULL)
			return "empty target name";
		pl_buf_adds(&c->rdata, *target);
		return NULL;
	case LDNS_RR_TYPE_MX:
		/* The preference is a field of its own (add-mx-records). */
		if (content == NULL)
			return "record without content";
		if (get_uint(rec, "priority", 65535, &prio) != 1)
			return "MX record without a priority from 0 to 65535";
		if ((*target = make_name(c, content)) == NULL)
			return "empty mail server name";
		pl_buf_addf(&c->rdata, "%lld %s", (long long)prio, *target);
		return NULL;
	case LDNS_RR_TYPE_SRV:
		return srv_rdata(c, rec, content, target);
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_SPF:
		if (content == NULL)
			return "record without content";
		if (add_txt(c, &c->rdata, content) != 0)
			return "unterminated quoted string";
		return NULL;
	case LDNS_RR_TYPE_CAA:
		/* data holds the value unquoted; content may not quote it. */
		if (json_is_object(data) && get_str(data, "tag") != NULL &&
		    get_str(data, "value") != NULL &&
		    get_uint(data, "flags", 255, &flags) == 1) {
			pl_buf_addf(&c->rdata, "%lld ", (long long)flags);
			add_name(&c->rdata, get_str(data, "tag"),
			    strlen(get_str(data, "tag")));
			pl_buf_addc(&c->rdata, ' ');
			/* RFC 8659 section 4.1.1: the value in quotes. */
			pl_text_quoted(&c->rdata, get_str(data, "value"),
			    strlen(get_str(data, "value")));
			return NULL;
		}
		if (content == NULL)
			return "CAA record with neither content nor data";
		if (!pl_text_uint(content, strcspn(content, " \t"), 255, NULL))
			return "CAA content does not start with flags from 0 "
			    "to 255";
		pl_buf_adds(&c->rdata, content);
		return NULL;
	default:
		if (content != NULL)
			pl_buf_adds(&c->rdata, content);
		return NULL;
	}
}

/*
 * The tags as Cloudflare's BIND export writes them ("a,team:web"): a
 * value with '"', '=', ',' or '\' is quoted as a JSON string, so that the
 * list reads back the same (cloudflare-facts.md section 1.1).
 */
static const char *
make_tags(struct cf_ctx *c, const json_t *tags)
{
	size_t i, ntags = 0;
	const json_t *t;

	if (!json_is_array(tags) || json_array_size(tags) == 0)
		return NULL;
	pl_buf_reset(&c->tmp);
	json_array_foreach(tags, i, t) {
		const char *s = json_string_value(t), *colon;

		if (s == NULL || s[0] == '\0')
			continue;
		if (++ntags > PL_MAX_TAGS)
			break;
		if (c->tmp.len > 0)
			pl_buf_addc(&c->tmp, ',');
		colon = strchr(s, ':');
		if (colon != NULL && colon[1 + strcspn(colon + 1, "\"=,\\")] !=
		    '\0') {
			pl_buf_add(&c->tmp, s, (size_t)(colon - s) + 1);
			pl_text_quoted(&c->tmp, colon + 1, strlen(colon + 1));
		} else
			pl_buf_adds(&c->tmp, s);
	}
	if (c->tmp.len == 0)
		return NULL;
	return pl_zone_strdup(c->z, c->tmp.buf, c->tmp.len);
}

static void
vote_zone_name(struct cf_ctx *c, const char *zn)
{
	const char *name;

	if (zn == NULL || make_name(c, zn) == NULL)
		return;
	name = pl_zone_intern(c->z, c->name.buf, c->name.len);
	for (size_t i = 0; i < c->nvotes; i++)
		if (c->votes[i].name == name) {
			c->votes[i].n++;
			return;
		}
	if (c->nvotes < MAX_ZONE_NAMES) {
		c->votes[c->nvotes].name = name;
		c->votes[c->nvotes].n = 1;
		c->nvotes++;
	}
}

static void
do_record(struct cf_ctx *c, const json_t *rec, const char *pointer)
{
	const char *s, *owner = NULL, *why, *target = NULL, *type_s;
	char tname[32];
	const json_t *v, *data;
	struct pl_record *r;
	ldns_rdf *dname;
	ldns_rr *rr = NULL;
	ldns_status st;
	json_int_t ttl = 1;
	uint16_t type;
	enum pl_proxy proxy = PL_PROXY_UNKNOWN;
	int bad_proxied = 0;

	c->seen++;
	if (!json_is_object(rec)) {
		syntax_error(c, pointer, NULL, NULL, "not a DNS record object");
		return;
	}
	vote_zone_name(c, get_str(rec, "zone_name"));
	data = json_object_get(rec, "data");

	/* The owner: "name" is the full name; "@" (older API) the apex. */
	s = get_str(rec, "name");
	if (s != NULL && strcmp(s, "@") == 0) {
		s = c->origin ? c->origin : get_str(rec, "zone_name");
		if (s == NULL) {
			syntax_error(c, pointer, NULL, NULL, "name '@' with no "
			    "zone name: give --origin");
			return;
		}
	}
	if (s == NULL && json_is_object(data) && get_str(data, "service") &&
	    get_str(data, "proto") && get_str(data, "name")) {
		pl_buf_reset(&c->tmp);
		pl_buf_addf(&c->tmp, "%s.%s.%s", get_str(data, "service"),
		    get_str(data, "proto"), get_str(data, "name"));
		s = c->tmp.buf;
	}
	if (s == NULL || make_name(c, s) == NULL) {
		syntax_error(c, pointer, NULL, NULL, "record without a name");
		return;
	}
	if ((dname = ldns_dname_new_frm_str(c->name.buf)) == NULL) {
		syntax_error(c, pointer, NULL, NULL, "invalid name");
		return;
	}
	ldns_rdf_deep_free(dname);
	owner = pl_zone_intern(c->z, c->name.buf, c->name.len);

	if ((type_s = get_str(rec, "type")) == NULL) {
		syntax_error(c, pointer, owner, NULL, "record without a type");
		return;
	}
	/* A type ldns does not know has no number to keep it under. */
	if (strlen(type_s) >= 32 ||
	    (type = (uint16_t)ldns_get_rr_type_by_name(type_s)) == 0) {
		pl_buf_reset(&c->tmp);
		pl_buf_adds(&c->tmp, "unknown record type '");
		pl_buf_add_clean(&c->tmp, type_s, 32);
		pl_buf_addc(&c->tmp, '\'');
		syntax_error(c, pointer, owner, NULL, c->tmp.buf);
		return;
	}
	pl_type_name(type, tname, sizeof(tname));

	/* RFC 2181 section 8: at most 2^31 - 1; 1 is "automatic". */
	if (get_uint(rec, "ttl", INT32_MAX, &ttl) < 0) {
		syntax_error(c, pointer, owner, tname,
		    "\"ttl\" is not a number of seconds");
		return;
	}
	v = json_object_get(rec, "proxied");
	if (json_is_true(v))
		proxy = PL_PROXY_PROXIED;
	else if (json_is_false(v))
		proxy = PL_PROXY_DNS_ONLY;
	else if (v != NULL && !json_is_null(v))
		bad_proxied = 1;
	else if (json_is_false(json_object_get(rec, "proxiable")))
		/* Cloudflare says it cannot be proxied: it is served
		 * DNS-only, whatever the missing flag would have said. */
		proxy = PL_PROXY_DNS_ONLY;

	if ((why = make_rdata(c, rec, type, &target)) != NULL) {
		syntax_error(c, pointer, owner, tname, why);
		return;
	}
	pl_buf_reset(&c->text);
	pl_buf_addf(&c->text, "%s %lld IN %s %s", owner, (long long)ttl, tname,
	    c->rdata.buf ? c->rdata.buf : "");
	st = ldns_rr_new_frm_str(&rr, c->text.buf, (uint32_t)ttl, NULL, NULL);
	if (st != LDNS_STATUS_OK && is_core_type(type)) {
		syntax_error(c, pointer, owner, tname,
		    ldns_get_errorstr_by_id(st));
		return;
	}
	if (target != NULL)	/* c->name is reused below */
		target = pl_zone_intern(c->z, target, strlen(target));
	if (bad_proxied)
		syntax_error(c, pointer, owner, tname,
		    "\"proxied\" is not true, false or null");

	r = pl_zone_add(c->z);
	r->owner = owner;
	r->type = type;
	r->ttl = (uint32_t)ttl;
	r->line = 0;
	pl_rec_set_pointer(c->z, r, pointer);
	r->proxy = (uint8_t)proxy;
	if (st == LDNS_STATUS_OK) {
		pl_record_fill(c->z, r, rr);
		/* Targets from the API's own text keep their octets. */
		if (target != NULL)
			r->target = target;
		ldns_rr_free(rr);
	} else {
		/* An uncommon type in a form ldns does not read: keep
		 * it as written; no rule reads its RDATA. */
		r->content = pl_zone_strdup(c->z,
		    c->rdata.buf ? c->rdata.buf : "", c->rdata.len);
	}
	if ((s = get_str(rec, "comment")) != NULL && s[0] != '\0')
		pl_rec_set_comment(c->z, r, pl_zone_strdup(c->z, s,
		    strlen(s)));
	if ((s = make_tags(c, json_object_get(rec, "tags"))) != NULL)
		pl_rec_set_tags(c->z, r, s);
}

/* "FILE: ", or "FILE:/1: " for a response inside a larger document. */
static void
add_location(struct cf_ctx *c, const char *prefix)
{
	pl_buf_adds(&c->api_errors, c->z->file);
	if (prefix[0] != '\0') {
		pl_buf_addc(&c->api_errors, ':');
		pl_buf_adds(&c->api_errors, prefix);
	}
	pl_buf_adds(&c->api_errors, ": ");
}

/* Remembers an error response's messages, for the end of the input. */
static void
note_api_error(struct cf_ctx *c, const json_t *resp, const char *prefix)
{
	const json_t *errs = json_object_get(resp, "errors"), *e;
	size_t i, n = 0;

	json_array_foreach(errs, i, e) {
		const json_t *chain = json_object_get(e, "error_chain"), *ce;
		size_t j, k = 0;
		json_int_t code;

		if (!json_is_object(e))
			continue;
		add_location(c, prefix);
		pl_buf_adds(&c->api_errors, "Cloudflare API error");
		if (get_uint(e, "code", INT64_MAX, &code) == 1)
			pl_buf_addf(&c->api_errors, " %lld", (long long)code);
		if (get_str(e, "message") != NULL) {
			pl_buf_adds(&c->api_errors, ": ");
			pl_buf_add_clean(&c->api_errors, get_str(e, "message"), 200);
		}
		json_array_foreach(chain, j, ce) {
			if (!json_is_object(ce) || k >= 8)
				continue;
			pl_buf_adds(&c->api_errors, k++ == 0 ? " (" : "; ");
			if (get_uint(ce, "code", INT64_MAX, &code) == 1)
				pl_buf_addf(&c->api_errors, "%lld: ",
				    (long long)code);
			if (get_str(ce, "message") != NULL)
				pl_buf_add_clean(&c->api_errors,
				    get_str(ce, "message"), 200);
		}
		if (k > 0)
			pl_buf_addc(&c->api_errors, ')');
		pl_buf_addc(&c->api_errors, '\n');
		if (++n >= 8)
			break;
	}
	if (n == 0) {
		add_location(c, prefix);
		pl_buf_adds(&c->api_errors, "Cloudflare API error: the "
		    "response says \"success\": false\n");
	}
}

static void
note_page(struct cf_ctx *c, const json_t *info, const char *prefix,
    size_t nresult)
{
	json_int_t page, v;

	if (!json_is_object(info) || get_uint(info, "page", INT32_MAX,
	    &page) != 1)
		return;
	if (c->npages == c->cappages) {
		c->cappages = c->cappages ? c->cappages * 2 : 8;
		c->pages = pl_xreallocarray(c->pages, c->cappages,
		    sizeof(*c->pages));
	}
	c->pages[c->npages++] = page;
	c->paged_seen += nresult;
	if (get_uint(info, "total_pages", INT32_MAX, &v) == 1 &&
	    v > c->total_pages)
		c->total_pages = v;
	if (get_uint(info, "total_count", INT64_MAX, &v) == 1 &&
	    v > c->total_count)
		c->total_count = v;
	if (get_uint(info, "per_page", INT32_MAX, &v) == 1 && v > 0)
		c->per_page = v;
	if (c->info_pointer == NULL)
		c->info_pointer = pl_xasprintf("%s/result_info", prefix);
}

static void
do_response(struct cf_ctx *c, const json_t *resp, const char *prefix)
{
	const json_t *result = json_object_get(resp, "result"), *rec;
	size_t i;

	if (json_is_false(json_object_get(resp, "success")))
		note_api_error(c, resp, prefix);
	if (json_is_array(result)) {
		json_array_foreach(result, i, rec)
			do_record(c, rec, arena_pointer(c, prefix, "result", i,
			    1));
	} else if (json_is_object(result))	/* GET .../dns_records/{id} */
		do_record(c, result, arena_pointer(c, prefix, "result", 0, 0));
	else if (result != NULL && !json_is_null(result))
		syntax_error(c, arena_pointer(c, prefix, "result", 0, 0), NULL,
		    NULL, "\"result\" is not an array of DNS records");
	note_page(c, json_object_get(resp, "result_info"), prefix,
	    json_is_array(result) ? json_array_size(result) : 0);
}

static void
do_document(struct cf_ctx *c, const json_t *doc, enum shape shape,
    const char *prefix)
{
	const json_t *v;
	size_t i;

	switch (shape) {
	case SHAPE_RESPONSE:
		do_response(c, doc, prefix);
		break;
	case SHAPE_RESPONSES:
		json_array_foreach(doc, i, v) {
			char *p = pl_xasprintf("%s/%zu", prefix, i);

			if (is_response(v))
				do_response(c, v, p);
			else
				syntax_error(c, arena_pointer(c, p, NULL, 0, 0),
				    NULL, NULL, "not a Cloudflare API response");
			free(p);
		}
		break;
	case SHAPE_RECORDS:
		json_array_foreach(doc, i, v)
			do_record(c, v, arena_pointer(c, prefix, NULL, i, 1));
		break;
	default:
		break;
	}
}

static int
cmp_page(const void *a, const void *b)
{
	json_int_t x = *(const json_int_t *)a, y = *(const json_int_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Warns once when result_info says that pages are missing.  The pages
 * 1..total_pages must all be in this input; each file is an input of its
 * own, so the pages of one listing given as several files are each
 * reported as incomplete: concatenate them to lint them as one.  When all
 * pages are there, a total_count above the records seen is Cloudflare's
 * own inconsistency (real dumps have page 1 of 1 with total_count 7 and 6
 * records, and count 10 with 12 records), not a missing page.
 */
static void
check_pages(struct cf_ctx *c)
{
	json_int_t total = c->total_pages;
	size_t distinct = 0, inrange = 0;
	struct pl_vars v;
	struct pl_loc loc = { 0 };
	int truncated;

	if (c->npages == 0)
		return;
	qsort(c->pages, c->npages, sizeof(*c->pages), cmp_page);
	for (size_t i = 0; i < c->npages; i++)
		if (i == 0 || c->pages[i] != c->pages[i - 1])
			c->pages[distinct++] = c->pages[i];
	if (total == 0 && c->total_count > 0 && c->per_page > 0)
		total = (c->total_count + c->per_page - 1) / c->per_page;
	for (size_t i = 0; i < distinct; i++)
		if (c->pages[i] >= 1 && c->pages[i] <= total)
			inrange++;
	if (total > 0)
		truncated = (json_int_t)inrange < total;
	else
		truncated = c->total_count > 0 &&
		    (unsigned long long)c->total_count > c->paged_seen;
	if (!truncated)
		return;
	pl_buf_reset(&c->tmp);
	if (total > 0 && distinct == 1)
		pl_buf_addf(&c->tmp, "page %lld of %lld",
		    (long long)c->pages[0], (long long)total);
	else if (total > 0 && distinct <= 8) {
		pl_buf_adds(&c->tmp, "pages ");
		for (size_t i = 0; i < distinct; i++)
			pl_buf_addf(&c->tmp, "%s%lld", i == 0 ? "" :
			    i + 1 == distinct ? " and " : ", ",
			    (long long)c->pages[i]);
		pl_buf_addf(&c->tmp, " of %lld", (long long)total);
	} else if (total > 0)
		pl_buf_addf(&c->tmp, "%zu of %lld pages", distinct,
		    (long long)total);
	if (c->total_count >= 0)
		pl_buf_addf(&c->tmp, "%s%lu of %lld records",
		    c->tmp.len > 0 ? ", " : "", c->paged_seen,
		    (long long)c->total_count);
	memset(&v, 0, sizeof(v));
	v.detail = c->tmp.buf;
	loc.pointer = c->info_pointer;
	pl_read_report(c->d, PL_RULE_INPUT_TRUNCATED, &loc, NULL, &v);
}

/*
 * The apex: --origin, else the zone_name most records carry, else the SOA
 * owner, else the one owner that every other owner ends with.
 */
static const char *
find_origin(struct cf_ctx *c)
{
	const struct pl_zone *z = c->z;
	const char *best = NULL;
	size_t bestlen;
	unsigned long most = 0;

	if (c->origin != NULL)
		return c->origin;
	for (size_t i = 0; i < c->nvotes; i++)
		if (c->votes[i].n > most) {
			most = c->votes[i].n;
			best = c->votes[i].name;
		}
	if (best != NULL)
		return best;
	for (uint32_t i = 0; i < z->nrecs; i++)
		if (z->recs[i].type == LDNS_RR_TYPE_SOA)
			return z->recs[i].owner;
	for (uint32_t i = 0; i < z->nrecs; i++)
		if (best == NULL || strlen(z->recs[i].owner) < strlen(best))
			best = z->recs[i].owner;
	if (best == NULL || strcmp(best, ".") == 0)
		return NULL;
	bestlen = strlen(best);
	for (uint32_t i = 0; i < z->nrecs; i++) {
		const char *o = z->recs[i].owner;
		size_t n = strlen(o);

		if (o != best && (n <= bestlen || o[n - bestlen - 1] != '.' ||
		    strcmp(o + n - bestlen, best) != 0))
			return NULL;
	}
	return best;
}

/* Line and column of a jansson error, in the whole input. */
static void
error_position(const char *data, size_t off, const json_error_t *e,
    int *line, int *col)
{
	int base = 1, basecol = 0;

	for (size_t i = 0; i < off; i++) {
		if (data[i] == '\n') {
			base++;
			basecol = 0;
		} else if (((unsigned char)data[i] & 0xc0) != 0x80)
			basecol++;	/* jansson counts characters */
	}
	*line = base + e->line - 1;
	*col = e->line == 1 ? basecol + e->column : e->column;
}

int
pl_read_cloudflare_json(const char *data, size_t len,
    const struct pl_read_opts *o, struct pl_zone *z, struct pl_diags *d)
{
	struct cf_ctx c;
	json_t **docs = NULL;
	enum shape *shapes = NULL;
	size_t ndocs = 0, capdocs = 0, off = 0;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.z = z;
	c.d = d;
	c.total_count = -1;
	pl_buf_init(&c.text);
	pl_buf_init(&c.rdata);
	pl_buf_init(&c.name);
	pl_buf_init(&c.tmp);
	pl_buf_init(&c.api_errors);
	if (o->origin != NULL && make_name(&c, o->origin) != NULL)
		c.origin = pl_zone_intern(z, c.name.buf, c.name.len);

	/*
	 * Parse every document first, so that a file that turns out not to
	 * be API JSON halfway through reports nothing but the error.
	 * jansson stops after one value with JSON_DISABLE_EOF_CHECK and says
	 * in position how far it read; its nesting limit
	 * (JSON_PARSER_MAX_DEPTH, 2048) keeps deep input from the stack.
	 */
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	for (;;) {
		json_error_t err;
		json_t *doc;
		int line, col;

		while (off < len && (data[off] == ' ' || data[off] == '\t' ||
		    data[off] == '\r' || data[off] == '\n'))
			off++;
		if (off == len && ndocs > 0)
			break;
		doc = json_loadb(data + off, len - off, JSON_DISABLE_EOF_CHECK,
		    &err);
		if (doc == NULL) {
			pl_buf_reset(&c.tmp);
			pl_buf_add_clean(&c.tmp, err.text, sizeof(err.text));
			error_position(data, off, &err, &line, &col);
			rc = pl_error_at(PL_EINPUT, z->file, (unsigned)line,
			    (unsigned)col, "invalid JSON: %s", c.tmp.buf);
			goto out;
		}
		if (ndocs == capdocs) {
			capdocs = capdocs ? capdocs * 2 : 4;
			docs = pl_xreallocarray(docs, capdocs, sizeof(*docs));
			shapes = pl_xreallocarray(shapes, capdocs,
			    sizeof(*shapes));
		}
		docs[ndocs] = doc;
		shapes[ndocs++] = classify(doc);
		off += err.position > 0 ? (size_t)err.position : len - off;
	}
	for (size_t i = 0; i < ndocs; i++)
		if (shapes[i] == SHAPE_NONE) {
			const char *msg = "is not Cloudflare API JSON: expected "
			    "an object with \"result\" or an array of DNS "
			    "records";

			if (ndocs == 1)
				rc = pl_error(PL_EINPUT, "'%s' %s", z->file, msg);
			else
				rc = pl_error(PL_EINPUT, "'%s': document %zu of "
				    "%zu %s", z->file, i + 1, ndocs, msg);
			goto out;
		}

	for (size_t i = 0; i < ndocs; i++) {
		char *prefix = ndocs == 1 ? pl_xstrdup("") :
		    pl_xasprintf("/%zu", i);

		do_document(&c, docs[i], shapes[i], prefix);
		free(prefix);
	}

	if (c.api_errors.len > 0) {
		/* An error response alone is a failed request, not a zone. */
		for (char *p = c.api_errors.buf, *nl; *p != '\0'; p = nl + 1) {
			nl = strchr(p, '\n');
			*nl = '\0';
			if (c.seen == 0)
				pl_error(PL_EINPUT, "%s", p);
			else
				pl_warn("%s", p);
		}
		if (c.seen == 0) {
			rc = PL_EINPUT;
			goto out;
		}
	}
	check_pages(&c);
	z->origin = find_origin(&c);
out:
	for (size_t i = 0; i < ndocs; i++)
		json_decref(docs[i]);
	free(docs);
	free(shapes);
	free(c.pages);
	free(c.info_pointer);
	pl_buf_release(&c.api_errors);
	pl_buf_release(&c.tmp);
	pl_buf_release(&c.name);
	pl_buf_release(&c.rdata);
	pl_buf_release(&c.text);
	return rc;
}
