/* test_json_pull.c -- the JSON pull parser: what it accepts, walks, decodes */
/* SPDX-License-Identifier: MIT */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "proxylint/json_pull.h"
#include "tap.h"

/* Does pl_jp_check() accept the n octets of s? */
static int
accepts(const char *s, size_t n)
{
	struct pl_jp j;

	pl_jp_init(&j, s, n, 0, 0);
	return pl_jp_check(&j) == 0;
}

/* Does jansson, as the fuzz oracle calls it? */
static int
jansson_accepts(const char *s, size_t n, int *deliberate)
{
	json_error_t err;
	json_t *doc = json_loadb(s, n, JSON_DECODE_ANY |
	    JSON_DECODE_INT_AS_REAL | JSON_ALLOW_NUL, &err);

	*deliberate = doc == NULL &&
	    (json_error_code(&err) == json_error_numeric_overflow ||
	    json_error_code(&err) == json_error_null_byte_in_key);
	/* jansson drops a NUL after a number or literal (fuzz_common.h). */
	if (doc != NULL && memchr(s, '\0', n) != NULL)
		*deliberate = -1;
	json_decref(doc);
	return doc != NULL;
}

struct accept_case {
	const char	*text;
	size_t		 len;	/* 0: strlen */
	int		 want;
	const char	*what;
};

#define A(t, w, what)	{ t, sizeof(t) - 1, w, what }

static const struct accept_case cases[] = {
	/* values of each kind, at the top too (RFC 8259) */
	A("{}", 1, "an empty object"),
	A("[]", 1, "an empty array"),
	A(" \t\r\n[ 1 , 2 ]\n", 1, "whitespace around and inside"),
	A("0", 1, "a number alone"),
	A("\"x\"", 1, "a string alone"),
	A("true", 1, "true"),
	A("false", 1, "false"),
	A("null", 1, "null"),
	A("{\"a\":{\"b\":[1,{\"c\":null}]}}", 1, "nesting"),
	A("{\"a\":1,\"a\":2}", 1, "a repeated key (not looked for)"),
	A("", 0, "nothing"),
	A("   ", 0, "whitespace alone"),
	A("[1,]", 0, "a trailing comma"),
	A("{\"a\":1,}", 0, "a trailing comma in an object"),
	A("[,1]", 0, "a leading comma"),
	A("[1 2]", 0, "no comma"),
	A("{\"a\" 1}", 0, "no colon"),
	A("{1:2}", 0, "a key that is no string"),
	A("{'a':1}", 0, "single quotes"),
	A("[1]]", 0, "a bracket too many"),
	A("[1", 0, "a bracket missing"),
	A("{\"a\":1", 0, "a brace missing"),
	A("[1] x", 0, "text after the value"),
	A("[] []", 0, "two values"),
	A("[tru]", 0, "a short literal"),
	A("[truex]", 0, "a long literal"),
	A("[True]", 0, "a literal in another case"),
	A("[NaN]", 0, "NaN"),
	A("/* c */ []", 0, "a comment"),
	A("\xef\xbb\xbf[]", 0, "a byte order mark (the caller skips it)"),
	A("[\x0c]", 0, "form feed is no whitespace"),
	/* numbers */
	A("[-0]", 1, "-0"),
	A("[0.5, -1.5e-3, 1E+5, 1e5, 10]", 1, "fractions and exponents"),
	A("[1e400]", 1, "a number beyond a double (jansson refuses it)"),
	A("[123456789012345678901234567890]", 1, "a long integer"),
	A("[01]", 0, "a leading zero"),
	A("[1.]", 0, "a point with no digit"),
	A("[.5]", 0, "no digit before the point"),
	A("[+1]", 0, "a plus sign"),
	A("[-]", 0, "a minus alone"),
	A("[1e]", 0, "an exponent with no digit"),
	A("[1e+]", 0, "a signed exponent with no digit"),
	A("[0x10]", 0, "hex"),
	A("[-01]", 0, "a negative leading zero"),
	/* strings: escapes */
	A("[\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"]", 1, "every short escape"),
	A("[\"\\u00e9\\u00E9\"]", 1, "\\u in either case"),
	A("[\"\\ud83d\\ude00\"]", 1, "a surrogate pair"),
	A("[\"\\u0000\"]", 1, "\\u0000 (pl_jp_string refuses it)"),
	A("[\"\\ud83d\"]", 0, "a lone high surrogate"),
	A("[\"\\ud83dx\"]", 0, "a high surrogate and a character"),
	A("[\"\\ud83d\\u0041\"]", 0, "a high surrogate and no low one"),
	A("[\"\\ude00\"]", 0, "a lone low surrogate"),
	A("[\"\\ude00\\ud83d\"]", 0, "a pair the wrong way round"),
	A("[\"\\u12\"]", 0, "a short \\u"),
	A("[\"\\u12g4\"]", 0, "a \\u that is no hex"),
	A("[\"\\x41\"]", 0, "\\x"),
	A("[\"\\'\"]", 0, "\\'"),
	A("[\"\\", 0, "a backslash at the end"),
	A("[\"a\tb\"]", 0, "a raw tab"),
	A("[\"a\nb\"]", 0, "a raw line break"),
	A("[\"a\x7f" "b\"]", 1, "DEL is no control character"),
	A("[\"abc", 0, "an unterminated string"),
	/* strings: UTF-8 */
	A("[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]", 1, "2, 3, 4 octets"),
	A("[\"\xed\x9f\xbf\xee\x80\x80\xf4\x8f\xbf\xbf\"]", 1,
	    "U+D7FF, U+E000, U+10FFFF"),
	A("[\"\xc0\x80\"]", 0, "overlong C0 80"),
	A("[\"\xc1\xbf\"]", 0, "overlong C1"),
	A("[\"\xe0\x80\xaf\"]", 0, "overlong E0 80"),
	A("[\"\xf0\x8f\xbf\xbf\"]", 0, "overlong F0 8F"),
	A("[\"\xed\xa0\x80\"]", 0, "an encoded surrogate"),
	A("[\"\xf4\x90\x80\x80\"]", 0, "above U+10FFFF"),
	A("[\"\xf5\x80\x80\x80\"]", 0, "F5"),
	A("[\"\xff\"]", 0, "FF"),
	A("[\"\x80\"]", 0, "a continuation octet alone"),
	A("[\"\xc3\"]", 0, "a sequence cut short"),
	A("[\"\xe2\x82\"]", 0, "a 3-octet sequence cut short"),
	A("[\"\xc3\"", 0, "a sequence cut by the end"),
	A("[\"\xe2\x28\xa1\"]", 0, "a bad continuation"),
	A("[\xc3\xa9]", 0, "UTF-8 outside a string"),
	{ "[\"a\0b\"]", 7, 0, "a NUL octet in a string" },
	{ "[1]\0", 4, 0, "a NUL octet after the value" },
	{ "[13\0]", 5, 0, "a NUL octet after a number (jansson drops it)" },
	{ "[true\0]", 7, 0, "a NUL octet after a literal (jansson drops it)" },
};

static void
test_accepts(void)
{
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct accept_case *c = &cases[i];
		int got = accepts(c->text, c->len), deliberate, jan;

		ok(got == c->want, "%s: %s", c->want ? "accepted" : "refused",
		    c->what);
		/* The oracle of the fuzz target, on each case. */
		jan = jansson_accepts(c->text, c->len, &deliberate);
		ok(got == jan || (got && deliberate == 1) ||
		    (!got && deliberate == -1), "jansson agrees: %s", c->what);
	}
}

static void
test_limits(void)
{
	char deep[PL_JP_DEPTH_MAX * 2 + 8];
	struct pl_jp j;
	int n;

	for (n = 0; n < 32; n++)
		deep[n] = '[';
	for (; n < 64; n++)
		deep[n] = ']';
	pl_jp_init(&j, deep, 64, 32, 0);
	is_int(pl_jp_check(&j), 0, "32 levels with a limit of 32");
	pl_jp_init(&j, deep, 64, 31, 0);
	is_int(pl_jp_check(&j), -1, "refused with a limit of 31");
	ok(j.limit, "as a limit");
	is_str(j.err, "JSON nested too deep", "named");
	/* the same through an iterator */
	{
		struct pl_jp_iter it;
		struct pl_jp_value k, v;

		pl_jp_init(&j, deep, 64, 31, 0);
		is_int(pl_jp_begin(&j, &it), 0, "begin");
		is_int(pl_jp_next(&it, &k, &v), 1, "a container, not read");
		is_int(pl_jp_next(&it, &k, &v), -1, "skipping refuses it too");
		ok(j.limit, "as a limit");
	}
	memset(deep, '[', PL_JP_DEPTH_MAX + 1);
	memset(deep + PL_JP_DEPTH_MAX + 1, ']', PL_JP_DEPTH_MAX + 1);
	pl_jp_init(&j, deep, 2 * (PL_JP_DEPTH_MAX + 1), UINT_MAX, 0);
	is_int(j.max_depth, PL_JP_DEPTH_MAX, "max_depth is clamped");
	is_int(pl_jp_check(&j), -1, "one level over the most");
	pl_jp_init(&j, deep + 1, 2 * PL_JP_DEPTH_MAX, UINT_MAX, 0);
	is_int(pl_jp_check(&j), 0, "the most");
	pl_jp_init(&j, "[1,2,3]", 7, 0, 3);
	is_int(pl_jp_check(&j), -1, "four values with a limit of three");
	ok(j.limit, "a limit");
	pl_jp_init(&j, "[1,2,3]", 7, 0, 4);
	is_int(pl_jp_check(&j), 0, "four with four");
	pl_jp_init(&j, "[1,2", 4, 0, 0);
	is_int(pl_jp_check(&j), -1, "a syntax error");
	ok(!j.limit, "is no limit");
}

static void
test_walk(void)
{
	static const char doc[] =
	    "{\"name\": \"a\\u00e9\", \"skip\": {\"x\": [1, [2, {}]]},\n"
	    " \"list\": [true, false, null, 12, \"s\"],\n"
	    " \"t\\u0079pe\": \"A\", \"deep\": {\"k\": {\"k2\": 7}}}";
	struct pl_jp j, sub;
	struct pl_jp_iter it, child, again;
	struct pl_jp_value k, v, saved;
	struct pl_buf b;
	unsigned long x;
	int r, n = 0;

	pl_buf_init(&b);
	memset(&saved, 0, sizeof(saved));
	pl_jp_init(&j, doc, sizeof(doc) - 1, 0, 0);
	is_int(pl_jp_begin(&j, &it), 0, "begin an object");
	while ((r = pl_jp_next(&it, &k, &v)) == 1) {
		n++;
		if (PL_JP_IS(&k, "name")) {
			is_int(v.type, PL_JP_STRING, "a string");
			ok(v.escaped, "with an escape");
			is_str(pl_jp_string(&v, &b, 64), "a\xc3\xa9",
			    "decoded to UTF-8");
			ok(pl_jp_eq(&v, "a\xc3\xa9", 3), "compared decoded");
			ok(!pl_jp_eq(&v, "a\xc3", 2), "not a prefix");
			ok(pl_jp_string(&v, &b, 5) == NULL, "longer than max");
		} else if (PL_JP_IS(&k, "skip")) {
			is_int(v.type, PL_JP_OBJECT, "a container is not read");
			saved = v;	/* left: the next call skips it */
		} else if (PL_JP_IS(&k, "list")) {
			is_int(v.type, PL_JP_ARRAY, "an array");
			is_int(pl_jp_enter(&it, &child), 0, "entered");
			is_int(pl_jp_next(&child, &k, &v), 1, "true");
			is_int(v.type, PL_JP_TRUE, "true's type");
			is_int(k.type, PL_JP_NONE, "an element has no key");
			is_int(pl_jp_next(&child, &k, &v), 1, "false");
			is_int(v.type, PL_JP_FALSE, "false's type");
			is_int(pl_jp_next(&child, &k, &v), 1, "null");
			is_int(pl_jp_uint(&v, 10, &x), 0, "null is no number");
			is_int(pl_jp_next(&child, &k, &v), 1, "12");
			is_int(pl_jp_uint(&v, 100, &x), 1, "a number");
			is_int(x, 12, "its value");
			is_int(pl_jp_uint(&v, 11, &x), -1, "above max");
			is_int(pl_jp_next(&child, &k, &v), 1, "\"s\"");
			is_int(pl_jp_uint(&v, 100, &x), -1, "a string is none");
			is_int(pl_jp_next(&child, &k, &v), 0, "the end");
			is_int(pl_jp_next(&child, &k, &v), 0, "and stays there");
		} else if (PL_JP_IS(&k, "type")) {
			ok(k.escaped, "an escaped key is matched decoded");
			is_str(pl_jp_string(&v, &b, 8), "A", "its value");
		} else if (PL_JP_IS(&k, "deep")) {
			/* entered, and left at once: the parent notices */
			is_int(pl_jp_enter(&it, &child), 0, "entered deep");
			is_int(pl_jp_next(&child, &k, &v), 1, "k");
		}
	}
	is_int(r, -1, "a child left open is an error");
	is_str(j.err, "a JSON container was left before its end", "named");
	is_int(n, 5, "every member met");
	/* the container skipped, walked again on a cursor of its own */
	is_int(pl_jp_reopen(&j, &saved, &sub, &again), 0, "reopened");
	is_int(pl_jp_next(&again, &k, &v), 1, "its member");
	ok(PL_JP_IS(&k, "x") && v.type == PL_JP_ARRAY, "x: an array");
	is_int(v.depth, 2, "at depth 2");
	is_int(pl_jp_next(&again, &k, &v), 0, "its end");
	is_int(pl_jp_reopen(&j, &k, &sub, &again), -1, "no container");
	pl_buf_release(&b);
}

static void
test_strings(void)
{
	static const char doc[] = "[\"\\ud83d\\ude00\\n\\/\\\"\", \"x\\u0000y\","
	    " \"\\u20ac\", \"plain\"]";
	struct pl_jp j;
	struct pl_jp_iter it;
	struct pl_jp_value k, v;
	struct pl_buf b;

	pl_buf_init(&b);
	pl_jp_init(&j, doc, sizeof(doc) - 1, 0, 0);
	is_int(pl_jp_begin(&j, &it), 0, "begin an array");
	pl_jp_next(&it, &k, &v);
	is_str(pl_jp_string(&v, &b, 100), "\xf0\x9f\x98\x80\n/\"",
	    "a pair and short escapes");
	pl_jp_next(&it, &k, &v);
	ok(pl_jp_string(&v, &b, 100) == NULL, "U+0000 is refused");
	ok(pl_jp_eq(&v, "x\0y", 3), "but compares");
	pl_jp_next(&it, &k, &v);
	is_str(pl_jp_string(&v, &b, 100), "\xe2\x82\xac", "U+20AC");
	pl_jp_next(&it, &k, &v);
	ok(!v.escaped, "no escape");
	is_int(v.n, 5, "its span");
	is_int(pl_jp_next(&it, &k, &v), 0, "the end");
	is_int(pl_jp_end(&j), 0, "nothing after it");
	pl_buf_release(&b);
}

static void
test_where(void)
{
	static const char doc[] = "{\n  \"\xc3\xa9\": [1,\n   2 x]}";
	struct pl_jp j;
	unsigned long line, col;

	pl_jp_init(&j, doc, sizeof(doc) - 1, 0, 0);
	is_int(pl_jp_check(&j), -1, "refused");
	pl_jp_where(&j, &line, &col);
	is_int(line, 3, "at line 3");
	is_int(col, 6, "column 6");
	is_str(j.err, "expected ',' or a closing bracket", "why");
	pl_jp_init(&j, "{\"\xc3\xa9\": x}", 8, 0, 0);
	is_int(pl_jp_check(&j), -1, "refused");
	pl_jp_where(&j, &line, &col);
	is_int(col, 7, "a column counts characters, not octets");
}

int
main(void)
{
	test_accepts();
	test_limits();
	test_walk();
	test_strings();
	test_where();
	return tap_done();
}
