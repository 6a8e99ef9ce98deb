/*
 * post.h: questions, answers and comments: as the read side shows them
 * (question lists in their sort orders, one question with its answers and
 * comments, and a user's recent posts), and the writes that create, edit,
 * accept, moderate and claim them, keeping every counter and the search
 * index in step.
 */
#ifndef POST_H
#define POST_H

#include <stdbool.h>
#include <stdint.h>

#include "qa.h"

struct arena;
struct db;
struct db_stmts;
struct sqlite3_stmt;

/* posts.type */
enum post_type {
	POST_QUESTION = 1,
	POST_ANSWER = 2,
	POST_COMMENT = 3,
};

/* posts.status */
enum post_status {
	POST_QUEUED = 0,
	POST_VISIBLE = 1,
	POST_HIDDEN = 2,
	POST_DELETED = 3,
};

/*
 * The question lists.  Each one shows visible questions only and reads
 * an index in order or sorts few rows, so a page costs about the same at
 * any size of the site.  The lists from POST_LIST_TAG on take a key.
 */
enum post_list {
	POST_LIST_NEWEST,	/* by creation, newest first */
	POST_LIST_ACTIVE,	/* by last activity, latest first */
	POST_LIST_VOTES,	/* by net votes, then newest */
	POST_LIST_UNANSWERED,	/* no answer yet, newest first */
	POST_LIST_TAG,		/* key: tag id; newest first */
	POST_LIST_TAG_WIDE,	/* the same, for a tag on many questions */
	POST_LIST_CATEGORY,	/* key: category id (direct); newest first */
	POST_LIST_SUBTREE,	/* key: category id, with those below it */
	POST_LIST_SUBTREE_WIDE,	/* the same, for a category with many */
	POST_LIST_USER,		/* key: user id; newest first */
	/*
	 * The tag and category lists in the other orders of the site-wide
	 * lists, with the plans of their newest-first kin: the key's rows
	 * then a sort, or (_WIDE) the site-wide index of the order walked
	 * and filtered.  A category's lists take those below it too.
	 */
	POST_LIST_TAG_ACTIVE,
	POST_LIST_TAG_VOTES,
	POST_LIST_TAG_UNANSWERED,
	POST_LIST_TAG_WIDE_ACTIVE,
	POST_LIST_TAG_WIDE_VOTES,
	POST_LIST_TAG_WIDE_UNANSWERED,
	POST_LIST_SUBTREE_ACTIVE,
	POST_LIST_SUBTREE_VOTES,
	POST_LIST_SUBTREE_UNANSWERED,
	POST_LIST_SUBTREE_WIDE_ACTIVE,
	POST_LIST_SUBTREE_WIDE_VOTES,
	POST_LIST_SUBTREE_WIDE_UNANSWERED,
	POST_LIST__MAX
};

/*
 * From how many questions on a tag (or in a category and below) the
 * _WIDE list is the faster plan: it walks the newest questions of the
 * whole site and keeps those with the tag (in the categories), where
 * POST_LIST_TAG (POST_LIST_SUBTREE) reads every question of the tag (the
 * categories) and sorts them.  Both give the same rows.
 */
#define POST_LIST_WIDE		500

/*
 * A post with what a page shows of it.  Strings live in the caller's
 * arena; a field that does not apply is NULL or 0.
 */
struct post {
	int64_t		 id;
	int		 type;		/* enum post_type */
	int		 status;	/* enum post_status */
	int64_t		 parent_id;
	int64_t		 question_id;
	const char	*title;		/* questions; see below for answers */
	const char	*slug;		/* never NULL for a question */
	const char	*body_html;	/* cmark output, safe; thread only */
	const char	*tags;		/* space-separated names */
	int64_t		 category_id;
	const char	*category_slug;
	const char	*category_name;
	int64_t		 user_id;	/* 0 for an anonymous post */
	const char	*handle;	/* author's handle, or NULL */
	const char	*anon_name;	/* anonymous author's name, or NULL */
	int64_t		 points;	/* author's points */
	int64_t		 created;
	int64_t		 activity;
	int64_t		 edited;	/* 0 if never edited */
	const char	*edited_handle;	/* editor's handle, or NULL */
	const char	*edited_name;	/* anonymous editor's name, or NULL */
	bool		 closed;
	bool		 comments_locked;
	const char	*close_reason;
	int64_t		 duplicate_of;	/* 0 if none */
	const char	*duplicate_title; /* when duplicate_of is visible */
	const char	*duplicate_slug;
	int64_t		 score;		/* net votes */
	int64_t		 answer_count;
	int64_t		 comment_count;
	int64_t		 accepted_id;	/* a question's best answer, or 0 */
	int64_t		 views;
	bool		 accepted;	/* an answer that is the best one */
	struct post	*comments;	/* thread: visible comments, by time */
	size_t		 ncomments;
};

/*
 * A question page: the question with its comments, and its visible
 * answers (the accepted one first, then by votes, then oldest first),
 * each with its comments.
 */
struct post_thread {
	struct post	 question;
	struct post	*answers;
	size_t		 nanswers;
};

/*
 * A question list row, for the model modules that read questions with
 * SQL of their own (search.c): POST_LIST_COLS are the columns that
 * post_list_row() reads, from posts p joined by POST_LIST_JOINS to its
 * author u and category c.
 */
#define POST_LIST_COLS \
	"p.id, p.title, p.slug, p.tags, p.score, p.answer_count, " \
	"p.accepted_id, p.created, p.activity, p.user_id, p.anon_name, " \
	"p.closed, p.views, p.category_id, u.handle, u.points, c.slug, " \
	"c.name"
#define POST_LIST_JOINS \
	" LEFT JOIN users u ON u.id = p.user_id " \
	"LEFT JOIN categories c ON c.id = p.category_id"
#define POST_LIST_NCOLS	18	/* columns of POST_LIST_COLS */

enum qa_err	 post_list_row(struct arena *, struct sqlite3_stmt *,
		    void *);
enum qa_err	 post_list(struct db *, struct arena *, enum post_list,
		    int64_t key, int64_t offset, int64_t limit,
		    struct post **, size_t *);
enum qa_err	 post_list_count(struct db *, enum post_list, int64_t key,
		    int64_t offset, int64_t cap, int64_t *);
enum qa_err	 post_question_get(struct db *, struct arena *, int64_t id,
		    struct post *);
enum qa_err	 post_thread_get(struct db *, struct arena *, int64_t id,
		    struct post_thread *);
enum qa_err	 post_thread_get_for(struct db *, struct arena *, int64_t id,
		    int64_t viewer_id, bool viewer_is_moderator,
		    struct post_thread *);
enum qa_err	 post_user_answers(struct db *, struct arena *,
		    int64_t user_id, int64_t limit, struct post **,
		    size_t *);
struct db_stmts	*post_statements(void);
struct db_stmts	*post_fts_statements(void);

/* --- the write side ------------------------------------------------------ */

/*
 * A new post.  Strings are borrowed.  For a question: title, body_md,
 * tags (already normalized by tag_normalize(): names separated by single
 * spaces, may be ""), category_id (0: none).  For an answer: parent_id is
 * the question.  For a comment: parent_id is the question or answer it
 * is under.  user_id 0 is an anonymous visitor, who may give anon_name
 * and anon_email (NULL when not given).
 */
struct post_new {
	int		 type;		/* enum post_type */
	int64_t		 parent_id;
	const char	*title;
	const char	*body_md;
	const char	*tags;
	int64_t		 category_id;
	int64_t		 user_id;
	const char	*anon_name;
	const char	*anon_email;
	const char	*ip;
	int		 status;	/* POST_VISIBLE or POST_QUEUED */
	int64_t		 now;
};

/*
 * An edit.  NULL leaves a field as it is (title, tags and category only
 * apply to questions).  editor_id 0 is an anonymous author editing
 * through their manage link; editor_name is then their display name.
 */
struct post_change {
	int64_t		 id;
	const char	*title;
	const char	*body_md;
	const char	*tags;
	int64_t		 category_id;	/* -1: unchanged */
	int64_t		 editor_id;
	const char	*editor_name;
	const char	*reason;	/* edit reason, may be "" */
	int64_t		 now;
};

/* One stored revision of a post. */
struct revision {
	int64_t		 rev;
	int64_t		 user_id;	/* 0: anonymous */
	const char	*handle;	/* editor's handle, or NULL */
	const char	*anon_name;
	int64_t		 created;
	const char	*reason;
	const char	*title;		/* questions, else NULL */
	const char	*body_md;
	const char	*tags;
};

/* What the write side needs of a post: its raw fields. */
struct post_raw {
	int64_t		 id;
	int		 type;
	int		 status;
	int64_t		 parent_id;
	int64_t		 question_id;
	const char	*title;
	const char	*slug;
	const char	*body_md;
	const char	*tags;
	int64_t		 category_id;
	int64_t		 user_id;
	const char	*anon_name;
	const char	*anon_email;
	bool		 closed;
	bool		 comments_locked;
	int64_t		 accepted_id;	/* questions */
	int64_t		 created;
	int64_t		 edited;	/* 0 if never edited */
};

enum qa_err	 post_create(struct db *, struct arena *,
		    const struct post_new *, int64_t *id);
enum qa_err	 post_update(struct db *, struct arena *,
		    const struct post_change *);
enum qa_err	 post_status_set(struct db *, struct arena *, int64_t id,
		    int status);
enum qa_err	 post_accept(struct db *, int64_t question_id,
		    int64_t answer_id, int64_t now);
enum qa_err	 post_raw_get(struct db *, struct arena *, int64_t id,
		    struct post_raw *);
enum qa_err	 post_raw_get_pair(struct db *, struct arena *, int64_t id,
		    struct post_raw *, struct post_raw *question);
enum qa_err	 post_revisions(struct db *, struct arena *, int64_t id,
		    struct revision **, size_t *);
enum qa_err	 post_views_add(struct db *, int64_t id, int64_t n);
enum qa_err	 post_similar(struct db *, struct arena *, const char *text,
		    int64_t limit, struct post **, size_t *);
enum qa_err	 post_key_create(struct db *, int64_t post_id, int64_t now,
		    char *token, size_t tokensz);
enum qa_err	 post_key_check(struct db *, const char *token,
		    int64_t post_id);
enum qa_err	 post_claim(struct db *, int64_t post_id, int64_t user_id);
int64_t		 post_link_count(const char *body_md);

/* --- feeds and the sitemap ----------------------------------------------- */

enum qa_err	 post_list_bodies(struct db *, struct arena *, struct post *,
		    size_t);
enum qa_err	 post_feed_answers(struct db *, struct arena *,
		    int64_t question_id, int64_t limit, struct post **,
		    size_t *);
enum qa_err	 post_sitemap_count(struct db *, int64_t *);
enum qa_err	 post_sitemap(struct db *, int64_t offset, int64_t limit,
		    enum qa_err (*)(void *, int64_t id, const char *slug,
		    int64_t lastmod), void *);
struct db_stmts	*post_feed_statements(void);

#endif /* !POST_H */
