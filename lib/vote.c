/*
 * vote.c: votes on posts.  A user has at most one vote on a post: the key
 * (post_id, user_id) of the votes table guarantees it, and a vote is
 * written with an upsert, so two requests racing (a double click, two
 * tabs) can only ever leave one row.  vote_cast() runs its own BEGIN
 * IMMEDIATE transaction, which serialises it with every other writer:
 * it reads the current vote, writes the new one, moves the post's
 * up/down/score by the difference and the points of the post's author
 * and of the voter, all or nothing, so the counters always agree with
 * lib/recount.c.
 *
 * Who may vote (levels, points, blocking) and how often (rate limits) is
 * for the program to decide before it calls; this module only refuses
 * what no one may do.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "points.h"
#include "post.h"
#include "vote.h"

enum vote_stmt {
	VOTE_STMT_POST,		/* a post with what a vote needs of it */
	VOTE_STMT_GET,		/* one user's vote on one post */
	VOTE_STMT_PUT,		/* insert or change a vote */
	VOTE_STMT_DELETE,	/* withdraw a vote */
	VOTE_STMT_COUNT,	/* posts.up, down, score += */
	VOTE_STMT_MINE,		/* a user's votes on a question page */
	VOTE_STMT__MAX
};

static const char *const vote_sql[VOTE_STMT__MAX] = {
	/*
	 * POST: by primary key, with the status of its question and of
	 * its parent (an answer's comment is gone with the answer).
	 */
	"SELECT p.type, p.status, coalesce(p.user_id, 0), "
	"coalesce(p.question_id, p.id), p.up, p.down, p.score, "
	"coalesce(q.status, 1), coalesce(r.status, 1) FROM posts p "
	"LEFT JOIN posts q ON q.id = p.question_id "
	"LEFT JOIN posts r ON r.id = p.parent_id WHERE p.id = ?1",
	/* GET: the key. */
	"SELECT value FROM votes WHERE post_id = ?1 AND user_id = ?2",
	/* PUT: the key makes it one row per user and post, whatever races. */
	"INSERT INTO votes (post_id, user_id, value, created) "
	"VALUES (?1, ?2, ?3, ?4) "
	"ON CONFLICT (post_id, user_id) DO UPDATE SET value = excluded.value",
	/* DELETE: the key. */
	"DELETE FROM votes WHERE post_id = ?1 AND user_id = ?2",
	/* COUNT: ?2 added to up, ?3 to down; by primary key. */
	"UPDATE posts SET up = up + ?2, down = down + ?3, "
	"score = score + ?2 - ?3 WHERE id = ?1 RETURNING up, down, score",
	/*
	 * MINE: ?1 the user, ?2 the question.  The posts of a question
	 * page are the question, the posts under it (answers, comments)
	 * and the comments under its answers: index posts_parent finds
	 * them, the votes key finds the user's vote on each.
	 */
	"SELECT post_id, value FROM votes WHERE user_id = ?1 AND post_id IN "
	"(SELECT ?2 UNION ALL SELECT id FROM posts WHERE parent_id = ?2 "
	"UNION ALL SELECT id FROM posts WHERE parent_id IN "
	"(SELECT id FROM posts WHERE parent_id = ?2 AND type = 2)) "
	"ORDER BY post_id",
};

static sqlite3_stmt	*vote_cache[VOTE_STMT__MAX];
static struct db_stmts	 vote_stmts =
    { vote_sql, VOTE_STMT__MAX, vote_cache, NULL, NULL };

/* What a vote needs of the post (VOTE_STMT_POST). */
struct vote_post {
	int		 type;
	bool		 visible;	/* it, its question and parent */
	int64_t		 author;	/* 0: anonymous */
	int64_t		 question_id;
	int64_t		 up, down, score;
};

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
vote_statements(void)
{
	return &vote_stmts;
}

/* The row function of VOTE_STMT_POST, into a struct vote_post. */
static enum qa_err
post_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct vote_post	*p = v;

	(void)a;
	p->type = (int)db_col_int(st, 0);
	p->visible = db_col_int(st, 1) == POST_VISIBLE &&
	    db_col_int(st, 7) == POST_VISIBLE &&
	    db_col_int(st, 8) == POST_VISIBLE;
	p->author = db_col_int(st, 2);
	p->question_id = db_col_int(st, 3);
	p->up = db_col_int(st, 4);
	p->down = db_col_int(st, 5);
	p->score = db_col_int(st, 6);
	return QA_OK;
}

/* The row function of VOTE_STMT_GET: the value into an int. */
static enum qa_err
value_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	(void)a;
	*(int *)v = (int)db_col_int(st, 0);
	return QA_OK;
}

/* The row function of VOTE_STMT_COUNT: up, down, score after. */
static enum qa_err
count_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct vote_post	*p = v;

	(void)a;
	p->up = db_col_int(st, 0);
	p->down = db_col_int(st, 1);
	p->score = db_col_int(st, 2);
	return QA_OK;
}

/*
 * The points events of a vote `value` (1 or -1; 0 does nothing) by
 * voter on post p, applied (sign +1) or taken back (sign -1) inside the
 * caller's transaction: to the author (none if anonymous) the
 * q/a_voted_up or q/a_voted_down of the post's type, c_voted_up for a
 * comment; to the voter vote_up or vote_down for a question or an
 * answer (as in Question2Answer, voting on comments earns nothing).
 * Returns QA_OK or the database error.
 */
static enum qa_err
vote_points(struct db *db, const struct vote_post *p, int64_t post_id,
    int64_t voter, int value, int sign, int64_t now)
{
	enum qa_err	 er;

	if (value == 0)
		return QA_OK;
	if ((er = points_add(db, p->author, post_id, voter,
	    points_voted_event(p->type, value), sign, now)) != QA_OK ||
	    p->type == POST_COMMENT)
		return er;
	return points_add(db, voter, post_id, voter, value > 0 ?
	    POINTS_VOTE_UP : POINTS_VOTE_DOWN, sign, now);
}

/*
 * Cast, change or withdraw user user_id's vote on post post_id: value 1
 * (up), -1 (down) or 0 (withdraw), at time now, in a BEGIN IMMEDIATE
 * transaction of its own (the caller must not have one open).
 *
 * Refusals, with *why (when why is not NULL) a sentence for the user,
 * else NULL: QA_EINPUT for user_id <= 0 or a value out of range;
 * QA_ENOTFOUND if the post does not exist or is not visible (queued,
 * hidden, deleted, or its question or parent is not visible);
 * QA_EINPUT for a comment voted down ("Comments can only be voted
 * up"); QA_EFORBIDDEN on one's own post ("You cannot vote on your own
 * post").  Whether the user may vote at all is the caller's question
 * (auth_can(), rate limits).
 *
 * Voting what is already stored (a double submit) changes nothing.
 * Otherwise the vote row is upserted (deleted for 0), posts.up, down and
 * score move by the difference, and the points events of the old vote
 * are taken back and those of the new one applied (see vote_points()).
 * On QA_OK, res (when not NULL) holds the post, its question and type,
 * its counts after the vote and the user's vote (mine).  QA_EBUSY if the
 * database stayed locked past the busy timeout (nothing changed; the
 * caller may try again), QA_ESYS or another database error likewise
 * with nothing changed.
 */
enum qa_err
vote_cast(struct db *db, int64_t user_id, int64_t post_id, int value,
    int64_t now, struct vote_result *res, const char **why)
{
	return vote_cast_with(db, user_id, post_id, value, now, res, why,
	    NULL, NULL);
}

/*
 * vote_cast(), and when the vote changed something also also(db, arg)
 * in the same transaction (the vote program counts the vote against its
 * rate limits there, so one commit, one fsync, does both); an error
 * from also rolls the vote back.  also may be NULL.
 */
enum qa_err
vote_cast_with(struct db *db, int64_t user_id, int64_t post_id, int value,
    int64_t now, struct vote_result *res, const char **why,
    enum qa_err (*also)(struct db *, void *), void *arg)
{
	struct vote_post	 p;
	sqlite3_stmt		*st;
	const char		*msg = NULL;
	int			 old = 0, dup, ddown;
	enum qa_err		 er;

	if (res != NULL)
		memset(res, 0, sizeof(*res));
	if (why != NULL)
		*why = NULL;
	if (user_id <= 0 || value < -1 || value > 1)
		return QA_EINPUT;
	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	memset(&p, 0, sizeof(p));
	if ((st = db_stmt(db, &vote_stmts, VOTE_STMT_POST)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, post_id);
	if ((er = db_one(db, st, NULL, post_row, &p, "vote_cast")) != QA_OK)
		goto out;
	if (!p.visible) {
		er = QA_ENOTFOUND;
		goto out;
	}
	if (p.type == POST_COMMENT && value < 0) {
		msg = "Comments can only be voted up.";
		er = QA_EINPUT;
		goto out;
	}
	if (p.author == user_id) {
		msg = "You cannot vote on your own post.";
		er = QA_EFORBIDDEN;
		goto out;
	}

	if ((st = db_stmt(db, &vote_stmts, VOTE_STMT_GET)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, post_id);
	sqlite3_bind_int64(st, 2, user_id);
	er = db_one(db, st, NULL, value_row, &old, "vote_cast");
	if (er == QA_ENOTFOUND)
		er = QA_OK;
	if (er != QA_OK || old == value)
		goto out;

	if ((st = db_stmt(db, &vote_stmts, value != 0 ? VOTE_STMT_PUT :
	    VOTE_STMT_DELETE)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, post_id);
	sqlite3_bind_int64(st, 2, user_id);
	if (value != 0) {
		sqlite3_bind_int(st, 3, value);
		sqlite3_bind_int64(st, 4, now);
	}
	if ((er = db_run(db, st, "vote_cast")) != QA_OK)
		goto out;

	dup = (value > 0) - (old > 0);
	ddown = (value < 0) - (old < 0);
	if ((st = db_stmt(db, &vote_stmts, VOTE_STMT_COUNT)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, post_id);
	sqlite3_bind_int(st, 2, dup);
	sqlite3_bind_int(st, 3, ddown);
	if ((er = db_one(db, st, NULL, count_row, &p, "vote_cast")) != QA_OK)
		goto out;

	if ((er = vote_points(db, &p, post_id, user_id, old, -1, now)) !=
	    QA_OK)
		goto out;
	er = vote_points(db, &p, post_id, user_id, value, +1, now);
	if (er == QA_OK && also != NULL)
		er = also(db, arg);
out:
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK) {
		db_tx_rollback(db);
		if (why != NULL)
			*why = msg;
		return er;
	}
	if (res != NULL) {
		res->post_id = post_id;
		res->question_id = p.question_id;
		res->type = p.type;
		res->up = p.up;
		res->down = p.down;
		res->score = p.score;
		res->mine = value;
	}
	return QA_OK;
}

/* One row of VOTE_STMT_MINE. */
struct mine_row {
	int64_t	 post_id;
	int	 value;
};

/* The row function of VOTE_STMT_MINE. */
static enum qa_err
mine_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct mine_row	*r = v;

	(void)a;
	r->post_id = db_col_int(st, 0);
	r->value = (int)db_col_int(st, 1);
	return QA_OK;
}

/*
 * User user_id's votes on the posts of question question_id's page (the
 * question, its answers, and the comments on both, whatever their
 * status), in one query, ordered by post id: *post_ids and *values are
 * arena arrays of *n entries (NULL when there are none), values[i]
 * being 1 or -1 for post_ids[i].  Nothing for user_id 0 (a visitor).
 * Returns QA_OK, QA_ESYS if out of memory, or the database error.
 */
enum qa_err
vote_mine(struct db *db, struct arena *a, int64_t user_id,
    int64_t question_id, int64_t **post_ids, int **values, size_t *n)
{
	sqlite3_stmt	*st;
	struct mine_row	*rows;
	void		*v = NULL;
	size_t		 i, k = 0;
	enum qa_err	 er;

	*post_ids = NULL;
	*values = NULL;
	*n = 0;
	if (user_id <= 0)
		return QA_OK;
	if ((st = db_stmt(db, &vote_stmts, VOTE_STMT_MINE)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, question_id);
	if ((er = db_rows(db, st, a, sizeof(struct mine_row), DB_ROWS_ALL,
	    mine_row, &v, &k, "vote_mine")) != QA_OK || k == 0)
		return er;
	rows = v;
	if ((*post_ids = arena_calloc(a, k, sizeof(**post_ids))) == NULL ||
	    (*values = arena_calloc(a, k, sizeof(**values))) == NULL) {
		*post_ids = NULL;
		return QA_ESYS;
	}
	for (i = 0; i < k; i++) {
		(*post_ids)[i] = rows[i].post_id;
		(*values)[i] = rows[i].value;
	}
	*n = k;
	return QA_OK;
}
