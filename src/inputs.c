/* inputs.c -- the inputs of a run, the config each one uses, and the pool */
/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxylint/anchor.h"
#include "proxylint/autofix.h"
#include "proxylint/inputs.h"
#include "proxylint/log.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

/* The context found for a folder, so that each folder is looked up once. */
struct pl_run_folder {
	char			*dir;
	struct pl_run_ctx	*ctx;
};

/* Folders nested deeper than this are refused (a loop of bind mounts). */
#define MAX_WALK_DEPTH	32

void
pl_contexts_init(struct pl_contexts *cs, const struct pl_run_opts *o)
{
	memset(cs, 0, sizeof(*cs));
	cs->opts = o;
}

static void
ctx_free(struct pl_run_ctx *c)
{
	if (c == NULL)
		return;
	pl_ruleset_free(c->rules);
	pl_config_free(c->cfg);
	free(c->dc_providers);
	free(c->path);
	free(c);
}

void
pl_contexts_release(struct pl_contexts *cs)
{
	for (size_t i = 0; i < cs->n; i++)
		ctx_free(cs->v[i]);
	free(cs->v);
	for (size_t i = 0; i < cs->ndirs; i++)
		free(cs->dirs[i].dir);
	free(cs->dirs);
	memset(cs, 0, sizeof(*cs));
}

/*
 * The context of a config file (path NULL: none), loaded once: the
 * built-in rules, the config's rules-dir, --rules (whose rules win), then
 * the config's severities and lists.
 */
static struct pl_run_ctx *
ctx_get(struct pl_contexts *cs, const char *path)
{
	const struct pl_run_opts *o = cs->opts;
	struct pl_run_ctx *c;

	for (size_t i = 0; i < cs->n; i++)
		if ((path == NULL && cs->v[i]->path == NULL) ||
		    (path != NULL && cs->v[i]->path != NULL &&
		    strcmp(path, cs->v[i]->path) == 0))
			return cs->v[i];
	c = pl_xcalloc(1, sizeof(*c));
	c->path = path != NULL ? pl_xstrdup(path) : NULL;
	if (path != NULL && pl_config_load(&c->cfg, path) != 0)
		goto bad;
	if ((c->rules = pl_ruleset_new()) == NULL)
		goto bad;
	if (c->cfg != NULL && c->cfg->rules_dir != NULL &&
	    pl_ruleset_load_dir(c->rules, c->cfg->rules_dir) != 0)
		goto bad;
	if (o->rules_dir != NULL &&
	    pl_ruleset_load_dir(c->rules, o->rules_dir) != 0)
		goto bad;
	if (c->cfg != NULL && pl_config_apply(c->cfg, c->rules) != 0)
		goto bad;
	c->fail_on = o->has_fail_on ? o->fail_on :
	    c->cfg != NULL && c->cfg->has_fail_on ? c->cfg->fail_on :
	    PL_SEV_WARNING;
	c->lint.rules = c->rules;
	c->lint.config = c->cfg;
	c->lint.default_proxy = o->has_default_proxy ? o->default_proxy :
	    c->cfg != NULL && c->cfg->has_default_proxy ?
	    c->cfg->default_proxy : PL_PROXY_UNKNOWN;
	c->lint.origin = o->origin != NULL ? o->origin :
	    c->cfg != NULL ? c->cfg->origin : NULL;
	c->lint.input_format = o->input_format;
	c->lint.inline_ignores = o->inline_ignores;
	c->lint.threads = o->threads;
	c->lint.timing = o->timing;
	c->lint.tf_vars = o->tf_vars;
	c->lint.ntf_vars = o->ntf_vars;
	/* DNSControl providers: the command line's add to the config's. */
	c->lint.dnscontrol_js = o->dnscontrol_js;
	for (size_t i = 0; i < o->ndnscontrol_providers; i++) {
		c->dc_providers = pl_grow(c->dc_providers,
		    c->lint.ndnscontrol_providers, sizeof(*c->dc_providers));
		c->dc_providers[c->lint.ndnscontrol_providers++] =
		    o->dnscontrol_providers[i];
	}
	for (size_t i = 0; c->cfg != NULL &&
	    i < c->cfg->dnscontrol_providers.n; i++) {
		c->dc_providers = pl_grow(c->dc_providers,
		    c->lint.ndnscontrol_providers, sizeof(*c->dc_providers));
		c->dc_providers[c->lint.ndnscontrol_providers++] =
		    c->cfg->dnscontrol_providers.v[i].s;
	}
	c->lint.dnscontrol_providers = c->dc_providers;
	c->lint.file_ids = o->file_ids;
	cs->v = pl_xreallocarray(cs->v, cs->n + 1, sizeof(*cs->v));
	cs->v[cs->n++] = c;
	return c;
bad:
	ctx_free(c);
	return NULL;
}

struct pl_run_ctx *
pl_context_for_dir(struct pl_contexts *cs, const char *dir)
{
	const struct pl_run_opts *o = cs->opts;
	struct pl_run_ctx *c;
	char *path;

	if (o->no_config)
		return ctx_get(cs, NULL);
	if (o->config != NULL)
		return ctx_get(cs, o->config);
	for (size_t i = 0; i < cs->ndirs; i++)
		if (strcmp(cs->dirs[i].dir, dir) == 0)
			return cs->dirs[i].ctx;
	path = pl_config_find(dir);
	c = ctx_get(cs, path);
	free(path);
	if (c != NULL) {
		cs->dirs = pl_xreallocarray(cs->dirs, cs->ndirs + 1,
		    sizeof(*cs->dirs));
		cs->dirs[cs->ndirs].dir = pl_xstrdup(dir);
		cs->dirs[cs->ndirs++].ctx = c;
	}
	return c;
}

struct pl_run_ctx *
pl_context_for_input(struct pl_contexts *cs, const char *path)
{
	const char *slash = strrchr(path, '/');
	struct pl_run_ctx *c;
	char *dir;

	if (strcmp(path, "-") == 0 || slash == NULL)
		return pl_context_for_dir(cs, ".");
	dir = slash == path ? pl_xstrdup("/") :
	    pl_xstrndup(path, (size_t)(slash - path));
	c = pl_context_for_dir(cs, dir);
	free(dir);
	return c;
}

static void
add_job(struct pl_jobs *js, const char *path, bool from_walk)
{
	struct pl_job *j;

	js->v = pl_grow(js->v, js->n, sizeof(*js->v));
	j = &js->v[js->n++];
	memset(j, 0, sizeof(*j));
	j->path = pl_xstrdup(path);
	j->from_walk = from_walk;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files under dir, in name order, depth first. */
static int
walk(struct pl_jobs *js, const char *dir, int depth)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (depth > MAX_WALK_DEPTH)
		return pl_error(PL_EINPUT, "'%s': folders nested too deep",
		    dir);
	if ((dp = opendir(dir)) == NULL)
		return pl_error(PL_EIO, "cannot open '%s': %s", dir,
		    strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')	/* ., .., .git, dot files */
			continue;
		names = pl_grow(names, n, sizeof(*names));
		names[n++] = strcmp(dir, "/") == 0 ?
		    pl_xasprintf("/%s", de->d_name) :
		    pl_xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(dp);
	if (n > 1)
		qsort(names, n, sizeof(*names), name_cmp);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;

		/* lstat: a symbolic link is not followed out of the tree. */
		if (lstat(names[i], &sb) == 0) {
			if (S_ISDIR(sb.st_mode)) {
				if (walk(js, names[i], depth + 1) != 0)
					rc = -1;
			} else if (S_ISREG(sb.st_mode))
				add_job(js, names[i], true);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

int
pl_jobs_collect(struct pl_jobs *js, const char *arg, bool recursive,
    bool skip_other)
{
	struct stat sb;
	size_t before = js->n;
	char *dir;
	size_t len;
	int rc;

	if (strcmp(arg, "-") == 0 || stat(arg, &sb) != 0 ||
	    !S_ISDIR(sb.st_mode)) {
		/* A file that is missing is reported when it is read. */
		add_job(js, arg, skip_other);
		js->v[js->n - 1].named = true;
		return 0;
	}
	if (!recursive)
		return pl_error(-1, "'%s' is a folder: give -r (--recursive) "
		    "to lint the files in it", arg);
	dir = pl_xstrdup(arg);
	len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		dir[--len] = '\0';
	rc = walk(js, dir, 0);
	if (js->n == before)
		pl_warn("no files in '%s'", arg);
	free(dir);
	return rc != 0 ? -1 : 0;
}

struct pool {
	struct pl_jobs	*js;
	size_t		 next;		/* next job to take */
	pthread_mutex_t	 lock;
};

static void *
worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		struct pl_job *j;
		struct pl_lint_input in;

		pthread_mutex_lock(&p->lock);
		j = p->next < p->js->n ? &p->js->v[p->next++] : NULL;
		pthread_mutex_unlock(&p->lock);
		if (j == NULL)
			return NULL;
		memset(&in, 0, sizeof(in));
		in.path = j->path;
		in.from_walk = j->from_walk;
		in.report = (const char *const *)j->module;
		in.nreport = j->nmodule;
		pl_log_capture(&j->error);
		pl_lint_input(&j->ctx->lint, &in, &j->res);
		pl_log_capture(NULL);
	}
}

/* More threads than this gain nothing: inputs are linted one per thread. */
#define MAX_POOL	256

void
pl_jobs_run(struct pl_jobs *js, int threads)
{
	pthread_t tids[MAX_POOL];
	struct pool p;
	int n = 0;

	if (threads <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		threads = cores > 0 ? (int)(cores > MAX_POOL ? MAX_POOL :
		    cores) : 1;
	}
	if ((size_t)threads > js->n)
		threads = (int)js->n;
	memset(&p, 0, sizeof(p));
	p.js = js;
	pthread_mutex_init(&p.lock, NULL);
	for (int i = 1; i < threads; i++)
		if (pthread_create(&tids[n], NULL, worker, &p) == 0)
			n++;
	worker(&p);	/* the calling thread works too */
	for (int i = 0; i < n; i++)
		pthread_join(tids[i], NULL);
	pthread_mutex_destroy(&p.lock);
}

void
pl_jobs_release(struct pl_jobs *js)
{
	for (size_t i = 0; i < js->n; i++) {
		pl_lint_result_release(&js->v[i].res);
		free(js->v[i].path);
		for (size_t k = 0; k < js->v[i].nmodule; k++)
			free(js->v[i].module[k]);
		free(js->v[i].module);
		free(js->v[i].error);
	}
	free(js->v);
	memset(js, 0, sizeof(*js));
}

/*
 * Does glob g name path (relative to the folder the glob is written for)?
 * A glob matches any run of whole components of the path: "*.yaml",
 * "config", "dns/config" and "config/NAME.yaml" all take the file
 * "dns/config/production.yaml".  A star crosses '/' (fnmatch without
 * FNM_PATHNAME), so "**" needs no rule of its own.
 */
static bool
glob_names(const char *g, const char *path)
{
	char buf[4096];

	if (strlen(path) >= sizeof(buf))
		return fnmatch(g, path, 0) == 0;
	/* Every run of whole components: from each start, to each '/'. */
	for (const char *p = path;;) {
		for (const char *stop = strchr(p, '/');;
		    stop = strchr(stop + 1, '/')) {
			size_t n = stop != NULL ? (size_t)(stop - p) :
			    strlen(p);

			memcpy(buf, p, n);
			buf[n] = '\0';
			if (fnmatch(g, buf, 0) == 0)
				return true;
			if (stop == NULL)
				break;
		}
		if ((p = strchr(p, '/')) == NULL)
			return false;
		p++;
	}
}

/* path relative to the folder base ("." or a prefix of it), or itself. */
static const char *
relative_to(const char *path, const char *base)
{
	size_t n;

	if (strncmp(path, "./", 2) == 0)
		path += 2;
	if (base == NULL || strcmp(base, ".") == 0)
		return path;
	n = strlen(base);
	if (strncmp(path, base, n) == 0 && path[n] == '/')
		return path + n + 1;
	return path;
}

/* Is the input left out by --exclude or its config's "exclude"? */
static bool
excluded(const struct pl_run_opts *o, const struct pl_job *j)
{
	const struct pl_config *cfg = j->ctx->cfg;

	if (strcmp(j->path, "-") == 0)
		return false;
	for (size_t i = 0; i < o->nexcludes; i++)
		if (glob_names(o->excludes[i], relative_to(j->path, NULL)))
			return true;
	if (cfg != NULL && cfg->excludes.n > 0) {
		const char *slash = strrchr(cfg->path, '/');
		char *dir = slash == NULL ? pl_xstrdup(".") :
		    pl_xstrndup(cfg->path, (size_t)(slash - cfg->path));
		const char *rel = relative_to(j->path, dir);
		bool hit = false;

		for (size_t i = 0; i < cfg->excludes.n && !hit; i++)
			hit = glob_names(cfg->excludes.v[i].s, rel);
		free(dir);
		return hit;
	}
	return false;
}

/* The folder part of a path ("" for none). */
static size_t
dir_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash != NULL ? (size_t)(slash - path) + 1 : 0;
}

/*
 * A Terraform module is a folder, read whole for any of its files: the
 * .tf and .tf.json inputs of one folder become one job (the first), whose
 * findings are kept for all of them, so that -r lints each module once,
 * whatever order its files come in.
 */
static void
group_modules(struct pl_jobs *js)
{
	size_t keep = 0;

	for (size_t i = 0; i < js->n; i++) {
		struct pl_job *j = &js->v[i];
		struct pl_job *lead = NULL;

		if (pl_tf_is_config(j->path))
			for (size_t k = 0; k < keep && lead == NULL; k++) {
				struct pl_job *o = &js->v[k];
				size_t n = dir_len(o->path);

				if (pl_tf_is_config(o->path) &&
				    o->ctx == j->ctx && n == dir_len(j->path) &&
				    strncmp(o->path, j->path, n) == 0)
					lead = o;
			}
		if (lead == NULL) {
			js->v[keep++] = *j;
			continue;
		}
		lead->module = pl_grow(lead->module, lead->nmodule,
		    sizeof(*lead->module));
		lead->module[lead->nmodule++] = j->path;
		lead->from_walk = lead->from_walk && j->from_walk;
		lead->named = lead->named || j->named;
	}
	js->n = keep;
}

static void
add_error(struct pl_run *run, const char *file, char *message)
{
	run->errors = pl_grow(run->errors, run->stats.nerrors,
	    sizeof(*run->errors));
	run->errors[run->stats.nerrors].file = file;
	run->errors[run->stats.nerrors].message = message != NULL ? message :
	    pl_xstrdup("could not be read");
	run->stats.nerrors++;
	run->stats.errors = run->errors;
}

int
pl_run_lint(struct pl_run *run, struct pl_contexts *cs, char *const args[],
    int nargs)
{
	const struct pl_run_opts *o = cs->opts;
	struct pl_jobs *js = &run->jobs;
	size_t keep = 0, looked;
	int rc = 0;

	memset(run, 0, sizeof(*run));
	pl_diags_init(&run->diags, NULL, NULL);
	for (int i = 0; i < nargs; i++) {
		char *err = NULL;

		pl_log_capture(&err);
		if (pl_jobs_collect(js, args[i], o->recursive,
		    o->skip_other) != 0) {
			add_error(run, args[i], err);
			err = NULL;
			rc = 1;
		}
		pl_log_capture(NULL);
		free(err);
	}
	/* Every config is read, and checked, before any input. */
	for (size_t i = 0; i < js->n; i++)
		if ((js->v[i].ctx = pl_context_for_input(cs, js->v[i].path)) ==
		    NULL)
			return -1;
	for (size_t i = 0; i < js->n; i++) {
		if (excluded(o, &js->v[i])) {
			free(js->v[i].path);
			continue;
		}
		js->v[keep++] = js->v[i];
	}
	js->n = keep;
	group_modules(js);
	if (js->n > 0)
		run->rules = js->v[0].ctx->rules;
	else {
		struct pl_run_ctx *cx = pl_context_for_dir(cs, ".");

		if (cx == NULL)
			return -1;
		run->rules = cx->rules;
	}
	run->diags.rules = run->rules;
	pl_jobs_run(js, o->jobs);
	for (size_t i = 0; i < js->n; i++) {
		struct pl_job *j = &js->v[i];

		if (j->res.skipped) {
			run->stats.skipped += 1 + (unsigned)j->nmodule;
			if (!(j->named && o->skip_other)) {
				pl_note("skipping '%s': not zone data",
				    j->path);
				for (size_t k = 0; k < j->nmodule; k++)
					pl_note("skipping '%s': not zone data",
					    j->module[k]);
			}
		} else if (j->res.rc != 0) {
			add_error(run, j->path, j->error);
			j->error = NULL;
			rc = 1;
		} else {
			run->stats.files++;
			run->stats.records += j->res.records;
		}
		pl_diags_move(&run->diags, &j->res.diags, (unsigned)i);
	}
	pl_diags_sort(&run->diags);
	looked = run->stats.nerrors;
	for (size_t i = 0; i < js->n; i++)
		looked += 1 + js->v[i].nmodule;
	if (run->stats.files == 0 && rc == 0 && !o->skip_other) {
		pl_error(0, "no zone data in what was given (%zu %s looked at, "
		    "%u skipped as not zone data): proxylint reads BIND zone "
		    "files and Cloudflare exports, Cloudflare API JSON, "
		    "Terraform plans (terraform show -json), octoDNS zone "
		    "YAML and DNSControl's IR (dnscontrol print-ir)", looked, looked == 1 ? "file" : "files",
		    run->stats.skipped);
		rc = 1;
	}
	return rc;
}

void
pl_run_release(struct pl_run *run)
{
	pl_diags_release(&run->diags);
	pl_jobs_release(&run->jobs);
	for (size_t i = 0; i < run->stats.nerrors; i++)
		free((char *)run->errors[i].message);
	free(run->errors);
	memset(run, 0, sizeof(*run));
}

bool
pl_run_fails(const struct pl_run *run)
{
	for (size_t i = 0; i < run->diags.n; i++) {
		const struct pl_diag *g = &run->diags.v[i];
		enum pl_severity at = run->jobs.v[g->input].ctx->fail_on;

		if (at != PL_SEV_NONE && g->sev >= at)
			return true;
	}
	return false;
}

/* ---- fixes ------------------------------------------------------------ */

/*
 * Which jobs have a finding that --fix would fix (most inputs have none:
 * they are not read again), and how many findings each has: one pass over
 * the run's findings.  Returns new arrays of run->jobs.n entries.
 */
static void
job_stats(const struct pl_run *run, bool unsafe, bool **fixable,
    size_t **count)
{
	*fixable = pl_xcalloc(run->jobs.n + 1, sizeof(**fixable));
	*count = pl_xcalloc(run->jobs.n + 1, sizeof(**count));
	for (size_t i = 0; i < run->diags.n; i++) {
		const struct pl_diag *g = &run->diags.v[i];
		const struct pl_record *r;
		struct pl_autofix af;

		if (g->input >= run->jobs.n)
			continue;
		(*count)[g->input]++;
		if ((*fixable)[g->input] || (r = pl_diag_record(g)) == NULL ||
		    g->zone != run->jobs.v[g->input].res.zone)
			continue;
		pl_autofix_of(g->rule, g->zone, r, &af);
		(*fixable)[g->input] = pl_autofix_applies(&af, unsafe);
	}
}

/* The findings of job i: a view of the run's, which are sorted by input
 * first. */
static struct pl_diags
job_diags(const struct pl_run *run, size_t i)
{
	struct pl_diags v = run->diags;
	size_t lo = 0, hi = run->diags.n, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (run->diags.v[mid].input < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < run->diags.n && run->diags.v[end].input == i; end++)
		;
	v.v = run->diags.v + lo;
	v.n = end - lo;
	v.cap = v.n;
	return v;
}

static void
job_input(const struct pl_job *j, struct pl_lint_input *in)
{
	memset(in, 0, sizeof(*in));
	in->path = j->path;
	in->from_walk = j->from_walk;
	in->data = j->res.stdin_text;
	in->len = j->res.stdin_len;
}

int
pl_run_fix(struct pl_run *run, const struct pl_fix_opts *fo, bool quiet,
    struct pl_run_fix *f)
{
	bool *fixable;
	size_t *count;

	memset(f, 0, sizeof(*f));
	job_stats(run, fo->unsafe, &fixable, &count);
	f->n = run->jobs.n;
	f->v = pl_xcalloc(f->n + 1, sizeof(*f->v));
	for (size_t i = 0; i < run->jobs.n; i++) {
		struct pl_job *j = &run->jobs.v[i];
		struct pl_lint_fix *x = &f->v[i];
		struct pl_lint_input in;
		struct pl_diags mine;

		if (!fixable[i]) {
			f->left += count[i];
			continue;
		}
		job_input(j, &in);
		mine = job_diags(run, i);
		if (pl_lint_fix(&j->ctx->lint, &in, j->res.zone, &mine,
		    (unsigned)i, fo, x) != 0) {
			if (!quiet)
				pl_error(0, "%s", x->why);
			f->failed = true;
			f->left += count[i];
			continue;
		}
		f->left += x->edits.n > 0 ? x->after.diags.n : count[i];
		for (size_t k = 0; k < x->files.n; k++)
			f->files += x->files.v[k].text != NULL;
		f->edits += x->edits.n;
		f->records += x->nfixed;
		f->fixed += x->fixed;
		f->blocked += x->nblocked;
	}
	free(fixable);
	free(count);
	return f->failed ? 1 : 0;
}

void
pl_run_fix_release(struct pl_run_fix *f)
{
	for (size_t i = 0; i < f->n; i++)
		pl_lint_fix_release(&f->v[i]);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

void
pl_run_fix_notes(const struct pl_run *run, const struct pl_run_fix *f)
{
	for (size_t i = 0; i < f->n && i < run->jobs.n; i++) {
		const struct pl_zone *z = run->jobs.v[i].res.zone;

		for (size_t k = 0; k < f->v[i].nblocked && z != NULL; k++) {
			const struct pl_fix_block *b = &f->v[i].blocked[k];
			const struct pl_record *r = &z->recs[b->rec];

			pl_note("%s:%u: '%s' [%s] not fixed: %s",
			    pl_zone_record_file(z, r), (unsigned)r->line,
			    r->owner, b->rule->id, b->why);
		}
	}
}

int
pl_run_fix_diff(FILE *out, const struct pl_run_fix *f)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->v[i].rc == 0 && f->v[i].edits.n > 0 &&
		    pl_fix_diff(out, &f->v[i].files, &f->v[i].edits) != 0)
			return PL_EWRITE;
	return ferror(out) ? PL_EWRITE : 0;
}

int
pl_run_fix_write(struct pl_run_fix *f)
{
	int rc = 0;

	for (size_t i = 0; i < f->n; i++) {
		struct pl_lint_fix *x = &f->v[i];
		bool ok = true;
		char *why;

		if (x->rc != 0 || x->edits.n == 0)
			continue;
		/* Every file of the input first, so that a file refused
		 * leaves the others of its input as they were too. */
		for (size_t k = 0; k < x->files.n; k++)
			if (x->files.v[k].text != NULL &&
			    pl_fix_can_write(&x->files.v[k], &why) != 0) {
				pl_error(0, "%s", why);
				free(why);
				ok = false;
			}
		if (!ok) {
			rc = 1;
			continue;
		}
		for (size_t k = 0; k < x->files.n; k++)
			if (x->files.v[k].text != NULL &&
			    pl_fix_write(&x->files.v[k], &why) != 0) {
				pl_error(0, "%s", why);
				free(why);
				rc = 1;
			}
	}
	return rc;
}

void
pl_run_fix_mark(struct pl_run *run, const struct pl_run_fix *f)
{
	for (size_t i = 0; i < f->n && i < run->jobs.n; i++) {
		struct pl_zone *z = run->jobs.v[i].res.zone;

		for (size_t k = 0; k < f->v[i].nblocked && z != NULL; k++)
			pl_anchor_block(z, f->v[i].blocked[k].rec,
			    f->v[i].blocked[k].why);
	}
}

void
pl_run_edits(struct pl_run *run, struct pl_edits *e)
{
	bool *fixable;
	size_t *count;

	pl_edits_init(e);
	job_stats(run, true, &fixable, &count);
	for (size_t i = 0; i < run->jobs.n; i++) {
		struct pl_job *j = &run->jobs.v[i];
		const struct pl_zone *z = j->res.zone;
		struct pl_fix_files fs;
		struct pl_fix_spans *sp;
		size_t first = e->n;
		struct pl_diags mine;
		bool *done;

		if (!fixable[i])
			continue;
		pl_fix_files_init(&fs);
		sp = pl_fix_spans_new();
		done = pl_xcalloc(z->nrecs + 1, sizeof(*done));
		mine = job_diags(run, i);
		for (size_t k = 0; k < mine.n; k++) {
			const struct pl_diag *g = &mine.v[k];
			uint32_t *flips = NULL;
			size_t nflips = 0;
			const char *why;

			if (g->input != i || g->zone != z || g->recno == 0 ||
			    done[g->recno - 1])
				continue;
			/* One edit a record, whichever rules want it. */
			done[g->recno - 1] = pl_fix_edits_for(z, g->rule,
			    g->recno - 1, &fs, j->path,
			    j->res.stdin_text, j->res.stdin_len, sp, e, &flips,
			    &nflips, &why);
			free(flips);
		}
		{
			struct pl_edits these = { e->v + first, e->n - first,
			    e->n - first };

			pl_fix_positions(&fs, &these);
		}
		free(done);
		pl_fix_spans_free(sp);
		pl_fix_files_release(&fs);
	}
	free(fixable);
	free(count);
	pl_edits_sort(e);
}
