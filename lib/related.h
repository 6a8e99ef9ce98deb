/*
 * related.h: the related questions of a question, by full-text
 * similarity and shared tags.  They are computed once and kept in the
 * table related (a cache, one row per question: the ids best first), so
 * a question page reads them with two indexed queries.  A missing or
 * stale row is computed during the page and written after the response
 * (related_pending(), related_flush()), so the first view already shows
 * the same list as every later one.
 */
#ifndef RELATED_H
#define RELATED_H

#include <stdbool.h>
#include <stdint.h>

#include "qa.h"

struct arena;
struct db;
struct db_stmts;
struct post;

#define RELATED_MAX		10	/* ids kept per question */
#define RELATED_CANDIDATES	20	/* full-text matches re-scored */
#define RELATED_TTL		(7 * 24 * 3600)	/* seconds a row is kept */
#define RELATED_DEFAULT		5	/* shown when related_count unset */

int64_t		 related_limit(void);
enum qa_err	 related_get(struct db *, struct arena *, const struct post *q,
		    int64_t limit, int64_t now, struct post **, size_t *);
enum qa_err	 related_compute(struct db *, struct arena *,
		    const struct post *q, int64_t *ids, size_t *n);
bool		 related_pending(void);
enum qa_err	 related_flush(struct db *);
void		 related_forget(void);
struct db_stmts	*related_statements(void);
struct db_stmts	*related_fts_statements(void);

#endif /* !RELATED_H */
