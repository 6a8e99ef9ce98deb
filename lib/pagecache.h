/*
 * pagecache: the pages a FastCGI process has made for visitors without a
 * session, kept in its memory and given again while nothing they show
 * has changed.  See pagecache.c.
 */
#ifndef FASTQA_PAGECACHE_H
#define FASTQA_PAGECACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct qa_request;

/* What a stored page may be given for: the site's state when it was made. */
struct pagecache_when {
	int64_t		 stamp;		/* the change stamp (stamp.n) */
	int64_t		 minute;	/* the minute it was made in */
};

/* Pages kept at most, and their bytes at most by default. */
#define PAGECACHE_ENTRIES	64
#define PAGECACHE_KB		1024

void	 pagecache_limit(size_t bytes);
bool	 pagecache_serve(struct qa_request *, const struct pagecache_when *);
void	 pagecache_store(struct qa_request *, const struct pagecache_when *);
void	 pagecache_on_reuse(struct qa_request *,
	    void (*)(struct qa_request *, int64_t), int64_t);
void	 pagecache_clear(void);

#endif
