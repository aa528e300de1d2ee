/* test_read_bind.c -- the BIND reader on inline zone text */
/* SPDX-License-Identifier: MIT */
#include <arpa/inet.h>
#include <sys/stat.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "proxylint/diag.h"
#include "proxylint/read.h"
#include "proxylint/rule.h"
#include "proxylint/zone.h"
#include "tap.h"

static struct pl_ruleset *rules;

/* One parsed input: the zone, its findings and the reader's status. */
struct parsed {
	struct pl_zone	*z;
	struct pl_diags	 d;
	int		 rc;
};

static void
parse_opts(struct parsed *p, const char *text, size_t len,
    const char *origin, const char *path)
{
	struct pl_read_opts o;

	memset(&o, 0, sizeof(o));
	o.origin = origin;
	o.path = path;
	pl_diags_init(&p->d, rules, path ? path : "t.zone");
	p->z = pl_zone_new(p->d.file, PL_FMT_BIND);
	p->rc = pl_read_bind(text, len, &o, p->z, &p->d);
}

static void
parse(struct parsed *p, const char *text)
{
	parse_opts(p, text, strlen(text), NULL, NULL);
}

static void
done(struct parsed *p)
{
	pl_zone_free(p->z);
	pl_diags_release(&p->d);
}

/* The i-th record, or a zeroed stand-in so that a failed count does not
 * crash the rest of the test. */
static const struct pl_record *
rec(const struct parsed *p, uint32_t i)
{
	static struct pl_record none;

	if (i < p->z->nrecs)
		return &p->z->recs[i];
	ok(0, "record %u exists (only %u)", i, p->z->nrecs);
	return &none;
}

/* A record's content, as the reporters see it (pl_rec_content()); the
 * last four answers stay valid. */
static const char *
content(const struct pl_record *r)
{
	static char buf[4][PL_ADDR_TEXT];
	static unsigned next;

	return pl_rec_content(r, buf[next++ % 4]);
}

/* Number of findings of a rule, and the line of the first one. */
static unsigned
count(const struct parsed *p, const char *rule, uint32_t *line)
{
	unsigned n = 0;

	for (size_t i = 0; i < p->d.n; i++)
		if (strcmp(p->d.v[i].rule->id, rule) == 0) {
			if (n++ == 0 && line != NULL)
				*line = p->d.v[i].line;
		}
	return n;
}

/* The message of the i-th finding of a rule, or "". */
static const char *
message(const struct parsed *p, const char *rule, unsigned nth)
{
	static char buf[1024];

	for (size_t i = 0; i < p->d.n; i++)
		if (strcmp(p->d.v[i].rule->id, rule) == 0 && nth-- == 0) {
			struct pl_diag_text t;

			pl_diag_text(&p->d.v[i], &t);
			snprintf(buf, sizeof(buf), "%s", t.message);
			pl_diag_text_release(&t);
			return buf;
		}
	return "";
}

/* Do two findings say the same (lazy ones are built to compare)? */
static int
same_message(const struct pl_diag *a, const struct pl_diag *b)
{
	struct pl_diag_text ta, tb;
	int same;

	pl_diag_text(a, &ta);
	pl_diag_text(b, &tb);
	same = strcmp(ta.message, tb.message) == 0;
	pl_diag_text_release(&ta);
	pl_diag_text_release(&tb);
	return same;
}

static const char *
str_or_null(const char *s)
{
	return s;
}

#define REC(p, i, own, typ, tt, ln) do {				\
	const struct pl_record *r_ = rec((p), (i));			\
	is_str(r_->owner, (own), "record %d owner", (int)(i));		\
	is_int(r_->type, (typ), "record %d type", (int)(i));		\
	is_int(r_->ttl, (tt), "record %d TTL", (int)(i));		\
	is_int(r_->line, (ln), "record %d line", (int)(i));		\
} while (0)

/* ------------------------------------------------------------ export */

static void
test_cloudflare_export(void)
{
	struct parsed p;
	const char *text =
	    ";;\n"						/* 1 */
	    ";; Domain:     example.com.\n"			/* 2 */
	    ";; Exported:   2025-06-01 12:00:00\n"		/* 3 */
	    ";;\n"						/* 4 */
	    ";; SOA Record\n"					/* 5 */
	    "example.com\t3600\tIN\tSOA\tkate.ns.cloudflare.com. "
	    "dns.cloudflare.com. 2050000000 10000 2400 604800 3600\n" /* 6 */
	    "\n"						/* 7 */
	    ";; NS Records\n"					/* 8 */
	    "example.com.\t86400\tIN\tNS\tkate.ns.cloudflare.com.\n" /* 9 */
	    ";; A Records\n"					/* 10 */
	    "example.com.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
	    "auth.example.com.\t1\tIN\tA\t203.0.113.11 ; authentication "
	    "dash cf_tags=cf-proxied:true\n"			/* 12 */
	    "direct.example.com.\t300\tIN\tA\t203.0.113.12 ; "
	    "cf_tags=cf-proxied:false\n"			/* 13 */
	    "old.example.com.\t1\tIN\tA\t203.0.113.13 ; just a note\n"
	    "bare.example.com.\t1\tIN\tA\t203.0.113.14\n"	/* 15 */
	    ";; CNAME Records\n"				/* 16 */
	    "www.example.com.\t1\tIN\tCNAME\texample.com. ; cf_tags=team:web,"
	    "cf-proxied:true,note:\"a, b\"\n"			/* 17 */
	    ";; MX Records\n"					/* 18 */
	    "example.com.\t1\tIN\tMX\t10 mail.example.com.\n"	/* 19 */
	    ";; SRV Records\n"					/* 20 */
	    "_minecraft._tcp.example.com.\t1\tIN\tSRV\t0 5 25565 "
	    "play.example.com.\n";				/* 21 */

	parse(&p, text);
	is_int(p.rc, 0, "export: read");
	is_int(p.d.n, 0, "export: no findings");
	is_str(p.z->origin, "example.com.", "export: origin from the banner");
	is_int(p.z->nrecs, 10, "export: 10 records");
	REC(&p, 0, "example.com.", LDNS_RR_TYPE_SOA, 3600, 6);
	REC(&p, 1, "example.com.", LDNS_RR_TYPE_NS, 86400, 9);
	is_str(rec(&p, 1)->target, "kate.ns.cloudflare.com.", "NS target");
	REC(&p, 2, "example.com.", LDNS_RR_TYPE_A, 1, 11);
	is_int(rec(&p, 2)->proxy, PL_PROXY_PROXIED, "apex proxied");
	is_str(pl_rec_comment(rec(&p, 2)), NULL, "tags only: no comment");
	is_str(pl_rec_tags(rec(&p, 2)), "cf-proxied:true", "tags of the apex");
	is_str(content(rec(&p, 2)), "203.0.113.10", "content of the apex A");
	is_int(rec(&p, 2)->family, 4, "A family");
	{
		static const uint8_t want[4] = { 203, 0, 113, 10 };

		ok(memcmp(rec(&p, 2)->addr, want, 4) == 0, "A address bytes");
	}
	REC(&p, 3, "auth.example.com.", LDNS_RR_TYPE_A, 1, 12);
	is_str(pl_rec_comment(rec(&p, 3)), "authentication dash",
	    "free text before the tags");
	is_str(pl_rec_tags(rec(&p, 3)), "cf-proxied:true", "tags after free text");
	is_int(rec(&p, 3)->proxy, PL_PROXY_PROXIED, "auth proxied");
	REC(&p, 4, "direct.example.com.", LDNS_RR_TYPE_A, 300, 13);
	is_int(rec(&p, 4)->proxy, PL_PROXY_DNS_ONLY, "direct DNS-only");
	REC(&p, 5, "old.example.com.", LDNS_RR_TYPE_A, 1, 14);
	is_int(rec(&p, 5)->proxy, PL_PROXY_UNKNOWN, "a note: unknown state");
	is_str(pl_rec_comment(rec(&p, 5)), "just a note", "the note");
	is_str(pl_rec_tags(rec(&p, 5)), NULL, "no tags");
	REC(&p, 6, "bare.example.com.", LDNS_RR_TYPE_A, 1, 15);
	is_int(rec(&p, 6)->proxy, PL_PROXY_UNKNOWN, "no comment: unknown");
	is_str(pl_rec_comment(rec(&p, 6)), NULL, "no comment");
	is_str(pl_rec_tags(rec(&p, 6)), NULL, "no tags at all");
	REC(&p, 7, "www.example.com.", LDNS_RR_TYPE_CNAME, 1, 17);
	is_int(rec(&p, 7)->proxy, PL_PROXY_PROXIED, "cf-proxied amid tags");
	is_str(pl_rec_tags(rec(&p, 7)), "team:web,cf-proxied:true,note:\"a, b\"",
	    "the tag list as written");
	is_str(rec(&p, 7)->target, "example.com.", "CNAME target");
	REC(&p, 8, "example.com.", LDNS_RR_TYPE_MX, 1, 19);
	is_str(rec(&p, 8)->target, "mail.example.com.", "MX target");
	is_str(content(rec(&p, 8)), "10 mail.example.com.", "MX content");
	is_int(rec(&p, 8)->proxy, PL_PROXY_UNKNOWN, "MX: no state");
	REC(&p, 9, "_minecraft._tcp.example.com.", LDNS_RR_TYPE_SRV, 1, 21);
	is_int(rec(&p, 9)->port, 25565, "SRV port");
	is_str(rec(&p, 9)->target, "play.example.com.", "SRV target");
	is_str(content(rec(&p, 9)), "0 5 25565 play.example.com.",
	    "SRV content");
	ok(rec(&p, 2)->owner == rec(&p, 8)->owner, "owners are interned");
	ok(rec(&p, 7)->target == rec(&p, 2)->owner, "targets are interned");
	done(&p);
}

/* ------------------------------------------------- zone-file syntax */

static void
test_origin_ttl_class(void)
{
	struct parsed p;
	const char *text =
	    "$ORIGIN example.org.\n"				/* 1 */
	    "$TTL 1h\n"						/* 2 */
	    "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300\n"	/* 3 */
	    "www 300 IN A 203.0.113.1\n"			/* 4 */
	    "\tIN 1h30m AAAA 2001:0db8:0000::0001\n"		/* 5 */
	    "mail IN A 203.0.113.2\n"				/* 6 */
	    "MX1 2w a 203.0.113.3\n"				/* 7 */
	    "m2 1d in cname mail\n"				/* 8 */
	    "@ 0 TXT \"x\"\n"					/* 9 */
	    "u 1W2D3H4M5S A 203.0.113.4\n"			/* 10 */
	    "big 2147483647 A 203.0.113.5\n"			/* 11 */
	    "@ MX 10 @\n"					/* 12 */
	    "abs.example.net. A 203.0.113.6\n"			/* 13 */
	    "$ORIGIN sub\n"					/* 14 */
	    "ftp A 203.0.113.7\n"				/* 15 */
	    "@ A 203.0.113.8\n";				/* 16 */

	parse(&p, text);
	is_int(p.d.n, 0, "syntax: no findings");
	is_str(p.z->origin, "example.org.", "syntax: apex from $ORIGIN");
	is_int(p.z->nrecs, 13, "syntax: 13 records");
	REC(&p, 0, "example.org.", LDNS_RR_TYPE_SOA, 3600, 3);
	REC(&p, 1, "www.example.org.", LDNS_RR_TYPE_A, 300, 4);
	REC(&p, 2, "www.example.org.", LDNS_RR_TYPE_AAAA, 5400, 5);
	is_str(content(rec(&p, 2)), "2001:db8::1", "AAAA content compressed");
	is_int(rec(&p, 2)->family, 6, "AAAA family");
	REC(&p, 3, "mail.example.org.", LDNS_RR_TYPE_A, 3600, 6);
	REC(&p, 4, "mx1.example.org.", LDNS_RR_TYPE_A, 1209600, 7);
	REC(&p, 5, "m2.example.org.", LDNS_RR_TYPE_CNAME, 86400, 8);
	is_str(rec(&p, 5)->target, "mail.example.org.", "relative target");
	REC(&p, 6, "example.org.", LDNS_RR_TYPE_TXT, 0, 9);
	REC(&p, 7, "u.example.org.", LDNS_RR_TYPE_A, 788645, 10);
	REC(&p, 8, "big.example.org.", LDNS_RR_TYPE_A, 2147483647, 11);
	REC(&p, 9, "example.org.", LDNS_RR_TYPE_MX, 3600, 12);
	is_str(rec(&p, 9)->target, "example.org.", "MX to '@'");
	REC(&p, 10, "abs.example.net.", LDNS_RR_TYPE_A, 3600, 13);
	REC(&p, 11, "ftp.sub.example.org.", LDNS_RR_TYPE_A, 3600, 15);
	REC(&p, 12, "sub.example.org.", LDNS_RR_TYPE_A, 3600, 16);
	done(&p);

	/* no $TTL: a record without TTL takes the last one given (RFC 1035
	 * section 5.1) */
	parse(&p, "$ORIGIN example.org.\n"
	    "a 300 IN A 203.0.113.1\n"
	    "b IN A 203.0.113.2\n"
	    "c 60 A 203.0.113.3\n"
	    "d A 203.0.113.4\n");
	is_int(p.z->nrecs, 4, "last TTL: 4 records");
	is_int(rec(&p, 1)->ttl, 300, "b takes a's TTL");
	is_int(rec(&p, 3)->ttl, 60, "d takes c's TTL");
	done(&p);

	/* bad TTLs */
	parse(&p, "$ORIGIN example.org.\n"
	    "a 1x IN A 203.0.113.1\n"
	    "b 2147483648 IN A 203.0.113.2\n"
	    "c 1hh IN A 203.0.113.3\n"
	    "$TTL forever\n"
	    "ok 1 IN A 203.0.113.4\n");
	is_int(p.z->nrecs, 1, "bad TTLs: one record read");
	is_int(count(&p, "syntax-error", NULL), 4, "bad TTLs: 4 errors");
	is_str(message(&p, "syntax-error", 0),
	    "cannot parse this record: invalid TTL", "bad TTL message");
	is_str(message(&p, "syntax-error", 3),
	    "cannot parse this record: $TTL takes one TTL", "bad $TTL");
	done(&p);
}

static void
test_lines(void)
{
	struct parsed p;
	const char *text =
	    "$ORIGIN example.com.\n"				/* 1 */
	    "; a comment line\n"				/* 2 */
	    "\n"						/* 3 */
	    "mail 1 IN A (\n"					/* 4 */
	    "\t203.0.113.25 ; the server\n"			/* 5 */
	    "\t) ; cf_tags=cf-proxied:true\n"			/* 6 */
	    "txt 1 IN TXT ( \"v=DKIM1; k=rsa; \" ; first\n"	/* 7 */
	    "\t\"p=MIGf\" ; second\n"				/* 8 */
	    "\t)\n"						/* 9 */
	    "smtp 1 IN A 203.0.113.26 ; cf_tags=cf-proxied:false\n" /* 10 */
	    "@ 1 IN SOA ns1 host (\n"				/* 11 */
	    "  1 ; serial\n"					/* 12 */
	    "  2 3 4 5 )\n"					/* 13 */
	    "last 1 IN A 203.0.113.27\n";			/* 14 */

	parse(&p, text);
	is_int(p.d.n, 0, "lines: no findings");
	is_int(p.z->nrecs, 5, "lines: 5 records");
	REC(&p, 0, "mail.example.com.", LDNS_RR_TYPE_A, 1, 4);
	is_int(rec(&p, 0)->proxy, PL_PROXY_PROXIED,
	    "the last comment of the record holds the tags");
	is_str(content(rec(&p, 0)), "203.0.113.25", "multi-line A content");
	REC(&p, 1, "txt.example.com.", LDNS_RR_TYPE_TXT, 1, 7);
	is_str(content(rec(&p, 1)), "\"v=DKIM1; k=rsa; \" \"p=MIGf\"",
	    "multi-line TXT content");
	REC(&p, 2, "smtp.example.com.", LDNS_RR_TYPE_A, 1, 10);
	is_int(rec(&p, 2)->proxy, PL_PROXY_DNS_ONLY, "smtp DNS-only");
	REC(&p, 3, "example.com.", LDNS_RR_TYPE_SOA, 1, 11);
	REC(&p, 4, "last.example.com.", LDNS_RR_TYPE_A, 1, 14);
	done(&p);

	/* the same with CRLF line ends and no final newline */
	parse(&p, "$ORIGIN example.com.\r\n"
	    "\r\n"
	    "mail 1 IN A (\r\n"
	    "\t203.0.113.25 ; the server\r\n"
	    "\t) ; cf_tags=cf-proxied:true\r\n"
	    "www 1 IN CNAME @ ; cf_tags=cf-proxied:false\r\n"
	    "txt 1 IN TXT \"a\" ; note cf_tags=cf-proxied:true\r\n"
	    "last 1 IN A 203.0.113.27");
	is_int(p.d.n, 0, "CRLF: no findings");
	is_int(p.z->nrecs, 4, "CRLF: 4 records");
	REC(&p, 0, "mail.example.com.", LDNS_RR_TYPE_A, 1, 3);
	is_int(rec(&p, 0)->proxy, PL_PROXY_PROXIED, "CRLF: proxied");
	REC(&p, 1, "www.example.com.", LDNS_RR_TYPE_CNAME, 1, 6);
	is_int(rec(&p, 1)->proxy, PL_PROXY_DNS_ONLY, "CRLF: DNS-only");
	is_str(pl_rec_tags(rec(&p, 1)), "cf-proxied:false", "CRLF: no CR in tags");
	is_str(rec(&p, 1)->target, "example.com.", "CRLF: target");
	REC(&p, 2, "txt.example.com.", LDNS_RR_TYPE_TXT, 1, 7);
	is_str(pl_rec_comment(rec(&p, 2)), "note", "CRLF: no CR in the comment");
	is_str(content(rec(&p, 2)), "\"a\"", "CRLF: TXT content");
	REC(&p, 3, "last.example.com.", LDNS_RR_TYPE_A, 1, 8);
	is_str(content(rec(&p, 3)), "203.0.113.27", "no final newline");
	done(&p);
}

static void
test_quotes_and_comments(void)
{
	struct parsed p;

	parse(&p, "$ORIGIN example.com.\n"
	    "spf 1 IN TXT \"v=spf1 ~all; (test)\" \"say \\\"hi\\\"\" ; "
	    "cf_tags=cf-proxied:true\n"
	    "semi 1 IN TXT v=DKIM1\\; k=rsa ; tail\n"
	    "mail 1 IN A 203.0.113.25 ; see cf_tags=x for details "
	    "cf_tags=cf-proxied:true\n"
	    "d 1 IN A 203.0.113.26 ; this comment contains cf_tags= as text "
	    "cf_tags=\n"
	    "e 1 IN A 203.0.113.27 ;cf_tags=cf-proxied:false\n");
	is_int(p.d.n, 0, "quotes: no findings");
	is_int(p.z->nrecs, 5, "quotes: 5 records");
	is_str(content(rec(&p, 0)),
	    "\"v=spf1 ~all; (test)\" \"say \\\"hi\\\"\"",
	    "';', '(' and \\\" inside quotes");
	is_int(rec(&p, 0)->proxy, PL_PROXY_PROXIED, "tags after quotes");
	is_str(pl_rec_comment(rec(&p, 0)), NULL, "no free text");
	is_str(content(rec(&p, 1)), "\"v=DKIM1;\" \"k=rsa\"",
	    "an escaped ';' outside quotes is text");
	is_str(pl_rec_comment(rec(&p, 1)), "tail", "the comment after it");
	is_int(rec(&p, 2)->proxy, PL_PROXY_PROXIED, "cf_tags= in text");
	is_str(pl_rec_comment(rec(&p, 2)), "see cf_tags=x for details",
	    "comment holding cf_tags=");
	is_str(pl_rec_tags(rec(&p, 2)), "cf-proxied:true", "the real tag list");
	is_int(rec(&p, 3)->proxy, PL_PROXY_UNKNOWN, "empty list: unknown");
	is_str(pl_rec_comment(rec(&p, 3)), "this comment contains cf_tags= as text",
	    "docs example: the comment");
	is_str(pl_rec_tags(rec(&p, 3)), "", "docs example: empty tag list");
	is_int(rec(&p, 4)->proxy, PL_PROXY_DNS_ONLY, "no blank after ';'");
	done(&p);

	/* malformed tags: a finding, and no proxy state */
	parse(&p, "$ORIGIN example.com.\n"
	    "a 1 IN A 203.0.113.1 ; cf_tags=cf-proxied:yes\n"
	    "b 1 IN A 203.0.113.2 ; cf_tags=note:\"open,cf-proxied:true\n"
	    "c 1 IN A 203.0.113.3 ; cf_tags=cf-proxied:true\n");
	is_int(p.z->nrecs, 3, "malformed: records still read");
	is_int(rec(&p, 0)->proxy, PL_PROXY_UNKNOWN, "yes: unknown");
	is_str(pl_rec_tags(rec(&p, 0)), "cf-proxied:yes", "yes: tags kept");
	is_int(rec(&p, 1)->proxy, PL_PROXY_UNKNOWN, "unterminated: unknown");
	is_int(rec(&p, 2)->proxy, PL_PROXY_PROXIED, "the good one");
	{
		uint32_t line = 0;

		is_int(count(&p, "malformed-cf-tags", &line), 2,
		    "two malformed-cf-tags");
		is_int(line, 2, "first at line 2");
	}
	is_str(message(&p, "malformed-cf-tags", 0), "cannot read the cf_tags "
	    "comment: cf-proxied must be true or false (cf-proxied:yes)",
	    "malformed message");
	done(&p);
}

static void
test_names(void)
{
	struct parsed p;

	parse(&p, "$ORIGIN Example.ORG.\n"
	    "WWW 1 IN A 203.0.113.1\n"
	    "a\\.b 1 IN A 203.0.113.2\n"
	    "*.wild 1 IN A 203.0.113.3\n"
	    "_acme-challenge 1 IN TXT \"t\"\n"
	    "Mixed.Example.Net. 1 IN CNAME Target.Example.Net.\n");
	is_int(p.d.n, 0, "names: no findings");
	is_str(p.z->origin, "example.org.", "origin lower-cased");
	is_str(rec(&p, 0)->owner, "www.example.org.", "owner lower-cased");
	is_str(rec(&p, 1)->owner, "a\\.b.example.org.", "escaped dot kept");
	is_str(rec(&p, 2)->owner, "*.wild.example.org.", "wildcard owner");
	is_str(rec(&p, 3)->owner, "_acme-challenge.example.org.",
	    "underscore owner");
	is_str(rec(&p, 4)->owner, "mixed.example.net.", "absolute owner");
	is_str(rec(&p, 4)->target, "target.example.net.", "target lower");
	done(&p);

	/* --origin wins over the banner */
	{
		const char *t = ";; Domain:     example.com.\n"
		    "www 1 IN A 203.0.113.1\n";

		parse_opts(&p, t, strlen(t), "example.net", NULL);
		is_str(p.z->origin, "example.net.", "--origin over banner");
		is_str(rec(&p, 0)->owner, "www.example.net.",
		    "relative to --origin");
		done(&p);
	}
	/* no origin at all: the SOA owner names the zone, and relative
	 * names are read against it */
	parse(&p, "example.com. 3600 IN SOA ns1.example.com. "
	    "h.example.com. 1 2 3 4 5\n"
	    "www 1 IN A 203.0.113.1\n"
	    "@ 1 IN A 203.0.113.2\n"
	    "mail.example.com. 1 IN A 203.0.113.3\n");
	is_int(p.d.n, 0, "SOA origin: no findings");
	is_str(p.z->origin, "example.com.", "apex from the SOA owner");
	is_int(p.z->nrecs, 4, "SOA origin: every record read");
	is_str(rec(&p, 1)->owner, "www.example.com.", "relative to the SOA");
	is_str(rec(&p, 2)->owner, "example.com.", "'@' is the SOA owner");
	done(&p);
	/* an export whose banner was cut: the SOA owner without its dot
	 * names the zone, and is not read as relative to anything */
	parse(&p, ";; SOA Record\n"
	    "example.com\t3600\tIN\tSOA\tkate.ns.cloudflare.com. "
	    "dns.cloudflare.com. 2050000000 10000 2400 604800 3600\n\n"
	    ";; A Records\n"
	    "example.com.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n");
	is_int(p.d.n, 0, "cut banner: no findings");
	is_str(p.z->origin, "example.com.", "cut banner: apex from the SOA");
	REC(&p, 0, "example.com.", LDNS_RR_TYPE_SOA, 3600, 2);
	done(&p);
	/* the same from the records on: no header at all */
	parse(&p, "Example.com\t3600\tIN\tSOA\tkate.ns.cloudflare.com. "
	    "dns.cloudflare.com. 1 2 3 4 5\n"
	    "www.example.com.\t1\tIN\tA\t203.0.113.10\n");
	is_int(p.d.n, 0, "no header: no findings");
	is_str(p.z->origin, "example.com.", "no header: apex lower-cased");
	done(&p);
	/* no SOA, a Cloudflare export by its look: dot-less owners that
	 * share the zone's suffix with the others are absolute */
	parse(&p, ";; A Records\n"
	    "example.com\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
	    "www.example.com\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\n"
	    "mail.example.com.\t1\tIN\tA\t203.0.113.11 ; cf_tags=cf-proxied:false\n");
	is_int(p.d.n, 0, "no SOA, export: no findings");
	is_str(p.z->origin, "example.com.", "no SOA, export: apex");
	is_str(rec(&p, 1)->owner, "www.example.com.", "dot-less is absolute");
	done(&p);
	/* tab-separated records alone are evidence enough */
	parse(&p, "a.example.org\t300\tIN\tA\t203.0.113.1\n"
	    "b.example.org\t300\tIN\tA\t203.0.113.2\n");
	is_int(p.d.n, 0, "tabbed: no findings");
	is_str(p.z->origin, "example.org.", "tabbed: common suffix");
	is_str(rec(&p, 0)->owner, "a.example.org.", "tabbed: absolute");
	done(&p);
	/* one label in common is no zone */
	parse(&p, ";; A Records\n"
	    "a.lab\t300\tIN\tA\t203.0.113.1\n"
	    "b.lab\t300\tIN\tA\t203.0.113.2\n");
	is_int(p.rc, PL_EINPUT, "one-label suffix: no zone, nothing read");
	done(&p);
	/* a hand-written file with relative names, no SOA, no $ORIGIN:
	 * the zone cannot be known; one finding for all of them */
	parse(&p, "www 1 IN A 203.0.113.1\n"
	    "@ 1 IN A 203.0.113.2\n"
	    "mail.example.com. 1 IN A 203.0.113.3\n"
	    "ftp 1 IN A 203.0.113.4\n");
	is_int(p.rc, 0, "no origin: the absolute names are read");
	is_int(p.z->nrecs, 1, "relative names are not read");
	{
		uint32_t line = 0;

		is_int(count(&p, "syntax-error", &line), 1,
		    "no origin: one finding for three records");
		is_int(line, 1, "at the first of them");
	}
	is_str(message(&p, "syntax-error", 0), "cannot parse this record: "
	    "relative name with no origin: give --origin NAME or an $ORIGIN "
	    "line (3 records with relative names were not read, from this "
	    "one on)", "no-origin message");
	done(&p);
	/* the same without the tab-separated look of an export: dot-less
	 * names ending in a shared suffix stay relative, and unknown */
	parse(&p, "example.com 1 IN A 203.0.113.1\n"
	    "www.example.com 1 IN A 203.0.113.2\n");
	is_int(p.rc, PL_EINPUT, "hand-written dot-less names: no zone");
	done(&p);
	/* an '@' SOA of an unknown origin names nothing */
	parse(&p, "@ 3600 IN SOA ns1.example.com. h.example.com. 1 2 3 4 5\n"
	    "www.example.com. 1 IN A 203.0.113.1\n");
	is_int(count(&p, "syntax-error", NULL), 1, "'@' SOA: one finding");
	is_str(message(&p, "syntax-error", 0), "cannot parse this record: "
	    "relative name with no origin: give --origin NAME or an $ORIGIN "
	    "line", "'@' SOA message");
	done(&p);

	/* "$ORIGIN ." and an '@' SOA: the banner's zone in a Cloudflare
	 * export, the root elsewhere */
	parse(&p, ";; Domain:     workitmom-newsletter.com\n"
	    "$ORIGIN .\n"
	    "@\t3600\tIN\tSOA\tworkitmom-newsletter.com.\t"
	    "root.workitmom-newsletter.com.\t(\n"
	    "\t\t2028186227\t; serial\n"
	    "\t\t7200\t\t; refresh\n"
	    "\t\t3600\t\t; retry\n"
	    "\t\t86400\t\t; expire\n"
	    "\t\t3600)\t\t; minimum\n"
	    "workitmom-newsletter.com.\t1\tIN\tMX\t10\tmx1.emailsrvr.com.\n");
	is_int(p.d.n, 0, "quirk: no findings");
	is_str(p.z->origin, "workitmom-newsletter.com.", "quirk: apex");
	REC(&p, 0, "workitmom-newsletter.com.", LDNS_RR_TYPE_SOA, 3600, 3);
	REC(&p, 1, "workitmom-newsletter.com.", LDNS_RR_TYPE_MX, 1, 9);
	done(&p);
	parse(&p, "$ORIGIN .\n@ 3600 IN SOA a. b. 1 2 3 4 5\n");
	REC(&p, 0, ".", LDNS_RR_TYPE_SOA, 3600, 2);
	done(&p);

	/* a byte order mark before the banner */
	parse(&p, "\xef\xbb\xbf;;\n;; Domain:     example.com.\n"
	    "example.com\t3600\tIN\tSOA\tns.cloudflare.com. "
	    "dns.cloudflare.com. 1 2 3 4 5\n"
	    "www\t1\tIN\tA\t203.0.113.1\n");
	is_int(p.d.n, 0, "BOM: no findings");
	is_str(p.z->origin, "example.com.", "BOM: banner read");
	is_int(p.z->nrecs, 2, "BOM: 2 records");
	REC(&p, 0, "example.com.", LDNS_RR_TYPE_SOA, 3600, 3);
	REC(&p, 1, "www.example.com.", LDNS_RR_TYPE_A, 1, 4);
	done(&p);
}

static void
test_targets(void)
{
	struct parsed p;

	parse(&p, "$ORIGIN example.com.\n"
	    "@ 1 IN NS ns1\n"
	    "c 1 IN CNAME target.example.net.\n"
	    "d 1 IN DNAME other.example.\n"
	    "1.113.0.203.in-addr.arpa. 1 IN PTR host\n"
	    "@ 1 IN MX 0 .\n"
	    "_sip._udp 1 IN SRV 10 20 5060 sip\n"
	    "@ 1 IN HTTPS 1 . alpn=h2\n"
	    "svc 1 IN HTTPS 1 svc.example.net. alpn=h2\n"
	    "s 1 IN SVCB 0 svc.example.net.\n"
	    "t 1 IN TXT \"no target\"\n"
	    "caa 1 IN CAA 0 issue \"letsencrypt.org\"\n");
	is_int(p.d.n, 0, "targets: no findings");
	is_int(p.z->nrecs, 11, "targets: 11 records");
	is_str(rec(&p, 0)->target, "ns1.example.com.", "NS target");
	is_str(rec(&p, 1)->target, "target.example.net.", "CNAME target");
	is_str(rec(&p, 2)->target, "other.example.", "DNAME target");
	is_str(rec(&p, 3)->target, "host.example.com.", "PTR target");
	is_str(rec(&p, 4)->target, NULL, "null MX (RFC 7505): no target");
	is_str(content(rec(&p, 4)), "0 .", "null MX content");
	is_str(rec(&p, 5)->target, "sip.example.com.", "SRV target");
	is_int(rec(&p, 5)->port, 5060, "SRV port");
	is_str(content(rec(&p, 5)), "10 20 5060 sip.example.com.",
	    "SRV content");
	is_str(str_or_null(rec(&p, 6)->target), NULL, "HTTPS '.': no target");
	is_str(rec(&p, 7)->target, "svc.example.net.", "HTTPS target");
	is_str(rec(&p, 8)->target, "svc.example.net.", "SVCB alias target");
	is_str(str_or_null(rec(&p, 9)->target), NULL, "TXT: no target");
	is_int(rec(&p, 9)->family, 0, "TXT: no address");
	is_str(str_or_null(rec(&p, 10)->target), NULL, "CAA: no target");
	is_str(content(rec(&p, 10)), "0 issue \"letsencrypt.org\"",
	    "CAA content");
	done(&p);

	/* SVCB/HTTPS parameters with quoted values */
	parse(&p, "$ORIGIN example.com.\n"
	    "@ 1 IN HTTPS 1 . alpn=\"h2,h3\" ipv4hint=\"203.0.113.10\"\n"
	    "www 1 IN HTTPS 1 . alpn=\"h2\" ; cf_tags=cf-proxied:true\n");
	is_int(count(&p, "syntax-error", NULL), 0,
	    "quoted SvcParam values are valid");
	is_int(p.z->nrecs, 2, "quoted SvcParams: both records read");
	is_int(rec(&p, 1)->proxy, PL_PROXY_PROXIED, "quoted SvcParams: tags");
	is_int(rec(&p, 1)->line, 3, "quoted SvcParams: line");
	done(&p);
}

static void
test_generic(void)
{
	struct parsed p;

	parse(&p, "$ORIGIN example.com.\n"
	    "gen 1 IN TYPE731 \\# 6 abcdef012345\n"
	    "gen2 1 CLASS32 TYPE731 \\# 6 abcd (\n"
	    "\tef 01 23 45 )\n"
	    "txt 1 IN TYPE16 \\# 4 03616263\n"
	    "mail 1 IN TYPE1 \\# 4 cb007119 ; cf_tags=cf-proxied:true\n"
	    "c32 1 CLASS32 A 10.0.0.1\n");
	is_int(p.d.n, 0, "generic: no findings");
	is_int(p.z->nrecs, 5, "generic: 5 records");
	REC(&p, 0, "gen.example.com.", 731, 1, 2);
	is_str(content(rec(&p, 0)), "\\# 6 abcdef012345", "TYPE731 content");
	REC(&p, 1, "gen2.example.com.", 731, 1, 3);
	REC(&p, 2, "txt.example.com.", LDNS_RR_TYPE_TXT, 1, 5);
	is_str(content(rec(&p, 2)), "\"abc\"", "generic TXT read as TXT");
	REC(&p, 3, "mail.example.com.", LDNS_RR_TYPE_A, 1, 6);
	is_str(content(rec(&p, 3)), "203.0.113.25", "generic A read as A");
	is_int(rec(&p, 3)->family, 4, "generic A has an address");
	is_int(rec(&p, 3)->proxy, PL_PROXY_PROXIED, "generic A tags");
	REC(&p, 4, "c32.example.com.", LDNS_RR_TYPE_A, 1, 7);
	done(&p);
}

/*
 * The reader has a fast path for plain A, AAAA, CNAME, MX, NS, SRV and TXT
 * records and hands everything else to ldns.  Writing the class as CLASS1
 * (which is IN) sends a record to ldns: both must give the same record.
 */
static void
same_both_ways(const char *owner, const char *type, const char *rdata)
{
	char plain[512], slow[512];
	struct parsed a, b;
	const struct pl_record *x, *y;

	snprintf(plain, sizeof(plain), "$ORIGIN example.com.\n%s 300 IN %s %s"
	    " ; cf_tags=cf-proxied:true\n", owner, type, rdata);
	snprintf(slow, sizeof(slow), "$ORIGIN example.com.\n%s 300 CLASS1 %s "
	    "%s ; cf_tags=cf-proxied:true\n", owner, type, rdata);
	parse(&a, plain);
	parse(&b, slow);
	if (a.z->nrecs != 1 || b.z->nrecs != 1 || a.d.n != 0 || b.d.n != 0) {
		ok(0, "%s %s %s: one record both ways (%u/%u records, %zu/%zu "
		    "findings)", owner, type, rdata, a.z->nrecs, b.z->nrecs,
		    a.d.n, b.d.n);
		done(&a);
		done(&b);
		return;
	}
	x = &a.z->recs[0];
	y = &b.z->recs[0];
	is_str(x->owner, y->owner, "%s %s %s: owner", owner, type, rdata);
	is_int(x->type, y->type, "%s %s %s: type", owner, type, rdata);
	is_int(x->ttl, y->ttl, "%s %s %s: TTL", owner, type, rdata);
	is_str(content(x), content(y), "%s %s %s: content", owner, type,
	    rdata);
	is_str(x->target, y->target, "%s %s %s: target", owner, type, rdata);
	is_int(x->port, y->port, "%s %s %s: port", owner, type, rdata);
	is_int(x->family, y->family, "%s %s %s: family", owner, type, rdata);
	ok(memcmp(x->addr, y->addr, sizeof(x->addr)) == 0,
	    "%s %s %s: address", owner, type, rdata);
	is_int(x->proxy, y->proxy, "%s %s %s: proxy", owner, type, rdata);
	is_str(pl_rec_tags(x), pl_rec_tags(y), "%s %s %s: tags", owner, type, rdata);
	done(&a);
	done(&b);
}

static void
test_fast_path_agrees(void)
{
	same_both_ways("www", "A", "203.0.113.1");
	same_both_ways("www", "A", "0.0.0.0");
	same_both_ways("www", "AAAA", "2001:db8::1");
	same_both_ways("www", "AAAA", "2001:0DB8:0000:0000:0000:0000:0000:0001");
	same_both_ways("www", "AAAA", "::ffff:203.0.113.1");
	same_both_ways("www", "AAAA", "::");
	same_both_ways("www", "CNAME", "example.com.");
	same_both_ways("www", "CNAME", "@");
	same_both_ways("www", "CNAME", "host");
	same_both_ways("www", "CNAME", "Host.Example.NET.");
	same_both_ways("www", "CNAME", "*.example.net.");
	same_both_ways("www", "CNAME", "_dc-mx.abc.example.net.");
	same_both_ways("@", "NS", "ns1");
	same_both_ways("@", "MX", "10 mail");
	same_both_ways("@", "MX", "0 .");
	same_both_ways("@", "MX", "65535 mail.example.net.");
	same_both_ways("_sip._tcp", "SRV", "10 20 5060 sip");
	same_both_ways("_x._tcp", "SRV", "0 0 0 .");
	same_both_ways("t", "TXT", "\"v=spf1 -all\"");
	same_both_ways("t", "TXT", "\"a\" \"b c\"");
	same_both_ways("t", "TXT", "unquoted words");
	same_both_ways("t", "TXT", "\"\"");
	same_both_ways("t", "TXT", "\"semi;colon\"");
	same_both_ways("t", "PTR", "host.example.net.");
}

static void
test_errors(void)
{
	struct parsed p;
	uint32_t line = 0;

	parse(&p, "$ORIGIN example.com.\n"				/* 1 */
	    "www 1 IN A 203.0.113.300 ; cf_tags=cf-proxied:true\n"	/* 2 */
	    "links 1 IN A 168.235.224.14\tArray\n"			/* 3 */
	    "x 1 IN FOO bar\n"						/* 4 */
	    "\n"							/* 5 */
	    "mx 1 IN MX mail\n"						/* 6 */
	    "p 1 IN TXT ( ( \"a\" ) )\n"				/* 7 */
	    "q 1 IN A 203.0.113.1 )\n"					/* 8 */
	    "t 1 IN TXT \"open\n"					/* 9 */
	    "$GENERATE 1-2 h$ A 203.0.113.$\n"				/* 10 */
	    "m ( 1 IN MX\n"						/* 11 */
	    "  10 mail.example.com. extra )\n"				/* 12 */
	    "ok 1 IN A 203.0.113.2 ; cf_tags=cf-proxied:true\n"		/* 13 */
	    "y 1 IN\n"							/* 14 */
	    "last 1 IN TXT ( \"never closed\"\n");			/* 15 */
	is_int(p.z->nrecs, 1, "errors: one good record");
	REC(&p, 0, "ok.example.com.", LDNS_RR_TYPE_A, 1, 13);
	is_int(count(&p, "syntax-error", &line), 11, "errors: 11 errors");
	is_int(line, 2, "errors: first at line 2");
	{
		static const uint32_t want[] = {
			2, 3, 4, 6, 7, 8, 9, 10, 11, 14, 15,
		};
		size_t k = 0;
		int same = 1;

		for (size_t i = 0; i < p.d.n; i++)
			if (strcmp(p.d.v[i].rule->id, "syntax-error") == 0) {
				if (k >= 11 || p.d.v[i].line != want[k])
					same = 0;
				k++;
			}
		ok(same && k == 11, "each error at its record's first line");
	}
	is_str(message(&p, "syntax-error", 1), "cannot parse this record: "
	    "Syntax error, superfluous text present", "Array message");
	is_str(message(&p, "syntax-error", 2), "cannot parse this record: "
	    "unknown record type 'FOO'", "unknown type message");
	is_str(message(&p, "syntax-error", 4), "cannot parse this record: "
	    "nested parentheses", "nested parentheses message");
	is_str(message(&p, "syntax-error", 5), "cannot parse this record: "
	    "')' without '('", "')' message");
	is_str(message(&p, "syntax-error", 6), "cannot parse this record: "
	    "unterminated quoted string", "quote message");
	is_str(message(&p, "syntax-error", 7), "cannot parse this record: "
	    "unknown or unsupported directive '$GENERATE'", "directive");
	is_str(message(&p, "syntax-error", 9), "cannot parse this record: "
	    "no record type", "no type message");
	is_str(message(&p, "syntax-error", 10), "cannot parse this record: "
	    "'(' not closed before the end of the file", "unclosed '('");
	done(&p);

	parse(&p, "\t1 IN A 203.0.113.1\nmail.example.com. 1 IN A "
	    "203.0.113.2\n");
	is_int(p.z->nrecs, 1, "no first owner: the next record is read");
	is_int(count(&p, "syntax-error", &line), 1, "no first owner: error");
	is_int(line, 1, "no first owner: at line 1");
	is_str(message(&p, "syntax-error", 0), "cannot parse this record: "
	    "the first record has no owner name", "no first owner message");
	done(&p);

	/* an owner name cannot be a quoted string (RFC 1035 section 5.1) */
	parse(&p, "$ORIGIN example.com.\n"
	    "\"mail\" 1 IN A 203.0.113.1 ; cf_tags=cf-proxied:true\n"
	    "www 1 IN A 203.0.113.2\n");
	is_int(count(&p, "syntax-error", &line), 1, "quoted owner: an error");
	is_int(line, 2, "quoted owner: at its line");
	is_int(p.z->nrecs, 1, "quoted owner: not read, the next one is");
	done(&p);

	/* not zone data at all: nothing could be read */
	parse(&p, "Meeting notes, 3 March\n\nWe agreed to move the site.\n");
	is_int(p.rc, PL_EINPUT, "prose is not a zone file");
	is_int(p.z->nrecs, 0, "prose: no records");
	done(&p);
	/* empty and comment-only input: no records, no findings, no error */
	parse(&p, "");
	is_int(p.rc, 0, "empty: read");
	is_int(p.z->nrecs, 0, "empty: no records");
	is_int(p.d.n, 0, "empty: no findings");
	done(&p);
	parse(&p, "; nothing\n\n;; Domain:     example.com.\n");
	is_int(p.rc, 0, "comments only: read");
	is_int(p.z->nrecs, 0, "comments only: no records");
	is_int(p.d.n, 0, "comments only: no findings");
	done(&p);
}

/* ------------------------------------------------------------ $INCLUDE */

static int
write_file(const char *dir, const char *name, const char *text)
{
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, f);
	return fclose(f);
}

static void
test_include(void)
{
	char dir[] = "/tmp/test_bind.XXXXXX", top[64], sub[64], out[128];
	struct parsed p;
	const char *text =
	    "$ORIGIN example.com.\n"				/* 1 */
	    "$INCLUDE sub/a.inc\n"				/* 2 */
	    "$INCLUDE sub/o.inc other.example.com.\n"		/* 3 */
	    "$INCLUDE ../outside.inc\n"				/* 4 */
	    "$INCLUDE /etc/passwd\n"				/* 5 */
	    "$INCLUDE sub/self.inc\n"				/* 6 */
	    "top 1 IN A 203.0.113.9\n";				/* 7 */
	uint32_t line = 0;

	if (mkdtemp(dir) == NULL) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	snprintf(top, sizeof(top), "%s/top.zone", dir);
	snprintf(out, sizeof(out), "%s/../outside.inc", dir);
	mkdir(sub, 0700);
	write_file(dir, "top.zone", text);
	write_file(sub, "a.inc", "; a\nincl 1 IN A 203.0.113.1\n"
	    "$INCLUDE b.inc\n");
	write_file(sub, "b.inc", "nested 1 IN A 203.0.113.2\n");
	write_file(sub, "o.inc", "@ 1 IN A 203.0.113.3\nrel 1 IN A "
	    "203.0.113.4\n");
	write_file(sub, "self.inc", "loop 1 IN A 203.0.113.5\n"
	    "$INCLUDE self.inc\n");

	parse_opts(&p, text, strlen(text), NULL, top);
	is_int(p.z->nrecs, 6, "include: 6 records");
	REC(&p, 0, "incl.example.com.", LDNS_RR_TYPE_A, 1, 2);
	REC(&p, 1, "nested.example.com.", LDNS_RR_TYPE_A, 1, 1);
	REC(&p, 2, "other.example.com.", LDNS_RR_TYPE_A, 1, 1);
	REC(&p, 3, "rel.other.example.com.", LDNS_RR_TYPE_A, 1, 2);
	REC(&p, 4, "loop.example.com.", LDNS_RR_TYPE_A, 1, 1);
	REC(&p, 5, "top.example.com.", LDNS_RR_TYPE_A, 1, 7);
	{
		char want[128];

		is_str(pl_zone_record_file(p.z, rec(&p, 5)), top,
		    "top-level record: the file itself");
		snprintf(want, sizeof(want), "%s/sub/a.inc", dir);
		is_str(pl_zone_record_file(p.z, rec(&p, 0)), want,
		    "included record: its file");
		snprintf(want, sizeof(want), "%s/sub/b.inc", dir);
		is_str(pl_zone_record_file(p.z, rec(&p, 1)), want,
		    "nested include relative to the including file");
	}
	is_int(count(&p, "include-refused", &line), 3, "3 refused");
	is_int(line, 4, "first refusal at line 4");
	is_str(message(&p, "include-refused", 0), "$INCLUDE of "
	    "'../outside.inc' refused: the path leaves the zone file's folder",
	    "parent folder refused");
	is_str(message(&p, "include-refused", 1), "$INCLUDE of '/etc/passwd' "
	    "refused: the path leaves the zone file's folder",
	    "absolute path refused");
	is_str(message(&p, "include-refused", 2), "$INCLUDE of 'self.inc' "
	    "refused: include loop", "loop refused");
	is_int(count(&p, "syntax-error", NULL), 0, "include: no syntax error");
	done(&p);

	/* standard input has no folder to include from */
	parse(&p, "$ORIGIN example.com.\n$INCLUDE a.inc\n"
	    "www 1 IN A 203.0.113.1\n");
	is_int(count(&p, "include-refused", &line), 1, "stdin: refused");
	is_int(line, 2, "stdin: at its line");
	is_str(message(&p, "include-refused", 0), "$INCLUDE of 'a.inc' "
	    "refused: an $INCLUDE in standard input has no folder to be read "
	    "from", "stdin message");
	is_int(p.z->nrecs, 1, "stdin: the rest is read");
	done(&p);

	unlink(out);
	snprintf(out, sizeof(out), "%s/a.inc", sub);
	unlink(out);
	snprintf(out, sizeof(out), "%s/b.inc", sub);
	unlink(out);
	snprintf(out, sizeof(out), "%s/o.inc", sub);
	unlink(out);
	snprintf(out, sizeof(out), "%s/self.inc", sub);
	unlink(out);
	rmdir(sub);
	unlink(top);
	rmdir(dir);
}

/* ------------------------------------------------- reading on two threads */

struct text {
	char	*s;
	size_t	 n, cap;
};

static void
text_add(struct text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
text_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->cap - t->n < 512) {
		t->cap = t->cap ? t->cap * 2 : 1 << 20;
		t->s = realloc(t->s, t->cap);
		if (t->s == NULL)
			abort();
	}
	va_start(ap, fmt);
	n = vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
	va_end(ap);
	t->n += (size_t)n;
}

/*
 * A zone of more than 4 MiB may be read on two threads, cut near the
 * middle.  Whatever the cut, the records and findings must be those of a
 * read on one thread.
 */
static void
same_on_two_threads(const char *what, const struct text *t)
{
	struct parsed one, two;
	struct pl_read_opts o;
	int same = 1;
	size_t bad = 0;

	parse_opts(&one, t->s, t->n, NULL, NULL);
	memset(&o, 0, sizeof(o));
	o.threads = 2;
	pl_diags_init(&two.d, rules, "t.zone");
	two.z = pl_zone_new("t.zone", PL_FMT_BIND);
	two.rc = pl_read_bind(t->s, t->n, &o, two.z, &two.d);
	is_int(two.rc, one.rc, "%s: same status", what);
	is_int(two.z->nrecs, one.z->nrecs, "%s: same number of records (%u)",
	    what, one.z->nrecs);
	ok(t->n > (5u << 20) && one.z->nrecs > 50000,
	    "%s: the text is big enough to be cut (%zu octets)", what, t->n);
	for (uint32_t i = 0; same && i < one.z->nrecs && i < two.z->nrecs;
	    i++) {
		const struct pl_record *x = &one.z->recs[i], *y = &two.z->recs[i];

		if (strcmp(x->owner, y->owner) != 0 || x->type != y->type ||
		    x->ttl != y->ttl || x->line != y->line ||
		    x->proxy != y->proxy || strcmp(content(x), content(y)) != 0 ||
		    (x->target == NULL) != (y->target == NULL) ||
		    (x->target && strcmp(x->target, y->target) != 0) ||
		    (pl_rec_comment(x) == NULL) != (pl_rec_comment(y) == NULL) ||
		    (pl_rec_tags(x) == NULL) != (pl_rec_tags(y) == NULL)) {
			same = 0;
			bad = i;
		}
	}
	ok(same, "%s: same records (first difference: record %zu)", what,
	    bad);
	is_int(two.d.n, one.d.n, "%s: same number of findings (%zu)", what,
	    one.d.n);
	pl_diags_sort(&one.d);
	pl_diags_sort(&two.d);
	same = 1;
	for (size_t i = 0; same && i < one.d.n && i < two.d.n; i++)
		if (one.d.v[i].line != two.d.v[i].line ||
		    one.d.v[i].rule != two.d.v[i].rule ||
		    !same_message(&one.d.v[i], &two.d.v[i])) {
			same = 0;
			bad = i;
		}
	ok(same, "%s: same findings (first difference: %zu)", what, bad);
	/* the adopted half's names are the zone's own */
	pl_zone_index(one.z, PL_PROXY_UNKNOWN, 1);
	pl_zone_index(two.z, PL_PROXY_UNKNOWN, 1);
	same = 1;
	for (uint32_t i = 0; i < two.z->nrecs; i += 997) {
		const char *name = two.z->recs[i].owner;

		if (pl_zone_intern(two.z, name, strlen(name)) != name ||
		    pl_zone_first(two.z, name) == PL_NO_RECORD ||
		    pl_zone_first(two.z, name) != pl_zone_first(one.z,
		    pl_zone_intern(one.z, name, strlen(name))))
			same = 0;
	}
	ok(same, "%s: names interned and indexed alike", what);
	done(&one);
	done(&two);
}

#define PAD	"a comment long enough to make a big zone out of few records"

static void
test_two_threads(void)
{
	struct text t = { NULL, 0, 0 };
	int n = 80000;

	/* a Cloudflare export: no directives */
	text_add(&t, ";; Domain:     example.com.\n"
	    "example.com\t3600\tIN\tSOA\tns.cloudflare.com. "
	    "dns.cloudflare.com. 1 2 3 4 5\n");
	for (int i = 0; i < n; i++) {
		if (i % 997 == 0)
			text_add(&t, "bad%d.example.com.\t1\tIN\tA\t"
			    "203.0.113.300 ; cf_tags=cf-proxied:true\n", i);
		else if (i % 991 == 0)
			text_add(&t, "tag%d.example.com.\t1\tIN\tA\t203.0.113.1 "
			    "; cf_tags=cf-proxied:maybe\n", i);
		else
			text_add(&t, "h%d.example.com.\t1\tIN\t%s\t%s ; "
			    "note %d cf_tags=cf-proxied:%s\n", i,
			    i % 3 ? "A" : "CNAME",
			    i % 3 ? "203.0.113.7" : "example.com.", i,
			    i % 2 ? "true" : "false");
	}
	same_on_two_threads("export", &t);

	/* plain zone file with directives, relative names, no TTLs, and
	 * owners left out */
	t.n = 0;
	text_add(&t, "$ORIGIN example.com.\n$TTL 300\n"
	    "@ IN SOA ns1 host 1 2 3 4 5\n");
	for (int i = 0; i < n; i++)
		text_add(&t, "h%d IN A 203.0.113.%d ; cf_tags=cf-proxied:%s\n"
		    "\tIN AAAA 2001:db8::%x ; second address of the name, "
		    "DNS-only\n", i, i % 250, i % 2 ? "true" : "false", i);
	same_on_two_threads("directives", &t);

	/* a long multi-line record across the middle: a cut there falls
	 * inside its parentheses, on lines that start like an owner */
	t.n = 0;
	text_add(&t, "$ORIGIN example.com.\n");
	for (int i = 0; i < n / 2; i++)
		text_add(&t, "h%d 60 IN A 203.0.113.9 ; %s\n", i, PAD);
	text_add(&t, "long 60 IN TXT (\n");
	for (int i = 0; i < 20000; i++)
		text_add(&t, "\"part%d\"\n", i % 100);
	text_add(&t, ")\n");
	for (int i = n / 2; i < n; i++)
		text_add(&t, "h%d 60 IN A 203.0.113.9 ; %s\n", i, PAD);
	same_on_two_threads("parentheses at the cut", &t);

	/* no $TTL: records after the cut take the last TTL given before */
	t.n = 0;
	text_add(&t, "$ORIGIN example.com.\n");
	for (int i = 0; i < n; i++)
		if (i == 7)
			text_add(&t, "h%d 123 IN A 203.0.113.9 ; %s\n", i, PAD);
		else if (i < 7)
			text_add(&t, "h%d 60 IN A 203.0.113.9 ; %s\n", i, PAD);
		else
			text_add(&t, "h%d IN A 203.0.113.9 ; %s "
			    "cf_tags=cf-proxied:true\n", i, PAD);
	same_on_two_threads("last TTL", &t);

	/* an $ORIGIN in the second half */
	t.n = 0;
	text_add(&t, "$ORIGIN example.com.\n$TTL 60\n");
	for (int i = 0; i < n; i++) {
		if (i == n * 3 / 4)
			text_add(&t, "$ORIGIN sub.example.com.\n");
		text_add(&t, "h%d IN A 203.0.113.9 ; %s\n", i, PAD);
	}
	same_on_two_threads("$ORIGIN after the cut", &t);
	free(t.s);
}

int
main(void)
{
	rules = pl_ruleset_new();
	if (rules == NULL) {
		printf("Bail out! built-in rules do not load\n");
		return 1;
	}
	test_cloudflare_export();
	test_origin_ttl_class();
	test_lines();
	test_quotes_and_comments();
	test_names();
	test_targets();
	test_generic();
	test_fast_path_agrees();
	test_errors();
	test_include();
	test_two_threads();
	pl_ruleset_free(rules);
	return tap_done();
}
