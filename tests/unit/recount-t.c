/*
 * recount-t.c: recount_all() recomputes every counter from the source rows
 * (lib/recount.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "recount.h"
#include "tap.h"

/*
 * The fixture.  Categories: 1 Relationships > 2 Dating > 3 First dates,
 * and 4 Anxiety.  Users alice (1), bob (2), carol (3).  Questions 1, 2, 10
 * are visible and 3 hidden; answer 5 is deleted and comment 9 hidden;
 * comment 7 (on answer 4) was edited at 900.  Every counter starts at 0.
 */
static const char fixture[] =
	"INSERT INTO categories (id, parent_id, slug, name, depth) VALUES"
	" (1, NULL, 'relationships', 'Relationships', 0),"
	" (2, 1, 'dating', 'Dating', 1),"
	" (3, 2, 'first-dates', 'First dates', 2),"
	" (4, NULL, 'anxiety', 'Anxiety', 0);"
	"INSERT INTO users (id, handle, created) VALUES"
	" (1, 'alice', 1), (2, 'bob', 1), (3, 'carol', 1);"
	"INSERT INTO posts (id, type, parent_id, question_id, title, body_md,"
	" body_html, category_id, user_id, created, activity, edited, status)"
	" VALUES"
	" (1, 1, NULL, 1, 'Q one', 'x', 'x', 3, 1, 100, 0, NULL, 1),"
	" (2, 1, NULL, 2, 'Q two', 'x', 'x', 2, 2, 200, 0, NULL, 1),"
	" (3, 1, NULL, 3, 'Q three', 'x', 'x', 1, 1, 300, 0, NULL, 2),"
	" (4, 2, 1, 1, NULL, 'x', 'x', NULL, 2, 400, 0, NULL, 1),"
	" (5, 2, 1, 1, NULL, 'x', 'x', NULL, 3, 500, 0, NULL, 3),"
	" (6, 3, 1, 1, NULL, 'x', 'x', NULL, 3, 600, 0, NULL, 1),"
	" (7, 3, 4, 1, NULL, 'x', 'x', NULL, 1, 700, 0, 900, 1),"
	" (8, 2, 2, 2, NULL, 'x', 'x', NULL, 1, 250, 0, NULL, 1),"
	" (9, 3, 2, 2, NULL, 'x', 'x', NULL, NULL, 260, 0, NULL, 2),"
	" (10, 1, NULL, 10, 'Q ten', 'x', 'x', 4, 3, 1000, 0, NULL, 1);"
	"INSERT INTO tags (id, name) VALUES"
	" (1, 'anxiety'), (2, 'sleep'), (3, 'cbt');"
	"INSERT INTO post_tags (tag_id, post_id) VALUES"
	" (1, 1), (2, 1), (1, 2), (2, 3);"
	"INSERT INTO votes (post_id, user_id, value, created) VALUES"
	" (1, 2, 1, 1), (1, 3, 1, 1), (4, 1, 1, 1), (4, 3, -1, 1),"
	" (8, 2, -1, 1);"
	"INSERT INTO points_log (user_id, post_id, event, delta, created)"
	" VALUES"
	" (1, 1, 'q_post', 2, 1), (1, 3, 'q_post', 2, 1),"
	" (1, 8, 'a_post', 4, 1), (1, 8, 'a_downvoted', -2, 1),"
	" (2, 2, 'q_post', 2, 1), (2, 4, 'a_post', 4, 1),"
	" (2, 4, 'a_upvoted', 10, 1), (3, 10, 'q_post', 2, 1);";

/* Every counter of the database in one string, to compare states. */
static const char all_counters[] =
	"SELECT (SELECT group_concat(c, ' ') FROM (SELECT id || ':' || up ||"
	" '/' || down || '/' || score || '/' || answer_count || '/' ||"
	" comment_count || '/' || activity AS c FROM posts ORDER BY id))"
	" || ' | ' || (SELECT group_concat(c, ' ') FROM (SELECT id || ':' ||"
	" qcount || '/' || acount || '/' || points AS c FROM users"
	" ORDER BY id))"
	" || ' | ' || (SELECT group_concat(c, ' ') FROM (SELECT name || ':' ||"
	" qcount AS c FROM tags ORDER BY id))"
	" || ' | ' || (SELECT group_concat(c, ' ') FROM (SELECT id || ':' ||"
	" qcount AS c FROM categories ORDER BY id))";

/*
 * The first column of the first row of sql as text, copied into a static
 * buffer that the next call overwrites; "(error)" if the query fails.
 */
static const char *
query(struct db *db, const char *sql)
{
	static char	 out[4096];
	sqlite3_stmt	*st;
	const char	*s;

	snprintf(out, sizeof(out), "(error)");
	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK) {
		diag("%s", sqlite3_errmsg(db_handle(db)));
		return out;
	}
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (s = (const char *)sqlite3_column_text(st, 0)) != NULL)
		snprintf(out, sizeof(out), "%s", s);
	sqlite3_finalize(st);
	return out;
}

int
main(void)
{
	struct db	*db = NULL;
	char		 before[4096];
	int64_t		 changed = -1;

	plan(22);

	if (db_open(":memory:", DB_CREATE, &db) != QA_OK ||
	    db_init_schema(db) != QA_OK)
		bail("cannot create an in-memory database");
	if (db_exec(db, fixture) != QA_OK)
		bail("cannot insert the fixture");

	ok(recount_all(db, &changed) == QA_OK && changed > 0,
	    "first recount sets the zeroed counters");

	is_str(query(db, "SELECT up || '/' || down || '/' || score"
	    " FROM posts WHERE id = 1"), "2/0/2", "question votes");
	is_str(query(db, "SELECT up || '/' || down || '/' || score"
	    " FROM posts WHERE id = 4"), "1/1/0", "mixed answer votes");
	is_str(query(db, "SELECT up || '/' || down || '/' || score"
	    " FROM posts WHERE id = 8"), "0/1/-1", "downvoted answer");
	is_str(query(db, "SELECT answer_count || '/' || comment_count"
	    " FROM posts WHERE id = 1"), "1/1",
	    "deleted answer not counted");
	is_str(query(db, "SELECT answer_count || '/' || comment_count"
	    " FROM posts WHERE id = 2"), "1/0",
	    "hidden comment not counted");
	is_str(query(db, "SELECT comment_count FROM posts WHERE id = 4"), "1",
	    "comment on an answer counted on the answer");
	is_str(query(db, "SELECT activity FROM posts WHERE id = 1"), "900",
	    "activity: edit of a comment on an answer");
	is_str(query(db, "SELECT activity FROM posts WHERE id = 2"), "250",
	    "activity: hidden comment ignored");
	is_str(query(db, "SELECT group_concat(activity, ',') FROM"
	    " (SELECT activity FROM posts WHERE type = 1 AND id IN (3, 10)"
	    " ORDER BY id)"), "300,1000", "activity: questions alone");
	is_str(query(db, "SELECT group_concat(qcount || '/' || acount, ',')"
	    " FROM (SELECT qcount, acount FROM users ORDER BY id)"),
	    "1/1,1/1,1/0", "users' visible questions and answers");
	is_str(query(db, "SELECT group_concat(points, ',') FROM"
	    " (SELECT points FROM users ORDER BY id)"), "6,16,2",
	    "users' points from points_log");
	is_str(query(db, "SELECT group_concat(name || '=' || qcount, ',')"
	    " FROM (SELECT name, qcount FROM tags ORDER BY id)"),
	    "anxiety=2,sleep=1,cbt=0", "tags count visible questions");
	is_str(query(db, "SELECT group_concat(id || '=' || qcount, ',')"
	    " FROM (SELECT id, qcount FROM categories ORDER BY id)"),
	    "1=2,2=2,3=1,4=1", "categories count their descendants");

	changed = -1;
	ok(recount_all(db, &changed) == QA_OK, "second recount ok");
	is_int(changed, 0, "second recount changes nothing");

	snprintf(before, sizeof(before), "%s", query(db, all_counters));
	ok(db_exec(db,
	    "UPDATE posts SET up = up + 5, score = 7 WHERE id = 1;"
	    "UPDATE posts SET down = 3 WHERE id = 10;"
	    "UPDATE posts SET answer_count = 9, comment_count = 3"
	    " WHERE id = 2;"
	    "UPDATE posts SET comment_count = 0 WHERE id = 4;"
	    "UPDATE posts SET activity = 1 WHERE type = 1;"
	    "UPDATE users SET qcount = 0, acount = 5, points = 999"
	    " WHERE id = 1;"
	    "UPDATE users SET points = -3 WHERE id = 3;"
	    "UPDATE tags SET qcount = 42;"
	    "UPDATE categories SET qcount = qcount + 1 WHERE id IN (1, 3);")
	    == QA_OK, "counters corrupted");
	ok(strcmp(query(db, all_counters), before) != 0,
	    "corruption shows in the counters");

	changed = -1;
	ok(recount_all(db, &changed) == QA_OK, "recount after corruption");
	/*
	 * Votes 2 (posts 1, 10), children 2 (posts 2, 4), activity 4
	 * (every question), users 1 + 2 (counts of 1, points of 1 and 3),
	 * tags 3, categories 2.
	 */
	is_int(changed, 16, "every corrupted row fixed, nothing else");
	is_str(query(db, all_counters), before, "all counters restored");

	changed = -1;
	ok(recount_all(db, &changed) == QA_OK && changed == 0,
	    "a further recount changes nothing");

	db_close(db);
	return done();
}
