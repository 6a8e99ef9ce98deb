/*
 * subscribe-t: subscriptions and their mails: subscribe_add() once per
 * user or address, subscribe_notify() mailing every subscriber but the
 * actor and those who turned mail off, with the link to the new post and
 * an unsubscribe link, and subscribe_find()/subscribe_remove() by token.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "post.h"
#include "subscribe.h"
#include "tap.h"
#include "testdb.h"

#define BASE	"https://qa.example"

/*
 * Users alice (1), bob (2), carol (3, mail off) and dave (4, no address);
 * question 10 by alice with answer 11 by bob and comment 12 by carol on
 * the answer.
 */
static const char fixture[] =
	"INSERT INTO users (id, handle, email, notify, created) VALUES"
	" (1, 'alice', 'alice@example.org', 1, 1),"
	" (2, 'bob', 'bob@example.org', 1, 1),"
	" (3, 'carol', 'carol@example.org', 0, 1),"
	" (4, 'dave', NULL, 1, 1);"
	"INSERT INTO posts (id, type, parent_id, question_id, title, slug,"
	" body_md, body_html, user_id, created, activity) VALUES"
	" (10, 1, NULL, 10, 'How do I sleep better?', 'how-do-i-sleep-better',"
	"  'q', 'q', 1, 1, 1),"
	" (11, 2, 10, 10, NULL, NULL, 'Try **no screens**\n\nafter nine.',"
	"  'a', 2, 2, 2),"
	" (12, 3, 11, 10, NULL, NULL, 'Works for me', 'c', 3, 3, 3);";

static struct db	*db;

/* One integer from SQL, or -1. */
static long long
qint(const char *sql)
{
	sqlite3_stmt	*st;
	long long	 v = -1;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* One text from SQL into the arena, or NULL. */
static const char *
qtext(struct arena *a, const char *sql)
{
	sqlite3_stmt	*st;
	const char	*v = NULL;

	if (sqlite3_prepare_v2(db_handle(db), sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return NULL;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = db_col_text(a, st, 0);
	sqlite3_finalize(st);
	return v;
}

/* subscribe_notify() in a transaction of its own. */
static enum qa_err
notify(struct arena *a, int64_t post, enum subscribe_event ev, int64_t actor,
    int64_t event_post)
{
	enum qa_err	 er;

	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	er = subscribe_notify(db, a, BASE, post, ev, actor, event_post, 100);
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK)
		db_tx_rollback(db);
	return er;
}

int
main(void)
{
	struct testdb	 t;
	struct arena	 a;
	const char	*body, *title, *tok;
	char		 sql[256];
	int64_t		 post;

	plan(30);
	db = testdb_open(&t, "subscribe-t", fixture);
	arena_init(&a);

	/* Adding. */
	is_int(subscribe_add(db, 10, 1, NULL, 5), QA_OK, "asker subscribes");
	is_int(subscribe_add(db, 10, 1, NULL, 6), QA_OK, "again: no error");
	is_int(qint("SELECT count(*) FROM subscriptions WHERE post_id = 10"
	    " AND user_id = 1"), 1, "once per user and post");
	is_int(qint("SELECT length(token) FROM subscriptions WHERE"
	    " user_id = 1"), 43, "token of 43 characters");
	is_int(subscribe_add(db, 10, 0, "guest@example.net", 5), QA_OK,
	    "an address subscribes");
	is_int(subscribe_add(db, 10, 0, "GUEST@example.net", 5), QA_OK,
	    "the same address again");
	is_int(qint("SELECT count(*) FROM subscriptions WHERE email IS NOT"
	    " NULL"), 1, "once per address and post, in any case");
	is_int(subscribe_add(db, 10, 0, NULL, 5), QA_EINPUT,
	    "neither user nor address");
	is_int(subscribe_add(db, 10, 0, "not an address", 5), QA_EINPUT,
	    "not an address");
	is_int(subscribe_add(db, 999, 1, NULL, 5), QA_ENOTFOUND,
	    "unknown post");
	if (subscribe_add(db, 10, 2, NULL, 5) != QA_OK ||
	    subscribe_add(db, 10, 3, NULL, 5) != QA_OK ||
	    subscribe_add(db, 10, 4, NULL, 5) != QA_OK ||
	    subscribe_add(db, 11, 2, NULL, 5) != QA_OK)
		bail("subscribe");
	ok(qint("SELECT count(DISTINCT token) FROM subscriptions") ==
	    qint("SELECT count(*) FROM subscriptions"), "tokens unique");

	/* A new answer by bob: alice and the guest hear of it. */
	is_int(notify(&a, 10, SUBSCRIBE_ANSWER, 2, 11), QA_OK,
	    "notify of an answer");
	is_int(qint("SELECT count(*) FROM outbox"), 2,
	    "two mails: actor, mail-off user and no-address user skipped");
	is_int(qint("SELECT count(*) FROM outbox WHERE to_addr IN"
	    " ('alice@example.org', 'guest@example.net')"), 2,
	    "to the asker and the address");
	is_str(qtext(&a, "SELECT subject FROM outbox WHERE to_addr ="
	    " 'alice@example.org'"), "New answer to: How do I sleep better?",
	    "subject names the question");
	body = qtext(&a, "SELECT body FROM outbox WHERE to_addr ="
	    " 'alice@example.org'");
	has_str(body, BASE "/q/10/how-do-i-sleep-better#a11",
	    "body links to the answer");
	has_str(body, "Try no screens after nine.",
	    "body quotes the answer as plain text");
	tok = qtext(&a, "SELECT token FROM subscriptions WHERE user_id = 1"
	    " AND post_id = 10");
	snprintf(sql, sizeof(sql), "Unsubscribe: " BASE "/unsubscribe?t=%s",
	    tok != NULL ? tok : "?");
	has_str(body, sql, "body has the subscriber's unsubscribe link");

	/* A comment on bob's answer, by carol; then bob's answer selected. */
	is_int(notify(&a, 11, SUBSCRIBE_COMMENT, 3, 12), QA_OK,
	    "notify of a comment");
	has_str(qtext(&a, "SELECT body FROM outbox WHERE to_addr ="
	    " 'bob@example.org'"), "#c12", "comment link");
	if (subscribe_add(db, 11, 1, NULL, 5) != QA_OK)
		bail("subscribe");
	(void)qint("DELETE FROM outbox");
	ok(notify(&a, 11, SUBSCRIBE_COMMENT, 3, 12) == QA_OK &&
	    notify(&a, 10, SUBSCRIBE_COMMENT, 3, 12) == QA_OK,
	    "a comment told to an answer's and its question's subscribers");
	is_int(qint("SELECT count(*) FROM outbox WHERE to_addr ="
	    " 'alice@example.org'"), 1, "a subscriber of both hears it once");
	is_int(qint("SELECT count(*) FROM outbox"), 3,
	    "and everyone else once");
	is_int(notify(&a, 11, SUBSCRIBE_SELECTED, 1, 11), QA_OK,
	    "notify of a selection");
	is_str(qtext(&a, "SELECT subject FROM outbox ORDER BY id DESC"),
	    "Your answer was selected: How do I sleep better?",
	    "selection subject");

	/* Finding and removing by token. */
	ok(tok != NULL && subscribe_find(db, &a, tok, &post, &title) ==
	    QA_OK && post == 10 && strcmp(title, "How do I sleep better?")
	    == 0, "token found with its question");
	ok(tok != NULL && subscribe_remove(db, tok, &post) == QA_OK &&
	    post == 10, "unsubscribed");
	is_int(subscribe_remove(db, tok, &post), QA_ENOTFOUND,
	    "a used token is not found");
	is_int(subscribe_find(db, &a, "nonsense", &post, &title),
	    QA_ENOTFOUND, "unknown token");
	(void)qint("DELETE FROM outbox");
	if (notify(&a, 10, SUBSCRIBE_ANSWER, 2, 11) != QA_OK)
		bail("notify");
	is_int(qint("SELECT count(*) FROM outbox WHERE to_addr ="
	    " 'alice@example.org'"), 0, "no mail after unsubscribing");

	arena_free(&a);
	testdb_close(&t, db);
	return done();
}
