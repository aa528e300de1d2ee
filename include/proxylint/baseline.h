/* baseline.h -- findings accepted once, so that only new ones fail a run */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_BASELINE_H
#define PROXYLINT_BASELINE_H

/*
 * For the program (main.c): --write-baseline records the findings of a
 * run by file and fingerprint (output.h), --baseline drops the findings it
 * holds, so that a zone with a history fails only on what is new.
 */

#include <stddef.h>

#include "proxylint/diag.h"

/* Writes d's findings to path; 0, or PL_EWRITE after a message. */
int	pl_baseline_write(const char *path, const struct pl_diags *d);

/*
 * Drops from d (sorted, as reported) the findings the baseline at path
 * holds, and counts in *gone its entries that match no finding any more.
 * Returns 0, or PL_EIO / PL_EINPUT after a message.
 */
int	pl_baseline_apply(const char *path, struct pl_diags *d, size_t *gone);

#endif
