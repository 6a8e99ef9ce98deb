/*
 * posting.c: the rules the posting forms share.  A question, an answer
 * and a comment all pass the same checks in the same order (who may
 * post, the form's spam stamp, the rate limits, the links of new
 * members), are counted against the same limits once saved, and wait in
 * the moderation queue under the same settings.  The forms differ only
 * in their kind, which picks the settings (rate_q_*, rate_a_*, rate_c_*),
 * the stamp's form name and the words of the messages.  A visitor's
 * post ends on the same page with its manage link.
 */
#include <stdbool.h>
#include <string.h>

#include "arena.h"
#include "auth.h"
#include "form.h"
#include "http.h"
#include "moderate.h"
#include "post.h"
#include "posting.h"
#include "ratelimit.h"
#include "serve.h"
#include "settings.h"
#include "template.h"
#include "user.h"
#include "util.h"

/* What differs between the kinds of post. */
static const struct {
	const char	*form;		/* stamp name, form_stamp() */
	const char	*key;		/* rate-limit key part */
	const char	*user_limit;	/* setting: posts per user per hour */
	const char	*ip_limit;	/* setting: posts per address */
	int64_t		 user_dflt;
	int64_t		 ip_dflt;
	const char	*noun;		/* for the posted page */
	const char	*plural;	/* for the messages */
	enum auth_action action;
} kinds[POSTING_KIND__MAX] = {
	[POSTING_QUESTION] = { "ask", "q", "rate_q_user", "rate_q_ip",
	    10, 20, "question", "questions", AUTH_ASK },
	[POSTING_ANSWER] = { "answer", "a", "rate_a_user", "rate_a_ip",
	    30, 60, "answer", "answers", AUTH_ANSWER },
	[POSTING_COMMENT] = { "comment", "c", "rate_c_user", "rate_c_ip",
	    60, 120, "comment", "comments", AUTH_COMMENT },
};

/*
 * The rate-limit keys of a post of kind k by this request's poster:
 * "post:<q|a|c>:u:<user id>" (NULL for a visitor) and
 * "post:<q|a|c>:ip:<address>".  Arena memory; QA_ESYS if out of it.
 */
static enum qa_err
limit_keys(struct qa_request *req, enum posting_kind k, const char **ukey,
    const char **ikey)
{
	*ukey = NULL;
	if (req->user != NULL && (*ukey = arena_printf(&req->arena,
	    "post:%s:u:%lld", kinds[k].key, (long long)req->user->id)) ==
	    NULL)
		return QA_ESYS;
	if ((*ikey = arena_printf(&req->arena, "post:%s:ip:%s", kinds[k].key,
	    serve_remote(req))) == NULL)
		return QA_ESYS;
	return QA_OK;
}

/* Seconds as whole minutes, rounded up, at least 1: "5 minutes". */
static char *
minutes(struct arena *a, int64_t secs)
{
	int64_t	 m = secs <= 60 ? 1 : (secs + 59) / 60;

	return arena_printf(a, "%lld %s", (long long)m,
	    util_plural(m, "minute", "minutes"));
}

/*
 * The stamp name of the form of kind k ("ask", "answer", "comment"), to
 * give form_stamp() when the form is served.  NULL for a bad kind.
 */
const char *
posting_form_name(enum posting_kind k)
{
	return (unsigned)k < POSTING_KIND__MAX ? kinds[k].form : NULL;
}

/*
 * Whether this request's user may post a kind k at all: auth_can() with
 * AUTH_ASK, AUTH_ANSWER or AUTH_COMMENT (so visitors only while the
 * setting anon_posting is on, blocked users never).  QA_OK, or
 * QA_EFORBIDDEN with a message for the person in *why (static text).
 */
enum qa_err
posting_allowed(const struct qa_request *req, enum posting_kind k,
    const char **why)
{
	const struct user	*u = req->user;

	*why = NULL;
	if ((unsigned)k >= POSTING_KIND__MAX) {
		*why = "You are not allowed to do that.";
		return QA_EFORBIDDEN;
	}
	if (auth_can(u, kinds[k].action))
		return QA_OK;
	if (u == NULL)
		*why = "Please log in to post: this site does not accept "
		    "posts from visitors.";
	else if (u->blocked)
		*why = "Your account is blocked: it cannot post.";
	else if (settings_int("confirm_email", 0) != 0 && !u->email_confirmed)
		*why = "Please confirm your email address first: open the "
		    "link we mailed you.";
	else
		*why = "Your account is not allowed to post this.";
	return QA_EFORBIDDEN;
}

/*
 * Whether one more post of kind k is within the rate limits: per user
 * (setting rate_<q|a|c>_user, signed-in users only) and per address
 * (rate_<q|a|c>_ip), each a count per POSTING_PERIOD; a setting of 0 or
 * less switches that limit off.  Counts nothing (see posting_count()).
 * QA_OK; QA_ELIMIT with *retry_after the seconds until a post is
 * allowed again and a message in *why (arena memory); QA_ESYS or
 * QA_EBUSY from the database.
 */
enum qa_err
posting_limit(struct qa_request *req, enum posting_kind k,
    int64_t *retry_after, const char **why)
{
	const char	*ukey, *ikey;
	int64_t		 lim, retry;
	enum qa_err	 er;

	*retry_after = 0;
	*why = NULL;
	if ((unsigned)k >= POSTING_KIND__MAX)
		return QA_EINPUT;
	if ((er = limit_keys(req, k, &ukey, &ikey)) != QA_OK)
		return er;
	lim = settings_int(kinds[k].user_limit, kinds[k].user_dflt);
	if (ukey != NULL && lim > 0) {
		er = ratelimit_check(serve.db, ukey, lim, POSTING_PERIOD,
		    req->now, &retry);
		if (er == QA_ELIMIT) {
			*retry_after = retry;
			*why = arena_printf(&req->arena, "You have posted too "
			    "many %s in the last hour; try again in %s.",
			    kinds[k].plural, minutes(&req->arena, retry));
			return *why != NULL ? QA_ELIMIT : QA_ESYS;
		}
		if (er != QA_OK)
			return er;
	}
	lim = settings_int(kinds[k].ip_limit, kinds[k].ip_dflt);
	if (lim > 0) {
		er = ratelimit_check(serve.db, ikey, lim, POSTING_PERIOD,
		    req->now, &retry);
		if (er == QA_ELIMIT) {
			*retry_after = retry;
			*why = arena_printf(&req->arena, "Too many %s were "
			    "posted from your address in the last hour; try "
			    "again in %s.", kinds[k].plural,
			    minutes(&req->arena, retry));
			return *why != NULL ? QA_ELIMIT : QA_ESYS;
		}
		if (er != QA_OK)
			return er;
	}
	return QA_OK;
}

/*
 * The message for a body with more links than a new member may post
 * (posting_new_user(): at most the setting new_user_links, default 2,
 * counted by post_link_count()), or NULL if the body is fine.  Arena
 * memory.
 */
const char *
posting_links_problem(struct qa_request *req, const char *body_md)
{
	int64_t	 max = settings_int("new_user_links", 2);

	if (body_md == NULL || !posting_new_user(req) ||
	    post_link_count(body_md) <= max)
		return NULL;
	if (max <= 0)
		return "New members may not include links yet.";
	return arena_printf(&req->arena, "New members may include at most "
	    "%lld %s.", (long long)max, util_plural(max, "link", "links"));
}

/*
 * All the checks before a post of kind k with Markdown body_md may be
 * saved, in this order, returning the first problem with a message for
 * the person in *why (static or arena memory):
 *   - posting_allowed(): QA_EFORBIDDEN;
 *   - form_stamp_check() with the form name of k (honeypot empty, stamp
 *     signed, old enough, fresh enough): QA_EINVALID;
 *   - posting_limit(): QA_ELIMIT ("You have posted too many questions in
 *     the last hour; try again in N minutes.");
 *   - posting_links_problem(): QA_EINVALID ("New members may include at
 *     most N links.");
 *   - mod_ip_blocked() on the request's address: QA_EFORBIDDEN ("Posts
 *     from your address are not accepted.");
 *   - mod_deny_problem() on the body and the user's email (the deny
 *     lists): QA_EINVALID with its message.
 * QA_OK when all pass; QA_ESYS or QA_EBUSY (why NULL) from the database.
 */
enum qa_err
posting_check(struct qa_request *req, enum posting_kind k,
    const char *body_md, const char **why)
{
	int64_t		 retry;
	enum qa_err	 er;

	if ((er = posting_allowed(req, k, why)) != QA_OK)
		return er;
	if ((er = form_stamp_check(req, kinds[k].form, why)) != QA_OK)
		return er;
	if ((er = posting_limit(req, k, &retry, why)) != QA_OK)
		return er;
	if ((*why = posting_links_problem(req, body_md)) != NULL)
		return QA_EINVALID;
	if (mod_ip_blocked(serve.db, serve_remote(req))) {
		*why = "Posts from your address are not accepted.";
		return QA_EFORBIDDEN;
	}
	if ((*why = mod_deny_problem(body_md, req->user != NULL ?
	    req->user->email : NULL)) != NULL)
		return QA_EINVALID;
	return QA_OK;
}

/*
 * Count a saved post of kind k against the rate limits: ratelimit_hit()
 * on the user's key (signed-in users) and on the address's key.  Call
 * after the post's transaction has committed.  QA_OK, or the database's
 * error.
 */
enum qa_err
posting_count(struct qa_request *req, enum posting_kind k)
{
	const char	*ukey, *ikey;
	enum qa_err	 er;

	if ((unsigned)k >= POSTING_KIND__MAX)
		return QA_EINPUT;
	if ((er = limit_keys(req, k, &ukey, &ikey)) != QA_OK)
		return er;
	if (ukey != NULL && (er = ratelimit_hit(serve.db, ukey,
	    POSTING_PERIOD, req->now)) != QA_OK)
		return er;
	return ratelimit_hit(serve.db, ikey, POSTING_PERIOD, req->now);
}

/*
 * Whether this request's poster is new, and so under the rules for new
 * members: a visitor, or a user below moderator with fewer points than
 * the setting new_user_points (default 10).
 */
bool
posting_new_user(const struct qa_request *req)
{
	const struct user	*u = req->user;

	if (u == NULL)
		return true;
	if (u->level >= USER_MODERATOR)
		return false;
	return u->points < settings_int("new_user_points", 10);
}

/*
 * The status a new post by this request's poster gets: POST_QUEUED when
 * it is a visitor and the setting queue_anon is 1, or a new member
 * (posting_new_user(), which counts visitors as new) and queue_new is 1;
 * POST_VISIBLE otherwise.  Moderators and above are never queued.
 */
int
posting_status(const struct qa_request *req)
{
	if (req->user != NULL && req->user->level >= USER_MODERATOR)
		return POST_VISIBLE;
	if (req->user == NULL && settings_int("queue_anon", 0) == 1)
		return POST_QUEUED;
	if (posting_new_user(req) && settings_int("queue_new", 0) == 1)
		return POST_QUEUED;
	return POST_VISIBLE;
}

/*
 * The message for a bad anonymous display name, or NULL if s is fine:
 * optional ("" is fine), at most POSTING_NAME_MAX code points, one line
 * with no control characters.  s must be valid UTF-8.
 */
const char *
posting_anon_name_problem(const char *s)
{
	const unsigned char	*p;

	if (s == NULL)
		return NULL;
	if (util_utf8_len(s) > POSTING_NAME_MAX)
		return "A name has at most 40 characters.";
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "A name is one line of text.";
	return NULL;
}

/*
 * The message for a bad optional email address, or NULL if e is "" (or
 * NULL) or looks deliverable, under the rule of registration
 * (util_email_problem()); a malformed address is told to give one such
 * as name@example.org or leave the field empty.
 */
const char *
posting_anon_email_problem(const char *e)
{
	if (e == NULL || e[0] == '\0')
		return NULL;
	return util_email_problem(e, "Enter an email address such as "
	    "name@example.org, or leave it empty.");
}

/*
 * The page a visitor sees once after posting a post of kind k (posted.tpl
 * in the layout, status 200): HEADING and the page title "Your <noun> is
 * posted", the post's address url (POST_URL, with POST_LINK_TEXT "Go to
 * your <noun>"), the manage link manage (MANAGE_URL, and MANAGE_FULL with
 * serve_base_url() in front, for copying), section QUEUED when the post
 * waits for a moderator, and section MAILED with EMAIL when email is not
 * NULL or "" (the manage link was also mailed there).  Never cached: the
 * manage key is shown only here.  QA_ESYS if out of memory or the page
 * fails to render.
 */
enum qa_err
posting_posted_page(struct qa_request *req, enum posting_kind k,
    const char *url, const char *manage, const char *email, bool queued)
{
	struct tpl	*t;
	const char	*heading;

	if ((unsigned)k >= POSTING_KIND__MAX ||
	    (heading = arena_printf(&req->arena, "Your %s is posted",
	    kinds[k].noun)) == NULL ||
	    (t = serve_page(req, "posted.tpl", heading)) == NULL)
		return QA_ESYS;
	tpl_set(t, "HEADING", heading);
	tpl_set(t, "POST_URL", url);
	tpl_set(t, "POST_LINK_TEXT", arena_printf(&req->arena,
	    "Go to your %s", kinds[k].noun));
	tpl_set(t, "MANAGE_URL", manage);
	tpl_set(t, "MANAGE_FULL", arena_printf(&req->arena, "%s%s",
	    serve_base_url(), manage));
	if (queued)
		tpl_show(t, "QUEUED");
	if (email != NULL && email[0] != '\0')
		tpl_set(tpl_add(t, "MAILED"), "EMAIL", email);
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, 200);
}

/*
 * A posted text as it is kept: line ends as "\n" (browsers send a
 * textarea's lines ending in "\r\n"), no blank space at the end, no blank
 * lines at the start (indentation of the first text line stays: it may be
 * a code block).  Returns arena memory, or NULL if out of memory or s is
 * NULL.
 */
char *
posting_text(struct arena *a, const char *s)
{
	const char	*start, *p;
	char		*out, *o;

	if (s == NULL)
		return NULL;
	/* Skip leading lines that hold only blanks. */
	for (start = p = s; *p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'; p++)
		if (*p == '\n')
			start = p + 1;
	if (*p == '\0')
		start = p;
	if ((out = arena_alloc(a, strlen(start) + 1)) == NULL)
		return NULL;
	for (o = out, p = start; *p != '\0'; p++)
		if (!(p[0] == '\r' && p[1] == '\n'))
			*o++ = *p == '\r' ? '\n' : *p;
	while (o > out && (o[-1] == ' ' || o[-1] == '\t' || o[-1] == '\n'))
		o--;
	*o = '\0';
	return out;
}
