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

#include "proxylint/log.h"
#include "proxylint/rule.h"
#include "proxylint/template.h"
#include "proxylint/zone.h"
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

void
pl_rule_compile(struct pl_rule *r)
{
	for (int k = 0; k < PL_KEY__COUNT; k++) {
		struct pl_rule_data *d = &r->data[k];

		switch (pl_keys[k].type) {
		case PL_KEYT_GLOBS:
			pl_globset_release(&d->globset);
			pl_globset_build(&d->globset, &d->strs);
			break;
		case PL_KEYT_LABELS:
			pl_labelset_release(&d->labelset);
			pl_labelset_build(&d->labelset, &d->strs);
			break;
		case PL_KEYT_RANGES:
			pl_rangeset_release(&d->rangeset);
			pl_rangeset_build(&d->rangeset, &d->ranges);
			break;
		default:
			break;
		}
	}
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

void
pl_rule_data_release(struct pl_rule_data *d)
{
	strlist_free(&d->strs);
	for (size_t i = 0; i < d->ranges.n; i++)
		free(d->ranges.v[i].text);
	free(d->ranges.v);
	free(d->nums);
	free(d->names);
	pl_globset_release(&d->globset);
	pl_labelset_release(&d->labelset);
	pl_rangeset_release(&d->rangeset);
	memset(d, 0, sizeof(*d));
}

/* A name glob as the matcher wants it: lower case, without the dot. */
static void
add_lower(struct pl_strlist *l, const char *s, bool strip_dot)
{
	char *v = pl_xstrdup(s);
	size_t n = strlen(v);

	pl_str_lower(v);
	if (strip_dot && n > 1 && v[n - 1] == '.')
		v[n - 1] = '\0';
	l->v = pl_grow(l->v, l->n, sizeof(*l->v));
	l->v[l->n++] = v;
}

static void
add_num(struct pl_rule_data *d, uint16_t v)
{
	d->nums = pl_grow(d->nums, d->nnums, sizeof(*d->nums));
	d->nums[d->nnums++] = v;
}

/* How many entries a list key holds. */
static size_t
entries(const struct pl_rule_data *d, enum pl_key k)
{
	switch (pl_keys[k].type) {
	case PL_KEYT_GLOBS:
	case PL_KEYT_LABELS:
		return d->strs.n;
	case PL_KEYT_RANGES:
		return d->ranges.n;
	case PL_KEYT_PORTS:
		return d->nnums;
	default:
		return 0;
	}
}

static int	data_add(struct pl_rule_data *, enum pl_key, const char *,
		    const char **);

int
pl_rule_data_add(struct pl_rule_data *d, enum pl_key k, const char *s,
    const char **why)
{
	return pl_rule_data_add_named(d, k, s, NULL, why);
}

int
pl_rule_data_add_named(struct pl_rule_data *d, enum pl_key k, const char *s,
    const char *name, const char **why)
{
	size_t n;

	if (data_add(d, k, s, why) != 0)
		return -1;
	/* The names keep step with the entries, NULL for none. */
	if (pl_key_is_list(k) && (n = entries(d, k)) > 0) {
		d->names = pl_grow(d->names, n - 1, sizeof(*d->names));
		d->names[n - 1] = name;
	}
	return 0;
}

const char *
pl_rule_data_name(const struct pl_rule_data *d, const char *entry)
{
	/* A matcher hands back the list's own string: found by identity,
	 * and only when a finding is made. */
	for (size_t i = 0; d->names != NULL && i < d->strs.n; i++)
		if (d->strs.v[i] == entry)
			return d->names[i];
	return NULL;
}

const char *
pl_rule_data_range_name(const struct pl_rule_data *d,
    const struct pl_range *r)
{
	if (d->names == NULL || r < d->ranges.v || r >= d->ranges.v +
	    d->ranges.n)
		return NULL;
	return d->names[r - d->ranges.v];
}

const char *
pl_rule_message(const struct pl_rule *r, const struct pl_vars *v)
{
	for (size_t i = 0; v != NULL && v->match != NULL &&
	    i < r->nmessages; i++)
		if (strcmp(r->messages[i].match, v->match) == 0)
			return r->messages[i].message;
	return r->message;
}

static int
data_add(struct pl_rule_data *d, enum pl_key k, const char *s,
    const char **why)
{
	struct pl_range range;
	ldns_rr_type t;
	char *end;
	long port;

	switch (pl_keys[k].type) {
	case PL_KEYT_GLOBS:
	case PL_KEYT_LABELS:
		add_lower(&d->strs, s, pl_keys[k].type == PL_KEYT_GLOBS);
		return 0;
	case PL_KEYT_RANGES:
		if (pl_range_parse(s, &range) != 0) {
			*why = "invalid address range";
			return -1;
		}
		range.text = pl_xstrdup(s);
		d->ranges.v = pl_grow(d->ranges.v, d->ranges.n,
		    sizeof(*d->ranges.v));
		d->ranges.v[d->ranges.n++] = range;
		return 0;
	case PL_KEYT_PORTS:
		errno = 0;
		port = strtol(s, &end, 10);
		if (errno != 0 || *end != '\0' || end == s || port < 0 ||
		    port > 65535) {
			*why = "invalid port";
			return -1;
		}
		add_num(d, (uint16_t)port);
		return 0;
	case PL_KEYT_TYPES:
		if (strcmp(s, "ALIAS") == 0)	/* octoDNS: read as a CNAME */
			t = LDNS_RR_TYPE_CNAME;
		else if ((t = ldns_get_rr_type_by_name(s)) == 0) {
			*why = "unknown record type";
			return -1;
		}
		add_num(d, (uint16_t)t);
		return 0;
	case PL_KEYT_BOOL:
		if (strcmp(s, "true") == 0)
			d->on = true;
		else if (strcmp(s, "false") == 0)
			d->on = false;
		else {
			*why = "must be true or false, not";
			return -1;
		}
		return 0;
	}
	return 0;
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
	strlist_free(&r->formats);
	for (size_t i = 0; i < r->nproviders; i++) {
		free(r->providers[i].name);
		strlist_free(&r->providers[i].sources);
	}
	free(r->providers);
	for (size_t i = 0; i < r->nmessages; i++) {
		free(r->messages[i].match);
		free(r->messages[i].message);
	}
	free(r->messages);
	for (int k = 0; k < PL_KEY__COUNT; k++)
		pl_rule_data_release(&r->data[k]);
	free(r->types);
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

const char *
pl_ruleset_closest(const struct pl_ruleset *rs, const char *id)
{
	const char **ids, *best;

	if (rs == NULL)
		return NULL;
	ids = pl_xcalloc(rs->n + 1, sizeof(*ids));
	for (size_t i = 0; i < rs->n; i++)
		ids[i] = rs->rules[i]->id;
	best = pl_closest(id, ids, rs->n);
	free(ids);
	return best;
}

/*
 * Limits that keep a hostile rule file linear (with the scalar budget of
 * yaml.h, which aliases cannot escape).
 */
#define MAX_RULES_PER_FILE	1000

/* The loader's state for one file. */
struct loader {
	struct pl_yaml_doc	 y;
	size_t			 scanned;	/* globs pl_glob_is_indexed()
						   refuses */
	struct pl_rule		*r;		/* the rule being read */
};

/* The common keys of a rule, each read by one function. */
typedef int (*key_fn)(struct loader *, yaml_node_t *, const char *key);

static int
get_string(struct loader *l, yaml_node_t *n, const char *key, char **out)
{
	const char *s = pl_yaml_scalar(&l->y, n, key);

	if (s == NULL)
		return -1;
	free(*out);
	*out = pl_xstrdup(s);
	return 0;
}

static int
key_id(struct loader *l, yaml_node_t *n, const char *key)
{
	if (get_string(l, n, key, &l->r->id) != 0)
		return -1;
	for (const char *c = l->r->id; *c != '\0'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ||
		    *c == '-'))
			return pl_yaml_fail(&l->y, n, "rule id '%s' must be "
			    "kebab-case", l->r->id);
	return 0;
}

static int
key_severity(struct loader *l, yaml_node_t *n, const char *key)
{
	const char *s = pl_yaml_scalar(&l->y, n, key);

	if (s == NULL)
		return -1;
	if (pl_severity_parse(s, &l->r->severity) != 0 ||
	    l->r->severity == PL_SEV_NONE)
		return pl_yaml_fail(&l->y, n, "unknown severity '%s' (expected "
		    "error, warning or info)", s);
	l->r->default_severity = l->r->severity;
	return 0;
}

static int
key_check(struct loader *l, yaml_node_t *n, const char *key)
{
	(void)l;
	(void)n;
	(void)key;
	return 0;	/* read first, by load_rule() */
}

static int
get_state(struct loader *l, yaml_node_t *n, const char *key,
    enum pl_when *out)
{
	const char *s = pl_yaml_scalar(&l->y, n, key);

	if (s == NULL)
		return -1;
	if (strcmp(s, "proxied") == 0)
		*out = PL_WHEN_PROXIED;
	else if (strcmp(s, "dns-only") == 0)
		*out = PL_WHEN_DNS_ONLY;
	else if (strcmp(s, "any") == 0 && strcmp(key, "when") == 0)
		*out = PL_WHEN_ANY;
	else
		return pl_yaml_fail(&l->y, n, "unknown '%s' value '%s' "
		    "(expected proxied, dns-only%s)", key, s,
		    strcmp(key, "when") == 0 ? " or any" : "");
	return 0;
}

static const char *const safety_names[] = { "none", "safe", "unsafe" };

const char *
pl_autofix_safety_name(enum pl_autofix_safety s)
{
	return (unsigned)s <= PL_AUTOFIX_UNSAFE ? safety_names[s] : "?";
}

int
pl_rule_fix_target(const struct pl_rule *r)
{
	if (r->autofix == PL_AUTOFIX_NONE)
		return PL_PROXY_UNKNOWN;
	return r->when == PL_WHEN_PROXIED ? PL_PROXY_DNS_ONLY :
	    r->when == PL_WHEN_DNS_ONLY ? PL_PROXY_PROXIED : PL_PROXY_UNKNOWN;
}

/* "autofix: safe|unsafe": a rule without the key has no fix. */
static int
key_autofix(struct loader *l, yaml_node_t *n, const char *key)
{
	const char *s = pl_yaml_scalar(&l->y, n, key);

	if (s == NULL)
		return -1;
	if (strcmp(s, "safe") == 0)
		l->r->autofix = PL_AUTOFIX_SAFE;
	else if (strcmp(s, "unsafe") == 0)
		l->r->autofix = PL_AUTOFIX_UNSAFE;
	else
		return pl_yaml_fail(&l->y, n, "unknown 'autofix' value '%s' "
		    "(expected safe or unsafe; leave the key out for no fix)",
		    s);
	return 0;
}

static int
key_when(struct loader *l, yaml_node_t *n, const char *key)
{
	return get_state(l, n, key, &l->r->when);
}

/* The proxy state that the rule's fix gives the record: findings that
 * one change fixes are merged into one (pl_diags_merge). */
static int
key_wants(struct loader *l, yaml_node_t *n, const char *key)
{
	return get_state(l, n, key, &l->r->wants);
}

static int
add_type(struct pl_yaml_doc *y, yaml_node_t *n, void *arg)
{
	struct pl_rule *r = arg;
	struct pl_rule_data d;
	const char *why = NULL;

	memset(&d, 0, sizeof(d));
	if (pl_rule_data_add(&d, PL_KEY_ALLOWED_TYPES,
	    (const char *)n->data.scalar.value, &why) != 0)
		return pl_yaml_fail(y, n, "%s '%s'", why,
		    (const char *)n->data.scalar.value);
	r->types = pl_grow(r->types, r->ntypes, sizeof(*r->types));
	r->types[r->ntypes++] = d.nums[0];
	pl_rule_data_release(&d);
	return 0;
}

static int
key_types(struct loader *l, yaml_node_t *n, const char *key)
{
	return pl_yaml_each(&l->y, n, key, false, add_type, l->r);
}

static int
add_format(struct pl_yaml_doc *y, yaml_node_t *n, void *arg)
{
	struct pl_strlist *lst = arg;
	const char *s = (const char *)n->data.scalar.value;
	enum pl_format f;

	if (pl_format_parse(s, &f) != 0)
		return pl_yaml_fail(y, n, "unknown input format '%s' (expected "
		    "bind, cloudflare-json, terraform-plan, octodns, terraform or "
		    "dnscontrol)", s);
	/* Its zone data is BIND text, read as "bind" (read_markdown.c). */
	if (f == PL_FMT_MARKDOWN)
		return pl_yaml_fail(y, n, "input format 'markdown' is read as "
		    "'bind': write bind");
	lst->v = pl_grow(lst->v, lst->n, sizeof(*lst->v));
	lst->v[lst->n++] = pl_xstrdup(s);
	return 0;
}

static int
key_formats(struct loader *l, yaml_node_t *n, const char *key)
{
	return pl_yaml_each(&l->y, n, key, false, add_format, &l->r->formats);
}

static int
key_message(struct loader *l, yaml_node_t *n, const char *key)
{
	const char *bad;
	size_t len;

	if (get_string(l, n, key, &l->r->message) != 0)
		return -1;
	if ((bad = pl_template_bad(l->r->message, &len)) != NULL)
		return pl_yaml_fail(&l->y, n, "unknown placeholder '{%.*s}' in "
		    "message", (int)(len > 32 ? 32 : len), bad);
	return 0;
}

#define KEY_STRING(field)						\
static int								\
key_##field(struct loader *l, yaml_node_t *n, const char *key)		\
{									\
	return get_string(l, n, key, &l->r->field);			\
}
KEY_STRING(summary)
KEY_STRING(fix)
KEY_STRING(explain)
KEY_STRING(example)
KEY_STRING(doc)
#undef KEY_STRING

static int
add_source(struct pl_yaml_doc *y, yaml_node_t *n, void *arg)
{
	struct pl_strlist *lst = arg;

	(void)y;
	lst->v = pl_grow(lst->v, lst->n, sizeof(*lst->v));
	lst->v[lst->n++] = pl_xstrdup((const char *)n->data.scalar.value);
	return 0;
}

static int
key_sources(struct loader *l, yaml_node_t *n, const char *key)
{
	return pl_yaml_each(&l->y, n, key, false, add_source, &l->r->sources);
}

/*
 * "messages": a template for the findings whose {match} is a given value
 * (the list entry that matched, or a check's own word such as "MX"), so
 * that a message can say exactly what breaks in that case.
 */
static int
key_messages(struct loader *l, yaml_node_t *n, const char *key)
{
	struct pl_rule *r = l->r;

	if (n == NULL || n->type != YAML_MAPPING_NODE)
		return pl_yaml_fail(&l->y, n, "'%s' must be a mapping of "
		    "{match} values to messages", key);
	for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
	    p < n->data.mapping.pairs.top; p++) {
		yaml_node_t *k = pl_yaml_node(&l->y, p->key);
		yaml_node_t *v = pl_yaml_node(&l->y, p->value);
		const char *m, *t, *bad;
		size_t len;

		if ((m = pl_yaml_scalar(&l->y, k, key)) == NULL ||
		    (t = pl_yaml_scalar(&l->y, v, key)) == NULL)
			return -1;
		if ((bad = pl_template_bad(t, &len)) != NULL)
			return pl_yaml_fail(&l->y, v, "unknown placeholder "
			    "'{%.*s}' in message", (int)(len > 32 ? 32 : len),
			    bad);
		r->messages = pl_grow(r->messages, r->nmessages,
		    sizeof(*r->messages));
		r->messages[r->nmessages].match = pl_xstrdup(m);
		r->messages[r->nmessages++].message = pl_xstrdup(t);
	}
	return 0;
}

struct data_arg {
	struct loader	*l;
	enum pl_key	 key;
	const char	*name;		/* the provider's, or NULL */
};

/* One value of a data key (kinds.h). */
static int
add_data(struct pl_yaml_doc *y, yaml_node_t *n, void *arg)
{
	struct data_arg *a = arg;
	const char *s = (const char *)n->data.scalar.value, *why = NULL;

	/* A glob that no index finds is tried on every name. */
	if (pl_keys[a->key].type == PL_KEYT_GLOBS && !pl_glob_is_indexed(s) &&
	    ++a->l->scanned > PL_MAX_SCANNED_GLOBS)
		return pl_yaml_fail(y, n, "%s", PL_SCANNED_GLOBS_ERROR);
	if (pl_rule_data_add_named(&a->l->r->data[a->key], a->key, s, a->name,
	    &why) != 0) {
		if (pl_keys[a->key].type == PL_KEYT_BOOL)
			return pl_yaml_fail(y, n, "'%s' must be true or false",
			    pl_keys[a->key].name);
		return pl_yaml_fail(y, n, "%s '%s'", why, s);
	}
	return 0;
}

/*
 * "providers": named groups of list entries, each with its sources.
 *	- name: GitHub Pages
 *	  sources: ["https://..."]
 *	  targets: ["*.github.io"]
 *	  addresses: [185.199.108.153]
 * Each entry goes to the rule's list of that key with the group's name.
 */
static int
key_providers(struct loader *l, yaml_node_t *n, const char *key)
{
	struct pl_rule *r = l->r;

	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return pl_yaml_fail(&l->y, n, "'%s' must be a list of "
		    "{name, sources, lists}", key);
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *g = pl_yaml_node(&l->y, *it), *v;
		struct pl_provider *pv;
		const char *name;

		if (g == NULL || g->type != YAML_MAPPING_NODE)
			return pl_yaml_fail(&l->y, g ? g : n, "a provider is a "
			    "mapping with 'name', 'sources' and lists");
		if ((v = pl_yaml_get(&l->y, g, "name")) == NULL)
			return pl_yaml_fail(&l->y, g, "provider has no 'name'");
		if ((name = pl_yaml_scalar(&l->y, v, "name")) == NULL)
			return -1;
		if (*name == '\0')
			return pl_yaml_fail(&l->y, v, "empty provider name");
		/* Every entry traces to a source (rules/README.md). */
		if ((v = pl_yaml_get(&l->y, g, "sources")) == NULL)
			return pl_yaml_fail(&l->y, g, "provider '%s' has no "
			    "'sources'", name);
		r->providers = pl_grow(r->providers, r->nproviders,
		    sizeof(*r->providers));
		pv = &r->providers[r->nproviders++];
		memset(pv, 0, sizeof(*pv));
		pv->name = pl_xstrdup(name);
		if (pl_yaml_each(&l->y, v, "sources", false, add_source,
		    &pv->sources) != 0)
			return -1;
		for (yaml_node_pair_t *p = g->data.mapping.pairs.start;
		    p < g->data.mapping.pairs.top; p++) {
			yaml_node_t *k = pl_yaml_node(&l->y, p->key);
			const char *kn = pl_yaml_scalar(&l->y, k, "key");
			struct data_arg a;
			int dk;

			if (kn == NULL)
				return -1;
			if (strcmp(kn, "name") == 0 ||
			    strcmp(kn, "sources") == 0)
				continue;
			if ((dk = pl_key_find(kn)) < 0 ||
			    !pl_key_is_list((enum pl_key)dk))
				return pl_yaml_fail(&l->y, k, "unknown key "
				    "'%s' in a provider (it holds 'name', "
				    "'sources' and lists)", kn);
			if (!pl_kind_reads(r->kind, (enum pl_key)dk))
				return pl_yaml_fail(&l->y, k, "key '%s' is not "
				    "used by check kind '%s'", kn,
				    r->kind->name);
			a.l = l;
			a.key = (enum pl_key)dk;
			a.name = pv->name;
			if (pl_yaml_each(&l->y, pl_yaml_node(&l->y, p->value),
			    kn, false, add_data, &a) != 0)
				return -1;
		}
	}
	return 0;
}

/* The keys every rule may have, and which of them it must have. */
static const struct {
	const char	*name;
	key_fn		 fn;
	bool		 required;
} common_keys[] = {
	{ "id",		key_id,		true },
	{ "severity",	key_severity,	true },
	{ "check",	key_check,	true },
	{ "when",	key_when,	true },
	{ "wants",	key_wants,	false },
	{ "types",	key_types,	false },
	{ "formats",	key_formats,	false },
	{ "summary",	key_summary,	true },
	{ "message",	key_message,	true },
	{ "fix",	key_fix,	true },
	{ "autofix",	key_autofix,	false },
	{ "explain",	key_explain,	true },
	{ "example",	key_example,	true },
	{ "doc",	key_doc,	false },
	{ "sources",	key_sources,	true },
	{ "providers",	key_providers,	false },
	{ "messages",	key_messages,	false },
};
#define NCOMMON	(sizeof(common_keys) / sizeof(common_keys[0]))

static int
load_key(struct loader *l, yaml_node_t *k, yaml_node_t *v, bool *seen)
{
	const char *key = pl_yaml_scalar(&l->y, k, "key");
	struct data_arg a;
	int dk;

	if (key == NULL)
		return -1;
	for (size_t i = 0; i < NCOMMON; i++)
		if (strcmp(common_keys[i].name, key) == 0) {
			seen[i] = true;
			return common_keys[i].fn(l, v, key);
		}
	if ((dk = pl_key_find(key)) < 0)
		return pl_yaml_fail(&l->y, k, "unknown key '%s'", key);
	if (!pl_kind_reads(l->r->kind, (enum pl_key)dk))
		return pl_yaml_fail(&l->y, k, "key '%s' is not used by check "
		    "kind '%s'", key, l->r->kind->name);
	a.l = l;
	a.key = (enum pl_key)dk;
	a.name = NULL;
	if (pl_keys[dk].type == PL_KEYT_BOOL)
		return pl_yaml_scalar(&l->y, v, key) == NULL ? -1 :
		    add_data(&l->y, v, &a);
	return pl_yaml_each(&l->y, v, key, false, add_data, &a);
}

static struct pl_rule *
load_rule(struct loader *l, yaml_node_t *map, const char *use_case,
    const char *title, const char *doc)
{
	struct pl_rule *r = pl_xcalloc(1, sizeof(*r));
	yaml_node_t *kind_node;
	const char *kn;
	bool seen[NCOMMON] = { false };

	l->r = r;
	r->use_case = pl_xstrdup(use_case);
	r->use_case_title = pl_xstrdup(title);
	r->doc = doc ? pl_xstrdup(doc) : NULL;
	r->file = pl_xstrdup(l->y.name);
	r->line = pl_yaml_line(map);
	if (map->type != YAML_MAPPING_NODE) {
		pl_yaml_fail(&l->y, map, "a rule must be a mapping of keys");
		goto bad;
	}
	/* The check kind decides which data keys are allowed: read it first. */
	if ((kind_node = pl_yaml_get(&l->y, map, "check")) == NULL) {
		pl_yaml_fail(&l->y, map, "rule has no 'check' kind");
		goto bad;
	}
	if ((kn = pl_yaml_scalar(&l->y, kind_node, "check")) == NULL)
		goto bad;
	if ((r->kind = pl_check_kind_find(kn)) == NULL) {
		pl_yaml_fail(&l->y, kind_node, "unknown check kind '%s'", kn);
		goto bad;
	}
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++)
		if (load_key(l, pl_yaml_node(&l->y, p->key),
		    pl_yaml_node(&l->y, p->value), seen) != 0)
			goto bad;
	for (size_t i = 0; i < NCOMMON; i++)
		if (common_keys[i].required && !seen[i]) {
			pl_yaml_fail(&l->y, map, "rule '%s' has no '%s'",
			    r->id ? r->id : "?", common_keys[i].name);
			goto bad;
		}
	if (r->doc == NULL) {
		pl_yaml_fail(&l->y, map, "rule '%s' has no 'doc' link and its "
		    "file none", r->id);
		goto bad;
	}
	if (r->wants != PL_WHEN_ANY && r->wants == r->when) {
		pl_yaml_fail(&l->y, map, "rule '%s' fires on %s records and "
		    "wants them %s: 'wants' is the state its fix gives them",
		    r->id, r->when == PL_WHEN_PROXIED ? "proxied" : "DNS-only",
		    r->when == PL_WHEN_PROXIED ? "proxied" : "DNS-only");
		goto bad;
	}
	/* A fix flips the flag the rule fires on: it needs one state. */
	if (r->autofix != PL_AUTOFIX_NONE && (r->when == PL_WHEN_ANY ||
	    (r->kind->flags & (PL_KIND_FROM_READER | PL_KIND_PER_INPUT)))) {
		pl_yaml_fail(&l->y, pl_yaml_get(&l->y, map, "autofix"),
		    "rule '%s' has an 'autofix' but fires on no one proxy "
		    "state ('when' must be proxied or dns-only)", r->id);
		goto bad;
	}
	pl_rule_compile(r);
	l->r = NULL;
	return r;
bad:
	rule_free(r);
	l->r = NULL;
	return NULL;
}

/* The ids of the rules C code reports, by enum pl_fixed_rule. */
static const char *const fixed_ids[PL_RULE__FIXED_COUNT] = {
#define PL_FIXED_ID(id, name) [PL_RULE_##id] = name,
	PL_FIXED_RULES(PL_FIXED_ID)
#undef PL_FIXED_ID
};

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
	static const char *const top_keys[] = { "use-case", "title", "doc",
	    "rules", NULL };
	struct loader l;
	yaml_node_t *root, *rules, *n;
	const char *use_case = NULL, *title = NULL, *doc = NULL;
	struct pl_rule **fresh = NULL;
	size_t nfresh = 0;
	int rc;

	memset(&l, 0, sizeof(l));
	if ((rc = pl_yaml_load(&l.y, name, text, len, PL_ERULES)) != 0)
		goto out;
	rc = PL_ERULES;
	root = pl_yaml_root(&l.y);
	if (root == NULL || root->type != YAML_MAPPING_NODE) {
		pl_yaml_fail(&l.y, root, "a rule file is a mapping with "
		    "'use-case', 'title', 'doc' and 'rules'");
		goto out;
	}
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		yaml_node_t *k = pl_yaml_node(&l.y, p->key);
		const char *key = pl_yaml_scalar(&l.y, k, "key");
		bool ok = false;

		if (key == NULL)
			goto out;
		for (size_t i = 0; top_keys[i] != NULL; i++)
			ok = ok || strcmp(top_keys[i], key) == 0;
		if (!ok) {
			pl_yaml_fail(&l.y, k, "unknown key '%s'", key);
			goto out;
		}
	}
	if ((n = pl_yaml_get(&l.y, root, "use-case")) == NULL) {
		pl_yaml_fail(&l.y, root, "rule file has no 'use-case'");
		goto out;
	}
	if ((use_case = pl_yaml_scalar(&l.y, n, "use-case")) == NULL)
		goto out;
	title = use_case;
	if ((n = pl_yaml_get(&l.y, root, "title")) != NULL &&
	    (title = pl_yaml_scalar(&l.y, n, "title")) == NULL)
		goto out;
	if ((n = pl_yaml_get(&l.y, root, "doc")) != NULL &&
	    (doc = pl_yaml_scalar(&l.y, n, "doc")) == NULL)
		goto out;
	rules = pl_yaml_get(&l.y, root, "rules");
	if (rules == NULL || rules->type != YAML_SEQUENCE_NODE) {
		pl_yaml_fail(&l.y, rules ? rules : root, "'rules' must be a "
		    "list");
		goto out;
	}
	/* The checks below compare every rule with every other. */
	if (rules->data.sequence.items.top - rules->data.sequence.items.start >
	    MAX_RULES_PER_FILE) {
		pl_yaml_fail(&l.y, rules, "more than %d rules in one file",
		    MAX_RULES_PER_FILE);
		goto out;
	}
	for (yaml_node_item_t *it = rules->data.sequence.items.start;
	    it < rules->data.sequence.items.top; it++) {
		struct pl_rule *r = load_rule(&l, pl_yaml_node(&l.y, *it),
		    use_case, title, doc);

		if (r == NULL)
			goto out;
		for (size_t i = 0; i < nfresh; i++)
			if (strcmp(fresh[i]->id, r->id) == 0) {
				pl_yaml_fail(&l.y, pl_yaml_node(&l.y, *it),
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
	/* A replaced rule is freed: the fixed handles follow the new. */
	for (int i = 0; i < PL_RULE__FIXED_COUNT; i++)
		rs->fixed[i] = pl_ruleset_find(rs, fixed_ids[i]);
	rc = 0;
out:
	for (size_t i = 0; i < nfresh; i++)
		rule_free(fresh[i]);
	free(fresh);
	pl_yaml_release(&l.y);
	return rc;
}

struct pl_ruleset *
pl_ruleset_new(void)
{
	struct pl_ruleset *rs = pl_xcalloc(1, sizeof(*rs));

	for (size_t i = 0; i < pl_builtin_rules_count; i++)
		if (pl_ruleset_load_text(rs, pl_builtin_rules[i].name,
		    pl_builtin_rules[i].text, pl_builtin_rules[i].len) != 0)
			goto bad;
	for (int i = 0; i < PL_RULE__FIXED_COUNT; i++)
		if (rs->fixed[i] == NULL) {
			pl_error(PL_ERULES, "the built-in rules have no rule "
			    "'%s', which the code reports", fixed_ids[i]);
			goto bad;
		}
	return rs;
bad:
	/* A broken built-in file is a build defect. */
	pl_ruleset_free(rs);
	return NULL;
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
