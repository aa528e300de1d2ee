/* cftags.c -- Cloudflare's record comment and cf_tags grammar */
/* SPDX-License-Identifier: MIT */
#include <string.h>

#include "proxylint/cftags.h"
#include "proxylint/log.h"
#include "proxylint/read.h"
#include "proxylint/banned.h"

/*
 * The grammar, from Cloudflare's import and export documentation
 * (cloudflare-facts.md section 1.1):
 *   comment  = [ text " " ] "cf_tags=" taglist
 *   taglist  = [ tag *( "," tag ) ]
 *   tag      = name [ ":" [ value ] ]
 *   name     = 1*( ALPHA / DIGIT / "-" / "_" )
 *   value    = quoted / *( any octet but "," DQUOTE "=" "\" )
 *   quoted   = a JSON string
 * When the comment text itself holds "cf_tags=", Cloudflare appends an
 * empty " cf_tags=" so that the last one that starts a valid list wins.
 */

static int
is_name_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_';
}

static int
is_blank(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * Parses a tag list.  Returns 0 when it is valid, -1 when it does not
 * parse, and -2 when it parses but cf-proxied has a value other than true
 * or false or two different values; *reason says why.  *proxy gets the
 * cf-proxied state.  With sp, the values of the cf-proxied tags go there
 * too (pl_cf_tags_proxied_spans), so that a fix and the reader agree on
 * which bytes they are.
 */
static int
parse_tags(const char *s, size_t n, enum pl_proxy *proxy,
    const char **reason, struct pl_cf_spans *sp)
{
	const char *bad = NULL;
	size_t i = 0;
	int seen = 0;

	*proxy = PL_PROXY_UNKNOWN;
	*reason = NULL;
	while (n > 0 && is_blank((unsigned char)s[n - 1]))
		n--;
	while (i < n && is_blank((unsigned char)s[i]))
		i++;
	if (i == n)
		return 0;
	for (;;) {
		size_t name = i, namelen, val = 0, vallen = 0;
		int quoted = 0;

		while (i < n && is_name_char((unsigned char)s[i]))
			i++;
		namelen = i - name;
		while (i < n && is_blank((unsigned char)s[i]))
			i++;
		if (namelen == 0 || (i < n && s[i] != ':' && s[i] != ',')) {
			*reason = "a tag name may only hold letters, digits, "
			    "'-' and '_'";
			return -1;
		}
		if (i < n && s[i] == ':') {
			i++;
			val = i;
			if (i < n && s[i] == '"') {
				quoted = 1;
				for (i++; i < n && s[i] != '"'; i++)
					if (s[i] == '\\' && ++i == n)
						break;
				if (i >= n) {
					*reason = "unterminated quoted tag "
					    "value";
					return -1;
				}
				i++;
				vallen = i - val;
			} else {
				while (i < n && s[i] != ',' && s[i] != '"' &&
				    s[i] != '=' && s[i] != '\\')
					i++;
				vallen = i - val;
				while (vallen > 0 &&
				    is_blank((unsigned char)s[val + vallen - 1]))
					vallen--;
			}
		}
		if (namelen == 10 && pl_strncaseeq(s + name, "cf-proxied", 10)) {
			enum pl_proxy p = PL_PROXY_UNKNOWN;
			const char *v = s + val;
			size_t vl = vallen;

			if (quoted && vl >= 2) {
				v++;
				vl -= 2;
			}
			if (sp != NULL && sp->n < PL_CF_MAX_SPANS) {
				sp->off[sp->n] = (size_t)(v - s);
				sp->len[sp->n] = vl;
			}
			if (sp != NULL)
				sp->n++;
			if (vl == 4 && pl_strncaseeq(v, "true", 4))
				p = PL_PROXY_PROXIED;
			else if (vl == 5 && pl_strncaseeq(v, "false", 5))
				p = PL_PROXY_DNS_ONLY;
			else if (bad == NULL)
				bad = "cf-proxied must be true or false";
			if (p != PL_PROXY_UNKNOWN) {
				if (seen && *proxy != p && bad == NULL)
					bad = "cf-proxied is given twice with "
					    "different values";
				seen = 1;
				*proxy = p;
			}
		}
		while (i < n && is_blank((unsigned char)s[i]))
			i++;
		if (i == n)
			break;
		if (s[i] != ',') {
			*reason = quoted ? "text after a quoted tag value" :
			    "a tag value with '\"', '=' or '\\' must be quoted";
			return -1;
		}
		i++;
		while (i < n && is_blank((unsigned char)s[i]))
			i++;
	}
	if (bad != NULL) {
		/* A list that says two things says nothing. */
		*reason = bad;
		*proxy = PL_PROXY_UNKNOWN;
		return -2;
	}
	return 0;
}

enum pl_proxy
pl_cf_tags_proxy(const char *tags, size_t len, const char **malformed)
{
	enum pl_proxy p;

	*malformed = NULL;
	if (parse_tags(tags, len, &p, malformed, NULL) != 0)
		return PL_PROXY_UNKNOWN;
	return p;
}

enum pl_proxy
pl_cf_tags_proxied_spans(const char *tags, size_t len, struct pl_cf_spans *sp)
{
	enum pl_proxy p;
	const char *why;

	memset(sp, 0, sizeof(*sp));
	if (parse_tags(tags, len, &p, &why, sp) != 0) {
		sp->n = 0;
		return PL_PROXY_UNKNOWN;
	}
	return p;
}

/* Is "cf_tags=" at s[i] a candidate: at the start or after a blank? */
static int
candidate(const char *s, size_t n, size_t i)
{
	return n - i >= 8 && memcmp(s + i, "cf_tags=", 8) == 0 &&
	    (i == 0 || is_blank((unsigned char)s[i - 1]));
}

void
pl_cf_comment_split(const char *s, size_t n, const char **comment,
    size_t *comment_len, const char **tags, size_t *tags_len, int *has_tags)
{
	size_t last, chosen;

	while (n > 0 && is_blank((unsigned char)s[n - 1]))
		n--;
	while (n > 0 && is_blank((unsigned char)*s)) {
		s++;
		n--;
	}
	last = chosen = n;
	for (size_t i = 0; i + 8 <= n; i++) {
		enum pl_proxy p;
		const char *why;

		if (!candidate(s, n, i))
			continue;
		last = i;
		/* The first candidate whose remainder is a valid list wins;
		 * a bad cf-proxied value still makes the list a tag list. */
		if (chosen == n &&
		    parse_tags(s + i + 8, n - i - 8, &p, &why, NULL) != -1)
			chosen = i;
	}
	if (chosen == n)
		chosen = last;	/* malformed: the last candidate, if any */
	*has_tags = chosen != n;
	if (chosen == n) {
		*comment = s;
		*comment_len = n;
		*tags = s + n;
		*tags_len = 0;
		return;
	}
	*tags = s + chosen + 8;
	*tags_len = n - chosen - 8;
	*comment = s;
	*comment_len = chosen;
	while (*comment_len > 0 && is_blank((unsigned char)s[*comment_len - 1]))
		(*comment_len)--;
}
