/*
 * vote: votes on questions, answers (up or down) and comments (up only).
 * One route, POST /post/{id}/vote, used both by the plain forms of the
 * question page and by static/vote.js.
 *
 * Every POST has passed serve's CSRF check before the handler runs.  A
 * request whose Accept header names application/json (what vote.js
 * sends) gets JSON back: the post's new counts with status 200, or
 * {"error":"message"} with the error's status.  Any other request gets
 * Post/Redirect/Get: a 303 back to the post on its question page, or the
 * site's error page.  The vote itself is one transaction in lib vote
 * (counters and points move with it), and the rate limits count it in
 * that same transaction: one commit per vote.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "qa.h"
#include "arena.h"
#include "auth.h"
#include "db.h"
#include "http.h"
#include "post.h"
#include "ratelimit.h"
#include "serve.h"
#include "settings.h"
#include "user.h"
#include "util.h"
#include "vote.h"

#define VOTE_PERIOD	3600	/* seconds the rate limits count over */
#define VOTE_TRIES	4	/* attempts while the database is busy */
#define VOTE_BACKOFF_MS	25	/* first wait between them, doubled */

/* The values of the field dir, and the vote each one casts. */
static const struct {
	const char	*name;
	int		 value;
} dirs[] = {
	{ "up", 1 },
	{ "down", -1 },
	{ "undo", 0 },
};

/*
 * Append s to b as the inside of a JSON string: '"' and '\' escaped,
 * control characters as \u00XX, everything else (UTF-8 included) as is.
 */
static void
json_str(struct buf *b, const char *s)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			buf_printf(b, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			buf_printf(b, "\\u%04x", *p);
		else
			buf_append(b, (const char *)p, 1);
	}
}

/* Start a JSON response with status: body emptied, never cached. */
static void
json_start(struct qa_request *req, int status)
{
	buf_clear(req->resp.body);
	req->resp.status = status;
	req->resp.content_type = "application/json";
	http_header(req, "Cache-Control", "no-store");
}

/*
 * Refuse the request with er (its status) and msg, a message for the
 * person.  For JSON: {"error":"msg"} and QA_OK, as the response is made.
 * Otherwise er, with msg in req->error for serve's error page.
 */
static enum qa_err
refuse(struct qa_request *req, bool json, enum qa_err er, const char *msg)
{
	if (!json) {
		req->error = msg;
		return er;
	}
	json_start(req, http_status_of(er));
	buf_append(req->resp.body, "{\"error\":\"", 10);
	json_str(req->resp.body, msg);
	buf_append(req->resp.body, "\"}\n", 3);
	return QA_OK;
}

/* "N minutes" (at least one) for a wait of secs seconds, in the arena. */
static const char *
minutes(struct qa_request *req, int64_t secs)
{
	int64_t	 m = (secs + 59) / 60;

	if (m < 1)
		m = 1;
	return arena_printf(&req->arena, "%lld %s", (long long)m,
	    util_plural(m, "minute", "minutes"));
}

/*
 * Refuse with 429 for a rate limit reached: a Retry-After header of
 * retry seconds (at least one) and msg; for a page, a notice with a
 * link back to the home page (serve's error page would drop the header).
 */
static enum qa_err
refuse_limit(struct qa_request *req, bool json, int64_t retry,
    const char *msg)
{
	char	 rs[32];

	snprintf(rs, sizeof(rs), "%lld", (long long)(retry < 1 ? 1 : retry));
	if (json) {
		refuse(req, true, QA_ELIMIT, msg);
		http_header(req, "Retry-After", rs);
		return QA_OK;
	}
	http_header(req, "Retry-After", rs);
	return serve_notice(req, 429, "Too many votes", msg, "/",
	    "Go to the home page");
}

/*
 * Whether one more vote by the signed-in user from this address is within
 * the rate limits: rate_v_user per VOTE_PERIOD per account and rate_v_ip
 * per address (0 or less switches one off).  *ukey and *ikey are set to
 * the keys (arena memory) for ratelimit_hit().  QA_OK; QA_ELIMIT with
 * *retry and a message in *why; QA_ESYS or QA_EBUSY from the database.
 */
static enum qa_err
vote_limit(struct qa_request *req, const char **ukey, const char **ikey,
    int64_t *retry, const char **why)
{
	int64_t		 lim;
	enum qa_err	 er;

	*why = NULL;
	*retry = 0;
	*ukey = arena_printf(&req->arena, "vote:u:%lld",
	    (long long)req->user->id);
	*ikey = arena_printf(&req->arena, "vote:ip:%s", serve_remote(req));
	if (*ukey == NULL || *ikey == NULL)
		return QA_ESYS;
	lim = settings_int("rate_v_user", 120);
	if (lim > 0 && (er = ratelimit_check(serve.db, *ukey, lim,
	    VOTE_PERIOD, req->now, retry)) != QA_OK) {
		if (er == QA_ELIMIT)
			*why = arena_printf(&req->arena, "You have voted too "
			    "often in the last hour; try again in %s.",
			    minutes(req, *retry));
		return er;
	}
	lim = settings_int("rate_v_ip", 600);
	if (lim > 0 && (er = ratelimit_check(serve.db, *ikey, lim,
	    VOTE_PERIOD, req->now, retry)) != QA_OK) {
		if (er == QA_ELIMIT)
			*why = arena_printf(&req->arena, "Too many votes came "
			    "from your address in the last hour; try again "
			    "in %s.", minutes(req, *retry));
		return er;
	}
	return QA_OK;
}

/* Wait ms milliseconds (a busy database's back-off). */
static void
pause_ms(long ms)
{
	struct timespec	 ts;

	ts.tv_sec = ms / 1000;
	ts.tv_nsec = (ms % 1000) * 1000000L;
	nanosleep(&ts, NULL);
}

/* The rate-limit keys a vote counts against, and when. */
struct counted {
	const char	*ukey, *ikey;
	int64_t		 now;
};

/* Count a vote against both rate limits (in the vote's transaction). */
static enum qa_err
count_vote(struct db *db, void *arg)
{
	const struct counted	*c = arg;
	enum qa_err		 er;

	if ((er = ratelimit_hit(db, c->ukey, VOTE_PERIOD, c->now)) != QA_OK)
		return er;
	return ratelimit_hit(db, c->ikey, VOTE_PERIOD, c->now);
}

/*
 * vote_cast_with() up to VOTE_TRIES times while it answers QA_EBUSY,
 * waiting a little longer each time; a vote that changes something is
 * counted against the rate limits ukey and ikey in its own transaction.
 * Returns its last answer.
 */
static enum qa_err
cast(struct qa_request *req, int64_t id, int value, const char *ukey,
    const char *ikey, struct vote_result *res, const char **why)
{
	struct counted	 c = { ukey, ikey, req->now };
	enum qa_err	 er;
	long		 wait = VOTE_BACKOFF_MS;
	int		 i;

	for (i = 0; ; i++) {
		*why = NULL;
		er = vote_cast_with(serve.db, req->user->id, id, value,
		    req->now, res, why, count_vote, &c);
		if (er != QA_EBUSY || i + 1 == VOTE_TRIES)
			return er;
		pause_ms(wait);
		wait *= 2;
	}
}

/*
 * The address of the post a vote was on, on its question page:
 * "/q/QID/SLUG#xID" with x 'q', 'a' or 'c' by type.  One query (the
 * question's slug).  QA_OK with *url in the arena, or the error.
 */
static enum qa_err
post_anchor(struct qa_request *req, const struct vote_result *res,
    const char **url)
{
	struct post_raw	 q;
	const char	*slug;
	enum qa_err	 er;

	if ((er = post_raw_get(serve.db, &req->arena, res->question_id, &q))
	    != QA_OK)
		return er;
	slug = util_question_url(&req->arena, q.id, q.slug);
	*url = slug == NULL ? NULL : arena_printf(&req->arena,
	    "%s#%c%lld", slug,
	    res->type == POST_QUESTION ? 'q' : res->type == POST_ANSWER ?
	    'a' : 'c', (long long)res->post_id);
	return *url != NULL ? QA_OK : QA_ESYS;
}

/*
 * POST /post/{id}/vote -- field dir: "up", "down" or "undo" (withdraw
 * the vote).  Signed-in users with the points for it (settings
 * priv_vote_up, priv_vote_down; levels above member need none) may vote
 * on visible posts of others; comments take up votes only.  Within the
 * rate limits rate_v_user and rate_v_ip per hour, which count each vote
 * that changes something.  A busy database is retried a few times.
 * JSON (Accept: application/json): 200 {"id":N,"score":N,"up":N,
 * "down":N,"vote":-1|0|1}; errors {"error":"..."}.  Otherwise 303 to the
 * post on its question page (#q/#a/#c + id), errors as pages.
 * Statuses: 400 for a dir that is none of the three or a down vote on a
 * comment; 403 for a visitor ("Log in to vote."), too few points ("You
 * need N points to vote down."), a blocked account, an unconfirmed
 * email address while confirm_email is on, one's own post; 404
 * for no such post or one not visible; 429 with Retry-After past a rate
 * limit; 503 when the database stayed busy.
 */
static enum qa_err
vote_post(struct qa_request *req)
{
	struct vote_result	 res;
	const char		*dir = http_formval(req, "dir"), *why, *url;
	const char		*ukey, *ikey;
	int64_t			 id, retry;
	size_t			 i;
	int			 value = 0;
	bool			 json = http_wants_json(req), found = false;
	enum auth_action	 act;
	enum qa_err		 er;

	if (req->nargs < 1 ||
	    http_parse_int(req->args[0], 1, INT64_MAX, &id) != QA_OK)
		return refuse(req, json, QA_ENOTFOUND, "There is no such "
		    "post.");
	for (i = 0; dir != NULL && i < nitems(dirs); i++)
		if (strcmp(dir, dirs[i].name) == 0) {
			value = dirs[i].value;
			found = true;
			break;
		}
	if (!found)
		return refuse(req, json, QA_EINPUT, "A vote is up, down or "
		    "undo.");
	if (req->user == NULL)
		return refuse(req, json, QA_EFORBIDDEN, "Log in to vote.");
	if (req->user->blocked)
		return refuse(req, json, QA_EFORBIDDEN, "Your account may "
		    "not vote.");
	if (settings_int("confirm_email", 0) != 0 &&
	    !req->user->email_confirmed && req->user->level < USER_MODERATOR)
		return refuse(req, json, QA_EFORBIDDEN, "Confirm your email "
		    "address to vote.");
	if (value != 0) {
		act = value > 0 ? AUTH_VOTE_UP : AUTH_VOTE_DOWN;
		if (!auth_can(req->user, act)) {
			int64_t	 need = value > 0 ?
			    settings_int("priv_vote_up", 15) :
			    settings_int("priv_vote_down", 125);

			return refuse(req, json, QA_EFORBIDDEN, arena_printf(
			    &req->arena, "You need %lld points to vote %s.",
			    (long long)need, value > 0 ? "up" : "down"));
		}
	}

	er = vote_limit(req, &ukey, &ikey, &retry, &why);
	if (er == QA_ELIMIT)
		return refuse_limit(req, json, retry, why != NULL ? why :
		    "You are voting too often.");
	if (er != QA_OK)
		return er;

	memset(&res, 0, sizeof(res));
	er = cast(req, id, value, ukey, ikey, &res, &why);
	switch (er) {
	case QA_OK:
		break;
	case QA_ENOTFOUND:
		return refuse(req, json, er, why != NULL ? why : "There is no "
		    "such post to vote on.");
	case QA_EFORBIDDEN:
		return refuse(req, json, er, why != NULL ? why : "You cannot "
		    "vote on your own post.");
	case QA_EINPUT:
	case QA_EINVALID:
		return refuse(req, json, QA_EINPUT, why != NULL ? why :
		    "Comments can only be voted up.");
	case QA_EBUSY:
		fprintf(stderr, "vote: vote_post: database busy after %d "
		    "tries\n", VOTE_TRIES);
		return refuse(req, json, er, "The site is busy. Please try "
		    "again in a moment.");
	default:
		return er;
	}

	if (json) {
		json_start(req, 200);
		buf_printf(req->resp.body, "{\"id\":%lld,\"score\":%lld,"
		    "\"up\":%lld,\"down\":%lld,\"vote\":%d}\n",
		    (long long)res.post_id, (long long)res.score,
		    (long long)res.up, (long long)res.down, res.mine);
		return QA_OK;
	}
	if ((er = post_anchor(req, &res, &url)) != QA_OK)
		return er;
	return http_redirect(req, 303, url);
}

static const struct route routes[] = {
	{ "/post/{}/vote", ROUTE_POST | ROUTE_WRITE, vote_post },
};

int
main(void)
{
	return serve_run("vote", routes, nitems(routes));
}
