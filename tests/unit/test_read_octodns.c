/* test_read_octodns.c -- unit tests of the octoDNS zone YAML reader */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <ldns/ldns.h>

#include "proxylint/read.h"
#include "proxylint/rule.h"
#include "tap.h"
#include "proxylint/banned.h"

static struct pl_ruleset *rs;
static struct pl_diags d;
static struct pl_zone *z;
static int rc;

/* Reads yaml as the file path (or stdin for NULL) into the global zone. */
static void
rd(const char *yaml, const char *path, const char *origin)
{
	struct pl_read_opts o = { .origin = origin, .path = path };

	if (z != NULL) {
		pl_zone_free(z);
		pl_diags_release(&d);
	}
	z = pl_zone_new(path ? path : "<stdin>", PL_FMT_OCTODNS);
	pl_diags_init(&d, rs, z->file);
	rc = pl_read_octodns(yaml, strlen(yaml), &o, z, &d);
}

/* The n-th record (0-based) owned by name with this type, or NULL. */
static const struct pl_record *
rec(const char *name, uint16_t type, int n)
{
	for (uint32_t i = 0; i < z->nrecs; i++)
		if (strcmp(z->recs[i].owner, name) == 0 &&
		    z->recs[i].type == type && n-- == 0)
			return &z->recs[i];
	return NULL;
}

/* Count of findings of a rule, and the line of the first. */
static int
findings(const char *rule, uint32_t *line)
{
	int n = 0;

	for (size_t i = 0; i < d.n; i++)
		if (strcmp(d.v[i].rule->id, rule) == 0) {
			if (n++ == 0 && line != NULL)
				*line = d.v[i].line;
		}
	return n;
}

static void
test_basic(void)
{
	const struct pl_record *r;

	rd("---\n"
	    "www:\n"				/* 2 */
	    "  type: A\n"
	    "  values:\n"
	    "    - 192.0.2.1\n"			/* 5 */
	    "    - 192.0.2.2\n"			/* 6 */
	    "api:\n"				/* 7 */
	    "  type: AAAA\n"
	    "  value: 2001:db8::1\n"
	    "  ttl: 600\n", "example.com.yaml", NULL);
	is_int(rc, 0, "basic: reads");
	is_str(z->origin, "example.com.", "basic: origin from the file name");
	is_int(z->nrecs, 3, "basic: one record per value");
	r = rec("www.example.com.", LDNS_RR_TYPE_A, 1);
	ok(r != NULL, "basic: second A value");
	if (r != NULL) {
		is_str(r->content, "192.0.2.2", "basic: A content");
		is_int(r->line, 6, "basic: a value's own line");
		is_int(r->ttl, 3600, "basic: octoDNS default TTL");
		is_int(r->family, 4, "basic: A family");
		is_int(r->addr[3], 2, "basic: A address");
		/* octodns-cloudflare sends proxied=False when not set. */
		is_int(r->proxy, PL_PROXY_DNS_ONLY,
		    "basic: no flag = DNS-only");
	}
	r = rec("api.example.com.", LDNS_RR_TYPE_AAAA, 0);
	ok(r != NULL, "basic: AAAA from 'value'");
	if (r != NULL) {
		is_int(r->line, 7, "basic: single record at its name's line");
		is_int(r->ttl, 600, "basic: ttl");
		is_int(r->family, 6, "basic: AAAA family");
	}
	is_int(d.n, 0, "basic: no findings");
}

static void
test_flags(void)
{
	const struct pl_record *r;

	rd("'':\n"
	    "  - type: ALIAS\n"			/* 2 */
	    "    value: lb.example.net.\n"
	    "    ttl: 300\n"
	    "    octodns:\n"
	    "      cloudflare:\n"
	    "        proxied: true\n"
	    "  - type: MX\n"			/* 8 */
	    "    values:\n"
	    "      - exchange: mx1.example.com.\n"	/* 10 */
	    "        preference: 10\n"
	    "      - value: mx2.example.com.\n"	/* 12 */
	    "        priority: 20\n"
	    "    octodns:\n"
	    "      cloudflare:\n"
	    "        auto-ttl: true\n"
	    "        comment: mail\n"
	    "        tags: [team:mail, env:prod]\n"
	    "off:\n"				/* 19 */
	    "  type: CNAME\n"
	    "  value: x.example.net.\n"
	    "  octodns: {cloudflare: {proxied: no}}\n"
	    "yes:\n"				/* 23 */
	    "  type: A\n"
	    "  value: 203.0.113.9\n"
	    "  octodns: {cloudflare: {proxied: yes}}\n"
	    "bad:\n"				/* 27 */
	    "  type: A\n"
	    "  value: 203.0.113.10\n"
	    "  octodns: {cloudflare: {proxied: 'true'}}\n"
	    "txt:\n"				/* 31 */
	    "  type: TXT\n"
	    "  value: hello\n"
	    "  octodns: {cloudflare: {proxied: true}}\n",
	    "zones/example.com.yaml", NULL);
	is_int(rc, 0, "flags: reads");
	r = rec("example.com.", LDNS_RR_TYPE_CNAME, 0);
	ok(r != NULL, "flags: apex ALIAS is a CNAME");
	if (r != NULL) {
		is_str(r->target, "lb.example.net.", "flags: ALIAS target");
		is_int(r->proxy, PL_PROXY_PROXIED, "flags: proxied");
		is_int(r->ttl, 1, "flags: proxied means TTL 1");
		is_int(r->line, 2, "flags: list entry line");
	}
	r = rec("example.com.", LDNS_RR_TYPE_MX, 0);
	ok(r != NULL, "flags: MX exchange/preference");
	if (r != NULL) {
		is_str(r->content, "10 mx1.example.com.", "flags: MX content");
		is_str(r->target, "mx1.example.com.", "flags: MX target");
		is_int(r->ttl, 1, "flags: auto-ttl means TTL 1");
		is_int(r->proxy, PL_PROXY_UNKNOWN, "flags: MX has no state");
		is_str(pl_rec_comment(r), "mail", "flags: comment");
		is_str(pl_rec_tags(r), "team:mail,env:prod", "flags: tags");
		is_int(r->line, 10, "flags: MX value line");
	}
	r = rec("example.com.", LDNS_RR_TYPE_MX, 1);
	ok(r != NULL && strcmp(r->content, "20 mx2.example.com.") == 0,
	    "flags: legacy MX value/priority");
	r = rec("off.example.com.", LDNS_RR_TYPE_CNAME, 0);
	ok(r != NULL && r->proxy == PL_PROXY_DNS_ONLY && r->ttl == 3600,
	    "flags: proxied: no (YAML 1.1) is DNS-only");
	r = rec("yes.example.com.", LDNS_RR_TYPE_A, 0);
	ok(r != NULL && r->proxy == PL_PROXY_PROXIED,
	    "flags: proxied: yes (YAML 1.1) is proxied");
	r = rec("bad.example.com.", LDNS_RR_TYPE_A, 0);
	ok(r != NULL && r->proxy == PL_PROXY_UNKNOWN,
	    "flags: quoted 'true' leaves the state unknown");
	{
		uint32_t line = 0;

		is_int(findings("syntax-error", &line), 1,
		    "flags: one syntax-error for the quoted flag");
		is_int(line, 27, "flags: at the record's line");
	}
	r = rec("txt.example.com.", LDNS_RR_TYPE_TXT, 0);
	ok(r != NULL && r->proxy == PL_PROXY_PROXIED,
	    "flags: proxied TXT kept as written");
	is_int(findings("proxied-unsupported-type", NULL), 0,
	    "flags: rules do not run in the reader");
}

static void
test_types(void)
{
	const struct pl_record *r;
	char longtxt[400];

	memset(longtxt, 'k', 300);
	longtxt[300] = '\0';
	{
		char *yaml = pl_xasprintf(
		    "_sip._tcp:\n"
		    "  type: SRV\n"
		    "  values:\n"
		    "    - {priority: 10, weight: 20, port: 5060, "
		    "target: sip.example.com.}\n"
		    "'*':\n"
		    "  type: CAA\n"
		    "  values:\n"
		    "    - {tag: issue, value: letsencrypt.org}\n"
		    "    - {flags: 128, tag: iodef, value: 'mailto:a@b.c'}\n"
		    "_dmarc:\n"
		    "  type: TXT\n"
		    "  value: v=DMARC1\\; p=none\n"
		    "long:\n"
		    "  type: TXT\n"
		    "  value: %s\n"
		    "loc:\n"
		    "  type: LOC\n"
		    "  value: {lat_degrees: 51, lat_minutes: 30, "
		    "lat_seconds: 12.748, lat_direction: N, long_degrees: 0, "
		    "long_minutes: 7, long_seconds: 39.611, "
		    "long_direction: W, altitude: 0, size: 1, "
		    "precision_horz: 10000, precision_vert: 10}\n"
		    "svc:\n"
		    "  type: HTTPS\n"
		    "  value: {svcpriority: 1, targetname: ., "
		    "svcparams: {alpn: [h2, h3], port: 8443}}\n"
		    "sshfp:\n"
		    "  type: SSHFP\n"
		    "  value: {algorithm: 4, fingerprint_type: 2, "
		    "fingerprint: 123456789abcdef67890123456789abcdef"
		    "67890123456789abcdef123456789a}\n"
		    "naptr:\n"
		    "  type: NAPTR\n"
		    "  value: {order: 100, preference: 10, flags: S, "
		    "service: SIP+D2U, regexp: '', "
		    "replacement: _sip._udp.example.com.}\n"
		    "ds:\n"
		    "  type: DS\n"
		    "  value: {key_tag: 60485, algorithm: 5, digest_type: 1, "
		    "digest: 2BB183AF5F22588179A53B0A98631FAD1A292118}\n"
		    "fwd:\n"
		    "  type: URLFWD\n"
		    "  value: {path: /, target: 'https://x/', code: 301}\n"
		    "ns:\n"
		    "  type: NS\n"
		    "  values: [ns1.example.net., ns2.example.net.]\n",
		    longtxt);

		rd(yaml, "example.com.yaml", NULL);
		free(yaml);
	}
	is_int(rc, 0, "types: reads");
	is_int(d.n, 0, "types: no findings");
	r = rec("_sip._tcp.example.com.", LDNS_RR_TYPE_SRV, 0);
	ok(r != NULL, "types: SRV");
	if (r != NULL) {
		is_int(r->port, 5060, "types: SRV port");
		is_str(r->target, "sip.example.com.", "types: SRV target");
		is_str(r->content, "10 20 5060 sip.example.com.",
		    "types: SRV content");
	}
	r = rec("*.example.com.", LDNS_RR_TYPE_CAA, 0);
	ok(r != NULL && strcmp(r->content, "0 issue \"letsencrypt.org\"") == 0,
	    "types: wildcard CAA, flags default to 0");
	r = rec("*.example.com.", LDNS_RR_TYPE_CAA, 1);
	ok(r != NULL && strncmp(r->content, "128 iodef", 9) == 0,
	    "types: CAA flags");
	r = rec("_dmarc.example.com.", LDNS_RR_TYPE_TXT, 0);
	ok(r != NULL, "types: TXT");
	if (r != NULL)
		is_str(r->content, "\"v=DMARC1; p=none\"",
		    "types: TXT '\\;' unescaped");
	r = rec("long.example.com.", LDNS_RR_TYPE_TXT, 0);
	ok(r != NULL && strstr(r->content, "\" \"") != NULL &&
	    strlen(r->content) == 300 + 5,
	    "types: long TXT split in 255-octet strings");
	ok(rec("loc.example.com.", LDNS_RR_TYPE_LOC, 0) != NULL, "types: LOC");
	r = rec("svc.example.com.", LDNS_RR_TYPE_HTTPS, 0);
	ok(r != NULL && r->target == NULL && strstr(r->content, "alpn=h2,h3"),
	    "types: HTTPS svcparams");
	ok(rec("sshfp.example.com.", LDNS_RR_TYPE_SSHFP, 0) != NULL,
	    "types: SSHFP");
	ok(rec("naptr.example.com.", LDNS_RR_TYPE_NAPTR, 0) != NULL,
	    "types: NAPTR");
	ok(rec("ds.example.com.", LDNS_RR_TYPE_DS, 0) != NULL, "types: DS");
	ok(rec("ns.example.com.", LDNS_RR_TYPE_NS, 1) != NULL, "types: NS x2");
	is_int(z->nrecs, 12, "types: URLFWD is not a DNS record");
}

static void
test_errors(void)
{
	uint32_t line = 0;

	rd("a:\n"
	    "  type: A\n"
	    "  values:\n"
	    "    - 192.0.2.1\n"
	    "    - 192.0.2.300\n"		/* 5: bad address */
	    "b:\n"				/* 6 */
	    "  type: BOGUS\n"
	    "  value: x\n"
	    "c:\n"				/* 9 */
	    "  type: CNAME\n"
	    "  value: relative.example.com\n"
	    "d:\n"				/* 12 */
	    "  type: ALIAS\n"
	    "  value: x.example.net.\n"
	    "e:\n"				/* 15 */
	    "  type: TXT\n"
	    "  value: a;b\n"
	    "f:\n"				/* 18 */
	    "  type: A\n"
	    "g:\n"				/* 20 */
	    "  type: A\n"
	    "  value: 192.0.2.1\n"
	    "  ttl: -5\n"
	    "h:\n"				/* 24 */
	    "i:\n"				/* 25 */
	    "  type: A\n"
	    "  value: '192.0.2.1 192.0.2.2'\n"
	    "j.:\n"				/* 28 */
	    "  type: A\n"
	    "  value: 192.0.2.1\n", "example.com.yaml", NULL);
	is_int(rc, 0, "errors: findings, not a failure");
	is_int(z->nrecs, 1, "errors: only the good value is kept");
	is_int(findings("syntax-error", &line), 10,
	    "errors: ten syntax errors");
	is_int(line, 5, "errors: the bad address at its line");
}

static void
test_origin(void)
{
	static const char y[] = "www: {type: A, value: 192.0.2.1}\n";

	rd(y, "zones/pythondiscord.com.zone/main.yaml", NULL);
	is_str(z->origin, "pythondiscord.com.", "origin: split zone folder");
	rd(y, "zones/github.com./www.yaml", NULL);
	is_str(z->origin, "github.com.", "origin: old split folder");
	rd(y, "zones/github.com./$github.com.yaml", NULL);
	is_str(z->origin, "github.com.", "origin: split catch-all file");
	rd(y, "a/Example.ORG.yml", NULL);
	is_str(z->origin, "example.org.", "origin: .yml, lower-cased");
	rd(y, "a/example.com.yaml", "other.test");
	is_str(z->origin, "other.test.", "origin: --origin wins");
	ok(rec("www.other.test.", LDNS_RR_TYPE_A, 0) != NULL,
	    "origin: names under --origin");
	rd(y, NULL, NULL);
	is_int(rc, PL_EINPUT, "origin: stdin without --origin fails");
	rd(y, "-", "example.com");
	is_int(rc, 0, "origin: stdin with --origin");
	rd(y, "a/.yaml", NULL);
	is_int(rc, PL_EINPUT, "origin: no name at all fails");
}

static void
test_aliases(void)
{
	const struct pl_record *r;

	rd("a:\n"
	    "  type: TXT\n"
	    "  values: &key\n"
	    "    - v=DKIM1\\; k=rsa\n"		/* 4 */
	    "b:\n"				/* 5 */
	    "  type: TXT\n"
	    "  values: *key\n"
	    ".base: &base\n"
	    "  ttl: 120\n"
	    "  octodns: {cloudflare: {proxied: true}}\n"
	    "c:\n"				/* 11 */
	    "  <<: *base\n"
	    "  type: A\n"
	    "  value: 192.0.2.7\n"
	    "d:\n"				/* 15 */
	    "  <<: *base\n"
	    "  ttl: 60\n"
	    "  octodns: {cloudflare: {auto-ttl: false}}\n"
	    "  type: MX\n"
	    "  value: {exchange: mx.example.com., preference: 1}\n",
	    "example.com.yaml", NULL);
	is_int(rc, 0, "aliases: reads");
	r = rec("a.example.com.", LDNS_RR_TYPE_TXT, 0);
	ok(r != NULL && r->line == 4, "aliases: anchored value at its line");
	r = rec("b.example.com.", LDNS_RR_TYPE_TXT, 0);
	ok(r != NULL && r->line == 5 &&
	    strcmp(r->content, "\"v=DKIM1; k=rsa\"") == 0,
	    "aliases: aliased values at the name's line");
	r = rec("c.example.com.", LDNS_RR_TYPE_A, 0);
	ok(r != NULL && r->proxy == PL_PROXY_PROXIED && r->ttl == 1,
	    "aliases: merge key brings the flags");
	r = rec("d.example.com.", LDNS_RR_TYPE_MX, 0);
	ok(r != NULL && r->ttl == 60 && r->proxy == PL_PROXY_UNKNOWN,
	    "aliases: explicit keys win over merged ones");
	is_int(findings("syntax-error", NULL), 1,
	    "aliases: '.base' is not a record");
}

static void
test_bombs(void)
{
	struct pl_buf b;
	clock_t t0;

	/* Classic billion laughs: nine levels of nine aliases. */
	pl_buf_init(&b);
	pl_buf_adds(&b,
	    "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (char ch = 'b'; ch <= 'i'; ch++) {
		pl_buf_addf(&b, "%c: &%c [", ch, ch);
		for (int i = 0; i < 9; i++)
			pl_buf_addf(&b, "%s*%c", i ? ", " : "", ch - 1);
		pl_buf_adds(&b, "]\n");
	}
	pl_buf_adds(&b, "www: {type: TXT, values: *i}\n");
	t0 = clock();
	rd(b.buf, "example.com.yaml", NULL);
	is_int(rc, PL_EINPUT, "bombs: billion laughs refused");
	ok(clock() - t0 < CLOCKS_PER_SEC, "bombs: quickly");
	pl_buf_release(&b);

	/* Records bomb: few nodes, a huge walk. */
	pl_buf_init(&b);
	pl_buf_adds(&b, "v: &v [");
	for (int i = 0; i < 2000; i++)
		pl_buf_addf(&b, "%s192.0.2.1", i ? ", " : "");
	pl_buf_adds(&b, "]\nr: &r {type: A, values: *v}\nl: &l [");
	for (int i = 0; i < 2000; i++)
		pl_buf_addf(&b, "%s*r", i ? ", " : "");
	pl_buf_adds(&b, "]\n");
	for (int i = 0; i < 20; i++)
		pl_buf_addf(&b, "n%d: *l\n", i);
	t0 = clock();
	rd(b.buf, "example.com.yaml", NULL);
	is_int(rc, PL_EINPUT, "bombs: alias-amplified records refused");
	ok(z->nrecs < 100000, "bombs: before building them");
	ok(clock() - t0 < CLOCKS_PER_SEC, "bombs: quickly");
	pl_buf_release(&b);

	rd("a: &a [*a]\n", "example.com.yaml", NULL);
	is_int(rc, PL_EINPUT, "bombs: recursive alias refused");

	pl_buf_init(&b);
	for (int i = 0; i < 100000; i++)
		pl_buf_addc(&b, '[');
	t0 = clock();
	rd(b.buf, "example.com.yaml", NULL);
	is_int(rc, PL_EINPUT, "bombs: deep nesting refused");
	ok(clock() - t0 < CLOCKS_PER_SEC, "bombs: quickly");
	pl_buf_release(&b);
}

static void
test_shape(void)
{
	rd("", "example.com.yaml", NULL);
	ok(rc == 0 && z->nrecs == 0, "shape: empty file is an empty zone");
	rd("---\n", "example.com.yaml", NULL);
	ok(rc == 0 && z->nrecs == 0, "shape: empty document");
	rd("- a\n- b\n", "example.com.yaml", NULL);
	is_int(rc, PL_EINPUT, "shape: a list is not a zone");
	rd("providers:\n  cf: {class: x}\nzones:\n  example.com.: {}\n",
	    "config.yaml", NULL);
	is_int(rc, PL_EINPUT, "shape: octoDNS main config is not a zone");
	rd("a: {type: A, value: 192.0.2.1}\n---\nb: 1\n", "example.com.yaml",
	    NULL);
	is_int(rc, PL_EINPUT, "shape: several documents refused");
	rd("a: {type: A, value: [}\n", "example.com.yaml", NULL);
	is_int(rc, PL_EINPUT, "shape: YAML syntax error");
	rd("a: *nope\n", "example.com.yaml", NULL);
	is_int(rc, PL_EINPUT, "shape: undefined alias");
}

static void
test_names(void)
{
	rd("bücher:\n  type: A\n  value: 192.0.2.1\n"
	    "Mixed:\n  type: CNAME\n  value: bücher.example.com.\n",
	    "example.com.yaml", NULL);
	is_int(rc, 0, "names: reads");
	ok(rec("bücher.example.com.", LDNS_RR_TYPE_A, 0) != NULL,
	    "names: non-ASCII owner kept as UTF-8");
	ok(rec("mixed.example.com.", LDNS_RR_TYPE_CNAME, 0) != NULL &&
	    rec("mixed.example.com.", LDNS_RR_TYPE_CNAME, 0)->target ==
	    rec("bücher.example.com.", LDNS_RR_TYPE_A, 0)->owner,
	    "names: target and owner interned alike");
}

static void
test_meta(void)
{
	const struct pl_record *r;

	rd("www:\n"
	    "  type: A\n"
	    "  values: [192.0.2.1, 192.0.2.2]\n"
	    "  octodns:\n"
	    "    cloudflare:\n"
	    "      comment: web\n"
	    "      values:\n"
	    "        - {value: 192.0.2.2, comment: failover, tags: [x:y]}\n",
	    "example.com.yaml", NULL);
	r = rec("www.example.com.", LDNS_RR_TYPE_A, 0);
	ok(r != NULL && strcmp(pl_rec_comment(r), "web") == 0 && pl_rec_tags(r) == NULL,
	    "meta: record comment");
	r = rec("www.example.com.", LDNS_RR_TYPE_A, 1);
	ok(r != NULL && strcmp(pl_rec_comment(r), "failover") == 0 &&
	    strcmp(pl_rec_tags(r), "x:y") == 0, "meta: per-value comment and tags");
}

int
main(void)
{
	rs = pl_ruleset_new();
	test_basic();
	test_flags();
	test_types();
	test_errors();
	test_origin();
	test_aliases();
	test_bombs();
	test_shape();
	test_names();
	test_meta();
	if (z != NULL) {
		pl_zone_free(z);
		pl_diags_release(&d);
	}
	pl_ruleset_free(rs);
	return tap_done();
}
