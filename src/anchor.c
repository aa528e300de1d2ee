/* anchor.c -- fix anchors: where a reader found each record's proxy flag */
/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <stdlib.h>
#include <string.h>

#include "proxylint/anchor.h"
#include "proxylint/banned.h"

static struct pl_anchors *
table(struct pl_zone *z)
{
	if (z->anchors == NULL)
		z->anchors = pl_xcalloc(1, sizeof(*z->anchors));
	return z->anchors;
}

/*
 * Adds an anchor, keeping the table sorted by record: readers add them in
 * record order, so the shift below almost never runs, and a look-up is a
 * binary search that writes nothing (reporters run on two threads).
 */
static struct pl_anchor *
add(struct pl_zone *z, uint32_t rec)
{
	struct pl_anchors *t = table(z);
	size_t i;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->v = pl_xreallocarray(t->v, t->cap, sizeof(*t->v));
	}
	for (i = t->n; i > 0 && t->v[i - 1].rec > rec; i--)
		;
	memmove(&t->v[i + 1], &t->v[i], (t->n - i) * sizeof(*t->v));
	t->n++;
	memset(&t->v[i], 0, sizeof(t->v[i]));
	t->v[i].rec = rec;
	return &t->v[i];
}

void
pl_anchor_replace(struct pl_zone *z, uint32_t rec, uint16_t file,
    uint64_t off, uint32_t len, const char *old, const char *to_dns_only,
    const char *to_proxied)
{
	struct pl_anchor *a = add(z, rec);

	a->kind = PL_ANCHOR_REPLACE;
	a->file = file;
	a->off = off;
	a->len = len;
	a->old = old;
	a->text[PL_PROXY_DNS_ONLY] = to_dns_only;
	a->text[PL_PROXY_PROXIED] = to_proxied;
}

void
pl_anchor_insert(struct pl_zone *z, uint32_t rec, uint16_t file,
    uint64_t off, const char *to_dns_only, const char *to_proxied)
{
	struct pl_anchor *a = add(z, rec);

	a->kind = PL_ANCHOR_INSERT;
	a->file = file;
	a->off = off;
	a->old = "";
	a->text[PL_PROXY_DNS_ONLY] = to_dns_only;
	a->text[PL_PROXY_PROXIED] = to_proxied;
}

void
pl_anchor_refuse(struct pl_zone *z, uint32_t rec, const char *why)
{
	struct pl_anchor *a = add(z, rec);

	a->kind = PL_ANCHOR_REFUSE;
	a->why = why;
}

void
pl_anchor_block(struct pl_zone *z, uint32_t rec, const char *why)
{
	const char *w = pl_arena_strndup(&z->arena, why, strlen(why));
	const struct pl_anchor *a = pl_anchor_find(z, rec);

	if (a == NULL) {
		pl_anchor_refuse(z, rec, w);
		return;
	}
	for (struct pl_anchor *b = (struct pl_anchor *)(uintptr_t)a;
	    b < z->anchors->v + z->anchors->n && b->rec == rec; b++) {
		b->kind = PL_ANCHOR_REFUSE;
		b->why = w;
	}
}

void
pl_anchor_spelling(struct pl_zone *z, const char *dns_only,
    const char *proxied)
{
	struct pl_anchors *t = table(z);

	t->spelling[PL_PROXY_DNS_ONLY] = dns_only;
	t->spelling[PL_PROXY_PROXIED] = proxied;
}

const struct pl_anchor *
pl_anchor_find(const struct pl_zone *z, uint32_t rec)
{
	const struct pl_anchors *t = z->anchors;
	size_t lo = 0, hi;

	if (t == NULL)
		return NULL;
	hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->v[mid].rec < rec)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < t->n && t->v[lo].rec == rec ? &t->v[lo] : NULL;
}

void
pl_anchors_adopt(struct pl_zone *z, struct pl_zone *src, uint32_t base)
{
	struct pl_anchors *s = src->anchors;

	for (size_t i = 0; i < s->n; i++) {
		struct pl_anchor *a = add(z, s->v[i].rec + base);
		uint32_t rec = a->rec;

		*a = s->v[i];
		a->rec = rec;
	}
	for (int k = 0; k < 3; k++)
		if (s->spelling[k] != NULL)
			table(z)->spelling[k] = s->spelling[k];
	pl_anchors_free(s);
	src->anchors = NULL;
}

void
pl_anchors_free(struct pl_anchors *t)
{
	if (t == NULL)
		return;
	free(t->v);
	free(t->ids);
	free(t);
}

uint64_t
pl_text_hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

void
pl_zone_set_file_id(struct pl_zone *z, uint16_t file, const char *path,
    const char *data, size_t len)
{
	struct pl_anchors *t = table(z);
	struct pl_file_id *id;
	struct stat st;

	if (file >= t->nids) {
		t->ids = pl_xreallocarray(t->ids, (size_t)file + 1,
		    sizeof(*t->ids));
		memset(&t->ids[t->nids], 0, ((size_t)file + 1 - t->nids) *
		    sizeof(*t->ids));
		t->nids = (size_t)file + 1;
	}
	id = &t->ids[file];
	memset(id, 0, sizeof(*id));
	if (path == NULL || strcmp(path, "-") == 0 || stat(path, &st) != 0)
		return;
	id->known = true;
	id->dev = (uint64_t)st.st_dev;
	id->ino = (uint64_t)st.st_ino;
	id->size = (uint64_t)st.st_size;
	id->mtime_sec = (int64_t)st.st_mtim.tv_sec;
	id->mtime_nsec = st.st_mtim.tv_nsec;
	id->hash = pl_text_hash(data, len);
}

const struct pl_file_id *
pl_zone_file_id(const struct pl_zone *z, uint16_t file)
{
	if (z->anchors == NULL || file >= z->anchors->nids ||
	    !z->anchors->ids[file].known)
		return NULL;
	return &z->anchors->ids[file];
}
