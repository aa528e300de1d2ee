/* usage.c -- the text of proxylint --help */
/* SPDX-License-Identifier: MIT */
/*
 * Part of the program, not of the library.  Kept apart from main.c so that
 * the one place to read (and to keep true beside the README and the man
 * page) is this file.
 */
#include <stdio.h>

#include "proxylint/usage.h"
#include "proxylint/banned.h"

void
pl_usage(FILE *out)
{
	fprintf(out,
"usage: proxylint [OPTIONS] FILE...\n"
"Checks the Cloudflare proxy status (proxied or DNS-only) of every A, AAAA\n"
"and CNAME record in zone files against Cloudflare's documented use cases.\n"
"FILE is a BIND zone file or Cloudflare export, Cloudflare API JSON, a\n"
"Terraform plan (terraform show -json), an octoDNS zone YAML, or a Markdown\n"
"document (.md) that holds an export; '-' reads standard input.\n"
"\n"
"Options:\n"
"  -f, --format=FORMAT        output: text (default), json, sarif (SARIF\n"
"                             2.1.0 for code scanning) or github (workflow\n"
"                             commands; the default when GITHUB_ACTIONS is\n"
"                             true and the output is not a terminal)\n"
"      --fail-on=SEVERITY     exit 1 on findings at or above SEVERITY:\n"
"                             error, warning (default), info or never\n"
"  -c, --config=FILE          read this config file instead of looking for\n"
"                             .proxylint.yaml (also: PROXYLINT_CONFIG)\n"
"      --no-config            read no config file\n"
"      --no-inline-ignores    ignore every 'proxylint: ignore[...]' comment,\n"
"                             to see all that they hide\n"
"      --input-format=FORMAT  auto (default: by content and name), bind,\n"
"                             cloudflare-json, terraform-plan, octodns or\n"
"                             markdown\n"
"      --origin=NAME          zone name for relative names (default: the\n"
"                             export banner, $ORIGIN or the SOA owner)\n"
"      --default-proxy=STATE  state of A/AAAA/CNAME records with no\n"
"                             cf-proxied tag: proxied, dns-only or\n"
"                             unknown (default; proxy rules stay quiet)\n"
"      --assume-proxied       same as --default-proxy=proxied\n"
"      --rules=DIR            also load DIR/*.yaml rule files; a rule with\n"
"                             an existing id replaces it\n"
"      --list-rules           list the rules (id, severity, use case,\n"
"                             summary), as JSON with --format=json\n"
"      --explain=RULE         explain a rule: what, why, fix, doc, example\n"
"      --color=WHEN           auto (default), always or never; auto means\n"
"                             only on a terminal and never with NO_COLOR\n"
"  -j, --jobs=N               use N threads (default: one per core): N\n"
"                             files at a time, and a big zone is read and\n"
"                             checked on up to N; the output is the same\n"
"                             for any N\n"
"  -r, --recursive            lint every file in the folders given, in\n"
"                             name order, skipping files that are not\n"
"                             zone data with a note\n"
"  -q, --quiet                no summary line on standard error\n"
"  -V, --version              print the version and exit\n"
"  -h, --help                 print this help and exit\n"
"\n"
"Each input uses the .proxylint.yaml in its folder or the nearest parent,\n"
"up to the repository root; options given here override it.\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage\n"
"error, unreadable input, rules or config, or output that could not be\n"
"written.\n");
}
