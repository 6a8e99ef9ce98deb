/*
 * ratelimit.h: counting events per key (an IP, an account, an action)
 * over the current and the previous fixed window, in the ratelimits
 * table.
 */
#ifndef RATELIMIT_H
#define RATELIMIT_H

#include <stdint.h>

#include "qa.h"

struct db;
struct db_stmts;

/* The state of one key in its current window. */
struct ratelimit {
	int64_t		 count;		/* events, this window and last */
	int64_t		 last;		/* time of the latest, 0 if none */
	int64_t		 window_end;	/* when the count starts again */
};

enum qa_err	 ratelimit_get(struct db *, const char *key, int64_t period,
		    int64_t now, struct ratelimit *);
enum qa_err	 ratelimit_hit(struct db *, const char *key, int64_t period,
		    int64_t now);
enum qa_err	 ratelimit_clear(struct db *, const char *key);
enum qa_err	 ratelimit_purge(struct db *, int64_t now);
enum qa_err	 ratelimit_check(struct db *, const char *key,
		    int64_t limit, int64_t period, int64_t now,
		    int64_t *retry_after);
struct db_stmts	*ratelimit_statements(void);

#endif /* !RATELIMIT_H */
