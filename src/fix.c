/* fix.c -- --fix and --diff: findings into edits, edits into files */
/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "proxylint/fix.h"
#include "proxylint/read.h"
#include "proxylint/banned.h"

void
pl_fix_files_init(struct pl_fix_files *fs)
{
	memset(fs, 0, sizeof(*fs));
}

void
pl_fix_files_release(struct pl_fix_files *fs)
{
	for (size_t i = 0; i < fs->n; i++) {
		free(fs->v[i].path);
		free(fs->v[i].display);
		free(fs->v[i].orig);
		free(fs->v[i].text);
	}
	free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

/* Is the file at path, now, the one recorded when it was linted? */
static bool
same_file(const char *path, const struct pl_file_id *id, const char *text,
    size_t len)
{
	struct stat st;

	if (stat(path, &st) != 0)
		return false;
	return (uint64_t)st.st_dev == id->dev && (uint64_t)st.st_ino ==
	    id->ino && (uint64_t)st.st_size == id->size &&
	    (int64_t)st.st_mtim.tv_sec == id->mtime_sec &&
	    st.st_mtim.tv_nsec == id->mtime_nsec && len == id->size &&
	    pl_text_hash(text, len) == id->hash;
}

struct pl_fix_file *
pl_fix_load(struct pl_fix_files *fs, const struct pl_zone *z, uint16_t file,
    const char *path, const char *data, size_t len, const char **why)
{
	const struct pl_file_id *id = pl_zone_file_id(z, file);
	struct pl_fix_file *f;
	char *text = NULL, *err = NULL;
	size_t n = 0;

	*why = NULL;
	for (size_t i = 0; i < fs->n; i++)
		if (fs->v[i].index == file)
			return &fs->v[i];
	if (file >= z->nfiles) {
		*why = "the record's file is not known";
		return NULL;
	}
	if (file == 0 && data != NULL) {
		text = pl_xstrndup(data, len);
		n = len;
	} else {
		if (file != 0)
			path = z->files[file];
		if (path == NULL || strcmp(path, "-") == 0) {
			*why = "standard input cannot be read again";
			return NULL;
		}
		if (pl_read_file(path, PL_MAX_FILE_SIZE, &text, &n, &err) !=
		    0) {
			free(err);
			*why = "the file cannot be read again";
			return NULL;
		}
		if (id != NULL && !same_file(path, id, text, n)) {
			free(text);
			*why = "the file changed since it was read";
			return NULL;
		}
	}
	fs->v = pl_xreallocarray(fs->v, fs->n + 1, sizeof(*fs->v));
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->index = file;
	f->path = pl_xstrdup(file == 0 ? path : z->files[file]);
	f->display = pl_xstrdup(z->files[file]);
	f->orig = text;
	f->orig_len = n;
	f->in_memory = file == 0 && data != NULL;
	return f;
}

/*
 * What the fixer needs of a zone beyond its records, found once: the
 * cf-proxied spans of each BIND file (by record line), and the zone's
 * anchors by place, to find the records that share one.
 */
struct bind_file {
	uint16_t		 file;
	uint32_t		*lines;		/* ascending, unique */
	struct pl_flag_spans	*sp;
	size_t			 n;
};

struct pl_fix_spans {
	struct bind_file	*files;
	size_t			 nfiles;
	const struct pl_anchor	**byplace;	/* anchors by file, offset */
	size_t			 nbyplace;
	bool			 placed;
};

struct pl_fix_spans *
pl_fix_spans_new(void)
{
	return pl_xcalloc(1, sizeof(struct pl_fix_spans));
}

void
pl_fix_spans_free(struct pl_fix_spans *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->nfiles; i++) {
		free(s->files[i].lines);
		free(s->files[i].sp);
	}
	free(s->files);
	free(s->byplace);
	free(s);
}

static int
u32_cmp(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The spans of file f, located for every record of it with a state. */
static struct bind_file *
bind_spans(struct pl_fix_spans *s, const struct pl_zone *z,
    const struct pl_fix_file *f)
{
	struct bind_file *b;
	size_t n = 0, k = 0;

	for (size_t i = 0; i < s->nfiles; i++)
		if (s->files[i].file == f->index)
			return &s->files[i];
	s->files = pl_xreallocarray(s->files, s->nfiles + 1, sizeof(*s->files));
	b = &s->files[s->nfiles++];
	memset(b, 0, sizeof(*b));
	b->file = f->index;
	for (uint32_t i = 0; i < z->nrecs; i++)
		n += z->recs[i].file == f->index && z->recs[i].line > 0;
	b->lines = pl_xcalloc(n + 1, sizeof(*b->lines));
	for (uint32_t i = 0; i < z->nrecs; i++)
		if (z->recs[i].file == f->index && z->recs[i].line > 0)
			b->lines[k++] = z->recs[i].line;
	qsort(b->lines, k, sizeof(*b->lines), u32_cmp);
	n = 0;
	for (size_t i = 0; i < k; i++)
		if (n == 0 || b->lines[n - 1] != b->lines[i])
			b->lines[n++] = b->lines[i];
	b->n = n;
	b->sp = pl_xcalloc(n + 1, sizeof(*b->sp));
	pl_bind_flag_spans(f->orig, f->orig_len, b->lines, n, b->sp);
	return b;
}

static const struct pl_flag_spans *
bind_span_of(const struct bind_file *b, uint32_t line)
{
	const uint32_t *p = bsearch(&line, b->lines, b->n, sizeof(*b->lines),
	    u32_cmp);

	return p != NULL ? &b->sp[p - b->lines] : NULL;
}

static int
place_cmp(const void *pa, const void *pb)
{
	const struct pl_anchor *a = *(const struct pl_anchor *const *)pa;
	const struct pl_anchor *b = *(const struct pl_anchor *const *)pb;

	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/* Appends every record whose anchor is at a's place (a's own too). */
static void
sharers(struct pl_fix_spans *s, const struct pl_zone *z,
    const struct pl_anchor *a, uint32_t **flips, size_t *nflips)
{
	size_t lo = 0, hi;

	if (!s->placed) {
		const struct pl_anchors *t = z->anchors;

		s->byplace = pl_xcalloc(t->n + 1, sizeof(*s->byplace));
		for (size_t i = 0; i < t->n; i++)
			if (t->v[i].kind != PL_ANCHOR_REFUSE)
				s->byplace[s->nbyplace++] = &t->v[i];
		qsort(s->byplace, s->nbyplace, sizeof(*s->byplace), place_cmp);
		s->placed = true;
	}
	hi = s->nbyplace;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pl_anchor *m = s->byplace[mid];

		if (m->file < a->file || (m->file == a->file &&
		    m->off < a->off))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->nbyplace && s->byplace[lo]->file == a->file &&
	    s->byplace[lo]->off == a->off; lo++) {
		*flips = pl_grow(*flips, *nflips, sizeof(**flips));
		(*flips)[(*nflips)++] = s->byplace[lo]->rec;
	}
}

/* Was the zone's file i a Markdown document (read_markdown.c)? */
static bool
is_markdown(const struct pl_zone *z, uint16_t i)
{
	const char *p, *dot;

	if (i >= z->nfiles || (p = z->files[i]) == NULL ||
	    (dot = strrchr(p, '.')) == NULL)
		return false;
	return strcasecmp(dot, ".md") == 0 ||
	    strcasecmp(dot, ".markdown") == 0;
}

size_t
pl_fix_edits_for(const struct pl_zone *z, const struct pl_rule *rule,
    uint32_t ri, struct pl_fix_files *fs, const char *path, const char *data,
    size_t len, struct pl_fix_spans *spans, struct pl_edits *out,
    uint32_t **flips, size_t *nflips, const char **why)
{
	const struct pl_record *rec;
	const struct pl_anchor *a;
	const struct pl_flag_spans *sp;
	struct pl_fix_file *f;
	struct pl_autofix af;

	*why = NULL;
	if (ri >= z->nrecs) {
		*why = "the finding is about no record";
		return 0;
	}
	rec = &z->recs[ri];
	pl_autofix_of(rule, z, rec, &af);
	if (!af.applicable) {
		*why = af.why;
		return 0;
	}
	if ((a = pl_anchor_find(z, ri)) != NULL) {
		if ((f = pl_fix_load(fs, z, a->file, path, data, len, why)) ==
		    NULL)
			return 0;
		if (a->off > f->orig_len || a->len > f->orig_len - a->off ||
		    (a->kind == PL_ANCHOR_REPLACE && (a->old == NULL ||
		    strlen(a->old) != a->len ||
		    memcmp(f->orig + a->off, a->old, a->len) != 0))) {
			*why = "the flag is not where it was read (the file "
			    "changed?)";
			return 0;
		}
		pl_edits_add(out, z, a->file, ri, a->off, a->len,
		    a->text[af.to]);
		sharers(spans, z, a, flips, nflips);
		return 1;
	}
	if (z->format != PL_FMT_BIND) {
		*why = "no fix anchor";
		return 0;
	}
	if ((f = pl_fix_load(fs, z, rec->file, path, data, len, why)) == NULL)
		return 0;
	sp = bind_span_of(bind_spans(spans, z, f), rec->line);
	/* The tag must say what the record was read with: else the text is
	 * not the one read. */
	if (sp == NULL || sp->n == 0 || sp->state != rec->proxy) {
		/* A Markdown document is read with its escapes undone, so
		 * the tag read may not be written as such on its line. */
		*why = is_markdown(z, rec->file) ? "the record's cf-proxied "
		    "tag is not written as read on its line (a Markdown "
		    "escape such as cf\\_tags is not rewritten)" :
		    "the record's cf-proxied tag is not where it was read "
		    "(the file changed?)";
		return 0;
	}
	for (size_t i = 0; i < sp->n; i++)
		pl_edits_add(out, z, rec->file, ri, sp->off[i],
		    (uint32_t)sp->len[i], af.to == PL_PROXY_PROXIED ? "true" :
		    "false");
	*flips = pl_grow(*flips, *nflips, sizeof(**flips));
	(*flips)[(*nflips)++] = ri;
	return sp->n;
}

static int
pos_cmp(const void *pa, const void *pb)
{
	const struct pl_edit *a = *(const struct pl_edit *const *)pa;
	const struct pl_edit *b = *(const struct pl_edit *const *)pb;

	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

/*
 * The edits of e for file index file, by place, each once: records that
 * share an anchor give the same edit, and an edit that overlaps an
 * earlier one is dropped.  Returns a new array of *n pointers.
 */
static const struct pl_edit **
file_edits(const struct pl_edits *e, uint16_t file, size_t *n)
{
	const struct pl_edit **v = pl_xcalloc(e->n + 1, sizeof(*v));
	size_t k = 0, m = 0;

	for (size_t i = 0; i < e->n; i++)
		if (e->v[i].file == file)
			v[k++] = &e->v[i];
	qsort(v, k, sizeof(*v), pos_cmp);
	for (size_t i = 0; i < k; i++) {
		if (m > 0 && v[m - 1]->off == v[i]->off &&
		    v[m - 1]->len == v[i]->len &&
		    strcmp(v[m - 1]->text, v[i]->text) == 0)
			continue;	/* the same edit, for a sharer */
		if (m > 0 && (v[i]->off < v[m - 1]->off + v[m - 1]->len ||
		    (v[i]->off == v[m - 1]->off && v[i]->len == 0 &&
		    v[m - 1]->len == 0)))
			continue;	/* overlaps: the first wins */
		v[m++] = v[i];
	}
	*n = m;
	return v;
}

size_t
pl_fix_apply(struct pl_fix_files *fs, const struct pl_edits *e)
{
	size_t applied = 0;

	for (size_t i = 0; i < fs->n; i++) {
		struct pl_fix_file *f = &fs->v[i];
		const struct pl_edit **v;
		struct pl_buf b;
		size_t n, at = 0;

		free(f->text);
		f->text = NULL;
		f->len = 0;
		f->nedits = 0;
		v = file_edits(e, f->index, &n);
		if (n == 0) {
			free(v);
			continue;
		}
		pl_buf_init(&b);
		for (size_t k = 0; k < n; k++) {
			pl_buf_add(&b, f->orig + at, (size_t)v[k]->off - at);
			pl_buf_adds(&b, v[k]->text);
			at = (size_t)v[k]->off + v[k]->len;
		}
		pl_buf_add(&b, f->orig + at, f->orig_len - at);
		f->len = b.len;
		f->text = pl_buf_detach(&b);
		f->nedits = n;
		applied += n;
		free(v);
	}
	return applied;
}

/* UTF-16 code units of the UTF-8 text [s, s + n): SARIF's columns. */
static uint32_t
utf16_units(const char *s, size_t n)
{
	uint32_t u = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];

		if ((b & 0xc0) != 0x80)		/* not a continuation */
			u += (b & 0xf8) == 0xf0 ? 2 : 1;
	}
	return u;
}

/* A walk forward through a text, counting lines. */
struct cursor {
	const char	*s;
	size_t		 at;		/* bytes walked */
	size_t		 ls;		/* start of the line at */
	uint32_t	 line;
};

/* Line and column (1-based) of byte off, at or after the cursor. */
static void
walk_to(struct cursor *c, size_t off, uint32_t *line, uint32_t *col)
{
	const char *p;

	if (off < c->at) {
		c->at = c->ls = 0;
		c->line = 1;
	}
	while ((p = memchr(c->s + c->at, '\n', off - c->at)) != NULL) {
		c->line++;
		c->at = c->ls = (size_t)(p - c->s) + 1;
	}
	c->at = off;
	*line = c->line;
	*col = utf16_units(c->s + c->ls, off - c->ls) + 1;
}

static int
edit_place_cmp(const void *pa, const void *pb)
{
	const struct pl_edit *a = *(struct pl_edit *const *)pa;
	const struct pl_edit *b = *(struct pl_edit *const *)pb;

	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->off < b->off ? -1 : a->off > b->off;
}

void
pl_fix_positions(const struct pl_fix_files *fs, struct pl_edits *e)
{
	struct pl_edit **v = pl_xcalloc(e->n + 1, sizeof(*v));

	for (size_t i = 0; i < e->n; i++)
		v[i] = &e->v[i];
	qsort(v, e->n, sizeof(*v), edit_place_cmp);
	for (size_t k = 0; k < fs->n; k++) {
		struct cursor c = { fs->v[k].orig, 0, 0, 1 };

		for (size_t i = 0; i < e->n; i++)
			if (v[i]->file == fs->v[k].index && v[i]->off +
			    v[i]->len <= fs->v[k].orig_len) {
				walk_to(&c, (size_t)v[i]->off, &v[i]->line,
				    &v[i]->col);
				walk_to(&c, (size_t)(v[i]->off + v[i]->len),
				    &v[i]->end_line, &v[i]->end_col);
			}
	}
	free(v);
}

/* ---- unified diff ----------------------------------------------------- */

#define CONTEXT	3

/* A run of old lines [la, lb) that the edits replace with new text. */
struct region {
	size_t	la, lb;
	size_t	from, to;	/* bytes of the old lines */
	size_t	e0, e1;		/* its edits: v[e0..e1) */
	char	*text;		/* what replaces them */
	size_t	nnew;		/* lines in text */
};

static size_t
count_lines(const char *s, size_t n)
{
	size_t k = 0;

	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + n - p))) !=
	    NULL; p++)
		k++;
	return k + (n > 0 && s[n - 1] != '\n');
}

/* Index of the line that holds byte off (starts: nl line starts). */
static size_t
line_of_off(const size_t *starts, size_t nl, size_t off)
{
	size_t lo = 0, hi = nl;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* Writes the lines of s (n bytes) with a prefix each; a last line with
 * no newline gets git's marker. */
static void
put_lines(FILE *out, char prefix, const char *s, size_t n)
{
	while (n > 0) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl != NULL ? (size_t)(nl - s) + 1 : n;

		fputc(prefix, out);
		fwrite(s, 1, k, out);
		if (nl == NULL)
			fputs("\n\\ No newline at end of file\n", out);
		s += k;
		n -= k;
	}
}

static void
diff_file(FILE *out, const struct pl_fix_file *f, const struct pl_edit **v,
    size_t n)
{
	const char *s = f->orig;
	size_t len = f->orig_len, nl = 0, nreg = 0, *starts;
	struct region *rg = pl_xcalloc(n + 1, sizeof(*rg));
	char *rel;

	/* Line starts; starts[nl] is the end of the text. */
	starts = pl_xcalloc(count_lines(s, len) + 2, sizeof(*starts));
	starts[nl++] = 0;
	for (const char *p = s; (p = memchr(p, '\n', (size_t)(s + len - p))) !=
	    NULL; p++)
		if ((size_t)(p - s) + 1 < len)
			starts[nl++] = (size_t)(p - s) + 1;
	if (len == 0)
		nl = 0;
	starts[nl] = len;
	for (size_t k = 0; k < n; k++) {
		size_t off = (size_t)v[k]->off, end = off + v[k]->len;
		size_t la, lb;
		struct region *r;

		if (v[k]->len == 0 && (off == len || (off < len &&
		    (off == 0 || s[off - 1] == '\n'))) &&
		    v[k]->text[0] != '\0' &&
		    v[k]->text[strlen(v[k]->text) - 1] == '\n') {
			/* A whole line inserted before line la. */
			la = lb = off == len ? nl : line_of_off(starts, nl, off);
		} else {
			la = line_of_off(starts, nl, off);
			lb = line_of_off(starts, nl, end > off ? end - 1 :
			    end) + 1;
			if (lb > nl)
				lb = nl;
		}
		if (nreg > 0 && la < rg[nreg - 1].lb) {
			/* The same line as the edit before: one region. */
			r = &rg[nreg - 1];
			if (lb > r->lb)
				r->lb = lb;
		} else {
			r = &rg[nreg++];
			r->la = la;
			r->lb = lb;
			r->e0 = k;
		}
		r->e1 = k + 1;
	}
	/* Each region's new text: its old lines with their edits. */
	for (size_t i = 0; i < nreg; i++) {
		struct region *r = &rg[i];
		struct pl_buf b;
		size_t at;

		r->from = starts[r->la];
		r->to = starts[r->lb];
		at = r->from;
		pl_buf_init(&b);
		for (size_t k = r->e0; k < r->e1; k++) {
			pl_buf_add(&b, s + at, (size_t)v[k]->off - at);
			pl_buf_adds(&b, v[k]->text);
			at = (size_t)v[k]->off + v[k]->len;
		}
		pl_buf_add(&b, s + at, r->to - at);
		r->nnew = count_lines(b.buf != NULL ? b.buf : "", b.len);
		r->text = pl_buf_detach(&b);
	}
	rel = pl_xstrdup(f->display);
	fprintf(out, "--- a/%s\n+++ b/%s\n", rel, rel);
	free(rel);
	{
		long delta = 0;

		for (size_t i = 0; i < nreg;) {
			size_t j = i, ha, hb, oldn, newn = 0;
			long d = 0;

			/* Regions closer than twice the context share a hunk. */
			while (j + 1 < nreg && rg[j + 1].la <= rg[j].lb +
			    2 * CONTEXT)
				j++;
			ha = rg[i].la > CONTEXT ? rg[i].la - CONTEXT : 0;
			hb = rg[j].lb + CONTEXT < nl ? rg[j].lb + CONTEXT : nl;
			oldn = hb - ha;
			for (size_t k = i; k <= j; k++)
				d += (long)rg[k].nnew - (long)(rg[k].lb -
				    rg[k].la);
			newn = (size_t)((long)oldn + d);
			fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n",
			    oldn > 0 ? ha + 1 : ha, oldn,
			    newn > 0 ? (size_t)((long)ha + delta) + 1 :
			    (size_t)((long)ha + delta), newn);
			for (size_t k = i, at = ha; k <= j; k++) {
				put_lines(out, ' ', s + starts[at],
				    starts[rg[k].la] - starts[at]);
				put_lines(out, '-', s + rg[k].from,
				    rg[k].to - rg[k].from);
				put_lines(out, '+', rg[k].text,
				    strlen(rg[k].text));
				at = rg[k].lb;
				if (k == j)
					put_lines(out, ' ', s + starts[at],
					    starts[hb] - starts[at]);
			}
			delta += d;
			i = j + 1;
		}
	}
	for (size_t i = 0; i < nreg; i++)
		free(rg[i].text);
	free(rg);
	free(starts);
}

int
pl_fix_diff(FILE *out, const struct pl_fix_files *fs, const struct pl_edits *e)
{
	for (size_t i = 0; i < fs->n; i++) {
		const struct pl_edit **v;
		size_t n;

		v = file_edits(e, fs->v[i].index, &n);
		if (n > 0)
			diff_file(out, &fs->v[i], v, n);
		free(v);
	}
	return ferror(out) ? PL_EWRITE : 0;
}

/* ---- writing ---------------------------------------------------------- */

int
pl_fix_can_write(const struct pl_fix_file *f, char **why)
{
	struct stat st;
	char *text = NULL, *err = NULL;
	size_t n = 0;
	int same;

	*why = NULL;
	if (f->in_memory || strcmp(f->path, "-") == 0) {
		*why = pl_xasprintf("'%s': standard input is never fixed "
		    "(--diff prints the fix)", f->display);
		return -1;
	}
	if (lstat(f->path, &st) != 0) {
		*why = pl_xasprintf("cannot fix '%s': %s", f->display,
		    strerror(errno));
		return -1;
	}
	if (S_ISLNK(st.st_mode)) {
		*why = pl_xasprintf("'%s' is a symbolic link: not fixed (fix "
		    "the file it points to)", f->display);
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = pl_xasprintf("'%s' is not a regular file: not fixed",
		    f->display);
		return -1;
	}
	/* The mode bits say it, even to root, who may write anything. */
	if ((st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0 ||
	    access(f->path, W_OK) != 0) {
		*why = pl_xasprintf("'%s' is not writable: not fixed",
		    f->display);
		return -1;
	}
	/* A new file renamed over it would split the links. */
	if (st.st_nlink > 1) {
		*why = pl_xasprintf("'%s' has %lu hard links: not fixed (a "
		    "fix would give this name a file of its own)", f->display,
		    (unsigned long)st.st_nlink);
		return -1;
	}
	if (pl_read_file(f->path, PL_MAX_FILE_SIZE, &text, &n, &err) != 0) {
		*why = pl_xasprintf("cannot fix '%s': %s", f->display, err);
		free(err);
		return -1;
	}
	same = n == f->orig_len && memcmp(text, f->orig, n) == 0;
	free(text);
	if (!same) {
		*why = pl_xasprintf("'%s' changed since it was read: not fixed "
		    "(run proxylint again)", f->display);
		return -1;
	}
	return 0;
}

/* Writes all of buf to fd; 0, or -1 with errno set. */
static int
write_all(int fd, const char *buf, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, buf, n);

		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		buf += k;
		n -= (size_t)k;
	}
	return 0;
}

int
pl_fix_write(const struct pl_fix_file *f, char **why)
{
	struct stat st, now;
	const char *slash = strrchr(f->path, '/');
	char *tmp, *dir;
	int fd, err;

	*why = NULL;
	if (f->text == NULL)
		return 0;
	if (pl_fix_can_write(f, why) != 0 || lstat(f->path, &st) != 0) {
		if (*why == NULL)
			*why = pl_xasprintf("cannot fix '%s': %s", f->display,
			    strerror(errno));
		return -1;
	}
	dir = slash == NULL ? pl_xstrdup(".") : slash == f->path ?
	    pl_xstrdup("/") : pl_xstrndup(f->path, (size_t)(slash - f->path));
	tmp = pl_xasprintf("%s/.%s.proxylint-XXXXXX", dir, slash != NULL ?
	    slash + 1 : f->path);
	if ((fd = mkstemp(tmp)) < 0) {
		*why = pl_xasprintf("cannot fix '%s': cannot make a file "
		    "beside it: %s", f->display, strerror(errno));
		goto fail;
	}
	/* The mode and owner of the original; an owner we may not give
	 * stays ours (only root may give files away). */
	if (fchmod(fd, st.st_mode & 07777) != 0 ||
	    write_all(fd, f->text, f->len) != 0 || fsync(fd) != 0) {
		err = errno;
		close(fd);
		unlink(tmp);
		*why = pl_xasprintf("cannot fix '%s': %s (the file is "
		    "unchanged)", f->display, strerror(err));
		goto fail;
	}
	if (fchown(fd, st.st_uid, st.st_gid) != 0 && geteuid() == 0) {
		err = errno;
		close(fd);
		unlink(tmp);
		*why = pl_xasprintf("cannot fix '%s': cannot keep its owner: "
		    "%s (the file is unchanged)", f->display, strerror(err));
		goto fail;
	}
	if (close(fd) != 0) {
		err = errno;
		unlink(tmp);
		*why = pl_xasprintf("cannot fix '%s': %s (the file is "
		    "unchanged)", f->display, strerror(err));
		goto fail;
	}
	/* Last look: the file is the one checked a moment ago. */
	if (lstat(f->path, &now) != 0 || now.st_ino != st.st_ino ||
	    now.st_dev != st.st_dev || now.st_size != st.st_size ||
	    now.st_mtim.tv_sec != st.st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != st.st_mtim.tv_nsec) {
		unlink(tmp);
		*why = pl_xasprintf("'%s' changed while it was being fixed: "
		    "not fixed", f->display);
		goto fail;
	}
	if (rename(tmp, f->path) != 0) {
		err = errno;
		unlink(tmp);
		*why = pl_xasprintf("cannot fix '%s': %s (the file is "
		    "unchanged)", f->display, strerror(err));
		goto fail;
	}
	/* The rename itself lasts once the folder is on disk. */
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(fd);
		close(fd);
	}
	free(tmp);
	free(dir);
	return 0;
fail:
	free(tmp);
	free(dir);
	return -1;
}

/* ---- proof ------------------------------------------------------------ */

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

static size_t
count_nl(const char *s, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	return k;
}

struct shift;
static const char *same_records(const struct pl_zone *,
    const struct pl_zone *, const uint8_t *, const struct shift *, size_t,
    uint32_t *);

/* Lines an edit adds: at its line, for the lines from there on. */
struct shift {
	uint16_t	file;
	uint32_t	line;
	long		by;
};

static int
shift_cmp(const void *pa, const void *pb)
{
	const struct shift *a = pa, *b = pb;

	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

/* Where record line 'line' of file is once the shifts before it apply. */
static uint32_t
shifted(const struct shift *v, size_t n, uint16_t file, uint32_t line)
{
	long by = 0;

	for (size_t i = 0; i < n && (v[i].file < file || (v[i].file == file &&
	    v[i].line <= line)); i++)
		if (v[i].file == file)
			by += v[i].by;
	return (uint32_t)((long)line + by);
}

const char *
pl_fix_same_records(const struct pl_zone *a, const struct pl_zone *b,
    const uint8_t *to, const struct pl_fix_files *fs, struct pl_edits *e,
    uint32_t *rec)
{
	struct shift *sh = NULL;
	size_t nsh = 0;
	const char *what = NULL;

	*rec = 0;
	if (a->nrecs != b->nrecs)
		return a->nrecs < b->nrecs ? "a record more" : "a record less";
	/* Insertions move the lines below them (octoDNS keys added). */
	if (e != NULL && fs != NULL) {
		pl_fix_positions(fs, e);
		for (size_t i = 0; i < e->n; i++) {
			long by = (long)count_nl(e->v[i].text,
			    strlen(e->v[i].text));
			const struct pl_fix_file *f = NULL;

			for (size_t k = 0; k < fs->n; k++)
				if (fs->v[k].index == e->v[i].file)
					f = &fs->v[k];
			if (f != NULL && e->v[i].off + e->v[i].len <= f->orig_len)
				by -= (long)count_nl(f->orig + e->v[i].off,
				    e->v[i].len);
			if (by == 0)
				continue;
			sh = pl_grow(sh, nsh, sizeof(*sh));
			sh[nsh].file = e->v[i].file;
			/* A line inserted at a line's start comes before
			 * it: that line moves; inserted after its start, the
			 * line after does. */
			sh[nsh].line = e->v[i].col == 1 ? e->v[i].line :
			    e->v[i].line + 1;
			sh[nsh++].by = by;
		}
		if (nsh > 1)
			qsort(sh, nsh, sizeof(*sh), shift_cmp);
	}
	what = same_records(a, b, to, sh, nsh, rec);
	free(sh);
	return what;
}

/* Is record i fixed by a line its reader inserts (PL_ANCHOR_INSERT)? */
static bool
inserted(const struct pl_zone *z, const uint8_t *to, uint32_t i)
{
	const struct pl_anchor *an;

	return to != NULL && to[i] != 0 &&
	    (an = pl_anchor_find(z, i)) != NULL &&
	    an->kind == PL_ANCHOR_INSERT;
}

static const char *
same_records(const struct pl_zone *a, const struct pl_zone *b,
    const uint8_t *to, const struct shift *sh, size_t nsh, uint32_t *rec)
{
	for (uint32_t i = 0; i < a->nrecs; i++) {
		const struct pl_record *x = &a->recs[i], *y = &b->recs[i];
		char bx[PL_ADDR_TEXT], by[PL_ADDR_TEXT];

		*rec = i;
		if (!same_str(x->owner, y->owner))
			return "its owner";
		if (x->type != y->type)
			return "its type";
		if (strcmp(pl_rec_content(x, bx), pl_rec_content(y, by)) != 0)
			return "its content";
		if (!same_str(x->target, y->target))
			return "its target";
		/* A fix that inserts the flag (Terraform: a new proxied
		 * line) may move the record's place onto that line. */
		if (x->file != y->file || (!inserted(a, to, i) &&
		    ((x->line == 0) != (y->line == 0) ||
		    (x->line != 0 && shifted(sh, nsh, x->file, x->line) !=
		    y->line))))
			return "its place";
		if (!same_str(pl_rec_comment(x), pl_rec_comment(y)))
			return "its comment";
		if (!same_str(pl_rec_pointer(x), pl_rec_pointer(y)))
			return "its pointer";
		if (to != NULL && to[i] != 0) {
			if (y->proxy != to[i])
				return "its proxy state is not the fixed one";
			continue;
		}
		if (x->proxy != y->proxy)
			return "the proxy state of a record not fixed";
		if (x->ttl != y->ttl)
			return "its TTL";
		if (!same_str(pl_rec_tags(x), pl_rec_tags(y)))
			return "its tags";
	}
	return NULL;
}
