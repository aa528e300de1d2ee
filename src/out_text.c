/* out_text.c -- "FILE:LINE: SEVERITY: MESSAGE [RULE-ID]", one per line */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdlib.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

static const char *sev_color[] = {
	"", "\033[1;36m", "\033[1;33m", "\033[1;31m",
};

/*
 * Writes s with control octets as \DDD: zone data must not move the
 * cursor or change the colours of the terminal it is printed on.
 */
static void
put_clean(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\%03u", *p);
		else
			putc_unlocked(*p, out);
}

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
		put_clean(out, g->file);
		if (g->line > 0)
			fprintf(out, ":%u:", (unsigned)g->line);
		else if (t.pointer != NULL) {
			putc_unlocked(':', out);
			put_clean(out, t.pointer);
			putc_unlocked(':', out);
		} else
			putc_unlocked(':', out);
		if (o->color)
			fprintf(out, "\033[0m %s%s\033[0m: ", sev_color[g->sev],
			    sev);
		else
			fprintf(out, " %s: ", sev);
		put_clean(out, t.message);
		if (o->color)
			fprintf(out, " \033[2m[%s]\033[0m\n", g->rule->id);
		else
			fprintf(out, " [%s]\n", g->rule->id);
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
