/*
 * points-t: reputation (lib/points.c) and the events the write side
 * records: the base points of a new account, posting (following the
 * post's visibility: approve, hide, delete), a best answer chosen,
 * changed and unselected (none for one's own answer), a claimed
 * anonymous post; the values from the settings, the history with its
 * labels and links, and after every step recount_all() finding nothing
 * to fix.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "points.h"
#include "post.h"
#include "recount.h"
#include "settings.h"
#include "user.h"
#include "vote.h"
#include "tap.h"
#include "testdb.h"

#define NOW	1700000000

static struct db	*db;
static struct arena	 a;

/* users.points of user id. */
static long long
points(int64_t id)
{
	char	 sql[128];

	snprintf(sql, sizeof(sql), "SELECT points FROM users WHERE id = %lld",
	    (long long)id);
	return atoll(testdb_text(db, sql));
}

/* The events of user id, oldest first, as "event:delta ...". */
static const char *
log_of(int64_t id)
{
	char	 sql[256];

	snprintf(sql, sizeof(sql), "SELECT group_concat(e, ' ') FROM "
	    "(SELECT event || ':' || delta AS e FROM points_log "
	    "WHERE user_id = %lld ORDER BY id)", (long long)id);
	return testdb_text(db, sql);
}

/* Whether s ends with tail. */
static int
ends(const char *s, const char *tail)
{
	size_t	 n = strlen(s), m = strlen(tail);

	if (n < m || strcmp(s + n - m, tail) != 0) {
		diag("got \"%s\"", s);
		return 0;
	}
	return 1;
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

/* End a transaction: commit on QA_OK, else roll back. */
static enum qa_err
tx_end(enum qa_err er)
{
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK)
		db_tx_rollback(db);
	return er;
}

/* post_create() in a transaction of its own; the id, or 0 on error. */
static int64_t
create(int type, int64_t parent, const char *title, int64_t user,
    int status)
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
	n.status = status;
	n.now = NOW;
	if (db_tx_begin(db) != QA_OK)
		bail("begin");
	if (tx_end(post_create(db, &a, &n, &id)) != QA_OK)
		bail("cannot create a post");
	return id;
}

/* post_status_set() in a transaction of its own. */
static enum qa_err
status(int64_t id, int st)
{
	if (db_tx_begin(db) != QA_OK)
		return QA_ESYS;
	return tx_end(post_status_set(db, &a, id, st));
}

/* post_accept() in a transaction of its own. */
static enum qa_err
accept(int64_t qid, int64_t aid)
{
	if (db_tx_begin(db) != QA_OK)
		return QA_ESYS;
	return tx_end(post_accept(db, qid, aid, NOW + 100));
}

/* post_claim() in a transaction of its own. */
static enum qa_err
claim(int64_t id, int64_t user)
{
	if (db_tx_begin(db) != QA_OK)
		return QA_ESYS;
	return tx_end(post_claim(db, id, user));
}

int
main(void)
{
	static const struct {
		enum points_event	 ev;
		const char		*name;
		int64_t			 value;
	} table[] = {
		{ POINTS_BASE, "base", 100 },
		{ POINTS_Q_POST, "q_post", 2 },
		{ POINTS_A_POST, "a_post", 4 },
		{ POINTS_C_POST, "c_post", 0 },
		{ POINTS_Q_VOTED_UP, "q_voted_up", 1 },
		{ POINTS_Q_VOTED_DOWN, "q_voted_down", -1 },
		{ POINTS_A_VOTED_UP, "a_voted_up", 2 },
		{ POINTS_A_VOTED_DOWN, "a_voted_down", -2 },
		{ POINTS_C_VOTED_UP, "c_voted_up", 0 },
		{ POINTS_A_SELECTED, "a_selected", 30 },
		{ POINTS_SELECT_A, "select_a", 3 },
		{ POINTS_VOTE_UP, "vote_up", 1 },
		{ POINTS_VOTE_DOWN, "vote_down", 1 },
	};
	struct testdb		 t;
	struct points_entry	*h;
	struct vote_result	 r;
	size_t			 i, n;
	int			 good;
	int64_t			 alice, bob, carol, dave, qid, a1, a2, a3;
	int64_t			 c1, q2, anon, id;

	plan(63);
	arena_init(&a);
	db = testdb_open(&t, "points-t", NULL);

	/* Values: the defaults, then the settings. */
	good = nitems(table) == POINTS_EVENT__MAX;
	for (i = 0; i < nitems(table); i++)
		if (points_value(table[i].ev) != table[i].value ||
		    strcmp(points_event_name(table[i].ev),
		    table[i].name) != 0) {
			diag("%s: %lld", table[i].name,
			    (long long)points_value(table[i].ev));
			good = 0;
		}
	ok(good, "every event's name and default value (voted_down < 0)");
	if (settings_load(db) != QA_OK)
		bail("cannot load the settings");
	good = 1;
	for (i = 0; i < nitems(table); i++)
		if (points_value(table[i].ev) != table[i].value)
			good = 0;
	ok(good, "a new site's settings hold the same values");
	settings_set(db, "points_a_voted_down", "5");
	is_int(points_value(POINTS_A_VOTED_DOWN), -5,
	    "a setting changes a value (and a down vote still takes it)");
	settings_set(db, "points_a_voted_down", "2");
	ok(points_value(POINTS_EVENT__MAX) == 0 &&
	    points_event_name(POINTS_EVENT__MAX) == NULL,
	    "no value or name out of range");
	is_str(points_event_label("a_voted_up"), "answer voted up",
	    "label of a_voted_up");
	is_str(points_event_label("q_post"), "asked a question",
	    "label of q_post");
	is_str(points_event_label("a_selected"), "answer selected as best",
	    "label of a_selected");
	ok(strcmp(points_event_label("q_accept"), "selected a best answer")
	    == 0 && strcmp(points_event_label("mystery"), "mystery") == 0 &&
	    strcmp(points_event_label(NULL), "") == 0,
	    "the demo's names known, others as they are, NULL empty");
	ok(points_voted_event(POST_QUESTION, -1) == POINTS_Q_VOTED_DOWN &&
	    points_voted_event(POST_ANSWER, 1) == POINTS_A_VOTED_UP &&
	    points_voted_event(POST_COMMENT, -1) == POINTS_EVENT__MAX &&
	    points_voted_event(POST_ANSWER, 0) == POINTS_EVENT__MAX &&
	    points_post_event(POST_COMMENT) == POINTS_C_POST &&
	    points_post_event(9) == POINTS_EVENT__MAX,
	    "the events of posts and of votes on them");

	/* A new account: the base event, in its own transaction or ours. */
	is_int(user_create(db, "alice", NULL, NULL, "x", NOW, &alice), QA_OK,
	    "alice created");
	is_int(points(alice), 100, "with 100 points");
	is_str(log_of(alice), "base:100", "from the base event");
	if (db_tx_begin(db) != QA_OK)
		bail("begin");
	ok(user_create(db, "bob", NULL, NULL, "x", NOW, &bob) == QA_OK &&
	    user_create(db, "carol", NULL, NULL, "x", NOW, &carol) == QA_OK,
	    "bob and carol created in the caller's transaction");
	db_tx_rollback(db);
	is_str(testdb_text(db, "SELECT count(*) FROM points_log"), "1",
	    "a rollback takes their base events too");
	if (user_create(db, "bob", NULL, NULL, "x", NOW, &bob) != QA_OK ||
	    user_create(db, "carol", NULL, NULL, "x", NOW, &carol) != QA_OK ||
	    user_create(db, "dave", NULL, NULL, "x", NOW, &dave) != QA_OK)
		bail("cannot create users");
	is_int(user_create(db, "ALICE", NULL, NULL, "x", NOW, &id),
	    QA_ECONFLICT, "a taken handle is refused");
	is_str(testdb_text(db, "SELECT count(*) FROM points_log"), "4",
	    "and logs nothing");
	ok(recount_clean(), "recount agrees with new accounts");

	/* Posting follows visibility. */
	qid = create(POST_QUESTION, 0, "Why do points follow posts?", alice,
	    POST_VISIBLE);
	is_int(points(alice), 102, "a visible question: q_post +2");
	a1 = create(POST_ANSWER, qid, NULL, bob, POST_QUEUED);
	is_int(points(bob), 100, "a queued answer: nothing yet");
	is_int(status(a1, POST_VISIBLE), QA_OK, "the answer approved");
	is_int(points(bob), 104, "a_post +4 on approval");
	is_int(status(a1, POST_HIDDEN), QA_OK, "the answer hidden");
	is_int(points(bob), 100, "a_post taken back");
	is_int(status(a1, POST_DELETED), QA_OK, "hidden to deleted");
	is_int(points(bob), 100, "nothing more to take back");
	is_int(status(a1, POST_VISIBLE), QA_OK, "shown again");
	is_str(log_of(bob), "base:100 a_post:4 a_post:-4 a_post:4",
	    "bob's log: base, approved, hidden, shown");
	c1 = create(POST_COMMENT, qid, NULL, carol, POST_VISIBLE);
	is_str(log_of(carol), "base:100", "a comment: c_post is worth 0");
	anon = create(POST_ANSWER, qid, NULL, 0, POST_VISIBLE);
	is_str(testdb_text(db, "SELECT count(*) FROM points_log"), "8",
	    "an anonymous answer: no event");
	ok(recount_clean(), "recount agrees after posting and moderation");

	/* A best answer: chosen, changed, unselected. */
	a2 = create(POST_ANSWER, qid, NULL, carol, POST_VISIBLE);
	is_int(accept(qid, a1), QA_OK, "alice accepts bob's answer");
	ok(points(bob) == 134 && points(alice) == 105,
	    "a_selected +30 to bob, select_a +3 to alice");
	is_int(accept(qid, a1), QA_OK, "accepting it again");
	ok(points(bob) == 134 && points(alice) == 105, "changes nothing");
	is_int(accept(qid, a2), QA_OK, "alice picks carol's answer instead");
	ok(points(bob) == 104 && points(carol) == 134 &&
	    points(alice) == 105, "bob's taken back, carol's given");
	is_int(accept(qid, 0), QA_OK, "alice unselects it");
	ok(points(carol) == 104 && points(alice) == 102,
	    "both sides taken back");
	ok(recount_clean(), "recount agrees after accepting");
	a3 = create(POST_ANSWER, qid, NULL, alice, POST_VISIBLE);
	is_int(accept(qid, a3), QA_OK, "alice accepts her own answer");
	is_int(points(alice), 106, "a_post +4 only: no points for it");
	is_int(accept(qid, a1), QA_OK, "then bob's");
	ok(points(alice) == 109 && points(bob) == 134,
	    "which gives both (nothing to take back from her own)");

	/* A claimed anonymous answer with a vote, then selected. */
	is_int(vote_cast(db, carol, anon, 1, NOW, &r, NULL), QA_OK,
	    "carol votes the anonymous answer up");
	is_int(accept(qid, anon), QA_OK, "alice accepts it");
	ok(points(bob) == 104 && points(alice) == 109,
	    "bob's taken back; select_a to alice stays (anonymous answer)");
	is_int(claim(anon, dave), QA_OK, "dave claims it");
	is_str(log_of(dave), "base:100 a_post:4 a_voted_up:2 a_selected:30",
	    "dave gets its a_post, its vote and a_selected");
	is_int(accept(qid, 0), QA_OK, "alice unselects it");
	ok(points(dave) == 106 && points(alice) == 106,
	    "dave's a_selected and alice's select_a taken back");
	is_int(vote_cast(db, carol, anon, 0, NOW, &r, NULL), QA_OK,
	    "carol withdraws her vote");
	is_int(points(dave), 104, "which takes back what dave got for it");
	ok(recount_clean(), "recount agrees after claiming");

	/* Claiming one's own best answer as the asker: self-accept. */
	q2 = create(POST_QUESTION, 0, "A question with its own answer", alice,
	    POST_VISIBLE);
	id = create(POST_ANSWER, q2, NULL, 0, POST_VISIBLE);
	if (accept(q2, id) != QA_OK || claim(id, alice) != QA_OK)
		bail("cannot accept and claim");
	ok(ends(log_of(alice), "q_post:2 select_a:3 a_post:4 select_a:-3"),
	    "claiming the answer to one's own question takes select_a back");
	ok(recount_clean(), "recount agrees after it");

	/* The history: newest first, with labels and links. */
	(void)c1;
	is_int(points_history(db, &a, alice, 3, &h, &n), QA_OK,
	    "alice's history");
	ok(n == 3 && strcmp(h[0].event, "select_a") == 0 &&
	    h[0].delta == -3 && strcmp(h[0].label,
	    "selected a best answer") == 0 && h[0].question_id == q2 &&
	    strcmp(h[0].title, "A question with its own answer") == 0 &&
	    h[0].slug != NULL && h[1].delta == 4 &&
	    strcmp(h[1].label, "answered a question") == 0,
	    "newest first, with label, question and title");
	if (status(q2, POST_HIDDEN) != QA_OK)
		bail("cannot hide");
	ok(points_history(db, &a, alice, 1, &h, &n) == QA_OK && n == 1 &&
	    h[0].delta == -2 && h[0].title == NULL && h[0].slug == NULL &&
	    h[0].question_id == 0 && h[0].post_id == q2,
	    "a hidden question: q_post taken back, shown without its title");
	ok(points_history(db, &a, carol, 100, &h, &n) == QA_OK && n > 3 &&
	    strcmp(h[n - 1].event, "base") == 0 && h[n - 1].post_id == 0 &&
	    h[n - 1].title == NULL, "the base event last, without a post");
	ok(points_history(db, &a, 9999, 10, &h, &n) == QA_OK && n == 0 &&
	    h == NULL, "no history for an unknown user");

	/* points_add() itself. */
	if (db_tx_begin(db) != QA_OK)
		bail("begin");
	ok(points_add(db, 0, qid, 0, POINTS_Q_POST, 1, NOW) == QA_OK &&
	    points_add(db, bob, qid, 0, POINTS_C_POST, 1, NOW) == QA_OK &&
	    points_add(db, bob, qid, 0, POINTS_EVENT__MAX, 1, NOW) == QA_OK &&
	    points_add(db, bob, qid, 0, POINTS_EVENT__MAX + 1, 1, NOW) ==
	    QA_EINPUT, "nothing for a visitor, a 0 value or no event");
	ok(points_add(db, bob, qid, carol, POINTS_A_VOTED_UP, 3, NOW) ==
	    QA_OK && points(bob) == 110, "a multiplier: 3 votes at once");
	if (tx_end(QA_OK) != QA_OK)
		bail("commit");
	ok(recount_clean(), "recount agrees at the end");

	settings_clear();
	testdb_close(&t, db);
	arena_free(&a);
	return done();
}
