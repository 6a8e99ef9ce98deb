/*
 * arena.h: per-request memory.  Everything a request allocates comes from
 * its arena and is released by one arena_reset() when the request ends.
 */
#ifndef ARENA_H
#define ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;
struct arena_cleanup;

struct arena {
	struct arena_chunk	*head;		/* chunk being filled */
	struct arena_cleanup	*cleanups;	/* run in reverse at reset */
	size_t			 total;		/* bytes handed out */
};

void	 arena_init(struct arena *);
void	*arena_alloc(struct arena *, size_t);
void	*arena_calloc(struct arena *, size_t, size_t);
char	*arena_strdup(struct arena *, const char *);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
int	 arena_defer(struct arena *, void (*)(void *), void *);
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

/*
 * A growable byte buffer.  Its storage is malloc'd, so a buffer can live
 * for the whole process and be emptied between requests with buf_clear().
 */
struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
	int	 oom;		/* an append failed: content is truncated */
};

void	 buf_clear(struct buf *);
void	 buf_free(struct buf *);
void	 buf_append(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *);

#endif /* !ARENA_H */
