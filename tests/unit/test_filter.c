/* test_filter.c -- inline directives, config ignores and unused-suppression */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/config.h"
#include "proxylint/diag.h"
#include "proxylint/engine.h"
#include "proxylint/filter.h"
#include "proxylint/lint.h"
#include "proxylint/read.h"
#include "proxylint/rule.h"
#include "proxylint/zone.h"
#include "tap.h"

static struct pl_ruleset *rs;

/* ---------------------------------------------------------- directives */

static void
scan(struct pl_suppressions *s, const char *text)
{
	pl_suppressions_release(s);
	pl_suppressions_scan_comment(s, text, strlen(text), "z", 7, 8, 0,
	    NULL);
}

static void
test_comment(void)
{
	struct pl_suppressions s;

	pl_suppressions_init(&s);
	scan(&s, "proxylint: ignore[mail-host-proxied,web-host-dns-only] why");
	is_int(s.n, 1, "one directive");
	if (s.n == 1) {
		ok(s.v[0].bad == NULL, "well formed");
		ok(!s.v[0].whole_file, "ignore: a record");
		is_int(s.v[0].nids, 2, "two ids");
		is_str(s.v[0].ids[0], "mail-host-proxied", "first id");
		is_str(s.v[0].ids[1], "web-host-dns-only", "second id");
		is_str(s.v[0].text, "proxylint: ignore[mail-host-proxied,"
		    "web-host-dns-only]", "the text, without the reason");
		is_int(s.v[0].line, 7, "its line");
		is_int(s.v[0].target, 8, "the line it covers");
	}
	scan(&s, "relay; proxylint:ignore-file[ a , b ] all of it");
	ok(s.n == 1 && s.v[0].bad == NULL && s.v[0].whole_file &&
	    s.v[0].nids == 2 && strcmp(s.v[0].ids[1], "b") == 0 &&
	    s.v[0].target == 0, "ignore-file, blanks around ids, after ';'");
	scan(&s, "proxylint: ignore[a] one proxylint: ignore[b] two");
	ok(s.n == 2 && strcmp(s.v[1].ids[0], "b") == 0, "two in one comment");
	scan(&s, "see myproxylint: ignore[a]");
	is_int(s.n, 0, "a word ending in the marker is prose");
	scan(&s, "no directive here");
	is_int(s.n, 0, "no marker");
	scan(&s, "proxylint: ignore a");
	ok(s.n == 1 && s.v[0].bad != NULL && s.v[0].nids == 0,
	    "no brackets: malformed");
	scan(&s, "proxylint: ignore[]");
	ok(s.n == 1 && s.v[0].bad != NULL, "no ids: malformed");
	scan(&s, "proxylint: ignore[a,]");
	ok(s.n == 1 && s.v[0].bad != NULL, "an empty id: malformed");
	scan(&s, "proxylint: ignore[a b]");
	ok(s.n == 1 && s.v[0].bad != NULL, "not closed: malformed");
	scan(&s, "proxylint: ignore[Mail]");
	ok(s.n == 1 && s.v[0].bad != NULL, "not kebab-case: malformed");
	scan(&s, "proxylint: disable[a] x");
	ok(s.n == 1 && s.v[0].bad != NULL &&
	    strcmp(s.v[0].text, "proxylint: disable[a]") == 0,
	    "another verb: malformed, quoted up to a blank");
	scan(&s, "proxylint: ignore-files[a]");
	ok(s.n == 1 && s.v[0].bad != NULL, "a verb that only starts right");
	pl_suppressions_release(&s);
}

static void
test_bind_text(void)
{
	struct pl_suppressions s;
	static const char text[] =
	    "$ORIGIN example.com.\n"					/* 1 */
	    "; proxylint: ignore[a] the next record\n"			/* 2 */
	    "www 1 IN A 192.0.2.1\n"					/* 3 */
	    "; proxylint: ignore[b]\n"					/* 4 */
	    "; more words\n"						/* 5 */
	    "   ;\tindented\n"						/* 6 */
	    "mail 1 IN A 192.0.2.2\n"					/* 7 */
	    "; proxylint: ignore[c]\n"					/* 8 */
	    "\n"							/* 9 */
	    "ftp 1 IN A 192.0.2.3 ; proxylint: ignore[d] why cf_tags=cf-proxied:true\n"
	    "txt 1 IN TXT \"; proxylint: ignore[e]\"\n"		/* 11 */
	    "txt 1 IN TXT \"a\\\";b\" ; proxylint: ignore[f]\n"	/* 12 */
	    "; proxylint: ignore-file[g]\n"				/* 13 */
	    "; proxylint: ignore[h]";				/* 14 */

	pl_suppressions_init(&s);
	pl_suppressions_scan_bind(&s, "z", text, strlen(text));
	is_int(s.n, 7, "seven directives (none in a quoted string)");
	if (s.n == 7) {
		ok(s.v[0].line == 2 && s.v[0].target == 3,
		    "a comment line covers the record below");
		ok(s.v[1].line == 4 && s.v[1].target == 7,
		    "across more comment lines");
		ok(s.v[2].line == 8 && s.v[2].target == 0,
		    "a blank line parts it from the record");
		ok(s.v[3].line == 10 && s.v[3].target == 10,
		    "a record's own comment covers its line");
		is_str(s.v[3].ids[0], "d", "its id");
		ok(s.v[4].line == 12 && s.v[4].target == 12 &&
		    strcmp(s.v[4].ids[0], "f") == 0,
		    "after an escaped quote");
		ok(s.v[5].line == 13 && s.v[5].whole_file, "ignore-file");
		ok(s.v[6].line == 14 && s.v[6].target == 0,
		    "nothing below at the end");
		is_str(s.v[0].file, "z", "the file");
	}
	pl_suppressions_release(&s);

	pl_suppressions_init(&s);
	{
		static const char crlf[] = "a 1 IN A 192.0.2.1\r\n"
		    "; proxylint: ignore[x]\r\nb 1 IN A 192.0.2.2\r\n";

		pl_suppressions_scan_bind(&s, "z", crlf, strlen(crlf));
	}
	ok(s.n == 1 && s.v[0].line == 2 && s.v[0].target == 3 &&
	    strcmp(s.v[0].ids[0], "x") == 0, "CRLF line ends");
	pl_suppressions_release(&s);

	pl_suppressions_init(&s);
	pl_suppressions_scan_bind(&s, "z", "a 1 IN A 192.0.2.1 ; note\n", 26);
	is_int(s.n, 0, "no marker, no directive");
	pl_suppressions_release(&s);
}

/* The directives of a DNSControl dnsconfig.js. */
static void
test_js_text(void)
{
	struct pl_suppressions s;
	static const char text[] =
	    "var CF = NewDnsProvider(\"cloudflare\");\n"		/* 1 */
	    "D(\"example.com\", REG, DnsProvider(CF),\n"		/* 2 */
	    "    // proxylint: ignore[a] the next record\n"		/* 3 */
	    "    A(\"www\", \"192.0.2.1\"),\n"			/* 4 */
	    "    // proxylint: ignore[b]\n"				/* 5 */
	    "    /* more words */\n"					/* 6 */
	    "    // and more\r\n"					/* 7 */
	    "    A(\"mail\", \"192.0.2.2\"),\n"			/* 8 */
	    "    // proxylint: ignore[c]\n"				/* 9 */
	    "   \t\n"							/* 10 */
	    "    A(\"ftp\", \"192.0.2.3\"), // proxylint: ignore[d] why\n"
	    "    TXT(\"t\", \"// proxylint: ignore[e]\"),\n"		/* 12 */
	    "    TXT('u', 'it\\'s // proxylint: ignore[f]'),\n"	/* 13 */
	    "    TXT(`v`, \"x\"), /* proxylint: ignore[g] */ A(\"w\", \"192.0.2.4\"),\n"
	    "    A(\"x\", \"192.0.2.5\") // proxylint: ignore-file[h]\n"
	    ");\n"							/* 16 */
	    "// proxylint: ignore[i]";				/* 17 */

	pl_suppressions_init(&s);
	pl_suppressions_scan_js(&s, "dnsconfig.js", text, strlen(text));
	is_int(s.n, 7, "js: seven directives (none in a string)");
	if (s.n == 7) {
		ok(s.v[0].line == 3 && s.v[0].target == 4,
		    "js: a comment line covers the line below");
		ok(s.v[1].line == 5 && s.v[1].target == 8,
		    "js: across line and block comment lines");
		ok(s.v[2].line == 9 && s.v[2].target == 0,
		    "js: a blank line parts it from the record");
		ok(s.v[3].line == 11 && s.v[3].target == 11 &&
		    strcmp(s.v[3].ids[0], "d") == 0,
		    "js: a trailing comment covers its line");
		ok(s.v[4].line == 14 && s.v[4].target == 14 &&
		    strcmp(s.v[4].ids[0], "g") == 0 && s.v[4].bad == NULL,
		    "js: a block comment, without its closing */");
		ok(s.v[5].line == 15 && s.v[5].whole_file, "js: ignore-file");
		ok(s.v[6].line == 17 && s.v[6].target == 0,
		    "js: nothing below at the end");
		is_str(s.v[0].file, "dnsconfig.js", "js: the file");
	}
	pl_suppressions_release(&s);
	pl_suppressions_init(&s);
	pl_suppressions_scan_js(&s, "d.js", "A(\"x\", \"y\")\n", 13);
	is_int(s.n, 0, "js: no marker, no directive");
	pl_suppressions_release(&s);
}

/* ---------------------------------------------------------- filtering */

struct run {
	struct pl_lint_result	 res;
	struct pl_diags		 d;	/* res.diags, sorted */
};

/* Lints text in format fmt through the pipeline, as main does. */
static void
run(struct run *r, enum pl_format fmt, const char *text,
    const struct pl_config *cfg, bool inline_ignores)
{
	struct pl_lint_ctx cx = { .rules = rs, .config = cfg,
	    .origin = "example.com", .default_proxy = PL_PROXY_UNKNOWN,
	    .input_format = (int)fmt, .inline_ignores = inline_ignores,
	    .threads = 1 };
	struct pl_lint_input in = { .path = "zone", .data = text,
	    .len = strlen(text) };

	pl_lint_input(&cx, &in, &r->res);
	pl_diags_sort(&r->res.diags);
	r->d = r->res.diags;
}

static void
run_release(struct run *r)
{
	pl_lint_result_release(&r->res);
}

/* "LINE:RULE LINE:RULE ..." of the findings, into buf. */
static const char *
findings(const struct pl_diags *d, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < d->n && used < len; i++)
		used += (size_t)snprintf(buf + used, len - used, "%s%u:%s",
		    i ? " " : "", (unsigned)d->v[i].line, d->v[i].rule->id);
	return buf;
}

/* The message of the first unused-suppression finding, or "". */
static char *
unused_message(const struct pl_diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].rule->id, "unused-suppression") == 0) {
			struct pl_diag_text t;
			char *m;

			pl_diag_text(&d->v[i], &t);
			m = pl_xstrdup(t.message);
			pl_diag_text_release(&t);
			return m;
		}
	return pl_xstrdup("");
}

static const char zone[] =
    "example.com. 1 IN A 203.0.113.10 ; cf_tags=cf-proxied:true\n"
    "mail.example.com. 1 IN A 203.0.113.25 ; proxylint: ignore[mail-host-proxied] relay cf_tags=cf-proxied:true\n"
    "; proxylint: ignore[non-http-host-proxied,cdn-target-proxied]\n"
    "ssh.example.com. 1 IN A 203.0.113.22 ; cf_tags=cf-proxied:true\n"
    "ftp.example.com. 1 IN A 203.0.113.23 ; cf_tags=cf-proxied:true\n";

static void
test_bind_filter(void)
{
	struct run r;
	char buf[512], *m;

	run(&r, PL_FMT_BIND, zone, NULL, true);
	is_str(findings(&r.d, buf, sizeof(buf)),
	    "3:unused-suppression 5:non-http-host-proxied",
	    "directives drop what they name; the unused id is reported");
	m = unused_message(&r.d);
	is_str(m, "suppression 'proxylint: ignore[non-http-host-proxied,"
	    "cdn-target-proxied]' matches no finding of 'cdn-target-proxied'",
	    "the message names the unused id");
	free(m);
	is_int(r.d.count[PL_SEV_INFO], 1, "counts follow: one info");
	is_int(r.d.count[PL_SEV_ERROR], 0, "no error left");
	run_release(&r);

	run(&r, PL_FMT_BIND, zone, NULL, false);
	is_str(findings(&r.d, buf, sizeof(buf)),
	    "2:mail-host-proxied 4:non-http-host-proxied "
	    "5:non-http-host-proxied",
	    "inline ignores off: everything, and no unused-suppression");
	run_release(&r);
}

static void
test_config_filter(void)
{
	struct pl_config *c = NULL;
	struct run r;
	char buf[512];
	static const char cfg[] =
	    "ignore:\n"
	    "  - {name: ftp.example.com, rules: [non-http-host-proxied]}\n"
	    "spectrum: [ssh.example.com]\n";

	if (pl_config_load_text(&c, "cfg", cfg, strlen(cfg)) != 0) {
		ok(0, "config loads");
		return;
	}
	run(&r, PL_FMT_BIND, zone, c, false);
	is_str(findings(&r.d, buf, sizeof(buf)), "2:mail-host-proxied",
	    "an ignore entry and a Spectrum host");
	run_release(&r);
	/* A directive that the config also covers is used all the same. */
	run(&r, PL_FMT_BIND, zone, c, true);
	is_str(findings(&r.d, buf, sizeof(buf)), "3:unused-suppression",
	    "both at once: the directive still counts as used");
	run_release(&r);
	pl_config_free(c);
}

static void
test_json_filter(void)
{
	struct run r;
	char buf[512], *m;
	static const char api[] =
	    "{\"result\": ["
	    "{\"name\": \"example.com\", \"type\": \"MX\", \"content\": "
	    "\"mail.example.com\", \"priority\": 10, \"proxied\": false},"
	    "{\"name\": \"mail.example.com\", \"type\": \"A\", \"content\": "
	    "\"203.0.113.25\", \"proxied\": true, \"comment\": "
	    "\"proxylint: ignore[mail-host-proxied] relay\"},"
	    "{\"name\": \"ssh.example.com\", \"type\": \"A\", \"content\": "
	    "\"203.0.113.22\", \"proxied\": true, \"comment\": "
	    "\"proxylint: ignore[no-such-rule]\"},"
	    "{\"name\": \"ftp.example.com\", \"type\": \"A\", \"content\": "
	    "\"203.0.113.23\", \"proxied\": true, \"comment\": "
	    "\"proxylint: ignore-file[non-http-host-proxied]\"}"
	    "]}";

	run(&r, PL_FMT_CLOUDFLARE_JSON, api, NULL, true);
	is_str(findings(&r.d, buf, sizeof(buf)), "0:unused-suppression",
	    "API comments: a record, the whole file, and a bad id");
	if (r.d.n == 1) {
		struct pl_diag_text t;

		pl_diag_text(&r.d.v[0], &t);
		is_str(t.pointer, "/result/2", "reported at the record");
		is_str(t.name, "ssh.example.com.", "with its name");
		pl_diag_text_release(&t);
		is_int(r.d.v[0].proxied, 1, "and its proxy state");
	}
	m = unused_message(&r.d);
	is_str(m, "suppression 'proxylint: ignore[no-such-rule]' names no "
	    "rule 'no-such-rule' ('proxylint --list-rules' lists them)",
	    "an unknown id is named");
	free(m);
	run_release(&r);
}

static void
test_octodns_filter(void)
{
	struct run r;
	char buf[512];
	static const char yaml[] =
	    "mail:\n"
	    "  type: A\n"
	    "  values: [203.0.113.25, 203.0.113.26]\n"
	    "  octodns:\n"
	    "    cloudflare:\n"
	    "      proxied: true\n"
	    "      comment: \"proxylint: ignore[mail-host-proxied]\"\n";

	run(&r, PL_FMT_OCTODNS, yaml, NULL, true);
	is_str(findings(&r.d, buf, sizeof(buf)), "",
	    "one comment, two values: both covered, nothing unused");
	run_release(&r);
}

/* "RULE[+ALSO,...]" of the findings, into buf. */
static const char *
merged(const struct pl_diags *d, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < d->n && used < len; i++) {
		used += (size_t)snprintf(buf + used, len - used, "%s%u:%s",
		    i ? " " : "", (unsigned)d->v[i].line, d->v[i].rule->id);
		for (uint32_t k = 0; k < d->v[i].nalso && used < len; k++)
			used += (size_t)snprintf(buf + used, len - used, "%c%s",
			    k ? ',' : '+', d->v[i].also[k]->id);
	}
	return buf;
}

static void
test_merge(void)
{
	struct pl_config *c = NULL;
	struct run r;
	char buf[1024];
	static const char z2[] =
	    "s1._domainkey 1 IN CNAME s1.domainkey.u1.wl1.sendgrid.net. ; cf_tags=cf-proxied:true\n"
	    "k2._domainkey 1 IN CNAME dkim2.mcsv.net. ; cf_tags=cf-proxied:true\n"
	    "ftp 1 IN CNAME x.github.io. ; cf_tags=cf-proxied:true\n"
	    "mail 1 IN CNAME x.github.io. ; cf_tags=cf-proxied:true\n"
	    "app 1 IN CNAME 6ff42ae2-765d-4adf-8112-31c55c1551ef.cfargotunnel.com. ; cf_tags=cf-proxied:false\n";
	static const char cfg[] =
	    "ignore:\n"
	    "  - {name: s1._domainkey.example.com, rules: [mail-auth-target-proxied]}\n"
	    "  - {name: k2._domainkey.example.com, rules: [proxied-blocked-target]}\n";

	run(&r, PL_FMT_BIND, z2, NULL, true);
	is_str(merged(&r.d, buf, sizeof(buf)),
	    "1:mail-auth-target-proxied+underscore-name-proxied "
	    "2:proxied-blocked-target+mail-auth-target-proxied,"
	    "underscore-name-proxied "
	    "3:saas-target-proxied+non-http-host-proxied "
	    "4:mail-host-proxied+saas-target-proxied "
	    "5:cloudflare-target-dns-only+web-host-dns-only",
	    "merge: one finding per change, the most severe and specific "
	    "first, the others named");
	is_int(r.d.count[PL_SEV_ERROR], 4, "merge: counts follow (errors)");
	is_int(r.d.count[PL_SEV_WARNING], 1, "merge: counts follow (warnings)");
	is_int(r.d.count[PL_SEV_INFO], 0, "merge: counts follow (infos)");
	run_release(&r);
	if (pl_config_load_text(&c, "cfg", cfg, strlen(cfg)) != 0) {
		ok(0, "config loads");
		return;
	}
	run(&r, PL_FMT_BIND, z2, c, true);
	is_str(merged(&r.d, buf, sizeof(buf)),
	    "1:underscore-name-proxied "
	    "2:mail-auth-target-proxied+underscore-name-proxied "
	    "3:saas-target-proxied+non-http-host-proxied "
	    "4:mail-host-proxied+saas-target-proxied "
	    "5:cloudflare-target-dns-only+web-host-dns-only",
	    "merge: an ignored rule takes no part; the next one is "
	    "reported, with the rest");
	run_release(&r);
	pl_config_free(c);
}

int
main(void)
{
	if ((rs = pl_ruleset_new()) == NULL) {
		ok(0, "built-in rules load");
		return tap_done();
	}
	test_comment();
	test_bind_text();
	test_js_text();
	test_bind_filter();
	test_config_filter();
	test_json_filter();
	test_octodns_filter();
	test_merge();
	pl_ruleset_free(rs);
	return tap_done();
}
