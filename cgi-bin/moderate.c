/*
 * moderate: the moderators' and administrators' pages, and flagging.
 * The queue of queued and flagged posts with actions on each one and in
 * bulk; closing, reopening, moving and retagging questions; a user's
 * moderation page (posts, addresses, block, level, nuke and its undo);
 * IP blocks; the audit log; the site settings; the category tree (add,
 * edit, move, delete); and POST /post/{id}/flag for members with the
 * points to flag.
 *
 * Who may do what is decided here in one place: every handler starts
 * with need(), which lets the request on when auth_can() allows the
 * action, sends a visitor to the login page (303) and refuses anyone
 * else (403).  Settings, categories and levels need AUTH_ADMIN, retagging
 * AUTH_RETAG, flagging AUTH_FLAG, everything else AUTH_MODERATE.  On top
 * of that a moderator may not act on the posts or the account of
 * someone above their own level (403).
 *
 * Every POST has passed serve's CSRF check before a handler runs, and
 * every page with a form is started with serve_page_form().  Each write
 * is one transaction in which lib moderate also records its audit entry;
 * success is a 303 (Post/Redirect/Get) to the local path in the field
 * next when there is one, else to the page the action concerns.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "qa.h"
#include "arena.h"
#include "auth.h"
#include "category.h"
#include "db.h"
#include "http.h"
#include "moderate.h"
#include "notify.h"
#include "post.h"
#include "serve.h"
#include "settings.h"
#include "tag.h"
#include "template.h"
#include "user.h"
#include "util.h"

#define REASON_MAX	200	/* characters of a reason or a flag note */
#define NEXT_MAX	512	/* bytes of a next path */
#define CIDR_MAX	64	/* bytes of an address or CIDR range */
#define LIST_SIZE	25	/* rows on a page of the queue and the log */
#define PAGE_MAX	100000	/* highest ?page= */
#define USER_POSTS	20	/* questions and answers on a user's page */
#define IPLOG_SCAN	500	/* audit entries read for the IP page */

/* The actions of POST /moderate/post/{id} and /moderate/bulk. */
static const struct {
	const char		*name;
	enum mod_post_action	 action;
	bool			 admin;		/* needs AUTH_ADMIN */
} post_actions[] = {
	{ "approve", MOD_APPROVE, false },
	{ "reject", MOD_REJECT, false },
	{ "hide", MOD_HIDE, false },
	{ "reshow", MOD_RESHOW, false },
	{ "delete", MOD_DELETE, false },
	{ "restore", MOD_RESTORE, true },
	{ "purge", MOD_PURGE, true },
	{ "clear", MOD_CLEAR_FLAGS, false },
	{ "lock", MOD_LOCK, false },
	{ "unlock", MOD_UNLOCK, false },
	{ "reopen", MOD_REOPEN, false },
};

/* The values of the flag form's field reason. */
static const char *const flag_reasons[FLAG_REASON__MAX] = {
	[FLAG_SPAM] = "spam",
	[FLAG_OFFENSIVE] = "offensive",
	[FLAG_OFFTOPIC] = "offtopic",
	[FLAG_OTHER] = "other",
};

/* "Queued", "Visible", "Hidden" or "Deleted" for a posts.status. */
static const char *
status_name(int status)
{
	switch (status) {
	case POST_QUEUED:
		return "Queued";
	case POST_VISIBLE:
		return "Visible";
	case POST_HIDDEN:
		return "Hidden";
	default:
		return "Deleted";
	}
}

/* "question", "answer" or "comment" for a posts.type. */
static const char *
kind_name(int type)
{
	return type == POST_QUESTION ? "question" :
	    type == POST_ANSWER ? "answer" : "comment";
}

/* Whether s is set and equal to "1" (a ticked box). */
static bool
ticked(const char *s)
{
	return s != NULL && strcmp(s, "1") == 0;
}

/*
 * The local path in the form field next, or dflt: a path must start
 * with one '/' (not "//"), have no backslash or control character and
 * at most NEXT_MAX bytes, so that a redirect to it stays on this site.
 */
static const char *
next_path(const struct qa_request *req, const char *dflt)
{
	const char		*v = http_formval(req, "next");
	const unsigned char	*p;

	if (v == NULL || v[0] != '/' || v[1] == '/' ||
	    strlen(v) > NEXT_MAX)
		return dflt;
	for (p = (const unsigned char *)v; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '\\')
			return dflt;
	return v;
}

/*
 * The one permission check of every handler: true when the signed-in
 * user may do act (auth_can()).  Otherwise false with *er set to what
 * the handler returns: for a visitor a 303 to /login?next= (the page
 * asked for; for a POST, its field next or the path) and QA_OK; for
 * anyone else QA_EFORBIDDEN with the reason in req->error.
 */
static bool
need(struct qa_request *req, enum auth_action act, enum qa_err *er)
{
	const char	*next, *url;

	*er = QA_OK;
	if (req->user != NULL && auth_can(req->user, act))
		return true;
	if (req->user == NULL) {
		next = req->method == HTTP_POST ? next_path(req, req->path) :
		    req->path;
		url = arena_printf(&req->arena, "/login?next=%s",
		    util_urlseg(&req->arena, next));
		*er = url != NULL ? http_redirect(req, 303, url) : QA_ESYS;
		return false;
	}
	switch (act) {
	case AUTH_ADMIN:
		req->error = "Only administrators may do this.";
		break;
	case AUTH_FLAG:
		req->error = req->user->blocked ? "Your account may not flag "
		    "posts." : arena_printf(&req->arena, "You need %lld "
		    "points to flag posts.",
		    (long long)settings_int("priv_flag", 15));
		break;
	case AUTH_RETAG:
		req->error = arena_printf(&req->arena, "You need %lld points "
		    "to retag questions.",
		    (long long)settings_int("priv_retag", 500));
		break;
	default:
		req->error = "Only moderators may do this.";
		break;
	}
	*er = QA_EFORBIDDEN;
	return false;
}

/* Whether the signed-in user is an administrator. */
static bool
is_admin(const struct qa_request *req)
{
	return req->user != NULL && auth_can(req->user, AUTH_ADMIN);
}

/*
 * Who acts: the signed-in user, from the client's address, now, with the
 * site's address for the mail an approval sends.
 */
static void
actor_of(const struct qa_request *req, struct mod_actor *a)
{
	memset(a, 0, sizeof(*a));
	a->base_url = serve_base_url();
	a->user_id = req->user->id;
	a->ip = serve_remote(req);
	a->now = req->now;
}

/*
 * Read capture i of the route as a positive id.  QA_ENOTFOUND for
 * anything else.
 */
static enum qa_err
arg_id(struct qa_request *req, size_t i, int64_t *id)
{
	if (req->nargs <= i ||
	    http_parse_int(req->args[i], 1, INT64_MAX, id) != QA_OK)
		return QA_ENOTFOUND;
	return QA_OK;
}

/*
 * The address of post p (under question q) on its question page, with
 * query (e.g. "?flagged=1", or "") before the anchor "#xID" (x 'q', 'a'
 * or 'c' by type).  Arena memory, NULL if out of it.
 */
static char *
post_url(struct arena *a, const struct post_raw *p, const struct post_raw *q,
    const char *query)
{
	const char	*u;

	if ((u = util_question_url(a, q->id, q->slug)) == NULL)
		return NULL;
	return arena_printf(a, "%s%s#%c%lld", u, query,
	    p->type == POST_QUESTION ? 'q' : p->type == POST_ANSWER ? 'a' :
	    'c', (long long)p->id);
}

/*
 * Read capture 0 as the id of a question into q.  QA_ENOTFOUND for no
 * such post or one that is not a question.
 */
static enum qa_err
arg_question(struct qa_request *req, struct post_raw *q)
{
	int64_t		 id;
	enum qa_err	 er;

	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	if ((er = post_raw_get(serve.db, &req->arena, id, q)) != QA_OK)
		return er;
	return q->type == POST_QUESTION ? QA_OK : QA_ENOTFOUND;
}

/*
 * Whether the signed-in user may act on what belongs to the account
 * author_id (0: a visitor's post): always on their own or a visitor's;
 * on another's only when that account's level is not above their own.
 * QA_OK, QA_EFORBIDDEN with req->error, or the database's error.
 */
static enum qa_err
may_act_on(struct qa_request *req, int64_t author_id)
{
	struct user	 u;
	enum qa_err	 er;

	if (author_id == 0 || author_id == req->user->id)
		return QA_OK;
	er = user_find_by_id(serve.db, &req->arena, author_id, &u);
	if (er == QA_ENOTFOUND)
		return QA_OK;
	if (er != QA_OK)
		return er;
	if (u.level > req->user->level) {
		req->error = "This post belongs to someone above your level.";
		return QA_EFORBIDDEN;
	}
	return QA_OK;
}

/*
 * Whether the signed-in user may block, nuke or set the level of u:
 * not themselves, and only an account below their own level (a super
 * administrator may manage everyone else).  QA_OK or QA_EFORBIDDEN
 * with req->error.
 */
static enum qa_err
may_manage(struct qa_request *req, const struct user *u)
{
	if (u->id == req->user->id) {
		req->error = "You cannot do this to your own account.";
		return QA_EFORBIDDEN;
	}
	if (u->level >= req->user->level && req->user->level < USER_SUPER) {
		req->error = "This account is not below your level.";
		return QA_EFORBIDDEN;
	}
	return QA_OK;
}

/*
 * The message for a reason (or note) s that is too long or not one
 * line, or NULL when it is fine; what names it ("A reason").
 */
static const char *
reason_problem(struct qa_request *req, const char *s, const char *what)
{
	if (s == NULL)
		return NULL;
	if (util_utf8_len(s) > REASON_MAX)
		return arena_printf(&req->arena, "%s has at most %d "
		    "characters.", what, REASON_MAX);
	if (strpbrk(s, "\r\n") != NULL)
		return arena_printf(&req->arena, "%s is one line.", what);
	return NULL;
}

/*
 * Check the optional field reason: QA_OK with *reason (NULL when empty),
 * or QA_EINVALID with the message in req->error.
 */
static enum qa_err
read_reason(struct qa_request *req, const char **reason)
{
	const char	*why;

	*reason = http_formval(req, "reason");
	if ((why = reason_problem(req, *reason, "A reason")) != NULL) {
		req->error = why;
		return QA_EINVALID;
	}
	if (*reason != NULL && (*reason)[0] == '\0')
		*reason = NULL;
	return QA_OK;
}

/*
 * Commit the transaction begun by the caller when er is QA_OK, else
 * roll it back.  Returns er, or the commit's error.
 */
static enum qa_err
tx_end(enum qa_err er)
{
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	return er;
}

/*
 * The 409 page for an action that does not fit the stored state, with
 * msg and a link back to url.
 */
static enum qa_err
conflict(struct qa_request *req, const char *msg, const char *url)
{
	return serve_notice(req, 409, "Not done", msg, url != NULL ? url :
	    "/moderate", "Go back");
}

/*
 * Put the moderation menu (modnav.tpl) into page t as MODNAV, with the
 * section of the current page (CUR_QUEUE, CUR_LOG, CUR_IPS,
 * CUR_SETTINGS, CUR_CATEGORIES) shown, and ADMIN for administrators.
 */
static void
modnav(struct qa_request *req, struct tpl *t, const char *current)
{
	struct tpl	*n;

	n = tpl_include(t, "MODNAV", "modnav.tpl");
	if (current != NULL)
		tpl_show(n, current);
	if (is_admin(req))
		tpl_show(n, "ADMIN");
}

/*
 * Read ?page= into *page (1 to PAGE_MAX, 1 when absent).  QA_EINPUT for
 * anything else.
 */
static enum qa_err
read_page(struct qa_request *req, int64_t *page)
{
	return http_query_int(req, "page", 1, PAGE_MAX, 1, page);
}

/*
 * Include PAGER (pager.tpl) in t with PREV and NEXT links around page
 * of the list at base ("/moderate"), when there is one to show.
 */
static void
set_pager(struct qa_request *req, struct tpl *t, const char *base,
    int64_t page, bool more)
{
	struct tpl	*p;

	if (page == 1 && !more)
		return;
	p = tpl_include(t, "PAGER", "pager.tpl");
	if (page > 1)
		tpl_set(tpl_add(p, "PREV"), "URL", page == 2 ? base :
		    arena_printf(&req->arena, "%s?page=%lld", base,
		    (long long)(page - 1)));
	if (more)
		tpl_set(tpl_add(p, "NEXT"), "URL", arena_printf(&req->arena,
		    "%s?page=%lld", base, (long long)(page + 1)));
}

/* Set ISO and AGO in t for the time when. */
static void
set_time(struct qa_request *req, struct tpl *t, int64_t when)
{
	tpl_set(t, "ISO", util_isotime(&req->arena, when));
	tpl_set(t, "AGO", util_ago(&req->arena, when, req->now));
}

/* The moderation page of the account handle, in the arena. */
static const char *
user_page_url(struct qa_request *req, const char *handle)
{
	return arena_printf(&req->arena, "/moderate/user/%s",
	    util_urlseg(&req->arena, handle));
}

/* --- the queue --------------------------------------------------------- */

/*
 * Section AUTHOR of t for an author: USER (HANDLE, URL of their
 * moderation page) or ANON (NAME, "Anonymous" when none was given).
 */
static void
set_author(struct qa_request *req, struct tpl *t, const char *handle,
    const char *anon_name)
{
	struct tpl	*s;

	if (handle != NULL) {
		s = tpl_add(t, "USER");
		tpl_set(s, "HANDLE", handle);
		tpl_set(s, "URL", user_page_url(req, handle));
	} else
		tpl_set(tpl_add(t, "ANON"), "NAME", anon_name != NULL &&
		    anon_name[0] != '\0' ? anon_name : "Anonymous");
}

/*
 * GET /moderate?page= -- the queue: queued and flagged posts, oldest
 * first, LIST_SIZE a page.  Each with its question's title (a link to
 * the post), body, author, address, flags and the author's post counts,
 * a form of buttons to POST /moderate/post/{id} (field action, with an
 * optional reason) and a box post_{id} for the bulk form (id "bulk",
 * POST /moderate/bulk).  200; 303 to the login for a visitor; 403 for
 * anyone below moderator; 400 for a bad page number.
 */
static enum qa_err
queue_get(struct qa_request *req)
{
	struct mod_item	*it;
	struct post_raw	 p, q;
	struct tpl	*t, *row;
	const char	*self;
	size_t		 n, i;
	int64_t		 page;
	bool		 admin = is_admin(req);
	enum qa_err	 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = read_page(req, &page)) != QA_OK)
		return er;
	if ((er = mod_queue(serve.db, &req->arena, (page - 1) * LIST_SIZE,
	    LIST_SIZE + 1, &it, &n)) != QA_OK)
		return er;
	if ((t = serve_page_form(req, "moderate.tpl", "Moderation queue")) ==
	    NULL)
		return QA_ESYS;
	modnav(req, t, "CUR_QUEUE");
	self = page == 1 ? "/moderate" : arena_printf(&req->arena,
	    "/moderate?page=%lld", (long long)page);
	tpl_set(t, "NEXT", self);
	if (n == 0)
		tpl_show(t, "EMPTY");
	else
		tpl_show(t, "BULK");
	for (i = 0; i < n && i < LIST_SIZE; i++) {
		row = tpl_add(t, "ITEM");
		tpl_set_int(row, "ID", it[i].post_id);
		tpl_set(row, "KIND", kind_name(it[i].type));
		tpl_set(row, "STATUS", status_name(it[i].status));
		tpl_set(row, "TITLE", it[i].title != NULL ? it[i].title : "");
		memset(&p, 0, sizeof(p));
		memset(&q, 0, sizeof(q));
		p.id = it[i].post_id;
		p.type = it[i].type;
		q.id = it[i].question_id;
		q.slug = it[i].slug;
		tpl_set(row, "URL", post_url(&req->arena, &p, &q, ""));
		tpl_set(row, "BODY_HTML", it[i].body_html != NULL ?
		    it[i].body_html : "");
		set_author(req, row, it[i].handle, it[i].anon_name);
		if (it[i].ip != NULL && it[i].ip[0] != '\0')
			tpl_set(tpl_add(row, "IP"), "ADDR", it[i].ip);
		set_time(req, row, it[i].created);
		tpl_set_int(row, "POSTS", it[i].author_posts);
		tpl_set_int(row, "HIDDEN", it[i].author_hidden);
		if (it[i].flag_count > 0) {
			struct tpl	*f = tpl_add(row, "FLAGS");

			tpl_set_int(f, "COUNT", it[i].flag_count);
			tpl_set(f, "REASONS", it[i].flag_reasons != NULL ?
			    it[i].flag_reasons : "");
			tpl_show(row, "CLEAR");
		} else
			tpl_show(row, "NO_FLAGS");
		switch (it[i].status) {
		case POST_QUEUED:
			tpl_show(row, "APPROVE");
			tpl_show(row, "REJECT");
			break;
		case POST_VISIBLE:
			tpl_show(row, "HIDE");
			tpl_show(row, "DELETE");
			break;
		case POST_HIDDEN:
			tpl_show(row, "RESHOW");
			tpl_show(row, "DELETE");
			break;
		default:
			if (admin) {
				tpl_show(row, "RESTORE");
				tpl_show(row, "PURGE");
			}
			break;
		}
	}
	set_pager(req, t, "/moderate", page, n > LIST_SIZE);
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, 200);
}

/*
 * Find the action named name in post_actions: QA_OK with *i; QA_EINPUT
 * (400) for an unknown one; QA_EFORBIDDEN for restore and purge when
 * the user is no administrator.
 */
static enum qa_err
find_action(struct qa_request *req, const char *name, size_t *i)
{
	for (*i = 0; name != NULL && *i < nitems(post_actions); (*i)++)
		if (strcmp(name, post_actions[*i].name) == 0) {
			if (post_actions[*i].admin && !is_admin(req)) {
				req->error = "Only administrators restore or "
				    "purge deleted posts.";
				return QA_EFORBIDDEN;
			}
			return QA_OK;
		}
	req->error = "There is no such moderation action.";
	return QA_EINPUT;
}

/*
 * POST /moderate/post/{id} -- action (approve, reject, hide, reshow,
 * delete, restore, purge, clear, lock, unlock, reopen), optional reason
 * (one line, at most 200 characters) and next (a local path).  One
 * transaction: mod_post.  303 to next, else to the post on its question
 * page (the queue after a purge); 400 for an unknown action; 403 below
 * moderator, for restore and purge below administrator, and for a post
 * of someone above one's level; 404 for no such post; 409 when the
 * action does not fit the post's state; 422 for a bad reason.  An
 * approval mails the subscribers after the response.
 */
static enum qa_err
post_action_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct post_raw		 p, q;
	const char		*reason, *url;
	int64_t			 id;
	size_t			 i;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	if ((er = find_action(req, http_formval(req, "action"), &i)) !=
	    QA_OK)
		return er;
	if ((er = read_reason(req, &reason)) != QA_OK)
		return er;
	if ((er = post_raw_get_pair(serve.db, &req->arena, id, &p,
	    &q)) != QA_OK)
		return er;
	if ((er = may_act_on(req, p.user_id)) != QA_OK)
		return er;
	url = post_actions[i].action == MOD_PURGE ? "/moderate" :
	    post_url(&req->arena, &p, &q, "");
	url = next_path(req, url);
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = tx_end(mod_post(serve.db, &req->arena, &a, id,
	    post_actions[i].action, reason));
	if (er == QA_ECONFLICT)
		return conflict(req, arena_printf(&req->arena, "The %s is "
		    "%s, so \"%s\" does not apply to it now.",
		    kind_name(p.type), status_name(p.status), post_actions[i].name),
		    url);
	if (er != QA_OK)
		return er;
	if (post_actions[i].action == MOD_APPROVE)
		serve_after(req, notify_send_soon, &serve);
	return http_redirect(req, 303, url);
}

/*
 * POST /moderate/bulk -- action (as for one post), optional reason,
 * next, and a box post_{id}=1 for each post to act on.  One transaction
 * for all: a post that is gone, does not fit the action or belongs to
 * someone above one's level is skipped.  303 to next (the queue); 400
 * for an unknown action; 403 below moderator (administrator for
 * restore and purge); 422 when no post is ticked or for a bad reason.
 */
static enum qa_err
bulk_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct post_raw		 p;
	const char		*reason, *name;
	int64_t			 id;
	size_t			 i, k, done = 0;
	enum qa_err		 er, e;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = find_action(req, http_formval(req, "action"), &i)) !=
	    QA_OK)
		return er;
	if ((er = read_reason(req, &reason)) != QA_OK)
		return er;
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	for (k = 0; k < req->nform; k++) {
		name = req->form[k].name;
		if (strncmp(name, "post_", 5) != 0 ||
		    !ticked(req->form[k].value) ||
		    http_parse_int(name + 5, 1, INT64_MAX, &id) != QA_OK)
			continue;
		e = post_raw_get(serve.db, &req->arena, id, &p);
		if (e == QA_OK)
			e = may_act_on(req, p.user_id);
		if (e == QA_OK)
			e = mod_post(serve.db, &req->arena, &a, id,
			    post_actions[i].action, reason);
		if (e == QA_OK)
			done++;
		else if (e != QA_ENOTFOUND && e != QA_ECONFLICT &&
		    e != QA_EFORBIDDEN && e != QA_EINVALID) {
			er = e;
			break;
		}
	}
	req->error = NULL;
	if (er == QA_OK && done == 0) {
		db_tx_rollback(serve.db);
		req->error = "Tick the posts to act on, or none of them "
		    "could take this action.";
		return QA_EINVALID;
	}
	if ((er = tx_end(er)) != QA_OK)
		return er;
	if (post_actions[i].action == MOD_APPROVE)
		serve_after(req, notify_send_soon, &serve);
	return http_redirect(req, 303, next_path(req, "/moderate"));
}

/* --- questions: close, reopen, move, retag ------------------------------ */

/*
 * POST /moderate/close/{id} -- reason (one line, up to 200 characters;
 * may be empty for a duplicate) and duplicate_of (optional: the id of
 * another question), next.  One transaction: mod_close.  303 to next or
 * the question; 403 below moderator or for a question of someone above
 * one's level; 404 for no such question; 409 when it is already closed;
 * 422 for no reason, a bad reason or a duplicate_of that is no other
 * question.
 */
static enum qa_err
close_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct post_raw		 q, d;
	const char		*reason, *dup = http_formval(req, "duplicate_of");
	const char		*url;
	int64_t			 dup_id = 0;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = arg_question(req, &q)) != QA_OK)
		return er;
	if ((er = read_reason(req, &reason)) != QA_OK)
		return er;
	if (dup != NULL && dup[0] != '\0') {
		if (http_parse_int(dup, 1, INT64_MAX, &dup_id) != QA_OK ||
		    dup_id == q.id) {
			req->error = "A duplicate is the number of another "
			    "question.";
			return QA_EINVALID;
		}
		er = post_raw_get(serve.db, &req->arena, dup_id, &d);
		if (er == QA_ENOTFOUND || (er == QA_OK &&
		    (d.type != POST_QUESTION || d.status != POST_VISIBLE))) {
			req->error = "There is no such question to be a "
			    "duplicate of.";
			return QA_EINVALID;
		}
		if (er != QA_OK)
			return er;
	}
	if (reason == NULL && dup_id == 0) {
		req->error = "Say why the question is closed.";
		return QA_EINVALID;
	}
	if ((er = may_act_on(req, q.user_id)) != QA_OK)
		return er;
	url = next_path(req, util_question_url(&req->arena, q.id, q.slug));
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = tx_end(mod_close(serve.db, &a, q.id, reason != NULL ? reason :
	    "duplicate", dup_id));
	if (er == QA_ECONFLICT)
		return conflict(req, "This question is already closed.", url);
	if (er == QA_EINPUT) {
		req->error = "There is no such question to be a duplicate "
		    "of.";
		return QA_EINVALID;
	}
	if (er != QA_OK)
		return er;
	return http_redirect(req, 303, url);
}

/*
 * POST /moderate/reopen/{id} -- optional reason, next.  One
 * transaction: mod_post(MOD_REOPEN).  303 to next or the question; 403
 * below moderator; 404 for no such question; 409 when it is not closed.
 */
static enum qa_err
reopen_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct post_raw		 q;
	const char		*reason, *url;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = arg_question(req, &q)) != QA_OK)
		return er;
	if ((er = read_reason(req, &reason)) != QA_OK)
		return er;
	if ((er = may_act_on(req, q.user_id)) != QA_OK)
		return er;
	url = next_path(req, util_question_url(&req->arena, q.id, q.slug));
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = tx_end(mod_post(serve.db, &req->arena, &a, q.id, MOD_REOPEN,
	    reason));
	if (er == QA_ECONFLICT)
		return conflict(req, "This question is not closed.", url);
	if (er != QA_OK)
		return er;
	return http_redirect(req, 303, url);
}

/*
 * POST /moderate/move/{id} -- category (a category id; empty or 0 for
 * none), next.  One transaction: mod_move.  303 to next or the
 * question (also when it is in that category already); 403 below
 * moderator; 404 for no such question; 422 for no such category.
 */
static enum qa_err
move_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct post_raw		 q;
	struct category		*path;
	const char		*c = http_formval(req, "category"), *url;
	int64_t			 cat = 0;
	size_t			 n = 0;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = arg_question(req, &q)) != QA_OK)
		return er;
	if (c != NULL && c[0] != '\0' &&
	    http_parse_int(c, 0, INT64_MAX, &cat) != QA_OK) {
		req->error = "Choose a category from the list.";
		return QA_EINVALID;
	}
	if (cat != 0) {
		er = category_path(serve.db, &req->arena, cat, &path, &n);
		if (er != QA_OK && er != QA_ENOTFOUND)
			return er;
		if (n == 0) {
			req->error = "There is no such category.";
			return QA_EINVALID;
		}
	}
	url = next_path(req, util_question_url(&req->arena, q.id, q.slug));
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = tx_end(mod_move(serve.db, &req->arena, &a, q.id, cat));
	if (er == QA_EINPUT) {
		req->error = "There is no such category.";
		return QA_EINVALID;
	}
	if (er != QA_OK && er != QA_ECONFLICT)	/* conflict: already there */
		return er;
	return http_redirect(req, 303, url);
}

/*
 * POST /moderate/retag/{id} -- tags (as typed on the ask form), next.
 * For members with the retag privilege (priv_retag points, or editor+).
 * One transaction: post_update with only the tags, by the user, reason
 * "retag" (a new revision) and an audit entry.  303 to next or the question (at once when
 * nothing changed); 403 without the privilege, or for a question that
 * is not visible when not a moderator; 404 for no such question; 422 for
 * tags that cannot be used.
 */
static enum qa_err
retag_post(struct qa_request *req)
{
	struct post_change	 ch;
	struct mod_actor	 a;
	struct post_raw		 q;
	const char		**names, *why = NULL, *url;
	char			*tags = NULL;
	size_t			 n;
	enum qa_err		 er;

	if (!need(req, AUTH_RETAG, &er))
		return er;
	if ((er = arg_question(req, &q)) != QA_OK)
		return er;
	if (q.status != POST_VISIBLE && !auth_can(req->user, AUTH_MODERATE)) {
		req->error = "Only moderators retag a question that is not "
		    "visible.";
		return QA_EFORBIDDEN;
	}
	er = tag_normalize(&req->arena, http_formval(req, "tags") != NULL ?
	    http_formval(req, "tags") : "", &tags, &n, &why);
	if (er == QA_EINVALID || er == QA_EINPUT) {
		req->error = why != NULL ? why : "These tags cannot be used.";
		return QA_EINVALID;
	}
	if (er != QA_OK)
		return er;
	if ((er = tag_new_names(serve.db, &req->arena, tags, &names, &n)) !=
	    QA_OK)
		return er;
	if (n > 0 && req->user->level < settings_int("tag_new_level", 1)) {
		req->error = arena_printf(&req->arena, "The tag %s does not "
		    "exist yet, and you may not make new tags.", names[0]);
		return QA_EINVALID;
	}
	url = next_path(req, util_question_url(&req->arena, q.id, q.slug));
	if (strcmp(tags, q.tags != NULL ? q.tags : "") == 0)
		return http_redirect(req, 303, url);
	memset(&ch, 0, sizeof(ch));
	ch.id = q.id;
	ch.tags = tags;
	ch.category_id = -1;
	ch.editor_id = req->user->id;
	ch.reason = "retag";
	ch.now = req->now;
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if ((er = post_update(serve.db, &req->arena, &ch)) == QA_OK)
		er = mod_audit(serve.db, &a, "retag", "post", q.id, "", tags);
	if ((er = tx_end(er)) != QA_OK)
		return er;
	return http_redirect(req, 303, url);
}

/* --- users -------------------------------------------------------------- */

/*
 * Read capture 0 as a handle into u.  QA_ENOTFOUND for no such account.
 */
static enum qa_err
arg_user(struct qa_request *req, struct user *u)
{
	if (req->nargs < 1)
		return QA_ENOTFOUND;
	return user_find_by_handle(serve.db, &req->arena, req->args[0], u);
}

/* Add POST rows (URL, TITLE, KIND, ISO, AGO) to t for posts. */
static void
add_posts(struct qa_request *req, struct tpl *t, const struct post *ps,
    size_t n)
{
	struct post_raw	 p, q;
	struct tpl	*row;
	size_t		 i;

	for (i = 0; i < n; i++) {
		row = tpl_add(t, "POST");
		memset(&p, 0, sizeof(p));
		memset(&q, 0, sizeof(q));
		p.id = ps[i].id;
		p.type = ps[i].type;
		q.id = ps[i].type == POST_QUESTION ? ps[i].id :
		    ps[i].question_id;
		q.slug = ps[i].slug;
		tpl_set(row, "URL", post_url(&req->arena, &p, &q, ""));
		tpl_set(row, "TITLE", ps[i].title != NULL ? ps[i].title : "");
		tpl_set(row, "KIND", kind_name(ps[i].type));
		tpl_set(row, "STATUS", status_name(ps[i].status));
		set_time(req, row, ps[i].created);
	}
}

/*
 * Render moderate/user (moduser.tpl) for u with status: their level and
 * state, recent questions and answers, the addresses they posted from
 * (each with a button to block it), and the forms: block or unblock,
 * level (administrators), nuke (with nuke_err next to its box when not
 * NULL), and after a nuke (nuked > 0) the audit entry with an undo
 * button.  reason is what was typed into the nuke form.
 */
static enum qa_err
user_render(struct qa_request *req, const struct user *u,
    const char *nuke_err, const char *reason, int64_t nuked, int status)
{
	struct post	*qs = NULL, *as = NULL;
	const char	**ips = NULL, *self;
	struct tpl	*t, *s, *row;
	size_t		 nq = 0, na = 0, nip = 0, i;
	int		 lv;
	enum qa_err	 er;

	if ((er = post_list(serve.db, &req->arena, POST_LIST_USER, u->id, 0,
	    USER_POSTS, &qs, &nq)) != QA_OK ||
	    (er = post_user_answers(serve.db, &req->arena, u->id, USER_POSTS,
	    &as, &na)) != QA_OK ||
	    (er = mod_user_ips(serve.db, &req->arena, u->id, &ips, &nip)) !=
	    QA_OK)
		return er;
	if ((t = serve_page_form(req, "moduser.tpl", arena_printf(
	    &req->arena, "Moderate %s", u->handle))) == NULL)
		return QA_ESYS;
	modnav(req, t, NULL);
	self = user_page_url(req, u->handle);
	tpl_set(t, "HANDLE", u->handle);
	tpl_set(t, "SELF", self);
	tpl_set(t, "PROFILE_URL", arena_printf(&req->arena, "/user/%s",
	    util_urlseg(&req->arena, u->handle)));
	tpl_set(t, "LEVEL", user_level_name(u->level));
	tpl_set_int(t, "POINTS", u->points);
	set_time(req, t, u->created);
	tpl_show(t, u->blocked ? "BLOCKED" : "ACTIVE");
	if (nuked > 0) {
		s = tpl_add(t, "NUKED");
		tpl_set_int(s, "AUDIT_ID", nuked);
	}
	if (nq == 0 && na == 0)
		tpl_show(t, "NO_POSTS");
	add_posts(req, t, qs, nq);
	add_posts(req, t, as, na);
	if (nip == 0)
		tpl_show(t, "NO_IPS");
	for (i = 0; i < nip; i++)
		tpl_set(tpl_add(t, "IP"), "ADDR", ips[i]);
	if (may_manage(req, u) == QA_OK) {
		s = tpl_add(t, "MANAGE");
		tpl_show(s, u->blocked ? "UNBLOCK" : "BLOCK");
		if (is_admin(req)) {
			struct tpl	*lvs = tpl_add(s, "LEVELS");

			for (lv = USER_REGISTERED; lv < USER_LEVEL__MAX; lv++) {
				if (lv > req->user->level)
					break;
				row = tpl_add(lvs, "OPTION");
				tpl_set_int(row, "VALUE", lv);
				tpl_set(row, "NAME", user_level_name(lv));
				if (lv == u->level)
					tpl_show(row, "SELECTED");
			}
		}
		tpl_set(s, "NUKE_REASON", reason != NULL ? reason : "");
		if (nuke_err != NULL)
			tpl_set(tpl_add(s, "NUKE_ERROR"), "MESSAGE", nuke_err);
	} else
		tpl_show(t, "NO_MANAGE");
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * GET /moderate/user/{handle}?nuked= -- one account for moderators (see
 * user_render()); nuked, the audit id of a nuke just done, shows it
 * with its undo button.  200; 403 below moderator; 404 for no such
 * account; 400 for a bad nuked.
 */
static enum qa_err
user_get(struct qa_request *req)
{
	struct user	 u;
	int64_t		 nuked;
	enum qa_err	 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = arg_user(req, &u)) != QA_OK)
		return er;
	if ((er = http_query_int(req, "nuked", 1, INT64_MAX, 0, &nuked)) !=
	    QA_OK)
		return er;
	return user_render(req, &u, NULL, NULL, nuked, 200);
}

/*
 * POST /moderate/user/{handle}/block -- block (1: block, 0: unblock),
 * optional reason.  One transaction: mod_user_block.  303 to the user's
 * moderation page; 400 for another block value; 403 below moderator or
 * for an account not below one's level (or one's own); 404 for no such
 * account; 409 when it is blocked (unblocked) already; 422 for a bad
 * reason.
 */
static enum qa_err
block_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct user		 u;
	const char		*b = http_formval(req, "block"), *reason;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = arg_user(req, &u)) != QA_OK)
		return er;
	if ((er = may_manage(req, &u)) != QA_OK)
		return er;
	if (b == NULL || (strcmp(b, "1") != 0 && strcmp(b, "0") != 0)) {
		req->error = "Block is 1 or 0.";
		return QA_EINPUT;
	}
	if ((er = read_reason(req, &reason)) != QA_OK)
		return er;
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = tx_end(mod_user_block(serve.db, &a, u.id, ticked(b), reason));
	if (er == QA_ECONFLICT)
		return conflict(req, ticked(b) ? "This account is already "
		    "blocked." : "This account is not blocked.",
		    user_page_url(req, u.handle));
	if (er != QA_OK)
		return er;
	return http_redirect(req, 303, user_page_url(req, u.handle));
}

/*
 * POST /moderate/user/{handle}/level -- level (a number, 1 registered
 * to 6 super, at most one's own).  Administrators only.  One
 * transaction: mod_user_level.  303 to the user's moderation page; 403
 * below administrator, for an account not below one's level, or a level
 * above one's own; 404 for no such account; 422 for a bad level.
 */
static enum qa_err
level_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct user		 u;
	int64_t			 lv;
	enum qa_err		 er;

	if (!need(req, AUTH_ADMIN, &er))
		return er;
	if ((er = arg_user(req, &u)) != QA_OK)
		return er;
	if ((er = may_manage(req, &u)) != QA_OK)
		return er;
	if (http_parse_int(http_formval(req, "level"), USER_REGISTERED,
	    USER_LEVEL__MAX - 1, &lv) != QA_OK) {
		req->error = "Choose a level from the list.";
		return QA_EINVALID;
	}
	if (lv > req->user->level) {
		req->error = "You cannot give a level above your own.";
		return QA_EFORBIDDEN;
	}
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = tx_end(mod_user_level(serve.db, &a, u.id, (int)lv));
	if (er != QA_OK && er != QA_ECONFLICT)	/* conflict: the same level */
		return er;
	return http_redirect(req, 303, user_page_url(req, u.handle));
}

/*
 * POST /moderate/user/{handle}/nuke -- sure=1 (required), optional
 * reason.  Blocks the account and removes all its posts in one
 * transaction (mod_nuke), which records one audit entry that
 * POST /moderate/unnuke/{audit_id} undoes.  303 to the user's page with
 * ?nuked=AUDIT_ID; 403 below moderator or for an account not below
 * one's level; 404 for no such account; 422 and the page again without
 * sure=1 or with a bad reason.
 */
static enum qa_err
nuke_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct user		 u;
	const char		*reason = http_formval(req, "reason"), *why;
	int64_t			 audit_id = 0;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = arg_user(req, &u)) != QA_OK)
		return er;
	if ((er = may_manage(req, &u)) != QA_OK)
		return er;
	if ((why = reason_problem(req, reason, "A reason")) != NULL)
		return user_render(req, &u, why, reason, 0, 422);
	if (!ticked(http_formval(req, "sure")))
		return user_render(req, &u, "Tick the box to confirm that "
		    "all of this account's posts should go.", reason, 0, 422);
	if (reason != NULL && reason[0] == '\0')
		reason = NULL;
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if ((er = tx_end(mod_nuke(serve.db, &req->arena, &a, u.id, reason,
	    &audit_id))) != QA_OK)
		return er;
	return http_redirect(req, 303, arena_printf(&req->arena,
	    "%s?nuked=%lld", user_page_url(req, u.handle),
	    (long long)audit_id));
}

/*
 * POST /moderate/unnuke/{audit_id} -- next.  Undo the nuke recorded as
 * audit entry audit_id, in one transaction (mod_unnuke).  303 to next or
 * the log; 403 below moderator; 404 for no such nuke; 409 when it was
 * already undone.
 */
static enum qa_err
unnuke_post(struct qa_request *req)
{
	struct mod_actor	 a;
	const char		*url;
	int64_t			 id;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	url = next_path(req, "/moderate/log");
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = tx_end(mod_unnuke(serve.db, &req->arena, &a, id));
	if (er == QA_ECONFLICT)
		return conflict(req, "This nuke has already been undone.",
		    url);
	if (er != QA_OK)
		return er;
	return http_redirect(req, 303, url);
}

/* --- IP blocks ---------------------------------------------------------- */

/*
 * Render the IP page (modips.tpl) with status: the block form with cidr
 * and reason as typed and err next to the address, and the IP actions of
 * the recent audit log (the last IPLOG_SCAN entries), each block that
 * was not lifted since with a button to lift it.
 */
static enum qa_err
ips_render(struct qa_request *req, const char *cidr, const char *reason,
    const char *err, int status)
{
	struct audit_entry	*e;
	struct tpl		*t, *row;
	int64_t			*lifted;
	size_t			 n, i, k, nlifted = 0, shown = 0;
	bool			 gone;
	enum qa_err		 er;

	if ((er = mod_log(serve.db, &req->arena, 0, IPLOG_SCAN, &e, &n)) !=
	    QA_OK)
		return er;
	if ((lifted = arena_alloc(&req->arena, (n + 1) * sizeof(*lifted))) ==
	    NULL)
		return QA_ESYS;
	if ((t = serve_page_form(req, "modips.tpl", "IP blocks")) == NULL)
		return QA_ESYS;
	modnav(req, t, "CUR_IPS");
	tpl_set(t, "CIDR", cidr != NULL ? cidr : "");
	tpl_set(t, "REASON", reason != NULL ? reason : "");
	if (err != NULL)
		tpl_set(tpl_add(t, "CIDR_ERROR"), "MESSAGE", err);
	if (ticked(http_query(req, "done")))
		tpl_show(t, "DONE");
	/* Newest first: an unblock is seen before the block it lifts. */
	for (i = 0; i < n; i++) {
		if (e[i].target_type == NULL ||
		    strcmp(e[i].target_type, "ip") != 0)
			continue;
		row = tpl_add(t, "ENTRY");
		shown++;
		tpl_set_int(row, "ID", e[i].target_id);
		tpl_set(row, "ACTION", e[i].action != NULL ? e[i].action : "");
		tpl_set(row, "DETAIL", e[i].detail != NULL ? e[i].detail : "");
		tpl_set(row, "REASON", e[i].reason != NULL ? e[i].reason : "");
		tpl_set(row, "ACTOR", e[i].actor != NULL ? e[i].actor : "");
		set_time(req, row, e[i].created);
		gone = e[i].action == NULL ||
		    strstr(e[i].action, "unblock") != NULL;
		for (k = 0; !gone && k < nlifted; k++)
			if (lifted[k] == e[i].target_id)
				gone = true;
		if (e[i].action != NULL &&
		    strstr(e[i].action, "unblock") != NULL)
			lifted[nlifted++] = e[i].target_id;
		else if (!gone)
			tpl_show(row, "LIFT");
	}
	if (shown == 0)
		tpl_show(t, "NONE");
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * GET /moderate/ips?done= -- the IP block form and the recent IP
 * actions (ips_render()).  200; 403 below moderator.
 */
static enum qa_err
ips_get(struct qa_request *req)
{
	enum qa_err	 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	return ips_render(req, NULL, NULL, NULL, 200);
}

/*
 * POST /moderate/ips -- cidr (an address or a CIDR range, e.g.
 * 192.0.2.0/24 or 2001:db8::/32), optional reason.  One transaction:
 * mod_ip_block.  303 to /moderate/ips?done=1; 403 below moderator; 422
 * with the page and what was typed for an empty or malformed range or a
 * bad reason; 409 with the page when the range is already blocked.
 */
static enum qa_err
ips_post(struct qa_request *req)
{
	struct mod_actor	 a;
	const char		*cidr = http_formval(req, "cidr");
	const char		*reason = http_formval(req, "reason"), *why;
	int64_t			 id;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if (cidr == NULL || cidr[0] == '\0')
		return ips_render(req, cidr, reason, "Enter an address or a "
		    "range such as 192.0.2.0/24.", 422);
	if (strlen(cidr) > CIDR_MAX)
		return ips_render(req, cidr, reason, "This is too long for an "
		    "address or range.", 422);
	if ((why = reason_problem(req, reason, "A reason")) != NULL)
		return ips_render(req, cidr, reason, why, 422);
	if (reason != NULL && reason[0] == '\0')
		reason = NULL;
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = tx_end(mod_ip_block(serve.db, &a, cidr, reason, &id));
	if (er == QA_EINPUT || er == QA_EINVALID)
		return ips_render(req, cidr, reason, "This is not an address "
		    "or a range such as 192.0.2.0/24.", 422);
	if (er == QA_ECONFLICT)
		return ips_render(req, cidr, reason, "This range is already "
		    "blocked.", 409);
	if (er != QA_OK)
		return er;
	return http_redirect(req, 303, "/moderate/ips?done=1");
}

/*
 * POST /moderate/ips/{id}/delete -- lift IP block id, in one
 * transaction (mod_ip_unblock).  303 to /moderate/ips; 403 below
 * moderator; 404 for no such block.
 */
static enum qa_err
ip_delete_post(struct qa_request *req)
{
	struct mod_actor	 a;
	int64_t			 id;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if ((er = tx_end(mod_ip_unblock(serve.db, &a, id))) != QA_OK)
		return er;
	return http_redirect(req, 303, "/moderate/ips");
}

/* --- the audit log ------------------------------------------------------ */

/*
 * GET /moderate/log?page= -- the audit log, newest first, LIST_SIZE a
 * page: time, who, action, target (a post links to its revisions), reason,
 * detail, address; a nuke with an undo button.  200; 403 below
 * moderator; 400 for a bad page number.
 */
static enum qa_err
log_get(struct qa_request *req)
{
	struct audit_entry	*e;
	struct tpl		*t, *row, *s;
	size_t			 n, i;
	int64_t			 page;
	enum qa_err		 er;

	if (!need(req, AUTH_MODERATE, &er))
		return er;
	if ((er = read_page(req, &page)) != QA_OK)
		return er;
	if ((er = mod_log(serve.db, &req->arena, (page - 1) * LIST_SIZE,
	    LIST_SIZE + 1, &e, &n)) != QA_OK)
		return er;
	if ((t = serve_page_form(req, "modlog.tpl", "Moderation log")) ==
	    NULL)
		return QA_ESYS;
	modnav(req, t, "CUR_LOG");
	tpl_set(t, "NEXT", page == 1 ? "/moderate/log" : arena_printf(
	    &req->arena, "/moderate/log?page=%lld", (long long)page));
	if (n == 0)
		tpl_show(t, "NONE");
	else
		tpl_show(t, "TABLE");
	for (i = 0; i < n && i < LIST_SIZE; i++) {
		row = tpl_add(t, "ENTRY");
		tpl_set_int(row, "ID", e[i].id);
		set_time(req, row, e[i].created);
		if (e[i].actor != NULL)
			set_author(req, row, e[i].actor, NULL);
		else
			tpl_set(tpl_add(row, "ANON"), "NAME", "system");
		tpl_set(row, "ACTION", e[i].action != NULL ? e[i].action : "");
		if (e[i].target_type != NULL && strcmp(e[i].target_type,
		    "post") == 0) {
			s = tpl_add(row, "TARGET_POST");
			tpl_set_int(s, "TID", e[i].target_id);
		} else {
			s = tpl_add(row, "TARGET");
			tpl_set(s, "TYPE", e[i].target_type != NULL ?
			    e[i].target_type : "");
			if (e[i].target_id != 0)
				tpl_set_int(tpl_add(s, "HAS_ID"), "TID",
				    e[i].target_id);
		}
		tpl_set(row, "REASON", e[i].reason != NULL ? e[i].reason : "");
		tpl_set(row, "DETAIL", e[i].detail != NULL ? e[i].detail : "");
		tpl_set(row, "IP", e[i].ip != NULL ? e[i].ip : "");
		if (e[i].action != NULL && strcmp(e[i].action, "nuke") == 0)
			tpl_show(row, "UNDO");
	}
	set_pager(req, t, "/moderate/log", page, n > LIST_SIZE);
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, 200);
}

/* --- settings ----------------------------------------------------------- */

/* The groups of the settings form, in order. */
static const char *const set_groups[] = {
	"Site",
	"Posting and the queue",
	"Points for events",
	"Privileges (points needed)",
	"Rate limits (per hour; 0 switches one off)",
	"Spam and flags",
};


/*
 * The value of setting d as sent: a checkbox reads "1" when ticked and
 * "0" when not; text and numbers as typed ("" when missing).
 */
static const char *
set_sent(const struct qa_request *req, const struct setting_def *d)
{
	const char	*v = http_formval(req, d->key);

	if (d->kind == SETTING_BOOL)
		return ticked(v) ? "1" : "0";
	return v != NULL ? v : "";
}

/*
 * The message for v, a value of setting d that cannot be saved, or
 * NULL.
 */
static const char *
set_problem(struct qa_request *req, const struct setting_def *d, const char *v)
{
	int64_t	 n;
	size_t	 len;

	switch (d->kind) {
	case SETTING_INT:
		if (http_parse_int(v, d->min, d->max, &n) != QA_OK)
			return arena_printf(&req->arena, "Enter a whole "
			    "number from %lld to %lld.", (long long)d->min,
			    (long long)d->max);
		return NULL;
	case SETTING_BOOL:
		return NULL;
	case SETTING_LINE:
		if (strpbrk(v, "\r\n\t") != NULL)
			return "This is one line.";
		/* FALLTHROUGH */
	case SETTING_AREA:
		len = util_utf8_len(v);
		if ((int64_t)len < d->min)
			return "This may not be empty.";
		if ((int64_t)len > d->max)
			return arena_printf(&req->arena, "At most %lld "
			    "characters; this has %zu.", (long long)d->max,
			    len);
		return NULL;
	}
	return NULL;
}

/*
 * Render the settings form (modsettings.tpl) with status: one GROUP
 * (LEGEND) per group, each with one ROW per setting holding a section
 * by its kind (LINE, AREA, INT, BOOL) with ID, LABEL, VALUE (and
 * CHECKED for a ticked box), section ERROR (MESSAGE) by a wrong value
 * and the summary ERRORS (ERROR rows with ID and MESSAGE).  val and err
 * are indexed like settings_defs; val NULL shows the stored values.
 */
static enum qa_err
settings_render(struct qa_request *req, const char *const *val,
    const char *const *err, int status)
{
	static const char *const kinds[] = {
		[SETTING_LINE] = "LINE", [SETTING_AREA] = "AREA", [SETTING_INT] = "INT",
		[SETTING_BOOL] = "BOOL",
	};
	struct tpl	*t, *g = NULL, *k, *sum = NULL;
	const char	*v;
	size_t		 i;
	int		 gi = -1;

	if ((t = serve_page_form(req, "modsettings.tpl", "Site settings")) ==
	    NULL)
		return QA_ESYS;
	modnav(req, t, "CUR_SETTINGS");
	if (status == 200 && ticked(http_query(req, "done")))
		tpl_show(t, "DONE");
	for (i = 0; i < SETTINGS_NDEFS; i++) {
		if (settings_defs[i].group == SETTING_HIDDEN)
			continue;
		if (settings_defs[i].group != gi) {
			gi = settings_defs[i].group;
			g = tpl_add(t, "GROUP");
			tpl_set(g, "LEGEND", set_groups[gi]);
		}
		v = val != NULL ? val[i] : settings_get(settings_defs[i].key,
		    settings_defs[i].dflt);
		k = tpl_add(tpl_add(g, "ROW"), kinds[settings_defs[i].kind]);
		tpl_set(k, "ID", settings_defs[i].key);
		tpl_set(k, "LABEL", settings_defs[i].label);
		tpl_set(k, "VALUE", v);
		if (settings_defs[i].kind == SETTING_INT) {
			tpl_set_int(k, "MIN", settings_defs[i].min);
			tpl_set_int(k, "MAX", settings_defs[i].max);
		}
		if (settings_defs[i].kind == SETTING_BOOL && ticked(v))
			tpl_show(k, "CHECKED");
		if (err == NULL || err[i] == NULL)
			continue;
		tpl_set(tpl_add(k, "ERROR"), "MESSAGE", err[i]);
		if (sum == NULL)
			sum = tpl_add(t, "ERRORS");
		k = tpl_add(sum, "ERROR");
		tpl_set(k, "ID", settings_defs[i].key);
		tpl_set(k, "MESSAGE", arena_printf(&req->arena, "%s: %s",
		    settings_defs[i].label, err[i]));
	}
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * GET /moderate/settings?done= -- the settings form with the stored
 * values (done=1: a note that they were saved).  200; 403 below
 * administrator.
 */
static enum qa_err
settings_page_get(struct qa_request *req)
{
	enum qa_err	 er;

	if (!need(req, AUTH_ADMIN, &er))
		return er;
	return settings_render(req, NULL, NULL, 200);
}

/*
 * POST /moderate/settings -- one field per setting of settings_defs on the
 * form (named by
 * its key; a checkbox absent is 0).  Each is checked (numbers within
 * their range, texts within their length, one line where it is a line);
 * then every changed one is saved with settings_set() in one transaction
 * with an audit entry ("settings", detail: the changed keys).  303 to
 * /moderate/settings?done=1; 403 below administrator; 422 with the form,
 * everything as typed and a message by each wrong value.
 */
static enum qa_err
settings_page_post(struct qa_request *req)
{
	struct mod_actor	 a;
	const char		*val[SETTINGS_NDEFS], *err[SETTINGS_NDEFS], *cur;
	char			*changed = NULL;
	size_t			 i, nerr = 0;
	enum qa_err		 er;

	if (!need(req, AUTH_ADMIN, &er))
		return er;
	for (i = 0; i < SETTINGS_NDEFS; i++) {
		val[i] = err[i] = NULL;
		if (settings_defs[i].group == SETTING_HIDDEN)
			continue;
		val[i] = set_sent(req, &settings_defs[i]);
		if ((err[i] = set_problem(req, &settings_defs[i], val[i])) !=
		    NULL)
			nerr++;
	}
	if (nerr > 0)
		return settings_render(req, val, err, 422);
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	for (i = 0; i < SETTINGS_NDEFS && er == QA_OK; i++) {
		if (val[i] == NULL)
			continue;	/* not on the form */
		cur = settings_get(settings_defs[i].key, settings_defs[i].dflt);
		if (strcmp(cur, val[i]) == 0)
			continue;
		changed = changed == NULL ? arena_strdup(&req->arena,
		    settings_defs[i].key) : arena_printf(&req->arena, "%s, %s",
		    changed, settings_defs[i].key);
		if (changed == NULL)
			er = QA_ESYS;
		else
			er = settings_set(serve.db, settings_defs[i].key, val[i]);
	}
	if (er == QA_OK && changed != NULL)
		er = mod_audit(serve.db, &a, "settings", "settings", 0, NULL,
		    arena_printf(&req->arena, "changed: %s", changed));
	if ((er = tx_end(er)) != QA_OK) {
		/* The cache may hold values that were rolled back. */
		settings_load(serve.db);
		return er;
	}
	return http_redirect(req, 303, "/moderate/settings?done=1");
}

/* --- categories --------------------------------------------------------- */

/* What the category forms hold, as typed (NULL: not sent). */
struct cat_form {
	const char	*name;
	const char	*slug;
	const char	*description;
	const char	*parent;	/* a category id, "" or "0": the top */
	const char	*position;	/* "": last (add) or unchanged (edit) */
};

/* The category form's fields from the request. */
static void
cat_form_read(const struct qa_request *req, struct cat_form *f)
{
	f->name = http_formval(req, "name");
	f->slug = http_formval(req, "slug");
	f->description = http_formval(req, "description");
	f->parent = http_formval(req, "parent");
	f->position = http_formval(req, "position");
}

/*
 * Turn the typed form f into e, checked by category_edit_check(): parent
 * a category id or ""/"0" for the top level, position a number or ""
 * (-1).  Returns QA_OK, QA_EINVALID with *why, or QA_ESYS.
 */
static enum qa_err
cat_form_parse(struct qa_request *req, const struct cat_form *f,
    struct category_edit *e, struct category_why *why)
{
	memset(e, 0, sizeof(*e));
	e->name = f->name;
	e->slug = f->slug;
	e->description = f->description;
	e->position = -1;
	if (f->parent != NULL && f->parent[0] != '\0' &&
	    http_parse_int(f->parent, 0, INT64_MAX, &e->parent_id) != QA_OK) {
		why->field = "parent";
		why->message = "Choose a parent from the list.";
		return QA_EINVALID;
	}
	if (f->position != NULL && f->position[0] != '\0' &&
	    http_parse_int(f->position, 0, CATEGORY_POSITION_MAX,
	    &e->position) != QA_OK) {
		why->field = "position";
		why->message = arena_printf(&req->arena, "A position is a "
		    "number from 0 to %d.", CATEGORY_POSITION_MAX);
		return QA_EINVALID;
	}
	return category_edit_check(&req->arena, e, why);
}

/*
 * Rows CAT<depth> of one level of the tree under t, as on /categories
 * (a section name per level, since a section not set in a row is looked
 * up in its parents): ID, NAME, SLUG, URL (its page), EDIT (its form),
 * COUNT ("3 questions"), and the next level in SUB<depth>.
 */
static void
add_mod_cats(struct qa_request *req, struct tpl *t, const struct category *c,
    int depth)
{
	struct tpl	*row;
	char		 name[16];

	for (; c != NULL; c = c->next) {
		snprintf(name, sizeof(name), "CAT%d", depth);
		row = tpl_add(t, name);
		tpl_set_int(row, "ID", c->id);
		tpl_set(row, "NAME", c->name);
		tpl_set(row, "SLUG", c->slug);
		tpl_set(row, "URL", arena_printf(&req->arena, "/c/%s",
		    util_urlseg(&req->arena, c->slug)));
		tpl_set(row, "EDIT", arena_printf(&req->arena,
		    "/moderate/categories/%lld", (long long)c->id));
		tpl_set(row, "COUNT", arena_printf(&req->arena, "%lld %s",
		    (long long)c->qcount, util_plural(c->qcount, "question",
		    "questions")));
		if (c->children != NULL && depth < CATEGORY_MAX_DEPTH) {
			snprintf(name, sizeof(name), "SUB%d", depth);
			add_mod_cats(req, tpl_add(row, name), c->children,
			    depth + 1);
		}
	}
}

/*
 * Rows OPTION (VALUE, LABEL: the path from the top, "Relationships ›
 * Dating", SELECTED for sel) for the categories of c and below but skip
 * and those below it (a category cannot go under itself).  One at the
 * fourth level is listed too, so that a refused choice shows as made;
 * the check of the change says why it cannot be.  prefix is the
 * parent's label.
 */
static void
add_parent_options(struct qa_request *req, struct tpl *t,
    const struct category *c, const char *prefix, int64_t skip, int64_t sel)
{
	struct tpl	*row;
	const char	*label;

	for (; c != NULL; c = c->next) {
		if (c->id == skip)
			continue;
		label = prefix == NULL ? c->name : arena_printf(&req->arena,
		    "%s \xe2\x80\xba %s", prefix, c->name);
		row = tpl_add(t, "OPTION");
		tpl_set_int(row, "VALUE", c->id);
		tpl_set(row, "LABEL", label);
		if (c->id == sel)
			tpl_show(row, "SELECTED");
		add_parent_options(req, t, c->children, label, skip, sel);
	}
}

/*
 * Include the category form (catform.tpl) in page p as CATFORM: posting
 * to action with a button saying button, with NAME, SLUG, DESCRIPTION
 * and POSITION as in f, the parent select (TOP_SELECTED, or SELECTED on
 * the option of f's parent) without skip and what is below it, and the
 * section <FIELD>_ERROR (MESSAGE) by the field why names, with the
 * summary ERRORS (ERROR: ID, MESSAGE).
 */
static void
cat_form_set(struct qa_request *req, struct tpl *p, const char *action,
    const char *button, const struct cat_form *f,
    const struct category *roots, int64_t skip,
    const struct category_why *why)
{
	struct tpl	*t, *s;
	int64_t		 sel = 0;
	char		 key[32];
	size_t		 i;

	t = tpl_include(p, "CATFORM", "catform.tpl");
	tpl_set(t, "ACTION", action);
	tpl_set(t, "BUTTON", button);
	tpl_set(t, "NAME", f->name != NULL ? f->name : "");
	tpl_set(t, "SLUG", f->slug != NULL ? f->slug : "");
	tpl_set(t, "DESCRIPTION", f->description != NULL ? f->description :
	    "");
	tpl_set(t, "POSITION", f->position != NULL ? f->position : "");
	if (f->parent != NULL && f->parent[0] != '\0' &&
	    http_parse_int(f->parent, 0, INT64_MAX, &sel) != QA_OK)
		sel = 0;
	if (sel == 0)
		tpl_show(t, "TOP_SELECTED");
	add_parent_options(req, t, roots, NULL, skip, sel);
	if (why == NULL || why->field == NULL)
		return;
	for (i = 0; why->field[i] != '\0' && i + 7 < sizeof(key); i++)
		key[i] = (char)(why->field[i] >= 'a' && why->field[i] <= 'z' ?
		    why->field[i] - 32 : why->field[i]);
	memcpy(key + i, "_ERROR", 7);
	tpl_set(tpl_add(t, key), "MESSAGE", why->message);
	s = tpl_add(tpl_add(t, "ERRORS"), "ERROR");
	tpl_set(s, "ID", arena_printf(&req->arena, "cat-%s", why->field));
	tpl_set(s, "MESSAGE", why->message);
}

/*
 * Render the categories page (modcats.tpl) with status: the tree, each
 * category with its count and a link to its form, and the form to add
 * one with f as typed and the problem why (NULL: none).  done names
 * what was just done (added, saved, deleted) for a note, or is NULL.
 */
static enum qa_err
cats_render(struct qa_request *req, const struct cat_form *f,
    const struct category_why *why, const char *done, int status)
{
	static const struct cat_form	 empty;
	struct category			*roots;
	struct tpl			*t;
	enum qa_err			 er;

	if ((er = category_tree(serve.db, &req->arena, &roots)) != QA_OK)
		return er;
	if ((t = serve_page_form(req, "modcats.tpl", "Categories")) == NULL)
		return QA_ESYS;
	modnav(req, t, "CUR_CATEGORIES");
	if (done != NULL && (strcmp(done, "added") == 0 ||
	    strcmp(done, "saved") == 0 || strcmp(done, "deleted") == 0))
		tpl_set(tpl_add(t, "DONE"), "WHAT", done);
	if (roots == NULL)
		tpl_show(t, "NO_CATS");
	else
		add_mod_cats(req, tpl_add(t, "HAS_CATS"), roots, 1);
	cat_form_set(req, t, "/moderate/categories", "Add the category",
	    f != NULL ? f : &empty, roots, 0, why);
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * Render the form of category c (modcat.tpl) with status: f as typed
 * (NULL: c's stored values) and the problem why (NULL: none), its
 * page, count and place in the tree, and the delete button (with where
 * its questions go) unless it has subcategories.
 */
static enum qa_err
cat_render(struct qa_request *req, const struct category *c,
    const struct cat_form *f, const struct category_why *why, int status)
{
	struct category	*roots, *path, *kids;
	struct cat_form	 stored;
	struct tpl	*t, *s;
	size_t		 npath, nkids;
	enum qa_err	 er;

	if ((er = category_tree(serve.db, &req->arena, &roots)) != QA_OK ||
	    (er = category_path(serve.db, &req->arena, c->id, &path,
	    &npath)) != QA_OK ||
	    (er = category_children(serve.db, &req->arena, c->id, &kids,
	    &nkids)) != QA_OK)
		return er;
	if (f == NULL) {
		stored.name = c->name;
		stored.slug = c->slug;
		stored.description = c->description;
		stored.parent = arena_printf(&req->arena, "%lld",
		    (long long)c->parent_id);
		stored.position = arena_printf(&req->arena, "%lld",
		    (long long)c->position);
		f = &stored;
	}
	if ((t = serve_page_form(req, "modcat.tpl", arena_printf(&req->arena,
	    "Category %s", c->name))) == NULL)
		return QA_ESYS;
	modnav(req, t, "CUR_CATEGORIES");
	tpl_set_int(t, "ID", c->id);
	tpl_set(t, "TITLE", c->name);
	tpl_set(t, "URL", arena_printf(&req->arena, "/c/%s",
	    util_urlseg(&req->arena, c->slug)));
	tpl_set(t, "COUNT", arena_printf(&req->arena, "%lld %s",
	    (long long)c->qcount, util_plural(c->qcount, "question",
	    "questions")));
	cat_form_set(req, t, arena_printf(&req->arena,
	    "/moderate/categories/%lld", (long long)c->id), "Save",
	    f, roots, c->id, why);
	if (nkids > 0)
		tpl_set_int(tpl_add(t, "HAS_KIDS"), "N", (int64_t)nkids);
	else {
		s = tpl_add(t, "DELETE");
		if (npath >= 2)
			tpl_set(tpl_add(s, "TO_PARENT"), "PARENT",
			    path[npath - 2].name);
		else
			tpl_show(s, "TO_NONE");
	}
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * Read capture 0 as the id of a category into c.  QA_ENOTFOUND for no
 * such category.
 */
static enum qa_err
arg_category(struct qa_request *req, struct category *c)
{
	int64_t		 id;
	enum qa_err	 er;

	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	return category_find_id(serve.db, &req->arena, id, c);
}

/*
 * GET /moderate/categories?done= -- the category tree with counts and
 * links to each one's form, and the form to add a category (done=added,
 * saved or deleted: a note of what was done).  200; 303 to the login
 * for a visitor; 403 below administrator.
 */
static enum qa_err
cats_get(struct qa_request *req)
{
	enum qa_err	 er;

	if (!need(req, AUTH_ADMIN, &er))
		return er;
	return cats_render(req, NULL, NULL, http_query(req, "done"), 200);
}

/*
 * POST /moderate/categories -- name (required), slug (empty: made from
 * the name), description, parent (a category id; empty or 0: the top
 * level), position (empty: after the last sibling).  One transaction:
 * category_create and an audit entry "category-add" (detail: the
 * slug).  303 to /moderate/categories?done=added; 403 below
 * administrator; 422 with the page and the form as typed for a bad
 * field, a slug in use, a parent that does not exist or is at the
 * fourth level already.
 */
static enum qa_err
cats_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct category_edit	 e;
	struct category_why	 why = { NULL, NULL };
	struct cat_form		 f;
	int64_t			 id;
	enum qa_err		 er;

	if (!need(req, AUTH_ADMIN, &er))
		return er;
	cat_form_read(req, &f);
	if ((er = cat_form_parse(req, &f, &e, &why)) == QA_EINVALID)
		return cats_render(req, &f, &why, NULL, 422);
	if (er != QA_OK)
		return er;
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = category_create(serve.db, &req->arena, &e, &id, &why);
	if (er == QA_OK)
		er = mod_audit(serve.db, &a, "category-add", "category", id,
		    NULL, arena_printf(&req->arena, "/c/%s", e.slug));
	er = tx_end(er);
	if (er == QA_EINVALID || er == QA_ECONFLICT)
		return cats_render(req, &f, &why, NULL, 422);
	if (er != QA_OK)
		return er;
	return http_redirect(req, 303, "/moderate/categories?done=added");
}

/*
 * GET /moderate/categories/{id} -- the form of one category (name,
 * slug, description, parent, position) and its delete button.  200;
 * 303 to the login for a visitor; 403 below administrator; 404 for no
 * such category.
 */
static enum qa_err
cat_get(struct qa_request *req)
{
	struct category	 c;
	enum qa_err	 er;

	if (!need(req, AUTH_ADMIN, &er))
		return er;
	if ((er = arg_category(req, &c)) != QA_OK)
		return er;
	return cat_render(req, &c, NULL, NULL, 200);
}

/*
 * POST /moderate/categories/{id} -- the fields of the add form (an
 * empty position keeps it).  A new parent moves the category with its
 * subcategories there: refused under itself or below it, and when it or
 * one below it would end below the fourth level; the depths and the
 * ancestors' counts follow.  One transaction: category_update and an
 * audit entry, "category-move" (detail {"from":old,"to":new} parent
 * ids, 0 for the top) when the parent changed, else "category-edit"
 * (detail: the fields changed).  303 to /moderate/categories?done=saved;
 * 403 below administrator; 404 for no such category; 422 with the form
 * as typed for a bad field, a slug in use, a cycle or a tree too deep.
 */
static enum qa_err
cat_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct category		 c, old;
	struct category_edit	 e;
	struct category_why	 why = { NULL, NULL };
	struct cat_form		 f;
	const char		*detail;
	enum qa_err		 er;

	if (!need(req, AUTH_ADMIN, &er))
		return er;
	if ((er = arg_category(req, &c)) != QA_OK)
		return er;
	cat_form_read(req, &f);
	if ((er = cat_form_parse(req, &f, &e, &why)) == QA_EINVALID)
		return cat_render(req, &c, &f, &why, 422);
	if (er != QA_OK)
		return er;
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = category_update(serve.db, &req->arena, c.id, &e, &old, &why);
	if (er == QA_OK && old.parent_id != e.parent_id)
		er = mod_audit(serve.db, &a, "category-move", "category", c.id,
		    NULL, arena_printf(&req->arena, "{\"from\":%lld,"
		    "\"to\":%lld}", (long long)old.parent_id,
		    (long long)e.parent_id));
	else if (er == QA_OK) {
		detail = arena_printf(&req->arena, "%s%s%s%s",
		    strcmp(old.name, e.name) != 0 ? " name" : "",
		    strcmp(old.slug, e.slug) != 0 ? " slug" : "",
		    strcmp(old.description, e.description) != 0 ?
		    " description" : "", e.position >= 0 &&
		    e.position != old.position ? " position" : "");
		er = detail == NULL ? QA_ESYS : mod_audit(serve.db, &a,
		    "category-edit", "category", c.id, NULL,
		    detail[0] == '\0' ? "unchanged" : detail + 1);
	}
	er = tx_end(er);
	if (er == QA_EINVALID || er == QA_ECONFLICT)
		return cat_render(req, &c, &f, &why, 422);
	if (er != QA_OK)
		return er;
	return http_redirect(req, 303, "/moderate/categories?done=saved");
}

/*
 * POST /moderate/categories/{id}/delete -- delete a category that has
 * no subcategories; its questions go to its parent, or to no category
 * from the top level.  One transaction: category_delete and an audit
 * entry "category-delete" (detail {"slug":...,"to":parent id or 0,
 * "moved":questions}).  303 to /moderate/categories?done=deleted; 403
 * below administrator; 404 for no such category; 409 when it has
 * subcategories.
 */
static enum qa_err
cat_delete_post(struct qa_request *req)
{
	struct mod_actor	 a;
	struct category		 c;
	struct category_why	 why = { NULL, NULL };
	int64_t			 id, moved = 0;
	enum qa_err		 er;

	if (!need(req, AUTH_ADMIN, &er))
		return er;
	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	actor_of(req, &a);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = category_delete(serve.db, &req->arena, id, &c, &moved, &why);
	if (er == QA_OK)
		er = mod_audit(serve.db, &a, "category-delete", "category", id,
		    NULL, arena_printf(&req->arena, "{\"slug\":\"%s\","
		    "\"to\":%lld,\"moved\":%lld}", c.slug,
		    (long long)c.parent_id, (long long)moved));
	er = tx_end(er);
	if (er == QA_ECONFLICT)
		return conflict(req, why.message, arena_printf(&req->arena,
		    "/moderate/categories/%lld", (long long)id));
	if (er != QA_OK)
		return er;
	return http_redirect(req, 303, "/moderate/categories?done=deleted");
}

/* --- flags -------------------------------------------------------------- */

/*
 * POST /post/{id}/flag -- reason (spam, offensive, offtopic or other)
 * and note (required for other; one line, at most 200 characters).  For
 * members with the flag privilege (priv_flag points), on a visible post
 * of someone else.  One transaction: mod_flag, which hides the post
 * when it reaches flags_to_hide.  303 to the post on its question page
 * with ?flagged=1 (to the home page for a question that got hidden);
 * 303 to the login for a visitor; 403 without the privilege or for
 * one's own post; 404 for no such visible post; 409 when already
 * flagged by the user; 422 for a bad reason or note.
 */
static enum qa_err
flag_post(struct qa_request *req)
{
	struct post_raw	 p, q;
	const char	*r = http_formval(req, "reason");
	const char	*note = http_formval(req, "note"), *why, *url;
	int64_t		 id;
	size_t		 i;
	bool		 hidden = false;
	enum qa_err	 er;

	if (!need(req, AUTH_FLAG, &er))
		return er;
	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	if ((er = post_raw_get_pair(serve.db, &req->arena, id, &p,
	    &q)) != QA_OK)
		return er;
	if (p.status != POST_VISIBLE || q.status != POST_VISIBLE)
		return QA_ENOTFOUND;
	if (p.user_id == req->user->id) {
		req->error = "You cannot flag your own post.";
		return QA_EFORBIDDEN;
	}
	for (i = 0; r != NULL && i < FLAG_REASON__MAX; i++)
		if (strcmp(r, flag_reasons[i]) == 0)
			break;
	if (r == NULL || i == FLAG_REASON__MAX) {
		req->error = "Choose why you flag the post: spam, offensive, "
		    "off topic or other.";
		return QA_EINVALID;
	}
	if (note != NULL && note[0] == '\0')
		note = NULL;
	if (i == FLAG_OTHER && note == NULL) {
		req->error = "Say in a note what is wrong with the post.";
		return QA_EINVALID;
	}
	if ((why = reason_problem(req, note, "A note")) != NULL) {
		req->error = why;
		return QA_EINVALID;
	}
	url = post_url(&req->arena, &p, &q, "?flagged=1");
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = tx_end(mod_flag(serve.db, id, req->user->id, (enum flag_reason)i,
	    note, req->now, &hidden));
	if (er == QA_ECONFLICT)
		return serve_notice(req, 409, "Already flagged", "You have "
		    "already flagged this post.", post_url(&req->arena, &p,
		    &q, ""), "Back to the post");
	if (er == QA_EFORBIDDEN && req->error == NULL)
		req->error = "You cannot flag this post.";
	if (er != QA_OK)
		return er;
	if (hidden && p.type == POST_QUESTION)
		url = "/?flagged=1";
	return http_redirect(req, 303, url);
}

static const struct route routes[] = {
	{ "/moderate", ROUTE_GET, queue_get },
	{ "/moderate/bulk", ROUTE_POST | ROUTE_WRITE, bulk_post },
	{ "/moderate/post/{}", ROUTE_POST | ROUTE_WRITE, post_action_post },
	{ "/moderate/close/{}", ROUTE_POST | ROUTE_WRITE, close_post },
	{ "/moderate/reopen/{}", ROUTE_POST | ROUTE_WRITE, reopen_post },
	{ "/moderate/move/{}", ROUTE_POST | ROUTE_WRITE, move_post },
	{ "/moderate/retag/{}", ROUTE_POST | ROUTE_WRITE, retag_post },
	{ "/moderate/user/{}", ROUTE_GET, user_get },
	{ "/moderate/user/{}/block", ROUTE_POST | ROUTE_WRITE, block_post },
	{ "/moderate/user/{}/level", ROUTE_POST | ROUTE_WRITE, level_post },
	{ "/moderate/user/{}/nuke", ROUTE_POST | ROUTE_WRITE, nuke_post },
	{ "/moderate/unnuke/{}", ROUTE_POST | ROUTE_WRITE, unnuke_post },
	{ "/moderate/ips", ROUTE_GET, ips_get },
	{ "/moderate/ips", ROUTE_POST | ROUTE_WRITE, ips_post },
	{ "/moderate/ips/{}/delete", ROUTE_POST | ROUTE_WRITE,
	    ip_delete_post },
	{ "/moderate/log", ROUTE_GET, log_get },
	{ "/moderate/settings", ROUTE_GET, settings_page_get },
	{ "/moderate/settings", ROUTE_POST | ROUTE_WRITE,
	    settings_page_post },
	{ "/moderate/categories", ROUTE_GET, cats_get },
	{ "/moderate/categories", ROUTE_POST | ROUTE_WRITE, cats_post },
	{ "/moderate/categories/{}", ROUTE_GET, cat_get },
	{ "/moderate/categories/{}", ROUTE_POST | ROUTE_WRITE, cat_post },
	{ "/moderate/categories/{}/delete", ROUTE_POST | ROUTE_WRITE,
	    cat_delete_post },
	{ "/post/{}/flag", ROUTE_POST | ROUTE_WRITE, flag_post },
};

int
main(void)
{
	return serve_run("moderate", routes, nitems(routes));
}
