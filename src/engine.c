/* engine.c -- the check kinds, and the loop that applies rules to records */
/* SPDX-License-Identifier: MIT */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/engine.h"
#include "proxylint/banned.h"

/*
 * Every check answers one question about one record, using the zone's
 * indexes for the cross-record ones, so that a run is linear in the number
 * of records.  Lists come from the rule (rules/NAME.yaml), never from C.
 */

/*
 * The state of a check: the zone, and the answers of chain walks
 * remembered for the share of the records a thread runs (see walk_memo).
 */
struct walk_memo_slot;
struct walk_memo {
	struct walk_memo_slot	*v;
	size_t			 cap;		/* a power of two, or 0 */
	size_t			 n;
};
struct check_ctx {
	const struct pl_zone	*z;
	struct walk_memo	 memo;
	const struct pl_rule	**active;	/* the rules that run */
	size_t			  nactive;
};

/*
 * A check kind's code: does the rule's condition hold for the record?  It
 * fills vars for the message.  The proxy state is the engine's business
 * (the rule's "when"), so that web-host-dns-only can ask "would any
 * DNS-only rule fire if this record were proxied?".  A check never fails;
 * the cross-record ones may remember walks in the context's memo.
 */
typedef bool (*check_fn)(const struct pl_rule *, struct check_ctx *,
    const struct pl_record *, struct pl_vars *);

/* Is the label (n octets) in the list, or, with digits, a list entry
 * followed by decimal digits ("smtp2", "mx01")? */
#define label_in(rule, key, label, n, digits) \
	pl_labelset_find(&PL_RULE_DATA(rule, key)->labelset, \
	    &PL_RULE_DATA(rule, key)->strs, (label), (n), (digits))

/* The same for the first label of a name. */
static const char *
first_label_of(const struct pl_labelset *s, const struct pl_strlist *l,
    const char *name, bool digits)
{
	const char *label;
	size_t n = pl_name_first_label(name, &label);

	return pl_labelset_find(s, l, label, n, digits);
}
#define first_label_in(rule, key, name, digits) \
	first_label_of(&PL_RULE_DATA(rule, key)->labelset, \
	    &PL_RULE_DATA(rule, key)->strs, (name), (digits))

/* Is name a web name of the zone: an apex, or LABEL.apex for a label of
 * the rule's web-labels?  Without a known apex, the first label decides. */
static bool
is_web_name(const struct pl_zone *z, const char *name,
    const struct pl_rule *rule)
{
	const char *label;
	size_t n;

	if (pl_name_is_apex(z, name))
		return true;
	n = pl_name_first_label(name, &label);
	if (label_in(rule, WEB_LABELS, label, n, false) == NULL)
		return false;
	if (z->origin == NULL && z->napexes == 0)
		return true;
	return name[n] == '.' && pl_zone_is_apex_text(z, name + n + 1);
}

/* The first range of a key's list that holds r's address, or NULL. */
static const struct pl_range *
match_range(const struct pl_rule_data *k, const struct pl_record *r)
{
	return pl_rangeset_find(&k->rangeset, &k->ranges, r->family, r->addr);
}

/* A list entry matched: {match} is the entry, {provider} its display
 * name, or the entry itself when it has none (a config's "lists"). */
static void
matched(struct pl_vars *v, const char *entry, const char *name)
{
	v->match = entry;
	v->provider = name != NULL ? name : entry;
}

#define DATA(id)	PL_RULE_DATA(rule, id)

static bool
check_record_type(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	(void)cx;
	(void)v;
	return !pl_type_in(DATA(ALLOWED_TYPES)->nums, DATA(ALLOWED_TYPES)->nnums,
	    r->type);
}

static bool
check_target(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	const struct pl_range *range;
	const char *m;

	(void)cx;
	if (r->target != NULL && DATA(TARGETS)->strs.n > 0 &&
	    (m = pl_globset_match(&DATA(TARGETS)->globset, r->target)) !=
	    NULL && pl_globset_match(&DATA(EXCEPT_TARGETS)->globset,
	    r->target) == NULL) {
		matched(v, m, pl_rule_data_name(DATA(TARGETS), m));
		return true;
	}
	if (r->family != 0 && DATA(ADDRESSES)->ranges.n > 0 &&
	    (range = match_range(DATA(ADDRESSES), r)) != NULL &&
	    match_range(DATA(EXCEPT_ADDRESSES), r) == NULL) {
		matched(v, range->text, pl_rule_data_range_name(
		    DATA(ADDRESSES), range));
		return true;
	}
	if (r->target != NULL && DATA(OWNER_LABELS)->strs.n > 0 &&
	    first_label_in(rule, OWNER_LABELS, r->owner,
	    DATA(LABEL_DIGITS)->on) != NULL &&
	    pl_globset_match(&DATA(EXCEPT_TARGETS)->globset, r->target) ==
	    NULL) {
		/* Any label of the target: autodiscover.mail.example.net. */
		for (const char *p = r->target; *p != '\0' && *p != '.';) {
			const char *label;
			size_t n = pl_name_first_label(p, &label);

			if ((m = label_in(rule, TARGET_LABELS, label, n,
			    DATA(LABEL_DIGITS)->on)) != NULL) {
				matched(v, m, pl_rule_data_name(
				    DATA(TARGET_LABELS), m));
				return true;
			}
			p += n;
			if (*p == '.')
				p++;
		}
	}
	return false;
}

static bool
check_name(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	const char *m;

	(void)cx;
	if (DATA(LABELS)->strs.n > 0 && (m = first_label_in(rule, LABELS,
	    r->owner, DATA(LABEL_DIGITS)->on)) != NULL) {
		matched(v, m, pl_rule_data_name(DATA(LABELS), m));
		return true;
	}
	if (DATA(UNDERSCORE)->on)
		for (const char *p = r->owner; *p != '\0';) {
			const char *label;
			size_t n = pl_name_first_label(p, &label);

			if (n > 0 && label[0] == '_') {
				v->match = "_";
				return true;
			}
			p += n;
			if (*p == '.')
				p++;
		}
	return false;
}

/* The first record of type that targets name, or NULL. */
static const struct pl_record *
referrer(const struct pl_zone *z, const char *name, uint16_t type)
{
	/* MX, then SRV records head a name's referrers (pl_zone_index). */
	for (uint32_t i = pl_zone_first_referrer(z, name); i != PL_NO_RECORD;
	    i = pl_zone_next_referrer(z, i)) {
		if (z->recs[i].type == type)
			return &z->recs[i];
		if (z->recs[i].type != LDNS_RR_TYPE_MX &&
		    z->recs[i].type != LDNS_RR_TYPE_SRV)
			break;
	}
	return NULL;
}

static bool
check_mail_host(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	const struct pl_zone *z = cx->z;
	const char *m;

	if ((pl_zone_name_flags(z, r->owner) & PL_NAME_MX_TARGET) &&
	    !is_web_name(z, r->owner, rule)) {
		const struct pl_record *mx = referrer(z, r->owner,
		    LDNS_RR_TYPE_MX);

		v->related = mx ? mx->owner : NULL;
		v->related_type = "MX";
		v->line = mx ? mx->line : 0;
		v->match = "MX";
		return true;
	}
	/* A mail-named CNAME to a web front end (Gmail's custom address)
	 * serves HTTPS, not mail. */
	if ((m = first_label_in(rule, LABELS, r->owner,
	    DATA(LABEL_DIGITS)->on)) != NULL && (r->target == NULL ||
	    pl_globset_match(&DATA(EXCEPT_TARGETS)->globset, r->target) ==
	    NULL)) {
		matched(v, m, pl_rule_data_name(DATA(LABELS), m));
		return true;
	}
	return false;
}

static bool
check_mx_web_host(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	const struct pl_zone *z = cx->z;
	if (r->type != LDNS_RR_TYPE_MX || r->target == NULL)
		return false;
	if (!is_web_name(z, r->target, rule))
		return false;
	if (!(pl_zone_name_flags(z, r->target) & PL_NAME_HAS_PROXIED))
		return false;
	v->related = r->target;
	return true;
}

/*
 * Answers that depend on a pair (a rule or an address's first record, and
 * a name), remembered for the share of the records a thread runs: a walk
 * along a chain is then made once per pair, however the records of the
 * input are ordered (hostile input interleaves them).
 */
struct walk_memo_slot {
	const void		*a;		/* NULL: empty */
	const char		*owner;
	const struct pl_record	*found;		/* or NULL */
};

static struct walk_memo_slot *
memo_slot(struct walk_memo *m, const void *a, const char *owner)
{
	uint64_t h = ((uintptr_t)owner ^ (uintptr_t)a >> 3) *
	    0x9e3779b97f4a7c15ULL;
	size_t j = (size_t)(h >> 32) & (m->cap - 1);

	while (m->v[j].a != NULL && (m->v[j].a != a || m->v[j].owner != owner))
		j = (j + 1) & (m->cap - 1);
	return &m->v[j];
}

/* The remembered slot of (a, owner), or NULL. */
static const struct walk_memo_slot *
memo_get(struct walk_memo *m, const void *a, const char *owner)
{
	struct walk_memo_slot *sl;

	if (m->cap == 0)
		return NULL;
	sl = memo_slot(m, a, owner);
	return sl->a != NULL ? sl : NULL;
}

static void
memo_put(struct walk_memo *m, const void *a, const char *owner,
    const struct pl_record *found)
{
	struct walk_memo_slot *sl;

	if ((m->n + 1) * 2 > m->cap) {
		struct walk_memo big = { NULL, m->cap ? m->cap * 2 : 256, 0 };

		big.v = pl_xcalloc(big.cap, sizeof(*big.v));
		for (size_t i = 0; i < m->cap; i++)
			if (m->v[i].a != NULL)
				*memo_slot(&big, m->v[i].a, m->v[i].owner) =
				    m->v[i];
		big.n = m->n;
		free(m->v);
		*m = big;
	}
	sl = memo_slot(m, a, owner);
	if (sl->a == NULL)
		m->n++;
	*sl = (struct walk_memo_slot){ a, owner, found };
}

static bool
check_srv_target(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	const struct pl_zone *z = cx->z;
	const struct walk_memo_slot *sl;
	const struct pl_record *found = NULL;

	/* The answer depends on the name alone. */
	if (!(pl_zone_name_flags(z, r->owner) & PL_NAME_SRV_TARGET))
		return false;
	if ((sl = memo_get(&cx->memo, rule, r->owner)) != NULL)
		found = sl->found;
	else {
		for (uint32_t i = pl_zone_first_referrer(z, r->owner);
		    i != PL_NO_RECORD && found == NULL;
		    i = pl_zone_next_referrer(z, i)) {
			const struct pl_record *srv = &z->recs[i];
			bool ok = false;

			if (srv->type == LDNS_RR_TYPE_MX)
				continue;
			if (srv->type != LDNS_RR_TYPE_SRV)
				break;	/* past the MX and SRV at the head */
			for (size_t p = 0; p < DATA(PORTS)->nnums; p++)
				if (DATA(PORTS)->nums[p] == srv->port)
					ok = true;
			if (!ok)
				found = srv;
		}
		memo_put(&cx->memo, rule, r->owner, found);
	}
	if (found == NULL)
		return false;
	v->related = found->owner;
	v->related_type = "SRV";
	v->port = found->port;
	v->line = found->line;
	return true;
}

static bool
check_proxied_ttl(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	(void)rule;
	(void)cx;
	(void)v;
	return r->ttl != 1;
}

static bool
check_mixed_proxy(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	const struct pl_zone *z = cx->z;
	(void)rule;
	(void)v;
	return r->family != 0 &&
	    (pl_zone_name_flags(z, r->owner) & PL_NAME_ADDR_PROXIED);
}

/* Walks this far along an address's chain before asking the memo. */
#define ORIGIN_WALK	8

/*
 * Along an address's chain from *i, at most max records: the first
 * proxied record at a name other than owner.  The proxied records head the
 * chain, so the first other one ends the search (*i is then
 * PL_NO_RECORD); otherwise *i is left where the walk stopped.
 */
static const struct pl_record *
other_proxied(const struct pl_zone *z, uint32_t *i, const char *owner,
    unsigned max)
{
	for (; *i != PL_NO_RECORD && max > 0; *i = z->recs[*i].next_addr,
	    max--) {
		const struct pl_record *o = &z->recs[*i];

		if (o->proxy != PL_PROXY_PROXIED) {
			*i = PL_NO_RECORD;
			return NULL;
		}
		if (o->owner != owner)
			return o;
	}
	return NULL;
}

/*
 * Is the address one that a platform gives its customers, listed by a
 * rule that wants records pointing there DNS-only (GitHub Pages, Vercel,
 * ...)?  Such an address is shared by every site on the platform and is
 * nobody's origin, so a DNS-only record there reveals nothing.
 */
static bool
platform_address(const struct check_ctx *cx, const struct pl_record *r)
{
	for (size_t i = 0; i < cx->nactive; i++) {
		const struct pl_rule *rule = cx->active[i];

		if (rule->kind->id == PL_KIND_TARGET &&
		    rule->wants == PL_WHEN_DNS_ONLY &&
		    DATA(ADDRESSES)->ranges.n > 0 &&
		    match_range(DATA(ADDRESSES), r) != NULL &&
		    match_range(DATA(EXCEPT_ADDRESSES), r) == NULL)
			return true;
	}
	return false;
}

static bool
check_origin_exposed(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	const struct pl_zone *z = cx->z;
	const struct walk_memo_slot *sl;
	const struct pl_record *found;
	uint32_t head, i;

	(void)rule;
	if (r->family == 0 || platform_address(cx, r))
		return false;
	head = i = pl_zone_first_addr(z, r->family, r->addr);
	found = other_proxied(z, &i, r->owner, ORIGIN_WALK);
	if (found == NULL && i != PL_NO_RECORD) {
		/* Many proxied records of the address at this very name:
		 * the answer is the same for each record of the name. */
		if ((sl = memo_get(&cx->memo, &z->recs[head], r->owner)) !=
		    NULL)
			found = sl->found;
		else {
			found = other_proxied(z, &i, r->owner, UINT32_MAX);
			memo_put(&cx->memo, &z->recs[head], r->owner,
			    found);
		}
	}
	if (found == NULL)
		return false;
	v->related = found->owner;
	v->related_type = found->family == 6 ? "AAAA" : "A";
	v->line = found->line;
	return true;
}

static bool
check_web_host(const struct pl_rule *rule, struct check_ctx *cx,
    const struct pl_record *r, struct pl_vars *v)
{
	const struct pl_zone *z = cx->z;
	const char *label;
	size_t n;

	/* Each DNS-only record of the name is reported: each one needs the
	 * change (an apex's A and AAAA alike). */
	if (pl_name_is_apex(z, r->owner)) {
		v->match = "apex";
		return true;
	}
	n = pl_name_first_label(r->owner, &label);
	v->match = label_in(rule, LABELS, label, n, false);
	return v->match != NULL;
}

/* The code of each check kind (kinds.h); per-input and reader kinds have
 * none. */
static const check_fn check_fns[PL_KIND__COUNT] = {
	[PL_KIND_RECORD_TYPE]		= check_record_type,
	[PL_KIND_TARGET]		= check_target,
	[PL_KIND_NAME]			= check_name,
	[PL_KIND_MAIL_HOST]		= check_mail_host,
	[PL_KIND_MX_WEB_HOST]		= check_mx_web_host,
	[PL_KIND_SRV_TARGET]		= check_srv_target,
	[PL_KIND_PROXIED_TTL]		= check_proxied_ttl,
	[PL_KIND_MIXED_PROXY]		= check_mixed_proxy,
	[PL_KIND_ORIGIN_EXPOSED]	= check_origin_exposed,
	[PL_KIND_WEB_HOST]		= check_web_host,
	[PL_KIND_PROXY_UNKNOWN]		= NULL,
	[PL_KIND_READER]		= NULL,
};
_Static_assert(sizeof(check_fns) / sizeof(check_fns[0]) == PL_KIND__COUNT,
    "one check function for each kind");

static bool
applies_to_format(const struct pl_rule *rule, const struct pl_zone *z)
{
	const char *f;

	if (rule->formats.n == 0)
		return true;
	f = pl_format_name(z->format);
	for (size_t i = 0; i < rule->formats.n; i++)
		if (strcmp(rule->formats.v[i], f) == 0)
			return true;
	return false;
}

static bool
state_matches(const struct pl_rule *rule, enum pl_proxy state)
{
	switch (rule->when) {
	case PL_WHEN_PROXIED:
		return state == PL_PROXY_PROXIED;
	case PL_WHEN_DNS_ONLY:
		return state == PL_PROXY_DNS_ONLY;
	default:
		return true;
	}
}

/*
 * Would a rule that wants this record DNS-only fire, were the record
 * proxied?  Then web-host-dns-only must stay quiet: the record is DNS-only
 * on purpose (rules.md, "Precedence").
 */
static bool
wanted_dns_only(const struct pl_rule **active, size_t nactive,
    struct check_ctx *cx, const struct pl_record *r)
{
	for (size_t i = 0; i < nactive; i++) {
		const struct pl_rule *rule = active[i];
		struct pl_vars v;

		if (!(rule->kind->flags & PL_KIND_WANTS_DNS_ONLY) ||
		    rule->when != PL_WHEN_PROXIED ||
		    !pl_rule_has_type(rule, r->type))
			continue;
		memset(&v, 0, sizeof(v));
		if (check_fns[rule->kind->id](rule, cx, r, &v))
			return true;
	}
	return false;
}

/* A finding about record r (NULL: about the input), lazy. */
static void
report(struct pl_diags *d, const struct pl_rule *rule,
    const struct pl_zone *z, const struct pl_record *r,
    const struct pl_vars *v)
{
	struct pl_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = rule;
	f.zone = z;
	f.rec = r;
	f.vars = *v;
	pl_diags_add(d, &f);
}

/* One share of the records, for one thread. */
struct share {
	const struct pl_rule	**active;
	size_t			  nactive;
	const struct pl_zone	 *z;
	struct pl_diags		 *d;
	uint32_t		  lo, hi;
	struct check_ctx	  cx;
};

static void *
run_share(void *arg)
{
	struct share *sh = arg;
	const struct pl_zone *z = sh->z;
	struct check_ctx *cx = &sh->cx;

	memset(cx, 0, sizeof(*cx));
	cx->z = z;
	cx->active = sh->active;
	cx->nactive = sh->nactive;

	/* Every rule that fires reports: the findings that one change fixes
	 * are merged after the filter (pl_diags_merge), so that a suppression
	 * of one of them leaves the others. */
	for (uint32_t ri = sh->lo; ri < sh->hi; ri++) {
		const struct pl_record *r = &z->recs[ri];

		if (r->flags & PL_REC_UNCHECKED)
			continue;

		for (size_t i = 0; i < sh->nactive; i++) {
			const struct pl_rule *rule = sh->active[i];
			struct pl_vars v;

			if (!pl_rule_has_type(rule, r->type) ||
			    !state_matches(rule, (enum pl_proxy)r->proxy))
				continue;
			memset(&v, 0, sizeof(v));
			if (!check_fns[rule->kind->id](rule, cx, r, &v))
				continue;
			if ((rule->kind->flags & PL_KIND_YIELDS) &&
			    wanted_dns_only(sh->active, sh->nactive, cx, r))
				continue;
			report(sh->d, rule, z, r, &v);
		}
	}
	return NULL;
}

/* Below this many records a second thread costs more than it saves. */
#define SHARE_MIN	65536

/* One zone of the input; per_input: its findings about the whole input
 * too (counted over the chain). */
static void
run_zone(const struct pl_ruleset *rs, const struct pl_zone *z,
    struct pl_diags *d, enum pl_proxy default_proxy, int nthreads,
    bool per_input)
{
	const struct pl_rule **active;
	struct share sh[8];
	struct pl_diags extra[8];
	pthread_t tid[8];
	int started[8] = { 0 };
	size_t nactive = 0;
	uint32_t per;

	active = pl_xcalloc(rs->n ? rs->n : 1, sizeof(*active));
	for (size_t i = 0; i < rs->n; i++) {
		const struct pl_rule *rule = rs->rules[i];

		if (rule->severity == PL_SEV_NONE ||
		    !applies_to_format(rule, z) ||
		    (rule->kind->flags & PL_KIND_FROM_READER))
			continue;
		if (rule->kind->flags & PL_KIND_PER_INPUT) {
			unsigned long n = 0;

			for (const struct pl_zone *zz = z; per_input &&
			    zz != NULL; zz = zz->next)
				n += zz->nunknown;
			if (n > 0 && default_proxy == PL_PROXY_UNKNOWN) {
				struct pl_vars v = { .count = n };

				report(d, rule, z, NULL, &v);
			}
			continue;
		}
		active[nactive++] = rule;
	}
	/*
	 * The checks only read the indexed zone, so the records can be shared
	 * out; each share reports into its own list, merged in order after.
	 * Findings are sorted before output, so the result is the same for
	 * any number of threads.
	 */
	if (nthreads > 8)
		nthreads = 8;
	if (nthreads < 1 || z->nrecs < SHARE_MIN)
		nthreads = 1;
	per = (z->nrecs + (uint32_t)nthreads - 1) / (uint32_t)nthreads;
	for (int t = 0; t < nthreads; t++) {
		sh[t].active = active;
		sh[t].nactive = nactive;
		sh[t].z = z;
		sh[t].lo = per * (uint32_t)t;
		sh[t].hi = t == nthreads - 1 ? z->nrecs : per * (uint32_t)(t + 1);
		if (t == 0) {
			sh[t].d = d;
			continue;
		}
		pl_diags_init(&extra[t], d->rules, d->file);
		extra[t].input = d->input;
		sh[t].d = &extra[t];
		started[t] = pthread_create(&tid[t], NULL, run_share, &sh[t])
		    == 0;
		if (!started[t])
			run_share(&sh[t]);
	}
	run_share(&sh[0]);
	for (int t = 1; t < nthreads; t++) {
		if (started[t])
			pthread_join(tid[t], NULL);
		pl_diags_move(d, &extra[t], d->input);
		pl_diags_release(&extra[t]);
	}
	for (int t = 0; t < nthreads; t++)
		free(sh[t].cx.memo.v);
	free(active);
}

void
pl_engine_run(const struct pl_ruleset *rs, const struct pl_zone *z,
    struct pl_diags *d, enum pl_proxy default_proxy, int nthreads)
{
	for (const struct pl_zone *zz = z; zz != NULL; zz = zz->next)
		run_zone(rs, zz, d, default_proxy, nthreads, zz == z);
}
