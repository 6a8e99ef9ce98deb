/*
 * recount.c: recompute the denormalized counters from the rows they count.
 *
 * Counters change in the same transaction as their events, so they should
 * never drift; this is the repair for when they did (a bug, a manual edit,
 * an import).  Each statement computes the true values in one pass over
 * the source table and updates only the rows whose stored value differs,
 * so the number of changed rows tells whether anything was wrong.
 */
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "recount.h"

enum recount_stmt {
	RECOUNT_STMT_VOTES,		/* posts.up, down, score */
	RECOUNT_STMT_CHILDREN,		/* posts.answer_count, comment_count */
	RECOUNT_STMT_ACTIVITY,		/* questions' activity */
	RECOUNT_STMT_USER_POSTS,	/* users.qcount, acount */
	RECOUNT_STMT_USER_POINTS,	/* users.points */
	RECOUNT_STMT_TAGS,		/* tags.qcount */
	RECOUNT_STMT_CATEGORIES,	/* categories.qcount, with subtrees */
	RECOUNT_STMT__MAX
};

static const char *const recount_sql[RECOUNT_STMT__MAX] = {
	/* VOTES: up and down votes per post; score is up - down. */
	"WITH v(id, up, down) AS ("
	"  SELECT post_id, sum(value > 0), sum(value < 0)"
	"  FROM votes GROUP BY post_id),"
	" c(id, up, down) AS ("
	"  SELECT p.id, coalesce(v.up, 0), coalesce(v.down, 0)"
	"  FROM posts p LEFT JOIN v ON v.id = p.id)"
	" UPDATE posts SET up = c.up, down = c.down, score = c.up - c.down"
	" FROM c WHERE posts.id = c.id AND (posts.up <> c.up OR"
	"  posts.down <> c.down OR posts.score <> c.up - c.down)",

	/* CHILDREN: visible answers and comments directly under a post. */
	"WITH k(id, a, n) AS ("
	"  SELECT parent_id, sum(type = 2), sum(type = 3) FROM posts"
	"  WHERE status = 1 AND type IN (2, 3) GROUP BY parent_id),"
	" c(id, a, n) AS ("
	"  SELECT p.id, coalesce(k.a, 0), coalesce(k.n, 0)"
	"  FROM posts p LEFT JOIN k ON k.id = p.id)"
	" UPDATE posts SET answer_count = c.a, comment_count = c.n"
	" FROM c WHERE posts.id = c.id AND"
	"  (posts.answer_count <> c.a OR posts.comment_count <> c.n)",

	/*
	 * ACTIVITY: the latest creation or edit of a question and of its
	 * visible answers and comments.
	 */
	"WITH k(id, t) AS ("
	"  SELECT question_id, max(max(created, coalesce(edited, 0)))"
	"  FROM posts WHERE type <> 1 AND status = 1 AND"
	"  question_id IS NOT NULL GROUP BY question_id),"
	" c(id, t) AS ("
	"  SELECT q.id, max(q.created, coalesce(q.edited, 0), coalesce(k.t, 0))"
	"  FROM posts q LEFT JOIN k ON k.id = q.id WHERE q.type = 1)"
	" UPDATE posts SET activity = c.t"
	" FROM c WHERE posts.id = c.id AND posts.activity <> c.t",

	/* USER_POSTS: visible questions and answers per author. */
	"WITH s(id, q, a) AS ("
	"  SELECT user_id, sum(type = 1), sum(type = 2) FROM posts"
	"  WHERE status = 1 AND type IN (1, 2) AND user_id IS NOT NULL"
	"  GROUP BY user_id),"
	" c(id, q, a) AS ("
	"  SELECT u.id, coalesce(s.q, 0), coalesce(s.a, 0)"
	"  FROM users u LEFT JOIN s ON s.id = u.id)"
	" UPDATE users SET qcount = c.q, acount = c.a"
	" FROM c WHERE users.id = c.id AND"
	"  (users.qcount <> c.q OR users.acount <> c.a)",

	/* USER_POINTS: the sum of a user's points events. */
	"WITH s(id, p) AS ("
	"  SELECT user_id, sum(delta) FROM points_log GROUP BY user_id),"
	" c(id, p) AS ("
	"  SELECT u.id, coalesce(s.p, 0) FROM users u LEFT JOIN s"
	"  ON s.id = u.id)"
	" UPDATE users SET points = c.p"
	" FROM c WHERE users.id = c.id AND users.points <> c.p",

	/* TAGS: visible questions carrying each tag. */
	"WITH s(id, n) AS ("
	"  SELECT pt.tag_id, count(*) FROM post_tags pt"
	"  JOIN posts p ON p.id = pt.post_id"
	"  WHERE p.type = 1 AND p.status = 1 GROUP BY pt.tag_id),"
	" c(id, n) AS ("
	"  SELECT t.id, coalesce(s.n, 0) FROM tags t LEFT JOIN s"
	"  ON s.id = t.id)"
	" UPDATE tags SET qcount = c.n"
	" FROM c WHERE tags.id = c.id AND tags.qcount <> c.n",

	/*
	 * CATEGORIES: visible questions in a category and all of its
	 * descendants.  UNION (not UNION ALL) ends the recursion even if
	 * a corrupt parent_id makes a cycle.
	 */
	"WITH RECURSIVE sub(root, id) AS ("
	"  SELECT id, id FROM categories"
	"  UNION SELECT sub.root, k.id FROM categories k"
	"  JOIN sub ON k.parent_id = sub.id),"
	" direct(id, n) AS ("
	"  SELECT category_id, count(*) FROM posts"
	"  WHERE type = 1 AND status = 1 AND category_id IS NOT NULL"
	"  GROUP BY category_id),"
	" c(id, n) AS ("
	"  SELECT sub.root, coalesce(sum(direct.n), 0) FROM sub"
	"  LEFT JOIN direct ON direct.id = sub.id GROUP BY sub.root)"
	" UPDATE categories SET qcount = c.n"
	" FROM c WHERE categories.id = c.id AND categories.qcount <> c.n",
};

static sqlite3_stmt	*recount_cache[RECOUNT_STMT__MAX];
static struct db_stmts	 recount_stmts =
    { recount_sql, RECOUNT_STMT__MAX, recount_cache, NULL, NULL };

/* The statement table of this module, for tests that prepare them all. */
struct db_stmts *
recount_statements(void)
{
	return &recount_stmts;
}

/*
 * Recompute, in one BEGIN IMMEDIATE transaction: posts.up, down and score
 * from votes; every post's answer_count and comment_count (visible direct
 * children); each question's activity (latest created or edited time of
 * the question and its visible answers and comments, found by
 * question_id); users.qcount and acount (visible questions and answers);
 * users.points (sum of points_log.delta); tags.qcount (visible questions);
 * categories.qcount (visible questions in the category and its
 * descendants).  If changed is not NULL, *changed is set to the number of
 * row updates made (0 means every counter was already right; a row fixed
 * for two reasons counts twice).  Returns QA_OK, or the database error
 * (logged), in which case nothing is changed and *changed is untouched.
 */
enum qa_err
recount_all(struct db *db, int64_t *changed)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;
	enum qa_err	 er;
	size_t		 i;
	int		 rc;

	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	for (i = 0; i < RECOUNT_STMT__MAX; i++) {
		if ((st = db_stmt(db, &recount_stmts, i)) == NULL) {
			er = QA_ESYS;
			goto out;
		}
		rc = sqlite3_step(st);
		db_done(st);
		if (rc != SQLITE_DONE) {
			er = db_err(db, rc, "recount_all");
			goto out;
		}
		n += sqlite3_changes(db_handle(db));
	}
out:
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK) {
		db_tx_rollback(db);
		return er;
	}
	if (changed != NULL)
		*changed = n;
	return QA_OK;
}
