/*
 * views.h: question view counts without a write per page view.  Each
 * process keeps the views it counted in memory, by question, and adds
 * them to posts.views in one transaction now and then (views_due()).
 * What a process holds when it stops or crashes is lost: a view count
 * is an estimate, and no page waits for a write to count one.
 */
#ifndef VIEWS_H
#define VIEWS_H

#include <stdbool.h>
#include <stdint.h>

#include "qa.h"

struct db;

/*
 * Slots of the pending table (a power of two).  A flush is due at
 * VIEWS_FLUSH_COUNT views, so at most that many questions are pending
 * and the table is never more than VIEWS_FLUSH_COUNT / VIEWS_SLOTS full.
 */
#define VIEWS_SLOTS		512
#define VIEWS_FLUSH_COUNT	200	/* views that make a flush due */
#define VIEWS_FLUSH_SECONDS	5	/* seconds that make a flush due */

bool		 views_count(int64_t question_id, int64_t now);
int64_t		 views_pending(int64_t question_id);
int64_t		 views_total(void);
size_t		 views_questions(void);
bool		 views_due(int64_t now);
enum qa_err	 views_flush(struct db *, int64_t now);
void		 views_reset(int64_t now);
bool		 views_is_bot(const char *user_agent);

#endif /* !VIEWS_H */
