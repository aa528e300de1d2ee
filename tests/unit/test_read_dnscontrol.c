/* test_read_dnscontrol.c -- the DNSControl print-ir reader, on inline inputs */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "proxylint/lint.h"
#include "proxylint/read.h"
#include "proxylint/rule.h"
#include "proxylint/suppress.h"
#include "tap.h"
#include "proxylint/banned.h"

static struct pl_ruleset *rules;

struct run {
	struct pl_zone	*z;
	struct pl_diags	 d;
	struct pl_suppressions sup;
	int		 rc;
	char		 err[4096];
};

static void
run_read_opts(struct run *t, const char *json, const char *js,
    const char *const *prov, size_t nprov)
{
	struct pl_read_opts o;

	memset(&o, 0, sizeof(o));
	o.path = "ir.json";
	o.dnscontrol_js = js != NULL ? js : "no-such-dnsconfig.js";
	o.dnscontrol_providers = prov;
	o.ndnscontrol_providers = nprov;
	pl_suppressions_init(&t->sup);
	o.sup = &t->sup;
	t->z = pl_zone_new("ir.json", PL_FMT_DNSCONTROL);
	pl_diags_init(&t->d, rules, "ir.json");
	tap_log_begin();
	t->rc = pl_read_dnscontrol(json, strlen(json), &o, t->z, &t->d);
	tap_log_end(t->err, sizeof(t->err));
	pl_diags_sort(&t->d);
}

static void
run_read(struct run *t, const char *json)
{
	run_read_opts(t, json, NULL, NULL, 0);
}

static void
run_free(struct run *t)
{
	pl_diags_release(&t->d);
	pl_suppressions_release(&t->sup);
	pl_zone_free(t->z);
}

static const char *
rule_of(const struct run *t, size_t i)
{
	return i < t->d.n ? t->d.v[i].rule->id : NULL;
}

static const char *
content_of(const struct pl_zone *z, uint32_t i, char *buf)
{
	return i < z->nrecs ? pl_rec_content(&z->recs[i], buf) : "(none)";
}

#define CF_HEAD "{\"dns_providers\": [{\"name\": \"cf\", \"type\": " \
	"\"CLOUDFLAREAPI\"}], \"domains\": [{\"name\": \"example.com\", " \
	"\"dnsProviders\": {\"cf\": -1}, \"meta\": " \
	"{\"dnscontrol_uniquename\": \"example.com\"}, \"records\": ["
#define CF_TAIL "]}]}"

static void
test_types(void)
{
	struct run t;
	char buf[PL_ADDR_TEXT];
	static const char json[] = CF_HEAD
	    "{\"type\": \"A\", \"name\": \"@\", \"target\": \"203.0.113.10\","
	    " \"meta\": {\"cloudflare_proxy\": \"On\"}},"
	    "{\"type\": \"MX\", \"name\": \"@\", \"target\": \"mx.example.net.\"},"
	    "{\"type\": \"SRV\", \"name\": \"_sip._tcp\", \"target\": \"sip\","
	    " \"srvpriority\": 10, \"srvport\": 5060},"
	    "{\"type\": \"TXT\", \"name\": \"t\", \"target\": \"a;b \\\"q\\\"\"},"
	    "{\"type\": \"TXT\", \"name\": \"t2\", \"target\": \"x\","
	    " \"txtstrings\": [\"one\", \"two\"]},"
	    "{\"type\": \"CAA\", \"name\": \"@\", \"target\": \"letsencrypt.org\","
	    " \"caatag\": \"issue\"},"
	    "{\"type\": \"ALIAS\", \"name\": \"@\", \"target\": \"lb.example.net.\","
	    " \"meta\": {\"cloudflare_proxy\": \"full\"}},"
	    "{\"type\": \"CNAME\", \"name\": \"www.example.com\", \"target\": \"@\"},"
	    "{\"type\": \"CF_REDIRECT\", \"name\": \"@\", \"target\": \"x\"},"
	    "{\"type\": \"DS\", \"name\": \"sub\", \"fields\": {\"KeyTag\": 1,"
	    " \"Algorithm\": 13, \"DigestType\": 2, \"Digest\": \"ABCD\"}},"
	    "{\"type\": \"AAAA\", \"name\": \"v6\", \"target\": \"2001:db8::1\","
	    " \"ttl\": 30}"
	    CF_TAIL;

	run_read(&t, json);
	is_int(t.rc, 0, "types: read");
	is_int(t.d.n, 0, "types: no finding");
	is_int(t.z->nrecs, 10, "types: the pseudo-record is skipped");
	if (t.z->nrecs != 10) {
		for (size_t i = 0; i < t.d.n; i++)
			printf("# %s\n", t.d.v[i].message);
		run_free(&t);
		return;
	}
	is_str(t.z->recs[0].owner, "example.com.", "'@' is the apex");
	is_int(t.z->recs[0].proxy, PL_PROXY_PROXIED, "'On' is proxied");
	is_int(t.z->recs[0].ttl, 1, "a left-out TTL is sent as 1");
	is_str(content_of(t.z, 1, buf), "0 mx.example.net.",
	    "a left-out MX preference is 0");
	is_int(t.z->recs[1].proxy, PL_PROXY_DNS_ONLY, "an MX is DNS-only");
	is_str(content_of(t.z, 2, buf), "10 0 5060 sip.example.com.",
	    "SRV fields, a relative target");
	is_int(t.z->recs[2].port, 5060, "SRV port");
	is_str(content_of(t.z, 3, buf), "\"a;b \\\"q\\\"\"",
	    "TXT with ';' and quotes");
	is_str(content_of(t.z, 4, buf), "\"one\" \"two\"", "txtstrings win");
	is_str(content_of(t.z, 5, buf), "0 issue \"letsencrypt.org\"", "CAA");
	is_int(t.z->recs[6].type, LDNS_RR_TYPE_CNAME, "ALIAS is a CNAME");
	is_int(t.z->recs[6].proxy, PL_PROXY_PROXIED, "full is proxied");
	is_str(t.z->recs[7].owner, "www.example.com.",
	    "a name that ends with the domain");
	is_str(t.z->recs[7].target, "example.com.", "target '@'");
	is_int(t.z->recs[7].proxy, PL_PROXY_DNS_ONLY, "default off");
	is_int(t.z->recs[8].type, LDNS_RR_TYPE_DS, "DS from fields");
	is_int(t.z->recs[9].ttl, 60, "a TTL under 60 is sent as 60");
	is_str(pl_rec_pointer(&t.z->recs[9]), "/domains/0/records/10",
	    "the JSON pointer counts the skipped record");
	run_free(&t);
}

static void
test_providers(void)
{
	struct run t;
	static const char *const names[] = { "dns1" };
	static const char json[] =
	    "{\"dns_providers\": [{\"name\": \"dns1\", \"type\": \"-\"}],"
	    " \"domains\": [{\"name\": \"example.com\", \"dnsProviders\":"
	    " {\"dns1\": -1}, \"meta\": {\"dnscontrol_uniquename\":"
	    " \"example.com\"}, \"records\": [{\"type\": \"A\", \"name\":"
	    " \"mail\", \"target\": \"203.0.113.25\"}]}]}";

	run_read(&t, json);
	is_int(t.rc, 0, "providers: read");
	is_int(t.z->nrecs, 0, "not on Cloudflare: no record");
	is_str(rule_of(&t, 0), "domain-not-on-cloudflare", "said once");
	is_int(t.d.n, 1, "only once");
	run_free(&t);
	run_read_opts(&t, json, NULL, names, 1);
	is_int(t.z->nrecs, 1, "--dnscontrol-provider: on Cloudflare");
	is_int(t.d.n, 0, "and no info");
	run_free(&t);

	ok(pl_dnscontrol_name_is_cloudflare("Cloudflare", 10), "Cloudflare");
	ok(pl_dnscontrol_name_is_cloudflare("dns_cloudflare_main", 19),
	    "contains cloudflare");
	ok(pl_dnscontrol_name_is_cloudflare("CF", 2), "cf");
	ok(pl_dnscontrol_name_is_cloudflare("cf-prod", 7), "cf-prod");
	ok(pl_dnscontrol_name_is_cloudflare("prod_cf", 7), "prod_cf");
	ok(!pl_dnscontrol_name_is_cloudflare("cfo", 3), "not cfo");
	ok(!pl_dnscontrol_name_is_cloudflare("mycf", 4), "not mycf");
	ok(!pl_dnscontrol_name_is_cloudflare("bind", 4), "not bind");
}

static void
test_views_and_apexes(void)
{
	struct run t;
	static const char json[] =
	    "{\"dns_providers\": [{\"name\": \"cf\", \"type\": \"CLOUDFLAREAPI\"}],"
	    " \"domains\": ["
	    "{\"name\": \"a.com\", \"dnsProviders\": {\"cf\": -1}, \"records\":"
	    " [{\"type\": \"A\", \"name\": \"@\", \"target\": \"192.0.2.1\"}]},"
	    "{\"name\": \"b.com\", \"dnsProviders\": {\"cf\": -1}, \"records\":"
	    " [{\"type\": \"A\", \"name\": \"www\", \"target\": \"192.0.2.2\"}]},"
	    "{\"name\": \"a.com\", \"tag\": \"inside\", \"dnsProviders\":"
	    " {\"cf\": -1}, \"records\": [{\"type\": \"A\", \"name\": \"@\","
	    " \"target\": \"10.0.0.1\"}]}]}";

	run_read(&t, json);
	is_int(t.rc, 0, "views: read");
	is_int(t.z->nrecs, 2, "two domains in the first zone");
	ok(t.z->next != NULL && t.z->next->nrecs == 1, "a view of its own");
	pl_zone_index(t.z, PL_PROXY_UNKNOWN, 1);
	ok(pl_name_is_apex(t.z, t.z->recs[0].owner), "a.com. is an apex");
	ok(pl_zone_is_apex_text(t.z, "b.com."), "b.com. is an apex");
	ok(!pl_zone_is_apex_text(t.z, "www.b.com."), "www.b.com. is not");
	run_free(&t);
}

static void
test_errors(void)
{
	struct run t;

	run_read(&t, "{\"domains\": [");
	is_int(t.rc, PL_EINPUT, "truncated JSON fails");
	ok(strstr(t.err, "ir.json:1:14: invalid JSON: ") != NULL,
	    "with a place");
	run_free(&t);
	run_read(&t, "[1, 2]");
	is_int(t.rc, PL_EINPUT, "a list is no IR");
	run_free(&t);
	run_read(&t, "{\"domains\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
	    "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}");
	is_int(t.rc, PL_EINPUT, "too deep");
	ok(strstr(t.err, "nested too deep") != NULL, "named limit");
	run_free(&t);
	run_read(&t, "{\"domains\": [{\"name\": \"a\\ud800\"}]}");
	is_int(t.rc, PL_EINPUT, "a lone surrogate fails the input");
	ok(strstr(t.err, "surrogate") != NULL, "says so");
	run_free(&t);
	run_read(&t, "{\"domains\": []} {}");
	is_int(t.rc, PL_EINPUT, "text after the document");
	run_free(&t);
	run_read(&t, "{\"providers\": []}");
	is_int(t.rc, PL_EINPUT, "an object without domains");
	ok(strstr(t.err, "is not DNSControl IR") != NULL, "says so");
	run_free(&t);
	run_read(&t, CF_HEAD "{\"type\": \"A\", \"name\": \"x\", \"target\":"
	    " \"1.2.3.4\", \"meta\": {\"cloudflare_proxy\": \"yes\"}},"
	    "{\"type\": \"BOGUS\", \"name\": \"x\", \"target\": \"1\"},"
	    "{\"type\": \"MX\", \"name\": \"x\", \"target\": \"m.\","
	    " \"mxpreference\": 70000}" CF_TAIL);
	is_int(t.rc, 0, "bad records: read");
	is_int(t.d.n, 3, "three syntax errors");
	is_str(rule_of(&t, 0), "syntax-error", "bad proxy value");
	is_int(t.z->nrecs, 1, "the bad flag's record is kept");
	is_int(t.z->recs[0].proxy, PL_PROXY_UNKNOWN, "its state unknown");
	run_free(&t);
}

static void
test_positions(void)
{
	struct run t;
	char path[] = "/tmp/pl-dnsc-XXXXXX";
	int fd = mkstemp(path);
	static const char js[] =
	    "var CF = NewDnsProvider(\"cf\", \"CLOUDFLAREAPI\");\n"
	    "D(\"example.com\", REG, DnsProvider(CF),\n"
	    "    A(\"mail\", \"203.0.113.25\", CF_PROXY_ON),\n"
	    ");\n";

	if (fd < 0 || write(fd, js, sizeof(js) - 1) != (ssize_t)(sizeof(js) -
	    1)) {
		ok(0, "positions: cannot write the .js");
		return;
	}
	close(fd);
	run_read_opts(&t, CF_HEAD
	    "{\"type\": \"A\", \"name\": \"mail\", \"target\": \"203.0.113.25\","
	    " \"filepos\": \"[line:3:5]\"},"
	    "{\"type\": \"A\", \"name\": \"smtp\", \"target\": \"203.0.113.26\","
	    " \"filepos\": \"[line:2:5]\"}" CF_TAIL, path, NULL, 0);
	is_int(t.rc, 0, "positions: read");
	is_int(t.z->recs[0].line, 3, "line from filepos");
	is_int(pl_rec_col(&t.z->recs[0]), 5, "column");
	is_str(pl_zone_record_file(t.z, &t.z->recs[0]), path, "in the .js");
	is_int(t.z->recs[1].line, 0, "no call there: the IR");
	run_free(&t);
	unlink(path);
}

/* JSON details: a byte order mark, escaped keys and values, a second
 * "domains", the domains before the providers. */
static void
test_json_forms(void)
{
	struct run t;

	run_read(&t, "\xef\xbb\xbf" CF_HEAD "{\"t\\u0079pe\": \"A\","
	    " \"name\": \"w\\u0077w\", \"target\": \"192.0.2.1\","
	    " \"meta\": {\"cloudflare_proxy\": \"\\u006Fn\"}}"
	    "]}], \"domains\": [{\"name\": \"other.com\"}]}");
	is_int(t.rc, 0, "a byte order mark, escapes: read");
	is_int(t.z->nrecs, 1, "one record: the second \"domains\" is left");
	if (t.z->nrecs == 1) {
		is_str(t.z->recs[0].owner, "www.example.com.",
		    "an escaped key and name");
		is_int(t.z->recs[0].proxy, PL_PROXY_PROXIED,
		    "an escaped proxy value");
	}
	run_free(&t);
	/* print-ir sorts its keys: "dns_providers" < "domains"; a hand-made
	 * IR may have the domains first: read again once the providers are
	 * known. */
	run_read(&t, "{\"domains\": [{\"name\": \"example.com\","
	    " \"dnsProviders\": {\"cf\": -1}, \"records\": [{\"type\":"
	    " \"A\", \"name\": \"@\", \"target\": \"192.0.2.1\"}]}],"
	    " \"dns_providers\": [{\"name\": \"cf\", \"type\":"
	    " \"CLOUDFLAREAPI\"}]}");
	is_int(t.rc, 0, "domains before providers: read");
	is_int(t.z->nrecs, 1, "and its record, on Cloudflare");
	is_int(t.d.n, 0, "no finding");
	run_free(&t);
}

/* The .js's directives, found by the reader (the filter does no I/O). */
static void
test_js_directives(void)
{
	struct run t;
	char path[] = "/tmp/pl-dnsc-XXXXXX";
	int fd = mkstemp(path);
	static const char js[] =
	    "D(\"example.com\", REG, DnsProvider(CF),\n"
	    "    A(\"mail\", \"203.0.113.25\", CF_PROXY_ON), "
	    "// proxylint: ignore[mail-host-proxied] a relay\n"
	    "    // proxylint: ignore[web-host-dns-only] below\n"
	    "    /* more */\n"
	    "    A(\"www\", \"203.0.113.26\"),\n"
	    "    TXT(\"t\", \"// proxylint: ignore[x] in a string\"),\n"
	    ");\n";

	if (fd < 0 || write(fd, js, sizeof(js) - 1) != (ssize_t)(sizeof(js) -
	    1)) {
		ok(0, "directives: cannot write the .js");
		return;
	}
	close(fd);
	run_read_opts(&t, CF_HEAD "{\"type\": \"A\", \"name\": \"mail\","
	    " \"target\": \"203.0.113.25\", \"filepos\": \"[line:2:5]\"}"
	    CF_TAIL, path, NULL, 0);
	is_int(t.rc, 0, "directives: read");
	is_int(t.sup.n, 2, "two directives; none in a string");
	if (t.sup.n == 2) {
		is_int(t.sup.v[0].line, 2, "on the record's line");
		is_int(t.sup.v[0].target, 2, "covers it");
		is_int(t.sup.v[1].line, 3, "a comment line");
		is_int(t.sup.v[1].target, 5, "covers the line below the "
		    "comments");
		is_str(t.sup.v[0].file, pl_zone_record_file(t.z,
		    &t.z->recs[0]), "named as the records' file");
	}
	run_free(&t);
	unlink(path);
}

/* Through the pipeline: the views are linted apart, the input counts
 * once. */
static void
test_pipeline_views(void)
{
	static const char json[] =
	    "{\"dns_providers\": [{\"name\": \"cf\", \"type\": \"CLOUDFLAREAPI\"}],"
	    " \"domains\": ["
	    "{\"name\": \"a.com\", \"dnsProviders\": {\"cf\": -1}, \"records\":"
	    " [{\"type\": \"A\", \"name\": \"www\", \"target\": \"192.0.2.1\","
	    " \"meta\": {\"cloudflare_proxy\": \"on\"}},"
	    " {\"type\": \"A\", \"name\": \"x\", \"target\": \"192.0.2.3\","
	    " \"meta\": {\"cloudflare_proxy\": \"?\"}}]},"
	    "{\"name\": \"a.com\", \"tag\": \"inside\", \"dnsProviders\":"
	    " {\"cf\": -1}, \"records\": [{\"type\": \"A\", \"name\": \"www\","
	    " \"target\": \"10.0.0.1\"}, {\"type\": \"A\", \"name\": \"y\","
	    " \"target\": \"10.0.0.3\", \"meta\": {\"cloudflare_proxy\":"
	    " \"?\"}}]}]}";
	struct pl_lint_ctx cx = { .rules = rules, .input_format =
	    PL_FMT_DNSCONTROL, .inline_ignores = true, .threads = 1,
	    .dnscontrol_js = "no-such-dnsconfig.js" };
	struct pl_lint_input in = { .path = "ir.json", .data = json,
	    .len = sizeof(json) - 1 };
	struct pl_lint_result res;
	size_t mixed = 0, unknown = 0;
	char err[1024];

	tap_log_begin();
	is_int(pl_lint_input(&cx, &in, &res), 0, "views: linted");
	tap_log_end(err, sizeof(err));
	is_int(res.records, 4, "records over both views");
	ok(res.zone != NULL && res.zone->next != NULL &&
	    res.zone->next->next == NULL, "two zones");
	for (size_t i = 0; i < res.diags.n; i++) {
		const struct pl_diag *g = &res.diags.v[i];

		if (strcmp(g->rule->id, "mixed-proxy-status") == 0)
			mixed++;
		if (strcmp(g->rule->id, "proxy-status-unknown") == 0) {
			struct pl_diag_text dt;

			unknown++;
			pl_diag_text(g, &dt);
			ok(strstr(dt.message, "state: 2;") != NULL,
			    "counted over the views: %s", dt.message);
			pl_diag_text_release(&dt);
		}
	}
	is_int(mixed, 0, "www of one view does not mix with www of the "
	    "other");
	is_int(unknown, 1, "proxy-status-unknown once for the input");
	pl_lint_result_release(&res);
}

int
main(void)
{
	if ((rules = pl_ruleset_new()) == NULL) {
		printf("Bail out! the built-in rules do not load\n");
		return 1;
	}
	test_types();
	test_providers();
	test_views_and_apexes();
	test_errors();
	test_positions();
	test_json_forms();
	test_js_directives();
	test_pipeline_views();
	pl_ruleset_free(rules);
	return tap_done();
}
