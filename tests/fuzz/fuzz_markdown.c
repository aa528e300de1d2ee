/* fuzz_markdown.c -- fuzz target: the Markdown reader (fenced blocks, raw exports), to the reports */
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

	fuzz_setup();
	fuzz_capture_start(&cap);
	fuzz_lint(PL_FMT_MARKDOWN, data, size, fuzz_zone_path, fuzz_rules, NULL);
	fuzz_capture_end(&cap);
	return 0;
}
