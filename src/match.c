/* match.c -- compiled lists of names, labels and address ranges */
/* SPDX-License-Identifier: MIT */
#include <arpa/inet.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "proxylint/match.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

bool
pl_glob_match(const char *pat, const char *name)
{
	const char *star_p = NULL, *star_n = NULL;
	size_t nlen = strlen(name);

	/* Names are compared without their trailing dot. */
	if (nlen > 1 && name[nlen - 1] == '.')
		nlen--;
	for (size_t i = 0;;) {
		if (*pat == '*') {
			star_p = ++pat;
			star_n = name + i;
			continue;
		}
		if (i < nlen && (*pat == '?' ||
		    (*pat != '\0' && pl_lower((unsigned char)*pat) ==
		    pl_lower((unsigned char)name[i])))) {
			pat++;
			i++;
			continue;
		}
		if (*pat == '\0' && i == nlen)
			return true;
		if (star_p == NULL || (size_t)(star_n - name) >= nlen)
			return false;
		pat = star_p;
		i = (size_t)(++star_n - name);
	}
}

static int
globkey_cmp(const void *a, const void *b)
{
	const struct pl_globkey *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);

	return c != 0 ? c : (x->len > y->len) - (x->len < y->len);
}

static int
plain(const char *s)
{
	return strpbrk(s, "*?") == NULL;
}

bool
pl_glob_is_indexed(const char *p)
{
	return plain(p) || (p[0] == '*' && p[1] == '.' && p[2] != '\0' &&
	    plain(p + 2));
}

void
pl_globset_build(struct pl_globset *g, const struct pl_strlist *l)
{
	memset(g, 0, sizeof(*g));
	for (size_t i = 0; i < l->n; i++) {
		const char *p = l->v[i];
		size_t n = strlen(p);

		if (n > 1 && p[n - 1] == '.')
			n--;	/* patterns match names without the dot */
		if (plain(p)) {
			g->exact = pl_grow(g->exact, g->nexact, sizeof(*g->exact));
			g->exact[g->nexact++] = (struct pl_globkey){ p, n, p };
		} else if (n > 2 && p[0] == '*' && p[1] == '.' &&
		    plain(p + 2)) {
			g->suffix = pl_grow(g->suffix, g->nsuffix,
			    sizeof(*g->suffix));
			g->suffix[g->nsuffix++] =
			    (struct pl_globkey){ p + 2, n - 2, p };
		} else {
			g->other = pl_grow(g->other, g->nother, sizeof(*g->other));
			g->other[g->nother++] = p;
		}
	}
	/* Stable order for equal keys is not needed: equal keys are the
	 * same pattern. */
	if (g->nexact > 1)
		qsort(g->exact, g->nexact, sizeof(*g->exact), globkey_cmp);
	if (g->nsuffix > 1)
		qsort(g->suffix, g->nsuffix, sizeof(*g->suffix), globkey_cmp);
}

void
pl_globset_release(struct pl_globset *g)
{
	free(g->exact);
	free(g->suffix);
	free(g->other);
	memset(g, 0, sizeof(*g));
}

static const struct pl_globkey *
globkey_find(const struct pl_globkey *v, size_t n, const char *key,
    size_t len)
{
	struct pl_globkey k = { key, len, NULL };

	return n == 0 ? NULL : bsearch(&k, v, n, sizeof(*v), globkey_cmp);
}

const char *
pl_globset_match(const struct pl_globset *g, const char *name)
{
	const struct pl_globkey *k;
	size_t n = strlen(name);

	if (n > 1 && name[n - 1] == '.')
		n--;
	if ((k = globkey_find(g->exact, g->nexact, name, n)) != NULL)
		return k->pattern;
	/* "*.example.com" matches every name that ends in ".example.com". */
	for (size_t i = 0; i < n && g->nsuffix > 0; i++)
		if (name[i] == '.' && (k = globkey_find(g->suffix, g->nsuffix,
		    name + i + 1, n - i - 1)) != NULL)
			return k->pattern;
	for (size_t i = 0; i < g->nother; i++)
		if (pl_glob_match(g->other[i], name))
			return g->other[i];
	return NULL;
}

static int
labelkey_cmp(const void *a, const void *b)
{
	const struct pl_labelkey *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->key, y->key, n);

	if (c == 0)
		c = (x->len > y->len) - (x->len < y->len);
	/* Equal labels in list order: the first is found first. */
	return c != 0 ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

void
pl_labelset_build(struct pl_labelset *s, const struct pl_strlist *l)
{
	memset(s, 0, sizeof(*s));
	s->built = true;
	if (l->n == 0)
		return;
	s->v = pl_xreallocarray(NULL, l->n, sizeof(*s->v));
	for (size_t i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]);

		s->v[s->n++] = (struct pl_labelkey){ l->v[i], (uint32_t)n,
		    (uint32_t)i };
		if (n > 0 && l->v[i][n - 1] >= '0' && l->v[i][n - 1] <= '9')
			s->digit_end = true;
	}
	qsort(s->v, s->n, sizeof(*s->v), labelkey_cmp);
}

void
pl_labelset_release(struct pl_labelset *s)
{
	free(s->v);
	memset(s, 0, sizeof(*s));
}

/* The first entry (in list order) that is exactly the n octets, or NULL. */
static const struct pl_labelkey *
labelset_exact(const struct pl_labelset *s, const char *label, size_t n)
{
	size_t lo = 0, hi = s->n;

	/* The lowest position whose key is not below the label. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pl_labelkey *k = &s->v[mid];
		size_t m = k->len < n ? k->len : n;
		/* Most steps are decided by the first octet. */
		int c = m == 0 ? 0 : k->key[0] != label[0] ?
		    (unsigned char)k->key[0] - (unsigned char)label[0] :
		    memcmp(k->key, label, m);

		if (c < 0 || (c == 0 && k->len < n))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->n && s->v[lo].len == n && memcmp(s->v[lo].key, label,
	    n) == 0)
		return &s->v[lo];
	return NULL;
}

const char *
pl_labelset_find(const struct pl_labelset *s, const struct pl_strlist *l,
    const char *label, size_t n, bool digits)
{
	const struct pl_labelkey *best = NULL, *k;
	size_t m = n;

	if (!s->built) {
		for (size_t i = 0; i < l->n; i++) {
			size_t len = strlen(l->v[i]), j = len;

			if (n < len || memcmp(label, l->v[i], len) != 0)
				continue;
			while (digits && j < n && label[j] >= '0' &&
			    label[j] <= '9')
				j++;
			if (j == n)
				return l->v[i];
		}
		return NULL;
	}
	/* The label itself, then (with digits) each prefix that only
	 * digits follow; when no entry ends in a digit, only the longest
	 * prefix without them can match. */
	for (;;) {
		if ((k = labelset_exact(s, label, m)) != NULL &&
		    (best == NULL || k->idx < best->idx))
			best = k;
		if (!digits || m == 0 || label[m - 1] < '0' ||
		    label[m - 1] > '9')
			break;
		m--;
		if (!s->digit_end)
			while (m > 0 && label[m - 1] >= '0' &&
			    label[m - 1] <= '9')
				m--;
	}
	return best != NULL ? best->key : NULL;
}

/* The first 16 bits of an address, as the rangeset's bit index. */
static unsigned
top16(const uint8_t *addr)
{
	return (unsigned)addr[0] << 8 | addr[1];
}

void
pl_rangeset_build(struct pl_rangeset *s, const struct pl_ranges *l)
{
	memset(s, 0, sizeof(*s));
	s->built = true;
	for (size_t i = 0; i < l->n; i++) {
		const struct pl_range *r = &l->v[i];
		uint64_t **bits = &s->bits[r->family == 6];
		unsigned first = top16(r->addr), span;

		if (*bits == NULL)
			*bits = pl_xcalloc(1024, sizeof(uint64_t));
		/* A prefix shorter than 16 bits covers a run of values. */
		span = r->plen >= 16 ? 1 : 1u << (16 - r->plen);
		first &= ~(span - 1);
		for (unsigned v = first; v < first + span; v++)
			(*bits)[v >> 6] |= (uint64_t)1 << (v & 63);
	}
}

void
pl_rangeset_release(struct pl_rangeset *s)
{
	free(s->bits[0]);
	free(s->bits[1]);
	memset(s, 0, sizeof(*s));
}

const struct pl_range *
pl_rangeset_find(const struct pl_rangeset *s, const struct pl_ranges *l,
    int family, const uint8_t *addr)
{
	if (s->built) {
		const uint64_t *bits = s->bits[family == 6];
		unsigned v = top16(addr);

		if (bits == NULL || !(bits[v >> 6] & (uint64_t)1 << (v & 63)))
			return NULL;
	}
	for (size_t i = 0; i < l->n; i++)
		if (pl_range_contains(&l->v[i], family, addr))
			return &l->v[i];
	return NULL;
}

int
pl_range_parse(const char *s, struct pl_range *r)
{
	char buf[INET6_ADDRSTRLEN + 8];
	const char *slash = strchr(s, '/');
	size_t n = slash ? (size_t)(slash - s) : strlen(s);
	long plen;
	char *end;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	memset(r, 0, sizeof(*r));
	if (inet_pton(AF_INET, buf, r->addr) == 1)
		r->family = 4;
	else if (inet_pton(AF_INET6, buf, r->addr) == 1)
		r->family = 6;
	else
		return -1;
	plen = r->family == 4 ? 32 : 128;
	if (slash != NULL) {
		errno = 0;
		plen = strtol(slash + 1, &end, 10);
		if (errno != 0 || *end != '\0' || end == slash + 1 || plen < 0 ||
		    plen > (r->family == 4 ? 32 : 128))
			return -1;
	}
	r->plen = (uint8_t)plen;
	/* Host bits must be zero, as in any routing table. */
	for (int bit = (int)plen; bit < (r->family == 4 ? 32 : 128); bit++)
		if (r->addr[bit / 8] & (0x80 >> (bit % 8)))
			return -1;
	return 0;
}

bool
pl_range_contains(const struct pl_range *r, int family, const uint8_t *addr)
{
	unsigned full, rest;

	if (r->family != family)
		return false;
	full = r->plen / 8;
	rest = r->plen % 8;
	if (memcmp(r->addr, addr, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((r->addr[full] ^ addr[full]) & (0xff00 >> rest) & 0xff) == 0;
}

