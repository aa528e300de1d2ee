/* read_dnscontrol.c -- reads DNSControl's print-ir JSON into zones */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1	/* memmem */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/json_pull.h"
#include "proxylint/log.h"
#include "proxylint/read.h"
#include "proxylint/read_text.h"
#include "proxylint/suppress.h"
#include "proxylint/banned.h"

/*
 * "dnscontrol print-ir" prints the DNSConfig that dnsconfig.js built
 * (StackExchange/dnscontrol models/dns.go, models/domain.go,
 * models/record.go):
 *
 *   {"registrars": [...], "dns_providers": [{"name", "type"}...],
 *    "domains": [{"name", "tag", "uniquename", "dnsProviders": {NAME: n},
 *                 "meta": {...}, "records": [RECORD...]}...]}
 *
 * A RECORD has "type", "name" (short: "@", "www", "a.sub"), "target",
 * "ttl", "meta" (strings), "filepos" ("[line:L:C]", the call in
 * dnsconfig.js) and the legacy fields of its type ("mxpreference",
 * "srvport", "caatag", ...).  Numbers that are 0 are left out (Go's
 * omitempty), so a missing number is 0.  TXT text is one joined "target"
 * (older releases wrote a "txtstrings" list).  Modern types (DS today,
 * Cloudflare's single redirects) carry a "fields" object as well.
 *
 * Proxy semantics are those of DNSControl's Cloudflare provider
 * (providers/cloudflare/cloudflareProvider.go, preprocessConfig): a
 * record's meta "cloudflare_proxy" ("on", "off" or "full", any case) over
 * its domain's "cloudflare_proxy_default" (unset: "off"), for A, AAAA,
 * CNAME and ALIAS; ALIAS is sent as CNAME; other types are forced "off",
 * and a cloudflare_proxy on them is an error there (proxied-unsupported-type
 * here, when it says on or full).  A TTL of 0 is sent as 1 (auto), one
 * under 60 as 60.  Pseudo-records that are no DNS RR (CF_REDIRECT,
 * CF_TEMP_REDIRECT, CF_WORKER_ROUTE, CLOUDFLAREAPI_SINGLE_REDIRECT, other
 * providers' own types) are skipped.
 *
 * Only domains served by Cloudflare are linted (is_cloudflare()); any
 * other is reported once (domain-not-on-cloudflare) and its records are
 * left out, so that no proxy rule speaks about them.  The domains form
 * one zone (names are global: an MX of one domain may point into another),
 * with every domain's apex known to it, except split-horizon views
 * ("example.com!inside"), whose names repeat: each view tag gets a zone of
 * its own, chained at z->next, which the pipeline indexes and checks on
 * its own (lint.c).
 *
 * Locations: a record's filepos is a line and column of dnsconfig.js
 * (--dnscontrol-js, else the dnsconfig.js beside the IR), which findings
 * then carry, so that editors, annotations and SARIF land on the file the
 * user edits.  A position is taken only when the .js has, there, a call
 * (an identifier and '('), so that records from require()d files (whose
 * positions are their own file's) or a stale .js fall back to the IR.
 * Every record also has its JSON pointer into the IR
 * ("/domains/0/records/3").  The reader also finds the .js's inline
 * directives ("// proxylint: ignore[...]", pl_suppressions_scan_js).
 *
 * The JSON is read in one pass by the pull parser (json_pull.h), not
 * jansson, whose tree of a 100,000-record IR alone takes longer than the
 * whole BIND run over the same records.  Common records whose RDATA is
 * plain skip ldns (fast_record(), with the checks ldns would make, as the
 * BIND reader's fast path does); the rest is written as zone-file text and
 * handed to ldns, as every reader does.
 */

#define MAX_IR_SIZE	((size_t)256 << 20)	/* octets of IR text */
#define MAX_DEPTH	32		/* nesting; the IR needs 7 */
#define MAX_VALUES	12000000UL	/* JSON values in the IR */
#define MAX_PROVIDERS	4096		/* dns_providers entries */
#define MAX_VIEWS	256		/* split-horizon tags: a zone each */
#define MAX_STRING	(PL_MAX_RECORD_LEN)	/* octets of one string used */
#define MAX_JS_CALLS	1000000		/* D(...) calls indexed in the .js */
#define MAX_POS		100000000UL	/* a filepos line or column */

/* The text of a string value into b (reset first); NULL if v is no string,
 * is too long (MAX_STRING) or holds a NUL: why_not() says which. */
static const char *
jstr(const struct pl_jp_value *v, struct pl_buf *b)
{
	return pl_jp_string(v, b, MAX_STRING);
}

/* Why jstr() refused v, for a message about field what (in b). */
static const char *
why_not(const struct pl_jp_value *v, const char *what, struct pl_buf *b)
{
	pl_buf_reset(b);
	if (v->type == PL_JP_NONE)
		pl_buf_addf(b, "the record has no \"%s\"", what);
	else if (v->type != PL_JP_STRING)
		pl_buf_addf(b, "\"%s\" must be a string", what);
	else if (v->n > MAX_STRING)
		pl_buf_addf(b, "\"%s\" is longer than %d octets", what,
		    MAX_STRING);
	else
		pl_buf_addf(b, "\"%s\" holds a NUL character", what);
	return b->buf;
}

/* ---- the reader ------------------------------------------------------- */

/* A D("name", ...) call of the .js: where a domain is declared. */
struct js_call {
	const char	*name;		/* into the .js text */
	size_t		 n;
	uint32_t	 line;
	uint32_t	 col;
};

/* The dnsconfig.js: lines and D() calls, for locations. */
struct js {
	char		*text;		/* or NULL: not read */
	size_t		 len;
	const char	*display;	/* its display name */
	uint32_t	*lines;		/* offset of each line's start */
	uint32_t	 nlines;
	struct js_call	*calls;		/* sorted by name */
	size_t		 ncalls;
};

struct provider {
	char		*name;
	char		*type;
	size_t		 order;		/* in dns_providers: the first wins */
};

/* A view (split-horizon tag) and its zone. */
struct view {
	char		*tag;
	struct pl_zone	*z;
	uint16_t	 jsfile;	/* index of the .js in z->files */
};

struct dc {
	struct pl_zone		*z0;		/* the input's first zone */
	struct pl_zone		*z;		/* the current domain's zone */
	struct pl_diags		*d;
	const struct pl_read_opts *o;
	struct pl_jp		 j;
	struct js		 js;
	struct provider		*prov;
	size_t			 nprov;
	struct view		*views;
	size_t			 nviews;
	uint16_t		 jsfile;	/* of the current zone */
	uint16_t		 jsfile0;	/* of the first zone */
	/* the current domain */
	size_t			 dom;		/* its index in "domains" */
	const char		*apex;		/* interned in c->z */
	char			*apex_text;	/* without the dot, lower case */
	size_t			 apex_len;
	int			 def_proxy;	/* enum pl_proxy for proxiables */
	struct pl_buf		 tmp;
	struct pl_buf		 tmp2;
	struct pl_buf		 owner;		/* presentation, escaped */
	struct pl_buf		 tname;		/* target name, escaped */
	struct pl_buf		 rdata;
	struct pl_buf		 text;		/* the record for ldns */
	struct pl_buf		 ptr;		/* a JSON pointer */
};

/* Where a reader finding goes: the .js (line, col) or the IR (pointer). */
struct where {
	uint32_t	 line;		/* in the .js; 0: the IR */
	uint32_t	 col;
	const char	*pointer;
};

/*
 * Every finding of this reader: at w, about what name and type say.  The
 * record number keeps the input's order among findings in the IR.  The
 * .js's display name is the first zone's copy (pl_zone_add_file), which
 * lives as long as the findings.
 */
static void
report(struct dc *c, enum pl_fixed_rule rule, const struct where *w,
    const char *name, const char *type, const struct pl_vars *v)
{
	struct pl_loc loc;
	struct pl_subject s;

	memset(&loc, 0, sizeof(loc));
	memset(&s, 0, sizeof(s));
	if (w->line > 0) {
		loc.file = c->js.display;
		loc.line = w->line;
		loc.col = w->col;
	}
	loc.recno = c->z != NULL ? c->z->nrecs + 1 : 0;
	loc.pointer = w->pointer;
	s.name = name;
	s.type = type;
	pl_read_report(c->d, rule, &loc, &s, v);
}

static void
syntax_error(struct dc *c, const struct where *w, const char *name,
    const char *type, const char *reason)
{
	struct pl_vars v;

	memset(&v, 0, sizeof(v));
	v.reason = reason;
	report(c, PL_RULE_SYNTAX_ERROR, w, name, type, &v);
}

/* Text from the file for a message: control octets as '?', at most max. */
static void
add_clean(struct pl_buf *b, const char *s, size_t n, size_t max)
{
	size_t i;

	for (i = 0; i < n && i < max; i++) {
		unsigned char ch = (unsigned char)s[i];

		pl_buf_addc(b, ch < 0x20 || ch == 0x7f ? '?' : (char)ch);
	}
	if (i < n)
		pl_buf_adds(b, "...");
}

/* ---- dnsconfig.js ----------------------------------------------------- */

static int
is_ident(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '$';
}

static int
call_cmp(const void *a, const void *b)
{
	const struct js_call *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	int r = memcmp(x->name, y->name, n);

	if (r != 0)
		return r;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	/* The first declaration wins: stable by position. */
	return x->line != y->line ? (x->line < y->line ? -1 : 1) :
	    (x->col > y->col) - (x->col < y->col);
}

/*
 * Reads the .js, its line starts and its D("name" calls.  A .js that is
 * not there is no error: findings then point into the IR.
 */
static void
js_load(struct dc *c, const char *path, int explicit)
{
	struct js *js = &c->js;
	char *err = NULL;
	const char *p, *end;
	size_t cap = 0, capcalls = 0;

	if (pl_read_file(path, PL_MAX_FILE_SIZE, &js->text, &js->len,
	    &err) != 0) {
		if (explicit)
			pl_warn("%s; findings point into the IR", err);
		free(err);
		js->text = NULL;
		return;
	}
	if (js->len >= UINT32_MAX) {
		free(js->text);
		js->text = NULL;
		return;
	}
	end = js->text + js->len;
	for (p = js->text; p != NULL && p <= end;) {
		const char *nl;

		if (js->nlines == cap) {
			cap = cap ? cap * 2 : 256;
			js->lines = pl_xreallocarray(js->lines, cap,
			    sizeof(*js->lines));
		}
		js->lines[js->nlines++] = (uint32_t)(p - js->text);
		nl = memchr(p, '\n', (size_t)(end - p));
		p = nl != NULL ? nl + 1 : NULL;
	}
	/* D( "name": the first argument of each D() call, as written. */
	for (uint32_t l = 0; l < js->nlines && js->ncalls < MAX_JS_CALLS;
	    l++) {
		const char *ls = js->text + js->lines[l];
		const char *le = l + 1 < js->nlines ? js->text +
		    js->lines[l + 1] : end;

		for (const char *q = ls; (q = memchr(q, 'D',
		    (size_t)(le - q))) != NULL; q++) {
			const char *a = q + 1, *s;
			char quote;

			if (q > ls && (is_ident((unsigned char)q[-1]) ||
			    q[-1] == '.'))
				continue;
			while (a < le && (*a == ' ' || *a == '\t'))
				a++;
			if (a >= le || *a != '(')
				continue;
			a++;
			while (a < le && (*a == ' ' || *a == '\t'))
				a++;
			if (a >= le || (*a != '"' && *a != '\'' && *a != '`'))
				continue;
			quote = *a++;
			for (s = a; s < le && *s != quote && *s != '\\'; s++)
				;
			if (s >= le || *s != quote)
				continue;
			if (js->ncalls == capcalls) {
				capcalls = capcalls ? capcalls * 2 : 16;
				js->calls = pl_xreallocarray(js->calls,
				    capcalls, sizeof(*js->calls));
			}
			js->calls[js->ncalls].name = a;
			js->calls[js->ncalls].n = (size_t)(s - a);
			js->calls[js->ncalls].line = l + 1;
			js->calls[js->ncalls].col = (uint32_t)(q - ls) + 1;
			js->ncalls++;
		}
	}
	if (js->ncalls > 1)
		qsort(js->calls, js->ncalls, sizeof(*js->calls), call_cmp);
}

/* Where D("name" is declared; 0 when the .js has no such call. */
static int
js_find_domain(const struct js *js, const char *name, size_t n,
    struct where *w)
{
	size_t lo = 0, hi = js->ncalls;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct js_call *k = &js->calls[mid];
		size_t m = k->n < n ? k->n : n;
		int r = memcmp(k->name, name, m);

		if (r == 0 && k->n != n)
			r = k->n < n ? -1 : 1;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < js->ncalls && js->calls[lo].n == n &&
	    memcmp(js->calls[lo].name, name, n) == 0) {
		w->line = js->calls[lo].line;
		w->col = js->calls[lo].col;
		return 1;
	}
	return 0;
}

/*
 * Parses a filepos: "[line:L:C]" (models.FixPosition turns otto's
 * "at <anonymous>:L:C" into it), also the raw form, or "[FILE:L:C]".
 * Returns 1 with *line and *col when it names a place in the .js: a
 * position past its end, one that names another file, or one where no
 * call starts (a require()d file's record, a stale .js) is 0.
 */
static int
js_position(const struct js *js, const struct pl_jp_value *v,
    struct pl_buf *tmp, uint32_t *line, uint32_t *col)
{
	const char *s, *e, *prefix, *base;
	unsigned long num[2];
	const char *ls, *le, *q;
	size_t plen;

	if (js->text == NULL || v->type != PL_JP_STRING || v->n > 4096 ||
	    (s = jstr(v, tmp)) == NULL)
		return 0;
	e = s + tmp->len;
	while (e > s && (e[-1] == ']' || e[-1] == ' ' || e[-1] == ')'))
		e--;
	/* The last two ":N" fields. */
	for (int k = 1; k >= 0; k--) {
		const char *d = e;
		unsigned long x = 0;

		while (d > s && d[-1] >= '0' && d[-1] <= '9')
			d--;
		if (d == e || d == s || d[-1] != ':' || e - d > 9)
			return 0;
		for (const char *t = d; t < e; t++)
			x = x * 10 + (unsigned long)(*t - '0');
		if (x == 0 || x > MAX_POS)
			return 0;
		num[k] = x;
		e = d - 1;
	}
	/* What names the file: "line" (otto's anonymous script) or a path
	 * whose last part is the .js's. */
	prefix = s;
	while (prefix < e && (*prefix == '[' || *prefix == ' '))
		prefix++;
	if ((size_t)(e - prefix) >= 3 && memcmp(prefix, "at ", 3) == 0)
		prefix += 3;
	plen = (size_t)(e - prefix);
	if (!(plen == 4 && memcmp(prefix, "line", 4) == 0) &&
	    !(plen == 11 && memcmp(prefix, "<anonymous>", 11) == 0)) {
		const char *slash = strrchr(js->display, '/');
		const char *pb;

		base = slash != NULL ? slash + 1 : js->display;
		pb = prefix + plen;
		while (pb > prefix && pb[-1] != '/')
			pb--;
		if ((size_t)(prefix + plen - pb) != strlen(base) ||
		    memcmp(pb, base, strlen(base)) != 0)
			return 0;
	}
	if (num[0] > js->nlines)
		return 0;
	ls = js->text + js->lines[num[0] - 1];
	le = num[0] < js->nlines ? js->text + js->lines[num[0]] :
	    js->text + js->len;
	if (num[1] > (unsigned long)(le - ls))
		return 0;
	q = ls + num[1] - 1;
	/* An identifier, then '(' : the call that made the record. */
	if (!is_ident((unsigned char)*q) || (*q >= '0' && *q <= '9'))
		return 0;
	while (q < le && is_ident((unsigned char)*q))
		q++;
	while (q < le && (*q == ' ' || *q == '\t'))
		q++;
	if (q >= le || *q != '(')
		return 0;
	*line = (uint32_t)num[0];
	*col = (uint32_t)num[1];
	return 1;
}

/* The default .js: dnsconfig.js in the IR's folder.  A new string. */
static char *
js_default_path(const char *path)
{
	const char *slash;

	if (path == NULL || strcmp(path, "-") == 0)
		return pl_xstrdup("dnsconfig.js");
	slash = strrchr(path, '/');
	if (slash == NULL)
		return pl_xstrdup("dnsconfig.js");
	return pl_xasprintf("%.*s/dnsconfig.js", (int)(slash - path), path);
}

/* ---- providers and domains -------------------------------------------- */

int
pl_dnscontrol_name_is_cloudflare(const char *name, size_t n)
{
	char *low;
	int yes;

	/*
	 * How users name the Cloudflare provider when its type is in
	 * creds.json: "cloudflare", "Cloudflare_main", "dns_cloudflare",
	 * "cf", "CF-prod", "prod_cf".  A name that contains "cloudflare",
	 * or is "cf" alone or as a word at either end ('-', '_' or '.'
	 * apart); not "cfo" or "mycf".
	 */
	if (n == 0)
		return 0;
	low = pl_xstrndup(name, n);
	for (size_t i = 0; i < n; i++)
		low[i] = (char)pl_lower((unsigned char)low[i]);
	yes = memmem(low, n, "cloudflare", 10) != NULL ||
	    (n == 2 && memcmp(low, "cf", 2) == 0) ||
	    (n > 3 && low[0] == 'c' && low[1] == 'f' &&
	    (low[2] == '-' || low[2] == '_' || low[2] == '.')) ||
	    (n > 3 && low[n - 2] == 'c' && low[n - 1] == 'f' &&
	    (low[n - 3] == '-' || low[n - 3] == '_' || low[n - 3] == '.'));
	free(low);
	return yes;
}

static int
type_is_unknown(const char *t)
{
	return t == NULL || t[0] == '\0' || strcmp(t, "-") == 0;
}

static int
provider_cmp(const void *a, const void *b)
{
	const struct provider *x = a, *y = b;
	int r = strcmp(x->name, y->name);

	return r != 0 ? r : (x->order > y->order) - (x->order < y->order);
}

static void
read_providers(struct dc *c, struct pl_jp_iter *parent)
{
	struct pl_jp_iter it;
	struct pl_jp_value k, v;

	if (pl_jp_enter(parent, &it) != 0)
		return;
	while (pl_jp_next(&it, &k, &v) == 1) {
		struct pl_jp_iter f;
		struct pl_jp_value fk, fv;
		char *name = NULL, *type = NULL;

		if (v.type != PL_JP_OBJECT || c->nprov >= MAX_PROVIDERS ||
		    pl_jp_enter(&it, &f) != 0)
			continue;
		while (pl_jp_next(&f, &fk, &fv) == 1) {
			const char *s;

			if (PL_JP_IS(&fk, "name") &&
			    (s = jstr(&fv, &c->tmp)) != NULL) {
				free(name);
				name = pl_xstrdup(s);
			} else if (PL_JP_IS(&fk, "type") &&
			    (s = jstr(&fv, &c->tmp)) != NULL) {
				free(type);
				type = pl_xstrdup(s);
			}
		}
		if (name == NULL) {
			free(type);
			continue;
		}
		c->prov = pl_grow(c->prov, c->nprov, sizeof(*c->prov));
		c->prov[c->nprov].name = name;
		c->prov[c->nprov].type = type;
		c->prov[c->nprov].order = c->nprov;
		c->nprov++;
	}
	/* Sorted, so that each domain's providers are found in log time. */
	if (c->nprov > 1)
		qsort(c->prov, c->nprov, sizeof(*c->prov), provider_cmp);
}

static const struct provider *
find_provider(const struct dc *c, const char *name)
{
	size_t lo = 0, hi = c->nprov;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(c->prov[mid].name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->nprov && strcmp(c->prov[lo].name, name) == 0 ?
	    &c->prov[lo] : NULL;
}

static int
option_names(const struct dc *c, const char *name)
{
	for (size_t i = 0; i < c->o->ndnscontrol_providers; i++)
		if (pl_strcaseeq(c->o->dnscontrol_providers[i], name))
			return 1;
	return 0;
}

/* Types that are no DNS RR: DNSControl's pseudo-records (models/domain.go
 * Punycode(), models/record.go), Cloudflare's and other providers'. */
static int
is_pseudo_type(const char *t)
{
	static const char *const pseudo[] = {
		"URL", "URL301", "FRAME", "LUA", "ANAME",
		"AKAMAICDN", "AKAMAITLC", "IMPORT_TRANSFORM", "PAGE_RULE",
		"WORKER_ROUTE", "NO_PURGE", NULL
	};

	/* Every provider-specific type has an '_' (CF_REDIRECT,
	 * CLOUDFLAREAPI_SINGLE_REDIRECT, R53_ALIAS, ...); no RR type does. */
	if (strchr(t, '_') != NULL)
		return 1;
	for (size_t i = 0; pseudo[i] != NULL; i++)
		if (pl_strcaseeq(t, pseudo[i]))
			return 1;
	return 0;
}

/* Cloudflare's own pseudo-records: they say the domain is on Cloudflare. */
static int
is_cloudflare_type(const char *t)
{
	return pl_strncaseeq(t, "CF_", 3) ||
	    pl_strncaseeq(t, "CLOUDFLAREAPI_", 14);
}

static int
is_cf_meta_key(const struct pl_jp_value *k)
{
	return k->n > 11 && memcmp(k->s, "cloudflare_", 11) == 0;
}

/* Does any record of the domain carry cloudflare_* metadata, or is one
 * of Cloudflare's pseudo-records? */
static int
records_say_cloudflare(struct dc *c, const struct pl_jp_value *records)
{
	struct pl_jp_iter it, r, m;
	struct pl_jp sub;
	struct pl_jp_value k, v, rk, rv, mk, mv;
	const char *t;

	if (records->type != PL_JP_ARRAY ||
	    pl_jp_reopen(&c->j, records, &sub, &it) != 0)
		return 0;
	while (pl_jp_next(&it, &k, &v) == 1) {
		if (v.type != PL_JP_OBJECT || pl_jp_enter(&it, &r) != 0)
			continue;
		while (pl_jp_next(&r, &rk, &rv) == 1) {
			if (PL_JP_IS(&rk, "type") &&
			    (t = jstr(&rv, &c->tmp)) != NULL &&
			    is_cloudflare_type(t))
				return 1;
			if (!PL_JP_IS(&rk, "meta") || rv.type != PL_JP_OBJECT ||
			    pl_jp_enter(&r, &m) != 0)
				continue;
			while (pl_jp_next(&m, &mk, &mv) == 1)
				if (is_cf_meta_key(&mk))
					return 1;
		}
	}
	return 0;
}

/* The parts of a domain object that decide how its records are read. */
struct domain {
	struct pl_jp_value	 name;
	struct pl_jp_value	 tag;
	struct pl_jp_value	 uniquename;
	struct pl_jp_value	 providers;	/* dnsProviders */
	struct pl_jp_value	 meta;
	struct pl_jp_value	 records;
	/* from meta */
	struct pl_jp_value	 proxy_default;
	struct pl_jp_value	 meta_tag;
	struct pl_jp_value	 nameraw;
	struct pl_jp_value	 meta_unique;	/* dnscontrol_uniquename */
	int		 cf_meta;	/* a cloudflare_* key */
};

/*
 * Is the domain served by Cloudflare?  Yes when one of its DNS providers
 * has the type CLOUDFLAREAPI or is named by --dnscontrol-provider (or the
 * config's dnscontrol-providers); yes when one whose type the IR does not
 * know ("-": it is in creds.json) has a Cloudflare name; and, when no
 * provider has a known type, yes when the domain or one of its records
 * carries cloudflare_* metadata or is a Cloudflare pseudo-record.  A
 * provider of another known type (BIND, ROUTE53, ...) rules the metadata
 * out: DNSControl's other providers ignore it.  Fills list with the
 * providers, for the message.
 */
static int
is_cloudflare(struct dc *c, const struct domain *dm, struct pl_buf *list)
{
	struct pl_jp_iter it;
	struct pl_jp sub;
	struct pl_jp_value k, v;
	int known = 0, yes = 0;

	pl_buf_reset(list);
	if (dm->providers.type == PL_JP_OBJECT &&
	    pl_jp_reopen(&c->j, &dm->providers, &sub, &it) == 0) {
		while (pl_jp_next(&it, &k, &v) == 1) {
			const struct provider *p;
			const char *name = jstr(&k, &c->tmp), *type;

			if (name == NULL)
				continue;
			p = find_provider(c, name);
			type = p != NULL ? p->type : NULL;
			if (list->len < 512) {
				if (list->len > 0)
					pl_buf_adds(list, ", ");
				add_clean(list, name, strlen(name), 64);
				pl_buf_adds(list, " (");
				if (type_is_unknown(type))
					pl_buf_adds(list, "type not given");
				else
					add_clean(list, type, strlen(type), 64);
				pl_buf_addc(list, ')');
			}
			if (option_names(c, name) || (type != NULL &&
			    pl_strcaseeq(type, "CLOUDFLAREAPI")))
				yes = 1;
			else if (type_is_unknown(type)) {
				if (pl_dnscontrol_name_is_cloudflare(name,
				    strlen(name)))
					yes = 1;
			} else
				known = 1;
		}
	}
	if (list->len == 0)
		pl_buf_adds(list, "none");
	if (yes)
		return 1;
	if (known)
		return 0;
	return dm->cf_meta || records_say_cloudflare(c, &dm->records);
}

/* The view of a domain: its zone, made on first use.  -1 when there
 * would be more than MAX_VIEWS. */
static int
use_view(struct dc *c, const char *tag)
{
	struct view *vw = NULL;

	for (size_t i = 0; i < c->nviews && vw == NULL; i++)
		if (strcmp(c->views[i].tag, tag) == 0)
			vw = &c->views[i];
	if (vw == NULL) {
		struct pl_zone *z;

		if (c->nviews == MAX_VIEWS)
			return -1;
		c->views = pl_grow(c->views, c->nviews, sizeof(*c->views));
		vw = &c->views[c->nviews];
		if (c->nviews == 0) {
			z = c->z0;	/* the .js is in its files already */
			vw->jsfile = c->jsfile0;
		} else {
			z = pl_zone_new(c->z0->file, c->z0->format);
			c->views[c->nviews - 1].z->next = z;
			vw->jsfile = c->js.text != NULL ?
			    pl_zone_add_file(z, c->js.display) : 0;
		}
		vw->tag = pl_xstrdup(tag);
		vw->z = z;
		c->nviews++;
	}
	c->z = vw->z;
	c->jsfile = vw->jsfile;
	return 0;
}

/* ---- records ---------------------------------------------------------- */

/* The fields of a record this reader reads; the rest is skipped. */
enum {
	F_TYPE, F_NAME, F_TARGET, F_TTL, F_FILEPOS, F_META, F_TXTSTRINGS,
	F_FIELDS, F_ZFP, F_UNKNOWN_TYPE,
	F_MXPREF, F_SRVPRIO, F_SRVWEIGHT, F_SRVPORT, F_CAATAG, F_CAAFLAG,
	F_DSKEYTAG, F_DSALG, F_DSDTYPE, F_DSDIGEST, F_DNSKEYFLAGS,
	F_DNSKEYPROTO, F_DNSKEYALG, F_DNSKEYPUB, F_LOCVER, F_LOCSIZE,
	F_LOCHORIZ, F_LOCVERT, F_LOCLAT, F_LOCLONG, F_LOCALT, F_NAPTRORDER,
	F_NAPTRPREF, F_NAPTRFLAGS, F_NAPTRSERVICE, F_NAPTRREGEXP,
	F_SMIMEAUSAGE, F_SMIMEASEL, F_SMIMEAMT, F_SSHFPALG, F_SSHFPFP,
	F_SOAMBOX, F_SOASERIAL, F_SOAREFRESH, F_SOARETRY, F_SOAEXPIRE,
	F_SOAMINTTL, F_SVCPRIO, F_SVCPARAMS, F_TLSAUSAGE, F_TLSASEL,
	F_TLSAMT, F_N
};

static const char *const field_names[F_N] = {
	"type", "name", "target", "ttl", "filepos", "meta", "txtstrings",
	"fields", "zonfefilepartial", "unknown_type_name",
	"mxpreference", "srvpriority", "srvweight", "srvport", "caatag",
	"caaflag", "dskeytag", "dsalgorithm", "dsdigesttype", "dsdigest",
	"dnskeyflags", "dnskeyprotocol", "dnskeyalgorithm", "dnskeypublickey",
	"locversion", "locsize", "lochorizpre", "locvertpre", "loclatitude",
	"loclongitude", "localtitude", "naptrorder", "naptrpreference",
	"naptrflags", "naptrservice", "naptrregexp", "smimeausage",
	"smimeaselector", "smimeamatchingtype", "sshfpalgorithm",
	"sshfpfingerprint", "soambox", "soaserial", "soarefresh", "soaretry",
	"soaexpire", "soaminttl", "svcpriority", "svcparams", "tlsausage",
	"tlsaselector", "tlsamatchingtype",
};

static int
field_of(const struct pl_jp_value *k)
{
	static unsigned char len[F_N];
	char buf[33];
	const char *name = k->s;
	size_t n = k->n;

	if (k->escaped) {
		/* A key written with escapes, decoded (rare: DNSControl
		 * writes none). */
		struct pl_buf b;

		pl_buf_init(&b);
		if (pl_jp_string(k, &b, 6 * 32) == NULL || b.len == 0 ||
		    b.len > 32) {
			pl_buf_release(&b);
			return -1;
		}
		memcpy(buf, b.buf, b.len);
		n = b.len;
		name = buf;
		pl_buf_release(&b);
	}
	if (n == 0 || n > 32)
		return -1;
	/* The keys every record has first, then the others. */
	if (n == 4 && memcmp(name, "type", 4) == 0)
		return F_TYPE;
	if (n == 4 && memcmp(name, "name", 4) == 0)
		return F_NAME;
	if (n == 6 && memcmp(name, "target", 6) == 0)
		return F_TARGET;
	if (n == 3 && memcmp(name, "ttl", 3) == 0)
		return F_TTL;
	if (n == 7 && memcmp(name, "filepos", 7) == 0)
		return F_FILEPOS;
	if (n == 4 && memcmp(name, "meta", 4) == 0)
		return F_META;
	if (len[0] == 0)	/* racy but idempotent: same values */
		for (int i = 0; i < F_N; i++)
			len[i] = (unsigned char)strlen(field_names[i]);
	for (int i = 0; i < F_N; i++)
		if (len[i] == n && field_names[i][0] == name[0] &&
		    memcmp(field_names[i], name, n) == 0)
			return i;
	return -1;
}

struct rec {
	struct pl_jp_value	 f[F_N];
	struct where	 at;
	const char	*type;		/* as DNSControl wrote it */
	char		 tname[32];	/* as sent to Cloudflare and ldns */
	uint16_t	 rtype;
	int		 plain_owner;	/* plain_name() of the owner */
};

/* Appends a name in presentation form: octets zone-file syntax would
 * misread as \DDD (RFC 1035 section 5.1).  One trailing dot is kept. */
static void
add_name_text(struct pl_buf *b, const char *s, size_t n)
{
	size_t run = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch <= ' ' || ch == 0x7f || ch == '"' || ch == '(' ||
		    ch == ')' || ch == ';' || ch == '\\' || ch == '@' ||
		    ch == '$') {
			pl_buf_add(b, s + run, i - run);
			pl_buf_addf(b, "\\%03u", ch);
			run = i + 1;
		}
	}
	pl_buf_add(b, s + run, n - run);
}

/*
 * Makes a name of the domain absolute into b (reset): "@" is the apex; a
 * name with a trailing dot is absolute; any other is relative to the
 * domain (dnsutil.AddOrigin, as DNSControl's CanonicalizeTargets does),
 * unless owner is set and it already ends with the domain (an IR written
 * with --raw, or a hand-written one: DNSControl's validation refuses such
 * a label unless meta skip_fqdn_check is "true").  Returns -1 for an
 * empty name or empty label.
 */
static int
absolute_name(struct dc *c, struct pl_buf *b, const char *s, size_t n,
    int owner, int skip_fqdn)
{
	pl_buf_reset(b);
	if (n == 0)
		return -1;
	if (n == 1 && s[0] == '@') {
		add_name_text(b, c->apex_text, c->apex_len);
		pl_buf_addc(b, '.');
		return 0;
	}
	if (n == 1 && s[0] == '.') {
		pl_buf_addc(b, '.');
		return 0;
	}
	if (s[0] == '.')
		return -1;
	for (const char *d = s; (d = memchr(d, '.', (size_t)(s + n - d))) !=
	    NULL && d + 1 < s + n; d++)
		if (d[1] == '.')
			return -1;	/* an empty label */
	add_name_text(b, s, n);
	if (s[n - 1] == '.')
		return 0;
	if (owner && !skip_fqdn && (
	    (n == c->apex_len && pl_strncaseeq(s, c->apex_text, n)) ||
	    (n > c->apex_len + 1 && s[n - c->apex_len - 1] == '.' &&
	    pl_strncaseeq(s + n - c->apex_len, c->apex_text, c->apex_len)))) {
		pl_buf_addc(b, '.');
		return 0;
	}
	pl_buf_addc(b, '.');
	add_name_text(b, c->apex_text, c->apex_len);
	pl_buf_addc(b, '.');
	return 0;
}

/* Appends a decimal number (no printf: this runs for most records). */
static void
add_dec(struct pl_buf *b, unsigned long v)
{
	char d[24];
	size_t i = sizeof(d);

	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	pl_buf_add(b, d + i, sizeof(d) - i);
}

static void
add_num(struct pl_buf *b, unsigned long v)
{
	if (b->len > 0)
		pl_buf_addc(b, ' ');
	add_dec(b, v);
}

/* A numeric field into c->rdata; NULL or the reason it is not one. */
static const char *
num_field(struct dc *c, const struct rec *r, int f, unsigned long max)
{
	unsigned long v;

	if (pl_jp_uint(&r->f[f], max, &v) < 0) {
		pl_buf_reset(&c->tmp2);
		pl_buf_addf(&c->tmp2, "\"%s\" is not a number from 0 to %lu",
		    field_names[f], max);
		return c->tmp2.buf;
	}
	add_num(&c->rdata, v);
	return NULL;
}

/* A string field as one token into c->rdata. */
static const char *
token_field(struct dc *c, const struct rec *r, int f)
{
	const char *s = jstr(&r->f[f], &c->tmp);

	if (s == NULL)
		return why_not(&r->f[f], field_names[f], &c->tmp2);
	if (!pl_text_is_token(s, c->tmp.len, false)) {
		pl_buf_reset(&c->tmp2);
		pl_buf_addf(&c->tmp2, "\"%s\" must be a string with no blanks",
		    field_names[f]);
		return c->tmp2.buf;
	}
	if (c->rdata.len > 0)
		pl_buf_addc(&c->rdata, ' ');
	pl_buf_add(&c->rdata, s, c->tmp.len);
	return NULL;
}

/* A string field as one quoted string into c->rdata. */
static const char *
quoted_field(struct dc *c, const struct rec *r, int f)
{
	const char *s = r->f[f].type == PL_JP_NONE ? "" :
	    jstr(&r->f[f], &c->tmp);

	if (s == NULL)
		return why_not(&r->f[f], field_names[f], &c->tmp2);
	if (c->rdata.len > 0)
		pl_buf_addc(&c->rdata, ' ');
	pl_text_quoted(&c->rdata, s, r->f[f].type == PL_JP_NONE ? 0 :
	    c->tmp.len);
	return NULL;
}

/* The target as a name: absolute into c->tname, appended to c->rdata. */
static const char *
target_name(struct dc *c, const struct rec *r)
{
	const char *s = jstr(&r->f[F_TARGET], &c->tmp);

	if (s == NULL)
		return why_not(&r->f[F_TARGET], "target", &c->tmp2);
	if (absolute_name(c, &c->tname, s, c->tmp.len, 0, 0) != 0)
		return "\"target\" is not a domain name";
	if (c->rdata.len > 0)
		pl_buf_addc(&c->rdata, ' ');
	pl_buf_add(&c->rdata, c->tname.buf, c->tname.len);
	return NULL;
}

static const char *
target_token(struct dc *c, const struct rec *r)
{
	return token_field(c, r, F_TARGET);
}

/* A number of a modern type's "fields" object (DS). */
static const char *
fields_num(struct dc *c, const struct rec *r, const char *key,
    unsigned long max)
{
	struct pl_jp_iter it;
	struct pl_jp sub;
	struct pl_jp_value k, v;

	if (r->f[F_FIELDS].type != PL_JP_OBJECT ||
	    pl_jp_reopen(&c->j, &r->f[F_FIELDS], &sub, &it) != 0)
		return "no value";
	while (pl_jp_next(&it, &k, &v) == 1)
		if (pl_jp_eq(&k, key, strlen(key))) {
			unsigned long x;

			if (pl_jp_uint(&v, max, &x) < 0)
				return "not a number";
			add_num(&c->rdata, x);
			return NULL;
		}
	add_num(&c->rdata, 0);
	return NULL;
}

static const char *
fields_token(struct dc *c, const struct rec *r, const char *key)
{
	struct pl_jp_iter it;
	struct pl_jp sub;
	struct pl_jp_value k, v;
	const char *s;

	if (r->f[F_FIELDS].type != PL_JP_OBJECT ||
	    pl_jp_reopen(&c->j, &r->f[F_FIELDS], &sub, &it) != 0)
		return "no value";
	while (pl_jp_next(&it, &k, &v) == 1)
		if (pl_jp_eq(&k, key, strlen(key))) {
			if ((s = jstr(&v, &c->tmp)) == NULL ||
			    !pl_text_is_token(s, c->tmp.len, false))
				return "not a single value";
			if (c->rdata.len > 0)
				pl_buf_addc(&c->rdata, ' ');
			pl_buf_add(&c->rdata, s, c->tmp.len);
			return NULL;
		}
	return "no value";
}

/*
 * LOC: DNSControl keeps the RFC 1876 wire fields (version, size and
 * precisions as exponent-mantissa octets, latitude and longitude as
 * thousandths of an arc second offset by 2^31, altitude in centimetres
 * above -100,000 m); ldns writes them in presentation form.
 */
static const char *
loc_rdata(struct dc *c, const struct rec *r)
{
	static const int order[] = {
		F_LOCVER, F_LOCSIZE, F_LOCHORIZ, F_LOCVERT
	};
	uint8_t wire[16];
	unsigned long v[7];
	ldns_rdf *rdf;
	char *s;

	for (int i = 0; i < 4; i++)
		if (pl_jp_uint(&r->f[order[i]], 255, &v[i]) < 0)
			return "a LOC field is not a number from 0 to 255";
	if (pl_jp_uint(&r->f[F_LOCLAT], UINT32_MAX, &v[4]) < 0 ||
	    pl_jp_uint(&r->f[F_LOCLONG], UINT32_MAX, &v[5]) < 0 ||
	    pl_jp_uint(&r->f[F_LOCALT], UINT32_MAX, &v[6]) < 0)
		return "a LOC position is not a 32-bit number";
	if (v[0] != 0)
		return "LOC version is not 0 (RFC 1876)";
	for (int i = 0; i < 4; i++)
		wire[i] = (uint8_t)v[i];
	for (int i = 0; i < 3; i++) {
		wire[4 + 4 * i] = (uint8_t)(v[4 + i] >> 24);
		wire[5 + 4 * i] = (uint8_t)(v[4 + i] >> 16);
		wire[6 + 4 * i] = (uint8_t)(v[4 + i] >> 8);
		wire[7 + 4 * i] = (uint8_t)v[4 + i];
	}
	if ((rdf = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_LOC, sizeof(wire),
	    wire)) == NULL)
		return "invalid LOC";
	s = ldns_rdf2str(rdf);
	ldns_rdf_deep_free(rdf);
	if (s == NULL)
		return "invalid LOC";
	pl_buf_adds(&c->rdata, s);
	free(s);
	return NULL;
}

/* HTTPS and SVCB: priority, target, then svcparams as written (RFC 9460
 * presentation), which must not end the record early. */
static const char *
svcb_rdata(struct dc *c, const struct rec *r)
{
	const char *why, *s;

	if ((why = num_field(c, r, F_SVCPRIO, 65535)) != NULL ||
	    (why = target_name(c, r)) != NULL)
		return why;
	if (r->f[F_SVCPARAMS].type == PL_JP_NONE)
		return NULL;
	if ((s = jstr(&r->f[F_SVCPARAMS], &c->tmp)) == NULL)
		return "\"svcparams\" must be a string";
	for (size_t i = 0; i < c->tmp.len; i++)
		if (s[i] == ';' || s[i] == '(' || s[i] == ')' ||
		    (unsigned char)s[i] < ' ')
			return "\"svcparams\" holds ';', a parenthesis or a "
			    "control character";
	if (c->tmp.len > 0) {
		pl_buf_addc(&c->rdata, ' ');
		pl_buf_add(&c->rdata, s, c->tmp.len);
	}
	return NULL;
}

/* TXT and SPF: "txtstrings" (older releases), else the joined target. */
static const char *
txt_rdata(struct dc *c, const struct rec *r)
{
	const char *s;

	if (r->f[F_TXTSTRINGS].type == PL_JP_ARRAY) {
		struct pl_jp_iter it;
		struct pl_jp sub;
		struct pl_jp_value k, v;
		int any = 0;

		if (pl_jp_reopen(&c->j, &r->f[F_TXTSTRINGS], &sub, &it) != 0)
			return "\"txtstrings\" must be a list of strings";
		while (pl_jp_next(&it, &k, &v) == 1) {
			if ((s = jstr(&v, &c->tmp)) == NULL)
				return v.type == PL_JP_STRING ? why_not(&v,
				    "txtstrings", &c->tmp2) : "\"txtstrings\" "
				    "must be a list of strings";
			pl_text_txt(&c->rdata, s, c->tmp.len);
			any = 1;
		}
		if (any)
			return NULL;
	}
	if (r->f[F_TARGET].type == PL_JP_NONE) {
		pl_text_txt(&c->rdata, "", 0);
		return NULL;
	}
	if ((s = jstr(&r->f[F_TARGET], &c->tmp)) == NULL)
		return why_not(&r->f[F_TARGET], "target", &c->tmp2);
	pl_text_txt(&c->rdata, s, c->tmp.len);
	return NULL;
}

/* Writes the RDATA of r into c->rdata (and a target into c->tname). */
static const char *
make_rdata(struct dc *c, struct rec *r)
{
	const char *why = NULL;

	pl_buf_reset(&c->rdata);
	pl_buf_reset(&c->tname);
	switch (r->rtype) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
	case LDNS_RR_TYPE_OPENPGPKEY:
	case LDNS_RR_TYPE_DHCID:
		return target_token(c, r);
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_DNAME:
		return target_name(c, r);
	case LDNS_RR_TYPE_MX:
		if ((why = num_field(c, r, F_MXPREF, 65535)) != NULL)
			return why;
		return target_name(c, r);
	case LDNS_RR_TYPE_SRV:
		if ((why = num_field(c, r, F_SRVPRIO, 65535)) != NULL ||
		    (why = num_field(c, r, F_SRVWEIGHT, 65535)) != NULL ||
		    (why = num_field(c, r, F_SRVPORT, 65535)) != NULL)
			return why;
		return target_name(c, r);
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_SPF:
		return txt_rdata(c, r);
	case LDNS_RR_TYPE_CAA:
		if ((why = num_field(c, r, F_CAAFLAG, 255)) != NULL ||
		    (why = token_field(c, r, F_CAATAG)) != NULL)
			return why;
		return quoted_field(c, r, F_TARGET);
	case LDNS_RR_TYPE_DS:
		if (r->f[F_DSDIGEST].type != PL_JP_NONE) {
			if ((why = num_field(c, r, F_DSKEYTAG, 65535)) ||
			    (why = num_field(c, r, F_DSALG, 255)) ||
			    (why = num_field(c, r, F_DSDTYPE, 255)))
				return why;
			return token_field(c, r, F_DSDIGEST);
		}
		/* The modern form alone: fields {KeyTag, Algorithm, ...}. */
		if (fields_num(c, r, "KeyTag", 65535) != NULL ||
		    fields_num(c, r, "Algorithm", 255) != NULL ||
		    fields_num(c, r, "DigestType", 255) != NULL ||
		    fields_token(c, r, "Digest") != NULL)
			return "a DS record needs dskeytag, dsalgorithm, "
			    "dsdigesttype and dsdigest";
		return NULL;
	case LDNS_RR_TYPE_DNSKEY:
		if ((why = num_field(c, r, F_DNSKEYFLAGS, 65535)) ||
		    (why = num_field(c, r, F_DNSKEYPROTO, 255)) ||
		    (why = num_field(c, r, F_DNSKEYALG, 255)))
			return why;
		return token_field(c, r, F_DNSKEYPUB);
	case LDNS_RR_TYPE_SSHFP:
		if ((why = num_field(c, r, F_SSHFPALG, 255)) ||
		    (why = num_field(c, r, F_SSHFPFP, 255)))
			return why;
		return target_token(c, r);
	case LDNS_RR_TYPE_TLSA:
		if ((why = num_field(c, r, F_TLSAUSAGE, 255)) ||
		    (why = num_field(c, r, F_TLSASEL, 255)) ||
		    (why = num_field(c, r, F_TLSAMT, 255)))
			return why;
		return target_token(c, r);
	case LDNS_RR_TYPE_SMIMEA:
		if ((why = num_field(c, r, F_SMIMEAUSAGE, 255)) ||
		    (why = num_field(c, r, F_SMIMEASEL, 255)) ||
		    (why = num_field(c, r, F_SMIMEAMT, 255)))
			return why;
		return target_token(c, r);
	case LDNS_RR_TYPE_NAPTR:
		if ((why = num_field(c, r, F_NAPTRORDER, 65535)) ||
		    (why = num_field(c, r, F_NAPTRPREF, 65535)) ||
		    (why = quoted_field(c, r, F_NAPTRFLAGS)) ||
		    (why = quoted_field(c, r, F_NAPTRSERVICE)) ||
		    (why = quoted_field(c, r, F_NAPTRREGEXP)))
			return why;
		return target_name(c, r);
	case LDNS_RR_TYPE_LOC:
		return loc_rdata(c, r);
	case LDNS_RR_TYPE_HTTPS:
	case LDNS_RR_TYPE_SVCB:
		return svcb_rdata(c, r);
	case LDNS_RR_TYPE_SOA: {
		const char *s;

		if ((why = target_name(c, r)) != NULL)
			return why;
		if ((s = jstr(&r->f[F_SOAMBOX], &c->tmp)) == NULL ||
		    absolute_name(c, &c->tmp2, s, c->tmp.len, 0, 0) != 0)
			return "\"soambox\" is not a domain name";
		pl_buf_addc(&c->rdata, ' ');
		pl_buf_add(&c->rdata, c->tmp2.buf, c->tmp2.len);
		if ((why = num_field(c, r, F_SOASERIAL, UINT32_MAX)) ||
		    (why = num_field(c, r, F_SOAREFRESH, UINT32_MAX)) ||
		    (why = num_field(c, r, F_SOARETRY, UINT32_MAX)) ||
		    (why = num_field(c, r, F_SOAEXPIRE, UINT32_MAX)) ||
		    (why = num_field(c, r, F_SOAMINTTL, UINT32_MAX)))
			return why;
		pl_buf_reset(&c->tname);	/* no target for the rules */
		return NULL;
	}
	default: {
		/* Other types (RP, ...): the zone-file text DNSControl keeps
		 * (zonfefilepartial, sic), else the target as written. */
		const char *s = jstr(&r->f[F_ZFP], &c->tmp);

		if (s == NULL)
			s = jstr(&r->f[F_TARGET], &c->tmp);
		if (s == NULL)
			return why_not(&r->f[F_TARGET], "target", &c->tmp2);
		for (size_t i = 0; i < c->tmp.len; i++)
			if (s[i] == ';' || s[i] == '\n' || s[i] == '(' ||
			    s[i] == ')')
				return "the record's text holds ';', a "
				    "parenthesis or a line break";
		pl_buf_add(&c->rdata, s, c->tmp.len);
		return NULL;
	}
	}
}

/* Checks a plain name for the fast path (labels 1..63, at most 255
 * octets, letters, digits, '-', '_', '*'): 0 sends it to ldns. */
static int
plain_name(const char *s, size_t n)
{
	size_t label = 0;

	if (n < 2 || n > 254 || s[n - 1] != '.')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '.') {
			if (label == 0)
				return 0;
			label = 0;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
		    ch == '*'))
			return 0;
		if (++label > 63)
			return 0;
	}
	return 1;
}

/*
 * The fast path: the record in its plainest form, with the checks ldns's
 * converters make, without ldns (as the BIND reader's fast_record()).
 * Returns 0 to leave the record to ldns: it only ever accepts.
 */
static int
fast_record(struct dc *c, struct pl_record *r, const struct rec *rc)
{
	char buf[INET6_ADDRSTRLEN + 1];

	if (!rc->plain_owner)
		return 0;
	switch (rc->rtype) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
		if (c->rdata.len >= sizeof(buf))
			return 0;
		memcpy(buf, c->rdata.buf, c->rdata.len + 1);
		if (inet_pton(rc->rtype == LDNS_RR_TYPE_A ? AF_INET : AF_INET6,
		    buf, r->addr) != 1)
			return 0;
		r->family = rc->rtype == LDNS_RR_TYPE_A ? 4 : 6;
		return 1;
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_DNAME:
	case LDNS_RR_TYPE_MX:
	case LDNS_RR_TYPE_SRV:
		if (!plain_name(c->tname.buf, c->tname.len))
			return 0;
		r->target = pl_zone_intern(c->z, c->tname.buf, c->tname.len);
		if (rc->rtype == LDNS_RR_TYPE_SRV) {
			unsigned long port;

			(void)pl_jp_uint(&rc->f[F_SRVPORT], 65535, &port);
			r->port = (uint16_t)port;
		}
		r->content = rc->rtype == LDNS_RR_TYPE_MX ||
		    rc->rtype == LDNS_RR_TYPE_SRV ||
		    strcmp(r->target, c->rdata.buf) != 0 ?
		    pl_zone_strdup(c->z, c->rdata.buf, c->rdata.len) :
		    r->target;
		return 1;
	case LDNS_RR_TYPE_TXT:
		/* Quoted strings of printable ASCII with nothing escaped. */
		for (size_t i = 0; i < c->rdata.len; i++) {
			unsigned char ch = (unsigned char)c->rdata.buf[i];

			if (ch == '\\' || ch < 0x20 || ch >= 0x7f)
				return 0;
		}
		r->content = pl_zone_strdup(c->z, c->rdata.buf, c->rdata.len);
		return 1;
	default:
		return 0;
	}
}

/* Reads the string meta of a record (cloudflare_proxy, comment, tags). */
struct rmeta {
	struct pl_jp_value	 proxy;
	struct pl_jp_value	 comment;
	struct pl_jp_value	 tags;
	int		 skip_fqdn;
};

static void
read_meta(struct dc *c, const struct pl_jp_value *meta, struct rmeta *m)
{
	struct pl_jp_iter it;
	struct pl_jp sub;
	struct pl_jp_value k, v;

	memset(m, 0, sizeof(*m));
	if (meta->type != PL_JP_OBJECT ||
	    pl_jp_reopen(&c->j, meta, &sub, &it) != 0)
		return;
	while (pl_jp_next(&it, &k, &v) == 1) {
		if (PL_JP_IS(&k, "cloudflare_proxy"))
			m->proxy = v;
		else if (PL_JP_IS(&k, "cloudflare_comment"))
			m->comment = v;
		else if (PL_JP_IS(&k, "cloudflare_tags"))
			m->tags = v;
		else if (PL_JP_IS(&k, "skip_fqdn_check"))
			m->skip_fqdn = PL_JP_IS(&v, "true");
	}
}

/* "on", "off" or "full", any case (checkProxyVal): the state, or -1. */
static int
proxy_value(const struct pl_jp_value *v, int *empty)
{
	char low[8];

	*empty = 0;
	if (v->type == PL_JP_NONE || (v->type == PL_JP_STRING && v->n == 0)) {
		*empty = 1;
		return -1;
	}
	if (v->type != PL_JP_STRING || v->n >= 6 * sizeof(low))
		return -1;
	if (v->escaped) {
		struct pl_buf b;
		size_t n;

		pl_buf_init(&b);
		if (pl_jp_string(v, &b, v->n) == NULL ||
		    (n = b.len) >= sizeof(low)) {
			pl_buf_release(&b);
			return -1;
		}
		for (size_t i = 0; i < n; i++)
			low[i] = (char)pl_lower((unsigned char)b.buf[i]);
		low[n] = '\0';
		pl_buf_release(&b);
	} else {
		if (v->n >= sizeof(low))
			return -1;
		for (size_t i = 0; i < v->n; i++)
			low[i] = (char)pl_lower((unsigned char)v->s[i]);
		low[v->n] = '\0';
	}
	if (strcmp(low, "on") == 0 || strcmp(low, "full") == 0)
		return PL_PROXY_PROXIED;
	if (strcmp(low, "off") == 0)
		return PL_PROXY_DNS_ONLY;
	return -1;
}

static void
bad_proxy_reason(struct dc *c, const struct pl_jp_value *v, const char *key)
{
	pl_buf_reset(&c->tmp2);
	pl_buf_addf(&c->tmp2, "%s must be on, off or full, not ", key);
	if (v->type == PL_JP_STRING) {
		pl_buf_addc(&c->tmp2, '\'');
		add_clean(&c->tmp2, v->s, v->n, 32);
		pl_buf_addc(&c->tmp2, '\'');
	} else
		pl_buf_adds(&c->tmp2, "a non-string value");
	pl_buf_adds(&c->tmp2, " (DNSControl refuses the domain)");
}

static void
do_record(struct dc *c, struct pl_jp_iter *parent,
    const struct pl_jp_value *obj, size_t idx)
{
	struct rec rc;
	struct rmeta m;
	struct pl_jp_iter it;
	struct pl_jp_value k, v;
	struct pl_record *r;
	const char *why, *s, *owner;
	unsigned long ttl;
	int proxy, empty, fast;
	ldns_rr *rr = NULL;
	ldns_status st;

	memset(&rc, 0, sizeof(rc));
	pl_buf_reset(&c->ptr);
	pl_buf_add(&c->ptr, "/domains/", 9);
	add_dec(&c->ptr, c->dom);
	pl_buf_add(&c->ptr, "/records/", 9);
	add_dec(&c->ptr, idx);
	rc.at.pointer = c->ptr.buf;
	if (obj->type != PL_JP_OBJECT) {
		syntax_error(c, &rc.at, NULL, NULL, "a record must be an "
		    "object");
		return;
	}
	if (pl_jp_enter(parent, &it) != 0)
		return;
	while (pl_jp_next(&it, &k, &v) == 1) {
		int f = field_of(&k);

		if (f >= 0)
			rc.f[f] = v;
	}
	if (it.j->err != NULL)
		return;		/* the input fails as a whole */
	if (js_position(&c->js, &rc.f[F_FILEPOS], &c->tmp, &rc.at.line,
	    &rc.at.col) == 0)
		rc.at.line = rc.at.col = 0;

	/* The type. */
	if ((s = jstr(&rc.f[F_TYPE], &c->tmp)) == NULL || c->tmp.len == 0 ||
	    c->tmp.len >= sizeof(rc.tname)) {
		syntax_error(c, &rc.at, NULL, NULL, "the record has no "
		    "\"type\"");
		return;
	}
	memcpy(rc.tname, s, c->tmp.len + 1);
	for (char *p = rc.tname; *p != '\0'; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	if (is_pseudo_type(rc.tname))
		return;		/* not a DNS record */
	/* ALIAS: sent as a CNAME (preprocessConfig: rec.ChangeType). */
	if (strcmp(rc.tname, "ALIAS") == 0)
		memcpy(rc.tname, "CNAME", 6);
	if (strcmp(rc.tname, "UNKNOWN") == 0 &&
	    (s = jstr(&rc.f[F_UNKNOWN_TYPE], &c->tmp)) != NULL &&
	    c->tmp.len < sizeof(rc.tname))
		memcpy(rc.tname, s, c->tmp.len + 1);
	rc.rtype = pl_text_rr_type(rc.tname, strlen(rc.tname));
	if (rc.rtype == 0) {
		pl_buf_reset(&c->tmp2);
		pl_buf_adds(&c->tmp2, "unknown record type '");
		add_clean(&c->tmp2, rc.tname, strlen(rc.tname), 32);
		pl_buf_addc(&c->tmp2, '\'');
		syntax_error(c, &rc.at, NULL, NULL, c->tmp2.buf);
		return;
	}

	/* The owner. */
	read_meta(c, &rc.f[F_META], &m);
	if ((s = jstr(&rc.f[F_NAME], &c->tmp)) == NULL ||
	    absolute_name(c, &c->owner, s, c->tmp.len, 1, m.skip_fqdn) != 0) {
		syntax_error(c, &rc.at, NULL, rc.tname, rc.f[F_NAME].type ==
		    PL_JP_NONE ? "the record has no \"name\"" :
		    "\"name\" is not a domain name");
		return;
	}
	if (!(rc.plain_owner = plain_name(c->owner.buf, c->owner.len))) {
		ldns_rdf *dn = ldns_dname_new_frm_str(c->owner.buf);

		if (dn == NULL) {
			syntax_error(c, &rc.at, NULL, rc.tname, "\"name\" is "
			    "not a domain name");
			return;
		}
		ldns_rdf_deep_free(dn);
	}
	owner = pl_zone_intern(c->z, c->owner.buf, c->owner.len);

	/* TTL: 0 (left out) is sent as 1, auto; under 60 as 60. */
	if (pl_jp_uint(&rc.f[F_TTL], INT32_MAX, &ttl) < 0) {
		syntax_error(c, &rc.at, owner, rc.tname, "\"ttl\" is not a "
		    "number of seconds");
		return;
	}
	if (ttl == 0)
		ttl = 1;
	else if (ttl != 1 && ttl < 60)
		ttl = 60;

	/* The proxy state (see the top of the file). */
	proxy = proxy_value(&m.proxy, &empty);
	if (!empty && proxy < 0) {
		bad_proxy_reason(c, &m.proxy, "cloudflare_proxy");
		syntax_error(c, &rc.at, owner, rc.tname, c->tmp2.buf);
		proxy = PL_PROXY_UNKNOWN;
	} else if (empty)
		proxy = pl_name_is_proxiable_type(rc.rtype) ? c->def_proxy :
		    PL_PROXY_DNS_ONLY;

	if ((why = make_rdata(c, &rc)) != NULL) {
		syntax_error(c, &rc.at, owner, rc.tname, why);
		return;
	}
	if (c->rdata.len + c->owner.len > PL_MAX_RECORD_LEN) {
		syntax_error(c, &rc.at, owner, rc.tname, "the record is longer "
		    "than 65536 octets");
		return;
	}
	r = pl_zone_add(c->z);
	fast = fast_record(c, r, &rc);
	if (!fast) {
		pl_buf_reset(&c->text);
		pl_buf_addf(&c->text, "%s %lu IN %s ", c->owner.buf, ttl,
		    rc.tname);
		pl_buf_add(&c->text, c->rdata.buf, c->rdata.len);
		st = ldns_rr_new_frm_str(&rr, c->text.buf, (uint32_t)ttl, NULL,
		    NULL);
		if (st != LDNS_STATUS_OK) {
			c->z->nrecs--;	/* take the record back */
			syntax_error(c, &rc.at, owner, rc.tname,
			    ldns_get_errorstr_by_id(st));
			return;
		}
		r = &c->z->recs[c->z->nrecs - 1];
	}
	r->owner = owner;
	r->type = rc.rtype;
	r->ttl = (uint32_t)ttl;
	r->proxy = (uint8_t)proxy;
	if (!fast) {
		pl_record_fill(c->z, r, rr);
		ldns_rr_free(rr);
	}
	pl_rec_set_pointer(c->z, r, pl_zone_strdup(c->z, c->ptr.buf,
	    c->ptr.len));
	if (rc.at.line > 0) {
		r->line = rc.at.line;
		r->file = c->jsfile;
		pl_rec_set_col(c->z, r, rc.at.col);
	}
	if ((s = jstr(&m.comment, &c->tmp)) != NULL && c->tmp.len > 0)
		pl_rec_set_comment(c->z, r, pl_zone_strdup(c->z, s,
		    c->tmp.len));
	if ((s = jstr(&m.tags, &c->tmp)) != NULL && c->tmp.len > 0)
		pl_rec_set_tags(c->z, r, pl_zone_strdup(c->z, s, c->tmp.len));
}

/* ---- domains and the document ----------------------------------------- */

/* Reads a domain's meta (entered from parent). */
static void
domain_meta(struct dc *c, struct pl_jp_iter *parent, struct domain *dm)
{
	struct pl_jp_iter m;
	struct pl_jp_value mk, mv;

	if (pl_jp_enter(parent, &m) != 0)
		return;
	while (pl_jp_next(&m, &mk, &mv) == 1) {
		if (PL_JP_IS(&mk, "cloudflare_proxy_default"))
			dm->proxy_default = mv;
		else if (PL_JP_IS(&mk, "dnscontrol_tag"))
			dm->meta_tag = mv;
		else if (PL_JP_IS(&mk, "dnscontrol_nameraw"))
			dm->nameraw = mv;
		else if (PL_JP_IS(&mk, "dnscontrol_uniquename"))
			dm->meta_unique = mv;
		if (is_cf_meta_key(&mk))
			dm->cf_meta = 1;
	}
	(void)c;
}

/* Where a domain is declared: its D() call in the .js, else the IR. */
static void
domain_where(struct dc *c, const struct domain *dm, struct where *w)
{
	const struct pl_jp_value *cand[4] = { &dm->uniquename, &dm->meta_unique,
	    &dm->nameraw, &dm->name };

	memset(w, 0, sizeof(*w));
	pl_buf_reset(&c->ptr);
	pl_buf_addf(&c->ptr, "/domains/%zu", c->dom);
	w->pointer = c->ptr.buf;
	if (c->js.text == NULL)
		return;
	for (int i = 0; i < 4; i++) {
		const char *s = jstr(cand[i], &c->tmp);

		if (s != NULL && js_find_domain(&c->js, s, c->tmp.len, w))
			return;
	}
}

/*
 * Starts a domain once what decides how its records are read is known:
 * its name, providers and meta.  Returns 1 when its records are to be
 * read, 0 when the domain is left out (reported).
 */
static int
begin_domain(struct dc *c, struct domain *dm)
{
	struct where w;
	struct pl_buf list;
	const char *s, *tag;
	int empty;

	pl_buf_reset(&c->ptr);
	pl_buf_addf(&c->ptr, "/domains/%zu", c->dom);
	memset(&w, 0, sizeof(w));
	w.pointer = c->ptr.buf;
	if ((s = jstr(&dm->name, &c->tmp)) == NULL || c->tmp.len == 0 ||
	    c->tmp.len > 253 || s[c->tmp.len - 1] == '.' ||
	    !pl_text_is_token(s, c->tmp.len, false)) {
		syntax_error(c, &w, NULL, NULL, "the domain has no valid "
		    "\"name\"");
		return 0;
	}
	free(c->apex_text);
	c->apex_text = pl_xstrndup(s, c->tmp.len);
	pl_str_lower(c->apex_text);
	c->apex_len = c->tmp.len;

	pl_buf_init(&list);
	if (!is_cloudflare(c, dm, &list)) {
		struct pl_vars vars;
		char *name;

		domain_where(c, dm, &w);
		pl_buf_reset(&c->tmp);
		add_name_text(&c->tmp, c->apex_text, c->apex_len);
		pl_buf_addc(&c->tmp, '.');
		memset(&vars, 0, sizeof(vars));
		vars.detail = list.buf;
		name = pl_xstrdup(c->tmp.buf);
		report(c, PL_RULE_DOMAIN_NOT_ON_CLOUDFLARE, &w, name, NULL,
		    &vars);
		free(name);
		pl_buf_release(&list);
		return 0;
	}
	pl_buf_release(&list);

	/* Its view: "tag", or meta dnscontrol_tag; none is "". */
	tag = jstr(dm->tag.type == PL_JP_STRING ? &dm->tag : &dm->meta_tag,
	    &c->tmp2);
	if (use_view(c, tag != NULL ? tag : "") != 0) {
		domain_where(c, dm, &w);
		syntax_error(c, &w, NULL, NULL, "more than 256 split-horizon "
		    "views (D(\"name!tag\")): the domain is left out");
		return 0;
	}
	pl_buf_reset(&c->owner);
	add_name_text(&c->owner, c->apex_text, c->apex_len);
	pl_buf_addc(&c->owner, '.');
	c->apex = pl_zone_intern(c->z, c->owner.buf, c->owner.len);
	if (c->z->origin == NULL)
		c->z->origin = c->apex;
	pl_zone_add_apex(c->z, c->apex);

	c->def_proxy = proxy_value(&dm->proxy_default, &empty);
	if (empty)
		c->def_proxy = PL_PROXY_DNS_ONLY;	/* "off" */
	else if (c->def_proxy < 0) {
		domain_where(c, dm, &w);
		bad_proxy_reason(c, &dm->proxy_default,
		    "cloudflare_proxy_default");
		syntax_error(c, &w, c->apex, NULL, c->tmp2.buf);
		c->def_proxy = PL_PROXY_UNKNOWN;
	}
	return 1;
}

/* Reads the records list (entered from it). */
static void
do_records(struct dc *c, struct pl_jp_iter *it)
{
	struct pl_jp_value k, v;
	size_t idx = 0;

	while (pl_jp_next(it, &k, &v) == 1)
		do_record(c, it, &v, idx++);
}

static void
records_not_list(struct dc *c)
{
	struct where w;

	pl_buf_reset(&c->ptr);
	pl_buf_addf(&c->ptr, "/domains/%zu/records", c->dom);
	memset(&w, 0, sizeof(w));
	w.pointer = c->ptr.buf;
	syntax_error(c, &w, c->apex, NULL, "\"records\" must be a list");
}

/*
 * A domain (entered from parent).  Its records are read as they come when
 * the name, the providers and the meta were before them (DNSControl writes
 * them in that order, sorted or not); else the list is read again at the
 * end of the domain.  The view tag is known by then: PostProcess() writes
 * it into the meta (dnscontrol_tag) beside dnscontrol_uniquename, and
 * unsorted output has "tag" before "uniquename".
 */
static void
do_domain(struct dc *c, struct pl_jp_iter *parent,
    const struct pl_jp_value *obj)
{
	struct domain dm;
	struct where w;
	struct pl_jp_iter it, rit;
	struct pl_jp sub;
	struct pl_jp_value k, v;
	int seen_meta = 0, seen_prov = 0, seen_name = 0, seen_unique = 0;
	int started = -1;	/* -1: not yet, 0: left out, 1: reading */

	pl_buf_reset(&c->ptr);
	pl_buf_addf(&c->ptr, "/domains/%zu", c->dom);
	memset(&w, 0, sizeof(w));
	w.pointer = c->ptr.buf;
	c->z = c->views[0].z;
	c->jsfile = c->views[0].jsfile;
	if (obj->type != PL_JP_OBJECT) {
		syntax_error(c, &w, NULL, NULL, "a domain must be an object");
		return;
	}
	memset(&dm, 0, sizeof(dm));
	if (pl_jp_enter(parent, &it) != 0)
		return;
	while (pl_jp_next(&it, &k, &v) == 1) {
		if (PL_JP_IS(&k, "name")) {
			dm.name = v;
			seen_name = 1;
		} else if (PL_JP_IS(&k, "tag"))
			dm.tag = v;
		else if (PL_JP_IS(&k, "uniquename")) {
			dm.uniquename = v;
			seen_unique = 1;
		} else if (PL_JP_IS(&k, "dnsProviders")) {
			dm.providers = v;
			seen_prov = 1;
		} else if (PL_JP_IS(&k, "meta")) {
			dm.meta = v;
			seen_meta = 1;
			if (v.type == PL_JP_OBJECT)
				domain_meta(c, &it, &dm);
		} else if (PL_JP_IS(&k, "records")) {
			dm.records = v;
			if (!(seen_name && seen_prov && seen_meta &&
			    (seen_unique ||
			    dm.meta_unique.type == PL_JP_STRING)))
				continue;	/* read at the end */
			started = begin_domain(c, &dm);
			if (started == 1 && v.type == PL_JP_ARRAY) {
				if (pl_jp_enter(&it, &rit) == 0)
					do_records(c, &rit);
			} else if (started == 1 && v.type != PL_JP_NULL)
				records_not_list(c);
		}
	}
	if (it.j->err != NULL || started >= 0)
		return;
	if (begin_domain(c, &dm) != 1 || dm.records.type == PL_JP_NONE ||
	    dm.records.type == PL_JP_NULL)
		return;
	if (dm.records.type != PL_JP_ARRAY) {
		records_not_list(c);
		return;
	}
	if (pl_jp_reopen(&c->j, &dm.records, &sub, &rit) == 0)
		do_records(c, &rit);
}

static int
json_failed(struct dc *c)
{
	unsigned long line, col;

	pl_jp_where(&c->j, &line, &col);
	return pl_error_at(PL_EINPUT, c->z0->file, (unsigned)line,
	    (unsigned)col, "%s%s", c->j.limit ? "" : "invalid JSON: ",
	    c->j.err);
}

/* The domains (entered from it), each read as it comes. */
static void
do_domains(struct dc *c, struct pl_jp_iter *it)
{
	struct pl_jp_value k, v;

	while (pl_jp_next(it, &k, &v) == 1) {
		do_domain(c, it, &v);
		c->dom++;
	}
}

int
pl_read_dnscontrol(const char *data, size_t len, const struct pl_read_opts *o,
    struct pl_zone *z, struct pl_diags *d)
{
	struct dc c;
	struct pl_jp_value k, v, domains;
	struct pl_jp_iter root;
	const char *p = data, *end = data + len;
	char *jspath = NULL;
	int rc = PL_EINPUT, seen_prov = 0, read_domains = 0;

	memset(&c, 0, sizeof(c));
	memset(&domains, 0, sizeof(domains));
	c.z0 = z;
	c.z = z;
	c.d = d;
	c.o = o;
	pl_buf_init(&c.tmp);
	pl_buf_init(&c.tmp2);
	pl_buf_init(&c.owner);
	pl_buf_init(&c.tname);
	pl_buf_init(&c.rdata);
	pl_buf_init(&c.text);
	pl_buf_init(&c.ptr);

	if (len > MAX_IR_SIZE) {
		pl_error(PL_EINPUT, "'%s' is larger than %zu MiB, too large "
		    "for DNSControl IR", z->file, MAX_IR_SIZE >> 20);
		goto out;
	}
	/* A byte order mark says nothing (RFC 8259 section 8.1). */
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	pl_jp_init(&c.j, p, (size_t)(end - p), MAX_DEPTH, MAX_VALUES);
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	if (p < end && *p == '[') {
		pl_error(PL_EINPUT, "'%s' is not DNSControl IR: expected an "
		    "object with \"domains\" (dnscontrol print-ir)", z->file);
		goto out;
	}
	jspath = o->dnscontrol_js != NULL ? pl_xstrdup(o->dnscontrol_js) :
	    js_default_path(o->path);
	c.js.display = jspath;
	js_load(&c, jspath, o->dnscontrol_js != NULL);
	if (c.js.text != NULL) {
		/* The name findings carry: the zone's copy outlives jspath. */
		c.jsfile0 = pl_zone_add_file(z, jspath);
		c.js.display = z->files[c.jsfile0];
		if (o->sup != NULL)
			pl_suppressions_scan_js(o->sup, c.js.display,
			    c.js.text, c.js.len);
	}
	(void)use_view(&c, "");
	/*
	 * One pass: the domains are read as they come, once the providers
	 * are known (they come first in print-ir's output, sorted or not);
	 * else the list is read again at the end.  A JSON error anywhere
	 * fails the input: the pipeline drops the findings and the zones.
	 */
	if (pl_jp_begin(&c.j, &root) != 0)
		goto bad_json;
	while (pl_jp_next(&root, &k, &v) == 1) {
		if (PL_JP_IS(&k, "dns_providers") && v.type == PL_JP_ARRAY) {
			read_providers(&c, &root);
			seen_prov = 1;
		} else if (PL_JP_IS(&k, "domains") &&
		    domains.type == PL_JP_NONE) {
			/* (A second "domains" is left, as one of any other
			 * key: the first one is read.) */
			domains = v;
			if (v.type == PL_JP_ARRAY && seen_prov) {
				struct pl_jp_iter dit;

				if (pl_jp_enter(&root, &dit) != 0)
					break;
				do_domains(&c, &dit);
				read_domains = 1;
			}
		}
	}
	if (pl_jp_end(&c.j) != 0)
		goto bad_json;
	if (domains.type != PL_JP_ARRAY) {
		pl_error(PL_EINPUT, "'%s' is not DNSControl IR: expected an "
		    "object with \"domains\" (dnscontrol print-ir)", z->file);
		goto out;
	}
	if (!read_domains) {
		struct pl_jp_iter dit;
		struct pl_jp sub;

		if (pl_jp_reopen(&c.j, &domains, &sub, &dit) != 0)
			goto out;
		do_domains(&c, &dit);
	}
	rc = 0;
	goto out;
bad_json:
	rc = json_failed(&c);
out:
	/* The first view's zone is z; the others are chained after it. */
	for (size_t i = 0; i < c.nviews; i++)
		free(c.views[i].tag);
	free(c.views);
	for (size_t i = 0; i < c.nprov; i++) {
		free(c.prov[i].name);
		free(c.prov[i].type);
	}
	free(c.prov);
	free(c.js.text);
	free(c.js.lines);
	free(c.js.calls);
	free(c.apex_text);
	pl_buf_release(&c.ptr);
	pl_buf_release(&c.text);
	pl_buf_release(&c.rdata);
	pl_buf_release(&c.tname);
	pl_buf_release(&c.owner);
	pl_buf_release(&c.tmp2);
	pl_buf_release(&c.tmp);
	free(jspath);
	return rc;
}
