/* read_bind.c -- reads BIND zone files and Cloudflare exports into a zone */
/* SPDX-License-Identifier: MIT */
#include <sys/socket.h>
#include <sys/stat.h>

#include <arpa/inet.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ldns/ldns.h>

#include "proxylint/anchor.h"
#include "proxylint/cftags.h"
#include "proxylint/log.h"
#include "proxylint/read.h"
#include "proxylint/read_text.h"
#include "proxylint/banned.h"

/*
 * ldns's zone reader drops comments, where Cloudflare keeps the proxy flag,
 * reports the last line it read rather than the record's first, stops at
 * the first error and refuses $INCLUDE.  So this reader splits the text into
 * entries itself (RFC 1035 section 5.1: one entry per line, parentheses
 * continue it, ';' starts a comment, quotes and '\' escape), resolves the
 * owner, TTL and class, and hands each record's text to ldns, which knows
 * every record type's RDATA.
 */

struct tok {
	const char	*s;
	uint32_t	 n;
	uint8_t		 quoted;
};

struct entry {
	struct tok	*toks;
	size_t		 ntoks;
	size_t		 cap;
	uint32_t	 line;		/* first line */
	int		 blank_owner;	/* starts with a blank: owner omitted */
	const char	*comment;	/* last comment, after the ';' */
	size_t		 comment_len;
	const char	*err;		/* lexical error, or NULL */
	int		 unclosed;	/* the text ended inside ( ) */
};

struct bind_ctx {
	struct pl_zone			*z;
	struct pl_diags			*d;
	const struct pl_read_opts	*o;
	char				*top_dir;	/* realpath, or NULL */
	char				*stack[PL_MAX_INCLUDE_DEPTH + 1];
	int				 depth;
	unsigned			 nincludes;	/* followed so far */
	const char			*apex;		/* zone apex, interned */
	int				 cf_export;	/* banner seen */
	uint32_t			 default_ttl;
	int				 have_default_ttl;
	uint32_t			 last_ttl;
	int				 have_last_ttl;
	const char			*prev_owner;	/* interned */
	uint32_t			 line;		/* of the current entry */
	const char			*placeholder;	/* origin stand-in */
	unsigned			 no_origin_recs; /* records dropped
							   for want of it */
	uint32_t			 no_origin_line; /* first relative
							   name with none */
	const char			*no_origin_file; /* its file, as
							   cur_file */
	int				 no_directives;	/* a part after a split:
							   a directive bails */
	int				 bail;		/* the split was wrong */
	int				 used_fallback_ttl;
	int				 open_at_end;	/* text ended inside ( ) */
	unsigned			 nerrors;	/* syntax errors */
	uint32_t			 first_error_line;
	char				*first_error;
	struct pl_buf			 text;		/* record text for ldns */
	const char			*cur_file;	/* the $INCLUDEd file being
							   read (the zone's name
							   for it), or NULL */
};

/* State of one file being read (the top-level one or an include). */
struct file_state {
	const char	*origin;	/* interned, or NULL */
	size_t		 origin_len;
	int		 origin_explicit; /* $ORIGIN given in this file */
	ldns_rdf	*origin_rdf;
	uint16_t	 file;		/* index in the zone's files */
	const char	*path;		/* as opened, for includes */
};

static void	read_part(struct bind_ctx *, struct file_state *,
		    const char *, size_t, uint32_t);

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/*
 * The octets that end a word or need a closer look inside one: blanks,
 * newline, ';', parentheses, NUL, quote and backslash.  A word's plain
 * octets are skipped with one table load each.
 */
static const uint8_t word_stop[256] = {
	['\0'] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [' '] = 1,
	['"'] = 1, ['('] = 1, [')'] = 1, [';'] = 1, ['\\'] = 1,
};

static void
add_tok(struct entry *e, const char *s, size_t n, int quoted)
{
	if (e->ntoks == e->cap) {
		e->cap = e->cap ? e->cap * 2 : 16;
		e->toks = pl_xreallocarray(e->toks, e->cap, sizeof(*e->toks));
	}
	e->toks[e->ntoks].s = s;
	e->toks[e->ntoks].n = (uint32_t)n;
	e->toks[e->ntoks].quoted = (uint8_t)quoted;
	e->ntoks++;
}

/*
 * Reads the next entry from *pp.  Returns 0 at the end of the input.  An
 * entry with no tokens is a blank or comment line.  Lexical errors are
 * noted in e->err, and the entry still ends where it would have ended.
 */
static int
next_entry(const char **pp, const char *end, uint32_t *line, struct entry *e)
{
	const char *p = *pp, *start = *pp;
	int depth = 0;

	if (p >= end)
		return 0;
	e->ntoks = 0;
	e->line = *line;
	e->blank_owner = p < end && (*p == ' ' || *p == '\t');
	e->comment = NULL;
	e->comment_len = 0;
	e->err = NULL;
	while (p < end) {
		const char *t;
		int c = (unsigned char)*p;

		if ((size_t)(p - start) > PL_MAX_RECORD_LEN && e->err == NULL) {
			e->err = "record longer than 65536 octets";
			e->ntoks = 0;
		}
		if (c == '\n') {
			(*line)++;
			p++;
			if (depth == 0)
				break;
			continue;
		}
		if (is_blank(c)) {
			p++;
			continue;
		}
		if (c == ';') {
			const char *nl;

			t = ++p;
			nl = memchr(p, '\n', (size_t)(end - p));
			p = nl != NULL ? nl : end;
			e->comment = t;
			e->comment_len = (size_t)(p - t);
			continue;
		}
		if (c == '(') {
			if (++depth > 1 && e->err == NULL)
				e->err = "nested parentheses";
			p++;
			continue;
		}
		if (c == ')') {
			if (depth == 0) {
				if (e->err == NULL)
					e->err = "')' without '('";
			} else
				depth--;
			p++;
			continue;
		}
		if (c == '\0') {
			if (e->err == NULL)
				e->err = "NUL byte in the text";
			p++;
			continue;
		}
		t = p;
		if (c == '"') {
			for (p++; p < end && *p != '"' && *p != '\n'; p++)
				if (*p == '\\' && p + 1 < end && p[1] != '\n')
					p++;
			if (p >= end || *p != '"') {
				if (e->err == NULL)
					e->err = "unterminated quoted string";
				continue;	/* the '\n' ends the entry */
			}
			p++;
			if (e->err == NULL)
				add_tok(e, t, (size_t)(p - t), 1);
			continue;
		}
		for (; p < end; p++) {
			while (p < end && !word_stop[(unsigned char)*p])
				p++;
			if (p >= end)
				break;
			c = (unsigned char)*p;
			if (c == '\\' && p + 1 < end && p[1] != '\n') {
				p++;
				continue;
			}
			/* A quote inside a word belongs to it, as in the SVCB
			 * parameter alpn="h2,h3" (RFC 9460 section 2.1). */
			if (c == '"') {
				const char *q = p + 1;

				while (q < end && *q != '"' && *q != '\n')
					q += *q == '\\' && q + 1 < end &&
					    q[1] != '\n' ? 2 : 1;
				if (q < end && *q == '"') {
					p = q;
					continue;
				}
				break;
			}
			if (c == '\n' || is_blank(c) || c == ';' || c == '(' ||
			    c == ')' || c == '\0')
				break;
		}
		if (e->err == NULL)
			add_tok(e, t, (size_t)(p - t), 0);
	}
	e->unclosed = depth > 0;
	if (depth > 0 && e->err == NULL)
		e->err = "'(' not closed before the end of the file";
	*pp = p;
	return 1;
}

static int
tok_is(const struct tok *t, const char *s)
{
	size_t n = strlen(s);

	return !t->quoted && t->n == n && pl_strncaseeq(t->s, s, n);
}

/* Parses a TTL: seconds, or BIND units (1h30m, 2W).  RFC 2181 section 8. */
static int
parse_ttl(const struct tok *t, uint32_t *ttl)
{
	uint64_t total = 0, cur = 0;
	int digits = 0, units = 0;

	if (t->quoted || t->n == 0)
		return -1;
	for (uint32_t i = 0; i < t->n; i++) {
		int c = pl_lower((unsigned char)t->s[i]);
		uint64_t mul;

		if (c >= '0' && c <= '9') {
			cur = cur * 10 + (uint64_t)(c - '0');
			if (cur > UINT32_MAX)
				return -1;
			digits++;
			continue;
		}
		switch (c) {
		case 's': mul = 1; break;
		case 'm': mul = 60; break;
		case 'h': mul = 3600; break;
		case 'd': mul = 86400; break;
		case 'w': mul = 604800; break;
		default: return -1;
		}
		if (digits == 0)
			return -1;
		total += cur * mul;
		cur = 0;
		digits = 0;
		units++;
		if (total > INT32_MAX)
			return -1;
	}
	if (digits == 0 && units == 0)
		return -1;
	total += cur;
	if (total > INT32_MAX)	/* RFC 2181 section 8: at most 2^31 - 1 */
		return -1;
	*ttl = (uint32_t)total;
	return 0;
}

static int
is_class(const struct tok *t)
{
	if (t->quoted)
		return 0;
	if (tok_is(t, "IN") || tok_is(t, "CH") || tok_is(t, "HS") ||
	    tok_is(t, "CS") || tok_is(t, "NONE") || tok_is(t, "ANY"))
		return 1;
	if (t->n > 5 && pl_strncaseeq(t->s, "CLASS", 5)) {
		for (uint32_t i = 5; i < t->n; i++)
			if (t->s[i] < '0' || t->s[i] > '9')
				return 0;
		return 1;
	}
	return 0;
}

static void
syntax_error(struct bind_ctx *c, uint32_t line, const char *name,
    const char *type, const char *reason)
{
	struct pl_loc loc = { .file = c->cur_file, .line = line };
	struct pl_subject s = { .name = name, .type = type };
	struct pl_vars v = { .reason = reason };

	if (c->nerrors++ == 0) {
		c->first_error_line = line;
		c->first_error = pl_xstrdup(reason);
	}
	pl_read_report(c->d, PL_RULE_SYNTAX_ERROR, &loc, &s, &v);
}

static void
include_refused(struct bind_ctx *c, uint32_t line, const char *path,
    const char *reason)
{
	struct pl_loc loc = { .file = c->cur_file, .line = line };
	struct pl_vars v = { .reason = reason, .detail = path };

	pl_read_report(c->d, PL_RULE_INCLUDE_REFUSED, &loc, NULL, &v);
}

/* Is the name fully qualified (ends in an unescaped dot)? */
static int
is_absolute(const char *s, size_t n)
{
	size_t bs = 0;

	if (n == 0 || s[n - 1] != '.')
		return 0;
	for (size_t i = n - 1; i > 0 && s[i - 1] == '\\'; i--)
		bs++;
	return bs % 2 == 0;
}

/*
 * Resolves an owner name to an interned FQDN, or NULL with *why set.
 * Cloudflare writes the SOA owner without its trailing dot and no $ORIGIN,
 * so a relative name that already ends with the zone's name is taken as
 * absolute unless an $ORIGIN in the file says otherwise.
 */
static const char *
resolve_name(struct bind_ctx *c, struct file_state *f, const char *s,
    size_t n, const char **why)
{
	struct pl_buf b;
	const char *name;

	if (n == 1 && s[0] == '@') {
		if (f->origin == NULL) {
			*why = "'@' with no origin: give --origin or $ORIGIN";
			return NULL;
		}
		return f->origin;
	}
	if (is_absolute(s, n))
		return pl_zone_intern(c->z, s, n);
	if (!f->origin_explicit && c->apex != NULL) {
		size_t an = strlen(c->apex) - 1;	/* without the dot */

		if (an > 0 && ((n == an && pl_strncaseeq(s, c->apex, an)) ||
		    (n > an && s[n - an - 1] == '.' &&
		    pl_strncaseeq(s + n - an, c->apex, an))))
			return pl_zone_intern(c->z, s, n);
	}
	if (f->origin == NULL) {
		*why = "relative name with no origin: give --origin or $ORIGIN";
		return NULL;
	}
	pl_buf_init(&b);
	pl_buf_add(&b, s, n);
	if (strcmp(f->origin, ".") != 0)
		pl_buf_addc(&b, '.');
	pl_buf_adds(&b, f->origin);
	if (b.len > 1 && strcmp(f->origin, ".") != 0)
		b.len--;	/* the intern adds the dot back */
	name = pl_zone_intern(c->z, b.buf, b.len);
	pl_buf_release(&b);
	return name;
}

static void
set_origin(struct file_state *f, const char *name)
{
	f->origin = name;
	f->origin_len = name != NULL ? strlen(name) : 0;
	if (f->origin_rdf != NULL)
		ldns_rdf_deep_free(f->origin_rdf);
	f->origin_rdf = name ? ldns_dname_new_frm_str(name) : NULL;
}

/* Reads the record's comment: its free text, its tags and its proxy state. */
static void
set_comment(struct bind_ctx *c, struct pl_record *r, const struct entry *e)
{
	const char *cm, *tags, *why;
	size_t cmlen, tagslen;
	int has_tags;

	if (e->comment == NULL)
		return;
	pl_cf_comment_split(e->comment, e->comment_len, &cm, &cmlen, &tags,
	    &tagslen, &has_tags);
	/* Nearly every record of an export carries just its proxy flag:
	 * share one copy of those two lists rather than a million. */
	if (has_tags && cmlen == 0 && tagslen == 15 &&
	    memcmp(tags, "cf-proxied:true", 15) == 0) {
		r->ext = &pl_ext_proxied;
		r->proxy = PL_PROXY_PROXIED;
		return;
	}
	if (has_tags && cmlen == 0 && tagslen == 16 &&
	    memcmp(tags, "cf-proxied:false", 16) == 0) {
		r->ext = &pl_ext_dns_only;
		r->proxy = PL_PROXY_DNS_ONLY;
		return;
	}
	if (cmlen > 0)
		pl_rec_set_comment(c->z, r, pl_zone_strdup(c->z, cm, cmlen));
	if (!has_tags)
		return;
	pl_rec_set_tags(c->z, r, pl_zone_strdup(c->z, tags, tagslen));
	r->proxy = (uint8_t)pl_cf_tags_proxy(tags, tagslen, &why);
	if (why != NULL) {
		/* Not lazy: the record may be in the zone of the second half
		 * of a split read (read_split), which is freed once its
		 * records are adopted. */
		struct pl_finding fd = { .zone = c->z, .rec = r, .copy = true,
		    .vars = { .reason = why, .detail = pl_rec_tags(r) } };

		fd.rule = c->d->rules != NULL ?
		    c->d->rules->fixed[PL_RULE_MALFORMED_CF_TAGS] : NULL;
		pl_diags_add(c->d, &fd);
	}
}

static struct pl_record *
new_record(struct bind_ctx *c, struct file_state *f, const char *owner,
    uint32_t line, uint32_t ttl, uint16_t type)
{
	struct pl_record *r = pl_zone_add(c->z);

	r->owner = owner;
	r->line = line;
	r->ttl = ttl;
	r->type = type;
	r->file = f->file;
	return r;
}

/* A record from an RR that ldns parsed. */
static void
add_record(struct bind_ctx *c, struct file_state *f, const ldns_rr *rr,
    const char *owner, uint32_t line, const struct entry *e)
{
	struct pl_record *r = new_record(c, f, owner, line, ldns_rr_ttl(rr),
	    (uint16_t)ldns_rr_get_type(rr));

	pl_record_fill(c->z, r, rr);
	set_comment(c, r, e);
}

/*
 * The fast path.  Nearly all records of a real zone are A, AAAA, CNAME,
 * MX, TXT, NS or SRV in their plainest form.  For those, this reads the
 * RDATA directly, with the checks ldns's own converters make (inet_pton for
 * addresses; labels of 1 to 63 octets and names of at most 255 octets,
 * RFC 1035 section 2.3.4; 16-bit numbers; character strings of at most 255
 * octets).  Anything else, and anything unusual (escapes, non-ASCII octets,
 * another class), goes to ldns, which also words the error of a record that
 * turns out bad: the fast path only ever accepts, never rejects.
 * tests/unit/test_read_bind.c checks that both paths agree.
 */

/* Parses a decimal number of at most max; -1 if it is not one. */
static long
fast_number(const struct tok *t, long max)
{
	unsigned long v;

	if (t->quoted || !pl_text_uint(t->s, t->n, (unsigned long)max, &v))
		return -1;
	return (long)v;
}

/*
 * Checks a plain domain name token and makes it absolute into out (room
 * for 512 octets); returns its length, or 0 to leave the record to ldns.
 */
static size_t
fast_name(const struct file_state *f, const struct tok *t, char *out)
{
	size_t n = t->n, label = 0, wire, olen;
	int absolute;

	/* The root ("MX 0 ." says "no mail", RFC 7505) is no target: ldns. */
	if (t->quoted || n == 0 || n > 254 || (n == 1 && t->s[0] == '.'))
		return 0;
	if (n == 1 && t->s[0] == '@') {
		if (f->origin == NULL || (olen = f->origin_len) > 255)
			return 0;
		memcpy(out, f->origin, olen + 1);
		return olen;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)t->s[i];

		if (ch == '.') {
			if (label == 0 && !(n == 1))
				return 0;	/* empty label */
			label = 0;
			continue;
		}
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_' ||
		    ch == '*' || ch == '/'))
			return 0;	/* escapes, non-ASCII: ldns decides */
		if (++label > 63)
			return 0;
	}
	absolute = t->s[n - 1] == '.';
	memcpy(out, t->s, n);
	if (absolute) {
		out[n] = '\0';
		return n == 1 || n + 1 <= 255 ? n : 0;
	}
	if (f->origin == NULL || (olen = f->origin_len) > 255)
		return 0;
	if (strcmp(f->origin, ".") == 0) {
		out[n] = '.';
		out[n + 1] = '\0';
		wire = n + 2;
		n += 1;
	} else {
		out[n] = '.';
		memcpy(out + n + 1, f->origin, olen + 1);
		n += 1 + olen;
		wire = n + 1;
	}
	return wire <= 255 ? n : 0;
}

/* A character string as ldns prints it (quoted); 0 to leave it to ldns. */
static int
fast_txt(struct pl_buf *b, const struct tok *t)
{
	const char *s = t->s;
	size_t n = t->n;

	if (t->quoted) {
		s++;
		n -= 2;
	}
	if (n > 255)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch == '\\' || ch == '"' || ch < 0x20 || ch >= 0x7f)
			return 0;
	}
	if (b->len > 0)
		pl_buf_addc(b, ' ');
	pl_buf_addc(b, '"');
	pl_buf_add(b, s, n);
	pl_buf_addc(b, '"');
	return 1;
}

static int
fast_record(struct bind_ctx *c, struct file_state *f, const char *owner,
    uint32_t line, uint32_t ttl, uint16_t type, const struct tok *t,
    const struct tok *tend, const struct entry *e)
{
	char buf[INET6_ADDRSTRLEN + 1], name[512];
	struct pl_record *r;
	uint8_t addr[16];
	size_t ntok = (size_t)(tend - t), nlen;
	long pref = 0, weight = 0, port = 0;

	switch (type) {
	case LDNS_RR_TYPE_A:
	case LDNS_RR_TYPE_AAAA:
		if (ntok != 1 || t->quoted || t->n >= sizeof(buf))
			return 0;
		memcpy(buf, t->s, t->n);
		buf[t->n] = '\0';
		if (inet_pton(type == LDNS_RR_TYPE_A ? AF_INET : AF_INET6, buf,
		    addr) != 1)
			return 0;
		r = new_record(c, f, owner, line, ttl, type);
		r->family = type == LDNS_RR_TYPE_A ? 4 : 6;
		memcpy(r->addr, addr, type == LDNS_RR_TYPE_A ? 4 : 16);
		/* The content is the address: pl_rec_content() writes it
		 * when asked, in the form inet_pton() accepted (IPv4) or the
		 * usual one (IPv6). */
		break;
	case LDNS_RR_TYPE_CNAME:
	case LDNS_RR_TYPE_NS:
	case LDNS_RR_TYPE_PTR:
	case LDNS_RR_TYPE_DNAME:
		if (ntok != 1 || (nlen = fast_name(f, t, name)) == 0)
			return 0;
		r = new_record(c, f, owner, line, ttl, type);
		r->target = pl_zone_intern(c->z, name, nlen);
		/* The content is the target as written: share the interned
		 * text when it is the same (no capitals). */
		r->content = strcmp(r->target, name) == 0 ? r->target :
		    pl_zone_strdup(c->z, name, nlen);
		break;
	case LDNS_RR_TYPE_MX:
		if (ntok != 2 || (pref = fast_number(t, 65535)) < 0 ||
		    (nlen = fast_name(f, t + 1, name)) == 0)
			return 0;
		r = new_record(c, f, owner, line, ttl, type);
		r->target = pl_zone_intern(c->z, name, nlen);
		snprintf(buf, sizeof(buf), "%ld ", pref);
		r->content = pl_arena_alloc(&c->z->arena, strlen(buf) + nlen +
		    1);
		memcpy((char *)(uintptr_t)r->content, buf, strlen(buf));
		memcpy((char *)(uintptr_t)r->content + strlen(buf), name,
		    nlen + 1);
		break;
	case LDNS_RR_TYPE_SRV:
		if (ntok != 4 || (pref = fast_number(t, 65535)) < 0 ||
		    (weight = fast_number(t + 1, 65535)) < 0 ||
		    (port = fast_number(t + 2, 65535)) < 0 ||
		    (nlen = fast_name(f, t + 3, name)) == 0)
			return 0;
		r = new_record(c, f, owner, line, ttl, type);
		r->port = (uint16_t)port;
		r->target = pl_zone_intern(c->z, name, nlen);
		pl_buf_reset(&c->text);
		pl_buf_addf(&c->text, "%ld %ld %ld %s", pref, weight, port,
		    name);
		r->content = pl_zone_strdup(c->z, c->text.buf, c->text.len);
		break;
	case LDNS_RR_TYPE_TXT:
		if (ntok == 0)
			return 0;
		pl_buf_reset(&c->text);
		for (; t < tend; t++)
			if (!fast_txt(&c->text, t))
				return 0;
		r = new_record(c, f, owner, line, ttl, type);
		r->content = pl_zone_strdup(c->z, c->text.buf, c->text.len);
		break;
	default:
		return 0;
	}
	set_comment(c, r, e);
	return 1;
}

/*
 * ldns keeps a number too big for its 8, 16 or 32-bit field modulo its size
 * (MX 70000 reads as 4464), so the plain decimal fields are checked first.
 * Returns a reason, or NULL when ldns may decide.
 */
static const char *
int_out_of_range(ldns_rr_type type, const struct tok *t, const struct tok *tend,
    char *why, size_t whylen)
{
	const ldns_rr_descriptor *desc = ldns_rr_descript(type);

	if (desc == NULL || (t < tend && t->n == 2 && memcmp(t->s, "\\#", 2) == 0))
		return NULL;	/* RFC 3597 form: its own length check */
	for (size_t i = 0; t < tend && i < ldns_rr_descriptor_maximum(desc);
	    i++, t++) {
		uint64_t v = 0, max;
		uint32_t k;

		switch (ldns_rr_descriptor_field_type(desc, i)) {
		case LDNS_RDF_TYPE_INT8:  max = UINT8_MAX; break;
		case LDNS_RDF_TYPE_INT16: max = UINT16_MAX; break;
		case LDNS_RDF_TYPE_INT32: max = UINT32_MAX; break;
		default: continue;
		}
		if (t->quoted || t->n == 0 || t->n > 20)
			continue;
		for (k = 0; k < t->n && t->s[k] >= '0' && t->s[k] <= '9'; k++)
			if ((v = v * 10 + (uint64_t)(t->s[k] - '0')) > max)
				break;
		if (k < t->n && (t->s[k] < '0' || t->s[k] > '9'))
			continue;	/* not decimal: ldns decides */
		if (v > max) {
			snprintf(why, whylen, "number '%.*s' out of range "
			    "(0 to %llu)", (int)(t->n > 20 ? 20 : t->n), t->s,
			    (unsigned long long)max);
			return why;
		}
	}
	return NULL;
}

static int
has_placeholder(const char *s)
{
	return s != NULL && strstr(s, "origin.invalid.") != NULL;
}

/*
 * With no origin known, relative names were read against a stand-in.  A
 * record that used it is dropped with a syntax error: it was parsed only to
 * tell a zone that lacks its origin from a file that is no zone.
 */
static void
check_origin(struct bind_ctx *c, uint32_t line)
{
	const struct pl_record *r;

	if (c->placeholder == NULL || c->z->nrecs == 0)
		return;
	r = &c->z->recs[c->z->nrecs - 1];
	if (!has_placeholder(r->owner) && !has_placeholder(r->target) &&
	    !has_placeholder(r->content))
		return;
	c->z->nrecs--;
	/* One finding for all of them, when the reading is over
	 * (pl_read_bind): the fix is the same for each. */
	if (c->no_origin_recs++ == 0) {
		c->no_origin_line = line;
		c->no_origin_file = c->cur_file;
	}
}

/*
 * An owner name breaking RFC 1035 section 2.3.4: a label over 63 octets or
 * a name over 255 (ldns checks the names of the RDATA, but the fast path
 * never hands it the owner).  \DDD and \X escapes are one octet.
 */
static const char *
name_too_long(const char *name)
{
	size_t wire = 1, label = 0;

	for (const char *p = name; *p != '\0'; p++) {
		if (*p == '.') {
			if (label > 63)
				return "a label longer than 63 octets";
			wire += label + 1;
			label = 0;
			continue;
		}
		if (*p == '\\' && p[1] >= '0' && p[1] <= '9' && p[2] != '\0' &&
		    p[3] != '\0')
			p += 3;
		else if (*p == '\\' && p[1] != '\0')
			p++;
		label++;
	}
	if (label > 63)
		return "a label longer than 63 octets";
	wire += label;
	return wire > 255 ? "a name longer than 255 octets" : NULL;
}

static void
do_record(struct bind_ctx *c, struct file_state *f, struct entry *e)
{
	const struct tok *t = e->toks, *tend = e->toks + e->ntoks;
	const char *owner, *why = NULL;
	char typebuf[64], whybuf[96];
	uint32_t ttl = 0;
	int have_ttl = 0, have_class = 0;
	ldns_rr_type type;
	ldns_status st;
	ldns_rr *rr = NULL;
	const char *cls = "IN";
	size_t clslen = 2;

	if (e->blank_owner) {
		owner = c->prev_owner;
		if (owner == NULL) {
			syntax_error(c, e->line, NULL, NULL, "the first record "
			    "has no owner name");
			return;
		}
	} else {
		/* The 2016-2019 exports write "$ORIGIN ." then "@ SOA":
		 * the '@' means the zone named in the banner. */
		if (t->quoted) {
			syntax_error(c, e->line, NULL, NULL, "an owner name "
			    "cannot be a quoted string");
			return;
		}
		if (tok_is(t, "@") && f->origin != NULL &&
		    strcmp(f->origin, ".") == 0 && c->apex != NULL &&
		    strcmp(c->apex, ".") != 0 && c->cf_export)
			owner = c->apex;
		else
			owner = resolve_name(c, f, t->s, t->n, &why);
		if (owner == NULL || (why = name_too_long(owner)) != NULL) {
			syntax_error(c, e->line, NULL, NULL, why);
			return;
		}
		c->prev_owner = owner;
		t++;
	}
	for (int i = 0; i < 2 && t < tend; i++) {
		if (!have_ttl && t->n > 0 && t->s[0] >= '0' && t->s[0] <= '9') {
			if (parse_ttl(t, &ttl) != 0) {
				syntax_error(c, e->line, owner, NULL,
				    "invalid TTL");
				return;
			}
			have_ttl = 1;
			t++;
		} else if (!have_class && is_class(t)) {
			cls = t->s;
			clslen = t->n;
			have_class = 1;
			t++;
		}
	}
	if (t == tend) {
		syntax_error(c, e->line, owner, NULL, "no record type");
		return;
	}
	if (t->quoted || t->n >= sizeof(typebuf)) {
		syntax_error(c, e->line, owner, NULL, "invalid record type");
		return;
	}
	memcpy(typebuf, t->s, t->n);
	typebuf[t->n] = '\0';
	type = (ldns_rr_type)pl_text_rr_type(typebuf, t->n);
	if (type == 0) {
		struct pl_buf b;

		pl_buf_init(&b);
		pl_buf_addf(&b, "unknown record type '%s'", typebuf);
		syntax_error(c, e->line, owner, NULL, b.buf);
		pl_buf_release(&b);
		return;
	}
	t++;
	if (have_ttl) {
		c->last_ttl = ttl;
		c->have_last_ttl = 1;
	} else if (c->have_default_ttl)
		ttl = c->default_ttl;
	else if (c->have_last_ttl)
		ttl = c->last_ttl;
	else {
		ttl = 3600;
		c->used_fallback_ttl = 1;
	}

	if (!have_class || (clslen == 2 && pl_strncaseeq(cls, "IN", 2))) {
		if (fast_record(c, f, owner, e->line, ttl, (uint16_t)type, t,
		    tend, e)) {
			check_origin(c, e->line);
			return;
		}
	}
	if ((why = int_out_of_range(type, t, tend, whybuf, sizeof(whybuf)))
	    != NULL) {
		syntax_error(c, e->line, owner, typebuf, why);
		return;
	}
	pl_buf_reset(&c->text);
	pl_buf_adds(&c->text, owner);
	pl_buf_addf(&c->text, " %u ", ttl);
	pl_buf_add(&c->text, cls, clslen);
	pl_buf_addc(&c->text, ' ');
	pl_buf_adds(&c->text, typebuf);
	for (; t < tend; t++) {
		pl_buf_addc(&c->text, ' ');
		pl_buf_add(&c->text, t->s, t->n);
	}
	st = ldns_rr_new_frm_str(&rr, c->text.buf, ttl, f->origin_rdf, NULL);
	if (st != LDNS_STATUS_OK) {
		syntax_error(c, e->line, owner, typebuf,
		    ldns_get_errorstr_by_id(st));
		return;
	}
	add_record(c, f, rr, owner, e->line, e);
	ldns_rr_free(rr);
	check_origin(c, e->line);
}

/* "dir/name" for a path relative to the including file's folder. */
static char *
join_dir(const char *file, const char *rel)
{
	const char *slash = strrchr(file, '/');

	if (rel[0] == '/' || slash == NULL)
		return pl_xstrdup(rel);
	return pl_xasprintf("%.*s/%s", (int)(slash - file), file, rel);
}

/* Does the path, taken lexically, step above its starting folder? */
static int
climbs_out(const char *rel)
{
	int depth = 0;
	const char *p = rel;

	if (rel[0] == '/')
		return 1;
	while (*p != '\0') {
		const char *q = strchr(p, '/');
		size_t n = q ? (size_t)(q - p) : strlen(p);

		if (n == 2 && p[0] == '.' && p[1] == '.') {
			if (--depth < 0)
				return 1;
		} else if (n > 0 && !(n == 1 && p[0] == '.'))
			depth++;
		p += n;
		if (*p == '/')
			p++;
	}
	return 0;
}

/* An $INCLUDEd file's text: from the overlay of a fix being checked, or
 * from the disk. */
static int
read_include(struct bind_ctx *c, const char *path, char **data, size_t *len,
    char **errmsg)
{
	for (size_t i = 0; i < c->o->noverlay; i++)
		if (strcmp(c->o->overlay[i].path, path) == 0) {
			*data = pl_xstrndup(c->o->overlay[i].data,
			    c->o->overlay[i].len);
			*len = c->o->overlay[i].len;
			return 0;
		}
	return pl_read_file(path, PL_MAX_FILE_SIZE, data, len, errmsg);
}

static void
do_include(struct bind_ctx *c, struct file_state *f, struct entry *e)
{
	struct file_state inc;
	char *rel = NULL, *path = NULL, *real = NULL, *data = NULL;
	char *errmsg = NULL;
	size_t len, toplen;
	const char *why = NULL, *prev_file;

	if (e->ntoks < 2 || e->ntoks > 3) {
		syntax_error(c, e->line, NULL, NULL,
		    "$INCLUDE takes a file name and an optional origin");
		return;
	}
	rel = e->toks[1].quoted ?
	    pl_xstrndup(e->toks[1].s + 1, e->toks[1].n - 2) :
	    pl_xstrndup(e->toks[1].s, e->toks[1].n);
	if (c->top_dir == NULL) {
		include_refused(c, e->line, rel, "an $INCLUDE in standard "
		    "input has no folder to be read from");
		goto out;
	}
	if (memchr(rel, '\0', strlen(rel) + 1) != rel + strlen(rel) ||
	    climbs_out(rel)) {
		include_refused(c, e->line, rel, "the path leaves the zone "
		    "file's folder");
		goto out;
	}
	/* Files that include each other twice over would otherwise be read
	 * 2^depth times: a bound on all the includes of a zone. */
	if (++c->nincludes > PL_MAX_INCLUDES) {
		include_refused(c, e->line, rel, "more than 64 $INCLUDE "
		    "directives in one zone");
		goto out;
	}
	if (c->depth >= PL_MAX_INCLUDE_DEPTH) {
		include_refused(c, e->line, rel, "$INCLUDE nested deeper than "
		    "8 files");
		goto out;
	}
	path = join_dir(f->path, rel);
	if ((real = realpath(path, NULL)) == NULL) {
		struct pl_buf b;

		pl_buf_init(&b);
		pl_buf_addf(&b, "cannot open '%s': %s", rel, strerror(errno));
		include_refused(c, e->line, rel, b.buf);
		pl_buf_release(&b);
		goto out;
	}
	toplen = strlen(c->top_dir);
	if (strncmp(real, c->top_dir, toplen) != 0 ||
	    (real[toplen] != '/' && strcmp(c->top_dir, "/") != 0)) {
		include_refused(c, e->line, rel, "the path leaves the zone "
		    "file's folder (through a symbolic link)");
		goto out;
	}
	for (int i = 0; i <= c->depth; i++)
		if (c->stack[i] != NULL && strcmp(c->stack[i], real) == 0) {
			include_refused(c, e->line, rel, "include loop");
			goto out;
		}
	if (read_include(c, path, &data, &len, &errmsg) != 0) {
		include_refused(c, e->line, rel, errmsg);
		goto out;
	}
	memset(&inc, 0, sizeof(inc));
	inc.path = path;
	inc.file = pl_zone_add_file(c->z, path);
	if (c->o->file_ids)
		pl_zone_set_file_id(c->z, inc.file, path, data, len);
	if (e->ntoks == 3) {
		const char *o = resolve_name(c, f, e->toks[2].s, e->toks[2].n,
		    &why);

		if (o == NULL) {
			syntax_error(c, e->line, NULL, NULL, why);
			goto out;
		}
		set_origin(&inc, o);
		inc.origin_explicit = 1;
	} else {
		set_origin(&inc, f->origin);
		inc.origin_explicit = f->origin_explicit;
	}
	c->stack[++c->depth] = real;
	real = NULL;
	prev_file = c->cur_file;
	c->cur_file = c->z->files[inc.file];
	/* Its directives, while its text is at hand. */
	if (c->o->sup != NULL)
		pl_suppressions_scan_bind(c->o->sup, c->cur_file, data, len);
	read_part(c, &inc, data, len, 1);
	c->cur_file = prev_file;
	free(c->stack[c->depth]);
	c->stack[c->depth--] = NULL;
	if (inc.origin_rdf != NULL)
		ldns_rdf_deep_free(inc.origin_rdf);
out:
	free(errmsg);
	free(data);
	free(real);
	free(path);
	free(rel);
}

static void
do_directive(struct bind_ctx *c, struct file_state *f, struct entry *e)
{
	const struct tok *t = e->toks;
	const char *why = NULL, *name;

	if (tok_is(t, "$ORIGIN")) {
		if (e->ntoks != 2) {
			syntax_error(c, e->line, NULL, NULL,
			    "$ORIGIN takes one name");
			return;
		}
		name = resolve_name(c, f, t[1].s, t[1].n, &why);
		if (name == NULL) {
			syntax_error(c, e->line, NULL, NULL, why);
			return;
		}
		set_origin(f, name);
		f->origin_explicit = 1;
		if (c->apex == NULL && strcmp(name, ".") != 0)
			c->apex = name;
	} else if (tok_is(t, "$TTL")) {
		if (e->ntoks != 2 || parse_ttl(&t[1], &c->default_ttl) != 0) {
			syntax_error(c, e->line, NULL, NULL,
			    "$TTL takes one TTL");
			return;
		}
		c->have_default_ttl = 1;
	} else if (tok_is(t, "$INCLUDE")) {
		do_include(c, f, e);
	} else {
		struct pl_buf b;

		pl_buf_init(&b);
		pl_buf_addf(&b, "unknown or unsupported directive '%.*s'",
		    (int)(t->n > 32 ? 32 : t->n), t->s);
		syntax_error(c, e->line, NULL, NULL, b.buf);
		pl_buf_release(&b);
	}
}

/* Prefetches the table slot of a name as resolve_name() will intern it. */
static void
prefetch_name(struct bind_ctx *c, const struct file_state *f, const char *s,
    size_t n)
{
	char buf[512];
	size_t on;

	if (is_absolute(s, n)) {
		pl_zone_prefetch(c->z, s, n);
		return;
	}
	/* An origin is a name and its dot; anything else is not
	 * prefetched (resolve_name() words the error). */
	if (f->origin == NULL || (n == 1 && s[0] == '@') ||
	    (on = strlen(f->origin)) < 2 || on + n + 1 > sizeof(buf))
		return;
	memcpy(buf, s, n);
	buf[n] = '.';
	memcpy(buf + n + 1, f->origin, on - 1);	/* without the dot */
	pl_zone_prefetch(c->z, buf, n + on);
}

/*
 * Prefetches the names of a record read ahead: its owner, and the last
 * field of a CNAME, MX, SRV or NS record (the target).
 */
static void
prefetch_names(struct bind_ctx *c, const struct file_state *f,
    const struct entry *e)
{
	const struct tok *t = e->toks, *last;

	if (e->err != NULL || e->ntoks < 3)
		return;
	if (!e->blank_owner) {
		if (t->quoted || t->s[0] == '$')
			return;
		prefetch_name(c, f, t->s, t->n);
	}
	last = &e->toks[e->ntoks - 1];
	if (last->quoted)
		return;
	for (size_t i = e->blank_owner ? 0 : 1; i < e->ntoks - 1 && i < 4;
	    i++)
		if (tok_is(&e->toks[i], "CNAME") || tok_is(&e->toks[i], "MX") ||
		    tok_is(&e->toks[i], "SRV") || tok_is(&e->toks[i], "NS")) {
			prefetch_name(c, f, last->s, last->n);
			return;
		}
}

static void
read_part(struct bind_ctx *c, struct file_state *f, const char *data,
    size_t len, uint32_t line)
{
	const char *p = data, *end = data + len, *dropped = data, *start[2];
	struct entry ent[2];
	int cur = 0, have;

	memset(ent, 0, sizeof(ent));
	/* A UTF-8 byte order mark is not part of the first owner name. */
	if (line == 1 && len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	/*
	 * One entry is read ahead of the one handled, and the name-table
	 * slots of its names are prefetched: by the time it is handled, they
	 * are in the cache.
	 */
	start[0] = p;
	have = next_entry(&p, end, &line, &ent[0]);
	while (have) {
		struct entry *e = &ent[cur], *ahead = &ent[cur ^ 1];

		/* Give back the pages of a mapped file already read: every
		 * record copies what it keeps. */
		if (c->o->mapped && start[cur] - dropped > (1 << 20)) {
			pl_file_drop(dropped, start[cur]);
			dropped = start[cur];
		}
		start[cur ^ 1] = p;
		if ((have = next_entry(&p, end, &line, ahead)) != 0)
			prefetch_names(c, f, ahead);
		cur ^= 1;
		c->line = e->line;
		c->open_at_end = e->unclosed;
		if (c->no_directives && e->ntoks > 0 && !e->blank_owner &&
		    e->toks[0].n > 0 && e->toks[0].s[0] == '$') {
			c->bail = 1;
			break;
		}
		if (e->err != NULL) {
			syntax_error(c, e->line, NULL, NULL, e->err);
			continue;
		}
		if (e->ntoks == 0)
			continue;
		if (!e->blank_owner && e->toks[0].n > 0 &&
		    e->toks[0].s[0] == '$' && !e->toks[0].quoted)
			do_directive(c, f, e);
		else
			do_record(c, f, e);
	}
	free(ent[0].toks);
	free(ent[1].toks);
}

/*
 * Finds the ";; Domain:     example.com." line of a Cloudflare export's
 * banner, in the leading comment block.
 */
static const char *
banner_domain(struct pl_zone *z, const char *data, size_t len)
{
	const char *p = data, *end = data + len;

	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	/* 64 comment lines; blank lines do not count (a Markdown document
	 * turns its prose into blank lines, read_markdown.c). */
	for (int lines = 0; p < end && lines < 64;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));
		const char *q;
		size_t n;

		if (eol == NULL)
			eol = end;
		q = p;
		while (q < eol && is_blank((unsigned char)*q))
			q++;
		if (q < eol && *q != ';')
			break;	/* the first record or directive */
		if (q < eol)
			lines++;
		n = (size_t)(eol - q);
		if (n > 10 && memcmp(q, ";; Domain:", 10) == 0) {
			const char *s = q + 10, *t;

			while (s < eol && is_blank((unsigned char)*s))
				s++;
			t = s;
			while (t < eol && !is_blank((unsigned char)*t))
				t++;
			if (t > s)
				return pl_zone_intern(z, s, (size_t)(t - s));
		}
		p = eol + 1;
	}
	return NULL;
}

/*
 * The longest common suffix of two names (without their trailing dots)
 * that starts at a label boundary of both, compared without regard to
 * case.  Returns its length; 0 when they share no whole label.
 */
static size_t
common_suffix(const char *a, size_t an, const char *b, size_t bn)
{
	size_t k = 0, whole = 0;

	while (k < an && k < bn && pl_lower((unsigned char)a[an - 1 - k]) ==
	    pl_lower((unsigned char)b[bn - 1 - k])) {
		k++;
		if ((k == an || a[an - 1 - k] == '.') &&
		    (k == bn || b[bn - 1 - k] == '.'))
			whole = k;
	}
	return whole;
}

static int
tab_after(const struct tok *t, const char *end)
{
	return t->s + t->n < end && t->s[t->n] == '\t';
}

/* Is a comment (after its ';') one of an export's section headers,
 * "; A Records", "; SOA Record", "; CNAME Records"? */
static int
section_header(const char *cm, size_t n)
{
	size_t i = 0, w;

	if (n < 1 || cm[0] != ';')
		return 0;
	for (i = 1; i < n && cm[i] == ' '; i++)
		;
	for (w = i; i < n && ((cm[i] >= 'A' && cm[i] <= 'Z') ||
	    (cm[i] >= '0' && cm[i] <= '9')); i++)
		;
	return i > w && n - i >= 7 && memcmp(cm + i, " Record", 7) == 0;
}

/*
 * The zone of a text that names none: no --origin, no ";; Domain:" banner
 * (a real export whose header was cut starts at ";; SOA Record", or at its
 * records), no $ORIGIN before its records.  Returns the interned apex, or
 * NULL when the zone cannot be known.
 *
 * - The SOA owner names the zone, written with its dot or without it (as
 *   Cloudflare writes it): RFC 1035 section 5.2 has the SOA at the top of
 *   the zone, and name servers check that the zone's name is its owner.
 * - With no SOA, a text that Cloudflare wrote is recognised by its
 *   section headers (";; A Records"), its cf_tags comments, or records
 *   that are all "NAME<TAB>TTL<TAB>IN<TAB>TYPE".  Cloudflare writes every
 *   owner fully qualified, so when the owners without a trailing dot share
 *   one suffix of two or more labels with all the others, they are the
 *   dot-less absolute names Cloudflare writes, and the suffix is the zone.
 * - A hand-written file with relative names and neither SOA nor $ORIGIN
 *   names no zone: its relative names wait for --origin (one finding).
 * Reads entries with the reader's own lexer, so that parentheses, quotes
 * and comments count as they will when the records are read; stops at the
 * first SOA, at the first $ORIGIN or $INCLUDE (from there the file says its
 * origin), or at the end.
 */
static const char *
infer_origin(struct pl_zone *z, const char *data, size_t len)
{
	const char *p = data, *end = data + len, *suffix = NULL, *name;
	size_t suffixlen = 0, n;
	struct entry e;
	uint32_t line = 1;
	int cf = 0, records = 0, tabbed = 0;

	memset(&e, 0, sizeof(e));
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (next_entry(&p, end, &line, &e)) {
		const struct tok *t = e.toks, *type;
		size_t i;

		if (e.comment != NULL && !cf) {
			const char *cm, *tags;
			size_t cmlen, tagslen;
			int has_tags = 0;

			if (e.ntoks > 0)
				pl_cf_comment_split(e.comment, e.comment_len,
				    &cm, &cmlen, &tags, &tagslen, &has_tags);
			cf = has_tags || (e.ntoks == 0 &&
			    section_header(e.comment, e.comment_len));
		}
		if (e.err != NULL || e.ntoks == 0 || e.blank_owner || t->quoted)
			continue;
		if (t->s[0] == '$') {
			if (tok_is(t, "$TTL"))
				continue;
			break;	/* $ORIGIN, $INCLUDE, $GENERATE */
		}
		for (i = 1; i < 3 && i < e.ntoks && (e.toks[i].s[0] >= '0' &&
		    e.toks[i].s[0] <= '9' ? 1 : is_class(&e.toks[i])); i++)
			;
		if (i >= e.ntoks)
			continue;
		type = &e.toks[i];
		records++;
		/* NAME<TAB>TTL<TAB>IN<TAB>TYPE<TAB>, as the exports write. */
		if (i == 3 && tok_is(&e.toks[2], "IN") && tab_after(t, end) &&
		    tab_after(&e.toks[1], end) && tab_after(&e.toks[2], end) &&
		    tab_after(type, end))
			tabbed++;
		if (tok_is(type, "SOA")) {
			/* '@' of an unknown origin names nothing. */
			name = t->n == 1 && t->s[0] == '@' ? NULL :
			    pl_zone_intern(z, t->s, t->n);
			free(e.toks);
			return name;
		}
		if (t->n == 1 && t->s[0] == '@')
			continue;	/* the apex, whichever it is */
		name = t->s;
		n = t->n;
		if (is_absolute(name, n))
			n--;
		if (suffix == NULL) {
			suffix = name;
			suffixlen = n;
		} else {
			size_t k = common_suffix(suffix, suffixlen, name, n);

			suffix += suffixlen - k;
			suffixlen = k;
		}
	}
	free(e.toks);
	if (!cf && !(records > 0 && tabbed == records))
		return NULL;
	/* Two labels at least: a TLD is nobody's zone here, and a shared
	 * last label of hand-written relative names ("a.lab", "b.lab") is
	 * no evidence of a zone. */
	if (suffix == NULL || suffixlen == 0 ||
	    memchr(suffix, '.', suffixlen) == NULL)
		return NULL;
	return pl_zone_intern(z, suffix, suffixlen);
}

/* Sets up the reading context for a zone; release with ctx_release(). */
static void
ctx_init(struct bind_ctx *c, struct file_state *f, struct pl_zone *z,
    struct pl_diags *d, const struct pl_read_opts *o)
{
	memset(c, 0, sizeof(*c));
	memset(f, 0, sizeof(*f));
	c->z = z;
	c->d = d;
	c->o = o;
	pl_buf_init(&c->text);
	f->file = 0;
	f->path = o->path != NULL ? o->path : "-";
}

static void
ctx_release(struct bind_ctx *c, struct file_state *f)
{
	free(c->first_error);
	c->first_error = NULL;
	if (f->origin_rdf != NULL)
		ldns_rdf_deep_free(f->origin_rdf);
	f->origin_rdf = NULL;
	free(c->stack[0]);
	c->stack[0] = NULL;
	free(c->top_dir);
	c->top_dir = NULL;
	pl_buf_release(&c->text);
}

/* Where the reading starts: top folder, banner, apex, origin. */
static void
ctx_start(struct bind_ctx *c, struct file_state *f, const char *data,
    size_t len)
{
	const struct pl_read_opts *o = c->o;
	const char *banner;

	if (o->path != NULL && strcmp(o->path, "-") != 0) {
		char *real = realpath(o->path, NULL);

		if (real != NULL) {
			char *slash = strrchr(real, '/');

			c->stack[0] = pl_xstrdup(real);
			if (slash == real)
				slash[1] = '\0';
			else if (slash != NULL)
				*slash = '\0';
			c->top_dir = real;
		}
	}
	banner = banner_domain(c->z, data, len);
	c->cf_export = banner != NULL;
	if (o->origin != NULL)
		c->apex = pl_zone_intern(c->z, o->origin, strlen(o->origin));
	else if (banner != NULL)
		c->apex = banner;
	else
		c->apex = infer_origin(c->z, data, len);
	if (c->apex != NULL)
		set_origin(f, c->apex);
	else {
		/* Parse relative names against a stand-in, so that a zone
		 * that only lacks its origin is told apart from a file that
		 * is no zone at all (RFC 2606 reserves .invalid). */
		c->placeholder = pl_zone_intern(c->z, "origin.invalid.", 15);
		set_origin(f, c->placeholder);
	}
}

/*
 * Reading a big zone on two threads.  The text is cut at a line that starts
 * a record, near the middle; the second thread reads the second part into a
 * zone of its own, assuming the state ($ORIGIN, $TTL) that a quick look at
 * the directives of the first part gives.  When the first thread reaches the
 * cut, the guess is checked against the real state; if anything differs
 * (the cut fell inside parentheses, a directive in the second part, a record
 * that leaned on the previous record's TTL), the second part is thrown away
 * and the whole text is read again on one thread.  Cloudflare exports have
 * no directives, so for them the guess always holds.  The result is the
 * same either way: the second zone is adopted at the end of the first.
 */
#define SPLIT_MIN	(4u << 20)	/* bytes; smaller texts: one thread */

struct prescan {
	const char	*origin;	/* last absolute $ORIGIN, or NULL */
	size_t		 origin_len;
	const char	*apex;		/* first $ORIGIN other than '.' */
	size_t		 apex_len;
	int		 have_ttl;
	uint32_t	 ttl;
};

/* The directives in [p, end), if they are all plain $ORIGIN and $TTL. */
static int
prescan(const char *p, const char *end, struct prescan *ps)
{
	const char *start = p;

	memset(ps, 0, sizeof(*ps));
	while (p < end && (p = memchr(p, '$', (size_t)(end - p))) != NULL) {
		const char *w, *arg, *argend;
		struct tok t;

		if (p != start && p[-1] != '\n') {
			p++;
			continue;
		}
		for (w = p; w < end && !is_blank((unsigned char)*w) &&
		    *w != '\n'; w++)
			;
		for (arg = w; arg < end && is_blank((unsigned char)*arg); arg++)
			;
		for (argend = arg; argend < end && !is_blank((unsigned char)*argend)
		    && *argend != '\n' && *argend != ';'; argend++)
			;
		t.s = arg;
		t.n = (uint32_t)(argend - arg);
		t.quoted = 0;
		if (w - p == 4 && memcmp(p, "$TTL", 4) == 0) {
			if (parse_ttl(&t, &ps->ttl) != 0)
				return -1;
			ps->have_ttl = 1;
		} else if (w - p == 7 && memcmp(p, "$ORIGIN", 7) == 0) {
			if (t.n == 0 || !is_absolute(t.s, t.n))
				return -1;
			ps->origin = t.s;
			ps->origin_len = t.n;
			if (ps->apex == NULL && !(t.n == 1 && t.s[0] == '.')) {
				ps->apex = t.s;
				ps->apex_len = t.n;
			}
		} else
			return -1;
		p = argend;
	}
	return 0;
}

/* A line near the middle that starts with an owner name, or NULL. */
static const char *
find_cut(const char *data, size_t len)
{
	const char *p = data + len / 2, *end = data + len;

	for (int tries = 0; tries < 1000 && p < end; tries++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));

		if (nl == NULL || nl + 1 >= end)
			return NULL;
		p = nl + 1;
		if (*p != ' ' && *p != '\t' && *p != ';' && *p != '$' &&
		    *p != '\n' && *p != '\r' && *p != '(' && *p != ')')
			return p;
	}
	return NULL;
}

struct part {
	struct bind_ctx		 c;
	struct file_state	 f;
	struct pl_zone		*z;
	struct pl_diags		 d;
	const char		*data;	/* the whole text */
	const char		*cut;
	size_t			 len;
};

static void *
read_second(void *arg)
{
	struct part *pt = arg;
	uint32_t line = 1;

	for (const char *q = pt->data; q < pt->cut &&
	    (q = memchr(q, '\n', (size_t)(pt->cut - q))) != NULL; q++)
		line++;
	read_part(&pt->c, &pt->f, pt->cut,
	    (size_t)(pt->data + pt->len - pt->cut), line);
	return NULL;
}

static int
same_name(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Reads on two threads; returns 0, or -1 when the text must be read again
 * on one thread (nothing of the attempt is left in z or d then). */
static int
read_split(struct bind_ctx *c, struct file_state *f, const char *data,
    size_t len)
{
	struct part pt;
	struct prescan ps;
	pthread_t tid;
	const char *cut;
	size_t n0 = c->d->n;
	int ok;

	if ((cut = find_cut(data, len)) == NULL ||
	    prescan(data, cut, &ps) != 0)
		return -1;
	memset(&pt, 0, sizeof(pt));
	pt.z = pl_zone_new(c->z->file, c->z->format);
	pl_zone_reserve(pt.z, 0, (uint32_t)((len - (size_t)(cut - data)) / 100));
	pl_diags_init(&pt.d, c->d->rules, c->d->file);
	pt.d.input = c->d->input;
	ctx_init(&pt.c, &pt.f, pt.z, &pt.d, c->o);
	pt.c.no_directives = 1;
	pt.c.cf_export = c->cf_export;
	pt.data = data;
	pt.cut = cut;
	pt.len = len;
	if (c->apex != NULL)
		pt.c.apex = pl_zone_intern(pt.z, c->apex, strlen(c->apex));
	else if (ps.apex != NULL)
		pt.c.apex = pl_zone_intern(pt.z, ps.apex, ps.apex_len);
	if (c->placeholder != NULL)
		pt.c.placeholder = pl_zone_intern(pt.z, "origin.invalid.", 15);
	if (ps.origin != NULL) {
		set_origin(&pt.f, pl_zone_intern(pt.z, ps.origin,
		    ps.origin_len));
		pt.f.origin_explicit = 1;
	} else
		set_origin(&pt.f, pl_zone_intern(pt.z, f->origin,
		    strlen(f->origin)));
	pt.c.have_default_ttl = ps.have_ttl;
	pt.c.default_ttl = ps.ttl;
	if (pthread_create(&tid, NULL, read_second, &pt) != 0) {
		ctx_release(&pt.c, &pt.f);
		pl_diags_release(&pt.d);
		pl_zone_free(pt.z);
		return -1;
	}
	read_part(c, f, data, (size_t)(cut - data), 1);
	pthread_join(tid, NULL);
	/* Was the guess right? */
	ok = !c->open_at_end && !pt.c.bail && c->depth == 0 &&
	    same_name(f->origin, pt.f.origin) &&
	    f->origin_explicit == pt.f.origin_explicit &&
	    same_name(c->apex, pt.c.apex) &&
	    c->have_default_ttl == ps.have_ttl &&
	    (!ps.have_ttl || c->default_ttl == ps.ttl) &&
	    !(pt.c.used_fallback_ttl && c->have_last_ttl);
	if (ok) {
		pl_zone_adopt(c->z, pt.z);
		pl_diags_move(c->d, &pt.d, c->d->input);
		if (c->nerrors == 0 && pt.c.nerrors > 0) {
			c->first_error_line = pt.c.first_error_line;
			c->first_error = pt.c.first_error;
			pt.c.first_error = NULL;
		}
		c->nerrors += pt.c.nerrors;
		if (c->no_origin_recs == 0) {
			c->no_origin_line = pt.c.no_origin_line;
			c->no_origin_file = pt.c.no_origin_file;
		}
		c->no_origin_recs += pt.c.no_origin_recs;
	} else {
		pl_diags_truncate(c->d, n0);
		c->z->nrecs = 0;
	}
	ctx_release(&pt.c, &pt.f);
	pl_diags_release(&pt.d);
	pl_zone_free(pt.z);
	return ok ? 0 : -1;
}

int
pl_read_bind(const char *data, size_t len, const struct pl_read_opts *o,
    struct pl_zone *z, struct pl_diags *d)
{
	struct bind_ctx c;
	struct file_state f;
	size_t nsup = 0;
	int rc = 0;

	ctx_init(&c, &f, z, d, o);
	/* The directives of the text, before the reader gives back the
	 * pages of a big mapped file as it goes; those of $INCLUDEd files
	 * are found as they are read (do_include). */
	if (o->sup != NULL) {
		pl_suppressions_scan_bind(o->sup, z->file, data, len);
		nsup = o->sup->n;
	}
	/* A Cloudflare export spends about 85 bytes a record, and nearly
	 * every record has a name of its own: size the name table once,
	 * rather than hold its old and new copies as it doubles. */
	if (len > (1u << 20))
		pl_zone_reserve(z, 0, (uint32_t)(len / 100));
	ctx_start(&c, &f, data, len);
	if (o->threads <= 1 || len < SPLIT_MIN ||
	    read_split(&c, &f, data, len) != 0) {
		if (z->nrecs == 0 && d->n == 0 && c.nerrors == 0)
			read_part(&c, &f, data, len, 1);
		else {
			/* Start afresh: the split guessed wrong. */
			if (o->sup != NULL)
				pl_suppressions_truncate(o->sup, nsup);
			ctx_release(&c, &f);
			ctx_init(&c, &f, z, d, o);
			ctx_start(&c, &f, data, len);
			read_part(&c, &f, data, len, 1);
		}
	}
	/* No origin anywhere: the SOA owner names the zone. */
	if (c.apex == NULL)
		for (uint32_t i = 0; i < z->nrecs; i++)
			if (z->recs[i].type == LDNS_RR_TYPE_SOA) {
				c.apex = z->recs[i].owner;
				break;
			}
	z->origin = c.apex;
	/* Not a word of it was zone data: say so once, rather than one
	 * syntax error per line of a file that is something else. */
	if (z->nrecs == 0 && c.no_origin_recs > 0) {
		pl_error(PL_EINPUT, "'%s': cannot read the zone: it has "
		    "relative names (line %u) and names no origin; give "
		    "--origin NAME or an $ORIGIN line", z->file,
		    (unsigned)c.no_origin_line);
		rc = PL_EINPUT;
	} else if (z->nrecs == 0 && c.nerrors > 0) {
		pl_error(PL_EINPUT, "'%s' is not a zone file: no record could "
		    "be read (line %u: %s); expected a BIND zone file or "
		    "Cloudflare export, Cloudflare API JSON, a Terraform plan, "
		    "octoDNS YAML or DNSControl's IR", z->file, (unsigned)c.first_error_line,
		    c.first_error);
		rc = PL_EINPUT;
	} else if (c.no_origin_recs > 0) {
		/* Some records read, the others wait for their origin: one
		 * finding says so, at the first of them. */
		struct pl_buf b;

		pl_buf_init(&b);
		pl_buf_adds(&b, "relative name with no origin: give --origin "
		    "NAME or an $ORIGIN line");
		if (c.no_origin_recs > 1)
			pl_buf_addf(&b, " (%u records with relative names were "
			    "not read, from this one on)", c.no_origin_recs);
		c.cur_file = c.no_origin_file;
		syntax_error(&c, c.no_origin_line, NULL, NULL, b.buf);
		pl_buf_release(&b);
	}
	ctx_release(&c, &f);
	return rc;
}

/*
 * The fixer's view of a record: the cf-proxied values in its comment.  The
 * text is cut into entries exactly as read_part() cuts it (the byte order
 * mark, parentheses, quotes, the last comment of an entry), and the
 * comment split and its tags parsed as set_comment() does, so that the
 * bytes found are those the record's state was read from.
 */
void
pl_bind_flag_spans(const char *data, size_t len, const uint32_t *lines,
    size_t n, struct pl_flag_spans *out)
{
	const char *p = data, *end = data + len;
	struct entry e;
	uint32_t line = 1;
	size_t k = 0;

	memset(&e, 0, sizeof(e));
	memset(out, 0, n * sizeof(*out));
	if (len >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	while (k < n && next_entry(&p, end, &line, &e)) {
		const char *cm, *tags;
		size_t cmlen, tagslen;
		int has_tags;
		struct pl_cf_spans sp;

		while (k < n && lines[k] < e.line)
			k++;
		if (k == n || lines[k] != e.line)
			continue;
		if (e.err != NULL || e.ntoks == 0 || e.comment == NULL ||
		    (!e.blank_owner && e.toks[0].n > 0 &&
		    e.toks[0].s[0] == '$' && !e.toks[0].quoted)) {
			k++;
			continue;
		}
		pl_cf_comment_split(e.comment, e.comment_len, &cm, &cmlen,
		    &tags, &tagslen, &has_tags);
		if (has_tags) {
			out[k].state = pl_cf_tags_proxied_spans(tags, tagslen,
			    &sp);
			out[k].n = sp.n <= PL_CF_MAX_SPANS ? sp.n : 0;
			for (size_t i = 0; i < out[k].n; i++) {
				out[k].off[i] = (size_t)(tags - data) +
				    sp.off[i];
				out[k].len[i] = sp.len[i];
			}
		}
		k++;
	}
	free(e.toks);
}
