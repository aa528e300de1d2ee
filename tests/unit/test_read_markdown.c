/* test_read_markdown.c -- unit tests of the Markdown document reader */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/read.h"
#include "proxylint/rule.h"
#include "tap.h"
#include "proxylint/banned.h"

static struct pl_ruleset *rs;
static struct pl_diags d;
static struct pl_zone *z;
static int rc;

/* Reads a document as README.md into the global zone. */
static void
rd(const char *md)
{
	struct pl_read_opts o = { .path = NULL };

	if (z != NULL) {
		pl_zone_free(z);
		pl_diags_release(&d);
	}
	z = pl_zone_new("README.md", PL_FMT_MARKDOWN);
	pl_diags_init(&d, rs, z->file);
	tap_log_begin();
	rc = pl_read_markdown(md, strlen(md), &o, z, &d);
	{
		char buf[512];

		tap_log_end(buf, sizeof(buf));
		if (buf[0] != '\0')
			printf("# logged: %s", buf);
	}
}

/* The record owned by name with this type, or NULL. */
static const struct pl_record *
rec(const char *name, uint16_t type)
{
	for (uint32_t i = 0; i < z->nrecs; i++)
		if (strcmp(z->recs[i].owner, name) == 0 &&
		    z->recs[i].type == type)
			return &z->recs[i];
	return NULL;
}

static int
findings(const char *rule)
{
	int n = 0;

	for (size_t i = 0; i < d.n; i++)
		n += strcmp(d.v[i].rule->id, rule) == 0;
	return n;
}

#define EXPORT_LINE(name, addr, proxied) \
	name "\t1\tIN\tA\t" addr " ; cf_tags=cf-proxied:" proxied "\n"

static void
test_fenced(void)
{
	const struct pl_record *r;

	/* a README: prose, a shell block, the export in a block, dig
	 * output in another */
	rd("# DNS\n"					/* 1 */
	    "\n"
	    "```sh\n"
	    "dig A example.com\n"
	    "```\n"					/* 5 */
	    "The export:\n"
	    "```text\n"
	    ";; Domain:     example.com.\n"
	    EXPORT_LINE("example.com.", "203.0.113.10", "true")
	    EXPORT_LINE("ftp.example.com.", "203.0.113.11", "true") /* 10 */
	    "```\n"
	    "~~~\n"
	    "; <<>> DiG 9.18 <<>> example.com\n"
	    ";; ANSWER SECTION:\n"
	    "mail.example.com.\t300\tIN\tA\t104.16.1.1\n"	/* 15 */
	    "~~~\n");
	is_int(rc, 0, "fenced: read");
	is_int(z->nrecs, 2, "fenced: the export's records only");
	is_int(z->format, PL_FMT_BIND, "fenced: the zone is BIND data");
	is_str(z->origin, "example.com.", "fenced: the banner in the block");
	r = rec("ftp.example.com.", LDNS_RR_TYPE_A);
	ok(r != NULL && r->line == 10, "fenced: the document's line (%u)",
	    r ? r->line : 0);
	ok(r != NULL && r->proxy == PL_PROXY_PROXIED, "fenced: proxy flag");
	is_int(d.n, 0, "fenced: no findings from the reader");
	ok(rec("mail.example.com.", LDNS_RR_TYPE_A) == NULL,
	    "fenced: dig output is not zone data");

	/* a fence in a list item: its indentation comes off the lines;
	 * a longer closing fence closes; an unclosed one runs to the end */
	rd("1. Step\n"
	    "   ````\n"
	    "   " EXPORT_LINE("www.example.net.", "203.0.113.1", "false")
	    "   ``````\n"
	    "```\n"
	    EXPORT_LINE("mail.example.net.", "203.0.113.2", "true"));
	r = rec("www.example.net.", LDNS_RR_TYPE_A);
	ok(r != NULL && r->line == 3, "indented fence: record at line 3");
	r = rec("mail.example.net.", LDNS_RR_TYPE_A);
	ok(r != NULL && r->line == 6, "unclosed fence: runs to the end");
	is_int(d.n, 0, "indented fence: no findings");

	/* a block that is mostly not records is not zone data */
	rd("```\n"
	    "$ cat zone\n"
	    "then edit it\n"
	    "and run this\n"
	    "www.example.com. 300 IN A 203.0.113.1\n"
	    "```\n"
	    "# not zone data either\n");
	is_int(rc, PL_EINPUT, "a mostly-prose block: no zone data");
	ok(!pl_markdown_has_zone("```\nls -l\n```\n", strlen("```\nls -l\n```\n")),
	    "has_zone: a shell block");
	ok(pl_markdown_has_zone("```\n$ORIGIN example.com.\n```\n",
	    strlen("```\n$ORIGIN example.com.\n```\n")),
	    "has_zone: a directive");
}

static void
test_raw(void)
{
	const struct pl_record *r;

	/* a notes tool: front matter, escaped underscores and stars, a
	 * heading; the records keep the document's lines */
	rd("---\n"						/* 1 */
	    "title: export\n"
	    "---\n"
	    "# example.org\n"
	    ";; Domain:     example.org.\n"			/* 5 */
	    "example.org\t3600\tIN\tSOA\ta.ns.cloudflare.com. "
	    "dns.cloudflare.com. 1 10000 2400 604800 3600\n"
	    "ftp.example.org.\t1\tIN\tA\t203.0.113.11 ; cf\\_tags=cf-proxied:true\n"
	    "s1.\\_domainkey.example.org.\t1\tIN\tCNAME\t"
	    "s1.domainkey.u1.wl1.sendgrid.net. ; cf\\_tags=cf-proxied:true\n"
	    "\\*.example.org.\t1\tIN\tA\t203.0.113.12 ; cf\\_tags=cf-proxied:false\n"
	    "t.example.org.\t1\tIN\tTXT\t\"a\\\\\\\\b\"\n");	/* 10 */
	is_int(rc, 0, "raw: read");
	is_int(d.n, 0, "raw: no findings from the reader");
	is_int(z->nrecs, 5, "raw: every record");
	r = rec("ftp.example.org.", LDNS_RR_TYPE_A);
	ok(r != NULL && r->proxy == PL_PROXY_PROXIED && r->line == 7,
	    "raw: cf\\_tags read as cf_tags, at line 7");
	ok(rec("s1._domainkey.example.org.", LDNS_RR_TYPE_CNAME) != NULL,
	    "raw: \\_domainkey is _domainkey");
	r = rec("*.example.org.", LDNS_RR_TYPE_A);
	ok(r != NULL && r->proxy == PL_PROXY_DNS_ONLY, "raw: \\* is a wildcard");
	r = rec("t.example.org.", LDNS_RR_TYPE_TXT);
	is_str(r != NULL ? r->content : NULL, "\"a\\\\b\"",
	    "raw: \\\\ is one backslash (Markdown's escape)");

	/* in a fenced block, Markdown does not escape: "\\" stays */
	rd("```\n$ORIGIN example.org.\n"
	    "t 1 IN TXT \"a\\\\b\"\n"
	    "s1.\\_domainkey 1 IN CNAME s1.example.net.\n```\n");
	r = rec("t.example.org.", LDNS_RR_TYPE_TXT);
	is_str(r != NULL ? r->content : NULL, "\"a\\\\b\"",
	    "fenced: \\\\ stays a DNS escape");
	ok(rec("s1._domainkey.example.org.", LDNS_RR_TYPE_CNAME) != NULL,
	    "fenced: \\_ is _ all the same");

	/* '#' comment lines in place of the banner's ';;' */
	rd("```\n"
	    "# Domain:     solarknightsracing.org.\n"
	    "solarknightsracing.org\t3600\tIN\tSOA\tnadia.ns.cloudflare.com. "
	    "dns.cloudflare.com. 2050393824 10000 2400 604800 3600\n"
	    "# A Records\n"
	    EXPORT_LINE("git.solarknightsracing.org.", "134.199.192.110",
	    "true")
	    "```\n");
	is_int(d.n, 0, "'#' lines: comments, no syntax error");
	is_str(z->origin, "solarknightsracing.org.", "'#' lines: SOA origin");

	/* front matter that is never closed is text */
	rd("---\n"
	    EXPORT_LINE("www.example.com.", "203.0.113.1", "true"));
	ok(rec("www.example.com.", LDNS_RR_TYPE_A) != NULL,
	    "unclosed front matter: read as text");

	/* prose alone */
	rd("# Notes\nThe A record of www is in the dashboard.\n");
	is_int(rc, PL_EINPUT, "prose: no zone data");
	is_int(z->nrecs, 0, "prose: nothing read");
}

static void
test_directives(void)
{
	struct pl_suppressions sup;
	struct pl_read_opts o = { .path = NULL };
	const char *md = "<!-- proxylint: ignore-file[non-http-host-proxied] lab -->\n"
	    "```\n"
	    "; proxylint: ignore[mail-host-proxied] relay\n"
	    EXPORT_LINE("mail.example.com.", "203.0.113.2", "true")
	    "```\n";

	pl_suppressions_init(&sup);
	o.sup = &sup;
	if (z != NULL) {
		pl_zone_free(z);
		pl_diags_release(&d);
	}
	z = pl_zone_new("README.md", PL_FMT_MARKDOWN);
	pl_diags_init(&d, rs, z->file);
	rc = pl_read_markdown(md, strlen(md), &o, z, &d);
	is_int(sup.n, 2, "directives: the HTML comment's and the block's");
	ok(sup.n == 2 && sup.v[0].whole_file && sup.v[0].line == 1,
	    "directives: ignore-file at line 1");
	ok(sup.n == 2 && sup.v[1].target == 4,
	    "directives: the comment line covers line 4");
	pl_suppressions_release(&sup);
}

int
main(void)
{
	rs = pl_ruleset_new();
	test_fenced();
	test_raw();
	test_directives();
	(void)findings;
	if (z != NULL) {
		pl_zone_free(z);
		pl_diags_release(&d);
	}
	pl_ruleset_free(rs);
	return tap_done();
}
