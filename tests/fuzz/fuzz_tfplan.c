/* fuzz_tfplan.c -- fuzz target: the Terraform plan reader, to the reports */
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
	fuzz_json_oracle(data, size);
	fuzz_lint(PL_FMT_TERRAFORM_PLAN, data, size, "plan.json", fuzz_rules, NULL);
	fuzz_capture_end(&cap);
	return 0;
}
