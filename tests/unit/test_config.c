/* test_config.c -- .proxylint.yaml: keys, errors with locations, apply, search */
/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxylint/config.h"
#include "proxylint/engine.h"
#include "proxylint/rule.h"
#include "proxylint/util.h"
#include "tap.h"

/*
 * Runs load or apply with stderr captured into err (at most errlen - 1
 * octets).  With rs NULL it loads text; with rs it applies *cfg to rs.
 */
static int
capture(struct pl_config **cfg, const char *text, struct pl_ruleset *rs,
    char *err, size_t errlen)
{
	int rc;

	tap_log_begin();
	if (rs == NULL)
		rc = pl_config_load_text(cfg, "conf/.proxylint.yaml", text,
		    strlen(text));
	else
		rc = pl_config_apply(*cfg, rs);
	tap_log_end(err, errlen);
	return rc;
}

/* Loading must fail with exactly this message. */
static void
load_error(const char *text, const char *want)
{
	struct pl_config *c = NULL;
	char err[1024];
	int rc = capture(&c, text, NULL, err, sizeof(err));

	is_int(rc, PL_ERULES, "refused: %.*s", (int)strcspn(want, "\n"),
	    want);
	ok(c == NULL, "no config returned");
	is_str(err, want, "message");
	pl_config_free(c);
}

/* Loading works, applying fails with exactly this message. */
static void
apply_error(const char *text, const char *want)
{
	struct pl_config *c = NULL;
	struct pl_ruleset *rs = pl_ruleset_new();
	char err[1024];
	int rc = capture(&c, text, NULL, err, sizeof(err));

	is_int(rc, 0, "loads, for: %.*s", (int)strcspn(want, "\n"), want);
	if (rc == 0 && rs != NULL) {
		rc = capture(&c, NULL, rs, err, sizeof(err));
		is_int(rc, PL_ERULES, "apply refused: %.*s",
		    (int)strcspn(want, "\n"), want);
		is_str(err, want, "message");
	}
	pl_config_free(c);
	pl_ruleset_free(rs);
}

static void
test_keys(void)
{
	static const char text[] =
	    "# every key\n"
	    "fail-on: never\n"
	    "default-proxy: dns-only\n"
	    "origin: example.com\n"
	    "rules:\n"
	    "  web-host-dns-only: off\n"
	    "  mail-host-proxied: warning\n"
	    "ignore:\n"
	    "  - name: \"*.lab.example.com.\"\n"
	    "    rules: [non-http-host-proxied, proxied-private-address]\n"
	    "    reason: VPN only\n"
	    "  - name: legacy.example.com\n"
	    "lists:\n"
	    "  saas-target-proxied:\n"
	    "    targets: [\"*.myplatform.io\"]\n"
	    "  mail-host-proxied: {labels: [post]}\n"
	    "  srv-target-proxied: {ports: 25565}\n"
	    "spectrum: [ssh.example.com, \"*.game.example.com\"]\n"
	    "rules-dir: rules\n";
	struct pl_config *c = NULL;
	char err[512];

	is_int(capture(&c, text, NULL, err, sizeof(err)), 0, "every key loads");
	is_str(err, "", "no message");
	if (c == NULL)
		return;
	ok(c->has_fail_on && c->fail_on == PL_SEV_NONE, "fail-on: never");
	ok(c->has_default_proxy && c->default_proxy == PL_PROXY_DNS_ONLY,
	    "default-proxy: dns-only");
	is_str(c->origin, "example.com", "origin");
	is_str(c->rules_dir, "conf/rules", "rules-dir is relative to the "
	    "config's folder");
	is_int(c->nrules, 2, "two rule severities");
	is_str(c->rules[0].id.s, "web-host-dns-only", "first rule id");
	is_int(c->rules[0].sev, PL_SEV_NONE, "off");
	is_int(c->rules[0].id.line, 6, "its line");
	is_int(c->rules[0].id.col, 3, "its column");
	is_int(c->rules[1].sev, PL_SEV_WARNING, "warning");
	is_int(c->nignores, 2, "two ignore entries");
	is_str(c->ignores[0].name.s, "*.lab.example.com", "trailing dot "
	    "dropped from the glob");
	is_int(c->ignores[0].rules.n, 2, "two rules");
	is_str(c->ignores[0].reason, "VPN only", "reason");
	is_int(c->ignores[1].rules.n, 0, "no rules: every rule");
	is_int(c->nlists, 3, "three list additions");
	is_str(c->lists[1].key.s, "labels", "flow mapping");
	is_str(c->lists[2].values.v[0].s, "25565", "a single value is a list");
	is_int(c->spectrum.n, 2, "two Spectrum hosts");
	pl_config_free(c);

	/* Empty files, comments only, and keys with no value. */
	c = NULL;
	is_int(capture(&c, "", NULL, err, sizeof(err)), 0, "empty file");
	ok(c != NULL && !c->has_fail_on && c->nrules == 0, "empty config");
	pl_config_free(c);
	c = NULL;
	is_int(capture(&c, "# nothing\n", NULL, err, sizeof(err)), 0,
	    "comments only");
	pl_config_free(c);
	c = NULL;
	is_int(capture(&c, "rules:\nignore:\nlists: ~\nspectrum:\n", NULL, err,
	    sizeof(err)), 0, "keys without values are empty");
	pl_config_free(c);
}

static void
test_load_errors(void)
{
	load_error("fail_on: error\n", "conf/.proxylint.yaml:1:1: unknown key "
	    "'fail_on' in the config (did you mean 'fail-on'?)\n");
	load_error("colour: never\n", "conf/.proxylint.yaml:1:1: unknown key "
	    "'colour' in the config (expected fail-on, default-proxy, origin, "
	    "rules, ignore, lists, spectrum, rules-dir, exclude or "
	    "dnscontrol-providers)\n");
	load_error("fail-on: error\nfail-on: info\n",
	    "conf/.proxylint.yaml:2:1: duplicate key 'fail-on'\n");
	load_error("fail-on: loud\n", "conf/.proxylint.yaml:1:10: invalid "
	    "fail-on 'loud' (expected error, warning, info or never)\n");
	load_error("fail-on: off\n", "conf/.proxylint.yaml:1:10: invalid "
	    "fail-on 'off' (expected error, warning, info or never)\n");
	load_error("default-proxy: yes\n", "conf/.proxylint.yaml:1:16: invalid "
	    "default-proxy 'yes' (expected proxied, dns-only or unknown)\n");
	load_error("origin: [a]\n", "conf/.proxylint.yaml:1:9: 'origin' must "
	    "be a single value\n");
	load_error("rules:\n  x: loud\n", "conf/.proxylint.yaml:2:6: invalid "
	    "severity 'loud' for rule 'x' (expected off, info, warning or "
	    "error)\n");
	load_error("rules:\n  X_Y: off\n", "conf/.proxylint.yaml:2:3: unknown "
	    "rule 'X_Y' (rule ids are kebab-case; 'proxylint --list-rules' "
	    "lists them)\n");
	load_error("rules:\n  a: off\n  a: info\n",
	    "conf/.proxylint.yaml:3:3: duplicate key 'a'\n");
	load_error("ignore: {name: x}\n", "conf/.proxylint.yaml:1:9: 'ignore' "
	    "must be a list of {name: GLOB, rules: [RULE, ...], reason: "
	    "TEXT}\n");
	load_error("ignore:\n  - rules: [a]\n", "conf/.proxylint.yaml:2:5: an "
	    "'ignore' entry needs a 'name' (a glob over owner names, such as "
	    "'*.example.com')\n");
	load_error("ignore:\n  - {name: a, why: b}\n",
	    "conf/.proxylint.yaml:2:15: unknown key 'why' in an 'ignore' entry "
	    "(expected name, rules or reason)\n");
	load_error("lists:\n  a:\n    hosts: [b]\n", "conf/.proxylint.yaml:3:5: "
	    "unknown list 'hosts' (expected targets, except-targets, addresses, "
	    "except-addresses, labels, owner-labels, target-labels, web-labels "
	    "or ports)\n");
	load_error("lists:\n  a:\n    addresses: [10.0.0.0/33]\n",
	    "conf/.proxylint.yaml:3:17: invalid address range '10.0.0.0/33'\n");
	load_error("lists:\n  a:\n    ports: [http]\n",
	    "conf/.proxylint.yaml:3:13: invalid port 'http'\n");
	load_error("lists:\n  a: [b]\n", "conf/.proxylint.yaml:2:6: the lists "
	    "of 'a' must be a mapping such as {targets: ['*.example.net']}\n");
	load_error("spectrum: {a: b}\n", "conf/.proxylint.yaml:1:11: "
	    "'spectrum' must be a list\n");
	load_error("rules-dir: ''\n", "conf/.proxylint.yaml:1:12: empty "
	    "'rules-dir'\n");
	load_error("- a\n", "conf/.proxylint.yaml:1:1: a config file is a "
	    "mapping of keys such as 'fail-on', 'rules' and 'ignore'\n");
	load_error("rules: {a: off\n", "conf/.proxylint.yaml:2:1: did not find "
	    "expected ',' or '}'\n");
}

static void
test_apply(void)
{
	struct pl_config *c = NULL;
	struct pl_ruleset *rs = pl_ruleset_new();
	struct pl_rule *r;
	char err[512];
	static const char text[] =
	    "rules:\n"
	    "  web-host-dns-only: off\n"
	    "  mail-host-proxied: info\n"
	    "lists:\n"
	    "  saas-target-proxied:\n"
	    "    targets: [\"*.MyPlatform.io.\"]\n"
	    "    except-targets: [good.myplatform.io]\n"
	    "  mail-host-proxied: {labels: [Post]}\n"
	    "  srv-target-proxied: {ports: [25565]}\n"
	    "  proxied-private-address: {except-addresses: [\"10.20.0.0/16\"]}\n";

	if (rs == NULL) {
		ok(0, "built-in rules load");
		return;
	}
	is_int(capture(&c, text, NULL, err, sizeof(err)), 0, "loads");
	is_int(capture(&c, NULL, rs, err, sizeof(err)), 0, "applies");
	r = pl_ruleset_find(rs, "web-host-dns-only");
	ok(r != NULL && r->severity == PL_SEV_NONE &&
	    r->default_severity == PL_SEV_INFO, "off, the default kept");
	r = pl_ruleset_find(rs, "mail-host-proxied");
	ok(r != NULL && r->severity == PL_SEV_INFO, "a new severity");
	ok(r != NULL && strcmp(PL_RULE_DATA(r, LABELS)->strs.v[PL_RULE_DATA(r, LABELS)->strs.n - 1], "post") == 0,
	    "a label added, in lower case");
	r = pl_ruleset_find(rs, "saas-target-proxied");
	is_str(r ? pl_globset_match(&PL_RULE_DATA(r, TARGETS)->globset, "a.myplatform.io.") : NULL,
	    "*.myplatform.io", "the compiled target set has the new suffix");
	ok(r != NULL && pl_globset_match(&PL_RULE_DATA(r, TARGETS)->globset, "netlify.app") == NULL,
	    "and is still a set of its list");
	ok(r != NULL && pl_globset_match(&PL_RULE_DATA(r, TARGETS)->globset,
	    "x.vercel-dns.com.") != NULL, "the built-in entries are kept");
	is_str(r ? pl_globset_match(&PL_RULE_DATA(r, EXCEPT_TARGETS)->globset, "good.myplatform.io.") :
	    NULL, "good.myplatform.io", "the except set too");
	r = pl_ruleset_find(rs, "srv-target-proxied");
	ok(r != NULL && PL_RULE_DATA(r, PORTS)->nums[PL_RULE_DATA(r, PORTS)->nnums - 1] == 25565, "a port added");
	r = pl_ruleset_find(rs, "proxied-private-address");
	ok(r != NULL && PL_RULE_DATA(r, EXCEPT_ADDRESSES)->ranges.n > 0 && strcmp(
	    PL_RULE_DATA(r, EXCEPT_ADDRESSES)->ranges.v[PL_RULE_DATA(r, EXCEPT_ADDRESSES)->ranges.n - 1].text,
	    "10.20.0.0/16") == 0, "an address range added");
	pl_config_free(c);
	pl_ruleset_free(rs);

	apply_error("rules:\n  no-such-rule: off\n", "conf/.proxylint.yaml:2:3: "
	    "unknown rule 'no-such-rule' ('proxylint --list-rules' lists "
	    "them)\n");
	apply_error("ignore:\n  - {name: a, rules: [x-y]}\n",
	    "conf/.proxylint.yaml:2:23: unknown rule 'x-y' ('proxylint "
	    "--list-rules' lists them)\n");
	apply_error("lists:\n  nope: {labels: [a]}\n",
	    "conf/.proxylint.yaml:2:3: unknown rule 'nope' ('proxylint "
	    "--list-rules' lists them)\n");
	apply_error("lists:\n  origin-ip-exposed: {labels: [a]}\n",
	    "conf/.proxylint.yaml:2:23: rule 'origin-ip-exposed' has no list "
	    "'labels' (its lists: none)\n");
	apply_error("lists:\n  saas-target-proxied: {ports: [1]}\n",
	    "conf/.proxylint.yaml:2:25: rule 'saas-target-proxied' has no list "
	    "'ports' (its lists: targets, except-targets, addresses, "
	    "except-addresses, owner-labels, target-labels)\n");
}

static void
test_exempts(void)
{
	struct pl_config *c = NULL;
	char err[512];
	static const char text[] =
	    "ignore:\n"
	    "  - {name: \"*.lab.example.com\", rules: [mail-host-proxied]}\n"
	    "  - {name: legacy.example.com}\n"
	    "spectrum: [ssh.example.com, \"*.game.example.com\"]\n";

	is_int(capture(&c, text, NULL, err, sizeof(err)), 0, "loads");
	if (c == NULL)
		return;
	ok(pl_config_exempts(c, "mail-host-proxied", "mail.lab.example.com."),
	    "a glob and a rule it names");
	ok(pl_config_exempts(c, "mail-host-proxied", "MAIL.Lab.Example.COM"),
	    "in any case, without the dot");
	ok(!pl_config_exempts(c, "non-http-host-proxied",
	    "mail.lab.example.com."), "not a rule it does not name");
	ok(!pl_config_exempts(c, "mail-host-proxied", "lab.example.com."),
	    "*. needs a label");
	ok(pl_config_exempts(c, "origin-ip-exposed", "legacy.example.com."),
	    "no rules: every rule");
	ok(pl_config_exempts(c, "non-http-host-proxied", "ssh.example.com."),
	    "Spectrum: non-http-host-proxied");
	ok(pl_config_exempts(c, "srv-target-proxied", "mc.game.example.com."),
	    "Spectrum: srv-target-proxied");
	ok(pl_config_exempts(c, "mail-host-proxied", "ssh.example.com."),
	    "Spectrum: mail-host-proxied");
	ok(!pl_config_exempts(c, "proxied-private-address",
	    "ssh.example.com."), "Spectrum: not the other rules");
	ok(!pl_config_exempts(c, "mail-host-proxied", NULL),
	    "no owner: never");
	ok(!pl_config_exempts(NULL, "mail-host-proxied", "a.example."),
	    "no config: never");
	pl_config_free(c);
}

static void
put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");

	if (fp != NULL) {
		fputs(text, fp);
		fclose(fp);
	}
}

static void
test_find(void)
{
	char tmpl[] = "/tmp/test_config.XXXXXX";
	char *top = mkdtemp(tmpl), *found, *cwd = getcwd(NULL, 0);
	char path[PATH_MAX];

	if (top == NULL || cwd == NULL) {
		ok(0, "temporary folder");
		free(cwd);
		return;
	}
	snprintf(path, sizeof(path), "%s/repo/a/b", top);
	mkdir(top, 0700);
	snprintf(path, sizeof(path), "%s/repo", top);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/repo/.git", top);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/repo/a", top);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/repo/a/b", top);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/.proxylint.yaml", top);
	put(path, "fail-on: error\n");

	snprintf(path, sizeof(path), "%s/repo/a/b", top);
	ok(pl_config_find(path) == NULL, "none up to the .git folder: the "
	    "one above is not read");
	snprintf(path, sizeof(path), "%s/repo/.proxylint.yaml", top);
	put(path, "\n");
	snprintf(path, sizeof(path), "%s/repo/a/b", top);
	found = pl_config_find(path);
	snprintf(path, sizeof(path), "%s/repo/.proxylint.yaml", top);
	is_str(found, path, "the repository root's");
	free(found);
	snprintf(path, sizeof(path), "%s/repo/a/.proxylint.yaml", top);
	put(path, "\n");
	snprintf(path, sizeof(path), "%s/repo/a/b", top);
	found = pl_config_find(path);
	snprintf(path, sizeof(path), "%s/repo/a/.proxylint.yaml", top);
	is_str(found, path, "the nearest");
	free(found);
	snprintf(path, sizeof(path), "%s/repo", top);
	if (chdir(path) == 0) {
		found = pl_config_find("a/b");
		is_str(found, "a/.proxylint.yaml", "relative to the working "
		    "folder when below it");
		free(found);
		found = pl_config_find(".");
		is_str(found, ".proxylint.yaml", "in the working folder");
		free(found);
		if (chdir(cwd) != 0)
			ok(0, "back to the working folder");
	}
	ok(pl_config_find("/no/such/folder") == NULL, "a missing folder");

	/* Clean up. */
	snprintf(path, sizeof(path), "%s/repo/a/.proxylint.yaml", top);
	unlink(path);
	snprintf(path, sizeof(path), "%s/repo/.proxylint.yaml", top);
	unlink(path);
	snprintf(path, sizeof(path), "%s/.proxylint.yaml", top);
	unlink(path);
	snprintf(path, sizeof(path), "%s/repo/a/b", top);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/repo/a", top);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/repo/.git", top);
	rmdir(path);
	snprintf(path, sizeof(path), "%s/repo", top);
	rmdir(path);
	rmdir(top);
	free(cwd);
}

int
main(void)
{
	test_keys();
	test_load_errors();
	test_apply();
	test_exempts();
	test_find();
	return tap_done();
}
