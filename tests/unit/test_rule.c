/* test_rule.c -- rule loader, glob and address-range helpers, built-in rules */
/* SPDX-License-Identifier: MIT */
#include <arpa/inet.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxylint/diag.h"
#include "proxylint/engine.h"
#include "proxylint/filter.h"
#include "proxylint/read.h"
#include "proxylint/lint.h"
#include "proxylint/rule.h"
#include "proxylint/zone.h"
#include "tap.h"

/* ------------------------------------------------------------------ globs */

static void
glob(const char *pattern, const char *name, int want)
{
	is_int(pl_glob_match(pattern, name), want, "glob '%s' on '%s'",
	    pattern, name);
}

static void
test_glob(void)
{
	glob("example.com", "example.com", 1);
	glob("example.com", "example.com.", 1);
	glob("example.com", "EXAMPLE.COM.", 1);
	glob("EXAMPLE.com", "example.COM", 1);
	glob("example.com", "www.example.com", 0);
	glob("example.com", "example.co", 0);
	glob("example.com", "example.comm", 0);
	glob("*.example.com", "www.example.com", 1);
	glob("*.example.com", "www.example.com.", 1);
	glob("*.example.com", "a.b.example.com", 1);
	glob("*.example.com", "example.com", 0);
	glob("*.example.com", "example.com.", 0);
	glob("*.example.com", "badexample.com", 0);
	glob("*.example.com", "www.example.com.evil.net", 0);
	glob("*.github.io", "notgithub.io", 0);
	glob("*.github.io", "user.github.io.example.net.", 0);
	glob("*", "", 1);
	glob("*", "anything.at.all.", 1);
	glob("?", "a", 1);
	glob("?", "", 0);
	glob("?", "ab", 0);
	glob("a?c", "abc", 1);
	glob("a?c", "a.c", 1);
	glob("a?c", "ac", 0);
	glob("a*b*c", "aXbYc", 1);
	glob("a*b*c", "abc", 1);
	glob("a*b*c", "aXbY", 0);
	glob("*x", "xx", 1);
	glob("**.x", "a.x", 1);
	glob("", "", 1);
	glob("", "a", 0);
	/* patterns of the built-in rules */
	glob("u*.wl*.sendgrid.net", "u1234567.wl056.sendgrid.net.", 1);
	glob("u*.wl*.sendgrid.net", "url6012.sendgrid.net.", 0);
	glob("u*.wl*.sendgrid.net", "sendgrid.net.", 0);
	glob("*.domainkey.u*.wl*.sendgrid.net",
	    "s1.domainkey.u1234567.wl056.sendgrid.net.", 1);
	glob("*.vercel-dns-*.com", "cname.vercel-dns-0.com.", 1);
	glob("*.vercel-dns-*.com", "1a2b.vercel-dns-017.com.", 1);
	glob("*.vercel-dns-*.com", "cname.vercel-dns.com.", 0);
	glob("*.sites-proxy.hscoscdn*.net", "123.sites-proxy.hscoscdn10.net.",
	    1);
	glob("commcloud.*.cc-ecdn.net", "commcloud.prod-abc.cc-ecdn.net.", 1);
	glob("commcloud.*.cc-ecdn.net", "commcloud.cc-ecdn.net.", 0);
	glob("_dc-mx.*", "_dc-mx.a1b2c3d4e5f6.example.com.", 1);
	glob("_dc-mx.*", "_dc-mx.", 0);
	glob("_dc-mx.*", "dc-mx.a1b2.example.com.", 0);
	glob("*._domainkey.zendesk.com", "zendesk1._domainkey.zendesk.com.", 1);
}

/* ---------------------------------------------------------- address ranges */

static int
addr(const char *s, int *family, uint8_t *out)
{
	memset(out, 0, 16);
	if (inet_pton(AF_INET, s, out) == 1) {
		*family = 4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, out) == 1) {
		*family = 6;
		return 0;
	}
	return -1;
}

static void
range_ok(const char *text, int family, int plen)
{
	struct pl_range r;

	is_int(pl_range_parse(text, &r), 0, "range '%s' parses", text);
	is_int(r.family, family, "range '%s' family", text);
	is_int(r.plen, plen, "range '%s' prefix length", text);
}

static void
range_bad(const char *text)
{
	struct pl_range r;

	is_int(pl_range_parse(text, &r), -1, "range '%s' is refused", text);
}

static void
contains(const char *range, const char *a, int want)
{
	struct pl_range r;
	uint8_t buf[16];
	int family = 0;

	if (pl_range_parse(range, &r) != 0 || addr(a, &family, buf) != 0) {
		ok(0, "range '%s' / address '%s' parse", range, a);
		return;
	}
	is_int(pl_range_contains(&r, family, buf), want, "'%s' in '%s'", a,
	    range);
}

static void
test_ranges(void)
{
	struct pl_range r;

	range_ok("10.0.0.0/8", 4, 8);
	range_ok("192.0.2.1", 4, 32);
	range_ok("0.0.0.0/0", 4, 0);
	range_ok("2606:4700::/32", 6, 32);
	range_ok("::1", 6, 128);
	range_ok("::/0", 6, 0);
	range_ok("fc00::/7", 6, 7);
	range_ok("100::/64", 6, 64);
	is_int(pl_range_parse("10.0.0.0/8", &r), 0, "10.0.0.0/8 again");
	is_int(r.addr[0], 10, "10.0.0.0/8 first octet");
	is_int(r.addr[1] | r.addr[2] | r.addr[3], 0, "10.0.0.0/8 host octets");
	is_int(pl_range_parse("2606:4700::/32", &r), 0, "2606:4700::/32 again");
	is_int(r.addr[0], 0x26, "2606:4700:: octet 0");
	is_int(r.addr[1], 0x06, "2606:4700:: octet 1");
	is_int(r.addr[2], 0x47, "2606:4700:: octet 2");
	is_int(r.addr[3], 0x00, "2606:4700:: octet 3");

	range_bad("");
	range_bad("/8");
	range_bad("abc");
	range_bad("example.com");
	range_bad("300.0.0.0/8");
	range_bad("10.0.0/8");
	range_bad("10.0.0.0/");
	range_bad("10.0.0.0/33");
	range_bad("10.0.0.0/-1");
	range_bad("10.0.0.0/8x");
	range_bad("10.0.0.0/8/8");
	range_bad("10.0.0.0 /8");
	range_bad(" 10.0.0.0/8");
	range_bad("10.0.0.1/8");	/* host bits set */
	range_bad("192.0.2.1/24");
	range_bad("fe80::/129");
	range_bad("fe80::1/10");
	range_bad("2001:db8::g/32");
	range_bad("2001:db8:::/32");
	range_bad("1111:2222:3333:4444:5555:6666:7777:8888:9999/128");

	contains("10.0.0.0/8", "10.0.0.0", 1);
	contains("10.0.0.0/8", "10.255.255.255", 1);
	contains("10.0.0.0/8", "11.0.0.0", 0);
	contains("10.0.0.0/8", "9.255.255.255", 0);
	contains("172.16.0.0/12", "172.16.0.1", 1);
	contains("172.16.0.0/12", "172.31.255.255", 1);
	contains("172.16.0.0/12", "172.32.0.0", 0);
	contains("172.16.0.0/12", "172.15.255.255", 0);
	contains("100.64.0.0/10", "100.127.255.255", 1);
	contains("100.64.0.0/10", "100.128.0.0", 0);
	contains("192.0.2.1", "192.0.2.1", 1);
	contains("192.0.2.1", "192.0.2.2", 0);
	contains("0.0.0.0/0", "203.0.113.7", 1);
	contains("0.0.0.0/0", "::1", 0);	/* other family */
	contains("::/0", "10.0.0.1", 0);
	contains("::/0", "2001:db8::1", 1);
	contains("2606:4700::/32", "2606:4700:3033::6815:1a2b", 1);
	contains("2606:4700::/32", "2606:4701::", 0);
	contains("2a06:98c0::/29", "2a06:98c7:ffff::1", 1);
	contains("2a06:98c0::/29", "2a06:98c8::", 0);
	contains("fc00::/7", "fd12:3456::1", 1);
	contains("fc00::/7", "fe00::1", 0);
	contains("::/128", "::", 1);
	contains("::/128", "::1", 0);
	contains("100::/64", "100::", 1);
	contains("100::/64", "100::ffff:ffff:ffff:ffff", 1);
	contains("100::/64", "100:0:0:1::", 0);
}

/* ----------------------------------------------------------- rule loading */

/*
 * Loads text into rs and captures what the loader prints on stderr into
 * err (NUL-terminated, at most errlen - 1 octets).  Returns the loader's
 * return value.
 */
static int
load(struct pl_ruleset *rs, const char *name, const char *text, char *err,
    size_t errlen)
{
	int rc;

	tap_log_begin();
	rc = pl_ruleset_load_text(rs, name, text, strlen(text));
	tap_log_end(err, errlen);
	return rc;
}

#define HEAD \
	"use-case: acme\n" \
	"title: ACME\n" \
	"doc: https://docs.acme.test/\n" \
	"rules:\n"
/* A complete rule of check kind "target": 12 lines, 5-16 after HEAD. */
#define RULE(id, extra) \
	"  - id: " id "\n" \
	"    severity: warning\n" \
	"    check: target\n" \
	"    when: proxied\n" \
	"    types: [CNAME]\n" \
	"    targets: [\"*.acme.test\"]\n" \
	extra \
	"    summary: a proxied CNAME points to ACME\n" \
	"    message: \"proxied CNAME '{name}' points to '{target}'\"\n" \
	"    fix: \"Set the CNAME to DNS-only.\"\n" \
	"    explain: \"ACME needs the CNAME.\"\n" \
	"    example: \"www.example.com. 1 IN CNAME a.acme.test.\"\n" \
	"    sources: [\"https://docs.acme.test/\"]\n"

/* Loading must fail with exactly this message on stderr, and leave rs
 * as it was. */
static void
load_error(const char *text, const char *want)
{
	struct pl_ruleset *rs = pl_ruleset_new();
	size_t n0 = rs ? rs->n : 0;
	char err[1024];
	int rc;

	if (rs == NULL) {
		ok(0, "built-in rules load");
		return;
	}
	rc = load(rs, "custom/acme.yaml", text, err, sizeof(err));
	is_int(rc, PL_ERULES, "invalid file refused: %s", want);
	is_str(err, want, "error message");
	is_int(rs->n, n0, "ruleset unchanged after: %s", want);
	ok(pl_ruleset_find(rs, "acme-target-proxied") == NULL,
	    "no rule of the invalid file added: %s", want);
	pl_ruleset_free(rs);
}

/* Loading must fail, with a message that starts with prefix and holds
 * part. */
static void
load_error_like(const char *text, const char *prefix, const char *part)
{
	struct pl_ruleset *rs = pl_ruleset_new();
	size_t n0 = rs ? rs->n : 0;
	char err[1024];
	int rc;

	if (rs == NULL) {
		ok(0, "built-in rules load");
		return;
	}
	rc = load(rs, "custom/acme.yaml", text, err, sizeof(err));
	is_int(rc, PL_ERULES, "invalid file refused: %s", part);
	ok(strncmp(err, prefix, strlen(prefix)) == 0, "message '%s' starts "
	    "with '%s'", err, prefix);
	ok(strstr(err, part) != NULL, "message '%s' holds '%s'", err, part);
	is_int(rs->n, n0, "ruleset unchanged after: %s", part);
	pl_ruleset_free(rs);
}

static void
test_loader_errors(void)
{
	/* unknown key, at the key */
	load_error(HEAD RULE("acme-target-proxied", "    colour: red\n"),
	    "custom/acme.yaml:11:5: unknown key 'colour'\n");
	/* unknown top-level key */
	load_error("use-case: acme\nversion: 2\n" "title: ACME\n"
	    "doc: https://docs.acme.test/\nrules: []\n",
	    "custom/acme.yaml:2:1: unknown key 'version'\n");
	/* unknown check kind, at its value */
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    check: regex\n"
	    "    when: proxied\n"
	    "    summary: s\n    message: m\n    fix: f\n",
	    "custom/acme.yaml:7:12: unknown check kind 'regex'\n");
	/* unknown severity, at its value */
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: critical\n"
	    "    check: target\n",
	    "custom/acme.yaml:6:15: unknown severity 'critical' "
	    "(expected error, warning or info)\n");
	/* "off" is for a config file, not a rule file */
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: off\n"
	    "    check: target\n",
	    "custom/acme.yaml:6:15: unknown severity 'off' "
	    "(expected error, warning or info)\n");
	/* unknown 'when' */
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    check: target\n"
	    "    when: always\n",
	    "custom/acme.yaml:8:11: unknown 'when' value 'always' (expected "
	    "proxied, dns-only or any)\n");
	/* a data key that the check kind does not read */
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    check: name\n"
	    "    ports: [22]\n",
	    "custom/acme.yaml:8:5: key 'ports' is not used by check kind "
	    "'name'\n");
	/* bad list items, at the item */
	load_error(HEAD RULE("acme-target-proxied",
	    "    addresses: [10.0.0.0/8, 10.0.0.1/8]\n"),
	    "custom/acme.yaml:11:29: invalid address range '10.0.0.1/8'\n");
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    check: srv-target\n"
	    "    ports: [80, 70000]\n",
	    "custom/acme.yaml:8:17: invalid port '70000'\n");
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    check: target\n"
	    "    types: [A, BOGUS]\n",
	    "custom/acme.yaml:8:16: unknown record type 'BOGUS'\n");
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    check: target\n"
	    "    formats: [bind, zonefile]\n",
	    "custom/acme.yaml:8:21: unknown input format 'zonefile' (expected "
	    "bind, cloudflare-json, terraform-plan, octodns, terraform or dnscontrol)\n");
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    check: name\n"
	    "    label-digits: yes\n",
	    "custom/acme.yaml:8:19: 'label-digits' must be true or false\n");
	/* message placeholders */
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    check: target\n"
	    "    message: \"'{name}' points to {host}\"\n",
	    "custom/acme.yaml:8:14: unknown placeholder '{host}' in message\n");
	/* ids */
	load_error(HEAD "  - id: Acme_Target\n"
	    "    severity: warning\n"
	    "    check: target\n",
	    "custom/acme.yaml:5:9: rule id 'Acme_Target' must be kebab-case\n");
	load_error(HEAD RULE("acme-target-proxied", "")
	    RULE("acme-target-proxied", ""),
	    "custom/acme.yaml:17:5: rule 'acme-target-proxied' is defined "
	    "twice\n");
	/* required keys, reported at the rule */
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    check: target\n"
	    "    when: proxied\n"
	    "    summary: s\n"
	    "    message: m\n",
	    "custom/acme.yaml:5:5: rule 'acme-target-proxied' has no 'fix'\n");
	load_error(HEAD "  - id: acme-target-proxied\n"
	    "    severity: warning\n"
	    "    when: proxied\n",
	    "custom/acme.yaml:5:5: rule has no 'check' kind\n");
	/* shapes */
	load_error("- just\n- a list\n",
	    "custom/acme.yaml:1:1: a rule file is a mapping with 'use-case', "
	    "'title', 'doc' and 'rules'\n");
	load_error("use-case: acme\ntitle: ACME\nrules: {}\n",
	    "custom/acme.yaml:3:8: 'rules' must be a list\n");
	load_error("title: ACME\nrules: []\n",
	    "custom/acme.yaml:1:1: rule file has no 'use-case'\n");
	load_error(HEAD "  - just a string\n",
	    "custom/acme.yaml:5:5: a rule must be a mapping of keys\n");
	/* YAML syntax errors come with libyaml's mark, 1-based */
	load_error_like("use-case: acme\nrules: [\n", "custom/acme.yaml:3:1: ",
	    "");
	load_error_like("use-case: acme\n  title: x\n", "custom/acme.yaml:2:",
	    "");

	/*
	 * rules/README.md: when, explain, example and sources are required
	 * keys of a rule, like summary, message and fix.
	 */
	{
		static const char *const keys[] = {
			"when", "explain", "example", "sources", NULL,
		};
		char text[2048], want[128], rule[1024];

		for (int i = 0; keys[i] != NULL; i++) {
			const char *src = RULE("acme-target-proxied", "");
			char *line;

			snprintf(rule, sizeof(rule), "%s", src);
			snprintf(want, sizeof(want), "    %s:", keys[i]);
			if ((line = strstr(rule, want)) != NULL) {
				char *eol = strchr(line, '\n');

				memmove(line, eol + 1, strlen(eol + 1) + 1);
			}
			snprintf(text, sizeof(text), "%s%s", HEAD, rule);
			snprintf(want, sizeof(want), "has no '%s'", keys[i]);
			load_error_like(text, "custom/acme.yaml:5:5: ", want);
		}
	}
}

static size_t
index_of(const struct pl_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->rules[i]->id, id) == 0)
			return i;
	return (size_t)-1;
}

static void
test_loader_replace(void)
{
	struct pl_ruleset *rs = pl_ruleset_new();
	const struct pl_rule *r, *old;
	size_t n0, at, auth_at;
	unsigned section;
	char err[1024];

	if (rs == NULL) {
		ok(0, "built-in rules load");
		return;
	}
	n0 = rs->n;
	old = pl_ruleset_find(rs, "mail-host-proxied");
	ok(old != NULL, "mail-host-proxied is built in");
	if (old == NULL) {
		pl_ruleset_free(rs);
		return;
	}
	is_int(old->severity, PL_SEV_ERROR, "built-in mail-host-proxied is "
	    "an error");
	section = old->section;
	at = index_of(rs, "mail-host-proxied");
	auth_at = index_of(rs, "mail-auth-target-proxied");

	/* A rule of the same id replaces the built-in one, in its place. */
	is_int(load(rs, "custom/email.yaml",
	    "use-case: email\n"
	    "title: Email\n"
	    "doc: https://developers.cloudflare.com/dns/proxy-status/"
	    "use-cases/#email\n"
	    "rules:\n"
	    "  - id: mail-host-proxied\n"
	    "    severity: info\n"
	    "    check: mail-host\n"
	    "    when: proxied\n"
	    "    types: [A, AAAA, CNAME]\n"
	    "    labels: [mail]\n"
	    "    summary: site policy\n"
	    "    message: \"mail host '{name}' is proxied\"\n"
	    "    fix: \"Set it to DNS-only.\"\n"
	    "    explain: \"Ours.\"\n"
	    "    example: \"mail.example.com. 1 IN A 203.0.113.25\"\n"
	    "    sources: [\"site policy\"]\n", err, sizeof(err)), 0,
	    "replacement loads");
	is_str(err, "", "no message for a valid file");
	is_int(rs->n, n0, "a replacement adds no rule");
	r = pl_ruleset_find(rs, "mail-host-proxied");
	ok(r != NULL, "mail-host-proxied still there");
	if (r != NULL) {
		is_int(r->severity, PL_SEV_INFO, "replacement's severity");
		is_int(r->default_severity, PL_SEV_INFO,
		    "replacement's default severity");
		is_str(r->summary, "site policy", "replacement's summary");
		is_int(PL_RULE_DATA(r, LABELS)->strs.n, 1, "keys are not "
		    "inherited: one label");
		is_int(PL_RULE_DATA(r, WEB_LABELS)->strs.n, 0, "keys are not "
		    "inherited: no "
		    "web-labels");
		is_int(r->section, section, "same use case");
		is_str(r->file, "custom/email.yaml", "defined in the new file");
		is_int(r->line, 5, "defined at line 5");
	}
	is_int(index_of(rs, "mail-host-proxied"), at, "it takes the place "
	    "of the built-in rule");
	ok(index_of(rs, "mail-auth-target-proxied") == auth_at &&
	    auth_at < at, "mail-auth-target-proxied still comes first");

	/* A new id in an existing use case goes after its rules. */
	is_int(load(rs, "custom/email2.yaml",
	    "use-case: email\n"
	    "title: Email\n"
	    "doc: https://developers.cloudflare.com/dns/proxy-status/"
	    "use-cases/#email\n"
	    "rules:\n"
	    RULE("acme-target-proxied", ""), err, sizeof(err)), 0,
	    "new rule in the email use case loads");
	is_int(rs->n, n0 + 1, "one rule more");
	r = pl_ruleset_find(rs, "acme-target-proxied");
	ok(r != NULL && r->section == section, "in the email use case");
	{
		size_t i = index_of(rs, "acme-target-proxied");
		int last = 1;

		for (size_t j = 0; j < rs->n; j++)
			if (rs->rules[j]->section == section && j > i)
				last = 0;
		ok(i != (size_t)-1 && last, "after the other email rules");
		ok(i > 0 && rs->rules[i - 1]->section == section,
		    "right after them");
	}
	/* A new use case is a new section after the built-in ones. */
	is_int(load(rs, "custom/acme.yaml",
	    HEAD RULE("acme-cdn-proxied", ""), err, sizeof(err)), 0,
	    "new use case loads");
	is_int(rs->n, n0 + 2, "two rules more");
	r = rs->rules[rs->n - 1];
	is_str(r->id, "acme-cdn-proxied", "the new use case's rule is last");
	is_str(r->use_case, "acme", "its use case");
	is_str(r->use_case_title, "ACME", "its use case title");
	is_str(r->doc, "https://docs.acme.test/", "the file's doc link");
	is_str(rs->sections[rs->nsections - 1], "acme", "last section");
	pl_ruleset_free(rs);
}

/* ------------------------------------------------------- built-in rules */

struct catalogue_entry {
	const char		*id;
	enum pl_severity	 sev;
	const char		*use_case;
};

/* ../shared/docs/rules.md, plus include-refused and input-truncated of
 * rules/input.yaml and unused-suppression of rules/suppressions.yaml. */
static const struct catalogue_entry catalogue[] = {
	{ "proxied-unsupported-type", PL_SEV_ERROR, "proxy-eligibility" },
	{ "proxied-private-address", PL_SEV_ERROR, "proxy-eligibility" },
	{ "proxied-cloudflare-address", PL_SEV_ERROR, "proxy-eligibility" },
	{ "proxied-blocked-target", PL_SEV_ERROR, "proxy-eligibility" },
	{ "proxied-ttl-not-auto", PL_SEV_WARNING, "proxy-eligibility" },
	{ "mixed-proxy-status", PL_SEV_WARNING, "proxy-eligibility" },
	{ "cloudflare-target-dns-only", PL_SEV_ERROR, "proxy-eligibility" },
	{ "mail-host-proxied", PL_SEV_ERROR, "email" },
	{ "mx-target-shares-web-host", PL_SEV_WARNING, "email" },
	{ "mail-auth-target-proxied", PL_SEV_ERROR, "email" },
	{ "stale-dc-record", PL_SEV_WARNING, "email" },
	{ "underscore-name-proxied", PL_SEV_ERROR, "domain-verification" },
	{ "verification-target-proxied", PL_SEV_ERROR, "domain-verification" },
	{ "saas-target-proxied", PL_SEV_WARNING, "saas" },
	{ "non-http-host-proxied", PL_SEV_WARNING, "non-http" },
	{ "srv-target-proxied", PL_SEV_WARNING, "non-http" },
	{ "cdn-target-proxied", PL_SEV_WARNING, "other-cdn" },
	{ "webhook-host-proxied", PL_SEV_INFO, "api-webhook" },
	{ "web-host-dns-only", PL_SEV_INFO, "proxied-records" },
	{ "origin-ip-exposed", PL_SEV_WARNING, "proxied-records" },
	{ "proxy-status-unknown", PL_SEV_INFO, "input" },
	{ "domain-not-on-cloudflare", PL_SEV_INFO, "input" },
	{ "malformed-cf-tags", PL_SEV_WARNING, "input" },
	{ "syntax-error", PL_SEV_ERROR, "input" },
	{ "not-known-before-plan", PL_SEV_INFO, "input" },
	{ "zone-unknown", PL_SEV_INFO, "input" },
	{ "include-refused", PL_SEV_ERROR, "input" },
	{ "input-truncated", PL_SEV_WARNING, "input" },
	{ "unused-suppression", PL_SEV_INFO, "suppressions" },
};
#define NCATALOGUE (sizeof(catalogue) / sizeof(catalogue[0]))

static int
nonempty(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static void
test_builtin(void)
{
	struct pl_ruleset *rs = pl_ruleset_new();
	static const char *const order[] = {
		"proxy-eligibility", "email", "domain-verification", "saas",
		"non-http", "other-cdn", "api-webhook", "proxied-records",
		"input", "suppressions", NULL,
	};

	ok(rs != NULL, "built-in rules load");
	if (rs == NULL)
		return;
	is_int(rs->n, NCATALOGUE, "as many rules as the catalogue");
	for (size_t i = 0; i < NCATALOGUE; i++) {
		const struct pl_rule *r = pl_ruleset_find(rs, catalogue[i].id);

		ok(r != NULL, "'%s' is built in", catalogue[i].id);
		if (r == NULL)
			continue;
		is_int(r->severity, catalogue[i].sev, "'%s' severity",
		    r->id);
		is_int(r->default_severity, catalogue[i].sev,
		    "'%s' default severity", r->id);
		is_str(r->use_case, catalogue[i].use_case, "'%s' use case",
		    r->id);
	}
	for (size_t i = 0; i < rs->n; i++) {
		const struct pl_rule *r = rs->rules[i];

		ok(nonempty(r->summary), "'%s' has a summary", r->id);
		ok(nonempty(r->message), "'%s' has a message", r->id);
		ok(nonempty(r->fix), "'%s' has a fix", r->id);
		ok(nonempty(r->explain), "'%s' has an explanation", r->id);
		ok(nonempty(r->example), "'%s' has an example", r->id);
		ok(nonempty(r->use_case_title), "'%s' has a use-case title",
		    r->id);
		ok(r->sources.n > 0, "'%s' names its sources", r->id);
		/* The suppression rules are about proxylint itself. */
		if (strcmp(r->use_case, "suppressions") == 0)
			ok(r->doc != NULL && strncmp(r->doc, "https://", 8) ==
			    0, "'%s' links proxylint's docs (%s)", r->id,
			    r->doc ? r->doc : "none");
		else
			ok(r->doc != NULL && strncmp(r->doc,
			    "https://developers.cloudflare.com/", 34) == 0,
			    "'%s' links Cloudflare's docs (%s)", r->id,
			    r->doc ? r->doc : "none");
		ok(r->kind != NULL, "'%s' has a check kind", r->id);
		{
			int dup = 0;

			for (size_t j = 0; j < i; j++)
				if (strcmp(rs->rules[j]->id, r->id) == 0)
					dup = 1;
			ok(!dup, "'%s' is defined once", r->id);
		}
	}
	/* use cases in the order of the catalogue, rules grouped by them */
	{
		size_t k = 0;
		int in_order = 1;

		for (size_t i = 0; i < rs->n; i++) {
			while (order[k] != NULL &&
			    strcmp(order[k], rs->rules[i]->use_case) != 0)
				k++;
			if (order[k] == NULL)
				in_order = 0;
		}
		ok(in_order, "use cases in catalogue order");
		is_int(rs->nsections, 10, "ten use cases");
		for (size_t i = 0; i < rs->nsections && order[i]; i++)
			is_str(rs->sections[i], order[i], "section %zu", i);
	}
	/* precedence within a use case: a target list before a label name */
	ok(index_of(rs, "mail-auth-target-proxied") <
	    index_of(rs, "mail-host-proxied"), "email: target list first");
	ok(index_of(rs, "verification-target-proxied") <
	    index_of(rs, "underscore-name-proxied"),
	    "domain verification: target list first");
	ok(index_of(rs, "srv-target-proxied") <
	    index_of(rs, "non-http-host-proxied"), "non-http: SRV first");
	ok(index_of(rs, "origin-ip-exposed") <
	    index_of(rs, "web-host-dns-only"), "proxied records: origin first");
	pl_ruleset_free(rs);
}

/*
 * The example of every rule (shown by --explain) is a record that fires:
 * lint it, with the records a cross-record rule needs beside it, and look
 * for the rule's id.  Examples of other input formats are skipped.
 */
static const struct {
	const char	*id;
	const char	*context;
} example_context[] = {
	{ "mx-target-shares-web-host",
	    "www.example.com.\t1\tIN\tCNAME\texample.com. "
	    "; cf_tags=cf-proxied:true\n" },
	{ "srv-target-proxied",
	    "_minecraft._tcp.example.com.\t1\tIN\tSRV\t0 5 25565 "
	    "play.example.com.\n" },
	{ "mixed-proxy-status",
	    "www.example.com.\t1\tIN\tA\t203.0.113.10 "
	    "; cf_tags=cf-proxied:true\n" },
	{ "origin-ip-exposed",
	    "example.com.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n" },
	/* a file whose only record is bad is not a zone file at all */
	{ "syntax-error",
	    "example.com.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n" },
	{ "include-refused",
	    "example.com.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n" },
	{ NULL, NULL },
};

/* Does a source say where it comes from: a URL, or a marker of what it
 * is ([obs] seen in real data, [3p] a third party, [?] inferred)? */
static bool
cites(const char *src)
{
	return strstr(src, "https://") != NULL || strstr(src, "http://") !=
	    NULL || strstr(src, "[obs") != NULL || strstr(src, "[3p") !=
	    NULL || strstr(src, "[?") != NULL;
}

/* Every source of the built-in rules cites a URL or a marker, never a file
 * that is not in this repository (issue 12), and every named group of
 * entries has a source (issue 13). */
static void
test_sources(void)
{
	struct pl_ruleset *rs = pl_ruleset_new();
	int bad = 0, providers = 0;

	if (rs == NULL) {
		ok(0, "built-in rules load");
		return;
	}
	for (size_t i = 0; i < rs->n; i++) {
		const struct pl_rule *r = rs->rules[i];

		for (size_t k = 0; k < r->sources.n; k++)
			if (!cites(r->sources.v[k]) ||
			    strstr(r->sources.v[k], "facts.md") != NULL ||
			    strstr(r->sources.v[k], "realworld/") != NULL) {
				printf("# %s: source '%s'\n", r->id,
				    r->sources.v[k]);
				bad++;
			}
		for (size_t p = 0; p < r->nproviders; p++) {
			providers++;
			if (r->providers[p].sources.n == 0)
				bad++;
			for (size_t k = 0; k < r->providers[p].sources.n; k++)
				if (!cites(r->providers[p].sources.v[k])) {
					printf("# %s: %s: source '%s'\n", r->id,
					    r->providers[p].name,
					    r->providers[p].sources.v[k]);
					bad++;
				}
		}
	}
	is_int(bad, 0, "every source cites a URL or a marker");
	ok(providers > 50, "the built-in lists name their providers (%d)",
	    providers);
	pl_ruleset_free(rs);
}

static void
test_examples_fire(void)
{
	struct pl_ruleset *rs = pl_ruleset_new();

	if (rs == NULL) {
		ok(0, "built-in rules load");
		return;
	}
	for (size_t i = 0; i < rs->n; i++) {
		const struct pl_rule *r = rs->rules[i];
		struct pl_lint_ctx cx = { .rules = rs, .origin = "example.com",
		    .input_format = PL_FMT_BIND, .inline_ignores = true,
		    .threads = 1 };
		struct pl_lint_input in = { .path = "example.zone" };
		struct pl_lint_result res;
		char text[4096];
		const char *ctx = "";
		int found = 0;

		if (r->example == NULL || r->example[0] == '{')
			continue;	/* JSON: another format's example */
		if (strncmp(r->example, "resource ", 9) == 0) {
			/* Terraform, read alone (no folder of its own). */
			cx.input_format = PL_FMT_TERRAFORM;
			cx.origin = NULL;	/* the zone, as the example has it */
			in.path = "/nonexistent/example.tf";
			in.data = r->example;
			in.len = strlen(r->example);
			pl_lint_input(&cx, &in, &res);
			for (size_t k = 0; k < res.diags.n; k++)
				if (res.diags.v[k].rule == r)
					found = 1;
			ok(found, "the example of '%s' fires it", r->id);
			pl_lint_result_release(&res);
			continue;
		}
		if (r->formats.n > 0) {
			int bind = 0;

			for (size_t f = 0; f < r->formats.n; f++)
				if (strcmp(r->formats.v[f], "bind") == 0)
					bind = 1;
			if (!bind)
				continue;
		}
		for (size_t j = 0; example_context[j].id != NULL; j++)
			if (strcmp(example_context[j].id, r->id) == 0)
				ctx = example_context[j].context;
		snprintf(text, sizeof(text), "%s%s\n", ctx, r->example);
		in.data = text;
		in.len = strlen(text);
		/* The pipeline main runs: unused-suppression comes from the
		 * filter. */
		pl_lint_input(&cx, &in, &res);
		for (size_t k = 0; k < res.diags.n; k++)
			if (res.diags.v[k].rule == r)
				found = 1;
		ok(found, "the example of '%s' fires it", r->id);
		pl_lint_result_release(&res);
	}
	pl_ruleset_free(rs);
}

/* Looks label up in the list both compiled and as a plain scan. */
static void
label_find(const char *const *list, const char *label, bool digits,
    const char *want)
{
	struct pl_strlist l = { (char **)(uintptr_t)list, 0 };
	struct pl_labelset s, raw = { NULL, 0, false, false };
	const char *got;

	while (list[l.n] != NULL)
		l.n++;
	pl_labelset_build(&s, &l);
	got = pl_labelset_find(&s, &l, label, strlen(label), digits);
	is_str(got ? got : "(none)", want ? want : "(none)",
	    "label '%s'%s", label, digits ? " with digits" : "");
	got = pl_labelset_find(&raw, &l, label, strlen(label), digits);
	is_str(got ? got : "(none)", want ? want : "(none)",
	    "label '%s'%s, not compiled", label, digits ? " with digits" : "");
	pl_labelset_release(&s);
}

static void
test_labelsets(void)
{
	static const char *const mail[] = { "smtp", "mx", "mail", "imap",
	    "mx", "pop3", NULL };
	static const char *const digit_end[] = { "smtp", "pop3", "smtp2",
	    NULL };
	static const char *const none[] = { NULL };

	label_find(mail, "smtp", false, "smtp");
	label_find(mail, "smtp2", false, NULL);
	label_find(mail, "smtp2", true, "smtp");
	label_find(mail, "mx01", true, "mx");
	label_find(mail, "mx01a", true, NULL);
	label_find(mail, "smtpx", true, NULL);
	label_find(mail, "sm", true, NULL);
	label_find(mail, "", true, NULL);
	label_find(mail, "123", true, NULL);
	label_find(mail, "pop3", false, "pop3");
	label_find(mail, "pop", true, NULL);
	label_find(mail, "pop35", true, "pop3");
	label_find(mail, "zzz", false, NULL);
	label_find(mail, "a", false, NULL);
	/* With an entry that ends in a digit, every digit prefix is tried,
	 * and the first entry in list order wins. */
	label_find(digit_end, "smtp25", true, "smtp");
	label_find(digit_end, "pop31", true, "pop3");
	label_find(digit_end, "pop", true, NULL);
	label_find(none, "smtp", true, NULL);
}

/* Finds address a in the ranges, compiled and as a plain scan. */
static void
range_find(const char *const *ranges, const char *a, const char *want)
{
	struct pl_range v[8];
	struct pl_ranges l = { v, 0 };
	struct pl_rangeset s, raw = { { NULL, NULL }, false };
	const struct pl_range *got;
	uint8_t buf[16];
	int family = 0;

	for (; ranges[l.n] != NULL; l.n++) {
		pl_range_parse(ranges[l.n], &v[l.n]);
		v[l.n].text = (char *)(uintptr_t)ranges[l.n];
	}
	if (addr(a, &family, buf) != 0) {
		ok(0, "address '%s' parses", a);
		return;
	}
	pl_rangeset_build(&s, &l);
	got = pl_rangeset_find(&s, &l, family, buf);
	is_str(got ? got->text : "(none)", want ? want : "(none)",
	    "'%s' in the ranges", a);
	got = pl_rangeset_find(&raw, &l, family, buf);
	is_str(got ? got->text : "(none)", want ? want : "(none)",
	    "'%s' in the ranges, not compiled", a);
	pl_rangeset_release(&s);
}

static void
test_rangesets(void)
{
	static const char *const r[] = { "10.0.0.0/8", "172.16.0.0/12",
	    "192.168.1.0/24", "0.0.0.0/32", "fc00::/7", "2606:4700::/32",
	    "2606:4700:10::/48", NULL };
	static const char *const all[] = { "192.0.2.0/24", "0.0.0.0/0", NULL };

	range_find(r, "10.1.2.3", "10.0.0.0/8");
	range_find(r, "11.1.2.3", NULL);
	range_find(r, "172.31.255.255", "172.16.0.0/12");
	range_find(r, "172.32.0.0", NULL);
	range_find(r, "192.168.1.77", "192.168.1.0/24");
	range_find(r, "192.168.2.1", NULL);
	range_find(r, "0.0.0.0", "0.0.0.0/32");
	range_find(r, "0.0.0.1", NULL);
	range_find(r, "fd12::1", "fc00::/7");
	range_find(r, "fe00::1", NULL);
	range_find(r, "2606:4700:10::1", "2606:4700::/32");
	range_find(r, "2606:4701::1", NULL);
	range_find(all, "192.0.2.9", "192.0.2.0/24");
	range_find(all, "203.0.113.1", "0.0.0.0/0");
	range_find(all, "2001:db8::1", NULL);
}

/* providers, messages and wants: loaded, and refused when wrong */
static void
test_providers(void)
{
	struct pl_ruleset *rs = pl_ruleset_new();
	const struct pl_rule *r;
	struct pl_vars v;
	const char *m;
	char err[1024];
	static const char good[] = HEAD RULE("acme-target-proxied",
	    "    wants: dns-only\n"
	    "    providers:\n"
	    "      - name: ACME Pages\n"
	    "        sources: [\"https://docs.acme.test/pages\"]\n"
	    "        targets: [\"*.pages.acme.test\"]\n"
	    "        addresses: [192.0.2.0/24]\n"
	    "      - name: ACME Shop\n"
	    "        sources: [\"https://docs.acme.test/shop\"]\n"
	    "        except-targets: [shop.acme.test]\n"
	    "    messages:\n"
	    "      \"*.pages.acme.test\": \"pages '{name}' at {provider}\"\n");

	if (rs == NULL) {
		ok(0, "built-in rules load");
		return;
	}
	is_int(load(rs, "custom/acme.yaml", good, err, sizeof(err)), 0,
	    "providers: the file loads (%s)", err);
	r = pl_ruleset_find(rs, "acme-target-proxied");
	ok(r != NULL && r->nproviders == 2 && r->wants == PL_WHEN_DNS_ONLY,
	    "providers: two groups, wants dns-only");
	if (r != NULL) {
		const struct pl_rule_data *t = PL_RULE_DATA(r, TARGETS);

		is_int(t->strs.n, 2, "providers: the flat and the named target");
		is_str(pl_rule_data_name(t, t->strs.v[0]), NULL,
		    "a flat entry has no name");
		is_str(pl_rule_data_name(t, t->strs.v[1]), "ACME Pages",
		    "a provider's entry has its name");
		is_str(pl_rule_data_range_name(PL_RULE_DATA(r, ADDRESSES),
		    &PL_RULE_DATA(r, ADDRESSES)->ranges.v[0]), "ACME Pages",
		    "a provider's range has its name");
		is_str(pl_rule_data_name(PL_RULE_DATA(r, EXCEPT_TARGETS),
		    PL_RULE_DATA(r, EXCEPT_TARGETS)->strs.v[0]), "ACME Shop",
		    "an except-target has its name");
		memset(&v, 0, sizeof(v));
		v.match = "*.pages.acme.test";
		m = pl_rule_message(r, &v);
		is_str(m, "pages '{name}' at {provider}",
		    "messages: the variant of the match");
		v.match = "*.acme.test";
		is_str(pl_rule_message(r, &v), r->message,
		    "messages: the rule's message otherwise");
	}
	pl_ruleset_free(rs);

	load_error(HEAD RULE("acme-target-proxied",
	    "    providers:\n      - name: ACME\n        targets: [a.test]\n"),
	    "custom/acme.yaml:12:9: provider 'ACME' has no 'sources'\n");
	load_error(HEAD RULE("acme-target-proxied",
	    "    providers:\n      - name: ACME\n        sources: [x]\n"
	    "        colour: red\n"),
	    "custom/acme.yaml:14:9: unknown key 'colour' in a provider (it "
	    "holds 'name', 'sources' and lists)\n");
	load_error(HEAD RULE("acme-target-proxied",
	    "    providers:\n      - name: ACME\n        sources: [x]\n"
	    "        labels: [a]\n"),
	    "custom/acme.yaml:14:9: key 'labels' is not used by check kind "
	    "'target'\n");
	load_error(HEAD RULE("acme-target-proxied",
	    "    providers:\n      - sources: [x]\n"),
	    "custom/acme.yaml:12:9: provider has no 'name'\n");
	load_error(HEAD RULE("acme-target-proxied",
	    "    messages:\n      a: \"{nope}\"\n"),
	    "custom/acme.yaml:12:10: unknown placeholder '{nope}' in message\n");
	load_error(HEAD RULE("acme-target-proxied", "    wants: proxied\n"),
	    "custom/acme.yaml:5:5: rule 'acme-target-proxied' fires on proxied "
	    "records and wants them proxied: 'wants' is the state its fix "
	    "gives them\n");
	load_error(HEAD RULE("acme-target-proxied", "    wants: any\n"),
	    "custom/acme.yaml:11:12: unknown 'wants' value 'any' (expected "
	    "proxied, dns-only)\n");
}

int
main(void)
{
	test_glob();
	test_ranges();
	test_labelsets();
	test_rangesets();
	test_loader_errors();
	test_loader_replace();
	test_builtin();
	test_examples_fire();
	test_sources();
	test_providers();
	return tap_done();
}
