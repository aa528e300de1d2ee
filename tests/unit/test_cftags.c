/* test_cftags.c -- Cloudflare's record comment and cf_tags grammar */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "proxylint/cftags.h"
#include "tap.h"

/*
 * Splits the text after a record's ';' and checks the comment, the tag
 * list and the proxy state read from it.  want_tags NULL means "no tag
 * list"; want_why NULL means "the list is well formed".
 */
static void
check(const char *text, const char *want_comment, const char *want_tags,
    enum pl_proxy want_proxy, const char *want_why)
{
	const char *cm, *tags, *why = NULL;
	size_t cmlen, tagslen;
	int has_tags = -1;
	char cbuf[512], tbuf[512];
	enum pl_proxy p = PL_PROXY_UNKNOWN;

	pl_cf_comment_split(text, strlen(text), &cm, &cmlen, &tags, &tagslen,
	    &has_tags);
	snprintf(cbuf, sizeof(cbuf), "%.*s", (int)cmlen, cm);
	snprintf(tbuf, sizeof(tbuf), "%.*s", (int)tagslen, tags);
	is_str(cbuf, want_comment, "comment of '%s'", text);
	is_int(has_tags, want_tags != NULL, "has_tags of '%s'", text);
	is_str(tbuf, want_tags ? want_tags : "", "tags of '%s'", text);
	if (has_tags)
		p = pl_cf_tags_proxy(tags, tagslen, &why);
	is_int(p, want_proxy, "proxy state of '%s'", text);
	is_str(why, want_why, "malformed reason of '%s'", text);
}

/* pl_cf_tags_proxy on a tag list alone. */
static void
tags(const char *list, enum pl_proxy want, const char *want_why)
{
	const char *why = "not set";
	enum pl_proxy p = pl_cf_tags_proxy(list, strlen(list), &why);

	is_int(p, want, "proxy state of tag list '%s'", list);
	is_str(why, want_why, "reason for tag list '%s'", list);
}

static const char *const NAME_CHARS =
    "a tag name may only hold letters, digits, '-' and '_'";
static const char *const MUST_QUOTE =
    "a tag value with '\"', '=' or '\\' must be quoted";
static const char *const NOT_BOOL = "cf-proxied must be true or false";
static const char *const TWICE =
    "cf-proxied is given twice with different values";
static const char *const UNTERMINATED = "unterminated quoted tag value";
static const char *const AFTER_QUOTE = "text after a quoted tag value";

/*
 * Every example of Cloudflare's import-and-export page (the two .txt
 * files of ../shared/realworld/cloudflare-docs), as the text after ';'.
 */
static void
cloudflare_docs_examples(void)
{
	/* import-and-export.cf-tags-example.txt */
	check("cf_tags=test:1,cf-flatten-cname", "",
	    "test:1,cf-flatten-cname", PL_PROXY_UNKNOWN, NULL);
	check(" cf_tags=cf-proxied:false", "", "cf-proxied:false",
	    PL_PROXY_DNS_ONLY, NULL);
	check(" cf_tags=tag-without-value,cf-proxied:true", "",
	    "tag-without-value,cf-proxied:true", PL_PROXY_PROXIED, NULL);

	/* import-and-export.example-zone-file.txt: only tags */
	check("   cf_tags=awesome", "", "awesome", PL_PROXY_UNKNOWN, NULL);
	check("   cf_tags=tag1,tag2:value2,tag3:\"value,with,commas\","
	    "tag4:\"value with \\\"escaped\\\" quotation marks\"", "",
	    "tag1,tag2:value2,tag3:\"value,with,commas\","
	    "tag4:\"value with \\\"escaped\\\" quotation marks\"",
	    PL_PROXY_UNKNOWN, NULL);
	/* only a comment */
	check(" just a comment without tags", "just a comment without tags",
	    NULL, PL_PROXY_UNKNOWN, NULL);
	check(" this comment contains cf_tags= as text cf_tags=",
	    "this comment contains cf_tags= as text", "", PL_PROXY_UNKNOWN,
	    NULL);
	/* comments and tags */
	check(" simple example cf_tags=important,ticket:THIS-12345",
	    "simple example", "important,ticket:THIS-12345",
	    PL_PROXY_UNKNOWN, NULL);
	check(" this is the comment cf_tags=tag1:value1,tag2:value2,"
	    "tag-without-value,another-tag-without-value,"
	    "tag-with-quoted-value:\"because of the comma, quotes are needed\"",
	    "this is the comment",
	    "tag1:value1,tag2:value2,tag-without-value,"
	    "another-tag-without-value,tag-with-quoted-value:\"because of the "
	    "comma, quotes are needed\"", PL_PROXY_UNKNOWN, NULL);

	/* The same examples as an export writes them with a proxy state. */
	check(" this comment contains cf_tags= as text cf_tags=cf-proxied:true",
	    "this comment contains cf_tags= as text", "cf-proxied:true",
	    PL_PROXY_PROXIED, NULL);
	check("   cf_tags=tag1,tag2:value2,tag3:\"value,with,commas\","
	    "cf-proxied:false", "",
	    "tag1,tag2:value2,tag3:\"value,with,commas\",cf-proxied:false",
	    PL_PROXY_DNS_ONLY, NULL);
	/* 1tsjeremiah.com export: free text before the tags */
	check(" authentication dash cf_tags=cf-proxied:true",
	    "authentication dash", "cf-proxied:true", PL_PROXY_PROXIED, NULL);
	check(" traefik reverse proxy dash cf_tags=cf-proxied:false",
	    "traefik reverse proxy dash", "cf-proxied:false",
	    PL_PROXY_DNS_ONLY, NULL);
}

static void
comment_split_edges(void)
{
	check("", "", NULL, PL_PROXY_UNKNOWN, NULL);
	check("   ", "", NULL, PL_PROXY_UNKNOWN, NULL);
	check("cf_tags=cf-proxied:true", "", "cf-proxied:true",
	    PL_PROXY_PROXIED, NULL);
	check("cf_tags=", "", "", PL_PROXY_UNKNOWN, NULL);
	check("cf_tags", "cf_tags", NULL, PL_PROXY_UNKNOWN, NULL);
	/* cf_tags= must start the comment or follow a blank */
	check("xcf_tags=cf-proxied:true", "xcf_tags=cf-proxied:true", NULL,
	    PL_PROXY_UNKNOWN, NULL);
	check("note:cf_tags=cf-proxied:true", "note:cf_tags=cf-proxied:true",
	    NULL, PL_PROXY_UNKNOWN, NULL);
	check("text\tcf_tags=cf-proxied:true", "text", "cf-proxied:true",
	    PL_PROXY_PROXIED, NULL);
	/* trailing blanks and a CR (CRLF files) are not part of the list */
	check(" cf_tags=cf-proxied:true \r", "", "cf-proxied:true",
	    PL_PROXY_PROXIED, NULL);
	check("  a comment  \r", "a comment", NULL, PL_PROXY_UNKNOWN, NULL);
	/* the free text holds cf_tags= that starts no valid list */
	check(" see cf_tags=x for details cf_tags=cf-proxied:true",
	    "see cf_tags=x for details", "cf-proxied:true", PL_PROXY_PROXIED,
	    NULL);
	check("cf_tags=a,b cf_tags=cf-proxied:false", "cf_tags=a,b",
	    "cf-proxied:false", PL_PROXY_DNS_ONLY, NULL);
	/* ... even when it starts with a cf-proxied tag: "true later
	 * cf_tags" is followed by '=', so that list does not parse and the
	 * real one at the end wins */
	check(" set cf_tags=cf-proxied:true later cf_tags=cf-proxied:false",
	    "set cf_tags=cf-proxied:true later", "cf-proxied:false",
	    PL_PROXY_DNS_ONLY, NULL);
	check(" was cf_tags=cf-proxied:false before cf_tags=cf-proxied:true",
	    "was cf_tags=cf-proxied:false before", "cf-proxied:true",
	    PL_PROXY_PROXIED, NULL);
	/* cf_tags= inside a quoted value is text */
	check(" cf_tags=note:\"see cf_tags=x\",cf-proxied:true", "",
	    "note:\"see cf_tags=x\",cf-proxied:true", PL_PROXY_PROXIED, NULL);
	check(" cf_tags=note:\"cf-proxied:true\",cf-proxied:false", "",
	    "note:\"cf-proxied:true\",cf-proxied:false", PL_PROXY_DNS_ONLY,
	    NULL);
	/* a malformed list is still the record's tag list */
	check(" cf_tags=cf-proxied:yes", "", "cf-proxied:yes",
	    PL_PROXY_UNKNOWN, NOT_BOOL);
	check(" note cf_tags=team:\"web,cf-proxied:true", "note",
	    "team:\"web,cf-proxied:true", PL_PROXY_UNKNOWN, UNTERMINATED);
	check(" a cf_tags=bad value=1", "a", "bad value=1", PL_PROXY_UNKNOWN,
	    NAME_CHARS);
	/* of several malformed candidates, the last one is the list */
	check("x cf_tags=a=b cf_tags=c=d", "x cf_tags=a=b", "c=d",
	    PL_PROXY_UNKNOWN, NAME_CHARS);
}

static void
tag_list_edges(void)
{
	tags("", PL_PROXY_UNKNOWN, NULL);
	tags("   ", PL_PROXY_UNKNOWN, NULL);
	tags("cf-proxied:true", PL_PROXY_PROXIED, NULL);
	tags("cf-proxied:false", PL_PROXY_DNS_ONLY, NULL);
	tags("  cf-proxied:true  ", PL_PROXY_PROXIED, NULL);
	tags("cf-proxied:true\r", PL_PROXY_PROXIED, NULL);
	tags("a,b,cf-proxied:false,c:d", PL_PROXY_DNS_ONLY, NULL);
	tags("cf-proxied:\"true\"", PL_PROXY_PROXIED, NULL);
	tags("cf-proxied:\"false\"", PL_PROXY_DNS_ONLY, NULL);
	tags("cf-proxied:true,cf-proxied:true", PL_PROXY_PROXIED, NULL);
	tags("a: spaced value ,cf-proxied:true", PL_PROXY_PROXIED, NULL);
	tags("a:\"v,\\\"q\\\"\",cf-proxied:false", PL_PROXY_DNS_ONLY, NULL);
	tags("a:\"ends with a backslash \\\\\",cf-proxied:true",
	    PL_PROXY_PROXIED, NULL);
	tags("a:\"semi;colon\",cf-proxied:true", PL_PROXY_PROXIED, NULL);
	tags("under_score:1,dash-ed:2,cf-proxied:true", PL_PROXY_PROXIED,
	    NULL);
	/* the length is respected: what follows is not read */
	{
		const char *why = "not set";
		const char *s = "cf-proxied:true,bad=value";

		is_int(pl_cf_tags_proxy(s, 15, &why), PL_PROXY_PROXIED,
		    "only the first 15 octets are read");
		is_str(why, NULL, "no reason for the first 15 octets");
	}

	/* cf-proxied values */
	tags("cf-proxied:yes", PL_PROXY_UNKNOWN, NOT_BOOL);
	tags("cf-proxied:1", PL_PROXY_UNKNOWN, NOT_BOOL);
	tags("cf-proxied", PL_PROXY_UNKNOWN, NOT_BOOL);
	tags("cf-proxied:", PL_PROXY_UNKNOWN, NOT_BOOL);
	tags("cf-proxied:truee", PL_PROXY_UNKNOWN, NOT_BOOL);
	tags("cf-proxied:\"maybe\"", PL_PROXY_UNKNOWN, NOT_BOOL);
	tags("team:web,cf-proxied", PL_PROXY_UNKNOWN, NOT_BOOL);
	tags("cf-proxied:true,cf-proxied:false", PL_PROXY_UNKNOWN, TWICE);
	tags("cf-proxied:false,x,cf-proxied:true", PL_PROXY_UNKNOWN, TWICE);

	/* lists that do not parse */
	tags("a:\"x", PL_PROXY_UNKNOWN, UNTERMINATED);
	tags("a:\"x\\\"", PL_PROXY_UNKNOWN, UNTERMINATED);
	tags("note:\"unterminated,cf-proxied:true", PL_PROXY_UNKNOWN,
	    UNTERMINATED);
	tags("a:\"x\"y,cf-proxied:true", PL_PROXY_UNKNOWN, AFTER_QUOTE);
	tags("a:b=c,cf-proxied:true", PL_PROXY_UNKNOWN, MUST_QUOTE);
	tags("a:b\\c,cf-proxied:true", PL_PROXY_UNKNOWN, MUST_QUOTE);
	tags("a:b\"c\",cf-proxied:true", PL_PROXY_UNKNOWN, MUST_QUOTE);
	tags(",cf-proxied:true", PL_PROXY_UNKNOWN, NAME_CHARS);
	tags("cf-proxied:true,", PL_PROXY_UNKNOWN, NAME_CHARS);
	tags("a,,b", PL_PROXY_UNKNOWN, NAME_CHARS);
	tags(":value", PL_PROXY_UNKNOWN, NAME_CHARS);
	/* a name with another character is a bad name, not a bad value */
	tags("cf-proxied:true,bad!name:x", PL_PROXY_UNKNOWN, NAME_CHARS);
	tags("bad name,cf-proxied:true", PL_PROXY_UNKNOWN, NAME_CHARS);
	tags("caf\xc3\xa9:1,cf-proxied:true", PL_PROXY_UNKNOWN, NAME_CHARS);
}

int
main(void)
{
	cloudflare_docs_examples();
	comment_split_edges();
	tag_list_edges();
	return tap_done();
}
