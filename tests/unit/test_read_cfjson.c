/* test_read_cfjson.c -- the Cloudflare API JSON reader, on inline inputs */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "proxylint/read.h"
#include "proxylint/rule.h"
#include "tap.h"
#include "proxylint/banned.h"

static struct pl_ruleset *rules;

/* One read: the zone, its findings and what went to standard error. */
struct run {
	struct pl_zone	*z;
	struct pl_diags	 d;
	int		 rc;
	char		 err[4096];
};

static void
run_read(struct run *t, const char *json, const char *origin)
{
	struct pl_read_opts o;

	memset(&o, 0, sizeof(o));
	o.path = "t.json";
	o.origin = origin;
	t->z = pl_zone_new("t.json", PL_FMT_CLOUDFLARE_JSON);
	pl_diags_init(&t->d, rules, "t.json");
	/* What the reader logs, as main would print it. */
	tap_log_begin();
	t->rc = pl_read_cloudflare_json(json, strlen(json), &o, t->z, &t->d);
	pl_diags_sort(&t->d);	/* the order of the output */
	tap_log_end(t->err, sizeof(t->err));
}

static void
run_free(struct run *t)
{
	pl_diags_release(&t->d);
	pl_zone_free(t->z);
}

/* The i-th finding's rule id, or NULL. */
static const char *
rule_of(const struct run *t, size_t i)
{
	return i < t->d.n ? t->d.v[i].rule->id : NULL;
}

static void
test_basic(void)
{
	struct run t;
	const struct pl_record *r;
	static const char json[] =
	    "{\"result\": ["
	    "{\"id\": \"1\", \"type\": \"A\", \"name\": \"WWW.Example.com\","
	    " \"content\": \"203.0.113.10\", \"proxiable\": true,"
	    " \"proxied\": true, \"ttl\": 1, \"comment\": \"web\","
	    " \"tags\": [\"team:web\", \"note:a,b\", \"solo\"],"
	    " \"zone_name\": \"example.com\"},"
	    "{\"type\": \"AAAA\", \"name\": \"v6.example.com\","
	    " \"content\": \"2001:db8:0:0::1\", \"proxied\": false, \"ttl\": 300},"
	    "{\"type\": \"CNAME\", \"name\": \"blog.example.com\","
	    " \"content\": \"Owner.GitHub.io\", \"proxied\": true, \"ttl\": 1},"
	    "{\"type\": \"MX\", \"name\": \"example.com\", \"content\":"
	    " \"mail.example.com\", \"priority\": 10, \"proxiable\": false,"
	    " \"ttl\": 1},"
	    "{\"type\": \"A\", \"name\": \"x.example.com\", \"content\":"
	    " \"198.51.100.1\"}"
	    "], \"result_info\": {\"page\": 1, \"per_page\": 100,"
	    " \"total_pages\": 1, \"count\": 5, \"total_count\": 5},"
	    " \"success\": true, \"errors\": [], \"messages\": []}";

	run_read(&t, json, NULL);
	is_int(t.rc, 0, "basic: read");
	is_int(t.z->nrecs, 5, "basic: 5 records");
	is_int(t.d.n, 0, "basic: no finding");
	is_str(t.err, "", "basic: nothing on stderr");
	is_str(t.z->origin, "example.com.", "basic: origin from zone_name");

	r = &t.z->recs[0];
	is_str(r->owner, "www.example.com.", "A: owner lower-cased, dot");
	is_int(r->type, LDNS_RR_TYPE_A, "A: type");
	is_str(r->content, "203.0.113.10", "A: content");
	is_int(r->family, 4, "A: family");
	ok(memcmp(r->addr, "\xcb\x00\x71\x0a", 4) == 0, "A: address");
	is_int(r->proxy, PL_PROXY_PROXIED, "A: proxied");
	is_int(r->ttl, 1, "A: ttl 1 stays 1");
	is_int(r->line, 0, "A: no line");
	is_str(pl_rec_pointer(r), "/result/0", "A: pointer");
	is_str(pl_rec_comment(r), "web", "A: comment");
	is_str(pl_rec_tags(r), "team:web,note:\"a,b\",solo",
	    "A: tags joined, a value with ',' quoted");

	r = &t.z->recs[1];
	is_str(r->content, "2001:db8::1", "AAAA: canonical content");
	is_int(r->family, 6, "AAAA: family");
	is_int(r->addr[15], 1, "AAAA: address");
	is_int(r->proxy, PL_PROXY_DNS_ONLY, "AAAA: DNS-only");
	is_int(r->ttl, 300, "AAAA: ttl 300");
	ok(pl_rec_comment(r) == NULL && pl_rec_tags(r) == NULL, "AAAA: no comment, tags");

	r = &t.z->recs[2];
	is_str(r->target, "owner.github.io.", "CNAME: target interned");
	is_str(r->content, "Owner.GitHub.io.", "CNAME: content as ldns "
	    "writes it");

	r = &t.z->recs[3];
	is_str(r->content, "10 mail.example.com.", "MX: content with priority");
	is_str(r->target, "mail.example.com.", "MX: target");
	is_int(r->proxy, PL_PROXY_DNS_ONLY, "MX: proxiable false, no "
	    "proxied: DNS-only");
	is_str(pl_rec_pointer(r), "/result/3", "MX: pointer");

	r = &t.z->recs[4];
	is_int(r->proxy, PL_PROXY_UNKNOWN, "A without proxied: unknown");
	is_int(r->ttl, 1, "A without ttl: 1 (auto)");
	run_free(&t);
}

static void
test_srv(void)
{
	struct run t;
	static const char json[] =
	    "[{\"type\": \"SRV\", \"name\": \"_xmpp._tcp.example.com\","
	    " \"content\": \"5 5223 server.example.com\", \"priority\": 10},"
	    "{\"type\": \"SRV\", \"name\": \"_sip._udp.example.com\","
	    " \"data\": {\"service\": \"_sip\", \"proto\": \"_udp\","
	    " \"name\": \"example.com\", \"priority\": 20, \"weight\": 0,"
	    " \"port\": 5060, \"target\": \"sip.example.com\"}},"
	    "{\"type\": \"SRV\", \"data\": {\"service\": \"_imap\","
	    " \"proto\": \"_tcp\", \"name\": \"example.com\", \"priority\": 0,"
	    " \"weight\": 0, \"port\": 0, \"target\": \".\"}},"
	    "{\"type\": \"SRV\", \"name\": \"_a._tcp.example.com\","
	    " \"content\": \"5\\t443\\tweb.example.com.\","
	    " \"data\": {\"priority\": 7}},"
	    "{\"type\": \"SRV\", \"name\": \"_b._tcp.example.com\","
	    " \"content\": \"5 5223 server.example.com\"}]";

	run_read(&t, json, NULL);
	is_int(t.rc, 0, "srv: read");
	is_int(t.z->nrecs, 4, "srv: 4 records");
	is_str(t.z->recs[0].content, "10 5 5223 server.example.com.",
	    "srv: content form");
	is_int(t.z->recs[0].port, 5223, "srv: port");
	is_str(t.z->recs[0].target, "server.example.com.", "srv: target");
	is_str(pl_rec_pointer(&t.z->recs[0]), "/0", "srv: bare array pointer");
	is_str(t.z->recs[1].content, "20 0 5060 sip.example.com.",
	    "srv: data form");
	is_int(t.z->recs[1].port, 5060, "srv: data port");
	is_str(t.z->recs[2].owner, "_imap._tcp.example.com.",
	    "srv: owner from data when name is absent");
	is_str(t.z->recs[2].target, ".", "srv: target '.'");
	is_str(t.z->recs[3].content, "7 5 443 web.example.com.",
	    "srv: priority from data, tabs in content");
	is_int(t.d.n, 1, "srv: one finding");
	is_str(rule_of(&t, 0), "syntax-error", "srv: no priority is an error");
	is_str(t.d.n ? t.d.v[0].pointer : NULL, "/4", "srv: its pointer");
	ok(t.d.n && strstr(t.d.v[0].message, "priority") != NULL,
	    "srv: reason names the priority");
	ok(t.z->origin == NULL, "srv: no owner is the apex: no origin");
	run_free(&t);
}

static void
test_txt_and_others(void)
{
	struct run t;
	char *json, longtxt[601];
	const struct pl_record *r;

	memset(longtxt, 'k', 600);
	longtxt[600] = '\0';
	json = pl_xasprintf(
	    "{\"result\": ["
	    "{\"type\": \"TXT\", \"name\": \"a.example.com\", \"content\":"
	    " \"\\\"v=spf1 include:_spf.example.net ~all\\\"\"},"
	    "{\"type\": \"TXT\", \"name\": \"b.example.com\", \"content\":"
	    " \"v=DKIM1; k=rsa; p=abc\"},"
	    "{\"type\": \"TXT\", \"name\": \"c.example.com\", \"content\":"
	    " \"\\\"%s\\\"\"},"
	    "{\"type\": \"TXT\", \"name\": \"txt.g\\u00edthub.com\","
	    " \"content\": \"\\\"IDNA\\\"\"},"
	    "{\"type\": \"CAA\", \"name\": \"example.com\", \"data\":"
	    " {\"flags\": 0, \"tag\": \"issue\", \"value\": \"ca.example.net\"}},"
	    "{\"type\": \"LOC\", \"name\": \"loc.example.com\", \"content\":"
	    " \"IN LOC 31 58 52.1 S 115 49 11.7 E 20m 10m 10m 2m\"},"
	    "{\"type\": \"SOA\", \"name\": \"example.com\", \"content\":"
	    " \"ignored\"},"
	    "{\"type\": \"HTTPS\", \"name\": \"h.example.com\", \"content\":"
	    " \"1 svc.example.net. alpn=\\\"h3,h2\\\"\"},"
	    "{\"type\": \"BOGUS\", \"name\": \"u.example.com\", \"content\": \"x\"},"
	    "{\"type\": \"CNAME\", \"name\": \"q.example.com\", \"content\":"
	    " \"t.example.net\", \"proxied\": \"yes\"},"
	    "{\"type\": \"A\", \"name\": \"bad.example.com\", \"content\":"
	    " \"203.0.113.1; x\", \"proxied\": true},"
	    "{\"type\": \"A\", \"name\": \"ttl.example.com\", \"content\":"
	    " \"203.0.113.2\", \"ttl\": \"auto\"},"
	    "42,"
	    "{\"type\": \"A\", \"name\": \"a\\u001b[31m.example.com\","
	    " \"content\": \"203.0.113.3\"}"
	    "], \"success\": true}", longtxt);
	run_read(&t, json, NULL);
	free(json);
	is_int(t.rc, 0, "txt: read");
	is_int(t.z->nrecs, 10, "txt: 10 records kept");
	is_str(t.z->recs[0].content, "\"v=spf1 include:_spf.example.net ~all\"",
	    "txt: quoted content");
	is_str(t.z->recs[1].content, "\"v=DKIM1; k=rsa; p=abc\"",
	    "txt: unquoted content is one string, ';' kept");
	ok(strncmp(t.z->recs[2].content, "\"kkk", 4) == 0 &&
	    strlen(t.z->recs[2].content) == 600 + 3 * 2 + 2,
	    "txt: 600 octets split in 255-octet strings");
	is_str(t.z->recs[3].owner, "txt.g\xc3\xadthub.com.",
	    "txt: non-ASCII owner kept as UTF-8");
	is_str(t.z->recs[4].content, "0 issue \"ca.example.net\"",
	    "caa: from data");
	r = &t.z->recs[5];
	is_int(r->type, LDNS_RR_TYPE_LOC, "loc: kept");
	is_str(r->content, "IN LOC 31 58 52.1 S 115 49 11.7 E 20m 10m 10m 2m",
	    "loc: content as written when ldns does not read it");
	is_str(t.z->recs[6].content, "ignored", "soa: kept as written");
	is_str(t.z->recs[7].target, "svc.example.net.", "https: target");
	is_int(t.z->recs[8].proxy, PL_PROXY_UNKNOWN,
	    "proxied \"yes\": unknown");
	is_str(t.z->recs[9].owner, "a\\027[31m.example.com.",
	    "control octets in a name are escaped");
	/* Findings: BOGUS, proxied "yes", bad A, bad ttl, 42. */
	is_int(t.d.n, 5, "txt: 5 findings");
	for (size_t i = 0; i < t.d.n; i++)
		is_str(rule_of(&t, i), "syntax-error", "finding %zu is a "
		    "syntax error", i);
	if (t.d.n == 5) {
		is_str(t.d.v[0].pointer, "/result/8", "unknown type: pointer");
		ok(strstr(t.d.v[0].message, "'BOGUS'") != NULL,
		    "unknown type: named");
		is_int(t.d.v[0].recno, 9, "unknown type: between records");
		is_str(t.d.v[1].pointer, "/result/9", "bad proxied: pointer");
		is_str(t.d.v[2].pointer, "/result/10", "bad A: pointer");
		ok(strstr(t.d.v[2].message, "IPv4") != NULL,
		    "bad A: reason");
		is_str(t.d.v[2].name, "bad.example.com.", "bad A: name");
		is_str(t.d.v[2].type, "A", "bad A: type");
		is_int(t.d.v[2].line, 0, "bad A: no line");
		is_str(t.d.v[3].pointer, "/result/11", "bad ttl: pointer");
		is_str(t.d.v[4].pointer, "/result/12", "not an object");
	}
	is_str(t.z->origin, "example.com.", "origin: the SOA owner");
	run_free(&t);
}

static void
test_documents(void)
{
	struct run t;
	static const char concat[] =
	    "{\"result\": [{\"type\": \"A\", \"name\": \"a.example.com\","
	    " \"content\": \"203.0.113.1\"}],"
	    " \"result_info\": {\"page\": 1, \"per_page\": 1,"
	    " \"total_pages\": 2, \"count\": 1, \"total_count\": 2},"
	    " \"success\": true}\n"
	    "{\"result\": [{\"type\": \"A\", \"name\": \"b.example.com\","
	    " \"content\": \"203.0.113.2\"}],"
	    " \"result_info\": {\"page\": 2, \"per_page\": 1,"
	    " \"total_pages\": 2, \"count\": 1, \"total_count\": 2},"
	    " \"success\": true}\n";
	static const char array[] =
	    "[{\"result\": [{\"type\": \"A\", \"name\": \"a.example.com\","
	    " \"content\": \"203.0.113.1\"}],"
	    " \"result_info\": {\"page\": 1, \"total_pages\": 3}},"
	    " {\"result\": [{\"type\": \"A\", \"name\": \"c.example.com\","
	    " \"content\": \"203.0.113.3\"}],"
	    " \"result_info\": {\"page\": 3, \"total_pages\": 3}}, 7]";
	static const char single[] =
	    "\xef\xbb\xbf{\"result\": {\"type\": \"A\", \"name\": \"example.com\","
	    " \"content\": \"203.0.113.1\"}, \"success\": true}";

	run_read(&t, concat, NULL);
	is_int(t.rc, 0, "concat: read");
	is_int(t.z->nrecs, 2, "concat: 2 records");
	is_str(pl_rec_pointer(&t.z->recs[0]), "/0/result/0", "concat: document 0");
	is_str(pl_rec_pointer(&t.z->recs[1]), "/1/result/0", "concat: document 1");
	is_int(t.d.n, 0, "concat: all pages there, not truncated");
	run_free(&t);

	run_read(&t, array, NULL);
	is_int(t.rc, 0, "array of responses: read");
	is_int(t.z->nrecs, 2, "array of responses: 2 records");
	is_str(pl_rec_pointer(&t.z->recs[1]), "/1/result/0", "array: pointer");
	is_int(t.d.n, 2, "array: 2 findings");
	is_str(rule_of(&t, 0), "input-truncated", "array: page 2 missing");
	if (t.d.n == 2) {
		is_str(t.d.v[0].pointer, "/0/result_info", "truncated: pointer");
		ok(strstr(t.d.v[0].message, "pages 1 and 3 of 3") != NULL,
		    "truncated: pages listed");
		is_str(rule_of(&t, 1), "syntax-error", "array: 7 is not a "
		    "response");
		is_str(t.d.v[1].pointer, "/2", "array: its pointer");
	}
	run_free(&t);

	run_read(&t, single, NULL);
	is_int(t.rc, 0, "single record response with a BOM: read");
	is_int(t.z->nrecs, 1, "single: 1 record");
	is_str(pl_rec_pointer(&t.z->recs[0]), "/result", "single: pointer");
	is_str(t.z->origin, "example.com.", "single: origin");
	run_free(&t);
}

static void
test_pages(void)
{
	struct run t;

	run_read(&t, "{\"result\": [], \"result_info\": {\"page\": 1,"
	    " \"per_page\": 10, \"total_pages\": 3, \"count\": 10,"
	    " \"total_count\": 27}, \"success\": true}", NULL);
	is_int(t.rc, 0, "page 1 of 3: read");
	is_int(t.d.n, 1, "page 1 of 3: one finding");
	is_str(rule_of(&t, 0), "input-truncated", "page 1 of 3: truncated");
	if (t.d.n == 1) {
		is_str(t.d.v[0].pointer, "/result_info", "page 1 of 3: pointer");
		is_int(t.d.v[0].line, 0, "page 1 of 3: no line");
		ok(strstr(t.d.v[0].message, "page 1 of 3, 0 of 27 records")
		    != NULL, "page 1 of 3: detail");
	}
	run_free(&t);

	/* cloudflare/color's dump: page 1 of 1, total_count 7, 6 records. */
	run_read(&t, "{\"result\": [{\"type\": \"A\", \"name\": \"example.com\","
	    " \"content\": \"203.0.113.1\"}], \"result_info\": {\"page\": 1,"
	    " \"per_page\": 50, \"total_pages\": 1, \"count\": 1,"
	    " \"total_count\": 2}, \"success\": true}", NULL);
	is_int(t.d.n, 0, "page 1 of 1 with a count mismatch: no warning");
	run_free(&t);

	/* No total_pages: per_page and total_count tell. */
	run_read(&t, "{\"result\": [], \"result_info\": {\"page\": 1,"
	    " \"per_page\": 5, \"total_count\": 6}}", NULL);
	is_str(rule_of(&t, 0), "input-truncated", "pages from total_count");
	run_free(&t);

	run_read(&t, "{\"result\": [], \"result_info\": {\"page\": 1,"
	    " \"total_pages\": 1000000000, \"total_count\": 1}}", NULL);
	ok(t.d.n == 1 && strstr(t.d.v[0].message, "page 1 of 1000000000") !=
	    NULL, "huge total_pages: one warning, no loop");
	run_free(&t);
}

static void
test_errors(void)
{
	struct run t;
	static const char envelope[] =
	    "{\"success\": false, \"errors\": [{\"code\": 1004, \"message\":"
	    " \"DNS Validation Error\", \"error_chain\": [{\"code\": 9004,"
	    " \"message\": \"This record type cannot be proxied.\"}]}],"
	    " \"messages\": [], \"result\": null}";

	run_read(&t, envelope, NULL);
	is_int(t.rc, PL_EINPUT, "error envelope: PL_EINPUT");
	is_int(t.z->nrecs, 0, "error envelope: no record");
	is_int(t.d.n, 0, "error envelope: no finding");
	is_str(t.err, "proxylint: t.json: Cloudflare API error 1004: DNS "
	    "Validation Error (9004: This record type cannot be proxied.)\n",
	    "error envelope: message");
	run_free(&t);

	run_read(&t, "{\"success\": false, \"errors\": []}", NULL);
	is_int(t.rc, PL_EINPUT, "bare failure: PL_EINPUT");
	ok(strstr(t.err, "\"success\": false") != NULL,
	    "bare failure: says so");
	run_free(&t);

	/* One page failed, another did not: lint what there is, warn. */
	run_read(&t, "{\"result\": [{\"type\": \"A\", \"name\": \"example.com\","
	    " \"content\": \"203.0.113.1\"}], \"success\": true}\n"
	    "{\"success\": false, \"errors\": [{\"code\": 10000, \"message\":"
	    " \"Authentication error\\u001b[2J\"}]}", NULL);
	is_int(t.rc, 0, "partial failure: read");
	is_int(t.z->nrecs, 1, "partial failure: 1 record");
	is_str(t.err, "proxylint: warning: t.json:/1: Cloudflare API error "
	    "10000: Authentication error\\027[2J\n",
	    "partial failure: warning, control octets replaced");
	run_free(&t);

	run_read(&t, "{\"zone\": \"example.com\"}", NULL);
	is_int(t.rc, PL_EINPUT, "other JSON: PL_EINPUT");
	is_str(t.err, "proxylint: 't.json' is not Cloudflare API JSON: expected an "
	    "object with \"result\" or an array of DNS records\n",
	    "other JSON: message");
	run_free(&t);

	run_read(&t, "[1, 2]", NULL);
	is_int(t.rc, PL_EINPUT, "array of numbers: PL_EINPUT");
	run_free(&t);

	run_read(&t, "{\"result\": []}\n{\"result\": [],\n \"x\": }", NULL);
	is_int(t.rc, PL_EINPUT, "invalid JSON: PL_EINPUT");
	is_int(t.d.n, 0, "invalid JSON: no finding");
	is_str(t.err, "t.json:3:7: invalid JSON: "
	    "unexpected token near '}'\n",
	    "invalid JSON: line and column in the whole file");
	run_free(&t);

	run_read(&t, "{\"result\": []} garbage", NULL);
	is_int(t.rc, PL_EINPUT, "trailing garbage: PL_EINPUT");
	ok(strstr(t.err, "t.json:1:22: invalid JSON: '[' or '{' expected near "
	    "'garbage'") != NULL,
	    "trailing garbage: located");
	run_free(&t);
}

static void
test_deep(void)
{
	struct run t;
	size_t n = 100000;
	char *deep = pl_xmalloc(2 * n + 1);

	memset(deep, '[', n);
	memset(deep + n, ']', n);
	deep[2 * n] = '\0';
	run_read(&t, deep, NULL);
	is_int(t.rc, PL_EINPUT, "deep nesting: refused, no crash");
	ok(strstr(t.err, "depth") != NULL, "deep nesting: jansson's reason");
	run_free(&t);
	free(deep);
}

static void
test_origin(void)
{
	struct run t;

	run_read(&t, "[{\"type\": \"A\", \"name\": \"@\", \"content\":"
	    " \"203.0.113.1\"}, {\"type\": \"A\", \"name\": \"www.example.org\","
	    " \"content\": \"203.0.113.1\"}]", "Example.ORG");
	is_int(t.z->nrecs, 2, "--origin: 2 records");
	is_str(t.z->recs[0].owner, "example.org.", "'@' is the origin");
	is_str(t.z->origin, "example.org.", "--origin wins");
	run_free(&t);

	run_read(&t, "[{\"type\": \"A\", \"name\": \"@\", \"content\":"
	    " \"203.0.113.1\"}]", NULL);
	is_str(rule_of(&t, 0), "syntax-error", "'@' without origin: error");
	run_free(&t);

	run_read(&t, "[{\"type\": \"A\", \"name\": \"a.example.org\", \"content\":"
	    " \"203.0.113.1\"}, {\"type\": \"A\", \"name\": \"b.example.net\","
	    " \"content\": \"203.0.113.1\"}]", NULL);
	ok(t.z->origin == NULL, "no common apex: no origin");
	run_free(&t);

	/* octodns-cloudflare's page 3: one record of another zone. */
	run_read(&t, "[{\"type\": \"A\", \"name\": \"a.b.example\", \"content\":"
	    " \"203.0.113.1\", \"zone_name\": \"b.example\"},"
	    " {\"type\": \"A\", \"name\": \"c.d.example\", \"content\":"
	    " \"203.0.113.1\", \"zone_name\": \"d.example\"},"
	    " {\"type\": \"A\", \"name\": \"e.d.example\", \"content\":"
	    " \"203.0.113.1\", \"zone_name\": \"d.example\"}]", NULL);
	is_str(t.z->origin, "d.example.", "the zone_name of most records");
	run_free(&t);

	run_read(&t, "[{\"type\": \"A\", \"name\": \"a.b.example\", \"content\":"
	    " \"203.0.113.1\"}, {\"type\": \"A\", \"name\": \"B.example\","
	    " \"content\": \"203.0.113.1\"}, {\"type\": \"A\", \"name\":"
	    " \"c.d.b.example\", \"content\": \"203.0.113.1\"}]", NULL);
	is_str(t.z->origin, "b.example.", "the owner all others end with");
	run_free(&t);

	run_read(&t, "[]", NULL);
	is_int(t.rc, 0, "empty array: read");
	is_int(t.z->nrecs, 0, "empty array: no record");
	ok(t.z->origin == NULL, "empty array: no origin");
	run_free(&t);
}

int
main(void)
{
	if ((rules = pl_ruleset_new()) == NULL) {
		printf("Bail out! the built-in rules do not load\n");
		return 1;
	}
	test_basic();
	test_srv();
	test_txt_and_others();
	test_documents();
	test_pages();
	test_errors();
	test_deep();
	test_origin();
	pl_ruleset_free(rules);
	return tap_done();
}
