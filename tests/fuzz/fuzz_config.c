/* fuzz_config.c -- libFuzzer target: a .proxylint.yaml config, applied to
 * the built-in rules, then a sample zone linted with it */
/* SPDX-License-Identifier: MIT */
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
	struct pl_config *cfg = NULL;
	struct pl_ruleset *rs = NULL;
	char *text;

	fuzz_setup();
	fuzz_capture_start(&cap);
	text = pl_xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if (pl_config_load_text(&cfg, ".proxylint.yaml", text, size) != 0) {
		if (cfg != NULL)
			fuzz_fail("pl_config_load_text failed but set *out");
		goto out;
	}
	if ((rs = pl_ruleset_new()) == NULL)
		fuzz_fail("the built-in rules do not load");
	/* rules-dir is not followed here: the target reads no files. */
	if (pl_config_apply(cfg, rs) != 0)
		goto out;
	(void)pl_config_exempts(cfg, "mail-host-proxied", "mail.example.com.");
	(void)pl_config_exempts(cfg, "non-http-host-proxied", "ssh.example.com");
	fuzz_lint(PL_FMT_BIND, (const uint8_t *)fuzz_sample_zone,
	    sizeof(fuzz_sample_zone) - 1, "sample.zone", rs, cfg);
out:
	pl_ruleset_free(rs);
	pl_config_free(cfg);
	free(text);
	fuzz_capture_end(&cap);
	return 0;
}
