/* util.c -- allocation, errors, growable strings, arenas, file reading */
/* SPDX-License-Identifier: MIT */
#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "proxylint/log.h"
#include "proxylint/util.h"
#include "proxylint/banned.h"


void
pl_oom(void)
{
	pl_error(PL_ENOMEM, "out of memory");
	exit(2);
}

void *
pl_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		pl_oom();
	return p;
}

void *
pl_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		pl_oom();
	return p;
}

void *
pl_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		pl_oom();
	return p;
}

void *
pl_xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		pl_oom();
	return pl_xrealloc(p, n * size);
}

char *
pl_xstrdup(const char *s)
{
	return pl_xstrndup(s, strlen(s));
}

char *
pl_xstrndup(const char *s, size_t n)
{
	char *p = pl_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
pl_grow(void *v, size_t n, size_t size)
{
	if (n != 0 && (n & (n - 1)) != 0)
		return v;
	return pl_xreallocarray(v, n ? 2 * n : 1, size);
}

char *
pl_xasprintf(const char *fmt, ...)
{
	struct pl_buf b;
	va_list ap;
	int n;

	pl_buf_init(&b);
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		pl_oom();
	b.buf = pl_xrealloc(b.buf, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.buf, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.buf;
}

void
pl_buf_init(struct pl_buf *b)
{
	b->buf = NULL;
	b->len = 0;
	b->cap = 0;
}

void
pl_buf_release(struct pl_buf *b)
{
	free(b->buf);
	pl_buf_init(b);
}

void
pl_buf_reset(struct pl_buf *b)
{
	b->len = 0;
	if (b->buf != NULL)
		b->buf[0] = '\0';
}

static void
buf_grow(struct pl_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (need < b->cap * 2)
		need = b->cap * 2;
	if (need < 64)
		need = 64;
	b->buf = pl_xrealloc(b->buf, need);
	b->cap = need;
}

void
pl_buf_add(struct pl_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void
pl_buf_addc(struct pl_buf *b, char c)
{
	buf_grow(b, 1);
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
}

void
pl_buf_adds(struct pl_buf *b, const char *s)
{
	pl_buf_add(b, s, strlen(s));
}

void
pl_buf_addf(struct pl_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
pl_buf_add_clean(struct pl_buf *b, const char *s, size_t max)
{
	size_t i;

	for (i = 0; s[i] != '\0' && i < max; i++) {
		unsigned char ch = (unsigned char)s[i];

		if (ch < 0x20 || ch == 0x7f)
			pl_buf_addf(b, "\\%03u", ch);
		else
			pl_buf_addc(b, (char)ch);
	}
	if (s[i] != '\0')
		pl_buf_adds(b, "...");
}

char *
pl_buf_detach(struct pl_buf *b)
{
	char *p = b->buf;

	if (p == NULL)
		p = pl_xstrdup("");
	pl_buf_init(b);
	return p;
}

/* Arena blocks: a header, then the data. */
struct pl_arena_block {
	struct pl_arena_block	*next;
	size_t			 size;
	_Alignas(16) char	 data[];
};

/* Tables this big (in octets) get huge pages. */
#define TABLE_HUGE	((size_t)4 << 20)
#define HUGE_PAGE	((size_t)2 << 20)

void *
pl_table_alloc(size_t n, size_t size)
{
	size_t bytes, len;
	char *p, *q;

	if (size != 0 && n > SIZE_MAX / size)
		pl_oom();
	bytes = n * size;
	if (bytes < TABLE_HUGE)
		return pl_xcalloc(n ? n : 1, size ? size : 1);
	len = (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	/* Map a huge page more, and trim to the boundary. */
	p = mmap(NULL, len + HUGE_PAGE, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		pl_oom();
	q = (char *)(((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE -
	    1));
	if (q > p)
		munmap(p, (size_t)(q - p));
	if (q + len < p + len + HUGE_PAGE)
		munmap(q + len, (size_t)(p + len + HUGE_PAGE - (q + len)));
#ifdef MADV_HUGEPAGE
	madvise(q, len, MADV_HUGEPAGE);
#endif
	/* Written now, not on first use: a lookup's read would map the
	 * shared zero page, and the store after it would be a copy on write
	 * that flushes the TLB of every core running another thread. */
	memset(q, 0, bytes);
	return q;
}

void
pl_table_free(void *p, size_t n, size_t size)
{
	size_t bytes = n * size;

	if (p == NULL)
		return;
	if (bytes < TABLE_HUGE)
		free(p);
	else
		munmap(p, (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE);
}

#define ARENA_BLOCK	(256 * 1024 - sizeof(struct pl_arena_block))

/*
 * Blocks come from mmap(2) rather than malloc: a second thread's malloc
 * arena grows by mprotect(2) calls, each of which makes every core flush
 * its TLB, and a big zone's parse would do thousands of them.
 */
static struct pl_arena_block *
block_new(size_t size)
{
	void *p = mmap(NULL, sizeof(struct pl_arena_block) + size,
	    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		pl_oom();
	return p;
}

struct pl_arena_block **
pl_arena_next(struct pl_arena_block *b)
{
	return &b->next;
}

void
pl_arena_init(struct pl_arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->total = 0;
}

void
pl_arena_release(struct pl_arena *a)
{
	struct pl_arena_block *b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		munmap(b, sizeof(*b) + b->size);
	}
	pl_arena_init(a);
}

void *
pl_arena_alloc(struct pl_arena *a, size_t n)
{
	struct pl_arena_block *b;
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (a->head == NULL || a->head->size - a->used < n) {
		size_t size = n > ARENA_BLOCK ? n : ARENA_BLOCK;

		b = block_new(size);
		b->size = size;
		if (a->head != NULL && n > ARENA_BLOCK) {
			/* A big allocation gets its own block behind the head,
			 * so that the head's free space is not wasted. */
			b->next = a->head->next;
			a->head->next = b;
			a->total += n;
			return b->data;
		}
		b->next = a->head;
		a->head = b;
		a->used = 0;
	}
	p = a->head->data + a->used;
	a->used += n;
	a->total += n;
	return p;
}

bool
pl_arena_owns(const struct pl_arena *a, const void *p)
{
	const char *c = p;

	for (const struct pl_arena_block *b = a->head; b != NULL; b = b->next)
		if (c >= b->data && c < b->data + b->size)
			return true;
	return false;
}

char *
pl_arena_strdup(struct pl_arena *a, const char *s)
{
	return pl_arena_strndup(a, s, strlen(s));
}

char *
pl_arena_strndup(struct pl_arena *a, const char *s, size_t n)
{
	char *p = pl_arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
pl_str_lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)pl_lower((unsigned char)*s);
}

int
pl_strcaseeq(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++)
		if (pl_lower((unsigned char)*a) != pl_lower((unsigned char)*b))
			return 0;
	return *a == *b;
}

int
pl_strncaseeq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (pl_lower((unsigned char)a[i]) != pl_lower((unsigned char)b[i]))
			return 0;
		if (a[i] == '\0')
			return 1;
	}
	return 1;
}

/*
 * The line-length check of standard input: what it knows of the text read
 * so far.
 */
struct stdin_lines {
	size_t	start;		/* where the last line began */
	size_t	scanned;	/* octets looked at */
	int	json;		/* -1: no text seen yet, 0 or 1 */
};

/*
 * Are the octets read so far (n of buf) still a text of sane lines?  JSON
 * may be one long line; anything else may not.  Each octet is looked at
 * once: sl says how far the last call got.
 */
static bool
stdin_line_ok(struct stdin_lines *sl, const char *buf, size_t n)
{
	for (size_t i = sl->scanned; i < n && sl->json < 0; i++)
		if (buf[i] == '{' || buf[i] == '[')
			sl->json = 1;
		else if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' &&
		    buf[i] != '\n')
			sl->json = 0;
	for (size_t i = n; i > sl->scanned; i--)
		if (buf[i - 1] == '\n') {
			sl->start = i;
			break;
		}
	sl->scanned = n;
	return sl->json == 1 || n - sl->start <= PL_MAX_STDIN_LINE;
}

int
pl_read_file(const char *path, size_t limit, char **data, size_t *len,
    char **errmsg)
{
	struct stat st;
	char *buf = NULL;
	size_t cap = 0, n = 0;
	struct stdin_lines sl = { 0, 0, -1 };
	int fd, stdin_input;

	*data = NULL;
	*len = 0;
	*errmsg = NULL;
	stdin_input = path == NULL || strcmp(path, "-") == 0;
	if (stdin_input)
		fd = STDIN_FILENO;
	else if ((fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK)) == -1) {
		*errmsg = pl_xasprintf("cannot open '%s': %s", path,
		    strerror(errno));
		return PL_EIO;
	}
	if (fstat(fd, &st) == -1) {
		*errmsg = pl_xasprintf("cannot read '%s': %s",
		    stdin_input ? "-" : path, strerror(errno));
		goto fail;
	}
	if (!stdin_input) {
		if (S_ISDIR(st.st_mode)) {
			*errmsg = pl_xasprintf("cannot read '%s': "
			    "Is a directory", path);
			goto fail;
		}
		if (!S_ISREG(st.st_mode)) {
			*errmsg = pl_xasprintf("cannot read '%s': "
			    "not a regular file", path);
			goto fail;
		}
		/* Blocking reads from here on: a regular file never blocks. */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		if ((uintmax_t)st.st_size > limit) {
			*errmsg = pl_xasprintf("cannot read '%s': larger than "
			    "%zu bytes", path, limit);
			goto fail;
		}
		cap = (size_t)st.st_size + 1;
	}
	if (cap < 65536)
		cap = 65536;
	buf = pl_xmalloc(cap);
	for (;;) {
		ssize_t r;

		if (n + 1 >= cap) {
			if (n >= limit) {
				*errmsg = pl_xasprintf("cannot read '%s': "
				    "larger than %zu bytes",
				    stdin_input ? "-" : path, limit);
				goto fail;
			}
			cap = cap > limit / 2 ? limit + 1 : cap * 2;
			buf = pl_xrealloc(buf, cap);
		}
		r = read(fd, buf + n, cap - n - 1);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			*errmsg = pl_xasprintf("cannot read '%s': %s",
			    stdin_input ? "-" : path, strerror(errno));
			goto fail;
		}
		n += (size_t)r;
		if (stdin_input && !stdin_line_ok(&sl, buf, n)) {
			*errmsg = pl_xasprintf("cannot read '-': a line longer "
			    "than %zu bytes (zone text and YAML are read line "
			    "by line; only JSON may be one long line)",
			    PL_MAX_STDIN_LINE);
			goto fail;
		}
	}
	buf[n] = '\0';
	if (!stdin_input)
		close(fd);
	*data = buf;
	*len = n;
	return 0;
fail:
	free(buf);
	if (!stdin_input)
		close(fd);
	return PL_EIO;
}

/* Below this, copying costs less than mapping. */
#define MAP_MIN	(1u << 20)

int
pl_file_map(const char *path, size_t limit, char **data, size_t *len,
    int *mapped, char **errmsg)
{
	struct stat st;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), size;
	char *base;
	int fd;

	*mapped = 0;
	if (path == NULL || strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode) || (uintmax_t)st.st_size < MAP_MIN ||
	    (uintmax_t)st.st_size > limit)
		return pl_read_file(path, limit, data, len, errmsg);
	if ((fd = open(path, O_RDONLY | O_NOCTTY)) == -1)
		return pl_read_file(path, limit, data, len, errmsg);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (uintmax_t)st.st_size < MAP_MIN) {
		close(fd);
		return pl_read_file(path, limit, data, len, errmsg);
	}
	/*
	 * Reserve one byte more than the file, rounded up to pages, then map
	 * the file over the start: the rest of its last page reads as zeros,
	 * and so does the spare page when the file fills its last one.
	 */
	size = ((size_t)st.st_size + 1 + page - 1) / page * page;
	base = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED) {
		close(fd);
		return pl_read_file(path, limit, data, len, errmsg);
	}
	if (mmap(base, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_FIXED,
	    fd, 0) == MAP_FAILED) {
		munmap(base, size);
		close(fd);
		return pl_read_file(path, limit, data, len, errmsg);
	}
	close(fd);
	madvise(base, (size_t)st.st_size, MADV_SEQUENTIAL);
	*data = base;
	*len = (size_t)st.st_size;
	*mapped = 1;
	*errmsg = NULL;
	return 0;
}

void
pl_file_release(char *data, size_t len, int mapped)
{
	size_t page;

	if (!mapped) {
		free(data);
		return;
	}
	page = (size_t)sysconf(_SC_PAGESIZE);
	munmap(data, (len + 1 + page - 1) / page * page);
}

void
pl_file_drop(const char *from, const char *to)
{
	uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t a = ((uintptr_t)from + page - 1) & ~(page - 1);
	uintptr_t b = (uintptr_t)to & ~(page - 1);

	if (b > a)
		madvise((void *)a, b - a, MADV_DONTNEED);
}

double
pl_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Edit distance (insert, delete, change, swap two neighbours), up to 64
 * octets a word; longer words are never "a typo away". */
static size_t
distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), d[3][65];

	if (n > 64 || m > 64)
		return SIZE_MAX;
	for (size_t j = 0; j <= m; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= n; i++) {
		size_t *cur = d[i % 3], *prev = d[(i - 1) % 3];
		size_t *prev2 = d[(i + 1) % 3];

		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = pl_lower((unsigned char)a[i - 1]) ==
			    pl_lower((unsigned char)b[j - 1]) ? 0 : 1;
			size_t v = prev[j] + 1;

			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (prev[j - 1] + cost < v)
				v = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
		}
	}
	return d[n % 3][m];
}

const char *
pl_closest(const char *word, const char *const *choices, size_t n)
{
	const char *best = NULL;
	size_t best_d = SIZE_MAX, len = strlen(word);
	/* One typo in a short word, two in a longer one. */
	size_t max = len <= 4 ? 1 : len <= 12 ? 2 : 3;

	for (size_t i = 0; i < n && choices[i] != NULL; i++) {
		size_t dd = distance(word, choices[i]);

		if (dd < best_d) {
			best_d = dd;
			best = choices[i];
		}
	}
	return best_d <= max && best_d > 0 ? best : NULL;
}
