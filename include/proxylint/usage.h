/* usage.h -- the text of proxylint --help */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_USAGE_H
#define PROXYLINT_USAGE_H

/* For main.c only: writes the --help text to out. */
#include <stdio.h>

void	pl_usage(FILE *out);

#endif
