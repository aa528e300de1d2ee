/* test_fix.c -- unit tests of --fix: anchors, spans, edits, diff, proof, writing */
/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ldns/ldns.h>

#include "proxylint/anchor.h"
#include "proxylint/autofix.h"
#include "proxylint/cftags.h"
#include "proxylint/fix.h"
#include "proxylint/lint.h"
#include "proxylint/read.h"
#include "proxylint/rule.h"
#include "tap.h"
#include "proxylint/banned.h"

static struct pl_ruleset *rs;

/* Lints text as format fmt (path for $INCLUDE and the octoDNS zone). */
static int
lint(const char *text, enum pl_format fmt, const char *path,
    const char *origin, struct pl_lint_result *res)
{
	struct pl_lint_ctx cx;
	struct pl_lint_input in;

	memset(&cx, 0, sizeof(cx));
	memset(&in, 0, sizeof(in));
	cx.rules = rs;
	cx.input_format = (int)fmt;
	cx.inline_ignores = true;
	cx.threads = 1;
	cx.origin = origin;
	in.path = path;
	in.data = text;
	in.len = strlen(text);
	return pl_lint_input(&cx, &in, res);
}

/*
 * Fixes text in memory (unsafe: --unsafe-fixes too), returns the fixed
 * text of file 0 (a new string; the same text when nothing changed), and
 * checks through pl_lint_input that the text before and the text after
 * read into the same records one by one, but for the flags of the records
 * named in want ("owner=proxied" or "owner=dns-only", blank-separated;
 * every record of that owner), which must be fixed and no other.
 */
static char *
fix(const char *what, const char *text, enum pl_format fmt, const char *path,
    const char *origin, bool unsafe, const char *want, size_t *nfixed)
{
	struct pl_lint_ctx cx;
	struct pl_lint_input in;
	struct pl_lint_result before, after;
	struct pl_fix_opts fo = { unsafe, NULL, NULL };
	struct pl_lint_fix fx;
	char *out = NULL;
	bool same = true;

	if (nfixed != NULL)
		*nfixed = 0;
	memset(&cx, 0, sizeof(cx));
	memset(&in, 0, sizeof(in));
	cx.rules = rs;
	cx.input_format = (int)fmt;
	cx.inline_ignores = true;
	cx.threads = 1;
	cx.origin = origin;
	in.path = path;
	in.data = text;
	in.len = strlen(text);
	if (!ok(pl_lint_input(&cx, &in, &before) == 0, "%s: reads", what))
		return NULL;
	pl_diags_sort(&before.diags);
	if (pl_lint_fix(&cx, &in, before.zone, &before.diags, 0, &fo,
	    &fx) != 0) {
		ok(0, "%s: fixes (%s)", what, fx.why);
		pl_lint_fix_release(&fx);
		pl_lint_result_release(&before);
		return NULL;
	}
	if (nfixed != NULL)
		*nfixed = fx.nfixed;
	for (size_t i = 0; i < fx.files.n; i++)
		if (fx.files.v[i].index == 0)
			out = pl_xstrdup(fx.files.v[i].text != NULL ?
			    fx.files.v[i].text : fx.files.v[i].orig);
	/* The fixed text, read on its own, record by record. */
	if (lint(out, fmt, path, origin, &after) != 0) {
		ok(0, "%s: the fixed text reads", what);
		goto done;
	}
	if (after.zone->nrecs != before.zone->nrecs) {
		ok(0, "%s: as many records after the fix (%u, %u)", what,
		    (unsigned)before.zone->nrecs, (unsigned)after.zone->nrecs);
		pl_lint_result_release(&after);
		goto done;
	}
	for (uint32_t i = 0; i < before.zone->nrecs; i++) {
		const struct pl_record *x = &before.zone->recs[i];
		const struct pl_record *y = &after.zone->recs[i];
		char bx[PL_ADDR_TEXT], by[PL_ADDR_TEXT], key[300];
		const char *hit;
		int to = 0;

		snprintf(key, sizeof(key), "%s=", x->owner);
		if ((hit = strstr(want, key)) != NULL && (hit == want ||
		    hit[-1] == ' '))
			to = strncmp(hit + strlen(key), "proxied", 7) == 0 ?
			    PL_PROXY_PROXIED : PL_PROXY_DNS_ONLY;
		if (strcmp(x->owner, y->owner) != 0 || x->type != y->type ||
		    strcmp(pl_rec_content(x, bx), pl_rec_content(y, by)) != 0 ||
		    x->file != y->file)
			same = false;
		if (to != 0 ? y->proxy != to : y->proxy != x->proxy) {
			printf("# %s: record %u '%s' is %d after, want %d\n",
			    what, (unsigned)i, x->owner, y->proxy,
			    to != 0 ? to : x->proxy);
			same = false;
		}
		if (to == 0 && x->ttl != y->ttl)
			same = false;
		if ((pl_rec_comment(x) == NULL) != (pl_rec_comment(y) == NULL) ||
		    (pl_rec_comment(x) != NULL &&
		    strcmp(pl_rec_comment(x), pl_rec_comment(y)) != 0))
			same = false;
	}
	ok(same, "%s: the fixed text reads into the same records, only the "
	    "flags asked for changed", what);
	pl_lint_result_release(&after);
done:
	pl_lint_fix_release(&fx);
	pl_lint_result_release(&before);
	return out;
}

static void
test_bind(void)
{
	static const char zone[] =
	    ";; Domain:     example.com.\r\n"
	    "example.com.\t3600\tIN\tSOA\tns1.example.com. h.example.com. 1 2 3 4 5\r\n"
	    "mail.example.com.\t1\tIN\tA\t203.0.113.25 ; the mx cf_tags=a:b,cf-proxied:true,c:\"d,e\"\r\n"
	    "smtp.example.com.\t1\tIN\tA\t203.0.113.26 ; cf_tags=cf-proxied:\"TRUE\"\r\n"
	    "www.example.com.\t1\tIN\tA\t203.0.113.10 ; cf_tags=cf-proxied:true\r\n"
	    "ftp.example.com.\t1\tIN\tA\t203.0.113.21 ; cf_tags=cf-proxied:true\r\n"
	    "imap.example.com.\t1\tIN\tA\t203.0.113.27\r\n";
	char *t;
	size_t n;

	t = fix("bind safe", zone, PL_FMT_BIND, "zone.txt", NULL, false,
	    "mail.example.com.=dns-only smtp.example.com.=dns-only", &n);
	is_int(n, 2, "bind safe: two records fixed (ftp is unsafe, imap "
	    "untagged)");
	ok(t != NULL && strstr(t, "; the mx cf_tags=a:b,cf-proxied:false,"
	    "c:\"d,e\"\r\n") != NULL, "bind safe: the value alone changes, "
	    "other tags and the comment kept, CRLF kept");
	ok(t != NULL && strstr(t, "cf-proxied:\"false\"\r\n") != NULL,
	    "bind safe: a quoted value keeps its quotes");
	ok(t != NULL && strlen(t) == strlen(zone) + 2, "bind safe: nothing "
	    "else changed in length");
	free(t);
	t = fix("bind unsafe", zone, PL_FMT_BIND, "zone.txt", NULL, true,
	    "mail.example.com.=dns-only smtp.example.com.=dns-only "
	    "ftp.example.com.=dns-only", &n);
	is_int(n, 3, "bind unsafe: ftp too");
	free(t);
}

static void
test_octodns(void)
{
	static const char yaml[] =
	    "---\n"
	    "# comment kept\n"
	    "mail:\n"
	    "  type: A\n"
	    "  values: [203.0.113.25, 203.0.113.26]\n"
	    "  octodns:\n"
	    "    cloudflare:\n"
	    "      proxied: Yes   # why\n"
	    "tunnel:\n"
	    "  - type: CNAME\n"
	    "    value: x.cfargotunnel.com.\n"
	    "n\xc3\xa9:\n"
	    "  type: A\n"
	    "  value: 10.0.0.1\n"
	    "  octodns: {cloudflare: {proxied: true}}\n";
	char *t;
	size_t n;

	t = fix("octodns", yaml, PL_FMT_OCTODNS, "example.com.yaml", NULL,
	    false, "mail.example.com.=dns-only tunnel.example.com.=proxied "
	    "n\xc3\xa9.example.com.=dns-only", &n);
	is_int(n, 4, "octodns: both values of mail, the tunnel and the "
	    "private address");
	ok(t != NULL && strstr(t, "      proxied: No   # why\n") != NULL,
	    "octodns: the scalar in the same spelling, the comment kept");
	ok(t != NULL && strstr(t, "    value: x.cfargotunnel.com.\n") !=
	    NULL && strstr(t, "  - type: CNAME\n    octodns:\n      "
	    "cloudflare:\n        proxied: true\n") != NULL,
	    "octodns: a missing key added in the record's indentation");
	ok(t != NULL && strstr(t, "{cloudflare: {proxied: false}}") != NULL,
	    "octodns: after a non-ASCII name the byte offset is right");
	free(t);
}

/* The reader's and the fixer's idea of where cf-proxied is agree. */
static void
test_spans(void)
{
	static const char text[] =
	    "\xef\xbb\xbf$ORIGIN example.com.\n"
	    "a 1 IN A 192.0.2.1 ; cf_tags=cf-proxied:true\n"	/* 2 */
	    "b 1 IN TXT ( \"x;y\" ; inner\n"			/* 3 */
	    "  \"z\" ) ; last cf_tags=x:1,cf-proxied:false\n"
	    "c 1 IN A 192.0.2.3 ; text cf_tags= cf_tags=cf-proxied:true\n"
	    "d 1 IN A 192.0.2.4 ; cf_tags=cf-proxied:true,cf-proxied:false\n"
	    "e 1 IN A 192.0.2.5\n";				/* 7 */
	uint32_t lines[] = { 2, 3, 4, 5, 6, 7 };
	struct pl_flag_spans sp[6];

	pl_bind_flag_spans(text, strlen(text), lines, 6, sp);
	ok(sp[0].n == 1 && memcmp(text + sp[0].off[0], "true", 4) == 0 &&
	    sp[0].len[0] == 4 && sp[0].state == PL_PROXY_PROXIED,
	    "spans: a plain tag, after a byte order mark");
	ok(sp[1].n == 1 && memcmp(text + sp[1].off[0], "false", 5) == 0 &&
	    sp[1].state == PL_PROXY_DNS_ONLY, "spans: parentheses over two "
	    "lines, the last comment");
	is_int(sp[2].n, 0, "spans: no record starts on a continuation line");
	ok(sp[3].n == 1 && memcmp(text + sp[3].off[0], "true", 4) == 0,
	    "spans: the cf_tags= that starts a valid list");
	is_int(sp[4].n, 0, "spans: two different values say nothing");
	is_int(sp[5].n, 0, "spans: no tag");
}

static void
test_diff(void)
{
	struct pl_fix_files fs;
	struct pl_fix_file *f;
	struct pl_edits e;
	struct pl_zone *z = pl_zone_new("t.zone", PL_FMT_BIND);
	const char *why;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;
	static const char text[] = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
	    "13\n14\n15\n16\n17 last";

	pl_fix_files_init(&fs);
	pl_edits_init(&e);
	f = pl_fix_load(&fs, z, 0, "t.zone", text, strlen(text), &why);
	ok(f != NULL, "diff: a text given is loaded");
	pl_edits_add(&e, z, 0, 0, 0, 1, "one");		/* line 1 */
	pl_edits_add(&e, z, 0, 1, 4, 0, "2b\n");	/* before line 3 */
	pl_edits_add(&e, z, 0, 2, 39, 2, "x");		/* line 17 */
	pl_fix_apply(&fs, &e);
	is_str(fs.v[0].text, "one\n2\n2b\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n"
	    "13\n14\n15\n16\nx last", "diff: edits applied to the text as read");
	if ((out = open_memstream(&buf, &len)) != NULL) {
		pl_fix_diff(out, &fs, &e);
		fclose(out);
	}
	is_str(buf, "--- a/t.zone\n+++ b/t.zone\n"
	    "@@ -1,5 +1,6 @@\n-1\n+one\n 2\n+2b\n 3\n 4\n 5\n"
	    "@@ -14,4 +15,4 @@\n 14\n 15\n 16\n-17 last\n"
	    "\\ No newline at end of file\n+x last\n"
	    "\\ No newline at end of file\n", "diff: two hunks, an insertion, "
	    "the new start line, no newline at the end");
	free(buf);
	pl_edits_release(&e);
	pl_fix_files_release(&fs);
	pl_zone_free(z);
}

/* A fix must keep every record: the proof sees a change of content. */
static void
test_proof(void)
{
	struct pl_lint_result a, b;
	uint8_t to[4] = { 0 };
	uint32_t rec;

	lint("$ORIGIN example.com.\n"
	    "a 1 IN A 192.0.2.1 ; cf_tags=cf-proxied:true\n"
	    "b 1 IN A 192.0.2.2 ; cf_tags=cf-proxied:true\n", PL_FMT_BIND,
	    "t.zone", NULL, &a);
	lint("$ORIGIN example.com.\n"
	    "a 1 IN A 192.0.2.1 ; cf_tags=cf-proxied:false\n"
	    "b 1 IN A 192.0.2.9 ; cf_tags=cf-proxied:true\n", PL_FMT_BIND,
	    "t.zone", NULL, &b);
	ok(pl_fix_same_records(a.zone, b.zone, to, NULL, NULL, &rec) != NULL &&
	    rec == 0, "proof: a flag set that was not asked for is seen");
	to[0] = PL_PROXY_DNS_ONLY;
	ok(pl_fix_same_records(a.zone, b.zone, to, NULL, NULL, &rec) != NULL &&
	    rec == 1, "proof: another record's content changed is seen");
	pl_lint_result_release(&a);
	pl_lint_result_release(&b);
}

static void
test_autofix_of(void)
{
	struct pl_lint_result r;
	struct pl_autofix af;

	lint("[{\"id\": \"1\", \"type\": \"A\", \"name\": \"mail.example.com\", "
	    "\"content\": \"192.0.2.1\", \"proxied\": true}]",
	    PL_FMT_CLOUDFLARE_JSON, "api.json", NULL, &r);
	ok(r.diags.n > 0, "autofix: API JSON has its finding");
	if (r.diags.n > 0) {
		pl_autofix_of(r.diags.v[0].rule, r.zone,
		    pl_diag_record(&r.diags.v[0]), &af);
		ok(af.safety == PL_AUTOFIX_SAFE && !af.applicable &&
		    strstr(af.why, "dashboard") != NULL, "autofix: API JSON is "
		    "not fixed in place, and says where to change it");
	}
	pl_lint_result_release(&r);
	ok(pl_rule_fix_target(pl_ruleset_find(rs, "web-host-dns-only")) ==
	    PL_PROXY_PROXIED && pl_rule_fix_target(pl_ruleset_find(rs,
	    "origin-ip-exposed")) == PL_PROXY_UNKNOWN, "autofix: the target "
	    "is the opposite of when; none without a fix");
}

static void
test_rule_key(void)
{
	static const char bad[] =
	    "use-case: x\ntitle: X\ndoc: https://example.com/\nrules:\n"
	    "  - id: x-any\n    severity: info\n    check: name\n"
	    "    when: any\n    labels: [x]\n    summary: s\n    message: m\n"
	    "    fix: f\n    autofix: safe\n    explain: e\n    example: x\n"
	    "    sources: [s]\n";
	struct pl_ruleset *r = pl_ruleset_new();
	char log[512];

	tap_log_begin();
	ok(pl_ruleset_load_text(r, "x.yaml", bad, strlen(bad)) != 0,
	    "rule key: autofix on a rule of any state is refused");
	tap_log_end(log, sizeof(log));
	ok(strstr(log, "x.yaml:13:") != NULL && strstr(log, "'when'") != NULL,
	    "rule key: at the key, saying why");
	pl_ruleset_free(r);
}

/* Writing: the mode is kept, a link and a changed file are refused. */
static void
test_write(void)
{
	char dir[] = "/tmp/plfixXXXXXX", path[64], link[64], *why = NULL;
	struct pl_fix_file f;
	struct stat st;
	FILE *fp;

	if (mkdtemp(dir) == NULL) {
		ok(0, "write: a scratch folder");
		return;
	}
	snprintf(path, sizeof(path), "%s/z.zone", dir);
	snprintf(link, sizeof(link), "%s/l.zone", dir);
	if ((fp = fopen(path, "w")) != NULL) {
		fputs("old\n", fp);
		fclose(fp);
	}
	chmod(path, 0640);
	memset(&f, 0, sizeof(f));
	f.path = path;
	f.display = path;
	f.orig = (char *)"old\n";
	f.orig_len = 4;
	f.text = (char *)"new\n";
	f.len = 4;
	ok(pl_fix_write(&f, &why) == 0, "write: a plain file is rewritten");
	free(why);
	why = NULL;
	ok(stat(path, &st) == 0 && (st.st_mode & 07777) == 0640,
	    "write: its mode is kept");
	f.orig = (char *)"new\n";
	f.text = (char *)"newer\n";
	f.len = 6;
	ok(symlink("z.zone", link) == 0, "write: a link to it");
	f.path = link;
	ok(pl_fix_write(&f, &why) != 0 && strstr(why, "symbolic link") !=
	    NULL, "write: a symbolic link is refused");
	free(why);
	why = NULL;
	f.path = path;
	f.orig = (char *)"other\n";
	f.orig_len = 6;
	ok(pl_fix_write(&f, &why) != 0 && strstr(why, "changed") != NULL,
	    "write: a file changed since it was read is refused");
	free(why);
	why = NULL;
	unlink(link);
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	if ((rs = pl_ruleset_new()) == NULL)
		return 1;
	test_bind();
	test_octodns();
	test_spans();
	test_diff();
	test_proof();
	test_autofix_of();
	test_rule_key();
	test_write();
	pl_ruleset_free(rs);
	return tap_done();
}
