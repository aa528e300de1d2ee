/* fuzz_tf.c -- fuzz target: the Terraform reader (.tf, .tf.json) with the
 * rest of its module folder, to the reports */
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
	/* The JSON syntax when the input opens as JSON. */
	fuzz_lint(PL_FMT_TERRAFORM, data, size, size > 0 && data[0] == '{' ?
	    fuzz_tfjson_path : fuzz_tf_path, fuzz_rules, NULL);
	fuzz_capture_end(&cap);
	return 0;
}
