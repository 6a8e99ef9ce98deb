/*
 * views.c: question view counts, gathered in memory and written in
 * batches.  Writing posts.views on every page view would turn each read
 * into a write transaction (a WAL append and an fsync with
 * synchronous=FULL), so each process keeps the views it counts in a small
 * open-addressing table of question id -> count and adds them all to the
 * database in ONE transaction when a flush is due: VIEWS_FLUSH_SECONDS
 * after the last flush, or once VIEWS_FLUSH_COUNT views are pending.
 * The caller runs the flush after its response is sent (serve_after()).
 *
 * Views still pending when a process stops or crashes are lost; so are
 * those counted while the database refused a flush and the table was
 * full.  That is accepted: a view count is an estimate.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "db.h"
#include "post.h"
#include "views.h"

/* One slot of the table: id 0 marks a free slot. */
struct slot {
	int64_t	 id;
	int64_t	 n;
};

static struct slot	 table[VIEWS_SLOTS];
static size_t		 used;		/* slots taken */
static int64_t		 total;		/* views pending, all questions */
static int64_t		 last_flush;	/* last flush or reset; 0: never */

/* The first slot to probe for id: a multiplicative hash of the id. */
static size_t
home_slot(int64_t id)
{
	uint64_t	 h = (uint64_t)id * UINT64_C(0x9E3779B97F4A7C15);

	return (size_t)(h >> 32) & (VIEWS_SLOTS - 1);
}

/*
 * The slot that holds id, or the free slot where it would go (linear
 * probing); NULL when id is not there and the table is full.
 */
static struct slot *
find(int64_t id)
{
	size_t	 i, k;

	for (i = home_slot(id), k = 0; k < VIEWS_SLOTS;
	    i = (i + 1) & (VIEWS_SLOTS - 1), k++)
		if (table[i].id == id || table[i].id == 0)
			return &table[i];
	return NULL;
}

/*
 * Count one view of question question_id (> 0) at time now.  Returns
 * whether a flush is due (as views_due()).  A view that finds the table
 * full is dropped; that happens only while flushes keep failing.
 */
bool
views_count(int64_t question_id, int64_t now)
{
	struct slot	*s;

	if (question_id <= 0)
		return views_due(now);
	if ((s = find(question_id)) == NULL)
		return true;
	if (s->id == 0) {
		/* Keep one slot free, so that find() always ends. */
		if (used + 1 >= VIEWS_SLOTS)
			return true;
		s->id = question_id;
		used++;
	}
	s->n++;
	total++;
	return views_due(now);
}

/* The views of question_id counted here and not yet flushed. */
int64_t
views_pending(int64_t question_id)
{
	struct slot	*s;

	if (question_id <= 0 || (s = find(question_id)) == NULL ||
	    s->id == 0)
		return 0;
	return s->n;
}

/* All the views pending in this process. */
int64_t
views_total(void)
{
	return total;
}

/* How many questions have views pending. */
size_t
views_questions(void)
{
	return used;
}

/*
 * Whether the pending views should be written now: some are pending, and
 * VIEWS_FLUSH_COUNT of them are, or VIEWS_FLUSH_SECONDS have passed since
 * the last flush.  A process that never flushed writes its first view at
 * once: a plain-CGI process answers one request, and a new FastCGI
 * process costs one write.
 */
bool
views_due(int64_t now)
{
	return total > 0 && (total >= VIEWS_FLUSH_COUNT ||
	    now - last_flush >= VIEWS_FLUSH_SECONDS);
}

/*
 * Forget every pending view and start the flush clock at now (0: as if
 * never flushed).  For tests.
 */
void
views_reset(int64_t now)
{
	memset(table, 0, sizeof(table));
	used = 0;
	total = 0;
	last_flush = now;
}

/*
 * Add the pending views to posts.views, post_views_add() per question,
 * in one transaction (BEGIN IMMEDIATE), and empty the table.  The connection
 * must accept writes (the caller turns query_only off).  A question that
 * is gone is skipped.  On failure everything is rolled back and the
 * counts stay pending for the next flush, which is then due no sooner
 * than VIEWS_FLUSH_SECONDS later.  Returns QA_OK (also when nothing was
 * pending) or the database error (logged).
 */
enum qa_err
views_flush(struct db *db, int64_t now)
{
	size_t		 i;
	enum qa_err	 er;

	last_flush = now;
	if (total == 0)
		return QA_OK;
	if ((er = db_tx_begin(db)) != QA_OK)
		goto out;
	for (i = 0; i < VIEWS_SLOTS; i++) {
		if (table[i].id == 0)
			continue;
		if ((er = post_views_add(db, table[i].id, table[i].n)) !=
		    QA_OK)
			goto out;
	}
out:
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK) {
		db_tx_rollback(db);
		fprintf(stderr, "views: views_flush: %lld views kept for "
		    "later\n", (long long)total);
		return er;
	}
	views_reset(now);
	return QA_OK;
}

/*
 * Whether a User-Agent looks like a robot's: it contains "bot", "crawl"
 * or "spider" in any case.  An absent or empty User-Agent is not counted
 * as a robot (the header is optional).
 */
bool
views_is_bot(const char *ua)
{
	static const char *const words[] = { "bot", "crawl", "spider" };
	const char	*p;
	size_t		 i, n;

	if (ua == NULL)
		return false;
	for (p = ua; *p != '\0'; p++)
		for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
			n = strlen(words[i]);
			if (strncasecmp(p, words[i], n) == 0)
				return true;
		}
	return false;
}
