/* out_github.c -- GitHub Actions workflow commands, one per finding */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

/*
 * The runner reads one command per line and splits the properties at ','
 * and the name from the value at ':', so data must not hold a raw newline,
 * and property values none of these (actions/toolkit, command.ts).
 */
static void
escape(struct pl_buf *b, const char *s, bool property)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '%':
			pl_buf_adds(b, "%25");
			break;
		case '\r':
			pl_buf_adds(b, "%0D");
			break;
		case '\n':
			pl_buf_adds(b, "%0A");
			break;
		case ':':
			pl_buf_adds(b, property ? "%3A" : ":");
			break;
		case ',':
			pl_buf_adds(b, property ? "%2C" : ",");
			break;
		default:
			pl_buf_addc(b, *s);
		}
}

static const char *
command(enum pl_severity sev)
{
	switch (sev) {
	case PL_SEV_ERROR:
		return "error";
	case PL_SEV_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

int
pl_out_github(FILE *out, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs,
    const struct pl_output_opts *o)
{
	struct pl_buf b;
	const char *last = NULL;
	char *file = NULL;

	(void)rs;
	pl_buf_init(&b);
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_diag *g = &d->v[i];
		struct pl_diag_text t;

		/* Findings come sorted by file: convert each name once. */
		if (last == NULL || strcmp(last, g->file) != 0) {
			free(file);
			file = pl_out_relative_path(g->file);
			last = g->file;
		}
		pl_diag_text(g, &t);
		pl_buf_reset(&b);
		pl_buf_addf(&b, "::%s file=", command(g->sev));
		escape(&b, file, true);
		if (g->line > 0)
			pl_buf_addf(&b, ",line=%u", (unsigned)g->line);
		if (g->line > 0 && g->col > 0)
			pl_buf_addf(&b, ",col=%u", (unsigned)g->col);
		pl_buf_adds(&b, ",title=");
		escape(&b, g->rule->id, true);
		pl_buf_adds(&b, "::");
		/* Without a line, say where the record is, as text does. */
		if (g->line == 0 && t.pointer != NULL) {
			escape(&b, t.pointer, false);
			pl_buf_adds(&b, ": ");
		}
		escape(&b, t.message, false);
		pl_buf_addf(&b, " [%s]\n", g->rule->id);
		fwrite(b.buf, 1, b.len, out);
		pl_diag_text_release(&t);
	}
	if (!o->quiet) {
		char *sum = pl_summary_line(d, st);

		fprintf(out, "proxylint: %s\n", sum);
		free(sum);
	}
	free(file);
	pl_buf_release(&b);
	return ferror(out) ? PL_EWRITE : 0;
}
