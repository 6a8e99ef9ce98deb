/*
 * views-t: the pending view counts of lib/views.c: the open-addressing
 * table (counts per question, many questions, a full table), when a
 * flush is due (by time and by count), the flush itself (one
 * transaction, missing posts skipped, counts kept when the
 * database refuses the write), and the robot test of User-Agents.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "views.h"
#include "tap.h"
#include "testdb.h"

static const char fixture[] =
	"INSERT INTO posts (id, type, parent_id, question_id, title, slug,"
	" body_md, body_html, created, activity, views) VALUES"
	" (10, 1, NULL, 10, 'First question', 'first', 'q', '<p>q</p>',"
	"  1, 1, 0),"
	" (11, 1, NULL, 11, 'Second question', 'second', 'q', '<p>q</p>',"
	"  1, 1, 5),"
	" (12, 2, 10, 10, NULL, NULL, 'a', '<p>a</p>', 1, 1, 0);";

/* posts.views of id, or -1. */
static int64_t
views_of(struct db *db, int64_t id)
{
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	if (sqlite3_prepare_v2(db_handle(db),
	    "SELECT views FROM posts WHERE id = ?1", -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
test_table(void)
{
	int64_t	 id, bad;
	int	 i;

	views_reset(1000);
	is_int(views_total(), 0, "empty: nothing pending");
	ok(!views_due(5000), "empty: no flush is due, however late");
	ok(!views_count(10, 1000), "first view: no flush due");
	views_count(10, 1001);
	views_count(10, 1002);
	views_count(11, 1002);
	is_int(views_pending(10), 3, "three views of 10");
	is_int(views_pending(11), 1, "one view of 11");
	is_int(views_pending(12), 0, "none of 12");
	is_int(views_total(), 4, "four pending in all");
	is_int((int64_t)views_questions(), 2, "two questions pending");
	ok(!views_due(1004), "not due 4 s after the reset");
	ok(views_due(1000 + VIEWS_FLUSH_SECONDS), "due %d s after the reset",
	    VIEWS_FLUSH_SECONDS);
	ok(views_count(10, 1000 + VIEWS_FLUSH_SECONDS),
	    "views_count says when a flush is due");

	/* The count limit, with no time passing. */
	views_reset(2000);
	for (i = 1; i < VIEWS_FLUSH_COUNT; i++)
		views_count(7, 2000);
	ok(!views_due(2000), "%d views: not due yet", VIEWS_FLUSH_COUNT - 1);
	ok(views_count(7, 2000), "view %d makes a flush due",
	    VIEWS_FLUSH_COUNT);
	is_int(views_pending(7), VIEWS_FLUSH_COUNT, "all counted");

	/* Many questions: every probe sequence finds its own id again. */
	views_reset(3000);
	for (id = 1; id < VIEWS_FLUSH_COUNT; id++) {
		views_count(id * 7919, 3000);
		if (id % 3 == 0)
			views_count(id * 7919, 3000);
	}
	bad = 0;
	for (id = 1; id < VIEWS_FLUSH_COUNT; id++)
		if (views_pending(id * 7919) != (id % 3 == 0 ? 2 : 1))
			bad++;
	is_int(bad, 0, "%d questions, each with its own count",
	    VIEWS_FLUSH_COUNT - 1);
	is_int((int64_t)views_questions(), VIEWS_FLUSH_COUNT - 1,
	    "as many slots taken");
	is_int(views_pending(8000), 0, "an id never viewed has none");

	/* A full table (flushes failing) drops views, and still works. */
	views_reset(4000);
	for (id = 1; id <= 2 * VIEWS_SLOTS; id++)
		views_count(id, 4000);
	ok(views_questions() < VIEWS_SLOTS, "a full table keeps a free slot");
	is_int(views_total(), (int64_t)views_questions(),
	    "views beyond the table are dropped");
	is_int(views_pending(2 * VIEWS_SLOTS), 0, "the last id was dropped");
	is_int(views_pending(1), 1, "the first one is still there");
	views_count(1, 4000);
	is_int(views_pending(1), 2, "an id already there still counts");
	ok(!views_count(0, 4001) || views_due(4001),
	    "id 0 is not counted");

	/* A process that never flushed (plain CGI: one request each). */
	views_reset(0);
	ok(views_count(5, 5000), "the first view of a new process is due");
	views_reset(0);
}

static void
test_flush(struct db *db)
{
	views_reset(100);
	ok(views_flush(db, 100) == QA_OK, "flush with nothing pending");
	views_count(10, 100);
	views_count(10, 101);
	views_count(10, 102);
	views_count(11, 102);
	views_count(999, 103);		/* no such post */

	db_query_only(db, true);
	ok(views_flush(db, 105) != QA_OK, "flush on a query-only connection "
	    "fails");
	is_int(views_total(), 5, "the views are kept after a failed flush");
	ok(!views_due(106), "and the next flush waits again");
	is_int(views_of(db, 10), 0, "nothing was written");
	ok(sqlite3_get_autocommit(db_handle(db)) != 0,
	    "no transaction is left open");

	db_query_only(db, false);
	ok(views_flush(db, 110) == QA_OK, "flush");
	is_int(views_of(db, 10), 3, "question 10 has its 3 views");
	is_int(views_of(db, 11), 6, "question 11 has 5 + 1");
	is_int(views_of(db, 12), 0, "nothing else changed");
	is_int(views_total(), 0, "nothing pending after the flush");
	is_int(views_pending(10), 0, "not for 10 either");
	ok(!views_due(110 + VIEWS_FLUSH_SECONDS), "and nothing is due");

	views_count(10, 120);
	ok(views_flush(db, 121) == QA_OK, "a second flush");
	is_int(views_of(db, 10), 4, "adds to what was there");
}

static void
test_bots(void)
{
	ok(views_is_bot("Mozilla/5.0 (compatible; Googlebot/2.1; "
	    "+http://www.google.com/bot.html)"), "Googlebot is a robot");
	ok(views_is_bot("Mozilla/5.0 (compatible; bingbot/2.0)"),
	    "bingbot is a robot");
	ok(views_is_bot("Baiduspider-image+(+http://www.baidu.com/search)"),
	    "a spider is a robot");
	ok(views_is_bot("SomeCRAWLER/1.0"), "a crawler, in any case");
	ok(!views_is_bot("Mozilla/5.0 (X11; Linux x86_64; rv:115.0) "
	    "Gecko/20100101 Firefox/115.0"), "Firefox is not");
	ok(!views_is_bot("curl/7.88.1"), "curl is not");
	ok(!views_is_bot(""), "an empty User-Agent is not");
	ok(!views_is_bot(NULL), "no User-Agent is not");
}

int
main(void)
{
	struct testdb	 t;
	struct db	*db;

	plan(47);
	test_table();
	test_bots();
	db = testdb_open(&t, "views-t", fixture);
	test_flush(db);
	testdb_close(&t, db);
	return done();
}
