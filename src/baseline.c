/* baseline.c -- findings accepted once, so that only new ones fail a run */
/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "proxylint/baseline.h"
#include "proxylint/log.h"
#include "proxylint/output.h"
#include "proxylint/banned.h"

/*
 * A baseline is a JSON document (README, "Baselines"):
 *	{"version": 1, "tool": "proxylint",
 *	 "findings": [{"file": F, "fingerprint": "HASH:N", "rule": ...,
 *	               "name": ..., "type": ..., "content": ...}, ...]}
 * A finding is in it when its file (relative to the working folder, as the
 * reports write it) and its fingerprint (output.h: rule, owner, type and
 * content, not the line) are, so that records that move keep their place
 * in it, and a second identical record (":2") is new.  The other fields
 * are there for the person who reads the file.
 */

/* Fingerprints of every finding, with their files: keys "FILE\tFP". */
static char **
keys_of(const struct pl_diags *d)
{
	struct pl_fingerprints fps;
	char **keys = pl_xcalloc(d->n + 1, sizeof(*keys));
	char *rel = NULL;
	const char *last = NULL;

	pl_fingerprints_init(&fps);
	for (size_t i = 0; i < d->n; i++) {
		const struct pl_diag *g = &d->v[i];
		struct pl_diag_text t;
		char fp[PL_FINGERPRINT_LEN];

		if (last == NULL || strcmp(last, g->file) != 0) {
			free(rel);
			rel = pl_out_relative_path(g->file);
			last = g->file;
		}
		pl_diag_text(g, &t);
		pl_fingerprint(&fps, g, &t, rel, fp);
		keys[i] = pl_xasprintf("%s\t%s", rel, fp);
		pl_diag_text_release(&t);
	}
	free(rel);
	pl_fingerprints_release(&fps);
	return keys;
}

static void
keys_free(char **keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

int
pl_baseline_write(const char *path, const struct pl_diags *d)
{
	json_t *root = json_object(), *list = json_array();
	char **keys = keys_of(d);
	FILE *fp;
	int rc = 0;

	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "tool", json_string("proxylint"));
	for (size_t i = 0; i < d->n; i++) {
		struct pl_diag_text t;
		json_t *j = json_object();
		char *tab = strchr(keys[i], '\t');

		pl_diag_text(&d->v[i], &t);
		*tab = '\0';
		json_object_set_new(j, "file", pl_json_str(keys[i]));
		json_object_set_new(j, "fingerprint", pl_json_str(tab + 1));
		json_object_set_new(j, "rule", pl_json_str(d->v[i].rule->id));
		json_object_set_new(j, "name", pl_json_str_or_null(t.name));
		json_object_set_new(j, "type", pl_json_str_or_null(t.type));
		json_object_set_new(j, "content", pl_json_str_or_null(t.content));
		if (t.name == NULL)
			json_object_set_new(j, "message", pl_json_str(t.message));
		json_array_append_new(list, j);
		pl_diag_text_release(&t);
	}
	json_object_set_new(root, "findings", list);
	if ((fp = fopen(path, "w")) == NULL)
		rc = pl_error(PL_EWRITE, "cannot write '%s': %s", path,
		    strerror(errno));
	else {
		if (json_dumpf(root, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER)
		    != 0 || fputc('\n', fp) == EOF || ferror(fp))
			rc = PL_EWRITE;
		if (fclose(fp) != 0 || rc != 0)
			rc = pl_error(PL_EWRITE, "cannot write '%s': %s", path,
			    strerror(errno));
	}
	json_decref(root);
	keys_free(keys, d->n);
	return rc;
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
pl_baseline_apply(const char *path, struct pl_diags *d, size_t *gone)
{
	json_error_t err;
	json_t *root, *list;
	char **base = NULL, **keys;
	bool *drop, *used;
	size_t nbase = 0, nkeys;

	*gone = 0;
	if ((root = json_load_file(path, JSON_REJECT_DUPLICATES, &err)) ==
	    NULL)
		return err.line > 0 ? pl_error_at(PL_EINPUT, path,
		    (unsigned)err.line, (unsigned)err.column, "not a baseline: "
		    "%s", err.text) : pl_error(PL_EIO, "cannot read baseline "
		    "'%s': %s", path, err.text);
	list = json_object_get(root, "findings");
	if (!json_is_integer(json_object_get(root, "version")) ||
	    json_integer_value(json_object_get(root, "version")) != 1 ||
	    !json_is_array(list)) {
		json_decref(root);
		return pl_error(PL_EINPUT, "'%s' is not a proxylint baseline "
		    "(version 1 with a \"findings\" list, as --write-baseline "
		    "writes it)", path);
	}
	base = pl_xcalloc(json_array_size(list) + 1, sizeof(*base));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const char *f = json_string_value(json_object_get(
		    json_array_get(list, i), "file"));
		const char *fp = json_string_value(json_object_get(
		    json_array_get(list, i), "fingerprint"));

		if (f != NULL && fp != NULL)
			base[nbase++] = pl_xasprintf("%s\t%s", f, fp);
	}
	json_decref(root);
	qsort(base, nbase, sizeof(*base), key_cmp);
	keys = keys_of(d);
	nkeys = d->n;
	drop = pl_xcalloc(d->n + 1, sizeof(*drop));
	used = pl_xcalloc(nbase + 1, sizeof(*used));
	for (size_t i = 0; i < d->n; i++) {
		char **hit = bsearch(&keys[i], base, nbase, sizeof(*base),
		    key_cmp);

		if (hit != NULL) {
			drop[i] = true;
			used[hit - base] = true;
		}
	}
	for (size_t k = 0; k < nbase; k++)
		if (!used[k])
			(*gone)++;
	pl_diags_drop(d, drop);
	free(drop);
	free(used);
	keys_free(keys, nkeys);
	keys_free(base, nbase);
	return 0;
}
