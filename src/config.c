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
#include "proxylint/log.h"
#include "proxylint/util.h"
#include "proxylint/yaml.h"
#include "proxylint/banned.h"

/*
 * The rules that do not apply to a host proxied through Cloudflare
 * Spectrum (the config's "spectrum" list): Spectrum carries TCP and UDP on
 * any port, so a non-HTTP service, an SRV target or a mail host behind it
 * works.  Their ids are among the ruleset's fixed rules (rule.h), so a
 * rename fails the load.
 */
static const char *const spectrum_rules[] = {
	"non-http-host-proxied",
	"srv-target-proxied",
	"mail-host-proxied",
	NULL,
};

/* The loader's state for one file. */
struct loader {
	struct pl_yaml_doc	 y;		/* first: item callbacks get it */
	size_t			 scanned;	/* globs pl_glob_is_indexed()
						   refuses */
};

/* Counts a name glob that cannot be looked up; fails past the limit. */
static int
count_glob(struct loader *l, yaml_node_t *n, const char *glob)
{
	if (!pl_glob_is_indexed(glob) && ++l->scanned > PL_MAX_SCANNED_GLOBS)
		return pl_yaml_fail(&l->y, n, "%s", PL_SCANNED_GLOBS_ERROR);
	return 0;
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

static int
get_fail_on(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	const char *s = pl_yaml_scalar(&l->y, v, "fail-on");

	if (s == NULL)
		return -1;
	if (strcmp(s, "never") == 0)
		c->fail_on = PL_SEV_NONE;
	else if (pl_severity_parse(s, &c->fail_on) != 0 ||
	    c->fail_on == PL_SEV_NONE)
		return pl_yaml_fail(&l->y, v, "invalid fail-on '%s' (expected error, "
		    "warning, info or never)", s);
	c->has_fail_on = true;
	return 0;
}

static int
get_default_proxy(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	const char *s = pl_yaml_scalar(&l->y, v, "default-proxy");

	if (s == NULL)
		return -1;
	if (strcmp(s, "proxied") == 0)
		c->default_proxy = PL_PROXY_PROXIED;
	else if (strcmp(s, "dns-only") == 0)
		c->default_proxy = PL_PROXY_DNS_ONLY;
	else if (strcmp(s, "unknown") == 0)
		c->default_proxy = PL_PROXY_UNKNOWN;
	else
		return pl_yaml_fail(&l->y, v, "invalid default-proxy '%s' (expected "
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
	l->y.failed = true;
	pl_error_at(PL_ERULES, l->y.name, dup->id.line, dup->id.col,
	    "duplicate key '%s'", dup->id.s);
	return -1;
}

static int
get_rules(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	if (pl_yaml_is_null(v))
		return 0;
	if (v->type != YAML_MAPPING_NODE)
		return pl_yaml_fail(&l->y, v, "'rules' must be a mapping of rule ids to "
		    "off, info, warning or error");
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	    p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = pl_yaml_node(&l->y, p->key), *sv = pl_yaml_node(&l->y, p->value);
		const char *id = pl_yaml_scalar(&l->y, k, "rule id"), *s;
		struct pl_config_rule *r;

		if (id == NULL || (s = pl_yaml_scalar(&l->y, sv, id)) == NULL)
			return -1;
		if (!is_rule_id(id))
			return pl_yaml_fail(&l->y, k, "unknown rule '%s' (rule ids are "
			    "kebab-case; 'proxylint --list-rules' lists them)",
			    id);
		c->rules = pl_grow(c->rules, c->nrules, sizeof(*c->rules));
		r = &c->rules[c->nrules];
		memset(r, 0, sizeof(*r));
		if (pl_severity_parse(s, &r->sev) != 0)
			return pl_yaml_fail(&l->y, sv, "invalid severity '%s' for rule '%s' "
			    "(expected off, info, warning or error)", s, id);
		set_str(&r->id, k, id);
		c->nrules++;
	}
	return rules_unique(l, c);
}

static int
add_id(struct pl_yaml_doc *y, yaml_node_t *n, void *arg)
{
	struct loader *l = (struct loader *)y;
	const char *s = (const char *)n->data.scalar.value;

	if (!is_rule_id(s))
		return pl_yaml_fail(&l->y, n, "unknown rule '%s' (rule ids are kebab-case; "
		    "'proxylint --list-rules' lists them)", s);
	strs_add(arg, n, s);
	return 0;
}

static int
get_ignore(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	static const char *const keys[] = { "name", "rules", "reason", NULL };

	if (pl_yaml_is_null(v))
		return 0;
	if (v->type != YAML_SEQUENCE_NODE)
		return pl_yaml_fail(&l->y, v, "'ignore' must be a list of {name: GLOB, "
		    "rules: [RULE, ...], reason: TEXT}");
	for (yaml_node_item_t *it = v->data.sequence.items.start;
	    it < v->data.sequence.items.top; it++) {
		yaml_node_t *m = pl_yaml_node(&l->y, *it);
		struct pl_config_ignore *ig;
		int has_name = 0;

		if (m == NULL || m->type != YAML_MAPPING_NODE)
			return pl_yaml_fail(&l->y, m ? m : v, "an 'ignore' entry must be a "
			    "mapping: {name: GLOB, rules: [RULE, ...], reason: "
			    "TEXT}");
		if (pl_yaml_check_keys(&l->y, m, keys, "an 'ignore' entry") != 0)
			return -1;
		c->ignores = pl_grow(c->ignores, c->nignores,
		    sizeof(*c->ignores));
		ig = &c->ignores[c->nignores++];
		memset(ig, 0, sizeof(*ig));
		for (yaml_node_pair_t *p = m->data.mapping.pairs.start;
		    p < m->data.mapping.pairs.top; p++) {
			const char *key = (char *)pl_yaml_node(&l->y, p->key)->data.scalar.value;
			yaml_node_t *val = pl_yaml_node(&l->y, p->value);
			const char *s;

			if (strcmp(key, "name") == 0) {
				if ((s = pl_yaml_scalar(&l->y, val, "name")) == NULL)
					return -1;
				if (*s == '\0')
					return pl_yaml_fail(&l->y, val, "empty 'name'");
				if (count_glob(l, val, s) != 0)
					return -1;
				set_str(&ig->name, val, s);
				strip_dot(ig->name.s);
				has_name = 1;
			} else if (strcmp(key, "rules") == 0) {
				if (pl_yaml_each(&l->y, val, "rules", true, add_id,
				    &ig->rules) != 0)
					return -1;
			} else {
				if ((s = pl_yaml_scalar(&l->y, val, "reason")) == NULL)
					return -1;
				free(ig->reason);
				ig->reason = pl_xstrdup(s);
			}
		}
		if (!has_name)
			return pl_yaml_fail(&l->y, m, "an 'ignore' entry needs a 'name' "
			    "(a glob over owner names, such as "
			    "'*.example.com')");
	}
	return 0;
}

struct list_arg {
	struct pl_config_list	*cl;
	enum pl_key		 key;
};

/* A value of a list, checked now so that the error is located. */
static int
add_list_value(struct pl_yaml_doc *y, yaml_node_t *n, void *arg)
{
	struct loader *l = (struct loader *)y;
	struct list_arg *a = arg;
	const char *s = (const char *)n->data.scalar.value, *why = NULL;
	struct pl_rule_data scratch;
	int rc;

	if (pl_keys[a->key].type == PL_KEYT_GLOBS ||
	    pl_keys[a->key].type == PL_KEYT_LABELS) {
		if (*s == '\0')
			return pl_yaml_fail(y, n, "empty value in '%s'",
			    a->cl->key.s);
		if (pl_keys[a->key].type == PL_KEYT_GLOBS &&
		    count_glob(l, n, s) != 0)
			return -1;
	}
	memset(&scratch, 0, sizeof(scratch));
	rc = pl_rule_data_add(&scratch, a->key, s, &why);
	pl_rule_data_release(&scratch);
	if (rc != 0)
		return pl_yaml_fail(y, n, "%s '%s'", why, s);
	strs_add(&a->cl->values, n, s);
	return 0;
}

/* "targets, except-targets, ... or ports": the keys a list may name. */
static void
list_names(struct pl_buf *b, uint32_t only)
{
	int last = -1, n = 0;

	for (int k = 0; k < PL_KEY__COUNT; k++)
		if (pl_key_is_list((enum pl_key)k) && (only & (1u << k)))
			last = k;
	for (int k = 0; k < PL_KEY__COUNT; k++) {
		if (!pl_key_is_list((enum pl_key)k) || !(only & (1u << k)))
			continue;
		pl_buf_addf(b, "%s%s", n == 0 ? "" : k == last ? " or " : ", ",
		    pl_keys[k].name);
		n++;
	}
}

static int
get_lists(struct loader *l, yaml_node_t *v, struct pl_config *c)
{
	if (pl_yaml_is_null(v))
		return 0;
	if (v->type != YAML_MAPPING_NODE)
		return pl_yaml_fail(&l->y, v, "'lists' must be a mapping of rule ids to "
		    "their lists, such as {saas-target-proxied: {targets: "
		    "['*.example.net']}}");
	for (yaml_node_pair_t *p = v->data.mapping.pairs.start;
	    p < v->data.mapping.pairs.top; p++) {
		yaml_node_t *k = pl_yaml_node(&l->y, p->key), *m = pl_yaml_node(&l->y, p->value);
		const char *id = pl_yaml_scalar(&l->y, k, "rule id");

		if (id == NULL)
			return -1;
		if (!is_rule_id(id))
			return pl_yaml_fail(&l->y, k, "unknown rule '%s' (rule ids are "
			    "kebab-case; 'proxylint --list-rules' lists them)",
			    id);
		if (pl_yaml_is_null(m))
			continue;
		if (m->type != YAML_MAPPING_NODE)
			return pl_yaml_fail(&l->y, m, "the lists of '%s' must be a mapping "
			    "such as {targets: ['*.example.net']}", id);
		for (yaml_node_pair_t *q = m->data.mapping.pairs.start;
		    q < m->data.mapping.pairs.top; q++) {
			yaml_node_t *lk = pl_yaml_node(&l->y, q->key);
			const char *key = pl_yaml_scalar(&l->y, lk, "list");
			struct pl_config_list *cl;
			struct list_arg a;
			int kid;

			if (key == NULL)
				return -1;
			if ((kid = pl_key_find(key)) < 0 ||
			    !pl_key_is_list((enum pl_key)kid)) {
				struct pl_buf b;

				pl_buf_init(&b);
				list_names(&b, UINT32_MAX);
				pl_yaml_fail(&l->y, lk, "unknown list '%s' "
				    "(expected %s)", key, b.buf);
				pl_buf_release(&b);
				return -1;
			}
			a.key = (enum pl_key)kid;
			c->lists = pl_grow(c->lists, c->nlists,
			    sizeof(*c->lists));
			cl = &c->lists[c->nlists++];
			memset(cl, 0, sizeof(*cl));
			set_str(&cl->rule, k, id);
			set_str(&cl->key, lk, key);
			a.cl = cl;
			if (pl_yaml_each(&l->y, pl_yaml_node(&l->y, q->value),
			    key, true, add_list_value, &a) != 0)
				return -1;
		}
	}
	return 0;
}

static int
add_glob(struct pl_yaml_doc *y, yaml_node_t *n, void *arg)
{
	struct loader *l = (struct loader *)y;
	struct pl_config_strs *lst = arg;
	const char *s = (const char *)n->data.scalar.value;

	if (*s == '\0')
		return pl_yaml_fail(&l->y, n, "empty name in 'spectrum'");
	if (count_glob(l, n, s) != 0)
		return -1;
	strs_add(lst, n, s);
	strip_dot(lst->v[lst->n - 1].s);
	return 0;
}

/* A DNSControl provider name to take as Cloudflare (read_dnscontrol.c). */
static int
add_provider(struct pl_yaml_doc *y, yaml_node_t *n, void *arg)
{
	struct pl_config_strs *lst = arg;
	const char *s = (const char *)n->data.scalar.value;

	if (*s == '\0')
		return pl_yaml_fail(y, n, "empty name in "
		    "'dnscontrol-providers'");
	if (lst->n >= PL_CONFIG_MAX_DC_PROVIDERS)
		return pl_yaml_fail(y, n, "more than %d names in "
		    "'dnscontrol-providers'", PL_CONFIG_MAX_DC_PROVIDERS);
	strs_add(lst, n, s);
	return 0;
}

/* A glob over the paths of files that -r and the hook skip. */
static int
add_path_glob(struct pl_yaml_doc *y, yaml_node_t *n, void *arg)
{
	const char *s = (const char *)n->data.scalar.value;

	if (*s == '\0')
		return pl_yaml_fail(y, n, "empty glob in 'exclude'");
	strs_add(arg, n, s);
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
	strs_release(&c->excludes);
	strs_release(&c->dnscontrol_providers);
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
	    "exclude", "dnscontrol-providers",
	    NULL };
	struct loader l;
	yaml_node_t *root;
	struct pl_config *c = pl_xcalloc(1, sizeof(*c));
	int rc;

	*out = NULL;
	memset(&l, 0, sizeof(l));
	c->path = pl_xstrdup(name);
	if ((rc = pl_yaml_load(&l.y, name, text, len, PL_ERULES)) != 0)
		goto out;
	rc = PL_ERULES;
	root = pl_yaml_root(&l.y);
	/* An empty file (or only comments) is an empty config. */
	if (root == NULL || pl_yaml_is_null(root)) {
		rc = 0;
		goto out;
	}
	if (root->type != YAML_MAPPING_NODE) {
		pl_yaml_fail(&l.y, root, "a config file is a mapping of keys such as "
		    "'fail-on', 'rules' and 'ignore'");
		goto out;
	}
	if (pl_yaml_check_keys(&l.y, root, keys, "the config") != 0)
		goto out;
	for (yaml_node_pair_t *p = root->data.mapping.pairs.start;
	    p < root->data.mapping.pairs.top; p++) {
		const char *key = (char *)pl_yaml_node(&l.y, p->key)->data.scalar.value;
		yaml_node_t *v = pl_yaml_node(&l.y, p->value);
		const char *s;
		int r = 0;

		if (strcmp(key, "fail-on") == 0)
			r = get_fail_on(&l, v, c);
		else if (strcmp(key, "default-proxy") == 0)
			r = get_default_proxy(&l, v, c);
		else if (strcmp(key, "origin") == 0) {
			if ((s = pl_yaml_scalar(&l.y, v, key)) == NULL)
				r = -1;
			else if (*s == '\0')
				r = pl_yaml_fail(&l.y, v, "empty 'origin'");
			else
				c->origin = pl_xstrdup(s);
		} else if (strcmp(key, "rules") == 0)
			r = get_rules(&l, v, c);
		else if (strcmp(key, "ignore") == 0)
			r = get_ignore(&l, v, c);
		else if (strcmp(key, "lists") == 0)
			r = get_lists(&l, v, c);
		else if (strcmp(key, "spectrum") == 0)
			r = pl_yaml_each(&l.y, v, key, true, add_glob, &c->spectrum);
		else if (strcmp(key, "exclude") == 0)
			r = pl_yaml_each(&l.y, v, key, true, add_path_glob,
			    &c->excludes);
		else if (strcmp(key, "dnscontrol-providers") == 0)
			r = pl_yaml_each(&l.y, v, key, true, add_provider,
			    &c->dnscontrol_providers);
		else if (strcmp(key, "rules-dir") == 0) {
			if ((s = pl_yaml_scalar(&l.y, v, key)) == NULL)
				r = -1;
			else if (*s == '\0')
				r = pl_yaml_fail(&l.y, v, "empty 'rules-dir'");
			else if (s[0] == '/')
				r = pl_yaml_fail(&l.y, v, "'rules-dir' must be a folder "
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
					r = pl_yaml_fail(&l.y, v, "'rules-dir' leaves the "
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
	pl_yaml_release(&l.y);
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

static struct pl_rule *
find_rule(const struct pl_config *c, struct pl_ruleset *rs,
    const struct pl_config_str *id)
{
	struct pl_rule *r = pl_ruleset_find(rs, id->s);
	const char *best;

	if (r == NULL && (best = pl_ruleset_closest(rs, id->s)) != NULL)
		pl_error_at(PL_ERULES, c->path, id->line, id->col, "unknown "
		    "rule '%s' (did you mean '%s'? 'proxylint --list-rules' "
		    "lists them)", id->s, best);
	else if (r == NULL)
		pl_error_at(PL_ERULES, c->path, id->line, id->col, "unknown "
		    "rule '%s' ('proxylint --list-rules' lists them)", id->s);
	return r;
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
		int k = pl_key_find(cl->key.s);
		const char *why;

		if ((r = find_rule(c, rs, &cl->rule)) == NULL)
			return PL_ERULES;
		/* The key was checked to be a list when the file loaded. */
		if (k < 0 || !pl_kind_reads(r->kind, (enum pl_key)k)) {
			struct pl_buf b;

			pl_buf_init(&b);
			for (int j = 0; j < PL_KEY__COUNT; j++)
				if (pl_key_is_list((enum pl_key)j) &&
				    pl_kind_reads(r->kind, (enum pl_key)j))
					pl_buf_addf(&b, "%s%s", b.len ? ", " :
					    "", pl_keys[j].name);
			pl_error_at(PL_ERULES, c->path, cl->key.line,
			    cl->key.col, "rule '%s' has no list '%s' (its "
			    "lists: %s)", r->id, cl->key.s,
			    b.len ? b.buf : "none");
			pl_buf_release(&b);
			return PL_ERULES;
		}
		/* The values were checked when the file loaded. */
		for (size_t j = 0; j < cl->values.n; j++)
			(void)pl_rule_data_add(&r->data[k], (enum pl_key)k,
			    cl->values.v[j].s, &why);
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
	for (const char *const *s = spectrum_rules; *s; s++)
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
