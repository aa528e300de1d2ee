/* test_zone.c -- interned names, records and the zone's indexes */
/* SPDX-License-Identifier: MIT */
#include <arpa/inet.h>

#include <stdio.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/zone.h"
#include "tap.h"

static const char *
intern(struct pl_zone *z, const char *s)
{
	return pl_zone_intern(z, s, strlen(s));
}

static void
test_intern(void)
{
	struct pl_zone *z = pl_zone_new("t.zone", PL_FMT_BIND);
	const char *a, *b, *c, *d;
	uint32_t n0;

	a = intern(z, "www.example.com.");
	b = intern(z, "WWW.Example.COM");
	c = intern(z, "www.example.com");
	d = intern(z, "Www.Example.Com.");
	is_str(a, "www.example.com.", "interned form: lower case, dot");
	ok(a == b && a == c && a == d, "one pointer whatever the case and "
	    "the trailing dot");
	is_str(intern(z, "EXAMPLE.COM"), "example.com.", "dot added");
	is_str(intern(z, "."), ".", "the root stays '.'");
	is_str(intern(z, ""), ".", "the empty name is the root");
	ok(intern(z, ".") == intern(z, ""), "one root");
	/* an escaped dot does not end a name; an escaped backslash does
	 * not escape the dot after it */
	is_str(intern(z, "a\\."), "a\\..", "escaped trailing dot");
	is_str(intern(z, "a\\\\."), "a\\\\.", "escaped backslash, then dot");
	/* only ASCII letters are folded */
	is_str(intern(z, "\xc3\x84" "B.example."), "\xc3\x84" "b.example.",
	    "non-ASCII octets kept as they are");
	ok(intern(z, "xn--bcher-kva.EXAMPLE") ==
	    intern(z, "xn--bcher-kva.example."), "punycode folds");
	ok(intern(z, "a.example.com") != intern(z, "b.example.com"),
	    "different names, different pointers");
	ok(intern(z, "example.com") != intern(z, "example.com.example.com"),
	    "a name and a longer one");

	/* lookups do not intern */
	n0 = z->nnames;
	ok(pl_zone_lookup(z, "nothere.example.com.", 20) == NULL,
	    "lookup of an unknown name");
	is_int(z->nnames, n0, "a lookup adds no name");
	ok(pl_zone_lookup(z, "WWW.EXAMPLE.COM", 15) == a,
	    "lookup finds the interned name in any case");
	ok(pl_zone_lookup(z, "www.example.com.", 16) == a,
	    "lookup with the dot");

	/* growth keeps every pointer and every name */
	{
		const char *first[2000];
		char buf[64];
		int same = 1, text = 1;

		for (int i = 0; i < 2000; i++) {
			snprintf(buf, sizeof(buf), "h%d.Example.com", i);
			first[i] = intern(z, buf);
		}
		for (int i = 0; i < 2000; i++) {
			char want[64];

			snprintf(buf, sizeof(buf), "H%d.EXAMPLE.COM.", i);
			snprintf(want, sizeof(want), "h%d.example.com.", i);
			if (intern(z, buf) != first[i])
				same = 0;
			if (strcmp(first[i], want) != 0)
				text = 0;
		}
		ok(same, "2000 names: pointers stable across table growth");
		ok(text, "2000 names: texts intact");
		ok(intern(z, "www.example.com") == a, "early name still found");
		ok(z->nnames >= 2000, "nnames counts them (%u)", z->nnames);
	}
	/* a long name */
	{
		char longname[300], want[302];

		memset(longname, 'a', 250);
		longname[250] = '\0';
		snprintf(want, sizeof(want), "%s.", longname);
		is_str(intern(z, longname), want, "a 250-octet name");
	}
	pl_zone_free(z);
}

static void
test_files_and_formats(void)
{
	struct pl_zone *z = pl_zone_new("top.zone", PL_FMT_BIND);
	struct pl_record *r;
	enum pl_format f;

	is_int(z->nfiles, 1, "one file to start with");
	is_int(pl_zone_add_file(z, "sub/a.inc"), 1, "first include: 1");
	is_int(pl_zone_add_file(z, "sub/b.inc"), 2, "second include: 2");
	is_int(pl_zone_add_file(z, "sub/a.inc"), 1, "the same file again");
	is_int(pl_zone_add_file(z, "top.zone"), 0, "the top file is 0");
	r = pl_zone_add(z);
	r->owner = intern(z, "a.example.");
	r->file = 2;
	is_str(pl_zone_record_file(z, r), "sub/b.inc", "record's file");
	r->file = 0;
	is_str(pl_zone_record_file(z, r), "top.zone", "record in the top file");
	pl_zone_free(z);

	is_str(pl_format_name(PL_FMT_BIND), "bind", "format name bind");
	is_str(pl_format_name(PL_FMT_CLOUDFLARE_JSON), "cloudflare-json",
	    "format name cloudflare-json");
	is_str(pl_format_name(PL_FMT_TERRAFORM_PLAN), "terraform-plan",
	    "format name terraform-plan");
	is_str(pl_format_name(PL_FMT_OCTODNS), "octodns", "format octodns");
	is_int(pl_format_parse("octodns", &f), 0, "parse octodns");
	is_int(f, PL_FMT_OCTODNS, "octodns parsed");
	is_int(pl_format_parse("zonefile", &f), -1, "unknown format");
	is_int(pl_format_parse("BIND", &f), -1, "format names are lower case");
}

/* Appends a record; returns its index. */
static uint32_t
add(struct pl_zone *z, const char *owner, uint16_t type, const char *data,
    enum pl_proxy proxy)
{
	struct pl_record *r = pl_zone_add(z);

	r->owner = intern(z, owner);
	r->type = type;
	r->proxy = (uint8_t)proxy;
	r->line = z->nrecs;
	switch (type) {
	case LDNS_RR_TYPE_A:
		r->family = 4;
		inet_pton(AF_INET, data, r->addr);
		r->content = data;
		break;
	case LDNS_RR_TYPE_AAAA:
		r->family = 6;
		inet_pton(AF_INET6, data, r->addr);
		r->content = data;
		break;
	case LDNS_RR_TYPE_TXT:
		r->content = data;
		break;
	default:
		r->target = intern(z, data);
		r->content = data;
		break;
	}
	return z->nrecs - 1;
}

static uint32_t
addr_first(const struct pl_zone *z, const char *a)
{
	uint8_t buf[16];
	int family = strchr(a, ':') ? 6 : 4;

	memset(buf, 0, sizeof(buf));
	inet_pton(family == 4 ? AF_INET : AF_INET6, a, buf);
	return pl_zone_first_addr(z, family, buf);
}

static void
test_index(void)
{
	struct pl_zone *z = pl_zone_new("t.zone", PL_FMT_BIND);
	const char *apex, *www, *mail, *mx2, *play, *ftp, *nope;
	uint32_t i, rec_apex_a, rec_www_a, rec_mx1, rec_mx2, rec_srv;
	uint32_t rec_mail, rec_cname, rec_www_aaaa, rec_www_a2, rec_direct;
	uint32_t rec_mail_txt, rec_play, rec_ftp;

	z->origin = intern(z, "example.com");
	rec_apex_a = add(z, "example.com", LDNS_RR_TYPE_A, "203.0.113.10",
	    PL_PROXY_PROXIED);
	rec_www_a = add(z, "www.example.com", LDNS_RR_TYPE_A, "203.0.113.10",
	    PL_PROXY_DNS_ONLY);
	rec_mx1 = add(z, "example.com", LDNS_RR_TYPE_MX, "mail.example.com",
	    PL_PROXY_UNKNOWN);
	rec_mail = add(z, "MAIL.example.com", LDNS_RR_TYPE_A, "203.0.113.25",
	    PL_PROXY_UNKNOWN);
	rec_mx2 = add(z, "example.com", LDNS_RR_TYPE_MX, "mx2.example.com",
	    PL_PROXY_UNKNOWN);
	rec_srv = add(z, "_mc._tcp.example.com", LDNS_RR_TYPE_SRV,
	    "play.example.com", PL_PROXY_UNKNOWN);
	rec_cname = add(z, "alias.example.com", LDNS_RR_TYPE_CNAME,
	    "mail.example.com.", PL_PROXY_PROXIED);
	rec_www_aaaa = add(z, "www.example.com", LDNS_RR_TYPE_AAAA,
	    "2001:db8::10", PL_PROXY_PROXIED);
	rec_www_a2 = add(z, "www.example.com.", LDNS_RR_TYPE_A,
	    "203.0.113.11", PL_PROXY_DNS_ONLY);
	rec_direct = add(z, "direct.example.com", LDNS_RR_TYPE_A,
	    "203.0.113.10", PL_PROXY_DNS_ONLY);
	rec_mail_txt = add(z, "mail.example.com", LDNS_RR_TYPE_TXT,
	    "\"v=spf1 -all\"", PL_PROXY_UNKNOWN);
	rec_play = add(z, "play.example.com", LDNS_RR_TYPE_CNAME,
	    "host.example.net", PL_PROXY_DNS_ONLY);
	rec_ftp = add(z, "ftp.example.com", LDNS_RR_TYPE_AAAA,
	    "2001:db8::10", PL_PROXY_UNKNOWN);

	pl_zone_index(z, PL_PROXY_UNKNOWN, 1);
	ok(z->indexed, "indexed");
	is_int(z->nunknown, 2, "two proxiable records have no state");
	apex = intern(z, "example.com");
	www = intern(z, "www.example.com");
	mail = intern(z, "mail.example.com");
	mx2 = intern(z, "mx2.example.com");
	play = intern(z, "play.example.com");
	ftp = intern(z, "ftp.example.com");
	nope = intern(z, "nope.example.com");

	/* owner chains, in input order */
	i = pl_zone_first(z, apex);
	is_int(i, rec_apex_a, "apex chain: the A first");
	i = z->recs[i].next_owner;
	is_int(i, rec_mx1, "apex chain: then MX 1");
	i = z->recs[i].next_owner;
	is_int(i, rec_mx2, "apex chain: then MX 2");
	is_int(z->recs[i].next_owner, PL_NO_RECORD, "apex chain: end");
	i = pl_zone_first(z, www);
	is_int(i, rec_www_a, "www chain: first A");
	i = z->recs[i].next_owner;
	is_int(i, rec_www_aaaa, "www chain: AAAA");
	i = z->recs[i].next_owner;
	is_int(i, rec_www_a2, "www chain: second A");
	is_int(z->recs[i].next_owner, PL_NO_RECORD, "www chain: end");
	i = pl_zone_first(z, mail);
	is_int(i, rec_mail, "mail chain: case-folded owner");
	is_int(z->recs[i].next_owner, rec_mail_txt, "mail chain: TXT");
	is_int(pl_zone_first(z, nope), PL_NO_RECORD, "no record owns nope");
	is_int(pl_zone_first(z, NULL), PL_NO_RECORD, "NULL name");

	/* address chains, in input order, per family */
	i = addr_first(z, "203.0.113.10");
	is_int(i, rec_apex_a, "203.0.113.10: apex first");
	i = z->recs[i].next_addr;
	is_int(i, rec_www_a, "203.0.113.10: then www");
	i = z->recs[i].next_addr;
	is_int(i, rec_direct, "203.0.113.10: then direct");
	is_int(z->recs[i].next_addr, PL_NO_RECORD, "203.0.113.10: end");
	i = addr_first(z, "2001:db8::10");
	is_int(i, rec_www_aaaa, "2001:db8::10: www first");
	is_int(z->recs[i].next_addr, rec_ftp, "2001:db8::10: then ftp");
	is_int(z->recs[rec_ftp].next_addr, PL_NO_RECORD, "2001:db8::10: end");
	is_int(addr_first(z, "203.0.113.11"), rec_www_a2, "203.0.113.11");
	is_int(addr_first(z, "203.0.113.99"), PL_NO_RECORD, "unknown address");
	is_int(addr_first(z, "::203.0.113.10"), PL_NO_RECORD,
	    "same octets, other family");

	/* referrers, in input order */
	i = pl_zone_first_referrer(z, mail);
	is_int(i, rec_mx1, "mail referrers: the MX");
	i = pl_zone_next_referrer(z, i);
	is_int(i, rec_cname, "mail referrers: then the CNAME");
	is_int(pl_zone_next_referrer(z, i), PL_NO_RECORD, "mail referrers: end");
	is_int(pl_zone_first_referrer(z, mx2), rec_mx2, "mx2 referrer");
	is_int(pl_zone_first_referrer(z, play), rec_srv, "play referrer");
	is_int(pl_zone_first(z, play), rec_play, "play's own record");
	is_int(pl_zone_first_referrer(z, www), PL_NO_RECORD, "no referrer");
	is_int(pl_zone_first_referrer(z, NULL), PL_NO_RECORD, "NULL: none");

	/* name flags */
	is_int(pl_zone_name_flags(z, apex),
	    PL_NAME_HAS_PROXIED | PL_NAME_ADDR_PROXIED, "apex flags");
	is_int(pl_zone_name_flags(z, www),
	    PL_NAME_HAS_PROXIED | PL_NAME_HAS_DNS_ONLY | PL_NAME_ADDR_PROXIED |
	    PL_NAME_ADDR_DNS_ONLY, "www flags: mixed");
	is_int(pl_zone_name_flags(z, mail), PL_NAME_MX_TARGET,
	    "mail: MX target, no state");
	is_int(pl_zone_name_flags(z, mx2), PL_NAME_MX_TARGET,
	    "mx2: MX target without records");
	is_int(pl_zone_name_flags(z, play),
	    PL_NAME_SRV_TARGET | PL_NAME_HAS_DNS_ONLY,
	    "play: SRV target, DNS-only CNAME (no address)");
	is_int(pl_zone_name_flags(z, intern(z, "alias.example.com")),
	    PL_NAME_HAS_PROXIED, "alias: proxied CNAME, no address");
	is_int(pl_zone_name_flags(z, ftp), 0, "ftp: unknown state, no flag");
	is_int(pl_zone_name_flags(z, nope), 0, "nope: nothing");
	is_int(pl_zone_name_flags(z, NULL), 0, "NULL: nothing");

	/* name helpers */
	ok(pl_name_is_apex(z, apex), "the origin is the apex");
	ok(!pl_name_is_apex(z, mail), "mail is not");
	ok(pl_name_is_proxiable_type(LDNS_RR_TYPE_A), "A is proxiable");
	ok(pl_name_is_proxiable_type(LDNS_RR_TYPE_AAAA), "AAAA is proxiable");
	ok(pl_name_is_proxiable_type(LDNS_RR_TYPE_CNAME), "CNAME is too");
	ok(!pl_name_is_proxiable_type(LDNS_RR_TYPE_MX), "MX is not");
	ok(!pl_name_is_proxiable_type(LDNS_RR_TYPE_TXT), "TXT is not");
	ok(!pl_name_is_proxiable_type(LDNS_RR_TYPE_HTTPS), "HTTPS is not");
	pl_zone_free(z);

	z = pl_zone_new("t.zone", PL_FMT_BIND);
	ok(!pl_name_is_apex(z, intern(z, "example.com")), "no origin: no apex");
	pl_zone_free(z);
}

static void
test_first_label(void)
{
	const char *label;

	is_int(pl_name_first_label("www.example.com.", &label), 3, "www");
	is_str(label, "www.example.com.", "label starts the name");
	is_int(pl_name_first_label("a\\.b.example.", &label), 4,
	    "an escaped dot is part of the label");
	is_int(pl_name_first_label("a\\\\.b.example.", &label), 3,
	    "an escaped backslash is not");
	is_int(pl_name_first_label(".", &label), 0, "root: empty label");
	is_int(pl_name_first_label("", &label), 0, "empty name");
	is_int(pl_name_first_label("single", &label), 6, "no dot");
}

static void
test_default_proxy(void)
{
	static const enum pl_proxy defaults[] = {
		PL_PROXY_UNKNOWN, PL_PROXY_PROXIED, PL_PROXY_DNS_ONLY,
	};

	for (int k = 0; k < 3; k++) {
		struct pl_zone *z = pl_zone_new("t.zone", PL_FMT_BIND);
		enum pl_proxy dp = defaults[k];
		uint32_t a, aaaa, cname, mx, tagged, txt;

		a = add(z, "a.example.", LDNS_RR_TYPE_A, "203.0.113.1",
		    PL_PROXY_UNKNOWN);
		aaaa = add(z, "a.example.", LDNS_RR_TYPE_AAAA, "2001:db8::1",
		    PL_PROXY_UNKNOWN);
		cname = add(z, "c.example.", LDNS_RR_TYPE_CNAME, "a.example.",
		    PL_PROXY_UNKNOWN);
		mx = add(z, "a.example.", LDNS_RR_TYPE_MX, "a.example.",
		    PL_PROXY_UNKNOWN);
		tagged = add(z, "t.example.", LDNS_RR_TYPE_A, "203.0.113.2",
		    PL_PROXY_DNS_ONLY);
		txt = add(z, "a.example.", LDNS_RR_TYPE_TXT, "\"x\"",
		    PL_PROXY_UNKNOWN);
		pl_zone_index(z, dp, 1);
		is_int(z->nunknown, 3, "default %d: 3 without state", k);
		is_int(z->recs[a].proxy, dp, "default %d: A", k);
		is_int(z->recs[aaaa].proxy, dp, "default %d: AAAA", k);
		is_int(z->recs[cname].proxy, dp, "default %d: CNAME", k);
		is_int(z->recs[mx].proxy, PL_PROXY_UNKNOWN,
		    "default %d: MX untouched", k);
		is_int(z->recs[txt].proxy, PL_PROXY_UNKNOWN,
		    "default %d: TXT untouched", k);
		is_int(z->recs[tagged].proxy, PL_PROXY_DNS_ONLY,
		    "default %d: a tagged record keeps its state", k);
		is_int(!!(z->recs[a].flags & PL_REC_PROXY_DEFAULTED),
		    dp != PL_PROXY_UNKNOWN, "default %d: A flagged", k);
		is_int(!!(z->recs[tagged].flags & PL_REC_PROXY_DEFAULTED), 0,
		    "default %d: tagged not flagged", k);
		is_int(!!(z->recs[mx].flags & PL_REC_PROXY_DEFAULTED), 0,
		    "default %d: MX not flagged", k);
		is_int(pl_zone_name_flags(z, intern(z, "a.example.")) &
		    (PL_NAME_ADDR_PROXIED | PL_NAME_ADDR_DNS_ONLY),
		    dp == PL_PROXY_PROXIED ? PL_NAME_ADDR_PROXIED :
		    dp == PL_PROXY_DNS_ONLY ? PL_NAME_ADDR_DNS_ONLY : 0,
		    "default %d: name flags follow the default", k);
		/* a second index call changes nothing */
		pl_zone_index(z, PL_PROXY_PROXIED, 1);
		is_int(z->nunknown, 3, "default %d: indexed once", k);
		is_int(z->recs[a].proxy, dp, "default %d: A unchanged", k);
		pl_zone_free(z);
	}
}

static void
test_adopt(void)
{
	struct pl_zone *z = pl_zone_new("t.zone", PL_FMT_BIND);
	struct pl_zone *s = pl_zone_new("t.zone", PL_FMT_BIND);
	const char *content;
	uint32_t i;

	add(z, "www.example.com", LDNS_RR_TYPE_A, "203.0.113.10",
	    PL_PROXY_PROXIED);
	add(s, "WWW.example.com", LDNS_RR_TYPE_A, "203.0.113.11",
	    PL_PROXY_DNS_ONLY);
	add(s, "mail.example.com", LDNS_RR_TYPE_CNAME, "www.example.com",
	    PL_PROXY_PROXIED);
	content = pl_zone_strdup(s, "kept text", 9);
	s->recs[0].content = content;
	pl_zone_adopt(z, s);
	is_int(z->nrecs, 3, "adopt: records appended");
	is_int(s->nrecs, 0, "adopt: source left empty");
	ok(z->recs[1].owner == intern(z, "www.example.com"),
	    "adopt: owner re-interned in the zone");
	ok(z->recs[2].target == intern(z, "www.example.com"),
	    "adopt: target re-interned in the zone");
	ok(z->recs[1].content == content, "adopt: strings stay where they are");
	pl_zone_free(s);
	is_str(z->recs[1].content, "kept text", "adopt: strings outlive src");
	pl_zone_index(z, PL_PROXY_UNKNOWN, 1);
	i = pl_zone_first(z, intern(z, "www.example.com"));
	is_int(i, 0, "adopt: one owner chain");
	is_int(z->recs[i].next_owner, 1, "adopt: adopted record in it");
	is_int(pl_zone_first_referrer(z, intern(z, "www.example.com")), 2,
	    "adopt: referrer indexed");
	pl_zone_free(z);
}

/* Several apexes in one zone, and a chain of zones (pl_zone_free). */
static void
test_apexes_and_chain(void)
{
	struct pl_zone *z = pl_zone_new("ir.json", PL_FMT_BIND);
	struct pl_zone *v = pl_zone_new("ir.json", PL_FMT_BIND);
	const char *a = intern(z, "a.example."), *b = intern(z, "b.example.");
	struct pl_record *r;

	z->origin = a;
	pl_zone_add_apex(z, b);
	pl_zone_add_apex(z, a);
	pl_zone_add_apex(z, b);
	pl_zone_add_apex(z, b);
	r = pl_zone_add(z);
	r->owner = intern(z, "www.b.example.");
	r->type = LDNS_RR_TYPE_A;
	pl_rec_set_col(z, r, 7);
	is_int(pl_rec_col(r), 7, "a record keeps its column");
	ok(pl_rec_comment(r) == NULL, "and nothing else");
	pl_zone_index(z, PL_PROXY_UNKNOWN, 1);
	is_int(z->napexes, 2, "indexing drops repeated apexes");
	ok(pl_name_is_apex(z, a), "the origin is an apex");
	ok(pl_name_is_apex(z, b), "so is an added one");
	ok(!pl_name_is_apex(z, r->owner), "a name below it is not");
	ok(pl_zone_is_apex_text(z, "b.example."), "apex by its text");
	ok(!pl_zone_is_apex_text(z, "c.example."), "not an apex");
	ok(!pl_zone_is_apex_text(z, ""), "the empty text is none");

	r = pl_zone_add(v);
	r->owner = intern(v, "a.example.");
	pl_zone_add(v)->owner = intern(v, "b.example.");
	z->next = v;
	is_int((long)pl_zone_chain_nrecs(z), 3, "records over the chain");
	is_int((long)pl_zone_chain_nrecs(v), 2, "from a zone of it on");
	pl_zone_free(z);	/* frees v too: ASan and Valgrind see a leak */
	ok(1, "a chain is freed with its head");
}

int
main(void)
{
	test_intern();
	test_files_and_formats();
	test_index();
	test_first_label();
	test_default_proxy();
	test_adopt();
	test_apexes_and_chain();
	return tap_done();
}
