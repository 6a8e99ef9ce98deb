/*
 * moderate.c: what moderators do, over the data.  Every action runs in
 * the caller's transaction and writes exactly one audit row there
 * (mod_audit()); an automatic hide after enough flags writes one more,
 * by the system (actor 0).  Visibility only ever changes through
 * post_status_set(), so the counters, the points of posting and the
 * search index stay as lib/recount.c computes them.
 *
 * Addresses are kept as 16-byte big-endian IPv6 values, IPv4 mapped into
 * ::ffff:0:0/96, so that one comparison of BLOBs (memcmp order) tells
 * whether an address lies in a block [first, last].
 *
 * A purge takes back every point its posts still stand for (the votes on
 * them and a best answer) before it deletes the rows, so the points log
 * explains each total without the post: the events stay, with post_id
 * NULL, next to the events that cancel them.
 */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "db.h"
#include "moderate.h"
#include "points.h"
#include "post.h"
#include "settings.h"
#include "subscribe.h"

enum mod_stmt {
	MOD_STMT_AUDIT,		/* an audit row */
	MOD_STMT_FLAG,		/* a flag, once per user and post */
	MOD_STMT_FLAG_COUNT,	/* flag_count += 1, returning it */
	MOD_STMT_FLAGS_CLEAR,	/* a post's open flags resolved */
	MOD_STMT_FLAG_ZERO,	/* flag_count = 0 */
	MOD_STMT_LOCK,		/* comments_locked = */
	MOD_STMT_CLOSE,		/* closed, close_reason, duplicate_of = */
	MOD_STMT_USER,		/* a user's blocked and level */
	MOD_STMT_BLOCK,		/* users.blocked = */
	MOD_STMT_LEVEL,		/* users.level = */
	MOD_STMT_IP_INSERT,	/* an address block */
	MOD_STMT_IP_DELETE,	/* an address block, by id */
	MOD_STMT_IP_MATCH,	/* whether a block holds an address */
	MOD_STMT_USER_POSTS,	/* a user's visible and queued posts */
	MOD_STMT_AUDIT_GET,	/* one audit row's action and target */
	MOD_STMT_UNDONE,	/* whether a nuke was undone */
	MOD_STMT_DETAIL_IDS,	/* the ids of one list of a nuke's detail */
	MOD_STMT_SUBTREE,	/* a post and those under it, deepest first */
	MOD_STMT_VOTES,		/* the votes on a post */
	MOD_STMT_UNDUP,		/* duplicate_of cleared where it points */
	MOD_STMT_QUEUE,		/* the moderation queue */
	MOD_STMT_LOG,		/* the audit log */
	MOD_STMT_USER_IPS,	/* the addresses a user posted from */
	MOD_STMT__MAX
};

static const char *const mod_sql[MOD_STMT__MAX] = {
	/* AUDIT */
	"INSERT INTO audit (actor_id, action, target_type, target_id, "
	"reason, detail, ip, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	/* FLAG: the unique key (post_id, user_id) keeps one per user. */
	"INSERT INTO flags (post_id, user_id, reason, note, created) "
	"VALUES (?1, ?2, ?3, ?4, ?5) "
	"ON CONFLICT (post_id, user_id) DO NOTHING",
	/* FLAG_COUNT: primary key. */
	"UPDATE posts SET flag_count = flag_count + 1 WHERE id = ?1 "
	"RETURNING flag_count",
	/* FLAGS_CLEAR: the unique key's post_id prefix. */
	"UPDATE flags SET resolved = 1 WHERE post_id = ?1 AND resolved = 0",
	/* FLAG_ZERO */
	"UPDATE posts SET flag_count = 0 WHERE id = ?1",
	/* LOCK */
	"UPDATE posts SET comments_locked = ?2 WHERE id = ?1",
	/* CLOSE */
	"UPDATE posts SET closed = ?2, close_reason = ?3, duplicate_of = ?4 "
	"WHERE id = ?1",
	/* USER */
	"SELECT blocked, level FROM users WHERE id = ?1",
	/* BLOCK */
	"UPDATE users SET blocked = ?2 WHERE id = ?1",
	/* LEVEL */
	"UPDATE users SET level = ?2 WHERE id = ?1",
	/* IP_INSERT */
	"INSERT INTO ip_blocks (first, last, reason, created) "
	"VALUES (?1, ?2, ?3, ?4)",
	/* IP_DELETE */
	"DELETE FROM ip_blocks WHERE id = ?1",
	/*
	 * IP_MATCH: index ip_blocks_range alone, from the block that starts
	 * nearest below the address downwards, stopping at the first that
	 * reaches it (see mod_ip_blocked()).
	 */
	"SELECT 1 FROM ip_blocks WHERE first <= ?1 AND last >= ?1 "
	"ORDER BY first DESC LIMIT 1",
	/* USER_POSTS: index posts_user. */
	"SELECT id, status FROM posts WHERE user_id = ?1 "
	"AND status IN (0, 1) ORDER BY id",
	/* AUDIT_GET: primary key. */
	"SELECT action, target_type, target_id FROM audit WHERE id = ?1",
	/* UNDONE: index audit_target. */
	"SELECT 1 FROM audit WHERE target_type = 'audit' AND target_id = ?1 "
	"AND action = 'unnuke'",
	/* DETAIL_IDS: ?2 the JSON path of the list; primary key. */
	"SELECT value FROM json_each((SELECT detail FROM audit "
	"WHERE id = ?1), ?2)",
	/*
	 * SUBTREE: the comments of the answers under ?1, the posts
	 * directly under it, then ?1 itself (posts nest two deep under a
	 * question); index posts_parent.
	 */
	"SELECT id, 2 FROM posts WHERE parent_id IN "
	"(SELECT id FROM posts WHERE parent_id = ?1) "
	"UNION ALL SELECT id, 1 FROM posts WHERE parent_id = ?1 "
	"UNION ALL SELECT ?1, 0 ORDER BY 2 DESC, 1",
	/* VOTES: the key's post_id prefix. */
	"SELECT user_id, value FROM votes WHERE post_id = ?1",
	/* UNDUP: index posts_duplicate_of. */
	"UPDATE posts SET duplicate_of = NULL WHERE duplicate_of = ?1",
	/*
	 * QUEUE: ?1 limit, ?2 offset.  The ids come from index
	 * posts_status (queued) and flags_open (open flags); each row then
	 * by primary key, its flags by the flags key, the author's history
	 * by index posts_user.  Deleted posts leave the queue.
	 */
	"SELECT p.id, p.type, p.status, p.question_id, q.title, q.slug, "
	"p.body_html, p.user_id, u.handle, p.anon_name, p.ip, p.created, "
	"p.flag_count, (SELECT group_concat(f.reason || CASE WHEN f.note "
	"<> '' THEN ': ' || f.note ELSE '' END, ', ') FROM flags f "
	"WHERE f.post_id = p.id AND f.resolved = 0), "
	"(SELECT count(*) FROM posts x WHERE x.user_id = p.user_id), "
	"(SELECT count(*) FROM posts x WHERE x.user_id = p.user_id "
	"AND x.status IN (2, 3)) "
	"FROM posts p LEFT JOIN posts q ON q.id = p.question_id "
	"LEFT JOIN users u ON u.id = p.user_id WHERE p.id IN "
	"(SELECT id FROM posts WHERE status <> 1 AND status = 0 "
	"UNION SELECT post_id FROM flags WHERE resolved = 0) "
	"AND p.status <> 3 ORDER BY p.created, p.id LIMIT ?1 OFFSET ?2",
	/* LOG: ?1 limit, ?2 offset; index audit_created. */
	"SELECT a.id, a.actor_id, u.handle, a.action, a.target_type, "
	"a.target_id, a.reason, a.detail, a.ip, a.created FROM audit a "
	"LEFT JOIN users u ON u.id = a.actor_id "
	"ORDER BY a.created DESC, a.id DESC LIMIT ?1 OFFSET ?2",
	/* USER_IPS: index posts_user. */
	"SELECT DISTINCT ip FROM posts WHERE user_id = ?1 AND ip IS NOT NULL "
	"ORDER BY ip",
};

static sqlite3_stmt	*mod_cache[MOD_STMT__MAX];
static struct db_stmts	 mod_stmts =
    { mod_sql, MOD_STMT__MAX, mod_cache, NULL, NULL };

/*
 * The delete of a purge, kept apart from mod_sql because SQLite checks
 * the foreign keys that point at a deleted post, and posts.question_id,
 * posts.accepted_id and points_log.post_id have no index: each purged
 * row costs a scan of posts and of points_log, which is fine for a rare
 * admin action and not worth an index that every post and every vote
 * would pay for.
 */
enum mod_purge_stmt {
	MOD_PURGE_DELETE,	/* a post row, and what refers to it */
	MOD_PURGE__MAX
};

static const char *const mod_purge_sql[MOD_PURGE__MAX] = {
	/*
	 * DELETE: revisions, tag links, votes, flags, subscriptions and
	 * manage keys go by their foreign keys; points_log keeps its rows
	 * with post_id NULL.
	 */
	"DELETE FROM posts WHERE id = ?1",
};

static sqlite3_stmt	*mod_purge_cache[MOD_PURGE__MAX];
static struct db_stmts	 mod_purge_stmts =
    { mod_purge_sql, MOD_PURGE__MAX, mod_purge_cache, NULL, NULL };

/* The stored names of the flag reasons. */
static const char *const reason_names[FLAG_REASON__MAX] = {
	[FLAG_SPAM] = "spam",
	[FLAG_OFFENSIVE] = "offensive",
	[FLAG_OFFTOPIC] = "offtopic",
	[FLAG_OTHER] = "other",
};

/* The audit names of the post actions. */
static const char *const action_names[MOD_POST_ACTION__MAX] = {
	[MOD_APPROVE] = "approve",
	[MOD_REJECT] = "reject",
	[MOD_HIDE] = "hide",
	[MOD_RESHOW] = "reshow",
	[MOD_DELETE] = "delete",
	[MOD_RESTORE] = "restore",
	[MOD_PURGE] = "purge",
	[MOD_CLEAR_FLAGS] = "clear-flags",
	[MOD_LOCK] = "lock",
	[MOD_UNLOCK] = "unlock",
	[MOD_REOPEN] = "reopen",
};

/* Length of an address: IPv6, or IPv4 mapped into it. */
#define ADDR_LEN	16

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
mod_statements(void)
{
	return &mod_stmts;
}

/*
 * The statement of a purge's delete (see mod_purge_sql), for the test
 * that prepares every statement of every module.
 */
struct db_stmts *
mod_purge_statements(void)
{
	return &mod_purge_stmts;
}

/*
 * Run statement `which` with ?1 id and, when x_used, ?2 x.  Sets
 * *changes (when not NULL) to the rows it changed.  Returns QA_OK or the
 * database error.
 */
static enum qa_err
run(struct db *db, enum mod_stmt which, int64_t id, bool x_used,
    int64_t x, int64_t *changes, const char *where)
{
	sqlite3_stmt	*st;
	enum qa_err	 er;

	if ((st = db_stmt(db, &mod_stmts, which)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if (x_used)
		sqlite3_bind_int64(st, 2, x);
	er = db_run(db, st, where);
	if (changes != NULL)
		*changes = er == QA_OK ? sqlite3_changes(db_handle(db)) : 0;
	return er;
}

/*
 * Whether statement `which` with ?1 id (and, when x is not NULL, ?2 the
 * text x) gives a row: *found.  Returns QA_OK or the database error.
 */
static enum qa_err
exists(struct db *db, enum mod_stmt which, int64_t id, const char *x,
    bool *found, const char *where)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;
	enum qa_err	 er;

	*found = false;
	if ((st = db_stmt(db, &mod_stmts, which)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if (x != NULL && !db_bind_text(st, 2, x)) {
		db_done(st);
		return QA_ESYS;
	}
	if ((er = db_count(db, st, &n, where)) == QA_OK)
		*found = n > 0;
	return er;
}

/*
 * Record one audit entry inside the caller's transaction: actor (user id
 * 0, the system, is stored as NULL; its ip and now), what was done
 * (action, e.g. "hide"), to what (target_type "post", "user", "ip",
 * "audit" or "settings", and target_id, 0 for none), why (reason, NULL
 * for "") and what exactly (detail, NULL for "": text or JSON).  Returns
 * QA_OK, QA_ESYS, or the database error.
 */
enum qa_err
mod_audit(struct db *db, const struct mod_actor *actor, const char *action,
    const char *target_type, int64_t target_id, const char *reason,
    const char *detail)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_AUDIT)) == NULL)
		return QA_ESYS;
	db_bind_id(st, 1, actor->user_id);
	db_bind_id(st, 4, target_id);
	sqlite3_bind_int64(st, 8, actor->now);
	if (!db_bind_text(st, 2, action) ||
	    !db_bind_text(st, 3, target_type) ||
	    !db_bind_text(st, 5, reason != NULL ? reason : "") ||
	    !db_bind_text(st, 6, detail != NULL ? detail : "") ||
	    !db_bind_text(st, 7, actor->ip)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_run(db, st, "mod_audit");
}

/* The row function of FLAG_COUNT: the count into an int64_t. */
static enum qa_err
int_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	(void)a;
	*(int64_t *)v = db_col_int(st, 0);
	return QA_OK;
}

/* A pair of integers: a row of USER_POSTS, SUBTREE or VOTES. */
struct pair {
	int64_t	 a, b;
};

/* The row function of the statements read into struct pair. */
static enum qa_err
pair_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct pair	*p = v;

	(void)a;
	p->a = db_col_int(st, 0);
	p->b = sqlite3_column_count(st) > 1 ? db_col_int(st, 1) : 0;
	return QA_OK;
}

/*
 * Read every row of statement `which`, bound with ?1 id and (when path
 * is not NULL) ?2 path, into an arena array of pairs (*out, *n; NULL and
 * 0 when empty).  Returns QA_OK, QA_ESYS, or the database error.
 */
static enum qa_err
pairs(struct db *db, struct arena *a, enum mod_stmt which, int64_t id,
    const char *path, struct pair **out, size_t *n, const char *where)
{
	sqlite3_stmt	*st;
	void		*v = NULL;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if ((st = db_stmt(db, &mod_stmts, which)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if (path != NULL && !db_bind_text(st, 2, path)) {
		db_done(st);
		return QA_ESYS;
	}
	er = db_rows(db, st, a, sizeof(**out), DB_ROWS_ALL, pair_row, &v, n,
	    where);
	*out = v;
	return er;
}

/*
 * User user_id flags post post_id for reason (FLAG_OTHER with a note;
 * note may be NULL) at time now, inside the caller's transaction: one
 * flags row (a user flags a post once: QA_ECONFLICT for a second flag,
 * even once the first is resolved), posts.flag_count + 1, and an audit
 * entry "flag" by the user (reason the reason's name, detail the note).
 * When the post's open flags reach the setting flags_to_hide (default
 * 3; 0 or less never hides) the post is hidden through post_status_set()
 * with an audit entry "auto-hide" by the system, and *hidden (when not
 * NULL) is set.  Returns QA_OK; QA_EINPUT for user_id <= 0 or a bad
 * reason; QA_ENOTFOUND if the post is missing or not visible;
 * QA_EFORBIDDEN on one's own post; QA_ECONFLICT; QA_ESYS or the database
 * error.
 */
enum qa_err
mod_flag(struct db *db, int64_t post_id, int64_t user_id,
    enum flag_reason reason, const char *note, int64_t now, bool *hidden)
{
	struct arena		 a;
	struct post_raw		 p;
	struct mod_actor	 who = { user_id, NULL, now, NULL };
	sqlite3_stmt		*st;
	int64_t			 n, limit;
	enum qa_err		 er;

	if (hidden != NULL)
		*hidden = false;
	if (user_id <= 0 || (unsigned)reason >= FLAG_REASON__MAX)
		return QA_EINPUT;
	if (note == NULL)
		note = "";
	arena_init(&a);
	if ((er = post_raw_get(db, &a, post_id, &p)) != QA_OK)
		goto out;
	if (p.status != POST_VISIBLE) {
		er = QA_ENOTFOUND;
		goto out;
	}
	if (p.user_id == user_id) {
		er = QA_EFORBIDDEN;
		goto out;
	}
	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_FLAG)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, post_id);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 5, now);
	if (!db_bind_text(st, 3, reason_names[reason]) ||
	    !db_bind_text(st, 4, note)) {
		db_done(st);
		er = QA_ESYS;
		goto out;
	}
	if ((er = db_run(db, st, "mod_flag")) != QA_OK)
		goto out;
	if (sqlite3_changes(db_handle(db)) == 0) {
		er = QA_ECONFLICT;
		goto out;
	}
	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_FLAG_COUNT)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, post_id);
	if ((er = db_one(db, st, NULL, int_row, &n, "mod_flag")) != QA_OK)
		goto out;
	if ((er = mod_audit(db, &who, "flag", "post", post_id,
	    reason_names[reason], note)) != QA_OK)
		goto out;
	limit = settings_int("flags_to_hide", 3);
	if (limit <= 0 || n < limit)
		goto out;
	if ((er = post_status_set(db, &a, post_id, POST_HIDDEN)) != QA_OK)
		goto out;
	who.user_id = 0;
	if ((er = mod_audit(db, &who, "auto-hide", "post", post_id,
	    "flags", NULL)) != QA_OK)
		goto out;
	if (hidden != NULL)
		*hidden = true;
out:
	arena_free(&a);
	return er;
}

/*
 * Mail the subscribers about post p, now approved, as the posting
 * programs do for a post that is visible at once: an answer to its
 * question's subscribers, a comment to its parent's and, on an answer,
 * to the question's too.  Nothing without a base_url.  Returns QA_OK or
 * subscribe_notify()'s error.
 */
static enum qa_err
approve_notify(struct db *db, struct arena *a, const struct mod_actor *m,
    const struct post_raw *p)
{
	enum qa_err	 er;

	if (m->base_url == NULL)
		return QA_OK;
	if (p->type == POST_ANSWER)
		return subscribe_notify(db, a, m->base_url, p->question_id,
		    SUBSCRIBE_ANSWER, p->user_id, p->id, m->now);
	if (p->type != POST_COMMENT)
		return QA_OK;
	if ((er = subscribe_notify(db, a, m->base_url, p->parent_id,
	    SUBSCRIBE_COMMENT, p->user_id, p->id, m->now)) != QA_OK ||
	    p->parent_id == p->question_id)
		return er;
	return subscribe_notify(db, a, m->base_url, p->question_id,
	    SUBSCRIBE_COMMENT, p->user_id, p->id, m->now);
}

/*
 * Take back the points of every vote on post id of type `type` by
 * author (0: anonymous), as lib/vote.c gave them (vote_points() there):
 * the author's q/a/c_voted_* and, except on comments, the voter's
 * vote_up or vote_down, at time now.  The votes rows themselves go with
 * the post.  Returns QA_OK, QA_ESYS, or the database error.
 */
static enum qa_err
votes_revert(struct db *db, struct arena *a, int64_t id, int type,
    int64_t author, int64_t now)
{
	struct pair	*v;
	size_t		 n, i;
	enum qa_err	 er;

	if ((er = pairs(db, a, MOD_STMT_VOTES, id, NULL, &v, &n,
	    "mod_post purge")) != QA_OK)
		return er;
	for (i = 0; i < n; i++) {
		if ((er = points_add(db, author, id, v[i].a,
		    points_voted_event(type, (int)v[i].b), -1, now)) != QA_OK)
			return er;
		if (type != POST_COMMENT && (er = points_add(db, v[i].a, id,
		    v[i].a, v[i].b > 0 ? POINTS_VOTE_UP : POINTS_VOTE_DOWN,
		    -1, now)) != QA_OK)
			return er;
	}
	return QA_OK;
}

/*
 * Delete post p (deleted) for good with the posts under it, inside the
 * caller's transaction: each post under it that is still visible is
 * deleted first through post_status_set() (so counters and posting
 * points move); a best answer among them (or p itself, if it is one) is
 * unselected through post_accept(), taking back its points; the points
 * of every vote on them are taken back (votes_revert()); questions
 * closed as duplicates of p lose their duplicate_of; then the rows go,
 * deepest first, and with them by their foreign keys their revisions,
 * tag links, votes, flags, subscriptions and manage keys (points_log
 * rows keep their events with post_id NULL).  A deleted question has no
 * search row.  *detail gets the JSON {"posts":[ids]} of what went (arena
 * memory).  Returns QA_OK, QA_ESYS, or the database error.
 */
static enum qa_err
purge(struct db *db, struct arena *a, const struct mod_actor *m,
    const struct post_raw *p, const char **detail)
{
	struct post_raw	 k, q;
	struct pair	*t;
	sqlite3_stmt	*st;
	struct buf	 b = { 0 };
	size_t		 n, i;
	enum qa_err	 er;

	*detail = NULL;
	if ((er = pairs(db, a, MOD_STMT_SUBTREE, p->id, NULL, &t, &n,
	    "mod_post purge")) != QA_OK)
		return er;
	if (p->type == POST_QUESTION && p->accepted_id != 0 &&
	    (er = post_accept(db, p->id, 0, m->now)) != QA_OK)
		return er;
	if (p->type == POST_ANSWER) {
		if ((er = post_raw_get(db, a, p->question_id, &q)) != QA_OK)
			return er;
		if (q.accepted_id == p->id &&
		    (er = post_accept(db, q.id, 0, m->now)) != QA_OK)
			return er;
	}
	for (i = 0; i < n; i++) {
		if ((er = post_raw_get(db, a, t[i].a, &k)) != QA_OK)
			return er;
		if ((er = post_status_set(db, a, k.id, POST_DELETED)) !=
		    QA_OK)
			return er;
		if ((er = votes_revert(db, a, k.id, k.type, k.user_id,
		    m->now)) != QA_OK)
			return er;
	}
	if ((er = run(db, MOD_STMT_UNDUP, p->id, false, 0, NULL,
	    "mod_post purge")) != QA_OK)
		return er;
	buf_printf(&b, "{\"posts\":[");
	for (i = 0; i < n; i++) {
		if ((st = db_stmt(db, &mod_purge_stmts, MOD_PURGE_DELETE)) ==
		    NULL) {
			er = QA_ESYS;
			goto out;
		}
		sqlite3_bind_int64(st, 1, t[i].a);
		if ((er = db_run(db, st, "mod_post purge")) != QA_OK)
			goto out;
		buf_printf(&b, "%s%lld", i > 0 ? "," : "",
		    (long long)t[i].a);
	}
	buf_printf(&b, "]}");
	if (b.oom || (*detail = arena_strdup(a, buf_cstr(&b))) == NULL)
		er = QA_ESYS;
out:
	buf_free(&b);
	return er;
}

/*
 * The status that action act moves a post to, or -1 for an action that
 * sets no status; *applies tells whether the action may start from
 * status `from` (else mod_post() returns QA_ECONFLICT), and is true for
 * the actions that do not depend on the status.
 */
static int
next_status(enum mod_post_action act, int from, bool *applies)
{
	*applies = true;
	switch (act) {
	case MOD_APPROVE:
		*applies = from == POST_QUEUED;
		return POST_VISIBLE;
	case MOD_REJECT:
		*applies = from == POST_QUEUED;
		return POST_DELETED;
	case MOD_HIDE:
		*applies = from == POST_VISIBLE;
		return POST_HIDDEN;
	case MOD_RESHOW:
		*applies = from == POST_HIDDEN;
		return POST_VISIBLE;
	case MOD_DELETE:
		*applies = from != POST_DELETED;
		return POST_DELETED;
	case MOD_RESTORE:
		*applies = from == POST_DELETED;
		return POST_VISIBLE;
	case MOD_PURGE:
		*applies = from == POST_DELETED;
		return -1;
	default:
		return -1;
	}
}

/*
 * Do action act to post post_id as moderator m, inside the caller's
 * transaction, with one audit entry (the action's name, target "post",
 * reason; detail for a purge the ids that went).  The post must be in
 * the status the action starts from, else QA_ECONFLICT:
 *   MOD_APPROVE queued -> visible, then the mail the post would have
 *   sent had it been visible at once (subscribe_notify(), when
 *   m->base_url is set); MOD_REJECT queued -> deleted; MOD_HIDE visible
 *   -> hidden; MOD_RESHOW hidden -> visible; MOD_DELETE any other ->
 *   deleted; MOD_RESTORE deleted -> visible; MOD_PURGE deleted -> gone
 *   (see purge()); MOD_CLEAR_FLAGS resolves the open flags (there must
 *   be some) and sets flag_count 0; MOD_LOCK and MOD_UNLOCK set
 *   comments_locked (it must differ); MOD_REOPEN opens a closed question
 *   (QA_EINPUT for another type), clearing close_reason and
 *   duplicate_of.
 * Status changes go through post_status_set().  Returns QA_OK,
 * QA_EINPUT for a bad action, QA_ENOTFOUND, QA_ECONFLICT, QA_ESYS, or
 * the database error; on error the caller rolls back.
 */
enum qa_err
mod_post(struct db *db, struct arena *a, const struct mod_actor *m,
    int64_t post_id, enum mod_post_action act, const char *reason)
{
	struct post_raw	 p;
	sqlite3_stmt	*st;
	const char	*detail = NULL;
	int64_t		 n;
	bool		 applies;
	int		 to;
	enum qa_err	 er;

	if ((unsigned)act >= MOD_POST_ACTION__MAX)
		return QA_EINPUT;
	if ((er = post_raw_get(db, a, post_id, &p)) != QA_OK)
		return er;
	to = next_status(act, p.status, &applies);
	if (!applies)
		return QA_ECONFLICT;
	switch (act) {
	case MOD_PURGE:
		if ((er = purge(db, a, m, &p, &detail)) != QA_OK)
			return er;
		break;
	case MOD_CLEAR_FLAGS:
		if ((er = run(db, MOD_STMT_FLAGS_CLEAR, post_id, false, 0, &n,
		    "mod_post")) != QA_OK)
			return er;
		if (n == 0)
			return QA_ECONFLICT;
		if ((er = run(db, MOD_STMT_FLAG_ZERO, post_id, false, 0, NULL,
		    "mod_post")) != QA_OK)
			return er;
		break;
	case MOD_LOCK:
	case MOD_UNLOCK:
		if (p.comments_locked == (act == MOD_LOCK))
			return QA_ECONFLICT;
		if ((er = run(db, MOD_STMT_LOCK, post_id, true,
		    act == MOD_LOCK, NULL, "mod_post")) != QA_OK)
			return er;
		break;
	case MOD_REOPEN:
		if (p.type != POST_QUESTION)
			return QA_EINPUT;
		if (!p.closed)
			return QA_ECONFLICT;
		if ((st = db_stmt(db, &mod_stmts, MOD_STMT_CLOSE)) == NULL)
			return QA_ESYS;
		sqlite3_bind_int64(st, 1, post_id);
		sqlite3_bind_int(st, 2, 0);
		if ((er = db_run(db, st, "mod_post")) != QA_OK)
			return er;
		break;
	default:
		if ((er = post_status_set(db, a, post_id, to)) != QA_OK)
			return er;
		if (act == MOD_APPROVE &&
		    (er = approve_notify(db, a, m, &p)) != QA_OK)
			return er;
		break;
	}
	return mod_audit(db, m, action_names[act], "post", post_id, reason,
	    detail);
}

/*
 * Close question question_id as moderator m, inside the caller's
 * transaction: closed = 1, close_reason (NULL for ""), duplicate_of (0
 * for none, else another visible question), and an audit entry "close"
 * (detail {"duplicate_of":id} when given).  Returns QA_OK, QA_ENOTFOUND,
 * QA_EINPUT if question_id is not a question or duplicate_of not
 * another visible question, QA_ECONFLICT if it is closed already or
 * deleted, QA_ESYS, or the database error.
 */
enum qa_err
mod_close(struct db *db, const struct mod_actor *m, int64_t question_id,
    const char *reason, int64_t duplicate_of)
{
	struct arena	 a;
	struct post_raw	 q, d;
	sqlite3_stmt	*st;
	char		 detail[48] = "";
	enum qa_err	 er;

	arena_init(&a);
	if ((er = post_raw_get(db, &a, question_id, &q)) != QA_OK)
		goto out;
	if (q.type != POST_QUESTION) {
		er = QA_EINPUT;
		goto out;
	}
	if (q.closed || q.status == POST_DELETED) {
		er = QA_ECONFLICT;
		goto out;
	}
	if (duplicate_of != 0) {
		er = duplicate_of == question_id ? QA_ENOTFOUND :
		    post_raw_get(db, &a, duplicate_of, &d);
		if (er == QA_OK && (d.type != POST_QUESTION ||
		    d.status != POST_VISIBLE))
			er = QA_ENOTFOUND;
		if (er == QA_ENOTFOUND)
			er = QA_EINPUT;
		if (er != QA_OK)
			goto out;
		snprintf(detail, sizeof(detail), "{\"duplicate_of\":%lld}",
		    (long long)duplicate_of);
	}
	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_CLOSE)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 1, question_id);
	sqlite3_bind_int(st, 2, 1);
	db_bind_id(st, 4, duplicate_of);
	if (!db_bind_text(st, 3, reason != NULL ? reason : "")) {
		db_done(st);
		er = QA_ESYS;
		goto out;
	}
	if ((er = db_run(db, st, "mod_close")) != QA_OK)
		goto out;
	er = mod_audit(db, m, "close", "post", question_id, reason, detail);
out:
	arena_free(&a);
	return er;
}

/*
 * Move question question_id to category category_id (0: none) as
 * moderator m, inside the caller's transaction, through post_update()
 * with only the category changed: the category counts of both chains
 * move while the question is visible, and the move is a revision by m
 * (reason "moved"), so it also sets edited and the activity.  One audit
 * entry "move" with detail {"from":old,"to":new}.  Returns QA_OK,
 * QA_ENOTFOUND, QA_EINPUT if it is not a question or the category does
 * not exist, QA_ECONFLICT if it is there already, QA_ESYS, or the
 * database error.
 */
enum qa_err
mod_move(struct db *db, struct arena *a, const struct mod_actor *m,
    int64_t question_id, int64_t category_id)
{
	struct post_raw		 q;
	struct post_change	 c;
	char			 detail[64];
	enum qa_err		 er;

	if (category_id < 0)
		return QA_EINPUT;
	if ((er = post_raw_get(db, a, question_id, &q)) != QA_OK)
		return er;
	if (q.type != POST_QUESTION)
		return QA_EINPUT;
	if (q.category_id == category_id)
		return QA_ECONFLICT;
	memset(&c, 0, sizeof(c));
	c.id = question_id;
	c.category_id = category_id;
	c.editor_id = m->user_id;
	c.reason = "moved";
	c.now = m->now;
	if ((er = post_update(db, a, &c)) != QA_OK)
		return er;
	snprintf(detail, sizeof(detail), "{\"from\":%lld,\"to\":%lld}",
	    (long long)q.category_id, (long long)category_id);
	return mod_audit(db, m, "move", "post", question_id, NULL, detail);
}

/* The row function of MOD_STMT_USER: blocked and level into a pair. */
static enum qa_err
user_get(struct db *db, int64_t user_id, struct pair *u)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_USER)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, user_id);
	return db_one(db, st, NULL, pair_row, u, "mod user");
}

/*
 * Block (block true) or unblock user user_id as moderator m, inside the
 * caller's transaction: users.blocked, and an audit entry "block" or
 * "unblock" with reason.  Returns QA_OK, QA_ENOTFOUND, QA_ECONFLICT if
 * the user is so already, or the database error.
 */
enum qa_err
mod_user_block(struct db *db, const struct mod_actor *m, int64_t user_id,
    bool block, const char *reason)
{
	struct pair	 u;
	enum qa_err	 er;

	if ((er = user_get(db, user_id, &u)) != QA_OK)
		return er;
	if ((u.a != 0) == block)
		return QA_ECONFLICT;
	if ((er = run(db, MOD_STMT_BLOCK, user_id, true, block, NULL,
	    "mod_user_block")) != QA_OK)
		return er;
	return mod_audit(db, m, block ? "block" : "unblock", "user", user_id,
	    reason, NULL);
}

/*
 * Set user user_id's level (1 registered .. 6 super; enum user_level) as
 * m, inside the caller's transaction, with an audit entry "level" whose
 * detail is {"from":old,"to":new}.  Who may grant which level is the
 * caller's question.  Returns QA_OK, QA_EINPUT for a level out of range,
 * QA_ENOTFOUND, QA_ECONFLICT if it is the level already, or the
 * database error.
 */
enum qa_err
mod_user_level(struct db *db, const struct mod_actor *m, int64_t user_id,
    int level)
{
	struct pair	 u;
	char		 detail[48];
	enum qa_err	 er;

	if (level < 1 || level > 6)
		return QA_EINPUT;
	if ((er = user_get(db, user_id, &u)) != QA_OK)
		return er;
	if (u.b == level)
		return QA_ECONFLICT;
	if ((er = run(db, MOD_STMT_LEVEL, user_id, true, level, NULL,
	    "mod_user_level")) != QA_OK)
		return er;
	snprintf(detail, sizeof(detail), "{\"from\":%lld,\"to\":%d}",
	    (long long)u.b, level);
	return mod_audit(db, m, "level", "user", user_id, NULL, detail);
}

/*
 * Parse text as an address ("a.b.c.d" or IPv6 text) or, when prefix_ok,
 * a block ("a.b.c.d/n", n 0..32, or IPv6 "/n", n 0..128) into first and
 * last, the lowest and highest address of it, 16 bytes big-endian (IPv4
 * mapped to ::ffff:a.b.c.d, its prefix counted from there).  Returns
 * QA_OK or QA_EINPUT.
 */
static enum qa_err
addr_parse(const char *text, bool prefix_ok, unsigned char *first,
    unsigned char *last)
{
	char		 s[INET6_ADDRSTRLEN + 8], *slash;
	unsigned char	 v4[4];
	size_t		 len, i;
	int		 bits, max, base;
	unsigned char	 mask;

	if (text == NULL || (len = strlen(text)) == 0 || len >= sizeof(s))
		return QA_EINPUT;
	memcpy(s, text, len + 1);
	bits = -1;
	if ((slash = strchr(s, '/')) != NULL) {
		if (!prefix_ok || slash[1] == '\0' || strlen(slash + 1) > 3)
			return QA_EINPUT;
		*slash = '\0';
		for (bits = 0, i = 1; slash[i] != '\0'; i++) {
			if (slash[i] < '0' || slash[i] > '9')
				return QA_EINPUT;
			bits = bits * 10 + (slash[i] - '0');
		}
	}
	memset(first, 0, ADDR_LEN);
	if (inet_pton(AF_INET, s, v4) == 1) {
		first[10] = first[11] = 0xff;
		memcpy(first + 12, v4, 4);
		base = 96;
		max = 32;
	} else if (inet_pton(AF_INET6, s, first) == 1) {
		base = 0;
		max = 128;
	} else
		return QA_EINPUT;
	if (bits > max)
		return QA_EINPUT;
	bits = bits < 0 ? 128 : base + bits;
	memcpy(last, first, ADDR_LEN);
	for (i = 0; i < ADDR_LEN; i++) {
		if (bits >= 8)
			mask = 0xff;
		else if (bits <= 0)
			mask = 0;
		else
			mask = (unsigned char)(0xff << (8 - bits));
		bits -= 8;
		first[i] &= mask;
		last[i] |= (unsigned char)~mask;
	}
	return QA_OK;
}

/*
 * Insert the block [first, last] with reason at now; *id its row id.
 * Returns QA_OK, QA_ESYS, or the database error.
 */
static enum qa_err
block_insert(struct db *db, const unsigned char *first,
    const unsigned char *last, const char *reason, int64_t now, int64_t *id)
{
	sqlite3_stmt	*st;
	enum qa_err	 er;

	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_IP_INSERT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_blob(st, 1, first, ADDR_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_blob(st, 2, last, ADDR_LEN, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 4, now);
	if (!db_bind_text(st, 3, reason != NULL ? reason : "")) {
		db_done(st);
		return QA_ESYS;
	}
	if ((er = db_run(db, st, "mod_ip_block")) == QA_OK)
		*id = sqlite3_last_insert_rowid(db_handle(db));
	return er;
}

/*
 * Block the addresses of cidr ("a.b.c.d", "a.b.c.d/n", IPv6 with or
 * without "/n"; see addr_parse()) as moderator m, inside the caller's
 * transaction: one ip_blocks row [first, last] with reason, and an audit
 * entry "ip-block" (target "ip", the block's id; detail cidr).  *id (when
 * not NULL) is the block's id.  Returns QA_OK, QA_EINPUT for text that
 * is no address or block, QA_ESYS, or the database error.
 */
enum qa_err
mod_ip_block(struct db *db, const struct mod_actor *m, const char *cidr,
    const char *reason, int64_t *id)
{
	unsigned char	 first[ADDR_LEN], last[ADDR_LEN];
	int64_t		 bid = 0;
	enum qa_err	 er;

	if (id != NULL)
		*id = 0;
	if ((er = addr_parse(cidr, true, first, last)) != QA_OK)
		return er;
	if ((er = block_insert(db, first, last, reason, m->now, &bid)) !=
	    QA_OK)
		return er;
	if ((er = mod_audit(db, m, "ip-block", "ip", bid, reason, cidr)) ==
	    QA_OK && id != NULL)
		*id = bid;
	return er;
}

/*
 * Remove address block id as moderator m, inside the caller's
 * transaction, with an audit entry "ip-unblock".  Returns QA_OK,
 * QA_ENOTFOUND, or the database error.
 */
enum qa_err
mod_ip_unblock(struct db *db, const struct mod_actor *m, int64_t id)
{
	int64_t		 n;
	enum qa_err	 er;

	if ((er = run(db, MOD_STMT_IP_DELETE, id, false, 0, &n,
	    "mod_ip_unblock")) != QA_OK)
		return er;
	if (n == 0)
		return QA_ENOTFOUND;
	return mod_audit(db, m, "ip-unblock", "ip", id, NULL, NULL);
}

/*
 * Whether address ip (IPv4 or IPv6 text, no prefix) lies in a block:
 * one query over index ip_blocks_range (first, last), read from the
 * block that starts nearest below the address downwards, stopping at the
 * first block that reaches the address.  Blocks made from prefixes nest
 * or are apart, so a blocked address is usually found at the first
 * entry; an address that is not blocked costs a walk of the index
 * entries below it, which hold two 16-byte values each and need no table
 * read.  False for text that is no address, and (logged) on a database
 * error.
 */
bool
mod_ip_blocked(struct db *db, const char *ip)
{
	unsigned char	 addr[ADDR_LEN], last[ADDR_LEN];
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	if (addr_parse(ip, false, addr, last) != QA_OK)
		return false;
	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_IP_MATCH)) == NULL)
		return false;
	sqlite3_bind_blob(st, 1, addr, ADDR_LEN, SQLITE_TRANSIENT);
	if (db_count(db, st, &n, "mod_ip_blocked") != QA_OK)
		return false;
	return n > 0;
}

/*
 * Append "key":[ids] of the n first members (a) of v to b, with a comma
 * before it unless first.
 */
static void
json_ids(struct buf *b, const char *key, const struct pair *v, size_t n,
    bool first)
{
	size_t	 i;

	buf_printf(b, "%s\"%s\":[", first ? "" : ",", key);
	for (i = 0; i < n; i++)
		buf_printf(b, "%s%lld", i > 0 ? "," : "", (long long)v[i].a);
	buf_printf(b, "]");
}

/*
 * Nuke user user_id as moderator m, inside the caller's transaction:
 * block the account; hide every visible or queued post of it through
 * post_status_set(); block each distinct address it posted from
 * (posts.ip) that no block holds yet, as a one-address block with
 * reason.  One audit entry "nuke" (target the user) whose detail records
 * exactly that, for mod_unnuke():
 * {"posts":[visible ids],"queued":[queued ids],"ips":[block ids],
 * "blocked":0 or 1 (whether the account was blocked before)}.  *audit_id
 * (when not NULL) is that entry's id.  Returns QA_OK, QA_ENOTFOUND for
 * an unknown user, QA_ESYS, or the database error.
 */
enum qa_err
mod_nuke(struct db *db, struct arena *a, const struct mod_actor *m,
    int64_t user_id, const char *reason, int64_t *audit_id)
{
	struct pair	 u, *posts, *vis, *que, *ips;
	const char	**addrs;
	unsigned char	 first[ADDR_LEN], last[ADDR_LEN];
	struct buf	 b = { 0 };
	size_t		 n, naddrs, nv = 0, nq = 0, ni = 0, i;
	enum qa_err	 er;

	if (audit_id != NULL)
		*audit_id = 0;
	if ((er = user_get(db, user_id, &u)) != QA_OK)
		return er;
	if ((er = pairs(db, a, MOD_STMT_USER_POSTS, user_id, NULL, &posts,
	    &n, "mod_nuke")) != QA_OK)
		return er;
	if ((er = mod_user_ips(db, a, user_id, &addrs, &naddrs)) != QA_OK)
		return er;
	if ((vis = arena_calloc(a, n + 1, sizeof(*vis))) == NULL ||
	    (que = arena_calloc(a, n + 1, sizeof(*que))) == NULL ||
	    (ips = arena_calloc(a, naddrs + 1, sizeof(*ips))) == NULL)
		return QA_ESYS;
	if (u.a == 0 && (er = run(db, MOD_STMT_BLOCK, user_id, true, 1,
	    NULL, "mod_nuke")) != QA_OK)
		return er;
	for (i = 0; i < n; i++) {
		if ((er = post_status_set(db, a, posts[i].a, POST_HIDDEN)) !=
		    QA_OK)
			return er;
		if (posts[i].b == POST_VISIBLE)
			vis[nv++] = posts[i];
		else
			que[nq++] = posts[i];
	}
	for (i = 0; i < naddrs; i++) {
		if (addr_parse(addrs[i], false, first, last) != QA_OK ||
		    mod_ip_blocked(db, addrs[i]))
			continue;
		if ((er = block_insert(db, first, last, reason, m->now,
		    &ips[ni].a)) != QA_OK)
			return er;
		ni++;
	}
	buf_printf(&b, "{");
	json_ids(&b, "posts", vis, nv, true);
	json_ids(&b, "queued", que, nq, false);
	json_ids(&b, "ips", ips, ni, false);
	buf_printf(&b, ",\"blocked\":%d}", u.a != 0);
	if (b.oom)
		er = QA_ESYS;
	else
		er = mod_audit(db, m, "nuke", "user", user_id, reason,
		    buf_cstr(&b));
	if (er == QA_OK && audit_id != NULL)
		*audit_id = sqlite3_last_insert_rowid(db_handle(db));
	buf_free(&b);
	return er;
}

/*
 * Undo the nuke recorded in audit entry audit_id as moderator m, inside
 * the caller's transaction, from its detail (see mod_nuke()): its posts
 * that are still hidden go back to visible or queued as they were
 * (through post_status_set()), its address blocks are deleted (those
 * already removed are skipped), and the account is unblocked unless it
 * was blocked before the nuke.  One audit entry "unnuke" with target
 * "audit" audit_id.  Returns QA_OK, QA_ENOTFOUND if audit_id is no nuke,
 * QA_ECONFLICT if it was undone already, QA_ESYS, or the database error.
 */
enum qa_err
mod_unnuke(struct db *db, struct arena *a, const struct mod_actor *m,
    int64_t audit_id)
{
	static const struct {
		const char	*path;
		int		 status;
	} lists[] = {
		{ "$.posts", POST_VISIBLE },
		{ "$.queued", POST_QUEUED },
	};
	struct post_raw	 p;
	struct pair	*v;
	sqlite3_stmt	*st;
	const char	*action = NULL, *type = NULL;
	int64_t		 user_id = 0;
	size_t		 n, i, l;
	bool		 done;
	enum qa_err	 er;
	int		 rc;

	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_AUDIT_GET)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, audit_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		action = db_col_text(a, st, 0);
		type = db_col_text(a, st, 1);
		user_id = db_col_int(st, 2);
	}
	db_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_err(db, rc, "mod_unnuke");
	if (action == NULL || type == NULL || strcmp(action, "nuke") != 0 ||
	    strcmp(type, "user") != 0)
		return QA_ENOTFOUND;
	if ((er = exists(db, MOD_STMT_UNDONE, audit_id, NULL, &done,
	    "mod_unnuke")) != QA_OK)
		return er;
	if (done)
		return QA_ECONFLICT;
	for (l = 0; l < nitems(lists); l++) {
		if ((er = pairs(db, a, MOD_STMT_DETAIL_IDS, audit_id,
		    lists[l].path, &v, &n, "mod_unnuke")) != QA_OK)
			return er;
		for (i = 0; i < n; i++) {
			er = post_raw_get(db, a, v[i].a, &p);
			if (er == QA_ENOTFOUND)
				continue;
			if (er != QA_OK)
				return er;
			if (p.status == POST_HIDDEN && (er = post_status_set(db,
			    a, p.id, lists[l].status)) != QA_OK)
				return er;
		}
	}
	if ((er = pairs(db, a, MOD_STMT_DETAIL_IDS, audit_id, "$.ips", &v,
	    &n, "mod_unnuke")) != QA_OK)
		return er;
	for (i = 0; i < n; i++)
		if ((er = run(db, MOD_STMT_IP_DELETE, v[i].a, false, 0, NULL,
		    "mod_unnuke")) != QA_OK)
			return er;
	if ((er = pairs(db, a, MOD_STMT_DETAIL_IDS, audit_id, "$.blocked", &v,
	    &n, "mod_unnuke")) != QA_OK)
		return er;
	if ((n == 0 || v[0].a == 0) && user_id != 0 && (er = run(db,
	    MOD_STMT_BLOCK, user_id, true, 0, NULL, "mod_unnuke")) != QA_OK)
		return er;
	return mod_audit(db, m, "unnuke", "audit", audit_id, NULL, NULL);
}

/* Fill the struct mod_item at v from the current row of QUEUE. */
static enum qa_err
queue_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct mod_item	*it = v;

	it->post_id = db_col_int(st, 0);
	it->type = (int)db_col_int(st, 1);
	it->status = (int)db_col_int(st, 2);
	it->question_id = db_col_int(st, 3);
	it->title = db_col_text(a, st, 4);
	it->slug = db_col_text(a, st, 5);
	it->body_html = db_col_text(a, st, 6);
	it->user_id = db_col_int(st, 7);
	it->handle = db_col_text(a, st, 8);
	it->anon_name = db_col_text(a, st, 9);
	it->ip = db_col_text(a, st, 10);
	it->created = db_col_int(st, 11);
	it->flag_count = db_col_int(st, 12);
	it->flag_reasons = db_col_text(a, st, 13);
	it->author_posts = db_col_int(st, 14);
	it->author_hidden = db_col_int(st, 15);
	return it->body_html == NULL ? QA_ESYS : QA_OK;
}

/*
 * Read a page of the moderation queue: the queued posts and those with
 * open flags (not deleted), oldest first, from offset, up to limit.  Each
 * has its question's title and slug, body, author (handle, or the
 * anonymous name), address, flag count and open flags' reasons ("spam,
 * other: note"; NULL when none), and the author's posts in all and of
 * those hidden or deleted (0 for an anonymous author).  *out is an arena
 * array of *n items (NULL when none).  Returns QA_OK or the database
 * error.
 */
enum qa_err
mod_queue(struct db *db, struct arena *a, int64_t offset, int64_t limit,
    struct mod_item **out, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v = NULL;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if (limit <= 0 || offset < 0)
		return QA_OK;
	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_QUEUE)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, queue_row, &v,
	    n, "mod_queue");
	*out = v;
	return er;
}

/* Fill the struct audit_entry at v from the current row of LOG. */
static enum qa_err
log_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	struct audit_entry	*e = v;

	e->id = db_col_int(st, 0);
	e->actor_id = db_col_int(st, 1);
	e->actor = db_col_text(a, st, 2);
	e->action = db_col_text(a, st, 3);
	e->target_type = db_col_text(a, st, 4);
	e->target_id = db_col_int(st, 5);
	e->reason = db_col_text(a, st, 6);
	e->detail = db_col_text(a, st, 7);
	e->ip = db_col_text(a, st, 8);
	e->created = db_col_int(st, 9);
	if (e->action == NULL || e->target_type == NULL ||
	    e->reason == NULL || e->detail == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Read a page of the audit log, newest first (ties: the later entry
 * first), from offset, up to limit, each with its actor's handle (NULL
 * for the system or a removed account).  *out is an arena array of *n
 * entries (NULL when none).  Returns QA_OK or the database error.
 */
enum qa_err
mod_log(struct db *db, struct arena *a, int64_t offset, int64_t limit,
    struct audit_entry **out, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v = NULL;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if (limit <= 0 || offset < 0)
		return QA_OK;
	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_LOG)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, log_row, &v, n,
	    "mod_log");
	*out = v;
	return er;
}

/* The row function of USER_IPS: the address into a const char *. */
static enum qa_err
ip_row(struct arena *a, sqlite3_stmt *st, void *v)
{
	const char	**ip = v;

	return (*ip = db_col_text(a, st, 0)) == NULL ? QA_ESYS : QA_OK;
}

/*
 * The distinct addresses user user_id posted from (posts.ip of any of
 * its posts), in text order: *ips an arena array of *n strings (NULL
 * when none).  Returns QA_OK or the database error.
 */
enum qa_err
mod_user_ips(struct db *db, struct arena *a, int64_t user_id,
    const char ***ips, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v = NULL;
	enum qa_err	 er;

	*ips = NULL;
	*n = 0;
	if ((st = db_stmt(db, &mod_stmts, MOD_STMT_USER_IPS)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, user_id);
	er = db_rows(db, st, a, sizeof(**ips), DB_ROWS_ALL, ip_row, &v, n,
	    "mod_user_ips");
	*ips = v;
	return er;
}

/* ASCII lower case of c. */
static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Whether c is an ASCII letter or digit (part of a word). */
static bool
wordchar(char c)
{
	c = lower(c);
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/*
 * Whether text holds the n bytes of w in any ASCII case, not preceded
 * or followed by a letter or digit when w starts or ends with one (so
 * "ass" does not match "class", while "buy-now" matches "buy-now!").
 */
static bool
has_word(const char *text, const char *w, size_t n)
{
	const char	*p;
	size_t		 i;

	for (p = text; *p != '\0'; p++) {
		for (i = 0; i < n && p[i] != '\0' &&
		    lower(p[i]) == lower(w[i]); i++)
			;
		if (i < n)
			continue;
		if (p > text && wordchar(w[0]) && wordchar(p[-1]))
			continue;
		if (wordchar(w[n - 1]) && wordchar(p[n]))
			continue;
		return true;
	}
	return false;
}

/*
 * Call match(item, len, arg) for each item of the list s: items
 * separated by commas or line ends, blanks around them dropped, empty
 * ones skipped.  Returns true as soon as a call does.
 */
static bool
list_any(const char *s, bool (*match)(const char *, size_t, const void *),
    const void *arg)
{
	size_t	 len;

	while (s != NULL && *s != '\0') {
		while (*s == ' ' || *s == '\t' || *s == ',' || *s == '\n' ||
		    *s == '\r')
			s++;
		len = strcspn(s, ",\n\r");
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len > 0 && match(s, len, arg))
			return true;
		s += len;
	}
	return false;
}

/* list_any()'s test for deny_words: the word is in text arg. */
static bool
word_match(const char *w, size_t n, const void *arg)
{
	return has_word(arg, w, n);
}

/*
 * list_any()'s test for deny_email_domains: the domain arg equals the
 * item or ends with "." and the item, in any ASCII case.
 */
static bool
domain_match(const char *d, size_t n, const void *arg)
{
	const char	*dom = arg;
	size_t		 len = strlen(dom), i;

	if (d[0] == '@' || d[0] == '.') {
		d++;
		n--;
	}
	if (n == 0 || n > len || (n < len && dom[len - n - 1] != '.'))
		return false;
	for (i = 0; i < n; i++)
		if (lower(dom[len - n + i]) != lower(d[i]))
			return false;
	return true;
}

/*
 * The message for a post that the deny lists refuse, or NULL: text (may
 * be NULL) holds a word of the setting deny_words (words or phrases
 * separated by commas or lines, matched in any ASCII case where they do
 * not continue a longer word: see has_word()), or the domain of email
 * (after its last "@"; may be NULL) is a domain of the setting
 * deny_email_domains (same separators) or below one.  Static text that
 * does not say which entry matched.
 */
const char *
mod_deny_problem(const char *text, const char *email)
{
	const char	*at;

	if (text != NULL && list_any(settings_get("deny_words", ""),
	    word_match, text))
		return "Your post contains words that this site does not "
		    "accept.";
	if (email != NULL && (at = strrchr(email, '@')) != NULL &&
	    at[1] != '\0' && list_any(settings_get("deny_email_domains", ""),
	    domain_match, at + 1))
		return "This site does not accept posts from addresses at "
		    "that domain.";
	return NULL;
}
