/*
 * post-t: the read queries of the model modules (post, user, tag,
 * category) against a new database filled with a small known site:
 * list orders, visibility, paging counts, a question thread with its
 * answers and comments, profiles, tags and the category tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "db.h"
#include "category.h"
#include "post.h"
#include "tag.h"
#include "user.h"
#include "tap.h"
#include "testdb.h"

/*
 * The site: categories top > mid > leaf and other; users alice and Bob;
 * visible questions 10 (leaf), 11 (mid, anonymous), 20 (other) and a
 * hidden one, 13; answers 12 (accepted), 14 and a hidden 15 on 10;
 * comments on the question, on the answers and on the hidden answer.
 */
static const char fixture[] =
	"INSERT INTO categories (id, parent_id, slug, name, position, depth,"
	" qcount) VALUES (1, NULL, 'top', 'Top', 1, 0, 2),"
	" (2, 1, 'mid', 'Mid', 1, 1, 2), (3, 2, 'leaf', 'Leaf', 1, 2, 1),"
	" (4, NULL, 'other', 'Other', 2, 0, 1);"
	"INSERT INTO users (id, handle, display_name, level, points, created)"
	" VALUES (1, 'alice', 'Alice', 5, 5600, 1), (2, 'Bob', '', 1, 10, 2);"
	"INSERT INTO posts (id, type, parent_id, question_id, title, slug,"
	" body_md, body_html, tags, category_id, user_id, anon_name, created,"
	" activity, score, answer_count, accepted_id, status, edited,"
	" edited_by, closed, duplicate_of) VALUES"
	" (10, 1, NULL, 10, 'First question', 'first-question', 'q',"
	"  '<p>q10</p>', 'c sql', 3, 1, NULL, 100, 500, 5, 2, NULL, 1, 400,"
	"  2, 0, NULL),"
	" (11, 1, NULL, 11, 'Second question', NULL, 'q', '<p>q11</p>', 'c',"
	"  2, NULL, 'Guest', 200, 200, -1, 0, NULL, 1, NULL, NULL, 1, 10),"
	" (13, 1, NULL, 13, 'Hidden question', 'hidden', 'q', '<p>q13</p>',"
	"  'c', 1, 1, NULL, 300, 300, 0, 0, NULL, 2, NULL, NULL, 0, NULL),"
	" (20, 1, NULL, 20, 'Third', 'third', 'q', '<p>q20</p>', '', 4, 2,"
	"  NULL, 150, 160, 7, 0, NULL, 1, NULL, NULL, 1, 13),"
	" (12, 2, 10, 10, NULL, NULL, 'a', '<p>a12</p>', '', NULL, 2, NULL,"
	"  110, 110, 1, 0, NULL, 1, NULL, NULL, 0, NULL),"
	" (14, 2, 10, 10, NULL, NULL, 'a', '<p>a14</p>', '', NULL, 1, NULL,"
	"  120, 120, 3, 0, NULL, 1, NULL, NULL, 0, NULL),"
	" (15, 2, 10, 10, NULL, NULL, 'a', '<p>a15</p>', '', NULL, 1, NULL,"
	"  115, 115, 9, 0, NULL, 2, NULL, NULL, 0, NULL),"
	" (16, 3, 10, 10, NULL, NULL, 'c', '<p>c16</p>', '', NULL, 2, NULL,"
	"  130, 130, 0, 0, NULL, 1, NULL, NULL, 0, NULL),"
	" (17, 3, 12, 10, NULL, NULL, 'c', '<p>c17</p>', '', NULL, NULL,"
	"  'Anon', 125, 125, 0, 0, NULL, 1, NULL, NULL, 0, NULL),"
	" (18, 3, 15, 10, NULL, NULL, 'c', '<p>c18</p>', '', NULL, 2, NULL,"
	"  126, 126, 0, 0, NULL, 1, NULL, NULL, 0, NULL),"
	" (19, 3, 14, 10, NULL, NULL, 'c', '<p>c19</p>', '', NULL, 2, NULL,"
	"  127, 127, 0, 0, NULL, 2, NULL, NULL, 0, NULL),"
	" (21, 3, 10, 10, NULL, NULL, 'c', '<p>c21</p>', '', NULL, 1, NULL,"
	"  105, 105, 0, 0, NULL, 1, 140, 2, 0, NULL);"
	"UPDATE posts SET accepted_id = 12 WHERE id = 10;"
	"INSERT INTO tags (id, name, qcount) VALUES (1, 'c', 2), (2, 'sql', 1),"
	" (3, 'old', 0);"
	"INSERT INTO post_tags (tag_id, post_id) VALUES (1, 10), (1, 11),"
	" (1, 13), (2, 10);";

/* The ids of a list read with post_list(), or "error". */
static const char *
list(struct db *db, struct arena *a, enum post_list l, int64_t key,
    int64_t offset, int64_t limit)
{
	struct post	*v;
	size_t		 n;

	if (post_list(db, a, l, key, offset, limit, &v, &n) != QA_OK)
		return "error";
	return testdb_ids(v, n);
}

/* post_list_count(), or -1 on error. */
static int64_t
count(struct db *db, enum post_list l, int64_t key, int64_t offset,
    int64_t cap)
{
	int64_t	 n;

	if (post_list_count(db, l, key, offset, cap, &n) != QA_OK)
		return -1;
	return n;
}

/* The question lists, their orders, visibility and bounded counts. */
static void
test_lists(struct db *db, struct arena *a)
{
	struct post	*v;
	size_t		 n;

	is_str(list(db, a, POST_LIST_NEWEST, 0, 0, 20), "11 20 10",
	    "newest: visible questions only, newest first");
	is_str(list(db, a, POST_LIST_ACTIVE, 0, 0, 20), "10 11 20",
	    "active: by last activity");
	is_str(list(db, a, POST_LIST_VOTES, 0, 0, 20), "20 10 11",
	    "votes: by net votes");
	is_str(list(db, a, POST_LIST_UNANSWERED, 0, 0, 20), "11 20",
	    "unanswered: no answer yet");
	is_str(list(db, a, POST_LIST_NEWEST, 0, 1, 1), "20",
	    "offset and limit");
	is_str(list(db, a, POST_LIST_NEWEST, 0, 5, 20), "",
	    "past the end: empty");
	is_str(list(db, a, POST_LIST_TAG, 1, 0, 20), "11 10",
	    "tag: newest first, hidden left out");
	is_str(list(db, a, POST_LIST_TAG_WIDE, 1, 0, 20), "11 10",
	    "tag, wide plan: the same rows");
	is_str(list(db, a, POST_LIST_TAG, 2, 0, 20), "10", "another tag");
	is_str(list(db, a, POST_LIST_CATEGORY, 2, 0, 20), "11",
	    "category: direct only");
	is_str(list(db, a, POST_LIST_SUBTREE, 1, 0, 20), "11 10",
	    "category subtree: and those below");
	is_str(list(db, a, POST_LIST_SUBTREE_WIDE, 1, 0, 20), "11 10",
	    "category subtree, wide plan: the same rows");
	is_str(list(db, a, POST_LIST_USER, 1, 0, 20), "10",
	    "user: hidden question left out");
	is_str(list(db, a, POST_LIST_USER, 2, 0, 20), "20", "another user");

	is_int(count(db, POST_LIST_NEWEST, 0, 0, 10), 3, "count all");
	is_int(count(db, POST_LIST_VOTES, 0, 0, 2), 2, "count stops at cap");
	is_int(count(db, POST_LIST_NEWEST, 0, 2, 10), 1, "count from offset");
	is_int(count(db, POST_LIST_UNANSWERED, 0, 0, 10), 2,
	    "count unanswered");
	is_int(count(db, POST_LIST_TAG_WIDE, 1, 0, 10), 2, "count tag");
	is_int(count(db, POST_LIST_CATEGORY, 3, 0, 10), 1, "count category");
	is_int(count(db, POST_LIST_SUBTREE, 1, 0, 10), 2, "count subtree");
	is_int(count(db, POST_LIST_USER, 1, 0, 10), 1, "count user");

	if (post_list(db, a, POST_LIST_NEWEST, 0, 0, 20, &v, &n) != QA_OK ||
	    n != 3)
		bail("newest list");
	ok(v[0].handle == NULL && v[0].anon_name != NULL &&
	    strcmp(v[0].anon_name, "Guest") == 0, "anonymous author");
	is_str(v[0].slug, "second-question", "missing slug made from title");
	is_str(v[2].handle, "alice", "author handle joined");
	is_int(v[2].points, 5600, "author points joined");
	is_str(v[2].category_slug, "leaf", "category joined");
	is_str(v[2].tags, "c sql", "tags from the post");
	ok(v[2].accepted_id == 12 && v[2].answer_count == 2 &&
	    v[2].score == 5, "counters");
	ok(v[0].closed && !v[2].closed, "closed flag");
}

/* A question page: visibility, answer order, comments, edits. */
static void
test_thread(struct db *db, struct arena *a)
{
	struct post_thread	 t;
	struct post		 q;

	is_int(post_thread_get(db, a, 12, &t), QA_ENOTFOUND,
	    "an answer is no question page");
	is_int(post_thread_get(db, a, 13, &t), QA_ENOTFOUND,
	    "a hidden question is not found");
	is_int(post_thread_get(db, a, 999, &t), QA_ENOTFOUND,
	    "unknown id is not found");
	if (post_thread_get(db, a, 10, &t) != QA_OK)
		bail("thread 10");
	is_str(t.question.title, "First question", "question title");
	is_str(t.question.body_html, "<p>q10</p>", "question body");
	is_str(t.question.edited_handle, "Bob", "question editor");
	is_int(t.question.edited, 400, "question edit time");
	is_str(testdb_ids(t.answers, t.nanswers), "12 14",
	    "answers: accepted first, hidden left out");
	ok(t.answers[0].accepted && !t.answers[1].accepted,
	    "accepted flag");
	is_str(testdb_ids(t.question.comments, t.question.ncomments), "21 16",
	    "question comments by time");
	is_str(testdb_ids(t.answers[0].comments, t.answers[0].ncomments), "17",
	    "answer comments");
	is_int(t.answers[1].ncomments, 0, "hidden comment left out");
	ok(t.question.comments[0].edited_handle != NULL &&
	    strcmp(t.question.comments[0].edited_handle, "Bob") == 0,
	    "comment editor");
	ok(t.answers[0].comments[0].handle == NULL &&
	    strcmp(t.answers[0].comments[0].anon_name, "Anon") == 0,
	    "anonymous comment");
	is_str(t.answers[1].handle, "alice", "answer author");

	if (post_question_get(db, a, 11, &q) != QA_OK)
		bail("question 11");
	is_str(q.slug, "second-question", "question slug from title");
	ok(q.closed && q.duplicate_of == 10 && q.duplicate_title != NULL &&
	    strcmp(q.duplicate_slug, "first-question") == 0,
	    "duplicate target");
	if (post_question_get(db, a, 20, &q) != QA_OK)
		bail("question 20");
	ok(q.duplicate_of == 13 && q.duplicate_title == NULL,
	    "hidden duplicate target not shown");
}

/* Profiles: a user's answers, users, levels. */
static void
test_users(struct db *db, struct arena *a)
{
	struct post	*v;
	struct user	 u, *uv;
	size_t		 n;
	int64_t		 c;

	ok(post_user_answers(db, a, 2, 10, &v, &n) == QA_OK && n == 1 &&
	    v[0].id == 12 && v[0].accepted && v[0].question_id == 10 &&
	    strcmp(v[0].title, "First question") == 0,
	    "user answers with their question");
	ok(post_user_answers(db, a, 1, 10, &v, &n) == QA_OK && n == 1 &&
	    v[0].id == 14 && !v[0].accepted, "hidden answer left out");

	ok(user_find_by_handle(db, a, "ALICE", &u) == QA_OK &&
	    strcmp(u.handle, "alice") == 0 && u.level == USER_ADMIN &&
	    u.points == 5600, "handle found in any case");
	is_int(user_find_by_handle(db, a, "nobody", &u), QA_ENOTFOUND,
	    "unknown handle");
	ok(user_find_by_id(db, a, 2, &u) == QA_OK && u.display_name == NULL,
	    "empty display name is none");
	ok(user_list(db, a, 0, 10, &uv, &n) == QA_OK && n == 2 &&
	    uv[0].id == 1 && uv[1].id == 2, "users by points");
	ok(user_count(db, 1, 5, &c) == QA_OK && c == 1, "user count");
	is_str(user_level_name(USER_SUPER), "super", "level name");
	is_str(user_level_name(42), "registered", "level out of range");
}

/* Tags and the category tree. */
static void
test_tags_categories(struct db *db, struct arena *a)
{
	struct tag	 t, *tv;
	struct category	 c, *root, *cv;
	const char	**names;
	size_t		 n;
	int64_t		 k;

	ok(tag_find(db, a, "c", &t) == QA_OK && t.id == 1 && t.qcount == 2,
	    "tag found");
	is_int(tag_find(db, a, "nope", &t), QA_ENOTFOUND, "unknown tag");
	ok(tag_list(db, a, 0, 10, &tv, &n) == QA_OK && n == 2 &&
	    strcmp(tv[0].name, "c") == 0 && strcmp(tv[1].name, "sql") == 0,
	    "tags by use, unused left out");
	ok(tag_count(db, 0, 10, &k) == QA_OK && k == 2, "tag count");
	n = tag_split(a, "  c  sql x ", &names);
	ok(n == 3 && strcmp(names[0], "c") == 0 &&
	    strcmp(names[1], "sql") == 0 && strcmp(names[2], "x") == 0,
	    "tag names split");
	ok(tag_split(a, "", &names) == 0 && names == NULL, "no tags");

	ok(category_find(db, a, "mid", &c) == QA_OK && c.parent_id == 1 &&
	    c.depth == 1 && strcmp(c.name, "Mid") == 0, "category found");
	is_int(category_find(db, a, "nope", &c), QA_ENOTFOUND,
	    "unknown category");
	ok(category_tree(db, a, &root) == QA_OK && root != NULL &&
	    strcmp(root->slug, "top") == 0 && root->next != NULL &&
	    strcmp(root->next->slug, "other") == 0 &&
	    root->next->next == NULL && root->children != NULL &&
	    strcmp(root->children->slug, "mid") == 0 &&
	    root->children->children != NULL &&
	    strcmp(root->children->children->slug, "leaf") == 0,
	    "category tree nested");
	ok(category_children(db, a, 1, &cv, &n) == QA_OK && n == 1 &&
	    cv[0].id == 2, "category children");
	ok(category_path(db, a, 3, &cv, &n) == QA_OK && n == 3 &&
	    cv[0].id == 1 && cv[1].id == 2 && cv[2].id == 3,
	    "category path, root first");
}

int
main(void)
{
	struct testdb	 t;
	struct db	*db;
	struct arena	 a;

	plan(68);
	db = testdb_open(&t, "post-t", fixture);
	arena_init(&a);

	test_lists(db, &a);
	test_thread(db, &a);
	test_users(db, &a);
	test_tags_categories(db, &a);

	arena_free(&a);
	testdb_close(&t, db);
	return done();
}
