/*
 * subscribe.c: subscriptions to activity on a post, and the mails they
 * bring.  A subscription belongs to an account (mail goes to the
 * account's current address, unless the user turned mail off) or to a
 * bare address (an anonymous asker's).  Each has its own random token,
 * the key of the unsubscribe link in every mail, so unsubscribing needs
 * no login.  Mails are queued through notify_queue() in the transaction
 * of the event they tell about.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "markdown.h"
#include "notify.h"
#include "post.h"
#include "subscribe.h"
#include "util.h"

/* How much of the new text a mail quotes, in bytes. */
#define EXCERPT_MAX	400

enum subscribe_stmt {
	SUBSCRIBE_STMT_POST,		/* whether a post exists */
	SUBSCRIBE_STMT_ADD,		/* a subscription, unless it exists */
	SUBSCRIBE_STMT_LIST,		/* the subscribers of a post */
	SUBSCRIBE_STMT_THREAD,		/* a post's question: id, title, slug */
	SUBSCRIBE_STMT_TEXT,		/* a post's type and Markdown */
	SUBSCRIBE_STMT_FIND,		/* a token's post and question title */
	SUBSCRIBE_STMT_REMOVE,		/* a subscription, by token */
	SUBSCRIBE_STMT_TOLD,		/* whether an address was just told */
	SUBSCRIBE_STMT__MAX
};

static const char *const subscribe_sql[SUBSCRIBE_STMT__MAX] = {
	/* POST: primary key. */
	"SELECT 1 FROM posts WHERE id = ?1",
	/*
	 * ADD: ?1 post, ?2 user or NULL, ?3 email or NULL, ?4 token, ?5 now;
	 * index subscriptions_post.  A user subscribes once per post, an
	 * address without an account once per post.
	 */
	"INSERT INTO subscriptions (post_id, user_id, email, token, created) "
	"SELECT ?1, ?2, ?3, ?4, ?5 WHERE NOT EXISTS (SELECT 1 FROM "
	"subscriptions WHERE post_id = ?1 AND ((?2 IS NOT NULL AND "
	"user_id = ?2) OR (?2 IS NULL AND user_id IS NULL AND "
	"email = ?3 COLLATE NOCASE)))",
	/* LIST: index subscriptions_post, then each user by id. */
	"SELECT s.user_id, CASE WHEN s.user_id IS NULL THEN s.email "
	"ELSE u.email END, s.token, coalesce(u.notify, 1) "
	"FROM subscriptions s LEFT JOIN users u ON u.id = s.user_id "
	"WHERE s.post_id = ?1 ORDER BY s.id",
	/* THREAD: primary keys. */
	"SELECT q.id, q.title, q.slug FROM posts p JOIN posts q "
	"ON q.id = coalesce(p.question_id, p.id) WHERE p.id = ?1",
	/* TEXT: primary key. */
	"SELECT type, body_md FROM posts WHERE id = ?1",
	/* FIND: unique index on token, then primary keys. */
	"SELECT s.post_id, q.title FROM subscriptions s JOIN posts p "
	"ON p.id = s.post_id JOIN posts q ON q.id = coalesce(p.question_id, "
	"p.id) WHERE s.token = ?1",
	/* REMOVE: unique index on token. */
	"DELETE FROM subscriptions WHERE token = ?1",
	/*
	 * TOLD: ?1 now, ?2 address, ?3 subject, ?4 the event's link; index
	 * outbox_pending.
	 */
	"SELECT 1 FROM outbox WHERE created = ?1 AND sent IS NULL AND "
	"to_addr = ?2 COLLATE NOCASE AND subject = ?3 AND "
	"instr(body, ?4) > 0 LIMIT 1",
};

static sqlite3_stmt *subscribe_cache[SUBSCRIBE_STMT__MAX];
static struct db_stmts subscribe_stmts =
    { subscribe_sql, SUBSCRIBE_STMT__MAX, subscribe_cache, NULL, NULL };

/*
 * The statement table of this module, for tests that prepare every
 * statement of every module.
 */
struct db_stmts *
subscribe_statements(void)
{
	return &subscribe_stmts;
}

/*
 * Whether email looks like an address worth storing: 3 to
 * NOTIFY_ADDR_MAX bytes, one '@' with text on both sides, no whitespace
 * or control character.  notify_queue() checks the rest when it mails.
 */
static bool
email_plausible(const char *email)
{
	const char	*at;
	size_t		 i, len = strlen(email);

	if (len < 3 || len > NOTIFY_ADDR_MAX)
		return false;
	for (i = 0; i < len; i++)
		if ((unsigned char)email[i] <= ' ' || email[i] == 0x7f)
			return false;
	return (at = strchr(email, '@')) != NULL && at != email &&
	    at[1] != '\0' && strchr(at + 1, '@') == NULL;
}

/*
 * Subscribe user_id (if not 0) or else the address email to activity on
 * post_id, with a fresh unsubscribe token; nothing changes if that user
 * (or, for an address, that address without an account) is already
 * subscribed to the post.  Returns QA_OK, QA_EINPUT when neither a user
 * nor a plausible address is given, QA_ENOTFOUND for an unknown post,
 * QA_ESYS, or the database error.
 */
enum qa_err
subscribe_add(struct db *db, int64_t post_id, int64_t user_id,
    const char *email, int64_t now)
{
	char		 tok[AUTH_TOKEN_LEN + 1];
	unsigned char	 raw[32];
	sqlite3_stmt	*st;
	int64_t		 n;
	enum qa_err	 er;

	if (user_id == 0 && (email == NULL || !email_plausible(email)))
		return QA_EINPUT;
	if ((st = db_stmt(db, &subscribe_stmts, SUBSCRIBE_STMT_POST)) ==
	    NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, post_id);
	if ((er = db_count(db, st, &n, "subscribe_add")) != QA_OK)
		return er;
	if (n == 0)
		return QA_ENOTFOUND;
	auth_token_new(tok, raw);
	explicit_bzero(raw, sizeof(raw));
	if (tok[0] == '\0')
		return QA_ESYS;
	if ((st = db_stmt(db, &subscribe_stmts, SUBSCRIBE_STMT_ADD)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, post_id);
	if (user_id != 0)
		sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_int64(st, 5, now);
	if (!db_bind_text(st, 3, user_id != 0 ? NULL : email) ||
	    !db_bind_text(st, 4, tok)) {
		db_done(st);
		return QA_ESYS;
	}
	return db_run(db, st, "subscribe_add");
}

/*
 * Cut s to at most max bytes at a character boundary, adding "..." when
 * cut; s is arena memory and is changed in place.
 */
static char *
cut(struct arena *a, char *s, size_t max)
{
	size_t	 n = strlen(s);

	if (n <= max)
		return s;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	s[max] = '\0';
	return arena_printf(a, "%s...", s);
}

/*
 * The plain start of post id's text for a mail: its Markdown as plain
 * text (markdown_text()), whitespace runs made one space, cut to
 * EXCERPT_MAX bytes.  Sets *type to the post's type.  Returns an arena
 * string, or NULL (*er set: QA_ENOTFOUND, QA_ESYS or the database error).
 */
static char *
excerpt(struct db *db, struct arena *a, int64_t id, int *type,
    enum qa_err *er)
{
	sqlite3_stmt	*st;
	struct buf	 text = { 0 };
	char		*s, *p, *q;
	int		 rc;

	if ((st = db_stmt(db, &subscribe_stmts, SUBSCRIBE_STMT_TEXT)) ==
	    NULL) {
		*er = QA_ESYS;
		return NULL;
	}
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		*er = rc == SQLITE_DONE ? QA_ENOTFOUND :
		    db_err(db, rc, "subscribe_notify");
		db_done(st);
		return NULL;
	}
	*type = sqlite3_column_int(st, 0);
	markdown_text((const char *)sqlite3_column_text(st, 1),
	    (size_t)sqlite3_column_bytes(st, 1), &text);
	db_done(st);
	s = text.oom ? NULL : arena_strdup(a, buf_cstr(&text));
	buf_free(&text);
	if (s == NULL) {
		*er = QA_ESYS;
		return NULL;
	}
	/* One space for each run of whitespace; none at the ends. */
	for (p = q = s; *p != '\0'; p++) {
		if (strchr(" \t\r\n", *p) != NULL) {
			if (q > s && q[-1] != ' ')
				*q++ = ' ';
		} else
			*q++ = *p;
	}
	while (q > s && q[-1] == ' ')
		q--;
	*q = '\0';
	if ((s = cut(a, s, EXCERPT_MAX)) == NULL)
		*er = QA_ESYS;
	return s;
}

/*
 * Whether address `to` already has a mail queued at now with this subject
 * and this event link: an address subscribed to both a question and its
 * answer hears of a comment on the answer once.  Sets *told.  Returns
 * QA_OK, QA_ESYS or the database error.
 */
static enum qa_err
already_told(struct db *db, const char *to, const char *subject,
    const char *link, int64_t now, bool *told)
{
	sqlite3_stmt	*st;
	int64_t		 n;
	enum qa_err	 er;

	*told = false;
	if ((st = db_stmt(db, &subscribe_stmts, SUBSCRIBE_STMT_TOLD)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, now);
	if (!db_bind_text(st, 2, to) || !db_bind_text(st, 3, subject) ||
	    !db_bind_text(st, 4, link)) {
		db_done(st);
		return QA_ESYS;
	}
	if ((er = db_count(db, st, &n, "subscribe_notify")) == QA_OK)
		*told = n > 0;
	return er;
}

/*
 * Tell the subscribers of post_id about an event, queueing one mail each
 * in the caller's transaction: SUBSCRIBE_ANSWER (event_post_id is the new
 * answer), SUBSCRIBE_COMMENT (the new comment) or SUBSCRIBE_SELECTED (the
 * selected answer).  The subject is "New answer to: <title>", "New
 * comment on: <title>" or "Your answer was selected: <title>" (the
 * question's title, cut to fit); the body has the link
 * <base_url>/q/<question>/<slug>#a<event_post_id> (#c<id> for a comment),
 * the start of the event post's text as plain text, and
 * "Unsubscribe: <base_url>/unsubscribe?t=<token>".  Skipped: the actor
 * (actor_id, 0 for a visitor), users who turned mail off (users.notify
 * 0) or have no address, addresses notify_queue() refuses, and addresses
 * that this transaction already told of the same event (the same subject
 * and link queued at now: a subscriber of both a question and its answer
 * hears of a comment on the answer once, when the caller notifies both
 * posts' subscribers).  Returns
 * QA_OK, QA_EINPUT for an unknown event, QA_ENOTFOUND if a post is
 * missing, QA_ESYS, or the database error.
 */
enum qa_err
subscribe_notify(struct db *db, struct arena *a, const char *base_url,
    int64_t post_id, enum subscribe_event ev, int64_t actor_id,
    int64_t event_post_id, int64_t now)
{
	static const char *const subject_pre[SUBSCRIBE_EVENT__MAX] = {
		"New answer to: ",
		"New comment on: ",
		"Your answer was selected: ",
	};
	static const char *const intro[SUBSCRIBE_EVENT__MAX] = {
		"A new answer to",
		"A new comment on",
		"This answer was selected as the best one for",
	};
	sqlite3_stmt	*st;
	const char	*title, *slug, *to, *token;
	char		*subject, *text, *body, *link;
	int64_t		 qid, uid;
	int		 type = 0, rc;
	bool		 told;
	enum qa_err	 er = QA_OK;

	if ((unsigned)ev >= SUBSCRIBE_EVENT__MAX)
		return QA_EINPUT;
	if ((st = db_stmt(db, &subscribe_stmts, SUBSCRIBE_STMT_THREAD)) ==
	    NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, post_id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		er = rc == SQLITE_DONE ? QA_ENOTFOUND :
		    db_err(db, rc, "subscribe_notify");
		db_done(st);
		return er;
	}
	qid = sqlite3_column_int64(st, 0);
	title = db_col_text(a, st, 1);
	slug = db_col_text(a, st, 2);
	db_done(st);
	if (title == NULL)
		return QA_ESYS;
	if ((slug == NULL || slug[0] == '\0') &&
	    (slug = util_slug(a, title)) == NULL)
		return QA_ESYS;
	if ((text = excerpt(db, a, event_post_id, &type, &er)) == NULL)
		return er;
	if ((subject = arena_printf(a, "%s%s", subject_pre[ev],
	    title)) == NULL ||
	    (subject = cut(a, subject, NOTIFY_SUBJECT_MAX - 3)) == NULL ||
	    (link = arena_printf(a, "%s/q/%lld/%s#%c%lld", base_url,
	    (long long)qid, slug, type == POST_COMMENT ? 'c' : 'a',
	    (long long)event_post_id)) == NULL)
		return QA_ESYS;

	if ((st = db_stmt(db, &subscribe_stmts, SUBSCRIBE_STMT_LIST)) == NULL)
		return QA_ESYS;
	sqlite3_bind_int64(st, 1, post_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uid = sqlite3_column_int64(st, 0);
		if ((uid != 0 && uid == actor_id) ||
		    sqlite3_column_int(st, 3) == 0 ||
		    sqlite3_column_type(st, 1) == SQLITE_NULL)
			continue;
		to = (const char *)sqlite3_column_text(st, 1);
		token = (const char *)sqlite3_column_text(st, 2);
		if (to == NULL || token == NULL) {
			er = QA_ESYS;
			break;
		}
		if ((er = already_told(db, to, subject, link, now, &told)) !=
		    QA_OK)
			break;
		if (told)
			continue;
		body = arena_printf(a, "%s \"%s\":\n%s\n\n%s\n\n-- \n"
		    "Unsubscribe: %s/unsubscribe?t=%s\n", intro[ev], title,
		    link, text, base_url, token);
		if (body == NULL) {
			er = QA_ESYS;
			break;
		}
		/* The statement stays open: the outbox is another table. */
		er = notify_queue(db, to, subject, body, now);
		if (er == QA_EINPUT)
			er = QA_OK;
		if (er != QA_OK)
			break;
	}
	if (er == QA_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		er = db_err(db, rc, "subscribe_notify");
	db_done(st);
	return er;
}

/*
 * Find the subscription of an unsubscribe token, for the page that asks
 * to confirm: *post_id the subscribed post and *title its question's
 * title (arena).  Returns QA_OK, QA_ENOTFOUND, QA_ESYS, or the database
 * error.
 */
enum qa_err
subscribe_find(struct db *db, struct arena *a, const char *token,
    int64_t *post_id, const char **title)
{
	sqlite3_stmt	*st;
	enum qa_err	 er = QA_OK;
	int		 rc;

	*post_id = 0;
	*title = NULL;
	if (token == NULL || strlen(token) != AUTH_TOKEN_LEN)
		return QA_ENOTFOUND;
	if ((st = db_stmt(db, &subscribe_stmts, SUBSCRIBE_STMT_FIND)) == NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, token)) {
		db_done(st);
		return QA_ESYS;
	}
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*post_id = sqlite3_column_int64(st, 0);
		if ((*title = db_col_text(a, st, 1)) == NULL)
			er = QA_ESYS;
	} else
		er = rc == SQLITE_DONE ? QA_ENOTFOUND :
		    db_err(db, rc, "subscribe_find");
	db_done(st);
	return er;
}

/*
 * Delete the subscription of an unsubscribe token; *post_id (if not
 * NULL) is set to its post.  Returns QA_OK, QA_ENOTFOUND if there is
 * none, QA_ESYS, or the database error.
 */
enum qa_err
subscribe_remove(struct db *db, const char *token, int64_t *post_id)
{
	struct arena	 a;
	sqlite3_stmt	*st;
	const char	*title;
	int64_t		 id;
	enum qa_err	 er;

	if (post_id != NULL)
		*post_id = 0;
	arena_init(&a);
	er = subscribe_find(db, &a, token, &id, &title);
	arena_free(&a);
	if (er != QA_OK)
		return er;
	if ((st = db_stmt(db, &subscribe_stmts, SUBSCRIBE_STMT_REMOVE)) ==
	    NULL)
		return QA_ESYS;
	if (!db_bind_text(st, 1, token)) {
		db_done(st);
		return QA_ESYS;
	}
	if ((er = db_run(db, st, "subscribe_remove")) == QA_OK &&
	    post_id != NULL)
		*post_id = id;
	return er;
}
