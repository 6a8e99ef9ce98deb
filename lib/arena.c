/*
 * arena.c: a chunked bump allocator for per-request memory, and a
 * growable byte buffer.
 */
#include <assert.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

#define CHUNK_MIN	(16 * 1024)
#define ALIGN		16

struct arena_chunk {
	struct arena_chunk	*next;
	size_t			 size;	/* usable bytes after the header */
	size_t			 used;
	long double		 data[];	/* aligned for anything */
};

struct arena_cleanup {
	struct arena_cleanup	*next;
	void			(*fn)(void *);
	void			*arg;
};

/*
 * Prepare an empty arena.  No memory is taken until the first allocation.
 */
void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->cleanups = NULL;
	a->total = 0;
}

/*
 * Return sz bytes aligned to 16, valid until arena_reset().  Returns NULL
 * only if malloc fails or sz is absurdly large.
 */
void *
arena_alloc(struct arena *a, size_t sz)
{
	struct arena_chunk	*c;
	size_t			 csz;
	void			*p;

	if (sz > SIZE_MAX / 2)
		return NULL;
	sz = (sz + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (sz == 0)
		sz = ALIGN;
	c = a->head;
	if (c == NULL || c->size - c->used < sz) {
		csz = sz > CHUNK_MIN ? sz : CHUNK_MIN;
		if (c != NULL && c->size * 2 > csz && c->size < 1024 * 1024)
			csz = c->size * 2;
		if ((c = malloc(sizeof(*c) + csz)) == NULL)
			return NULL;
		c->size = csz;
		c->used = 0;
		c->next = a->head;
		a->head = c;
	}
	p = (char *)c->data + c->used;
	c->used += sz;
	a->total += sz;
	return p;
}

/* Like arena_alloc() for n * sz bytes, zero-filled, overflow-checked. */
void *
arena_calloc(struct arena *a, size_t n, size_t sz)
{
	void	*p;

	if (sz != 0 && n > SIZE_MAX / sz)
		return NULL;
	if ((p = arena_alloc(a, n * sz)) != NULL)
		memset(p, 0, n * sz);
	return p;
}

/* Copy the first n bytes of s (which need not be NUL-terminated). */
char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char	*p;

	if ((p = arena_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Copy a NUL-terminated string; NULL stays NULL. */
char *
arena_strdup(struct arena *a, const char *s)
{
	return s == NULL ? NULL : arena_strndup(a, s, strlen(s));
}

/* printf into arena memory. */
char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	char	*p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (p = arena_alloc(a, (size_t)n + 1)) == NULL)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/*
 * Run fn(arg) when the arena is reset: for objects that own memory outside
 * the arena (template dictionaries).  Returns -1 if out of memory, in which
 * case fn(arg) has been run at once so nothing leaks.
 */
int
arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
	struct arena_cleanup	*c;

	if ((c = arena_alloc(a, sizeof(*c))) == NULL) {
		fn(arg);
		return -1;
	}
	c->fn = fn;
	c->arg = arg;
	c->next = a->cleanups;
	a->cleanups = c;
	return 0;
}

/*
 * Run the deferred cleanups (newest first) and release every allocation.
 * The first chunk is kept for the next request, so a steady process does
 * not call malloc for small requests.
 */
void
arena_reset(struct arena *a)
{
	struct arena_cleanup	*cl;
	struct arena_chunk	*c, *next;

	for (cl = a->cleanups; cl != NULL; cl = cl->next)
		cl->fn(cl->arg);
	a->cleanups = NULL;
	if ((c = a->head) == NULL)
		return;
	/* Keep the oldest (last) chunk if it has the default size. */
	while (c->next != NULL) {
		next = c->next;
		free(c);
		c = next;
	}
	if (c->size > CHUNK_MIN) {
		free(c);
		a->head = NULL;
	} else {
		c->used = 0;
		a->head = c;
	}
	a->total = 0;
}

/* Reset the arena and give back its last chunk. */
void
arena_free(struct arena *a)
{
	arena_reset(a);
	free(a->head);
	a->head = NULL;
}

void
buf_clear(struct buf *b)
{
	b->len = 0;
	b->oom = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

/* Make room for n more bytes plus a NUL; returns 0 on success. */
static int
grow(struct buf *b, size_t n)
{
	size_t	 cap;
	char	*p;

	if (b->oom)
		return -1;
	if (n <= b->cap - b->len && b->cap - b->len - n >= 1)
		return 0;
	if (n > SIZE_MAX / 4 - b->len) {
		b->oom = 1;
		return -1;
	}
	cap = b->cap ? b->cap : 256;
	while (cap < b->len + n + 1)
		cap *= 2;
	if ((p = realloc(b->data, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->data = p;
	b->cap = cap;
	return 0;
}

/* Append n bytes; the buffer stays NUL-terminated. */
void
buf_append(struct buf *b, const void *p, size_t n)
{
	if (grow(b, n) != 0)
		return;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_puts(struct buf *b, const char *s)
{
	buf_append(b, s, strlen(s));
}

void
buf_putc(struct buf *b, char c)
{
	buf_append(b, &c, 1);
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, (size_t)n) != 0)
		return;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/* The contents as a C string ("" for an empty buffer). */
const char *
buf_cstr(struct buf *b)
{
	return b->data != NULL ? b->data : "";
}
