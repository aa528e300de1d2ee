/* zone.c -- the records of one input, interned names, name/address indexes */
/* SPDX-License-Identifier: MIT */
#define _GNU_SOURCE 1
#include <sys/mman.h>

#include <arpa/inet.h>
#include <pthread.h>

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/anchor.h"
#include "proxylint/zone.h"
#include "proxylint/banned.h"

/*
 * An interned name: its facts sit in the arena right before its text, so
 * that the rules reach them from the name pointer alone, with no hashing.
 * The hash table holds pointers to these.
 */
struct pl_name_entry {
	uint32_t	 len;
	uint32_t	 flags;		/* PL_NAME_* */
	union {
		struct {
			uint32_t first_owner;	/* head of the owner chain */
			uint32_t first_ref;	/* head of the referrer chain */
		};
		/* pl_zone_adopt(): the entry of the same name in the
		 * adopting zone (the chains are built after that). */
		struct pl_name_entry *fwd;
	};
	char		 name[];	/* NUL-terminated */
};

static const char *format_names[PL_FMT_COUNT_] = {
	"bind", "cloudflare-json", "terraform-plan", "octodns", "terraform",
	"dnscontrol", "markdown",
};

const char *
pl_format_name(enum pl_format f)
{
	return (unsigned)f < PL_FMT_COUNT_ ? format_names[f] : "unknown";
}

int
pl_format_parse(const char *s, enum pl_format *f)
{
	for (unsigned i = 0; i < PL_FMT_COUNT_; i++)
		if (strcmp(s, format_names[i]) == 0) {
			*f = (enum pl_format)i;
			return 0;
		}
	return -1;
}

/*
 * The record array.  A big one lives in its own mapping and grows with
 * mremap(2): the pages move without a copy and nothing is left behind in the
 * heap, where a doubling array leaves every smaller copy it outgrew.
 */
#define RECS_MAP_MIN	((size_t)1 << 20)

static struct pl_name_slot *table_new(uint32_t);

static void
recs_grow(struct pl_zone *z, uint32_t cap)
{
	size_t oldsize = (size_t)z->caprecs * sizeof(*z->recs);
	size_t size = (size_t)cap * sizeof(*z->recs);
	void *p;

	if (size < RECS_MAP_MIN) {
		z->recs = pl_xreallocarray(z->recs, cap, sizeof(*z->recs));
		z->caprecs = cap;
		return;
	}
	if (z->recs_mapped)
		p = mremap(z->recs, oldsize, size, MREMAP_MAYMOVE);
	else {
		p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED && z->nrecs > 0)
			memcpy(p, z->recs, (size_t)z->nrecs *
			    sizeof(*z->recs));
		if (p != MAP_FAILED)
			free(z->recs);
	}
	if (p == MAP_FAILED)
		pl_oom();
#ifdef MADV_HUGEPAGE
	/* The checks follow chains all over the array: huge pages spare
	 * them most TLB misses. */
	madvise(p, size, MADV_HUGEPAGE);
#endif
	z->recs = p;
	z->recs_mapped = true;
	z->caprecs = cap;
}

static void
recs_free(struct pl_zone *z)
{
	if (z->recs_mapped)
		munmap(z->recs, (size_t)z->caprecs * sizeof(*z->recs));
	else
		free(z->recs);
	z->recs = NULL;
	z->caprecs = 0;
	z->recs_mapped = false;
}

struct pl_zone *
pl_zone_new(const char *file, enum pl_format format)
{
	struct pl_zone *z = pl_xcalloc(1, sizeof(*z));

	z->file = file;
	z->format = format;
	z->files = pl_xcalloc(1, sizeof(*z->files));
	z->files[0] = (char *)(uintptr_t)file;
	z->nfiles = 1;
	pl_arena_init(&z->arena);
	z->capnames = 64;
	z->names = table_new(z->capnames);
	return z;
}

void
pl_zone_free(struct pl_zone *z)
{
	struct pl_zone *next;

	if (z == NULL)
		return;
	/* The chain after z, without recursion. */
	for (; z->next != NULL; z->next = next) {
		next = z->next->next;
		z->next->next = NULL;
		pl_zone_free(z->next);
	}
	free(z->apexes);
	for (uint16_t i = 1; i < z->nfiles; i++)
		free(z->files[i]);
	free(z->files);
	recs_free(z);
	pl_table_free(z->names, z->capnames, sizeof(*z->names));
	free(z->addr_slots);
	pl_anchors_free(z->anchors);
	pl_arena_release(&z->arena);
	free(z);
}

uint64_t
pl_zone_chain_nrecs(const struct pl_zone *z)
{
	uint64_t n = 0;

	for (; z != NULL; z = z->next)
		n += z->nrecs;
	return n;
}

void
pl_zone_add_apex(struct pl_zone *z, const char *name)
{
	/* Duplicates go when pl_zone_index() sorts the list. */
	if (z->napexes > 0 && z->apexes[z->napexes - 1] == name)
		return;
	z->apexes = pl_grow(z->apexes, z->napexes, sizeof(*z->apexes));
	z->apexes[z->napexes++] = name;
}

static int
apex_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Sorts the apexes and drops the duplicates, for the binary search. */
static void
apexes_sort(struct pl_zone *z)
{
	uint32_t n = 1;

	if (z->napexes < 2)
		return;
	qsort(z->apexes, z->napexes, sizeof(*z->apexes), apex_cmp);
	for (uint32_t i = 1; i < z->napexes; i++)
		if (z->apexes[i] != z->apexes[n - 1])
			z->apexes[n++] = z->apexes[i];
	z->napexes = n;
}

bool
pl_zone_is_apex_text(const struct pl_zone *z, const char *s)
{
	size_t lo = 0, hi = z->napexes;

	if (z->origin != NULL && strcmp(s, z->origin) == 0)
		return true;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(z->apexes[mid], s);

		if (c == 0)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

uint16_t
pl_zone_add_file(struct pl_zone *z, const char *name)
{
	for (uint16_t i = 0; i < z->nfiles; i++)
		if (strcmp(z->files[i], name) == 0)
			return i;
	if (z->nfiles == UINT16_MAX)
		return 0;
	z->files = pl_xreallocarray(z->files, z->nfiles + 1u,
	    sizeof(*z->files));
	z->files[z->nfiles] = pl_xstrdup(name);
	return z->nfiles++;
}

const char *
pl_zone_record_file(const struct pl_zone *z, const struct pl_record *r)
{
	return r->file < z->nfiles ? z->files[r->file] : z->file;
}

char *
pl_zone_strdup(struct pl_zone *z, const char *s, size_t n)
{
	return pl_arena_strndup(&z->arena, s, n);
}

/*
 * Hash of a name already in canonical form (lower case), eight octets at a
 * time; the high half picks the slot.  Multiply-xorshift mixing after
 * splitmix64; quality matters less than speed for an open-addressed table
 * whose slots keep the full hash.
 */
static uint64_t
name_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n;

	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;

		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	if (n > 0) {
		uint64_t w = 0;

		memcpy(&w, s, n);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	h = (h ^ (h >> 30)) * 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

/* A zeroed name table (huge pages when big: see pl_table_alloc()). */
static struct pl_name_slot *
table_new(uint32_t cap)
{
	return pl_table_alloc(cap, sizeof(struct pl_name_slot));
}

static void
names_grow(struct pl_zone *z)
{
	struct pl_name_slot *old = z->names;
	uint32_t oldcap = z->capnames, mask;

	z->capnames *= 2;
	mask = z->capnames - 1;
	z->names = table_new(z->capnames);
	for (uint32_t i = 0; i < oldcap; i++) {
		uint32_t j;

		if (old[i].e == NULL)
			continue;
		for (j = (uint32_t)(old[i].hash >> 32) & mask;
		    z->names[j].e != NULL; j = (j + 1) & mask)
			;
		z->names[j] = old[i];
	}
	pl_table_free(old, oldcap, sizeof(*old));
}

/*
 * Writes the canonical form of a name (lower case, trailing dot) into
 * out, which has room for n + 2 octets; returns its length.
 */
static size_t
canon(const char *s, size_t n, char *out)
{
	size_t i, o;

	/*
	 * Lower case; and \DDD escapes of octets above 127, as ldns writes
	 * non-ASCII names, back to the octets, so that "g\195\173thub" from
	 * ldns and "gíthub" from an API or a YAML file are one name.
	 */
	for (i = o = 0; i < n; i++) {
		if (s[i] == '\\' && i + 3 < n && s[i + 1] >= '1' &&
		    s[i + 1] <= '2' &&
		    s[i + 2] >= '0' && s[i + 2] <= '9' && s[i + 3] >= '0' &&
		    s[i + 3] <= '9') {
			int v = (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 +
			    (s[i + 3] - '0');

			if (v >= 128 && v <= 255) {
				out[o++] = (char)v;
				i += 3;
				continue;
			}
		}
		if (s[i] == '\\' && i + 1 < n) {
			/* Any other escape stays as it is. */
			out[o++] = s[i++];
			out[o++] = s[i];
			continue;
		}
		out[o++] = (char)pl_lower((unsigned char)s[i]);
	}
	n = o;
	/* A trailing dot that is not escaped ends a fully qualified name. */
	if (n == 0 || out[n - 1] != '.' ||
	    (n >= 2 && out[n - 2] == '\\' && (n < 3 || out[n - 3] != '\\')))
		out[n++] = '.';
	out[n] = '\0';
	return n;
}

/*
 * The slot of the key: its entry, or the empty slot where it belongs.  The
 * slot keeps the hash, so a probe that misses costs no visit to the entry.
 */
static struct pl_name_slot *
find_slot(const struct pl_zone *z, const char *key, size_t n, uint64_t h)
{
	uint32_t mask = z->capnames - 1;

	for (uint32_t j = (uint32_t)(h >> 32) & mask;; j = (j + 1) & mask) {
		struct pl_name_slot *sl = &z->names[j];

		if (sl->e == NULL)
			return sl;
		if (sl->hash == h && sl->e->len == n &&
		    memcmp(sl->e->name, key, n) == 0)
			return sl;
	}
}

/* The entry of an interned name: it sits right before the text. */
static struct pl_name_entry *
entry_of(const char *name)
{
	return (struct pl_name_entry *)(uintptr_t)(name -
	    offsetof(struct pl_name_entry, name));
}

/*
 * The name table is needed only while names are being interned: an indexed
 * zone reaches every fact from the name pointer.  pl_zone_index() frees it
 * (a 1M-record zone's table is 32 MiB), and this builds it again, from the
 * names the records and the origin use, should anyone intern later.
 */
static void
names_insert(struct pl_zone *z, const char *name)
{
	struct pl_name_entry *e;
	struct pl_name_slot *slot;
	uint64_t h;

	if (name == NULL)
		return;
	e = entry_of(name);
	h = name_hash(e->name, e->len);
	slot = find_slot(z, e->name, e->len, h);
	if (slot->e != NULL)
		return;
	slot->e = e;
	slot->hash = h;
	if (++z->nnames * 4 > z->capnames * 3)
		names_grow(z);
}

static void
names_rebuild(struct pl_zone *z)
{
	z->capnames = 64;
	z->nnames = 0;
	z->names = table_new(z->capnames);
	names_insert(z, z->origin);
	for (uint32_t i = 0; i < z->nrecs; i++) {
		names_insert(z, z->recs[i].owner);
		names_insert(z, z->recs[i].target);
	}
}

const char *
pl_zone_intern(struct pl_zone *z, const char *s, size_t n)
{
	char stackbuf[512], *key;
	struct pl_name_entry *e;
	struct pl_name_slot *slot;
	uint64_t h;
	size_t kn;

	if (z->names == NULL)
		names_rebuild(z);
	key = n + 2 <= sizeof(stackbuf) ? stackbuf : pl_xmalloc(n + 2);
	kn = canon(s, n, key);
	h = name_hash(key, kn);
	slot = find_slot(z, key, kn, h);
	if ((e = slot->e) == NULL) {
		e = pl_arena_alloc(&z->arena, sizeof(*e) + kn + 1);
		memcpy(e->name, key, kn + 1);
		e->len = (uint32_t)kn;
		e->first_owner = e->first_ref = PL_NO_RECORD;
		e->flags = 0;
		slot->e = e;
		slot->hash = h;
		if (++z->nnames * 4 > z->capnames * 3)
			names_grow(z);
	}
	if (key != stackbuf)
		free(key);
	return e->name;
}

void
pl_zone_prefetch(const struct pl_zone *z, const char *s, size_t n)
{
	char key[512];
	size_t kn;

	if (z->names == NULL || n + 2 > sizeof(key))
		return;
	kn = canon(s, n, key);
	__builtin_prefetch(&z->names[(uint32_t)(name_hash(key, kn) >> 32) &
	    (z->capnames - 1)]);
}

const char *
pl_zone_lookup(const struct pl_zone *z, const char *s, size_t n)
{
	char stackbuf[512], *key;
	struct pl_name_entry *e;
	size_t kn;

	if (z->names == NULL)
		names_rebuild((struct pl_zone *)(uintptr_t)z);
	key = n + 2 <= sizeof(stackbuf) ? stackbuf : pl_xmalloc(n + 2);
	kn = canon(s, n, key);
	e = find_slot(z, key, kn, name_hash(key, kn))->e;
	if (key != stackbuf)
		free(key);
	return e != NULL ? e->name : NULL;
}


const char *
pl_rec_content(const struct pl_record *r, char *buf)
{
	if (r->content != NULL)
		return r->content;
	if (r->family != 0 && inet_ntop(r->family == 6 ? AF_INET6 : AF_INET,
	    r->addr, buf, PL_ADDR_TEXT) != NULL)
		return buf;
	return "";
}

void
pl_zone_checks_done(struct pl_zone *z)
{
	free(z->addr_slots);
	z->addr_slots = NULL;
	z->capaddr = 0;
}

struct pl_record *
pl_zone_add(struct pl_zone *z)
{
	struct pl_record *r;

	if (z->nrecs == z->caprecs) {
		recs_grow(z, z->caprecs ? z->caprecs * 2 : 256);
	}
	r = &z->recs[z->nrecs++];
	memset(r, 0, sizeof(*r));
	r->next_owner = r->next_addr = r->next_ref = PL_NO_RECORD;
	return r;
}

static uint64_t
addr_hash(int family, const uint8_t *a)
{
	uint64_t h = 0xcbf29ce484222325ULL ^ (uint64_t)family;
	int n = family == 6 ? 16 : 4;

	for (int i = 0; i < n; i++) {
		h ^= a[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* How many records ahead the address pass prefetches slots. */
#define ADDR_AHEAD	16

static bool
same_addr(const struct pl_record *r, int family, const uint8_t *a)
{
	return r->family == family &&
	    memcmp(r->addr, a, family == 6 ? 16 : 4) == 0;
}

/* The slot of an address (h its hash): its chain's, or the empty one where
 * it belongs.  The tag spares a probe that misses a visit to a record. */
static struct pl_addr_slot *
addr_slot(const struct pl_zone *z, int family, const uint8_t *addr,
    uint64_t h)
{
	uint32_t mask = z->capaddr - 1, j;

	for (j = (uint32_t)h & mask; z->addr_slots[j].rec != PL_NO_RECORD;
	    j = (j + 1) & mask)
		if (z->addr_slots[j].tag == (uint32_t)(h >> 32) &&
		    same_addr(&z->recs[z->addr_slots[j].rec], family, addr))
			break;
	return &z->addr_slots[j];
}

bool
pl_name_is_proxiable_type(uint16_t type)
{
	return type == LDNS_RR_TYPE_A || type == LDNS_RR_TYPE_AAAA ||
	    type == LDNS_RR_TYPE_CNAME;
}

/* The chains of an entry hold records: until then first_owner and
 * first_ref mean nothing (pl_zone_adopt() may have used them as fwd). */
#define NAME_OWNER_LINKED	(1u << 8)
#define NAME_REF_LINKED		(1u << 9)
#define NAME_INTERNAL		(NAME_OWNER_LINKED | NAME_REF_LINKED)

/*
 * Puts record i at the head of a chain: *first is the head, *next the
 * record's link, and the linked bit of *flags says whether *first holds
 * a record yet.
 */
static void
link_head(uint32_t *first, uint32_t *next, uint32_t *flags, uint32_t linked,
    uint32_t i)
{
	*next = *flags & linked ? *first : PL_NO_RECORD;
	*first = i;
	*flags |= linked;
}
#define link_owner(e, r, i) link_head(&(e)->first_owner, &(r)->next_owner, \
	&(e)->flags, NAME_OWNER_LINKED, (i))
#define link_ref(e, r, i) link_head(&(e)->first_ref, &(r)->next_ref, \
	&(e)->flags, NAME_REF_LINKED, (i))

static bool
mail_or_service(const struct pl_record *r)
{
	return r->type == LDNS_RR_TYPE_MX || r->type == LDNS_RR_TYPE_SRV;
}

/* The proxy state a record has once the default is applied. */
static inline unsigned
effective_proxy(const struct pl_record *r, enum pl_proxy dflt)
{
	if (r->proxy == PL_PROXY_UNKNOWN && dflt != PL_PROXY_UNKNOWN &&
	    pl_name_is_proxiable_type(r->type))
		return (unsigned)dflt;
	return r->proxy;
}

struct addr_index {
	struct pl_zone	*z;
	enum pl_proxy	 dflt;
};

/*
 * Builds the address index.  It reads the records and writes only their
 * next_addr (an A/AAAA has no target, so no referrer link shares it) and
 * the table, so it can run beside the name chains.
 */
static void *
addr_index_build(void *arg)
{
	struct addr_index *ai = arg;
	struct pl_zone *z = ai->z;
	uint32_t naddr = 0, mask;

	for (uint32_t i = 0; i < z->nrecs; i++)
		naddr += z->recs[i].family != 0;
	/* At most three quarters full: the tags make a long probe cheap,
	 * and the table is 8 bytes a slot. */
	z->capaddr = 16;
	while ((uint64_t)z->capaddr * 3 < (uint64_t)naddr * 4)
		z->capaddr *= 2;
	z->addr_slots = pl_xmalloc(z->capaddr * sizeof(*z->addr_slots));
	memset(z->addr_slots, 0xff, z->capaddr * sizeof(*z->addr_slots));
	mask = z->capaddr - 1;
	/*
	 * Backwards, so that each chain ends up in input order; and the
	 * proxied records of an address in a second pass, at the head, so that
	 * origin-ip-exposed finds one at once however many DNS-only records
	 * share the address.  The slot of a record some way ahead is
	 * prefetched: the table is far larger than the caches.
	 */
	for (int pass = 0; pass < 2; pass++)
	for (uint32_t i = z->nrecs; i-- > 0;) {
		struct pl_record *r = &z->recs[i];
		struct pl_addr_slot *sl;
		uint64_t h;

		if (i >= ADDR_AHEAD) {
			const struct pl_record *a = &z->recs[i - ADDR_AHEAD];

			if (a->family != 0)
				__builtin_prefetch(&z->addr_slots[addr_hash(
				    a->family, a->addr) & mask], 1);
		}
		if (r->family == 0 || (effective_proxy(r, ai->dflt) ==
		    PL_PROXY_PROXIED) != (pass == 1))
			continue;
		h = addr_hash(r->family, r->addr);
		sl = addr_slot(z, r->family, r->addr, h);
		r->next_addr = sl->rec;
		sl->rec = i;
		sl->tag = (uint32_t)(h >> 32);
	}
	return NULL;
}

/* Below this many records a second thread costs more than it saves. */
#define INDEX_MT_MIN	65536

void
pl_zone_index(struct pl_zone *z, enum pl_proxy default_proxy, int threads)
{
	struct addr_index ai = { z, default_proxy };
	pthread_t tid;
	bool two = false;

	if (z->indexed)
		return;
	z->indexed = true;
	apexes_sort(z);
	/*
	 * The address index on a second thread, the name chains here.  Until
	 * both are done nothing writes a record's proxy state or flags: both
	 * sides read it (effective_proxy()).
	 */
	if (threads > 1 && z->nrecs >= INDEX_MT_MIN)
		two = pthread_create(&tid, NULL, addr_index_build, &ai) == 0;
	/* Backwards, each record put at the head of its chains, so that
	 * the chains run in input order with no tail pointers. */
	for (uint32_t i = z->nrecs; i-- > 0;) {
		struct pl_record *r = &z->recs[i];
		struct pl_name_entry *e;
		bool proxiable = pl_name_is_proxiable_type(r->type);
		unsigned proxy = effective_proxy(r, default_proxy);

		e = entry_of(r->owner);
		link_owner(e, r, i);
		if (proxiable && proxy == PL_PROXY_PROXIED)
			e->flags |= PL_NAME_HAS_PROXIED;
		if (proxiable && proxy == PL_PROXY_DNS_ONLY)
			e->flags |= PL_NAME_HAS_DNS_ONLY;
		if (r->family != 0) {
			if (proxy == PL_PROXY_PROXIED)
				e->flags |= PL_NAME_ADDR_PROXIED;
			else if (proxy == PL_PROXY_DNS_ONLY)
				e->flags |= PL_NAME_ADDR_DNS_ONLY;
		}
		if (r->target != NULL && !mail_or_service(r))
			link_ref(entry_of(r->target), r, i);
	}
	/*
	 * SRV and then MX records go at the head of their target's chain, so
	 * that the checks that look for them stop at the first other record:
	 * a name with many CNAMEs to it costs nothing more, and the first MX
	 * is found at once however many SRV records share the name.
	 */
	for (int pass = 0; pass < 2; pass++)
	for (uint32_t i = z->nrecs; i-- > 0;) {
		struct pl_record *r = &z->recs[i];
		struct pl_name_entry *e;

		if (r->target == NULL || !mail_or_service(r) ||
		    (r->type == LDNS_RR_TYPE_MX) != (pass == 1))
			continue;
		e = entry_of(r->target);
		link_ref(e, r, i);
		e->flags |= r->type == LDNS_RR_TYPE_MX ? PL_NAME_MX_TARGET :
		    PL_NAME_SRV_TARGET;
	}
	/* Interning is over: see names_rebuild(). */
	pl_table_free(z->names, z->capnames, sizeof(*z->names));
	z->names = NULL;
	z->capnames = 0;
	z->nnames = 0;
	if (two)
		pthread_join(tid, NULL);
	else
		addr_index_build(&ai);
	/* Now the records' own state: the default applied. */
	for (uint32_t i = 0; i < z->nrecs; i++) {
		struct pl_record *r = &z->recs[i];

		if (!pl_name_is_proxiable_type(r->type) ||
		    (r->flags & PL_REC_UNCHECKED))
			continue;
		if (r->proxy == PL_PROXY_UNKNOWN) {
			z->nunknown++;
			if (default_proxy != PL_PROXY_UNKNOWN) {
				r->proxy = (uint8_t)default_proxy;
				r->flags |= PL_REC_PROXY_DEFAULTED;
			}
		}
	}
}

uint32_t
pl_zone_first(const struct pl_zone *z, const char *name)
{
	const struct pl_name_entry *e;

	(void)z;	/* an interned name leads to its entry */
	if (name == NULL)
		return PL_NO_RECORD;
	e = entry_of(name);
	return e->flags & NAME_OWNER_LINKED ? e->first_owner : PL_NO_RECORD;
}

uint32_t
pl_zone_first_addr(const struct pl_zone *z, int family, const uint8_t *addr)
{
	if (z->addr_slots == NULL)
		return PL_NO_RECORD;
	return addr_slot(z, family, addr, addr_hash(family, addr))->rec;
}

unsigned
pl_zone_name_flags(const struct pl_zone *z, const char *name)
{
	(void)z;
	return name == NULL ? 0 : entry_of(name)->flags & ~NAME_INTERNAL;
}

uint32_t
pl_zone_first_referrer(const struct pl_zone *z, const char *name)
{
	const struct pl_name_entry *e;

	(void)z;
	if (name == NULL)
		return PL_NO_RECORD;
	e = entry_of(name);
	return e->flags & NAME_REF_LINKED ? e->first_ref : PL_NO_RECORD;
}

uint32_t
pl_zone_next_referrer(const struct pl_zone *z, uint32_t rec)
{
	return z->recs[rec].next_ref;
}

size_t
pl_name_first_label(const char *name, const char **label)
{
	size_t i;

	*label = name;
	for (i = 0; name[i] != '\0' && name[i] != '.'; i++)
		if (name[i] == '\\' && name[i + 1] != '\0')
			i++;
	return i;
}

bool
pl_name_is_apex(const struct pl_zone *z, const char *name)
{
	if (z->origin != NULL && name == z->origin)
		return true;
	return z->napexes > 0 && pl_zone_is_apex_text(z, name);
}

void
pl_zone_adopt(struct pl_zone *z, struct pl_zone *src)
{
	struct pl_arena_block **tail;

	/* Names: take over src's entries that z lacks, map the others. */
	for (uint32_t i = 0; i < src->capnames; i++) {
		struct pl_name_entry *e = src->names[i].e;
		struct pl_name_slot *slot;

		if (e == NULL)
			continue;
		slot = find_slot(z, e->name, e->len, src->names[i].hash);
		if (slot->e == NULL) {
			slot->e = e;
			slot->hash = src->names[i].hash;
			e->fwd = e;
			if (++z->nnames * 4 > z->capnames * 3)
				names_grow(z);
		} else
			e->fwd = slot->e;
	}
	/* src's table is done with: give it back before the records grow. */
	pl_table_free(src->names, src->capnames, sizeof(*src->names));
	src->names = NULL;
	src->capnames = 0;
	src->nnames = 0;
	if (z->nrecs + src->nrecs > z->caprecs)
		recs_grow(z, z->nrecs + src->nrecs);
	for (uint32_t i = 0; i < src->nrecs; i++) {
		struct pl_record *r = pl_zone_add(z);

		*r = src->recs[i];
		r->owner = entry_of(r->owner)->fwd->name;
		if (r->target != NULL)
			r->target = entry_of(r->target)->fwd->name;
		/* Copied pages of a mapped src go back as we go, so that the
		 * records are not held twice. */
		if (src->recs_mapped && (i & 0xffff) == 0xffff)
			pl_file_drop((const char *)src->recs,
			    (const char *)&src->recs[i]);
	}
	z->nunknown += src->nunknown;
	if (src->anchors != NULL)
		pl_anchors_adopt(z, src, z->nrecs - src->nrecs);
	/* The strings stay where they are: the blocks join z's arena. */
	for (tail = &z->arena.head; *tail != NULL; tail = pl_arena_next(*tail))
		;
	*tail = src->arena.head;
	z->arena.total += src->arena.total;
	pl_arena_init(&src->arena);
	src->nrecs = 0;
	recs_free(src);
}

void
pl_zone_reserve(struct pl_zone *z, uint32_t nrecs, uint32_t nnames)
{
	if (nrecs > z->caprecs)
		recs_grow(z, nrecs);
	while ((uint64_t)nnames * 4 > (uint64_t)z->capnames * 3 &&
	    z->capnames < (1u << 30))
		names_grow(z);
}

const struct pl_record_ext pl_ext_proxied = { NULL, "cf-proxied:true", NULL,
    0 };
const struct pl_record_ext pl_ext_dns_only = { NULL, "cf-proxied:false", NULL,
    0 };

/* A record's own ext, copied from the shared one it may point to. */
static struct pl_record_ext *
own_ext(struct pl_zone *z, struct pl_record *r)
{
	struct pl_record_ext *x = pl_arena_alloc(&z->arena, sizeof(*x));

	if (r->ext != NULL)
		*x = *r->ext;
	else
		memset(x, 0, sizeof(*x));
	r->ext = x;
	return x;
}

/* The ext is the record's own once set through here; the shared ones are
 * never written. */
static int
is_shared(const struct pl_record_ext *x)
{
	return x == NULL || x == &pl_ext_proxied || x == &pl_ext_dns_only;
}

void
pl_rec_set_comment(struct pl_zone *z, struct pl_record *r, const char *s)
{
	(is_shared(r->ext) ? own_ext(z, r) :
	    (struct pl_record_ext *)(uintptr_t)r->ext)->comment = s;
}

void
pl_rec_set_tags(struct pl_zone *z, struct pl_record *r, const char *s)
{
	(is_shared(r->ext) ? own_ext(z, r) :
	    (struct pl_record_ext *)(uintptr_t)r->ext)->tags = s;
}

void
pl_rec_set_pointer(struct pl_zone *z, struct pl_record *r, const char *s)
{
	(is_shared(r->ext) ? own_ext(z, r) :
	    (struct pl_record_ext *)(uintptr_t)r->ext)->pointer = s;
}

void
pl_rec_set_col(struct pl_zone *z, struct pl_record *r, uint32_t col)
{
	(is_shared(r->ext) ? own_ext(z, r) :
	    (struct pl_record_ext *)(uintptr_t)r->ext)->col = col;
}

const char *
pl_type_name(uint16_t type, char *buf, size_t len)
{
	const ldns_rr_descriptor *desc;
	const char *lit = NULL;

	/* The common ones without a look-up: this runs for every finding. */
	switch (type) {
	case LDNS_RR_TYPE_A:	 lit = "A"; break;
	case LDNS_RR_TYPE_AAAA:	 lit = "AAAA"; break;
	case LDNS_RR_TYPE_CNAME: lit = "CNAME"; break;
	case LDNS_RR_TYPE_MX:	 lit = "MX"; break;
	case LDNS_RR_TYPE_TXT:	 lit = "TXT"; break;
	default:		 break;
	}
	if (lit != NULL && len > 6) {
		memcpy(buf, lit, strlen(lit) + 1);
		return buf;
	}
	desc = ldns_rr_descript(type);
	if (desc != NULL && desc->_name != NULL && type != 0) {
		snprintf(buf, len, "%s", desc->_name);
		return buf;
	}
	snprintf(buf, len, "TYPE%u", (unsigned)type);
	return buf;
}
