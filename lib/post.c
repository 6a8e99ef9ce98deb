/*
 * post.c: read queries over posts for the pages of the read side.
 *
 * Question lists read a page of ids in index order in a subquery and only
 * then read those rows with their author and category, so rows skipped
 * by OFFSET cost no join.  A question
 * page takes three queries: the question, its answers, and every comment
 * of both, which are attached to their parents in memory.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "post.h"
#include "util.h"

enum post_stmt {
	POST_STMT_NEWEST,		/* question list: newest */
	POST_STMT_ACTIVE,		/* question list: active */
	POST_STMT_VOTES,		/* question list: votes */
	POST_STMT_UNANSWERED,		/* question list: unanswered */
	POST_STMT_TAG,			/* question list: one tag */
	POST_STMT_TAG_WIDE,		/* question list: a popular tag */
	POST_STMT_CATEGORY,		/* question list: one category */
	POST_STMT_SUBTREE,		/* question list: categories */
	POST_STMT_SUBTREE_WIDE,		/* question list: big categories */
	POST_STMT_USER,			/* question list: one author */
	POST_STMT_COUNT_ALL,		/* bounded counts of the lists */
	POST_STMT_COUNT_UNANSWERED,
	POST_STMT_COUNT_TAG,
	POST_STMT_COUNT_CATEGORY,
	POST_STMT_COUNT_SUBTREE,
	POST_STMT_COUNT_USER,
	POST_STMT_QUESTION,		/* one post with question details */
	POST_STMT_ANSWERS,		/* visible answers of a question */
	POST_STMT_COMMENTS,		/* visible comments of a thread */
	POST_STMT_USER_ANSWERS,		/* a user's recent answers */
	POST_STMT__MAX
};

/*
 * Question lists: ?1 limit, ?2 offset, ?3 the key (tag, category, user).
 * The inner query picks the page's ids from an index (rows skipped by
 * OFFSET cost an index step, no join); the outer one reads those rows by
 * primary key with their author and category and puts them back in the
 * list's order (ties by id, as in the indexes).  The result columns are
 * read by list_row().
 */
#define LIST_HEAD \
	"SELECT p.id, p.title, p.slug, p.tags, p.score, p.answer_count, " \
	"p.accepted_id, p.created, p.activity, p.user_id, p.anon_name, " \
	"p.closed, p.views, p.category_id, u.handle, u.points, c.slug, " \
	"c.name FROM posts p LEFT JOIN users u ON u.id = p.user_id " \
	"LEFT JOIN categories c ON c.id = p.category_id WHERE p.id IN " \
	"(SELECT "
#define LIST_END(order) \
	" LIMIT ?1 OFFSET ?2) ORDER BY " order
#define NEWEST_FIRST	"p.created DESC, p.id"
/* The literal conditions match the partial indexes' WHERE clauses. */
#define VISIBLE_Q	"type = 1 AND status = 1"
/*
 * The ids of category ?3 and of every category below it, down to the
 * fourth level: ?3, its children, and the children of its children and
 * grandchildren.  Categories is a small table, read whole.
 */
#define SUBTREE \
	"(SELECT id FROM categories WHERE id = ?3 OR parent_id = ?3 " \
	"OR parent_id IN (SELECT id FROM categories WHERE parent_id = ?3 " \
	"OR parent_id IN (SELECT id FROM categories WHERE parent_id = ?3)))"

/*
 * Thread posts: THREAD_COLS are read by thread_row(); the question adds
 * QUESTION_COLS after them.
 */
#define THREAD_COLS \
	"p.id, p.type, p.status, p.parent_id, p.question_id, p.body_html, " \
	"p.user_id, u.handle, u.points, p.anon_name, p.created, p.edited, " \
	"e.handle, p.edited_name, p.score, p.comment_count"
#define THREAD_JOIN \
	" FROM posts p LEFT JOIN users u ON u.id = p.user_id " \
	"LEFT JOIN users e ON e.id = p.edited_by"
#define QUESTION_COLS \
	", p.title, p.slug, p.tags, p.category_id, c.slug, c.name, " \
	"p.activity, p.closed, p.close_reason, p.duplicate_of, d.title, " \
	"d.slug, p.answer_count, p.accepted_id, p.views"

static const char *const post_sql[POST_STMT__MAX] = {
	/* NEWEST: index posts_q_newest. */
	LIST_HEAD "id FROM posts WHERE " VISIBLE_Q " ORDER BY created DESC"
	LIST_END(NEWEST_FIRST),
	/* ACTIVE: index posts_q_active. */
	LIST_HEAD "id FROM posts WHERE " VISIBLE_Q " ORDER BY activity DESC"
	LIST_END("p.activity DESC, p.id"),
	/* VOTES: index posts_q_votes. */
	LIST_HEAD "id FROM posts WHERE " VISIBLE_Q
	" ORDER BY score DESC, created DESC"
	LIST_END("p.score DESC, p.created DESC, p.id"),
	/* UNANSWERED: index posts_q_unanswered. */
	LIST_HEAD "id FROM posts WHERE " VISIBLE_Q
	" AND answer_count = 0 ORDER BY created DESC" LIST_END(NEWEST_FIRST),
	/*
	 * TAG: the tag's rows of post_tags, each post by id, then a sort of
	 * them all, so for tags on few questions.
	 */
	LIST_HEAD "t.post_id FROM post_tags t CROSS JOIN posts x "
	"ON x.id = t.post_id WHERE t.tag_id = ?3 AND x.type = 1 "
	"AND x.status = 1 ORDER BY x.created DESC, x.id"
	LIST_END(NEWEST_FIRST),
	/*
	 * TAG_WIDE: index posts_q_newest, keeping the questions that have the
	 * tag (a primary-key probe of post_tags each), so for popular tags.
	 */
	LIST_HEAD "id FROM posts x WHERE " VISIBLE_Q
	" AND EXISTS (SELECT 1 FROM post_tags t WHERE t.tag_id = ?3 "
	"AND t.post_id = x.id) ORDER BY created DESC" LIST_END(NEWEST_FIRST),
	/* CATEGORY: index posts_q_category. */
	LIST_HEAD "id FROM posts WHERE " VISIBLE_Q
	" AND category_id = ?3 ORDER BY created DESC" LIST_END(NEWEST_FIRST),
	/* SUBTREE: index posts_q_category per category, then a sort. */
	LIST_HEAD "id FROM posts WHERE " VISIBLE_Q " AND category_id IN "
	SUBTREE " ORDER BY created DESC, id" LIST_END(NEWEST_FIRST),
	/* SUBTREE_WIDE: index posts_q_newest, keeping those in the tree. */
	LIST_HEAD "id FROM posts INDEXED BY posts_q_newest WHERE " VISIBLE_Q
	" AND category_id IN " SUBTREE " ORDER BY created DESC"
	LIST_END(NEWEST_FIRST),
	/* USER: index posts_user. */
	LIST_HEAD "id FROM posts WHERE user_id = ?3 AND " VISIBLE_Q
	" ORDER BY created DESC" LIST_END(NEWEST_FIRST),
	/*
	 * COUNT_*: ?1 cap, ?2 offset.  The caller counts the rows, at most
	 * cap, so a count reads at most offset + cap index entries.
	 */
	"SELECT 1 FROM posts WHERE " VISIBLE_Q " ORDER BY created DESC "
	"LIMIT ?1 OFFSET ?2",
	"SELECT 1 FROM posts WHERE " VISIBLE_Q " AND answer_count = 0 "
	"ORDER BY created DESC LIMIT ?1 OFFSET ?2",
	"SELECT 1 FROM post_tags t CROSS JOIN posts p ON p.id = t.post_id "
	"WHERE t.tag_id = ?3 AND p.type = 1 AND p.status = 1 "
	"LIMIT ?1 OFFSET ?2",
	"SELECT 1 FROM posts WHERE " VISIBLE_Q " AND category_id = ?3 "
	"ORDER BY created DESC LIMIT ?1 OFFSET ?2",
	"SELECT 1 FROM posts WHERE " VISIBLE_Q " AND category_id IN "
	SUBTREE " LIMIT ?1 OFFSET ?2",
	"SELECT 1 FROM posts WHERE user_id = ?3 AND " VISIBLE_Q
	" ORDER BY created DESC LIMIT ?1 OFFSET ?2",
	/* QUESTION: primary keys only.  The caller checks type and status. */
	"SELECT " THREAD_COLS QUESTION_COLS THREAD_JOIN
	" LEFT JOIN categories c ON c.id = p.category_id "
	"LEFT JOIN posts d ON d.id = p.duplicate_of AND d.type = 1 "
	"AND d.status = 1 WHERE p.id = ?1",
	/* ANSWERS: index posts_parent; ?2 is the accepted answer or 0. */
	"SELECT " THREAD_COLS THREAD_JOIN
	" WHERE p.parent_id = ?1 AND p.type = 2 AND p.status = 1 "
	"ORDER BY p.id = ?2 DESC, p.score DESC, p.created, p.id",
	/*
	 * COMMENTS: on the question and on its visible answers; index
	 * posts_parent for each parent.
	 */
	"SELECT " THREAD_COLS THREAD_JOIN
	" WHERE p.type = 3 AND p.status = 1 AND p.parent_id IN "
	"(SELECT ?1 UNION ALL SELECT id FROM posts "
	"WHERE parent_id = ?1 AND type = 2 AND status = 1) "
	"ORDER BY p.created, p.id",
	/* USER_ANSWERS: index posts_user, then each question by id. */
	"SELECT a.id, a.score, a.created, q.id, q.title, q.slug, "
	"q.accepted_id FROM posts a CROSS JOIN posts q ON q.id = a.parent_id "
	"WHERE a.user_id = ?1 AND a.type = 2 AND a.status = 1 "
	"AND q.status = 1 ORDER BY a.created DESC LIMIT ?2",
};

static sqlite3_stmt *post_cache[POST_STMT__MAX];
static struct db_stmts post_stmts =
    { post_sql, POST_STMT__MAX, post_cache, NULL, NULL };

/* The statement of each list and of its count. */
static const enum post_stmt list_stmt[POST_LIST__MAX] = {
	POST_STMT_NEWEST, POST_STMT_ACTIVE, POST_STMT_VOTES,
	POST_STMT_UNANSWERED, POST_STMT_TAG, POST_STMT_TAG_WIDE,
	POST_STMT_CATEGORY, POST_STMT_SUBTREE, POST_STMT_SUBTREE_WIDE,
	POST_STMT_USER,
};
static const enum post_stmt count_stmt[POST_LIST__MAX] = {
	POST_STMT_COUNT_ALL, POST_STMT_COUNT_ALL, POST_STMT_COUNT_ALL,
	POST_STMT_COUNT_UNANSWERED, POST_STMT_COUNT_TAG, POST_STMT_COUNT_TAG,
	POST_STMT_COUNT_CATEGORY, POST_STMT_COUNT_SUBTREE,
	POST_STMT_COUNT_SUBTREE, POST_STMT_COUNT_USER,
};

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
post_statements(void)
{
	return &post_stmts;
}

/* Whether a list takes a key (?3): those from POST_LIST_TAG on. */
static bool
list_keyed(enum post_list l)
{
	return l >= POST_LIST_TAG;
}

/*
 * A question's slug: the stored one, or one made from the title when the
 * stored one is missing.  Returns arena memory, or NULL if out of memory.
 */
static const char *
question_slug(struct arena *a, const char *slug, const char *title)
{
	if (slug != NULL && slug[0] != '\0')
		return slug;
	return util_slug(a, title != NULL ? title : "");
}

/*
 * Fill the struct post at v from the current row of a question list
 * statement (LIST_HEAD's columns), copying text into the arena.  Returns
 * QA_ESYS if out of memory.  A db_rows() row function.
 */
static enum qa_err
list_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct post	*p = v;

	memset(p, 0, sizeof(*p));
	p->id = db_col_int(st, 0);
	p->type = POST_QUESTION;
	p->status = POST_VISIBLE;
	p->question_id = p->id;
	p->title = db_col_text(a, st, 1);
	p->slug = db_col_text(a, st, 2);
	p->tags = db_col_text(a, st, 3);
	p->score = db_col_int(st, 4);
	p->answer_count = db_col_int(st, 5);
	p->accepted_id = db_col_int(st, 6);
	p->created = db_col_int(st, 7);
	p->activity = db_col_int(st, 8);
	p->user_id = db_col_int(st, 9);
	p->anon_name = db_col_text(a, st, 10);
	p->closed = db_col_int(st, 11) != 0;
	p->views = db_col_int(st, 12);
	p->category_id = db_col_int(st, 13);
	p->handle = db_col_text(a, st, 14);
	p->points = db_col_int(st, 15);
	p->category_slug = db_col_text(a, st, 16);
	p->category_name = db_col_text(a, st, 17);
	if (p->title == NULL || p->tags == NULL)
		return QA_ESYS;
	if ((p->slug = question_slug(a, p->slug, p->title)) == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Read one page of a question list: up to limit visible questions from
 * offset, in the list's order, each with its author's handle and points
 * and its category.  key is the tag, category or user id for the lists
 * that take one and is ignored by the others.  *out is an arena array of
 * *n posts (NULL when *n is 0).  Two index reads and two primary-key
 * lookups per row; one query.  Returns QA_OK or the database error.
 */
enum qa_err
post_list(struct db *db, struct arena *a, enum post_list list, int64_t key,
    int64_t offset, int64_t limit, struct post **out, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v;
	enum qa_err	 er;

	assert(list < POST_LIST__MAX);
	*out = NULL;
	*n = 0;
	if (limit <= 0 || offset < 0)
		return QA_OK;
	if ((st = db_stmt(db, &post_stmts, list_stmt[list])) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	if (list_keyed(list))
		sqlite3_bind_int64(st, 3, key);
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, list_row, &v, n,
	    "post_list");
	*out = v;
	return er;
}

/*
 * Count the questions of a list from offset on, stopping at cap, so a
 * pager learns how many pages follow the current one without counting a
 * whole list.  key as for post_list().  Returns QA_OK with *count in
 * [0, cap], or the database error.
 */
enum qa_err
post_list_count(struct db *db, enum post_list list, int64_t key,
    int64_t offset, int64_t cap, int64_t *count)
{
	sqlite3_stmt	*st;

	assert(list < POST_LIST__MAX);
	*count = 0;
	if (cap <= 0 || offset < 0)
		return QA_OK;
	if ((st = db_stmt(db, &post_stmts, count_stmt[list])) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, cap);
	sqlite3_bind_int64(st, 2, offset);
	if (list_keyed(list))
		sqlite3_bind_int64(st, 3, key);
	return db_count(db, st, count, "post_list_count");
}

/*
 * Fill the struct post at v from the current row of a thread statement
 * (THREAD_COLS), copying text into the arena.  Returns QA_ESYS if out of
 * memory.  The shape of a db_rows() row function.
 */
static enum qa_err
thread_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct post	*p = v;

	memset(p, 0, sizeof(*p));
	p->id = db_col_int(st, 0);
	p->type = (int)db_col_int(st, 1);
	p->status = (int)db_col_int(st, 2);
	p->parent_id = db_col_int(st, 3);
	p->question_id = db_col_int(st, 4);
	p->body_html = db_col_text(a, st, 5);
	p->user_id = db_col_int(st, 6);
	p->handle = db_col_text(a, st, 7);
	p->points = db_col_int(st, 8);
	p->anon_name = db_col_text(a, st, 9);
	p->created = db_col_int(st, 10);
	p->edited = db_col_int(st, 11);
	p->edited_handle = db_col_text(a, st, 12);
	p->edited_name = db_col_text(a, st, 13);
	p->score = db_col_int(st, 14);
	p->comment_count = db_col_int(st, 15);
	return p->body_html == NULL ? QA_ESYS : QA_OK;
}

/*
 * Read the visible question `id` into q, without answers or comments: its
 * text, author, editor, category and duplicate target.  Primary-key
 * lookups only; one query.  Returns QA_OK, QA_ENOTFOUND when id is not a
 * visible question, or the database error.
 */
enum qa_err
post_question_get(struct db *db, struct arena *a, int64_t id,
    struct post *q)
{
	sqlite3_stmt	*st;
	enum qa_err	 er;
	int		 rc;
	const int	 c = 16;	/* first of QUESTION_COLS */

	if ((st = db_stmt(db, &post_stmts, POST_STMT_QUESTION)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_DONE) {
		er = QA_ENOTFOUND;
		goto out;
	} else if (rc != SQLITE_ROW) {
		er = db_err(db, rc, "post_question_get");
		goto out;
	}
	if ((er = thread_row(a, st, q)) != QA_OK)
		goto out;
	if (q->type != POST_QUESTION || q->status != POST_VISIBLE) {
		er = QA_ENOTFOUND;
		goto out;
	}
	q->question_id = q->id;
	q->title = db_col_text(a, st, c);
	q->slug = db_col_text(a, st, c + 1);
	q->tags = db_col_text(a, st, c + 2);
	q->category_id = db_col_int(st, c + 3);
	q->category_slug = db_col_text(a, st, c + 4);
	q->category_name = db_col_text(a, st, c + 5);
	q->activity = db_col_int(st, c + 6);
	q->closed = db_col_int(st, c + 7) != 0;
	q->close_reason = db_col_text(a, st, c + 8);
	q->duplicate_of = db_col_int(st, c + 9);
	q->duplicate_title = db_col_text(a, st, c + 10);
	q->duplicate_slug = db_col_text(a, st, c + 11);
	q->answer_count = db_col_int(st, c + 12);
	q->accepted_id = db_col_int(st, c + 13);
	q->views = db_col_int(st, c + 14);
	if (q->title == NULL || q->tags == NULL ||
	    (q->slug = question_slug(a, q->slug, q->title)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	if (q->duplicate_title != NULL && (q->duplicate_slug =
	    question_slug(a, q->duplicate_slug, q->duplicate_title)) == NULL)
		er = QA_ESYS;
out:
	db_done(st);
	return er;
}

/*
 * Read every row of a bound thread statement into an arena array
 * (db_rows() with DB_ROWS_ALL).  Resets the statement.  Returns QA_OK with
 * *out and *n (NULL and 0 when empty) or the error.
 */
static enum qa_err
thread_rows(struct db *db, struct arena *a, sqlite3_stmt *st,
    struct post **out, size_t *n)
{
	void		*v;
	enum qa_err	 er;

	er = db_rows(db, st, a, sizeof(**out), DB_ROWS_ALL, thread_row, &v, n,
	    "post_thread_get");
	*out = v;
	return er;
}

/*
 * Hang each comment from its parent: the question or one of the answers.
 * Comments keep their order (by time) under each parent; one whose parent
 * is not shown is dropped.  Allocates one array in the arena.  Returns
 * QA_OK or QA_ESYS.
 */
static enum qa_err
thread_attach(struct arena *a, struct post_thread *t, struct post *c,
    size_t nc)
{
	struct post	*sorted, *owner;
	size_t		*own, *at, i, j, k, nown = t->nanswers + 1;

	if (nc == 0)
		return QA_OK;
	if ((own = arena_alloc(a, nc * sizeof(*own))) == NULL ||
	    (at = arena_calloc(a, nown + 1, sizeof(*at))) == NULL ||
	    (sorted = arena_alloc(a, nc * sizeof(*sorted))) == NULL)
		return QA_ESYS;
	/* Owner of comment i: 0 the question, j + 1 answer j, nown none. */
	for (i = 0; i < nc; i++) {
		c[i].question_id = t->question.id;
		k = c[i].parent_id == t->question.id ? 0 : nown;
		for (j = 0; k == nown && j < t->nanswers; j++)
			if (t->answers[j].id == c[i].parent_id)
				k = j + 1;
		own[i] = k;
		at[k]++;
	}
	/* Counting sort: at[k] becomes the first slot of owner k. */
	for (k = 0, j = 0; k <= nown; k++) {
		i = at[k];
		at[k] = j;
		j += i;
	}
	for (k = 0; k < nown; k++) {
		owner = k == 0 ? &t->question : &t->answers[k - 1];
		owner->comments = sorted + at[k];
		owner->ncomments = at[k + 1] - at[k];
	}
	for (i = 0; i < nc; i++)
		sorted[at[own[i]]++] = c[i];
	return QA_OK;
}

/*
 * Read a question page: the visible question `id` with its author, editor,
 * category and duplicate target, its visible answers (accepted first, then
 * by net votes, then oldest first; ->accepted set on the best one), and
 * the visible comments of the question and of those answers, hung from
 * their parents in time order.  Three queries.  Everything is in the
 * arena.  Returns QA_OK, QA_ENOTFOUND when id is not a visible question,
 * or the database error.
 */
enum qa_err
post_thread_get(struct db *db, struct arena *a, int64_t id,
    struct post_thread *t)
{
	sqlite3_stmt	*st;
	struct post	*c;
	size_t		 nc, i;
	enum qa_err	 er;

	memset(t, 0, sizeof(*t));
	if ((er = post_question_get(db, a, id, &t->question)) != QA_OK)
		return er;
	if ((st = db_stmt(db, &post_stmts, POST_STMT_ANSWERS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, t->question.accepted_id);
	if ((er = thread_rows(db, a, st, &t->answers, &t->nanswers)) != QA_OK)
		return er;
	for (i = 0; i < t->nanswers; i++) {
		t->answers[i].question_id = id;
		t->answers[i].accepted =
		    t->answers[i].id == t->question.accepted_id;
	}
	if ((st = db_stmt(db, &post_stmts, POST_STMT_COMMENTS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if ((er = thread_rows(db, a, st, &c, &nc)) != QA_OK)
		return er;
	return thread_attach(a, t, c, nc);
}

/*
 * Fill the struct post at v, zeroed, from the current row of
 * USER_ANSWERS: the answer's id, score, created time and ->accepted, and
 * its question's id (also parent_id), title and slug; user_id is left to
 * the caller.  Returns QA_ESYS if out of memory.  A db_rows() row
 * function.
 */
static enum qa_err
answer_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct post	*p = v;

	p->id = db_col_int(st, 0);
	p->type = POST_ANSWER;
	p->status = POST_VISIBLE;
	p->score = db_col_int(st, 1);
	p->created = db_col_int(st, 2);
	p->question_id = p->parent_id = db_col_int(st, 3);
	p->title = db_col_text(a, st, 4);
	p->slug = db_col_text(a, st, 5);
	p->accepted = db_col_int(st, 6) == p->id;
	if (p->title == NULL ||
	    (p->slug = question_slug(a, p->slug, p->title)) == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Read a user's most recent visible answers to visible questions, up to
 * limit, newest first.  Each post has the answer's id, score and created
 * time, ->accepted, and the question's id, title and slug in question_id,
 * title and slug.  *out is an arena array of *n posts (NULL when *n is
 * 0).  Returns QA_OK or the database error.
 */
enum qa_err
post_user_answers(struct db *db, struct arena *a, int64_t user_id,
    int64_t limit, struct post **out, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v;
	size_t		 i;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if (limit <= 0)
		return QA_OK;
	if ((st = db_stmt(db, &post_stmts, POST_STMT_USER_ANSWERS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, limit);
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, answer_row, &v,
	    n, "post_user_answers");
	*out = v;
	for (i = 0; i < *n; i++)
		(*out)[i].user_id = user_id;
	return er;
}
