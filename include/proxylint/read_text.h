/* read_text.h -- what every reader shares: records, findings, RDATA text */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_READ_TEXT_H
#define PROXYLINT_READ_TEXT_H

/*
 * For the readers (read_*.c) only; the pipeline uses read.h.  Readers of
 * structured inputs (JSON, YAML, HCL) write each record's RDATA in zone
 * file syntax and hand it to ldns, as the BIND reader does with the text
 * it reads: the helpers below write that text the same way in every reader,
 * so that a value cannot change the record ldns reads (a ';' starting a
 * comment, a '"' ending a string), and check numbers before ldns keeps a
 * 16-bit field modulo 65536 without a word (port 70000 read as 4464).
 */

#include <stdbool.h>
#include <stddef.h>

#include "proxylint/diag.h"
#include "proxylint/zone.h"

/* A <character-string> (RFC 1035 section 5.1): at most 255 octets. */
#define PL_TXT_CHUNK	255

/*
 * Copies what the rules need from an RR that ldns parsed: its RDATA as
 * text, the address of an A/AAAA, the port of an SRV, the target name of a
 * CNAME, NS, PTR, DNAME, MX, SRV, HTTPS or SVCB.  Every reader that hands a
 * record to ldns fills it with this.
 */
struct ldns_struct_rr;
void	pl_record_fill(struct pl_zone *, struct pl_record *,
	    const struct ldns_struct_rr *);

/*
 * A reader's finding about text that never became a record: rule (one of
 * d->rules->fixed[]) at loc, about what s names (NULL: nothing), with the
 * message variables v; every string is copied.
 */
void	pl_read_report(struct pl_diags *d, enum pl_fixed_rule rule,
	    const struct pl_loc *loc, const struct pl_subject *s,
	    const struct pl_vars *v);

/* Appends s[0..n) in double quotes: '"' and '\' escaped, control octets
 * as \DDD. */
void	pl_text_quoted(struct pl_buf *, const char *s, size_t n);

/*
 * Appends text as TXT RDATA: quoted <character-string>s of at most 255
 * octets each, as Cloudflare and octoDNS split long text (RFC 1035 section
 * 3.3.14); "" for empty text.  A blank goes before each string when b is
 * not empty.
 */
void	pl_text_txt(struct pl_buf *, const char *s, size_t n);

/*
 * The number of the RR type named s (NUL-terminated, n octets, any case):
 * the common ones at once, the rest by ldns (which compares the name with
 * each type it knows); 0 when unknown.
 */
uint16_t pl_text_rr_type(const char *s, size_t n);

/* Is s[0..n) a decimal number of at most max?  Its value in *out (may be
 * NULL). */
bool	pl_text_uint(const char *s, size_t n, unsigned long max,
	    unsigned long *out);

/*
 * Can s[0..n) go into record text as one token: not empty, no blank or
 * control octet, nothing that ldns reads as a comment, a bracket or a
 * quote, and (unless escapes) no '\'?
 */
bool	pl_text_is_token(const char *s, size_t n, bool escapes);

#endif
