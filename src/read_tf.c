/* read_tf.c -- reads Terraform configuration (.tf, .tf.json) as known before a plan */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1	/* memmem */
#include <sys/stat.h>

#include <arpa/inet.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/anchor.h"
#include "proxylint/hcl.h"
#include "proxylint/log.h"
#include "proxylint/read.h"
#include "proxylint/read_text.h"
#include "proxylint/suppress.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

/*
 * Terraform keeps Cloudflare DNS in cloudflare_record (provider v2 to v4)
 * and cloudflare_dns_record (v5) resources.  A plan knows every value; the
 * configuration that pre-commit and most CI steps see knows only some, and
 * this reader evaluates exactly those (hashicorp/terraform, "Expressions"
 * and "Input Variables"):
 *
 * - A module is a folder: the .tf and .tf.json files of the input's folder
 *   are read together (variables, locals, zones and records may sit in any
 *   of them), and nothing outside it (no parent folder, no module source).
 *   Findings are kept for the files the user named (lint.c); the other
 *   files' records still take part in the cross-record rules.
 * - var.NAME is the variable's default, overridden as Terraform does by
 *   terraform.tfvars, terraform.tfvars.json and *.auto.tfvars(.json) in
 *   lexical order, then by --var and --var-file in the order given.  A
 *   variable with no value is unknown.
 * - local.NAME is evaluated when first used, in any order; a cycle is a
 *   finding.  count.index, each.key and each.value are those of the
 *   instance being read; count and for_each must be known.
 * - Everything else (resource attributes, data sources, module outputs,
 *   path and terraform values, functions the HCL library does not
 *   evaluate) is unknown, never guessed.  A record whose name, type or
 *   content is unknown is not linted, and the input gets one
 *   not-known-before-plan note that counts them; a record whose proxied
 *   alone is unknown is linted with its proxy state unknown.
 *
 * The zone of a record comes from --origin (or the config), else from its
 * zone_id when that is cloudflare_zone.X.id or data.cloudflare_zone.X.id
 * (or .zone_id) of the module, whose zone (v4) or name (v5; a data
 * source's name or filter.name) is known, else from the module's only
 * zone.  Names are as the API takes them: "@" is the apex, a name equal to
 * the zone or ending in "." and the zone is absolute, any other is relative
 * to the zone.  With no zone, relative names are linted as written, and a
 * zone-unknown note says how to name it.
 *
 * A finding is placed where the change is made: the literal that gives the
 * record's proxied value (in a for_each map entry, a local or a tfvars
 * file too), else the proxied attribute, else the for_each element the
 * record came from, else the resource block.  Its pointer is the resource
 * address (cloudflare_record.web["www"]).
 */

/* A module bigger than this is no DNS configuration: refused. */
#define MAX_MODULE_FILES	1024
#define MAX_MODULE_BYTES	((size_t)256 << 20)
/* Instances of one resource (count, for_each): the collection limit. */
#define MAX_INSTANCES		PL_HCL_MAX_COLLECTION
/* Tags kept on one record; the API takes far fewer. */
#define MAX_TAGS		1024

enum attr_state {
	S_ABSENT,		/* not written */
	S_NULL,			/* null: as if not written */
	S_UNKNOWN,		/* known only after a plan */
	S_KNOWN,
	S_ERROR,		/* evaluation failed: reported */
};

struct tf_file {
	char			*path;		/* as findings show it, owned */
	uint16_t		 zfile;		/* in the zone's files */
	char			*data;		/* NUL-terminated */
	size_t			 len;
	int			 mapped;
	bool			 owned;		/* data is ours to release */
	bool			 json;
	struct pl_hcl_file	*hcl;
};

struct tf_var {
	const char		*name;
	const struct pl_hcl_block *blk;
	bool			 has;		/* a value: default or override */
	bool			 string_type;	/* no type, or type = string */
	struct pl_hcl_value	 val;
};

enum { L_NEW, L_BUSY, L_DONE, L_FAILED };

struct tf_local {
	const char		*name;
	const struct pl_hcl_attr *attr;
	int			 file;
	int			 state;
	struct pl_hcl_value	 val;
};

struct tf_zoneref {
	bool			 data;		/* a data source */
	const char		*label;
	const char		*zone;		/* interned, or NULL: unknown */
};

/* What count and for_each give the instance being read. */
struct tf_scope {
	bool			 has_count;
	double			 index;
	bool			 has_each;
	struct pl_hcl_value	 key;
	struct pl_hcl_value	 value;
};

struct tf_ctx {
	struct pl_zone		*z;
	struct pl_diags		*d;
	const struct pl_read_opts *o;
	struct tf_file		*files;
	size_t			 nfiles;
	struct tf_var		*vars;
	size_t			 nvars;
	struct tf_local		*locals;
	size_t			 nlocals;
	struct tf_local		**busy;		/* the locals being evaluated */
	size_t			 nbusy;
	struct tf_zoneref	*zones;
	size_t			 nzones;
	struct pl_hcl_eval	*ev;
	struct tf_scope		*scope;		/* NULL outside a resource */
	bool			 in_default;	/* evaluating a variable default */
	int			 cur_file;	/* of what is being evaluated */
	int			 err_file;	/* of the innermost failure, or -1 */
	uint32_t		 nerrors;
	unsigned long		 skipped;	/* records not linted */
	const char		*skip_what;	/* the first one: its address */
	const char		*skip_why;	/* and why */
	const char		*unknown_why;	/* of the last unknown get() */
	struct pl_hcl_file	**extra;	/* trees of --var values */
	size_t			 nextra;
	unsigned long		 relative;	/* relative names with no zone */
	const char		*relative_first;
	bool			 dns_resources;	/* the module has some */
	bool			 limit_reported; /* an evaluation limit */
	ldns_rdf		*root;
	struct pl_buf		 text;
	struct pl_buf		 tmp;
};

/* ---- Files of the module ---------------------------------------------- */

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

bool
pl_tf_is_config(const char *path)
{
	return ends_with(path, ".tf") || ends_with(path, ".tf.json");
}

static bool
is_tfvars(const char *name)
{
	return strcmp(name, "terraform.tfvars") == 0 ||
	    strcmp(name, "terraform.tfvars.json") == 0 ||
	    ends_with(name, ".auto.tfvars") ||
	    ends_with(name, ".auto.tfvars.json");
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder of path, as the path writes it ("" for none). */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return pl_xstrdup("");
	return pl_xstrndup(path, (size_t)(slash - path) + 1);
}

/*
 * The names of the folder's files that pass keep, sorted (lexical order,
 * as Terraform reads *.auto.tfvars).  Returns a new array, or NULL with
 * *n 0 when the folder cannot be read.
 */
static char **
list_dir(const char *dir, bool (*keep)(const char *), size_t *n)
{
	DIR *dp = opendir(dir[0] != '\0' ? dir : ".");
	struct dirent *de;
	char **names = NULL;

	*n = 0;
	if (dp == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.' || !keep(de->d_name))
			continue;
		if (*n >= MAX_MODULE_FILES)
			break;
		names = pl_grow(names, *n, sizeof(*names));
		names[(*n)++] = pl_xstrdup(de->d_name);
	}
	closedir(dp);
	if (*n > 1)
		qsort(names, *n, sizeof(*names), name_cmp);
	return names;
}

static bool
keep_config(const char *name)
{
	return pl_tf_is_config(name);
}

static bool
keep_tfvars(const char *name)
{
	return is_tfvars(name);
}

static void
free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* How many labels a JSON block has (json/spec.md needs the schema). */
static int
json_labels(void *ctx, const struct pl_hcl_block *parent, const char *name)
{
	(void)ctx;
	if (parent != NULL)
		/* Inside a resource everything is an attribute but the v4
		 * data block, which the JSON form writes as an object. */
		return -1;
	if (strcmp(name, "resource") == 0 || strcmp(name, "data") == 0)
		return 2;
	if (strcmp(name, "variable") == 0 || strcmp(name, "module") == 0 ||
	    strcmp(name, "output") == 0 || strcmp(name, "provider") == 0)
		return 1;
	if (strcmp(name, "locals") == 0 || strcmp(name, "terraform") == 0 ||
	    strcmp(name, "moved") == 0 || strcmp(name, "import") == 0 ||
	    strcmp(name, "check") == 0 || strcmp(name, "removed") == 0)
		return 0;
	return -1;
}

/* A reader's finding at a place of a file of the module. */
static void
report(struct tf_ctx *c, enum pl_fixed_rule rule, int file,
    const struct pl_hcl_range *at, const char *pointer, const char *name,
    const char *type, const char *reason)
{
	struct pl_loc loc;
	struct pl_subject s = { .name = name, .type = type };
	struct pl_vars v = { .reason = reason };

	memset(&loc, 0, sizeof(loc));
	if (file >= 0)
		loc.file = c->z->files[c->files[file].zfile];
	if (at != NULL) {
		loc.line = at->line;
		loc.col = at->col;
	}
	loc.pointer = pointer;
	loc.recno = c->z->nrecs;
	if (rule == PL_RULE_SYNTAX_ERROR)
		c->nerrors++;
	pl_read_report(c->d, rule, &loc, &s, &v);
}

/*
 * Adds one file of the module: the input's own text (data given) or read
 * from the folder.  Returns its index, or -1 after a message.
 */
static int
add_file(struct tf_ctx *c, const char *path, const char *data, size_t len)
{
	struct tf_file *f;
	char *err = NULL;

	c->files = pl_grow(c->files, c->nfiles, sizeof(*c->files));
	f = &c->files[c->nfiles];
	memset(f, 0, sizeof(*f));
	f->path = pl_xstrdup(path);
	f->json = ends_with(path, ".json");
	/* A fix being checked reads the module's other files as fixed. */
	for (size_t i = 0; data == NULL && c->nfiles > 0 &&
	    i < c->o->noverlay; i++)
		if (strcmp(c->o->overlay[i].path, path) == 0) {
			data = c->o->overlay[i].data;
			len = c->o->overlay[i].len;
		}
	if (data != NULL) {
		f->data = (char *)(uintptr_t)data;
		f->len = len;
	} else {
		if (pl_file_map(path, MAX_MODULE_BYTES, &f->data, &f->len,
		    &f->mapped, &err) != 0) {
			pl_warn("%s", err);
			free(err);
			free(f->path);
			return -1;
		}
		f->owned = true;
	}
	f->zfile = c->nfiles == 0 ? 0 : pl_zone_add_file(c->z, path);
	/* What --fix must find unchanged before it rewrites the file (the
	 * pipeline remembers the input itself). */
	if (c->o->file_ids && c->nfiles > 0)
		pl_zone_set_file_id(c->z, f->zfile, path, f->data, f->len);
	f->hcl = f->json ? pl_hcl_parse_json(f->data, f->len, json_labels,
	    NULL) : pl_hcl_parse(f->data, f->len);
	return (int)c->nfiles++;
}

/* The file whose tree holds node p (origins may be in any file). */
static int
file_of(const struct tf_ctx *c, const void *p)
{
	for (size_t i = 0; i < c->nfiles; i++)
		if (c->files[i].hcl != NULL &&
		    pl_arena_owns(&c->files[i].hcl->arena, p))
			return (int)i;
	return -1;
}

/* ---- Variables, locals, references ------------------------------------ */

static struct tf_var *
find_var(struct tf_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->nvars; i++)
		if (strcmp(c->vars[i].name, name) == 0)
			return &c->vars[i];
	return NULL;
}

static struct tf_local *
find_local(struct tf_ctx *c, const char *name)
{
	for (size_t i = 0; i < c->nlocals; i++)
		if (strcmp(c->locals[i].name, name) == 0)
			return &c->locals[i];
	return NULL;
}

/* A string, bool or number literal without the evaluator (the bulk of a
 * DNS module's values); false when e is anything else. */
static bool
literal(const struct pl_hcl_expr *e, struct pl_hcl_value *out)
{
	memset(out, 0, sizeof(*out));
	out->origin = e;
	if (e->kind == PL_HCL_EXPR_TEMPLATE && e->n == 0) {
		out->type = PL_HCL_STRING;
		out->n = e->u.tmpl.len;
		out->u.str = e->u.tmpl.str;
		return true;
	}
	if (e->kind == PL_HCL_EXPR_LITERAL) {
		switch (e->u.lit.type) {
		case PL_HCL_LIT_BOOL:
			out->type = PL_HCL_BOOL;
			out->u.b = e->u.lit.b;
			return true;
		case PL_HCL_LIT_NUMBER:
			out->type = PL_HCL_NUMBER;
			out->u.num = e->u.lit.num;
			return true;
		case PL_HCL_LIT_NULL:
			out->type = PL_HCL_NULL;
			return true;
		default:
			break;
		}
	}
	return false;
}

/*
 * Reports the evaluator's last error, at the file c->err_file names (or
 * file).  Not when a user of a broken local failed (err_file -2: the local
 * was reported), and a limit only once: it fails every later evaluation
 * of the module, so one message says why the rest was not evaluated.
 */
static void
eval_failed(struct tf_ctx *c, int file)
{
	const struct pl_hcl_diag *err = pl_hcl_eval_error(c->ev);

	if (err == NULL || c->err_file == -2)
		return;
	if (err->kind == PL_HCL_DIAG_LIMIT) {
		char msg[512];

		if (c->limit_reported)
			return;
		c->limit_reported = true;
		(void)snprintf(msg, sizeof(msg), "%s; no later expression of "
		    "this module is evaluated", err->msg);
		report(c, PL_RULE_SYNTAX_ERROR, c->err_file >= 0 ?
		    c->err_file : file, &err->range, NULL, NULL, NULL, msg);
		return;
	}
	report(c, PL_RULE_SYNTAX_ERROR, c->err_file >= 0 ? c->err_file : file,
	    &err->range, NULL, NULL, NULL, err->msg);
}

/*
 * Evaluates e (of file) into *out.  Returns 0, or -1 after reporting the
 * failure at its place (once: an error inside a local is reported there).
 */
static int
eval(struct tf_ctx *c, int file, const struct pl_hcl_expr *e,
    struct pl_hcl_value *out)
{
	int saved = c->cur_file;

	if (literal(e, out))
		return 0;
	c->cur_file = file;
	c->err_file = -1;
	if (pl_hcl_eval_expr(c->ev, e, out) == 0) {
		c->cur_file = saved;
		return 0;
	}
	c->cur_file = saved;
	eval_failed(c, file);
	return -1;
}

/* "local.a -> local.b -> local.a". */
static void
cycle_text(struct tf_ctx *c, const struct tf_local *l, struct pl_buf *b)
{
	size_t k = 0;

	while (k < c->nbusy && c->busy[k] != l)
		k++;
	pl_buf_reset(b);
	for (size_t i = k; i < c->nbusy; i++)
		pl_buf_addf(b, "local.%s -> ", c->busy[i]->name);
	pl_buf_addf(b, "local.%s", l->name);
}

static int
eval_local(struct tf_ctx *c, struct tf_local *l, struct pl_hcl_value *out,
    const struct pl_hcl_expr *ref)
{
	int saved = c->cur_file, rc;

	switch (l->state) {
	case L_DONE:
		*out = l->val;
		return 0;
	case L_FAILED:
		/* Reported where it failed; the user of it fails quietly. */
		c->err_file = -2;
		return pl_hcl_eval_fail(c->ev, &ref->range, "local.%s has no "
		    "value", l->name);
	case L_BUSY:
		cycle_text(c, l, &c->tmp);
		c->err_file = l->file;
		return pl_hcl_eval_fail(c->ev, &l->attr->name_range, "local.%s "
		    "refers to itself: %s", l->name, c->tmp.buf);
	default:
		break;
	}
	l->state = L_BUSY;
	c->busy = pl_grow(c->busy, c->nbusy, sizeof(*c->busy));
	c->busy[c->nbusy++] = l;
	c->cur_file = l->file;
	rc = pl_hcl_eval_expr(c->ev, l->attr->expr, &l->val);
	c->cur_file = saved;
	c->nbusy--;
	if (rc != 0) {
		l->state = L_FAILED;
		if (c->err_file == -1)
			c->err_file = l->file;
		return -1;
	}
	l->state = L_DONE;
	*out = l->val;
	return 0;
}

static int
resolve(void *vc, struct pl_hcl_eval *ev, const struct pl_hcl_expr *ref,
    const char *root, const struct pl_hcl_step *steps, size_t nsteps,
    size_t *used, struct pl_hcl_value *out)
{
	struct tf_ctx *c = vc;
	const char *attr = nsteps > 0 && steps[0].kind == PL_HCL_STEP_ATTR ?
	    steps[0].name : NULL;

	*used = attr != NULL ? 1 : 0;
	if (c->in_default) {
		/* A default cannot refer to anything (Terraform says so). */
		*used = nsteps;
		pl_hcl_value_unknown(out, "a variable default refers to a "
		    "value");
		return 0;
	}
	if (strcmp(root, "var") == 0 && attr != NULL) {
		struct tf_var *v = find_var(c, attr);

		/*
		 * Undeclared: declared in a file of the module that is not
		 * here (a file lifted out of its repository), so unknown,
		 * not an error; Terraform's own validate says more.
		 */
		if (v == NULL)
			pl_hcl_value_unknown(out, "a variable is not declared "
			    "in this folder");
		else if (!v->has)
			pl_hcl_value_unknown(out, "a variable has no value");
		else
			*out = v->val;
		return 0;
	}
	if (strcmp(root, "local") == 0 && attr != NULL) {
		struct tf_local *l = find_local(c, attr);

		if (l == NULL) {
			pl_hcl_value_unknown(out, "a local value is not "
			    "defined in this folder");
			return 0;
		}
		return eval_local(c, l, out, ref);
	}
	if (strcmp(root, "count") == 0 && attr != NULL &&
	    strcmp(attr, "index") == 0) {
		if (c->scope == NULL || !c->scope->has_count)
			return pl_hcl_eval_fail(ev, &ref->range, "count.index "
			    "is used in a resource that has no count");
		pl_hcl_value_number(out, c->scope->index);
		return 0;
	}
	if (strcmp(root, "each") == 0 && attr != NULL &&
	    (strcmp(attr, "key") == 0 || strcmp(attr, "value") == 0)) {
		if (c->scope == NULL || !c->scope->has_each)
			return pl_hcl_eval_fail(ev, &ref->range, "each.%s is "
			    "used in a resource that has no for_each", attr);
		*out = attr[0] == 'k' ? c->scope->key : c->scope->value;
		return 0;
	}
	*used = nsteps;
	pl_hcl_value_unknown(out, strcmp(root, "data") == 0 ?
	    "a data source is read only in a plan" :
	    strcmp(root, "module") == 0 ? "a module output is known only in "
	    "a plan" : "a resource attribute is known only after apply");
	return 0;
}

/* ---- Setup: variables, tfvars, locals, zones --------------------------- */

static bool
is_string_type(const struct pl_hcl_block *b)
{
	const struct pl_hcl_attr *t = pl_hcl_body_attr(&b->body, "type");

	return t == NULL || pl_hcl_expr_match(t->expr, "string", NULL, 0);
}

/*
 * Sets variable name to the value of e (a tfvars attribute), or of text
 * for --var: a string unless the variable's type says otherwise, when
 * Terraform reads it as an expression.
 */
static void
set_var(struct tf_ctx *c, const char *name, int file,
    const struct pl_hcl_expr *e)
{
	struct tf_var *v = find_var(c, name);
	struct pl_hcl_value val;

	if (v == NULL)
		return;		/* Terraform warns and goes on */
	c->in_default = true;
	if (eval(c, file, e, &val) == 0) {
		v->val = val;
		v->has = val.type != PL_HCL_UNKNOWN;
	}
	c->in_default = false;
}

/* Reads a tfvars file (HCL attributes, or a JSON object). */
static void
read_tfvars(struct tf_ctx *c, const char *path)
{
	int f = add_file(c, path, NULL, 0);
	const struct pl_hcl_file *h;

	if (f < 0)
		return;
	h = c->files[f].hcl;
	for (size_t i = 0; i < h->ndiags; i++)
		report(c, PL_RULE_SYNTAX_ERROR, f, &h->diags[i].range, NULL,
		    NULL, NULL, h->diags[i].msg);
	for (size_t i = 0; i < h->body.nattrs; i++)
		set_var(c, h->body.attrs[i].name, f, h->body.attrs[i].expr);
}

/* --var NAME=VALUE: a string, or an expression for a typed variable. */
static void
cli_var(struct tf_ctx *c, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *name;
	struct tf_var *v;

	if (eq == NULL || eq == arg)
		return;		/* options.c checked the form */
	name = pl_xstrndup(arg, (size_t)(eq - arg));
	if ((v = find_var(c, name)) != NULL) {
		if (v->string_type) {
			pl_hcl_value_string(c->ev, &v->val, eq + 1,
			    strlen(eq + 1));
			v->has = true;
		} else {
			struct pl_hcl_file *h = pl_hcl_parse_expr(eq + 1,
			    strlen(eq + 1));

			/* The tree outlives the value, whose strings may
			 * be its own: it is freed with the module. */
			if (h->ndiags == 0 && h->expr != NULL) {
				c->in_default = true;
				if (pl_hcl_eval_expr(c->ev, h->expr,
				    &v->val) == 0)
					v->has = true;
				c->in_default = false;
			}
			c->extra = pl_grow(c->extra, c->nextra,
			    sizeof(*c->extra));
			c->extra[c->nextra++] = h;
		}
	}
	free(name);
}

static void
add_var(struct tf_ctx *c, int file, const struct pl_hcl_block *b)
{
	const struct pl_hcl_attr *def;
	struct tf_var *v;

	if (b->nlabels != 1 || find_var(c, b->labels[0].name) != NULL)
		return;
	c->vars = pl_grow(c->vars, c->nvars, sizeof(*c->vars));
	v = &c->vars[c->nvars++];
	memset(v, 0, sizeof(*v));
	v->name = b->labels[0].name;
	v->blk = b;
	v->string_type = is_string_type(b);
	if ((def = pl_hcl_body_attr(&b->body, "default")) != NULL) {
		c->in_default = true;
		if (eval(c, file, def->expr, &v->val) == 0 &&
		    v->val.type != PL_HCL_NULL && v->val.type != PL_HCL_UNKNOWN)
			v->has = true;
		c->in_default = false;
	}
}

static void
add_locals(struct tf_ctx *c, int file, const struct pl_hcl_block *b)
{
	for (size_t i = 0; i < b->body.nattrs; i++) {
		struct tf_local *l;

		if (find_local(c, b->body.attrs[i].name) != NULL) {
			report(c, PL_RULE_SYNTAX_ERROR, file,
			    &b->body.attrs[i].name_range, NULL, NULL, NULL,
			    "a local value of this name is defined twice");
			continue;
		}
		c->locals = pl_grow(c->locals, c->nlocals, sizeof(*c->locals));
		l = &c->locals[c->nlocals++];
		memset(l, 0, sizeof(*l));
		l->name = b->body.attrs[i].name;
		l->attr = &b->body.attrs[i];
		l->file = file;
	}
}

static bool
is_record_type(const char *t)
{
	return strcmp(t, "cloudflare_record") == 0 ||
	    strcmp(t, "cloudflare_dns_record") == 0;
}

/* A known string attribute of a body, or NULL. */
static const char *
known_string(struct tf_ctx *c, int file, const struct pl_hcl_body *body,
    const char *name)
{
	const struct pl_hcl_attr *a = pl_hcl_body_attr(body, name);
	struct pl_hcl_value v;

	if (a == NULL || eval(c, file, a->expr, &v) != 0 ||
	    v.type != PL_HCL_STRING)
		return NULL;
	return v.u.str;
}

/* A zone name as a record's zone (lower case, with its dot), or NULL. */
static const char *
zone_name(struct tf_ctx *c, const char *s)
{
	size_t n;

	if (s == NULL || (n = strlen(s)) == 0 || n > 253 ||
	    !pl_text_is_token(s, n, false))
		return NULL;
	return pl_zone_intern(c->z, s, n);
}

/*
 * Notes a cloudflare_zone resource (its zone: "zone" in provider v4,
 * "name" in v5) or data source ("name", or v5's filter = { name }).
 */
static void
add_zone(struct tf_ctx *c, int file, const struct pl_hcl_block *b, bool data)
{
	struct tf_zoneref *zr;
	const char *name;

	if (b->nlabels != 2)
		return;
	name = known_string(c, file, &b->body, data ? "name" : "zone");
	if (name == NULL)
		name = known_string(c, file, &b->body, "name");
	if (name == NULL && data) {
		const struct pl_hcl_attr *f = pl_hcl_body_attr(&b->body,
		    "filter");
		struct pl_hcl_value v;
		const struct pl_hcl_value *n;

		if (f != NULL && eval(c, file, f->expr, &v) == 0 &&
		    (v.type == PL_HCL_OBJECT || v.type == PL_HCL_MAP) &&
		    (n = pl_hcl_value_get(&v, "name")) != NULL &&
		    n->type == PL_HCL_STRING)
			name = n->u.str;
	}
	c->zones = pl_grow(c->zones, c->nzones, sizeof(*c->zones));
	zr = &c->zones[c->nzones++];
	zr->data = data;
	zr->label = b->labels[1].name;
	zr->zone = zone_name(c, name);
}

/* The zone of a record: see the comment at the top. */
static const char *
record_zone(struct tf_ctx *c, const struct pl_hcl_body *body)
{
	const struct pl_hcl_attr *zid = pl_hcl_body_attr(body, "zone_id");
	const char *cap[1], *zone = NULL;
	bool data = false, found = false;

	if (c->o->origin != NULL)
		return pl_zone_intern(c->z, c->o->origin,
		    strlen(c->o->origin));
	if (zid != NULL) {
		if (pl_hcl_expr_match(zid->expr, "cloudflare_zone.*.id", cap,
		    1))
			found = true;
		else if (pl_hcl_expr_match(zid->expr,
		    "data.cloudflare_zone.*.id", cap, 1) ||
		    pl_hcl_expr_match(zid->expr,
		    "data.cloudflare_zone.*.zone_id", cap, 1))
			found = data = true;
		if (found) {
			for (size_t i = 0; i < c->nzones; i++)
				if (c->zones[i].data == data &&
				    strcmp(c->zones[i].label, cap[0]) == 0)
					return c->zones[i].zone;
			return NULL;
		}
	}
	/* The module's only zone. */
	for (size_t i = 0; i < c->nzones; i++) {
		if (c->zones[i].zone == NULL)
			continue;
		if (zone != NULL && zone != c->zones[i].zone)
			return NULL;
		zone = c->zones[i].zone;
	}
	return zone;
}

/* ---- Records ----------------------------------------------------------- */

/* What one instance of a record resource gives. */
struct tf_rec {
	int			 file;		/* of the resource block */
	const struct pl_hcl_block *blk;
	const char		*address;	/* in the arena */
	const struct pl_hcl_expr *elem;		/* for_each element, or NULL */
	const char		*zone;		/* interned, or NULL */
	const char		*owner;		/* interned */
	const char		*type_name;
	uint16_t		 type;
	uint32_t		 ttl;
	enum pl_proxy		 proxy;
	const struct pl_hcl_expr *proxied_at;	/* where its value is written */
	const struct pl_hcl_attr *proxied_attr;
};

/* Why a record was not linted: counted for the input's one note. */
static void
skip(struct tf_ctx *c, const char *address, const char *what)
{
	if (c->skipped++ == 0) {
		pl_buf_reset(&c->tmp);
		pl_buf_addf(&c->tmp, "the %s of %s", what, address);
		c->skip_what = pl_zone_strdup(c->z, c->tmp.buf, c->tmp.len);
		c->skip_why = c->unknown_why != NULL ? c->unknown_why :
		    "it is known only after a plan";
	}
}

/* An attribute of the resource, evaluated: its state, and in *v. */
static enum attr_state
get(struct tf_ctx *c, const struct tf_rec *r, const struct pl_hcl_body *body,
    const char *name, struct pl_hcl_value *v)
{
	const struct pl_hcl_attr *a = pl_hcl_body_attr(body, name);

	memset(v, 0, sizeof(*v));
	if (a == NULL)
		return S_ABSENT;
	if (eval(c, r->file, a->expr, v) != 0)
		return S_ERROR;
	if (v->type == PL_HCL_NULL)
		return S_NULL;
	if (v->type == PL_HCL_UNKNOWN) {
		c->unknown_why = v->u.why;
		return S_UNKNOWN;
	}
	return S_KNOWN;
}

/* A value as a string, as Terraform converts a number or bool to one. */
static const char *
as_string(struct tf_ctx *c, const struct pl_hcl_value *v)
{
	char buf[PL_HCL_NUMBUF];

	switch (v->type) {
	case PL_HCL_STRING:
		return v->u.str;
	case PL_HCL_NUMBER:
		pl_hcl_number_format(v->u.num, buf);
		return pl_zone_strdup(c->z, buf, strlen(buf));
	case PL_HCL_BOOL:
		return v->u.b ? "true" : "false";
	default:
		return NULL;
	}
}

/* A whole number in [0, max], from a number or a numeric string. */
static bool
as_uint(const struct pl_hcl_value *v, unsigned long max, unsigned long *out)
{
	if (v->type == PL_HCL_NUMBER) {
		if (!(v->u.num >= 0 && v->u.num <= (double)max) ||
		    v->u.num != floor(v->u.num))
			return false;
		*out = (unsigned long)v->u.num;
		return true;
	}
	return v->type == PL_HCL_STRING &&
	    pl_text_uint(v->u.str, v->n, max, out);
}

/*
 * The owner of a record: name as the API takes it, against zone.  Returns
 * the interned name, or NULL with *why.
 */
static const char *
owner_of(struct tf_ctx *c, const char *zone, const char *name,
    const char **why)
{
	size_t n = strlen(name), zn;

	if (n == 0) {
		*why = "empty record name";
		return NULL;
	}
	if (!pl_text_is_token(name, n, true) || n > 253) {
		*why = "invalid record name";
		return NULL;
	}
	if (strcmp(name, "@") == 0) {
		if (zone != NULL)
			return zone;
		name = "@";
	}
	if (name[n - 1] == '.')
		return pl_zone_intern(c->z, name, n);
	if (zone == NULL) {
		/* Linted as written; the zone-unknown note says why. */
		if (c->relative++ == 0)
			c->relative_first = pl_zone_strdup(c->z, name, n);
		return pl_zone_intern(c->z, name, n);
	}
	zn = strlen(zone) - 1;
	if ((n == zn && pl_strncaseeq(name, zone, zn)) || (n > zn &&
	    name[n - zn - 1] == '.' && pl_strncaseeq(name + n - zn, zone, zn)))
		return pl_zone_intern(c->z, name, n);
	pl_buf_reset(&c->tmp);
	pl_buf_add(&c->tmp, name, n);
	pl_buf_addc(&c->tmp, '.');
	pl_buf_add(&c->tmp, zone, zn);
	return pl_zone_intern(c->z, c->tmp.buf, c->tmp.len);
}

/* A target as the API takes it: "@" the zone; every name absolute. */
static const char *
target_of(struct tf_ctx *c, const char *zone, const char *t)
{
	size_t n = strlen(t);

	if (strcmp(t, "@") == 0)
		return zone;
	if (n == 0 || n > 253 || !pl_text_is_token(t, n, true))
		return NULL;
	return pl_zone_intern(c->z, t, n);
}

/*
 * The v4 data block or the v5 data object: a field of it, evaluated.
 */
static enum attr_state
data_get(struct tf_ctx *c, const struct tf_rec *r,
    const struct pl_hcl_value *data_obj, const struct pl_hcl_block *data_blk,
    const char *name, struct pl_hcl_value *v)
{
	if (data_blk != NULL)
		return get(c, r, &data_blk->body, name, v);
	if (data_obj != NULL) {
		const struct pl_hcl_value *f = pl_hcl_value_get(data_obj, name);

		memset(v, 0, sizeof(*v));
		if (f == NULL || f->type == PL_HCL_NULL)
			return S_ABSENT;
		*v = *f;
		return f->type == PL_HCL_UNKNOWN ? S_UNKNOWN : S_KNOWN;
	}
	return S_ABSENT;
}

/* Appends a number field of data (or the record) to c->text; returns the
 * state (S_KNOWN when added), *why on a bad value. */
static enum attr_state
add_num(struct tf_ctx *c, enum attr_state st, const struct pl_hcl_value *v,
    unsigned long max, const char *what, const char **why)
{
	unsigned long n;

	if (st == S_ABSENT || st == S_NULL) {
		n = 0;		/* the provider sends 0 */
		pl_buf_addf(&c->text, "%s0", c->text.len > 0 ? " " : "");
		return S_KNOWN;
	}
	if (st != S_KNOWN)
		return st;
	if (!as_uint(v, max, &n)) {
		*why = what;
		return S_ERROR;
	}
	pl_buf_addf(&c->text, "%s%lu", c->text.len > 0 ? " " : "", n);
	return S_KNOWN;
}

/*
 * Builds the record's RDATA in c->text (presentation format) and its
 * target.  Returns S_KNOWN, S_UNKNOWN (the content is known only in a
 * plan), or S_ERROR with *why.
 */
static enum attr_state
build_rdata(struct tf_ctx *c, const struct tf_rec *r,
    const struct pl_hcl_body *body, const char **target, const char **why)
{
	struct pl_hcl_value cv, dv, pv, f[4];
	const struct pl_hcl_block *data_blk = NULL;
	const struct pl_hcl_value *data_obj = NULL;
	enum attr_state cst, dst = S_ABSENT, pst, st[4];
	const char *content = NULL, *t;

	*target = NULL;
	pl_buf_reset(&c->text);
	/* Provider v4 took "value", later ones "content". */
	cst = get(c, r, body, "content", &cv);
	if (cst == S_ABSENT || cst == S_NULL)
		cst = get(c, r, body, "value", &cv);
	if (cst == S_ERROR)
		return S_ERROR;
	if (cst == S_KNOWN && (content = as_string(c, &cv)) == NULL) {
		*why = "'content' is not a string";
		return S_ERROR;
	}
	for (size_t i = 0; i < body->nblocks; i++)
		if (strcmp(body->blocks[i].type, "data") == 0)
			data_blk = &body->blocks[i];
	if (data_blk != NULL)
		dst = S_KNOWN;
	else if ((dst = get(c, r, body, "data", &dv)) == S_KNOWN) {
		if (dv.type == PL_HCL_OBJECT || dv.type == PL_HCL_MAP)
			data_obj = &dv;
		else if ((dv.type == PL_HCL_TUPLE || dv.type == PL_HCL_LIST) &&
		    dv.n == 1 && (pl_hcl_value_elem(&dv, 0)->type ==
		    PL_HCL_OBJECT || pl_hcl_value_elem(&dv, 0)->type ==
		    PL_HCL_MAP))
			data_obj = pl_hcl_value_elem(&dv, 0);
		else {
			*why = "'data' is not an object";
			return S_ERROR;
		}
	} else if (dst == S_ERROR)
		return S_ERROR;
	switch (r->type) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
		if (cst != S_KNOWN)
			return cst == S_UNKNOWN ? S_UNKNOWN : (*why =
			    "no 'content'", S_ERROR);
		pl_buf_adds(&c->text, content);
		return S_KNOWN;
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_DNAME:
		if (cst != S_KNOWN)
			return cst == S_UNKNOWN ? S_UNKNOWN : (*why =
			    "no 'content'", S_ERROR);
		if ((*target = target_of(c, r->zone, content)) == NULL) {
			*why = "invalid target name";
			return S_ERROR;
		}
		pl_buf_adds(&c->text, *target);
		return S_KNOWN;
	case LDNS_RR_TYPE_MX:
		if (cst != S_KNOWN)
			return cst == S_UNKNOWN ? S_UNKNOWN : (*why =
			    "no 'content'", S_ERROR);
		pst = get(c, r, body, "priority", &pv);
		if ((pst = add_num(c, pst, &pv, 65535, "invalid 'priority'",
		    why)) != S_KNOWN)
			return pst;
		if ((*target = target_of(c, r->zone, content)) == NULL) {
			*why = "invalid mail exchanger name";
			return S_ERROR;
		}
		pl_buf_addf(&c->text, " %s", *target);
		return S_KNOWN;
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_SPF:
		if (cst != S_KNOWN)
			return cst == S_UNKNOWN ? S_UNKNOWN : (*why =
			    "no 'content'", S_ERROR);
		/* Cloudflare takes the text itself; quoted content is in
		 * presentation format already. */
		if (content[0] == '"')
			pl_buf_adds(&c->text, content);
		else
			pl_text_txt(&c->text, content, strlen(content));
		return S_KNOWN;
	case LDNS_RR_TYPE_SRV:
		if (dst == S_KNOWN) {
			static const char *const names[4] = { "priority",
			    "weight", "port", "target" };

			for (int i = 0; i < 4; i++)
				if ((st[i] = data_get(c, r, data_obj, data_blk,
				    names[i], &f[i])) == S_ERROR)
					return S_ERROR;
			/* v5 may keep the priority beside the data. */
			if (st[0] == S_ABSENT)
				st[0] = get(c, r, body, "priority", &f[0]);
			for (int i = 0; i < 3; i++)
				if ((st[i] = add_num(c, st[i], &f[i], 65535,
				    "invalid SRV number", why)) != S_KNOWN)
					return st[i];
			if (st[3] != S_KNOWN)
				return st[3] == S_UNKNOWN ? S_UNKNOWN :
				    (*why = "no SRV target", S_ERROR);
			if ((t = as_string(c, &f[3])) == NULL ||
			    (*target = target_of(c, r->zone, t)) == NULL) {
				*why = "invalid SRV target";
				return S_ERROR;
			}
			pl_buf_addf(&c->text, " %s", *target);
			return S_KNOWN;
		}
		if (cst != S_KNOWN)
			return cst == S_UNKNOWN ? S_UNKNOWN : (*why =
			    "no 'content' or 'data'", S_ERROR);
		{
			/* The API writes "weight port target", priority
			 * apart. */
			int fields = 1;

			for (const char *p = content; *p != '\0'; p++)
				if (*p == ' ' && p[1] != ' ' && p[1] != '\0')
					fields++;
			if (fields == 3) {
				pst = get(c, r, body, "priority", &pv);
				if ((pst = add_num(c, pst, &pv, 65535,
				    "invalid 'priority'", why)) != S_KNOWN)
					return pst;
				pl_buf_addc(&c->text, ' ');
			}
		}
		pl_buf_adds(&c->text, content);
		return S_KNOWN;
	case LDNS_RR_TYPE_CAA:
		if (cst != S_KNOWN && dst == S_KNOWN) {
			st[0] = data_get(c, r, data_obj, data_blk, "flags",
			    &f[0]);
			st[1] = data_get(c, r, data_obj, data_blk, "tag",
			    &f[1]);
			st[2] = data_get(c, r, data_obj, data_blk, "value",
			    &f[2]);
			if (st[0] == S_ERROR || st[1] == S_ERROR ||
			    st[2] == S_ERROR)
				return S_ERROR;
			if (st[1] == S_UNKNOWN || st[2] == S_UNKNOWN)
				return S_UNKNOWN;
			if ((st[0] = add_num(c, st[0], &f[0], 255,
			    "invalid CAA flags", why)) != S_KNOWN)
				return st[0];
			if (st[1] != S_KNOWN || st[2] != S_KNOWN ||
			    (t = as_string(c, &f[1])) == NULL ||
			    !pl_text_is_token(t, strlen(t), false) ||
			    as_string(c, &f[2]) == NULL) {
				*why = "CAA data needs a tag and a value";
				return S_ERROR;
			}
			pl_buf_addf(&c->text, " %s ", t);
			t = as_string(c, &f[2]);
			pl_text_quoted(&c->text, t, strlen(t));
			return S_KNOWN;
		}
		break;
	default:
		break;
	}
	if (cst == S_KNOWN) {
		pl_buf_adds(&c->text, content);
		return S_KNOWN;
	}
	if (cst == S_UNKNOWN || dst == S_UNKNOWN)
		return S_UNKNOWN;
	if (dst == S_KNOWN) {
		/* A data block this reader does not translate (LOC, CERT,
		 * ...): kept as "(data)", unchecked. */
		pl_buf_adds(&c->text, "(data)");
		return S_KNOWN;
	}
	*why = "no 'content'";
	return S_ERROR;
}

/* Is the type's RDATA checked, or kept as given when ldns cannot read it
 * (Cloudflare's content of other types may differ from zone syntax)? */
static bool
is_checked_type(uint16_t type)
{
	switch (type) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_MX:
	case LDNS_RR_TYPE_SRV:
	case LDNS_RR_TYPE_TXT:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
		return true;
	default:
		return false;
	}
}

/* Tags as one comma-separated string in the arena, or NULL. */
static const char *
tags_of(struct tf_ctx *c, const struct tf_rec *r,
    const struct pl_hcl_body *body)
{
	struct pl_hcl_value v;
	struct pl_buf b;
	const char *tags;

	if (get(c, r, body, "tags", &v) != S_KNOWN || (v.type != PL_HCL_TUPLE &&
	    v.type != PL_HCL_LIST && v.type != PL_HCL_SET) || v.n == 0)
		return NULL;
	pl_buf_init(&b);
	for (uint32_t i = 0; i < v.n && i < MAX_TAGS; i++) {
		const char *s = as_string(c, pl_hcl_value_elem(&v, i));

		if (s == NULL)
			continue;
		if (b.len > 0)
			pl_buf_addc(&b, ',');
		pl_buf_adds(&b, s);
	}
	tags = b.len > 0 ? pl_zone_strdup(c->z, b.buf, b.len) : NULL;
	pl_buf_release(&b);
	return tags;
}

/* Where a record's finding goes: the literal of its proxied value, the
 * attribute, the for_each element, or the block. */
static void
place(const struct tf_ctx *c, const struct tf_rec *r, uint16_t *zfile,
    uint32_t *line, uint32_t *col)
{
	const struct pl_hcl_range *at = &r->blk->type_range;
	int file = r->file;

	/* The literal in the for_each element the record came from. */
	if (r->proxied_at != NULL && r->elem != NULL &&
	    file_of(c, r->proxied_at) == file_of(c, r->elem) &&
	    r->proxied_at->range.start >= r->elem->range.start &&
	    r->proxied_at->range.end <= r->elem->range.end) {
		file = file_of(c, r->elem);
		at = &r->proxied_at->range;
	} else if (r->proxied_attr != NULL)
		at = &r->proxied_attr->name_range;
	else if (r->elem != NULL) {
		int f = file_of(c, r->elem);

		if (f >= 0) {
			file = f;
			at = &r->elem->range;
		}
	}
	*zfile = c->files[file].zfile;
	*line = at->line;
	*col = at->col;
}

/*
 * The fix anchor of record rec (anchor.h): the literal of its proxied
 * value when it is written in its own block or in the for_each element it
 * came from, a new line after the block's first attribute when it has no
 * proxied (the provider's default is DNS-only), else why not.
 */
static void
anchor(struct tf_ctx *c, const struct tf_rec *r, uint32_t rec)
{
	const struct pl_hcl_expr *o = r->proxied_at;
	const struct pl_hcl_range *at;
	const struct tf_file *tf;
	static const char *const lit[][2] = {
		{ "false", "true" }, { "\"false\"", "\"true\"" },
	};
	int f;

	if (r->proxied_attr == NULL) {
		const struct pl_hcl_body *body = &r->blk->body;
		const char *p, *q, *e;
		char *line;

		tf = &c->files[r->file];
		if (tf->json || body->nattrs == 0) {
			pl_anchor_refuse(c->z, rec, tf->json ? "the block has "
			    "no proxied attribute (JSON syntax: add it by hand)" :
			    "the block has no attribute to place proxied after");
			return;
		}
		/* After the line where the first attribute ends, in its
		 * indentation. */
		at = &body->attrs[0].range;
		p = tf->data + body->attrs[0].name_range.start;
		for (q = p; q > tf->data && (q[-1] == ' ' || q[-1] == '\t');
		    q--)
			;
		e = memchr(tf->data + at->end, '\n', tf->len - at->end);
		if (e == NULL || (q > tf->data && q[-1] != '\n')) {
			pl_anchor_refuse(c->z, rec, "the block's first "
			    "attribute does not start a line");
			return;
		}
		line = pl_xasprintf("%.*sproxied = true%s", (int)(p - q), q,
		    e > tf->data && e[-1] == '\r' ? "\r\n" : "\n");
		pl_anchor_insert(c->z, rec, tf->zfile,
		    (uint64_t)(e + 1 - tf->data), NULL,
		    pl_zone_strdup(c->z, line, strlen(line)));
		free(line);
		return;
	}
	if (o == NULL || (f = file_of(c, o)) < 0) {
		pl_anchor_refuse(c->z, rec, "proxied is computed by an "
		    "expression");
		return;
	}
	at = &o->range;
	/* Only a literal of this record: the attribute's own value, or
	 * the for_each element's.  A variable's default or a local is
	 * shared with other resources. */
	if (!(o == r->proxied_attr->expr || (r->elem != NULL &&
	    file_of(c, r->elem) == f && at->start >= r->elem->range.start &&
	    at->end <= r->elem->range.end))) {
		pl_anchor_refuse(c->z, rec, "proxied comes from a variable, a "
		    "local or another expression; change it there");
		return;
	}
	tf = &c->files[f];
	for (size_t i = 0; i < sizeof(lit) / sizeof(lit[0]); i++)
		for (int v = 0; v < 2; v++) {
			size_t n = strlen(lit[i][v]);

			if (at->end - at->start == n && at->end <= tf->len &&
			    memcmp(tf->data + at->start, lit[i][v], n) == 0) {
				pl_anchor_replace(c->z, rec, tf->zfile,
				    at->start, (uint32_t)n, lit[i][v],
				    lit[i][0], lit[i][1]);
				return;
			}
		}
	pl_anchor_refuse(c->z, rec, "proxied is not written as true or "
	    "false there");
}

/* Adds the record r with RDATA in c->text. */
static void
add_record(struct tf_ctx *c, struct tf_rec *r, const struct pl_hcl_body *body,
    const char *target)
{
	struct pl_hcl_value v;
	struct pl_record *rec;
	ldns_rr *rr = NULL;
	uint8_t addr[16];
	const char *comment, *tags;
	uint32_t line, col;
	uint16_t zfile;
	bool fast = false;

	if (r->type == LDNS_RR_TYPE_A || r->type == LDNS_RR_TYPE_AAAA) {
		if (inet_pton(r->type == LDNS_RR_TYPE_A ? AF_INET : AF_INET6,
		    c->text.buf, addr) != 1) {
			report(c, PL_RULE_SYNTAX_ERROR, r->file,
			    &r->blk->type_range, r->address, r->owner,
			    r->type_name, "invalid address");
			return;
		}
		fast = true;
	} else if (target != NULL || r->type == LDNS_RR_TYPE_TXT ||
	    r->type == LDNS_RR_TYPE_SPF)
		fast = true;	/* checked above; ldns adds nothing */
	if (!fast) {
		size_t rdata = c->text.len;
		ldns_status st;

		pl_buf_addc(&c->text, '\0');
		pl_buf_reset(&c->tmp);
		pl_buf_addf(&c->tmp, "%s %u IN %s %s", r->owner,
		    (unsigned)r->ttl, r->type_name, c->text.buf);
		st = ldns_rr_new_frm_str(&rr, c->tmp.buf, r->ttl, c->root,
		    NULL);
		c->text.len = rdata;
		if (st != LDNS_STATUS_OK) {
			rr = NULL;
			if (is_checked_type(r->type)) {
				report(c, PL_RULE_SYNTAX_ERROR, r->file,
				    &r->blk->type_range, r->address, r->owner,
				    r->type_name, ldns_get_errorstr_by_id(st));
				return;
			}
		}
	}
	place(c, r, &zfile, &line, &col);
	rec = pl_zone_add(c->z);
	rec->owner = r->owner;
	rec->type = r->type;
	rec->ttl = r->ttl;
	rec->proxy = (uint8_t)r->proxy;
	rec->file = zfile;
	rec->line = line;
	pl_rec_set_pointer(c->z, rec, r->address);
	if (rr != NULL) {
		pl_record_fill(c->z, rec, rr);
		ldns_rr_free(rr);
	} else if (r->type == LDNS_RR_TYPE_A || r->type == LDNS_RR_TYPE_AAAA) {
		rec->family = r->type == LDNS_RR_TYPE_A ? 4 : 6;
		memcpy(rec->addr, addr, rec->family == 4 ? 4 : 16);
	} else {
		rec->target = target;
		rec->content = pl_zone_strdup(c->z, c->text.buf, c->text.len);
	}
	if (r->type == LDNS_RR_TYPE_SRV && rr == NULL) {
		unsigned long port;
		const char *p = c->text.buf, *sp1, *sp2;

		/* "priority weight port target" */
		if ((sp1 = strchr(p, ' ')) != NULL &&
		    (sp2 = strchr(sp1 + 1, ' ')) != NULL &&
		    pl_text_uint(sp2 + 1, strcspn(sp2 + 1, " "), 65535, &port))
			rec->port = (uint16_t)port;
	}
	if (col > 0)
		pl_rec_set_col(c->z, rec, col);
	if (get(c, r, body, "comment", &v) == S_KNOWN &&
	    (comment = as_string(c, &v)) != NULL && comment[0] != '\0')
		pl_rec_set_comment(c->z, rec, pl_zone_strdup(c->z, comment,
		    strlen(comment)));
	if ((tags = tags_of(c, r, body)) != NULL)
		pl_rec_set_tags(c->z, rec, tags);
	anchor(c, r, c->z->nrecs - 1);
}

/* A record whose content is known only in a plan: in the zone, with
 * no content, unchecked. */
static void
unchecked(struct tf_ctx *c, const struct tf_rec *r)
{
	struct pl_record *rec = pl_zone_add(c->z);
	uint32_t line, col;
	uint16_t zfile;

	place(c, r, &zfile, &line, &col);
	rec->owner = r->owner;
	rec->type = r->type;
	rec->ttl = r->ttl;
	rec->proxy = (uint8_t)r->proxy;
	rec->file = zfile;
	rec->line = line;
	rec->flags = PL_REC_UNCHECKED;
	rec->content = "(known after apply)";
	pl_rec_set_pointer(c->z, rec, r->address);
	if (col > 0)
		pl_rec_set_col(c->z, rec, col);
}

/* One instance of a record resource, with c->scope set. */
static void
do_instance(struct tf_ctx *c, int file, const struct pl_hcl_block *b,
    const char *address, const struct pl_hcl_expr *elem)
{
	const struct pl_hcl_body *body = &b->body;
	struct tf_rec r;
	struct pl_hcl_value v;
	enum attr_state st;
	const char *name, *type, *target, *why = NULL;
	char tbuf[32];
	unsigned long ttl;

	memset(&r, 0, sizeof(r));
	r.file = file;
	r.blk = b;
	r.address = address;
	r.elem = elem;
	r.ttl = 1;

	/* proxied: a bool, or the strings "true" and "false"; unset is
	 * DNS-only, the provider's default. */
	r.proxied_attr = pl_hcl_body_attr(body, "proxied");
	switch (st = get(c, &r, body, "proxied", &v)) {
	case S_ERROR:
		return;
	case S_UNKNOWN:
		r.proxy = PL_PROXY_UNKNOWN;
		break;
	case S_ABSENT:
	case S_NULL:
		r.proxy = PL_PROXY_DNS_ONLY;
		break;
	default:
		if (v.type == PL_HCL_BOOL)
			r.proxy = v.u.b ? PL_PROXY_PROXIED : PL_PROXY_DNS_ONLY;
		else if (v.type == PL_HCL_STRING && strcmp(v.u.str, "true") ==
		    0)
			r.proxy = PL_PROXY_PROXIED;
		else if (v.type == PL_HCL_STRING && strcmp(v.u.str, "false") ==
		    0)
			r.proxy = PL_PROXY_DNS_ONLY;
		else {
			report(c, PL_RULE_SYNTAX_ERROR, file,
			    &r.proxied_attr->name_range, address, NULL, NULL,
			    "'proxied' is not true or false");
			return;
		}
		r.proxied_at = v.origin;
		break;
	}

	if ((st = get(c, &r, body, "type", &v)) == S_ERROR)
		return;
	if (st == S_UNKNOWN) {
		skip(c, address, "type");
		return;
	}
	if (st != S_KNOWN || (type = as_string(c, &v)) == NULL ||
	    type[0] == '\0' || strlen(type) >= sizeof(tbuf)) {
		report(c, PL_RULE_SYNTAX_ERROR, file, &b->type_range, address,
		    NULL, NULL, "no record type");
		return;
	}
	for (size_t i = 0; type[i] != '\0'; i++)
		tbuf[i] = (char)(type[i] >= 'a' && type[i] <= 'z' ?
		    type[i] - 32 : type[i]);
	tbuf[strlen(type)] = '\0';
	r.type_name = pl_zone_strdup(c->z, tbuf, strlen(tbuf));
	if ((r.type = (uint16_t)ldns_get_rr_type_by_name(tbuf)) == 0) {
		report(c, PL_RULE_SYNTAX_ERROR, file, &b->type_range, address,
		    NULL, type, "unknown record type");
		return;
	}

	if ((st = get(c, &r, body, "name", &v)) == S_ERROR)
		return;
	if (st == S_UNKNOWN) {
		skip(c, address, "name");
		return;
	}
	if (st != S_KNOWN || (name = as_string(c, &v)) == NULL) {
		report(c, PL_RULE_SYNTAX_ERROR, file, &b->type_range, address,
		    NULL, r.type_name, "no record name");
		return;
	}
	r.zone = record_zone(c, body);
	if ((r.owner = owner_of(c, r.zone, name, &why)) == NULL) {
		report(c, PL_RULE_SYNTAX_ERROR, file, &b->type_range, address,
		    name, r.type_name, why);
		return;
	}

	switch (get(c, &r, body, "ttl", &v)) {
	case S_ERROR:
		return;
	case S_KNOWN:
		if (!as_uint(&v, INT32_MAX, &ttl)) {
			report(c, PL_RULE_SYNTAX_ERROR, file, &b->type_range,
			    address, r.owner, r.type_name, "invalid 'ttl'");
			return;
		}
		r.ttl = (uint32_t)ttl;
		break;
	default:
		break;	/* unset or unknown: 1, automatic */
	}

	switch (build_rdata(c, &r, body, &target, &why)) {
	case S_UNKNOWN:
		/* Read (it counts), but no rule looks at it: its name and
		 * type are known, what it points to is not. */
		skip(c, address, "content");
		unchecked(c, &r);
		return;
	case S_ERROR:
		if (why != NULL)
			report(c, PL_RULE_SYNTAX_ERROR, file, &b->type_range,
			    address, r.owner, r.type_name, why);
		return;
	default:
		break;
	}
	add_record(c, &r, body, target);
}

/* cloudflare_record.web, cloudflare_record.web[0], ...["key"]. */
static const char *
address_of(struct tf_ctx *c, const struct pl_hcl_block *b, long index,
    const char *key)
{
	pl_buf_reset(&c->tmp);
	pl_buf_addf(&c->tmp, "%s.%s", b->labels[0].name, b->labels[1].name);
	if (index >= 0)
		pl_buf_addf(&c->tmp, "[%ld]", index);
	else if (key != NULL) {
		pl_buf_adds(&c->tmp, "[\"");
		for (const char *p = key; *p != '\0'; p++) {
			if (*p == '"' || *p == '\\')
				pl_buf_addc(&c->tmp, '\\');
			pl_buf_addc(&c->tmp, *p);
		}
		pl_buf_adds(&c->tmp, "\"]");
	}
	return pl_zone_strdup(c->z, c->tmp.buf, c->tmp.len);
}

/* A record resource: its instances, by count or for_each. */
static void
do_resource(struct tf_ctx *c, int file, const struct pl_hcl_block *b)
{
	const struct pl_hcl_attr *count = pl_hcl_body_attr(&b->body, "count");
	const struct pl_hcl_attr *each = pl_hcl_body_attr(&b->body,
	    "for_each");
	struct tf_scope scope;
	struct pl_hcl_value v;
	unsigned long n;

	memset(&scope, 0, sizeof(scope));
	c->dns_resources = true;
	if (count == NULL && each == NULL) {
		do_instance(c, file, b, address_of(c, b, -1, NULL), NULL);
		return;
	}
	if (count != NULL) {
		if (eval(c, file, count->expr, &v) != 0)
			return;
		if (v.type == PL_HCL_UNKNOWN) {
			c->unknown_why = v.u.why;
			skip(c, address_of(c, b, -1, NULL), "count");
			return;
		}
		if (!as_uint(&v, MAX_INSTANCES, &n)) {
			report(c, PL_RULE_SYNTAX_ERROR, file,
			    &count->name_range, NULL, NULL, NULL, "count is "
			    "not a whole number from 0 to 262144");
			return;
		}
		scope.has_count = true;
		c->scope = &scope;
		for (unsigned long i = 0; i < n; i++) {
			scope.index = (double)i;
			do_instance(c, file, b, address_of(c, b, (long)i,
			    NULL), NULL);
		}
		c->scope = NULL;
		return;
	}
	if (eval(c, file, each->expr, &v) != 0)
		return;
	if (v.type == PL_HCL_UNKNOWN) {
		c->unknown_why = v.u.why;
		skip(c, address_of(c, b, -1, NULL), "for_each");
		return;
	}
	scope.has_each = true;
	if (v.type == PL_HCL_OBJECT || v.type == PL_HCL_MAP) {
		c->scope = &scope;
		for (uint32_t i = 0; i < v.n; i++) {
			const struct pl_hcl_value *k = pl_hcl_value_key(&v, i);
			const struct pl_hcl_value *e = pl_hcl_value_elem(&v, i);

			scope.key = *k;
			scope.value = *e;
			do_instance(c, file, b, address_of(c, b, -1,
			    k->u.str), e->origin != NULL ? e->origin :
			    k->origin);
		}
		c->scope = NULL;
		return;
	}
	if (v.type == PL_HCL_SET) {
		c->scope = &scope;
		for (uint32_t i = 0; i < v.n; i++) {
			const struct pl_hcl_value *e = pl_hcl_value_elem(&v, i);

			if (e->type == PL_HCL_UNKNOWN) {
				c->unknown_why = e->u.why;
				skip(c, address_of(c, b, -1, NULL), "for_each");
				continue;
			}
			if (e->type != PL_HCL_STRING) {
				report(c, PL_RULE_SYNTAX_ERROR, file,
				    &each->name_range, NULL, NULL, NULL,
				    "for_each takes a map or a set of strings");
				break;
			}
			scope.key = *e;
			scope.value = *e;
			do_instance(c, file, b, address_of(c, b, -1, e->u.str),
			    e->origin);
		}
		c->scope = NULL;
		return;
	}
	report(c, PL_RULE_SYNTAX_ERROR, file, &each->name_range, NULL, NULL,
	    NULL, v.type == PL_HCL_TUPLE || v.type == PL_HCL_LIST ?
	    "for_each takes a map or a set of strings, not a list (wrap it "
	    "in toset())" : "for_each takes a map or a set of strings");
}

/* Does a syntax error of the file fall inside the block? */
static bool
broken(const struct pl_hcl_file *h, const struct pl_hcl_block *b)
{
	for (size_t i = 0; i < h->ndiags; i++)
		if (h->diags[i].range.start >= b->range.start &&
		    h->diags[i].range.start <= b->range.end)
			return true;
	return false;
}

/* ---- Suppressions ------------------------------------------------------ */

/* The records made from each resource block: [first, last) record index. */
struct block_recs {
	const struct pl_hcl_block *blk;
	int			   file;
	uint32_t		   first;
	uint32_t		   last;
};

/*
 * The directives of the module's comments: "# proxylint: ignore[ID]" (or
 * "//") inside a resource block, or on the comment lines right above it,
 * covers the block's records; ignore-file covers its file.
 */
static void
scan_directives(struct tf_ctx *c, const struct block_recs *br, size_t nbr)
{
	struct pl_suppressions *s = c->o->sup;

	if (s == NULL)
		return;
	for (size_t fi = 0; fi < c->nfiles; fi++) {
		const struct pl_hcl_file *h = c->files[fi].hcl;
		const char *fname = c->z->files[c->files[fi].zfile];

		for (size_t i = 0; h != NULL && i < h->ncomments; i++) {
			const struct pl_hcl_comment *cm = &h->comments[i];
			const struct block_recs *hit = NULL;
			uint32_t below = cm->range.end_line + 1;
			size_t first = s->n;

			if (memmem(cm->text, cm->len, PL_DIRECTIVE,
			    sizeof(PL_DIRECTIVE) - 1) == NULL)
				continue;
			/* Comment lines right below this one lead on. */
			for (size_t k = i + 1; k < h->ncomments &&
			    h->comments[k].range.line == below; k++)
				below = h->comments[k].range.end_line + 1;
			for (size_t k = 0; k < nbr && hit == NULL; k++) {
				const struct pl_hcl_range *br_r =
				    &br[k].blk->range;

				if (br[k].file != (int)fi)
					continue;
				if ((cm->range.start >= br_r->start &&
				    cm->range.end <= br_r->end) ||
				    br_r->line == below)
					hit = &br[k];
			}
			pl_suppressions_scan_comment(s, cm->text, cm->len,
			    fname, cm->range.line, 0, 0, NULL);
			for (size_t k = first; k < s->n && hit != NULL; k++) {
				s->v[k].rec_first = hit->first + 1;
				s->v[k].rec_last = hit->last;
			}
		}
	}
}

/* ---- The reader -------------------------------------------------------- */

static void
release(struct tf_ctx *c)
{
	for (size_t i = 0; i < c->nfiles; i++) {
		struct tf_file *f = &c->files[i];

		pl_hcl_file_free(f->hcl);
		if (f->owned)
			pl_file_release(f->data, f->len, f->mapped);
		free(f->path);
	}
	free(c->files);
	for (size_t i = 0; i < c->nextra; i++)
		pl_hcl_file_free(c->extra[i]);
	free(c->extra);
	free(c->vars);
	free(c->locals);
	free(c->busy);
	free(c->zones);
	if (c->ev != NULL)
		pl_hcl_eval_free(c->ev);
	if (c->root != NULL)
		ldns_rdf_deep_free(c->root);
	pl_buf_release(&c->text);
	pl_buf_release(&c->tmp);
}

/* Reads the module's files beside the input: the .tf and .tf.json ones. */
static void
read_module(struct tf_ctx *c, const char *path)
{
	char *dir = dir_of(path), **names;
	const char *base = path + strlen(dir);
	size_t n;

	names = list_dir(dir, keep_config, &n);
	for (size_t i = 0; i < n; i++) {
		char *p;

		if (strcmp(names[i], base) == 0)
			continue;	/* the input itself, read already */
		p = pl_xasprintf("%s%s", dir, names[i]);
		add_file(c, p, NULL, 0);
		free(p);
	}
	free_names(names, n);
	free(dir);
}

/* Applies tfvars files and --var / --var-file, in Terraform's order. */
static void
read_values(struct tf_ctx *c, const char *path)
{
	char *dir = path != NULL ? dir_of(path) : NULL, **names = NULL;
	size_t n = 0;

	if (dir != NULL)
		names = list_dir(dir, keep_tfvars, &n);
	/* terraform.tfvars, terraform.tfvars.json, then *.auto.tfvars and
	 * *.auto.tfvars.json in lexical order. */
	for (int pass = 0; pass < 3; pass++)
		for (size_t i = 0; i < n; i++) {
			bool take = pass == 0 ? strcmp(names[i],
			    "terraform.tfvars") == 0 : pass == 1 ?
			    strcmp(names[i], "terraform.tfvars.json") == 0 :
			    strncmp(names[i], "terraform.tfvars", 16) != 0;
			char *p;

			if (!take)
				continue;
			p = pl_xasprintf("%s%s", dir, names[i]);
			read_tfvars(c, p);
			free(p);
		}
	free_names(names, n);
	free(dir);
	for (size_t i = 0; i < c->o->ntf_vars; i++) {
		const struct pl_tf_var *v = &c->o->tf_vars[i];

		if (v->file)
			read_tfvars(c, v->arg);
		else
			cli_var(c, v->arg);
	}
}

/* The one note about records that could not be linted, and the zone. */
static void
notes(struct tf_ctx *c)
{
	struct pl_loc loc;
	struct pl_vars v;

	memset(&loc, 0, sizeof(loc));
	loc.recno = UINT32_MAX;
	if (c->skipped > 0) {
		memset(&v, 0, sizeof(v));
		v.count = c->skipped;
		pl_buf_reset(&c->tmp);
		pl_buf_addf(&c->tmp, "%s: %s%s", c->skip_what, c->skip_why,
		    c->skipped > 1 ? ", and the others like it" : "");
		v.detail = c->tmp.buf;
		pl_read_report(c->d, PL_RULE_NOT_KNOWN_BEFORE_PLAN, &loc, NULL,
		    &v);
	}
	if (c->relative > 0) {
		memset(&v, 0, sizeof(v));
		v.count = c->relative;
		pl_buf_reset(&c->tmp);
		if (c->relative > 1)
			pl_buf_addf(&c->tmp, "'%s' and %lu other relative names "
			    "are linted as written", c->relative_first,
			    c->relative - 1);
		else
			pl_buf_addf(&c->tmp, "the relative name '%s' is linted "
			    "as written", c->relative_first);
		v.detail = c->tmp.buf;
		pl_read_report(c->d, PL_RULE_ZONE_UNKNOWN, &loc, NULL, &v);
	}
}

int
pl_read_terraform(const char *data, size_t len, const struct pl_read_opts *o,
    struct pl_zone *z, struct pl_diags *d)
{
	struct tf_ctx c;
	struct block_recs *br = NULL;
	size_t nbr = 0;
	const char *path = o->path != NULL && strcmp(o->path, "-") != 0 ?
	    o->path : NULL;
	int rc = 0;

	memset(&c, 0, sizeof(c));
	c.z = z;
	c.d = d;
	c.o = o;
	c.cur_file = 0;
	c.err_file = -1;
	pl_buf_init(&c.text);
	pl_buf_init(&c.tmp);
	c.root = ldns_dname_new_frm_str(".");
	c.ev = pl_hcl_eval_new(resolve, &c);
	pl_anchor_spelling(z, "proxied = false", "proxied = true");
	/* The input first (its text as given), then the rest of its folder. */
	add_file(&c, path != NULL ? path : z->file, data, len);
	if (path != NULL && pl_tf_is_config(path))
		read_module(&c, path);
	for (size_t i = 0; i < c.nfiles; i++) {
		const struct pl_hcl_file *h = c.files[i].hcl;

		for (size_t k = 0; k < h->ndiags; k++)
			report(&c, PL_RULE_SYNTAX_ERROR, (int)i,
			    &h->diags[k].range, NULL, NULL, NULL,
			    h->diags[k].msg);
	}
	/* Declarations first, from every file: then any order works. */
	for (size_t i = 0; i < c.nfiles; i++) {
		const struct pl_hcl_body *body = &c.files[i].hcl->body;

		for (size_t k = 0; k < body->nblocks; k++) {
			const struct pl_hcl_block *b = &body->blocks[k];

			if (strcmp(b->type, "variable") == 0)
				add_var(&c, (int)i, b);
			else if (strcmp(b->type, "locals") == 0)
				add_locals(&c, (int)i, b);
		}
	}
	read_values(&c, path);
	/* Every local once, so that a broken one is reported where it is,
	 * used or not. */
	for (size_t i = 0; i < c.nlocals; i++) {
		struct pl_hcl_value v;
		struct tf_local *l = &c.locals[i];

		if (l->state != L_NEW)
			continue;
		c.err_file = -1;
		if (eval_local(&c, l, &v, l->attr->expr) != 0)
			eval_failed(&c, l->file);
	}
	for (size_t i = 0; i < c.nfiles; i++) {
		const struct pl_hcl_body *body = &c.files[i].hcl->body;

		for (size_t k = 0; k < body->nblocks; k++) {
			const struct pl_hcl_block *b = &body->blocks[k];

			if (b->nlabels == 2 && strcmp(b->labels[0].name,
			    "cloudflare_zone") == 0)
				add_zone(&c, (int)i, b, strcmp(b->type,
				    "data") == 0);
		}
	}
	for (size_t i = 0; i < c.nfiles; i++) {
		const struct pl_hcl_body *body = &c.files[i].hcl->body;

		for (size_t k = 0; k < body->nblocks; k++) {
			const struct pl_hcl_block *b = &body->blocks[k];

			if (strcmp(b->type, "resource") != 0 ||
			    b->nlabels != 2 || !is_record_type(b->labels[0].name))
				continue;
			/* A block with a syntax error was read only in part:
			 * the error says what to fix, a record built from the
			 * rest would be a guess. */
			if (broken(c.files[i].hcl, b)) {
				c.dns_resources = true;
				continue;
			}
			br = pl_grow(br, nbr, sizeof(*br));
			br[nbr].blk = b;
			br[nbr].file = (int)i;
			br[nbr].first = z->nrecs;
			do_resource(&c, (int)i, b);
			br[nbr++].last = z->nrecs;
		}
	}
	scan_directives(&c, br, nbr);
	notes(&c);
	z->origin = NULL;
	for (size_t i = 0; i < c.nzones; i++)
		if (c.zones[i].zone != NULL && (z->origin == NULL ||
		    z->origin == c.zones[i].zone))
			z->origin = c.zones[i].zone;
	if (o->origin != NULL)
		z->origin = pl_zone_intern(z, o->origin, strlen(o->origin));
	/* A module that could not be read in full may have held records:
	 * its errors are reported, not skipped as "no DNS here". */
	if (!c.dns_resources && c.nerrors == 0 && o->may_skip)
		rc = PL_READ_SKIPPED;
	free(br);
	release(&c);
	return rc;
}
