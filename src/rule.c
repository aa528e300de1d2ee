/* rule.c -- loads rules/NAME.yaml (libyaml) into a ruleset, with located errors */
/* SPDX-License-Identifier: MIT */
#include <arpa/inet.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>
#include <yaml.h>

#include "proxylint/engine.h"
#include "proxylint/rule.h"
#include "proxylint/util.h"
#include "proxylint/yaml.h"
#include "proxylint/banned.h"

static const char *sev_names[] = { "off", "info", "warning", "error" };

const char *
pl_severity_name(enum pl_severity s)
{
	return (unsigned)s <= PL_SEV_ERROR ? sev_names[s] : "?";
}

int
pl_severity_parse(const char *s, enum pl_severity *out)
{
	for (unsigned i = 0; i <= PL_SEV_ERROR; i++)
		if (strcmp(s, sev_names[i]) == 0) {
			*out = (enum pl_severity)i;
			return 0;
		}
	return -1;
}

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

void
pl_rule_compile(struct pl_rule *r)
{
	pl_globset_release(&r->target_set);
	pl_globset_release(&r->except_set);
	pl_globset_build(&r->target_set, &r->targets);
	pl_globset_build(&r->except_set, &r->except_targets);
	pl_labelset_release(&r->labels_set);
	pl_labelset_release(&r->owner_labels_set);
	pl_labelset_release(&r->target_labels_set);
	pl_labelset_release(&r->web_labels_set);
	pl_labelset_build(&r->labels_set, &r->labels);
	pl_labelset_build(&r->owner_labels_set, &r->owner_labels);
	pl_labelset_build(&r->target_labels_set, &r->target_labels);
	pl_labelset_build(&r->web_labels_set, &r->web_labels);
	pl_rangeset_release(&r->addresses_set);
	pl_rangeset_release(&r->except_addresses_set);
	pl_rangeset_build(&r->addresses_set, &r->addresses);
	pl_rangeset_build(&r->except_addresses_set, &r->except_addresses);
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

static void
strlist_free(struct pl_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
ranges_free(struct pl_ranges *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

static void
rule_free(struct pl_rule *r)
{
	if (r == NULL)
		return;
	free(r->id);
	free(r->use_case);
	free(r->use_case_title);
	free(r->summary);
	free(r->message);
	free(r->fix);
	free(r->explain);
	free(r->example);
	free(r->doc);
	free(r->file);
	strlist_free(&r->sources);
	pl_globset_release(&r->target_set);
	pl_globset_release(&r->except_set);
	pl_labelset_release(&r->labels_set);
	pl_labelset_release(&r->owner_labels_set);
	pl_labelset_release(&r->target_labels_set);
	pl_labelset_release(&r->web_labels_set);
	pl_rangeset_release(&r->addresses_set);
	pl_rangeset_release(&r->except_addresses_set);
	strlist_free(&r->targets);
	strlist_free(&r->except_targets);
	ranges_free(&r->addresses);
	ranges_free(&r->except_addresses);
	strlist_free(&r->labels);
	strlist_free(&r->owner_labels);
	strlist_free(&r->target_labels);
	strlist_free(&r->web_labels);
	strlist_free(&r->prefixes);
	strlist_free(&r->formats);
	free(r->ports);
	free(r->types);
	free(r->allowed_types);
	free(r);
}

void
pl_ruleset_free(struct pl_ruleset *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->n; i++)
		rule_free(rs->rules[i]);
	for (size_t i = 0; i < rs->nsections; i++)
		free(rs->sections[i]);
	free(rs->sections);
	free(rs->rules);
	free(rs);
}

struct pl_rule *
pl_ruleset_find(const struct pl_ruleset *rs, const char *id)
{
	if (rs == NULL || id == NULL)
		return NULL;
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->rules[i]->id, id) == 0)
			return rs->rules[i];
	return NULL;
}

/*
 * Limits that keep a hostile rule file linear (with the scalar budget of
 * yaml.h, which aliases cannot escape).
 */
#define MAX_RULES_PER_FILE	1000
#define MAX_DEPTH		64		/* nesting of lists and maps */

/* The loader's state for one file. */
struct loader {
	const char	*name;
	yaml_document_t	 doc;
	int		 failed;
	struct pl_yaml_budget budget;	/* scalars read, aliases counted */
	size_t		 scanned;	/* globs pl_glob_is_indexed() refuses */
};

static int
fail(struct loader *l, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct loader *l, const yaml_node_t *node, const char *fmt, ...)
{
	va_list ap;

	if (l->failed)
		return -1;
	l->failed = 1;
	va_start(ap, fmt);
	pl_yaml_error(l->name, node, fmt, ap);
	va_end(ap);
	return -1;
}

/* Counts a scalar read; fails when aliases have made the file too big. */
static int
count_value(struct loader *l, yaml_node_t *n)
{
	if (pl_yaml_spend(&l->budget, n->data.scalar.length) != 0)
		return fail(l, n, "%s", PL_YAML_OVER_BUDGET);
	return 0;
}

static const char *
scalar(struct loader *l, yaml_node_t *n, const char *key)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		fail(l, n, "'%s' must be a single value", key);
		return NULL;
	}
	if (count_value(l, n) != 0)
		return NULL;
	return (const char *)n->data.scalar.value;
}

static int
get_string(struct loader *l, yaml_node_t *n, const char *key, char **out)
{
	const char *s = scalar(l, n, key);

	if (s == NULL)
		return -1;
	free(*out);
	*out = pl_xstrdup(s);
	return 0;
}

static int
get_bool(struct loader *l, yaml_node_t *n, const char *key, bool *out)
{
	const char *s = scalar(l, n, key);

	if (s == NULL)
		return -1;
	if (strcmp(s, "true") == 0)
		*out = true;
	else if (strcmp(s, "false") == 0)
		*out = false;
	else
		return fail(l, n, "'%s' must be true or false", key);
	return 0;
}

/* Calls fn on every scalar of a sequence (or of a single scalar). */
static int
each_item(struct loader *l, yaml_node_t *n, const char *key,
    int (*fn)(struct loader *, yaml_node_t *, void *), void *arg)
{
	if (n != NULL && n->type == YAML_SCALAR_NODE)
		return count_value(l, n) != 0 ? -1 : fn(l, n, arg);
	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return fail(l, n, "'%s' must be a list", key);
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = yaml_document_get_node(&l->doc, *it);

		if (item == NULL || item->type != YAML_SCALAR_NODE)
			return fail(l, item ? item : n,
			    "'%s' must be a list of values", key);
		if (count_value(l, item) != 0 || fn(l, item, arg) != 0)
			return -1;
	}
	return 0;
}

static int
add_str(struct loader *l, yaml_node_t *n, void *arg)
{
	struct pl_strlist *lst = arg;

	(void)l;
	lst->v = pl_grow(lst->v, lst->n, sizeof(*lst->v));
	lst->v[lst->n++] = pl_xstrdup((const char *)n->data.scalar.value);
	return 0;
}

static int
add_lower(struct loader *l, yaml_node_t *n, void *arg)
{
	struct pl_strlist *lst = arg;

	add_str(l, n, arg);
	pl_str_lower(lst->v[lst->n - 1]);
	return 0;
}

/* A target glob: lower case, and counted when it cannot be looked up. */
static int
add_target(struct loader *l, yaml_node_t *n, void *arg)
{
	if (!pl_glob_is_indexed((const char *)n->data.scalar.value) &&
	    ++l->scanned > PL_MAX_SCANNED_GLOBS)
		return fail(l, n, "%s", PL_SCANNED_GLOBS_ERROR);
	return add_lower(l, n, arg);
}

static int
add_range(struct loader *l, yaml_node_t *n, void *arg)
{
	struct pl_ranges *lst = arg;
	struct pl_range r;
	const char *s = (const char *)n->data.scalar.value;

	if (pl_range_parse(s, &r) != 0)
		return fail(l, n, "invalid address range '%s'", s);
	r.text = pl_xstrdup(s);
	lst->v = pl_grow(lst->v, lst->n, sizeof(*lst->v));
	lst->v[lst->n++] = r;
	return 0;
}

static int
add_port(struct loader *l, yaml_node_t *n, void *arg)
{
	struct pl_rule *r = arg;
	const char *s = (const char *)n->data.scalar.value;
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s || v < 0 || v > 65535)
		return fail(l, n, "invalid port '%s'", s);
	r->ports = pl_grow(r->ports, r->nports, sizeof(*r->ports));
	r->ports[r->nports++] = (uint16_t)v;
	return 0;
}

struct typelist {
	uint16_t	**v;
	size_t		 *n;
};

static int
add_type(struct loader *l, yaml_node_t *n, void *arg)
{
	struct typelist *tl = arg;
	const char *s = (const char *)n->data.scalar.value;
	ldns_rr_type t;

	if (strcmp(s, "ALIAS") == 0)	/* octoDNS: read as a CNAME */
		t = LDNS_RR_TYPE_CNAME;
	else if ((t = ldns_get_rr_type_by_name(s)) == 0)
		return fail(l, n, "unknown record type '%s'", s);
	*tl->v = pl_grow(*tl->v, *tl->n, sizeof(**tl->v));
	(*tl->v)[(*tl->n)++] = (uint16_t)t;
	return 0;
}

static int
add_format(struct loader *l, yaml_node_t *n, void *arg)
{
	enum pl_format f;

	if (pl_format_parse((const char *)n->data.scalar.value, &f) != 0)
		return fail(l, n, "unknown input format '%s' (expected bind, "
		    "cloudflare-json, terraform-plan or octodns)",
		    (const char *)n->data.scalar.value);
	return add_str(l, n, arg);
}

static const char *const placeholders[] = {
	"name", "type", "content", "target", "match", "related",
	"related_type", "reason", "detail", "count", "port", "line", NULL,
};

static int
check_template(struct loader *l, yaml_node_t *n, const char *tmpl)
{
	for (const char *p = tmpl; (p = strchr(p, '{')) != NULL; p++) {
		const char *end = strchr(p, '}');
		size_t len;
		int ok = 0;

		if (end == NULL)
			break;
		len = (size_t)(end - p - 1);
		for (int i = 0; placeholders[i] != NULL; i++)
			if (strlen(placeholders[i]) == len &&
			    memcmp(placeholders[i], p + 1, len) == 0)
				ok = 1;
		if (!ok)
			return fail(l, n, "unknown placeholder '{%.*s}' in "
			    "message", (int)(len > 32 ? 32 : len), p + 1);
	}
	return 0;
}

/* Does this kind read this key? */
static int
kind_reads(const struct pl_check_kind *k, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = k->keys; (p = strstr(p, key)) != NULL; p += n)
		if ((p == k->keys || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

static const char *const common_keys[] = {
	"id", "severity", "check", "when", "types", "formats", "summary",
	"message", "fix", "explain", "example", "doc", "sources", NULL,
};
static const char *const data_keys[] = {
	"targets", "except-targets", "addresses", "except-addresses",
	"labels", "label-digits", "underscore", "owner-labels",
	"target-labels", "web-labels", "prefixes", "ports", "allowed-types",
	NULL,
};

static int
is_in(const char *const *v, const char *s)
{
	for (; *v != NULL; v++)
		if (strcmp(*v, s) == 0)
			return 1;
	return 0;
}

static struct pl_rule *
load_rule(struct loader *l, yaml_node_t *map, const char *use_case,
    const char *title, const char *doc)
{
	struct pl_rule *r = pl_xcalloc(1, sizeof(*r));
	yaml_node_t *kind_node = NULL;
	const char *need[] = { "id", "severity", "check", "when", "summary",
	    "message", "fix", "explain", "example", "sources", NULL };
	int seen[16] = { 0 };

	r->use_case = pl_xstrdup(use_case);
	r->use_case_title = pl_xstrdup(title);
	r->doc = doc ? pl_xstrdup(doc) : NULL;
	r->file = pl_xstrdup(l->name);
	r->line = (unsigned)map->start_mark.line + 1;
	if (map->type != YAML_MAPPING_NODE) {
		fail(l, map, "a rule must be a mapping of keys");
		goto bad;
	}
	/* The check kind decides which data keys are allowed: read it first. */
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);

		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((char *)k->data.scalar.value, "check") == 0)
			kind_node = yaml_document_get_node(&l->doc, p->value);
	}
	if (kind_node == NULL) {
		fail(l, map, "rule has no 'check' kind");
		goto bad;
	}
	{
		const char *kn = scalar(l, kind_node, "check");

		if (kn == NULL)
			goto bad;
		if ((r->kind = pl_check_kind_find(kn)) == NULL) {
			fail(l, kind_node, "unknown check kind '%s'", kn);
			goto bad;
		}
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);
		yaml_node_t *v = yaml_document_get_node(&l->doc, p->value);
		const char *key;
		int rc = 0;

		if ((key = scalar(l, k, "key")) == NULL)
			goto bad;
		for (int i = 0; need[i] != NULL; i++)
			if (strcmp(need[i], key) == 0)
				seen[i] = 1;
		if (!is_in(common_keys, key) && !(is_in(data_keys, key) &&
		    kind_reads(r->kind, key))) {
			if (is_in(data_keys, key))
				fail(l, k, "key '%s' is not used by check "
				    "kind '%s'", key, r->kind->name);
			else
				fail(l, k, "unknown key '%s'", key);
			goto bad;
		}
		if (strcmp(key, "id") == 0) {
			rc = get_string(l, v, key, &r->id);
			if (rc == 0) {
				for (const char *c = r->id; *c != '\0'; c++)
					if (!((*c >= 'a' && *c <= 'z') ||
					    (*c >= '0' && *c <= '9') ||
					    *c == '-')) {
						fail(l, v, "rule id '%s' must "
						    "be kebab-case", r->id);
						goto bad;
					}
			}
		} else if (strcmp(key, "severity") == 0) {
			const char *s = scalar(l, v, key);

			if (s == NULL)
				goto bad;
			if (pl_severity_parse(s, &r->severity) != 0 ||
			    r->severity == PL_SEV_NONE) {
				fail(l, v, "unknown severity '%s' (expected "
				    "error, warning or info)", s);
				goto bad;
			}
			r->default_severity = r->severity;
		} else if (strcmp(key, "check") == 0) {
			/* read above */
		} else if (strcmp(key, "when") == 0) {
			const char *s = scalar(l, v, key);

			if (s == NULL)
				goto bad;
			if (strcmp(s, "proxied") == 0)
				r->when = PL_WHEN_PROXIED;
			else if (strcmp(s, "dns-only") == 0)
				r->when = PL_WHEN_DNS_ONLY;
			else if (strcmp(s, "any") == 0)
				r->when = PL_WHEN_ANY;
			else {
				fail(l, v, "unknown 'when' value '%s' "
				    "(expected proxied, dns-only or any)", s);
				goto bad;
			}
		} else if (strcmp(key, "types") == 0) {
			struct typelist tl = { &r->types, &r->ntypes };

			rc = each_item(l, v, key, add_type, &tl);
		}
		else if (strcmp(key, "formats") == 0)
			rc = each_item(l, v, key, add_format, &r->formats);
		else if (strcmp(key, "summary") == 0)
			rc = get_string(l, v, key, &r->summary);
		else if (strcmp(key, "message") == 0) {
			rc = get_string(l, v, key, &r->message);
			if (rc == 0)
				rc = check_template(l, v, r->message);
		} else if (strcmp(key, "fix") == 0)
			rc = get_string(l, v, key, &r->fix);
		else if (strcmp(key, "explain") == 0)
			rc = get_string(l, v, key, &r->explain);
		else if (strcmp(key, "example") == 0)
			rc = get_string(l, v, key, &r->example);
		else if (strcmp(key, "doc") == 0)
			rc = get_string(l, v, key, &r->doc);
		else if (strcmp(key, "sources") == 0)
			rc = each_item(l, v, key, add_str, &r->sources);
		else if (strcmp(key, "targets") == 0)
			rc = each_item(l, v, key, add_target, &r->targets);
		else if (strcmp(key, "except-targets") == 0)
			rc = each_item(l, v, key, add_target,
			    &r->except_targets);
		else if (strcmp(key, "addresses") == 0)
			rc = each_item(l, v, key, add_range, &r->addresses);
		else if (strcmp(key, "except-addresses") == 0)
			rc = each_item(l, v, key, add_range,
			    &r->except_addresses);
		else if (strcmp(key, "labels") == 0)
			rc = each_item(l, v, key, add_lower, &r->labels);
		else if (strcmp(key, "label-digits") == 0)
			rc = get_bool(l, v, key, &r->label_digits);
		else if (strcmp(key, "underscore") == 0)
			rc = get_bool(l, v, key, &r->underscore);
		else if (strcmp(key, "owner-labels") == 0)
			rc = each_item(l, v, key, add_lower, &r->owner_labels);
		else if (strcmp(key, "target-labels") == 0)
			rc = each_item(l, v, key, add_lower, &r->target_labels);
		else if (strcmp(key, "web-labels") == 0)
			rc = each_item(l, v, key, add_lower, &r->web_labels);
		else if (strcmp(key, "prefixes") == 0)
			rc = each_item(l, v, key, add_lower, &r->prefixes);
		else if (strcmp(key, "ports") == 0)
			rc = each_item(l, v, key, add_port, r);
		else if (strcmp(key, "allowed-types") == 0) {
			struct typelist tl = { &r->allowed_types,
			    &r->nallowed_types };

			rc = each_item(l, v, key, add_type, &tl);
		}
		if (rc != 0)
			goto bad;
	}
	for (int i = 0; need[i] != NULL; i++)
		if (!seen[i]) {
			fail(l, map, "rule '%s' has no '%s'",
			    r->id ? r->id : "?", need[i]);
			goto bad;
		}
	if (r->doc == NULL) {
		fail(l, map, "rule '%s' has no 'doc' link and its file none",
		    r->id);
		goto bad;
	}
	pl_rule_compile(r);
	return r;
bad:
	rule_free(r);
	return NULL;
}

/*
 * Parses the events alone and refuses a document nested deeper than
 * MAX_DEPTH before the loader builds it: libyaml takes time that grows
 * with the square of the depth (100,000 '[' take a minute).
 */
static int
check_depth(const char *name, const char *text, size_t len)
{
	yaml_parser_t p;
	yaml_event_t ev;
	unsigned long depth = 0;
	int rc = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		return pl_error(PL_ENOMEM, "cannot start the YAML parser");
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	while (!done && rc == 0) {
		/* A syntax error is the loader's to report, where it is. */
		if (!yaml_parser_parse(&p, &ev))
			break;
		if (ev.type == YAML_STREAM_END_EVENT)
			done = 1;
		else if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT) {
			if (++depth > MAX_DEPTH) {
				fprintf(stderr, "%s:%lu:%lu: YAML nested deeper "
				    "than %d levels\n", name,
				    (unsigned long)ev.start_mark.line + 1,
				    (unsigned long)ev.start_mark.column + 1,
				    MAX_DEPTH);
				rc = PL_ERULES;
			}
		} else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		    ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return rc;
}

static yaml_node_t *
map_get(struct loader *l, yaml_node_t *map, const char *key)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&l->doc, p->key);

		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(&l->doc, p->value);
	}
	return NULL;
}

static unsigned
section_index(struct pl_ruleset *rs, const char *use_case)
{
	for (size_t i = 0; i < rs->nsections; i++)
		if (strcmp(rs->sections[i], use_case) == 0)
			return (unsigned)i;
	rs->sections = pl_xreallocarray(rs->sections, rs->nsections + 1,
	    sizeof(*rs->sections));
	rs->sections[rs->nsections] = pl_xstrdup(use_case);
	return (unsigned)rs->nsections++;
}

static int
rule_cmp(const void *a, const void *b)
{
	const struct pl_rule *x = *(const struct pl_rule *const *)a;
	const struct pl_rule *y = *(const struct pl_rule *const *)b;

	if (x->section != y->section)
		return x->section < y->section ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

int
pl_ruleset_load_text(struct pl_ruleset *rs, const char *name,
    const char *text, size_t len)
{
	struct loader l;
	yaml_parser_t parser;
	yaml_node_t *root, *rules, *n;
	const char *use_case = NULL, *title = NULL, *doc = NULL;
	struct pl_rule **fresh = NULL;
	size_t nfresh = 0;
	int rc = PL_ERULES;

	memset(&l, 0, sizeof(l));
	l.name = name;
	if ((rc = check_depth(name, text, len)) != 0)
		return rc;
	rc = PL_ERULES;
	if (!yaml_parser_initialize(&parser))
		return pl_error(PL_ENOMEM, "cannot start the YAML parser");
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &l.doc)) {
		fprintf(stderr, "%s:%lu:%lu: %s\n", name,
		    (unsigned long)parser.problem_mark.line + 1,
		    (unsigned long)parser.problem_mark.column + 1,
		    parser.problem ? parser.problem : "invalid YAML");
		yaml_parser_delete(&parser);
		return PL_ERULES;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&l.doc);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		fail(&l, root, "a rule file is a mapping with 'use-case', "
		    "'title', 'doc' and 'rules'");
		goto out;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(&l.doc, p->key);
		const char *key = scalar(&l, k, "key");
		const char *ok[] = { "use-case", "title", "doc", "rules",
		    NULL };

		if (key == NULL)
			goto out;
		if (!is_in(ok, key)) {
			fail(&l, k, "unknown key '%s'", key);
			goto out;
		}
	}
	if ((n = map_get(&l, root, "use-case")) == NULL) {
		fail(&l, root, "rule file has no 'use-case'");
		goto out;
	}
	if ((use_case = scalar(&l, n, "use-case")) == NULL)
		goto out;
	title = use_case;
	if ((n = map_get(&l, root, "title")) != NULL &&
	    (title = scalar(&l, n, "title")) == NULL)
		goto out;
	if ((n = map_get(&l, root, "doc")) != NULL &&
	    (doc = scalar(&l, n, "doc")) == NULL)
		goto out;
	rules = map_get(&l, root, "rules");
	if (rules == NULL || rules->type != YAML_SEQUENCE_NODE) {
		fail(&l, rules ? rules : root, "'rules' must be a list");
		goto out;
	}
	/* The checks below compare every rule with every other. */
	if (rules->data.sequence.items.top - rules->data.sequence.items.start >
	    MAX_RULES_PER_FILE) {
		fail(&l, rules, "more than %d rules in one file",
		    MAX_RULES_PER_FILE);
		goto out;
	}
	for (yaml_node_item_t *it = rules->data.sequence.items.start;
	    it < rules->data.sequence.items.top; it++) {
		struct pl_rule *r = load_rule(&l,
		    yaml_document_get_node(&l.doc, *it), use_case, title, doc);

		if (r == NULL)
			goto out;
		for (size_t i = 0; i < nfresh; i++)
			if (strcmp(fresh[i]->id, r->id) == 0) {
				fail(&l, yaml_document_get_node(&l.doc, *it),
				    "rule '%s' is defined twice", r->id);
				rule_free(r);
				goto out;
			}
		fresh = pl_xreallocarray(fresh, nfresh + 1, sizeof(*fresh));
		fresh[nfresh++] = r;
	}
	/* Only now, with the whole file valid, change the ruleset. */
	for (size_t i = 0; i < nfresh; i++) {
		struct pl_rule *r = fresh[i];
		size_t j;

		r->section = section_index(rs, r->use_case);
		r->order = (unsigned)i;
		for (j = 0; j < rs->n; j++)
			if (strcmp(rs->rules[j]->id, r->id) == 0)
				break;
		if (j < rs->n) {
			/* A replacement keeps its place in the precedence
			 * unless it moves to another use case. */
			if (rs->rules[j]->section == r->section)
				r->order = rs->rules[j]->order;
			else
				r->order = 1000 + (unsigned)i;
			rule_free(rs->rules[j]);
			rs->rules[j] = r;
		} else {
			unsigned maxorder = 0;

			for (j = 0; j < rs->n; j++)
				if (rs->rules[j]->section == r->section &&
				    rs->rules[j]->order >= maxorder)
					maxorder = rs->rules[j]->order + 1;
			if (maxorder > r->order)
				r->order = maxorder;
			rs->rules = pl_xreallocarray(rs->rules, rs->n + 1,
			    sizeof(*rs->rules));
			rs->rules[rs->n++] = r;
		}
		fresh[i] = NULL;
	}
	if (rs->n > 1)
		qsort(rs->rules, rs->n, sizeof(*rs->rules), rule_cmp);
	rc = 0;
out:
	for (size_t i = 0; i < nfresh; i++)
		rule_free(fresh[i]);
	free(fresh);
	yaml_document_delete(&l.doc);
	return rc;
}

struct pl_ruleset *
pl_ruleset_new(void)
{
	struct pl_ruleset *rs = pl_xcalloc(1, sizeof(*rs));

	for (size_t i = 0; i < pl_builtin_rules_count; i++)
		if (pl_ruleset_load_text(rs, pl_builtin_rules[i].name,
		    pl_builtin_rules[i].text, pl_builtin_rules[i].len) != 0) {
			/* A broken built-in file is a build defect. */
			pl_ruleset_free(rs);
			return NULL;
		}
	return rs;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
pl_ruleset_load_dir(struct pl_ruleset *rs, const char *dir)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if ((dp = opendir(dir)) == NULL)
		return pl_error(PL_ERULES, "cannot open rules folder '%s': %s",
		    dir, strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		size_t len = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		if ((len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) ||
		    (len > 4 && strcmp(de->d_name + len - 4, ".yml") == 0)) {
			names = pl_xreallocarray(names, n + 1, sizeof(*names));
			names[n++] = pl_xasprintf("%s/%s", dir, de->d_name);
		}
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 0; i < n && rc == 0; i++) {
		char *data, *err;
		size_t len;

		if (pl_read_file(names[i], 1 << 24, &data, &len, &err) != 0) {
			rc = pl_error(PL_ERULES, "%s", err);
			free(err);
			break;
		}
		rc = pl_ruleset_load_text(rs, names[i], data, len);
		free(data);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return rc;
}
