/* fuzz_dnscontrol.c -- fuzz target: the DNSControl print-ir reader, to the reports */
/* SPDX-License-Identifier: MIT */
/*
 * Each input is also the JSON pull parser's differential test against
 * jansson (fuzz_json_oracle, fuzz_common.h).  The IR is read beside the
 * dnsconfig.js that fuzz_setup() writes, so that positions and the .js's
 * directives are exercised; half of the inputs name a DNSControl provider
 * as Cloudflare, as --dnscontrol-provider does.
 */
#define _GNU_SOURCE 1
#include "fuzz_common.h"
#include "proxylint/banned.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_capture cap;
	char path[256];

	fuzz_setup();
	fuzz_json_oracle(data, size);
	snprintf(path, sizeof(path), "%s/zone/ir.json", fuzz_root);
	fuzz_capture_start(&cap);
	fuzz_lint(PL_FMT_DNSCONTROL, data, size, path, fuzz_rules, NULL);
	fuzz_capture_end(&cap);
	return 0;
}
