/* main.c -- proxylint's command line: options, inputs, exit status */
/* SPDX-License-Identifier: MIT */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <getopt.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proxylint/config.h"
#include "proxylint/diag.h"
#include "proxylint/engine.h"
#include "proxylint/filter.h"
#include "proxylint/output.h"
#include "proxylint/reader.h"
#include "proxylint/rule.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"

/* Exit statuses: a public interface (design.md, proxylint.1). */
enum {
	EXIT_CLEAN = 0,		/* no finding at or above --fail-on */
	EXIT_FINDINGS = 1,	/* at least one */
	EXIT_TROUBLE = 2,	/* usage error, unreadable input or rules,
				   or output that could not be written */
};

enum out_format { OUT_TEXT, OUT_JSON, OUT_SARIF, OUT_GITHUB };

/* The command line.  An option given there overrides the config file. */
struct options {
	enum out_format		 format;
	int			 format_set;
	enum pl_severity	 fail_on;	/* PL_SEV_NONE = never */
	int			 fail_on_set;
	const char		*origin;	/* NULL: not given */
	enum pl_proxy		 default_proxy;
	int			 default_proxy_set;
	const char		*rules_dir;
	const char		*config;	/* -c, or PROXYLINT_CONFIG */
	int			 no_config;
	int			 no_inline;	/* --no-inline-ignores */
	int			 list_rules;
	const char		*explain;
	int			 color;		/* -1 auto */
	int			 quiet;
	int			 input_format;	/* -1 auto, else pl_format */
	int			 jobs;		/* 0: one per core */
	int			 recursive;
	int			 threads;	/* for one big input */
};

/*
 * What a config file makes of the run: its ruleset (built-in rules, the
 * config's rules-dir, --rules, then its severities and lists) and the
 * options in force for the inputs it governs.  One per config file found,
 * and one for the inputs that have none.
 */
struct ctx {
	char			*path;		/* config file, or NULL */
	struct pl_config	*cfg;		/* or NULL */
	struct pl_ruleset	*rs;
	enum pl_severity	 fail_on;
	enum pl_proxy		 default_proxy;
	const char		*origin;	/* borrowed, or NULL */
};

/* The config of each folder an input came from, found once. */
struct folder {
	char			*dir;
	struct ctx		*ctx;
};

struct ctxs {
	struct ctx		**v;
	size_t			  n;
	struct folder		 *dirs;
	size_t			  ndirs;
};

/* One input and what linting it gave; filled by a worker thread. */
struct job {
	char			*path;		/* owned */
	int			 from_walk;	/* found in a folder */
	struct ctx		*ctx;		/* its config, borrowed */
	struct pl_diags		 d;
	struct pl_run_stats	 st;
	struct pl_zone		*z;		/* kept until the output */
	int			 rc;
};

struct pool {
	struct job		*jobs;
	size_t			 njobs;
	size_t			 next;		/* next job to take */
	pthread_mutex_t		 lock;
	const struct options	*o;
};

static void
usage(FILE *out)
{
	fprintf(out,
"usage: proxylint [OPTIONS] FILE...\n"
"Checks the Cloudflare proxy status (proxied or DNS-only) of every A, AAAA\n"
"and CNAME record in zone files against Cloudflare's documented use cases.\n"
"FILE is a BIND zone file or Cloudflare export, Cloudflare API JSON, a\n"
"Terraform plan (terraform show -json) or an octoDNS zone YAML; '-' reads\n"
"standard input.\n"
"\n"
"Options:\n"
"  -f, --format=FORMAT        output: text (default), json, sarif (SARIF\n"
"                             2.1.0 for code scanning) or github (workflow\n"
"                             commands; the default when GITHUB_ACTIONS is\n"
"                             true and the output is not a terminal)\n"
"      --fail-on=SEVERITY     exit 1 on findings at or above SEVERITY:\n"
"                             error, warning (default), info or never\n"
"  -c, --config=FILE          read this config file instead of looking for\n"
"                             .proxylint.yaml (also: PROXYLINT_CONFIG)\n"
"      --no-config            read no config file\n"
"      --no-inline-ignores    ignore every 'proxylint: ignore[...]' comment,\n"
"                             to see all that they hide\n"
"      --input-format=FORMAT  auto (default: by content and name), bind,\n"
"                             cloudflare-json, terraform-plan or octodns\n"
"      --origin=NAME          zone name for relative names (default: the\n"
"                             export banner, $ORIGIN or the SOA owner)\n"
"      --default-proxy=STATE  state of A/AAAA/CNAME records with no\n"
"                             cf-proxied tag: proxied, dns-only or\n"
"                             unknown (default; proxy rules stay quiet)\n"
"      --assume-proxied       same as --default-proxy=proxied\n"
"      --rules=DIR            also load DIR/*.yaml rule files; a rule with\n"
"                             an existing id replaces it\n"
"      --list-rules           list the rules (id, severity, use case,\n"
"                             summary), as JSON with --format=json\n"
"      --explain=RULE         explain a rule: what, why, fix, doc, example\n"
"      --color=WHEN           auto (default), always or never; auto means\n"
"                             only on a terminal and never with NO_COLOR\n"
"  -j, --jobs=N               use N threads (default: one per core): N\n"
"                             files at a time, and a big zone is read and\n"
"                             checked on up to N; the output is the same\n"
"                             for any N\n"
"  -r, --recursive            lint every file in the folders given, in\n"
"                             name order, skipping files that are not\n"
"                             zone data with a note\n"
"  -q, --quiet                no summary line on standard error\n"
"  -V, --version              print the version and exit\n"
"  -h, --help                 print this help and exit\n"
"\n"
"Each input uses the .proxylint.yaml in its folder or the nearest parent,\n"
"up to the repository root; options given here override it.\n"
"\n"
"Exit status: 0 no finding at or above --fail-on, 1 findings, 2 usage\n"
"error, unreadable input, rules or config, or output that could not be\n"
"written.\n");
}

static int
usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int
usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", pl_progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry 'proxylint --help' for more information.\n");
	return EXIT_TROUBLE;
}

static int
list_rules(const struct pl_ruleset *rs, enum out_format format)
{
	if (format == OUT_JSON)
		return pl_out_rules_json(stdout, rs);
	for (size_t i = 0; i < rs->n; i++) {
		const struct pl_rule *r = rs->rules[i];

		printf("%-28s %-8s %-20s %s\n", r->id,
		    pl_severity_name(r->severity), r->use_case, r->summary);
	}
	return 0;
}

static void
print_wrapped(const char *label, const char *text)
{
	printf("%s:\n", label);
	for (const char *p = text; *p != '\0';) {
		const char *eol = strchr(p, '\n');
		size_t n = eol ? (size_t)(eol - p) : strlen(p);

		printf("  %.*s\n", (int)n, p);
		p += n;
		if (*p == '\n')
			p++;
	}
}

static int
explain(const struct pl_ruleset *rs, const char *id)
{
	const struct pl_rule *r = pl_ruleset_find(rs, id);

	if (r == NULL) {
		fprintf(stderr, "%s: unknown rule '%s'; 'proxylint "
		    "--list-rules' lists them\n", pl_progname, id);
		return EXIT_TROUBLE;
	}
	printf("%s (%s, use case: %s)\n", r->id, pl_severity_name(r->severity),
	    r->use_case_title);
	printf("  %s\n\n", r->summary);
	if (r->explain != NULL) {
		print_wrapped("Why it matters", r->explain);
		printf("\n");
	}
	print_wrapped("How to fix", r->fix);
	printf("\n");
	if (r->example != NULL) {
		print_wrapped("Example of a record it flags", r->example);
		printf("\n");
	}
	printf("Documentation:\n  %s\n", r->doc);
	if (r->sources.n > 0) {
		printf("\nSources of its lists:\n");
		for (size_t i = 0; i < r->sources.n; i++)
			printf("  - %s\n", r->sources.v[i]);
	}
	return 0;
}

/* Seconds on the monotonic clock, for PROXYLINT_TIMING. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int timing;
static double t_start, t_out, t_free;	/* with timing */

/* Resident memory in MiB now and at its peak, for PROXYLINT_TIMING. */
static void
print_rss(const char *when)
{
	char line[256];
	FILE *fp = fopen("/proc/self/status", "r");

	if (fp == NULL)
		return;
	while (fgets(line, sizeof(line), fp) != NULL)
		if (strncmp(line, "VmRSS:", 6) == 0 ||
		    strncmp(line, "VmHWM:", 6) == 0)
			fprintf(stderr, "%s: memory %s: %.*s\n", pl_progname,
			    when, (int)strcspn(line, "\n"), line);
	fclose(fp);
}

static void
ctx_free(struct ctx *c)
{
	if (c == NULL)
		return;
	pl_ruleset_free(c->rs);
	pl_config_free(c->cfg);
	free(c->path);
	free(c);
}

static void
ctxs_release(struct ctxs *cs)
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
 * The context of a config file (path NULL: none), loaded once.  Returns
 * NULL after a message when the config, its rules or --rules is invalid.
 */
static struct ctx *
ctx_get(struct ctxs *cs, const struct options *o, const char *path)
{
	struct ctx *c;

	for (size_t i = 0; i < cs->n; i++)
		if ((path == NULL && cs->v[i]->path == NULL) ||
		    (path != NULL && cs->v[i]->path != NULL &&
		    strcmp(path, cs->v[i]->path) == 0))
			return cs->v[i];
	c = pl_xcalloc(1, sizeof(*c));
	c->path = path != NULL ? pl_xstrdup(path) : NULL;
	if (path != NULL && pl_config_load(&c->cfg, path) != 0)
		goto bad;
	if ((c->rs = pl_ruleset_new()) == NULL) {
		fprintf(stderr, "%s: the built-in rules do not load\n",
		    pl_progname);
		goto bad;
	}
	/* --rules comes after the config's rules-dir: its rules win. */
	if (c->cfg != NULL && c->cfg->rules_dir != NULL &&
	    pl_ruleset_load_dir(c->rs, c->cfg->rules_dir) != 0)
		goto bad;
	if (o->rules_dir != NULL &&
	    pl_ruleset_load_dir(c->rs, o->rules_dir) != 0)
		goto bad;
	if (c->cfg != NULL && pl_config_apply(c->cfg, c->rs) != 0)
		goto bad;
	c->fail_on = o->fail_on_set ? o->fail_on :
	    c->cfg != NULL && c->cfg->has_fail_on ? c->cfg->fail_on :
	    PL_SEV_WARNING;
	c->default_proxy = o->default_proxy_set ? o->default_proxy :
	    c->cfg != NULL && c->cfg->has_default_proxy ?
	    c->cfg->default_proxy : PL_PROXY_UNKNOWN;
	c->origin = o->origin != NULL ? o->origin :
	    c->cfg != NULL ? c->cfg->origin : NULL;
	cs->v = pl_xreallocarray(cs->v, cs->n + 1, sizeof(*cs->v));
	cs->v[cs->n++] = c;
	return c;
bad:
	ctx_free(c);
	return NULL;
}

/*
 * The context for the inputs of folder dir: --no-config, then -c or
 * PROXYLINT_CONFIG, then the .proxylint.yaml found upward from dir.
 */
static struct ctx *
ctx_for_dir(struct ctxs *cs, const struct options *o, const char *dir)
{
	struct ctx *c;
	char *path;

	if (o->no_config)
		return ctx_get(cs, o, NULL);
	if (o->config != NULL)
		return ctx_get(cs, o, o->config);
	for (size_t i = 0; i < cs->ndirs; i++)
		if (strcmp(cs->dirs[i].dir, dir) == 0)
			return cs->dirs[i].ctx;
	path = pl_config_find(dir);
	c = ctx_get(cs, o, path);
	free(path);
	if (c != NULL) {
		cs->dirs = pl_xreallocarray(cs->dirs, cs->ndirs + 1,
		    sizeof(*cs->dirs));
		cs->dirs[cs->ndirs].dir = pl_xstrdup(dir);
		cs->dirs[cs->ndirs++].ctx = c;
	}
	return c;
}

/* The context of an input: from its folder (standard input: from the
 * working folder). */
static struct ctx *
ctx_for_input(struct ctxs *cs, const struct options *o, const char *path)
{
	const char *slash = strrchr(path, '/');
	struct ctx *c;
	char *dir;

	if (strcmp(path, "-") == 0 || slash == NULL)
		return ctx_for_dir(cs, o, ".");
	dir = slash == path ? pl_xstrdup("/") :
	    pl_xstrndup(path, (size_t)(slash - path));
	c = ctx_for_dir(cs, o, dir);
	free(dir);
	return c;
}

/* Lints one input into d.  Returns 0, or PL_EIO/PL_EINPUT after a message. */
static int
lint_one(const char *path, const struct options *o, const struct ctx *cx,
    struct pl_diags *d, struct pl_run_stats *st, int from_walk,
    struct pl_zone **zp)
{
	struct pl_read_opts ro;
	struct pl_filter_opts fo;
	struct pl_suppressions sup;
	struct pl_zone *z;
	char *data = NULL, *err = NULL;
	const char *display = strcmp(path, "-") == 0 ? "<stdin>" : path;
	enum pl_format fmt;
	size_t len, n0;
	int rc, mapped = 0;
	double t0 = timing ? now() : 0, t1 = 0, t2 = 0, t3 = 0;

	if ((rc = pl_file_map(path, PL_MAX_FILE_SIZE, &data, &len, &mapped,
	    &err)) != 0) {
		pl_error(rc, "%s", err);
		free(err);
		return rc;
	}
	/* In a folder, files that are no zone data are skipped with a
	 * note; named on the command line, they are an error. */
	if (from_walk && o->input_format < 0 &&
	    !pl_looks_like_zone_data(data, len, path)) {
		fprintf(stderr, "%s: note: skipping '%s': not zone data\n",
		    pl_progname, path);
		pl_file_release(data, len, mapped);
		return 0;
	}
	memset(&ro, 0, sizeof(ro));
	ro.origin = cx->origin;
	ro.path = path;
	ro.threads = o->threads;
	ro.mapped = mapped;
	d->file = display;
	d->recno = 0;
	fmt = o->input_format >= 0 ? (enum pl_format)o->input_format :
	    pl_detect_format(data, len, strcmp(path, "-") == 0 ? NULL : path);
	z = pl_zone_new(display, fmt);
	n0 = d->n;
	/* The BIND reader keeps no comment lines: look for directives in
	 * the text itself, before the reader, which gives back the pages of
	 * a big mapped file as it goes. */
	pl_suppressions_init(&sup);
	if (!o->no_inline && fmt == PL_FMT_BIND)
		pl_suppressions_scan_bind(&sup, display, data, len);
	if (timing)
		t1 = now();
	rc = pl_reader_for(fmt)(data, len, &ro, z, d);
	if (rc != 0)
		pl_diags_truncate(d, n0);
	if (timing)
		print_rss("after the reader");
	pl_file_release(data, len, mapped);
	if (timing)
		print_rss("after release");
	if (rc == 0) {
		if (timing)
			t2 = now();
		pl_zone_index_mt(z, cx->default_proxy, o->threads);
		if (timing) {
			t3 = now();
			print_rss("after reading");
			fprintf(stderr, "%s: memory: %u records (%zu bytes each, "
			    "room for %u), %u names (table of %u), arena %zu "
			    "bytes\n", pl_progname, z->nrecs,
			    sizeof(struct pl_record), z->caprecs, z->nnames,
			    z->capnames, z->arena.total);
		}
		pl_engine_run_mt(cx->rs, z, d, cx->default_proxy, o->threads);
		memset(&fo, 0, sizeof(fo));
		fo.config = cx->cfg;
		fo.inline_ignores = !o->no_inline;
		pl_filter_apply(d, z, &sup, &fo);
		pl_suppressions_release(&sup);
		pl_zone_checks_done(z);
		if (timing)
			fprintf(stderr, "%s: timing: %s: read %.3f s, parse %.3f "
			    "s, index %.3f s, rules %.3f s\n", pl_progname,
			    display, t1 - t0, t2 - t1, t3 - t2, now() - t3);
		st->files++;
		st->records += z->nrecs;
		/* The engine's findings borrow the zone until printed. */
		*zp = z;
		return 0;
	}
	pl_suppressions_release(&sup);
	pl_zone_free(z);
	return rc;
}

/* Exit status after printing --help or --version: a write error is one. */
static int
stdout_status(void)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n",
		    pl_progname, strerror(errno));
		return EXIT_TROUBLE;
	}
	return EXIT_CLEAN;
}

static void *
worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		struct job *j;

		pthread_mutex_lock(&p->lock);
		j = p->next < p->njobs ? &p->jobs[p->next++] : NULL;
		pthread_mutex_unlock(&p->lock);
		if (j == NULL)
			return NULL;
		j->rc = lint_one(j->path, p->o, j->ctx, &j->d, &j->st,
		    j->from_walk, &j->z);
	}
}

/*
 * Lints every job, on up to jobs threads.  Each job keeps its own findings,
 * merged in input order afterwards, so the output does not depend on jobs.
 */
static void
run_pool(struct pool *p, int jobs)
{
	pthread_t tids[256];
	int n = 0;

	if (jobs <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		jobs = cores > 0 ? (int)(cores > 256 ? 256 : cores) : 1;
	}
	if ((size_t)jobs > p->njobs)
		jobs = (int)p->njobs;
	pthread_mutex_init(&p->lock, NULL);
	for (int i = 1; i < jobs; i++)
		if (pthread_create(&tids[n], NULL, worker, p) == 0)
			n++;
	worker(p);	/* the main thread works too */
	for (int i = 0; i < n; i++)
		pthread_join(tids[i], NULL);
	pthread_mutex_destroy(&p->lock);
}

static void
add_job(struct pool *p, const char *path, int from_walk)
{
	struct job *j;

	p->jobs = pl_xreallocarray(p->jobs, p->njobs + 1, sizeof(*p->jobs));
	j = &p->jobs[p->njobs++];
	memset(j, 0, sizeof(*j));
	j->path = pl_xstrdup(path);
	j->from_walk = from_walk;
	pl_diags_init(&j->d, NULL);	/* its rules come with its config */
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds the regular files under dir, in name order, depth first. */
static int
walk(struct pool *p, const char *dir, int depth)
{
	DIR *dp;
	struct dirent *de;
	char **names = NULL;
	size_t n = 0;
	int rc = 0;

	if (depth > 32)
		return pl_error(PL_EINPUT, "'%s': folders nested too deep",
		    dir);
	if ((dp = opendir(dir)) == NULL)
		return pl_error(PL_EIO, "cannot open '%s': %s", dir,
		    strerror(errno));
	while ((de = readdir(dp)) != NULL) {
		if (de->d_name[0] == '.')	/* ., .., .git, dot files */
			continue;
		names = pl_xreallocarray(names, n + 1, sizeof(*names));
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
				if (walk(p, names[i], depth + 1) != 0)
					rc = -1;
			} else if (S_ISREG(sb.st_mode))
				add_job(p, names[i], 1);
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

static int
collect_inputs(struct pool *p, int argc, char *argv[],
    const struct options *o)
{
	int rc = 0;

	for (int i = 0; i < argc; i++) {
		struct stat sb;

		if (o->recursive && strcmp(argv[i], "-") != 0 &&
		    stat(argv[i], &sb) == 0 && S_ISDIR(sb.st_mode)) {
			size_t before = p->njobs;
			char *dir = pl_xstrdup(argv[i]);
			size_t len = strlen(dir);

			while (len > 1 && dir[len - 1] == '/')
				dir[--len] = '\0';
			if (walk(p, dir, 0) != 0)
				rc = -1;
			if (p->njobs == before)
				pl_warn("no files in '%s'", argv[i]);
			free(dir);
		} else
			add_job(p, argv[i], 0);
	}
	return rc;
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "assume-proxied",	no_argument,		NULL, 'P' },
		{ "color",		required_argument,	NULL, 'C' },
		{ "colour",		required_argument,	NULL, 'C' },
		{ "config",		required_argument,	NULL, 'c' },
		{ "default-proxy",	required_argument,	NULL, 'D' },
		{ "explain",		required_argument,	NULL, 'E' },
		{ "fail-on",		required_argument,	NULL, 'F' },
		{ "format",		required_argument,	NULL, 'f' },
		{ "help",		no_argument,		NULL, 'h' },
		{ "input-format",	required_argument,	NULL, 'I' },
		{ "jobs",		required_argument,	NULL, 'j' },
		{ "list-rules",		no_argument,		NULL, 'L' },
		{ "no-config",		no_argument,		NULL, 'N' },
		{ "no-inline-ignores",	no_argument,		NULL, 'G' },
		{ "origin",		required_argument,	NULL, 'O' },
		{ "quiet",		no_argument,		NULL, 'q' },
		{ "recursive",		no_argument,		NULL, 'r' },
		{ "rules",		required_argument,	NULL, 'R' },
		{ "version",		no_argument,		NULL, 'V' },
		{ NULL,			0,			NULL, 0 },
	};
	struct options o;
	struct ctxs cs;
	struct ctx *cx;
	const struct pl_ruleset *rs = NULL;
	struct pl_diags d;
	struct pl_run_stats st;
	struct pl_output_opts oo;
	struct pool pool;
	const char *nocolor, *gha, *env;
	int ch, rc = EXIT_CLEAN, input_failed = 0, findings = 0, wrc;

	/*
	 * Left to itself, glibc maps each block above 128 KiB (a zone's arena
	 * blocks) apart and unmaps it when freed, and with several threads
	 * every unmap stops the other cores to flush their TLBs.  Keep blocks
	 * up to 4 MiB in the heap; the record arrays map themselves.
	 */
	mallopt(M_MMAP_THRESHOLD, 4 << 20);
	/* Nor give the top of the heap back at every free: that is a brk(2)
	 * per finding printed. */
	mallopt(M_TRIM_THRESHOLD, 8 << 20);
	/* A closed pipe is a write error with a message and exit 2, not a
	 * silent death by SIGPIPE. */
	signal(SIGPIPE, SIG_IGN);
	timing = getenv("PROXYLINT_TIMING") != NULL;
	t_start = timing ? now() : 0;
	memset(&o, 0, sizeof(o));
	o.fail_on = PL_SEV_WARNING;
	o.color = -1;
	o.input_format = -1;
	memset(&st, 0, sizeof(st));
	memset(&pool, 0, sizeof(pool));
	memset(&cs, 0, sizeof(cs));
	pl_diags_init(&d, NULL);
	while ((ch = getopt_long(argc, argv, "c:f:hj:qrV", longopts, NULL)) !=
	    -1) {
		switch (ch) {
		case 'c':
			if (optarg[0] == '\0')
				return usage_error("empty --config");
			o.config = optarg;
			break;
		case 'C':
			if (strcmp(optarg, "auto") == 0)
				o.color = -1;
			else if (strcmp(optarg, "always") == 0)
				o.color = 1;
			else if (strcmp(optarg, "never") == 0)
				o.color = 0;
			else
				return usage_error("invalid --color '%s' "
				    "(expected auto, always or never)", optarg);
			break;
		case 'D':
			if (strcmp(optarg, "proxied") == 0)
				o.default_proxy = PL_PROXY_PROXIED;
			else if (strcmp(optarg, "dns-only") == 0)
				o.default_proxy = PL_PROXY_DNS_ONLY;
			else if (strcmp(optarg, "unknown") == 0)
				o.default_proxy = PL_PROXY_UNKNOWN;
			else
				return usage_error("invalid --default-proxy "
				    "'%s' (expected proxied, dns-only or "
				    "unknown)", optarg);
			o.default_proxy_set = 1;
			break;
		case 'E':
			o.explain = optarg;
			break;
		case 'F':
			if (strcmp(optarg, "never") == 0)
				o.fail_on = PL_SEV_NONE;
			else if (pl_severity_parse(optarg, &o.fail_on) != 0 ||
			    o.fail_on == PL_SEV_NONE)
				return usage_error("invalid --fail-on '%s' "
				    "(expected error, warning, info or never)",
				    optarg);
			o.fail_on_set = 1;
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				o.format = OUT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				o.format = OUT_JSON;
			else if (strcmp(optarg, "sarif") == 0)
				o.format = OUT_SARIF;
			else if (strcmp(optarg, "github") == 0)
				o.format = OUT_GITHUB;
			else
				return usage_error("invalid --format '%s' "
				    "(expected text, json, sarif or github)",
				    optarg);
			o.format_set = 1;
			break;
		case 'G':
			o.no_inline = 1;
			break;
		case 'h':
			usage(stdout);
			return stdout_status();
		case 'I': {
			enum pl_format f;

			if (strcmp(optarg, "auto") == 0)
				o.input_format = -1;
			else if (pl_format_parse(optarg, &f) == 0)
				o.input_format = (int)f;
			else
				return usage_error("invalid --input-format "
				    "'%s' (expected auto, bind, cloudflare-json,"
				    " terraform-plan or octodns)", optarg);
			break;
		}
		case 'j': {
			char *end;
			long v;

			errno = 0;
			v = strtol(optarg, &end, 10);
			if (errno != 0 || *end != '\0' || end == optarg ||
			    v < 1 || v > 256)
				return usage_error("invalid --jobs '%s' "
				    "(expected 1 to 256)", optarg);
			o.jobs = (int)v;
			break;
		}
		case 'r':
			o.recursive = 1;
			break;
		case 'L':
			o.list_rules = 1;
			break;
		case 'N':
			o.no_config = 1;
			break;
		case 'O':
			if (optarg[0] == '\0')
				return usage_error("empty --origin");
			o.origin = optarg;
			break;
		case 'P':
			o.default_proxy = PL_PROXY_PROXIED;
			o.default_proxy_set = 1;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'R':
			o.rules_dir = optarg;
			break;
		case 'V':
			printf("proxylint %s\n", PL_VERSION);
			return stdout_status();
		default:
			fprintf(stderr, "Try 'proxylint --help' for more "
			    "information.\n");
			return EXIT_TROUBLE;
		}
	}
	argc -= optind;
	argv += optind;
	if (o.config != NULL && o.no_config)
		return usage_error("--config and --no-config exclude each "
		    "other");
	if (o.config == NULL && (env = getenv("PROXYLINT_CONFIG")) != NULL &&
	    env[0] != '\0')
		o.config = env;
	/* In a GitHub Actions job the log is the reader: annotate. */
	if (!o.format_set && (gha = getenv("GITHUB_ACTIONS")) != NULL &&
	    strcmp(gha, "true") == 0 && !isatty(STDOUT_FILENO))
		o.format = OUT_GITHUB;

	/* --list-rules and --explain show the rules as the config of the
	 * working folder has them. */
	if (o.list_rules || o.explain != NULL || argc == 0) {
		if ((cx = ctx_for_dir(&cs, &o, ".")) == NULL) {
			rc = EXIT_TROUBLE;
			goto out;
		}
		rs = cx->rs;
	}
	if (o.list_rules) {
		if (list_rules(rs, o.format) != 0)
			rc = EXIT_TROUBLE;
		goto out;
	}
	if (o.explain != NULL) {
		rc = explain(rs, o.explain);
		goto out;
	}
	if (argc == 0) {
		rc = usage_error("no input file; give FILE... or '-' for "
		    "standard input");
		goto out;
	}

	pool.o = &o;
	{
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		/* With many inputs the cores already share the files. */
		o.threads = o.jobs > 0 ? o.jobs : cores > 0 ? (int)cores : 1;
	}
	if (collect_inputs(&pool, argc, argv, &o) != 0)
		input_failed = 1;
	/* Every config is read, and checked, before any input. */
	for (size_t i = 0; i < pool.njobs; i++) {
		struct job *j = &pool.jobs[i];

		if ((j->ctx = ctx_for_input(&cs, &o, j->path)) == NULL) {
			rc = EXIT_TROUBLE;
			goto out;
		}
		j->d.rules = j->ctx->rs;
		if (rs == NULL)
			rs = j->ctx->rs;
	}
	if (rs == NULL && (cx = ctx_for_dir(&cs, &o, ".")) != NULL)
		rs = cx->rs;	/* --recursive found no file */
	if (rs == NULL) {
		rc = EXIT_TROUBLE;
		goto out;
	}
	d.rules = rs;
	run_pool(&pool, o.jobs);
	for (size_t i = 0; i < pool.njobs; i++) {
		struct job *j = &pool.jobs[i];

		if (j->rc != 0)
			input_failed = 1;
		/* Each input fails by the --fail-on of its own config. */
		if (j->ctx->fail_on != PL_SEV_NONE &&
		    pl_diags_max(&j->d) >= j->ctx->fail_on)
			findings = 1;
		st.files += j->st.files;
		st.records += j->st.records;
		pl_diags_move(&d, &j->d, (unsigned)i);
	}
	pl_diags_sort(&d);

	nocolor = getenv("NO_COLOR");
	memset(&oo, 0, sizeof(oo));
	oo.quiet = o.quiet;
	oo.threads = o.threads;
	oo.color = o.color == 1 || (o.color == -1 && isatty(STDOUT_FILENO) &&
	    (nocolor == NULL || nocolor[0] == '\0'));
	if (timing) {
		fprintf(stderr, "%s: timing: %zu findings\n", pl_progname, d.n);
		print_rss("after the rules");
		t_out = now();
	}
	if (o.format == OUT_JSON)
		wrc = pl_out_json(stdout, &d, &st, rs, &oo);
	else if (o.format == OUT_SARIF)
		wrc = pl_out_sarif(stdout, &d, &st, rs, &oo);
	else if (o.format == OUT_GITHUB)
		wrc = pl_out_github(stdout, &d, &st, rs, &oo);
	else {
		wrc = pl_out_text(stdout, &d, &st, rs, &oo);
		if (!o.quiet) {
			char *sum;

			fflush(stdout);
			sum = pl_summary_line(&d, &st);

			fprintf(stderr, "%s\n", sum);
			free(sum);
		}
	}
	if (timing) {
		fprintf(stderr, "%s: timing: output %.3f s\n", pl_progname,
		    now() - t_out);
		print_rss("after the output");
	}
	if (input_failed)
		rc = EXIT_TROUBLE;
	else if (findings)
		rc = EXIT_FINDINGS;
	if (wrc != 0)
		rc = EXIT_TROUBLE;
out:
	/* A full disk or a closed pipe must not pass for success. */
	t_free = timing ? now() : 0;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n",
		    pl_progname, strerror(errno));
		rc = EXIT_TROUBLE;
	}
	for (size_t i = 0; i < pool.njobs; i++) {
		pl_diags_release(&pool.jobs[i].d);
		pl_zone_free(pool.jobs[i].z);
		free(pool.jobs[i].path);
	}
	free(pool.jobs);
	pl_diags_release(&d);
	ctxs_release(&cs);	/* the rulesets, after the findings */
	if (timing)
		fprintf(stderr, "%s: timing: run %.3f s, of which freeing %.3f "
		    "s\n", pl_progname, now() - t_start, now() - t_free);
	return rc;
}
