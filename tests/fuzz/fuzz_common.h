/* fuzz_common.h -- what every fuzz target shares: one lint run, as main does */
/* SPDX-License-Identifier: MIT */
/*
 * Each target feeds its input to one reader or loader and drives the real
 * code path up to the findings through pl_lint_input(), the pipeline that
 * "proxylint FILE" runs (read, index, check on up to two threads, filter),
 * then pl_diags_sort and every reporter (text, JSON, SARIF, GitHub) into a
 * memory stream.  On top of the
 * sanitizers, four oracles abort on a wrong result:
 *   - the JSON and SARIF reports must parse as JSON (jansson);
 *   - a reader that reports PL_EINPUT leaves no finding behind;
 *   - no byte of the canary file outside the zone's folder may show up in
 *     the reports or in what went to stderr ($INCLUDE must never read it);
 *   - fixing the input in memory (pl_lint_fix, safe or unsafe fixes too)
 *     keeps it readable into the same records but for the flags set, no
 *     finding it fixed is reported again, and fixing the fixed text once
 *     more changes nothing.
 * The targets are built with clang -fsanitize=fuzzer (make fuzz), and with
 * replay.c under gcc (make check, make asan), which calls the same
 * LLVMFuzzerTestOneInput on every file of the corpora.
 */
#ifndef PROXYLINT_FUZZ_COMMON_H
#define PROXYLINT_FUZZ_COMMON_H

#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "proxylint/config.h"
#include "proxylint/diag.h"
#include "proxylint/json_pull.h"
#include "proxylint/fix.h"
#include "proxylint/lint.h"
#include "proxylint/log.h"
#include "proxylint/output.h"
#include "proxylint/rule.h"
#include "proxylint/util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	LLVMFuzzerInitialize(int *, char ***);

/*
 * A string that only the file outside the zone's folder holds.  The code
 * keeps it XOR-ed and searches for it with its own loop: a memmem() on it
 * would hand it to libFuzzer's compare hooks, which would then write it
 * into the inputs, and the input's own text would come back in the
 * output.  An input that holds the string itself is not checked.  Names
 * are lower-cased on the way, so the search ignores case.
 */
#define FUZZ_CANARY_LEN	30
#define FUZZ_XOR	0x5a
static const unsigned char fuzz_canary_x[FUZZ_CANARY_LEN] = {
	/* "plfuzz-canary-7f3c9e1d-outside" ^ 0x5a */
	0x2a, 0x36, 0x3c, 0x2f, 0x20, 0x20, 0x77, 0x39, 0x3b, 0x34, 0x3b,
	0x28, 0x23, 0x77, 0x6d, 0x3c, 0x69, 0x39, 0x63, 0x3f, 0x6b, 0x3e,
	0x77, 0x35, 0x2f, 0x2e, 0x29, 0x33, 0x3e, 0x3f,
};
static char	fuzz_canary[FUZZ_CANARY_LEN + 1];
static int	fuzz_input_has_canary;

/* The oracles' own loops need no coverage: that only slows the fuzzer. */
#if defined(__clang__)
#define FUZZ_NO_COVERAGE __attribute__((no_sanitize("coverage")))
#else
#define FUZZ_NO_COVERAGE
#endif

/* Is the canary in buf, in any case?  A plain loop, see above. */
FUZZ_NO_COVERAGE static int
fuzz_has_canary(const char *buf, size_t len)
{
	if (buf == NULL || len < FUZZ_CANARY_LEN)
		return 0;
	for (size_t i = 0; i + FUZZ_CANARY_LEN <= len; i++) {
		size_t k = 0;

		while (k < FUZZ_CANARY_LEN &&
		    (pl_lower((unsigned char)buf[i + k]) ^ FUZZ_XOR) ==
		    fuzz_canary_x[k])
			k++;
		if (k == FUZZ_CANARY_LEN)
			return 1;
	}
	return 0;
}

/* An oracle failed: say so where the sanitizers write, and abort. */
static void
fuzz_fail(const char *what)
{
	dprintf(STDERR_FILENO, "fuzz: %s\n", what);
	abort();
}

/*
 * The folder the BIND target reads from, made once per process:
 *	ROOT/secret			the canary, outside the zone's folder
 *	ROOT/zone/fuzz.zone		the input's path (empty on disk)
 *	ROOT/zone/a.zone		a record
 *	ROOT/zone/sub/b.zone		$INCLUDE ../a.zone
 *	ROOT/zone/loop.zone		$INCLUDE loop.zone
 *	ROOT/zone/link			-> ../secret (a symbolic link out)
 *	ROOT/zone/dirlink		-> .. (a folder link out)
 *	ROOT/tf/fuzz.tf, fuzz.tf.json	the Terraform target's paths (empty)
 *	ROOT/tf/vars.tf			a variable, a local and a zone
 *	ROOT/tf/terraform.tfvars	a value for the variable
 * so that inputs such as "$INCLUDE sub/b.zone", "$INCLUDE ../secret" or
 * "$INCLUDE link" reach the include code, its refusals and its loops.
 */
static char	fuzz_root[64];
static char	fuzz_zone_path[128];
static char	fuzz_secret_path[128];
static char	fuzz_tf_path[128];
static char	fuzz_tfjson_path[128];
static struct pl_ruleset *fuzz_rules;

static void
fuzz_write(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp == NULL)
		fuzz_fail("cannot write the fuzz folder");
	fputs(text, fp);
	fclose(fp);
}

static void
fuzz_cleanup(void)
{
	static const char *const files[] = { "zone/dirlink", "zone/link",
	    "zone/loop.zone", "zone/sub/b.zone", "zone/a.zone",
	    "zone/fuzz.zone", "zone/dnsconfig.js", "tf/fuzz.tf",
	    "tf/fuzz.tf.json", "tf/vars.tf", "tf/terraform.tfvars", "secret",
	    NULL };
	char path[192];

	if (fuzz_root[0] == '\0')
		return;
	for (size_t i = 0; files[i] != NULL; i++) {
		snprintf(path, sizeof(path), "%s/%s", fuzz_root, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/zone/sub", fuzz_root);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/zone", fuzz_root);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/tf", fuzz_root);
	rmdir(path);
	rmdir(fuzz_root);
}

static void
fuzz_setup(void)
{
	const char *tmp = getenv("TMPDIR");
	char path[192];

	if (fuzz_rules != NULL)
		return;
	for (size_t i = 0; i < FUZZ_CANARY_LEN; i++)
		fuzz_canary[i] = (char)(fuzz_canary_x[i] ^ FUZZ_XOR);
	if (tmp == NULL || tmp[0] == '\0' || strlen(tmp) > 40)
		tmp = "/tmp";
	snprintf(fuzz_root, sizeof(fuzz_root), "%s/plfuzz.XXXXXX", tmp);
	if (mkdtemp(fuzz_root) == NULL)
		fuzz_fail("cannot make the fuzz folder");
	atexit(fuzz_cleanup);
	snprintf(fuzz_secret_path, sizeof(fuzz_secret_path), "%s/secret",
	    fuzz_root);
	snprintf(path, sizeof(path), "x.example.com. 300 IN TXT \"%s\"\n"
	    "%s 300 IN A 192.0.2.1\n", fuzz_canary, fuzz_canary);
	fuzz_write(fuzz_secret_path, path);
	snprintf(path, sizeof(path), "%s/zone", fuzz_root);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/zone/sub", fuzz_root);
	mkdir(path, 0700);
	snprintf(fuzz_zone_path, sizeof(fuzz_zone_path), "%s/zone/fuzz.zone",
	    fuzz_root);
	fuzz_write(fuzz_zone_path, "");
	snprintf(path, sizeof(path), "%s/zone/a.zone", fuzz_root);
	fuzz_write(path, "a 300 IN A 192.0.2.7 ; cf_tags=cf-proxied:true\n"
	    "mail 300 IN A 192.0.2.8 ; cf_tags=cf-proxied:true\n");
	snprintf(path, sizeof(path), "%s/zone/sub/b.zone", fuzz_root);
	fuzz_write(path, "$INCLUDE ../a.zone\nb 300 IN CNAME a\n");
	snprintf(path, sizeof(path), "%s/zone/loop.zone", fuzz_root);
	fuzz_write(path, "$INCLUDE loop.zone\n");
	snprintf(path, sizeof(path), "%s/zone/link", fuzz_root);
	if (symlink("../secret", path) != 0 && errno != EEXIST)
		perror(path);
	snprintf(path, sizeof(path), "%s/zone/dirlink", fuzz_root);
	if (symlink("..", path) != 0 && errno != EEXIST)
		perror(path);
	snprintf(path, sizeof(path), "%s/tf", fuzz_root);
	mkdir(path, 0700);
	snprintf(fuzz_tf_path, sizeof(fuzz_tf_path), "%s/tf/fuzz.tf",
	    fuzz_root);
	fuzz_write(fuzz_tf_path, "");
	snprintf(fuzz_tfjson_path, sizeof(fuzz_tfjson_path),
	    "%s/tf/fuzz.tf.json", fuzz_root);
	fuzz_write(fuzz_tfjson_path, "{}");
	snprintf(path, sizeof(path), "%s/tf/vars.tf", fuzz_root);
	fuzz_write(path, "variable \"zone\" { default = \"example.com\" }\n"
	    "variable \"on\" {}\n"
	    "locals { hosts = { mail = \"192.0.2.25\", www = \"192.0.2.1\" } }\n"
	    "resource \"cloudflare_zone\" \"z\" { zone = var.zone }\n");
	snprintf(path, sizeof(path), "%s/tf/terraform.tfvars", fuzz_root);
	fuzz_write(path, "on = true\n");
	/* The dnsconfig.js beside a DNSControl IR (fuzz_dnscontrol.c): calls
	 * on lines 4 to 40, and directives. */
	{
		FILE *fp;

		snprintf(path, sizeof(path), "%s/zone/dnsconfig.js",
		    fuzz_root);
		if ((fp = fopen(path, "w")) == NULL)
			fuzz_fail("cannot write the fuzz folder");
		fputs("var REG = NewRegistrar(\"none\");\n"
		    "var CF = NewDnsProvider(\"cloudflare\");\n"
		    "D(\"example.com\", REG, DnsProvider(CF),\n", fp);
		for (int i = 4; i <= 40; i++)
			fprintf(fp, "    A(\"r%d\", \"192.0.2.%d\")%s\n", i, i,
			    i % 5 == 0 ? ", // proxylint: "
			    "ignore[mail-host-proxied] x" : i % 7 == 0 ?
			    "," : ",\n    // proxylint: ignore[web-host-dns-only]");
		fputs(");\nD('example.net', REG);\n", fp);
		fclose(fp);
	}
	if ((fuzz_rules = pl_ruleset_new()) == NULL)
		fuzz_fail("the built-in rules do not load");
}

static void
fuzz_check_canary(const char *what, const char *buf, size_t len)
{
	if (!fuzz_input_has_canary && fuzz_has_canary(buf, len)) {
		dprintf(STDERR_FILENO, "fuzz: the outside file's content "
		    "appeared in %s\n", what);
		abort();
	}
}

/*
 * What the code under test logs (log.h) goes to a memory stream, so that
 * the canary check sees it and the fuzzer's log stays readable; the
 * sanitizers' reports still go to file descriptor 2.
 */
struct fuzz_capture {
	FILE	*mem;
	char	*buf;
	size_t	 len;
};

static void
fuzz_capture_start(struct fuzz_capture *c)
{
	c->buf = NULL;
	c->len = 0;
	if ((c->mem = open_memstream(&c->buf, &c->len)) != NULL)
		pl_log_set(pl_log_print, c->mem);
}

static void
fuzz_capture_end(struct fuzz_capture *c)
{
	pl_log_set(NULL, NULL);
	if (c->mem == NULL)
		return;
	fclose(c->mem);
	fuzz_check_canary("the log", c->buf, c->len);
	free(c->buf);
	c->buf = NULL;
}

/* Runs one reporter into memory and checks what it wrote. */
static void
fuzz_report(pl_reporter_fn fn, int is_json, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs, int color,
    const struct pl_edits *edits)
{
	struct pl_output_opts oo = { .color = color != 0, .quiet = false,
	    .unsafe_fixes = (color & 4) != 0, .edits = edits };
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (out == NULL)
		return;
	if (fn(out, d, st, rs, &oo) != 0)
		fuzz_fail("a reporter failed on a memory stream");
	fclose(out);
	fuzz_check_canary("the output", buf, len);
	if (is_json) {
		json_error_t err;
		json_t *doc = json_loadb(buf, len, 0, &err);

		if (doc == NULL) {
			dprintf(STDERR_FILENO, "fuzz: invalid JSON output: %s "
			    "(line %d, column %d)\n", err.text, err.line,
			    err.column);
			abort();
		}
		json_decref(doc);
	}
	free(buf);
}

/* A cheap hash of the input, so that options vary from input to input
 * without taking any byte away from the format's own. */
static uint32_t
fuzz_hash(const uint8_t *data, size_t size)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < size; i++)
		h = (h ^ data[i]) * 16777619u;
	return h;
}

/*
 * The fix oracle.  Fixes the linted input in memory and checks it: the
 * fixed text reads into the same records but for the flags set (the
 * fixer proves that itself, and fails when it cannot), a finding whose
 * record it set is not reported on that record again, and a second fix of
 * the fixed text makes no edit.  A fix that reached an $INCLUDEd file is
 * not fixed again (the second fix would read the include from disk).
 */
static void
fuzz_fix(const struct pl_lint_ctx *cx, const struct pl_lint_input *in,
    const struct pl_lint_result *res, bool unsafe)
{
	struct pl_fix_opts fo = { unsafe, NULL, NULL };
	struct pl_lint_fix fx, again;
	struct pl_lint_input in2 = *in;
	const char *text = NULL;
	size_t len = 0;
	bool include = false;

	if (pl_lint_fix(cx, in, res->zone, &res->diags, 0, &fo, &fx) != 0) {
		dprintf(STDERR_FILENO, "fuzz: fix failed: %s\n", fx.why);
		abort();
	}
	for (size_t i = 0; i < fx.files.n; i++) {
		if (fx.files.v[i].index == 0) {
			text = fx.files.v[i].text != NULL ? fx.files.v[i].text :
			    fx.files.v[i].orig;
			len = fx.files.v[i].text != NULL ? fx.files.v[i].len :
			    fx.files.v[i].orig_len;
		} else if (fx.files.v[i].text != NULL)
			include = true;
	}
	if (fx.edits.n == 0) {
		pl_lint_fix_release(&fx);
		return;
	}
	/* A record set to the state its rule's fix gives no longer
	 * satisfies that rule's "when": its finding is gone. */
	for (size_t i = 0; i < res->diags.n; i++) {
		const struct pl_diag *g = &res->diags.v[i];
		int to = pl_rule_fix_target(g->rule);

		if (g->zone == NULL || g->recno == 0 || to == PL_PROXY_UNKNOWN ||
		    fx.after.zone->recs[g->recno - 1].proxy != to ||
		    res->zone->recs[g->recno - 1].proxy == to)
			continue;
		for (size_t k = 0; k < fx.after.diags.n; k++)
			if (fx.after.diags.v[k].recno == g->recno &&
			    fx.after.diags.v[k].rule == g->rule)
				fuzz_fail("a fixed finding is reported again");
	}
	if (!include && text != NULL) {
		struct pl_lint_result r2;

		in2.data = text;
		in2.len = len;
		if (pl_lint_input(cx, &in2, &r2) != 0)
			fuzz_fail("the fixed text does not read");
		pl_diags_sort(&r2.diags);
		if (pl_lint_fix(cx, &in2, r2.zone, &r2.diags, 0, &fo,
		    &again) != 0)
			fuzz_fail("fixing the fixed text failed");
		if (again.edits.n != 0)
			fuzz_fail("a second fix changed the fixed text");
		pl_lint_fix_release(&again);
		pl_lint_result_release(&r2);
	}
	pl_lint_fix_release(&fx);
}

/* Every applicable fix of the findings as an edit, for SARIF. */
static void
fuzz_edits(const struct pl_lint_input *in, const struct pl_lint_result *res,
    struct pl_edits *e)
{
	struct pl_fix_files fs;
	struct pl_fix_spans *sp = pl_fix_spans_new();

	pl_fix_files_init(&fs);
	for (size_t i = 0; i < res->diags.n; i++) {
		const struct pl_diag *g = &res->diags.v[i];
		uint32_t *flips = NULL;
		size_t nflips = 0;
		const char *why;

		if (g->zone != res->zone || g->recno == 0)
			continue;
		pl_fix_edits_for(res->zone, g->rule, g->recno - 1, &fs, in->path,
		    in->data, in->len, sp, e, &flips, &nflips, &why);
		free(flips);
	}
	pl_fix_positions(&fs, e);
	pl_edits_sort(e);
	pl_fix_spans_free(sp);
	pl_fix_files_release(&fs);
}

/*
 * Lints data as format fmt with ruleset rs and config cfg (or NULL)
 * through pl_lint_input(), as main does, and writes every report.  path
 * is the input's path (for $INCLUDE and for messages).  The options vary
 * with a hash of the input: origin, default proxy state, inline ignores,
 * one thread or two.
 */
static void
fuzz_lint(enum pl_format fmt, const uint8_t *data, size_t size,
    const char *path, const struct pl_ruleset *rs,
    const struct pl_config *cfg)
{
	struct pl_lint_ctx cx;
	struct pl_lint_input in;
	struct pl_lint_result res;
	struct pl_run_stats st;
	uint32_t h = fuzz_hash(data, size);
	struct pl_edits edits;
	char *text;
	int rc;

	fuzz_input_has_canary = fuzz_has_canary((const char *)data, size);
	/* Readers take NUL-terminated text, as pl_file_map gives it. */
	text = pl_xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&cx, 0, sizeof(cx));
	memset(&in, 0, sizeof(in));
	memset(&st, 0, sizeof(st));
	cx.rules = rs;
	cx.config = cfg;
	cx.input_format = (int)fmt;
	cx.inline_ignores = !(h & 8);
	cx.threads = (h & 32) ? 2 : 1;
	if (h & 512) {
		/* DNSControl: providers named as Cloudflare (any case). */
		static const char *const dc[] = { "DNS1", "route53", "bind" };

		cx.dnscontrol_providers = dc;
		cx.ndnscontrol_providers = 3;
	}
	if (cfg != NULL && cfg->origin != NULL)
		cx.origin = cfg->origin;
	else if (h & 1)
		cx.origin = "example.com";
	cx.default_proxy = cfg != NULL && cfg->has_default_proxy ?
	    cfg->default_proxy :
	    (h >> 1) % 3 == 0 ? PL_PROXY_UNKNOWN :
	    (h >> 1) % 3 == 1 ? PL_PROXY_PROXIED : PL_PROXY_DNS_ONLY;
	in.path = path;
	in.data = text;
	in.len = size;
	rc = pl_lint_input(&cx, &in, &res);
	pl_edits_init(&edits);
	if (rc != 0) {
		if (rc != PL_EINPUT && rc != PL_EIO)
			fuzz_fail("a reader returned another code than "
			    "PL_EINPUT or PL_EIO");
		if (res.diags.n != 0 || res.zone != NULL)
			fuzz_fail("an input that could not be read left "
			    "findings or a zone behind");
	} else {
		st.files = 1;
		st.records = (unsigned long)res.records;
		/* No record of any zone of the input (a chain: DNSControl's
		 * views) may come from the file outside the folder. */
		for (const struct pl_zone *z = res.zone; z != NULL;
		    z = z->next)
			for (uint32_t i = 0; i < z->nrecs; i++) {
				const struct pl_record *r = &z->recs[i];

				fuzz_check_canary("a record", r->owner,
				    strlen(r->owner));
				if (r->content != NULL)
					fuzz_check_canary("a record",
					    r->content, strlen(r->content));
			}
		if (res.records != pl_zone_chain_nrecs(res.zone))
			fuzz_fail("the result's record count is not its "
			    "zones'");
	}
	pl_diags_sort(&res.diags);
	(void)pl_diags_max(&res.diags);
	if (rc == 0) {
		fuzz_fix(&cx, &in, &res, (h & 64) != 0);
		fuzz_edits(&in, &res, &edits);
	}
	fuzz_report(pl_out_text, 0, &res.diags, &st, rs, (int)(h & 20), NULL);
	fuzz_report(pl_out_json, 1, &res.diags, &st, rs, 0, NULL);
	/* SARIF repeats every rule's text in each report: one input in four
	 * is enough for it, and for GitHub's. */
#ifndef FUZZ_ALL_REPORTERS
	if ((h >> 5) % 4 == 0)
#endif
		fuzz_report(pl_out_sarif, 1, &res.diags, &st, rs, 0, &edits);
#ifndef FUZZ_ALL_REPORTERS
	if ((h >> 7) % 4 == 0)
#endif
		fuzz_report(pl_out_github, 0, &res.diags, &st, rs, 0, NULL);
	{
		char *sum = pl_summary_line(&res.diags, &st);

		free(sum);
	}
	pl_edits_release(&edits);
	pl_lint_result_release(&res);
	free(text);
}

/*
 * The JSON pull parser's oracle (json_pull.h), for the targets whose
 * inputs are JSON: jansson must agree with pl_jp_check() on accepting the
 * input, but for the differences json_pull.h names (a number beyond a
 * double, a key holding \u0000, the NUL octet jansson drops after a
 * number or literal; duplicate keys are accepted by both, as jansson is
 * called without JSON_REJECT_DUPLICATES), at jansson's own depth limit;
 * and when both accept, every value the parser walks must be jansson's:
 * the same type, the same decoded string, the same double, the same
 * members (objects with repeated keys, whose values jansson keeps one of,
 * are walked but not compared).
 */
static int fuzz_jp_same(struct pl_jp_iter *, const struct pl_jp_value *,
    const json_t *) __attribute__((unused));

__attribute__((unused)) static int
fuzz_jp_same_container(struct pl_jp_iter *parent,
    const struct pl_jp_value *v, const json_t *jv)
{
	struct pl_jp_iter it, count;
	struct pl_jp sub;
	struct pl_jp_value k, e;
	size_t n = 0, members = 0;
	int r;

	if (v->type == PL_JP_OBJECT) {
		if (!json_is_object(jv))
			return 0;
		/* A first pass counts the members: repeated keys? */
		if (pl_jp_reopen(parent->j, v, &sub, &count) != 0)
			return 0;
		while ((r = pl_jp_next(&count, &k, &e)) == 1)
			members++;
		if (r != 0)
			return 0;
		if (members != json_object_size(jv))
			return 1;	/* left: the parent's next skips it */
	} else if (!json_is_array(jv))
		return 0;
	if (pl_jp_enter(parent, &it) != 0)
		return 0;
	while ((r = pl_jp_next(&it, &k, &e)) == 1) {
		const json_t *je;

		if (v->type == PL_JP_OBJECT) {
			struct pl_buf kb;
			const char *key;

			pl_buf_init(&kb);
			key = pl_jp_string(&k, &kb, SIZE_MAX);
			je = key != NULL ? json_object_getn(jv, key, kb.len) :
			    NULL;
			pl_buf_release(&kb);
		} else
			je = json_array_get(jv, n);
		if (je == NULL || !fuzz_jp_same(&it, &e, je))
			return 0;
		n++;
	}
	return r == 0 && (v->type == PL_JP_OBJECT || n == json_array_size(jv));
}

__attribute__((unused)) static int
fuzz_jp_same(struct pl_jp_iter *parent, const struct pl_jp_value *v,
    const json_t *jv)
{
	switch (v->type) {
	case PL_JP_STRING:
		return json_is_string(jv) && pl_jp_eq(v,
		    json_string_value(jv), json_string_length(jv));
	case PL_JP_NUMBER: {
		char *t = pl_xstrndup(v->s, v->n);
		double d = strtod(t, NULL);

		free(t);
		return json_is_real(jv) && d == json_real_value(jv);
	}
	case PL_JP_TRUE:
		return json_is_true(jv);
	case PL_JP_FALSE:
		return json_is_false(jv);
	case PL_JP_NULL:
		return json_is_null(jv);
	case PL_JP_OBJECT:
	case PL_JP_ARRAY:
		return fuzz_jp_same_container(parent, v, jv);
	default:
		return 0;
	}
}

/*
 * jansson 2.14 drops a NUL octet that follows a number or a literal: its
 * stream takes a NUL in its one-character buffer, put back after the
 * token, for an empty buffer, and reads on ("[13\0]" loads as [13]).
 * Does the pull parser accept the text without the NULs that follow a
 * digit or a letter?  Then that is the difference.
 */
FUZZ_NO_COVERAGE __attribute__((unused)) static int
fuzz_jansson_drops_nul(const char *text, size_t size)
{
	char *copy;
	size_t n = 0;
	struct pl_jp j;
	int ok;

	if (memchr(text, '\0', size) == NULL)
		return 0;
	copy = pl_xmalloc(size + 1);
	for (size_t i = 0; i < size; i++) {
		unsigned char prev = i > 0 ? (unsigned char)text[i - 1] : 0;

		if (text[i] == '\0' && ((prev >= '0' && prev <= '9') ||
		    (prev >= 'a' && prev <= 'z') || (prev >= 'A' &&
		    prev <= 'Z')))
			continue;
		copy[n++] = text[i];
	}
	pl_jp_init(&j, copy, n, JSON_PARSER_MAX_DEPTH, 0);
	ok = pl_jp_check(&j) == 0;
	free(copy);
	return ok;
}

FUZZ_NO_COVERAGE __attribute__((unused)) static void
fuzz_json_oracle(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct pl_jp j;
	json_error_t err;
	json_t *doc;
	int ours, theirs;

	pl_jp_init(&j, text, size, JSON_PARSER_MAX_DEPTH, 0);
	ours = pl_jp_check(&j) == 0;
	doc = json_loadb(text, size, JSON_DECODE_ANY | JSON_DECODE_INT_AS_REAL |
	    JSON_ALLOW_NUL, &err);
	theirs = doc != NULL;
	if (ours && !theirs &&
	    (json_error_code(&err) == json_error_numeric_overflow ||
	    json_error_code(&err) == json_error_null_byte_in_key))
		return;		/* a deliberate difference */
	if (!ours && theirs && fuzz_jansson_drops_nul(text, size)) {
		json_decref(doc);
		return;		/* jansson's NUL, above */
	}
	if (ours != theirs) {
		dprintf(STDERR_FILENO, "fuzz: the JSON pull parser %s what "
		    "jansson %s (%s; jansson: %s)\n", ours ? "accepts" :
		    "refuses", theirs ? "accepts" : "refuses",
		    j.err != NULL ? j.err : "no error", theirs ? "no error" :
		    err.text);
		abort();
	}
	if (ours && json_is_object(doc) + json_is_array(doc) > 0) {
		struct pl_jp_iter root;
		struct pl_jp_value top;

		/* The root as a value of a parent of its own. */
		pl_jp_init(&j, text, size, JSON_PARSER_MAX_DEPTH, 0);
		memset(&top, 0, sizeof(top));
		memset(&root, 0, sizeof(root));
		root.j = &j;
		while (j.p < j.end && (*j.p == ' ' || *j.p == '\t' ||
		    *j.p == '\n' || *j.p == '\r'))
			j.p++;
		top.type = *j.p == '{' ? PL_JP_OBJECT : PL_JP_ARRAY;
		top.s = j.p;
		root.pending = j.p;
		if (!fuzz_jp_same(&root, &top, doc)) {
			json_decref(doc);
			fuzz_fail("the JSON pull parser read other values "
			    "than jansson");
		}
	}
	json_decref(doc);
}

/* The zone the rules and config targets lint: one record of each kind
 * the rules look at, proxied and not, with comments and tags. */
static const char fuzz_sample_zone[] __attribute__((unused)) =
";; Domain:     example.com.\n"
"example.com.\t3600\tIN\tSOA\tns1.example.com. hostmaster.example.com. "
"1 7200 3600 86400 3600\n"
"example.com.\t1\tIN\tA\t192.0.2.1 ; cf_tags=cf-proxied:true\n"
"www.example.com.\t1\tIN\tCNAME\texample.com. ; cf_tags=cf-proxied:true\n"
"mail.example.com.\t1\tIN\tA\t192.0.2.25 ; cf_tags=cf-proxied:true\n"
"ftp.example.com.\t1\tIN\tA\t192.0.2.21 ; cf_tags=cf-proxied:true\n"
"ssh.example.com.\t1\tIN\tAAAA\t2001:db8::22 ; cf_tags=cf-proxied:true\n"
"example.com.\t1\tIN\tMX\t10 mail.example.com.\n"
"_sip._tcp.example.com.\t1\tIN\tSRV\t10 5 5060 ftp.example.com.\n"
"shop.example.com.\t1\tIN\tCNAME\tshops.myshopify.com. ; cf_tags=cf-proxied:true\n"
"blog.example.com.\t1\tIN\tCNAME\tuser.github.io. ; cf_tags=cf-proxied:false\n"
"cdn.example.com.\t1\tIN\tCNAME\tx.cloudfront.net. ; cf_tags=cf-proxied:true\n"
"_acme-challenge.example.com.\t1\tIN\tCNAME\tx.acm-validations.aws. ; cf_tags=cf-proxied:true\n"
"selector1._domainkey.example.com.\t1\tIN\tCNAME\tsel.dkim.example.net. ; cf_tags=cf-proxied:true\n"
"autodiscover.example.com.\t1\tIN\tCNAME\tautodiscover.outlook.com. ; cf_tags=cf-proxied:true\n"
"api.example.com.\t300\tIN\tA\t192.0.2.30 ; web hook cf_tags=cf-proxied:true,team:api\n"
"origin.example.com.\t300\tIN\tA\t192.0.2.30 ; cf_tags=cf-proxied:false\n"
"x.example.com.\t300\tIN\tA\t198.51.100.9\n"
"v.example.com.\t1\tIN\tTXT\t\"google-site-verification=abc\"\n"
"mx2.example.com.\t1\tIN\tA\t192.0.2.26 ; proxylint: ignore[mail-host-proxied] test cf_tags=cf-proxied:true\n"
"ns.example.com.\t1\tIN\tNS\tns1.example.com.\n";

#endif
