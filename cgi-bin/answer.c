/*
 * answer: everything written under a question once it is asked.
 * Answers and comments (signed in or as a visitor), edits with their
 * revision history, the choice of the best answer, the manage page that
 * a visitor reaches with the secret key of their post, and the
 * unsubscribe links of notification mail.
 *
 * Every POST has passed serve's CSRF check before a handler runs, and
 * every page with a form is started with serve_page_form() so that its
 * form carries the token.  The posting forms also carry a signed stamp
 * and an empty honeypot field (lib form, checked through lib posting).
 * Success is a 303 (Post/Redirect/Get), except the one page that shows a
 * visitor the manage link of a new post; a form that cannot be accepted
 * comes back with status 422 (429 when rate-limited), what was typed and
 * a message next to each field it concerns, summed up at the top.
 * Writes happen in one transaction each, mail goes out after the
 * response.
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
#include "diff.h"
#include "form.h"
#include "http.h"
#include "markdown.h"
#include "notify.h"
#include "post.h"
#include "posting.h"
#include "serve.h"
#include "settings.h"
#include "subscribe.h"
#include "tag.h"
#include "template.h"
#include "user.h"
#include "util.h"

#define REASON_MAX	200		/* characters of an edit reason */
#define KEY_MAX		128		/* bytes of a manage key as sent */

/* The answer and comment forms share their fields. */
enum { POSTF_BODY, POSTF_NAME, POSTF_EMAIL, POSTF_NOTIFY, POSTF__MAX };
static const struct field post_fields[POSTF__MAX] = {
	{ "body", true }, { "name", true }, { "email", true },
	{ "notify", true },
};

enum { EDIT_TITLE, EDIT_TAGS, EDIT_CATEGORY, EDIT_BODY, EDIT_REASON,
    EDIT_KEY, EDIT__MAX };
static const struct field edit_fields[EDIT__MAX] = {
	{ "title", true }, { "tags", true }, { "category", true },
	{ "body", true }, { "reason", true }, { "key", true },
};

/* Why someone may edit a post; EDIT_BY_NONE: they may not. */
enum edit_by {
	EDIT_BY_NONE,
	EDIT_BY_AUTHOR,		/* signed in, their own post */
	EDIT_BY_KEY,		/* a visitor's post, with its manage key */
	EDIT_BY_EDITOR,		/* editor+: anyone's post */
};

/* "question", "answer" or "comment" for a posts.type. */
static const char *
kind_name(int type)
{
	return type == POST_QUESTION ? "question" :
	    type == POST_ANSWER ? "answer" : "comment";
}

/*
 * The address of post p on the page of its question q (p itself for a
 * question): "/q/QID/SLUG#xID" with x 'q', 'a' or 'c' by type.  Arena
 * memory, NULL if out of it.
 */
static char *
post_url(struct arena *a, const struct post_raw *p, const struct post_raw *q)
{
	const char	*u;

	if ((u = util_question_url(a, q->id, q->slug)) == NULL)
		return NULL;
	return arena_printf(a, "%s#%c%lld", u, p->type == POST_QUESTION ? 'q' :
	    p->type == POST_ANSWER ? 'a' : 'c', (long long)p->id);
}

/*
 * Read capture i of the route as a post id.  QA_ENOTFOUND for anything
 * but a positive number.
 */
static enum qa_err
arg_id(struct qa_request *req, size_t i, int64_t *id)
{
	if (req->nargs <= i ||
	    http_parse_int(req->args[i], 1, INT64_MAX, id) != QA_OK)
		return QA_ENOTFOUND;
	return QA_OK;
}

/* Whether the request comes from a moderator (or higher). */
static bool
moderator(const struct qa_request *req)
{
	return req->user != NULL && auth_can(req->user, AUTH_MODERATE);
}

/*
 * Read post id into p and its question into q (post_raw_get_pair()).
 * QA_ENOTFOUND when either does not exist, or when the post or its
 * question is not visible and the request is not a moderator's and
 * show_own is false or the post is not the signed-in user's own.
 */
static enum qa_err
load_post(struct qa_request *req, int64_t id, bool show_own,
    struct post_raw *p, struct post_raw *q)
{
	enum qa_err	 er;
	bool		 own;

	if ((er = post_raw_get_pair(serve.db, &req->arena, id, p, q)) !=
	    QA_OK)
		return er;
	if (moderator(req))
		return QA_OK;
	own = show_own && req->user != NULL && p->user_id == req->user->id;
	if (p->status == POST_DELETED || q->status == POST_DELETED)
		return QA_ENOTFOUND;
	if ((p->status != POST_VISIBLE || q->status != POST_VISIBLE) && !own)
		return QA_ENOTFOUND;
	return QA_OK;
}

/*
 * Check key, a manage key as sent, against post id: *ok is true when it
 * is the post's key.  Returns QA_OK whether or not it matched, or the
 * error of a failed lookup.
 */
static enum qa_err
key_ok(const char *key, int64_t id, bool *ok)
{
	enum qa_err	 er;

	*ok = false;
	if (key == NULL || key[0] == '\0' || strlen(key) > KEY_MAX)
		return QA_OK;
	er = post_key_check(serve.db, key, id);
	if (er == QA_OK)
		*ok = true;
	else if (er == QA_ENOTFOUND || er == QA_EFORBIDDEN ||
	    er == QA_EINPUT || er == QA_EINVALID)
		er = QA_OK;
	return er;
}

/*
 * The number of code points of s without leading and trailing white
 * space, so that a body of blanks counts as empty.
 */
static size_t
text_len(const char *s)
{
	const char	*e;
	size_t		 n = 0;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t' ||
	    e[-1] == '\n' || e[-1] == '\r'); e--)
		;
	for (; s < e; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

/*
 * The message for a text of what ("Your answer", "A title") whose
 * length is not within the settings kmin..kmax (code points), or NULL.
 */
static const char *
length_problem(struct qa_request *req, const char *s, const char *what,
    const char *kmin, int64_t dmin, const char *kmax, int64_t dmax)
{
	int64_t	 min = settings_int(kmin, dmin), max = settings_int(kmax, dmax);
	size_t	 n = text_len(s);

	if (n == 0)
		return arena_printf(&req->arena, "%s is empty.", what);
	if ((int64_t)n < min)
		return arena_printf(&req->arena, "%s needs at least %lld "
		    "characters; it has %zu.", what, (long long)min, n);
	if ((int64_t)n > max)
		return arena_printf(&req->arena, "%s may have at most %lld "
		    "characters; it has %zu.", what, (long long)max, n);
	return NULL;
}

/*
 * The Markdown s rendered as HTML for a preview (MARKDOWN_INLINE for a
 * comment), in the arena; NULL if cmark or memory failed.
 */
static const char *
preview_html(struct qa_request *req, const char *s, bool inline_only)
{
	struct buf	 b = { 0 };
	const char	*html = NULL;

	if (markdown_render(s, strlen(s), inline_only ? MARKDOWN_INLINE :
	    MARKDOWN_BLOCK, &b) == QA_OK)
		html = arena_strndup(&req->arena, b.data != NULL ? b.data : "",
		    b.len);
	buf_free(&b);
	return html;
}

/* Whether the form was sent with its Preview button. */
static bool
previewing(const struct qa_request *req)
{
	const char	*v = http_formval(req, "preview");

	return v != NULL && v[0] != '\0';
}

/*
 * The stamp for a form of kind that comes back: the posted one if it
 * still passes form_stamp_check() (so the form keeps the time it was
 * first served), else a new one.
 */
static const char *
stamp_keep(struct qa_request *req, enum posting_kind kind)
{
	const char	*why;

	if (form_stamp_check(req, posting_form_name(kind), &why) == QA_OK)
		return http_formval(req, FORM_STAMP_FIELD);
	return form_stamp(req, posting_form_name(kind));
}

/*
 * Fill the form part of answerform.tpl or commentform.tpl (kind) into t
 * from f: ACTION, STAMP, FORM_ID (the prefix of the element ids), the
 * typed values with their messages (form_fill), section NOTIFY_CHECKED
 * when the notify box was ticked, for a visitor section ANON (name and
 * email), and section PREVIEW (BODY_HTML) when preview is not NULL.
 */
static void
postform_fill(struct qa_request *req, struct tpl *t, const struct form *f,
    const char *action, enum posting_kind kind, const char *form_id,
    const char *preview)
{
	tpl_set(t, "ACTION", action);
	tpl_set(t, "STAMP", stamp_keep(req, kind));
	tpl_set(t, "FORM_ID", form_id);
	form_fill(req, t, f);
	if (f->val[POSTF_NOTIFY][0] != '\0')
		tpl_show(t, "NOTIFY_CHECKED");
	if (req->user == NULL)
		tpl_show(t, "ANON");
	if (preview != NULL)
		tpl_set(tpl_add(t, "PREVIEW"), "BODY_HTML", preview);
}

/*
 * Render the answer form on its own page (answerform.tpl with section
 * PAGE: Q_TITLE, Q_URL) for question q from f, with status.
 */
static enum qa_err
answer_render(struct qa_request *req, const struct post_raw *q,
    const struct form *f, const char *preview, int status)
{
	struct tpl	*t, *s;
	const char	*action;

	if ((t = serve_page_form(req, "answerform.tpl", "Your answer")) ==
	    NULL)
		return QA_ESYS;
	s = tpl_add(t, "PAGE");
	tpl_set(s, "Q_TITLE", q->title);
	tpl_set(s, "Q_URL", util_question_url(&req->arena, q->id,
	    q->slug));
	action = arena_printf(&req->arena, "/q/%lld/answer",
	    (long long)q->id);
	postform_fill(req, t, f, action, POSTING_ANSWER, "answer", preview);
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * Render the comment form on its own page (commentform.tpl with section
 * PAGE: Q_TITLE, Q_URL, WHERE: which post is commented on) for parent p
 * under question q, from f, with status.
 */
static enum qa_err
comment_render(struct qa_request *req, const struct post_raw *p,
    const struct post_raw *q, const struct form *f, const char *preview,
    int status)
{
	struct tpl	*t, *s;
	const char	*action, *id;

	if ((t = serve_page_form(req, "commentform.tpl", "Your comment")) ==
	    NULL)
		return QA_ESYS;
	s = tpl_add(t, "PAGE");
	tpl_set(s, "Q_TITLE", q->title);
	tpl_set(s, "Q_URL", post_url(&req->arena, p, q));
	tpl_set(s, "WHERE", p->type == POST_QUESTION ? "On the question" :
	    "On an answer to");
	action = arena_printf(&req->arena, "/%c/%lld/comment",
	    p->type == POST_QUESTION ? 'q' : 'a', (long long)p->id);
	id = arena_printf(&req->arena, "comment-%lld", (long long)p->id);
	postform_fill(req, t, f, action, POSTING_COMMENT, id, preview);
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * Check the visitor's fields of an answer or comment form (name, email,
 * notify) into f: the name and email by the posting rules, and an email
 * address when the notify box is ticked.  Nothing for a signed-in user.
 */
static void
anon_check(struct qa_request *req, struct form *f)
{
	if (req->user != NULL)
		return;
	form_error(f, POSTF_NAME,
	    posting_anon_name_problem(f->val[POSTF_NAME]));
	form_error(f, POSTF_EMAIL,
	    posting_anon_email_problem(f->val[POSTF_EMAIL]));
	if (f->val[POSTF_NOTIFY][0] != '\0' && f->val[POSTF_EMAIL][0] == '\0')
		form_error(f, POSTF_EMAIL, "Enter your email address to be "
		    "told about comments, or untick the box.");
}

/*
 * Apply the rules of lib posting to a posted form of kind, in
 * posting_check()'s order once posting_allowed() has passed: the stamp
 * and honeypot (a message at the top of the form, *status 422), the rate
 * limits (the message at the top, a Retry-After header and *status 429)
 * and the links a new member may post (a message by the body).  *status
 * stays 0 when the form may go on as far as these rules go.  Returns
 * QA_OK, or the database's error.
 */
static enum qa_err
posting_rules(struct qa_request *req, enum posting_kind kind, struct form *f,
    int *status)
{
	const char	*why = NULL;
	char		 rs[24];
	int64_t		 retry;
	enum qa_err	 er;

	*status = 0;
	if (form_stamp_check(req, posting_form_name(kind), &why) != QA_OK) {
		f->alert = why != NULL ? why : "This form could not be "
		    "accepted.";
		*status = 422;
	}
	er = posting_limit(req, kind, &retry, &why);
	if (er == QA_ELIMIT) {
		f->alert = why;
		snprintf(rs, sizeof(rs), "%lld",
		    (long long)(retry < 1 ? 1 : retry));
		http_header(req, "Retry-After", rs);
		*status = 429;
		return QA_OK;
	}
	if (er != QA_OK)
		return er;
	form_error(f, POSTF_BODY, posting_links_problem(req,
	    f->val[POSTF_BODY]));
	return QA_OK;
}

/*
 * Start reading an answer or comment form of kind into f: QA_EFORBIDDEN
 * (the reason on the error page) for a poster who may not post it, else
 * the fields with the body as lib posting keeps texts.
 */
static enum qa_err
postform_read(struct qa_request *req, enum posting_kind kind, struct form *f)
{
	const char	*why = NULL;
	enum qa_err	 er;

	if ((er = posting_allowed(req, kind, &why)) != QA_OK) {
		req->error = why;
		return er;
	}
	form_read(req, f, post_fields, POSTF__MAX);
	if ((f->val[POSTF_BODY] = posting_text(&req->arena,
	    f->val[POSTF_BODY])) == NULL)
		return QA_ESYS;
	return QA_OK;
}

/*
 * The email address a visitor's post is subscribed with: the address
 * given when the notify box is ticked, else NULL (it is then not kept).
 */
static const char *
anon_email(const struct qa_request *req, const struct form *f)
{
	if (req->user != NULL || f->val[POSTF_NOTIFY][0] == '\0' ||
	    f->val[POSTF_EMAIL][0] == '\0')
		return NULL;
	return f->val[POSTF_EMAIL];
}

/*
 * Whether a new post from this request gets a subscription: the notify
 * box ticked, by a signed-in user or a visitor who gave an address.
 */
static bool
wants_mail(const struct qa_request *req, const struct form *f)
{
	return f->val[POSTF_NOTIFY][0] != '\0' &&
	    (req->user != NULL || anon_email(req, f) != NULL);
}

/*
 * Fill pn for a new post of type (POST_ANSWER or POST_COMMENT) under
 * parent from the checked answer or comment form f: the body, the author
 * (the signed-in user; for a visitor user_id 0, the name typed or NULL,
 * and the address anon_email() keeps), the client's address, the status
 * posting_status() gives and the request's time.  Title, tags and
 * category stay empty.
 */
static void
postnew_fill(const struct qa_request *req, const struct form *f, int type,
    int64_t parent, struct post_new *pn)
{
	memset(pn, 0, sizeof(*pn));
	pn->type = type;
	pn->parent_id = parent;
	pn->body_md = f->val[POSTF_BODY];
	pn->user_id = req->user != NULL ? req->user->id : 0;
	if (pn->user_id == 0) {
		pn->anon_name = f->val[POSTF_NAME][0] != '\0' ?
		    f->val[POSTF_NAME] : NULL;
		pn->anon_email = anon_email(req, f);
	}
	pn->ip = req->remote_addr;
	pn->status = posting_status(req);
	pn->now = req->now;
}

/*
 * The page a visitor sees once after answering: posting_posted_page()
 * for answer id at url with the manage link of key, and a Referrer-Policy
 * of no-referrer.  200, never cached: the key is shown only here and
 * never travels in a Location.
 */
static enum qa_err
posted_page(struct qa_request *req, const char *url, int64_t id,
    const char *key, bool queued)
{
	const char	*manage;

	if ((manage = arena_printf(&req->arena, "/post/%lld/manage?key=%s",
	    (long long)id, key)) == NULL)
		return QA_ESYS;
	http_header(req, "Referrer-Policy", "no-referrer");
	return posting_posted_page(req, POSTING_ANSWER, url, manage, NULL,
	    queued);
}

/*
 * Render manage.tpl for post p under question q: HEADING, KIND, the
 * post's address (POST_URL, Q_TITLE), EDIT_URL (with key) and
 * REVISIONS_URL, section CLAIM (HANDLE) for a signed-in user or SIGNIN
 * (LOGIN_URL) for a visitor, and for a visible question section ANSWERS
 * with one ANSWER row per visible answer (ACTION, BODY_HTML, AUTHOR,
 * section CHOOSE or ACCEPTED), and the delete form (section DELETE_ERROR
 * with MESSAGE when alert is not NULL).  KEY and ID feed the forms.
 * status (200, or 422 for a delete without its confirmation), never
 * cached.
 */
static enum qa_err
manage_render(struct qa_request *req, const struct post_raw *p,
    const struct post_raw *q, const char *key, const char *alert,
    int status)
{
	struct post_thread	 th;
	struct tpl		*t, *s, *row;
	const char		*kind = kind_name(p->type);
	char			*heading;
	size_t			 i;
	enum qa_err		 er;

	heading = arena_printf(&req->arena, "Your %s", kind);
	if ((t = serve_page_form(req, "manage.tpl", heading)) == NULL)
		return QA_ESYS;
	tpl_set(t, "HEADING", heading);
	tpl_set(t, "KIND", kind);
	tpl_set(t, "Q_TITLE", q->title);
	tpl_set(t, "POST_URL", post_url(&req->arena, p, q));
	tpl_set(t, "KEY", key);
	tpl_set(t, "ID", arena_printf(&req->arena, "%lld", (long long)p->id));
	tpl_set(t, "EDIT_URL", arena_printf(&req->arena,
	    "/post/%lld/edit?key=%s", (long long)p->id, key));
	tpl_set(t, "REVISIONS_URL", arena_printf(&req->arena,
	    "/post/%lld/revisions", (long long)p->id));
	if (req->user != NULL) {
		s = tpl_add(t, "CLAIM");
		tpl_set(s, "HANDLE", req->user->handle);
	} else
		tpl_set(tpl_add(t, "SIGNIN"), "LOGIN_URL", arena_printf(
		    &req->arena, "/login?next=/post/%lld/manage%%3Fkey%%3D%s",
		    (long long)p->id, key));
	if (p->type == POST_QUESTION && p->status == POST_VISIBLE) {
		if ((er = post_thread_get(serve.db, &req->arena, p->id, &th))
		    != QA_OK)
			return er;
		if (th.nanswers > 0)
			s = tpl_add(t, "ANSWERS");
		for (i = 0; i < th.nanswers; i++) {
			row = tpl_add(s, "ANSWER");
			tpl_set(row, "ACTION", arena_printf(&req->arena,
			    "/q/%lld/accept/%lld", (long long)p->id,
			    (long long)th.answers[i].id));
			tpl_set(row, "BODY_HTML", th.answers[i].body_html);
			tpl_set(row, "AUTHOR", th.answers[i].handle != NULL ?
			    th.answers[i].handle :
			    th.answers[i].anon_name != NULL &&
			    th.answers[i].anon_name[0] != '\0' ?
			    th.answers[i].anon_name : "Anonymous");
			tpl_show(row, th.answers[i].accepted ? "ACCEPTED" :
			    "CHOOSE");
		}
	}
	if (alert != NULL)
		tpl_set(tpl_add(t, "DELETE_ERROR"), "MESSAGE", alert);
	http_header(req, "Cache-Control", "no-store");
	http_header(req, "Referrer-Policy", "no-referrer");
	return serve_render(req, status);
}

/*
 * POST /q/{id}/answer -- body (Markdown), name and email (visitors
 * only), notify (mail me), stamp and website (the spam defence), csrf
 * (checked by serve), and the button: preview=1 shows the rendered body
 * and writes nothing.  Checked in this order: may this poster answer at
 * all (lib posting), the question, the rate limits, then the stamp, the
 * closed question, the body (settings body_min..body_max characters, the
 * links of a new member) and the visitor's fields.  One transaction:
 * post_create (status by posting_status), the answerer's subscription to
 * their answer when notify is ticked, mail to the question's subscribers
 * when the answer is visible, and for a visitor a manage key; then the
 * answer counts against the rate limits and mail goes out after the
 * response.
 * 303 to /q/{id}/{slug}#a{new}; 200 and the posted page with the manage
 * link, once, for a visitor; 200 and a notice when a member's answer
 * waits for a moderator; 200 and the form for a preview; 422 and the
 * form with what was typed for a closed question, a stamp problem or a
 * bad field; 429 and the form when rate-limited; 403 for a poster who
 * may not answer; 404 for no such visible question.
 */
static enum qa_err
answer_post(struct qa_request *req)
{
	struct post_raw	 q;
	struct post_new	 pn;
	struct form	 f;
	char		 key[AUTH_TOKEN_LEN + 1];
	const char	*url;
	int64_t		 qid, id = 0, uid;
	int		 status;
	enum qa_err	 er;

	if ((er = arg_id(req, 0, &qid)) != QA_OK)
		return er;
	if ((er = postform_read(req, POSTING_ANSWER, &f)) != QA_OK)
		return er;
	if ((er = post_raw_get(serve.db, &req->arena, qid, &q)) != QA_OK)
		return er;
	if (q.type != POST_QUESTION || q.status != POST_VISIBLE)
		return QA_ENOTFOUND;
	if (previewing(req))
		return answer_render(req, &q, &f,
		    preview_html(req, f.val[POSTF_BODY], false), 200);
	if ((er = posting_rules(req, POSTING_ANSWER, &f, &status)) != QA_OK)
		return er;
	if (status == 429)
		return answer_render(req, &q, &f, NULL, 429);
	if (q.closed)
		f.alert = "This question is closed and takes no new answers.";
	form_error(&f, POSTF_BODY, length_problem(req, f.val[POSTF_BODY],
	    "Your answer", "body_min", 20, "body_max", 30000));
	anon_check(req, &f);
	if (f.nerr > 0 || f.alert != NULL)
		return answer_render(req, &q, &f, NULL, 422);

	postnew_fill(req, &f, POST_ANSWER, qid, &pn);
	uid = pn.user_id;
	key[0] = '\0';

	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if ((er = post_create(serve.db, &req->arena, &pn, &id)) != QA_OK)
		goto out;
	if (wants_mail(req, &f) && (er = subscribe_add(serve.db, id, uid,
	    pn.anon_email, req->now)) != QA_OK)
		goto out;
	if (pn.status == POST_VISIBLE && (er = subscribe_notify(serve.db,
	    &req->arena, serve_base_url(), qid, SUBSCRIBE_ANSWER, uid, id,
	    req->now)) != QA_OK)
		goto out;
	if (uid == 0)
		er = post_key_create(serve.db, id, req->now, key, sizeof(key));
out:
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	if (er != QA_OK) {
		explicit_bzero(key, sizeof(key));
		return er;
	}
	if (posting_count(req, POSTING_ANSWER) != QA_OK)
		fprintf(stderr, "answer: answer_post: counting answer %lld "
		    "against the rate limits failed\n", (long long)id);
	serve_after(req, notify_send_soon, &serve);

	if ((url = arena_printf(&req->arena, "%s#a%lld",
	    util_question_url(&req->arena, q.id, q.slug),
	    (long long)id)) == NULL)
		er = QA_ESYS;
	else if (uid == 0)
		er = posted_page(req, url, id, key,
		    pn.status != POST_VISIBLE);
	else if (pn.status != POST_VISIBLE)
		er = serve_notice(req, 200,
		    "Your answer waits for a moderator", "Thank you. Your "
		    "answer will appear under the question once a moderator "
		    "has approved it.",
		    util_question_url(&req->arena, q.id, q.slug),
		    "Back to the question");
	else
		er = http_redirect(req, 303, url);
	explicit_bzero(key, sizeof(key));
	return er;
}

/*
 * POST /q/{id}/comment, POST /a/{id}/comment -- a comment on a question
 * or an answer: body (inline Markdown, settings comment_min..comment_max
 * characters), name and email (visitors), notify, stamp, website, csrf;
 * preview=1 writes nothing.  Checked like an answer, with locked
 * comments in place of a closed question.  One transaction: post_create
 * (type comment), the commenter's subscription to the post commented on
 * when notify is ticked, and when the comment is visible mail to the
 * subscribers of that post and, for a comment on an answer, of the
 * question too; then it counts against the rate limits and mail goes out
 * after the response.
 * 303 to /q/{qid}/{slug}#c{new}; 200 and a notice when the comment waits
 * for a moderator; 200 and the form for a preview; 422 and the form with
 * what was typed when comments are locked, or for a stamp problem or a
 * bad field; 429 and the form when rate-limited; 403 for a poster who
 * may not comment; 404 for no such visible question or answer (or one of
 * the other kind than the address says).
 */
static enum qa_err
comment_post(struct qa_request *req)
{
	struct post_raw	 p, q;
	struct post_new	 pn;
	struct form	 f;
	const char	*url;
	int64_t		 pid, id = 0, uid;
	int		 status;
	bool		 on_answer = strncmp(req->path, "/a/", 3) == 0;
	enum qa_err	 er;

	if ((er = arg_id(req, 0, &pid)) != QA_OK)
		return er;
	if ((er = postform_read(req, POSTING_COMMENT, &f)) != QA_OK)
		return er;
	if ((er = load_post(req, pid, false, &p, &q)) != QA_OK)
		return er;
	if (p.type != (on_answer ? POST_ANSWER : POST_QUESTION) ||
	    p.status != POST_VISIBLE || q.status != POST_VISIBLE)
		return QA_ENOTFOUND;
	if (previewing(req))
		return comment_render(req, &p, &q, &f,
		    preview_html(req, f.val[POSTF_BODY], true), 200);
	if ((er = posting_rules(req, POSTING_COMMENT, &f, &status)) != QA_OK)
		return er;
	if (status == 429)
		return comment_render(req, &p, &q, &f, NULL, 429);
	if (p.comments_locked)
		f.alert = on_answer ? "Comments on this answer are locked." :
		    "Comments on this question are locked.";
	form_error(&f, POSTF_BODY, length_problem(req, f.val[POSTF_BODY],
	    "Your comment", "comment_min", 5, "comment_max", 600));
	anon_check(req, &f);
	if (f.nerr > 0 || f.alert != NULL)
		return comment_render(req, &p, &q, &f, NULL, 422);

	postnew_fill(req, &f, POST_COMMENT, pid, &pn);
	uid = pn.user_id;

	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if ((er = post_create(serve.db, &req->arena, &pn, &id)) != QA_OK)
		goto out;
	if (wants_mail(req, &f) && (er = subscribe_add(serve.db, pid, uid,
	    pn.anon_email, req->now)) != QA_OK)
		goto out;
	if (pn.status != POST_VISIBLE)
		goto out;
	/*
	 * An address subscribed to both the answer and its question gets
	 * two mails about the comment until lib subscribe can skip
	 * addresses already told of the same event post.
	 */
	if ((er = subscribe_notify(serve.db, &req->arena, serve_base_url(),
	    pid, SUBSCRIBE_COMMENT, uid, id, req->now)) != QA_OK)
		goto out;
	if (on_answer)
		er = subscribe_notify(serve.db, &req->arena,
		    serve_base_url(), q.id, SUBSCRIBE_COMMENT, uid, id,
		    req->now);
out:
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	if (er != QA_OK)
		return er;
	if (posting_count(req, POSTING_COMMENT) != QA_OK)
		fprintf(stderr, "answer: comment_post: counting comment %lld "
		    "against the rate limits failed\n", (long long)id);
	serve_after(req, notify_send_soon, &serve);

	if (pn.status != POST_VISIBLE)
		return serve_notice(req, 200,
		    "Your comment waits for a moderator", "Thank you. Your "
		    "comment will appear once a moderator has approved it.",
		    post_url(&req->arena, &p, &q), "Back to the question");
	if ((url = arena_printf(&req->arena, "%s#c%lld",
	    util_question_url(&req->arena, q.id, q.slug),
	    (long long)id)) == NULL)
		return QA_ESYS;
	return http_redirect(req, 303, url);
}

/*
 * Who may edit post p, and why: its signed-in author (AUTH_EDIT_OWN),
 * the visitor who wrote it holding its manage key, or an editor
 * (AUTH_EDIT_ANY), in that order.  Sets *by; returns QA_OK or the error
 * of a failed key lookup.
 */
static enum qa_err
edit_right(struct qa_request *req, const struct post_raw *p,
    const char *key, enum edit_by *by)
{
	bool		 ok;
	enum qa_err	 er;

	*by = EDIT_BY_NONE;
	if (req->user != NULL && p->user_id == req->user->id &&
	    auth_can(req->user, AUTH_EDIT_OWN)) {
		*by = EDIT_BY_AUTHOR;
		return QA_OK;
	}
	if (p->user_id == 0) {
		if ((er = key_ok(key, p->id, &ok)) != QA_OK)
			return er;
		if (ok) {
			*by = EDIT_BY_KEY;
			return QA_OK;
		}
	}
	if (req->user != NULL && auth_can(req->user, AUTH_EDIT_ANY))
		*by = EDIT_BY_EDITOR;
	return QA_OK;
}

/*
 * Section CAT_OPTION rows (ID, NAME indented by depth, SELECTED) for the
 * categories of the tree c and below, depth first.
 */
static void
add_categories(struct qa_request *req, struct tpl *t,
    const struct category *c, int64_t selected)
{
	struct tpl	*row;
	static const char *const indent[CATEGORY_MAX_DEPTH] = {
		"", "\xe2\x80\x83", "\xe2\x80\x83\xe2\x80\x83",
		"\xe2\x80\x83\xe2\x80\x83\xe2\x80\x83",
	};

	for (; c != NULL; c = c->next) {
		row = tpl_add(t, "CAT_OPTION");
		tpl_set(row, "ID", arena_printf(&req->arena, "%lld",
		    (long long)c->id));
		tpl_set(row, "NAME", arena_printf(&req->arena, "%s%s",
		    indent[c->depth >= 0 && c->depth < CATEGORY_MAX_DEPTH ?
		    c->depth : 0], c->name));
		if (c->id == selected)
			tpl_show(row, "SELECTED");
		add_categories(req, t, c->children, selected);
	}
}

/* Whether category id is in the tree c. */
static bool
category_in(const struct category *c, int64_t id)
{
	for (; c != NULL; c = c->next)
		if (c->id == id || category_in(c->children, id))
			return true;
	return false;
}

/*
 * Render edit.tpl for post p under question q from f, with status: the
 * heading and link back, for a question section QUESTION (title, tags,
 * the category select), the body (section INLINE for a comment, BLOCK
 * otherwise), the reason (section REASON_REQUIRED when by is
 * EDIT_BY_EDITOR, else REASON_OPTIONAL), the key, a new stamp, and
 * section PREVIEW (BODY_HTML) when preview is not NULL.
 */
static enum qa_err
edit_render(struct qa_request *req, const struct post_raw *p,
    const struct post_raw *q, const struct form *f, enum edit_by by,
    const char *preview, int status)
{
	struct category	*tree = NULL;
	struct tpl	*t, *s;
	char		*heading;
	int64_t		 cat = 0;
	enum qa_err	 er;

	heading = arena_printf(&req->arena, "Edit %s %s",
	    by == EDIT_BY_EDITOR ? "this" : "your", kind_name(p->type));
	if ((t = serve_page_form(req, "edit.tpl", heading)) == NULL)
		return QA_ESYS;
	tpl_set(t, "HEADING", heading);
	tpl_set(t, "Q_TITLE", q->title);
	tpl_set(t, "POST_URL", post_url(&req->arena, p, q));
	tpl_set(t, "ACTION", arena_printf(&req->arena, "/post/%lld/edit",
	    (long long)p->id));
	tpl_set(t, "REVISIONS_URL", arena_printf(&req->arena,
	    "/post/%lld/revisions", (long long)p->id));
	tpl_set(t, "STAMP", form_stamp(req, "edit"));
	form_fill(req, t, f);
	if (p->type == POST_QUESTION) {
		s = tpl_add(t, "QUESTION");
		if ((er = category_tree(serve.db, &req->arena, &tree)) !=
		    QA_OK)
			return er;
		(void)http_parse_int(f->val[EDIT_CATEGORY], 0, INT64_MAX,
		    &cat);
		if (tree != NULL)
			add_categories(req, tpl_add(s, "CATEGORIES"), tree,
			    cat);
	}
	tpl_show(t, p->type == POST_COMMENT ? "INLINE" : "BLOCK");
	tpl_show(t, by == EDIT_BY_EDITOR ? "REASON_REQUIRED" :
	    "REASON_OPTIONAL");
	if (preview != NULL)
		tpl_set(tpl_add(t, "PREVIEW"), "BODY_HTML", preview);
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * Read the post of an edit address and who may edit it, with key the
 * manage key sent (may be NULL).  QA_ENOTFOUND for no such post, or one
 * not visible to the requester: a moderator sees every post, an author
 * or key holder their own queued or hidden one; QA_EFORBIDDEN (with a
 * message) for someone who may not edit it.
 */
static enum qa_err
edit_load(struct qa_request *req, const char *key, struct post_raw *p,
    struct post_raw *q, enum edit_by *by)
{
	int64_t		 id;
	enum qa_err	 er;

	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	if ((er = post_raw_get_pair(serve.db, &req->arena, id, p, q)) !=
	    QA_OK)
		return er;
	if ((er = edit_right(req, p, key, by)) != QA_OK)
		return er;
	if (!moderator(req) && (p->status == POST_DELETED ||
	    q->status == POST_DELETED || ((p->status != POST_VISIBLE ||
	    q->status != POST_VISIBLE) && *by == EDIT_BY_EDITOR)))
		return QA_ENOTFOUND;
	if (*by == EDIT_BY_NONE) {
		req->error = req->user == NULL ? "Only the author of this "
		    "post may edit it: log in, or use the manage link you got "
		    "when you posted it." : "You may not edit this post.";
		return QA_EFORBIDDEN;
	}
	return QA_OK;
}

/*
 * GET /post/{id}/edit?key= -- the edit form with the post's current
 * title, tags and category (questions) and body; key is the manage key
 * of a visitor's post.
 * 200; 403 for someone who may not edit the post; 404 for no such post
 * (or one they cannot see).
 */
static enum qa_err
edit_get(struct qa_request *req)
{
	struct post_raw	 p, q;
	struct form	 f;
	const char	*key = http_query(req, "key");
	enum edit_by	 by;
	enum qa_err	 er;

	if ((er = edit_load(req, key, &p, &q, &by)) != QA_OK)
		return er;
	form_read(req, &f, edit_fields, EDIT__MAX);
	if (p.type == POST_QUESTION) {
		f.val[EDIT_TITLE] = p.title != NULL ? p.title : "";
		f.val[EDIT_TAGS] = p.tags != NULL ? p.tags : "";
		f.val[EDIT_CATEGORY] = arena_printf(&req->arena, "%lld",
		    (long long)p.category_id);
	}
	f.val[EDIT_BODY] = p.body_md != NULL ? p.body_md : "";
	f.val[EDIT_KEY] = by == EDIT_BY_KEY ? key : "";
	return edit_render(req, &p, &q, &f, by, NULL, 200);
}

/*
 * Check the question fields of an edit form into f: the title's length
 * (settings title_min..title_max), the tags (normalised into *tags;
 * new tags only from the level in setting tag_new_level on) and the
 * category (0 or an existing one, into *cat).
 */
static enum qa_err
edit_check_question(struct qa_request *req, struct form *f, char **tags,
    int64_t *cat)
{
	struct category	*tree = NULL;
	const char	**names, *why = NULL;
	size_t		  n, i;
	int		  level;
	char		 *list;
	enum qa_err	  er;

	form_error(f, EDIT_TITLE, length_problem(req, f->val[EDIT_TITLE],
	    "The title", "title_min", 10, "title_max", 150));
	*tags = NULL;
	er = tag_normalize(&req->arena, f->val[EDIT_TAGS], tags, &n, &why);
	if (er == QA_EINVALID || er == QA_EINPUT)
		form_error(f, EDIT_TAGS, why != NULL ? why :
		    "These tags cannot be used.");
	else if (er != QA_OK)
		return er;
	else {
		if ((er = tag_new_names(serve.db, &req->arena, *tags, &names,
		    &n)) != QA_OK)
			return er;
		level = req->user != NULL ? req->user->level : USER_ANONYMOUS;
		if (n > 0 && level < settings_int("tag_new_level", 1)) {
			list = arena_strdup(&req->arena, names[0]);
			for (i = 1; i < n && list != NULL; i++)
				list = arena_printf(&req->arena, "%s, %s",
				    list, names[i]);
			form_error(f, EDIT_TAGS, arena_printf(&req->arena,
			    "New tags (%s) can only be made by members; "
			    "choose tags that exist.", list != NULL ? list :
			    ""));
		}
	}
	*cat = 0;
	if (f->val[EDIT_CATEGORY][0] != '\0' &&
	    http_parse_int(f->val[EDIT_CATEGORY], 0, INT64_MAX, cat) != QA_OK)
		form_error(f, EDIT_CATEGORY, "Choose a category from the "
		    "list.");
	else if (*cat != 0) {
		if ((er = category_tree(serve.db, &req->arena, &tree)) !=
		    QA_OK)
			return er;
		if (!category_in(tree, *cat))
			form_error(f, EDIT_CATEGORY, "Choose a category from "
			    "the list.");
	}
	return QA_OK;
}

/* Whether two texts are equal, NULL being "". */
static bool
same(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/*
 * POST /post/{id}/edit -- title, tags, category (questions), body,
 * reason, key (a visitor's manage key), stamp, honeypot, csrf.  Checks:
 * the stamp, the lengths as when posting (comments by comment_min..
 * comment_max), the tags and category, no more links than before
 * beyond what lib posting allows a new member, a reason of at most
 * REASON_MAX characters that an editor must give for someone else's
 * post.  preview=1 renders
 * the body and writes nothing.  An edit that changes nothing is not
 * stored; otherwise post_update in one transaction (a new revision).
 * 303 to the post on its question page; 200 and the form for a
 * preview; 422 and the form with everything typed for any problem; 403
 * for someone who may not edit the post; 404 for no such post.
 */
static enum qa_err
edit_post(struct qa_request *req)
{
	struct post_raw		 p, q, p2;
	struct post_change	 ch;
	struct form		 f;
	const char		*why = NULL;
	char			*tags = NULL;
	int64_t			 cat = -1;
	bool			 isq, inl;
	enum edit_by		 by;
	enum qa_err		 er;

	form_read(req, &f, edit_fields, EDIT__MAX);
	if ((er = edit_load(req, f.val[EDIT_KEY], &p, &q, &by)) != QA_OK)
		return er;
	if ((f.val[EDIT_BODY] = posting_text(&req->arena, f.val[EDIT_BODY]))
	    == NULL)
		return QA_ESYS;
	if (by != EDIT_BY_KEY)
		f.val[EDIT_KEY] = "";
	isq = p.type == POST_QUESTION;
	inl = p.type == POST_COMMENT;
	if (previewing(req))
		return edit_render(req, &p, &q, &f, by,
		    preview_html(req, f.val[EDIT_BODY], inl), 200);

	if (form_stamp_check(req, "edit", &why) != QA_OK)
		f.alert = why != NULL ? why : "This form could not be "
		    "accepted.";
	if (isq && (er = edit_check_question(req, &f, &tags, &cat)) != QA_OK)
		return er;
	if (inl)
		form_error(&f, EDIT_BODY, length_problem(req,
		    f.val[EDIT_BODY], "The comment", "comment_min", 5,
		    "comment_max", 600));
	else
		form_error(&f, EDIT_BODY, length_problem(req,
		    f.val[EDIT_BODY], "The text", "body_min", 20, "body_max",
		    30000));
	if (post_link_count(f.val[EDIT_BODY]) > post_link_count(p.body_md))
		form_error(&f, EDIT_BODY, posting_links_problem(req,
		    f.val[EDIT_BODY]));
	if (util_utf8_len(f.val[EDIT_REASON]) > REASON_MAX)
		form_error(&f, EDIT_REASON, "An edit reason has at most 200 "
		    "characters.");
	else if (strpbrk(f.val[EDIT_REASON], "\r\n") != NULL)
		form_error(&f, EDIT_REASON, "An edit reason is one line.");
	else if (by == EDIT_BY_EDITOR && text_len(f.val[EDIT_REASON]) == 0)
		form_error(&f, EDIT_REASON, "Say why you edit someone else's "
		    "post.");
	if (f.nerr > 0 || f.alert != NULL)
		return edit_render(req, &p, &q, &f, by, NULL, 422);

	if (same(p.body_md, f.val[EDIT_BODY]) && (!isq ||
	    (same(p.title, f.val[EDIT_TITLE]) && same(p.tags, tags) &&
	    p.category_id == cat)))
		return http_redirect(req, 303, post_url(&req->arena, &p, &q));

	memset(&ch, 0, sizeof(ch));
	ch.id = p.id;
	ch.title = isq ? f.val[EDIT_TITLE] : NULL;
	ch.body_md = f.val[EDIT_BODY];
	ch.tags = isq ? tags : NULL;
	ch.category_id = isq ? cat : -1;
	if (by == EDIT_BY_KEY) {
		ch.editor_id = 0;
		ch.editor_name = p.anon_name;
	} else
		ch.editor_id = req->user->id;
	ch.reason = f.val[EDIT_REASON];
	ch.now = req->now;
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = post_update(serve.db, &req->arena, &ch);
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	if (er != QA_OK)
		return er;
	/* A new title gives the question a new slug. */
	if (isq && post_raw_get(serve.db, &req->arena, p.id, &p2) == QA_OK)
		p = q = p2;
	return http_redirect(req, 303, post_url(&req->arena, &p, &q));
}

/*
 * Section FIELD (LABEL, and RUN rows with section SAME, DEL or ADD
 * holding TEXT) for one field of a revision: the word difference from
 * old to new, or with old NULL the whole of new as one SAME run.
 * Nothing when the field did not change or is empty in both.
 */
static enum qa_err
add_diff(struct qa_request *req, struct tpl *t, const char *label,
    const char *old, const char *new)
{
	struct diff_run	*runs;
	struct tpl	*s, *row;
	size_t		 n, i;
	enum qa_err	 er;
	static const char *const ops[] = {
		[DIFF_SAME] = "SAME", [DIFF_DEL] = "DEL", [DIFF_ADD] = "ADD",
	};

	if (new == NULL)
		new = "";
	if ((old != NULL && strcmp(old, new) == 0) ||
	    (old == NULL && new[0] == '\0'))
		return QA_OK;
	s = tpl_add(t, "FIELD");
	tpl_set(s, "LABEL", label);
	if (old == NULL) {
		tpl_set(tpl_add(tpl_add(s, "RUN"), "SAME"), "TEXT", new);
		return QA_OK;
	}
	if ((er = diff_words(&req->arena, old, new, &runs, &n)) != QA_OK)
		return er;
	for (i = 0; i < n; i++) {
		row = tpl_add(s, "RUN");
		tpl_set(tpl_add(row, ops[runs[i].op]), "TEXT", runs[i].text);
	}
	return QA_OK;
}

/*
 * GET /post/{id}/revisions -- every revision of a post, oldest first:
 * its number, editor, time and reason, and what it changed in the
 * title, body and tags against the one before (word runs kept, deleted
 * and added); the first one in full.  Two or three queries.
 * 200; 404 for no such post, or one not visible (moderators see all).
 */
static enum qa_err
revisions_get(struct qa_request *req)
{
	struct post_raw	 p, q;
	struct revision	*rv, *prev;
	struct tpl	*t, *row, *s;
	char		*heading;
	size_t		 n, i;
	int64_t		 id;
	enum qa_err	 er;

	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	if ((er = load_post(req, id, false, &p, &q)) != QA_OK)
		return er;
	if ((er = post_revisions(serve.db, &req->arena, id, &rv, &n)) !=
	    QA_OK)
		return er;
	heading = arena_printf(&req->arena, "Revisions of the %s",
	    kind_name(p.type));
	if ((t = serve_page(req, "revisions.tpl", heading)) == NULL)
		return QA_ESYS;
	tpl_set(t, "HEADING", heading);
	tpl_set(t, "Q_TITLE", q.title);
	tpl_set(t, "POST_URL", post_url(&req->arena, &p, &q));
	if (n == 0)
		tpl_show(t, "NONE");
	for (i = 0; i < n; i++) {
		row = tpl_add(t, "REVISION");
		prev = i > 0 ? &rv[i - 1] : NULL;
		tpl_set(row, "REV", arena_printf(&req->arena, "%lld",
		    (long long)rv[i].rev));
		tpl_set(row, "ISO", util_isotime(&req->arena, rv[i].created));
		tpl_set(row, "AGO", util_ago(&req->arena, rv[i].created,
		    req->now));
		if (rv[i].handle != NULL) {
			s = tpl_add(row, "RUSER");
			tpl_set(s, "URL", arena_printf(&req->arena, "/user/%s",
			    util_urlseg(&req->arena, rv[i].handle)));
			tpl_set(s, "HANDLE", rv[i].handle);
		} else
			tpl_set(tpl_add(row, "RANON"), "NAME",
			    rv[i].anon_name != NULL &&
			    rv[i].anon_name[0] != '\0' ? rv[i].anon_name :
			    "Anonymous");
		if (rv[i].reason != NULL && rv[i].reason[0] != '\0')
			tpl_set(tpl_add(row, "REASON"), "TEXT", rv[i].reason);
		tpl_show(row, prev == NULL ? "ORIGINAL" : "EDIT");
		if ((er = add_diff(req, row, "Title", prev != NULL ?
		    (prev->title != NULL ? prev->title : "") : NULL,
		    rv[i].title)) != QA_OK ||
		    (er = add_diff(req, row, "Tags", prev != NULL ?
		    (prev->tags != NULL ? prev->tags : "") : NULL,
		    rv[i].tags)) != QA_OK ||
		    (er = add_diff(req, row, "Text", prev != NULL ?
		    (prev->body_md != NULL ? prev->body_md : "") : NULL,
		    rv[i].body_md)) != QA_OK)
			return er;
		if (prev != NULL && same(prev->title, rv[i].title) &&
		    same(prev->tags, rv[i].tags) &&
		    same(prev->body_md, rv[i].body_md))
			tpl_show(row, "UNCHANGED");
	}
	return serve_render(req, 200);
}

/*
 * POST /q/{id}/accept/{aid} -- choose answer aid as the question's best
 * answer, or with aid 0 or the field undo=1 unchoose it; field key is a
 * visitor asker's manage key.  Allowed to the signed-in asker, the
 * holder of the question's key, and moderators.  One transaction:
 * post_accept, and when choosing, mail to the answer's subscribers.
 * 303 to the question page at #a{aid} (#q{id} when unchoosing with aid
 * 0); 403 for anyone else; 404 for no such visible question, or aid
 * not a visible answer to it.
 */
static enum qa_err
accept_post(struct qa_request *req)
{
	struct post_raw	 q, a;
	const char	*undo = http_formval(req, "undo"), *url;
	int64_t		 qid, aid, uid;
	bool		 ok = false, unselect;
	enum qa_err	 er;

	if ((er = arg_id(req, 0, &qid)) != QA_OK)
		return er;
	if (req->nargs < 2 ||
	    http_parse_int(req->args[1], 0, INT64_MAX, &aid) != QA_OK)
		return QA_ENOTFOUND;
	if ((er = post_raw_get(serve.db, &req->arena, qid, &q)) != QA_OK)
		return er;
	if (q.type != POST_QUESTION || q.status != POST_VISIBLE)
		return QA_ENOTFOUND;
	if (aid != 0) {
		if ((er = post_raw_get(serve.db, &req->arena, aid, &a)) !=
		    QA_OK)
			return er;
		if (a.type != POST_ANSWER || a.parent_id != qid ||
		    a.status != POST_VISIBLE)
			return QA_ENOTFOUND;
	}
	uid = req->user != NULL ? req->user->id : 0;
	if (moderator(req) || (uid != 0 && q.user_id == uid))
		ok = true;
	else if (q.user_id == 0 && (er = key_ok(http_formval(req, "key"),
	    qid, &ok)) != QA_OK)
		return er;
	if (!ok) {
		req->error = "Only the person who asked the question chooses "
		    "its best answer.";
		return QA_EFORBIDDEN;
	}
	unselect = aid == 0 || (undo != NULL && strcmp(undo, "1") == 0);

	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	er = post_accept(serve.db, qid, unselect ? 0 : aid, req->now);
	if (er == QA_OK && !unselect && q.accepted_id != aid)
		er = subscribe_notify(serve.db, &req->arena,
		    serve_base_url(), aid, SUBSCRIBE_SELECTED, uid, aid,
		    req->now);
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	if (er != QA_OK)
		return er;
	serve_after(req, notify_send_soon, &serve);
	url = arena_printf(&req->arena, "%s#%c%lld",
	    util_question_url(&req->arena, q.id, q.slug), aid != 0 ? 'a' : 'q',
	    (long long)(aid != 0 ? aid : qid));
	return http_redirect(req, 303, url);
}

/*
 * Read the post of a manage address and check key, its manage key.
 * QA_ENOTFOUND for no such post or a deleted one; QA_EFORBIDDEN (with a
 * message) when the key is not the post's, or the post has an account
 * as its author.
 */
static enum qa_err
manage_load(struct qa_request *req, const char *key, struct post_raw *p,
    struct post_raw *q)
{
	int64_t		 id;
	bool		 ok;
	enum qa_err	 er;

	if ((er = arg_id(req, 0, &id)) != QA_OK)
		return er;
	if ((er = post_raw_get_pair(serve.db, &req->arena, id, p, q)) !=
	    QA_OK)
		return er;
	if (p->status == POST_DELETED)
		return QA_ENOTFOUND;
	if ((er = key_ok(key, id, &ok)) != QA_OK)
		return er;
	if (!ok || p->user_id != 0) {
		req->error = p->user_id != 0 && ok ? "This post now belongs "
		    "to an account: log in to edit it." : "This manage link "
		    "is not valid. Check that you copied all of it.";
		return QA_EFORBIDDEN;
	}
	return QA_OK;
}

/*
 * GET /post/{id}/manage?key= -- the page of a visitor's post reached
 * with its manage key: links to the post, to edit it and to its
 * revisions; for a question, its answers with buttons to choose the
 * best; when signed in, a button to claim the post for the account.
 * 200 (not cached); 403 for a wrong key or a claimed post; 404 for no
 * such post.
 */
static enum qa_err
manage_get(struct qa_request *req)
{
	struct post_raw	 p, q;
	const char	*key = http_query(req, "key");
	enum qa_err	 er;

	if ((er = manage_load(req, key, &p, &q)) != QA_OK)
		return er;
	return manage_render(req, &p, &q, key, NULL, 200);
}

/*
 * POST /post/{id}/manage -- key and action: "claim" makes the visitor's
 * post one of the signed-in user's own (post_claim: the name given when
 * posting is dropped, the manage keys go); "delete" with sure=1 marks the
 * post deleted (post_status_set, which moves the counters).  Each in one
 * transaction.
 * claim: 303 to the post on its question page, or to the login (and back
 * here) for a visitor.  delete: 303 to the question page (to the home
 * page for a question); 422 and the manage page without sure=1.  400 for
 * another action; 403 for a wrong key; 404 for no such post.
 */
static enum qa_err
manage_post(struct qa_request *req)
{
	struct post_raw	 p, q;
	const char	*key = http_formval(req, "key");
	const char	*action = http_formval(req, "action");
	const char	*sure = http_formval(req, "sure"), *url;
	bool		 claim;
	enum qa_err	 er;

	if ((er = manage_load(req, key, &p, &q)) != QA_OK)
		return er;
	if (action == NULL || (strcmp(action, "claim") != 0 &&
	    strcmp(action, "delete") != 0))
		return QA_EINPUT;
	claim = strcmp(action, "claim") == 0;
	if (claim && req->user == NULL)
		return http_redirect(req, 303, arena_printf(&req->arena,
		    "/login?next=/post/%lld/manage%%3Fkey%%3D%s",
		    (long long)p.id, key));
	if (!claim && (sure == NULL || strcmp(sure, "1") != 0))
		return manage_render(req, &p, &q, key, arena_printf(
		    &req->arena, "Tick the box to confirm that your %s "
		    "should be deleted.", kind_name(p.type)), 422);
	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if (claim)
		er = post_claim(serve.db, p.id, req->user->id);
	else
		er = post_status_set(serve.db, &req->arena, p.id,
		    POST_DELETED);
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK)
		db_tx_rollback(serve.db);
	if (er != QA_OK)
		return er;
	if (claim)
		url = post_url(&req->arena, &p, &q);
	else if (p.type == POST_QUESTION)
		url = "/";
	else
		url = util_question_url(&req->arena, q.id, q.slug);
	return http_redirect(req, 303, url);
}

/* The page for an unsubscribe link that does not work: 400. */
static enum qa_err
unsubscribe_dead(struct qa_request *req)
{
	return serve_notice(req, 400, "Link not valid", "This unsubscribe "
	    "link is not valid, or you have already unsubscribed.", "/",
	    "Go to the home page");
}

/*
 * GET /unsubscribe?t=TOKEN -- what the link stops (mail about the post
 * titled ...) and a button to stop it; ?done=1 says it has stopped.
 * 200; 400 for an unknown token.
 */
static enum qa_err
unsubscribe_get(struct qa_request *req)
{
	struct tpl	*t, *s;
	const char	*tok = http_query(req, "t"), *done, *title = NULL;
	int64_t		 post_id;
	enum qa_err	 er;

	done = http_query(req, "done");
	if (done != NULL && strcmp(done, "1") == 0) {
		if ((t = serve_page(req, "unsubscribe.tpl", "Unsubscribed")) ==
		    NULL)
			return QA_ESYS;
		tpl_show(t, "DONE");
		return serve_render(req, 200);
	}
	if (tok == NULL || tok[0] == '\0')
		return unsubscribe_dead(req);
	er = subscribe_find(serve.db, &req->arena, tok, &post_id, &title);
	if (er == QA_ENOTFOUND || er == QA_EINPUT)
		return unsubscribe_dead(req);
	if (er != QA_OK)
		return er;
	if ((t = serve_page_form(req, "unsubscribe.tpl", "Unsubscribe")) ==
	    NULL)
		return QA_ESYS;
	s = tpl_add(t, "CONFIRM");
	tpl_set(s, "T", tok);
	tpl_set(s, "TITLE", title != NULL ? title : "");
	http_header(req, "Cache-Control", "no-store");
	http_header(req, "Referrer-Policy", "no-referrer");
	return serve_render(req, 200);
}

/*
 * POST /unsubscribe -- t (the token of a subscription): remove it.
 * 303 to /unsubscribe?done=1; 400 for an unknown token.
 */
static enum qa_err
unsubscribe_post(struct qa_request *req)
{
	const char	*tok = http_formval(req, "t");
	int64_t		 post_id;
	enum qa_err	 er;

	if (tok == NULL || tok[0] == '\0')
		return unsubscribe_dead(req);
	er = subscribe_remove(serve.db, tok, &post_id);
	if (er == QA_ENOTFOUND || er == QA_EINPUT)
		return unsubscribe_dead(req);
	if (er != QA_OK)
		return er;
	return http_redirect(req, 303, "/unsubscribe?done=1");
}

static const struct route routes[] = {
	{ "/q/{}/answer", ROUTE_POST | ROUTE_WRITE, answer_post },
	{ "/q/{}/comment", ROUTE_POST | ROUTE_WRITE, comment_post },
	{ "/a/{}/comment", ROUTE_POST | ROUTE_WRITE, comment_post },
	{ "/post/{}/edit", ROUTE_GET, edit_get },
	{ "/post/{}/edit", ROUTE_POST | ROUTE_WRITE, edit_post },
	{ "/post/{}/revisions", ROUTE_GET, revisions_get },
	{ "/q/{}/accept/{}", ROUTE_POST | ROUTE_WRITE, accept_post },
	{ "/post/{}/manage", ROUTE_GET, manage_get },
	{ "/post/{}/manage", ROUTE_POST | ROUTE_WRITE, manage_post },
	{ "/unsubscribe", ROUTE_GET, unsubscribe_get },
	{ "/unsubscribe", ROUTE_POST | ROUTE_WRITE, unsubscribe_post },
};

int
main(void)
{
	return serve_run("answer", routes, nitems(routes));
}
