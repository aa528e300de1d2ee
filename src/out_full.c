/* out_full.c -- findings for a person: the record, the fix, the link */
/* SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/output.h"
#include "proxylint/banned.h"

/*
 * Each finding the way rustc and ruff show one: the severity, the message
 * and the rule id, where it is, the record as written in the file (read
 * back when the finding has a line), then what to do and where it is
 * documented.  For people at a terminal; scripts and editors keep the
 * one-line text format, which does not change.
 */

/* A source line is shown cut to this many octets. */
#define MAX_SHOWN	200

static const char *sev_color[] = {
	"", "\033[1;36m", "\033[1;33m", "\033[1;31m",
};

/* The text of the file a finding is in, read once for its findings. */
struct source {
	const char	*file;		/* borrowed from the findings */
	char		*data;		/* or NULL: could not be read */
	size_t		 len;
	const char	*at;		/* the line last found, and its number */
	uint32_t	 at_line;
};

static void
source_set(struct source *s, const char *file)
{
	char *err = NULL;

	if (s->file != NULL && strcmp(s->file, file) == 0)
		return;
	free(s->data);
	memset(s, 0, sizeof(*s));
	s->file = file;
	/* Standard input cannot be read again; a big file is not worth it
	 * for a few lines. */
	if (strcmp(file, "<stdin>") == 0 ||
	    pl_read_file(file, (size_t)64 << 20, &s->data, &s->len, &err) != 0)
		s->data = NULL;
	free(err);
	s->at = s->data;
	s->at_line = 1;
}

/* Line n of the source (findings come sorted, so a walk forward finds
 * most), or NULL; *len is its length without the newline. */
static const char *
source_line(struct source *s, uint32_t n, size_t *len)
{
	const char *end, *eol;

	if (s->data == NULL || n == 0)
		return NULL;
	end = s->data + s->len;
	if (n < s->at_line) {
		s->at = s->data;
		s->at_line = 1;
	}
	while (s->at_line < n) {
		if ((eol = memchr(s->at, '\n', (size_t)(end - s->at))) == NULL)
			return NULL;
		s->at = eol + 1;
		s->at_line++;
	}
	eol = memchr(s->at, '\n', (size_t)(end - s->at));
	*len = eol != NULL ? (size_t)(eol - s->at) : (size_t)(end - s->at);
	if (*len > 0 && s->at[*len - 1] == '\r')
		(*len)--;
	return s->at;
}

/* A line of the file, tabs as blanks and control octets as \DDD. */
static void
add_shown(struct pl_buf *b, const char *p, size_t n)
{
	for (size_t i = 0; i < n && i < MAX_SHOWN; i++) {
		unsigned char ch = (unsigned char)p[i];

		if (ch == '\t')
			pl_buf_adds(b, "    ");
		else if (ch < 0x20 || ch == 0x7f)
			pl_buf_addf(b, "\\%03u", ch);
		else
			pl_buf_addc(b, (char)ch);
	}
	if (n > MAX_SHOWN)
		pl_buf_adds(b, " ...");
}

static void
one(struct pl_buf *b, const struct pl_diag *g, const struct pl_diag_text *t,
    struct source *src, const struct pl_output_opts *o)
{
	bool color = o->color;
	const char *line;
	size_t len;
	int width;

	if (color)
		pl_buf_addf(b, "%s%s\033[0m\033[1m: ", sev_color[g->sev],
		    pl_severity_name(g->sev));
	else
		pl_buf_addf(b, "%s: ", pl_severity_name(g->sev));
	if (pl_out_fixable(g, o))
		pl_buf_adds(b, "[*] ");
	pl_buf_add_clean(b, t->message, SIZE_MAX);
	pl_buf_addf(b, color ? " [%s]\033[0m\n" : " [%s]\n", g->rule->id);
	pl_buf_adds(b, "  --> ");
	pl_buf_add_clean(b, g->file, SIZE_MAX);
	if (g->line > 0)
		pl_buf_addf(b, ":%u", (unsigned)g->line);
	if (g->col > 0)
		pl_buf_addf(b, ":%u", (unsigned)g->col);
	if (g->line == 0 && t->pointer != NULL) {
		pl_buf_adds(b, " (");
		pl_buf_add_clean(b, t->pointer, SIZE_MAX);
		pl_buf_addc(b, ')');
	}
	pl_buf_addc(b, '\n');
	source_set(src, g->file);
	if ((line = source_line(src, g->line, &len)) != NULL) {
		width = snprintf(NULL, 0, "%u", (unsigned)g->line);
		pl_buf_addf(b, "%*s |\n%u | ", width, "", (unsigned)g->line);
		add_shown(b, line, len);
		pl_buf_addf(b, "\n%*s |\n", width, "");
	}
	if (g->rule->fix != NULL) {
		pl_buf_adds(b, "   = fix: ");
		pl_buf_add_clean(b, g->rule->fix, SIZE_MAX);
		pl_buf_addc(b, '\n');
	}
	if (g->rule->autofix != PL_AUTOFIX_NONE) {
		pl_buf_adds(b, "   = autofix: ");
		pl_out_autofix_text(b, g, o);
		pl_buf_addc(b, '\n');
	}
	if (g->rule->doc != NULL)
		pl_buf_addf(b, "   = see: %s\n", g->rule->doc);
	pl_buf_addc(b, '\n');
}

int
pl_out_full(FILE *out, const struct pl_diags *d,
    const struct pl_run_stats *st, const struct pl_ruleset *rs,
    const struct pl_output_opts *o)
{
	struct source src;
	struct pl_buf b;

	(void)st;
	(void)rs;
	memset(&src, 0, sizeof(src));
	pl_buf_init(&b);
	for (size_t i = 0; i < d->n; i++) {
		struct pl_diag_text t;

		pl_diag_text(&d->v[i], &t);
		pl_buf_reset(&b);
		one(&b, &d->v[i], &t, &src, o);
		fwrite(b.buf, 1, b.len, out);
		pl_diag_text_release(&t);
	}
	pl_buf_release(&b);
	free(src.data);
	return ferror(out) ? PL_EWRITE : 0;
}
