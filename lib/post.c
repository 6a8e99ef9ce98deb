/*
 * post.c: questions, answers and comments: the read queries of the pages,
 * and the writes (create, edit, accept, status, manage keys, claim) that
 * keep every counter and the search index in step.
 *
 * Question lists read a page of ids in index order in a subquery and only
 * then read those rows with their author and category, so rows skipped
 * by OFFSET cost no join.  A question
 * page takes three queries: the question, its answers, and every comment
 * of both, which are attached to their parents in memory.
 *
 * Writes run inside the caller's transaction.  A post counts only while
 * it is visible, exactly as lib/recount.c defines each counter: the
 * parent's answer_count or comment_count, the question's activity, the
 * author's qcount or acount, and for a question the qcount of its tags
 * and of its category and every category above it.  visibility_change()
 * is the one place that moves them, and the search index and the
 * author's points for the post (lib/points.c) with them.  The points of
 * a best answer follow post_accept(), and a claimed post brings its
 * points to its new author.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "markdown.h"
#include "points.h"
#include "post.h"
#include "tag.h"
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
	POST_STMT_TAG_ACTIVE,		/* tag and category lists in the */
	POST_STMT_TAG_VOTES,		/* other orders */
	POST_STMT_TAG_UNANSWERED,
	POST_STMT_TAG_WIDE_ACTIVE,
	POST_STMT_TAG_WIDE_VOTES,
	POST_STMT_TAG_WIDE_UNANSWERED,
	POST_STMT_SUBTREE_ACTIVE,
	POST_STMT_SUBTREE_VOTES,
	POST_STMT_SUBTREE_UNANSWERED,
	POST_STMT_SUBTREE_WIDE_ACTIVE,
	POST_STMT_SUBTREE_WIDE_VOTES,
	POST_STMT_SUBTREE_WIDE_UNANSWERED,
	POST_STMT_COUNT_ALL,		/* bounded counts of the lists */
	POST_STMT_COUNT_UNANSWERED,
	POST_STMT_COUNT_TAG,
	POST_STMT_COUNT_CATEGORY,
	POST_STMT_COUNT_SUBTREE,
	POST_STMT_COUNT_USER,
	POST_STMT_COUNT_TAG_UNANSWERED,
	POST_STMT_COUNT_SUBTREE_UNANSWERED,
	POST_STMT_QUESTION,		/* one post with question details */
	POST_STMT_ANSWERS,		/* visible answers of a question */
	POST_STMT_COMMENTS,		/* visible comments of a thread */
	POST_STMT_USER_ANSWERS,		/* a user's recent answers */
	POST_STMT_ANSWERS_FOR,		/* answers a viewer may see */
	POST_STMT_COMMENTS_FOR,		/* comments a viewer may see */
	POST_STMT_RAW,			/* one post's stored fields */
	POST_STMT_INSERT,		/* a new post */
	POST_STMT_SET_QUESTION,		/* a new question's question_id */
	POST_STMT_UPDATE,		/* an edit */
	POST_STMT_REV_INSERT,		/* the next revision of a post */
	POST_STMT_REVISIONS,		/* every revision of a post */
	POST_STMT_CHILDREN,		/* answer_count, comment_count += */
	POST_STMT_ACTIVITY,		/* activity = max(activity, t) */
	POST_STMT_ACTIVITY_RECALC,	/* activity from the thread */
	POST_STMT_USER_POSTS,		/* users.qcount, acount += */
	POST_STMT_TAG_ADD,		/* a tags row, if missing */
	POST_STMT_TAG_LINK,		/* a post_tags row */
	POST_STMT_TAG_UNLINK,		/* every post_tags row of a post */
	POST_STMT_TAG_COUNT,		/* qcount += for a post's tags */
	POST_STMT_CAT_EXISTS,		/* whether a category exists */
	POST_STMT_CAT_COUNT,		/* qcount += up a category chain */
	POST_STMT_ACCEPT,		/* a question's accepted answer */
	POST_STMT_STATUS,		/* a post's status */
	POST_STMT_VIEWS,		/* views += */
	POST_STMT_KEY_INSERT,		/* a manage key */
	POST_STMT_KEY_POST,		/* the post of a manage key */
	POST_STMT_KEY_DELETE,		/* every manage key of a post */
	POST_STMT_CLAIM,		/* an anonymous post to a user */
	POST_STMT_CLAIM_REVISIONS,	/* and its anonymous revisions */
	POST_STMT_UPDOWN,		/* a post's up and down votes */
	POST_STMT__MAX
};

/*
 * Question lists: ?1 limit, ?2 offset, ?3 the key (tag, category, user).
 * The inner query picks the page's ids from an index (rows skipped by
 * OFFSET cost an index step, no join); the outer one reads those rows by
 * primary key with their author and category and puts them back in the
 * list's order (ties by id, as in the indexes).  The result columns
 * (POST_LIST_COLS, in post.h) are read by post_list_row().
 */
#define LIST_HEAD \
	"SELECT " POST_LIST_COLS " FROM posts p" POST_LIST_JOINS \
	" WHERE p.id IN (SELECT "
#define LIST_END(order) \
	" LIMIT ?1 OFFSET ?2) ORDER BY " order
#define NEWEST_FIRST	"p.created DESC, p.id"
#define ACTIVE_FIRST	"p.activity DESC, p.id"
#define VOTES_FIRST	"p.score DESC, p.created DESC, p.id"
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
/* Whether the question aliased x has tag ?3: a primary-key probe. */
#define HAS_TAG \
	"EXISTS (SELECT 1 FROM post_tags t WHERE t.tag_id = ?3 " \
	"AND t.post_id = x.id)"

/*
 * Thread posts: THREAD_COLS are read by thread_row(); the question adds
 * QUESTION_COLS after them.
 */
#define THREAD_COLS \
	"p.id, p.type, p.status, p.parent_id, p.question_id, p.body_html, " \
	"p.user_id, u.handle, u.points, p.anon_name, p.created, p.edited, " \
	"e.handle, p.edited_name, p.score, p.comment_count, p.comments_locked"
#define THREAD_JOIN \
	" FROM posts p LEFT JOIN users u ON u.id = p.user_id " \
	"LEFT JOIN users e ON e.id = p.edited_by"
/*
 * Whether the post aliased x is shown to a viewer: visible, or queued or
 * hidden and the viewer (?4) wrote it or (?3 not 0) moderates.
 */
#define SHOWN(x) \
	"(" x ".status = 1 OR (" x ".status IN (0, 2) AND (?3 <> 0 OR " \
	x ".user_id = ?4)))"
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
	 * TAG_ACTIVE, _VOTES, _UNANSWERED: as TAG, sorted in the order of
	 * ACTIVE, VOTES and UNANSWERED.
	 */
	LIST_HEAD "t.post_id FROM post_tags t CROSS JOIN posts x "
	"ON x.id = t.post_id WHERE t.tag_id = ?3 AND x.type = 1 "
	"AND x.status = 1 ORDER BY x.activity DESC, x.id"
	LIST_END(ACTIVE_FIRST),
	LIST_HEAD "t.post_id FROM post_tags t CROSS JOIN posts x "
	"ON x.id = t.post_id WHERE t.tag_id = ?3 AND x.type = 1 "
	"AND x.status = 1 ORDER BY x.score DESC, x.created DESC, x.id"
	LIST_END(VOTES_FIRST),
	LIST_HEAD "t.post_id FROM post_tags t CROSS JOIN posts x "
	"ON x.id = t.post_id WHERE t.tag_id = ?3 AND x.type = 1 "
	"AND x.status = 1 AND x.answer_count = 0 "
	"ORDER BY x.created DESC, x.id" LIST_END(NEWEST_FIRST),
	/*
	 * TAG_WIDE_ACTIVE, _VOTES, _UNANSWERED: as TAG_WIDE, walking index
	 * posts_q_active, posts_q_votes or posts_q_unanswered.
	 */
	LIST_HEAD "id FROM posts x INDEXED BY posts_q_active WHERE " VISIBLE_Q
	" AND " HAS_TAG " ORDER BY activity DESC" LIST_END(ACTIVE_FIRST),
	LIST_HEAD "id FROM posts x INDEXED BY posts_q_votes WHERE " VISIBLE_Q
	" AND " HAS_TAG " ORDER BY score DESC, created DESC"
	LIST_END(VOTES_FIRST),
	LIST_HEAD "id FROM posts x INDEXED BY posts_q_unanswered WHERE "
	VISIBLE_Q " AND answer_count = 0 AND " HAS_TAG
	" ORDER BY created DESC" LIST_END(NEWEST_FIRST),
	/*
	 * SUBTREE_ACTIVE, _VOTES, _UNANSWERED: index posts_q_category per
	 * category, then a sort.
	 */
	LIST_HEAD "id FROM posts INDEXED BY posts_q_category WHERE "
	VISIBLE_Q " AND category_id IN " SUBTREE
	" ORDER BY activity DESC, id" LIST_END(ACTIVE_FIRST),
	LIST_HEAD "id FROM posts INDEXED BY posts_q_category WHERE "
	VISIBLE_Q " AND category_id IN " SUBTREE
	" ORDER BY score DESC, created DESC, id" LIST_END(VOTES_FIRST),
	LIST_HEAD "id FROM posts INDEXED BY posts_q_category WHERE "
	VISIBLE_Q " AND answer_count = 0 AND category_id IN " SUBTREE
	" ORDER BY created DESC, id" LIST_END(NEWEST_FIRST),
	/*
	 * SUBTREE_WIDE_ACTIVE, _VOTES, _UNANSWERED: index posts_q_active,
	 * posts_q_votes or posts_q_unanswered, keeping those in the tree.
	 */
	LIST_HEAD "id FROM posts INDEXED BY posts_q_active WHERE " VISIBLE_Q
	" AND category_id IN " SUBTREE " ORDER BY activity DESC"
	LIST_END(ACTIVE_FIRST),
	LIST_HEAD "id FROM posts INDEXED BY posts_q_votes WHERE " VISIBLE_Q
	" AND category_id IN " SUBTREE " ORDER BY score DESC, created DESC"
	LIST_END(VOTES_FIRST),
	LIST_HEAD "id FROM posts INDEXED BY posts_q_unanswered WHERE "
	VISIBLE_Q " AND answer_count = 0 AND category_id IN " SUBTREE
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
	"SELECT 1 FROM post_tags t CROSS JOIN posts p ON p.id = t.post_id "
	"WHERE t.tag_id = ?3 AND p.type = 1 AND p.status = 1 "
	"AND p.answer_count = 0 LIMIT ?1 OFFSET ?2",
	"SELECT 1 FROM posts INDEXED BY posts_q_category WHERE " VISIBLE_Q
	" AND answer_count = 0 AND category_id IN " SUBTREE
	" LIMIT ?1 OFFSET ?2",
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
	/*
	 * ANSWERS_FOR, COMMENTS_FOR: as ANSWERS and COMMENTS, with the
	 * queued posts that viewer ?4 wrote, or all of them when ?3 (a
	 * moderator) is not 0.
	 */
	"SELECT " THREAD_COLS THREAD_JOIN
	" WHERE p.parent_id = ?1 AND p.type = 2 AND " SHOWN("p")
	" ORDER BY p.id = ?2 DESC, p.score DESC, p.created, p.id",
	"SELECT " THREAD_COLS THREAD_JOIN
	" WHERE p.type = 3 AND " SHOWN("p") " AND p.parent_id IN "
	"(SELECT ?1 UNION ALL SELECT x.id FROM posts x "
	"WHERE x.parent_id = ?1 AND x.type = 2 AND " SHOWN("x") ") "
	"ORDER BY p.created, p.id",
	/* RAW: primary key. */
	"SELECT id, type, status, parent_id, question_id, title, slug, "
	"body_md, tags, category_id, user_id, anon_name, anon_email, closed, "
	"comments_locked, accepted_id, created, edited FROM posts "
	"WHERE id = ?1",
	/* INSERT */
	"INSERT INTO posts (type, parent_id, question_id, title, slug, "
	"body_md, body_html, tags, category_id, user_id, anon_name, "
	"anon_email, ip, created, activity, status) VALUES (?1, ?2, ?3, ?4, "
	"?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, ?15)",
	/* SET_QUESTION */
	"UPDATE posts SET question_id = id WHERE id = ?1",
	/* UPDATE: every editable field, with who edited and when. */
	"UPDATE posts SET title = ?2, slug = ?3, body_md = ?4, body_html = ?5, "
	"tags = ?6, category_id = ?7, edited = ?8, edited_by = ?9, "
	"edited_name = ?10 WHERE id = ?1",
	/* REV_INSERT: the unique index on (post_id, rev) finds the last. */
	"INSERT INTO revisions (post_id, rev, user_id, anon_name, created, "
	"reason, title, body_md, tags) VALUES (?1, (SELECT coalesce(max(rev), "
	"0) + 1 FROM revisions WHERE post_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, "
	"?8)",
	/* REVISIONS: the unique index on (post_id, rev). */
	"SELECT r.rev, r.user_id, u.handle, r.anon_name, r.created, r.reason, "
	"r.title, r.body_md, r.tags FROM revisions r LEFT JOIN users u "
	"ON u.id = r.user_id WHERE r.post_id = ?1 ORDER BY r.rev",
	/* CHILDREN */
	"UPDATE posts SET answer_count = answer_count + ?2, "
	"comment_count = comment_count + ?3 WHERE id = ?1",
	/* ACTIVITY */
	"UPDATE posts SET activity = max(activity, ?2) WHERE id = ?1",
	/*
	 * ACTIVITY_RECALC: what recount.c computes for one question: the
	 * latest creation or edit of the question and of the visible
	 * answers and comments under it and under its answers (index
	 * posts_parent).
	 */
	"UPDATE posts SET activity = max(created, coalesce(edited, 0), "
	"coalesce((SELECT max(max(k.created, coalesce(k.edited, 0))) "
	"FROM posts k WHERE k.status = 1 AND k.type <> 1 AND k.parent_id IN "
	"(SELECT ?1 UNION ALL SELECT x.id FROM posts x WHERE x.parent_id = ?1 "
	"AND x.type = 2)), 0)) WHERE id = ?1",
	/* USER_POSTS */
	"UPDATE users SET qcount = qcount + ?2, acount = acount + ?3 "
	"WHERE id = ?1",
	/* TAG_ADD: unique index on name. */
	"INSERT INTO tags (name) VALUES (?1) ON CONFLICT (name) DO NOTHING",
	/* TAG_LINK */
	"INSERT OR IGNORE INTO post_tags (tag_id, post_id) "
	"SELECT id, ?2 FROM tags WHERE name = ?1",
	/* TAG_UNLINK: index post_tags_post. */
	"DELETE FROM post_tags WHERE post_id = ?1",
	/* TAG_COUNT: index post_tags_post, then each tag by id. */
	"UPDATE tags SET qcount = qcount + ?2 WHERE id IN "
	"(SELECT tag_id FROM post_tags WHERE post_id = ?1)",
	/* CAT_EXISTS */
	"SELECT 1 FROM categories WHERE id = ?1",
	/*
	 * CAT_COUNT: category ?1 and the (at most three) categories above
	 * it, as categories nest four levels deep; primary keys only.
	 */
	"UPDATE categories SET qcount = qcount + ?2 WHERE id IN (?1, "
	"(SELECT parent_id FROM categories WHERE id = ?1), "
	"(SELECT parent_id FROM categories WHERE id = "
	"(SELECT parent_id FROM categories WHERE id = ?1)), "
	"(SELECT parent_id FROM categories WHERE id = "
	"(SELECT parent_id FROM categories WHERE id = "
	"(SELECT parent_id FROM categories WHERE id = ?1))))",
	/* ACCEPT */
	"UPDATE posts SET accepted_id = ?2 WHERE id = ?1",
	/* STATUS */
	"UPDATE posts SET status = ?2 WHERE id = ?1",
	/* VIEWS */
	"UPDATE posts SET views = views + ?2 WHERE id = ?1",
	/* KEY_INSERT */
	"INSERT INTO post_keys (token_hash, post_id, created) "
	"VALUES (?1, ?2, ?3)",
	/* KEY_POST: primary key. */
	"SELECT post_id FROM post_keys WHERE token_hash = ?1",
	/* KEY_DELETE: index post_keys_post. */
	"DELETE FROM post_keys WHERE post_id = ?1",
	/*
	 * CLAIM: the author's name and address go; an edit the author made
	 * through the manage link becomes the user's.
	 */
	"UPDATE posts SET user_id = ?2, anon_name = NULL, anon_email = NULL, "
	"edited_by = CASE WHEN edited IS NOT NULL AND edited_by IS NULL "
	"THEN ?2 ELSE edited_by END, edited_name = CASE WHEN edited_by IS NULL "
	"THEN NULL ELSE edited_name END WHERE id = ?1 AND user_id IS NULL",
	/* CLAIM_REVISIONS: the unique index on (post_id, rev). */
	"UPDATE revisions SET user_id = ?2, anon_name = NULL "
	"WHERE post_id = ?1 AND user_id IS NULL",
	/* UPDOWN: primary key. */
	"SELECT up, down FROM posts WHERE id = ?1",
};

static sqlite3_stmt *post_cache[POST_STMT__MAX];
static struct db_stmts post_stmts =
    { post_sql, POST_STMT__MAX, post_cache, NULL, NULL };

/*
 * The statements over the full-text index, kept apart from post_sql
 * because an FTS5 table's query plan always reads "SCAN posts_fts VIRTUAL
 * TABLE INDEX ...", even for a rowid or MATCH lookup, which the test that
 * keeps page statements off full scans cannot tell from a real one.
 * posts_fts holds a row for each visible question and for nothing else
 * (rowid = the question's id), so search never finds a queued, hidden or
 * deleted post; fts_put() keeps it so on every write of this module.
 */
enum post_fts_stmt {
	POST_FTS_DELETE,	/* a question's row */
	POST_FTS_INSERT,	/* a question's row */
	POST_FTS_SIMILAR,	/* visible questions matching a query */
	POST_FTS__MAX
};

static const char *const post_fts_sql[POST_FTS__MAX] = {
	/* DELETE: by rowid. */
	"DELETE FROM posts_fts WHERE rowid = ?1",
	/* INSERT */
	"INSERT INTO posts_fts (rowid, title, body, tags) "
	"VALUES (?1, ?2, ?3, ?4)",
	/*
	 * SIMILAR: ?1 an FTS5 query, ?2 the limit; best first by bm25 with
	 * the title weighing five times the body and the tags.  The
	 * columns are those of the question lists (post_list_row()).
	 */
	"SELECT " POST_LIST_COLS " FROM posts_fts CROSS JOIN posts p "
	"ON p.id = posts_fts.rowid" POST_LIST_JOINS
	" WHERE posts_fts MATCH ?1 AND p.type = 1 AND p.status = 1 "
	"ORDER BY bm25(posts_fts, 5.0, 1.0, 1.0), p.id LIMIT ?2",
};

static sqlite3_stmt *post_fts_cache[POST_FTS__MAX];
static struct db_stmts post_fts_stmts =
    { post_fts_sql, POST_FTS__MAX, post_fts_cache, NULL, NULL };

/* The statement of each list and of its count. */
static const enum post_stmt list_stmt[POST_LIST__MAX] = {
	POST_STMT_NEWEST, POST_STMT_ACTIVE, POST_STMT_VOTES,
	POST_STMT_UNANSWERED, POST_STMT_TAG, POST_STMT_TAG_WIDE,
	POST_STMT_CATEGORY, POST_STMT_SUBTREE, POST_STMT_SUBTREE_WIDE,
	POST_STMT_USER,
	POST_STMT_TAG_ACTIVE, POST_STMT_TAG_VOTES, POST_STMT_TAG_UNANSWERED,
	POST_STMT_TAG_WIDE_ACTIVE, POST_STMT_TAG_WIDE_VOTES,
	POST_STMT_TAG_WIDE_UNANSWERED,
	POST_STMT_SUBTREE_ACTIVE, POST_STMT_SUBTREE_VOTES,
	POST_STMT_SUBTREE_UNANSWERED,
	POST_STMT_SUBTREE_WIDE_ACTIVE, POST_STMT_SUBTREE_WIDE_VOTES,
	POST_STMT_SUBTREE_WIDE_UNANSWERED,
};
static const enum post_stmt count_stmt[POST_LIST__MAX] = {
	POST_STMT_COUNT_ALL, POST_STMT_COUNT_ALL, POST_STMT_COUNT_ALL,
	POST_STMT_COUNT_UNANSWERED, POST_STMT_COUNT_TAG, POST_STMT_COUNT_TAG,
	POST_STMT_COUNT_CATEGORY, POST_STMT_COUNT_SUBTREE,
	POST_STMT_COUNT_SUBTREE, POST_STMT_COUNT_USER,
	POST_STMT_COUNT_TAG, POST_STMT_COUNT_TAG,
	POST_STMT_COUNT_TAG_UNANSWERED,
	POST_STMT_COUNT_TAG, POST_STMT_COUNT_TAG,
	POST_STMT_COUNT_TAG_UNANSWERED,
	POST_STMT_COUNT_SUBTREE, POST_STMT_COUNT_SUBTREE,
	POST_STMT_COUNT_SUBTREE_UNANSWERED,
	POST_STMT_COUNT_SUBTREE, POST_STMT_COUNT_SUBTREE,
	POST_STMT_COUNT_SUBTREE_UNANSWERED,
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

/*
 * The statements over the full-text index (see post_fts_sql), for the
 * test that prepares every statement of every module.
 */
struct db_stmts *
post_fts_statements(void)
{
	return &post_fts_stmts;
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
 * Fill the struct post at v (zeroed first) from the current row of a
 * question list statement, whose first POST_LIST_NCOLS columns are
 * POST_LIST_COLS: a visible question with its author and category, the
 * slug made from the title when none is stored.  Text is copied into
 * the arena.  Returns QA_ESYS if out of memory.  A db_rows() row
 * function.
 */
enum qa_err
post_list_row(struct arena *a, sqlite3_stmt *st, void *v)
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
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, post_list_row,
	    &v, n, "post_list");
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
	p->comments_locked = db_col_int(st, 16) != 0;
	return p->body_html == NULL ? QA_ESYS : QA_OK;
}

/*
 * Whether a post of status st by author (0: anonymous) is shown to viewer
 * (0: none) who moderates or not: visible posts to all, queued and
 * hidden ones to their author (who sees why) and to moderators, deleted
 * ones to nobody.  The same rule as SHOWN() in SQL.
 */
static bool
shown(int st, int64_t author, int64_t viewer, bool mod)
{
	if (st == POST_VISIBLE)
		return true;
	return (st == POST_QUEUED || st == POST_HIDDEN) &&
	    (mod || (viewer != 0 && author == viewer));
}

/*
 * Read question `id` into q if shown() to viewer (see there), without
 * answers or comments.  As post_question_get() otherwise.
 */
static enum qa_err
question_read(struct db *db, struct arena *a, int64_t id, int64_t viewer,
    bool mod, struct post *q)
{
	sqlite3_stmt	*st;
	enum qa_err	 er;
	int		 rc;
	const int	 c = 17;	/* first of QUESTION_COLS */

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
	if (q->type != POST_QUESTION ||
	    !shown(q->status, q->user_id, viewer, mod)) {
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
 * Read the visible question `id` into q, without answers or comments: its
 * text, author, editor, category and duplicate target.  Primary-key
 * lookups only; one query.  Returns QA_OK, QA_ENOTFOUND when id is not a
 * visible question, or the database error.
 */
enum qa_err
post_question_get(struct db *db, struct arena *a, int64_t id,
    struct post *q)
{
	return question_read(db, a, id, 0, false, q);
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
 * The work of post_thread_get() (all false: visible posts only, through
 * the statements that need no viewer) and post_thread_get_for().
 */
static enum qa_err
thread_read(struct db *db, struct arena *a, int64_t id, int64_t viewer,
    bool mod, bool for_viewer, struct post_thread *t)
{
	sqlite3_stmt	*st;
	struct post	*c;
	size_t		 nc, i;
	enum qa_err	 er;

	memset(t, 0, sizeof(*t));
	if ((er = question_read(db, a, id, viewer, mod, &t->question)) !=
	    QA_OK)
		return er;
	if ((st = db_stmt(db, &post_stmts, for_viewer ?
	    POST_STMT_ANSWERS_FOR : POST_STMT_ANSWERS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, t->question.accepted_id);
	if (for_viewer) {
		sqlite3_bind_int(st, 3, mod);
		sqlite3_bind_int64(st, 4, viewer);
	}
	if ((er = thread_rows(db, a, st, &t->answers, &t->nanswers)) != QA_OK)
		return er;
	for (i = 0; i < t->nanswers; i++) {
		t->answers[i].question_id = id;
		t->answers[i].accepted =
		    t->answers[i].id == t->question.accepted_id;
	}
	if ((st = db_stmt(db, &post_stmts, for_viewer ?
	    POST_STMT_COMMENTS_FOR : POST_STMT_COMMENTS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if (for_viewer) {
		sqlite3_bind_int(st, 3, mod);
		sqlite3_bind_int64(st, 4, viewer);
	}
	if ((er = thread_rows(db, a, st, &c, &nc)) != QA_OK)
		return er;
	return thread_attach(a, t, c, nc);
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
	return thread_read(db, a, id, 0, false, false, t);
}

/*
 * Read a question page as viewer sees it: as post_thread_get(), with the
 * queued and hidden question, answers and comments that viewer (a user
 * id, 0 for a visitor) wrote, and all queued and hidden ones when mod
 * (the viewer moderates).  Each post's status tells the template which
 * ones wait for approval or are hidden.  Deleted posts are never read.  Returns QA_OK, QA_ENOTFOUND
 * when id is no question the viewer may see, or the database error.
 */
enum qa_err
post_thread_get_for(struct db *db, struct arena *a, int64_t id,
    int64_t viewer, bool mod, struct post_thread *t)
{
	return thread_read(db, a, id, viewer, mod, true, t);
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

/* --- the write side ------------------------------------------------------ */

/*
 * Fill the struct post_raw at v from the current row of RAW, copying text
 * into the arena.  Returns QA_ESYS if out of memory.  A db_one() row
 * function.
 */
static enum qa_err
raw_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct post_raw	*p = v;

	memset(p, 0, sizeof(*p));
	p->id = db_col_int(st, 0);
	p->type = (int)db_col_int(st, 1);
	p->status = (int)db_col_int(st, 2);
	p->parent_id = db_col_int(st, 3);
	p->question_id = db_col_int(st, 4);
	p->title = db_col_text(a, st, 5);
	p->slug = db_col_text(a, st, 6);
	p->body_md = db_col_text(a, st, 7);
	p->tags = db_col_text(a, st, 8);
	p->category_id = db_col_int(st, 9);
	p->user_id = db_col_int(st, 10);
	p->anon_name = db_col_text(a, st, 11);
	p->anon_email = db_col_text(a, st, 12);
	p->closed = db_col_int(st, 13) != 0;
	p->comments_locked = db_col_int(st, 14) != 0;
	p->accepted_id = db_col_int(st, 15);
	p->created = db_col_int(st, 16);
	p->edited = db_col_int(st, 17);
	if (p->type == POST_QUESTION && p->question_id == 0)
		p->question_id = p->id;
	if (p->body_md == NULL || p->tags == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Read post `id` of any type and status with its stored fields (no HTML)
 * into p, text in the arena.  A question's question_id is its own id.
 * Returns QA_OK, QA_ENOTFOUND, or the database error.
 */
enum qa_err
post_raw_get(struct db *db, struct arena *a, int64_t id, struct post_raw *p)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &post_stmts, POST_STMT_RAW)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	return db_one(db, st, a, raw_row, p, "post_raw_get");
}

/*
 * Read post id into p and its question into q (a copy of p for a
 * question), whatever their status.  QA_ENOTFOUND when either does not
 * exist, or the database's error.
 */
enum qa_err
post_raw_get_pair(struct db *db, struct arena *a, int64_t id,
    struct post_raw *p, struct post_raw *q)
{
	enum qa_err	 er;

	if ((er = post_raw_get(db, a, id, p)) != QA_OK)
		return er;
	if (p->type == POST_QUESTION) {
		*q = *p;
		return QA_OK;
	}
	return post_raw_get(db, a, p->question_id, q);
}

/*
 * Run post statement `which` with ?1 id, ?2 x and, when y_used, ?3 y (the
 * counter and activity updates).  Returns QA_OK or the database error.
 */
static enum qa_err
run_ids(struct db *db, enum post_stmt which, int64_t id, int64_t x,
    bool y_used, int64_t y, const char *where)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &post_stmts, which)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, x);
	if (y_used)
		sqlite3_bind_int64(st, 3, y);
	return db_run(db, st, where);
}

/*
 * Add delta to the qcount of category cat and of every category above it
 * (nothing for cat 0).  Returns QA_OK or the database error.
 */
static enum qa_err
category_add(struct db *db, int64_t cat, int delta)
{
	if (cat == 0)
		return QA_OK;
	return run_ids(db, POST_STMT_CAT_COUNT, cat, delta, false, 0,
	    "post category count");
}

/*
 * Whether category cat exists: QA_OK, QA_EINPUT if it does not, or the
 * database error.
 */
static enum qa_err
category_check(struct db *db, int64_t cat)
{
	sqlite3_stmt	*st;
	int64_t		 n;
	enum qa_err	 er;

	if ((st = db_stmt(db, &post_stmts, POST_STMT_CAT_EXISTS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, cat);
	if ((er = db_count(db, st, &n, "post category")) != QA_OK)
		return er;
	return n > 0 ? QA_OK : QA_EINPUT;
}

/*
 * Link question id to each tag named in tags (names separated by spaces),
 * creating the tags rows that are missing (qcount 0).  Counts nothing.
 * Returns QA_OK, QA_ESYS if out of memory, or the database error.
 */
static enum qa_err
tags_link(struct db *db, struct arena *a, int64_t id, const char *tags)
{
	sqlite3_stmt	*add, *link;
	const char	**names;
	size_t		  i, n;
	enum qa_err	  er;

	n = tag_split(a, tags, &names);
	if (n == 0 && tags != NULL && strspn(tags, " ") != strlen(tags))
		return QA_ESYS;
	for (i = 0; i < n; i++) {
		if ((add = db_stmt(db, &post_stmts, POST_STMT_TAG_ADD)) ==
		    NULL ||
		    (link = db_stmt(db, &post_stmts, POST_STMT_TAG_LINK)) ==
		    NULL)
			return QA_ESYS;
		if (!db_bind_text(add, 1, names[i]) ||
		    !db_bind_text(link, 1, names[i])) {
			db_done(add);
			db_done(link);
			return QA_ESYS;
		}
		sqlite3_bind_int64(link, 2, id);
		if ((er = db_run(db, add, "post tag")) != QA_OK) {
			db_done(link);
			return er;
		}
		if ((er = db_run(db, link, "post tag link")) != QA_OK)
			return er;
	}
	return QA_OK;
}

/*
 * Put the search index row of post p as its fields and status say: the
 * row of a question is deleted, and written again (title, the plain text
 * of its body, tags) if the question is visible.  Nothing else is ever
 * indexed.  Returns QA_OK, QA_ESYS if out of memory, or the database
 * error.
 */
static enum qa_err
fts_put(struct db *db, const struct post_raw *p)
{
	sqlite3_stmt	*st;
	struct buf	 text = { 0 };
	enum qa_err	 er;

	if (p->type != POST_QUESTION)
		return QA_OK;
	if ((st = db_stmt(db, &post_fts_stmts, POST_FTS_DELETE)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, p->id);
	if ((er = db_run(db, st, "post search index")) != QA_OK ||
	    p->status != POST_VISIBLE)
		return er;
	markdown_text(p->body_md, strlen(p->body_md), &text);
	if (text.oom) {
		buf_free(&text);
		return QA_ESYS;
	}
	if ((st = db_stmt(db, &post_fts_stmts, POST_FTS_INSERT)) == NULL) {
		buf_free(&text);
		return QA_ESYS;
	}
	sqlite3_bind_int64(st, 1, p->id);
	sqlite3_bind_text(st, 3, text.data != NULL ? text.data : "",
	    (int)text.len, SQLITE_STATIC);
	if (!db_bind_text(st, 2, p->title) || !db_bind_text(st, 4, p->tags))
		er = QA_ESYS;
	if (er == QA_OK)
		er = db_run(db, st, "post search index");
	else
		db_done(st);
	buf_free(&text);
	return er;
}

/*
 * Post p becomes visible (delta +1, p->status already POST_VISIBLE) or
 * stops being visible (delta -1, p->status the new status): move every
 * counter that counts it as recount.c defines them, the activity of its
 * question (for an answer or comment: raised to the post's creation or
 * edit time when it appears, recomputed from the thread when it goes),
 * its search index row, and its author's points for posting it
 * (q_post, a_post or c_post, applied or taken back at time now).
 * Returns QA_OK or the database error.
 */
static enum qa_err
visibility_change(struct db *db, const struct post_raw *p, int delta,
    int64_t now)
{
	enum qa_err	 er;
	int64_t		 t;

	if ((er = points_add(db, p->user_id, p->id, p->user_id,
	    points_post_event(p->type), delta, now)) != QA_OK)
		return er;
	switch (p->type) {
	case POST_QUESTION:
		if (p->user_id != 0 && (er = run_ids(db,
		    POST_STMT_USER_POSTS, p->user_id, delta, true, 0,
		    "post user count")) != QA_OK)
			return er;
		if ((er = run_ids(db, POST_STMT_TAG_COUNT, p->id, delta,
		    false, 0, "post tag count")) != QA_OK)
			return er;
		if ((er = category_add(db, p->category_id, delta)) != QA_OK)
			return er;
		return fts_put(db, p);
	case POST_ANSWER:
		if (p->user_id != 0 && (er = run_ids(db,
		    POST_STMT_USER_POSTS, p->user_id, 0, true, delta,
		    "post user count")) != QA_OK)
			return er;
		/* FALLTHROUGH */
	case POST_COMMENT:
		if ((er = run_ids(db, POST_STMT_CHILDREN, p->parent_id,
		    p->type == POST_ANSWER ? delta : 0, true,
		    p->type == POST_COMMENT ? delta : 0,
		    "post child count")) != QA_OK)
			return er;
		if (delta < 0)
			return run_ids(db, POST_STMT_ACTIVITY_RECALC,
			    p->question_id, 0, false, 0, "post activity");
		t = p->edited > p->created ? p->edited : p->created;
		return run_ids(db, POST_STMT_ACTIVITY, p->question_id, t,
		    false, 0, "post activity");
	default:
		return QA_EINPUT;
	}
}

/*
 * Append revision rev+1 of post id: who made it (user_id, or 0 and
 * anon_name), when, why, and the full text it leaves (title for
 * questions, else NULL; body; tags).  Returns QA_OK, QA_ESYS, or the
 * database error.
 */
static enum qa_err
revision_add(struct db *db, int64_t id, int64_t user_id,
    const char *anon_name, int64_t now, const char *reason,
    const char *title, const char *body_md, const char *tags)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &post_stmts, POST_STMT_REV_INSERT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	db_bind_id(st, 2, user_id);
	sqlite3_bind_int64(st, 4, now);
	if (!db_bind_text(st, 3, user_id == 0 ? anon_name : NULL) ||
	    !db_bind_text(st, 5, reason != NULL ? reason : "") ||
	    !db_bind_text(st, 6, title) || !db_bind_text(st, 7, body_md) ||
	    !db_bind_text(st, 8, tags != NULL ? tags : "")) {
		db_done(st);
		return QA_ESYS;
	}
	return db_run(db, st, "post revision");
}

/* Render a post body as its type wants it: comments inline only. */
static enum qa_err
render(int type, const char *md, struct buf *html)
{
	return markdown_render(md, strlen(md), type == POST_COMMENT ?
	    MARKDOWN_INLINE : MARKDOWN_BLOCK, html);
}

/*
 * Check where a new answer or comment n goes and find its question: the
 * parent must exist and be visible or queued (else QA_ENOTFOUND); an
 * answer goes under a question (else QA_EINPUT) that is not closed (else
 * QA_ECONFLICT); a comment goes under a question or an answer (else
 * QA_EINPUT) whose comments are not locked (else QA_ECONFLICT).  Sets
 * *qid.  Returns QA_OK or the error.
 */
static enum qa_err
parent_check(struct db *db, struct arena *a, const struct post_new *n,
    int64_t *qid)
{
	struct post_raw	 par;
	enum qa_err	 er;

	if ((er = post_raw_get(db, a, n->parent_id, &par)) != QA_OK)
		return er;
	if (par.status != POST_VISIBLE && par.status != POST_QUEUED)
		return QA_ENOTFOUND;
	if (n->type == POST_ANSWER) {
		if (par.type != POST_QUESTION)
			return QA_EINPUT;
		if (par.closed)
			return QA_ECONFLICT;
	} else {
		if (par.type == POST_COMMENT)
			return QA_EINPUT;
		if (par.comments_locked)
			return QA_ECONFLICT;
	}
	*qid = par.question_id;
	return QA_OK;
}

/*
 * Create a post from n inside the caller's transaction (the caller
 * begins and commits it, and may queue mail in it).  The body is rendered
 * with markdown_render() (MARKDOWN_INLINE for comments, MARKDOWN_BLOCK
 * otherwise).  A question gets its slug from util_slug(title), its tags
 * linked (tags rows created as needed) and its category (0: none, else it
 * must exist: QA_EINPUT); answers and comments get question_id from their
 * parent (see parent_check() for the refusals: QA_ENOTFOUND, QA_EINPUT,
 * QA_ECONFLICT).  created = activity = n->now.  Revision 1 holds the
 * original text and author.  A visible post then moves its counters, its
 * question's activity, (questions) the search index and its author's
 * points (q_post, a_post, c_post at n->now), through
 * visibility_change(); a queued one moves nothing until
 * post_status_set() shows it.  QA_EINPUT for a bad type or status, a
 * missing body, or a question without a title.  Sets *id on success.
 * Returns QA_OK, those errors, QA_ESYS, or the database error; on error
 * the caller rolls back.
 */
enum qa_err
post_create(struct db *db, struct arena *a, const struct post_new *n,
    int64_t *id)
{
	struct post_raw	 p;
	struct buf	 html = { 0 };
	sqlite3_stmt	*st;
	const char	*slug = NULL, *tags = "";
	int64_t		 qid = 0;
	bool		 q = n->type == POST_QUESTION;
	enum qa_err	 er;

	*id = 0;
	if (n->body_md == NULL || (n->status != POST_VISIBLE &&
	    n->status != POST_QUEUED))
		return QA_EINPUT;
	if (q) {
		if (n->title == NULL)
			return QA_EINPUT;
		if ((slug = util_slug(a, n->title)) == NULL)
			return QA_ESYS;
		if (n->tags != NULL)
			tags = n->tags;
		if (n->category_id != 0 &&
		    (er = category_check(db, n->category_id)) != QA_OK)
			return er;
	} else if (n->type == POST_ANSWER || n->type == POST_COMMENT) {
		if ((er = parent_check(db, a, n, &qid)) != QA_OK)
			return er;
	} else
		return QA_EINPUT;
	if ((er = render(n->type, n->body_md, &html)) != QA_OK)
		goto out;
	if ((st = db_stmt(db, &post_stmts, POST_STMT_INSERT)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int(st, 1, n->type);
	db_bind_id(st, 2, q ? 0 : n->parent_id);
	db_bind_id(st, 3, qid);
	sqlite3_bind_text(st, 7, html.data != NULL ? html.data : "",
	    (int)html.len, SQLITE_STATIC);
	db_bind_id(st, 9, q ? n->category_id : 0);
	db_bind_id(st, 10, n->user_id);
	sqlite3_bind_int64(st, 14, n->now);
	sqlite3_bind_int(st, 15, n->status);
	if (!db_bind_text(st, 4, q ? n->title : NULL) ||
	    !db_bind_text(st, 5, slug) || !db_bind_text(st, 6, n->body_md) ||
	    !db_bind_text(st, 8, tags) ||
	    !db_bind_text(st, 11, n->user_id == 0 ? n->anon_name : NULL) ||
	    !db_bind_text(st, 12, n->user_id == 0 ? n->anon_email : NULL) ||
	    !db_bind_text(st, 13, n->ip)) {
		db_done(st);
		er = QA_ESYS;
		goto out;
	}
	if ((er = db_run(db, st, "post_create")) != QA_OK)
		goto out;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	if (q && (er = run_ids(db, POST_STMT_SET_QUESTION, *id, 0, false, 0,
	    "post_create")) != QA_OK)
		goto out;
	if ((er = revision_add(db, *id, n->user_id, n->anon_name, n->now, "",
	    q ? n->title : NULL, n->body_md, tags)) != QA_OK)
		goto out;
	if (q && (er = tags_link(db, a, *id, tags)) != QA_OK)
		goto out;
	if (n->status == POST_VISIBLE) {
		if ((er = post_raw_get(db, a, *id, &p)) != QA_OK)
			goto out;
		er = visibility_change(db, &p, +1, n->now);
	}
out:
	buf_free(&html);
	if (er != QA_OK)
		*id = 0;
	return er;
}

/*
 * Edit a post inside the caller's transaction.  NULL fields of c (and
 * category_id -1) keep the stored value; title, tags and category apply
 * to questions only and are ignored for the others.  Appends a revision
 * (number max + 1) holding the new text with editor c->editor_id (0: an
 * anonymous author, c->editor_name) and c->reason; re-renders the body;
 * a new title gets a new slug; new tags are relinked (missing tags rows
 * created) and a new category (0: none; else it must exist: QA_EINPUT)
 * moves the category counts of both chains, while the post is visible;
 * sets edited = c->now, edited_by (NULL for editor 0) and edited_name
 * (editor 0 only); rewrites the search row of a question; and raises the
 * question's activity to c->now (for an answer or comment only when it is
 * visible, as recount.c counts it).  Returns QA_OK, QA_ENOTFOUND,
 * QA_EINPUT, QA_ESYS or the database error; on error the caller rolls
 * back.
 */
enum qa_err
post_update(struct db *db, struct arena *a, const struct post_change *c)
{
	struct post_raw	 p;
	struct buf	 html = { 0 };
	sqlite3_stmt	*st;
	const char	*body;
	int64_t		 oldcat;
	bool		 q, visible, retag;
	enum qa_err	 er;

	if ((er = post_raw_get(db, a, c->id, &p)) != QA_OK)
		return er;
	q = p.type == POST_QUESTION;
	visible = p.status == POST_VISIBLE;
	body = c->body_md != NULL ? c->body_md : p.body_md;
	oldcat = p.category_id;
	retag = false;
	if (q) {
		if (c->title != NULL)
			p.title = c->title;
		if ((c->title != NULL || p.slug == NULL) &&
		    (p.slug = util_slug(a, p.title)) == NULL)
			return QA_ESYS;
		if (c->tags != NULL && strcmp(c->tags, p.tags) != 0) {
			retag = true;
			p.tags = c->tags;
		}
		if (c->category_id >= 0)
			p.category_id = c->category_id;
		if (p.category_id != oldcat && p.category_id != 0 &&
		    (er = category_check(db, p.category_id)) != QA_OK)
			return er;
	}
	p.body_md = body;
	if ((er = render(p.type, body, &html)) != QA_OK)
		goto out;
	if ((er = revision_add(db, p.id, c->editor_id, c->editor_name, c->now,
	    c->reason, q ? p.title : NULL, body, p.tags)) != QA_OK)
		goto out;
	if (retag) {
		if (visible && (er = run_ids(db, POST_STMT_TAG_COUNT, p.id, -1,
		    false, 0, "post_update")) != QA_OK)
			goto out;
		if ((er = run_ids(db, POST_STMT_TAG_UNLINK, p.id, 0, false, 0,
		    "post_update")) != QA_OK)
			goto out;
		if ((er = tags_link(db, a, p.id, p.tags)) != QA_OK)
			goto out;
		if (visible && (er = run_ids(db, POST_STMT_TAG_COUNT, p.id, 1,
		    false, 0, "post_update")) != QA_OK)
			goto out;
	}
	if (visible && p.category_id != oldcat &&
	    ((er = category_add(db, oldcat, -1)) != QA_OK ||
	    (er = category_add(db, p.category_id, 1)) != QA_OK))
		goto out;
	if ((st = db_stmt(db, &post_stmts, POST_STMT_UPDATE)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, p.id);
	sqlite3_bind_text(st, 5, html.data != NULL ? html.data : "",
	    (int)html.len, SQLITE_STATIC);
	db_bind_id(st, 7, p.category_id);
	sqlite3_bind_int64(st, 8, c->now);
	db_bind_id(st, 9, c->editor_id);
	if (!db_bind_text(st, 2, p.title) || !db_bind_text(st, 3, p.slug) ||
	    !db_bind_text(st, 4, body) || !db_bind_text(st, 6, p.tags) ||
	    !db_bind_text(st, 10, c->editor_id == 0 ? c->editor_name :
	    NULL)) {
		db_done(st);
		er = QA_ESYS;
		goto out;
	}
	if ((er = db_run(db, st, "post_update")) != QA_OK)
		goto out;
	if (q || visible)
		if ((er = run_ids(db, POST_STMT_ACTIVITY, p.question_id,
		    c->now, false, 0, "post_update")) != QA_OK)
			goto out;
	if (q)
		er = fts_put(db, &p);
out:
	buf_free(&html);
	return er;
}

/*
 * Change the status of post `id` (enum post_status) inside the caller's
 * transaction, for moderation: approving a queued post, hiding, deleting
 * or showing one again.  When the post starts or stops being visible its
 * counters, its question's activity, (questions) its search row and its
 * author's points for posting it (applied or taken back, dated by the
 * clock) move with it, through visibility_change(); the posts under it
 * keep theirs, as recount.c counts them, and so do the points of votes
 * and of a best answer.  Returns QA_OK (also when nothing changes),
 * QA_EINPUT for a status out of range, QA_ENOTFOUND, or the database
 * error.
 */
enum qa_err
post_status_set(struct db *db, struct arena *a, int64_t id, int status)
{
	struct post_raw	 p;
	bool		 was;
	enum qa_err	 er;

	if (status < POST_QUEUED || status > POST_DELETED)
		return QA_EINPUT;
	if ((er = post_raw_get(db, a, id, &p)) != QA_OK)
		return er;
	if (p.status == status)
		return QA_OK;
	if ((er = run_ids(db, POST_STMT_STATUS, id, status, false, 0,
	    "post_status_set")) != QA_OK)
		return er;
	was = p.status == POST_VISIBLE;
	p.status = status;
	if (was == (status == POST_VISIBLE))
		return QA_OK;
	return visibility_change(db, &p, was ? -1 : +1, (int64_t)time(NULL));
}

/*
 * The points of a best answer: answer_id by answerer selected on
 * question_id by asker (0: anonymous), applied (sign +1) or taken back
 * (sign -1) inside the caller's transaction at time now: a_selected to
 * the answerer and select_a to the asker, none of it when they are the
 * same user (no points for accepting one's own answer).  Every change
 * of the pair (accept, unselect, a new author by post_claim()) takes
 * back what this gave for the old state and gives it for the new, so
 * what it gave is always what the current state gives.  Returns QA_OK
 * or the database error.
 */
static enum qa_err
accept_points(struct db *db, int64_t question_id, int64_t asker,
    int64_t answer_id, int64_t answerer, int sign, int64_t now)
{
	enum qa_err	 er;

	if (asker == answerer)
		return QA_OK;
	if ((er = points_add(db, answerer, answer_id, asker,
	    POINTS_A_SELECTED, sign, now)) != QA_OK)
		return er;
	return points_add(db, asker, question_id, asker, POINTS_SELECT_A,
	    sign, now);
}

/*
 * Set (answer_id) or clear (answer_id 0) the accepted answer of question
 * question_id, inside the caller's transaction.  The question must exist
 * (QA_ENOTFOUND) and be a question (QA_EINPUT); the answer must exist and
 * be visible (QA_ENOTFOUND) and be an answer to that question
 * (QA_EINPUT).  The points of the previous best answer are taken back and
 * those of the new one given, at time now (see accept_points()); setting
 * the answer already accepted changes nothing.  Returns QA_OK, those
 * errors, or the database error.
 */
enum qa_err
post_accept(struct db *db, int64_t question_id, int64_t answer_id,
    int64_t now)
{
	struct arena	 a;
	struct post_raw	 q, p;
	sqlite3_stmt	*st;
	enum qa_err	 er;

	arena_init(&a);
	memset(&p, 0, sizeof(p));
	if ((er = post_raw_get(db, &a, question_id, &q)) != QA_OK)
		goto out;
	if (q.type != POST_QUESTION) {
		er = QA_EINPUT;
		goto out;
	}
	if (answer_id != 0) {
		if ((er = post_raw_get(db, &a, answer_id, &p)) != QA_OK)
			goto out;
		if (p.type != POST_ANSWER || p.parent_id != question_id) {
			er = QA_EINPUT;
			goto out;
		}
		if (p.status != POST_VISIBLE) {
			er = QA_ENOTFOUND;
			goto out;
		}
	}
	if (q.accepted_id == answer_id)
		goto out;
	if ((st = db_stmt(db, &post_stmts, POST_STMT_ACCEPT)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, question_id);
	db_bind_id(st, 2, answer_id);
	if ((er = db_run(db, st, "post_accept")) != QA_OK)
		goto out;
	if (answer_id != 0 && (er = accept_points(db, question_id,
	    q.user_id, answer_id, p.user_id, +1, now)) != QA_OK)
		goto out;
	if (q.accepted_id != 0) {
		if ((er = post_raw_get(db, &a, q.accepted_id, &p)) != QA_OK)
			goto out;
		er = accept_points(db, question_id, q.user_id, p.id,
		    p.user_id, -1, now);
	}
out:
	arena_free(&a);
	return er;
}

/*
 * Fill the struct revision at v from the current row of REVISIONS,
 * copying text into the arena.  Returns QA_ESYS if out of memory.  A
 * db_rows() row function.
 */
static enum qa_err
revision_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct revision	*r = v;

	r->rev = db_col_int(st, 0);
	r->user_id = db_col_int(st, 1);
	r->handle = db_col_text(a, st, 2);
	r->anon_name = db_col_text(a, st, 3);
	r->created = db_col_int(st, 4);
	r->reason = db_col_text(a, st, 5);
	r->title = db_col_text(a, st, 6);
	r->body_md = db_col_text(a, st, 7);
	r->tags = db_col_text(a, st, 8);
	if (r->reason == NULL || r->body_md == NULL || r->tags == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Read every revision of post id, oldest (revision 1, the original) first,
 * each with its editor's handle (NULL for an anonymous author, whose
 * anon_name is set, or a removed account).  *out is an arena array of *n
 * revisions (NULL when none).  Returns QA_OK or the database error.
 */
enum qa_err
post_revisions(struct db *db, struct arena *a, int64_t id,
    struct revision **out, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if ((st = db_stmt(db, &post_stmts, POST_STMT_REVISIONS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	er = db_rows(db, st, a, sizeof(**out), DB_ROWS_ALL, revision_row, &v,
	    n, "post_revisions");
	*out = v;
	return er;
}

/*
 * Add n to the view count of post id, in one statement (callers batch
 * views).  Returns QA_OK (also for an unknown id) or the database error.
 */
enum qa_err
post_views_add(struct db *db, int64_t id, int64_t n)
{
	return run_ids(db, POST_STMT_VIEWS, id, n, false, 0,
	    "post_views_add");
}

/* Words too common to say anything about a question's subject. */
static const char *const stop_words[] = {
	"about", "after", "all", "and", "any", "are", "but", "can", "could",
	"does", "doing", "for", "from", "get", "had", "has", "have", "how",
	"into", "its", "not", "one", "should", "that", "the", "their",
	"them", "then", "there", "they", "this", "was", "way", "what",
	"when", "where", "which", "who", "why", "will", "with", "would",
	"you", "your",
};

/* At most this many words of a text go into a similarity query. */
#define SIMILAR_WORDS	16

/* ASCII whitespace: what separates the words of a title. */
static bool
space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\f' || c == '\v';
}

/*
 * Make an FTS5 query from free text that cannot be an FTS5 syntax error
 * and means no operator: each word (a run of bytes between ASCII
 * whitespace) keeps only its ASCII letters and digits, lower-cased, and
 * its whole non-ASCII UTF-8 characters (letters of other scripts; the
 * tokenizer ignores symbols among them), up to 200 bytes; words of under
 * 3 characters and stop words are dropped; each remaining word becomes
 * "word" and they are joined with OR, up to SIMILAR_WORDS of them.
 * Returns an arena string, or NULL when no word is left or out of memory
 * (*oom then set).
 */
static char *
fts_query(struct arena *a, const char *text, bool *oom)
{
	struct buf		 q = { 0 };
	char			 w[204];
	const unsigned char	*p = (const unsigned char *)text;
	size_t			 n, i, len, words = 0;
	bool			 stop;
	char			*out = NULL;

	*oom = false;
	while (*p != '\0' && words < SIMILAR_WORDS) {
		for (n = 0; *p != '\0' && !space((char)*p); p += len) {
			if ((len = util_utf8_seq(p)) == 0) {
				len = 1;
				continue;
			}
			if (n + len > 200)
				continue;
			if (len > 1) {
				memcpy(w + n, p, len);
				n += len;
			} else if (*p >= 'A' && *p <= 'Z')
				w[n++] = (char)(*p + 32);
			else if ((*p >= 'a' && *p <= 'z') ||
			    (*p >= '0' && *p <= '9'))
				w[n++] = (char)*p;
		}
		while (*p != '\0' && space((char)*p))
			p++;
		w[n] = '\0';
		if (util_utf8_len(w) < 3)
			continue;
		stop = false;
		for (i = 0; i < nitems(stop_words) && !stop; i++)
			stop = strcmp(w, stop_words[i]) == 0;
		if (stop)
			continue;
		buf_printf(&q, "%s\"%s\"", words > 0 ? " OR " : "", w);
		words++;
	}
	if (q.oom)
		*oom = true;
	else if (words > 0 && (out = arena_strdup(a, buf_cstr(&q))) == NULL)
		*oom = true;
	buf_free(&q);
	return out;
}

/*
 * Find up to limit visible questions similar to text (a title being
 * typed): the FTS5 query fts_query() makes of it, best first by bm25 with
 * the title weighing five times the body and the tags.  Any text is safe:
 * quotes, parentheses, NEAR, *, ^ or column filters lose their meaning.
 * *out is an arena array of *n posts filled as by post_list() (NULL and 0
 * when text has no usable word).  Returns QA_OK, QA_ESYS, or the database
 * error.
 */
enum qa_err
post_similar(struct db *db, struct arena *a, const char *text,
    int64_t limit, struct post **out, size_t *n)
{
	sqlite3_stmt	*st;
	char		*query;
	void		*v;
	bool		 oom;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if (text == NULL || limit <= 0)
		return QA_OK;
	if ((query = fts_query(a, text, &oom)) == NULL)
		return oom ? QA_ESYS : QA_OK;
	if ((st = db_stmt(db, &post_fts_stmts, POST_FTS_SIMILAR)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 2, limit);
	if (!db_bind_text(st, 1, query)) {
		db_done(st);
		return QA_ESYS;
	}
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, post_list_row,
	    &v, n, "post_similar");
	*out = v;
	return er;
}

/*
 * Make a manage key for post_id (given to its anonymous author, who edits
 * or claims the post with it): 256 random bits written base64url into
 * token (tokensz must exceed AUTH_TOKEN_LEN); only the SHA-256 of that
 * text is stored (auth_token_hashed()), in post_keys, created at now.  Returns QA_OK, QA_EINPUT
 * if tokensz is too small, QA_ESYS, or the database error (token is then
 * "").
 */
enum qa_err
post_key_create(struct db *db, int64_t post_id, int64_t now, char *token,
    size_t tokensz)
{
	char		 tok[AUTH_TOKEN_LEN + 1];
	unsigned char	 hash[32];
	sqlite3_stmt	*st;
	enum qa_err	 er;

	if (tokensz > 0)
		token[0] = '\0';
	if (tokensz <= AUTH_TOKEN_LEN)
		return QA_EINPUT;
	if (auth_token_hashed(tok, hash) != QA_OK)
		return QA_ESYS;
	if ((st = db_stmt(db, &post_stmts, POST_STMT_KEY_INSERT)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, post_id);
	sqlite3_bind_int64(st, 3, now);
	if ((er = db_run(db, st, "post_key_create")) == QA_OK)
		memcpy(token, tok, sizeof(tok));
out:
	explicit_bzero(tok, sizeof(tok));
	return er;
}

/*
 * Whether token is a manage key of post_id.  Returns QA_OK if so,
 * QA_EFORBIDDEN if not (malformed, unknown, or another post's key), or
 * the database error.
 */
enum qa_err
post_key_check(struct db *db, const char *token, int64_t post_id)
{
	unsigned char	 hash[32];
	sqlite3_stmt	*st;
	enum qa_err	 er = QA_EFORBIDDEN;
	int		 rc;

	if (!auth_token_wellformed(token))
		return QA_EFORBIDDEN;
	auth_token_hash(token, hash);
	if ((st = db_stmt(db, &post_stmts, POST_STMT_KEY_POST)) == NULL)
		return QA_ESYS;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int64(st, 0) == post_id)
			er = QA_OK;
	} else if (rc != SQLITE_DONE)
		er = db_err(db, rc, "post_key_check");
	db_done(st);
	return er;
}

/* The row function of POST_STMT_UPDOWN: up and down into two int64_t. */
static enum qa_err
votes_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	int64_t	*ud = v;

	(void)a;
	ud[0] = db_col_int(st, 0);
	ud[1] = db_col_int(st, 1);
	return QA_OK;
}

/*
 * The points that anonymous post p would have given its author, given
 * at time now to user_id, who claims it, inside the caller's
 * transaction: the post's event (q_post, a_post, c_post) if it is
 * visible; the author's events of the votes it has (one row per kind,
 * as many times the event as there are such votes), so that withdrawing
 * one of them later takes back what was given; and a best answer's
 * points as accept_points() defines them, now that the asker or the
 * answerer is known.  Returns QA_OK or the database error.
 */
static enum qa_err
claim_points(struct db *db, struct arena *a, const struct post_raw *p,
    int64_t user_id, int64_t now)
{
	sqlite3_stmt	*st;
	struct post_raw	 o;
	int64_t		 ud[2] = { 0, 0 };
	enum qa_err	 er;

	if (p->status == POST_VISIBLE && (er = points_add(db, user_id, p->id,
	    user_id, points_post_event(p->type), +1, now)) != QA_OK)
		return er;
	if ((st = db_stmt(db, &post_stmts, POST_STMT_UPDOWN)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, p->id);
	if ((er = db_one(db, st, a, votes_row, ud, "post_claim")) != QA_OK)
		return er;
	if ((er = points_add(db, user_id, p->id, 0,
	    points_voted_event(p->type, 1), (int)ud[0], now)) != QA_OK ||
	    (er = points_add(db, user_id, p->id, 0,
	    points_voted_event(p->type, -1), (int)ud[1], now)) != QA_OK)
		return er;
	if (p->type == POST_ANSWER) {
		if ((er = post_raw_get(db, a, p->question_id, &o)) != QA_OK ||
		    o.accepted_id != p->id)
			return er;
		if ((er = accept_points(db, o.id, o.user_id, p->id, 0, -1,
		    now)) != QA_OK)
			return er;
		return accept_points(db, o.id, o.user_id, p->id, user_id, +1,
		    now);
	}
	if (p->type == POST_QUESTION && p->accepted_id != 0) {
		if ((er = post_raw_get(db, a, p->accepted_id, &o)) != QA_OK)
			return er;
		if ((er = accept_points(db, p->id, 0, o.id, o.user_id, -1,
		    now)) != QA_OK)
			return er;
		return accept_points(db, p->id, user_id, o.id, o.user_id, +1,
		    now);
	}
	return QA_OK;
}

/*
 * Give the anonymous post post_id to user user_id, inside the caller's
 * transaction (the caller has checked a manage key): user_id set,
 * anon_name and anon_email cleared, the anonymous revisions and edit of
 * the post become the user's, the user's qcount or acount grows if the
 * post is a visible question or answer, the user gets the points the
 * post would have given its author (claim_points(), dated by the clock),
 * and the post's manage keys are deleted.  Returns QA_OK, QA_EINPUT for
 * user_id <= 0, QA_ENOTFOUND, QA_ECONFLICT if the post already has an
 * author, or the database error.
 */
enum qa_err
post_claim(struct db *db, int64_t post_id, int64_t user_id)
{
	struct arena	 a;
	struct post_raw	 p;
	enum qa_err	 er;

	if (user_id <= 0)
		return QA_EINPUT;
	arena_init(&a);
	if ((er = post_raw_get(db, &a, post_id, &p)) != QA_OK)
		goto out;
	if (p.user_id != 0) {
		er = QA_ECONFLICT;
		goto out;
	}
	if ((er = run_ids(db, POST_STMT_CLAIM, post_id, user_id, false, 0,
	    "post_claim")) != QA_OK ||
	    (er = run_ids(db, POST_STMT_CLAIM_REVISIONS, post_id, user_id,
	    false, 0, "post_claim")) != QA_OK)
		goto out;
	if (p.status == POST_VISIBLE && p.type != POST_COMMENT &&
	    (er = run_ids(db, POST_STMT_USER_POSTS, user_id,
	    p.type == POST_QUESTION, true, p.type == POST_ANSWER,
	    "post_claim")) != QA_OK)
		goto out;
	if ((er = claim_points(db, &a, &p, user_id, (int64_t)time(NULL))) !=
	    QA_OK)
		goto out;
	er = run_ids(db, POST_STMT_KEY_DELETE, post_id, 0, false, 0,
	    "post_claim");
out:
	arena_free(&a);
	return er;
}

/* Whether s starts with pre (lower-case ASCII), in any case. */
static bool
starts(const char *s, const char *pre)
{
	char	 c;

	for (; *pre != '\0'; s++, pre++) {
		c = *s >= 'A' && *s <= 'Z' ? (char)(*s + 32) : *s;
		if (c != *pre)
			return false;
	}
	return true;
}

/*
 * How many links a Markdown text holds, to limit new users: each start of
 * "http://", "https://" or "www." (in any case; a "www." right after
 * "//" belongs to the URL before it), and each "](" not followed by one
 * of those (a link whose target is relative).  A simple count that a
 * writer cannot dodge by choosing one link syntax over another; code
 * spans count too.  Returns 0 for NULL.
 */
int64_t
post_link_count(const char *md)
{
	const char	*p;
	int64_t		 n = 0;

	if (md == NULL)
		return 0;
	for (p = md; *p != '\0'; p++) {
		if (starts(p, "http://") || starts(p, "https://"))
			n++;
		else if (starts(p, "www.") && !(p - md >= 2 &&
		    p[-1] == '/' && p[-2] == '/'))
			n++;
		else if (p[0] == ']' && p[1] == '(' && !starts(p + 2,
		    "http://") && !starts(p + 2, "https://") &&
		    !starts(p + 2, "www."))
			n++;
	}
	return n;
}

/* --- feeds and the sitemap ----------------------------------------------- */

/*
 * The statements of the Atom feeds and the sitemap, kept in a table of
 * their own so that the read queries above stay as they are.
 */
enum post_feed_stmt {
	POST_FEED_BODIES,	/* body_html of a list of questions */
	POST_FEED_ANSWERS,	/* a question's answers, newest first */
	POST_FEED_COUNT,	/* visible questions */
	POST_FEED_SITEMAP,	/* a page of them in the sitemap's order */
	POST_FEED__MAX
};

static const char *const post_feed_sql[POST_FEED__MAX] = {
	/*
	 * BODIES: ?1 a JSON array of ids; each by primary key, if it is
	 * still a visible question.
	 */
	"SELECT p.id, p.body_html, p.edited FROM json_each(?1) "
	"CROSS JOIN posts p ON p.id = json_each.value "
	"WHERE p.type = 1 AND p.status = 1",
	/* ANSWERS: index posts_parent, read backwards; ?2 the limit. */
	"SELECT " THREAD_COLS THREAD_JOIN
	" WHERE p.parent_id = ?1 AND p.type = 2 AND p.status = 1 "
	"ORDER BY p.created DESC, p.id DESC LIMIT ?2",
	/* COUNT: index posts_q_newest alone (a covering scan). */
	"SELECT count(*) FROM posts WHERE " VISIBLE_Q,
	/*
	 * SITEMAP: ?1 limit, ?2 offset.  Index posts_q_newest (created
	 * DESC, then id) read backwards, which is oldest first and, among
	 * questions asked in the same second, the higher id first: a new
	 * question goes to the end, so the pages before it keep their
	 * questions.  Rows skipped by OFFSET are index steps only.
	 */
	"SELECT id, slug, title, max(activity, coalesce(edited, 0)) "
	"FROM posts INDEXED BY posts_q_newest WHERE " VISIBLE_Q
	" ORDER BY created, id DESC LIMIT ?1 OFFSET ?2",
};

static sqlite3_stmt *post_feed_cache[POST_FEED__MAX];
static struct db_stmts post_feed_stmts =
    { post_feed_sql, POST_FEED__MAX, post_feed_cache, NULL, NULL };

/*
 * The statements of the feeds and the sitemap, for the test that
 * prepares every statement of every module.
 */
struct db_stmts *
post_feed_statements(void)
{
	return &post_feed_stmts;
}

/*
 * Give the n questions of v (from post_list()) their body_html and
 * edited time, in one query: a primary-key lookup each.  A question that
 * is no longer visible keeps body_html NULL, and callers skip it.
 * Returns QA_OK, QA_ESYS if out of memory, or the database error.
 */
enum qa_err
post_list_bodies(struct db *db, struct arena *a, struct post *v, size_t n)
{
	sqlite3_stmt	*st;
	char		*ids;
	size_t		 i, len, size;
	int64_t		 id;
	enum qa_err	 er = QA_OK;
	int		 rc;

	if (n == 0)
		return QA_OK;
	size = n * 21 + 3;
	if ((ids = arena_alloc(a, size)) == NULL)
		return QA_ESYS;
	len = 0;
	ids[len++] = '[';
	for (i = 0; i < n; i++) {
		v[i].body_html = NULL;
		len += (size_t)snprintf(ids + len, size - len, "%s%lld",
		    i > 0 ? "," : "", (long long)v[i].id);
	}
	ids[len++] = ']';
	ids[len] = '\0';
	if ((st = db_stmt(db, &post_feed_stmts, POST_FEED_BODIES)) == NULL)
		return QA_ESYS;
	sqlite3_bind_text(st, 1, ids, (int)len, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = db_col_int(st, 0);
		for (i = 0; i < n && v[i].id != id; i++)
			continue;
		if (i == n)
			continue;
		v[i].edited = db_col_int(st, 2);
		if ((v[i].body_html = db_col_text(a, st, 1)) == NULL) {
			er = QA_ESYS;
			break;
		}
	}
	if (er == QA_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		er = db_err(db, rc, "post_list_bodies");
	db_done(st);
	return er;
}

/*
 * Read the newest visible answers of question question_id, up to limit,
 * newest first (ties: the higher id first), each as the question page
 * has it (body_html, author, editor, times, votes) without comments.
 * The caller checks that the question itself may be shown.  *out is an
 * arena array of *n posts (NULL when none).  Index posts_parent; one
 * query.  Returns QA_OK or the database error.
 */
enum qa_err
post_feed_answers(struct db *db, struct arena *a, int64_t question_id,
    int64_t limit, struct post **out, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if (limit <= 0)
		return QA_OK;
	if ((st = db_stmt(db, &post_feed_stmts, POST_FEED_ANSWERS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, question_id);
	sqlite3_bind_int64(st, 2, limit);
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, thread_row, &v,
	    n, "post_feed_answers");
	*out = v;
	return er;
}

/*
 * Count the visible questions into *n: a scan of the index of the
 * newest questions (no table row is read).  Returns QA_OK or the
 * database error.
 */
enum qa_err
post_sitemap_count(struct db *db, int64_t *n)
{
	sqlite3_stmt	*st;
	enum qa_err	 er = QA_OK;
	int		 rc;

	*n = 0;
	if ((st = db_stmt(db, &post_feed_stmts, POST_FEED_COUNT)) == NULL)
		return QA_ESYS;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else
		er = db_err(db, rc, "post_sitemap_count");
	db_done(st);
	return er;
}

/*
 * Call fn(arg, id, slug, lastmod) for up to limit visible questions from
 * offset on, in the sitemap's order (oldest first: see POST_FEED_SITEMAP),
 * where slug is the question's slug (made from its title when none is
 * stored) and lastmod the later of its last activity and its last edit.
 * slug is valid during the call only.  Nothing is allocated, so a page
 * of tens of thousands of questions costs no memory here.  Stops at the
 * first error fn returns.  Returns QA_OK, fn's error, or the database
 * error.
 */
enum qa_err
post_sitemap(struct db *db, int64_t offset, int64_t limit,
    enum qa_err (*fn)(void *, int64_t, const char *, int64_t), void *arg)
{
	sqlite3_stmt	*st;
	const char	*slug, *title;
	char		 made[96];
	enum qa_err	 er = QA_OK;
	int		 rc;

	if (limit <= 0 || offset < 0)
		return QA_OK;
	if ((st = db_stmt(db, &post_feed_stmts, POST_FEED_SITEMAP)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		slug = (const char *)sqlite3_column_text(st, 1);
		if (slug == NULL || slug[0] == '\0') {
			title = (const char *)sqlite3_column_text(st, 2);
			util_slugn(made, sizeof(made), title != NULL ?
			    title : "");
			slug = made;
		}
		if ((er = fn(arg, db_col_int(st, 0), slug,
		    db_col_int(st, 3))) != QA_OK)
			break;
	}
	if (er == QA_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		er = db_err(db, rc, "post_sitemap");
	db_done(st);
	return er;
}
