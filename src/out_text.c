/* out_text.c -- "FILE:LINE: SEVERITY: [*] MESSAGE [RULE-ID]", one per line */
/* SPDX-License-Identifier: MIT */
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

static const char *sev_color[] = {
	"", "\033[1;36m", "\033[1;33m", "\033[1;31m",
};

/* Writes s with control octets as \DDD (pl_buf_add_clean). */
static void
put_clean(FILE *out, struct pl_buf *b, const char *s)
{
	pl_buf_reset(b);
	pl_buf_add_clean(b, s, SIZE_MAX);
	if (b->len > 0)
		fwrite(b->buf, 1, b->len, out);
}

int
pl_out_text(FILE *out, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs,
    const struct pl_output_opts *o)
{
	struct pl_buf b;

	(void)st;
	(void)rs;
	pl_buf_init(&b);
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_diag *g = &d->v[i];
		const char *sev = pl_severity_name(g->sev);
		struct pl_diag_text t;

		pl_diag_text(g, &t);
		if (o->color)
			fprintf(out, "\033[1m");
		put_clean(out, &b, g->file);
		if (g->line > 0 && g->col > 0)
			fprintf(out, ":%u:%u:", (unsigned)g->line,
			    (unsigned)g->col);
		else if (g->line > 0)
			fprintf(out, ":%u:", (unsigned)g->line);
		else if (t.pointer != NULL) {
			putc_unlocked(':', out);
			put_clean(out, &b, t.pointer);
			putc_unlocked(':', out);
		} else
			putc_unlocked(':', out);
		if (o->color)
			fprintf(out, "\033[0m %s%s\033[0m: ", sev_color[g->sev],
			    sev);
		else
			fprintf(out, " %s: ", sev);
		/* ruff's mark, where its is: before the message, so that
		 * the line still ends in [RULE-ID] (a message never starts
		 * with '['). */
		if (pl_out_fixable(g, o))
			fputs(o->color ? "\033[1m[*]\033[0m " : "[*] ", out);
		put_clean(out, &b, t.message);
		if (o->color)
			fprintf(out, " \033[2m[%s]\033[0m\n", g->rule->id);
		else
			fprintf(out, " [%s]\n", g->rule->id);
		pl_diag_text_release(&t);
	}
	pl_buf_release(&b);
	return ferror(out) ? PL_EWRITE : 0;
}
