/*
 * user.c: accounts.  Read queries for profiles and the user list, and the
 * writes of the login program: creating an account, the lookup at login,
 * password, email and profile changes, the single-use tokens mailed for
 * password resets and email confirmation, the export of one's own data
 * and the deletion of an account.  Levels and blocking belong to the
 * moderation program.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "points.h"
#include "user.h"

enum user_stmt {
	USER_STMT_BY_HANDLE,	/* one user by handle, any case */
	USER_STMT_BY_ID,	/* one user by id */
	USER_STMT_LIST,		/* a page of users by points */
	USER_STMT_COUNT,	/* users from an offset, up to a cap */
	USER_STMT_CREATE,	/* a new account */
	USER_STMT_FIND_LOGIN,	/* id and hash by handle or email */
	USER_STMT_PWHASH,	/* the hash of one account */
	USER_STMT_SET_PASSWORD,
	USER_STMT_SET_EMAIL,
	USER_STMT_CONFIRM,	/* email_confirmed = 1 */
	USER_STMT_SET_PROFILE,	/* display name and notify */
	USER_STMT_TOKEN_INSERT,
	USER_STMT_TOKEN_FIND,	/* a live token, left as it is */
	USER_STMT_TOKEN_USE,	/* a live token, marked used */
	USER_STMT_TOKEN_REVOKE,	/* all live tokens of a user (of a kind) */
	USER_STMT_EXPORT,	/* one's own data as one JSON text */
	USER_STMT_DEL_REVISIONS, /* revisions of the user's posts */
	USER_STMT_DEL_TAGS,	/* post_tags of the user's questions */
	USER_STMT_DEL_ACCEPTED,	/* accepted marks on the user's answers */
	USER_STMT_DEL_POSTS,	/* the user's posts emptied, status 3 */
	USER_STMT_ANON_POSTS,	/* the user's posts kept, author removed */
	USER_STMT__MAX
};

#define USER_COLS \
	"id, handle, display_name, about, level, points, qcount, acount, " \
	"created, last_seen, blocked, email, email_confirmed, notify"

/* The posts of user ?1, through index posts_user. */
#define USER_POSTS	"SELECT id FROM posts WHERE user_id = ?1"

static const char *const user_sql[USER_STMT__MAX] = {
	/* BY_HANDLE: the handle column is COLLATE NOCASE UNIQUE. */
	"SELECT " USER_COLS " FROM users WHERE handle = ?1",
	/* BY_ID */
	"SELECT " USER_COLS " FROM users WHERE id = ?1",
	/* LIST: index users_points. */
	"SELECT " USER_COLS " FROM users "
	"ORDER BY points DESC, id LIMIT ?1 OFFSET ?2",
	/* COUNT: the caller counts the rows, at most ?1 past the offset. */
	"SELECT 1 FROM users ORDER BY points DESC, id LIMIT ?1 OFFSET ?2",
	/* CREATE: a new account starts at level 1 (registered). */
	"INSERT INTO users (handle, email, display_name, pwhash, created) "
	"VALUES (?1, ?2, ?3, ?4, ?5)",
	/*
	 * FIND_LOGIN: handles never hold '@' and emails always do, so at
	 * most one row matches; both columns are COLLATE NOCASE.
	 */
	"SELECT id, pwhash FROM users WHERE handle = ?1 OR email = ?1",
	/* PWHASH */
	"SELECT id, pwhash FROM users WHERE id = ?1",
	/* SET_PASSWORD */
	"UPDATE users SET pwhash = ?2 WHERE id = ?1",
	/* SET_EMAIL */
	"UPDATE users SET email = ?2, email_confirmed = ?3 WHERE id = ?1",
	/* CONFIRM */
	"UPDATE users SET email_confirmed = 1 WHERE id = ?1",
	/* SET_PROFILE */
	"UPDATE users SET display_name = ?2, notify = ?3 WHERE id = ?1",
	/* TOKEN_INSERT: only the SHA-256 of the token is stored. */
	"INSERT INTO user_tokens (token_hash, kind, user_id, created, "
	"expires) VALUES (?1, ?2, ?3, ?4, ?5)",
	/* TOKEN_FIND */
	"SELECT user_id FROM user_tokens WHERE token_hash = ?1 AND "
	"kind = ?2 AND used = 0 AND expires > ?3",
	/* TOKEN_USE: one statement, so two requests cannot both use it. */
	"UPDATE user_tokens SET used = 1 WHERE token_hash = ?1 AND "
	"kind = ?2 AND used = 0 AND expires > ?3 RETURNING user_id",
	/* TOKEN_REVOKE: ?2 NULL for every kind. */
	"UPDATE user_tokens SET used = 1 WHERE user_id = ?1 AND used = 0 "
	"AND (?2 IS NULL OR kind = ?2)",
	/*
	 * EXPORT: the profile (no password hash), posts, votes and points
	 * of user ?1 as one JSON object, escaped by SQLite.
	 */
	"SELECT json_object("
	" 'format', 'fastqa-account-1',"
	" 'profile', json_object('id', u.id, 'handle', u.handle,"
	"  'email', u.email,"
	"  'email_confirmed', json(iif(u.email_confirmed, 'true', 'false')),"
	"  'display_name', u.display_name, 'about', u.about,"
	"  'level', u.level, 'points', u.points,"
	"  'blocked', json(iif(u.blocked, 'true', 'false')),"
	"  'notify', json(iif(u.notify, 'true', 'false')),"
	"  'created', u.created, 'last_seen', u.last_seen),"
	" 'posts', (SELECT json_group_array(json_object('id', p.id,"
	"  'type', CASE p.type WHEN 1 THEN 'question' WHEN 2 THEN 'answer'"
	"   ELSE 'comment' END,"
	"  'title', p.title, 'body_md', p.body_md, 'created', p.created,"
	"  'status', CASE p.status WHEN 0 THEN 'queued' WHEN 1 THEN 'visible'"
	"   WHEN 2 THEN 'hidden' ELSE 'deleted' END))"
	"  FROM posts p WHERE p.user_id = u.id),"
	" 'votes', (SELECT json_group_array(json_object('post_id', v.post_id,"
	"  'value', v.value, 'created', v.created))"
	"  FROM votes v WHERE v.user_id = u.id),"
	" 'points_log', (SELECT json_group_array(json_object("
	"  'post_id', l.post_id, 'event', l.event, 'delta', l.delta,"
	"  'created', l.created))"
	"  FROM points_log l WHERE l.user_id = u.id))"
	" FROM users u WHERE u.id = ?1",
	/* DEL_REVISIONS: through the (post_id, rev) key. */
	"DELETE FROM revisions WHERE post_id IN (" USER_POSTS ")",
	/* DEL_TAGS */
	"DELETE FROM post_tags WHERE post_id IN (" USER_POSTS " AND type = 1)",
	/* DEL_ACCEPTED: the questions whose best answer is the user's. */
	"UPDATE posts SET accepted_id = NULL WHERE id IN (SELECT question_id "
	"FROM posts WHERE user_id = ?1 AND type = 2) AND accepted_id IN ("
	USER_POSTS " AND type = 2)",
	/*
	 * DEL_POSTS: text replaced by '' (the columns are NOT NULL), the
	 * title of a question by "[deleted]", the author removed.
	 */
	"UPDATE posts SET status = 3, body_md = '', body_html = '', "
	"title = iif(type = 1, '[deleted]', NULL), tags = '', "
	"user_id = NULL, anon_name = NULL, anon_email = NULL, ip = NULL "
	"WHERE user_id = ?1",
	/* ANON_POSTS */
	"UPDATE posts SET user_id = NULL, anon_name = NULL, "
	"anon_email = NULL WHERE user_id = ?1",
};

static sqlite3_stmt *user_cache[USER_STMT__MAX];
static struct db_stmts user_stmts =
    { user_sql, USER_STMT__MAX, user_cache, NULL, NULL };

/*
 * What deleting an account must also touch where no index leads to the
 * user's rows: the user's edits of other people's posts, the search
 * index, and the users row itself (its foreign-key actions scan audit,
 * flags and subscriptions).  Kept apart from user_sql because they scan
 * their tables, which only account deletion (rare, not a page) may do.
 */
enum user_purge_stmt {
	USER_PURGE_REVISIONS,	/* the user's edits: author removed */
	USER_PURGE_EDITED_BY,	/* "edited by" the user: removed */
	USER_PURGE_FTS,		/* the user's questions out of search */
	USER_PURGE_DELETE,	/* the users row (the rest cascades) */
	USER_PURGE__MAX
};

static const char *const user_purge_sql[USER_PURGE__MAX] = {
	"UPDATE revisions SET user_id = NULL WHERE user_id = ?1",
	"UPDATE posts SET edited_by = NULL WHERE edited_by = ?1",
	"DELETE FROM posts_fts WHERE rowid IN (" USER_POSTS " AND type = 1)",
	/* Sessions, tokens, votes, flags, subscriptions, points cascade. */
	"DELETE FROM users WHERE id = ?1",
};

static sqlite3_stmt *user_purge_cache[USER_PURGE__MAX];
static struct db_stmts user_purge_stmts =
    { user_purge_sql, USER_PURGE__MAX, user_purge_cache, NULL, NULL };

static const char *const level_names[USER_LEVEL__MAX] = {
	"anonymous", "registered", "expert", "editor", "moderator", "admin",
	"super",
};

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
user_statements(void)
{
	return &user_stmts;
}

/*
 * The statements only account deletion runs, which may scan their
 * tables; for tests/unit/sql-t.c, without the index check.
 */
struct db_stmts *
user_purge_statements(void)
{
	return &user_purge_stmts;
}

/*
 * The name of a level as the site shows it ("registered" ... "super");
 * "registered" for a value out of range.
 */
const char *
user_level_name(int level)
{
	if (level < 0 || level >= USER_LEVEL__MAX)
		return level_names[USER_REGISTERED];
	return level_names[level];
}

/*
 * Fill the struct user at p from the current row of a statement that
 * selected USER_COLS, copying text into the arena.  Returns QA_ESYS if a
 * copy fails.  The shape of a db_one()/db_rows() row function.
 */
static enum qa_err
user_row(struct arena *a, sqlite3_stmt *st, void *p)
{
	struct user	*u = p;

	u->id = db_col_int(st, 0);
	u->handle = db_col_text(a, st, 1);
	u->display_name = db_col_text(a, st, 2);
	u->about = db_col_text(a, st, 3);
	u->level = (int)db_col_int(st, 4);
	u->points = db_col_int(st, 5);
	u->qcount = db_col_int(st, 6);
	u->acount = db_col_int(st, 7);
	u->created = db_col_int(st, 8);
	u->last_seen = db_col_int(st, 9);
	u->blocked = db_col_int(st, 10) != 0;
	u->email = db_col_text(a, st, 11);
	u->email_confirmed = db_col_int(st, 12) != 0;
	u->notify = db_col_int(st, 13) != 0;
	if (u->handle == NULL || u->about == NULL ||
	    (u->email == NULL && sqlite3_column_type(st, 11) != SQLITE_NULL))
		return QA_ESYS;
	if (u->display_name != NULL && u->display_name[0] == '\0')
		u->display_name = NULL;
	if (u->email != NULL && u->email[0] == '\0')
		u->email = NULL;
	return QA_OK;
}

/*
 * Find a user by handle, compared without regard to ASCII case (the
 * stored spelling comes back in u->handle, so a caller can redirect to
 * it).  Returns QA_OK, QA_ENOTFOUND, or QA_ESYS/QA_EBUSY.
 */
enum qa_err
user_find_by_handle(struct db *db, struct arena *a, const char *handle,
    struct user *u)
{
	sqlite3_stmt	*st;

	assert(handle != NULL);
	if ((st = db_stmt(db, &user_stmts, USER_STMT_BY_HANDLE)) == NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, handle)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_one(db, st, a, user_row, u, "user_find_by_handle");
}

/*
 * Find a user by id.  Returns QA_OK, QA_ENOTFOUND, or QA_ESYS/QA_EBUSY.
 */
enum qa_err
user_find_by_id(struct db *db, struct arena *a, int64_t id, struct user *u)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &user_stmts, USER_STMT_BY_ID)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	return db_one(db, st, a, user_row, u, "user_find_by_id");
}

/*
 * Read up to limit users from offset, most points first (ties by id).
 * *out is an arena array of *n users (NULL when *n is 0).  Returns QA_OK
 * or the database error; on error *n is 0.
 */
enum qa_err
user_list(struct db *db, struct arena *a, int64_t offset, int64_t limit,
    struct user **out, size_t *n)
{
	sqlite3_stmt	*st;
	void		*v;
	enum qa_err	 er;

	*out = NULL;
	*n = 0;
	if (limit <= 0)
		return QA_OK;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_LIST)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, limit);
	sqlite3_bind_int64(st, 2, offset);
	er = db_rows(db, st, a, sizeof(**out), (size_t)limit, user_row, &v, n,
	    "user_list");
	*out = v;
	return er;
}

/*
 * Count the users from offset on in list order, stopping at cap, so a
 * pager learns whether (and how many) pages follow without counting the
 * whole table.  Returns QA_OK with *count in [0, cap], or the error.
 */
enum qa_err
user_count(struct db *db, int64_t offset, int64_t cap, int64_t *count)
{
	sqlite3_stmt	*st;

	*count = 0;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_COUNT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, cap);
	sqlite3_bind_int64(st, 2, offset);
	return db_count(db, st, count, "user_count");
}

/*
 * Run statement `which` of table t with ?1 bound to id and nothing
 * else, for the statements that take only a user id.
 */
static enum qa_err
run_id(struct db *db, struct db_stmts *t, size_t which, int64_t id,
    const char *where)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, t, which)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	return db_run(db, st, where);
}

/*
 * Create an account at level 1 (registered) with the given handle,
 * email (NULL for none), display name (NULL or "" for none) and encoded
 * password hash, created at now, with the points every account starts
 * from (the event base, setting points_base); its id goes to *id.  Runs
 * in the caller's transaction when one is open, else in one of its own.
 * The caller has validated every value.  Returns QA_OK; QA_ECONFLICT if
 * the handle or the email is taken (both compared without ASCII case:
 * the caller tells which by looking them up); QA_EBUSY/QA_ESYS.  On
 * error *id is 0 and, in the caller's transaction, the caller rolls
 * back.
 */
enum qa_err
user_create(struct db *db, const char *handle, const char *email,
    const char *display_name, const char *pwhash, int64_t now, int64_t *id)
{
	sqlite3_stmt	*st;
	bool		 own;
	enum qa_err	 er;

	assert(handle != NULL && pwhash != NULL);
	*id = 0;
	if (display_name != NULL && display_name[0] == '\0')
		display_name = NULL;
	own = sqlite3_get_autocommit(db_handle(db)) != 0;
	if (own && (er = db_tx_begin(db)) != QA_OK)
		return er;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_CREATE)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	if (!db_bind_text(st, 1, handle) || !db_bind_text(st, 2, email) ||
	    !db_bind_text(st, 3, display_name) ||
	    !db_bind_text(st, 4, pwhash)) {
		db_done(st);
		er = QA_ESYS;
		goto out;
	}
	sqlite3_bind_int64(st, 5, now);
	if ((er = db_run(db, st, "user_create")) != QA_OK)
		goto out;
	*id = sqlite3_last_insert_rowid(db_handle(db));
	er = points_add(db, *id, 0, 0, POINTS_BASE, +1, now);
out:
	if (own && er == QA_OK)
		er = db_tx_commit(db);
	if (own && er != QA_OK)
		db_tx_rollback(db);
	if (er != QA_OK)
		*id = 0;
	return er;
}

/* The row function for statements selecting (id, pwhash). */
struct login_row {
	int64_t	 id;
	char	*pwhash;
};

static enum qa_err
login_row(struct arena *a, sqlite3_stmt *st, void *p)
{
	struct login_row	*r = p;

	r->id = db_col_int(st, 0);
	r->pwhash = db_col_text(a, st, 1);
	if (r->pwhash == NULL && sqlite3_column_type(st, 1) != SQLITE_NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Find the account a login form names: login is a handle or an email
 * address, compared without ASCII case.  Sets *id and *pwhash (arena
 * memory; NULL for an account without a password, which cannot log in).
 * Returns QA_OK, QA_ENOTFOUND, or QA_ESYS/QA_EBUSY.  Blocked accounts
 * are found too: the caller decides what they may do.
 */
enum qa_err
user_find_login(struct db *db, struct arena *a, const char *login,
    int64_t *id, char **pwhash)
{
	sqlite3_stmt		*st;
	struct login_row	 r = { 0, NULL };
	enum qa_err		 er;

	*id = 0;
	*pwhash = NULL;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_FIND_LOGIN)) == NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, login)) {
		db_done(st);
		return QA_ESYS;
	}
	if ((er = db_one(db, st, a, login_row, &r, "user_find_login")) ==
	    QA_OK) {
		*id = r.id;
		*pwhash = r.pwhash;
	}
	return er;
}

/*
 * The encoded password hash of account id into *pwhash (arena memory,
 * NULL if the account has none).  Returns QA_OK, QA_ENOTFOUND, or
 * QA_ESYS/QA_EBUSY.
 */
enum qa_err
user_pwhash(struct db *db, struct arena *a, int64_t id, char **pwhash)
{
	sqlite3_stmt		*st;
	struct login_row	 r = { 0, NULL };
	enum qa_err		 er;

	*pwhash = NULL;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_PWHASH)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if ((er = db_one(db, st, a, login_row, &r, "user_pwhash")) == QA_OK)
		*pwhash = r.pwhash;
	return er;
}

/*
 * Revoke (mark used) every live token of user id, or only those of kind
 * when kind is not NULL.
 */
static enum qa_err
token_revoke(struct db *db, int64_t id, const char *kind)
{
	sqlite3_stmt	*st;

	if ((st = db_stmt(db, &user_stmts, USER_STMT_TOKEN_REVOKE)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if (!db_bind_text(st, 2, kind)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_run(db, st, "token_revoke");
}

/*
 * Store a new encoded password hash for account id and revoke its
 * outstanding password-reset tokens (a link mailed earlier must not
 * undo the change).  Two statements: call it inside a transaction.
 * Logging out the account's other logins is the caller's business.
 * Returns QA_OK, or QA_EBUSY/QA_ESYS.  No such account is not an error.
 */
enum qa_err
user_set_password(struct db *db, int64_t id, const char *pwhash)
{
	sqlite3_stmt	*st;
	enum qa_err	 er;

	assert(pwhash != NULL);
	if ((st = db_stmt(db, &user_stmts, USER_STMT_SET_PASSWORD)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	if (!db_bind_text(st, 2, pwhash)) {
		db_done(st);
		return QA_ESYS;
	}
	if ((er = db_run(db, st, "user_set_password")) != QA_OK)
		return er;
	return token_revoke(db, id, USER_TOKEN_RESET);
}

/*
 * Change the email address of account id (NULL removes it) and whether
 * it counts as confirmed, and revoke every outstanding token of the
 * account: links mailed to the old address must not act on the new one.
 * Two statements: call it inside a transaction.  Returns QA_OK,
 * QA_ECONFLICT if another account has that address (in any case), or
 * QA_EBUSY/QA_ESYS.
 */
enum qa_err
user_set_email(struct db *db, int64_t id, const char *email, bool confirmed)
{
	sqlite3_stmt	*st;
	enum qa_err	 er;

	if ((st = db_stmt(db, &user_stmts, USER_STMT_SET_EMAIL)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 3, confirmed);
	if (!db_bind_text(st, 2, email)) {
		db_done(st);
		return QA_ESYS;
	}
	if ((er = db_run(db, st, "user_set_email")) != QA_OK)
		return er;
	return token_revoke(db, id, NULL);
}

/*
 * Mark the email address of account id confirmed.  Returns QA_OK, or
 * QA_EBUSY/QA_ESYS.
 */
enum qa_err
user_confirm_email(struct db *db, int64_t id)
{
	return run_id(db, &user_stmts, USER_STMT_CONFIRM, id,
	    "user_confirm_email");
}

/*
 * Set the display name (NULL or "" for none) and the notification
 * preference of account id.  The caller has validated the name.
 * Returns QA_OK, or QA_EBUSY/QA_ESYS.
 */
enum qa_err
user_set_profile(struct db *db, int64_t id, const char *display_name,
    bool notify)
{
	sqlite3_stmt	*st;

	if (display_name != NULL && display_name[0] == '\0')
		display_name = NULL;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_SET_PROFILE)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 3, notify);
	if (!db_bind_text(st, 2, display_name)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_run(db, st, "user_set_profile");
}

/*
 * Make a single-use token of kind (USER_TOKEN_RESET or
 * USER_TOKEN_CONFIRM) for user_id, valid for ttl seconds from now: 256
 * random bits, written base64url into tok (the caller mails it); only
 * its SHA-256 is stored (auth_token_hashed()).  Returns QA_OK, or
 * QA_ESYS (also when there were no random bytes) / QA_EBUSY (a
 * QA_ECONFLICT would mean a repeated random token); tok is "" on
 * failure.
 */
enum qa_err
user_token_create(struct db *db, int64_t user_id, const char *kind,
    int64_t ttl, int64_t now, char tok[AUTH_TOKEN_LEN + 1])
{
	unsigned char	 hash[32];
	sqlite3_stmt	*st;
	enum qa_err	 er;

	assert(kind != NULL && ttl > 0);
	if ((er = auth_token_hashed(tok, hash)) != QA_OK)
		return er;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_TOKEN_INSERT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, user_id);
	sqlite3_bind_int64(st, 4, now);
	sqlite3_bind_int64(st, 5, now + ttl);
	if (!db_bind_text(st, 2, kind)) {
		db_done(st);
		return QA_ESYS;
	}
	er = db_run(db, st, "user_token_create");
	if (er != QA_OK)
		tok[0] = '\0';
	return er;
}

/* The row function for a token's user_id. */
static enum qa_err
token_row(struct arena *a, sqlite3_stmt *st, void *p)
{
	(void)a;
	*(int64_t *)p = db_col_int(st, 0);
	return QA_OK;
}

/*
 * Look up token tok of kind with statement `which` (FIND or USE).  The
 * lookup is by the token's SHA-256, so how long it takes says nothing
 * about how much of a stored token a guess matched.
 */
static enum qa_err
token_lookup(struct db *db, size_t which, const char *tok, const char *kind,
    int64_t now, int64_t *user_id, const char *where)
{
	unsigned char	 hash[32];
	sqlite3_stmt	*st;

	*user_id = 0;
	if (!auth_token_wellformed(tok))
		return QA_ENOTFOUND;
	auth_token_hash(tok, hash);
	if ((st = db_stmt(db, &user_stmts, which)) == NULL)
		return QA_ESYS;
	sqlite3_bind_blob(st, 1, hash, sizeof(hash), SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, now);
	if (!db_bind_text(st, 2, kind)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_one(db, st, NULL, token_row, user_id, where);
}

/*
 * Whether tok is a live token of kind (not used, not expired at now),
 * without using it: for showing the form a link leads to.  Sets
 * *user_id.  Returns QA_OK, QA_ENOTFOUND (unknown, malformed, used,
 * expired or of another kind), or QA_ESYS/QA_EBUSY.
 */
enum qa_err
user_token_find(struct db *db, const char *tok, const char *kind,
    int64_t now, int64_t *user_id)
{
	return token_lookup(db, USER_STMT_TOKEN_FIND, tok, kind, now, user_id,
	    "user_token_find");
}

/*
 * Use token tok of kind: if it is live at now, mark it used and set
 * *user_id, in one statement, so a token works once even when two
 * requests race.  Returns QA_OK, QA_ENOTFOUND (unknown, malformed,
 * already used, expired or of another kind), or QA_ESYS/QA_EBUSY.
 */
enum qa_err
user_token_use(struct db *db, const char *tok, const char *kind,
    int64_t now, int64_t *user_id)
{
	return token_lookup(db, USER_STMT_TOKEN_USE, tok, kind, now, user_id,
	    "user_token_use");
}

/*
 * Delete account id in one transaction of its own.  With delete_posts
 * the user's posts stay as rows (threads keep their shape) but are
 * emptied: status 3 (deleted), body '' (both columns), title
 * "[deleted]" for questions, no tags, their revisions deleted, out of
 * the search index, no longer anyone's best answer.  Without it the
 * posts keep their text and lose their author (user_id and anon_name
 * NULL: shown as "Anonymous").  Either way the user's edits of other
 * posts lose their author, and the users row goes, taking sessions,
 * tokens, votes, flags, subscriptions and points with it (cascades).
 * Counters (votes, answer counts, points, tag counts) are then stale:
 * the caller runs recount_all() after this returns.  Returns QA_OK,
 * QA_ENOTFOUND if there is no such account, or QA_EBUSY/QA_ESYS (with
 * nothing changed).
 */
enum qa_err
user_delete(struct db *db, int64_t id, bool delete_posts)
{
	enum qa_err	 er;

	if ((er = db_tx_begin(db)) != QA_OK)
		return er;
	if (delete_posts) {
		if ((er = run_id(db, &user_purge_stmts, USER_PURGE_FTS, id,
		    "user_delete: fts")) != QA_OK ||
		    (er = run_id(db, &user_stmts, USER_STMT_DEL_REVISIONS, id,
		    "user_delete: revisions")) != QA_OK ||
		    (er = run_id(db, &user_stmts, USER_STMT_DEL_TAGS, id,
		    "user_delete: tags")) != QA_OK ||
		    (er = run_id(db, &user_stmts, USER_STMT_DEL_ACCEPTED, id,
		    "user_delete: accepted")) != QA_OK ||
		    (er = run_id(db, &user_stmts, USER_STMT_DEL_POSTS, id,
		    "user_delete: posts")) != QA_OK)
			goto out;
	} else if ((er = run_id(db, &user_stmts, USER_STMT_ANON_POSTS, id,
	    "user_delete: anonymise")) != QA_OK)
		goto out;
	if ((er = run_id(db, &user_purge_stmts, USER_PURGE_REVISIONS, id,
	    "user_delete: edits")) != QA_OK ||
	    (er = run_id(db, &user_purge_stmts, USER_PURGE_EDITED_BY, id,
	    "user_delete: edited_by")) != QA_OK ||
	    (er = run_id(db, &user_purge_stmts, USER_PURGE_DELETE, id,
	    "user_delete")) != QA_OK)
		goto out;
	if (sqlite3_changes(db_handle(db)) == 0)
		er = QA_ENOTFOUND;
out:
	if (er == QA_OK)
		er = db_tx_commit(db);
	if (er != QA_OK)
		db_tx_rollback(db);
	return er;
}

/* The row function for EXPORT: the one text column into the arena. */
static enum qa_err
json_row(struct arena *a, sqlite3_stmt *st, void *p)
{
	if ((*(char **)p = db_col_text(a, st, 0)) == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * Everything the site keeps about account id that its owner may take
 * away, as one JSON object built by SQLite in one query (so SQLite does
 * all the escaping): "profile" (no password hash), "posts" (id, type,
 * title, body_md, created, status), "votes" (post_id, value, created)
 * and "points_log" (post_id, event, delta, created), each in the order
 * of its index on the user.
 * *json is arena memory.  Returns QA_OK, QA_ENOTFOUND, or
 * QA_ESYS/QA_EBUSY.
 */
enum qa_err
user_export_json(struct db *db, struct arena *a, int64_t id, char **json)
{
	sqlite3_stmt	*st;

	*json = NULL;
	if ((st = db_stmt(db, &user_stmts, USER_STMT_EXPORT)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, id);
	return db_one(db, st, a, json_row, json, "user_export_json");
}
