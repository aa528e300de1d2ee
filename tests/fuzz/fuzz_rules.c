/* fuzz_rules.c -- libFuzzer target: a rule file (rules/NAME.yaml) loaded over
 * the built-in rules, then a sample zone linted with the result */
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
	struct pl_ruleset *rs;
	char *text;

	fuzz_setup();
	fuzz_capture_start(&cap);
	/* As pl_ruleset_load_dir() does: the file's text, NUL-terminated,
	 * over a ruleset that holds the built-in rules. */
	text = pl_xmalloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	if ((rs = pl_ruleset_new()) == NULL)
		fuzz_fail("the built-in rules do not load");
	if (pl_ruleset_load_text(rs, "custom.yaml", text, size) == 0) {
		/* Every rule can be listed and explained. */
		for (size_t i = 0; i < rs->n; i++)
			if (pl_ruleset_find(rs, rs->rules[i]->id) == NULL)
				fuzz_fail("a loaded rule cannot be found");
		{
			char *buf = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&buf, &len);

			if (out != NULL) {
				pl_out_rules_json(out, rs);
				fclose(out);
				free(buf);
			}
		}
		fuzz_lint(PL_FMT_BIND, (const uint8_t *)fuzz_sample_zone,
		    sizeof(fuzz_sample_zone) - 1, "sample.zone", rs, NULL);
	}
	pl_ruleset_free(rs);
	free(text);
	fuzz_capture_end(&cap);
	return 0;
}
