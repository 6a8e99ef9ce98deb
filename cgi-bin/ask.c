/*
 * ask: the form that asks a question, and the question it creates.
 *
 * The form takes a title, a Markdown body, an optional category and
 * tags, and from visitors an optional name and email address; a box asks
 * for mail when an answer comes.  "Preview" shows the body as it will
 * look and the questions that may already answer it, and saves nothing;
 * "Ask the question" saves it, after the checks every posting form
 * shares (lib posting: who may post, the spam stamp and honeypot, rate
 * limits, links of new members) and the question's own (lengths, tags,
 * category, name, email).  A form that cannot be accepted comes back
 * with what was typed and a message by each field it concerns (422), or
 * 429 while the poster is over a rate limit.  Members are sent to their
 * question (303); anonymous posters get a page, once, with the secret
 * link that lets them edit or delete it.
 *
 * Lengths are counted in code points, so any script or emoji counts as
 * one character each; http has already checked that the text is UTF-8.
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

#define SIMILAR_MAX	5		/* similar questions shown */
#define QUERY_MAX	300		/* bytes of a ?title= or ?tags= */

/* The form, declared once; the enum indexes the table. */
enum { ASK_TITLE, ASK_BODY, ASK_CATEGORY, ASK_TAGS, ASK_NAME, ASK_EMAIL,
    ASK_NOTIFY, ASK__MAX };
static const struct field ask_fields[ASK__MAX] = {
	{ "title", true }, { "body", true }, { "category", true },
	{ "tags", true }, { "name", true }, { "email", true },
	{ "notify", true },
};

/* One choice of the category select: its id and its path as a label. */
struct cat_opt {
	int64_t		 id;
	const char	*label;		/* "Relationships › Dating" */
};

/* The categories as choices, depth first, in the tree's order. */
struct cats {
	struct cat_opt	*v;
	size_t		 n;
	size_t		 cap;
};

/* What a form holds once checked: clean values for post_create(). */
struct ask_in {
	const char	*title;		/* trimmed */
	const char	*body;		/* posting_text() */
	const char	*tags;		/* tag_normalize(): "a b c" or "" */
	int64_t		 category_id;	/* 0: none */
	const char	*name;		/* visitors; "" when not given */
	const char	*email;		/* visitors; "" when not given */
	bool		 notify;
};

/* s without ASCII blanks at either end, in the arena (or s itself). */
static const char *
trim(struct arena *a, const char *s)
{
	size_t	 n;

	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return s[n] == '\0' ? s : arena_strndup(a, s, n);
}

/*
 * Append the categories of the sibling list c and below to cs, each
 * labelled with its path from the top, parts joined by " › " (prefix
 * is the label of the parent, or NULL at the top).  QA_ESYS if out of
 * memory.
 */
static enum qa_err
cats_add(struct arena *a, struct cats *cs, const struct category *c,
    const char *prefix)
{
	struct cat_opt	*nv;
	const char	*label;
	enum qa_err	 er;

	for (; c != NULL; c = c->next) {
		if (cs->n == cs->cap) {
			cs->cap = cs->cap == 0 ? 16 : cs->cap * 2;
			if ((nv = arena_calloc(a, cs->cap, sizeof(*nv))) ==
			    NULL)
				return QA_ESYS;
			if (cs->n > 0)
				memcpy(nv, cs->v, cs->n * sizeof(*nv));
			cs->v = nv;
		}
		label = prefix == NULL ? c->name :
		    arena_printf(a, "%s \xe2\x80\xba %s", prefix, c->name);
		if (label == NULL)
			return QA_ESYS;
		cs->v[cs->n].id = c->id;
		cs->v[cs->n].label = label;
		cs->n++;
		if (c->children != NULL &&
		    (er = cats_add(a, cs, c->children, label)) != QA_OK)
			return er;
	}
	return QA_OK;
}

/* Read the category tree into cs (n 0 when the site has none). */
static enum qa_err
cats_load(struct qa_request *req, struct cats *cs)
{
	struct category	*roots;
	enum qa_err	 er;

	memset(cs, 0, sizeof(*cs));
	if ((er = category_tree(serve.db, &req->arena, &roots)) != QA_OK)
		return er;
	return cats_add(&req->arena, cs, roots, NULL);
}

/*
 * The category id a form value names: 0 for "" or "0" (none), and for
 * anything when the site has no categories (the form shows no select
 * then); the id if it is one of cs; -1 if the value is not a known
 * category.
 */
static int64_t
cats_pick(const struct cats *cs, const char *val)
{
	int64_t	 id;
	size_t	 i;

	if (cs->n == 0 || val[0] == '\0' || strcmp(val, "0") == 0)
		return 0;
	if (http_parse_int(val, 1, INT64_MAX, &id) != QA_OK)
		return -1;
	for (i = 0; i < cs->n; i++)
		if (cs->v[i].id == id)
			return id;
	return -1;
}

/*
 * Fill section SIMILAR of t with up to SIMILAR_MAX questions like title
 * (post_similar()): rows QUESTION with Q_URL, Q_TITLE and Q_ANSWERS
 * ("2 answers").  Nothing when the title is empty or none is found; a
 * failed search is logged and shows nothing, since the form matters more.
 */
static void
set_similar(struct qa_request *req, struct tpl *t, const char *title)
{
	struct post	*v;
	struct tpl	*s, *row;
	size_t		 n, i;

	if (title == NULL || title[0] == '\0')
		return;
	if (post_similar(serve.db, &req->arena, title, SIMILAR_MAX, &v, &n)
	    != QA_OK) {
		fprintf(stderr, "ask: similar questions failed\n");
		return;
	}
	if (n == 0)
		return;
	s = tpl_add(t, "SIMILAR");
	for (i = 0; i < n; i++) {
		row = tpl_add(s, "QUESTION");
		tpl_set(row, "Q_URL", util_question_url(&req->arena, v[i].id,
		    v[i].slug));
		tpl_set(row, "Q_TITLE", v[i].title);
		tpl_set(row, "Q_ANSWERS", arena_printf(&req->arena,
		    "%lld %s", (long long)v[i].answer_count,
		    util_plural(v[i].answer_count, "answer", "answers")));
	}
}

/*
 * Fill section PREVIEW of t: the title and tags as typed (tags
 * normalized when they are valid) and the body rendered by markdown
 * (PREVIEW_HTML, the only unescaped value).  QA_ESYS if cmark fails.
 */
static enum qa_err
set_preview(struct qa_request *req, struct tpl *t, const struct form *f)
{
	struct tpl	*p, *tags;
	struct buf	 html = { 0 };
	const char	*body, *why, **names;
	char		*norm;
	size_t		 n, i;
	enum qa_err	 er;

	p = tpl_add(t, "PREVIEW");
	tpl_set(p, "PREVIEW_TITLE", trim(&req->arena, f->val[ASK_TITLE]));
	if ((body = posting_text(&req->arena, f->val[ASK_BODY])) == NULL)
		return QA_ESYS;
	if ((er = markdown_render(body, strlen(body), MARKDOWN_BLOCK, &html))
	    == QA_OK)
		tpl_setn(p, "PREVIEW_HTML", html.data != NULL ? html.data :
		    "", html.len);
	buf_free(&html);
	if (er != QA_OK)
		return er;
	if (tag_normalize(&req->arena, f->val[ASK_TAGS], &norm, &n, &why) ==
	    QA_OK && n > 0) {
		tags = tpl_add(p, "PREVIEW_TAGS");
		n = tag_split(&req->arena, norm, &names);
		for (i = 0; i < n; i++)
			tpl_set(tpl_add(tags, "TAG"), "NAME", names[i]);
	}
	return QA_OK;
}

/*
 * Render ask.tpl with status: the form from f (what was typed, messages,
 * the summary), the hidden STAMP (stamp if not NULL, which keeps the
 * time the form was first served, else a new form_stamp()), the
 * category choices (section HAS_CATEGORIES, rows OPTION with VALUE,
 * LABEL and SELECTED), the fields of visitors (section ANON), the
 * checked state of the mail box (NOTIFY_CHECKED; notify), the limits for
 * the hints, section QUEUED when the question will wait for a moderator,
 * and with preview the preview.  Similar questions are shown whenever
 * the form comes back (status other than 200, or a preview).
 */
static enum qa_err
ask_render(struct qa_request *req, struct form *f, const struct cats *cs,
    const char *stamp, bool notify, bool preview, int status)
{
	struct tpl	*t, *s, *row;
	int64_t		 sel;
	size_t		 i;
	enum qa_err	 er;

	if ((t = serve_page_form(req, "ask.tpl", "Ask a question")) == NULL)
		return QA_ESYS;
	form_fill(req, t, f);
	tpl_set(t, "STAMP", stamp != NULL ? stamp : form_stamp(req,
	    posting_form_name(POSTING_QUESTION)));
	if (cs->n > 0) {
		s = tpl_add(t, "HAS_CATEGORIES");
		sel = cats_pick(cs, f->val[ASK_CATEGORY]);
		for (i = 0; i < cs->n; i++) {
			row = tpl_add(s, "OPTION");
			tpl_set_int(row, "VALUE", cs->v[i].id);
			tpl_set(row, "LABEL", cs->v[i].label);
			if (cs->v[i].id == sel)
				tpl_show(row, "SELECTED");
		}
	}
	if (req->user == NULL)
		tpl_show(t, "ANON");
	if (notify)
		tpl_show(t, "NOTIFY_CHECKED");
	if (posting_status(req) == POST_QUEUED)
		tpl_show(t, "QUEUED");
	tpl_set_int(t, "TITLE_MIN", settings_int("title_min", 10));
	tpl_set_int(t, "TITLE_MAX", settings_int("title_max", 150));
	tpl_set_int(t, "BODY_MIN", settings_int("body_min", 20));
	tpl_set_int(t, "BODY_MAX", settings_int("body_max", 30000));
	tpl_set_int(t, "TAG_MAX", TAG_MAX);
	if (preview && (er = set_preview(req, t, f)) != QA_OK)
		return er;
	if (preview || status != 200)
		set_similar(req, t, trim(&req->arena, f->val[ASK_TITLE]));
	http_header(req, "Cache-Control", "no-store");
	return serve_render(req, status);
}

/*
 * The posted stamp if it still passes form_stamp_check() (so a form
 * that comes back keeps the time it was first served), else NULL (the
 * page gets a new one).
 */
static const char *
stamp_keep(struct qa_request *req)
{
	const char	*why;

	if (form_stamp_check(req, posting_form_name(POSTING_QUESTION),
	    &why) != QA_OK)
		return NULL;
	return http_formval(req, FORM_STAMP_FIELD);
}

/*
 * The message for tags that would create new tags when this request's
 * poster may not (level below the setting tag_new_level, default 1;
 * visitors are level 0), listing the new names; NULL when there are
 * none or the poster may create them.  tags is normalized.  *er gets
 * QA_ESYS or QA_EBUSY if the lookup fails.
 */
static const char *
new_tags_problem(struct qa_request *req, const char *tags, enum qa_err *er)
{
	const char	**names, *list = "";
	size_t		  n, i;
	int		  level = req->user != NULL ? req->user->level : 0;

	*er = QA_OK;
	if (tags[0] == '\0' || level >= settings_int("tag_new_level", 1))
		return NULL;
	if ((*er = tag_new_names(serve.db, &req->arena, tags, &names, &n)) !=
	    QA_OK || n == 0)
		return NULL;
	for (i = 0; i < n; i++)
		if ((list = arena_printf(&req->arena, "%s%s%s", list,
		    i > 0 ? ", " : "", names[i])) == NULL) {
			*er = QA_ESYS;
			return NULL;
		}
	if (req->user == NULL)
		return arena_printf(&req->arena, "New tags can be created by "
		    "members; use existing tags or leave it empty. New: %s.",
		    list);
	return arena_printf(&req->arena, "Your account cannot create new "
	    "tags yet; use existing tags or leave it empty. New: %s.", list);
}

/*
 * Check the question's own fields of f into in, recording a message by
 * each field that is wrong: title of title_min..title_max code points on
 * one line; body (posting_text()) not empty and of body_min..body_max
 * code points, with no more links than a new member may post; tags that
 * tag_normalize() accepts and that only a member of level tag_new_level
 * may extend with new names; a known category or none; for visitors a
 * name and an email address that pass posting_anon_*_problem().
 * QA_OK (with or without messages in f), or QA_ESYS / QA_EBUSY.
 */
static enum qa_err
ask_validate(struct qa_request *req, struct form *f, const struct cats *cs,
    struct ask_in *in)
{
	struct arena	*a = &req->arena;
	const char	*why, *msg;
	char		*norm;
	size_t		 len, ntags;
	int64_t		 min, max;
	enum qa_err	 er;

	memset(in, 0, sizeof(*in));
	in->title = trim(a, f->val[ASK_TITLE]);
	in->body = posting_text(a, f->val[ASK_BODY]);
	in->name = req->user == NULL ? trim(a, f->val[ASK_NAME]) : "";
	in->email = req->user == NULL ? trim(a, f->val[ASK_EMAIL]) : "";
	in->notify = f->val[ASK_NOTIFY][0] != '\0';
	in->tags = "";
	if (in->title == NULL || in->body == NULL || in->name == NULL ||
	    in->email == NULL)
		return QA_ESYS;

	min = settings_int("title_min", 10);
	max = settings_int("title_max", 150);
	len = util_utf8_len(in->title);
	if (len == 0)
		form_error(f, ASK_TITLE, "Enter a title: your question in "
		    "one sentence.");
	else if (strpbrk(in->title, "\r\n") != NULL)
		form_error(f, ASK_TITLE, "A title is one line of text.");
	else if ((int64_t)len < min)
		form_error(f, ASK_TITLE, arena_printf(a, "A title has at "
		    "least %lld characters; say what you want to know.",
		    (long long)min));
	else if ((int64_t)len > max)
		form_error(f, ASK_TITLE, arena_printf(a, "A title has at "
		    "most %lld characters; yours has %zu.", (long long)max,
		    len));

	min = settings_int("body_min", 20);
	max = settings_int("body_max", 30000);
	len = util_utf8_len(in->body);
	if (len == 0)
		form_error(f, ASK_BODY, "Describe your question: what you "
		    "want to know, and what you have found so far.");
	else if ((int64_t)len < min)
		form_error(f, ASK_BODY, arena_printf(a, "Give at least %lld "
		    "characters of detail.", (long long)min));
	else if ((int64_t)len > max)
		form_error(f, ASK_BODY, arena_printf(a, "A question has at "
		    "most %lld characters; yours has %zu.", (long long)max,
		    len));
	else
		form_error(f, ASK_BODY, posting_links_problem(req, in->body));

	er = tag_normalize(a, f->val[ASK_TAGS], &norm, &ntags, &why);
	if (er == QA_ESYS || er == QA_EBUSY)
		return er;
	if (er != QA_OK)
		form_error(f, ASK_TAGS, why != NULL ? why : "These tags "
		    "cannot be used.");
	else {
		in->tags = norm != NULL ? norm : "";
		msg = new_tags_problem(req, in->tags, &er);
		if (er != QA_OK)
			return er;
		form_error(f, ASK_TAGS, msg);
	}

	if ((in->category_id = cats_pick(cs, f->val[ASK_CATEGORY])) < 0)
		form_error(f, ASK_CATEGORY, "Choose a category from the list, "
		    "or none.");

	if (req->user == NULL) {
		form_error(f, ASK_NAME, posting_anon_name_problem(in->name));
		form_error(f, ASK_EMAIL,
		    posting_anon_email_problem(in->email));
	}
	return QA_OK;
}

/*
 * Queue the mail that gives an anonymous poster the link to their
 * question and its manage link (path manage, with the secret key), to
 * in->email.  Call inside the question's transaction.
 */
static enum qa_err
queue_manage_mail(struct qa_request *req, const struct ask_in *in,
    const char *url, const char *manage, bool queued)
{
	const char	*site = settings_get("site_name", "fastqa");
	const char	*base = serve_base_url();
	char		*subject, *body;

	subject = arena_printf(&req->arena, "Your question at %s", site);
	body = arena_printf(&req->arena, "Hello%s%s,\n\n"
	    "your question \"%s\" is posted at %s%s:\n\n%s%s\n\n"
	    "To edit or delete it, open this link. Keep this mail: the link "
	    "is the only way to manage your question without an account, "
	    "and anyone who has it can change your question.\n\n%s%s\n",
	    in->name[0] != '\0' ? " " : "", in->name, in->title, site,
	    queued ? " and will appear once a moderator has checked it" : "",
	    base, url, base, manage);
	if (subject == NULL || body == NULL)
		return QA_ESYS;
	return notify_queue(serve.db, in->email, subject, body, req->now);
}

/*
 * Save the checked question in, in one transaction: the post
 * (post_create(), status from posting_status()), the asker's
 * subscription when the box is ticked (the account, or a visitor's email
 * address), and for a visitor a manage key with, when an email address
 * was given, the mail that carries it.  After commit the post counts
 * against the rate limits and the mail is sent after the response.
 * 303 to the question for members; for visitors the posted page (200).
 */
static enum qa_err
ask_create(struct qa_request *req, const struct ask_in *in)
{
	struct post_new	 pn;
	char		 key[AUTH_TOKEN_LEN + 1];
	const char	*url = NULL, *manage = NULL;
	bool		 anon = req->user == NULL, mailed = false;
	int64_t		 id = 0;
	enum qa_err	 er;

	memset(&pn, 0, sizeof(pn));
	key[0] = '\0';
	pn.type = POST_QUESTION;
	pn.title = in->title;
	pn.body_md = in->body;
	pn.tags = in->tags;
	pn.category_id = in->category_id;
	pn.user_id = anon ? 0 : req->user->id;
	pn.anon_name = anon && in->name[0] != '\0' ? in->name : NULL;
	pn.anon_email = anon && in->email[0] != '\0' ? in->email : NULL;
	pn.ip = req->remote_addr;
	pn.status = posting_status(req);
	pn.now = req->now;

	if ((er = db_tx_begin(serve.db)) != QA_OK)
		return er;
	if ((er = post_create(serve.db, &req->arena, &pn, &id)) != QA_OK)
		goto out;
	if ((url = util_question_url(&req->arena, id,
	    util_slug(&req->arena, in->title))) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	if (in->notify && (!anon || pn.anon_email != NULL) &&
	    (er = subscribe_add(serve.db, id, pn.user_id, pn.anon_email,
	    req->now)) != QA_OK)
		goto out;
	if (!anon)
		goto out;
	if ((er = post_key_create(serve.db, id, req->now, key,
	    sizeof(key))) != QA_OK)
		goto out;
	if ((manage = arena_printf(&req->arena, "/post/%lld/manage?key=%s",
	    (long long)id, key)) == NULL) {
		er = QA_ESYS;
		goto out;
	}
	if (pn.anon_email != NULL) {
		er = queue_manage_mail(req, in, url, manage,
		    pn.status == POST_QUEUED);
		mailed = er == QA_OK;
	}
out:
	explicit_bzero(key, sizeof(key));
	if (er == QA_OK)
		er = db_tx_commit(serve.db);
	if (er != QA_OK) {
		db_tx_rollback(serve.db);
		return er;
	}
	if (posting_count(req, POSTING_QUESTION) != QA_OK)
		fprintf(stderr, "ask: question %lld not counted against the "
		    "rate limits\n", (long long)id);
	if (mailed)
		serve_after(req, notify_send_soon, &serve);
	if (!anon)
		return http_redirect(req, 303, url);
	return posting_posted_page(req, POSTING_QUESTION, url, manage,
	    pn.anon_email, pn.status == POST_QUEUED);
}

/*
 * GET /ask?title=&tags= -- the form, empty but for a title and tags
 * passed in the query (from a search that found nothing, say).
 * 200; 303 to /login?next=/ask for a visitor when the site takes no
 * anonymous questions; 403 for a blocked account (or one whose email
 * address must be confirmed first).
 */
static enum qa_err
ask_get(struct qa_request *req)
{
	struct form	 f;
	struct cats	 cs;
	const char	*why, *q;
	enum qa_err	 er;

	if (posting_allowed(req, POSTING_QUESTION, &why) != QA_OK) {
		if (req->user == NULL)
			return http_redirect(req, 303, "/login?next=/ask");
		req->error = why;
		return QA_EFORBIDDEN;
	}
	if ((er = cats_load(req, &cs)) != QA_OK)
		return er;
	form_read(req, &f, ask_fields, ASK__MAX);
	if ((q = http_query(req, "title")) != NULL && strlen(q) <= QUERY_MAX)
		f.val[ASK_TITLE] = q;
	if ((q = http_query(req, "tags")) != NULL && strlen(q) <= QUERY_MAX)
		f.val[ASK_TAGS] = q;
	return ask_render(req, &f, &cs, NULL, true, false, 200);
}

/*
 * POST /ask -- title, body, category, tags, and from visitors name and
 * email; notify (the mail box), stamp and website (the spam defence),
 * csrf (checked by serve before this runs); and the button: preview or
 * post (no button counts as post).
 * Preview: 200 and the form again with the preview and similar
 * questions; nothing is saved.
 * Post: 303 to /q/{id}/{slug} for members (also when the question waits
 * in the moderation queue: its author sees it there); 200 and the posted
 * page with the manage link for visitors -- the one exception to
 * Post/Redirect/Get, because the secret link is shown once and must not
 * travel in a URL; 422 and the form again with messages by the fields,
 * or a message at the top when the stamp or honeypot fails; 429 and the
 * form while over a rate limit; 403 for a poster who may not ask
 * (blocked, or a visitor when anonymous posting is off).
 */
static enum qa_err
ask_post(struct qa_request *req)
{
	struct form	 f;
	struct cats	 cs;
	struct ask_in	 in;
	const char	*why = NULL, *why2;
	int64_t		 retry;
	char		 rs[24];
	bool		 preview;
	enum qa_err	 er;

	if ((er = posting_allowed(req, POSTING_QUESTION, &why)) != QA_OK) {
		req->error = why;
		return er;
	}
	if ((er = cats_load(req, &cs)) != QA_OK)
		return er;
	form_read(req, &f, ask_fields, ASK__MAX);
	preview = http_formval(req, "preview") != NULL &&
	    http_formval(req, "post") == NULL;
	if (preview)
		return ask_render(req, &f, &cs, stamp_keep(req),
		    f.val[ASK_NOTIFY][0] != '\0', true, 200);

	if ((er = ask_validate(req, &f, &cs, &in)) != QA_OK)
		return er;
	er = posting_check(req, POSTING_QUESTION, in.body, &why);
	switch (er) {
	case QA_OK:
		break;
	case QA_EFORBIDDEN:
		req->error = why;
		return er;
	case QA_ELIMIT:
		f.alert = why;
		if (posting_limit(req, POSTING_QUESTION, &retry, &why2) ==
		    QA_ELIMIT) {
			snprintf(rs, sizeof(rs), "%lld",
			    (long long)(retry < 1 ? 1 : retry));
			http_header(req, "Retry-After", rs);
		}
		return ask_render(req, &f, &cs, stamp_keep(req), in.notify,
		    false, 429);
	case QA_EINVALID:
		/* The links problem is already by the body; else the stamp. */
		if (why == NULL)
			why = "This form could not be accepted.";
		if (f.err[ASK_BODY] == NULL ||
		    strcmp(why, f.err[ASK_BODY]) != 0)
			f.alert = why;
		break;
	default:
		return er;
	}
	if (f.nerr > 0 || f.alert != NULL)
		return ask_render(req, &f, &cs, stamp_keep(req), in.notify,
		    false, 422);
	return ask_create(req, &in);
}

static const struct route routes[] = {
	{ "/ask", ROUTE_GET, ask_get },
	{ "/ask", ROUTE_POST | ROUTE_WRITE, ask_post },
};

int
main(void)
{
	return serve_run("ask", routes, nitems(routes));
}
