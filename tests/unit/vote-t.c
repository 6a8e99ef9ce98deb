/*
 * vote-t: votes (lib/vote.c) on a new database.  A vote up, its change
 * to down, its withdrawal and a double submit each leave the post's
 * up/down/score and the points of its author and of the voter exactly
 * right, and recount_all() finds nothing to fix after any of them.  The
 * refusals: one's own post, a comment voted down, a post that is not
 * visible (or under one that is not), a bad value; a locked database is
 * QA_EBUSY and changes nothing.  vote_mine() finds a user's votes on a
 * question page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "points.h"
#include "post.h"
#include "recount.h"
#include "user.h"
#include "vote.h"
#include "tap.h"
#include "testdb.h"

#define NOW	1700000000

static struct db	*db;
static struct arena	 a;

/* "up/down/score" of post id. */
static const char *
counts(int64_t id)
{
	char	 sql[128];

	snprintf(sql, sizeof(sql), "SELECT up || '/' || down || '/' || score"
	    " FROM posts WHERE id = %lld", (long long)id);
	return testdb_text(db, sql);
}

/* users.points of user id. */
static long long
points(int64_t id)
{
	char	 sql[128];

	snprintf(sql, sizeof(sql), "SELECT points FROM users WHERE id = %lld",
	    (long long)id);
	return atoll(testdb_text(db, sql));
}

/* Whether recount_all() finds every counter already right. */
static int
recount_clean(void)
{
	int64_t	 changed = -1;

	if (recount_all(db, &changed) != QA_OK)
		return 0;
	if (changed != 0)
		diag("recount changed %lld rows", (long long)changed);
	return changed == 0;
}

/* post_create() of a visible post in a transaction of its own. */
static int64_t
create(int type, int64_t parent, const char *title, int64_t user)
{
	struct post_new	 n;
	int64_t		 id = 0;

	memset(&n, 0, sizeof(n));
	n.type = type;
	n.parent_id = parent;
	n.title = title;
	n.body_md = "Some text long enough to be a post body here.";
	n.tags = "";
	n.user_id = user;
	n.anon_name = user == 0 ? "Guest" : NULL;
	n.status = POST_VISIBLE;
	n.now = NOW;
	if (db_tx_begin(db) != QA_OK)
		bail("begin");
	if (post_create(db, &a, &n, &id) != QA_OK || db_tx_commit(db) !=
	    QA_OK)
		bail("cannot create a post");
	return id;
}

/* post_status_set() in a transaction of its own. */
static void
status(int64_t id, int st)
{
	if (db_tx_begin(db) != QA_OK || post_status_set(db, &a, id, st) !=
	    QA_OK || db_tx_commit(db) != QA_OK)
		bail("cannot set a status");
}

int
main(void)
{
	struct testdb		 t;
	struct vote_result	 r;
	const char		*why;
	int64_t			 alice, bob, carol, qid, aid, cid, hid, hq;
	int64_t			 ha, anon, *ids;
	int			*vals;
	size_t			 n;
	sqlite3			*other;

	plan(65);
	arena_init(&a);
	db = testdb_open(&t, "vote-t", NULL);
	if (user_create(db, "alice", NULL, NULL, "x", NOW, &alice) != QA_OK ||
	    user_create(db, "bob", NULL, NULL, "x", NOW, &bob) != QA_OK ||
	    user_create(db, "carol", NULL, NULL, "x", NOW, &carol) != QA_OK)
		bail("cannot create users");
	qid = create(POST_QUESTION, 0, "How do I vote on a question?", alice);
	aid = create(POST_ANSWER, qid, NULL, bob);
	cid = create(POST_COMMENT, aid, NULL, carol);
	/* base 100; alice asked (+2), bob answered (+4), carol commented. */
	ok(points(alice) == 102 && points(bob) == 104 && points(carol) == 100,
	    "points before any vote: 102, 104, 100");

	/* Up, then down, then withdrawn. */
	is_int(vote_cast(db, bob, qid, 1, NOW, &r, &why), QA_OK,
	    "bob votes the question up");
	ok(r.post_id == qid && r.question_id == qid &&
	    r.type == POST_QUESTION && r.up == 1 && r.down == 0 &&
	    r.score == 1 && r.mine == 1, "result: 1 up, score 1, mine up");
	is_str(counts(qid), "1/0/1", "stored: up 1, down 0, score 1");
	is_int(points(alice), 103, "author: q_voted_up +1");
	is_int(points(bob), 105, "voter: vote_up +1");
	ok(recount_clean(), "recount agrees after a vote up");

	is_int(vote_cast(db, bob, qid, -1, NOW + 1, &r, NULL), QA_OK,
	    "bob changes to down");
	ok(r.up == 0 && r.down == 1 && r.score == -1 && r.mine == -1,
	    "result: 1 down, score -1, mine down");
	is_str(counts(qid), "0/1/-1", "stored: up 0, down 1, score -1");
	is_int(points(alice), 101, "author: up taken back, q_voted_down -1");
	is_int(points(bob), 105, "voter: vote_up back, vote_down +1");
	is_str(testdb_text(db, "SELECT count(*) || ':' || value FROM votes"), "1:-1",
	    "one vote row, now down");
	ok(recount_clean(), "recount agrees after the change");

	is_int(vote_cast(db, bob, qid, 0, NOW + 2, &r, NULL), QA_OK,
	    "bob withdraws his vote");
	ok(r.up == 0 && r.down == 0 && r.score == 0 && r.mine == 0,
	    "result: no votes, mine none");
	is_str(counts(qid), "0/0/0", "stored: no votes");
	ok(points(alice) == 102 && points(bob) == 104,
	    "points back where they were");
	is_str(testdb_text(db, "SELECT count(*) FROM votes"), "0", "no vote row left");
	ok(recount_clean(), "recount agrees after the withdrawal");
	is_int(vote_cast(db, bob, qid, 0, NOW + 2, &r, NULL), QA_OK,
	    "withdrawing no vote is fine");
	is_int(points(bob), 104, "and changes nothing");

	/* A double submit counts once. */
	is_int(vote_cast(db, carol, qid, 1, NOW + 3, &r, NULL), QA_OK,
	    "carol votes up");
	is_int(vote_cast(db, carol, qid, 1, NOW + 4, &r, NULL), QA_OK,
	    "carol votes up again");
	ok(r.up == 1 && r.score == 1 && r.mine == 1,
	    "the second gives the state: 1 up, mine up");
	is_str(counts(qid), "1/0/1", "counted once");
	ok(points(alice) == 103 && points(carol) == 101,
	    "points given once");
	is_str(testdb_text(db, "SELECT count(*) FROM votes"), "1", "one row");
	ok(recount_clean(), "recount agrees after a double submit");

	/* Answers: twice the points, down votes too. */
	is_int(vote_cast(db, carol, aid, -1, NOW + 5, &r, NULL), QA_OK,
	    "carol votes the answer down");
	ok(points(bob) == 102 && points(carol) == 102,
	    "a_voted_down -2 to bob, vote_down +1 to carol");
	is_int(vote_cast(db, alice, aid, 1, NOW + 6, &r, NULL), QA_OK,
	    "alice votes it up");
	is_str(counts(aid), "1/1/0", "answer: 1 up, 1 down, score 0");
	ok(points(bob) == 104 && points(alice) == 104,
	    "a_voted_up +2 to bob, vote_up +1 to alice");
	ok(recount_clean(), "recount agrees after votes on an answer");

	/* Comments: up only, worth nothing by default. */
	why = NULL;
	is_int(vote_cast(db, alice, cid, -1, NOW, &r, &why), QA_EINPUT,
	    "a comment voted down is refused");
	is_str(why, "Comments can only be voted up.", "with the reason");
	is_int(vote_cast(db, alice, cid, 1, NOW + 7, &r, &why), QA_OK,
	    "a comment voted up");
	ok(why == NULL && r.type == POST_COMMENT && r.up == 1 &&
	    r.question_id == qid, "result: 1 up, its question");
	ok(points(carol) == 102 && points(alice) == 104,
	    "no points for comment votes (c_voted_up 0, none to the voter)");

	/* Own posts. */
	is_int(vote_cast(db, alice, qid, 1, NOW, &r, &why), QA_EFORBIDDEN,
	    "one's own question is refused");
	is_str(why, "You cannot vote on your own post.", "with the reason");
	is_int(vote_cast(db, bob, aid, -1, NOW, &r, NULL), QA_EFORBIDDEN,
	    "one's own answer is refused");
	ok(strcmp(counts(qid), "1/0/1") == 0 &&
	    strcmp(counts(aid), "1/1/0") == 0, "counts unchanged");

	/* Posts that are not visible, or under one that is not. */
	hq = create(POST_QUESTION, 0, "A question about to be hidden", bob);
	ha = create(POST_ANSWER, hq, NULL, carol);
	hid = create(POST_ANSWER, qid, NULL, carol);
	status(hid, POST_HIDDEN);
	status(hq, POST_HIDDEN);
	is_int(vote_cast(db, bob, hid, 1, NOW, &r, &why), QA_ENOTFOUND,
	    "a hidden answer is not found");
	ok(why == NULL, "without a reason to show");
	is_int(vote_cast(db, alice, hq, 1, NOW, &r, NULL), QA_ENOTFOUND,
	    "a hidden question is not found");
	is_int(vote_cast(db, alice, ha, 1, NOW, &r, NULL), QA_ENOTFOUND,
	    "an answer to a hidden question is not found");
	status(hq, POST_DELETED);
	is_int(vote_cast(db, alice, hq, 1, NOW, &r, NULL), QA_ENOTFOUND,
	    "a deleted question is not found");
	is_int(vote_cast(db, alice, 9999, 1, NOW, &r, NULL), QA_ENOTFOUND,
	    "an unknown post is not found");
	is_int(vote_cast(db, alice, qid, 2, NOW, &r, NULL), QA_EINPUT,
	    "a value of 2 is refused");
	is_int(vote_cast(db, 0, qid, 1, NOW, &r, NULL), QA_EINPUT,
	    "a visitor's vote is refused");
	ok(recount_clean(), "recount agrees after the refusals");

	/* An anonymous author gets nothing; the voter does. */
	anon = create(POST_ANSWER, qid, NULL, 0);
	is_int(vote_cast(db, bob, anon, 1, NOW + 8, &r, NULL), QA_OK,
	    "a vote on an anonymous answer");
	is_int(points(bob), 105, "the voter gets vote_up");
	ok(recount_clean(), "recount agrees after it");

	/* A locked database: QA_EBUSY, nothing changed. */
	if (sqlite3_open(t.path, &other) != SQLITE_OK ||
	    sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL) !=
	    SQLITE_OK)
		bail("cannot lock the database");
	sqlite3_busy_timeout(db_handle(db), 0);
	is_int(vote_cast(db, carol, anon, 1, NOW, &r, NULL), QA_EBUSY,
	    "a locked database is QA_EBUSY");
	sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(other);
	sqlite3_busy_timeout(db_handle(db), 5000);
	is_str(counts(anon), "1/0/1", "and the vote was not counted");
	is_int(vote_cast(db, carol, anon, 1, NOW, &r, NULL), QA_OK,
	    "the retry goes through");
	is_str(counts(anon), "2/0/2", "and counts");

	/* The votes of a user on a question page. */
	is_int(vote_mine(db, &a, carol, qid, &ids, &vals, &n), QA_OK,
	    "carol's votes on the question page");
	ok(n == 3 && ids[0] == qid && vals[0] == 1 && ids[1] == aid &&
	    vals[1] == -1 && ids[2] == anon && vals[2] == 1,
	    "question up, answer down, the anonymous answer up");
	is_int(vote_mine(db, &a, alice, qid, &ids, &vals, &n), QA_OK,
	    "alice's votes");
	ok(n == 2 && ids[0] == aid && vals[0] == 1 && ids[1] == cid &&
	    vals[1] == 1, "the answer and the comment under it, up");
	ok(vote_mine(db, &a, bob, hq, &ids, &vals, &n) == QA_OK && n == 0 &&
	    ids == NULL && vals == NULL, "none on another question");

	testdb_close(&t, db);
	arena_free(&a);
	return done();
}
