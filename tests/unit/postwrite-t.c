/*
 * postwrite-t: the write side of posts (lib/post.c) and tag input
 * (lib/tag.c) on a new database.  After every kind of write -- creating
 * visible and queued posts, editing with new tags and a new category,
 * accepting, claiming, changing status -- recount_all() must find nothing
 * to fix: the incremental counters agree exactly with lib/recount.c.
 * Also: revisions, the search index (visible questions only, hostile
 * queries harmless), the refusals, manage keys, threads as a viewer sees
 * them, tag_normalize(), tag_new_names() and post_link_count().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "post.h"
#include "recount.h"
#include "tag.h"
#include "tap.h"
#include "testdb.h"

/*
 * Users alice (1, moderator), bob (2), carol (3); categories top (1) >
 * mid (2) > leaf (3) > deep (4), and other (5).
 */
static const char fixture[] =
	"INSERT INTO users (id, handle, level, created) VALUES"
	" (1, 'alice', 4, 1), (2, 'bob', 1, 1), (3, 'carol', 1, 1);"
	"INSERT INTO categories (id, parent_id, slug, name, depth) VALUES"
	" (1, NULL, 'top', 'Top', 0), (2, 1, 'mid', 'Mid', 1),"
	" (3, 2, 'leaf', 'Leaf', 2), (4, 3, 'deep', 'Deep', 3),"
	" (5, NULL, 'other', 'Other', 0);";

static struct db	*db;
static struct arena	 a;

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

/* End a transaction begun by the caller: commit on QA_OK, else roll back. */
static enum qa_err
tx_end(enum qa_err er)
{
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK)
		db_tx_rollback(db);
	return er;
}

/* post_create() in a transaction of its own; *id set on success. */
static enum qa_err
create(int type, int64_t parent, const char *title, const char *body,
    const char *tags, int64_t cat, int64_t user, int status, int64_t now,
    int64_t *id)
{
	struct post_new	 n;
	enum qa_err	 er;

	memset(&n, 0, sizeof(n));
	n.type = type;
	n.parent_id = parent;
	n.title = title;
	n.body_md = body;
	n.tags = tags;
	n.category_id = cat;
	n.user_id = user;
	n.anon_name = user == 0 ? "Guest" : NULL;
	n.anon_email = user == 0 ? "guest@example.net" : NULL;
	n.ip = "192.0.2.1";
	n.status = status;
	n.now = now;
	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	return tx_end(post_create(db, &a, &n, id));
}

/* post_update() in a transaction of its own. */
static enum qa_err
update(const struct post_change *c)
{
	enum qa_err	 er;

	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	return tx_end(post_update(db, &a, c));
}

/* post_status_set() in a transaction of its own. */
static enum qa_err
status(int64_t id, int st)
{
	enum qa_err	 er;

	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	return tx_end(post_status_set(db, &a, id, st));
}

/* The ids post_similar() finds for text, or "error". */
static const char *
similar(const char *text)
{
	struct post	*v;
	size_t		 n;

	if (post_similar(db, &a, text, 10, &v, &n) != QA_OK)
		return "error";
	return testdb_ids(v, n);
}

static int64_t	 q1, q2, q3, a1, a2, a3, c1, c2;

/* Creating posts: counters, revisions, the search index, refusals. */
static void
test_create(void)
{
	int64_t		 id;
	char		 sql[256];

	is_int(create(POST_QUESTION, 0, "How to sleep with a noisy "
	    "neighbour?", "I live in a *flat* and the neighbour plays drums.",
	    "noise sleep", 4, 1, POST_VISIBLE, 1000, &q1), QA_OK,
	    "visible question created");
	ok(recount_clean(), "recount agrees after a visible question");
	snprintf(sql, sizeof(sql), "SELECT question_id = id AND slug = "
	    "'how-to-sleep-with-a-noisy-neighbour' AND activity = 1000 AND "
	    "body_html LIKE '%%<em>flat</em>%%' FROM posts WHERE id = %lld",
	    (long long)q1);
	is_str(testdb_text(db, sql), "1", "question row: own question_id, slug, html");
	is_str(testdb_text(db, "SELECT group_concat(qcount, ',') FROM (SELECT qcount FROM"
	    " categories ORDER BY id)"), "1,1,1,1,0",
	    "category and every ancestor counted");
	is_str(testdb_text(db, "SELECT group_concat(name || '=' || qcount, ',') FROM"
	    " (SELECT name, qcount FROM tags ORDER BY id)"),
	    "noise=1,sleep=1", "tags created and counted");
	snprintf(sql, sizeof(sql), "SELECT title || '|' || body || '|' || "
	    "tags FROM posts_fts WHERE rowid = %lld", (long long)q1);
	is_str(testdb_text(db, sql), "How to sleep with a noisy neighbour?|I live in a "
	    "flat and the neighbour plays drums.\n|noise sleep",
	    "search row: title, plain body, tags");
	snprintf(sql, sizeof(sql), "SELECT rev || '|' || user_id || '|' || "
	    "title || '|' || tags FROM revisions WHERE post_id = %lld",
	    (long long)q1);
	is_str(testdb_text(db, sql), "1|1|How to sleep with a noisy neighbour?|noise sleep",
	    "revision 1 holds the original");

	is_int(create(POST_QUESTION, 0, "Which earplugs work best for "
	    "drums?", "Looking for earplugs.", "noise earplugs", 5, 2,
	    POST_QUEUED, 1010, &q2), QA_OK, "queued question created");
	ok(recount_clean(), "recount agrees after a queued question");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM posts_fts WHERE "
	    "rowid = %lld", (long long)q2);
	is_str(testdb_text(db, sql), "0", "queued question not in the search index");
	is_str(testdb_text(db, "SELECT qcount FROM tags WHERE name = 'earplugs'"), "0",
	    "its new tag exists, not counted");

	is_int(create(POST_ANSWER, q1, NULL, "Try **earplugs**.", NULL, 0, 0,
	    POST_VISIBLE, 1020, &a1), QA_OK, "anonymous answer created");
	is_int(create(POST_ANSWER, q1, NULL, "Talk to them.", NULL, 0, 2,
	    POST_VISIBLE, 1030, &a2), QA_OK, "answer created");
	is_int(create(POST_COMMENT, a1, NULL, "# Not a heading\n\n*fine*",
	    NULL, 0, 3, POST_VISIBLE, 1040, &c1), QA_OK,
	    "comment on an answer created");
	is_int(create(POST_COMMENT, q1, NULL, "Which city?", NULL, 0, 2,
	    POST_VISIBLE, 1050, &c2), QA_OK, "comment on the question");
	is_int(create(POST_ANSWER, q1, NULL, "Move out.", NULL, 0, 3,
	    POST_QUEUED, 1060, &a3), QA_OK, "queued answer created");
	ok(recount_clean(), "recount agrees after answers and comments");
	snprintf(sql, sizeof(sql), "SELECT answer_count || '/' || "
	    "comment_count || '/' || activity FROM posts WHERE id = %lld",
	    (long long)q1);
	is_str(testdb_text(db, sql), "2/1/1050", "question counts and activity");
	snprintf(sql, sizeof(sql), "SELECT question_id || '|' || body_html "
	    "FROM posts WHERE id = %lld", (long long)c1);
	ok(strstr(testdb_text(db, sql), "<h1>") == NULL && strstr(testdb_text(db, sql), "<em>fine</em>")
	    != NULL && atoll(testdb_text(db, sql)) == q1,
	    "comment: inline html, question_id of its answer's question");
	is_str(testdb_text(db, "SELECT qcount || '/' || acount FROM users WHERE id = 2"),
	    "0/1", "queued question not counted for its author");

	is_int(create(POST_COMMENT, c1, NULL, "x", NULL, 0, 2, POST_VISIBLE,
	    1070, &id), QA_EINPUT, "no comment under a comment");
	is_int(create(POST_ANSWER, a1, NULL, "x", NULL, 0, 2, POST_VISIBLE,
	    1070, &id), QA_EINPUT, "no answer under an answer");
	is_int(create(POST_ANSWER, 9999, NULL, "x", NULL, 0, 2, POST_VISIBLE,
	    1070, &id), QA_ENOTFOUND, "no answer under nothing");
	is_int(create(POST_QUESTION, 0, "Title here", "x", "", 77, 2,
	    POST_VISIBLE, 1070, &id), QA_EINPUT, "unknown category");
	is_int(create(POST_QUESTION, 0, "A closed question here", "x",
	    "", 0, 3, POST_VISIBLE, 1080, &q3), QA_OK, "third question");
	snprintf(sql, sizeof(sql), "UPDATE posts SET closed = 1 WHERE id = "
	    "%lld", (long long)q3);
	(void)testdb_text(db, sql);
	is_int(create(POST_ANSWER, q3, NULL, "x", NULL, 0, 2, POST_VISIBLE,
	    1090, &id), QA_ECONFLICT, "closed question refuses answers");
	snprintf(sql, sizeof(sql), "UPDATE posts SET comments_locked = 1 "
	    "WHERE id = %lld", (long long)a2);
	(void)testdb_text(db, sql);
	is_int(create(POST_COMMENT, a2, NULL, "x", NULL, 0, 1, POST_VISIBLE,
	    1090, &id), QA_ECONFLICT, "locked comments refuse comments");
	ok(recount_clean(), "recount agrees after the refusals");
}

/* Edits: revisions, retagging, recategorizing, the search row. */
static void
test_update(void)
{
	struct post_change	 c;
	struct revision		*r;
	size_t			 n;
	char			 sql[256];

	memset(&c, 0, sizeof(c));
	c.id = q1;
	c.title = "How to sleep next to a drummer?";
	c.body_md = "The neighbour plays *drums* at night.";
	c.tags = "drums noise";
	c.category_id = 5;
	c.editor_id = 2;
	c.reason = "clearer title";
	c.now = 2000;
	is_int(update(&c), QA_OK, "question edited");
	ok(recount_clean(), "recount agrees after retag and recategorize");
	is_str(testdb_text(db, "SELECT group_concat(qcount, ',') FROM (SELECT qcount FROM"
	    " categories ORDER BY id)"), "0,0,0,0,1",
	    "old category chain down, new one up");
	is_str(testdb_text(db, "SELECT group_concat(name || '=' || qcount, ',') FROM"
	    " (SELECT name, qcount FROM tags ORDER BY id)"),
	    "noise=1,sleep=0,earplugs=0,drums=1", "tag counts moved");
	snprintf(sql, sizeof(sql), "SELECT slug || '|' || edited || '|' || "
	    "edited_by || '|' || activity || '|' || tags FROM posts WHERE "
	    "id = %lld", (long long)q1);
	is_str(testdb_text(db, sql), "how-to-sleep-next-to-a-drummer|2000|2|2000|"
	    "drums noise", "new slug, editor, activity, tags");
	ok(post_revisions(db, &a, q1, &r, &n) == QA_OK && n == 2 &&
	    r[0].rev == 1 && r[1].rev == 2 && r[1].handle != NULL &&
	    strcmp(r[1].handle, "bob") == 0 &&
	    strcmp(r[1].reason, "clearer title") == 0 &&
	    strcmp(r[1].title, "How to sleep next to a drummer?") == 0 &&
	    strcmp(r[1].tags, "drums noise") == 0 &&
	    strcmp(r[0].tags, "noise sleep") == 0 &&
	    strcmp(r[0].handle, "alice") == 0,
	    "revisions oldest first, the new text with its editor");
	snprintf(sql, sizeof(sql), "SELECT rowid FROM posts_fts WHERE "
	    "posts_fts MATCH 'drummer'");
	is_int(atoll(testdb_text(db, sql)), q1, "search row rewritten");

	memset(&c, 0, sizeof(c));
	c.id = a1;
	c.body_md = "Try **foam** earplugs.";
	c.category_id = -1;
	c.editor_name = "Guest";
	c.now = 2100;
	is_int(update(&c), QA_OK, "anonymous author edits an answer");
	snprintf(sql, sizeof(sql), "SELECT coalesce(edited_by, 'none') || "
	    "'|' || edited_name || '|' || body_html FROM posts WHERE id = "
	    "%lld", (long long)a1);
	is_str(testdb_text(db, sql), "none|Guest|<p>Try <strong>foam</strong> earplugs."
	    "</p>\n", "anonymous edit stored, re-rendered");
	ok(recount_clean(), "recount agrees after an answer edit");
	snprintf(sql, sizeof(sql), "SELECT activity FROM posts WHERE id = "
	    "%lld", (long long)q1);
	is_str(testdb_text(db, sql), "2100", "answer edit moves the question's activity");

	memset(&c, 0, sizeof(c));
	c.id = a3;
	c.body_md = "Move out, really.";
	c.category_id = -1;
	c.editor_id = 3;
	c.now = 2200;
	is_int(update(&c), QA_OK, "queued answer edited");
	ok(recount_clean(), "recount agrees after a queued answer edit");
	c.id = 9999;
	is_int(update(&c), QA_ENOTFOUND, "unknown post");
}

/* Accepting, keys, claiming, views. */
static void
test_accept_claim(void)
{
	char	 tok[AUTH_TOKEN_LEN + 1], sql[256];
	int64_t	 other;

	ok(db_tx_begin(db) == QA_OK &&
	    tx_end(post_accept(db, q1, a2, 3000)) == QA_OK, "answer accepted");
	snprintf(sql, sizeof(sql), "SELECT accepted_id FROM posts WHERE id = "
	    "%lld", (long long)q1);
	is_int(atoll(testdb_text(db, sql)), a2, "accepted_id set");
	ok(recount_clean(), "recount agrees after accepting");
	is_int(post_accept(db, q3, a2, 3000), QA_EINPUT,
	    "an answer of another question");
	is_int(post_accept(db, q1, a3, 3000), QA_ENOTFOUND,
	    "a queued answer");
	is_int(post_accept(db, q1, c1, 3000), QA_EINPUT, "a comment");
	is_int(post_accept(db, a1, a2, 3000), QA_EINPUT, "not a question");
	is_int(post_accept(db, q1, 0, 3000), QA_OK, "unselected");
	is_str(testdb_text(db, sql), "(null)", "accepted_id cleared");

	is_int(post_key_create(db, a1, 3000, tok, sizeof(tok)), QA_OK,
	    "manage key made");
	is_int((long long)strlen(tok), AUTH_TOKEN_LEN, "key of 43 characters");
	is_int(post_key_check(db, tok, a1), QA_OK, "key opens its post");
	is_int(post_key_check(db, tok, a2), QA_EFORBIDDEN,
	    "key does not open another post");
	is_int(post_key_check(db, "x' OR 1=1 --", a1), QA_EFORBIDDEN,
	    "garbage key refused");
	is_int(post_key_check(db, NULL, a1), QA_EFORBIDDEN, "no key");

	ok(db_tx_begin(db) == QA_OK && tx_end(post_claim(db, a1, 3)) == QA_OK,
	    "anonymous answer claimed");
	snprintf(sql, sizeof(sql), "SELECT user_id || '|' || coalesce("
	    "anon_name, '-') || coalesce(anon_email, '-') || '|' || "
	    "edited_by FROM posts WHERE id = %lld", (long long)a1);
	is_str(testdb_text(db, sql), "3|--|3", "author set, name and address gone");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM revisions WHERE "
	    "post_id = %lld AND user_id IS NULL", (long long)a1);
	is_str(testdb_text(db, sql), "0", "anonymous revisions now the user's");
	is_int(post_key_check(db, tok, a1), QA_EFORBIDDEN, "keys deleted");
	ok(recount_clean(), "recount agrees after a claim");
	is_str(testdb_text(db, "SELECT acount FROM users WHERE id = 3"), "1",
	    "claimed visible answer counted");
	is_int(post_claim(db, a1, 2), QA_ECONFLICT, "claimed only once");

	ok(post_views_add(db, q1, 5) == QA_OK &&
	    post_views_add(db, q1, 2) == QA_OK, "views added");
	snprintf(sql, sizeof(sql), "SELECT views FROM posts WHERE id = %lld",
	    (long long)q1);
	is_str(testdb_text(db, sql), "7", "views counted");
	is_int(create(POST_QUESTION, 0, "Another one by a guest", "x",
	    "noise", 3, 0, POST_VISIBLE, 3100, &other), QA_OK,
	    "anonymous question");
	ok(db_tx_begin(db) == QA_OK &&
	    tx_end(post_claim(db, other, 2)) == QA_OK && recount_clean(),
	    "claimed question: recount agrees");
}

/* Status changes: approving, hiding; the thread as viewers see it. */
static void
test_status(void)
{
	struct post_thread	 t;
	char			 sql[256];

	is_int(status(q2, POST_VISIBLE), QA_OK, "queued question approved");
	ok(recount_clean(), "recount agrees after approval");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM posts_fts WHERE "
	    "rowid = %lld", (long long)q2);
	is_str(testdb_text(db, sql), "1", "approved question indexed");

	ok(post_thread_get(db, &a, q1, &t) == QA_OK &&
	    strcmp(testdb_ids(t.answers, t.nanswers), "") != 0 &&
	    t.nanswers == 2, "public thread: queued answer left out");
	ok(post_thread_get_for(db, &a, q1, 3, false, &t) == QA_OK &&
	    t.nanswers == 3 && t.answers[2].id == a3 &&
	    t.answers[2].status == POST_QUEUED,
	    "its author sees the queued answer, marked queued");
	ok(post_thread_get_for(db, &a, q1, 2, false, &t) == QA_OK &&
	    t.nanswers == 2, "another user does not");
	ok(post_thread_get_for(db, &a, q1, 1, true, &t) == QA_OK &&
	    t.nanswers == 3, "a moderator does");
	ok(post_thread_get_for(db, &a, q1, 3, false, &t) == QA_OK &&
	    t.question.ncomments == 1 && t.answers[0].id != 0,
	    "comments read for a viewer");

	is_int(status(a2, POST_HIDDEN), QA_OK, "answer hidden");
	ok(recount_clean(), "recount agrees after hiding an answer");
	is_int(status(a3, POST_VISIBLE), QA_OK, "queued answer approved");
	ok(recount_clean(), "recount agrees after approving an answer");
	is_int(status(c2, POST_DELETED), QA_OK, "comment deleted");
	ok(recount_clean(), "recount agrees after deleting a comment");
	is_int(status(q1, POST_HIDDEN), QA_OK, "question hidden");
	ok(recount_clean(), "recount agrees after hiding a question");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM posts_fts WHERE "
	    "rowid = %lld", (long long)q1);
	is_str(testdb_text(db, sql), "0", "hidden question out of the index");
	is_int(post_thread_get_for(db, &a, q1, 0, false, &t), QA_ENOTFOUND,
	    "hidden question not read for a visitor");
	is_int(post_thread_get_for(db, &a, q1, 1, true, &t), QA_OK,
	    "hidden question read for a moderator");
	is_int(status(q1, POST_VISIBLE), QA_OK, "question shown again");
	ok(recount_clean(), "recount agrees after showing it again");
	is_int(status(q1, 7), QA_EINPUT, "status out of range");
}

/* Similar questions and hostile search input. */
static void
test_similar(void)
{
	static const char *const hostile[] = {
		"\"", "\"\"\"", "(", ")", "(sleep", "NEAR(sleep drums)",
		"sleep*", "*", "^sleep", "title:sleep", "{title body}: x",
		"sleep AND", "OR OR OR", "NOT sleep", "- + : ^ * \" ( ) { }",
		"sleep\" OR \"x", "\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f"
		"\x98\x80", "\xe2\x80\x94\xe2\x80\x94\xe2\x80\x94", "a:b:c",
		"drummer's neighbour", "NEAR", "AND", "\t\n",
	};
	size_t	 i;
	int	 good = 1;

	is_int(atoll(similar("sleeping next to a drummer")), q1,
	    "similar: found by title words (stemmed)");
	is_int(atoll(similar("earplugs for drums")), q2,
	    "similar: an approved question first");
	is_int(atoll(similar("A closed question")), q3,
	    "similar: another title");
	is_str(similar(""), "", "empty text: nothing");
	is_str(similar("how what the why"), "", "stop words only: nothing");
	is_str(similar("a an to of"), "", "short words only: nothing");
	is_str(similar("Move out"), "", "answers are not searched");
	for (i = 0; i < nitems(hostile); i++)
		if (strcmp(similar(hostile[i]), "error") == 0) {
			diag("failed: %s", hostile[i]);
			good = 0;
		}
	ok(good, "hostile FTS input never errors");
}

/* tag_normalize(), tag_new_names(). */
static void
test_tags(void)
{
	const char	*why, **names;
	char		*out;
	size_t		 n;

	ok(tag_normalize(&a, "C++  c#, .NET sql SQL", &out, &n, &why) ==
	    QA_OK && n == 4 && strcmp(out, "c++ c# net sql") == 0,
	    "tags: case, commas, duplicate, leading dot");
	ok(tag_normalize(&a, "", &out, &n, &why) == QA_OK && n == 0 &&
	    strcmp(out, "") == 0, "tags: none");
	ok(tag_normalize(&a, " - ... ", &out, &n, &why) == QA_OK && n == 0,
	    "tags: only dots and dashes dropped");
	ok(tag_normalize(&a, "Психология sleep-tips node.js", &out, &n,
	    &why) == QA_OK && strcmp(out, "психология sleep-tips node.js")
	    == 0, "tags: Cyrillic kept and lower-cased, inner . and -");
	ok(tag_normalize(&a, "a b c d e f", &out, &n, &why) == QA_EINVALID &&
	    strcmp(why, "At most 5 tags") == 0, "tags: more than 5 refused");
	ok(tag_normalize(&a, "a b c d e a b", &out, &n, &why) == QA_OK &&
	    n == 5, "tags: 5 distinct with duplicates");
	ok(tag_normalize(&a, "good b@d", &out, &n, &why) == QA_EINVALID &&
	    strstr(why, "\"b@d\"") != NULL, "tags: bad character named");
	ok(tag_normalize(&a, "x<script>", &out, &n, &why) == QA_EINVALID,
	    "tags: markup refused");
	ok(tag_normalize(&a, "happy\xf0\x9f\x98\x80", &out, &n, &why) ==
	    QA_EINVALID, "tags: emoji refused");
	ok(tag_normalize(&a, "abcdefghijabcdefghijabcdefghijabc", &out, &n,
	    &why) == QA_EINVALID && strstr(why, "too long") != NULL,
	    "tags: over 32 bytes refused");
	ok(tag_normalize(&a, "abcdefghijabcdefghijabcdefghijab", &out, &n,
	    &why) == QA_OK, "tags: 32 bytes allowed");
	ok(tag_new_names(db, &a, "noise brandnew sleep other", &names, &n) ==
	    QA_OK && n == 2 && strcmp(names[0], "brandnew") == 0 &&
	    strcmp(names[1], "other") == 0, "new tag names found");
	ok(tag_new_names(db, &a, "noise", &names, &n) == QA_OK && n == 0 &&
	    names == NULL, "no new tag names");
}

/* post_link_count(). */
static void
test_links(void)
{
	is_int(post_link_count("no links at all"), 0, "links: none");
	is_int(post_link_count("see http://a.example and HTTPS://b.example"),
	    2, "links: bare URLs");
	is_int(post_link_count("[a](https://www.example.com/x)"), 1,
	    "links: one Markdown link counted once");
	is_int(post_link_count("www.example.com and [rel](/q/1)"), 2,
	    "links: www and a relative link");
	is_int(post_link_count(NULL), 0, "links: NULL");
}

int
main(void)
{
	struct testdb	 t;

	plan(116);
	db = testdb_open(&t, "postwrite-t", fixture);
	arena_init(&a);

	test_create();
	test_update();
	test_accept_claim();
	test_status();
	test_similar();
	test_tags();
	test_links();

	arena_free(&a);
	testdb_close(&t, db);
	return done();
}
