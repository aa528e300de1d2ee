/* out_text.c -- "FILE:LINE: SEVERITY: MESSAGE [RULE-ID]", one per line */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

static const char *sev_color[] = {
	"", "\033[1;36m", "\033[1;33m", "\033[1;31m",
};

int
pl_out_text(FILE *out, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs,
    const struct pl_output_opts *o)
{
	(void)st;
	(void)rs;
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_diag *g = &d->v[i];
		const char *sev = pl_severity_name(g->sev);
		struct pl_diag_text t;

		pl_diag_text(g, &t);
		if (o->color)
			fprintf(out, "\033[1m");
		if (g->line > 0)
			fprintf(out, "%s:%u:", g->file, (unsigned)g->line);
		else if (t.pointer != NULL)
			fprintf(out, "%s:%s:", g->file, t.pointer);
		else
			fprintf(out, "%s:", g->file);
		if (o->color)
			fprintf(out, "\033[0m %s%s\033[0m: %s \033[2m[%s]\033[0m\n",
			    sev_color[g->sev], sev, t.message, g->rule->id);
		else
			fprintf(out, " %s: %s [%s]\n", sev, t.message,
			    g->rule->id);
		pl_diag_text_release(&t);
	}
	return ferror(out) ? PL_EWRITE : 0;
}

static void
count(struct pl_buf *b, unsigned n, const char *one, const char *many)
{
	if (b->len > 0)
		pl_buf_adds(b, ", ");
	pl_buf_addf(b, "%u %s", n, n == 1 ? one : many);
}

char *
pl_summary_line(const struct pl_diags *d, const struct pl_run_stats *st)
{
	struct pl_buf b;

	pl_buf_init(&b);
	if (d->count[PL_SEV_ERROR])
		count(&b, d->count[PL_SEV_ERROR], "error", "errors");
	if (d->count[PL_SEV_WARNING])
		count(&b, d->count[PL_SEV_WARNING], "warning", "warnings");
	if (d->count[PL_SEV_INFO])
		count(&b, d->count[PL_SEV_INFO], "info", "infos");
	if (b.len == 0)
		pl_buf_adds(&b, "no findings");
	pl_buf_addf(&b, " in %u %s", st->files, st->files == 1 ? "file" :
	    "files");
	return pl_buf_detach(&b);
}
