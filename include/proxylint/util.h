/* util.h -- allocation, error codes and small string helpers */
/* SPDX-License-Identifier: MIT */
#ifndef PROXYLINT_UTIL_H
#define PROXYLINT_UTIL_H

/*
 * For every file: the allocators that never fail, the growable string,
 * the arena, ASCII helpers and file reading.  The bottom layer: it
 * includes nothing of the project but log.h.
 */

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PL_VERSION	"1.0.0"

/*
 * Operational failures are negative codes, logged where they happen
 * (log.h); a finding about the zone is never an error code (it goes to the
 * finding list).  main tells them apart only from success: every failure
 * exits 2.
 */
enum pl_error {
	PL_OK = 0,
	PL_ENOMEM = -100,	/* out of memory */
	PL_EIO,			/* a file could not be read */
	PL_ERULES,		/* a rule file or config is invalid */
	PL_EINPUT,		/* an input holds nothing that could be read */
	PL_EWRITE,		/* the output could not be written */
};

/* Allocators that never return NULL: they exit(2) with a message on OOM. */
void	 pl_oom(void) __attribute__((noreturn));	/* logs, then exit(2) */
void	*pl_xmalloc(size_t);
void	*pl_xcalloc(size_t, size_t);
void	*pl_xrealloc(void *, size_t);
void	*pl_xreallocarray(void *, size_t, size_t);
/*
 * Makes room for item n of an array that holds n items (of size octets):
 * the room doubles when n is a power of two, so that a long list is not
 * copied once per item (ASan's realloc always copies).  Only for arrays
 * that always grew this way.
 */
void	*pl_grow(void *, size_t n, size_t size);
/*
 * A zeroed table of n items of size octets, for random lookups.  From 4 MiB
 * up it is mapped on its own, on a 2 MiB boundary with transparent huge
 * pages asked for (madvise(2)), so that lookups miss in the TLB far less.
 * Free it with pl_table_free() and the same n and size.
 */
void	*pl_table_alloc(size_t n, size_t size);
void	 pl_table_free(void *, size_t n, size_t size);
char	*pl_xstrdup(const char *);
char	*pl_xstrndup(const char *, size_t);
char	*pl_xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));

/* Growable string.  buf is always NUL-terminated once initialised. */
struct pl_buf {
	char	*buf;
	size_t	 len;
	size_t	 cap;
};
void	 pl_buf_init(struct pl_buf *);
void	 pl_buf_release(struct pl_buf *);
void	 pl_buf_reset(struct pl_buf *);
void	 pl_buf_add(struct pl_buf *, const char *, size_t);
void	 pl_buf_addc(struct pl_buf *, char);
void	 pl_buf_adds(struct pl_buf *, const char *);
void	 pl_buf_addf(struct pl_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Appends text from an input for a person to read on a terminal: control
 * octets become \DDD, so that a hostile file cannot move the cursor or
 * change colours; at most max octets, then "..." (SIZE_MAX: all).
 */
void	 pl_buf_add_clean(struct pl_buf *, const char *s, size_t max);
/* Returns buf and leaves the pl_buf empty; the caller frees the result. */
char	*pl_buf_detach(struct pl_buf *);

/*
 * Arena for many small strings that live as long as their owner (a zone):
 * one free releases everything.  Returned pointers are stable.
 */
struct pl_arena_block;
struct pl_arena {
	struct pl_arena_block	*head;
	size_t			 used;	/* bytes used in head */
	size_t			 total;	/* bytes handed out, for statistics */
};
void	 pl_arena_init(struct pl_arena *);
void	 pl_arena_release(struct pl_arena *);
void	*pl_arena_alloc(struct pl_arena *, size_t);
/* The block after b in an arena's list (to join two arenas). */
struct pl_arena_block **pl_arena_next(struct pl_arena_block *b);
/* Copies len bytes and appends a NUL. */
char	*pl_arena_strndup(struct pl_arena *, const char *, size_t);
char	*pl_arena_strdup(struct pl_arena *, const char *);
/* Was p handed out by the arena?  (A walk over its blocks.) */
bool	 pl_arena_owns(const struct pl_arena *, const void *p);

/* ASCII helpers, independent of the locale. */
static inline int
pl_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}
int	 pl_strcaseeq(const char *, const char *);
/* Lowers the ASCII letters of s in place. */
void	 pl_str_lower(char *s);
int	 pl_strncaseeq(const char *, const char *, size_t);

/*
 * Reads a whole file (or stdin for "-") into a new NUL-terminated buffer.
 * Refuses folders and devices with a message.  Standard input that does
 * not start as JSON ('{' or '[') is line-based text, so a line longer than
 * PL_MAX_STDIN_LINE ends the read (/dev/zero piped in is refused after
 * 16 MiB, not 2 GiB).  Returns 0 or a PL_E* code with *errmsg set to a new
 * string (free it).
 */
#define PL_MAX_STDIN_LINE	((size_t)16 << 20)
int	 pl_read_file(const char *path, size_t limit, char **data,
	    size_t *len, char **errmsg);

/*
 * Like pl_read_file(), but maps a big regular file instead of copying it;
 * *mapped says which.  The text is followed by a NUL either way.  Release
 * with pl_file_release().  Readers may drop the pages of a mapped text
 * that they are done with (pl_file_drop): they are read again from the file
 * if touched.
 */
int	 pl_file_map(const char *path, size_t limit, char **data, size_t *len,
	    int *mapped, char **errmsg);
void	 pl_file_release(char *data, size_t len, int mapped);
void	 pl_file_drop(const char *from, const char *to);

/*
 * The choice closest to word (case aside), when it is a typo or two away
 * (for "did you mean"); NULL otherwise.  choices: n entries, or fewer up
 * to a NULL.
 */
const char *pl_closest(const char *word, const char *const *choices,
	    size_t n);

/* Seconds on the monotonic clock, for PROXYLINT_TIMING. */
double	 pl_now(void);

#endif
