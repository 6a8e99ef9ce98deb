/*
 * related-t: the related questions of lib/related.c: ranking by the
 * full-text match of title and tags (the other sleep question above an
 * unrelated one) and by shared tags, the filling with the newest
 * questions of the rarest tag, the question itself and hidden or
 * deleted questions never listed, the cache (written by related_flush(),
 * read again instead of computed, computed again when the question was
 * edited, when it is a week old or unreadable), a question with no
 * usable word, and the limit and its setting.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "post.h"
#include "related.h"
#include "settings.h"
#include "tap.h"
#include "testdb.h"

#define NOW	1000000

/*
 * Questions (all visible unless said): 10 and 11 about sleep, anxiety
 * and insomnia; 12 unrelated but for one word ("dealing"); 13 about
 * anxiety at work.  16 asks about panic on a train; 14 has the closer
 * title, 15 shares both of 16's tags.  20 has a title of no usable word
 * and the tag "io" (too short to be a word of a query either), which 21,
 * 22 (newer) and 23 (hidden, and so not in the index) have too; 24 has
 * the tag and is deleted.
 * 30 has neither words nor tags.
 */
static const char fixture[] =
	"INSERT INTO tags (id, name, qcount) VALUES (1, 'sleep', 2),"
	" (2, 'anxiety', 4), (3, 'insomnia', 1), (4, 'music', 1),"
	" (5, 'work', 1), (6, 'travel', 1), (7, 'commute', 2),"
	" (8, 'io', 3);"
	"INSERT INTO posts (id, type, question_id, title, slug, body_md,"
	" body_html, tags, created, activity, status, score, answer_count)"
	" VALUES"
	" (10, 1, 10, 'How to deal with sleep anxiety and insomnia',"
	"  'sleep-anxiety', 'b', 'b', 'sleep anxiety', 100, 100, 1, 0, 0),"
	" (11, 1, 11, 'Insomnia and anxiety before sleep every night',"
	"  'insomnia-night', 'b', 'b', 'sleep insomnia', 110, 110, 1, 3, 2),"
	" (12, 1, 12, 'Dealing with a noisy guitar neighbour',"
	"  'guitar', 'b', 'b', 'music', 120, 120, 1, 0, 0),"
	" (13, 1, 13, 'Anxiety in meetings at work', 'meetings', 'b', 'b',"
	"  'anxiety work', 130, 130, 1, 0, 0),"
	" (14, 1, 14, 'Panic attacks on the train platform', 'platform',"
	"  'b', 'b', 'travel', 140, 140, 1, 0, 0),"
	" (15, 1, 15, 'Panic on a crowded bus', 'bus', 'b', 'b',"
	"  'anxiety commute', 150, 150, 1, 0, 0),"
	" (16, 1, 16, 'Panic attacks on the train', 'train', 'b', 'b',"
	"  'anxiety commute', 160, 160, 1, 0, 0),"
	" (20, 1, 20, 'Zz qq?', 'zz', 'b', 'b', 'io', 200, 200,"
	"  1, 0, 0),"
	" (21, 1, 21, 'Keeper cottage', 'keeper', 'b', 'b', 'io',"
	"  210, 210, 1, 0, 0),"
	" (22, 1, 22, 'Fresnel lens', 'lens', 'b', 'b', 'io',"
	"  220, 220, 1, 0, 0),"
	" (23, 1, 23, 'Foghorn', 'foghorn', 'b', 'b', 'io',"
	"  230, 230, 2, 0, 0),"
	" (24, 1, 24, 'Beacon', 'beacon', 'b', 'b', 'io',"
	"  240, 240, 3, 0, 0),"
	" (30, 1, 30, '?? !!', 'x', 'b', 'b', '', 300, 300, 1, 0, 0);"
	"INSERT INTO post_tags (tag_id, post_id) VALUES (1, 10), (2, 10),"
	" (1, 11), (3, 11), (4, 12), (2, 13), (5, 13), (6, 14), (2, 15),"
	" (7, 15), (2, 16), (7, 16), (8, 20), (8, 21), (8, 22), (8, 23),"
	" (8, 24);"
	"INSERT INTO posts_fts (rowid, title, body, tags)"
	" SELECT id, title, 'b', tags FROM posts WHERE status = 1;";

/* Question id as a page reads it (the fields related.c uses). */
static struct post
question(struct db *db, struct arena *a, int64_t id)
{
	struct post	 q;

	memset(&q, 0, sizeof(q));
	if (post_question_get(db, a, id, &q) != QA_OK)
		bail("cannot read a question");
	return q;
}

/* related_get() of question id at now, as "11 12 13"; "(error)". */
static const char *
get(struct db *db, struct arena *a, int64_t id, int64_t limit,
    int64_t now)
{
	struct post	 q = question(db, a, id);
	struct post	*v;
	size_t		 n;

	if (related_get(db, a, &q, limit, now, &v, &n) != QA_OK)
		return "(error)";
	return testdb_ids(v, n);
}

/* related_compute() of question id as "11 12 13"; "(error)". */
static const char *
compute(struct db *db, struct arena *a, int64_t id)
{
	static char	 s[256];
	struct post	 q = question(db, a, id);
	int64_t		 ids[RELATED_MAX];
	size_t		 n, i, len = 0;

	if (related_compute(db, a, &q, ids, &n) != QA_OK)
		return "(error)";
	s[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, sizeof(s) - len, "%s%lld",
		    i > 0 ? " " : "", (long long)ids[i]);
	return s;
}

/* Where id is in a list "a b c" (0-based), or -1. */
static int
place(const char *list, int64_t id)
{
	char		 buf[256], *p, *save = NULL;
	int		 i = 0;

	snprintf(buf, sizeof(buf), "%s", list);
	for (p = strtok_r(buf, " ", &save); p != NULL;
	    p = strtok_r(NULL, " ", &save), i++)
		if (strtoll(p, NULL, 10) == id)
			return i;
	return -1;
}

static void
test_ranking(struct db *db, struct arena *a)
{
	char	 l[256];

	snprintf(l, sizeof(l), "%s", compute(db, a, 10));
	diag("related of 10: %s", l);
	is_int(place(l, 11), 0, "the other sleep question comes first");
	ok(place(l, 12) > place(l, 11), "the unrelated question matches "
	    "one word and comes after it");
	ok(place(l, 13) > 0, "the anxiety question is there too");
	is_int(place(l, 10), -1, "the question itself is not listed");

	snprintf(l, sizeof(l), "%s", compute(db, a, 16));
	diag("related of 16: %s", l);
	ok(place(l, 15) >= 0 && place(l, 15) < place(l, 14),
	    "two shared tags rank the bus question above the closer title");
	is_int(place(l, 16), -1, "16 is not in its own list");

	is_str(compute(db, a, 20), "22 21", "no word: the newest questions "
	    "of the tag fill the list, hidden and deleted ones left out");
	is_str(compute(db, a, 30), "", "no word and no tag: nothing");
	is_int(place(compute(db, a, 21), 21), -1,
	    "a question found through its own tag is not listed");
}

static void
test_cache(struct db *db, struct arena *a)
{
	struct post	 q, *v;
	size_t		 n;
	char		 first[256];

	related_forget();
	ok(!related_pending(), "nothing waits at first");
	snprintf(first, sizeof(first), "%s", get(db, a, 10, RELATED_MAX,
	    NOW));
	is_str(first, compute(db, a, 10), "a first view shows the "
	    "computed list");
	ok(related_pending(), "and keeps it to be written");
	is_str(testdb_text(db, "SELECT count(*) FROM related"), "0",
	    "nothing is written during the page");
	ok(related_flush(db) == QA_OK, "related_flush");
	ok(!related_pending(), "nothing waits after it");
	is_str(testdb_text(db, "SELECT ids FROM related WHERE "
	    "question_id = 10"), first, "the row holds the list");
	is_str(testdb_text(db, "SELECT computed FROM related WHERE "
	    "question_id = 10"), "1000000", "computed at the page's time");

	/* Reused: a row changed by hand is what the page shows. */
	db_exec(db, "UPDATE related SET ids = '13 11' WHERE question_id = 10");
	is_str(get(db, a, 10, RELATED_MAX, NOW + 60), "13 11",
	    "a fresh row is read, not computed");
	ok(!related_pending(), "and nothing is kept to be written");
	is_str(get(db, a, 10, 1, NOW + 60), "13", "the limit applies");

	/* Hidden and deleted questions drop out of a cached list. */
	db_exec(db, "UPDATE related SET ids = '11 23 24 13' "
	    "WHERE question_id = 10");
	is_str(get(db, a, 10, RELATED_MAX, NOW + 60), "11 13",
	    "hidden and deleted questions in a row are not shown");
	db_exec(db, "UPDATE posts SET status = 2 WHERE id = 11");
	is_str(get(db, a, 10, RELATED_MAX, NOW + 60), "13",
	    "a question hidden after the row was computed is not shown");
	db_exec(db, "UPDATE posts SET status = 1 WHERE id = 11");

	/* Stale rows. */
	db_exec(db, "UPDATE related SET ids = '13' WHERE question_id = 10");
	db_exec(db, "UPDATE posts SET edited = 1000000 WHERE id = 10");
	is_str(get(db, a, 10, RELATED_MAX, NOW + 60), first,
	    "a row not newer than the question's edit is computed again");
	ok(related_pending(), "and kept to be written");
	ok(related_flush(db) == QA_OK, "flush again");
	is_str(testdb_text(db, "SELECT ids || ' at ' || computed FROM "
	    "related WHERE question_id = 10"),
	    arena_printf(a, "%s at %d", first, NOW + 60),
	    "the row is replaced");
	db_exec(db, "UPDATE related SET ids = '13' WHERE question_id = 10");
	is_str(get(db, a, 10, RELATED_MAX, NOW + 60 + RELATED_TTL - 1), "13",
	    "a row just under a week old is still read");
	is_str(get(db, a, 10, RELATED_MAX, NOW + 60 + RELATED_TTL), first,
	    "a week-old row is computed again");
	related_forget();
	db_exec(db, "UPDATE related SET ids = '13,11' WHERE question_id = 10");
	is_str(get(db, a, 10, RELATED_MAX, NOW + 60), first,
	    "an unreadable row is computed again");
	related_forget();

	/* Nothing to find is kept too, so it is not searched for again. */
	is_str(get(db, a, 30, RELATED_MAX, NOW), "", "no word, no tag");
	ok(related_pending() && related_flush(db) == QA_OK,
	    "the empty list is kept and written");
	is_str(testdb_text(db, "SELECT '[' || ids || ']' FROM related "
	    "WHERE question_id = 30"), "[]", "as an empty row");
	get(db, a, 30, RELATED_MAX, NOW + 1);
	ok(!related_pending(), "and read back");

	/* Not shown at all. */
	is_str(get(db, a, 10, 0, NOW + 60), "", "limit 0: nothing");
	ok(!related_pending(), "and nothing computed");
	q = question(db, a, 16);
	q.status = POST_HIDDEN;	/* as its author or a moderator sees it */
	ok(related_get(db, a, &q, RELATED_MAX, NOW, &v, &n) == QA_OK &&
	    n == 0, "a hidden question shows none");
	ok(!related_pending(), "and computes none");

	/* A question purged before its list is written. */
	get(db, a, 13, RELATED_MAX, NOW);
	db_exec(db, "DELETE FROM post_tags WHERE post_id = 13;"
	    "DELETE FROM posts_fts WHERE rowid = 13;"
	    "DELETE FROM posts WHERE id = 13");
	ok(related_flush(db) == QA_OK, "a purged question's list is "
	    "skipped");
	is_str(testdb_text(db, "SELECT count(*) FROM related WHERE "
	    "question_id = 13"), "0", "and not written");
	db_exec(db, "UPDATE related SET ids = '13 11' WHERE question_id = 10");
	is_str(get(db, a, 10, RELATED_MAX, NOW + 60), "11",
	    "a purged question in a row is not shown");
}

/* The setting related_count, and its bounds. */
static void
test_limit(struct db *db)
{
	settings_clear();
	is_int(related_limit(), RELATED_DEFAULT, "unset: %d", RELATED_DEFAULT);
	settings_set(db, "related_count", "0");
	settings_load(db);
	is_int(related_limit(), 0, "0 turns them off");
	settings_set(db, "related_count", "50");
	settings_load(db);
	is_int(related_limit(), RELATED_MAX, "at most %d", RELATED_MAX);
	settings_set(db, "related_count", "-3");
	settings_load(db);
	is_int(related_limit(), 0, "a negative count is 0");
	settings_clear();
}

int
main(void)
{
	struct testdb	 t;
	struct db	*db;
	struct arena	 a;

	plan(44);
	db = testdb_open(&t, "related-t", fixture);
	arena_init(&a);
	test_ranking(db, &a);
	test_cache(db, &a);
	test_limit(db);
	arena_free(&a);
	testdb_close(&t, db);
	return done();
}
