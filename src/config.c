/* config.c -- .proxylint.yaml (libyaml), found upward from an input */
/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "proxylint/config.h"
#include "proxylint/engine.h"
#include "proxylint/util.h"
#include "proxylint/yaml.h"
#include "proxylint/banned.h"

const char *const pl_config_spectrum_rules[] = {
	"non-http-host-proxied",
	"srv-target-proxied",
	"mail-host-proxied",
	NULL,
};

/* The list keys of a rule that "lists" may add to, by what they hold. */
enum list_kind { LIST_NAMES, LIST_RANGES, LIST_PORTS };

static const struct {
	const char	*key;
	enum list_kind	 kind;
} list_keys[] = {
	{ "targets",		LIST_NAMES },
	{ "except-targets",	LIST_NAMES },
	{ "labels",		LIST_NAMES },
	{ "owner-labels",	LIST_NAMES },
	{ "target-labels",	LIST_NAMES },
	{ "web-labels",		LIST_NAMES },
	{ "prefixes",		LIST_NAMES },
	{ "addresses",		LIST_RANGES },
	{ "except-addresses",	LIST_RANGES },
	{ "ports",		LIST_PORTS },
	{ NULL,			LIST_NAMES },
};

/* The loader's state for one file, as in rule.c. */
struct loader {
	const char	*name;
	yaml_document_t	 doc;
	int		 failed;
	struct pl_yaml_budget budget;	/* scalars read, aliases counted */
	size_t		 scanned;	/* globs pl_glob_is_indexed() refuses */
};


static int
fail_at(const char *name, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int
fail_at(const char *name, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s:%u:%u: ", name, line, col);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return PL_ERULES;
}

static int
fail(struct loader *l, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct loader *l, const yaml_node_t *node, const char *fmt, ...)
{
	va_list ap;

	/* The first error is the one to fix; the rest may follow from it. */
	if (l->failed)
		return -1;
	l->failed = 1;
	va_start(ap, fmt);
	pl_yaml_error(l->name, node, fmt, ap);
	va_end(ap);
	return -1;
}

/* Counts a name glob that cannot be looked up; fails past the limit. */
static int
count_glob(struct loader *l, yaml_node_t *n, const char *glob)
{
	if (!pl_glob_is_indexed(glob) && ++l->scanned > PL_MAX_SCANNED_GLOBS)
		return fail(l, n, "%s", PL_SCANNED_GLOBS_ERROR);
	return 0;
}

static yaml_node_t *
node(struct loader *l, int id)
{
	return yaml_document_get_node(&l->doc, id);
}

/* A plain empty, "~" or "null" value: "key:" with nothing after it. */
static bool
is_null(const yaml_node_t *n)
{
	const char *s;

	if (n == NULL || n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	s = (const char *)n->data.scalar.value;
	return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

static const char *
scalar(struct loader *l, yaml_node_t *n, const char *key)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE) {
		fail(l, n, "'%s' must be a single value", key);
		return NULL;
	}
	if (pl_yaml_spend(&l->budget, n->data.scalar.length) != 0) {
		fail(l, n, "%s", PL_YAML_OVER_BUDGET);
		return NULL;
	}
	return (const char *)n->data.scalar.value;
}

static void
set_str(struct pl_config_str *s, const yaml_node_t *n, const char *text)
{
	s->s = pl_xstrdup(text);
	s->line = (unsigned)n->start_mark.line + 1;
	s->col = (unsigned)n->start_mark.column + 1;
}

static void
strs_add(struct pl_config_strs *l, const yaml_node_t *n, const char *text)
{
	l->v = pl_grow(l->v, l->n, sizeof(*l->v));
	set_str(&l->v[l->n++], n, text);
}

static void
strs_release(struct pl_config_strs *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].s);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* A glob as the matcher wants it: names are compared without the dot. */
static void
strip_dot(char *s)
{
	size_t n = strlen(s);

	if (n > 1 && s[n - 1] == '.')
		s[n - 1] = '\0';
}

static bool
is_rule_id(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return false;
	return true;
}

/*
 * Calls fn on each scalar of a list (a single value counts as a list of
 * one; nothing after the key, as an empty list).
 */
static int
each_item(struct loader *l, yaml_node_t *n, const char *key,
    int (*fn)(struct loader *, yaml_node_t *, void *), void *arg)
{
	if (is_null(n))
		return 0;
	if (n != NULL && n->type == YAML_SCALAR_NODE)
		return scalar(l, n, key) == NULL ? -1 : fn(l, n, arg);
	if (n == NULL || n->type != YAML_SEQUENCE_NODE)
		return fail(l, n, "'%s' must be a list", key);
	for (yaml_node_item_t *it = n->data.sequence.items.start;
	    it < n->data.sequence.items.top; it++) {
		yaml_node_t *item = node(l, *it);

		if (item == NULL || item->type != YAML_SCALAR_NODE)
			return fail(l, item ? item : n,
			    "'%s' must be a list of values", key);
		if (scalar(l, item, key) == NULL || fn(l, item, arg) != 0)
			return -1;
	}
	return 0;
}

/*
 * Checks that a mapping has only known keys, each once.  ok is
 * NULL-terminated.
 */
static int
check_keys(struct loader *l, yaml_node_t *map, const char *const *ok,
    const char *where)
{
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(l, p->key);
		const char *key = scalar(l, k, "key");
		int known = 0;

		if (key == NULL)
			return -1;
		for (const char *const *o = ok; *o != NULL; o++)
			if (strcmp(*o, key) == 0)
				known = 1;
		if (!known) {
			struct pl_buf b;

			pl_buf_init(&b);
			for (const char *const *o = ok; *o != NULL; o++)
				pl_buf_addf(&b, "%s%s", o == ok ? "" :
				    o[1] == NULL ? " or " : ", ", *o);
			fail(l, k, "unknown key '%s' in %s (expected %s)", key,
			    where, b.buf);
			pl_buf_release(&b);
			return -1;
		}
		for (yaml_node_pair_t *q = map->data.mapping.pairs.start;
		    q < p; q++) {
			yaml_node_t *k2 = node(l, q->key);

			if (k2 != NULL && k2->type == YAML_SCALAR_NODE &&
			    strcmp((char *)k2->data.scalar.value, key) == 0)
				return fail(l, k, "duplicate key '%s'", key);
		}
	}
	return 0;
}

static int
get_fail_on(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	const char *s = scalar(l, v, "fail-on");

	if (s == NULL)
		return -1;
	if (strcmp(s, "never") == 0)
		c->fail_on = PL_SEV_NONE;
	else if (pl_severity_parse(s, &c->fail_on) != 0 ||
	    c->fail_on == PL_SEV_NONE)
		return fail(l, v, "invalid fail-on '%s' (expected error, "
		    "warning, info or never)", s);
	c->has_fail_on = true;
	return 0;
}

static int
get_default_proxy(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	const char *s = scalar(l, v, "default-proxy");

	if (s == NULL)
		return -1;
	if (strcmp(s, "proxied") == 0)
		c->default_proxy = PL_PROXY_PROXIED;
	else if (strcmp(s, "dns-only") == 0)
		c->default_proxy = PL_PROXY_DNS_ONLY;
	else if (strcmp(s, "unknown") == 0)
		c->default_proxy = PL_PROXY_UNKNOWN;
	else
		return fail(l, v, "invalid default-proxy '%s' (expected "
		    "proxied, dns-only or unknown)", s);
	c->has_default_proxy = true;
	return 0;
}

static int
rule_ptr_cmp(const void *a, const void *b)
{
	const struct pl_config_rule *x = *(const struct pl_config_rule *const *)a;
	const struct pl_config_rule *y = *(const struct pl_config_rule *const *)b;
	int c = strcmp(x->id.s, y->id.s);

	/* Equal ids in the order of the file. */
	return c != 0 ? c : (x > y) - (x < y);
}

/*
 * Fails on a rule named twice under "rules", at the first repeat in the
 * file.  Sorted, so that a long mapping costs n log n, not n squared.
 */
static int
rules_unique(struct loader *l, struct pl_config *c)
{
	const struct pl_config_rule **v, *dup = NULL;

	if (c->nrules < 2)
		return 0;
	v = pl_xreallocarray(NULL, c->nrules, sizeof(*v));
	for (size_t i = 0; i < c->nrules; i++)
		v[i] = &c->rules[i];
	qsort(v, c->nrules, sizeof(*v), rule_ptr_cmp);
	for (size_t i = 1; i < c->nrules; i++)
		if (strcmp(v[i]->id.s, v[i - 1]->id.s) == 0 &&
		    (dup == NULL || v[i] < dup))
			dup = v[i];
	free(v);
	if (dup == NULL)
		return 0;
	l->failed = 1;
	fail_at(l->name, dup->id.line, dup->id.col, "duplicate key '%s'",
	    dup->id.s);
	return -1;
}

static int
get_rules(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	if (is_null(v))
		return 0;
	if (v->type != YAML_MAPPING_NODE)
		return fail(l, v, "'rules' must be a mapping of rule ids to "
		    "off, info, warning or error");
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	    p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(l, p->key), *sv = node(l, p->value);
		const char *id = scalar(l, k, "rule id"), *s;
		struct pl_config_rule *r;

		if (id == NULL || (s = scalar(l, sv, id)) == NULL)
			return -1;
		if (!is_rule_id(id))
			return fail(l, k, "unknown rule '%s' (rule ids are "
			    "kebab-case; 'proxylint --list-rules' lists them)",
			    id);
		c->rules = pl_grow(c->rules, c->nrules, sizeof(*c->rules));
		r = &c->rules[c->nrules];
		memset(r, 0, sizeof(*r));
		if (pl_severity_parse(s, &r->sev) != 0)
			return fail(l, sv, "invalid severity '%s' for rule '%s' "
			    "(expected off, info, warning or error)", s, id);
		set_str(&r->id, k, id);
		c->nrules++;
	}
	return rules_unique(l, c);
}

static int
add_id(struct loader *l, yaml_node_t *n, void *arg)
{
	const char *s = (const char *)n->data.scalar.value;

	if (!is_rule_id(s))
		return fail(l, n, "unknown rule '%s' (rule ids are kebab-case; "
		    "'proxylint --list-rules' lists them)", s);
	strs_add(arg, n, s);
	return 0;
}

static int
get_ignore(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	static const char *const keys[] = { "name", "rules", "reason", NULL };

	if (is_null(v))
		return 0;
	if (v->type != YAML_SEQUENCE_NODE)
		return fail(l, v, "'ignore' must be a list of {name: GLOB, "
		    "rules: [RULE, ...], reason: TEXT}");
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		yaml_node_t *m = node(l, *it);
		struct pl_config_ignore *ig;
		int has_name = 0;

		if (m == NULL || m->type != YAML_MAPPING_NODE)
			return fail(l, m ? m : v, "an 'ignore' entry must be a "
			    "mapping: {name: GLOB, rules: [RULE, ...], reason: "
			    "TEXT}");
		if (check_keys(l, m, keys, "an 'ignore' entry") != 0)
			return -1;
		c->ignores = pl_grow(c->ignores, c->nignores,
		    sizeof(*c->ignores));
		ig = &c->ignores[c->nignores++];
		memset(ig, 0, sizeof(*ig));
		for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
		    p < m->data.mapping.pairs.top; p++) {
			const char *key = (char *)node(l, p->key)->data.scalar.value;
			yaml_node_t *val = node(l, p->value);
			const char *s;

			if (strcmp(key, "name") == 0) {
				if ((s = scalar(l, val, "name")) == NULL)
					return -1;
				if (*s == '\0')
					return fail(l, val, "empty 'name'");
				if (count_glob(l, val, s) != 0)
					return -1;
				set_str(&ig->name, val, s);
				strip_dot(ig->name.s);
				has_name = 1;
			} else if (strcmp(key, "rules") == 0) {
				if (each_item(l, val, "rules", add_id,
				    &ig->rules) != 0)
					return -1;
			} else {
				if ((s = scalar(l, val, "reason")) == NULL)
					return -1;
				free(ig->reason);
				ig->reason = pl_xstrdup(s);
			}
		}
		if (!has_name)
			return fail(l, m, "an 'ignore' entry needs a 'name' "
			    "(a glob over owner names, such as "
			    "'*.example.com')");
	}
	return 0;
}

static enum list_kind
list_kind(const char *key, int *found)
{
	for (int i = 0; list_keys[i].key != NULL; i++)
		if (strcmp(list_keys[i].key, key) == 0) {
			*found = 1;
			return list_keys[i].kind;
		}
	*found = 0;
	return LIST_NAMES;
}

struct list_arg {
	struct pl_config_list	*cl;
	enum list_kind		 kind;
};

static int
add_list_value(struct loader *l, yaml_node_t *n, void *arg)
{
	struct list_arg *a = arg;
	const char *s = (const char *)n->data.scalar.value;
	struct pl_range r;
	char *end;
	long port;

	switch (a->kind) {
	case LIST_RANGES:
		if (pl_range_parse(s, &r) != 0)
			return fail(l, n, "invalid address range '%s'", s);
		break;
	case LIST_PORTS:
		errno = 0;
		port = strtol(s, &end, 10);
		if (errno != 0 || *end != '\0' || end == s || port < 0 ||
		    port > 65535)
			return fail(l, n, "invalid port '%s'", s);
		break;
	case LIST_NAMES:
		if (*s == '\0')
			return fail(l, n, "empty value in '%s'",
			    a->cl->key.s);
		if ((strcmp(a->cl->key.s, "targets") == 0 ||
		    strcmp(a->cl->key.s, "except-targets") == 0) &&
		    count_glob(l, n, s) != 0)
			return -1;
		break;
	}
	strs_add(&a->cl->values, n, s);
	return 0;
}

static int
get_lists(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	if (is_null(v))
		return 0;
	if (v->type != YAML_MAPPING_NODE)
		return fail(l, v, "'lists' must be a mapping of rule ids to "
		    "their lists, such as {saas-target-proxied: {targets: "
		    "['*.example.net']}}");
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	    p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = node(l, p->key), *m = node(l, p->value);
		const char *id = scalar(l, k, "rule id");

		if (id == NULL)
			return -1;
		if (!is_rule_id(id))
			return fail(l, k, "unknown rule '%s' (rule ids are "
			    "kebab-case; 'proxylint --list-rules' lists them)",
			    id);
		if (is_null(m))
			continue;
		if (m->type != YAML_MAPPING_NODE)
			return fail(l, m, "the lists of '%s' must be a mapping "
			    "such as {targets: ['*.example.net']}", id);
		for (yaml_node_pair_t *q = m->data.mapping.pairs.start;
		    q < m->data.mapping.pairs.top; q++) {
			yaml_node_t *lk = node(l, q->key);
			const char *key = scalar(l, lk, "list");
			struct pl_config_list *cl;
			struct list_arg a;
			int found;

			if (key == NULL)
				return -1;
			a.kind = list_kind(key, &found);
			if (!found)
				return fail(l, lk, "unknown list '%s' (expected "
				    "targets, except-targets, addresses, "
				    "except-addresses, labels, owner-labels, "
				    "target-labels, web-labels or ports)", key);
			c->lists = pl_grow(c->lists, c->nlists,
			    sizeof(*c->lists));
			cl = &c->lists[c->nlists++];
			memset(cl, 0, sizeof(*cl));
			set_str(&cl->rule, k, id);
			set_str(&cl->key, lk, key);
			a.cl = cl;
			if (each_item(l, node(l, q->value), key,
			    add_list_value, &a) != 0)
				return -1;
		}
	}
	return 0;
}

static int
add_glob(struct loader *l, yaml_node_t *n, void *arg)
{
	struct pl_config_strs *lst = arg;
	const char *s = (const char *)n->data.scalar.value;

	if (*s == '\0')
		return fail(l, n, "empty name in 'spectrum'");
	if (count_glob(l, n, s) != 0)
		return -1;
	strs_add(lst, n, s);
	strip_dot(lst->v[lst->n - 1].s);
	return 0;
}

/* Is path (resolved) inside folder dir (resolved)?  A missing path is
 * judged by its text: no ".." may climb out. */
static bool
inside(const char *dir, const char *path)
{
	char *d = realpath(dir, NULL), *p = realpath(path, NULL);
	bool ok;

	if (d == NULL || p == NULL)
		ok = p == NULL && strstr(path, "..") == NULL;
	else {
		size_t n = strlen(d);

		ok = strcmp(d, "/") == 0 || (strncmp(p, d, n) == 0 &&
		    (p[n] == '/' || p[n] == '\0'));
	}
	free(d);
	free(p);
	return ok;
}

/* The folder of a path, for a rules-dir written relative to the config. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return pl_xstrdup(".");
	if (slash == path)
		return pl_xstrdup("/");
	return pl_xstrndup(path, (size_t)(slash - path));
}

void
pl_config_free(struct pl_config *c)
{
	if (c == NULL)
		return;
	free(c->path);
	free(c->origin);
	free(c->rules_dir);
	for (size_t i = 0; i < c->nrules; i++)
		free(c->rules[i].id.s);
	free(c->rules);
	for (size_t i = 0; i < c->nignores; i++) {
		free(c->ignores[i].name.s);
		strs_release(&c->ignores[i].rules);
		free(c->ignores[i].reason);
	}
	free(c->ignores);
	for (size_t i = 0; i < c->nlists; i++) {
		free(c->lists[i].rule.s);
		free(c->lists[i].key.s);
		strs_release(&c->lists[i].values);
	}
	free(c->lists);
	strs_release(&c->spectrum);
	for (size_t i = 0; i < c->nexempt; i++) {
		free(c->exempt[i].names.v);
		pl_globset_release(&c->exempt[i].set);
	}
	free(c->exempt);
	free(c->spectrum_names.v);
	pl_globset_release(&c->spectrum_set);
	free(c);
}

static void	exempt_build(struct pl_config *);

int
pl_config_load_text(struct pl_config **out, const char *name,
    const char *text, size_t len)
{
	static const char *const keys[] = { "fail-on", "default-proxy",
	    "origin", "rules", "ignore", "lists", "spectrum", "rules-dir",
	    NULL };
	struct loader l;
	yaml_parser_t parser;
	yaml_node_t *root;
	struct pl_config *c = pl_xcalloc(1, sizeof(*c));
	int rc = PL_ERULES;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	l.name = name;
	c->path = pl_xstrdup(name);
	if (pl_yaml_check(name, text, len) != 0) {
		pl_config_free(c);
		return PL_ERULES;
	}
	if (!yaml_parser_initialize(&parser)) {
		pl_config_free(c);
		return pl_error(PL_ENOMEM, "cannot start the YAML parser");
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &l.doc)) {
		fail_at(name, (unsigned)parser.problem_mark.line + 1,
		    (unsigned)parser.problem_mark.column + 1, "%s",
		    parser.problem ? parser.problem : "invalid YAML");
		yaml_parser_delete(&parser);
		pl_config_free(c);
		return PL_ERULES;
	}
	yaml_parser_delete(&parser);
	root = yaml_document_get_root_node(&l.doc);
	/* An empty file (or only comments) is an empty config. */
	if (root == NULL || is_null(root)) {
		rc = 0;
		goto out;
	}
	if (root->type != YAML_MAPPING_NODE) {
		fail(&l, root, "a config file is a mapping of keys such as "
		    "'fail-on', 'rules' and 'ignore'");
		goto out;
	}
	if (check_keys(&l, root, keys, "the config") != 0)
		goto out;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		const char *key = (char *)node(&l, p->key)->data.scalar.value;
		yaml_node_t *v = node(&l, p->value);
		const char *s;
		int r = 0;

		if (strcmp(key, "fail-on") == 0)
			r = get_fail_on(&l, v, c);
		else if (strcmp(key, "default-proxy") == 0)
			r = get_default_proxy(&l, v, c);
		else if (strcmp(key, "origin") == 0) {
			if ((s = scalar(&l, v, key)) == NULL)
				r = -1;
			else if (*s == '\0')
				r = fail(&l, v, "empty 'origin'");
			else
				c->origin = pl_xstrdup(s);
		} else if (strcmp(key, "rules") == 0)
			r = get_rules(&l, v, c);
		else if (strcmp(key, "ignore") == 0)
			r = get_ignore(&l, v, c);
		else if (strcmp(key, "lists") == 0)
			r = get_lists(&l, v, c);
		else if (strcmp(key, "spectrum") == 0)
			r = each_item(&l, v, key, add_glob, &c->spectrum);
		else if (strcmp(key, "rules-dir") == 0) {
			if ((s = scalar(&l, v, key)) == NULL)
				r = -1;
			else if (*s == '\0')
				r = fail(&l, v, "empty 'rules-dir'");
			else if (s[0] == '/')
				r = fail(&l, v, "'rules-dir' must be a folder "
				    "inside the config's folder, not an absolute "
				    "path");
			else {
				/* Relative to the config file, so that it
				 * means the same from any folder. */
				char *dir = dir_of(name);

				c->rules_dir = strcmp(dir, ".") == 0 ?
				    pl_xstrdup(s) : pl_xasprintf("%s/%s", dir, s);
				/* A config comes with the repository, so a pull
				 * request writes it: it reads nothing outside
				 * its folder. */
				if (!inside(dir, c->rules_dir))
					r = fail(&l, v, "'rules-dir' leaves the "
					    "config's folder");
				free(dir);
			}
		}
		if (r != 0)
			goto out;
	}
	exempt_build(c);
	rc = 0;
out:
	yaml_document_delete(&l.doc);
	if (rc != 0)
		pl_config_free(c);
	else
		*out = c;
	return rc;
}

int
pl_config_load(struct pl_config **out, const char *path)
{
	char *data = NULL, *err = NULL;
	size_t len;
	int rc;

	*out = NULL;
	if ((rc = pl_read_file(path, 1 << 24, &data, &len, &err)) != 0) {
		pl_error(rc, "config: %s", err);
		free(err);
		return PL_ERULES;
	}
	rc = pl_config_load_text(out, path, data, len);
	free(data);
	return rc;
}

/* Does the check kind read this rule-file key?  (As rule.c decides.) */
static bool
kind_reads(const struct pl_check_kind *k, const char *key)
{
	size_t n = strlen(key);

	for (const char *p = k->keys; (p = strstr(p, key)) != NULL; p += n)
		if ((p == k->keys || p[-1] == ' ') &&
		    (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static struct pl_rule *
find_rule(const struct pl_config *c, struct pl_ruleset *rs,
    const struct pl_config_str *id)
{
	struct pl_rule *r = pl_ruleset_find(rs, id->s);

	if (r == NULL)
		fail_at(c->path, id->line, id->col, "unknown rule '%s' "
		    "('proxylint --list-rules' lists them)", id->s);
	return r;
}

static void
names_add(struct pl_strlist *l, const char *s)
{
	l->v[l->n++] = pl_xstrdup(s);	/* room made by add_values() */
	pl_str_lower(l->v[l->n - 1]);
}

static void
ranges_add(struct pl_ranges *l, const char *s)
{
	struct pl_range r;

	if (pl_range_parse(s, &r) != 0)
		return;		/* checked when the file was loaded */
	r.text = pl_xstrdup(s);
	l->v[l->n++] = r;	/* room made by add_values() */
}

static struct pl_strlist *
name_list(struct pl_rule *r, const char *key)
{
	if (strcmp(key, "targets") == 0)
		return &r->targets;
	if (strcmp(key, "except-targets") == 0)
		return &r->except_targets;
	if (strcmp(key, "labels") == 0)
		return &r->labels;
	if (strcmp(key, "owner-labels") == 0)
		return &r->owner_labels;
	if (strcmp(key, "target-labels") == 0)
		return &r->target_labels;
	if (strcmp(key, "web-labels") == 0)
		return &r->web_labels;
	return &r->prefixes;
}

static void
add_values(struct pl_rule *r, const struct pl_config_list *cl)
{
	int found;
	enum list_kind kind = list_kind(cl->key.s, &found);
	size_t more = cl->values.n;
	struct pl_ranges *rl = strcmp(cl->key.s, "addresses") == 0 ?
	    &r->addresses : &r->except_addresses;
	struct pl_strlist *nl = name_list(r, cl->key.s);

	/* Room for the whole list at once: the rule's arrays are not
	 * copied once per value. */
	if (kind == LIST_RANGES)
		rl->v = pl_xreallocarray(rl->v, rl->n + more, sizeof(*rl->v));
	else if (kind == LIST_PORTS)
		r->ports = pl_xreallocarray(r->ports, r->nports + more,
		    sizeof(*r->ports));
	else
		nl->v = pl_xreallocarray(nl->v, nl->n + more, sizeof(*nl->v));
	for (size_t i = 0; i < cl->values.n; i++) {
		const char *s = cl->values.v[i].s;

		if (kind == LIST_RANGES)
			ranges_add(rl, s);
		else if (kind == LIST_PORTS)
			r->ports[r->nports++] = (uint16_t)strtol(s, NULL, 10);
		else {
			names_add(nl, s);
			/* Target globs match names without the dot. */
			if (strcmp(cl->key.s, "targets") == 0 ||
			    strcmp(cl->key.s, "except-targets") == 0)
				strip_dot(nl->v[nl->n - 1]);
		}
	}
}

int
pl_config_apply(const struct pl_config *c, struct pl_ruleset *rs)
{
	struct pl_rule *r;

	for (size_t i = 0; i < c->nrules; i++) {
		if ((r = find_rule(c, rs, &c->rules[i].id)) == NULL)
			return PL_ERULES;
		r->severity = c->rules[i].sev;
	}
	for (size_t i = 0; i < c->nignores; i++)
		for (size_t k = 0; k < c->ignores[i].rules.n; k++)
			if (find_rule(c, rs, &c->ignores[i].rules.v[k]) == NULL)
				return PL_ERULES;
	for (size_t i = 0; i < c->nlists; i++) {
		const struct pl_config_list *cl = &c->lists[i];

		if ((r = find_rule(c, rs, &cl->rule)) == NULL)
			return PL_ERULES;
		if (!kind_reads(r->kind, cl->key.s)) {
			struct pl_buf b;

			pl_buf_init(&b);
			for (int k = 0; list_keys[k].key != NULL; k++)
				if (kind_reads(r->kind, list_keys[k].key))
					pl_buf_addf(&b, "%s%s", b.len ? ", " :
					    "", list_keys[k].key);
			fail_at(c->path, cl->key.line, cl->key.col, "rule '%s' "
			    "has no list '%s' (its lists: %s)", r->id,
			    cl->key.s, b.len ? b.buf : "none");
			pl_buf_release(&b);
			return PL_ERULES;
		}
		add_values(r, cl);
		/* The matchers work on compiled sets: build them anew. */
		pl_rule_compile(r);
	}
	return 0;
}

static void
names_push(struct pl_strlist *l, char *s)
{
	l->v = pl_grow(l->v, l->n, sizeof(*l->v));
	l->v[l->n++] = s;
}

/* One (rule, ignore entry) pair of the config; rule NULL: every rule. */
struct exempt_pair {
	const char	*rule;
	size_t		 ignore;
};

/* Orders rule ids, NULL (every rule) first. */
static int
rule_cmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return strcmp(a, b);
}

static int
exempt_pair_cmp(const void *a, const void *b)
{
	const struct exempt_pair *x = a, *y = b;
	int c = rule_cmp(x->rule, y->rule);

	return c != 0 ? c : (x->ignore > y->ignore) - (x->ignore < y->ignore);
}

/*
 * Groups the "ignore" globs by the rule they exempt from (sorting, so that
 * thousands of entries cost no more than their number), and compiles each
 * group and the "spectrum" globs into a globset of lower-case names, as
 * pl_config_exempts() looks them up.
 */
static void
exempt_build(struct pl_config *c)
{
	struct exempt_pair *v = NULL;
	size_t n = 0;

	for (size_t i = 0; i < c->nignores; i++) {
		struct pl_config_ignore *ig = &c->ignores[i];

		pl_str_lower(ig->name.s);
		for (size_t k = 0; k < ig->rules.n || k == 0; k++) {
			v = pl_grow(v, n, sizeof(*v));
			v[n].rule = ig->rules.n ? ig->rules.v[k].s : NULL;
			v[n++].ignore = i;
		}
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), exempt_pair_cmp);
	for (size_t i = 0; i < n; i++) {
		struct pl_config_exempt *e;

		if (i > 0 && rule_cmp(v[i].rule, v[i - 1].rule) == 0) {
			/* An entry that names a rule twice counts once. */
			if (v[i].ignore == v[i - 1].ignore)
				continue;
		} else {
			c->exempt = pl_grow(c->exempt, c->nexempt,
			    sizeof(*c->exempt));
			memset(&c->exempt[c->nexempt++], 0, sizeof(*e));
		}
		e = &c->exempt[c->nexempt - 1];
		e->rule = v[i].rule;
		names_push(&e->names, c->ignores[v[i].ignore].name.s);
	}
	free(v);
	for (size_t i = 0; i < c->nexempt; i++)
		pl_globset_build(&c->exempt[i].set, &c->exempt[i].names);
	for (size_t i = 0; i < c->spectrum.n; i++) {
		pl_str_lower(c->spectrum.v[i].s);
		names_push(&c->spectrum_names, c->spectrum.v[i].s);
	}
	pl_globset_build(&c->spectrum_set, &c->spectrum_names);
}

bool
pl_config_exempts(const struct pl_config *c, const char *rule_id,
    const char *owner)
{
	char buf[1024];
	size_t n;

	if (c == NULL || owner == NULL || (c->nexempt == 0 &&
	    c->spectrum.n == 0))
		return false;
	/* The globsets hold lower-case names; a name too long for any
	 * zone is matched as it is. */
	n = strlen(owner);
	if (n < sizeof(buf)) {
		for (size_t i = 0; i < n; i++)
			buf[i] = (char)pl_lower((unsigned char)owner[i]);
		buf[n] = '\0';
		owner = buf;
	}
	for (size_t i = 0; i < c->nexempt; i++) {
		const struct pl_config_exempt *e = &c->exempt[i];

		if ((e->rule == NULL || strcmp(e->rule, rule_id) == 0) &&
		    pl_globset_match(&e->set, owner) != NULL)
			return true;
	}
	if (c->spectrum.n == 0)
		return false;
	for (const char *const *s = pl_config_spectrum_rules; *s; s++)
		if (strcmp(*s, rule_id) == 0)
			return pl_globset_match(&c->spectrum_set, owner) !=
			    NULL;
	return false;
}

static bool
exists(const char *path, bool want_file)
{
	struct stat sb;

	if (stat(path, &sb) != 0)
		return false;
	return want_file ? S_ISREG(sb.st_mode) != 0 : true;
}

char *
pl_config_find(const char *dir)
{
	char *abs, *cwd, *found = NULL;
	size_t cwdlen = 0;

	if ((abs = realpath(dir, NULL)) == NULL)
		return NULL;
	cwd = getcwd(NULL, 0);
	if (cwd != NULL)
		cwdlen = strlen(cwd);
	for (;;) {
		char *slash, *cand, *git;
		bool root = strcmp(abs, "/") == 0, top;

		cand = pl_xasprintf("%s/%s", root ? "" : abs, PL_CONFIG_NAME);
		if (exists(cand, true) && !inside(root ? "/" : abs, cand)) {
			/* A link out of the repository: not read, not used. */
			pl_warn("ignoring '%s': a symbolic link out of its "
			    "folder", cand);
			free(cand);
			break;
		}
		if (exists(cand, true)) {
			/* Shown relative to the working folder when below it,
			 * as the inputs usually are. */
			if (cwd != NULL && strcmp(cwd, "/") == 0)
				found = pl_xstrdup(cand + 1);
			else if (cwd != NULL &&
			    strncmp(cand, cwd, cwdlen) == 0 &&
			    cand[cwdlen] == '/')
				found = pl_xstrdup(cand + cwdlen + 1);
			else
				found = pl_xstrdup(cand);
			free(cand);
			break;
		}
		free(cand);
		git = pl_xasprintf("%s/.git", root ? "" : abs);
		top = exists(git, false);
		free(git);
		if (top || root)
			break;
		slash = strrchr(abs, '/');
		if (slash == abs)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(cwd);
	free(abs);
	return found;
}
